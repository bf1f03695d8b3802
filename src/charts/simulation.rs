//! Simulation charts: how likely combinations of risks are and what they do to the gap,
//! from a run's [`Summary`] (or the digests of the three ratings). Pure functions from the
//! results to [`Chart`]s: title with the finding, one plain-words caption with numbers in
//! it, the SVG, the same numbers as a table, and the source.
//!
//! Conventions as in [`super::drivers`]: money in £m written by `format::gbp_m`, changes
//! signed ("+£4.2m"); a gap is spend − funding, positive an overspend; years are financial
//! years written "2025/26"; chances are percentages with one decimal. No reading relies on
//! colour alone: bands, bars and lines are labelled, patterned or dashed as well.

use super::kit::{
    approx_width, bar, diamond, draw_line, empty_chart, end_labels, finite, hatch, hline, label,
    legend_height, legend_row, number_word, percent_1dp, plot, render, risk_name, signed_gbp_m,
    text_on, text_style, wrap, Chart, DrawResult, Fill, Frame, LegendItem, Line, Marker, Plot,
    Root, Scale, Swatch, Table, Ticks, DARK_BLUE, DARK_GREY, DARK_PINK, HEIGHT, LEGEND_AT,
    LEGEND_WIDTH, LIGHT_BLUE, MID_BLUE, ORANGE, TEXT, TEXT_PX, TURQUOISE, WIDTH,
};
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
/// Diverging colours for the grids, low to high; the middle is "no difference".
pub const DIVERGING: [RGBColor; 5] = [
    TURQUOISE,
    RGBColor(0xA9, 0xD9, 0xD5),
    RGBColor(0xF2, 0xF2, 0xF2),
    RGBColor(0xF9, 0xC3, 0xA8),
    ORANGE,
];
/// A grid cell with nothing to show: light grey, hatched.
const NOT_SHOWN: Fill = Fill::Hatched {
    fill: RGBColor(0xF7, 0xF7, 0xF7),
    lines: RGBColor(0xA0, 0xA0, 0xA0),
};
/// Spacing of the rows of labels stacked above a plot.
const LABEL_ROW: i32 = 16;
/// Height of one row of horizontal bars.
const BAR_ROW: u32 = 34;

// ---------------------------------------------------------------------------------------
// Words

/// A chance 0-1 as a percentage with one decimal ("94.5%"), kept within 0-100%.
pub fn chance(p: f64) -> String {
    percent_1dp(finite(p).clamp(0.0, 1.0))
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
        "Source: Risk Explorer simulation, {} trials of the {} at the {} ratings, {} (seed {}).",
        count(u64::from(s.trials)),
        horizon(s),
        s.rating.label().to_lowercase(),
        if s.interactions {
            "with the links between risks raising each other's likelihood"
        } else {
            "with the risks independent (links switched off)"
        },
        s.seed
    )
}

// ---------------------------------------------------------------------------------------
// Shared drawing

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

/// Where the plot of `frame` sits, in pixels: (left, right) of a chart `width` wide.
fn plot_span(frame: &Frame, width: u32) -> (i32, i32) {
    let left = (frame.margin.left + frame.y_label_area) as i32;
    let right = width as i32 - frame.margin.right as i32;
    (left, right.max(left + 1))
}

/// The pixel column of `x` on the plot of `frame` (as plotters maps it, to a pixel or so).
fn x_px(frame: &Frame, width: u32, x: f64) -> i32 {
    let (left, right) = plot_span(frame, width);
    let span = frame.x.hi - frame.x.lo;
    if !span.is_finite() || span.abs() < 1e-12 {
        return left;
    }
    let t = (finite(x) - frame.x.lo) / span;
    (f64::from(left) + t * f64::from(right - 1 - left)).round() as i32
}

/// Where a label of a vertical marker goes: its row above the plot (0 nearest the plot)
/// and whether its words run left of the line instead of right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stacked {
    pub row: usize,
    pub leftwards: bool,
}

/// The gap between a marker line and its words, in user units.
const LABEL_PAD: i32 = 9;

/// The words' extent of a label at line `x`, `w` wide.
fn words_span(x: i32, w: i32, leftwards: bool) -> (i32, i32) {
    if leftwards {
        (x - LABEL_PAD - w, x - LABEL_PAD)
    } else {
        (x + LABEL_PAD, x + LABEL_PAD + w)
    }
}

/// Stacks the labels of vertical marker lines above a plot so that no two overlap and no
/// line runs through another's words. `items` are (line x, words width) in pixels; words
/// run right of their line unless that would pass the right edge of `bounds`, or unless
/// they would face another label's words across each other's lines and fit on the left.
/// Each line is drawn from the plot up to its own row, so a line under another label's
/// words takes a lower row than it.
pub fn stack_labels(items: &[(i32, i32)], bounds: (i32, i32)) -> Vec<Stacked> {
    let n = items.len();
    let inside = |x: i32, span: (i32, i32)| x >= span.0 - 2 && x <= span.1 + 2;
    let mut leftwards: Vec<bool> = items
        .iter()
        .map(|(x, w)| x + LABEL_PAD + w > bounds.1)
        .collect();
    // Two labels facing each other would cross whichever goes on top: turn the right-facing
    // one round if it fits.
    for _ in 0..n {
        let spans: Vec<(i32, i32)> = (0..n)
            .map(|i| words_span(items[i].0, items[i].1, leftwards[i]))
            .collect();
        let facing = (0..n).find(|i| {
            !leftwards[*i]
                && items[*i].0 - LABEL_PAD - items[*i].1 >= bounds.0
                && (0..n).any(|j| {
                    j != *i
                        && leftwards[j]
                        && inside(items[j].0, spans[*i])
                        && inside(items[*i].0, spans[j])
                })
        });
        match facing {
            Some(i) => leftwards[i] = true,
            None => break,
        }
    }
    let spans: Vec<(i32, i32)> = (0..n)
        .map(|i| words_span(items[i].0, items[i].1, leftwards[i]))
        .collect();
    // A line under another label's words must stop below it, so place it first: next is
    // the label with the fewest unplaced lines under its words (none, unless labels face
    // each other), then the rightmost, then the first.
    let mut order = Vec::with_capacity(n);
    let mut done = vec![false; n];
    while order.len() < n {
        let waiting = |q: usize| {
            (0..n)
                .filter(|i| *i != q && !done[*i] && inside(items[*i].0, spans[q]))
                .count()
        };
        let Some(q) = (0..n).filter(|q| !done[*q]).min_by(|a, b| {
            waiting(*a)
                .cmp(&waiting(*b))
                .then(items[*b].0.cmp(&items[*a].0))
                .then(a.cmp(b))
        }) else {
            break;
        };
        done[q] = true;
        order.push(q);
    }
    let mut out = vec![
        Stacked {
            row: 0,
            leftwards: false
        };
        n
    ];
    // Placed labels: (row, line x, words span).
    let mut placed: Vec<(usize, i32, (i32, i32))> = Vec::new();
    for i in order {
        let x = items[i].0;
        let span = spans[i];
        // The marker itself sits on the line.
        let full = (span.0.min(x - 6), span.1.max(x + 6));
        let free = |row: usize| {
            placed.iter().all(|(r, qx, q)| {
                let q_full = (q.0.min(qx - 6), q.1.max(qx + 6));
                match (*r).cmp(&row) {
                    std::cmp::Ordering::Equal => full.1 + 6 < q_full.0 || q_full.1 + 6 < full.0,
                    // Its line runs up through this row: not through these words.
                    std::cmp::Ordering::Greater => !inside(*qx, span),
                    // This line runs up through its row: not through its words.
                    std::cmp::Ordering::Less => !inside(x, *q),
                }
            })
        };
        // Two labels facing each other cannot both be clear: this one goes on top.
        let top = placed.iter().map(|p| p.0 + 1).max().unwrap_or(0);
        let row = (0..=top).find(|r| free(*r)).unwrap_or(top);
        placed.push((row, x, span));
        out[i] = Stacked {
            row,
            leftwards: leftwards[i],
        };
    }
    out
}

/// How a marker line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// The shape at the top of a marker line, next to its words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Diamond,
    Circle,
    Triangle,
}

/// A vertical marker with its words above the plot.
struct VMarker {
    x: f64,
    words: String,
    colour: RGBColor,
    stroke: Stroke,
    width: u32,
    shape: Shape,
}

fn vertical(root: &Root, ends: [(i32, i32); 2], c: RGBColor, s: Stroke, w: u32) -> DrawResult {
    let style = c.stroke_width(w);
    match s {
        Stroke::Solid => root.draw(&PathElement::new(ends, style))?,
        Stroke::Dashed => root.draw(&DashedPathElement::new(ends, 7, 4, style))?,
        Stroke::Dotted => root.draw(&DashedPathElement::new(ends, 2, 3, style))?,
    }
    Ok(())
}

fn shape(root: &Root, at: (i32, i32), s: Shape, c: RGBColor) -> DrawResult {
    match s {
        Shape::Diamond => root.draw(&diamond(at, 6, c))?,
        Shape::Circle => root.draw(&Circle::new(at, 5, c.filled()))?,
        Shape::Triangle => root.draw(&Polygon::new(
            vec![(at.0, at.1 - 6), (at.0 + 6, at.1 + 5), (at.0 - 6, at.1 + 5)],
            c.filled(),
        ))?,
    }
    Ok(())
}

/// The rows the markers' labels take (for the top margin).
fn marker_rows(frame: &Frame, width: u32, markers: &[VMarker]) -> (Vec<Stacked>, usize) {
    let items: Vec<(i32, i32)> = markers
        .iter()
        .map(|m| (x_px(frame, width, m.x), approx_width(&m.words, TEXT_PX)))
        .collect();
    let stacked = stack_labels(&items, (4, width as i32 - 4));
    let rows = stacked.iter().map(|s| s.row + 1).max().unwrap_or(0);
    (stacked, rows)
}

/// Draws vertical markers from the bottom of the plot up to their stacked labels.
fn draw_markers(
    root: &Root,
    plot: &Plot,
    markers: &[VMarker],
    stacked: &[Stacked],
    y_lo: f64,
) -> DrawResult {
    let top = plot
        .backend_coord(&(plot.x_range().start, plot.y_range().end))
        .1;
    for (m, st) in markers.iter().zip(stacked) {
        let (x, bottom) = plot.backend_coord(&(finite(m.x), y_lo));
        let y = top - 10 - st.row as i32 * LABEL_ROW;
        vertical(root, [(x, bottom), (x, y)], m.colour, m.stroke, m.width)?;
        shape(root, (x, y), m.shape, m.colour)?;
        let (h, tx) = if st.leftwards {
            (HPos::Right, x - LABEL_PAD)
        } else {
            (HPos::Left, x + LABEL_PAD)
        };
        label(
            root,
            &m.words,
            (tx, y),
            &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
        )?;
    }
    Ok(())
}

/// One row of a horizontal bar chart of chances.
struct ChanceRow {
    name: String,
    /// 0-1.
    p: f64,
    /// Words at the end of the bar.
    tag: String,
    /// A second chance shown as a diamond on the row (0-1).
    marker: Option<f64>,
}

/// Horizontal bars of chances (0-100%), one row each, names on the left.
fn chance_bars(rows: &[ChanceRow], legend: &[LegendItem], x_desc: &str) -> String {
    let k = rows.len().max(1);
    let names: Vec<Vec<String>> = rows.iter().map(|r| wrap(&r.name, 30, 2)).collect();
    let name_px = names
        .iter()
        .flatten()
        .map(|l| approx_width(l, TEXT_PX))
        .max()
        .unwrap_or(0)
        .min(210);
    let tag_px = rows
        .iter()
        .map(|r| approx_width(&r.tag, TEXT_PX))
        .max()
        .unwrap_or(0);
    let mut frame = Frame::new(percent_scale(), Scale::slots(k), "");
    frame.margin.top = if legend.is_empty() {
        16
    } else {
        (LEGEND_AT.1 + legend_height(legend, LEGEND_WIDTH) + 12) as u32
    };
    frame.margin.right = (tag_px + 18).max(20) as u32;
    frame.x_desc = x_desc.to_string();
    frame.x_label_area = 46;
    frame.y_label_area = (name_px + 16) as u32;
    frame.vertical_grid = true;
    frame.show_y_axis = false;
    let height = (frame.margin.top + BAR_ROW * k as u32 + frame.x_label_area + 10).max(240);
    render((WIDTH, height), |root| {
        legend_row(root, legend, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(0.0, 0.0)).0;
        for (j, (row, lines)) in rows.iter().zip(&names).enumerate() {
            let c = (k - 1 - j) as f64;
            let p = finite(row.p).clamp(0.0, 1.0) * 100.0;
            bar(
                root,
                &mut plot,
                [(0.0, c - 0.3), (p, c + 0.3)],
                Fill::Solid(MID_BLUE),
            )?;
            let (end, cy) = plot.backend_coord(&(p, c));
            for (li, line) in lines.iter().enumerate() {
                let dy = (li as i32 * 2 - (lines.len() as i32 - 1)) * 15 / 2;
                label(
                    root,
                    line,
                    (left - 8, cy + dy),
                    &text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center)),
                )?;
            }
            label(
                root,
                &row.tag,
                (end + 6, cy),
                &text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Center)),
            )?;
            if let Some(m) = row.marker {
                let at = plot.backend_coord(&(finite(m).clamp(0.0, 1.0) * 100.0, c));
                root.draw(&diamond(at, 8, WHITE))?;
                root.draw(&diamond(at, 6, TEXT))?;
            }
        }
        Ok(())
    })
}

/// Which of the five diverging colours `v` falls in, given the four edges between them.
pub fn bin(v: f64, edges: [f64; 4]) -> usize {
    edges.iter().filter(|e| v >= **e).count()
}

/// The risk × risk grid of pairs a < b: risk b's row, risk a's column (a lower triangle),
/// in user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairGrid {
    pub left: i32,
    pub top: i32,
    pub cell_w: i32,
    pub cell_h: i32,
    /// Risks; the grid has n − 1 rows and columns.
    pub n: usize,
}

impl PairGrid {
    /// The cell of the pair a < b: (top left, bottom right), or None if it is not a pair.
    pub fn cell(&self, a: usize, b: usize) -> Option<((i32, i32), (i32, i32))> {
        if a >= b || b >= self.n {
            return None;
        }
        let (row, col) = ((b - 1) as i32, a as i32);
        let x = self.left + col * self.cell_w;
        let y = self.top + row * self.cell_h;
        Some(((x, y), (x + self.cell_w, y + self.cell_h)))
    }

    pub fn bottom(&self) -> i32 {
        self.top + self.n.saturating_sub(1) as i32 * self.cell_h
    }

    /// Where the key of risk names goes: in the empty triangle above the diagonal, from
    /// the first column whose rows leave room for `lines` lines 16 units apart.
    pub fn key_at(&self, lines: usize) -> (i32, i32) {
        let cols = self.n.saturating_sub(1);
        let rows_needed = (lines * 16).div_ceil(self.cell_h.max(1) as usize);
        (
            self.left + rows_needed.min(cols) as i32 * self.cell_w + 10,
            self.top + 4,
        )
    }
}

/// One cell of a pair grid: colour (None: not shown, hatched) and its words.
struct GridCell {
    a: usize,
    b: usize,
    colour: Option<RGBColor>,
    words: String,
}

/// Draws a pair grid with the risk ids along both edges, the key of names in the empty
/// triangle and a legend row above. Returns the SVG.
fn pair_grid_svg(s: &Summary, ds: &Dataset, cells: &[GridCell], legend: &[LegendItem]) -> String {
    let n = s.risks.len();
    let top = (LEGEND_AT.1 + legend_height(legend, LEGEND_WIDTH) + 16).max(40);
    let grid = PairGrid {
        left: 60,
        top,
        cell_w: 66,
        cell_h: 40,
        n,
    };
    let height = (grid.bottom() + 56).max(HEIGHT as i32) as u32;
    render((WIDTH, height), |root| {
        legend_row(root, legend, LEGEND_AT, LEGEND_WIDTH)?;
        for c in cells {
            let Some((p, q)) = grid.cell(c.a, c.b) else {
                continue;
            };
            let words_colour = match c.colour {
                Some(colour) => {
                    root.draw(&Rectangle::new([p, q], colour.filled()))?;
                    text_on(colour)
                }
                None => {
                    if let Fill::Hatched { fill, lines } = NOT_SHOWN {
                        root.draw(&Rectangle::new([p, q], fill.filled()))?;
                        hatch(root, (p, q), lines, 7)?;
                    }
                    TEXT
                }
            };
            root.draw(&Rectangle::new([p, q], WHITE.stroke_width(2)))?;
            if c.colour.is_none() {
                // A white patch so "n/a" reads over the hatching.
                let (cx, cy) = ((p.0 + q.0) / 2, (p.1 + q.1) / 2);
                let w = approx_width(&c.words, TEXT_PX) / 2 + 3;
                root.draw(&Rectangle::new(
                    [(cx - w, cy - 8), (cx + w, cy + 8)],
                    WHITE.filled(),
                ))?;
            }
            label(
                root,
                &c.words,
                ((p.0 + q.0) / 2, (p.1 + q.1) / 2),
                &text_style(TEXT_PX, words_colour, (HPos::Center, VPos::Center)),
            )?;
        }
        let side = text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center));
        let under = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Top));
        for b in 1..n {
            if let Some((p, q)) = grid.cell(0, b) {
                label(root, &id_at(s, b), (p.0 - 8, (p.1 + q.1) / 2), &side)?;
            }
        }
        for a in 0..n.saturating_sub(1) {
            if let Some((p, q)) = grid.cell(a, n - 1) {
                label(root, &id_at(s, a), ((p.0 + q.0) / 2, q.1 + 6), &under)?;
            }
        }
        let key_style = text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Top));
        let (kx, ky) = grid.key_at(n);
        for (i, id) in s.risks.iter().enumerate() {
            label(
                root,
                &risk_name(ds, id),
                (kx, ky + i as i32 * 16),
                &key_style,
            )?;
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------
// 1. The fan

/// The annual gap by year across the trials: the middle 90% and middle half as bands, the
/// median as a line with markers, the gap with no risk events dashed grey, and zero.
pub fn fan(_ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "The annual gap (spend − funding, above 0 an overspend) by year: with no risk events, \
         then across the trials the 5th percentile (1 trial in 20 is lower), 25th, median, \
         75th and 95th percentile (1 trial in 20 is higher) and the mean, £m",
        &[
            "Year",
            "No risk events",
            "P5",
            "P25",
            "Median (P50)",
            "P75",
            "P95",
            "Mean",
        ],
    );
    let m = s.years.len().min(s.annual.len()).min(s.baseline_gaps.len());
    if s.trials == 0 || m == 0 {
        return no_trials("sim-fan", "the range of the gap year by year", table, s);
    }
    let years = &s.years[..m];
    let q: Vec<[f64; 6]> = s.annual[..m]
        .iter()
        .map(|q| [q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(finite))
        .collect();
    let base: Vec<f64> = s.baseline_gaps[..m].iter().map(|g| finite(*g)).collect();
    for ((y, q), b) in years.iter().zip(&q).zip(&base) {
        let mut row = vec![year_label(*y), gbp_m(*b)];
        row.extend(q.iter().map(|v| gbp_m(*v)));
        table.rows.push(row);
    }
    let last = m - 1;
    let when = year_label(years[last]);
    let [p5, _, p50, _, p95, _] = q[last];
    let title = format!(
        "By {when} the median annual gap is {}, against {} with no risk events",
        gbp_m(p50),
        gbp_m(base[last])
    );
    let caption = format!(
        "In 9 trials out of 10 the gap in {when} is between {} and {}; with no risk events it \
         would be {}. The light band holds the middle 90% of trials each year, the darker \
         band the middle half, the line with dots is the median and the dashed grey line the \
         gap with no risk events; above 0 is an overspend.",
        gbp_m(p5),
        gbp_m(p95),
        gbp_m(base[last])
    );

    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(BAND_OUTER)),
            "Middle 90% of trials (P5 to P95)",
        ),
        LegendItem::new(
            Swatch::Bar(Fill::Solid(BAND_INNER)),
            "Middle half (P25 to P75)",
        ),
        LegendItem::new(Swatch::Line(DARK_BLUE), "Median"),
        LegendItem::new(Swatch::Dashed(DARK_GREY), "No risk events"),
    ];
    let xs: Vec<f64> = years.iter().map(|y| f64::from(*y)).collect();
    let x = Scale::years(years[0], years[last], 6);
    let values = q
        .iter()
        .flat_map(|q| [q[0], q[4]])
        .chain(base.iter().copied());
    let y = money_scale(values, true, 5);
    let mut frame = Frame::new(x, y, "£m (above 0 = overspend)");
    frame.margin.right = 130;
    frame.margin.top = (LEGEND_AT.1 + legend_height(&items, LEGEND_WIDTH) + 12) as u32;
    let height = (frame.margin.top + 250 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        // One year only: give the bands some width.
        let band_xs: Vec<f64> = if m == 1 {
            vec![xs[0] - 0.15, xs[0] + 0.15]
        } else {
            xs.clone()
        };
        let value_at = |i: usize, k: usize| q[i.min(m - 1)][k];
        for (lo, hi, colour) in [(0, 4, BAND_OUTER), (1, 3, BAND_INNER)] {
            let mut pts: Vec<(f64, f64)> = band_xs
                .iter()
                .enumerate()
                .map(|(i, x)| (*x, value_at(i, hi)))
                .collect();
            pts.extend(
                band_xs
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, x)| (*x, value_at(i, lo))),
            );
            plot.draw_series(std::iter::once(Polygon::new(pts, colour.filled())))?;
        }
        hline(&mut plot, 0.0, TEXT, 1)?;
        let pts = |v: Vec<f64>| -> Vec<(f64, f64)> { xs.iter().copied().zip(v).collect() };
        draw_line(
            &mut plot,
            &pts(base.clone()),
            Line {
                colour: DARK_GREY,
                width: 2,
                dashed: true,
                marker: Marker::None,
            },
        )?;
        draw_line(
            &mut plot,
            &pts(q.iter().map(|q| q[2]).collect()),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::Dot,
            },
        )?;
        let end = xs[last];
        end_labels(
            root,
            &plot,
            &[
                ((end, p95), format!("P95 {}", gbp_m(p95)), TEXT),
                ((end, p50), format!("Median {}", gbp_m(p50)), DARK_BLUE),
                ((end, p5), format!("P5 {}", gbp_m(p5)), TEXT),
                (
                    (end, base[last]),
                    format!("No events {}", gbp_m(base[last])),
                    DARK_GREY,
                ),
            ],
            i32::MAX,
        )
    });
    Chart {
        id: "sim-fan",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 2. The histogram

/// The five-year gap across the trials as a histogram (bars are shares of trials), with
/// the gap with no risk events, the median and the 95th percentile marked and labelled.
pub fn histogram(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "How many trials had a {five} gap (spend − funding, above 0 an overspend) in each \
             range, £m"
        ),
        &["Range", "Trials", "Share of trials"],
    );
    let h = &s.histogram;
    let k = h.counts.len().min(h.edges.len().saturating_sub(1));
    if s.trials == 0 || k == 0 {
        return no_trials(
            "sim-histogram",
            &format!("how the {five} gap is spread"),
            table,
            s,
        );
    }
    let tf = f64::from(s.trials.max(1));
    let edges: Vec<f64> = h.edges[..=k].iter().map(|e| finite(*e)).collect();
    let shares: Vec<f64> = h.counts[..k].iter().map(|c| f64::from(*c) / tf).collect();
    for i in 0..k {
        table.rows.push(vec![
            format!("{} to {}", gbp_m(edges[i]), gbp_m(edges[i + 1])),
            count(u64::from(h.counts[i])),
            chance(shares[i]),
        ]);
    }
    let q = s.five_year;
    let (base, p50, p95) = (finite(s.baseline_five_year), finite(q.p50), finite(q.p95));
    let title = format!(
        "Half the trials have a {five} gap above {}, against {} with no risk events",
        gbp_m(p50),
        gbp_m(base)
    );
    let caption = format!(
        "Half the trials have a {five} gap above {} and 1 in 20 above {}; with no risk events \
         it would be {}. Each bar is the share of trials with a {five} gap in its range.",
        gbp_m(p50),
        gbp_m(p95),
        gbp_m(base)
    );
    let markers = [
        VMarker {
            x: base,
            words: format!("No risk events {}", gbp_m(base)),
            colour: DARK_GREY,
            stroke: Stroke::Dashed,
            width: 2,
            shape: Shape::Circle,
        },
        VMarker {
            x: p50,
            words: format!("Median {}", gbp_m(p50)),
            colour: TEXT,
            stroke: Stroke::Solid,
            width: 2,
            shape: Shape::Diamond,
        },
        VMarker {
            x: p95,
            words: format!("1 in 20 above {} (P95)", gbp_m(p95)),
            colour: DARK_PINK,
            stroke: Stroke::Dotted,
            width: 2,
            shape: Shape::Triangle,
        },
    ];
    let x = money_scale(edges.iter().copied().chain([base, p50, p95]), false, 6);
    let y = Scale::nice(shares.iter().map(|v| v * 100.0), true, 5);
    let mut frame = Frame::new(x, y.clone(), "% of trials");
    frame.x_desc = format!("{} gap, £m (above 0 = overspend)", capitalise(&five));
    frame.x_label_area = 46;
    frame.margin.right = 24;
    let (stacked, rows) = marker_rows(&frame, WIDTH, &markers);
    frame.margin.top = (16 + rows as i32 * LABEL_ROW + 8) as u32;
    let height = (frame.margin.top + 230 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        let mut plot = plot(root, &frame)?;
        for i in 0..k {
            if h.counts[i] == 0 {
                continue;
            }
            let gap = (edges[i + 1] - edges[i]) * 0.06;
            bar(
                root,
                &mut plot,
                [
                    (edges[i] + gap, 0.0),
                    (edges[i + 1] - gap, shares[i] * 100.0),
                ],
                Fill::Solid(MID_BLUE),
            )?;
        }
        draw_markers(root, &plot, &markers, &stacked, y.lo)
    });
    Chart {
        id: "sim-histogram",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 3. The exceedance curves

/// A curve of P(value > x) extended to the plot's edges: every trial is above anything
/// left of the lowest value, none above anything right of the highest. In percent.
pub fn exceedance_points(curve: &[Exceedance], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = curve
        .iter()
        .filter(|e| e.x.is_finite() && e.p.is_finite())
        .map(|e| (e.x, e.p.clamp(0.0, 1.0) * 100.0))
        .collect();
    if let Some(first) = pts.first().copied() {
        if lo < first.0 {
            pts.insert(0, (first.0, 100.0));
            pts.insert(0, (lo, 100.0));
        }
    }
    if let Some(last) = pts.last().copied() {
        if hi > last.0 {
            pts.push((hi, last.1));
        }
    }
    pts
}

fn threshold_style(kind: ThresholdKind) -> (RGBColor, Stroke, Shape) {
    match kind {
        ThresholdKind::Chosen => (TEXT, Stroke::Solid, Shape::Diamond),
        ThresholdKind::Outturn => (DARK_GREY, Stroke::Dashed, Shape::Circle),
        ThresholdKind::Pressure => (DARK_PINK, Stroke::Dotted, Shape::Triangle),
    }
}

/// The chance of passing each amount: the five-year gap, and the annual gap in at least
/// one year, with the chosen threshold, past outturns and reported pressures marked.
pub fn exceedance(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The chance that the gap passes each threshold: the annual gap in at least one year \
             of the {}, and the {five} gap, £m",
            horizon(s)
        ),
        &[
            "Threshold",
            "Amount",
            "Annual gap above it in at least one year",
            &format!("{} gap above it", capitalise(&five)),
        ],
    );
    let thresholds: Vec<&ThresholdResult> = s
        .thresholds
        .iter()
        .filter(|t| t.value.is_finite())
        .collect();
    for t in &thresholds {
        table.rows.push(vec![
            t.label.clone(),
            gbp_m(t.value),
            chance(t.p_any_year),
            chance(t.p_five_year),
        ]);
    }
    if s.trials == 0 || (s.exceedance.is_empty() && s.any_year_exceedance.is_empty()) {
        return no_trials(
            "sim-exceedance",
            "the chance of passing each threshold",
            table,
            s,
        );
    }
    let (title, lead) = match thresholds.first() {
        Some(t) => {
            let name = if t.kind == ThresholdKind::Chosen {
                format!("your threshold of {}", gbp_m(t.value))
            } else {
                format!("the {} of {}", t.label, gbp_m(t.value))
            };
            (
                format!(
                    "A {} chance the annual gap passes {name} in at least one year",
                    chance(t.p_any_year)
                ),
                format!(
                    "There is a {} chance that the annual gap passes {name} in at least one of \
                     the {}, and a {} chance that the {five} gap does.",
                    chance(t.p_any_year),
                    horizon(s),
                    chance(t.p_five_year)
                ),
            )
        }
        None => (
            "The chance that the gap passes each amount".to_string(),
            String::new(),
        ),
    };
    let caption = format!(
        "{lead} The solid curve is the chance that the {five} gap is above the amount along \
         the bottom, the dashed curve the chance that the annual gap is above it in at least \
         one year; the vertical lines mark your threshold (solid, diamond), past outturns \
         (dashed, circle) and reported cost pressures (dotted, triangle).",
    )
    .trim_start()
    .to_string();

    let markers: Vec<VMarker> = thresholds
        .iter()
        .map(|t| {
            let (colour, stroke, shape) = threshold_style(t.kind);
            VMarker {
                x: t.value,
                words: format!("{} {}", t.label, gbp_m(t.value)),
                colour,
                stroke,
                // Thin, so several close together still read as separate lines.
                width: if t.kind == ThresholdKind::Chosen {
                    2
                } else {
                    1
                },
                shape,
            }
        })
        .collect();
    let items = [
        LegendItem::new(
            Swatch::Line(DARK_BLUE),
            &format!("{} gap above this", capitalise(&five)),
        ),
        LegendItem::new(
            Swatch::Dashed(ORANGE),
            "Annual gap above this in at least one year",
        ),
    ];
    let xs = s
        .exceedance
        .iter()
        .chain(&s.any_year_exceedance)
        .map(|e| e.x)
        .chain(markers.iter().map(|m| m.x));
    let x = money_scale(xs, false, 6);
    let mut frame = Frame::new(x.clone(), percent_scale(), "Chance, %");
    frame.x_desc = "Gap, £m (above 0 = overspend)".to_string();
    frame.x_label_area = 46;
    frame.margin.right = 24;
    let legend_bottom = LEGEND_AT.1 + legend_height(&items, LEGEND_WIDTH);
    let (stacked, rows) = marker_rows(&frame, WIDTH, &markers);
    frame.margin.top = (legend_bottom + 14 + rows as i32 * LABEL_ROW + 6) as u32;
    let height = (frame.margin.top + 230 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        draw_markers(root, &plot, &markers, &stacked, 0.0)?;
        draw_line(
            &mut plot,
            &exceedance_points(&s.any_year_exceedance, x.lo, x.hi),
            Line {
                colour: ORANGE,
                width: 3,
                dashed: true,
                marker: Marker::None,
            },
        )?;
        draw_line(
            &mut plot,
            &exceedance_points(&s.exceedance, x.lo, x.hi),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::None,
            },
        )?;
        Ok(())
    });
    Chart {
        id: "sim-exceedance",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// 4. Each risk's chance

/// Each risk's chance of happening at least once in the horizon (bars), with its chance in
/// any one year from its rating (a diamond, and in the words).
pub fn risk_probability(ds: &Dataset, s: &Summary) -> Chart {
    let rating = s.rating.label().to_lowercase();
    let mut table = Table::new(
        format!(
            "Each risk's chance: in any one year from its {rating} likelihood rating, the share \
             of years it happened in the simulation (links between risks included), and at \
             least once in the {}",
            horizon(s)
        ),
        &[
            "Risk",
            "Chance in a year (rating)",
            "Share of years it happened (simulated)",
            &format!("At least once in {}", horizon(s)),
        ],
    );
    let n = s
        .risks
        .len()
        .min(s.p_at_least_once.len())
        .min(s.base_probability.len())
        .min(s.yearly_frequency.len());
    for i in 0..n {
        table.rows.push(vec![
            risk_at(ds, s, i),
            chance(s.base_probability[i]),
            chance(s.yearly_frequency[i]),
            chance(s.p_at_least_once[i]),
        ]);
    }
    if s.trials == 0 || n == 0 {
        return no_trials("sim-risk-probability", "how likely each risk is", table, s);
    }
    let likely = (0..n).filter(|i| s.p_at_least_once[*i] >= 0.9).count();
    let title = format!(
        "{} of the {} risks have a 90% or greater chance of happening at least once in {}",
        capitalise(&number_word(likely)),
        number_word(n),
        horizon(s)
    );
    let (most, _) =
        (0..n)
            .map(|i| (i, finite(s.p_at_least_once[i])))
            .fold(
                (0, f64::NEG_INFINITY),
                |acc, v| if v.1 > acc.1 { v } else { acc },
            );
    let caption = format!(
        "How likely each risk is to happen at least once in the {} (bars), against its chance \
         in any one year from its {rating} rating (diamonds, and in brackets); {} is the most \
         likely, at {} a year and {} at least once.",
        horizon(s),
        risk_at(ds, s, most),
        chance(s.base_probability[most]),
        chance(s.p_at_least_once[most]),
    );
    let rows: Vec<ChanceRow> = (0..n)
        .map(|i| ChanceRow {
            name: risk_at(ds, s, i),
            p: s.p_at_least_once[i],
            tag: format!(
                "{} ({} a year)",
                chance(s.p_at_least_once[i]),
                chance(s.base_probability[i])
            ),
            marker: Some(s.base_probability[i]),
        })
        .collect();
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(MID_BLUE)),
            &format!("At least once in {}", horizon(s)),
        ),
        LegendItem::new(
            Swatch::Marker(TEXT),
            &format!("Chance in any one year ({rating} rating)"),
        ),
    ];
    Chart {
        id: "sim-risk-probability",
        title,
        caption,
        svg: chance_bars(&rows, &items, "Chance, %"),
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 5. Risks in the same year

/// The chance that the busiest year of a trial has exactly k risks happening, and the
/// average horizon gap when it has at least k.
pub fn same_year(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The most risks happening in the same year (the busiest year of the {}): the chance \
             of exactly and at least that many, and the average {five} gap when at least that \
             many happen, £m",
            horizon(s)
        ),
        &[
            "Risks in the busiest year",
            "Chance of exactly this many",
            "Chance of at least this many",
            &format!("Average {five} gap when at least this many"),
        ],
    );
    let Some(last) = s.same_year.iter().rposition(|p| *p > 0.0) else {
        return no_trials(
            "sim-same-year",
            "how many risks happen in the same year",
            table,
            s,
        );
    };
    if s.trials == 0 {
        return no_trials(
            "sim-same-year",
            "how many risks happen in the same year",
            table,
            s,
        );
    }
    let shares: Vec<f64> = s.same_year[..=last]
        .iter()
        .map(|p| finite(*p).clamp(0.0, 1.0))
        .collect();
    let at_least = |k: usize| -> f64 {
        s.same_year
            .iter()
            .skip(k)
            .map(|p| finite(*p))
            .sum::<f64>()
            .clamp(0.0, 1.0)
    };
    let gap = |k: usize| s.same_year_gap.get(k).copied().flatten().map(finite);
    for (k, p) in shares.iter().enumerate() {
        table.rows.push(vec![
            count(k as u64),
            chance(*p),
            chance(at_least(k)),
            gap(k)
                .map(gbp_m)
                .unwrap_or_else(|| "never happened".to_string()),
        ]);
    }
    let y3 = at_least(3);
    let title = format!(
        "In {} of trials three or more risks hit in the same year at least once",
        chance(y3)
    );
    let when = match gap(3) {
        Some(z) if y3 > 0.0 => format!("when they do, the {five} gap averages {}", gbp_m(z)),
        _ => "it never happened in these trials".to_string(),
    };
    let caption = format!(
        "There is a {} chance that three or more risks hit in the same year at least once in {}; \
         {when}. Each bar is the chance that the busiest year of a trial has exactly that many \
         risks happening; the dark bars are three or more.",
        chance(y3),
        horizon(s),
    );

    let k = shares.len();
    let x = Scale::slots(k);
    let y = Scale::nice(shares.iter().map(|v| v * 100.0), true, 5);
    let mut frame = Frame::new(x, y.clone(), "% of trials");
    frame.x_desc = format!("Risks happening in the busiest year of the {}", horizon(s));
    frame.x_label_area = 48;
    frame.margin.top = 44;
    let svg = render((WIDTH, HEIGHT + 20), |root| {
        let mut plot = plot(root, &frame)?;
        let under = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Top));
        for (i, p) in shares.iter().enumerate() {
            let c = i as f64;
            let fill = if i >= 3 { DARK_BLUE } else { LIGHT_BLUE };
            if *p > 0.0 {
                bar(
                    root,
                    &mut plot,
                    [(c - 0.35, 0.0), (c + 0.35, p * 100.0)],
                    Fill::Solid(fill),
                )?;
            }
            let (px, top) = plot.backend_coord(&(c, p * 100.0));
            label(
                root,
                &chance(*p),
                (px, top - 4),
                &text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Bottom)),
            )?;
            let bottom = plot.backend_coord(&(c, y.lo)).1;
            label(root, &count(i as u64), (px, bottom + 6), &under)?;
        }
        // A bracket over three or more, with its total.
        if k > 3 {
            let (x0, _) = plot.backend_coord(&(3.0 - 0.4, 0.0));
            let (x1, _) = plot.backend_coord(&((k - 1) as f64 + 0.4, 0.0));
            let top = plot.backend_coord(&(0.0, y.hi)).1;
            let yb = top - 12;
            root.draw(&PathElement::new(
                vec![(x0, yb + 6), (x0, yb), (x1, yb), (x1, yb + 6)],
                TEXT.stroke_width(1),
            ))?;
            let words = format!("Three or more in one year: {}", chance(y3));
            let cx = ((x0 + x1) / 2).clamp(
                approx_width(&words, TEXT_PX) / 2 + 4,
                WIDTH as i32 - approx_width(&words, TEXT_PX) / 2 - 4,
            );
            label(
                root,
                &words,
                (cx, yb - 3),
                &text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Bottom)),
            )?;
        }
        Ok(())
    });
    Chart {
        id: "sim-same-year",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 6. Risks a year: simulated against independent

/// The mean of a distribution over 0, 1, 2, …
fn mean_count(dist: &[f64]) -> f64 {
    dist.iter()
        .enumerate()
        .map(|(k, p)| k as f64 * finite(*p))
        .sum()
}

/// How many risks happen in a year: the simulated share of trial-years against the share
/// if the risks were independent at their ratings' chances, as paired bars.
pub fn count_vs_independent(_ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "How many risks happen in a year: the share of simulated years (links between risks \
         included) and the share if the risks were independent at their ratings' chances",
        &[
            "Risks happening in a year",
            "Share of years (simulated)",
            "Share of years if independent",
        ],
    );
    let obs = &s.per_year_count;
    let ind = &s.per_year_count_independent;
    let len = obs.len().max(ind.len());
    let get = |v: &Vec<f64>, k: usize| finite(v.get(k).copied().unwrap_or(0.0)).clamp(0.0, 1.0);
    // Drop the tail where both round to 0.0%.
    let shown = (0..len)
        .rposition(|k| get(obs, k) >= 0.0005 || get(ind, k) >= 0.0005)
        .map(|l| l + 1)
        .unwrap_or(0);
    for k in 0..shown {
        table.rows.push(vec![
            count(k as u64),
            chance(get(obs, k)),
            chance(get(ind, k)),
        ]);
    }
    if s.trials == 0 || shown == 0 {
        return no_trials(
            "sim-count-independent",
            "how many risks happen in a year",
            table,
            s,
        );
    }
    let (m_obs, m_ind) = (mean_count(obs), mean_count(ind));
    let title = if s.interactions {
        format!(
            "With the links, an average year has {m_obs:.1} risks happening; independent risks \
             at their ratings' chances would give {m_ind:.1}"
        )
    } else {
        format!(
            "With the links switched off, an average year has {m_obs:.1} risks happening, as \
             independent risks would ({m_ind:.1})"
        )
    };
    let more = (0..len).skip(5).map(|k| get(obs, k)).sum::<f64>();
    let more_ind = (0..len).skip(5).map(|k| get(ind, k)).sum::<f64>();
    let caption = format!(
        "For each number of risks, the share of simulated years with exactly that many \
         happening (solid bars) against the share if the risks were independent at their \
         ratings' chances (hatched bars): {} of simulated years have five or more, against {} \
         if independent.",
        chance(more),
        chance(more_ind)
    );
    let independent = Fill::Hatched {
        fill: WHITE,
        lines: ORANGE,
    };
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(DARK_BLUE)),
            "Simulated, with the links",
        ),
        LegendItem::new(
            Swatch::Bar(independent),
            "If independent at each rating's chance",
        ),
    ];
    let y = Scale::nice(
        (0..shown).flat_map(|k| [get(obs, k) * 100.0, get(ind, k) * 100.0]),
        true,
        5,
    );
    let mut frame = Frame::new(Scale::slots(shown), y.clone(), "% of years");
    frame.x_desc = "Risks happening in the same year".to_string();
    frame.x_label_area = 48;
    frame.margin.top = (LEGEND_AT.1 + legend_height(&items, LEGEND_WIDTH) + 12) as u32;
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let under = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Top));
        for k in 0..shown {
            let c = k as f64;
            let (o, i) = (get(obs, k) * 100.0, get(ind, k) * 100.0);
            if o > 0.0 {
                bar(
                    root,
                    &mut plot,
                    [(c - 0.4, 0.0), (c - 0.02, o)],
                    Fill::Solid(DARK_BLUE),
                )?;
            }
            if i > 0.0 {
                bar(
                    root,
                    &mut plot,
                    [(c + 0.02, 0.0), (c + 0.4, i)],
                    independent,
                )?;
            }
            let (px, bottom) = plot.backend_coord(&(c, y.lo));
            label(root, &count(k as u64), (px, bottom + 6), &under)?;
        }
        Ok(())
    });
    Chart {
        id: "sim-count-independent",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 7. Which risks happen together

/// The edges between the co-occurrence ratio's colour bands.
const RATIO_EDGES: [f64; 4] = [0.8, 0.95, 1.05, 1.25];

/// How often each pair of risks happens in the same year against how often it would if
/// they were independent: a triangular grid, the ratio written in each cell.
pub fn co_occurrence(ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "For each pair of risks, the share of simulated years in which both happened, the \
         share if they were independent (each year's simulated chances multiplied), and the \
         ratio of the two",
        &[
            "Pair",
            "Both in the same year (simulated)",
            "If independent",
            "Ratio",
        ],
    );
    let pairs: Vec<_> = s
        .co_occurrence
        .iter()
        .filter(|c| c.a < c.b && c.b < s.risks.len())
        .collect();
    for c in &pairs {
        table.rows.push(vec![
            format!("{} and {}", risk_at(ds, s, c.a), risk_at(ds, s, c.b)),
            chance(c.observed),
            chance(c.independent),
            c.ratio()
                .filter(|r| r.is_finite())
                .map(times)
                .unwrap_or_else(|| "n/a: neither happens".to_string()),
        ]);
    }
    if s.trials == 0 || pairs.is_empty() {
        return no_trials(
            "sim-co-occurrence",
            "which risks happen in the same year",
            table,
            s,
        );
    }
    let ratio = |c: &&crate::model::simulation::CoOccurrence| c.ratio().filter(|r| r.is_finite());
    let top = pairs
        .iter()
        .filter_map(|c| ratio(c).map(|r| (c, r)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let title = match top {
        Some((c, r)) if r >= 1.05 => format!(
            "{} and {} happen in the same year {:.1} times as often as if they were independent",
            risk_at(ds, s, c.a),
            risk_at(ds, s, c.b),
            r
        ),
        _ => "No two risks happen in the same year much more often than if they were independent"
            .to_string(),
    };
    let clustered = pairs
        .iter()
        .filter(|c| ratio(c).is_some_and(|r| r >= 1.05))
        .count();
    let caption = format!(
        "Each cell compares how often two risks happen in the same year with how often they \
         would if they were independent: ×1.0 is as if independent, above it they happen \
         together more often. {} of the {} pairs happen together at least 5% more often than \
         chance; the colour bands repeat the number written in each cell.",
        capitalise(&number_word(clustered)),
        pairs.len()
    );
    let cells: Vec<GridCell> = pairs
        .iter()
        .map(|c| match ratio(c) {
            Some(r) => GridCell {
                a: c.a,
                b: c.b,
                colour: Some(DIVERGING[bin(r, RATIO_EDGES)]),
                words: times(r),
            },
            None => GridCell {
                a: c.a,
                b: c.b,
                colour: None,
                words: "n/a".to_string(),
            },
        })
        .collect();
    let legend = [
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[0])), "Under ×0.8"),
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[1])), "×0.8 to ×0.95"),
        LegendItem::new(
            Swatch::Bar(Fill::Solid(DIVERGING[2])),
            "×0.95 to ×1.05: as if independent",
        ),
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[3])), "×1.05 to ×1.25"),
        LegendItem::new(Swatch::Bar(Fill::Solid(DIVERGING[4])), "×1.25 or more"),
    ];
    Chart {
        id: "sim-co-occurrence",
        title,
        caption,
        svg: pair_grid_svg(s, ds, &cells, &legend),
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 8. The tornado

/// How much bigger the horizon gap is, on average, in trials where each risk happened
/// than in trials where it did not, largest first.
pub fn tornado(ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The average {five} gap in trials where each risk happened at least once, in trials \
             where it did not, and the difference, largest first, £m"
        ),
        &[
            "Risk",
            "Average gap when it happened",
            "Average gap when it did not",
            "Difference",
        ],
    );
    let mut rows: Vec<(usize, Option<f64>)> = s
        .effects
        .iter()
        .enumerate()
        .map(|(i, e)| (i, e.difference().filter(|d| d.is_finite())))
        .collect();
    rows.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    let name = |i: usize| {
        s.effects
            .get(i)
            .map(|e| risk_name(ds, &e.risk))
            .unwrap_or_default()
    };
    let why_none = |i: usize| match s.effects.get(i) {
        Some(e) if e.with.is_none() => "never happened: nothing to compare",
        _ => "happened in every trial: nothing to compare",
    };
    for (i, d) in &rows {
        let e = &s.effects[*i];
        let cell = |v: Option<f64>, none: &str| {
            v.filter(|v| v.is_finite())
                .map(gbp_m)
                .unwrap_or_else(|| none.to_string())
        };
        table.rows.push(vec![
            name(*i),
            cell(e.with, "never happened"),
            cell(e.without, "happened in every trial"),
            d.map(signed_gbp_m)
                .unwrap_or_else(|| why_none(*i).to_string()),
        ]);
    }
    if s.trials == 0 || rows.is_empty() {
        return no_trials("sim-tornado", "which risks move the gap most", table, s);
    }
    let (title, lead) = match rows.first() {
        Some((i, Some(d))) => {
            let e = &s.effects[*i];
            (
                format!(
                    "Trials where {} happened have a {five} gap {} {} on average",
                    name(*i),
                    gbp_m(d.abs()),
                    if *d >= 0.0 { "higher" } else { "lower" }
                ),
                format!(
                    "{} moves the {five} gap most: it averages {} in trials where it happened at \
                     least once and {} where it did not.",
                    name(*i),
                    gbp_m(finite(e.with.unwrap_or(0.0))),
                    gbp_m(finite(e.without.unwrap_or(0.0)))
                ),
            )
        }
        _ => (
            "Every risk happened in every trial, or in none: there is nothing to compare"
                .to_string(),
            String::new(),
        ),
    };
    let caption = format!(
        "{lead} Each bar is how much higher the average {five} gap is in trials where the risk \
         happened than in trials where it did not; this includes the other risks it makes \
         more likely. Risks that happened in every trial have nothing to compare with.",
    )
    .trim_start()
    .to_string();

    let k = rows.len();
    let names: Vec<String> = rows.iter().map(|(i, _)| name(*i)).collect();
    let name_px = names
        .iter()
        .map(|l| approx_width(l, TEXT_PX))
        .max()
        .unwrap_or(0)
        .min(210);
    let values: Vec<f64> = rows.iter().filter_map(|r| r.1).chain([0.0]).collect();
    let base = money_scale(values.iter().copied(), true, 5);
    let tag_px = rows
        .iter()
        .map(|(i, d)| match d {
            Some(d) => approx_width(&signed_gbp_m(*d), TEXT_PX),
            None => approx_width(why_none(*i), TEXT_PX) / 2,
        })
        .max()
        .unwrap_or(0);
    let mut frame = Frame::new(base, Scale::slots(k), "");
    frame.margin.top = 16;
    frame.margin.right = (tag_px + 16) as u32;
    frame.x_desc = format!("Higher average {five} gap when the risk happened, £m");
    frame.x_label_area = 46;
    frame.y_label_area = (name_px + 16) as u32;
    frame.vertical_grid = true;
    frame.show_y_axis = false;
    let height = (frame.margin.top + BAR_ROW * k as u32 + frame.x_label_area + 10).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(frame.x.lo, 0.0)).0;
        let name_style = text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center));
        for (j, ((i, d), nm)) in rows.iter().zip(&names).enumerate() {
            let c = (k - 1 - j) as f64;
            let cy = plot.backend_coord(&(0.0, c)).1;
            label(root, nm, (left - 8, cy), &name_style)?;
            match d {
                Some(d) => {
                    let colour = if *d >= 0.0 { DARK_BLUE } else { TURQUOISE };
                    bar(
                        root,
                        &mut plot,
                        [(0.0, c - 0.3), (*d, c + 0.3)],
                        Fill::Solid(colour),
                    )?;
                    let (x, h) = if *d >= 0.0 {
                        (plot.backend_coord(&(*d, c)).0 + 6, HPos::Left)
                    } else {
                        (plot.backend_coord(&(*d, c)).0 - 6, HPos::Right)
                    };
                    label(
                        root,
                        &signed_gbp_m(*d),
                        (x, cy),
                        &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
                    )?;
                }
                None => {
                    let x = plot.backend_coord(&(0.0, c)).0 + 6;
                    label(
                        root,
                        why_none(*i),
                        (x, cy),
                        &text_style(TEXT_PX, DARK_GREY, (HPos::Left, VPos::Center)),
                    )?;
                }
            }
        }
        let (x0, y0) = plot.backend_coord(&(0.0, -0.5));
        let y1 = plot.backend_coord(&(0.0, k as f64 - 0.5)).1;
        root.draw(&PathElement::new(
            vec![(x0, y0), (x0, y1)],
            TEXT.stroke_width(1),
        ))?;
        Ok(())
    });
    Chart {
        id: "sim-tornado",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 9. Pairs that compound

/// Round `x` up to 1, 2 or 5 times a power of ten (at least 0.1).
fn round_up_125(x: f64) -> f64 {
    let x = finite(x).abs().max(0.1);
    let mag = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|v| *v >= x - 1e-9)
        .unwrap_or(10.0 * mag)
}

/// The interaction excess of each pair on the horizon gap: how much more (or less) the
/// gap is when both happen than the two alone would suggest, in a triangular grid.
pub fn pairwise(ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let not_shown = format!("not shown: fewer than {MIN_CELL_TRIALS} trials in a cell");
    let mut table = Table::new(
        format!(
            "For each pair of risks, the interaction excess on the {five} gap (average gap when \
             both happened − when only the first did − when only the second did + when neither \
             did, £m), and how many trials fell in each of the four cells"
        ),
        &[
            "Pair",
            "Interaction excess",
            "Trials: both happened",
            "Trials: first only",
            "Trials: second only",
            "Trials: neither",
        ],
    );
    let pairs: Vec<_> = s
        .pairs
        .iter()
        .filter(|p| p.a < p.b && p.b < s.risks.len())
        .collect();
    let excess = |p: &crate::model::simulation::PairExcess| p.excess.filter(|e| e.is_finite());
    for p in &pairs {
        let mut row = vec![
            format!("{} and {}", risk_at(ds, s, p.a), risk_at(ds, s, p.b)),
            excess(p)
                .map(signed_gbp_m)
                .unwrap_or_else(|| not_shown.clone()),
        ];
        row.extend(p.cells.iter().map(|c| count(u64::from(*c))));
        table.rows.push(row);
    }
    if s.trials == 0 || pairs.is_empty() {
        return no_trials("sim-pairwise", "which pairs of risks compound", table, s);
    }
    let shown: Vec<_> = pairs.iter().filter(|p| excess(p).is_some()).collect();
    let hidden = pairs.len() - shown.len();
    let top = shown
        .iter()
        .filter_map(|p| excess(p).map(|e| (p, e)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let title = match top {
        Some((p, e)) => format!(
            "Together, {} and {} {} the {five} gap by {} beyond what each does alone",
            risk_at(ds, s, p.a),
            risk_at(ds, s, p.b),
            if e >= 0.0 { "raise" } else { "lower" },
            gbp_m(e.abs())
        ),
        None => format!(
            "Too few trials to show how pairs of risks compound: every pair has a combination \
             seen in fewer than {MIN_CELL_TRIALS} trials"
        ),
    };
    let thin = format!(
        "one of the four combinations was seen in fewer than {MIN_CELL_TRIALS} trials; more \
         trials, or risks that do not happen in nearly every trial, fill them in"
    );
    let hidden_words = if hidden == 0 {
        String::new()
    } else if hidden == pairs.len() {
        format!(" No pair can be shown (hatched, n/a): for every pair {thin}.")
    } else {
        format!(
            " {} of the {} pairs are not shown (hatched, n/a) because {thin}.",
            capitalise(&number_word(hidden)),
            pairs.len()
        )
    };
    let caption = format!(
        "Each cell is how much more (or, if negative, less) the {five} gap is when both risks \
         happen than the two risks apart would suggest: the average gap when both happened, \
         minus when only one or the other did, plus when neither did.{hidden_words}"
    );
    let big = round_up_125(
        shown
            .iter()
            .filter_map(|p| excess(p))
            .map(f64::abs)
            .fold(0.0, f64::max)
            / 2.0,
    )
    .max(0.5);
    let small = big / 5.0;
    let edges = [-big, -small, small, big];
    let cells: Vec<GridCell> = pairs
        .iter()
        .map(|p| match excess(p) {
            Some(e) => GridCell {
                a: p.a,
                b: p.b,
                colour: Some(DIVERGING[bin(e, edges)]),
                words: signed_gbp_m(e),
            },
            None => GridCell {
                a: p.a,
                b: p.b,
                colour: None,
                words: "n/a".to_string(),
            },
        })
        .collect();
    let mut legend = Vec::new();
    if !shown.is_empty() {
        let bands = [
            format!("Below {}", signed_gbp_m(-big)),
            format!("{} to {}", signed_gbp_m(-big), signed_gbp_m(-small)),
            format!(
                "{} to {}: little interaction",
                signed_gbp_m(-small),
                signed_gbp_m(small)
            ),
            format!("{} to {}", signed_gbp_m(small), signed_gbp_m(big)),
            format!("Above {}", signed_gbp_m(big)),
        ];
        for (colour, words) in DIVERGING.iter().zip(&bands) {
            legend.push(LegendItem::new(Swatch::Bar(Fill::Solid(*colour)), words));
        }
    }
    if hidden > 0 {
        legend.push(LegendItem::new(
            Swatch::Bar(NOT_SHOWN),
            &format!("n/a: under {MIN_CELL_TRIALS} trials in a cell"),
        ));
    }
    Chart {
        id: "sim-pairwise",
        title,
        caption,
        svg: pair_grid_svg(s, ds, &cells, &legend),
        table,
        source: source(s),
    }
}

// ---------------------------------------------------------------------------------------
// 10. The three ratings

fn rating_words(r: RatingKind) -> &'static str {
    match r {
        RatingKind::Inherent => "Inherent: before any controls",
        RatingKind::Current => "Current: controls as they work today",
        RatingKind::Target => "Target: once planned actions are complete",
    }
}

/// The five-year gap at the inherent, current and target ratings side by side (the middle
/// 90% and middle half of trials, and the median), with the chances that go with them.
pub fn ratings(_ds: &Dataset, digests: &[RatingDigest]) -> Chart {
    let mut table = Table::new(
        "The five-year gap at each rating's likelihoods and impacts (same random numbers), \
         and the chances that go with it; £m",
        &[
            "Rating",
            "P5",
            "P25",
            "Median (P50)",
            "P75",
            "P95",
            "Mean",
            "Five-year gap over your threshold",
            "Annual gap over your threshold in at least one year",
            "Three or more risks in one year",
            "Risk events in five years (average)",
        ],
    );
    let source = "Source: Risk Explorer simulation, run at the inherent, current and target \
                  ratings with the same random numbers and the settings shown."
        .to_string();
    for d in digests {
        let q = d.five_year;
        let mut row = vec![d.rating.label().to_string()];
        row.extend([q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(|v| gbp_m(finite(v))));
        row.extend([
            chance(d.p_five_year_over),
            chance(d.p_any_year_over),
            chance(d.p_three_same_year),
            format!("{:.1}", finite(d.mean_events)),
        ]);
        table.rows.push(row);
    }
    if digests.is_empty() {
        return empty_chart(
            "sim-ratings",
            "No trials yet: run the simulation to compare the ratings",
            "The simulation has not run any trials, so there is nothing to compare yet.",
            table,
            source,
        );
    }
    let median = |k: RatingKind| {
        digests
            .iter()
            .find(|d| d.rating == k)
            .map(|d| finite(d.five_year.p50))
    };
    let (inh, cur, tgt) = (
        median(RatingKind::Inherent),
        median(RatingKind::Current),
        median(RatingKind::Target),
    );
    let (title, caption_lead) = match (inh, cur, tgt) {
        (Some(i), Some(c), Some(t)) => (
            format!(
                "Today's controls take {} off the median five-year gap; reaching the target \
                 ratings would take off {} more",
                gbp_m(i - c),
                gbp_m(c - t)
            ),
            format!(
                "Controls as they work today bring the median five-year gap from {} (inherent) \
                 to {} (current); reaching the target ratings would bring it to {}.",
                gbp_m(i),
                gbp_m(c),
                gbp_m(t)
            ),
        ),
        _ => (
            "The five-year gap at each rating".to_string(),
            String::new(),
        ),
    };
    let caption = format!(
        "{caption_lead} For each rating, the light bar holds the middle 90% of trials, the \
         darker bar the middle half and the diamond is the median; the words under each bar \
         give the chance the five-year gap is over your threshold and the chance of three or \
         more risks in one year."
    )
    .trim_start()
    .to_string();

    let k = digests.len();
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(BAND_OUTER)),
            "Middle 90% of trials (P5 to P95)",
        ),
        LegendItem::new(
            Swatch::Bar(Fill::Solid(BAND_INNER)),
            "Middle half (P25 to P75)",
        ),
        LegendItem::new(Swatch::Marker(TEXT), "Median"),
    ];
    let x = money_scale(
        digests
            .iter()
            .flat_map(|d| [d.five_year.p5, d.five_year.p95].map(finite)),
        true,
        6,
    );
    let mut frame = Frame::new(x, Scale::slots(k), "");
    frame.margin.top = (LEGEND_AT.1 + legend_height(&items, LEGEND_WIDTH) + 12) as u32;
    frame.margin.left = 20;
    frame.margin.right = 30;
    frame.y_label_area = 8;
    frame.x_desc = "Five-year gap, £m (above 0 = overspend)".to_string();
    frame.x_label_area = 46;
    frame.vertical_grid = true;
    frame.show_y_axis = false;
    let row_px = 86u32;
    let height = (frame.margin.top + row_px * k as u32 + frame.x_label_area + 10).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(frame.x.lo, 0.0)).0;
        for (j, d) in digests.iter().enumerate() {
            let c = (k - 1 - j) as f64;
            let q = d.five_year;
            let (p5, p25, p50, p75, p95) = (
                finite(q.p5),
                finite(q.p25),
                finite(q.p50),
                finite(q.p75),
                finite(q.p95),
            );
            let top = plot.backend_coord(&(0.0, c + 0.45)).1;
            label(
                root,
                rating_words(d.rating),
                (left + 4, top),
                &text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Top)),
            )?;
            bar(
                root,
                &mut plot,
                [(p5, c - 0.12), (p95, c + 0.12)],
                Fill::Solid(BAND_OUTER),
            )?;
            bar(
                root,
                &mut plot,
                [(p25, c - 0.2), (p75, c + 0.2)],
                Fill::Solid(BAND_INNER),
            )?;
            let at = plot.backend_coord(&(p50, c));
            root.draw(&diamond(at, 9, WHITE))?;
            root.draw(&diamond(at, 7, TEXT))?;
            // The median's words left of the bar if they fit, else right.
            let words = format!("Median {}", gbp_m(p50));
            let w = approx_width(&words, TEXT_PX);
            let (lo_px, hi_px) = (
                plot.backend_coord(&(p5, c)).0,
                plot.backend_coord(&(p95, c)).0,
            );
            let (x, h) = if lo_px - 8 - w >= left {
                (lo_px - 8, HPos::Right)
            } else {
                (hi_px + 8, HPos::Left)
            };
            label(
                root,
                &words,
                (x, at.1),
                &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
            )?;
            let under = format!(
                "Five-year gap over your threshold: {}; three or more risks in one year: {}",
                chance(d.p_five_year_over),
                chance(d.p_three_same_year)
            );
            let below = plot.backend_coord(&(0.0, c - 0.24)).1;
            label(
                root,
                &under,
                (left + 4, below + 2),
                &text_style(TEXT_PX, DARK_GREY, (HPos::Left, VPos::Top)),
            )?;
        }
        Ok(())
    });
    Chart {
        id: "sim-ratings",
        title,
        caption,
        svg,
        table,
        source,
    }
}

// ---------------------------------------------------------------------------------------
// 11. Outcomes that are not money

/// Chances of outcomes that are not money: caseloads over the safe level in at least one
/// year, and each risk whose event is a harm in itself happening at least once.
pub fn non_financial(ds: &Dataset, s: &Summary) -> Chart {
    let nf = &s.non_financial;
    let mut table = Table::new(
        format!(
            "Outcomes that are not money over the {}: in the simulation and with no risk events",
            horizon(s)
        ),
        &["Outcome", "In the simulation", "With no risk events"],
    );
    let years = s.years.len();
    let children = |v: f64| format!("{} children", count(finite(v).round().max(0.0) as u64));
    let yrs = |v: f64| {
        let v = finite(v);
        format!(
            "{v:.1} year{} of {years}",
            if (v - 1.0).abs() < 0.05 { "" } else { "s" }
        )
    };
    let whole_yrs = |v: u32| format!("{v} year{} of {years}", if v == 1 { "" } else { "s" });
    let base_years = nf.baseline_years_over_safe_caseload;
    table.rows.push(vec![
        "Caseloads over the safe level in at least one year".to_string(),
        chance(nf.p_any_year_over_safe_caseload),
        if base_years > 0 { "Yes" } else { "No" }.to_string(),
    ]);
    table.rows.push(vec![
        "Years with caseloads over the safe level (average)".to_string(),
        yrs(nf.mean_years_over_safe_caseload),
        whole_yrs(base_years),
    ]);
    for (id, p) in &nf.harms {
        table.rows.push(vec![
            format!("{} at least once", risk_name(ds, id)),
            chance(*p),
            "0.0% (no events)".to_string(),
        ]);
    }
    let u = nf.unregistered_peak;
    table.rows.push(vec![
        "Most children in unregistered settings in any year: median".to_string(),
        children(u.p50),
        children(nf.baseline_unregistered_peak),
    ]);
    table.rows.push(vec![
        "Most children in unregistered settings in any year: 1 trial in 20 above (P95)".to_string(),
        children(u.p95),
        children(nf.baseline_unregistered_peak),
    ]);
    if s.trials == 0 {
        return no_trials(
            "sim-non-financial",
            "the outcomes that are not money",
            table,
            s,
        );
    }
    let mut rows = vec![ChanceRow {
        name: "Caseloads over the safe level in at least one year".to_string(),
        p: nf.p_any_year_over_safe_caseload,
        tag: chance(nf.p_any_year_over_safe_caseload),
        marker: None,
    }];
    for (id, p) in &nf.harms {
        rows.push(ChanceRow {
            name: format!("{} at least once", risk_name(ds, id)),
            p: *p,
            tag: chance(*p),
            marker: None,
        });
    }
    let mut title = format!(
        "Caseloads go over the safe level in at least one year in {} of trials",
        chance(nf.p_any_year_over_safe_caseload)
    );
    if let Some((id, p)) = nf.harms.first() {
        title.push_str(&format!(
            "; {} happens at least once in {}",
            risk_name(ds, id),
            chance(*p)
        ));
    }
    let harms: Vec<String> = nf
        .harms
        .iter()
        .map(|(id, p)| format!("{} {}", risk_name(ds, id), chance(*p)))
        .collect();
    let caption = format!(
        "The chance of outcomes that are not money over the {}: caseloads above the safe level \
         in at least one year ({}; on average {} against {} with no risk events){}. At the \
         peak, a median of {} are in unregistered settings, against {} with no risk events.",
        horizon(s),
        chance(nf.p_any_year_over_safe_caseload),
        yrs(nf.mean_years_over_safe_caseload),
        whole_yrs(base_years),
        if harms.is_empty() {
            String::new()
        } else {
            format!(", and each harm at least once ({})", harms.join(", "))
        },
        children(u.p50),
        children(nf.baseline_unregistered_peak)
    );
    Chart {
        id: "sim-non-financial",
        title,
        caption,
        svg: chance_bars(&rows, &[], "Chance, %"),
        table,
        source: source(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::kit::assert_clean as clean_check;
    use crate::charts::kit::{hex, rects_filled};
    use crate::model::simulation::{SimOutput, SimRequest};
    use std::sync::OnceLock;

    /// Well-formed enough for the view (the shared check, plus no "−0.0%" or "%%" and a "sim-" id).
    fn assert_clean(c: &Chart) {
        clean_check(c, &["−0.0%", "%%"]);
        assert!(c.id.starts_with("sim-"));
    }

    /// The built-in dataset and one 2,000-trial run, shared by the tests.
    fn run() -> &'static (Dataset, SimOutput) {
        static RUN: OnceLock<(Dataset, SimOutput)> = OnceLock::new();
        RUN.get_or_init(|| {
            let ds = Dataset::builtin().unwrap();
            let mut req = SimRequest::default();
            req.settings.trials = 2_000;
            let out = req.run(&ds);
            (ds, out)
        })
    }

    /// A summary with no trials and nothing in it.
    fn empty_summary() -> Summary {
        let (_, out) = run();
        let mut s = out.summary.clone();
        s.trials = 0;
        s.annual.clear();
        s.baseline_gaps.clear();
        s.histogram = Default::default();
        s.exceedance.clear();
        s.any_year_exceedance.clear();
        s.thresholds.clear();
        s.p_at_least_once.clear();
        s.yearly_frequency.clear();
        s.base_probability.clear();
        s.same_year.clear();
        s.same_year_gap.clear();
        s.per_year_count.clear();
        s.per_year_count_independent.clear();
        s.co_occurrence.clear();
        s.effects.clear();
        s.pairs.clear();
        s.non_financial = Default::default();
        s
    }

    fn all(ds: &Dataset, s: &Summary, d: &[RatingDigest]) -> Vec<Chart> {
        vec![
            fan(ds, s),
            histogram(ds, s),
            exceedance(ds, s),
            risk_probability(ds, s),
            same_year(ds, s),
            count_vs_independent(ds, s),
            co_occurrence(ds, s),
            tornado(ds, s),
            pairwise(ds, s),
            ratings(ds, d),
            non_financial(ds, s),
        ]
    }

    /// Whether the SVG has `text` as a whole line (plotters writes text on its own line).
    fn has_line(svg: &str, text: &str) -> bool {
        svg.lines().any(|l| l.trim() == text)
    }

    #[test]
    fn every_chart_is_clean_with_a_stable_id() {
        let (ds, out) = run();
        let charts = all(ds, &out.summary, &out.by_rating);
        let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [
                "sim-fan",
                "sim-histogram",
                "sim-exceedance",
                "sim-risk-probability",
                "sim-same-year",
                "sim-count-independent",
                "sim-co-occurrence",
                "sim-tornado",
                "sim-pairwise",
                "sim-ratings",
                "sim-non-financial"
            ]
        );
        for c in &charts {
            assert_clean(c);
            assert!(!c.table.rows.is_empty(), "{}", c.id);
            assert!(c.source.contains("Risk Explorer simulation"), "{}", c.id);
        }
        assert!(charts[0].source.contains("2,000 trials of the five years"));
        assert!(charts[0].source.contains("current ratings"));
    }

    #[test]
    fn the_fan_table_and_caption_match_the_summary() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = fan(ds, s);
        assert_eq!(
            c.table.headers,
            [
                "Year",
                "No risk events",
                "P5",
                "P25",
                "Median (P50)",
                "P75",
                "P95",
                "Mean"
            ]
        );
        assert_eq!(c.table.rows.len(), 5);
        for (j, row) in c.table.rows.iter().enumerate() {
            let q = s.annual[j];
            assert_eq!(row[0], year_label(2025 + j as u16));
            assert_eq!(row[1], gbp_m(s.baseline_gaps[j]));
            assert_eq!(
                row[2..],
                [q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(gbp_m)
            );
        }
        assert_eq!(c.table.rows[4][0], "2029/30");
        assert_eq!(c.table.rows[4][6], gbp_m(s.annual[4].p95));
        assert!(c.caption.starts_with(&format!(
            "In 9 trials out of 10 the gap in 2029/30 is between {} and {}; with no risk events \
             it would be {}.",
            gbp_m(s.annual[4].p5),
            gbp_m(s.annual[4].p95),
            gbp_m(s.baseline_gaps[4])
        )));
        assert!(c.title.contains(&gbp_m(s.annual[4].p50)));
        // Two bands, the legend, the end labels.
        assert_eq!(
            c.svg
                .matches(&format!("fill=\"{}\"", hex(BAND_OUTER)))
                .count(),
            2
        );
        assert_eq!(
            c.svg
                .matches(&format!("fill=\"{}\"", hex(BAND_INNER)))
                .count(),
            2
        );
        for words in [
            "Middle 90% of trials (P5 to P95)",
            "Middle half (P25 to P75)",
            "No risk events",
            &format!("Median {}", gbp_m(s.annual[4].p50)),
            &format!("P95 {}", gbp_m(s.annual[4].p95)),
            "2025/26",
            "2029/30",
        ] {
            assert!(has_line(&c.svg, words), "{words}");
        }
    }

    #[test]
    fn the_histogram_shows_shares_and_labels_its_markers() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = histogram(ds, s);
        let h = &s.histogram;
        assert_eq!(c.table.rows.len(), h.counts.len());
        let total: u32 = h.counts.iter().sum();
        assert_eq!(total, s.trials);
        for (i, row) in c.table.rows.iter().enumerate() {
            assert_eq!(
                row[0],
                format!("{} to {}", gbp_m(h.edges[i]), gbp_m(h.edges[i + 1]))
            );
            assert_eq!(row[1], count(u64::from(h.counts[i])));
            assert_eq!(row[2], chance(f64::from(h.counts[i]) / 2000.0));
        }
        let nonzero = h.counts.iter().filter(|c| **c > 0).count();
        assert_eq!(rects_filled(&c.svg, MID_BLUE), nonzero);
        for words in [
            format!("Median {}", gbp_m(s.five_year.p50)),
            format!("1 in 20 above {} (P95)", gbp_m(s.five_year.p95)),
            format!("No risk events {}", gbp_m(s.baseline_five_year)),
        ] {
            assert!(has_line(&c.svg, &words), "{words}");
        }
        assert_eq!(
            c.caption,
            format!(
                "Half the trials have a five-year gap above {} and 1 in 20 above {}; with no \
                 risk events it would be {}. Each bar is the share of trials with a five-year \
                 gap in its range.",
                gbp_m(s.five_year.p50),
                gbp_m(s.five_year.p95),
                gbp_m(s.baseline_five_year)
            )
        );
    }

    #[test]
    fn exceedance_names_the_chosen_threshold_and_tabulates_every_one() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = exceedance(ds, s);
        let t = &s.thresholds[0];
        assert_eq!(t.kind, ThresholdKind::Chosen);
        assert_eq!(c.table.rows.len(), s.thresholds.len());
        for (row, t) in c.table.rows.iter().zip(&s.thresholds) {
            assert_eq!(
                *row,
                [
                    t.label.clone(),
                    gbp_m(t.value),
                    chance(t.p_any_year),
                    chance(t.p_five_year)
                ]
            );
            assert!(has_line(&c.svg, &format!("{} {}", t.label, gbp_m(t.value))));
        }
        assert!(c.caption.starts_with(&format!(
            "There is a {} chance that the annual gap passes your threshold of £10.0m in at \
             least one of the five years, and a {} chance that the five-year gap does.",
            chance(t.p_any_year),
            chance(t.p_five_year)
        )));
        assert!(c.title.contains("your threshold of £10.0m"));
    }

    #[test]
    fn exceedance_curves_reach_the_plot_edges() {
        let curve = [
            Exceedance { x: 10.0, p: 0.9 },
            Exceedance { x: 20.0, p: 0.5 },
            Exceedance { x: 30.0, p: 0.0 },
        ];
        assert_eq!(
            exceedance_points(&curve, 0.0, 40.0),
            vec![
                (0.0, 100.0),
                (10.0, 100.0),
                (10.0, 90.0),
                (20.0, 50.0),
                (30.0, 0.0),
                (40.0, 0.0)
            ]
        );
        assert_eq!(exceedance_points(&curve, 10.0, 30.0).len(), 3);
        assert!(exceedance_points(&[], 0.0, 1.0).is_empty());
        let bad = [Exceedance {
            x: f64::NAN,
            p: 0.5,
        }];
        assert!(exceedance_points(&bad, 0.0, 1.0).is_empty());
    }

    #[test]
    fn stacked_labels_never_overlap_or_cross_a_line() {
        // Nine labels 120 wide at nearly the same place: each takes its own row.
        let items: Vec<(i32, i32)> = (0..9).map(|i| (100 + i, 120)).collect();
        let st = stack_labels(&items, (4, 620));
        let mut rows: Vec<usize> = st.iter().map(|s| s.row).collect();
        rows.sort();
        assert_eq!(rows, (0..9).collect::<Vec<_>>());
        // The rightmost line takes the lowest row, so no line runs through words.
        assert_eq!(st[8].row, 0);
        assert_eq!(st[0].row, 8);
        // Far apart: one row.
        let st = stack_labels(&[(50, 100), (300, 100), (500, 60)], (4, 620));
        assert!(st.iter().all(|s| s.row == 0), "{st:?}");
        // Near the right edge the words run leftwards.
        let st = stack_labels(&[(600, 100)], (4, 620));
        assert!(st[0].leftwards);
        // A line under leftward words stops below them.
        let st = stack_labels(&[(600, 100), (520, 60)], (4, 620));
        assert!(st[0].leftwards && !st[1].leftwards);
        assert!(st[1].row < st[0].row, "{st:?}");
        // Facing labels: the right-facing one turns round if it fits on the left.
        let st = stack_labels(&[(440, 100), (530, 200)], (4, 620));
        assert!(st[0].leftwards && st[1].leftwards, "{st:?}");
        assert!(st[0].row < st[1].row, "{st:?}");
        let st = stack_labels(&[(60, 100), (200, 200)], (4, 220));
        assert!(
            !st[0].leftwards && st[1].leftwards,
            "no room on the left: {st:?}"
        );
        // Random-looking sets: no two labels in a row overlap; with every label's words
        // to the right, no line runs through words either.
        for right_edge in [620, 2000] {
            let items: Vec<(i32, i32)> = (0..20)
                .map(|i| ((i * 137) % 560 + 40, 40 + (i * 53) % 120))
                .collect();
            let st = stack_labels(&items, (4, right_edge));
            let span = |i: usize| words_span(items[i].0, items[i].1, st[i].leftwards);
            for i in 0..items.len() {
                for j in 0..items.len() {
                    let (a, b) = (span(i), span(j));
                    if i != j && st[i].row == st[j].row {
                        assert!(a.1 < b.0 || b.1 < a.0, "{i} and {j} overlap");
                    }
                    if right_edge == 2000 && st[j].row > st[i].row {
                        let x = items[j].0;
                        assert!(x < a.0 - 2 || x > a.1 + 2, "line {j} crosses words {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn risk_probability_shows_each_risk_and_its_yearly_chance() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = risk_probability(ds, s);
        assert_eq!(c.table.rows.len(), 9);
        assert_eq!(c.table.rows[0][0], "R1 Council relationship");
        for (i, row) in c.table.rows.iter().enumerate() {
            assert_eq!(row[1], chance(s.base_probability[i]));
            assert_eq!(row[2], chance(s.yearly_frequency[i]));
            assert_eq!(row[3], chance(s.p_at_least_once[i]));
            assert!(has_line(
                &c.svg,
                &format!(
                    "{} ({} a year)",
                    chance(s.p_at_least_once[i]),
                    chance(s.base_probability[i])
                )
            ));
        }
        assert_eq!(rects_filled(&c.svg, MID_BLUE), 9 + 1, "bars and the key");
        assert!(c.caption.contains("a year and"));
    }

    #[test]
    fn same_year_caption_sums_three_or_more() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = same_year(ds, s);
        let y: f64 = s.same_year[3..].iter().sum();
        let z = s.same_year_gap[3].unwrap();
        assert!(c.caption.starts_with(&format!(
            "There is a {} chance that three or more risks hit in the same year at least once \
             in five years; when they do, the five-year gap averages {}.",
            chance(y),
            gbp_m(z)
        )));
        let last = s.same_year.iter().rposition(|p| *p > 0.0).unwrap();
        assert_eq!(c.table.rows.len(), last + 1);
        for (k, row) in c.table.rows.iter().enumerate() {
            assert_eq!(row[0], k.to_string());
            assert_eq!(row[1], chance(s.same_year[k]));
            assert_eq!(row[3], gbp_m(s.same_year_gap[k].unwrap()));
        }
        assert_eq!(c.table.rows[3][2], chance(y));
        assert!(c
            .svg
            .contains(&format!("Three or more in one year: {}", chance(y))));

        // A summary where three in a year never happens.
        let mut t = s.clone();
        t.same_year = vec![0.2, 0.5, 0.3, 0.0, 0.0];
        t.same_year_gap = vec![Some(1.0), Some(2.0), Some(3.0), None, None];
        let c = same_year(ds, &t);
        assert_clean(&c);
        assert_eq!(c.table.rows.len(), 3, "the empty tail is dropped");
        assert!(c.caption.contains("a 0.0% chance") && c.caption.contains("never happened"));
    }

    #[test]
    fn count_against_independent_pairs_the_distributions() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = count_vs_independent(ds, s);
        assert!(c.table.rows.len() >= 8);
        for (k, row) in c.table.rows.iter().enumerate() {
            assert_eq!(row[1], chance(s.per_year_count[k]));
            assert_eq!(row[2], chance(s.per_year_count_independent[k]));
        }
        let m: f64 = s
            .per_year_count
            .iter()
            .enumerate()
            .map(|(k, p)| k as f64 * p)
            .sum();
        assert!(c.title.contains(&format!("{m:.1} risks")), "{}", c.title);
        // Hatched bars have an orange outline; solid ones are dark blue.
        assert!(rects_filled(&c.svg, DARK_BLUE) >= c.table.rows.len() - 1);
    }

    #[test]
    fn co_occurrence_writes_each_ratio() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = co_occurrence(ds, s);
        assert_eq!(c.table.rows.len(), 36);
        let p = &s.co_occurrence[0];
        assert_eq!(
            c.table.rows[0],
            [
                "R1 Council relationship and R2 Workforce".to_string(),
                chance(p.observed),
                chance(p.independent),
                format!("×{:.2}", p.ratio().unwrap())
            ]
        );
        for p in &s.co_occurrence {
            assert!(has_line(&c.svg, &times(p.ratio().unwrap())));
        }
        // The ids on the axes and the key.
        assert!(has_line(&c.svg, "R9") && has_line(&c.svg, "R1"));
        assert!(has_line(&c.svg, "R7 Placement sufficiency"));
        assert_eq!(bin(1.0, RATIO_EDGES), 2);
        assert_eq!(bin(0.5, RATIO_EDGES), 0);
        assert_eq!(bin(2.0, RATIO_EDGES), 4);
    }

    #[test]
    fn the_tornado_puts_the_largest_difference_first() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = tornado(ds, s);
        assert_eq!(c.table.rows.len(), 9);
        let best = s
            .effects
            .iter()
            .filter_map(|e| e.difference().map(|d| (e, d)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        let name = risk_name(ds, &best.0.risk);
        assert_eq!(c.table.rows[0][0], name);
        assert_eq!(c.table.rows[0][1], gbp_m(best.0.with.unwrap()));
        assert_eq!(c.table.rows[0][2], gbp_m(best.0.without.unwrap()));
        assert_eq!(c.table.rows[0][3], signed_gbp_m(best.1));
        assert!(c.caption.starts_with(&name));
        assert!(c.title.contains(&name));
        // Risks that happened in every trial come last and say so.
        for e in s.effects.iter().filter(|e| e.without.is_none()) {
            let row = c
                .table
                .rows
                .iter()
                .position(|r| r[0] == risk_name(ds, &e.risk))
                .unwrap();
            assert_eq!(c.table.rows[row][2], "happened in every trial");
            assert!(c.table.rows[row][3].contains("nothing to compare"));
            assert!(row >= c.table.rows.len() - 3);
        }
        let diffs: Vec<f64> = s.effects.iter().filter_map(|e| e.difference()).collect();
        assert_eq!(
            rects_filled(&c.svg, DARK_BLUE) + rects_filled(&c.svg, TURQUOISE),
            diffs.len()
        );
    }

    #[test]
    fn pairwise_hides_thin_cells_and_shows_the_rest() {
        let (ds, out) = run();
        let s = &out.summary;
        let c = pairwise(ds, s);
        assert_eq!(c.table.rows.len(), 36);
        for (row, p) in c.table.rows.iter().zip(&s.pairs) {
            match p.excess {
                Some(e) => assert_eq!(row[1], signed_gbp_m(e)),
                None => assert_eq!(row[1], "not shown: fewer than 100 trials in a cell"),
            }
            assert_eq!(row[2..], p.cells.map(|c| count(u64::from(c))));
        }
        let hidden = s.pairs.iter().filter(|p| p.excess.is_none()).count();
        assert_eq!(c.svg.lines().filter(|l| l.trim() == "n/a").count(), hidden);

        // All hidden: the title says why.
        let mut t = s.clone();
        for p in &mut t.pairs {
            p.excess = None;
        }
        let c = pairwise(ds, &t);
        assert_clean(&c);
        assert!(c.title.starts_with("Too few trials"));
        assert!(c.svg.contains("n/a: under 100 trials in a cell"));
        assert!(
            !c.svg.contains("little interaction"),
            "no colour key without colours"
        );
        assert!(c.caption.starts_with("Each cell"));
        assert!(c
            .caption
            .contains(" No pair can be shown (hatched, n/a): for every pair one"));

        // Some shown: values written in the cells, the largest named.
        let mut t = s.clone();
        t.pairs[0].excess = Some(12.3);
        t.pairs[1].excess = Some(-4.0);
        t.pairs[2].excess = Some(f64::NAN);
        let c = pairwise(ds, &t);
        assert_clean(&c);
        assert!(has_line(&c.svg, "+£12.3m") && has_line(&c.svg, "−£4.0m"));
        // Colour bands at ±£10.0m and ±£2.0m (half the largest, rounded up to 1, 2 or 5).
        assert!(has_line(&c.svg, "−£2.0m to +£2.0m: little interaction"));
        assert!(has_line(&c.svg, "Above +£10.0m"));
        assert_eq!(
            c.title,
            "Together, R1 Council relationship and R2 Workforce raise the five-year gap by \
             £12.3m beyond what each does alone"
        );
        assert_eq!(
            c.table.rows[2][1],
            "not shown: fewer than 100 trials in a cell"
        );
        let hidden = t
            .pairs
            .iter()
            .filter(|p| !p.excess.is_some_and(f64::is_finite))
            .count();
        assert!(c.caption.contains(&format!(
            " {} of the 36 pairs are not shown (hatched, n/a) because one",
            capitalise(&number_word(hidden))
        )));
        assert_eq!(round_up_125(6.15), 10.0);
        assert_eq!(round_up_125(0.0), 0.1);
        assert_eq!(round_up_125(2.0), 2.0);
    }

    #[test]
    fn the_pair_grid_is_a_lower_triangle() {
        let g = PairGrid {
            left: 60,
            top: 50,
            cell_w: 64,
            cell_h: 40,
            n: 9,
        };
        assert_eq!(g.cell(0, 1), Some(((60, 50), (124, 90))));
        assert_eq!(
            g.cell(7, 8),
            Some(((60 + 7 * 64, 50 + 7 * 40), (60 + 8 * 64, 50 + 8 * 40)))
        );
        assert_eq!(g.cell(1, 1), None);
        assert_eq!(g.cell(2, 1), None);
        assert_eq!(g.cell(0, 9), None);
        assert_eq!(g.bottom(), 50 + 8 * 40);
        // The key sits right of every cell in the rows it spans.
        let (kx, ky) = g.key_at(9);
        let key_bottom = ky + 9 * 16;
        for b in 1..9 {
            for a in 0..b {
                let (p, q) = g.cell(a, b).unwrap();
                if p.1 < key_bottom {
                    assert!(q.0 < kx, "cell {a},{b} under the key");
                }
            }
        }
        assert!(kx + 170 < 640, "the longest name fits");
    }

    #[test]
    fn ratings_say_what_the_controls_are_worth() {
        let (ds, out) = run();
        let d = &out.by_rating;
        let c = ratings(ds, d);
        assert_eq!(c.table.rows.len(), 3);
        let m = |i: usize| gbp_m(d[i].five_year.p50);
        assert_eq!(
            c.caption.split(". ").next().unwrap(),
            format!(
                "Controls as they work today bring the median five-year gap from {} (inherent) \
                 to {} (current); reaching the target ratings would bring it to {}",
                m(0),
                m(1),
                m(2)
            )
        );
        for (row, d) in c.table.rows.iter().zip(d) {
            assert_eq!(row[0], d.rating.label());
            assert_eq!(row[3], gbp_m(d.five_year.p50));
            assert_eq!(row[7], chance(d.p_five_year_over));
            assert_eq!(row[9], chance(d.p_three_same_year));
            assert!(has_line(
                &c.svg,
                &format!("Median {}", gbp_m(d.five_year.p50))
            ));
        }
        assert!(has_line(&c.svg, "Inherent: before any controls"));
    }

    #[test]
    fn non_financial_outcomes_are_tabulated_with_the_baseline() {
        let (ds, out) = run();
        let s = &out.summary;
        let nf = &s.non_financial;
        let c = non_financial(ds, s);
        assert_eq!(c.table.rows.len(), 2 + nf.harms.len() + 2);
        assert_eq!(c.table.rows[0][1], chance(nf.p_any_year_over_safe_caseload));
        assert_eq!(
            c.table.rows[1][1],
            format!("{:.1} years of 5", nf.mean_years_over_safe_caseload)
        );
        assert_eq!(c.table.rows[2][0], "R4 Safeguarding incident at least once");
        assert_eq!(c.table.rows[2][1], chance(nf.harms[0].1));
        assert_eq!(c.table.rows[3][0], "R5 Regulatory at least once");
        let u = nf.unregistered_peak;
        assert_eq!(
            c.table.rows[4][1],
            format!("{} children", count(u.p50.round() as u64))
        );
        assert_eq!(
            c.table.rows[5][2],
            format!(
                "{} children",
                count(nf.baseline_unregistered_peak.round() as u64)
            )
        );
        assert!(has_line(&c.svg, &chance(nf.harms[1].1)));
        assert!(c.title.contains("R4 Safeguarding incident"));
    }

    #[test]
    fn no_trials_and_odd_numbers_never_panic() {
        let (ds, out) = run();
        let e = empty_summary();
        for c in all(ds, &e, &[]) {
            assert_clean(&c);
            assert!(
                c.title.starts_with("No trials yet"),
                "{}: {}",
                c.id,
                c.title
            );
        }
        // NaN and infinities in every field reach no chart.
        let mut s = out.summary.clone();
        s.annual[2].p95 = f64::NAN;
        s.baseline_gaps[1] = f64::INFINITY;
        s.five_year.p50 = f64::NEG_INFINITY;
        s.baseline_five_year = f64::NAN;
        s.exceedance[3].x = f64::NAN;
        s.thresholds[1].value = f64::INFINITY;
        s.thresholds[2].p_any_year = f64::NAN;
        s.same_year[4] = f64::NAN;
        s.same_year_gap[3] = Some(f64::NAN);
        s.per_year_count[2] = f64::INFINITY;
        s.co_occurrence[0].independent = 0.0;
        s.co_occurrence[1].observed = f64::NAN;
        s.effects[0].with = Some(f64::NAN);
        s.pairs[0].excess = Some(f64::INFINITY);
        s.non_financial.mean_years_over_safe_caseload = f64::NAN;
        s.p_at_least_once[0] = f64::NAN;
        let mut d = out.by_rating.clone();
        d[0].five_year.p50 = f64::NAN;
        d.truncate(2);
        for c in all(ds, &s, &d) {
            assert_clean(&c);
        }
        // Mismatched lengths are cut to the shortest.
        let mut s = out.summary.clone();
        s.annual.truncate(3);
        s.p_at_least_once.truncate(4);
        s.histogram.edges.truncate(5);
        s.risks.truncate(5);
        for c in all(ds, &s, &out.by_rating) {
            assert_clean(&c);
        }
        assert_eq!(fan(ds, &s).table.rows.len(), 3);
        assert_eq!(risk_probability(ds, &s).table.rows.len(), 4);
        assert_eq!(histogram(ds, &s).table.rows.len(), 4);
        assert_eq!(co_occurrence(ds, &s).table.rows.len(), 10);
    }

    /// Writes the charts to /tmp/simcharts for a look (run with --ignored).
    #[test]
    #[ignore]
    fn write_svgs() {
        let (ds, out) = run();
        let dir = std::path::Path::new("/tmp/simcharts");
        std::fs::create_dir_all(dir).unwrap();
        let mut words = String::new();
        for c in all(ds, &out.summary, &out.by_rating) {
            std::fs::write(dir.join(format!("{}.svg", c.id)), &c.svg).unwrap();
            words.push_str(&format!(
                "## {}\n{}\n{}\n{}\n{:?}\n{:?}\n\n",
                c.id,
                c.title,
                c.caption,
                c.source,
                c.table.headers,
                c.table.rows.first()
            ));
        }
        std::fs::write(dir.join("words.md"), words).unwrap();
        let mut t = out.summary.clone();
        for (i, p) in t.pairs.iter_mut().enumerate() {
            if i % 3 != 0 {
                p.excess = Some((i as f64 - 15.0) * 0.9);
            }
        }
        let c = pairwise(ds, &t);
        std::fs::write(dir.join("sim-pairwise-some.svg"), &c.svg).unwrap();
        let c = fan(ds, &empty_summary());
        std::fs::write(dir.join("sim-empty.svg"), &c.svg).unwrap();
    }
}
