//! The register: how many of the risks are above appetite at their current rating.

use crate::model::{Dataset, RatingKind, RegisterEdits, RegisterSummary, Risk};

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

/// A risk's words as the register shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskWords {
    /// `R3 Demand pressure`.
    pub name: String,
    /// The published statement in quotation marks.
    pub statement: String,
    /// `Rising`, shown after its arrow.
    pub trend: &'static str,
    /// `Controls (3) and evidence (2)`.
    pub controls_and_evidence: String,
}

pub fn risk_words(risk: &Risk) -> RiskWords {
    RiskWords {
        name: format!("{} {}", risk.id, risk.short_title),
        statement: format!("“{}”", risk.statement),
        trend: risk.trend.direction.label(),
        controls_and_evidence: format!(
            "Controls ({}) and evidence ({})",
            risk.controls.len(),
            risk.evidence.len()
        ),
    }
}
