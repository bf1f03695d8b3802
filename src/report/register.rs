//! The register: how many of the risks are above appetite at their current rating.

use crate::model::{Dataset, RatingKind, RegisterEdits, RegisterSummary};

/// The page's lead sentence (the view adds the full stop).
pub fn lead(ds: &Dataset, edits: &RegisterEdits) -> String {
    let summary = RegisterSummary::of(ds, edits, RatingKind::Current);
    let n = ds.risks.len();
    match summary.above_appetite.len() {
        0 => format!("None of the {n} risks is above appetite at its current rating"),
        1 => format!("1 of the {n} risks is above appetite at its current rating"),
        above => format!("{above} of the {n} risks are above appetite at their current rating"),
    }
}
