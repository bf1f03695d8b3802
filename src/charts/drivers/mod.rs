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

use super::kit::{
    approx_width, bar, children, dash, diamond, divider, draw_line, end_labels, finite, gap_cell,
    gap_words, hline, label, label_lines, legend_column, legend_height, legend_row, percent_1dp,
    plot, render, signed_gbp_m, text_on, text_style, tornado_bars, tornado_legend, wrap, Chart,
    DrawResult, Fill, Frame, LegendItem, Line, Marker, Plot, RangeBar, Root, Scale, Swatch, Table,
    Ticks, AREA_OPACITY, CATEGORICAL, DARK_BLUE, DARK_GREY, DARK_PINK, HEIGHT, LEGEND_AT,
    LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH, LEGEND_WIDTH, LEVEL, LIGHT_BLUE, LIGHT_PURPLE,
    MID_BLUE, ORANGE, TEXT, TEXT_PX, TURQUOISE, WIDTH,
};
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

/// A scale that includes zero with room beyond the bars for their value labels.
fn headroom_scale(values: impl IntoIterator<Item = f64>) -> Scale {
    let values: Vec<f64> = values.into_iter().map(finite).collect();
    let (lo, hi) = values
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let room = ((hi - lo) * 0.1).max(0.5);
    let lo = if lo < 0.0 { lo - room } else { lo };
    Scale::nice([lo, hi + room], true, 5)
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
