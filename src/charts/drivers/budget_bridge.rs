//! The baseline year's published bridge to the contract sum, as a waterfall.

use super::*;

/// One bar of the waterfall.
struct Step {
    label: String,
    short: Vec<String>,
    value: f64,
    from: f64,
    to: f64,
    fill: Fill,
}

const TOTAL_FILL: Fill = Fill::Solid(DARK_BLUE);

const ADD_FILL: Fill = Fill::Solid(TURQUOISE);

const DEDUCT_FILL: Fill = Fill::Hatched {
    fill: WHITE,
    lines: DARK_PINK,
};

/// A short name for a bridge line, for under its bar.
fn short_step(key: &str, label: &str) -> Vec<String> {
    let short = match key {
        "carried_forward" => "Carried forward",
        "inflation" => "Inflation",
        "demography" => "Demography",
        "savings" => "Savings target",
        _ => label.split(" (").next().unwrap_or(label),
    };
    wrap(short, 13, 3)
}

/// The baseline year's published bridge to the contract sum, as a waterfall.
pub fn budget_bridge(data: &DriversData) -> Chart {
    let year = data.baseline_label();
    let Some(budget) = data.budget(&year) else {
        return Chart {
            id: "budget-bridge",
            title: format!("No published {year} budget bridge"),
            caption: "There is no published bridge to show.".to_string(),
            svg: render((WIDTH, HEIGHT), |_| Ok(())),
            table: Table::new("No published bridge", &["Step", "£m", "Running total"]),
            source: String::new(),
        };
    };
    let mut steps: Vec<Step> = Vec::new();
    let mut running = 0.0;
    for (i, line) in budget.bridge.iter().enumerate() {
        let v = finite(line.gbp_m);
        let from = if i == 0 { 0.0 } else { running };
        running = from + v;
        steps.push(Step {
            label: line.label.clone(),
            short: short_step(&line.key, &line.label),
            value: v,
            from,
            to: running,
            fill: match (i, v >= 0.0) {
                (0, _) => TOTAL_FILL,
                (_, true) => ADD_FILL,
                _ => DEDUCT_FILL,
            },
        });
    }
    let contract = finite(budget.contract_sum.gbp_m);
    steps.push(Step {
        label: format!("Contract sum {year} (published)"),
        short: wrap(&format!("Contract sum {year}"), 13, 3),
        value: contract,
        from: 0.0,
        to: contract,
        fill: TOTAL_FILL,
    });

    let moves = &steps[1..steps.len() - 1];
    let added: f64 = moves.iter().map(|s| s.value).filter(|v| *v > 0.0).sum();
    let taken: f64 = moves.iter().map(|s| s.value).filter(|v| *v < 0.0).sum();
    let all_savings = budget
        .bridge
        .iter()
        .skip(1)
        .filter(|l| l.gbp_m < 0.0)
        .all(|l| l.key == "savings");
    let mut title = format!(
        "{year} contract sum: {} carried forward",
        gbp_m(steps[0].value)
    );
    if added > 0.0 {
        title.push_str(&format!(" + {} added", gbp_m(added)));
    }
    if taken < 0.0 {
        let word = if all_savings { "savings" } else { "deducted" };
        title.push_str(&format!(" − {} {word}", gbp_m(-taken)));
    }
    title.push_str(&format!(" = {}", gbp_m(contract)));

    // Start the axis below the lowest level reached, so the steps are not squashed.
    let levels: Vec<f64> = steps
        .iter()
        .flat_map(|s| [s.to, if s.from > 0.0 { s.from } else { s.to }])
        .collect();
    let (lo, hi) = levels
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let span = (hi - lo).max(hi.abs() * 0.05).max(1.0);
    let y = if lo - 0.8 * span > 0.0 {
        Scale::nice([lo - 0.8 * span, hi + 0.15 * span], false, 5)
    } else {
        Scale::nice([lo.min(0.0), hi + 0.15 * span], true, 5)
    };
    let items = [
        LegendItem::new(Swatch::Bar(TOTAL_FILL), "Total"),
        LegendItem::new(Swatch::Bar(ADD_FILL), "Addition"),
        LegendItem::new(Swatch::Bar(DEDUCT_FILL), "Deduction"),
    ];
    let mut frame = Frame::new(Scale::slots(steps.len()), y.clone(), "£m");
    frame.x_label_area = 56;
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        for (i, s) in steps.iter().enumerate() {
            let xc = i as f64;
            bar(
                root,
                &mut plot,
                [(xc - 0.3, s.from), (xc + 0.3, s.to)],
                s.fill,
            )?;
            let text = if i == 0 || i == steps.len() - 1 {
                gbp_m(s.value)
            } else {
                signed_gbp_m(s.value)
            };
            tag(root, &plot, (xc, s.from.max(s.to)), &text, true)?;
            if i + 1 < steps.len() {
                plot.draw_series(std::iter::once(PathElement::new(
                    vec![(xc + 0.3, s.to), (xc + 0.7, s.to)],
                    DARK_GREY.stroke_width(1),
                )))?;
            }
            let (px, bottom) = plot.backend_coord(&(xc, y.lo));
            label_lines(root, &s.short, (px, bottom + 8), TEXT_PX)?;
        }
        Ok(())
    });

    let mut table = Table::new(
        format!("The published {year} bridge from the sum carried forward to the contract sum, £m"),
        &["Step", "£m", "Running total"],
    );
    let n = steps.len();
    table.rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let v = if i == 0 || i == n - 1 {
                gbp_m(s.value)
            } else {
                signed_gbp_m(s.value)
            };
            vec![s.label.clone(), v, gbp_m(s.to)]
        })
        .collect();
    let mismatch = if (running - contract).abs() >= LEVEL {
        format!(
            " The published steps add up to {}, not the published {}.",
            gbp_m(running),
            gbp_m(contract)
        )
    } else {
        String::new()
    };
    let mut cut = axis_note(&y, true);
    if !cut.is_empty() {
        cut.push_str(" The first and last bars are cut short there.");
    }
    Chart {
        id: "budget-bridge",
        title,
        caption: format!(
            "The published {year} bridge: the sum carried forward, each addition (solid) and \
             deduction (hatched), and the contract sum they lead to.{cut}{mismatch}"
        ),
        svg,
        table,
        source: format!(
            "Source: Annual Report {} ({year} budget).",
            year_label(data.baseline_year.saturating_sub(1))
        ),
    }
}
