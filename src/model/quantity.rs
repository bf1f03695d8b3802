//! A number with its unit (£m, children, a share 0-1, …), so that whatever shows or exports
//! a figure knows what the number means. Written for a board by `crate::format::quantity`.

/// A number and its unit. Written for a board by `crate::format::quantity`.
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
