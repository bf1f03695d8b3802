//! The net outturn by year for the baseline, each chosen risk alone and all together,
//! with a marker on the together line in the year each risk crystallises. Drawn 640 wide
//! and 360 high, or taller when the key needs more rows.

use super::*;

/// The year with the largest value (the first of equals), or 0.
fn worst_year(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |(bi, bv), (i, x)| {
            if *x > bv {
                (i, *x)
            } else {
                (bi, bv)
            }
        })
        .0
}

/// The net outturn by year for the baseline, each chosen risk alone and all together,
/// with a marker on the together line in the year each risk crystallises. Drawn 640 wide
/// and 360 high, or taller when the key needs more rows.
pub fn outturn_paths(ds: &Dataset, r: &StressResult) -> Chart {
    let n = r.events.len().min(r.alone_money.len());
    let events = &r.events[..n];
    let names: Vec<String> = events.iter().map(|e| risk_name(ds, &e.risk)).collect();
    let m = r.alone_money[..n]
        .iter()
        .map(Vec::len)
        .chain([
            r.baseline_money.len(),
            r.together_money.len(),
            r.baseline.years.len(),
        ])
        .min()
        .unwrap_or(0);
    let mut headers: Vec<String> = vec!["Year".to_string(), "Baseline (no risks)".to_string()];
    headers.extend(names.iter().map(|name| format!("{name} alone")));
    headers.push("Together".to_string());
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let tail = unmanaged(r);
    let mut table = Table::new(
        format!(
            "The net outturn{tail} by year (above 0 an overspend): the baseline, each chosen \
             risk alone and all of them together, £m"
        ),
        &header_refs,
    );
    if m == 0 {
        return empty_chart(
            "stress-outturn-paths",
            "No projected years to show",
            "The projection has no years, so there is no net outturn to show.",
            table,
            source(r),
        );
    }
    let nets =
        |money: &[YearMoney]| -> Vec<f64> { money[..m].iter().map(|y| finite(y.net)).collect() };
    let years: Vec<u16> = r.baseline.years[..m].iter().map(|y| y.year).collect();
    let xs: Vec<f64> = years.iter().map(|y| f64::from(*y)).collect();
    let base = nets(&r.baseline_money);
    let together = nets(&r.together_money);
    let alone: Vec<Vec<f64>> = r.alone_money[..n].iter().map(|v| nets(v)).collect();
    let last = m - 1;
    let title = if n == 0 {
        let w = worst_year(&base);
        format!(
            "Choose risks to see how they move the net outturn{tail}: with none, the highest \
             year is {}, {}",
            year_label(years[w]),
            gap_words(base[w], true)
        )
    } else {
        let w = worst_year(&together);
        format!(
            "Together, the net outturn{tail} is highest in {}: {} (baseline {})",
            year_label(years[w]),
            gap_words(together[w], true),
            gap_words(base[w], false)
        )
    };

    // The risks crystallising in each projected year, by id.
    let mut crystallise: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.year < m) {
        crystallise
            .entry(e.year)
            .or_default()
            .push(e.risk.to_string());
    }
    let under_axis: Vec<(f64, Vec<String>)> = crystallise
        .iter()
        .map(|(y, ids)| (xs[*y], wrap(&ids.join(", "), 12, 3)))
        .collect();
    let under_lines = under_axis.iter().map(|(_, l)| l.len()).max().unwrap_or(0);

    let colours = event_colours(events);
    let mut items = vec![LegendItem::new(
        Swatch::Dashed(DARK_GREY),
        "Baseline (no risks)",
    )];
    for (i, name) in names.iter().enumerate() {
        items.push(LegendItem::new(Swatch::Line(colours[i]), name));
    }
    if n > 0 {
        items.push(LegendItem::new(Swatch::Line(TOGETHER), "Together"));
    }
    if !crystallise.is_empty() {
        items.push(LegendItem::new(Swatch::Marker(TEXT), "Risk crystallises"));
    }
    let x = Scale::years(years[0], years[last], 6);
    let values: Vec<f64> = base
        .iter()
        .chain(&together)
        .chain(alone.iter().flatten())
        .copied()
        .collect();
    let y = nice_scale(&values, true, 5);
    let mut frame = Frame::new(x, y.clone(), "Net outturn, £m (above 0 = overspend)");
    frame.margin.right = 120;
    frame.margin.top = below_legend(&items);
    frame.x_label_area = 28 + 15 * under_lines as u32 + if under_lines > 0 { 6 } else { 0 };
    let height = (frame.margin.top + 220 + frame.x_label_area + 6).max(HEIGHT);

    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        hline(&mut plot, 0.0, TEXT, 1)?;
        let points =
            |v: &[f64]| -> Vec<(f64, f64)> { xs.iter().copied().zip(v.iter().copied()).collect() };
        let baseline_line = Line {
            colour: DARK_GREY,
            width: 2,
            dashed: true,
            marker: Marker::None,
        };
        draw_line(&mut plot, &points(&base), baseline_line)?;
        for (i, v) in alone.iter().enumerate() {
            let thin = Line {
                colour: colours[i],
                width: 2,
                dashed: false,
                marker: Marker::None,
            };
            draw_line(&mut plot, &points(v), thin)?;
        }
        let mut ends = vec![(
            (xs[last], base[last]),
            format!("Baseline {}", gbp_m(base[last])),
            DARK_GREY,
        )];
        if n > 0 {
            let thick = Line {
                colour: TOGETHER,
                width: 4,
                dashed: false,
                marker: Marker::Dot,
            };
            draw_line(&mut plot, &points(&together), thick)?;
            for y in crystallise.keys() {
                let at = plot.backend_coord(&(xs[*y], together[*y]));
                root.draw(&diamond(at, 7, TEXT))?;
            }
            for (e, v) in events.iter().zip(&alone) {
                ends.push(((xs[last], v[last]), e.risk.to_string(), TEXT));
            }
            ends.push((
                (xs[last], together[last]),
                format!("Together {}", gbp_m(together[last])),
                TOGETHER,
            ));
        }
        let bottom = plot.backend_coord(&(xs[last], y.lo)).1 - 8;
        end_labels(root, &plot, &ends, bottom)?;
        for (x, lines) in &under_axis {
            let (px, bottom) = plot.backend_coord(&(*x, y.lo));
            label_lines(root, lines, (px, bottom + 24), TEXT_PX)?;
        }
        Ok(())
    });

    table.rows = (0..m)
        .map(|j| {
            let mut row = vec![year_label(years[j]), gap_cell(base[j])];
            row.extend(alone.iter().map(|v| gap_cell(v[j])));
            row.push(gap_cell(together[j]));
            row
        })
        .collect();
    let caption = if n == 0 {
        format!(
            "The net outturn each year at baseline, with no risks chosen (dashed grey line). {}",
            net_note(r)
        )
    } else {
        format!(
            "The net outturn each year: the baseline with no risks (dashed grey line), each \
             chosen risk on its own (thin lines, named at the right) and all of them together \
             (thick black line); diamonds on the together line mark the years the risks \
             crystallise, named under the year. {}",
            net_note(r)
        )
    };
    Chart {
        id: "stress-outturn-paths",
        title,
        caption,
        svg,
        table,
        source: source(r),
    }
}
