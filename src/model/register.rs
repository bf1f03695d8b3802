//! The risk register: the risks as published, their default ratings, the user's edits
//! on top of them, and the summary figures the heat map shows.

use super::citation::Citation;
use super::error::DatasetError;
use super::provenance::{each, Provenance};
use super::scales::{Impact, Rating, Scales};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A risk's identifier in the register, e.g. `R3`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct RiskId(pub String);

impl RiskId {
    pub fn new(id: &str) -> Self {
        RiskId(id.to_string())
    }
}

/// The longest owner name kept, in characters.
pub const MAX_OWNER_CHARS: usize = 120;

/// Checks that `id` names a risk of the register; the error names `field`.
pub fn known_risk(risk_ids: &[RiskId], id: &RiskId, field: &str) -> Result<(), DatasetError> {
    if risk_ids.contains(id) {
        Ok(())
    } else {
        Err(DatasetError::field(
            field,
            &format!("\"{id}\" is not a risk in the register"),
        ))
    }
}

impl fmt::Display for RiskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which of a risk's three ratings: before controls, now, or the aim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum RatingKind {
    Inherent,
    Current,
    Target,
}

impl RatingKind {
    pub const ALL: [RatingKind; 3] = [
        RatingKind::Inherent,
        RatingKind::Current,
        RatingKind::Target,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RatingKind::Inherent => "Inherent",
            RatingKind::Current => "Current",
            RatingKind::Target => "Target",
        }
    }

    /// What the rating means, for a tooltip.
    pub fn explanation(self) -> &'static str {
        match self {
            RatingKind::Inherent => "Inherent: the risk before any controls or mitigations act on it.",
            RatingKind::Current => "Current: the risk now, with today's controls working as they do (also called residual).",
            RatingKind::Target => "Target: where the Board aims to bring the risk once planned actions are complete.",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            RatingKind::Inherent => "inherent",
            RatingKind::Current => "current",
            RatingKind::Target => "target",
        }
    }
}

/// A default rating with its one-line rationale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DefaultRating {
    pub likelihood: super::scales::Likelihood,
    pub impact: super::scales::Impact,
    pub rationale: String,
}

impl DefaultRating {
    pub fn rating(&self) -> Rating {
        Rating {
            likelihood: self.likelihood,
            impact: self.impact,
        }
    }
}

/// A risk's three default ratings and where they come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DefaultRatings {
    pub inherent: DefaultRating,
    pub current: DefaultRating,
    pub target: DefaultRating,
    pub provenance: Provenance,
}

impl DefaultRatings {
    pub fn get(&self, kind: RatingKind) -> &DefaultRating {
        match kind {
            RatingKind::Inherent => &self.inherent,
            RatingKind::Current => &self.current,
            RatingKind::Target => &self.target,
        }
    }
}

/// A risk's three ratings as they stand after the user's edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RiskRatings {
    pub inherent: Rating,
    pub current: Rating,
    pub target: Rating,
}

impl RiskRatings {
    pub fn get(&self, kind: RatingKind) -> Rating {
        match kind {
            RatingKind::Inherent => self.inherent,
            RatingKind::Current => self.current,
            RatingKind::Target => self.target,
        }
    }
}

/// A rating out of the usual order (inherent ≥ current ≥ target, by score). Allowed, as
/// a register can record it, but never silent: the register and the map say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderWarning {
    /// The current score is above the inherent one: the controls would be making the
    /// risk worse.
    CurrentAboveInherent,
    /// The target score is above the current one: the aim is worse than today.
    TargetAboveCurrent,
}

impl RiskRatings {
    /// The ways these ratings run against the usual order.
    pub fn order_warnings(&self) -> Vec<OrderWarning> {
        let mut out = Vec::new();
        if self.current.score() > self.inherent.score() {
            out.push(OrderWarning::CurrentAboveInherent);
        }
        if self.target.score() > self.current.score() {
            out.push(OrderWarning::TargetAboveCurrent);
        }
        out
    }

    /// The warnings that concern the rating of this kind (an editor shows these).
    pub fn order_warnings_for(&self, kind: RatingKind) -> Vec<OrderWarning> {
        self.order_warnings()
            .into_iter()
            .filter(|w| {
                !matches!(
                    (w, kind),
                    (OrderWarning::CurrentAboveInherent, RatingKind::Target)
                        | (OrderWarning::TargetAboveCurrent, RatingKind::Inherent)
                )
            })
            .collect()
    }
}

/// Direction the risk is moving in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TrendDirection {
    Rising,
    Stable,
    Falling,
}

impl TrendDirection {
    pub fn label(self) -> &'static str {
        match self {
            TrendDirection::Rising => "Rising",
            TrendDirection::Stable => "Stable",
            TrendDirection::Falling => "Falling",
        }
    }

    /// A symbol that does not rely on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            TrendDirection::Rising => "▲",
            TrendDirection::Stable => "▶",
            TrendDirection::Falling => "▼",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Trend {
    pub direction: TrendDirection,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub name: String,
    pub provenance: Provenance,
}

/// How a control came to be attached to this risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attachment {
    /// The source ties the control to this risk.
    Stated,
    /// The source names the control; tying it to this risk is our reading.
    OurReading,
}

impl Attachment {
    pub fn is_our_reading(self) -> bool {
        self == Attachment::OurReading
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub name: String,
    pub attachment: Attachment,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// What the quote shows, in a few plain words.
    pub summary: String,
    pub provenance: Provenance,
}

/// What "crystallises" means for a risk in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventDefinition {
    pub definition: String,
    pub provenance: Provenance,
}

/// One strategic risk, as published, with its defaults and evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: RiskId,
    /// The title as printed in the source.
    pub title: String,
    /// A short name for maps and tables.
    pub short_title: String,
    /// The statement verbatim from the source.
    pub statement: String,
    /// Where title and statement are printed.
    pub cite: Citation,
    /// Other places the same wording is printed.
    #[serde(default)]
    pub also_cited: Vec<Citation>,
    pub event: EventDefinition,
    /// The risk's owner, where a source names one. None of today's sources does, so the
    /// register shows "not published" until the user names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    pub ratings: DefaultRatings,
    /// Where the impact rating rests on another dimension than money (safeguarding,
    /// regulation) or the money a risk can move is bounded (the social-work pay bill),
    /// its financial impact at the current rating, which sizes its shocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_impact: Option<FinancialImpact>,
    pub trend: Trend,
    pub controls: Vec<Control>,
    pub evidence: Vec<Evidence>,
}

/// A risk's own financial-impact rating (an assumption with its rationale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FinancialImpact {
    /// The financial impact at the dataset's current rating.
    pub current: Impact,
    pub provenance: Provenance,
}

impl Risk {
    /// The financial impact that goes with a rating's impact: the same level, or, where
    /// the risk has its own financial impact, that level moved by as many steps as the
    /// rating's impact is from the dataset's current impact (so controls that lower the
    /// impact lower the money too).
    pub fn financial_impact(&self, rating_impact: Impact) -> Impact {
        match &self.financial_impact {
            None => rating_impact,
            Some(f) => Impact::saturating(
                i32::from(rating_impact.get()) + i32::from(f.current.get())
                    - i32::from(self.ratings.current.impact.get()),
            ),
        }
    }

    /// The financial impact the dataset's shocks are written for: at the current rating.
    pub fn default_financial_impact(&self) -> Impact {
        self.financial_impact(self.ratings.current.impact)
    }

    /// The owner the dataset gives, or "" where the sources name none.
    pub fn default_owner(&self) -> &str {
        self.owner.as_ref().map(|o| o.name.as_str()).unwrap_or("")
    }

    pub fn default_ratings(&self) -> RiskRatings {
        RiskRatings {
            inherent: self.ratings.inherent.rating(),
            current: self.ratings.current.rating(),
            target: self.ratings.target.rating(),
        }
    }

    pub(super) fn validate(
        &self,
        field: &str,
        check: &dyn Fn(&Provenance, &str) -> Result<(), DatasetError>,
    ) -> Result<(), DatasetError> {
        let id = &self.id.0;
        if id.trim().is_empty() || id.len() > 8 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(DatasetError::field(
                &format!("{field}.id"),
                "must be a short code of letters and digits, such as R3",
            ));
        }
        for (name, text) in [
            ("title", &self.title),
            ("short_title", &self.short_title),
            ("statement", &self.statement),
            ("event.definition", &self.event.definition),
        ] {
            if text.trim().is_empty() {
                return Err(DatasetError::field(
                    &format!("{field}.{name}"),
                    "must not be empty",
                ));
            }
        }
        let mut provs = Vec::new();
        self.provenances(field, &mut provs);
        for (f, p) in provs {
            check(p, &f)?;
        }
        Ok(())
    }

    pub(super) fn provenances<'a>(&'a self, field: &str, out: &mut Vec<(String, &'a Provenance)>) {
        out.push((format!("{field}.event.provenance"), &self.event.provenance));
        if let Some(o) = &self.owner {
            out.push((format!("{field}.owner.provenance"), &o.provenance));
        }
        out.push((
            format!("{field}.ratings.provenance"),
            &self.ratings.provenance,
        ));
        out.push((format!("{field}.trend.provenance"), &self.trend.provenance));
        if let Some(f) = &self.financial_impact {
            out.push((
                format!("{field}.financial_impact.provenance"),
                &f.provenance,
            ));
        }
        each(out, &format!("{field}.controls"), &self.controls, |c| {
            &c.provenance
        });
        each(out, &format!("{field}.evidence"), &self.evidence, |e| {
            &e.provenance
        });
    }
}

/// The user's changes to one risk; `None` means "as the dataset says".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RiskEdit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Rating>,
}

impl RiskEdit {
    fn slot(&mut self, kind: RatingKind) -> &mut Option<Rating> {
        match kind {
            RatingKind::Inherent => &mut self.inherent,
            RatingKind::Current => &mut self.current,
            RatingKind::Target => &mut self.target,
        }
    }

    pub fn get(&self, kind: RatingKind) -> Option<Rating> {
        match kind {
            RatingKind::Inherent => self.inherent,
            RatingKind::Current => self.current,
            RatingKind::Target => self.target,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == RiskEdit::default()
    }
}

/// Everything the user changed in the register. Only differences from the defaults are
/// kept, so "what differs" is exact and a shared link stays short.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterEdits {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub risks: BTreeMap<RiskId, RiskEdit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appetite: Option<u8>,
}

impl RegisterEdits {
    pub fn ratings(&self, risk: &Risk) -> RiskRatings {
        let defaults = risk.default_ratings();
        match self.risks.get(&risk.id) {
            None => defaults,
            Some(e) => RiskRatings {
                inherent: e.inherent.unwrap_or(defaults.inherent),
                current: e.current.unwrap_or(defaults.current),
                target: e.target.unwrap_or(defaults.target),
            },
        }
    }

    pub fn rating(&self, risk: &Risk, kind: RatingKind) -> Rating {
        self.ratings(risk).get(kind)
    }

    pub fn owner<'a>(&'a self, risk: &'a Risk) -> &'a str {
        self.risks
            .get(&risk.id)
            .and_then(|e| e.owner.as_deref())
            .unwrap_or(risk.default_owner())
    }

    /// Whether the owner shown is the user's (not the dataset's default).
    pub fn owner_edited(&self, risk: &Risk) -> bool {
        self.risks.get(&risk.id).is_some_and(|e| e.owner.is_some())
    }

    pub fn appetite(&self, scales: &Scales) -> u8 {
        self.appetite.unwrap_or(scales.appetite.threshold)
    }

    /// Sets a rating; setting it back to the default removes the edit.
    pub fn set_rating(&mut self, risk: &Risk, kind: RatingKind, rating: Rating) {
        let is_default = risk.ratings.get(kind).rating() == rating;
        let edit = self.risks.entry(risk.id.clone()).or_default();
        *edit.slot(kind) = (!is_default).then_some(rating);
        self.prune(&risk.id);
    }

    /// Sets an owner's name, cut to [`MAX_OWNER_CHARS`] (typed or loaded alike); the
    /// default owner (blank where the sources name none) removes the edit.
    pub fn set_owner(&mut self, risk: &Risk, owner: &str) {
        let owner: String = owner.chars().take(MAX_OWNER_CHARS).collect();
        let keep = owner != risk.default_owner();
        let edit = self.risks.entry(risk.id.clone()).or_default();
        edit.owner = keep.then_some(owner);
        self.prune(&risk.id);
    }

    pub fn set_appetite(&mut self, scales: &Scales, threshold: u8) {
        let t = threshold.clamp(1, scales.max_score());
        self.appetite = (t != scales.appetite.threshold).then_some(t);
    }

    pub fn reset_risk(&mut self, id: &RiskId) {
        self.risks.remove(id);
    }

    fn prune(&mut self, id: &RiskId) {
        if self.risks.get(id).is_some_and(RiskEdit::is_empty) {
            self.risks.remove(id);
        }
    }
}
