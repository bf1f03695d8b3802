//! Published results and projected gaps by year, with the reported gross pressures.

use super::*;

/// Published results and projected gaps by year, with the reported gross pressures.
pub fn outturns_and_gap(data: &DriversData, p: &Projection) -> Chart {
    let past: Vec<(u16, &Outturn)> = data
        .outturns
        .iter()
        .filter_map(|o| label_year(&o.year).map(|y| (y, o)))
        .collect();
    let ahead: Vec<(u16, f64)> = p.years.iter().map(|y| (y.year, finite(y.gap))).collect();
    let past_gaps: Vec<(u16, f64)> = past
        .iter()
        .map(|(y, o)| (*y, finite(o.gap_gbp_m)))
        .collect();
    let worst = |v: &[(u16, f64)]| v.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let (w_ahead, w_past) = (worst(&ahead), worst(&past_gaps));
    let title = match (w_ahead, w_past) {
        (Some((y, g)), past) if g >= LEVEL => {
            let mut t = format!(
                "Worst projected year {}: {}",
                year_label(y),
                gap_words(g, false)
            );
            if let Some((py, pg)) = past {
                let cmp = match g - pg {
                    d if d >= LEVEL => "above",
                    d if d <= -LEVEL => "below",
                    _ => "level with",
                };
                t.push_str(&format!(
                    ", {cmp} the worst published result ({} in {})",
                    gap_words(pg, false),
                    year_label(py)
                ));
            }
            t
        }
        (_, Some((py, pg))) => format!(
            "No projected year overspends; the worst published result was a {} in {}",
            gap_words(pg, false),
            year_label(py)
        ),
        _ => "No projected year overspends".to_string(),
    };

    let first = past.iter().map(|(y, _)| *y).fold(p.years[0].year, u16::min);
    let x = Scale::years(first, p.last().year, 6);
    let y = headroom_scale(
        past.iter()
            .filter_map(|(_, o)| o.pressure.as_ref().map(|pr| finite(pr.gbp_m)))
            .chain(past_gaps.iter().chain(&ahead).map(|a| a.1)),
    );
    // Published results solid, projections hatched; an overspend red, a surplus turquoise.
    let projected = |g: f64| {
        if g >= 0.0 {
            Fill::Hatched {
                fill: OVERSPEND_LIGHT,
                lines: OVERSPEND,
            }
        } else {
            Fill::Hatched {
                fill: SURPLUS_LIGHT,
                lines: SURPLUS,
            }
        }
    };
    let over = |v: &[(u16, f64)]| v.iter().any(|(_, g)| *g >= LEVEL);
    let under = |v: &[(u16, f64)]| v.iter().any(|(_, g)| *g <= -LEVEL);
    let mut items = Vec::new();
    for (shown, fill, words) in [
        (
            over(&past_gaps),
            Fill::Solid(OVERSPEND),
            "Published overspend",
        ),
        (under(&past_gaps), Fill::Solid(SURPLUS), "Published surplus"),
        (over(&ahead), projected(1.0), "Projected overspend"),
        (under(&ahead), projected(-1.0), "Projected surplus"),
    ] {
        if shown {
            items.push(LegendItem::new(Swatch::Bar(fill), words));
        }
    }
    if past.iter().any(|(_, o)| o.pressure.is_some()) {
        items.push(LegendItem::new(
            Swatch::Marker(RECORD),
            "Reported gross pressure",
        ));
    }
    let frame = year_frame(x, y, "£m (above 0 = overspend)", 20, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        divider(
            root,
            &mut plot,
            f64::from(p.years[0].year) - 0.5,
            "Projection",
        )?;
        let bars = past_gaps
            .iter()
            .map(|(y, g)| (*y, *g, Fill::Solid(gap_colour(*g))))
            .chain(ahead.iter().map(|(y, g)| (*y, *g, projected(*g))));
        for (year, g, fill) in bars {
            let xc = f64::from(year);
            bar(root, &mut plot, [(xc - 0.32, 0.0), (xc + 0.32, g)], fill)?;
            tag(root, &plot, (xc, g), &gbp_m(g), g > -LEVEL)?;
        }
        for (year, o) in &past {
            if let Some(pr) = &o.pressure {
                let at = plot.backend_coord(&(f64::from(*year), finite(pr.gbp_m)));
                root.draw(&diamond(at, 7, RECORD))?;
            }
        }
        hline(&mut plot, 0.0, TEXT, 2)
    });

    let mut table = Table::new(
        "Published results and projected gaps (spend − funding) by year, with the gross \
         pressure reported behind each published result, £m",
        &["Year", "Result", "Reported gross pressure", "Kind"],
    );
    for (year, o) in &past {
        table.rows.push(vec![
            year_label(*year),
            gap_cell(finite(o.gap_gbp_m)),
            o.pressure
                .as_ref()
                .map(|pr| format!("{} ({})", gbp_m(pr.gbp_m), pr.label))
                .unwrap_or_else(dash),
            "Published".to_string(),
        ]);
    }
    for (year, g) in &ahead {
        table.rows.push(vec![
            year_label(*year),
            gap_cell(*g),
            dash(),
            "Projected at these settings".to_string(),
        ]);
    }
    Chart {
        id: "outturns-gap",
        title,
        caption: "Each year's result, above zero an overspend and below it a surplus: published \
                  results (solid bars) and the projected gap at these settings (hatched bars), red \
                  for an overspend and turquoise for a surplus; black diamonds mark the gross pressure reported behind a published result."
            .to_string(),
        svg,
        table,
        source: format!(
            "Sources: Business Plan update 2020/21, Governance update June 2022, Business Plan \
             2024-29 and Annual Report 2024/25 (published results); {PROJECTION}"
        ),
    }
}
