//! A key figure: a number with its unit, what it is called and what it is compared with.

use crate::format;
use crate::model::Quantity;

/// What a figure's value is set against, written after it.
#[derive(Debug, Clone, PartialEq)]
pub enum Context {
    /// The same measure with no risk events: `(baseline 2,100)`.
    Baseline(Quantity),
    /// A range around the value: `(£1.0m to £9.0m)`.
    Range(Quantity, Quantity),
    /// The value as a share 0-1 of a named year's contract sum:
    /// `(2.5% of the 2029/30 contract sum of £356.2m)`.
    OfContractSum { share: f64, year: String, sum: f64 },
    /// The value reproduces the published figure, which holds by construction (the model
    /// is calibrated to it), so it is no independent check:
    /// `, reproduces the published table (by calibration)`.
    MatchesPublished,
    /// The value differs from the published figure by this many £m.
    FromPublished(f64),
}

/// One key figure.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigure {
    /// Stable id (the page's `data-figure` attribute), used by tests and exports.
    pub id: &'static str,
    pub label: String,
    /// The label's meaning in plain words, when it is jargon.
    pub explain: Option<String>,
    pub value: Quantity,
    pub context: Option<Context>,
    /// Where a published number comes from, for an export (none of today's are).
    pub source: Option<String>,
    /// A warning that goes with the value: ` — above the safe threshold`.
    pub flag: Option<String>,
    /// The page's main figure.
    pub emphasis: bool,
    /// Tests and scripts read the unrounded number from the page (`data-value`).
    pub exact: bool,
}

impl KeyFigure {
    /// A figure with a label and a value and nothing more.
    pub fn new(id: &'static str, label: impl Into<String>, value: Quantity) -> Self {
        KeyFigure {
            id,
            label: label.into(),
            explain: None,
            value,
            context: None,
            source: None,
            flag: None,
            emphasis: false,
            exact: false,
        }
    }

    pub fn explained(mut self, explain: impl Into<String>) -> Self {
        self.explain = Some(explain.into());
        self
    }

    pub fn against(mut self, context: Context) -> Self {
        self.context = Some(context);
        self
    }

    pub fn flagged(mut self, flag: Option<String>) -> Self {
        self.flag = flag;
        self
    }

    pub fn emphasised(mut self) -> Self {
        self.emphasis = true;
        self
    }

    pub fn exact(mut self) -> Self {
        self.exact = true;
        self
    }

    /// The value reproduces a published figure (by calibration, so it is no independent check).
    pub fn is_confirmed(&self) -> bool {
        self.context == Some(Context::MatchesPublished)
    }
}

impl KeyFigure {
    /// The value as shown, with what it is set against:
    /// `£12.3m (£1.0m to £20.0m)`, `£338.9m, reproduces the published table (by calibration)`.
    pub fn value_text(&self) -> String {
        let value = format::quantity(&self.value);
        match &self.context {
            None => value,
            Some(Context::Baseline(b)) => format!("{value} (baseline {})", format::quantity(b)),
            Some(Context::Range(lo, hi)) => format!(
                "{value} ({} to {})",
                format::quantity(lo),
                format::quantity(hi)
            ),
            Some(Context::OfContractSum { share, year, sum }) => {
                format!("{value} ({})", format::of_contract_sum(*share, year, *sum))
            }
            Some(Context::MatchesPublished) => {
                format!("{value}, {}", format::REPRODUCES_PUBLISHED)
            }
            Some(Context::FromPublished(d)) => {
                format!("{value} ({} from published)", format::gbp_m(*d))
            }
        }
    }

    /// The figure as one line, label first: `Residential: 12%`.
    pub fn line(&self) -> String {
        format!("{}: {}", self.label, self.value_text())
    }
}
