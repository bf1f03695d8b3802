//! Vertical marker lines with their words stacked above the plot so that none overlap
//! (the fan, histogram and exceedance charts' thresholds and averages).

use super::*;

/// Spacing of the rows of labels stacked above a plot.
pub(super) const LABEL_ROW: i32 = 16;

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
pub(super) fn words_span(x: i32, w: i32, leftwards: bool) -> (i32, i32) {
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
pub(super) enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// The shape at the top of a marker line, next to its words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    Diamond,
    Circle,
    Triangle,
}

/// The two markers every five-year chart carries: the figure with no risk events (dashed,
/// grey) and the median (solid).
pub(super) fn no_events_and_median(base: f64, p50: f64) -> [VMarker; 2] {
    [
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
    ]
}

/// A vertical marker with its words above the plot.
pub(super) struct VMarker {
    pub(super) x: f64,
    pub(super) words: String,
    pub(super) colour: RGBColor,
    pub(super) stroke: Stroke,
    pub(super) width: u32,
    pub(super) shape: Shape,
}

pub(super) fn vertical(
    root: &Root,
    ends: [(i32, i32); 2],
    c: RGBColor,
    s: Stroke,
    w: u32,
) -> DrawResult {
    let style = c.stroke_width(w);
    match s {
        Stroke::Solid => root.draw(&PathElement::new(ends, style))?,
        Stroke::Dashed => root.draw(&DashedPathElement::new(ends, 7, 4, style))?,
        Stroke::Dotted => root.draw(&DashedPathElement::new(ends, 2, 3, style))?,
    }
    Ok(())
}

pub(super) fn shape(root: &Root, at: (i32, i32), s: Shape, c: RGBColor) -> DrawResult {
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
pub(super) fn marker_rows(frame: &Frame, width: u32, markers: &[VMarker]) -> (Vec<Stacked>, usize) {
    let items: Vec<(i32, i32)> = markers
        .iter()
        .map(|m| (x_px(frame, width, m.x), approx_width(&m.words, TEXT_PX)))
        .collect();
    let stacked = stack_labels(&items, (4, width as i32 - 4));
    let rows = stacked.iter().map(|s| s.row + 1).max().unwrap_or(0);
    (stacked, rows)
}

/// Draws vertical markers from the bottom of the plot up to their stacked labels.
pub(super) fn draw_markers(
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
