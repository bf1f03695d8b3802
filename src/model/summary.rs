//! What the register adds up to at one rating: risks per band and above appetite.
//! Ratings are ordinal (a 5×5 grid of judgements), so they are counted, never summed.

use super::register::{RatingKind, RegisterEdits, RiskId};
use super::scales::Score;
use super::Dataset;

/// The figures beside the heat map, for one rating kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSummary {
    pub kind: RatingKind,
    /// Number of risks in each band at this rating, lowest band first.
    pub per_band: Vec<usize>,
    /// The same at the inherent rating, for comparison.
    pub inherent_per_band: Vec<usize>,
    /// Risks scoring above the appetite threshold, highest score first.
    pub above_appetite: Vec<(RiskId, Score)>,
    /// How many risks are above appetite at the inherent rating.
    pub inherent_above: usize,
    pub appetite: u8,
}

impl RegisterSummary {
    pub fn of(dataset: &Dataset, edits: &RegisterEdits, kind: RatingKind) -> Self {
        let scales = &dataset.scales;
        let appetite = edits.appetite(scales);
        let mut per_band = vec![0; scales.bands.len()];
        let mut inherent_per_band = vec![0; scales.bands.len()];
        let mut above = Vec::new();
        let mut inherent_above = 0;
        for risk in &dataset.risks {
            let ratings = edits.ratings(risk);
            let score = ratings.get(kind).score();
            per_band[scales.band_index(score)] += 1;
            if score.above(appetite) {
                above.push((risk.id.clone(), score));
            }
            let inherent = ratings.inherent.score();
            inherent_per_band[scales.band_index(inherent)] += 1;
            if inherent.above(appetite) {
                inherent_above += 1;
            }
        }
        above.sort_by_key(|a| std::cmp::Reverse(a.1));
        RegisterSummary {
            kind,
            per_band,
            inherent_per_band,
            above_appetite: above,
            inherent_above,
            appetite,
        }
    }
}
