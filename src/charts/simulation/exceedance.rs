//! The chance that the five-year net outturn passes each amount, as a curve, with the
//! outturn with no risk events and the median marked.

use super::*;

/// A curve of P(value > x) extended to the plot's edges: every trial is above anything
/// left of the lowest value, none above anything right of the highest. In percent.
pub fn exceedance_points(curve: &[Exceedance], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = curve
        .iter()
        .filter(|e| e.x.is_finite() && e.p.is_finite())
        .map(|e| (e.x, e.p.clamp(0.0, 1.0) * 100.0))
        .collect();
    if let Some(first) = pts.first().copied() {
        if lo < first.0 {
            pts.insert(0, (first.0, 100.0));
            pts.insert(0, (lo, 100.0));
        }
    }
    if let Some(last) = pts.last().copied() {
        if hi > last.0 {
            pts.push((hi, last.1));
        }
    }
    pts
}

/// The chance 0-1 that the value is above `x`, read off a curve of P(value > x) (linear
/// between its points; 1 left of it, its last chance right of it). None for no curve.
pub fn chance_above(curve: &[Exceedance], x: f64) -> Option<f64> {
    let pts: Vec<&Exceedance> = curve
        .iter()
        .filter(|e| e.x.is_finite() && e.p.is_finite())
        .collect();
    let first = pts.first()?;
    if x < first.x {
        return Some(1.0);
    }
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if x >= a.x && x <= b.x {
            let t = if b.x > a.x {
                (x - a.x) / (b.x - a.x)
            } else {
                1.0
            };
            return Some((a.p + t * (b.p - a.p)).clamp(0.0, 1.0));
        }
    }
    pts.last().map(|e| e.p.clamp(0.0, 1.0))
}

/// The chance that the five-year net outturn passes each amount, with the outturn with no
/// risk events and the median marked.
pub fn exceedance(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The chance that the {five} net outturn (the overspends after in-year offsets, \
             added up; below 0 a surplus overall) is above each amount, £m"
        ),
        &[
            "Amount",
            &format!("Chance the {five} net outturn is above it"),
        ],
    );
    if s.trials == 0 || s.exceedance.is_empty() {
        return no_trials(
            "sim-exceedance",
            &format!("the chance of each {five} net outturn"),
            table,
            s,
        );
    }
    let q = s.five_year;
    let (base, p50) = (finite(s.baseline_five_year), finite(q.p50));
    let markers = no_events_and_median(base, p50);
    let xs = s
        .exceedance
        .iter()
        .map(|e| e.x)
        .chain(markers.iter().map(|m| m.x));
    let x = money_scale(xs, true, 6);
    for t in &x.ticks {
        if let Some(p) = chance_above(&s.exceedance, *t) {
            table.rows.push(vec![gbp_m(*t), chance(p)]);
        }
    }
    let over = chance_above(&s.exceedance, 0.0).unwrap_or(0.0);
    let p90 = finite(q.p90);
    let title = format!(
        "{} {} chance that the {} end in overspend overall; 1 trial in 10 is above {}",
        capitalise(a_or_an(&chance(over))),
        chance(over),
        horizon(s),
        gbp_m(p90)
    );
    let caption = format!(
        "The curve is the chance that the {five} net outturn is above the amount along the \
         bottom: {} that it is above £0.0m (an overspend over the {} taken together), half \
         the trials above {} and 1 in 10 above {}; with no risk events it would be {}. These \
         are totals over the {}: each year's outturn is in the fan chart.",
        chance(over),
        horizon(s),
        gbp_m(p50),
        gbp_m(p90),
        gbp_m(base),
        horizon(s)
    );
    let mut frame = Frame::new(x.clone(), percent_scale(), "Chance, %");
    frame.x_desc = format!(
        "{} net outturn, £m (above 0 = overspend)",
        capitalise(&five)
    );
    frame.x_label_area = 46;
    frame.margin.right = 24;
    let (stacked, rows) = marker_rows(&frame, WIDTH, &markers);
    frame.margin.top = (16 + rows as i32 * LABEL_ROW + 8) as u32;
    let height = (frame.margin.top + 230 + frame.x_label_area + 6).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        let mut plot = plot(root, &frame)?;
        draw_markers(root, &plot, &markers, &stacked, 0.0)?;
        draw_line(
            &mut plot,
            &exceedance_points(&s.exceedance, x.lo, x.hi),
            Line {
                colour: DARK_BLUE,
                width: 3,
                dashed: false,
                marker: Marker::None,
            },
        )?;
        Ok(())
    });
    Chart {
        id: "sim-exceedance",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
