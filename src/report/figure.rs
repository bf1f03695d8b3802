//! A key figure: a number with its unit, what it is called and what it is compared with.

/// A number and its unit. Written for a board by [`crate::format::quantity`].
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// Money in £m: `£12.3m`, `−£1.8m`.
    GbpM(f64),
    /// A gap in £m, spend minus funding; written with a word for its sign:
    /// `£4.2m overspend`, `£1.0m surplus`.
    Gap(f64),
    /// A compounding excess in £m; written with a word for its sign, and as `£0.0m` when
    /// it rounds to nothing: `£3.1m worse together`, `£0.4m less together`.
    Excess(f64),
    /// A share 0-1, written as a whole percentage: `35%`.
    Share(f64),
    /// A share 0-1, written with one decimal: `2.5%`.
    Share1dp(f64),
    /// Children, rounded when written: `2,312 children`.
    Children(f64),
    /// A headcount from the model's arithmetic, rounded when written, no unit: `2,312`.
    Headcount(f64),
    /// A count of something with its unit, rounded when written: `1,961 children`.
    Counted { n: f64, unit: String },
    /// A rate per 10,000 children, written as published: `80 per 10,000`.
    Per10k(f64),
    /// Whole pounds, rounded when written: `£1,234`.
    Gbp(f64),
    /// A plain number written with this many decimals: `12`.
    Number { value: f64, decimals: usize },
    /// Children per social worker: `17.3 children per social worker`.
    PerSocialWorker(f64),
    /// A number of risks: `1 risk`, `3 risks`.
    Risks(usize),
    /// Years out of a horizon: `3 of 5`.
    YearsOf { years: usize, of: u32 },
    /// No number, and why: `no such trials`.
    Missing(&'static str),
}

impl Quantity {
    /// The number itself, for an export (None when there is no number).
    pub fn number(&self) -> Option<f64> {
        match self {
            Quantity::GbpM(x)
            | Quantity::Gap(x)
            | Quantity::Excess(x)
            | Quantity::Share(x)
            | Quantity::Share1dp(x)
            | Quantity::Children(x)
            | Quantity::Headcount(x)
            | Quantity::PerSocialWorker(x)
            | Quantity::Per10k(x)
            | Quantity::Gbp(x)
            | Quantity::Counted { n: x, .. }
            | Quantity::Number { value: x, .. } => Some(*x),
            Quantity::YearsOf { years, .. } => Some(*years as f64),
            Quantity::Risks(n) => Some(*n as f64),
            Quantity::Missing(_) => None,
        }
    }
}

/// What a figure's value is set against, written after it.
#[derive(Debug, Clone, PartialEq)]
pub enum Context {
    /// The same measure with no risk events: `(baseline 2,100)`.
    Baseline(Quantity),
    /// A range around the value: `(£1.0m to £9.0m)`.
    Range(Quantity, Quantity),
    /// The value as a share 0-1 of the contract sum: `(2.5% of the contract sum)`.
    OfContractSum(f64),
    /// The value matches the published figure: `= published ✓`.
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

    /// The value checks out against a published figure.
    pub fn is_confirmed(&self) -> bool {
        self.context == Some(Context::MatchesPublished)
    }
}
