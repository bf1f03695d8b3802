//! What the register adds up to at one rating: risks per band and above appetite.

use super::register::{RatingKind, RegisterEdits, RiskId};
use super::scales::Score;
use super::Dataset;

/// The figures beside the heat map, for one rating kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSummary {
    pub kind: RatingKind,
    /// Number of risks in each band, lowest band first.
    pub per_band: Vec<usize>,
    /// Risks scoring above the appetite threshold, highest score first.
    pub above_appetite: Vec<(RiskId, Score)>,
    /// Σ likelihood × impact over all risks at this rating.
    pub exposure: u32,
    /// The same at the inherent rating, for comparison.
    pub inherent_exposure: u32,
    /// The largest possible exposure (25 per risk).
    pub max_exposure: u32,
    pub appetite: u8,
}

impl RegisterSummary {
    pub fn of(dataset: &Dataset, edits: &RegisterEdits, kind: RatingKind) -> Self {
        let scales = &dataset.scales;
        let appetite = edits.appetite(scales);
        let mut per_band = vec![0; scales.bands.len()];
        let mut above = Vec::new();
        let mut exposure = 0u32;
        let mut inherent_exposure = 0u32;
        for risk in &dataset.risks {
            let ratings = edits.ratings(risk);
            let score = ratings.get(kind).score();
            per_band[scales.band_index(score)] += 1;
            if score.above(appetite) {
                above.push((risk.id.clone(), score));
            }
            exposure += score.0 as u32;
            inherent_exposure += ratings.inherent.score().0 as u32;
        }
        above.sort_by_key(|a| std::cmp::Reverse(a.1));
        RegisterSummary {
            kind,
            per_band,
            above_appetite: above,
            exposure,
            inherent_exposure,
            max_exposure: 25 * dataset.risks.len() as u32,
            appetite,
        }
    }

    /// How much of the inherent exposure the controls remove, 0-1 (negative if worse).
    pub fn reduction_from_inherent(&self) -> f64 {
        if self.inherent_exposure == 0 {
            0.0
        } else {
            1.0 - self.exposure as f64 / self.inherent_exposure as f64
        }
    }
}
