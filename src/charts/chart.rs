//! The shared chart type and the plotters helpers every chart uses: the colour-blind-safe
//! palette, fonts, round-number scales, axes, legends, bars and the step that makes the
//! SVG responsive. Pure: numbers in, SVG text out.

use crate::model::drivers::year_label;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One chart, ready for the view: a plain-words title and caption, the SVG, the same
/// numbers as a table, and where they come from.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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

/// UK Government Analysis Function palette (colour-blind safe), categorical order.
pub const DARK_BLUE: RGBColor = RGBColor(0x12, 0x43, 0x6D);
pub const TURQUOISE: RGBColor = RGBColor(0x28, 0xA1, 0x97);
pub const DARK_PINK: RGBColor = RGBColor(0x80, 0x16, 0x50);
pub const ORANGE: RGBColor = RGBColor(0xF4, 0x6A, 0x25);
pub const DARK_GREY: RGBColor = RGBColor(0x3D, 0x3D, 0x3D);
pub const LIGHT_PURPLE: RGBColor = RGBColor(0xA2, 0x85, 0xD1);
/// Sequential blues (dark to light); the first is `DARK_BLUE`.
pub const MID_BLUE: RGBColor = RGBColor(0x20, 0x73, 0xBC);
pub const LIGHT_BLUE: RGBColor = RGBColor(0x6B, 0xAC, 0xE6);
pub const CATEGORICAL: [RGBColor; 6] = [
    DARK_BLUE,
    TURQUOISE,
    DARK_PINK,
    ORANGE,
    DARK_GREY,
    LIGHT_PURPLE,
];
/// Text, axis and grid greys.
pub const TEXT: RGBColor = RGBColor(0x0B, 0x0C, 0x0C);
pub const GRID: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);

/// The colour as the SVG writes it: `#12436D`.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Text that readers of these colours should get: white on dark fills, near-black on light.
pub fn text_on(fill: RGBColor) -> RGBColor {
    let lum = 0.2126 * f64::from(fill.0) + 0.7152 * f64::from(fill.1) + 0.0722 * f64::from(fill.2);
    if lum < 110.0 {
        WHITE
    } else {
        TEXT
    }
}

/// A font whose SVG `font-size` is `px` (the SVG backend writes size ÷ 1.24).
pub fn font(px: f64) -> TextStyle<'static> {
    let mut style: TextStyle<'static> = (FONT_FAMILY, px * 1.24).into_font().into();
    style.color = TEXT.to_backend_color();
    style
}

/// Text with a colour and an anchor: `anchor` is (horizontal, vertical).
pub fn text_style(px: f64, colour: RGBColor, anchor: (HPos, VPos)) -> TextStyle<'static> {
    let mut style = font(px).pos(Pos::new(anchor.0, anchor.1));
    style.color = colour.to_backend_color();
    style
}

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

/// Draws an SVG of `size` with `draw`, then makes it responsive. A drawing error (none is
/// expected for a string target) gives a small SVG that says so rather than a broken one.
/// The view labels the drawing (its wrapper has role="img" and the title).
pub fn render(size: (u32, u32), draw: impl FnOnce(&Root) -> DrawResult) -> String {
    let mut buf = String::new();
    let ok = {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|_| draw(&root))
            .and_then(|_| root.present())
            .is_ok()
    };
    if !ok {
        buf = format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
             <text x=\"16\" y=\"32\" font-family=\"{FONT_FAMILY}\" font-size=\"14\">This chart could not be drawn; the table has the numbers.</text>\n</svg>\n",
            w = size.0,
            h = size.1
        );
    }
    compact(&responsive(&buf))
}

/// Shrinks plotters' SVG without changing the picture, because the browser parses and
/// lays out every element on every redraw: drops `opacity="1"` (the default), sets the
/// font family once on the root instead of on every `<text>`, and merges runs of
/// same-styled `<polyline>`s (hatching, gridlines) into one `<path>`.
pub fn compact(svg: &str) -> String {
    let font_attr = format!(" font-family=\"{FONT_FAMILY}\"");
    let svg = svg.replace(" opacity=\"1\"", "").replace(&font_attr, "");
    let svg = svg.replacen("<svg ", &format!("<svg{font_attr} "), 1);
    let mut out = String::with_capacity(svg.len());
    // The style of the run of polylines being merged, and its path data.
    let mut run: Option<(String, String)> = None;
    let flush = |out: &mut String, run: &mut Option<(String, String)>| {
        if let Some((style, d)) = run.take() {
            out.push_str(&format!("<path{style} d=\"{}\"/>\n", d.trim_end()));
        }
    };
    for line in svg.lines() {
        match polyline_parts(line) {
            Some((style, points)) => {
                let segment = points_to_path(points);
                match &mut run {
                    Some((s, d)) if *s == style => d.push_str(&segment),
                    _ => {
                        flush(&mut out, &mut run);
                        run = Some((style.to_string(), segment));
                    }
                }
            }
            None => {
                flush(&mut out, &mut run);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    flush(&mut out, &mut run);
    out
}

/// `<polyline STYLE points="P"/>` → (STYLE, P), for an unfilled polyline on one line.
fn polyline_parts(line: &str) -> Option<(&str, &str)> {
    let body = line.trim().strip_prefix("<polyline")?.strip_suffix("/>")?;
    let at = body.find(" points=\"")?;
    let (style, rest) = body.split_at(at);
    let points = rest
        .strip_prefix(" points=\"")?
        .trim_end()
        .strip_suffix('"')?;
    style.contains("fill=\"none\"").then_some((style, points))
}

/// "x1,y1 x2,y2 " → "M x1,y1 L x2,y2 ".
fn points_to_path(points: &str) -> String {
    let mut d = String::new();
    for (i, p) in points.split_whitespace().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(p);
        d.push(' ');
    }
    d
}

/// Makes the root `<svg>` scale with its container: keeps `viewBox`, drops the fixed
/// `width` and `height`, and sets `width="100%"` (the height follows the viewBox).
pub fn responsive(svg: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(len) = svg[start..].find('>') else {
        return svg.to_string();
    };
    let open = &svg[start..start + len];
    let mut attrs = String::new();
    let mut rest = &open["<svg".len()..];
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        let value = &after[..close];
        if !matches!(name, "width" | "height") {
            attrs.push_str(&format!(" {name}=\"{value}\""));
        }
        rest = &after[close + 1..];
    }
    format!(
        "{}<svg{attrs} width=\"100%\"{}",
        &svg[..start],
        &svg[start + len..]
    )
}

/// How an axis writes its tick labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ticks {
    /// "2025/26" at whole years.
    Years,
    /// Plain numbers with a true minus sign; the axis title carries the unit (£m).
    Number,
    /// Whole counts with thousands separators: "2,400".
    Count,
    /// No tick labels (the chart writes its own).
    Hidden,
}

/// One axis: its range and where its ticks go.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    pub step: f64,
    pub labels: Ticks,
}

impl Scale {
    /// Round-number bounds and about `n` ticks covering `values` (and 0 if asked).
    /// Empty, non-finite or flat input still gives a usable, non-empty range.
    pub fn nice(values: impl IntoIterator<Item = f64>, include_zero: bool, n: usize) -> Scale {
        let (mut lo, mut hi) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo > hi {
            (lo, hi) = (0.0, 1.0);
        }
        if include_zero {
            (lo, hi) = (lo.min(0.0), hi.max(0.0));
        }
        if hi - lo < 1e-9 {
            let pad = (hi.abs() * 0.05).max(1.0);
            (lo, hi) = (lo - pad, hi + pad);
        }
        let step = nice_step((hi - lo) / n.max(1) as f64);
        let lo = (lo / step + 1e-9).floor() * step;
        let hi = (hi / step - 1e-9).ceil() * step;
        let count = ((hi - lo) / step).round() as usize;
        let ticks = (0..=count).map(|i| lo + i as f64 * step).collect();
        Scale {
            lo,
            hi,
            ticks,
            step,
            labels: Ticks::Number,
        }
    }

    /// Whole financial years `first..=last`, half a year of room each side, labelled
    /// every year or every few so no more than `max_labels` show (always the last).
    pub fn years(first: u16, last: u16, max_labels: usize) -> Scale {
        let last = last.max(first);
        let span = usize::from(last - first) + 1;
        let every = span.div_ceil(max_labels.max(1)).max(1);
        let mut ticks: Vec<f64> = (first..=last).rev().step_by(every).map(f64::from).collect();
        ticks.reverse();
        Scale {
            lo: f64::from(first) - 0.5,
            hi: f64::from(last) + 0.5,
            ticks,
            step: every as f64,
            labels: Ticks::Years,
        }
    }

    /// Slots 0..n for categories (bars or rows) with no tick labels.
    pub fn slots(n: usize) -> Scale {
        Scale {
            lo: -0.5,
            hi: n.max(1) as f64 - 0.5,
            ticks: Vec::new(),
            step: 1.0,
            labels: Ticks::Hidden,
        }
    }

    pub fn with_labels(mut self, labels: Ticks) -> Scale {
        self.labels = labels;
        self
    }

    /// Widens the range by `left` and `right` (in axis units), keeping the ticks.
    pub fn padded(mut self, left: f64, right: f64) -> Scale {
        self.lo -= finite(left).max(0.0);
        self.hi += finite(right).max(0.0);
        self
    }

    pub fn coord(&self) -> Axis {
        Axis {
            lo: self.lo,
            hi: self.hi,
            ticks: self.ticks.clone(),
        }
    }

    pub fn contains(&self, v: f64) -> bool {
        v >= self.lo && v <= self.hi
    }

    pub fn tick_label(&self, v: f64) -> String {
        match self.labels {
            Ticks::Years => year_label(v.round().clamp(0.0, f64::from(u16::MAX)) as u16),
            Ticks::Number => {
                // As many decimals as the step needs, so a 2.5 step reads 2.5, 5.0, 7.5.
                let decimals = (0..=3)
                    .find(|d| {
                        let scaled = self.step * 10f64.powi(*d);
                        (scaled - scaled.round()).abs() < 1e-6
                    })
                    .unwrap_or(3) as usize;
                minus(&format!("{:.*}", decimals, v + 0.0))
            }
            Ticks::Count => {
                let r = v.round();
                let digits = crate::format::count(r.abs() as u64);
                if r < 0.0 {
                    format!("−{digits}")
                } else {
                    digits
                }
            }
            Ticks::Hidden => String::new(),
        }
    }
}

/// A linear axis whose ticks are exactly the scale's (plotters' own f64 axis picks its
/// own ticks and has no label formatter hook for them).
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        if !span.is_finite() || span.abs() < 1e-12 {
            return limit.0;
        }
        let t = (finite(*value) - self.lo) / span;
        (f64::from(limit.0) + t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|m| *m >= norm - 1e-9)
        .unwrap_or(10.0);
    m * mag
}

/// A hyphen-minus turned into a true minus sign; "-0" and "-0.0" lose their sign.
pub fn minus(s: &str) -> String {
    if let Some(rest) = s.strip_prefix('-') {
        if !rest.chars().any(|c| c.is_ascii_digit() && c != '0') {
            return rest.to_string();
        }
    }
    s.replace('-', "−")
}

/// Space around the plotting area, in user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margin {
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
}

/// How a chart's axes look. `Frame::new` gives the house style; fields tune it.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub x: Scale,
    pub y: Scale,
    /// Axis titles with units ("£m", "children"); empty for none.
    pub x_desc: String,
    pub y_desc: String,
    pub margin: Margin,
    pub x_label_area: u32,
    pub y_label_area: u32,
    /// Grid lines across the plot at the y ticks (or x ticks when `vertical_grid`).
    pub vertical_grid: bool,
    pub show_y_axis: bool,
}

impl Frame {
    pub fn new(x: Scale, y: Scale, y_desc: &str) -> Frame {
        Frame {
            x,
            y,
            x_desc: String::new(),
            y_desc: y_desc.to_string(),
            margin: Margin {
                top: 44,
                right: 20,
                bottom: 6,
                left: 8,
            },
            x_label_area: 28,
            y_label_area: 62,
            vertical_grid: false,
            show_y_axis: true,
        }
    }
}

/// Builds the plotting area with axes, ticks, grid and axis titles drawn.
pub fn plot<'a, 'b>(root: &'a Root<'b>, f: &Frame) -> DrawResult<Plot<'a, 'b>> {
    let mut chart = ChartBuilder::on(root)
        .margin_top(f.margin.top)
        .margin_right(f.margin.right)
        .margin_bottom(f.margin.bottom)
        .margin_left(f.margin.left)
        .x_label_area_size(f.x_label_area)
        .y_label_area_size(f.y_label_area)
        .build_cartesian_2d(f.x.coord(), f.y.coord())?;
    let x_fmt = |v: &f64| f.x.tick_label(*v);
    let y_fmt = |v: &f64| f.y.tick_label(*v);
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(GRID.stroke_width(1))
        .axis_style(DARK_GREY.stroke_width(1))
        .label_style(font(TEXT_PX))
        .axis_desc_style(font(TEXT_PX))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .set_all_tick_mark_size(4);
    if f.vertical_grid {
        mesh.disable_y_mesh();
    } else {
        mesh.disable_x_mesh();
    }
    if !f.show_y_axis {
        mesh.disable_y_axis();
    }
    if !f.y_desc.is_empty() {
        mesh.y_desc(f.y_desc.as_str());
    }
    if !f.x_desc.is_empty() {
        mesh.x_desc(f.x_desc.as_str());
    }
    mesh.draw()?;
    Ok(chart)
}

/// A horizontal line across the plot at `y` (the zero line, a reference level).
pub fn hline(plot: &mut Plot, y: f64, colour: RGBColor, width: u32) -> DrawResult {
    let (x0, x1) = (plot.x_range().start, plot.x_range().end);
    plot.draw_series(std::iter::once(PathElement::new(
        vec![(x0, finite(y)), (x1, finite(y))],
        colour.stroke_width(width),
    )))?;
    Ok(())
}

/// How a line series is drawn; solid and dashed lines carry different markers too, so
/// series differ in more than colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub colour: RGBColor,
    pub width: u32,
    pub dashed: bool,
    pub marker: Marker,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Marker {
    None,
    Dot,
    Triangle,
}

/// A line through `points` (data coordinates) with a marker at each.
pub fn draw_line(plot: &mut Plot, points: &[(f64, f64)], line: Line) -> DrawResult {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .map(|(x, y)| (finite(*x), finite(*y)))
        .collect();
    let style = line.colour.stroke_width(line.width);
    if line.dashed {
        plot.draw_series(DashedLineSeries::new(pts.clone(), 8, 5, style))?;
    } else {
        plot.draw_series(LineSeries::new(pts.clone(), style))?;
    }
    let fill = line.colour.filled();
    match line.marker {
        Marker::None => {}
        Marker::Dot => {
            plot.draw_series(pts.iter().map(|p| Circle::new(*p, 4, fill)))?;
        }
        Marker::Triangle => {
            plot.draw_series(pts.iter().map(|p| TriangleMarker::new(*p, 5, fill)))?;
        }
    }
    Ok(())
}

/// A dashed vertical line at `x` across the plot with a label at its top right.
pub fn divider(root: &Root, plot: &mut Plot, x: f64, label: &str) -> DrawResult {
    let (y0, y1) = (plot.y_range().start, plot.y_range().end);
    plot.draw_series(std::iter::once(DashedPathElement::new(
        vec![(finite(x), y0), (finite(x), y1)],
        5,
        4,
        DARK_GREY.stroke_width(1),
    )))?;
    if !label.is_empty() {
        let (px, py) = plot.backend_coord(&(finite(x), y1));
        root.draw(&Text::new(
            label.to_string(),
            (px + 4, py + 2),
            text_style(TEXT_PX, DARK_GREY, (HPos::Left, VPos::Top)),
        ))?;
    }
    Ok(())
}

/// Plain text at a pixel position.
pub fn label(root: &Root, text: &str, at: (i32, i32), style: &TextStyle) -> DrawResult {
    if text.is_empty() {
        return Ok(());
    }
    root.draw(&Text::new(text.to_string(), at, style.clone()))?;
    Ok(())
}

/// Lines of text centred under `at` (first line's top at `at.1`), 15 units apart.
pub fn label_lines(root: &Root, lines: &[String], at: (i32, i32), px: f64) -> DrawResult {
    let style = text_style(px, TEXT, (HPos::Center, VPos::Top));
    for (i, line) in lines.iter().enumerate() {
        label(
            root,
            line,
            (at.0, at.1 + i as i32 * (px * 1.25) as i32),
            &style,
        )?;
    }
    Ok(())
}

/// Width of `text` at `px` in user units, estimated the same way on every target (about
/// the average glyph of a system UI font), so layout decisions do not depend on where the
/// chart is drawn.
pub fn approx_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.58).ceil() as i32
}

/// Diagonal hatching inside a pixel rectangle (top-left, bottom-right), lines `gap` apart.
pub fn hatch(
    root: &Root,
    (a, b): ((i32, i32), (i32, i32)),
    colour: RGBColor,
    gap: i32,
) -> DrawResult {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    let gap = gap.max(2);
    // Lines x + y = k, from bottom left to top right.
    let mut k = x0 + y0 + gap / 2;
    while k < x1 + y1 {
        let (xa, xb) = ((k - y1).max(x0), (k - y0).min(x1));
        if xa < xb {
            root.draw(&PathElement::new(
                vec![(xa, k - xa), (xb, k - xb)],
                colour.stroke_width(1),
            ))?;
        }
        k += gap;
    }
    Ok(())
}

/// How a bar is filled. Patterns as well as colours, so no series relies on colour alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    Solid(RGBColor),
    /// A light fill with diagonal lines in a darker colour, and an outline.
    Hatched {
        fill: RGBColor,
        lines: RGBColor,
    },
    /// White with a 2-unit outline.
    Hollow(RGBColor),
}

/// A bar between two data points (any corners, any order), clipped to the plot's ranges.
/// One bar of a range chart (a tornado): a name, and a value with its words at each end
/// (in either order). Without `show_ends` only the name is written and no bar is drawn.
pub struct RangeBar {
    pub name: String,
    pub ends: [(f64, String); 2],
    pub show_ends: bool,
}

/// Draws range bars one per slot from the top, split at `current`: the part below it in
/// `below`, the part above in `above`; the name above each bar, the words at each end.
pub fn range_bars(
    root: &Root,
    plot: &mut Plot,
    bars: &[RangeBar],
    current: f64,
    (below, above): (RGBColor, RGBColor),
) -> DrawResult {
    let n = bars.len();
    let left = plot.backend_coord(&(plot.x_range().start, 0.0)).0;
    let side = |h| text_style(TEXT_PX, TEXT, (h, VPos::Center));
    for (i, b) in bars.iter().enumerate() {
        let c = (n - 1 - i) as f64;
        let mut ends = [
            (finite(b.ends[0].0), &b.ends[0].1),
            (finite(b.ends[1].0), &b.ends[1].1),
        ];
        ends.sort_by(|x, y| x.0.total_cmp(&y.0));
        let [(lo, lo_text), (hi, hi_text)] = ends;
        let top = plot.backend_coord(&(lo, c + 0.46)).1;
        label(
            root,
            &b.name,
            (left + 4, top),
            &text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Top)),
        )?;
        if !b.show_ends {
            continue;
        }
        if lo < current {
            bar(
                root,
                plot,
                [(lo, c - 0.42), (hi.min(current), c - 0.04)],
                Fill::Solid(below),
            )?;
        }
        if hi > current {
            bar(
                root,
                plot,
                [(lo.max(current), c - 0.42), (hi, c - 0.04)],
                Fill::Solid(above),
            )?;
        }
        let (lx, ly) = plot.backend_coord(&(lo, c - 0.23));
        let hx = plot.backend_coord(&(hi, c - 0.23)).0;
        label(root, lo_text, (lx - 5, ly), &side(HPos::Right))?;
        label(root, hi_text, (hx + 5, ly), &side(HPos::Left))?;
    }
    Ok(())
}

pub fn bar(root: &Root, plot: &mut Plot, corners: [(f64, f64); 2], fill: Fill) -> DrawResult {
    let (xr, yr) = (plot.x_range(), plot.y_range());
    let clip = |(x, y): (f64, f64)| {
        (
            finite(x).clamp(xr.start, xr.end),
            finite(y).clamp(yr.start, yr.end),
        )
    };
    let (p, q) = (clip(corners[0]), clip(corners[1]));
    match fill {
        Fill::Solid(c) => {
            plot.draw_series(std::iter::once(Rectangle::new([p, q], c.filled())))?;
        }
        Fill::Hatched { fill, lines } => {
            plot.draw_series(std::iter::once(Rectangle::new([p, q], fill.filled())))?;
            let (a, b) = (plot.backend_coord(&p), plot.backend_coord(&q));
            hatch(root, (a, b), lines, 6)?;
            outline(plot, p, q, lines, 1)?;
        }
        Fill::Hollow(c) => {
            plot.draw_series(std::iter::once(Rectangle::new([p, q], WHITE.filled())))?;
            outline(plot, p, q, c, 2)?;
        }
    }
    Ok(())
}

fn outline(plot: &mut Plot, p: (f64, f64), q: (f64, f64), c: RGBColor, width: u32) -> DrawResult {
    plot.draw_series(std::iter::once(PathElement::new(
        vec![p, (q.0, p.1), q, (p.0, q.1), p],
        c.stroke_width(width),
    )))?;
    Ok(())
}

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

/// A filled diamond marker of half-width `r` around a pixel point.
pub fn diamond((x, y): (i32, i32), r: i32, c: RGBColor) -> Polygon<(i32, i32)> {
    Polygon::new(
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        c.filled(),
    )
}

/// Words wrapped into at most `max_lines` lines of about `width` characters; the last
/// line ends in "…" if words were left out.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        let full = lines.len() == max_lines.max(1);
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ if full => {
                cut = true;
                break;
            }
            _ => lines.push(word.to_string()),
        }
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// "+£17.6m" / "−£24.0m" (a change, so positives carry a plus).
pub fn signed_gbp_m(x: f64) -> String {
    let s = crate::format::gbp_m(x);
    if s.starts_with('−') || s == "£0.0m" {
        s
    } else {
        format!("+{s}")
    }
}

/// A share 0-1 as a percentage with one decimal: "3.1%", "−0.6%".
pub fn percent_1dp(share: f64) -> String {
    minus(&format!("{:.1}%", finite(share) * 100.0))
}

/// Counts the `<rect>` elements the SVG fills with `colour` (for tests of bar counts).
pub fn rects_filled(svg: &str, colour: RGBColor) -> usize {
    let fill = format!("fill=\"{}\"", hex(colour));
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(&fill))
        .count()
}

/// "one", "two" … "ten" ("no" for 0), then digits: counts in captions.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// Well-formed enough for the view, for every chart's tests: one responsive root 640 wide,
/// no NaN or infinity anywhere, no broken money or percentage (plus `also_bad`), text at
/// least 12 px, table rows as wide as the headers, a title, caption and source, and an id
/// usable as an HTML id.
#[cfg(test)]
pub(crate) fn assert_clean(c: &Chart, also_bad: &[&str]) {
    let svg = &c.svg;
    assert!(
        svg.starts_with("<svg"),
        "{}: {}",
        c.id,
        &svg[..40.min(svg.len())]
    );
    let open = &svg[..svg.find('>').unwrap()];
    assert!(open.contains("viewBox=\"0 0 640 "), "{}: {open}", c.id);
    assert!(
        open.contains("width=\"100%\"") && !open.contains("height="),
        "{open}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    for tag in svg.split('<').skip(1) {
        let attrs = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(!attrs.contains("inf"), "{}: infinity in <{attrs}>", c.id);
    }
    let words = format!("{} {} {:?} {}", c.title, c.caption, c.table, c.source);
    for bad in ["NaN", "£inf", "−£inf", "inf%", "£-"]
        .iter()
        .chain(also_bad)
    {
        assert!(!words.contains(bad), "{}: {bad} in {words}", c.id);
        assert!(!svg.contains(bad), "{}: {bad} in the SVG", c.id);
    }
    for size in svg.split("font-size=\"").skip(1) {
        let v: f64 = size[..size.find('"').unwrap()].parse().unwrap();
        assert!(v >= 12.0 - 1e-9, "{}: text at {v}px", c.id);
    }
    for row in &c.table.rows {
        assert_eq!(row.len(), c.table.headers.len(), "{}: {row:?}", c.id);
    }
    assert!(!c.title.is_empty() && !c.caption.is_empty() && !c.source.is_empty());
    assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
}

#[cfg(test)]
mod tick_tests {
    use super::*;

    #[test]
    fn tick_labels_show_the_steps_decimals() {
        let s = Scale::nice([0.0, 10.0], true, 4);
        if (s.step - 2.5).abs() < 1e-9 {
            assert_eq!(s.tick_label(7.5), "7.5");
        }
        let mut fixed = Scale::nice([0.0, 10.0], true, 4);
        fixed.step = 2.5;
        assert_eq!(fixed.tick_label(2.5), "2.5");
        assert_eq!(fixed.tick_label(-7.5), "−7.5");
        fixed.step = 0.25;
        assert_eq!(fixed.tick_label(0.75), "0.75");
        fixed.step = 50.0;
        assert_eq!(fixed.tick_label(350.0), "350");
    }
}

#[cfg(test)]
mod compact_tests {
    use super::compact;

    #[test]
    fn merges_same_styled_polylines_and_drops_defaults() {
        let svg = "<svg viewBox=\"0 0 10 10\" width=\"100%\">\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#12436D\" stroke-width=\"1\" points=\"0,1 1,0 \"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#12436D\" stroke-width=\"1\" points=\"0,2 2,0 \"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#F46A25\" stroke-width=\"2\" points=\"0,3 3,0 4,4 \"/>\n\
            <text x=\"1\" font-family=\"system-ui, sans-serif\" opacity=\"1\">A</text>\n</svg>\n";
        let c = compact(svg);
        assert!(!c.contains("opacity=\"1\""));
        assert_eq!(c.matches("<path").count(), 2, "{c}");
        assert!(c.contains("d=\"M0,1 L1,0 M0,2 L2,0\""), "{c}");
        assert!(c.contains("d=\"M0,3 L3,0 L4,4\""), "{c}");
        assert!(
            c.starts_with("<svg font-family=\"system-ui, sans-serif\" viewBox"),
            "{c}"
        );
        assert!(c.contains("<text x=\"1\">A</text>"), "{c}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_use_round_numbers_and_survive_flat_or_empty_input() {
        let s = Scale::nice([338.9, 359.1], false, 6);
        assert_eq!((s.lo, s.hi, s.step), (335.0, 360.0, 5.0));
        assert_eq!(s.ticks.first(), Some(&335.0));
        assert_eq!(s.ticks.last(), Some(&360.0));
        let z = Scale::nice([-3.5, 10.9], true, 6);
        assert!(z.lo <= -3.5 && z.hi >= 10.9 && z.contains(0.0));
        for flat in [
            Scale::nice([0.0, 0.0], true, 5),
            Scale::nice([340.0], false, 5),
            Scale::nice(std::iter::empty(), false, 5),
            Scale::nice([f64::NAN, f64::INFINITY], true, 5),
        ] {
            assert!(flat.lo.is_finite() && flat.hi.is_finite() && flat.hi > flat.lo);
            assert!(flat.ticks.iter().all(|t| t.is_finite()));
            assert!(!flat.ticks.is_empty());
        }
        assert_eq!(s.tick_label(340.0), "340");
        // Every tick's label reads back as the tick (no 2.5 shown as "2").
        for t in &z.ticks {
            let back: f64 = z.tick_label(*t).replace('−', "-").parse().unwrap();
            assert!((back - t).abs() < 1e-9, "{t} labelled {}", z.tick_label(*t));
        }
        assert_eq!(Scale::nice([0.0, 0.3], true, 6).tick_label(0.05), "0.05");
        assert_eq!(
            Scale::nice([0.0, 2400.0], true, 5)
                .with_labels(Ticks::Count)
                .tick_label(2400.0),
            "2,400"
        );
    }

    #[test]
    fn year_axes_label_at_most_the_asked_number_always_the_last() {
        let y = Scale::years(2025, 2029, 6);
        assert_eq!(y.ticks, vec![2025.0, 2026.0, 2027.0, 2028.0, 2029.0]);
        assert_eq!(y.tick_label(2025.0), "2025/26");
        let long = Scale::years(2018, 2029, 6);
        assert_eq!(
            long.ticks,
            vec![2019.0, 2021.0, 2023.0, 2025.0, 2027.0, 2029.0]
        );
        let one = Scale::years(2025, 2025, 6);
        assert_eq!(one.ticks, vec![2025.0]);
        assert!(one.hi > one.lo);
    }

    #[test]
    fn the_svg_is_responsive() {
        let svg = render((WIDTH, HEIGHT), |root| {
            let frame = Frame::new(
                Scale::years(2025, 2029, 6),
                Scale::nice([0.0, 1.0], true, 4),
                "£m",
            );
            let mut p = plot(root, &frame)?;
            bar(
                root,
                &mut p,
                [(2024.8, 0.0), (2025.2, 0.5)],
                Fill::Solid(ORANGE),
            )?;
            Ok(())
        });
        let open = &svg[..svg.find('>').unwrap()];
        assert!(open.starts_with("<svg"), "{open}");
        assert!(open.contains("viewBox=\"0 0 640 360\""));
        assert!(open.contains("width=\"100%\""));
        assert!(!open.contains("height="));
        assert!(!open.contains("width=\"640\""));
        assert_eq!(rects_filled(&svg, ORANGE), 1);
        assert!(svg.contains("2025/26") && svg.contains("font-family=\"system-ui, sans-serif\""));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn text_is_at_least_twelve_pixels() {
        let svg = render((WIDTH, HEIGHT), |root| {
            legend_row(
                root,
                &[LegendItem::new(Swatch::Line(DARK_BLUE), "Spend")],
                (10, 10),
                600,
            )
        });
        for size in svg.split("font-size=\"").skip(1) {
            let v: f64 = size[..size.find('"').unwrap()].parse().unwrap();
            assert!(v >= 12.0 - 1e-9, "font-size {v}");
        }
    }

    #[test]
    fn words_wrap_and_numbers_read_well() {
        assert_eq!(
            wrap("Family and friends (kinship) carers", 20, 3),
            vec!["Family and friends", "(kinship) carers"]
        );
        assert_eq!(wrap("one two three four", 8, 1), vec!["one two…"]);
        assert_eq!(signed_gbp_m(17.6), "+£17.6m");
        assert_eq!(signed_gbp_m(-24.0), "−£24.0m");
        assert_eq!(percent_1dp(0.031), "3.1%");
        assert_eq!(percent_1dp(-0.006), "−0.6%");
        assert_eq!(percent_1dp(-0.0001), "0.0%");
        assert_eq!(minus("-0.0"), "0.0");
    }
}
