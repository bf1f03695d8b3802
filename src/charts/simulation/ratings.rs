//! The five-year net outturn at the inherent, current and target ratings side by side (the middle
//! 90% and middle half of trials, and the median), with the chances that go with them.

use super::*;

fn rating_words(r: RatingKind) -> &'static str {
    match r {
        RatingKind::Inherent => "Inherent: before any controls",
        RatingKind::Current => "Current: controls as they work today",
        RatingKind::Target => "Target: once planned actions are complete",
    }
}

/// The five-year net outturn at the inherent, current and target ratings side by side (the middle
/// 90% and middle half of trials, and the median), with the chances that go with them.
pub fn ratings(_ds: &Dataset, digests: &[RatingDigest]) -> Chart {
    let mut table = Table::new(
        "The five-year net outturn (after in-year offsets) at each rating's likelihoods and \
         impacts (same random numbers), and the chances that go with it; £m",
        &[
            &["Rating"][..],
            &QUANTILES,
            &[
                "Net outturn over your threshold in a given year",
                "Net outturn over your threshold in at least one of the five years",
                "Three or more risks in one year",
                "Risk events over the five years (average)",
            ],
        ]
        .concat(),
    );
    let source = "Source: Risk Explorer simulation, run at the inherent, current and target \
                  ratings with the same random numbers and the settings shown."
        .to_string();
    for d in digests {
        let q = d.five_year;
        let mut row = vec![d.rating.label().to_string()];
        row.extend([q.p5, q.p25, q.p50, q.p75, q.p95, q.mean].map(|v| gbp_m(finite(v))));
        row.extend([
            chance(d.p_year_over),
            chance(d.p_any_year_over),
            chance(d.p_three_same_year),
            format!("{:.1}", finite(d.mean_events)),
        ]);
        table.rows.push(row);
    }
    if digests.is_empty() {
        return empty_chart(
            "sim-ratings",
            "No trials yet: run the simulation to compare the ratings",
            "The simulation has not run any trials, so there is nothing to compare yet.",
            table,
            source,
        );
    }
    let median = |k: RatingKind| {
        digests
            .iter()
            .find(|d| d.rating == k)
            .map(|d| finite(d.five_year.p50))
    };
    let (inh, cur, tgt) = (
        median(RatingKind::Inherent),
        median(RatingKind::Current),
        median(RatingKind::Target),
    );
    let (title, caption_lead) = match (inh, cur, tgt) {
        (Some(i), Some(c), Some(t)) => {
            let controls = effect(i - c, "take", "off", "add", "to", "make no difference to");
            let target = effect(
                c - t,
                "take",
                "more off",
                "add",
                "to it",
                "change it little",
            );
            let title = format!(
                "Today's controls {controls} the median five-year net outturn; reaching the \
                 target ratings would {target}"
            );
            let lead = format!(
                "Controls as they work today bring the median five-year net outturn from {} \
                 (inherent) to {} (current); reaching the target ratings would bring it to {}.",
                gbp_m(i),
                gbp_m(c),
                gbp_m(t)
            );
            (title, lead)
        }
        _ => (
            "The five-year net outturn at each rating".to_string(),
            String::new(),
        ),
    };
    let caption = format!(
        "{caption_lead} For each rating, the light bar holds the middle 90% of trials, the \
         darker bar the middle half and the diamond is the median; the words under each bar \
         give the chance the net outturn is over your threshold in at least one of the five \
         years and the chance of three or more risks in one year."
    )
    .trim_start()
    .to_string();

    let k = digests.len();
    let [outer, inner] = band_items();
    let items = [
        outer,
        inner,
        LegendItem::new(Swatch::Marker(TEXT), "Median"),
    ];
    let x = money_scale(
        digests
            .iter()
            .flat_map(|d| [d.five_year.p5, d.five_year.p95].map(finite)),
        true,
        6,
    );
    let mut frame = Frame::across(x, k, "Five-year net outturn, £m (above 0 = overspend)");
    frame.margin.top = below_legend(&items);
    frame.margin.left = 20;
    frame.margin.right = 30;
    let row_px = 86u32;
    let height = (frame.margin.top + row_px * k as u32 + frame.x_label_area + 10).max(HEIGHT);
    let svg = render((WIDTH, height), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(frame.x.lo, 0.0)).0;
        for (j, d) in digests.iter().enumerate() {
            let c = (k - 1 - j) as f64;
            let q = d.five_year;
            let (p5, p25, p50, p75, p95) = (
                finite(q.p5),
                finite(q.p25),
                finite(q.p50),
                finite(q.p75),
                finite(q.p95),
            );
            let top = plot.backend_coord(&(0.0, c + 0.45)).1;
            label(
                root,
                rating_words(d.rating),
                (left + 4, top),
                &text_style(TEXT_PX, TEXT, (HPos::Left, VPos::Top)),
            )?;
            bar(
                root,
                &mut plot,
                [(p5, c - 0.12), (p95, c + 0.12)],
                Fill::Solid(BAND_OUTER),
            )?;
            bar(
                root,
                &mut plot,
                [(p25, c - 0.2), (p75, c + 0.2)],
                Fill::Solid(BAND_INNER),
            )?;
            let at = plot.backend_coord(&(p50, c));
            root.draw(&diamond(at, 9, WHITE))?;
            root.draw(&diamond(at, 7, TEXT))?;
            // The median's words left of the bar if they fit, else right.
            let words = format!("Median {}", gbp_m(p50));
            let w = approx_width(&words, TEXT_PX);
            let (lo_px, hi_px) = (
                plot.backend_coord(&(p5, c)).0,
                plot.backend_coord(&(p95, c)).0,
            );
            let (x, h) = if lo_px - 8 - w >= left {
                (lo_px - 8, HPos::Right)
            } else {
                (hi_px + 8, HPos::Left)
            };
            label(
                root,
                &words,
                (x, at.1),
                &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
            )?;
            let under = format!(
                "Over your threshold in at least one year: {}; three or more risks in one year: {}",
                chance(d.p_any_year_over),
                chance(d.p_three_same_year)
            );
            let below = plot.backend_coord(&(0.0, c - 0.24)).1;
            label(
                root,
                &under,
                (left + 4, below + 2),
                &text_style(TEXT_PX, DARK_GREY, (HPos::Left, VPos::Top)),
            )?;
        }
        Ok(())
    });
    Chart {
        id: "sim-ratings",
        title,
        caption,
        svg,
        table,
        source,
    }
}

/// Words for how much a step lowers (`saved` > 0) or raises the median: "take £3.0m off",
/// "add £3.0m to", or `none` when it moves it by less than £0.05m. Never a signed amount
/// after "take off", which would read as a double negative.
fn effect(
    saved: f64,
    lower: &str,
    lower_tail: &str,
    raise: &str,
    raise_tail: &str,
    none: &str,
) -> String {
    if saved >= 0.05 {
        format!("{lower} {} {lower_tail}", gbp_m(saved))
    } else if saved <= -0.05 {
        format!("{raise} {} {raise_tail}", gbp_m(-saved))
    } else {
        none.to_string()
    }
}

#[cfg(test)]
mod effect_tests {
    use super::effect;

    #[test]
    fn a_step_that_raises_the_median_says_add_not_take_off_a_negative() {
        let up = effect(
            -30.5,
            "take",
            "more off",
            "add",
            "to it",
            "change it little",
        );
        assert_eq!(up, "add £30.5m to it");
        assert!(!up.contains('−') && !up.contains('-'));
        assert_eq!(
            effect(3.0, "take", "off", "add", "to", "x"),
            "take £3.0m off"
        );
        assert_eq!(
            effect(0.01, "take", "off", "add", "to", "make no difference to"),
            "make no difference to"
        );
    }
}
