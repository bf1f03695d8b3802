//! The chart kit: the shared [`Chart`] type and the plotters pieces every chart uses, one
//! concept per file — palette, scales, frame, legend, labels, bars, SVG, words. Pure:
//! numbers in, SVG text out.

pub mod bars;
#[cfg(test)]
mod check;
pub mod frame;
pub mod labels;
pub mod legend;
pub mod palette;
pub mod scale;
pub mod svg;
#[cfg(test)]
mod tests;
pub mod words;

pub use bars::*;
#[cfg(test)]
pub(crate) use check::*;
pub use frame::*;
pub use labels::*;
pub use legend::*;
pub use palette::*;
pub use scale::*;
pub use svg::*;
pub use words::*;

use crate::model::drivers::year_label;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One chart, ready for the view: a plain-words title and caption, the SVG, the same
/// numbers as a table, and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Stable kebab-case id, e.g. "spend-funding".
    pub id: &'static str,
    /// The finding in plain words, with numbers and units.
    pub title: String,
    /// One sentence saying what the chart shows.
    pub caption: String,
    /// The plotters SVG, responsive (viewBox kept, width 100%).
    pub svg: String,
    /// The same numbers as a table ("show as table").
    pub table: Table,
    pub source: String,
}

/// A plain table: every cell already written for a board (units, minus signs, words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(caption: impl Into<String>, headers: &[&str]) -> Table {
        Table {
            caption: caption.into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// Default drawing size in SVG user units.
pub const WIDTH: u32 = 640;

pub const HEIGHT: u32 = 360;

pub const FONT_FAMILY: &str = "system-ui, sans-serif";

/// Smallest text, in CSS pixels at 640 wide.
pub const TEXT_PX: f64 = 12.0;

pub type DrawError = DrawingAreaErrorKind<std::io::Error>;

pub type DrawResult<T = ()> = Result<T, DrawError>;

pub type Root<'b> = DrawingArea<SVGBackend<'b>, Shift>;

pub type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Axis, Axis>>;

/// A number that is safe to draw: NaN and infinities become 0.
pub fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}
