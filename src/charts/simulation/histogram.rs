//! The five-year net outturn across the trials as a histogram (bars are shares of trials),
//! with the outturn with no risk events, the median and the 95th percentile marked.

use super::*;

/// The five-year net outturn across the trials as a histogram (bars are shares of trials),
/// with the outturn with no risk events, the median and the 95th percentile marked.
pub fn histogram(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "How many trials had a {five} net outturn (the overspends after in-year offsets, \
             added up; below 0 a surplus overall) in each range, £m"
        ),
        &["Range", "Trials", "Share of trials"],
    );
    let h = &s.histogram;
    let k = h.counts.len().min(h.edges.len().saturating_sub(1));
    if s.trials == 0 || k == 0 {
        return no_trials(
            "sim-histogram",
            &format!("how the {five} net outturn is spread"),
            table,
            s,
        );
    }
    let tf = f64::from(s.trials.max(1));
    let edges: Vec<f64> = h.edges[..=k].iter().map(|e| finite(*e)).collect();
    let shares: Vec<f64> = h.counts[..k].iter().map(|c| f64::from(*c) / tf).collect();
    for i in 0..k {
        table.rows.push(vec![
            format!("{} to {}", gbp_m(edges[i]), gbp_m(edges[i + 1])),
            count(u64::from(h.counts[i])),
            chance(shares[i]),
        ]);
    }
    let q = s.five_year;
    let (base, p50, p95) = (finite(s.baseline_five_year), finite(q.p50), finite(q.p95));
    let title = format!(
        "Half the trials have a {five} net outturn above {}, against {} with no risk events",
        gbp_m(p50),
        gbp_m(base)
    );
    let caption = format!(
        "Half the trials have a {five} net outturn above {} and 1 in 20 above {}; with no risk \
         events it would be {}. Each bar is the share of trials with a {five} net outturn in \
         its range.",
        gbp_m(p50),
        gbp_m(p95),
        gbp_m(base)
    );
    let [none, median] = no_events_and_median(base, p50);
    let markers = [
        none,
        median,
        VMarker {
            x: p95,
            words: format!("1 in 20 above {} (P95)", gbp_m(p95)),
            colour: TEXT,
            stroke: Stroke::Dotted,
            width: 2,
            shape: Shape::Triangle,
        },
    ];
    let x = money_scale(edges.iter().copied().chain([base, p50, p95]), false, 6);
    let y = Scale::nice(shares.iter().map(|v| v * 100.0), true, 5);
    let mut frame = Frame::new(x, y.clone(), "% of trials");
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
        for i in 0..k {
            if h.counts[i] == 0 {
                continue;
            }
            let gap = (edges[i + 1] - edges[i]) * 0.06;
            bar(
                root,
                &mut plot,
                [
                    (edges[i] + gap, 0.0),
                    (edges[i + 1] - gap, shares[i] * 100.0),
                ],
                Fill::Solid(MID_BLUE),
            )?;
        }
        draw_markers(root, &plot, &markers, &stacked, y.lo)
    });
    Chart {
        id: "sim-histogram",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
