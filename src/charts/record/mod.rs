//! The model against the Trust's record: the simulated annual gross pressure and net
//! outturn beside the years the Trust reported, the simulated children-in-care path beside
//! the published counts, and the "2023/24 again" backtest beside that year. Pure functions
//! from the dataset, a simulation [`Summary`] and the backtest's [`StressResult`] to
//! [`Chart`]s, each with its table, caption and source.
//!
//! Conventions as in [`super::drivers`]: money in £m written by `format::gbp_m`; years are
//! financial years written "2025/26"; the record is near-black throughout (diamonds), the
//! model blue, and every series is also named, shaped or patterned, so no reading relies on
//! colour alone.

mod backtest;
mod children;
mod money;
#[cfg(test)]
mod tests;

pub use backtest::*;
pub use children::*;
pub use money::*;

use super::kit::*;
use crate::format::{count, gbp_m};
use crate::model::drivers::{label_year, year_label, HistoryPoint};
use crate::model::simulation::{Quantiles, Summary};
use crate::model::{Dataset, Provenance};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The simulated ranges: a light blue, distinct from the record's near-black.
pub const SIMULATED: RGBColor = RGBColor(0xC8, 0xDE, 0xF2);

/// The record's range, shaded behind the plot.
const RECORD_BAND: RGBColor = RGBColor(0xF2, 0xF2, 0xF2);

/// The run in words: "10,000 trials at current ratings, links on, management action on,
/// seed 20250331".
pub fn run_words(s: &Summary) -> String {
    format!(
        "{} trials at {} ratings, links {}, management action {}, seed {}",
        count(u64::from(s.trials)),
        s.rating.label().to_lowercase(),
        if s.interactions { "on" } else { "off" },
        if s.management { "on" } else { "off" },
        s.seed
    )
}

/// The documents these provenances cite, each once, in order: "Annual Report 2024/25;
/// Business Plan 2020/21".
fn cited(ds: &Dataset, provenances: &[&Provenance]) -> String {
    let mut titles: Vec<String> = Vec::new();
    for p in provenances {
        let ids = p
            .cite
            .iter()
            .map(|c| c.source.as_str())
            .chain(p.evidence.iter().map(|c| c.source.as_str()));
        for id in ids {
            let title = ds
                .source(id)
                .map(|s| s.short_title.clone())
                .unwrap_or_else(|| id.to_string());
            if !titles.contains(&title) {
                titles.push(title);
            }
        }
    }
    titles.join("; ")
}

/// A quantile's three middle figures, finite: (P10, median, P90).
fn middle(q: &Quantiles) -> (f64, f64, f64) {
    (finite(q.p10), finite(q.p50), finite(q.p90))
}

/// The record charts in display order: gross pressure, net outturn, children in care
/// (when a run has finished), then the backtest.
pub fn all(
    ds: &Dataset,
    s: Option<&Summary>,
    back: Option<&crate::model::scenario::StressResult>,
) -> Vec<Chart> {
    let mut out = Vec::new();
    if let Some(s) = s {
        out.push(record_money(ds, s, crate::model::scenario::Measure::Gross));
        out.push(record_money(ds, s, crate::model::scenario::Measure::Net));
        out.push(record_children(ds, s));
    }
    out.push(record_backtest(ds, back));
    out
}
