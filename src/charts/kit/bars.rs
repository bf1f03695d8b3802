//! Bars: solid, hatched or hollow fills, range bars (tornadoes) and hatching.

use super::*;

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

/// One bar of a range chart (a tornado): a name, and a value with its words at each end
/// (in either order). Without `show_ends` only the name is written and no bar is drawn.
pub struct RangeBar {
    pub name: String,
    pub ends: [(f64, String); 2],
    pub show_ends: bool,
}

/// Draws range bars one per slot from the top, split at `current`: the part below it in
/// `below`, the part above in `above`; the name above each bar, the words at each end.
/// Returns the boxes of the words drawn, so lines across the plot can pass beside them.
pub fn range_bars(
    root: &Root,
    plot: &mut Plot,
    bars: &[RangeBar],
    current: f64,
    (below, above): (RGBColor, RGBColor),
) -> DrawResult<Vec<PxBox>> {
    let n = bars.len();
    let left = plot.backend_coord(&(plot.x_range().start, 0.0)).0;
    let mut boxes = Vec::new();
    for (i, b) in bars.iter().enumerate() {
        let c = (n - 1 - i) as f64;
        let mut ends = [
            (finite(b.ends[0].0), &b.ends[0].1),
            (finite(b.ends[1].0), &b.ends[1].1),
        ];
        ends.sort_by(|x, y| x.0.total_cmp(&y.0));
        let [(lo, lo_text), (hi, hi_text)] = ends;
        let top = plot.backend_coord(&(lo, c + 0.46)).1;
        let name_at = (left + 4, top);
        let name_anchor = (HPos::Left, VPos::Top);
        label(
            root,
            &b.name,
            name_at,
            &text_style(TEXT_PX, TEXT, name_anchor),
        )?;
        boxes.push(text_box(&b.name, TEXT_PX, name_at, name_anchor));
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
        for (text, at, h) in [
            (lo_text, (lx - 5, ly), HPos::Right),
            (hi_text, (hx + 5, ly), HPos::Left),
        ] {
            label(
                root,
                text,
                at,
                &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
            )?;
            boxes.push(text_box(text, TEXT_PX, at, (h, VPos::Center)));
        }
    }
    Ok(boxes)
}

/// A tornado's legend, in the colours [`tornado_bars`] draws: what the part above the
/// current value means (money worse), then the part below it (money better).
pub fn tornado_legend(raises: &str, lowers: &str) -> [LegendItem; 2] {
    [
        LegendItem::new(Swatch::Bar(Fill::Solid(OVERSPEND)), raises),
        LegendItem::new(Swatch::Bar(Fill::Solid(SURPLUS)), lowers),
    ]
}

/// A tornado: range bars split at `current` (the part above it the overspend colour, below
/// it the surplus colour: money worse and better), a dashed divider at `current` labelled
/// `now` above the plot, and (with `zero`) a solid zero line; both lines pass beside the
/// words, never through them.
pub fn tornado_bars(
    root: &Root,
    plot: &mut Plot,
    bars: &[RangeBar],
    current: f64,
    now: &str,
    zero: bool,
) -> DrawResult {
    let boxes = range_bars(root, plot, bars, current, (SURPLUS, OVERSPEND))?;
    let (x0, x1) = (plot.x_range().start, plot.x_range().end);
    if zero && (x0..=x1).contains(&0.0) {
        vline_around(root, plot, 0.0, &boxes, TEXT, 1, false)?;
    }
    vline_around(root, plot, current, &boxes, DARK_GREY, 1, true)?;
    if !now.is_empty() {
        let top = plot.backend_coord(&(finite(current), plot.y_range().end));
        let half = approx_width(now, TEXT_PX) / 2;
        let (w, _) = root.dim_in_pixel();
        let x = top.0.clamp(half + 4, w as i32 - half - 4);
        label(
            root,
            now,
            (x, top.1 - 4),
            &text_style(TEXT_PX, DARK_GREY, (HPos::Center, VPos::Bottom)),
        )?;
    }
    Ok(())
}

/// A bar between two data points (any corners, any order), clipped to the plot's ranges.
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

/// Counts the `<rect>` elements the SVG fills with `colour` (for tests of bar counts).
pub fn rects_filled(svg: &str, colour: RGBColor) -> usize {
    let fill = format!("fill=\"{}\"", hex(colour));
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(&fill))
        .count()
}
