use super::*;
use crate::charts::kit::assert_clean as clean_check;
use crate::charts::kit::{percent_1dp, rects_filled, HEIGHT};
use crate::model::projection::{project, sensitivities, DriverEdits};
use crate::model::Dataset;

/// Well-formed enough for the view (the shared check).
fn assert_clean(c: &Chart) {
    clean_check(c, &[]);
}

fn data() -> DriversData {
    Dataset::builtin().expect("built-in dataset").drivers
}

fn edits(pairs: &[(&str, f64)]) -> DriverEdits {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn defaults(d: &DriversData) -> Projection {
    project(d, &DriverEdits::new())
}

/// Spend equals funding every year, and neither moves: a degenerate world.
fn flat(d: &DriversData) -> Projection {
    let mut p = defaults(d);
    for y in &mut p.years {
        y.spend = 340.0;
        y.funding = 340.0;
        y.gap = 0.0;
        y.gap_share = 0.0;
        y.cumulative_gap = 0.0;
        y.children_in_care = 2312.0;
    }
    p
}

fn polygons_filled(svg: &str, colour: RGBColor) -> usize {
    let fill = format!("fill=\"{}\"", crate::charts::kit::hex(colour));
    svg.lines()
        .filter(|l| l.starts_with("<polygon") && l.contains(&fill))
        .count()
}

#[test]
fn every_chart_is_clean_with_a_unique_kebab_case_id() {
    let d = data();
    let p = defaults(&d);
    let s = sensitivities(&d, &DriverEdits::new());
    let charts = all(&d, &p, &p, &s);
    let mut ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
    for c in &charts {
        assert_clean(c);
        assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 7);
    let heights: Vec<bool> = charts
        .iter()
        .map(|c| c.svg.contains(&format!("viewBox=\"0 0 {WIDTH} {HEIGHT}\"")))
        .collect();
    assert_eq!(
        heights.iter().filter(|h| **h).count(),
        6,
        "all but the tornado are 640×360"
    );
}

#[test]
fn spend_and_funding_table_title_and_shading_at_defaults() {
    let d = data();
    let p = defaults(&d);
    let c = spend_vs_funding(&d, &p);
    assert_eq!(c.id, "spend-funding");
    let last = p.last();
    assert_eq!(gbp_m(last.gap), "£10.9m");
    assert_eq!(
        c.title,
        format!(
            "By 2029/30 spend exceeds funding by £10.9m, an overspend of {} of the 2029/30 \
             contract sum of {}",
            percent_1dp(last.gap_share),
            gbp_m(last.contract_sum)
        )
    );
    assert_eq!(c.table.rows.len(), p.years.len());
    for (row, y) in c.table.rows.iter().zip(&p.years) {
        assert_eq!(row[0], year_label(y.year));
        assert_eq!(row[1], gbp_m(y.spend));
        assert_eq!(row[2], gbp_m(y.funding));
        assert_eq!(row[4], percent_1dp(y.gap_share));
    }
    assert_eq!(c.table.rows[0][1], "£338.9m");
    assert_eq!(c.table.rows[0][3], "£0.0m (level)");
    assert_eq!(c.table.rows[4][3], "£10.9m overspend");
    // One overspend band between each pair of years; no surplus.
    assert_eq!(polygons_filled(&c.svg, OVERSPEND), 4);
    assert_eq!(polygons_filled(&c.svg, SURPLUS), 0);
    assert!(c.svg.contains("2025/26") && c.svg.contains("2029/30"));
    assert!(c.caption.contains("starts at £335m"), "{}", c.caption);
}

#[test]
fn a_surplus_is_worded_as_one() {
    let d = data();
    let p = project(&d, &edits(&[("contract_uplift", 10.0)]));
    let c = spend_vs_funding(&d, &p);
    let g = -p.last().gap;
    assert!(g > 0.05);
    assert!(
        c.title.starts_with(&format!(
            "By 2029/30 funding exceeds spend by {}, a surplus",
            gbp_m(g)
        )),
        "{}",
        c.title
    );
    assert_eq!(c.table.rows[4][3], format!("{} surplus", gbp_m(-g)));
    assert!(c.table.rows[4][3].starts_with('−'));
    assert!(polygons_filled(&c.svg, SURPLUS) >= 4);
    assert_eq!(polygons_filled(&c.svg, OVERSPEND), 0);

    let base = defaults(&d);
    let g = gap_by_year(&p, &base);
    assert!(g.title.starts_with("Five-year gap £"), "{}", g.title);
    assert!(g
        .title
        .contains(" surplus at these settings (default £24.5m overspend)"));
}

#[test]
fn crossing_lines_split_the_shading_where_they_cross() {
    let bands = gap_bands(&[0.0, 1.0], &[10.0, 8.0], &[8.0, 10.0]);
    assert_eq!(bands.len(), 2);
    assert!(bands[0].0 && !bands[1].0);
    assert_eq!(bands[0].1[1], (0.5, 9.0));
    assert!(gap_bands(&[0.0, 1.0], &[5.0, 5.0], &[5.0, 5.0]).is_empty());
}

#[test]
fn a_degenerate_projection_still_draws_without_nan() {
    let d = data();
    let p = flat(&d);
    let zero: Vec<Sensitivity> = d
        .drivers
        .iter()
        .map(|x| Sensitivity {
            key: x.key.clone(),
            low: x.min,
            high: x.max,
            at_min: 0.0,
            at_max: 0.0,
            current: 0.0,
        })
        .collect();
    for c in all(&d, &p, &p, &zero) {
        assert_clean(&c);
    }
    let c = spend_vs_funding(&d, &p);
    assert_eq!(
        c.title,
        "Spend and funding stay level every year to 2029/30"
    );
    assert!(
        c.svg.contains("<polyline") || c.svg.contains("<path"),
        "the flat lines still draw"
    );
    assert_eq!(
        polygons_filled(&c.svg, OVERSPEND) + polygons_filled(&c.svg, SURPLUS),
        0
    );
    assert_eq!(
        gap_by_year(&p, &p).title,
        "Five-year gap £0.0m (level) at these settings (default £0.0m (level))"
    );
    assert_eq!(
        tornado(&d, &zero).title,
        "No driver moves the five-year gap across its plausible range"
    );
    let none = tornado(&d, &[]);
    assert_clean(&none);
    assert!(none.table.rows.is_empty());
    assert!(outturns_and_gap(&d, &p)
        .title
        .starts_with("No projected year overspends; the worst published result was a £10.0m overspend in 2023/24"));
    // Non-finite numbers never reach the drawing.
    let mut wild = defaults(&d);
    wild.years[2].spend = f64::NAN;
    wild.years[3].gap = f64::INFINITY;
    wild.years[1].placement_spend[0] = f64::NEG_INFINITY;
    for c in [
        spend_vs_funding(&d, &wild),
        gap_by_year(&wild, &p),
        placement_spend_by_type(&d, &wild),
        outturns_and_gap(&d, &wild),
    ] {
        assert!(!c.svg.contains("NaN"), "{}", c.id);
        assert!(c.svg.starts_with("<svg"));
    }
}

#[test]
fn children_in_care_history_and_projection() {
    let d = data();
    let p = defaults(&d);
    let c = children_in_care(&d, &p, &p);
    assert_eq!(
        c.title,
        "Children in care: 2,312 now, 2,399 by 2029/30 at these settings"
    );
    // Published 1 April 2018 and April 2020 stay in their year; end-of-March counts move
    // to the year that follows; then the five projected years.
    let years: Vec<&str> = c.table.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        years,
        ["2018/19", "2020/21", "2024/25", "2025/26", "2026/27", "2027/28", "2028/29", "2029/30"]
    );
    assert_eq!(c.table.rows[2][1], "2,289");
    assert_eq!(
        c.table.rows[3][1..],
        ["2,312", "end of March 2025", "2,312", "2,312"]
    );
    for (row, y) in c.table.rows[3..].iter().zip(&p.years) {
        assert_eq!(row[3], children(y.children_in_care));
    }
    assert!(c.caption.contains("end of March 2025 is shown at 2025/26"));
    assert!(
        !c.caption.contains("dashed"),
        "no default line when nothing differs"
    );
    // Dash segments of the grey default line (merged into one path by `compact`).
    let dashed_grey = |svg: &str| {
        svg.lines()
            .filter(|l| {
                (l.starts_with("<polyline") || l.starts_with("<path"))
                    && l.contains("stroke=\"#3D3D3D\" stroke-width=\"2\"")
            })
            .map(|l| l.matches('M').count().max(1))
            .sum::<usize>()
    };
    assert_eq!(dashed_grey(&c.svg), 0);

    let faster = project(&d, &edits(&[("cic_growth", 3.0)]));
    let c = children_in_care(&d, &faster, &p);
    assert!(
        c.title
            .ends_with("at these settings (2,399 at default settings)"),
        "{}",
        c.title
    );
    assert_eq!(c.table.rows[7][4], "2,399");
    assert_ne!(c.table.rows[7][3], "2,399");
    assert!(dashed_grey(&c.svg) > 3, "default projection drawn dashed");
    assert!(c.caption.contains("dashed"));
}

#[test]
fn stacked_placement_bars_add_up_to_the_placement_total() {
    let d = data();
    let p = defaults(&d);
    let c = placement_spend_by_type(&d, &p);
    let n = d.placements.len();
    assert_eq!(c.table.headers.len(), n + 2);
    assert_eq!(c.table.headers[n + 1], "Total");
    assert_eq!(c.table.rows.len(), p.years.len());
    for (row, y) in c.table.rows.iter().zip(&p.years) {
        let stacked: f64 = y.placement_spend.iter().sum();
        assert!((stacked - y.placement_total).abs() < 1e-9);
        assert_eq!(row[n + 1], gbp_m(y.placement_total));
        for (cell, v) in row[1..=n].iter().zip(&y.placement_spend) {
            assert_eq!(*cell, gbp_m(*v));
        }
    }
    // One segment per type per year, plus its key swatch.
    for colour in placement_colours(n) {
        assert_eq!(
            rects_filled(&c.svg, colour),
            p.years.len() + 1,
            "{colour:?}"
        );
    }
    let last = p.last();
    let homes = d
        .placements
        .iter()
        .position(|t| t.key == "childrens_homes")
        .unwrap();
    assert_eq!(
        c.title,
        format!(
            "Children's homes cost the most: {} of {} placement spend in 2029/30",
            gbp_m(last.placement_spend[homes]),
            gbp_m(last.placement_total)
        )
    );
}

#[test]
fn gap_by_year_compares_with_the_defaults() {
    let d = data();
    let p = defaults(&d);
    let c = gap_by_year(&p, &p);
    assert_eq!(
        c.title,
        "Five-year gap £24.5m overspend at these settings (default £24.5m overspend)"
    );
    assert_eq!(c.table.rows.len(), 5);
    assert_eq!(
        c.table.rows[4],
        ["2029/30", "£10.9m overspend", "£10.9m overspend", "£0.0m"]
    );
    // Bars in the overspend colour (a level year in it too) and its key; no surplus key.
    assert_eq!(
        rects_filled(&c.svg, OVERSPEND) + rects_filled(&c.svg, SURPLUS),
        5 + 1
    );
    assert!(!c.svg.contains("Surplus at these settings"));
    // No value is below zero, so neither is the axis (no empty −£5m).
    assert!(
        !c.svg.lines().any(|l| l.trim().starts_with('−')),
        "no negative tick"
    );

    let cheaper = project(&d, &edits(&[("placement_inflation", 3.0)]));
    let c = gap_by_year(&cheaper, &p);
    for (row, (a, b)) in c.table.rows.iter().zip(cheaper.years.iter().zip(&p.years)) {
        assert_eq!(row[1], gap_cell(a.gap));
        assert_eq!(row[2], gap_cell(b.gap));
        assert_eq!(row[3], signed_gbp_m(a.gap - b.gap));
    }
    assert!(c.table.rows[4][3].starts_with('−'));
}

#[test]
fn the_bridge_steps_add_up_to_the_published_contract_sum() {
    let d = data();
    let c = budget_bridge(&d);
    assert_eq!(
        c.title,
        "2025/26 contract sum: £307.1m carried forward + £46.7m added − £24.0m savings = £329.8m"
    );
    let budget = d.budget("2025/26").unwrap();
    assert_eq!(c.table.rows.len(), budget.bridge.len() + 1);
    let mut running = 0.0;
    for (row, line) in c.table.rows.iter().zip(&budget.bridge) {
        running += line.gbp_m;
        assert_eq!(row[0], line.label);
        assert_eq!(row[2], gbp_m(running));
    }
    assert!((running - budget.contract_sum.gbp_m).abs() < 0.05);
    let last = c.table.rows.last().unwrap();
    assert_eq!(last[1..], ["£329.8m", "£329.8m"]);
    assert_eq!(c.table.rows[1][1], "+£17.6m");
    assert_eq!(c.table.rows[4][1], "−£24.0m");
    // Movements from zero, the two published sums written as numbers at each end.
    assert!(
        c.caption
            .contains("movements from the £307.1m carried forward")
            && c.caption.contains("net change (+£22.7m)")
            && c.caption.contains("the £329.8m contract sum"),
        "{}",
        c.caption
    );
    assert!(!c.caption.contains("not zero"));
    assert!(!c.caption.contains("add up to"), "no mismatch note");
    // Three additions, one deduction and the net change, each kind with a key swatch.
    assert_eq!(rects_filled(&c.svg, MID_BLUE), 3 + 1);
    assert_eq!(rects_filled(&c.svg, DARK_BLUE), 1 + 1);
    assert!(c.svg.contains("Carried") && c.svg.contains("+£27.5m"));
    assert!(c.svg.contains("£307.1m") && c.svg.contains("£329.8m"));
    assert!(c.svg.contains("+£22.7m"));
    // The axis starts at zero and runs no further than one round step past £46.7m.
    let ticks: Vec<f64> = c
        .svg
        .lines()
        .filter_map(|l| l.trim().replace('−', "-").parse::<f64>().ok())
        .collect();
    assert!(ticks.contains(&0.0), "{ticks:?}");
    assert!(ticks.iter().all(|t| (0.0..=60.0).contains(t)), "{ticks:?}");
}

#[test]
fn a_bridge_that_does_not_add_up_says_so() {
    let mut d = data();
    d.budgets[0].contract_sum.gbp_m = 330.8;
    let c = budget_bridge(&d);
    assert!(c.title.ends_with("= £330.8m"));
    assert!(c
        .caption
        .contains("add up to £329.8m, not the published £330.8m"));
}

#[test]
fn the_tornado_shows_the_ten_biggest_swings_biggest_first() {
    let d = data();
    let mut s = sensitivities(&d, &DriverEdits::new());
    assert!(s.len() > TORNADO_ROWS);
    let top = s[0].clone();
    s.reverse();
    let c = tornado(&d, &s);
    assert_eq!(c.table.rows.len(), TORNADO_ROWS);
    let spec = d.driver(&top.key).unwrap();
    assert_eq!(
        c.title,
        format!(
            "{} matters most: from {} to {}, a plausible range, the five-year gap moves by {}",
            spec.label,
            crate::format::driver_value(spec, top.low),
            crate::format::driver_value(spec, top.high),
            gbp_m(top.swing())
        )
    );
    let plausible = spec.plausible.as_ref().unwrap();
    assert_eq!((top.low, top.high), (plausible.low, plausible.high));
    assert_eq!(
        c.table.rows[0][5], plausible.why,
        "the table says why the range"
    );
    assert_eq!(c.table.rows[0][0], spec.label);
    assert_eq!(
        c.table.rows[0][1],
        format!(
            "{} to {}",
            crate::format::driver_value(spec, plausible.low),
            crate::format::driver_value(spec, plausible.high)
        )
    );
    assert_eq!(c.table.rows[0][2], gap_cell(top.at_min));
    assert_eq!(c.table.rows[0][3], gap_cell(top.at_max));
    let swings: Vec<f64> = c
        .table
        .rows
        .iter()
        .map(|r| {
            s.iter()
                .find(|x| d.driver(&x.key).unwrap().label == r[0])
                .unwrap()
                .swing()
        })
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]));
    // Each row is one or two bars (split at the current gap), plus the two key swatches.
    let bars = rects_filled(&c.svg, OVERSPEND) + rects_filled(&c.svg, SURPLUS) - 2;
    assert!((TORNADO_ROWS..=2 * TORNADO_ROWS).contains(&bars), "{bars}");
    assert!(c.svg.contains(&spec.label.replace('\'', "&apos;")));
    assert!(c.svg.contains("These settings: £24.5m"));
}

#[test]
fn outturns_and_projected_gaps_side_by_side() {
    let d = data();
    let p = defaults(&d);
    let c = outturns_and_gap(&d, &p);
    assert_eq!(
        c.title,
        "Worst projected year 2029/30: £10.9m overspend, above the worst published result \
         (£10.0m overspend in 2023/24)"
    );
    assert_eq!(c.table.rows.len(), d.outturns.len() + p.years.len());
    assert_eq!(
        c.table.rows[0],
        [
            "2019/20",
            "£7.0m overspend",
            "£13.2m (Placement overspend)",
            "Published"
        ]
    );
    assert_eq!(c.table.rows[3][1], "−£3.5m surplus");
    assert_eq!(c.table.rows[8][..2], ["2029/30", "£10.9m overspend"]);
    assert_eq!(c.table.rows[8][3], "Projected at these settings");
    // Solid published bars (overspend red, surplus turquoise, with a key swatch each),
    // light hatched projected bars (and their keys), one black diamond per pressure.
    assert_eq!(
        rects_filled(&c.svg, OVERSPEND) + rects_filled(&c.svg, SURPLUS),
        d.outturns.len() + 2
    );
    let hatched = rects_filled(&c.svg, OVERSPEND_LIGHT) + rects_filled(&c.svg, SURPLUS_LIGHT);
    assert!(
        (p.years.len() + 1..=p.years.len() + 2).contains(&hatched),
        "{hatched}"
    );
    let pressures = d.outturns.iter().filter(|o| o.pressure.is_some()).count();
    assert_eq!(polygons_filled(&c.svg, RECORD), pressures + 1);

    let worse = project(&d, &edits(&[("placement_inflation", 8.0)]));
    let w = outturns_and_gap(&d, &worse);
    assert!(
        w.title.contains(", above the worst published result"),
        "{}",
        w.title
    );
    let better = project(&d, &edits(&[("placement_inflation", 4.5)]));
    let b = outturns_and_gap(&d, &better);
    assert!(
        b.title.contains(", below the worst published result"),
        "{}",
        b.title
    );
}

#[test]
fn all_lists_the_charts_in_display_order() {
    let d = data();
    let p = defaults(&d);
    let s = sensitivities(&d, &DriverEdits::new());
    let charts = all(&d, &p, &p, &s);
    let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
    let one_by_one = [
        spend_vs_funding(&d, &p).id,
        gap_by_year(&p, &p).id,
        children_in_care(&d, &p, &p).id,
        placement_spend_by_type(&d, &p).id,
        tornado(&d, &s).id,
        outturns_and_gap(&d, &p).id,
        budget_bridge(&d).id,
    ];
    assert_eq!(ids, one_by_one);
}
