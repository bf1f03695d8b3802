//! The backtest: the preset "2023/24 again" replayed in the projection, its gross
//! pressure, offsets and net outturn in its year beside what the Trust reported for
//! 2023/24. Horizontal bars, the record solid near-black and the model hatched blue. Drawn
//! 640 wide and 360 high.

use super::*;
use crate::model::calibration::{backtest_preset, backtest_year, BACKTEST_PRESET};
use crate::model::scenario::StressResult;

/// The recorded year the backtest replays: "2023/24" (the first word of the preset).
pub fn backtest_record_year() -> &'static str {
    BACKTEST_PRESET.split_whitespace().next().unwrap_or("")
}

/// The Trust's reported (gross pressure, offsets, net outturn) in the year the backtest
/// replays, £m; None when the record lacks it.
pub fn recorded_backtest_year(ds: &Dataset) -> Option<(f64, f64, f64, &Provenance, &Provenance)> {
    let o = ds
        .drivers
        .outturns
        .iter()
        .find(|o| o.year == backtest_record_year())?;
    let p = o.pressure.as_ref()?;
    Some((
        p.gbp_m,
        p.gbp_m - o.gap_gbp_m,
        o.gap_gbp_m,
        &p.provenance,
        &o.provenance,
    ))
}

/// The backtest beside the year it replays.
pub fn record_backtest(ds: &Dataset, back: Option<&StressResult>) -> Chart {
    let rec_year = backtest_record_year();
    let mut table = Table::new(
        format!(
            "Gross in-year pressure, in-year offsets and net outturn: recorded in {rec_year}, \
             and the model's “{BACKTEST_PRESET}” preset in its year, £m"
        ),
        &["Measure", "Recorded", "The model", "Model − record"],
    );
    let preset_prov: Vec<&Provenance> = backtest_preset(ds)
        .map(|p| &p.provenance)
        .into_iter()
        .collect();
    let recorded = recorded_backtest_year(ds);
    let mut provs = preset_prov.clone();
    if let Some((_, _, _, a, b)) = recorded {
        provs.push(a);
        provs.push(b);
    }
    let source = format!(
        "Sources: {} (the recorded year and the preset's events); Risk Explorer stress \
         scenario, offsets at their most likely capacity.",
        cited(ds, &provs)
    );
    let model = back.and_then(|r| {
        let (gross, net) = backtest_year(r)?;
        let year = r.events.iter().map(|e| e.year).max()?;
        let offsets = r.together_money.get(year)?.offsets;
        Some((gross, offsets, net, year, r.managed))
    });
    let (Some((g, o, n, _, _)), Some((mg, mo, mn, year, managed))) = (recorded, model) else {
        return empty_chart(
            "record-backtest",
            &format!("The “{BACKTEST_PRESET}” backtest cannot be run with this dataset"),
            "The dataset lacks the preset or the recorded year it replays.",
            table,
            source,
        );
    };
    let model_year = year_label(ds.drivers.baseline_year + year as u16);
    let model_name = format!("The model, {model_year}");
    let rows = [
        ("Gross pressure", g, mg),
        ("Offsets", o, mo),
        ("Net outturn", n, mn),
    ];
    for (what, r, m) in rows {
        table.rows.push(vec![
            what.to_string(),
            gbp_m(r),
            gbp_m(m),
            crate::charts::kit::signed_gbp_m(m - r),
        ]);
    }
    let title = format!(
        "“{BACKTEST_PRESET}” in {model_year}: {} gross pressure and {} net outturn, against \
         {} and {} recorded in {rec_year}{}",
        gbp_m(mg),
        gbp_m(mn),
        gbp_m(g),
        gbp_m(n),
        if managed { "" } else { " (unmanaged)" }
    );
    let model_fill = Fill::Hatched {
        fill: SIMULATED,
        lines: DARK_BLUE,
    };
    let items = [
        LegendItem::new(
            Swatch::Bar(Fill::Solid(RECORD)),
            &format!("Recorded, {rec_year}"),
        ),
        LegendItem::new(Swatch::Bar(model_fill), &model_name),
    ];
    // Rows top to bottom: each measure, record then model.
    let names: Vec<String> = rows
        .iter()
        .flat_map(|(what, _, _)| [format!("{what}, recorded"), format!("{what}, model")])
        .collect();
    let values: Vec<f64> = rows.iter().flat_map(|(_, r, m)| [*r, *m]).collect();
    let k = names.len();
    let (name_lines, name_px) = name_column(names.iter().map(String::as_str), 26, 200);
    let x = Scale::nice(values.iter().map(|v| finite(*v) * 1.15), true, 5);
    let mut frame = Frame::across(x, k, "£m in the year");
    frame.margin.top = below_legend(&items);
    frame.y_label_area = (name_px + 16) as u32;
    let svg = render((WIDTH, HEIGHT), |root| {
        legend_row(root, &items, LEGEND_AT, LEGEND_WIDTH)?;
        let mut plot = plot(root, &frame)?;
        let left = plot.backend_coord(&(frame.x.lo, 0.0)).0;
        let name_style = text_style(TEXT_PX, TEXT, (HPos::Right, VPos::Center));
        for (j, (v, lines)) in values.iter().zip(&name_lines).enumerate() {
            let c = (k - 1 - j) as f64;
            let fill = if j % 2 == 0 {
                Fill::Solid(RECORD)
            } else {
                model_fill
            };
            bar(root, &mut plot, [(0.0, c - 0.32), (*v, c + 0.32)], fill)?;
            let (end, cy) = plot.backend_coord(&(finite(*v).max(0.0), c));
            let (h, x) = if *v >= 0.0 {
                (HPos::Left, end + 6)
            } else {
                (HPos::Right, plot.backend_coord(&(finite(*v), c)).0 - 6)
            };
            label(
                root,
                &gbp_m(*v),
                (x, cy),
                &text_style(TEXT_PX, TEXT, (h, VPos::Center)),
            )?;
            for (li, line) in lines.iter().enumerate() {
                let dy = (li as i32 * 2 - (lines.len() as i32 - 1)) * 15 / 2;
                label(root, line, (left - 8, cy + dy), &name_style)?;
            }
            if j % 2 == 1 && j + 1 < k {
                plot.draw_series(std::iter::once(PathElement::new(
                    vec![(frame.x.lo, c - 0.5), (frame.x.hi, c - 0.5)],
                    GRID.stroke_width(1),
                )))?;
            }
        }
        Ok(())
    });
    Chart {
        id: "record-backtest",
        title,
        caption: format!(
            "The preset replays {rec_year} in the projection: its events in {model_year}, \
             each at the point the preset names, with offsets at their most likely capacity. \
             Orange bars are what the Trust reported for {rec_year} (offsets = gross pressure \
             − net outturn); hatched blue bars are the model. The model's year also carries \
             the pressure the projection has with no events."
        ),
        svg,
        table,
        source,
    }
}
