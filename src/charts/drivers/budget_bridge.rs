//! The baseline year's published bridge to the contract sum, as a waterfall of the
//! movements: each addition and deduction from zero, their net change, and the sums carried
//! forward and agreed written as numbers at each end (no bar starts part-way up an axis).

use super::*;

/// One movement of the waterfall.
struct Step {
    label: String,
    short: Vec<String>,
    value: f64,
    from: f64,
    to: f64,
    fill: Fill,
}

const NET_FILL: Fill = Fill::Solid(DARK_BLUE);

const ADD_FILL: Fill = Fill::Solid(MID_BLUE);

const DEDUCT_FILL: Fill = Fill::Hatched {
    fill: WHITE,
    lines: DARK_GREY,
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

/// The baseline year's published bridge to the contract sum, as a waterfall of movements
/// from zero between the two published sums, written as numbers at each end.
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
    let start = budget.bridge.first();
    let carried = finite(start.map(|l| l.gbp_m).unwrap_or(0.0));
    let carried_label = start
        .map(|l| l.label.clone())
        .unwrap_or_else(|| "Carried forward".to_string());
    let mut steps: Vec<Step> = Vec::new();
    let mut moved = 0.0;
    for line in budget.bridge.iter().skip(1) {
        let v = finite(line.gbp_m);
        let from = moved;
        moved += v;
        steps.push(Step {
            label: line.label.clone(),
            short: short_step(&line.key, &line.label),
            value: v,
            from,
            to: moved,
            fill: if v >= 0.0 { ADD_FILL } else { DEDUCT_FILL },
        });
    }
    let running = carried + moved;
    let contract = finite(budget.contract_sum.gbp_m);
    let added: f64 = steps.iter().map(|s| s.value).filter(|v| *v > 0.0).sum();
    let taken: f64 = steps.iter().map(|s| s.value).filter(|v| *v < 0.0).sum();
    let all_savings = budget
        .bridge
        .iter()
        .skip(1)
        .filter(|l| l.gbp_m < 0.0)
        .all(|l| l.key == "savings");
    let mut title = format!("{year} contract sum: {} carried forward", gbp_m(carried));
    if added > 0.0 {
        title.push_str(&format!(" + {} added", gbp_m(added)));
    }
    if taken < 0.0 {
        let word = if all_savings { "savings" } else { "deducted" };
        title.push_str(&format!(" − {} {word}", gbp_m(-taken)));
    }
    title.push_str(&format!(" = {}", gbp_m(contract)));

    // Slots: the sum carried forward (a number), each movement, the net change, the
    // contract sum (a number).
    let n = steps.len();
    let net_slot = n + 1;
    let slots = n + 3;
    let y = Scale::bars(
        steps.iter().flat_map(|s| [s.from, s.to]).chain([moved]),
        5,
        0.1,
    );
    let items = [
        LegendItem::new(Swatch::Bar(ADD_FILL), "Addition"),
        LegendItem::new(Swatch::Bar(DEDUCT_FILL), "Deduction"),
        LegendItem::new(Swatch::Bar(NET_FILL), "Net change"),
    ];
    let mut frame = Frame::new(
        Scale::slots(slots),
        y.clone(),
        "£m change from the sum carried forward",
    );
    frame.x_label_area = 56;
    frame.margin.top =
        (LEGEND_OVER_PLOT_AT.1 + legend_height(&items, LEGEND_OVER_PLOT_WIDTH) + 16) as u32;
    let contract_words = format!("Contract sum {year}");
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_OVER_PLOT_AT, LEGEND_OVER_PLOT_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let under = |plot: &Plot, slot: usize, lines: &[String]| {
            let (px, bottom) = plot.backend_coord(&(slot as f64, y.lo));
            label_lines(root, lines, (px, bottom + 8), TEXT_PX)
        };
        // The two published sums, as numbers in boxes at each end.
        let mid = (y.lo + y.hi) / 2.0;
        for (slot, value, words) in [
            (0, carried, wrap("Carried forward", 13, 3)),
            (slots - 1, contract, wrap(&contract_words, 13, 3)),
        ] {
            let (px, py) = plot.backend_coord(&(slot as f64, mid));
            let text = gbp_m(value);
            let half = approx_width(&text, 16.0) / 2 + 5;
            root.draw(&Rectangle::new(
                [(px - half, py - 18), (px + half, py + 18)],
                WHITE.filled(),
            ))?;
            root.draw(&Rectangle::new(
                [(px - half, py - 18), (px + half, py + 18)],
                DARK_GREY.stroke_width(1),
            ))?;
            label(
                root,
                &text,
                (px, py),
                &text_style(16.0, TEXT, (HPos::Center, VPos::Center)),
            )?;
            under(&plot, slot, &words)?;
        }
        for (i, s) in steps.iter().enumerate() {
            let xc = (i + 1) as f64;
            bar(
                root,
                &mut plot,
                [(xc - 0.3, s.from), (xc + 0.3, s.to)],
                s.fill,
            )?;
            tag(
                root,
                &plot,
                (xc, s.from.max(s.to)),
                &signed_gbp_m(s.value),
                true,
            )?;
            // A thin step to the next bar at the level this one ends.
            plot.draw_series(std::iter::once(PathElement::new(
                vec![(xc + 0.3, s.to), (xc + 0.7, s.to)],
                DARK_GREY.stroke_width(1),
            )))?;
            under(&plot, i + 1, &s.short)?;
        }
        let xc = net_slot as f64;
        bar(
            root,
            &mut plot,
            [(xc - 0.3, 0.0), (xc + 0.3, moved)],
            NET_FILL,
        )?;
        tag(
            root,
            &plot,
            (xc, moved.max(0.0)),
            &signed_gbp_m(moved),
            true,
        )?;
        under(&plot, net_slot, &wrap("Net change", 13, 3))?;
        hline(&mut plot, 0.0, TEXT, 1)
    });

    let mut table = Table::new(
        format!("The published {year} bridge from the sum carried forward to the contract sum, £m"),
        &["Step", "£m", "Running total"],
    );
    table
        .rows
        .push(vec![carried_label, gbp_m(carried), gbp_m(carried)]);
    for s in &steps {
        table.rows.push(vec![
            s.label.clone(),
            signed_gbp_m(s.value),
            gbp_m(carried + s.to),
        ]);
    }
    table.rows.push(vec![
        format!("Contract sum {year} (published)"),
        gbp_m(contract),
        gbp_m(contract),
    ]);
    let mismatch = if (running - contract).abs() >= LEVEL {
        format!(
            " The published steps add up to {}, not the published {}.",
            gbp_m(running),
            gbp_m(contract)
        )
    } else {
        String::new()
    };
    Chart {
        id: "budget-bridge",
        title,
        caption: format!(
            "The published {year} bridge as movements from the {} carried forward: each \
             addition (solid) and deduction (hatched) stacked from zero, their net change ({}) \
             and the {} contract sum they lead to, written at each end.{mismatch}",
            gbp_m(carried),
            signed_gbp_m(moved),
            gbp_m(contract)
        ),
        svg,
        table,
        source: format!(
            "Source: Annual Report {} ({year} budget).",
            year_label(data.baseline_year.saturating_sub(1))
        ),
    }
}
