//! How the compounding excess moves with each assumption it rests on across its range,
//! biggest swing first, around the excess now (a tornado). Drawn 640 wide and 360 high, or
//! 100 + 36 units a row for more than seven rows.

use super::*;

/// A label as it reads mid-sentence: "Placement price inflation" → "placement price
/// inflation"; an initialism ("UASC …") keeps its capitals.
pub(super) fn mid_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// How the compounding excess moves with each assumption it rests on across its range,
/// biggest swing first, around the excess now (a tornado). Drawn 640 wide and 360 high, or
/// 100 + 36 units a row for more than seven rows.
pub fn excess_sensitivity(ds: &Dataset, r: &StressResult, s: &[ExcessSensitivity]) -> Chart {
    let data = &ds.drivers;
    let mut table = Table::new(
        "The compounding excess on the five-year net outturn (together − sum of the parts) as \
         each assumption it rests on moves across its range, the others at these settings: \
         the lowest and highest found and where, biggest swing first, £m",
        &[
            "Assumption",
            "Range",
            "Lowest compounding",
            "Highest compounding",
        ],
    );
    let swing = |x: &ExcessSensitivity| (finite(x.highest) - finite(x.lowest)).abs();
    let mut rows: Vec<&ExcessSensitivity> = s.iter().collect();
    rows.sort_by(|a, b| swing(b).total_cmp(&swing(a)));
    if r.events.len() < 2 {
        return empty_chart(
            "stress-excess-sensitivity",
            "Choose two or more risks to see what their compounding rests on",
            "Compounding needs at least two risks, so there is nothing to test yet.",
            table,
            source(r),
        );
    }
    let Some(top) = rows.first() else {
        return empty_chart(
            "stress-excess-sensitivity",
            "No assumptions to test the compounding against",
            "There are no assumptions to move, so there is nothing to test.",
            table,
            source(r),
        );
    };
    let name = |key: &str| data.label(key);
    let ends = |key: &str| crate::format::driver_range(data, key);
    let current = finite(r.compounding_excess(Measure::Net));
    let title = if swing(top) >= LEVEL {
        format!(
            "The compounding on net outturn{} rests most on {}: from {} to {} across its range",
            unmanaged(r),
            mid_sentence(&name(&top.key)),
            gbp_m(finite(top.lowest)),
            gbp_m(finite(top.highest))
        )
    } else {
        format!(
            "No assumption moves the compounding on net outturn{} across its range",
            unmanaged(r)
        )
    };

    let n = rows.len();
    let height = (118 + 36 * n as u32).max(HEIGHT);
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|x| [finite(x.lowest), finite(x.highest)])
        .chain([current])
        .collect();
    let base = nice_scale(&values, true, 6);
    // The assumption's value at each end of its bar: (left, right) words.
    let end_words = |x: &ExcessSensitivity| match data.driver(&x.key) {
        Some(d) => {
            let at = |v: f64| {
                if v.is_finite() {
                    v.clamp(d.min, d.max)
                } else {
                    d.min
                }
            };
            (
                driver_value(d, at(x.lowest_at)),
                driver_value(d, at(x.highest_at)),
            )
        }
        None => (String::new(), String::new()),
    };
    let moving: Vec<(String, String)> = rows
        .iter()
        .filter(|x| swing(x) >= LEVEL)
        .map(|x| end_words(x))
        .collect();
    let room = |side: fn(&(String, String)) -> &String| {
        moving
            .iter()
            .map(|w| f64::from(approx_width(side(w), TEXT_PX) + 10))
            .fold(0.0, f64::max)
    };
    let mut frame = Frame::across(
        base.clone(),
        n,
        "Compounding excess on the five-year net outturn, £m",
    );
    frame.margin.left = 20;
    let plot_px = f64::from(WIDTH - frame.margin.left - frame.margin.right - 8);
    frame.x = with_room(base, room(|w| &w.0), room(|w| &w.1), plot_px);
    let items = tornado_legend("More compounding than now", "Less compounding than now");
    // Room between the key and the plot for the words over the dashed line.
    frame.margin.top = below_legend(&items) + 18;
    let now = format!("Now: {}", signed_gbp_m(current));
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        // Each end names the assumption's value that puts the excess there.
        let bars: Vec<RangeBar> = rows
            .iter()
            .map(|x| {
                let moves = swing(x) >= LEVEL;
                let (lo_text, hi_text) = end_words(x);
                RangeBar {
                    name: if moves {
                        name(&x.key)
                    } else {
                        format!("{}: no change across its range", name(&x.key))
                    },
                    ends: [(x.lowest, lo_text), (x.highest, hi_text)],
                    show_ends: moves,
                }
            })
            .collect();
        tornado_bars(root, &mut plot, &bars, current, &now, true)
    });

    table.rows = rows
        .iter()
        .map(|x| {
            let (lo, hi) = ends(&x.key);
            let (at_lo, at_hi) = end_words(x);
            vec![
                name(&x.key),
                format!("{lo} to {hi}"),
                format!("{} at {at_lo}", signed_gbp_m(finite(x.lowest))),
                format!("{} at {at_hi}", signed_gbp_m(finite(x.highest))),
            ]
        })
        .collect();
    Chart {
        id: "stress-excess-sensitivity",
        title,
        caption: format!(
            "For each assumption the compounding rests on, the compounding excess (how much more \
             the chosen risks add to the five-year net outturn together than apart) with that assumption \
             moved across its range (the bar runs from the lowest to the highest excess found, with the assumption's value written at each end) and the others \
             at these settings; the dashed line is the excess now ({}).",
            signed_gbp_m(current)
        ),
        svg,
        table,
        source: "Source: Risk Explorer stress scenario, rerun with each assumption at 13 points \
                 across its range and the others at the settings shown."
            .to_string(),
    }
}
