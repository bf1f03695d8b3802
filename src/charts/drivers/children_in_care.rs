//! Children in care: published counts and the projection (current solid, defaults dashed).

use super::*;

/// Children in care: published counts and the projection (current solid, defaults dashed).
pub fn children_in_care(data: &DriversData, p: &Projection, baseline: &Projection) -> Chart {
    let published: Vec<(u16, &HistoryPoint)> = data
        .series("children_in_care")
        .map(|s| s.points.iter().map(|pt| (pt.start_of_year(), pt)).collect())
        .unwrap_or_default();
    let points = |q: &Projection| -> Vec<(f64, f64)> {
        q.years
            .iter()
            .map(|y| (f64::from(y.year), finite(y.children_in_care)))
            .collect()
    };
    let (now, defaults) = (points(p), points(baseline));
    let differs = now.len() != defaults.len()
        || now
            .iter()
            .zip(&defaults)
            .any(|(a, b)| (a.1 - b.1).abs() >= 0.5);
    let (first, last) = (p.years[0].year, p.last().year);
    let start = published.iter().map(|(y, _)| *y).fold(first, u16::min);
    let end = published.iter().map(|(y, _)| *y).fold(last, u16::max);

    let last_now = p.last().children_in_care;
    let mut title = format!(
        "Children in care: {} now, {} by {} at these settings",
        children(p.years[0].children_in_care),
        children(last_now),
        year_label(last)
    );
    let last_default = baseline.last().children_in_care;
    if children(last_default) != children(last_now) {
        title.push_str(&format!(
            " ({} at default settings)",
            children(last_default)
        ));
    }

    let x = Scale::years(start, end, 6);
    let values = published
        .iter()
        .map(|(_, pt)| pt.value)
        .chain(now.iter().map(|v| v.1))
        .chain(defaults.iter().map(|v| v.1));
    let y = Scale::nice(values, false, 6).with_labels(Ticks::Count);
    let mut items = vec![
        LegendItem::new(Swatch::Marker(RECORD), "Published count"),
        LegendItem::new(Swatch::Line(DARK_BLUE), "Projected at these settings"),
    ];
    if differs {
        items.push(LegendItem::new(
            Swatch::Dashed(DARK_GREY),
            "Projected at default settings",
        ));
    }
    let frame = year_frame(x, y.clone(), "children", 56, &items);
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        divider(root, &mut plot, f64::from(first) - 0.5, "Projection")?;
        let pub_pts: Vec<(f64, f64)> = published
            .iter()
            .map(|(y, pt)| (f64::from(*y), finite(pt.value)))
            .collect();
        let thin = Line {
            width: 1,
            marker: Marker::None,
            ..solid(RECORD)
        };
        draw_line(&mut plot, &pub_pts, thin)?;
        if differs {
            let dashed = Line {
                width: 2,
                dashed: true,
                marker: Marker::None,
                ..solid(DARK_GREY)
            };
            draw_line(&mut plot, &defaults, dashed)?;
        }
        draw_line(&mut plot, &now, solid(DARK_BLUE))?;
        for pt in &pub_pts {
            root.draw(&diamond(plot.backend_coord(pt), 6, RECORD))?;
        }
        let mut ends = vec![(now[now.len() - 1], children(last_now), DARK_BLUE)];
        if differs {
            ends.push((
                defaults[defaults.len() - 1],
                children(last_default),
                DARK_GREY,
            ));
        }
        end_labels(root, &plot, &ends, i32::MAX)
    });

    let mut table = Table::new(
        "Children in care: published counts and the projection, by the financial year each \
         count starts",
        &[
            "Year",
            "Published",
            "Date published",
            "Projected at these settings",
            "Projected at default settings",
        ],
    );
    let projected = |q: &Projection, year: u16| {
        q.years
            .iter()
            .find(|y| y.year == year)
            .map(|y| children(y.children_in_care))
            .unwrap_or_else(dash)
    };
    let mut years: BTreeSet<u16> = published.iter().map(|(y, _)| *y).collect();
    years.extend(p.years.iter().map(|y| y.year));
    for year in years {
        let here: Vec<&HistoryPoint> = published
            .iter()
            .filter(|(y, _)| *y == year)
            .map(|(_, pt)| *pt)
            .collect();
        let list = |f: fn(&HistoryPoint) -> String| {
            if here.is_empty() {
                dash()
            } else {
                here.iter().map(|pt| f(pt)).collect::<Vec<_>>().join("; ")
            }
        };
        table.rows.push(vec![
            year_label(year),
            list(|pt| children(pt.value)),
            list(|pt| pt.date.clone()),
            projected(p, year),
            projected(baseline, year),
        ]);
    }
    let defaults_words = if differs {
        ", and at default settings (dashed line)"
    } else {
        ""
    };
    Chart {
        id: "children-in-care",
        title,
        caption: format!(
            "Published counts of children in care (diamonds) and the projection at these settings \
             (solid line){defaults_words}; each count sits at the start of a financial year, so a \
             count at the end of March {} is shown at {}.{}",
            first,
            year_label(first),
            axis_note(&y, false)
        ),
        svg,
        table,
        source: format!(
            "Sources: Business Plan update 2020/21, Self Evaluation March 2024 and Annual Report \
             2024/25 (published counts); {PROJECTION}"
        ),
    }
}
