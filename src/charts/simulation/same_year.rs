//! The chance that the busiest year of a trial has exactly k risks happening, and the
//! average five-year net outturn when it has at least k.

use super::*;

/// The chance that the busiest year of a trial has exactly k risks happening, and the
/// average five-year net outturn when it has at least k.
pub fn same_year(_ds: &Dataset, s: &Summary) -> Chart {
    let five = horizon_adj(s);
    let mut table = Table::new(
        format!(
            "The most risks happening in the same year (the busiest year of the {}): the chance \
             of exactly and at least that many, and the average {five} net outturn when at least that \
             many happen, £m",
            horizon(s)
        ),
        &[
            "Risks in the busiest year",
            "Chance of exactly this many",
            "Chance of at least this many",
            &format!("Average {five} net outturn when at least this many"),
        ],
    );
    let Some(last) = s.same_year.iter().rposition(|p| *p > 0.0) else {
        return no_trials(
            "sim-same-year",
            "how many risks happen in the same year",
            table,
            s,
        );
    };
    if s.trials == 0 {
        return no_trials(
            "sim-same-year",
            "how many risks happen in the same year",
            table,
            s,
        );
    }
    let shares: Vec<f64> = s.same_year[..=last]
        .iter()
        .map(|p| finite(*p).clamp(0.0, 1.0))
        .collect();
    let at_least = |k: usize| -> f64 {
        s.same_year
            .iter()
            .skip(k)
            .map(|p| finite(*p))
            .sum::<f64>()
            .clamp(0.0, 1.0)
    };
    let gap = |k: usize| s.same_year_gap.get(k).copied().flatten().map(finite);
    for (k, p) in shares.iter().enumerate() {
        table.rows.push(vec![
            count(k as u64),
            chance(*p),
            chance(at_least(k)),
            gap(k)
                .map(gbp_m)
                .unwrap_or_else(|| "never happened".to_string()),
        ]);
    }
    let y3 = at_least(3);
    let title = format!(
        "In {} of trials three or more risks hit in the same year at least once",
        chance(y3)
    );
    let when = match gap(3) {
        Some(z) if y3 > 0.0 => {
            format!("when they do, the {five} net outturn averages {}", gbp_m(z))
        }
        _ => "it never happened in these trials".to_string(),
    };
    let caption = format!(
        "There is {} {} chance that three or more risks hit in the same year at least once in \
         {}; {when}. Each bar is the chance that the busiest year of a trial has exactly that \
         many risks happening; the dark bars are three or more.",
        a_or_an(&chance(y3)),
        chance(y3),
        horizon(s),
    );

    let k = shares.len();
    let x = Scale::slots(k);
    let y = Scale::nice(shares.iter().map(|v| v * 100.0), true, 5);
    let mut frame = Frame::new(x, y.clone(), "% of trials");
    frame.x_desc = format!("Risks happening in the busiest year of the {}", horizon(s));
    frame.x_label_area = 48;
    frame.margin.top = 44;
    let svg = render((WIDTH, HEIGHT + 20), |root| {
        let mut plot = plot(root, &frame)?;
        let under = text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Top));
        for (i, p) in shares.iter().enumerate() {
            let c = i as f64;
            let fill = if i >= 3 { DARK_BLUE } else { LIGHT_BLUE };
            if *p > 0.0 {
                bar(
                    root,
                    &mut plot,
                    [(c - 0.35, 0.0), (c + 0.35, p * 100.0)],
                    Fill::Solid(fill),
                )?;
            }
            let (px, top) = plot.backend_coord(&(c, p * 100.0));
            label(
                root,
                &chance(*p),
                (px, top - 4),
                &text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Bottom)),
            )?;
            let bottom = plot.backend_coord(&(c, y.lo)).1;
            label(root, &count(i as u64), (px, bottom + 6), &under)?;
        }
        // A bracket over three or more, with its total.
        if k > 3 {
            let (x0, _) = plot.backend_coord(&(3.0 - 0.4, 0.0));
            let (x1, _) = plot.backend_coord(&((k - 1) as f64 + 0.4, 0.0));
            let top = plot.backend_coord(&(0.0, y.hi)).1;
            let yb = top - 12;
            root.draw(&PathElement::new(
                vec![(x0, yb + 6), (x0, yb), (x1, yb), (x1, yb + 6)],
                TEXT.stroke_width(1),
            ))?;
            let words = format!("Three or more in one year: {}", chance(y3));
            let cx = ((x0 + x1) / 2).clamp(
                approx_width(&words, TEXT_PX) / 2 + 4,
                WIDTH as i32 - approx_width(&words, TEXT_PX) / 2 - 4,
            );
            label(
                root,
                &words,
                (cx, yb - 3),
                &text_style(TEXT_PX, TEXT, (HPos::Center, VPos::Bottom)),
            )?;
        }
        Ok(())
    });
    Chart {
        id: "sim-same-year",
        title,
        caption,
        svg,
        table,
        source: source(s),
    }
}
