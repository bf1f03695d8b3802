//! Demand and finance charts: pure functions from the dataset and projection results to
//! [`Chart`]s (title with the finding, caption, SVG, table, source).
//!
//! Conventions: money in £m written by `format::gbp_m` (negatives "−£1.8m"); a gap is
//! spend − funding, so positive is an overspend and negative a surplus, and tables and
//! titles say which; years are financial years written "2025/26".

mod budget_bridge;
mod children_in_care;
mod gap_by_year;
mod outturns_and_gap;
mod placement_spend;
mod spend_vs_funding;
#[cfg(test)]
mod tests;
mod tornado;

pub use budget_bridge::*;
pub use children_in_care::*;
pub use gap_by_year::*;
pub use outturns_and_gap::*;
pub use placement_spend::*;
pub use spend_vs_funding::*;
pub use tornado::*;

use super::kit::DrawResult;
use super::kit::*;
use crate::format::gbp_m;
use crate::model::drivers::{label_year, year_label, DriversData, HistoryPoint, Outturn};
use crate::model::projection::{Projection, Sensitivity};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeSet;

/// The house line: solid, 3 units wide, with a dot at each point.
fn solid(colour: RGBColor) -> Line {
    Line {
        colour,
        width: 3,
        dashed: false,
        marker: Marker::Dot,
    }
}

const PROJECTION: &str = "projection: Risk Explorer at the settings shown.";

/// The frame most year charts use: years along the bottom, `y` up the side, room at the
/// top for the legend row and `right` units on the right.
fn year_frame(x: Scale, y: Scale, y_desc: &str, right: u32, legend: &[LegendItem]) -> Frame {
    let mut f = Frame::new(x, y, y_desc);
    f.margin.right = right;
    f.margin.top =
        (LEGEND_OVER_PLOT_AT.1 + legend_height(legend, LEGEND_OVER_PLOT_WIDTH) + 12) as u32;
    f
}

/// A value written at the end of a bar: above it when `above`, else below it.
fn tag(root: &Root, plot: &Plot, at: (f64, f64), text: &str, above: bool) -> DrawResult {
    let (x, y) = plot.backend_coord(&(finite(at.0), finite(at.1)));
    let (dy, v) = if above {
        (-3, VPos::Bottom)
    } else {
        (3, VPos::Top)
    };
    label(
        root,
        text,
        (x, y + dy),
        &text_style(TEXT_PX, TEXT, (HPos::Center, v)),
    )
}

/// " The vertical axis starts at £335m, not zero." when it does not start at zero.
fn axis_note(y: &Scale, money: bool) -> String {
    if y.lo <= 0.0 {
        return String::new();
    }
    let start = y.tick_label(y.lo);
    let start = if money { format!("£{start}m") } else { start };
    format!(" The vertical axis starts at {start}, not zero.")
}

/// A bar scale from zero, below it only for a real surplus, with room for the value
/// labels beyond the bars (at most one round step of empty axis past the data).
fn headroom_scale(values: impl IntoIterator<Item = f64>) -> Scale {
    Scale::bars(values.into_iter().map(finite), 5, 0.08)
}

/// A gap bar's colour: the overspend colour above zero, the surplus colour below.
fn gap_colour(g: f64) -> RGBColor {
    if g >= 0.0 {
        OVERSPEND
    } else {
        SURPLUS
    }
}

/// The demand and finance charts in display order (the published budget bridge last).
pub fn all(
    data: &DriversData,
    p: &Projection,
    baseline: &Projection,
    s: &[Sensitivity],
) -> Vec<Chart> {
    vec![
        spend_vs_funding(data, p),
        gap_by_year(p, baseline),
        children_in_care(data, p, baseline),
        placement_spend_by_type(data, p),
        tornado(data, s),
        outturns_and_gap(data, p),
        budget_bridge(data),
    ]
}
