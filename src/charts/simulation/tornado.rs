//! How much higher the five-year net outturn is, on average, in trials where each risk
//! happened at least once than in trials where it did not, largest first.

use super::*;

/// E[five-year net outturn | the risk happened at least once] − E[· | it did not], for
/// each risk, largest first.
pub fn tornado(ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The average {five} net outturn (after in-year offsets) in trials where each risk \
             happened at least once, in trials where it did not, and the difference, largest \
             first, £m"
        ),
        &[
            "Risk",
            "Average net outturn when it happened",
            "Average net outturn when it did not",
            "Difference",
        ],
    );
    let mut rows: Vec<(usize, Option<f64>)> = s
        .effects
        .iter()
        .enumerate()
        .map(|(i, e)| (i, e.difference().filter(|d| d.is_finite())))
        .collect();
    rows.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    let name = |i: usize| {
        s.effects
            .get(i)
            .map(|e| risk_name(ds, &e.risk))
            .unwrap_or_default()
    };
    let why_none = |i: usize| match s.effects.get(i) {
        Some(e) if e.with.is_none() => "never happened: nothing to compare",
        _ => "happened in every trial: nothing to compare",
    };
    for (i, d) in &rows {
        let e = &s.effects[*i];
        let cell = |v: Option<f64>, none: &str| {
            v.filter(|v| v.is_finite())
                .map(gbp_m)
                .unwrap_or_else(|| none.to_string())
        };
        table.rows.push(vec![
            name(*i),
            cell(e.with, "never happened"),
            cell(e.without, "happened in every trial"),
            d.map(signed_gbp_m)
                .unwrap_or_else(|| why_none(*i).to_string()),
        ]);
    }
    if s.trials == 0 || rows.is_empty() {
        return no_trials(
            "sim-tornado",
            "which risks move the net outturn most",
            table,
            s,
        );
    }
    let (title, lead) = match rows.first() {
        Some((i, Some(d))) => {
            let e = &s.effects[*i];
            (
                format!(
                    "Trials where {} happened have a {five} net outturn {} {} on average",
                    name(*i),
                    gbp_m(d.abs()),
                    if *d >= 0.0 { "higher" } else { "lower" }
                ),
                format!(
                    "{} moves the {five} net outturn most: it averages {} in trials where it \
                     happened at least once and {} where it did not.",
                    name(*i),
                    gbp_m(finite(e.with.unwrap_or(0.0))),
                    gbp_m(finite(e.without.unwrap_or(0.0)))
                ),
            )
        }
        _ => (
            "Every risk happened in every trial, or in none: there is nothing to compare"
                .to_string(),
            String::new(),
        ),
    };
    let caption = format!(
        "{lead} Each bar is how much higher the average {five} net outturn is in trials where \
         the risk happened at least once than in trials where it did not; this includes the \
         other risks that tend to happen with it. Risks that happened in every trial have \
         nothing to compare with.",
    )
    .trim_start()
    .to_string();

    let k = rows.len();
    let names: Vec<String> = rows.iter().map(|(i, _)| name(*i)).collect();
    let name_px = names
        .iter()
        .map(|l| approx_width(l, TEXT_PX))
        .max()
        .unwrap_or(0)
        .min(210);
    let values: Vec<f64> = rows.iter().filter_map(|r| r.1).chain([0.0]).collect();
    let base = money_scale(values.iter().copied(), true, 5);
    let tag_px = rows
        .iter()
        .map(|(i, d)| match d {
            Some(d) => approx_width(&signed_gbp_m(*d), TEXT_PX),
            None => approx_width(why_none(*i), TEXT_PX) / 2,
        })
        .max()
        .unwrap_or(0);
    let mut frame = Frame::across(
        base,
        k,
        &format!("Higher average {five} net outturn when the risk happened, £m"),
    );
    frame.margin.top = 16;
    frame.margin.right = (tag_px + 16) as u32;
    frame.y_label_area = (name_px + 16) as u32;
    let height = (frame.margin.top + BAR_ROW * k as u32 + frame.x_label_area + 10).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(frame.x.lo, 0.0)).0;
        let name_style = text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center));
        for (j, ((i, d), nm)) in rows.iter().zip(&names).enumerate() {
            let c = (k - 1 - j) as f64;
            let cy = plot.backend_coord(&(0.0, c)).1;
            label(root, nm, (left - 8, cy), &name_style)?;
            match d {
                Some(d) => {
                    let colour = if *d >= 0.0 { OVERSPEND } else { SURPLUS };
                    bar(
                        root,
                        &mut plot,
                        [(0.0, c - 0.3), (*d, c + 0.3)],
                        Fill::Solid(colour),
                    )?;
                    let (x, h) = if *d >= 0.0 {
                        (plot.backend_coord(&(*d, c)).0 + 6, HPos::Left)
                    } else {
                        (plot.backend_coord(&(*d, c)).0 - 6, HPos::Right)
                    };
                    label(
                        root,
                        &signed_gbp_m(*d),
                        (x, cy),
                        &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
                    )?;
                }
                None => {
                    let x = plot.backend_coord(&(0.0, c)).0 + 6;
                    label(
                        root,
                        why_none(*i),
                        (x, cy),
                        &text_style(TEXT_PX, DARK_GREY, (HPos::Left, VPos::Center)),
                    )?;
                }
            }
        }
        let (x0, y0) = plot.backend_coord(&(0.0, -0.5));
        let y1 = plot.backend_coord(&(0.0, k as f64 - 0.5)).1;
        root.draw(&PathElement::new(
            vec![(x0, y0), (x0, y1)],
            TEXT.stroke_width(1),
        ))?;
        Ok(())
    });
    Chart {
        id: "sim-tornado",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
