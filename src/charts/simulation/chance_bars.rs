//! Horizontal bars of chances (0-100%), one row each with its name on the left.

use super::*;

/// Height of one row of horizontal bars.
pub(super) const BAR_ROW: u32 = 34;

/// One row of a horizontal bar chart of chances.
pub(super) struct ChanceRow {
    pub(super) name: String,
    /// 0-1.
    pub(super) p: f64,
    /// Words at the end of the bar.
    pub(super) tag: String,
    /// A second chance shown as a diamond on the row (0-1).
    pub(super) marker: Option<f64>,
}

/// Horizontal bars of chances (0-100%), one row each, names on the left.
pub(super) fn chance_bars(rows: &[ChanceRow], legend: &[LegendItem], x_desc: &str) -> String {
    let k = rows.len().max(1);
    let (names, name_px) = name_column(rows.iter().map(|r| r.name.as_str()), 30, 210);
    let tag_px = rows
        .iter()
        .map(|r| approx_width(&r.tag, TEXT_PX))
        .max()
        .unwrap_or(0);
    let mut frame = Frame::across(percent_scale(), k, x_desc);
    frame.margin.top = if legend.is_empty() {
        16
    } else {
        below_legend(legend)
    };
    frame.margin.right = (tag_px + 18).max(20) as u32;
    frame.y_label_area = (name_px + 16) as u32;
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
