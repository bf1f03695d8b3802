//! Stress-scenario charts: what each chosen risk adds to the five-year net outturn on its
//! own and what they add together, the net outturn year by year, and which assumptions
//! the compounding rests on. Pure functions from the dataset and the stress results to
//! [`Chart`]s.
//!
//! Conventions as in [`super::drivers`]: money in £m written by `format::gbp_m`, changes
//! signed ("+£4.2m"); a net outturn is positive for an overspend and negative for a
//! surplus; years are financial years written "2025/26". Each chosen risk has its own fixed
//! colour (R1 the same on every view, [`risk_colours`]) when four or fewer are chosen, and
//! the one neutral colour above that; it is always named too, so no reading relies on
//! colour alone. "Together" is near-black, the baseline dashed grey.

mod excess_sensitivity;
mod impacts;
mod outturn_paths;
#[cfg(test)]
mod tests;

pub use excess_sensitivity::*;
pub use impacts::*;
pub use outturn_paths::*;

use super::kit::*;
use crate::format::{driver_value, gbp_m};
use crate::model::drivers::year_label;
use crate::model::finance::YearMoney;
use crate::model::scenario::{ExcessSensitivity, Measure, StressEvent, StressResult};
use crate::model::Dataset;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeMap;

/// All the chosen risks at once: near-black, apart from every risk's colour and the
/// neutral dark blue.
const TOGETHER: RGBColor = TEXT;

/// The colour of each chosen risk, in event order (see [`risk_colours`]).
fn event_colours(events: &[StressEvent]) -> Vec<RGBColor> {
    let ids: Vec<crate::model::RiskId> = events.iter().map(|e| e.risk.clone()).collect();
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > MAX_COLOURED_RISKS {
        vec![RISK_NEUTRAL; ids.len()]
    } else {
        ids.iter()
            .map(|id| risk_colour(id).unwrap_or(RISK_NEUTRAL))
            .collect()
    }
}

/// Where the stress charts' numbers come from, managed or not.
fn source(r: &StressResult) -> String {
    let books = if r.managed {
        "each year's books closed with in-year offsets at their most likely capacity and \
         lasting pressure re-based from the next year"
    } else {
        "unmanaged: no in-year offsets and no re-basing"
    };
    format!(
        "Source: Risk Explorer stress scenario at the settings shown: the projection with \
         each chosen risk's shocks, sized for its financial impact, applied from the year it \
         crystallises, alone and together; {books}."
    )
}

/// " (unmanaged)" when management action and re-basing are off.
fn unmanaged(r: &StressResult) -> &'static str {
    if r.managed {
        ""
    } else {
        " (unmanaged)"
    }
}

/// What "net outturn" means here, for captions.
fn net_note(r: &StressResult) -> &'static str {
    if r.managed {
        "The net outturn is each year's gross pressure less in-year offsets (at their most \
         likely capacity), with lasting pressure re-based from the next year; above 0 is an \
         overspend."
    } else {
        "Unmanaged: with no offsets and no re-basing the net outturn is the whole gross \
         pressure; above 0 is an overspend."
    }
}

/// A money scale for horizontal bars, widened so `left_px` and `right_px` user units of
/// labels fit beside the bars on a plot `plot_px` wide (together at most 60% of it).
fn with_room(base: Scale, left_px: f64, right_px: f64, plot_px: f64) -> Scale {
    let plot_px = finite(plot_px).max(1.0);
    let (mut a, mut b) = (
        finite(left_px).max(0.0) / plot_px,
        finite(right_px).max(0.0) / plot_px,
    );
    if a + b > 0.6 {
        let k = 0.6 / (a + b);
        (a, b) = (a * k, b * k);
    }
    let total = (base.hi - base.lo) / (1.0 - a - b);
    base.padded(a * total, b * total)
}

/// `Scale::nice` with a step its tick labels write exactly: the shared labels give a step
/// of 2.5 no decimals (so 7.5 would read "8"), so this asks for fewer ticks until the step
/// is 1, 2 or 5 at the labels' precision.
fn nice_scale(values: &[f64], include_zero: bool, n: usize) -> Scale {
    let exact = |s: &Scale| {
        let scale = if s.step >= 1.0 - 1e-9 {
            1.0
        } else if s.step >= 0.1 - 1e-9 {
            10.0
        } else {
            100.0
        };
        let v = s.step * scale;
        (v - v.round()).abs() < 1e-6
    };
    (1..=n.max(1))
        .rev()
        .map(|k| Scale::nice(values.iter().copied(), include_zero, k))
        .find(exact)
        .unwrap_or_else(|| Scale::nice(values.iter().copied(), include_zero, n))
}

/// The stress-scenario charts in display order.
pub fn all(ds: &Dataset, r: &StressResult, s: &[ExcessSensitivity]) -> Vec<Chart> {
    vec![
        impacts(ds, r),
        outturn_paths(ds, r),
        excess_sensitivity(ds, r, s),
    ]
}
