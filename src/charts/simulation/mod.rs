//! Simulation charts: how likely combinations of risks are and what they do to the money,
//! from a run's [`Summary`] (or the digests of the three ratings). Pure functions from the
//! results to [`Chart`]s: title with the finding, one plain-words caption with numbers in
//! it, the SVG, the same numbers as a table, and the source.
//!
//! Money is one of three measures, never mixed: the gross in-year pressure (before the
//! Trust's in-year offsets), the net outturn (after them: positive an overspend, negative a
//! surplus; the only measure held against the Trust's recorded outturns) and the extra
//! funding the Council finds over the plan. A year's figure is only ever compared with a
//! year's figure, a five-year total with a five-year total.
//!
//! Conventions as in [`super::drivers`]: money in £m written by `format::gbp_m`, changes
//! signed ("+£4.2m"); years are financial years written "2025/26"; chances are percentages
//! with one decimal. No reading relies on colour alone: bands, bars and lines are labelled,
//! patterned or dashed as well.

mod chance_bars;
mod co_occurrence;
mod count_vs_independent;
mod exceedance;
mod fan;
mod histogram;
mod markers;
mod non_financial;
mod pair_grid;
mod pairwise;
mod ratings;
mod risk_probability;
mod same_year;
#[cfg(test)]
mod tests;
mod thresholds;
mod tornado;

use chance_bars::*;
pub use co_occurrence::*;
pub use count_vs_independent::*;
pub use exceedance::*;
pub use fan::*;
pub use histogram::*;
pub use markers::*;
pub use non_financial::*;
pub use pair_grid::*;
pub use pairwise::*;
pub use ratings::*;
pub use risk_probability::*;
pub use same_year::*;
pub use thresholds::*;
pub use tornado::*;

use super::kit::DrawResult;
use super::kit::*;
use crate::format::{count, gbp_m};
use crate::model::drivers::year_label;
use crate::model::register::RatingKind;
use crate::model::simulation::{
    Exceedance, RatingDigest, Summary, ThresholdKind, ThresholdResult, MIN_CELL_TRIALS,
};
use crate::model::Dataset;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Two tints of one blue for the fan's bands: the middle 90% and the middle half of trials.
pub const BAND_OUTER: RGBColor = RGBColor(0xC8, 0xDE, 0xF2);

pub const BAND_INNER: RGBColor = RGBColor(0x86, 0xB6, 0xE2);

/// The co-occurrence grid's colours, low to high (not money, so neither band nor money
/// colours): greys for "less often than independent", blues for "more often"; the middle
/// is "no difference".
pub const DIVERGING: [RGBColor; 5] = [
    MID_GREY,
    LIGHT_GREY,
    RGBColor(0xF2, 0xF2, 0xF2),
    BAND_INNER,
    DARK_BLUE,
];

/// The pairwise money grid's colours, low to high: money better (surplus colours) to money
/// worse (overspend colours); the middle is "no difference".
pub const MONEY_DIVERGING: [RGBColor; 5] = [
    SURPLUS,
    SURPLUS_LIGHT,
    RGBColor(0xF2, 0xF2, 0xF2),
    OVERSPEND_LIGHT,
    OVERSPEND,
];

/// A chance 0-1 as a percentage with one decimal ("94.5%"), kept within 0-100%.
pub fn chance(p: f64) -> String {
    percent_1dp(finite(p).clamp(0.0, 1.0))
}

/// "a" or "an" before a chance as written: "an 83.3%", "an 11.0%", "a 66.0%".
pub fn a_or_an(written: &str) -> &'static str {
    let eleven_or_eighteen = ["11", "18"].iter().any(|p| {
        written
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(['.', '%']))
    });
    if written.starts_with('8') || eleven_or_eighteen {
        "an"
    } else {
        "a"
    }
}

/// A ratio written for a grid cell: "×1.08".
pub fn times(r: f64) -> String {
    format!("×{:.2}", finite(r).max(0.0))
}

/// The risk at `index` of the summary, named.
fn risk_at(ds: &Dataset, s: &Summary, index: usize) -> String {
    s.risks
        .get(index)
        .map(|id| risk_name(ds, id))
        .unwrap_or_else(|| format!("Risk {}", index + 1))
}

/// The risk's id at `index` ("R3").
fn id_at(s: &Summary, index: usize) -> String {
    s.risks
        .get(index)
        .map(|id| id.to_string())
        .unwrap_or_else(|| format!("#{}", index + 1))
}

/// "five years" for the run's horizon.
fn horizon(s: &Summary) -> String {
    match s.years.len() {
        1 => "one year".to_string(),
        n => format!("{} years", number_word(n)),
    }
}

/// "five-year" for the run's horizon.
fn horizon_adj(s: &Summary) -> String {
    format!("{}-year", number_word(s.years.len().max(1)))
}

fn source(s: &Summary) -> String {
    format!(
        "Source: Risk Explorer simulation, {} trials of the {} at the {} ratings, {}{} (seed \
         {}).",
        count(u64::from(s.trials)),
        horizon(s),
        s.rating.label().to_lowercase(),
        if s.interactions {
            "with the links between risks making them happen together more often"
        } else {
            "with the risks independent (links switched off)"
        },
        if s.management {
            ""
        } else {
            "; unmanaged figures (no offsets, no re-basing)"
        },
        s.seed
    )
}

/// The empty state every summary chart shows before any trial has run.
fn no_trials(id: &'static str, what: &str, table: Table, s: &Summary) -> Chart {
    empty_chart(
        id,
        &format!("No trials yet: run the simulation to see {what}"),
        "The simulation has not run any trials, so there is nothing to show yet.",
        table,
        source(s),
    )
}

/// A money axis: round numbers, thousands written "1,000" when the step is whole.
fn money_scale(values: impl IntoIterator<Item = f64>, include_zero: bool, n: usize) -> Scale {
    let s = Scale::nice(values, include_zero, n);
    if s.step >= 1.0 - 1e-9 {
        s.with_labels(Ticks::Count)
    } else {
        s
    }
}

/// 0% to 100% in steps of 20.
fn percent_scale() -> Scale {
    Scale {
        lo: 0.0,
        hi: 100.0,
        ticks: (0..=5).map(|i| f64::from(i) * 20.0).collect(),
        step: 20.0,
        labels: Ticks::Number,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Table headers for the spread of trials: percentiles, then the mean.
const QUANTILES: [&str; 6] = ["P5", "P25", "Median (P50)", "P75", "P95", "Mean"];

/// The legend entries of the two bands of trials: the middle 90% and the middle half.
fn band_items() -> [LegendItem; 2] {
    [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(BAND_OUTER)),
            "Middle 90% of trials (P5 to P95)",
        ),
        LegendItem::new(
            Swatch::Bar(Fill::Solid(BAND_INNER)),
            "Middle half (P25 to P75)",
        ),
    ]
}

/// The simulation charts in display order; the ratings comparison last (it shows its own
/// empty state until the three ratings have been run).
pub fn all(ds: &Dataset, s: &Summary, by_rating: &[RatingDigest]) -> Vec<Chart> {
    let mut charts = of_summary(ds, s);
    charts.push(ratings(ds, by_rating));
    charts
}

/// The charts of the run at the chosen rating: all but the last, the ratings side by
/// side, which needs the other ratings' runs (in [`all`]'s order).
pub fn of_summary(ds: &Dataset, s: &Summary) -> Vec<Chart> {
    vec![
        fan(ds, s),
        thresholds(ds, s),
        histogram(ds, s),
        exceedance(ds, s),
        risk_probability(ds, s),
        tornado(ds, s),
        same_year(ds, s),
        count_vs_independent(ds, s),
        co_occurrence(ds, s),
        pairwise(ds, s),
        non_financial(ds, s),
    ]
}
