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
