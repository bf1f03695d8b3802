//! The heat map: how many risks sit above appetite at the chosen rating, and the summary
//! beside the map (risks per band, those above appetite, total exposure).

use super::Quantity;
use crate::format;
use crate::model::{Dataset, RatingKind, RegisterEdits, RegisterSummary, RiskId, Score};

/// The heat map page's words and summary.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPage {
    pub headline: String,
    /// What the map shows, under it.
    pub caption: String,
    pub summary: MapSummary,
}

/// The summary beside the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSummary {
    /// `At current ratings`.
    pub heading: String,
    /// Risks in each band, highest band first.
    pub bands: Vec<BandCount>,
    /// `Above appetite (score above 12)`.
    pub above_heading: String,
    /// Risks above appetite, highest score first.
    pub above: Vec<AboveAppetite>,
    /// Σ likelihood × impact at this rating, the largest possible, and at inherent.
    pub exposure: u32,
    pub max_exposure: u32,
    pub inherent_exposure: u32,
    /// How this rating's exposure compares with the inherent one, in a sentence.
    pub compared: String,
}

/// One band and how many risks are in it.
#[derive(Debug, Clone, PartialEq)]
pub struct BandCount {
    pub name: String,
    /// `Very high (20-25)`.
    pub label: String,
    pub colour: String,
    pub risks: Quantity,
}

/// A risk above appetite.
#[derive(Debug, Clone, PartialEq)]
pub struct AboveAppetite {
    pub id: RiskId,
    pub score: Score,
    /// `R3 Demand pressure`.
    pub name: String,
}

/// The page at rating `kind` for the user's register edits.
pub fn page(ds: &Dataset, edits: &RegisterEdits, kind: RatingKind) -> MapPage {
    let s = RegisterSummary::of(ds, edits, kind);
    let n = ds.risks.len();
    let above = s.above_appetite.len();
    let rating = kind.label().to_lowercase();
    MapPage {
        headline: format!(
            "{above} of {n} risks {} above appetite at {rating} ratings",
            if above == 1 { "is" } else { "are" },
        ),
        caption: format!(
            "Each circle is one of the {n} strategic risks, placed by the likelihood (across) and impact (up) of its {rating} rating. Cells show the score (likelihood × impact) and its band; hatched cells lie above the risk appetite."
        ),
        summary: summary(ds, &s),
    }
}

fn summary(ds: &Dataset, s: &RegisterSummary) -> MapSummary {
    let reduction = s.reduction_from_inherent();
    MapSummary {
        heading: format!("At {} ratings", s.kind.label().to_lowercase()),
        bands: ds
            .scales
            .bands
            .iter()
            .zip(&s.per_band)
            .rev()
            .map(|(b, n)| BandCount {
                name: b.name.clone(),
                label: format::band_range(b),
                colour: b.colour.clone(),
                risks: Quantity::Risks(*n),
            })
            .collect(),
        above_heading: format!("Above appetite (score above {})", s.appetite),
        above: s
            .above_appetite
            .iter()
            .map(|(id, score)| AboveAppetite {
                id: id.clone(),
                score: *score,
                name: format!(
                    "{id} {}",
                    ds.risk(&id.0)
                        .map(|r| r.short_title.clone())
                        .unwrap_or_default()
                ),
            })
            .collect(),
        exposure: s.exposure,
        max_exposure: s.max_exposure,
        inherent_exposure: s.inherent_exposure,
        compared: if s.kind == RatingKind::Inherent {
            "This is the inherent rating, before controls.".to_string()
        } else if reduction >= 0.0 {
            format!(
                "Controls take away {} of the inherent exposure.",
                format::percent(reduction)
            )
        } else {
            format!(
                "This is {} more than the inherent exposure.",
                format::percent(-reduction)
            )
        },
    }
}
