//! Legends: entries (a swatch and words) laid out in a wrapping row or a column.

use super::*;

/// Where a legend row starts (left, top) and how wide it may run, for a legend across the
/// whole chart (bars, grids, fans: the legend starts at the chart's left edge).
pub const LEGEND_AT: (i32, i32) = (16, 10);
pub const LEGEND_WIDTH: i32 = 600;
/// The same for a legend over a year chart's plot: it starts where the plot starts (the
/// frame's left margin and value labels, 8 + 62), so it lines up with the first year.
pub const LEGEND_OVER_PLOT_AT: (i32, i32) = (70, 10);
pub const LEGEND_OVER_PLOT_WIDTH: i32 = 560;

/// What a legend entry shows next to its words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    Bar(Fill),
    /// A solid line with a round marker.
    Line(RGBColor),
    Dashed(RGBColor),
    /// A diamond marker.
    Marker(RGBColor),
    /// A translucent area.
    Area(RGBColor),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    pub swatch: Swatch,
    /// One or more lines of words.
    pub label: Vec<String>,
}

impl LegendItem {
    pub fn new(swatch: Swatch, label: &str) -> LegendItem {
        LegendItem {
            swatch,
            label: vec![label.to_string()],
        }
    }

    /// An entry whose words wrap at about `chars` characters.
    pub fn wrapped(swatch: Swatch, label: &str, chars: usize) -> LegendItem {
        LegendItem {
            swatch,
            label: wrap(label, chars, 3),
        }
    }
}

/// Opacity of translucent areas (gap shading).
pub const AREA_OPACITY: f64 = 0.4;

const SWATCH: i32 = 14;

/// Swatches are this wide (a line needs more room than a square to read as a line).
const SWATCH_W: i32 = 22;

const LINE_GAP: i32 = 15;

const ROW: i32 = SWATCH + 8;

/// Where each entry of a legend row goes (offsets from its top left), and its height.
fn row_layout(items: &[LegendItem], max_width: i32) -> (Vec<(i32, i32)>, i32) {
    let (mut x, mut y) = (0, 0);
    let mut at = Vec::with_capacity(items.len());
    for item in items {
        let w = SWATCH_W + 6 + approx_width(&item.label.join(" "), TEXT_PX) + 20;
        if x > 0 && x + w > max_width {
            (x, y) = (0, y + ROW);
        }
        at.push((x, y));
        x += w;
    }
    (at, if items.is_empty() { 0 } else { y + ROW })
}

/// The top margin a plot needs below a legend row at [`LEGEND_AT`]: the row's height and
/// a gap of 12.
pub fn below_legend(items: &[LegendItem]) -> u32 {
    (LEGEND_AT.1 + legend_height(items, LEGEND_WIDTH) + 12).max(0) as u32
}

/// The height a legend row takes when it wraps at `max_width`.
pub fn legend_height(items: &[LegendItem], max_width: i32) -> i32 {
    row_layout(items, max_width).1
}

/// A legend laid out in rows from `at` (top left), wrapping at `max_width`.
pub fn legend_row(root: &Root, items: &[LegendItem], at: (i32, i32), max_width: i32) -> DrawResult {
    let style = text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Center));
    for (item, (dx, dy)) in items.iter().zip(row_layout(items, max_width).0) {
        let (x, y) = (at.0 + dx, at.1 + dy);
        swatch(root, item.swatch, (x, y))?;
        label(
            root,
            &item.label.join(" "),
            (x + SWATCH_W + 6, y + SWATCH / 2),
            &style,
        )?;
    }
    Ok(())
}

/// A legend in one column from `at` (top left); multi-line labels stay with their swatch.
pub fn legend_column(root: &Root, items: &[LegendItem], at: (i32, i32)) -> DrawResult {
    let style = text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Center));
    let mut y = at.1;
    for item in items {
        swatch(root, item.swatch, (at.0, y))?;
        for (i, line) in item.label.iter().enumerate() {
            let ly = y + SWATCH / 2 + i as i32 * LINE_GAP;
            label(root, line, (at.0 + SWATCH_W + 8, ly), &style)?;
        }
        y += (item.label.len().max(1) as i32 - 1) * LINE_GAP + SWATCH + 10;
    }
    Ok(())
}

fn swatch(root: &Root, s: Swatch, (x, y): (i32, i32)) -> DrawResult {
    let (a, b) = ((x, y), (x + SWATCH_W, y + SWATCH));
    let mid = y + SWATCH / 2;
    match s {
        Swatch::Bar(Fill::Solid(c)) => root.draw(&Rectangle::new([a, b], c.filled()))?,
        Swatch::Bar(Fill::Hatched { fill, lines }) => {
            root.draw(&Rectangle::new([a, b], fill.filled()))?;
            hatch(root, (a, b), lines, 5)?;
            root.draw(&Rectangle::new([a, b], lines.stroke_width(1)))?;
        }
        Swatch::Bar(Fill::Hollow(c)) => {
            root.draw(&Rectangle::new([a, b], WHITE.filled()))?;
            root.draw(&PathElement::new(
                vec![a, (b.0, a.1), b, (a.0, b.1), a],
                c.stroke_width(2),
            ))?;
        }
        Swatch::Area(c) => root.draw(&Rectangle::new([a, b], c.mix(AREA_OPACITY).filled()))?,
        Swatch::Line(c) => {
            root.draw(&PathElement::new(
                vec![(x, mid), (x + SWATCH_W, mid)],
                c.stroke_width(3),
            ))?;
            root.draw(&Circle::new((x + SWATCH_W / 2, mid), 4, c.filled()))?;
        }
        Swatch::Dashed(c) => root.draw(&DashedPathElement::new(
            vec![(x, mid), (x + SWATCH_W, mid)],
            6,
            3,
            c.stroke_width(3),
        ))?,
        Swatch::Marker(c) => root.draw(&diamond((x + SWATCH_W / 2, mid), 6, c))?,
    }
    Ok(())
}
