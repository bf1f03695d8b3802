//! The simulated children-in-care path beside the published counts: the published counts
//! as diamonds, the published growth continued as a dashed line, and across the trials
//! the median with the 5th to 95th percentile as a band, against the path with no risk
//! events. Drawn 640 wide and 360 high, or taller when the key wraps.

use super::*;

/// Compound growth a year from `from` to `to` over `years`: 1,805 → 2,312 over 7 years
/// is 3.6%. None when it cannot be worked out.
pub(super) fn growth_a_year(from: f64, to: f64, years: f64) -> Option<f64> {
    (from > 0.0 && to > 0.0 && years > 0.0).then(|| libm::pow(to / from, 1.0 / years) - 1.0)
}

fn children(n: f64) -> String {
    count(finite(n).round().max(0.0) as u64)
}

/// The simulated children-in-care path beside the published counts.
pub fn record_children(ds: &Dataset, s: &Summary) -> Chart {
    let published: Vec<(u16, &HistoryPoint)> = ds
        .drivers
        .series("children_in_care")
        .map(|h| h.points.iter().map(|p| (p.start_of_year(), p)).collect())
        .unwrap_or_default();
    let k = s
        .years
        .len()
        .min(s.children.len())
        .min(s.baseline_children.len());
    let mut table = Table::new(
        "Children in care: the published counts, by the financial year each count starts, \
         then each simulated year's 5th percentile (1 trial in 20 is lower), median and 95th \
         percentile (1 in 20 is higher), and the path with no risk events",
        &[
            "Year",
            "Published",
            "Date published",
            "Simulated 5th percentile",
            "Simulated median",
            "Simulated 95th percentile",
            "No risk events",
        ],
    );
    let provenances: Vec<&Provenance> = published.iter().map(|(_, p)| &p.provenance).collect();
    let source = format!(
        "Sources: {} (published counts); Risk Explorer simulation, {}.",
        cited(ds, &provenances),
        run_words(s)
    );
    if s.trials == 0 || k == 0 {
        return empty_chart(
            "record-children",
            "No simulated years to set beside the published counts",
            "The simulation has no trials yet, so there is nothing to compare.",
            table,
            source,
        );
    }
    let years = &s.years[..k];
    let q: Vec<(f64, f64, f64)> = s.children[..k]
        .iter()
        .map(|q| (finite(q.p5), finite(q.p50), finite(q.p95)))
        .collect();
    let none: Vec<f64> = s.baseline_children[..k]
        .iter()
        .map(|v| finite(*v))
        .collect();
    let last = k - 1;
    let start = q[0].1;
    let sim_growth = growth_a_year(start, q[last].1, last as f64);
    let (first_pub, last_pub) = (published.first(), published.last());
    let pub_growth = match (first_pub, last_pub) {
        (Some((y0, p0)), Some((y1, p1))) => {
            growth_a_year(p0.value, p1.value, f64::from(y1.saturating_sub(*y0)))
        }
        _ => None,
    };
    let when = year_label(years[last]);
    let title = match (sim_growth, pub_growth, first_pub, last_pub) {
        (Some(g), Some(pg), Some((y0, _)), Some((y1, _))) => format!(
            "Children in care: a simulated median of {} by {when}, {} a year, against {} a \
             year in the published counts from {y0} to {y1}",
            children(q[last].1),
            percent_1dp(g),
            percent_1dp(pg)
        ),
        _ => format!(
            "Children in care: a simulated median of {} by {when} (no risk events {})",
            children(q[last].1),
            children(none[last])
        ),
    };

    for (y, p) in &published {
        table.rows.push(vec![
            year_label(*y),
            children(p.value),
            p.date.clone(),
            dash(),
            dash(),
            dash(),
            dash(),
        ]);
    }
    for (j, y) in years.iter().enumerate() {
        table.rows.push(vec![
            year_label(*y),
            dash(),
            dash(),
            children(q[j].0),
            children(q[j].1),
            children(q[j].2),
            children(none[j]),
        ]);
    }

    // The published growth continued from the start of the projection.
    let trend: Option<Vec<(f64, f64)>> = pub_growth.map(|g| {
        years
            .iter()
            .enumerate()
            .map(|(j, y)| (f64::from(*y), start * libm::pow(1.0 + g, j as f64)))
            .collect()
    });
    let mut items = vec![
        LegendItem::new(Swatch::Marker(RECORD), "Published count"),
        LegendItem::new(
            Swatch::Area(LIGHT_BLUE),
            "Simulated: 5th to 95th percentile",
        ),
        LegendItem::new(Swatch::Line(DARK_BLUE), "Simulated median"),
        LegendItem::new(Swatch::Dashed(DARK_GREY), "No risk events"),
    ];
    if trend.is_some() {
        items.push(LegendItem::new(
            Swatch::Dashed(RECORD),
            "Published growth continued",
        ));
    }
    let xs: Vec<f64> = years.iter().map(|y| f64::from(*y)).collect();
    let x0 = published.iter().map(|(y, _)| *y).fold(years[0], u16::min);
    let x = Scale::years(x0, years[last], 6);
    let values = published
        .iter()
        .map(|(_, p)| finite(p.value))
        .chain(q.iter().flat_map(|v| [v.0, v.2]))
        .chain(none.iter().copied())
        .chain(trend.iter().flatten().map(|p| p.1));
    let y = Scale::nice(values, false, 5).with_labels(Ticks::Count);
    let mut frame = Frame::new(x, y, "children");
    frame.margin.top = below_legend(&items);
    frame.margin.right = 110;
    let height = (frame.margin.top + 250 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        divider(root, &mut plot, xs[0] - 0.5, "Simulated")?;
        let band_xs: Vec<f64> = if k == 1 {
            vec![xs[0] - 0.15, xs[0] + 0.15]
        } else {
            xs.clone()
        };
        let at = |i: usize| q[i.min(last)];
        let mut band: Vec<(f64, f64)> = band_xs
            .iter()
            .enumerate()
            .map(|(i, x)| (*x, at(i).2))
            .collect();
        band.extend(band_xs.iter().enumerate().rev().map(|(i, x)| (*x, at(i).0)));
        plot.draw_series(std::iter::once(Polygon::new(band, SIMULATED.filled())))?;
        let pub_pts: Vec<(f64, f64)> = published
            .iter()
            .map(|(y, p)| (f64::from(*y), finite(p.value)))
            .collect();
        draw_line(
            &mut plot,
            &pub_pts,
            Line {
                colour: RECORD,
                width: 1,
                dashed: false,
                marker: Marker::None,
            },
        )?;
        if let Some(t) = &trend {
            draw_line(
                &mut plot,
                t,
                Line {
                    colour: RECORD,
                    width: 2,
                    dashed: true,
                    marker: Marker::None,
                },
            )?;
        }
        let pts = |v: Vec<f64>| -> Vec<(f64, f64)> { xs.iter().copied().zip(v).collect() };
        draw_line(
            &mut plot,
            &pts(none.clone()),
            Line {
                colour: DARK_GREY,
                width: 2,
                dashed: true,
                marker: Marker::None,
            },
        )?;
        draw_line(
            &mut plot,
            &pts(q.iter().map(|v| v.1).collect()),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::Dot,
            },
        )?;
        for p in &pub_pts {
            root.draw(&diamond(plot.backend_coord(p), 7, RECORD))?;
        }
        let end = xs[last];
        end_labels(
            root,
            &plot,
            &[
                (
                    (end, q[last].2),
                    format!("P95 {}", children(q[last].2)),
                    TEXT,
                ),
                (
                    (end, q[last].1),
                    format!("Median {}", children(q[last].1)),
                    DARK_BLUE,
                ),
                (
                    (end, q[last].0),
                    format!("P5 {}", children(q[last].0)),
                    TEXT,
                ),
            ],
            i32::MAX,
        )
    });
    let trend_words = match pub_growth {
        Some(g) => format!(
            "; the dashed black line continues the published growth of {} a year",
            percent_1dp(g)
        ),
        None => String::new(),
    };
    Chart {
        id: "record-children",
        title,
        caption: format!(
            "Published counts of children in care (black diamonds), each at the start of a \
             financial year, so a count at the end of March sits at the year that follows; \
             across the trials the median (line with dots) and the band holding 9 trials in \
             10 (5th to 95th percentile); the dashed grey line is the path with no risk \
             events{trend_words}. In {when} 9 trials in 10 lie between {} and {}.",
            children(q[last].0),
            children(q[last].2)
        ),
        svg,
        table,
        source,
    }
}
