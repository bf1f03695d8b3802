//! Placement spend by type each year, as stacked bars.

use super::*;

/// The colour of each placement type, in dataset order (stacked bottom to top): house
/// blues and greys in turn, so neighbours differ in lightness as well as hue, with no
/// band, money or risk colour (each of those means one thing across the app).
pub(super) fn placement_colours(n: usize) -> Vec<RGBColor> {
    let all = [
        DARK_BLUE,
        MID_GREY,
        MID_BLUE,
        LIGHT_GREY,
        LIGHT_BLUE,
        DARK_GREY,
        RGBColor(0xC8, 0xDE, 0xF2),
    ];
    (0..n).map(|i| all[i % all.len()]).collect()
}

/// Placement spend by type each year, as stacked bars.
pub fn placement_spend_by_type(data: &DriversData, p: &Projection) -> Chart {
    let types: Vec<&str> = data.placements.iter().map(|t| t.label.as_str()).collect();
    let colours = placement_colours(types.len());
    let last = p.last();
    let biggest = last
        .placement_spend
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, v)| (i, *v));
    let title = match biggest {
        Some((i, v)) if last.placement_total >= LEVEL => format!(
            "{} cost the most: {} of {} placement spend in {}",
            types.get(i).copied().unwrap_or("One type"),
            gbp_m(v),
            gbp_m(last.placement_total),
            year_label(last.year)
        ),
        _ => format!("No placement spend in {}", year_label(last.year)),
    };
    let x = Scale::years(p.years[0].year, last.year, 6);
    let top = p
        .years
        .iter()
        .map(|y| finite(y.placement_total))
        .fold(0.0, f64::max);
    let y = Scale::nice([0.0, top * 1.08], true, 5);
    // Legend top to bottom in the order the stack reads top to bottom.
    let items: Vec<LegendItem> = types
        .iter()
        .zip(&colours)
        .rev()
        .map(|(t, c)| LegendItem::wrapped(Swatch::Bar(Fill::Solid(*c)), t, 26))
        .collect();
    let frame = year_frame(x, y, "£m", 232, &[]);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_column(root, &items, (WIDTH as i32 - 222, 24))?;
        let mut plot = plot(root, &frame)?;
        let style = |c: RGBColor| text_style(TEXT_PX, text_on(c), (HPos::Center, VPos::Center));
        for yr in &p.years {
            let xc = f64::from(yr.year);
            let mut base = 0.0;
            for (v, c) in yr.placement_spend.iter().zip(&colours) {
                let v = finite(*v).max(0.0);
                if v <= 0.0 {
                    continue;
                }
                let corners = [(xc - 0.38, base), (xc + 0.38, base + v)];
                bar(root, &mut plot, corners, Fill::Solid(*c))?;
                let (a, b) = (
                    plot.backend_coord(&corners[0]),
                    plot.backend_coord(&corners[1]),
                );
                let text = gbp_m(v);
                if (a.1 - b.1).abs() >= 18 && approx_width(&text, TEXT_PX) <= (b.0 - a.0) - 8 {
                    label(root, &text, ((a.0 + b.0) / 2, (a.1 + b.1) / 2), &style(*c))?;
                }
                // A white seam between segments, so neighbours never run together.
                if base > 0.0 {
                    root.draw(&PathElement::new(
                        vec![(a.0, a.1), (b.0, a.1)],
                        WHITE.stroke_width(2),
                    ))?;
                }
                base += v;
            }
            tag(root, &plot, (xc, base), &gbp_m(yr.placement_total), true)?;
        }
        Ok(())
    });

    let mut headers = vec!["Year"];
    headers.extend(types.iter().copied());
    headers.push("Total");
    let mut table = Table::new(
        "Placement spend by type of placement and year, £m",
        &headers,
    );
    table.rows = p
        .years
        .iter()
        .map(|y| {
            let mut row = vec![year_label(y.year)];
            row.extend(y.placement_spend.iter().map(|v| gbp_m(*v)));
            row.push(gbp_m(y.placement_total));
            row
        })
        .collect();
    let (bottom, top_type) = (
        types.first().copied().unwrap_or(""),
        types.last().copied().unwrap_or(""),
    );
    Chart {
        id: "placement-spend",
        title,
        caption: format!(
            "Placement spend each year split by type of placement, stacked from “{}” at the \
             bottom to “{}” at the top in the order of the key, with the total above each bar.",
            bottom, top_type
        ),
        svg,
        table,
        source: format!(
            "Source: Risk Explorer projection at the settings shown, calibrated to the {} budget \
             (Annual Report {}); placement mix and relative prices as set in the drivers.",
            data.baseline_label(),
            year_label(data.baseline_year.saturating_sub(1))
        ),
    }
}
