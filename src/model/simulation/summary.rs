//! What a simulation run reports: small, serialisable summaries (they cross from the web
//! worker to the page), each backing one chart and its table. Money in £m; a gap is
//! spend − funding, positive an overspend. Probabilities are fractions 0-1.

use crate::model::register::{RatingKind, RiskId};
use serde::{Deserialize, Serialize};

/// Fewer trials than this in a cell of the pairwise table and its excess is not shown:
/// the difference of four conditional means is too noisy to read.
pub const MIN_CELL_TRIALS: u32 = 100;

/// Percentiles and mean of a distribution, £m.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Quantiles {
    pub p5: f64,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub p95: f64,
    pub mean: f64,
}

/// Equal-width bins: `counts[i]` trials had a value in [edges[i], edges[i+1]).
/// The last bin also holds its upper edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u32>,
}

/// Where a threshold comes from, for the chart's markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThresholdKind {
    /// The user's own threshold.
    Chosen,
    /// A year's reported outturn (overspend positive, surplus negative), held against
    /// the simulated net outturn.
    Outturn,
    /// A gross cost pressure the Trust reported, held against simulated gross pressure.
    Pressure,
    /// A reference point outside the Trust's own record, held against the net outturn:
    /// England's average overspend in 2019/20.
    Reference,
}

/// The chance of passing one threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThresholdResult {
    /// "2023/24 outturn", "2019/20 placement overspend", "Your threshold".
    pub label: String,
    pub kind: ThresholdKind,
    /// £m.
    pub value: f64,
    /// P(the year's figure passes `value` in at least one of the five years): the net
    /// outturn above it, or, for a pressure, the gross pressure at or above it.
    pub p_any_year: f64,
    /// The share of single years in which it does (the chance in a given year).
    pub p_year: f64,
}

/// One point of an exceedance curve: the chance a value is above `x`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Exceedance {
    pub x: f64,
    pub p: f64,
}

/// One row of the tornado: how much worse the five-year gap is when a risk happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskEffect {
    pub risk: RiskId,
    /// E[five-year gap | the risk happened at least once], £m (None: it never happened).
    pub with: Option<f64>,
    /// E[five-year gap | it did not happen], £m (None: it always happened).
    pub without: Option<f64>,
}

impl RiskEffect {
    /// with − without, £m (None when either side has no trials).
    pub fn difference(&self) -> Option<f64> {
        Some(self.with? - self.without?)
    }
}

/// How many trials fell in each of the four cells of a pair (A happened at least once or
/// not, B likewise), and the excess E[g|A∧B] − E[g|A∧¬B] − E[g|¬A∧B] + E[g|¬A∧¬B].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairExcess {
    pub a: usize,
    pub b: usize,
    /// Trials in the cells [A∧B, A∧¬B, ¬A∧B, ¬A∧¬B].
    pub cells: [u32; 4],
    /// The interaction excess in £m; None when a cell has fewer than [`MIN_CELL_TRIALS`].
    pub excess: Option<f64>,
}

/// How often two risks happen in the same year, observed and if they were independent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoOccurrence {
    pub a: usize,
    pub b: usize,
    /// Share of trial-years in which both happened.
    pub observed: f64,
    /// Share expected if they were independent: Σ over years of P(A in year) × P(B in
    /// year), averaged over the years (with each year's observed frequencies).
    pub independent: f64,
}

impl CoOccurrence {
    /// observed ÷ independent (None when independence predicts none).
    pub fn ratio(&self) -> Option<f64> {
        (self.independent > 0.0).then(|| self.observed / self.independent)
    }
}

/// Outcomes that are not money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NonFinancial {
    /// Mean number of years (of the horizon) with caseloads above the safe threshold.
    pub mean_years_over_safe_caseload: f64,
    /// P(caseloads are above the safe threshold in at least one year).
    pub p_any_year_over_safe_caseload: f64,
    /// The same at baseline (no events): years over the threshold.
    pub baseline_years_over_safe_caseload: u32,
    /// Most children in unregistered settings in any year of a trial: distribution.
    pub unregistered_peak: Quantiles,
    /// The same at baseline (children).
    pub baseline_unregistered_peak: f64,
    /// Risks whose event is a harm in itself, with P(at least once in five years):
    /// the safeguarding incident and the regulatory event.
    pub harms: Vec<(RiskId, f64)>,
}

/// Everything one simulation run reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub trials: u32,
    pub seed: u64,
    pub rating: RatingKind,
    /// Whether the interaction multipliers were applied (off = risks independent).
    pub interactions: bool,
    /// The risks in dataset order; every per-risk vector below follows it.
    pub risks: Vec<RiskId>,
    /// First calendar year of each projected year (2025 = 2025/26).
    pub years: Vec<u16>,
    /// Each risk's annual chance at the rating used (links keep it: see the module note).
    pub base_probability: Vec<f64>,
    /// Each risk's shock factor at the rating used (its financial-impact sizing).
    pub factors: Vec<f64>,
    /// The annual net outturn with no risk events, £m per year, and its five-year sum.
    pub baseline_gaps: Vec<f64>,
    pub baseline_five_year: f64,
    /// Gross in-year pressure with no risk events, £m per year.
    pub baseline_gross: Vec<f64>,
    /// Children in care at the end of each year with no risk events.
    pub baseline_children: Vec<f64>,
    /// Whether management action and re-basing applied (off: unmanaged figures).
    pub management: bool,
    /// Distribution of the annual net outturn, per year.
    pub annual: Vec<Quantiles>,
    /// Distribution of the annual gross in-year pressure, per year.
    pub annual_gross: Vec<Quantiles>,
    /// Both over all trial-years together (what the record's years are held against).
    pub annual_net_all: Quantiles,
    pub annual_gross_all: Quantiles,
    /// Share of trial-years with a net outturn within the record's range.
    pub p_net_in_record_range: f64,
    /// The record's lowest and highest outturn, £m.
    pub record_range: (f64, f64),
    /// Children in care at the end of each year.
    pub children: Vec<Quantiles>,
    /// Distribution of the five-year net outturn.
    pub five_year: Quantiles,
    /// Distribution of the five-year gross pressure.
    pub five_year_gross: Quantiles,
    /// Distribution of the extra funding the Council finds over the plan (re-basing
    /// plus the net outturns it covers).
    pub extra_funding: Quantiles,
    pub histogram: Histogram,
    /// P(five-year net outturn > x), from the lowest to the highest simulated value.
    pub exceedance: Vec<Exceedance>,
    /// P(the largest annual net outturn of the five years > x): the "any year" curve.
    pub any_year_exceedance: Vec<Exceedance>,
    /// The chosen threshold first, then past outturns and pressures.
    pub thresholds: Vec<ThresholdResult>,
    /// P(the risk happens at least once in the five years).
    pub p_at_least_once: Vec<f64>,
    /// Share of trial-years in which the risk happened.
    pub yearly_frequency: Vec<f64>,
    /// `same_year[k]`: P(the busiest year of a trial has exactly k risks happening).
    pub same_year: Vec<f64>,
    /// `same_year_gap[k]`: E[five-year gap | the busiest year has at least k], £m.
    pub same_year_gap: Vec<Option<f64>>,
    /// `per_year_count[k]`: share of trial-years with exactly k risks happening.
    pub per_year_count: Vec<f64>,
    /// The same if the risks were independent at their base probabilities (the exact
    /// Poisson-binomial distribution), for comparison.
    pub per_year_count_independent: Vec<f64>,
    /// Every pair a < b.
    pub co_occurrence: Vec<CoOccurrence>,
    /// One per risk, in dataset order.
    pub effects: Vec<RiskEffect>,
    /// Every pair a < b.
    pub pairs: Vec<PairExcess>,
    pub non_financial: NonFinancial,
}

impl Summary {
    /// P(at least `k` risks happen in the same year, in at least one year).
    pub fn p_same_year_at_least(&self, k: usize) -> f64 {
        self.same_year.iter().skip(k).sum()
    }

    /// E[five-year gap | at least `k` risks happen in the same year] (None: never).
    pub fn gap_same_year_at_least(&self, k: usize) -> Option<f64> {
        self.same_year_gap.get(k).copied().flatten()
    }
}

/// A short digest of a run at one rating, for the side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingDigest {
    pub rating: RatingKind,
    /// Five-year net outturn.
    pub five_year: Quantiles,
    /// Five-year gross pressure.
    pub five_year_gross: Quantiles,
    /// The share of single years whose net outturn is above the chosen threshold.
    pub p_year_over: f64,
    /// P(the net outturn is above the chosen threshold in at least one year).
    pub p_any_year_over: f64,
    /// P(three or more risks happen in the same year at least once).
    pub p_three_same_year: f64,
    /// Each risk's rated annual chance and its realised yearly frequency.
    pub rated: Vec<f64>,
    pub yearly_frequency: Vec<f64>,
    /// Mean number of risk events over the five years.
    pub mean_events: f64,
}
