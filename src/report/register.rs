//! The register: how many of the risks are above appetite at their current rating.

use crate::model::{
    Dataset, OrderWarning, RatingKind, RegisterEdits, RegisterSummary, Risk, RiskRatings,
};

/// What the register shows for an owner the sources do not name and the user has not set.
pub const OWNER_NOT_PUBLISHED: &str = "not published";

/// The owner as shown: the user's, or the dataset's, or "not published".
pub fn owner_text(edits: &RegisterEdits, risk: &Risk) -> String {
    match edits.owner(risk).trim() {
        "" => OWNER_NOT_PUBLISHED.to_string(),
        name => name.to_string(),
    }
}

/// Whether the owner shown is our assumption (a default the sources do not give).
pub fn owner_assumed(edits: &RegisterEdits, risk: &Risk) -> bool {
    !edits.owner_edited(risk)
        && risk
            .owner
            .as_ref()
            .is_some_and(|o| o.provenance.is_assumption())
}

/// Whether a rating shown is our assumption: the dataset's default, unchanged, where the
/// defaults are assumed (today all are; the sources publish no scores).
pub fn rating_assumed(edits: &RegisterEdits, risk: &Risk, kind: RatingKind) -> bool {
    risk.ratings.provenance.is_assumption()
        && edits.rating(risk, kind) == risk.ratings.get(kind).rating()
}

/// A plain warning for a rating out of the usual order, with the scores.
pub fn order_warning(w: OrderWarning, r: &RiskRatings) -> String {
    match w {
        OrderWarning::CurrentAboveInherent => format!(
            "Check: the current score ({}) is above the inherent score ({}), as if the controls made this risk worse.",
            r.current.score().0,
            r.inherent.score().0
        ),
        OrderWarning::TargetAboveCurrent => format!(
            "Check: the target score ({}) is above the current score ({}), so the aim is worse than today.",
            r.target.score().0,
            r.current.score().0
        ),
    }
}

/// The warnings an editor of `kind` shows for these ratings.
pub fn order_warnings(r: &RiskRatings, kind: RatingKind) -> Vec<String> {
    r.order_warnings_for(kind)
        .into_iter()
        .map(|w| order_warning(w, r))
        .collect()
}

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
