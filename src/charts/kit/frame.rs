//! The plotting area: margins, axes and grid in the house style, and the lines drawn on it.

use super::*;

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

impl Frame {
    /// The frame of a horizontal bar chart: `rows` slots from the top, the values along
    /// the bottom with vertical grid lines and `x_desc` under them, and no y axis (each
    /// bar carries its name).
    pub fn across(x: Scale, rows: usize, x_desc: &str) -> Frame {
        let mut f = Frame::new(x, Scale::slots(rows), "");
        f.x_desc = x_desc.to_string();
        f.x_label_area = 46;
        f.y_label_area = 8;
        f.vertical_grid = true;
        f.show_y_axis = false;
        f
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

/// A vertical line across the plot at `x` (the zero line of a horizontal bar chart).
pub fn vline(plot: &mut Plot, x: f64, colour: RGBColor, width: u32) -> DrawResult {
    let (y0, y1) = (plot.y_range().start, plot.y_range().end);
    plot.draw_series(std::iter::once(PathElement::new(
        vec![(finite(x), y0), (finite(x), y1)],
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

/// A box in user units around drawn words: (left, top, right, bottom).
pub type PxBox = (i32, i32, i32, i32);

/// The box the words `text` at `px` cover when drawn at `at` with `anchor` (horizontal,
/// vertical): from the capitals' top to the baseline, widths as [`approx_width`].
pub fn text_box(text: &str, px: f64, at: (i32, i32), anchor: (HPos, VPos)) -> PxBox {
    let w = approx_width(text, px);
    let x0 = match anchor.0 {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2,
        HPos::Right => at.0 - w,
    };
    // Where plotters' SVG puts the baseline for each vertical anchor.
    let baseline = f64::from(at.1)
        + match anchor.1 {
            VPos::Top => 0.76 * px,
            VPos::Center => 0.25 * px,
            VPos::Bottom => -0.25 * px,
        };
    let top = (baseline - 0.7 * px).floor() as i32;
    (x0, top, x0 + w, baseline.ceil() as i32)
}

/// A vertical line at data `x` from the top of the plot to the bottom, broken (with a
/// little room) wherever it would run through one of `boxes`, so it never strikes words.
pub fn vline_around(
    root: &Root,
    plot: &Plot,
    x: f64,
    boxes: &[PxBox],
    colour: RGBColor,
    width: u32,
    dashed: bool,
) -> DrawResult {
    let (y0, y1) = (plot.y_range().start, plot.y_range().end);
    let (px, bottom) = plot.backend_coord(&(finite(x), y0));
    let top = plot.backend_coord(&(finite(x), y1)).1;
    let half = width as i32 / 2 + 3;
    let mut gaps: Vec<(i32, i32)> = boxes
        .iter()
        .filter(|b| px + half > b.0 && px - half < b.2)
        .map(|b| (b.1 - 3, b.3 + 3))
        .collect();
    gaps.sort();
    let mut from = top;
    let mut pieces = Vec::new();
    for (g0, g1) in gaps {
        if g0 > from {
            pieces.push((from, g0.min(bottom)));
        }
        from = from.max(g1);
    }
    if from < bottom {
        pieces.push((from, bottom));
    }
    for (a, b) in pieces.into_iter().filter(|(a, b)| b > a) {
        let pts = vec![(px, a), (px, b)];
        if dashed {
            root.draw(&DashedPathElement::new(
                pts,
                5,
                4,
                colour.stroke_width(width),
            ))?;
        } else {
            root.draw(&PathElement::new(pts, colour.stroke_width(width)))?;
        }
    }
    Ok(())
}
