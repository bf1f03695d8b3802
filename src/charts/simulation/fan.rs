//! The annual gap by year across the trials: the middle 90% and middle half as bands, the
//! median as a line with markers, the gap with no risk events dashed grey, and zero.

use super::*;

/// The annual gap by year across the trials: the middle 90% and middle half as bands, the
/// median as a line with markers, the gap with no risk events dashed grey, and zero.
pub fn fan(_ds: &Dataset, s: &Summary) -> Chart {
    let mut table = Table::new(
        "The annual gap (spend − funding, above 0 an overspend) by year: with no risk events, \
         then across the trials the 5th percentile (1 trial in 20 is lower), 25th, median, \
         75th and 95th percentile (1 trial in 20 is higher) and the mean, £m",
        &[&["Year", "No risk events"][..], &QUANTILES].concat(),
    );
    let m = s.years.len().min(s.annual.len()).min(s.baseline_gaps.len());
    if s.trials == 0 || m == 0 {
        return no_trials("sim-fan", "the range of the gap year by year", table, s);
    }
    let years = &s.years[..m];
    let q: Vec<[f64; 6]> = s.annual[..m]
        .iter()
        .map(|q| [q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(finite))
        .collect();
    let base: Vec<f64> = s.baseline_gaps[..m].iter().map(|g| finite(*g)).collect();
    for ((y, q), b) in years.iter().zip(&q).zip(&base) {
        let mut row = vec![year_label(*y), gbp_m(*b)];
        row.extend(q.iter().map(|v| gbp_m(*v)));
        table.rows.push(row);
    }
    let last = m - 1;
    let when = year_label(years[last]);
    let [p5, _, p50, _, p95, _] = q[last];
    let title = format!(
        "By {when} the median annual gap is {}, against {} with no risk events",
        gbp_m(p50),
        gbp_m(base[last])
    );
    let caption = format!(
        "In 9 trials out of 10 the gap in {when} is between {} and {}; with no risk events it \
         would be {}. The light band holds the middle 90% of trials each year, the darker \
         band the middle half, the line with dots is the median and the dashed grey line the \
         gap with no risk events; above 0 is an overspend.",
        gbp_m(p5),
        gbp_m(p95),
        gbp_m(base[last])
    );

    let [outer, inner] = band_items();
    let items = [
        outer,
        inner,
        LegendItem::new(Swatch::Line(DARK_BLUE), "Median"),
        LegendItem::new(Swatch::Dashed(DARK_GREY), "No risk events"),
    ];
    let xs: Vec<f64> = years.iter().map(|y| f64::from(*y)).collect();
    let x = Scale::years(years[0], years[last], 6);
    let values = q
        .iter()
        .flat_map(|q| [q[0], q[4]])
        .chain(base.iter().copied());
    let y = money_scale(values, true, 5);
    let mut frame = Frame::new(x, y, "£m (above 0 = overspend)");
    frame.margin.right = 130;
    frame.margin.top = below_legend(&items);
    let height = (frame.margin.top + 250 + frame.x_label_area + 6).max(HEIGHT);
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
            &pts(q.iter().map(|q| q[2]).collect()),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::Dot,
            },
        )?;
        let end = xs[last];
        end_labels(
            root,
            &plot,
            &[
                ((end, p95), format!("P95 {}", gbp_m(p95)), TEXT),
                ((end, p50), format!("Median {}", gbp_m(p50)), DARK_BLUE),
                ((end, p5), format!("P5 {}", gbp_m(p5)), TEXT),
                (
                    (end, base[last]),
                    format!("No events {}", gbp_m(base[last])),
                    DARK_GREY,
                ),
            ],
            i32::MAX,
        )
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
