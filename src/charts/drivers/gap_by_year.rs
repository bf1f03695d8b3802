//! The gap each year at these settings against the default settings.

use super::*;

/// The gap each year at these settings against the default settings.
pub fn gap_by_year(p: &Projection, baseline: &Projection) -> Chart {
    let (five, five_default) = (p.five_year_gap(), baseline.five_year_gap());
    let title = format!(
        "Five-year gap {} at these settings (default {})",
        gap_words(five, false),
        gap_words(five_default, false)
    );
    let rows: Vec<(u16, f64, f64)> = p
        .years
        .iter()
        .zip(&baseline.years)
        .map(|(a, b)| (a.year, finite(a.gap), finite(b.gap)))
        .collect();
    let x = Scale::years(p.years[0].year, p.last().year, 6);
    let y = headroom_scale(rows.iter().flat_map(|r| [r.1, r.2]));
    let mut items = Vec::new();
    if rows.iter().any(|r| r.1 >= LEVEL) {
        items.push(LegendItem::new(
            Swatch::Bar(Fill::Solid(OVERSPEND)),
            "Overspend at these settings",
        ));
    }
    if rows.iter().any(|r| r.1 <= -LEVEL) {
        items.push(LegendItem::new(
            Swatch::Bar(Fill::Solid(SURPLUS)),
            "Surplus at these settings",
        ));
    }
    items.push(LegendItem::new(
        Swatch::Bar(Fill::Hollow(DARK_GREY)),
        "At default settings",
    ));
    let frame = year_frame(x, y, "£m (above 0 = overspend)", 20, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        for (year, now, default) in &rows {
            let xc = f64::from(*year);
            bar(
                root,
                &mut plot,
                [(xc - 0.38, 0.0), (xc - 0.02, *now)],
                Fill::Solid(gap_colour(*now)),
            )?;
            bar(
                root,
                &mut plot,
                [(xc + 0.02, 0.0), (xc + 0.38, *default)],
                Fill::Hollow(DARK_GREY),
            )?;
            tag(root, &plot, (xc - 0.2, *now), &gbp_m(*now), *now > -LEVEL)?;
        }
        hline(&mut plot, 0.0, TEXT, 2)
    });
    let mut table = Table::new(
        "The gap (spend − funding) by year at these settings and at default settings, £m",
        &[
            "Year",
            "Gap at these settings",
            "Gap at default settings",
            "Difference (these − default)",
        ],
    );
    table.rows = rows
        .iter()
        .map(|(year, now, default)| {
            vec![
                year_label(*year),
                gap_cell(*now),
                gap_cell(*default),
                signed_gbp_m(now - default),
            ]
        })
        .collect();
    Chart {
        id: "gap-by-year",
        title,
        caption: "The gap between spend and funding each year, above zero an overspend and below \
                  it a surplus, at these settings (solid bars, labelled, red for an overspend and \
                  turquoise for a surplus) and at default settings (outlined grey bars)."
            .to_string(),
        svg,
        table,
        source: "Source: Risk Explorer projection at the settings shown and at default settings."
            .to_string(),
    }
}
