//! The heat map: how many risks sit above appetite at the chosen rating, and the summary
//! beside the map (risks per band against the inherent rating, those above appetite).
//! Ratings are ordinal judgements, so the summary counts them; it never adds them up.

use super::Quantity;
use crate::format;
use crate::model::{Dataset, RatingKind, RegisterEdits, RegisterSummary, RiskId, Score};

/// The heat map page's words and summary.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPage {
    pub headline: String,
    /// What the map shows, under it.
    pub caption: String,
    /// Where the risks and ratings come from.
    pub source: String,
    pub summary: MapSummary,
}

/// The summary beside the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSummary {
    /// `At current ratings`.
    pub heading: String,
    /// Risks in each band, highest band first.
    pub bands: Vec<BandCount>,
    /// The heading of the column of counts at the rating on show (`Current`), and of the
    /// inherent column beside it (None when the inherent rating is on show).
    pub column: String,
    pub inherent_column: Option<String>,
    /// `Above appetite (score above 12)`.
    pub above_heading: String,
    /// Risks above appetite, highest score first.
    pub above: Vec<AboveAppetite>,
    /// How many are above appetite at this rating against the inherent one, in a sentence.
    pub compared: String,
    /// Why the scores are counted and not added.
    pub note: String,
}

/// One band and how many risks are in it.
#[derive(Debug, Clone, PartialEq)]
pub struct BandCount {
    pub name: String,
    /// `Very high (20-25)`.
    pub label: String,
    pub colour: String,
    pub risks: Quantity,
    /// How many are in the band at the inherent rating.
    pub inherent: Quantity,
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
        source: crate::charts::register::source(ds),
        summary: summary(ds, &s),
    }
}

fn summary(ds: &Dataset, s: &RegisterSummary) -> MapSummary {
    let above = s.above_appetite.len();
    let risks = |n: usize| if n == 1 { "risk" } else { "risks" };
    MapSummary {
        heading: format!("At {} ratings", s.kind.label().to_lowercase()),
        bands: ds
            .scales
            .bands
            .iter()
            .zip(s.per_band.iter().zip(&s.inherent_per_band))
            .rev()
            .map(|(b, (n, inherent))| BandCount {
                name: b.name.clone(),
                label: format::band_range(b),
                colour: b.colour.clone(),
                risks: Quantity::Risks(*n),
                inherent: Quantity::Risks(*inherent),
            })
            .collect(),
        column: s.kind.label().to_string(),
        inherent_column: (s.kind != RatingKind::Inherent)
            .then(|| RatingKind::Inherent.label().to_string()),
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
        compared: if s.kind == RatingKind::Inherent {
            format!(
                "{above} {} above appetite before any controls act.",
                risks(above)
            )
        } else {
            format!(
                "{above} {} above appetite at {} ratings, against {} before controls (inherent).",
                risks(above),
                s.kind.label().to_lowercase(),
                s.inherent_above
            )
        },
        note: format!(
            "Scores are judgements on two 1 to {} scales, so they are counted by band here, not added up.",
            ds.scales.levels()
        ),
    }
}

/// Whether the appetite threshold in use is our assumption (the default; the Trust states
/// none).
pub fn appetite_assumed(ds: &Dataset, edits: &RegisterEdits) -> bool {
    edits.appetite.is_none() && ds.scales.appetite.provenance.is_assumption()
}

/// The path view's key: which risk's path is shown and how to read it, or how to choose one.
pub fn path_key(ds: &Dataset, selected: Option<&RiskId>, kind: RatingKind) -> String {
    match selected.and_then(|id| ds.risk(&id.0)) {
        Some(r) => format!(
            "Path of {} only (the other risks are hidden while the path is on): the filled circle is its {} rating, the dashed circles its others (I inherent, C current, T target); arrows run inherent → current → target.",
            r.id,
            kind.label().to_lowercase()
        ),
        None => "Path: select a risk (click it, or Tab to it and press Enter) to see its inherent → current → target path.".to_string(),
    }
}
