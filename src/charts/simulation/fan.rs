//! The annual net outturn by year across the trials: the middle 90% and middle half as
//! bands, the median as a line with dots, the net outturn with no risk events dashed grey,
//! the chosen threshold dotted across, and the Trust's recorded outturns as diamonds on
//! the same annual axis, to the left of the projection years.

use super::*;

/// One recorded outturn placed on the year axis: its first calendar year (2023 for
/// "2023/24"), its label as published and the net outturn, £m.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordPoint {
    pub year: u16,
    pub label: String,
    pub net: f64,
}

/// The Trust's recorded outturns that can be placed on the year axis (a label that does
/// not start with a year is left to the table), in year order.
pub fn record_points(ds: &Dataset) -> Vec<RecordPoint> {
    let mut out: Vec<RecordPoint> = ds
        .drivers
        .outturns
        .iter()
        .filter(|o| o.gap_gbp_m.is_finite())
        .filter_map(|o| {
            let year = o.year.get(..4)?.parse::<u16>().ok()?;
            Some(RecordPoint {
                year,
                label: o.year.clone(),
                net: o.gap_gbp_m,
            })
        })
        .collect();
    out.sort_by_key(|p| p.year);
    out
}

/// The chosen threshold of the run, £m a year (None if the run has none).
fn chosen_threshold(s: &Summary) -> Option<f64> {
    s.thresholds
        .iter()
        .find(|t| t.kind == ThresholdKind::Chosen && t.value.is_finite())
        .map(|t| t.value)
}

/// The annual net outturn by year across the trials, with the Trust's record and the
/// chosen threshold on the same annual axis.
pub fn fan(ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "The net outturn each year (the overspend after in-year offsets; below 0 a surplus): \
         the Trust's recorded outturns, then for each simulated year the outturn with no risk \
         events and, across the trials, the 5th percentile (1 trial in 20 is lower), 25th, \
         median, 75th and 95th percentile (1 trial in 20 is higher) and the mean, £m",
        &[
            &["Year", "Recorded outturn", "No risk events"][..],
            &QUANTILES,
        ]
        .concat(),
    );
    let record = record_points(ds);
    // Every recorded outturn is in the table, whether or not it can be placed on the axis.
    for o in &ds.drivers.outturns {
        let mut row = vec![format!("{} (recorded)", o.year), gbp_m(finite(o.gap_gbp_m))];
        row.extend(std::iter::repeat_n("—".to_string(), 1 + QUANTILES.len()));
        table.rows.push(row);
    }
    let m = s.years.len().min(s.annual.len()).min(s.baseline_gaps.len());
    if s.trials == 0 || m == 0 {
        return no_trials(
            "sim-fan",
            "the range of the net outturn year by year",
            table,
            s,
        );
    }
    let years = &s.years[..m];
    let q: Vec<[f64; 6]> = s.annual[..m]
        .iter()
        .map(|q| [q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(finite))
        .collect();
    let base: Vec<f64> = s.baseline_gaps[..m].iter().map(|g| finite(*g)).collect();
    for ((y, q), b) in years.iter().zip(&q).zip(&base) {
        let mut row = vec![year_label(*y), "—".to_string(), gbp_m(*b)];
        row.extend(q.iter().map(|v| gbp_m(*v)));
        table.rows.push(row);
    }
    let last = m - 1;
    let when = year_label(years[last]);
    let [p5, _, p50, _, p95, _] = q[last];
    let threshold = chosen_threshold(s);
    let medians: Vec<f64> = q.iter().map(|q| q[2]).collect();
    let (med_lo, med_hi) = medians
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let median_words = if gbp_m(med_lo) == gbp_m(med_hi) {
        format!("about {} every year", gbp_m(med_lo))
    } else {
        format!("between {} and {}", gbp_m(med_lo), gbp_m(med_hi))
    };
    let (rec_lo, rec_hi) = (finite(s.record_range.0), finite(s.record_range.1));
    let title = if record.is_empty() || rec_lo > rec_hi {
        format!(
            "The median net outturn is {median_words} a year, against {} with no risk events \
             by {when}",
            gbp_m(base[last])
        )
    } else {
        format!(
            "{} of simulated years end within the Trust's recorded outturns ({} to {}); the \
             median year is {}",
            capitalise(&chance(s.p_net_in_record_range)),
            gbp_m(rec_lo),
            gbp_m(rec_hi),
            gbp_m(finite(s.annual_net_all.p50))
        )
    };
    let record_words = if record.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = record
            .iter()
            .map(|r| format!("{} {}", r.label, gbp_m(r.net)))
            .collect();
        format!(
            " The diamonds on the left are the Trust's recorded outturns ({}).",
            list.join(", ")
        )
    };
    let threshold_words = threshold
        .map(|t| format!(" The dotted line is your threshold of {} a year.", gbp_m(t)))
        .unwrap_or_default();
    let caption = format!(
        "The median net outturn is {median_words} a year; in 9 trials out of 10 the net \
         outturn in {when} is between {} and {}, and with no risk events it would be {}. The \
         light band holds the middle 90% of trials each year, the darker band the middle half, \
         the line with dots is the median and the dashed grey line the outturn with no risk \
         events; above 0 is an overspend.{record_words}{threshold_words}",
        gbp_m(p5),
        gbp_m(p95),
        gbp_m(base[last])
    );

    let [outer, inner] = band_items();
    let mut items = vec![
        outer,
        inner,
        LegendItem::new(Swatch::Line(DARK_BLUE), "Median"),
        LegendItem::new(Swatch::Dashed(DARK_GREY), "No risk events"),
    ];
    if !record.is_empty() {
        items.push(LegendItem::new(Swatch::Marker(RECORD), "Recorded outturn"));
    }
    if threshold.is_some() {
        items.push(LegendItem::new(Swatch::Dashed(ACCENT), "Your threshold"));
    }
    let xs: Vec<f64> = years.iter().map(|y| f64::from(*y)).collect();
    let first_year = record
        .first()
        .map(|r| r.year.min(years[0]))
        .unwrap_or(years[0]);
    let x = Scale::years(first_year, years[last].max(first_year), 6);
    let values = q
        .iter()
        .flat_map(|q| [q[0], q[4]])
        .chain(base.iter().copied())
        .chain(record.iter().map(|r| r.net))
        .chain(threshold);
    let y = money_scale(values, true, 5);
    let mut frame = Frame::new(x, y.clone(), "Net outturn, £m (above 0 = overspend)");
    frame.margin.right = 150;
    frame.margin.top = below_legend(&items);
    let height = (frame.margin.top + 260 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        // One year only: give the bands some width.
        let band_xs: Vec<f64> = if m == 1 {
            vec![xs[0] - 0.15, xs[0] + 0.15]
        } else {
            xs.clone()
        };
        let value_at = |i: usize, k: usize| q[i.min(m - 1)][k];
        for (lo, hi, colour) in [(0, 4, BAND_OUTER), (1, 3, BAND_INNER)] {
            let mut pts: Vec<(f64, f64)> = band_xs
                .iter()
                .enumerate()
                .map(|(i, x)| (*x, value_at(i, hi)))
                .collect();
            pts.extend(
                band_xs
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, x)| (*x, value_at(i, lo))),
            );
            plot.draw_series(std::iter::once(Polygon::new(pts, colour.filled())))?;
        }
        hline(&mut plot, 0.0, TEXT, 1)?;
        if !record.is_empty() && first_year < years[0] {
            divider(root, &mut plot, f64::from(years[0]) - 0.5, "Simulated →")?;
        }
        if let Some(t) = threshold {
            let (x0, x1) = (plot.x_range().start, plot.x_range().end);
            plot.draw_series(std::iter::once(DashedPathElement::new(
                vec![(x0, t), (x1, t)],
                3,
                3,
                ACCENT.stroke_width(2),
            )))?;
        }
        let pts = |v: Vec<f64>| -> Vec<(f64, f64)> { xs.iter().copied().zip(v).collect() };
        draw_line(
            &mut plot,
            &pts(base.clone()),
            Line {
                colour: DARK_GREY,
                width: 2,
                dashed: true,
                marker: Marker::None,
            },
        )?;
        draw_line(
            &mut plot,
            &pts(medians.clone()),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::Dot,
            },
        )?;
        // The record: a diamond per year, its year and amount above it (below it when
        // the amount is under zero, so the words stay clear of the zero line); where that
        // would run off the plot or over the zero line, the other side, then beside it.
        let (left, bottom_px) = plot.backend_coord(&(plot.x_range().start, plot.y_range().start));
        let (right, top_px) = plot.backend_coord(&(plot.x_range().end, plot.y_range().end));
        let zero_px = plot.backend_coord(&(plot.x_range().start, 0.0)).1;
        let divider_px = if record.is_empty() {
            i32::MIN
        } else {
            plot.backend_coord(&(f64::from(years[0]) - 0.5, 0.0)).0
        };
        for r in &record {
            let at = plot.backend_coord(&(f64::from(r.year), r.net));
            root.draw(&diamond(at, 8, WHITE))?;
            root.draw(&diamond(at, 6, RECORD))?;
            let two = [r.label.clone(), gbp_m(r.net)];
            let one = [format!("{} {}", r.label, gbp_m(r.net))];
            let width = |lines: &[String]| {
                lines
                    .iter()
                    .map(|l| approx_width(l, TEXT_PX))
                    .max()
                    .unwrap_or(0)
            };
            let (w2, w1) = (width(&two), width(&one));
            let cx = at.0.clamp(
                left + w2 / 2 + 4,
                (right - w2 / 2 - 4).max(left + w2 / 2 + 4),
            );
            // (x, horizontal anchor, top, one line or two): below, above, right, left.
            let below = (cx, HPos::Center, at.1 + 10, false);
            let above = (cx, HPos::Center, at.1 - 40, false);
            let side_r = (at.0 + 12, HPos::Left, at.1 - 8, true);
            let side_l = (at.0 - 12, HPos::Right, at.1 - 8, true);
            let tries = if r.net >= 0.0 {
                [above, below, side_r, side_l]
            } else {
                [below, above, side_r, side_l]
            };
            let extent = |(x, h, top, single): (i32, HPos, i32, bool)| {
                let (w, tall) = if single { (w1, 15) } else { (w2, 30) };
                let (x0, x1) = match h {
                    HPos::Left => (x - 2, x + w + 2),
                    HPos::Right => (x - w - 2, x + 2),
                    HPos::Center => (x - w / 2 - 2, x + w / 2 + 2),
                };
                (x0, top, x1, top + tall)
            };
            let fits = |t: (i32, HPos, i32, bool)| {
                let (x0, y0, x1, y1) = extent(t);
                y0 >= top_px + 2
                    && y1 <= bottom_px - 2
                    && !(y0 - 2..=y1 + 2).contains(&zero_px)
                    && !(x0 - 2..=x1 + 2).contains(&divider_px)
                    && x0 >= left + 2
                    && x1 <= right - 2
            };
            let chosen = tries.into_iter().find(|t| fits(*t)).unwrap_or(tries[0]);
            let (x, h, top, single) = chosen;
            // A white ground under the words, so a line behind them never shows through.
            let (x0, y0, x1, y1) = extent(chosen);
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.filled()))?;
            let style = text_style(TEXT_PX, TEXT, (h, VPos::Top));
            let lines: &[String] = if single { &one } else { &two };
            for (k, line) in lines.iter().enumerate() {
                label(root, line, (x, top + 1 + k as i32 * 15), &style)?;
            }
        }
        let end = xs[last];
        let mut ends = vec![
            ((end, p95), format!("P95 {}", gbp_m(p95)), TEXT),
            ((end, p50), format!("Median {}", gbp_m(p50)), DARK_BLUE),
            ((end, p5), format!("P5 {}", gbp_m(p5)), TEXT),
            (
                (end, base[last]),
                format!("No events {}", gbp_m(base[last])),
                DARK_GREY,
            ),
        ];
        if let Some(t) = threshold {
            ends.push(((end, t), format!("Threshold {}", gbp_m(t)), ACCENT));
        }
        let bottom = plot.backend_coord(&(end, y.lo)).1;
        end_labels(root, &plot, &ends, bottom)
    });
    Chart {
        id: "sim-fan",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
