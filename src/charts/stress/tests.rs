use super::*;
use crate::charts::kit::assert_clean as clean_check;
use crate::charts::kit::{hex, rects_filled};
use crate::model::consequences::{SeverityPoint, Timing, EXTRA_COST};
use crate::model::projection::DriverEdits;
use crate::model::register::RiskId;
use crate::model::scenario::Measure;
use crate::model::scenario::{excess_sensitivities, run_stress};
use crate::model::RegisterEdits;

/// Well-formed enough for the view (the shared check).
fn assert_clean(c: &Chart) {
    clean_check(c, &[]);
}

fn with(shocks: &[(&str, &str, f64, Timing)]) -> Dataset {
    crate::model::scenario::dataset_with_shocks(shocks)
}

fn ev(risk: &str, year: usize) -> StressEvent {
    StressEvent {
        risk: RiskId::new(risk),
        year,
        point: SeverityPoint::Likely,
    }
}

/// Unmanaged, so the arithmetic is exact: no offsets, no re-basing, and the net outturn
/// is the gap (see `model::scenario::tests`).
fn run(ds: &Dataset, events: &[StressEvent]) -> StressResult {
    run_stress(inputs(ds, false), events)
}

/// With management action and re-basing, as the app runs by default.
fn run_managed(ds: &Dataset, events: &[StressEvent]) -> StressResult {
    run_stress(inputs(ds, true), events)
}

fn inputs(ds: &Dataset, managed: bool) -> crate::model::scenario::Inputs<'_> {
    static EDITS: std::sync::OnceLock<(DriverEdits, RegisterEdits)> = std::sync::OnceLock::new();
    let (edits, register) = EDITS.get_or_init(Default::default);
    crate::model::scenario::Inputs {
        managed,
        ..crate::model::scenario::Inputs::new(ds, edits, register)
    }
}

fn sensitivities(ds: &Dataset, r: &StressResult) -> Vec<ExcessSensitivity> {
    excess_sensitivities(inputs(ds, r.managed), &r.events)
}

/// More children in care × higher prices, both from 2026/27: they compound.
fn compounding() -> (Dataset, StressResult) {
    let ds = with(&[
        ("R3", "cic_growth", 3.0, Timing::Persistent),
        ("R7", "placement_inflation", 3.0, Timing::Persistent),
    ]);
    let r = run(&ds, &[ev("R3", 1), ev("R7", 1)]);
    (ds, r)
}

/// Two extra costs: £2.0m once in 2026/27 and £3.0m a year from 2027/28. No compounding.
fn additive() -> (Dataset, StressResult) {
    let ds = with(&[
        ("R8", EXTRA_COST, 2.0, Timing::OneOff),
        ("R6", EXTRA_COST, 3.0, Timing::Persistent),
    ]);
    let r = run(&ds, &[ev("R8", 1), ev("R6", 2)]);
    (ds, r)
}

fn name(ds: &Dataset, id: &str) -> String {
    format!("{id} {}", ds.risk(id).unwrap().short_title)
}

/// Moves the together five-year net outturn by `by` £m (in its last year).
fn shift_together(r: &mut StressResult, by: f64) {
    shift_last(&mut r.together_money, by);
}

/// Whether the SVG has `text` as a whole line (plotters writes text on its own line).
fn has_line(svg: &str, text: &str) -> bool {
    svg.lines().any(|l| l.trim() == text)
}

fn polygons_filled(svg: &str, colour: RGBColor) -> usize {
    let fill = format!("fill=\"{}\"", hex(colour));
    svg.lines()
        .filter(|l| l.starts_with("<polygon") && l.contains(&fill))
        .count()
}

#[test]
fn impacts_show_each_risk_the_sum_and_together_when_they_compound() {
    let (ds, r) = compounding();
    let excess = r.compounding_excess(Measure::Net);
    assert!(excess > 0.5, "{excess}");
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(c.id, "stress-impacts");
    assert_eq!(
        c.title,
        format!(
            "Together these 2 risks add {} to the five-year net outturn (unmanaged): {} more \
             than the {} they add apart",
            gbp_m(r.together_effect(Measure::Net)),
            gbp_m(excess),
            gbp_m(r.sum_of_parts(Measure::Net))
        )
    );
    assert!(c.title.starts_with("Together these 2 risks add £"));
    assert_eq!(c.table.headers[2], "Added to the five-year net outturn");
    assert!(c
        .table
        .caption
        .contains("the five-year net outturn (unmanaged)"));
    assert!(c
        .source
        .contains("unmanaged: no in-year offsets and no re-basing"));
    assert_eq!(c.table.headers.len(), 3);
    assert_eq!(c.table.rows.len(), 2 + 3);
    assert_eq!(
        c.table.rows[0],
        [
            name(&ds, "R3"),
            "2026/27, most likely".to_string(),
            signed_gbp_m(r.alone_effect(Measure::Net, 0))
        ]
    );
    assert_eq!(c.table.rows[0][0], "R3 Demand pressure");
    assert_eq!(c.table.rows[1][0], name(&ds, "R7"));
    assert_eq!(
        c.table.rows[1][2],
        signed_gbp_m(r.alone_effect(Measure::Net, 1))
    );
    assert_eq!(
        c.table.rows[2],
        [
            "Sum of the parts",
            "Each risk on its own, added up",
            &signed_gbp_m(r.sum_of_parts(Measure::Net))
        ]
    );
    assert_eq!(c.table.rows[3][0], "Together");
    assert_eq!(
        c.table.rows[3][2],
        signed_gbp_m(r.together_effect(Measure::Net))
    );
    assert_eq!(
        c.table.rows[4],
        [
            "Compounding excess",
            "Together more than the sum",
            &signed_gbp_m(excess)
        ]
    );
    assert!(c.table.rows[4][2].starts_with("+£"));
    // Each risk: its own bar and its segment of the sum; one together bar.
    let own = |id: &str| risk_colour(&RiskId::new(id)).unwrap();
    assert_eq!(rects_filled(&c.svg, own("R3")), 2);
    assert_eq!(rects_filled(&c.svg, own("R7")), 2);
    assert_eq!(rects_filled(&c.svg, TOGETHER), 1);
    // The compounding is hatched, labelled and in the key.
    assert!(c
        .svg
        .contains(&format!("{} compounding", signed_gbp_m(excess))));
    assert!(c.svg.contains("together more than the sum"));
    assert!(c.svg.contains("Sum of the parts") && c.svg.contains("R7 Placement"));
    assert!(c
        .caption
        .contains("how much more they add together than apart"));
    assert!(c.svg.contains("viewBox=\"0 0 640 360\""));
}

#[test]
fn the_sum_of_parts_segments_add_up_to_the_sum() {
    let (_, r) = compounding();
    let effects: Vec<f64> = (0..r.alone.len())
        .map(|i| r.alone_effect(Measure::Net, i))
        .collect();
    let segments = sum_segments(&effects);
    assert_eq!(segments.len(), 2);
    let total: f64 = segments.iter().map(|(_, from, to)| to - from).sum();
    assert!((total - r.sum_of_parts(Measure::Net)).abs() < 1e-9);
    // Same order as the risks, end to end from zero.
    assert_eq!(segments[0].0, 0);
    assert_eq!(segments[0].1, 0.0);
    assert_eq!(segments[1].1, segments[0].2);
    assert!((segments[1].2 - r.sum_of_parts(Measure::Net)).abs() < 1e-9);
    // Increases right of zero, decreases left, each in order; NaN counts as nothing.
    let mixed = sum_segments(&[3.0, -1.0, 2.0, f64::NAN, -0.5]);
    assert_eq!(
        mixed,
        vec![
            (0, 0.0, 3.0),
            (1, 0.0, -1.0),
            (2, 3.0, 5.0),
            (3, 5.0, 5.0),
            (4, -1.0, -1.5)
        ]
    );
    let total: f64 = mixed.iter().map(|(_, from, to)| to - from).sum();
    assert!((total - 3.5).abs() < 1e-12);
}

#[test]
fn unrelated_extra_costs_add_exactly_what_they_add_apart() {
    let (ds, r) = additive();
    assert!(r.compounding_excess(Measure::Net).abs() < 1e-9);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(
        c.title,
        "Together these 2 risks add £11.0m to the five-year net outturn (unmanaged): exactly \
         what they add apart"
    );
    assert_eq!(c.table.rows[0][1], "2026/27, most likely");
    assert_eq!(c.table.rows[0][2], "+£2.0m");
    assert_eq!(c.table.rows[1][1], "2027/28, most likely");
    assert_eq!(c.table.rows[1][2], "+£9.0m");
    assert_eq!(c.table.rows[2][2], "+£11.0m");
    assert_eq!(c.table.rows[3][2], "+£11.0m");
    assert_eq!(
        c.table.rows[4],
        ["Compounding excess", "Together equals the sum", "£0.0m"]
    );
    assert!(!c.svg.contains("compounding"), "nothing to hatch");
    assert!(c.caption.contains("no compounding to show"));
}

#[test]
fn together_less_than_the_sum_says_less() {
    let (ds, mut r) = compounding();
    let excess = r.compounding_excess(Measure::Net);
    shift_together(&mut r, -(excess + 1.1));
    assert!((r.compounding_excess(Measure::Net) + 1.1).abs() < 1e-9);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(
        c.title,
        format!(
            "Together these 2 risks add {} to the five-year net outturn (unmanaged): £1.1m less \
             than the {} they add apart",
            gbp_m(r.together_effect(Measure::Net)),
            gbp_m(r.sum_of_parts(Measure::Net))
        )
    );
    assert_eq!(
        c.table.rows[4][1..],
        ["Together less than the sum", "−£1.1m"]
    );
    assert!(c.svg.contains("−£1.1m compounding"));
    assert!(c.svg.contains("together less than the sum"));
    assert!(c.caption.contains("(together less than the sum)"));

    // Risks that take money off the gap are worded that way.
    let (ds, mut r) = additive();
    for p in &mut r.alone_money {
        *p = r.baseline_money.clone();
        shift_last(p, -5.0);
    }
    r.together_money = r.baseline_money.clone();
    shift_last(&mut r.together_money, -12.0);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(
        c.title,
        "Together these 2 risks take £12.0m off the five-year net outturn (unmanaged): £2.0m \
         more than the £10.0m they take off apart"
    );
    assert_eq!(c.table.rows[0][2], "−£5.0m");
    assert_eq!(c.table.rows[4][2], "−£2.0m");
}

/// Moves a money path's last net outturn by `by` £m.
fn shift_last(money: &mut [crate::model::finance::YearMoney], by: f64) {
    money.last_mut().expect("years").net += by;
}

#[test]
fn one_risk_is_named_on_its_own() {
    let (ds, _) = additive();
    let r = run(&ds, &[ev("R6", 2)]);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(
        c.title,
        format!(
            "{} adds £9.0m to the five-year net outturn (unmanaged); choose another risk to see \
             whether risks compound",
            name(&ds, "R6")
        )
    );
    assert_eq!(c.table.rows.len(), 4);
    assert_eq!(c.table.rows[3][2], "£0.0m");
    let e = excess_sensitivity(&ds, &r, &sensitivities(&ds, &r));
    assert_eq!(
        e.title,
        "Choose two or more risks to see what their compounding rests on"
    );
    assert!(e.table.rows.is_empty());
}

#[test]
fn no_risks_chosen_shows_an_empty_state() {
    let (ds, _) = compounding();
    let r = run(&ds, &[]);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(
        c.title,
        "Choose risks to see what they do alone and together"
    );
    assert!(c
        .svg
        .contains("Choose risks to see what they do alone and together"));
    assert!(c.table.rows.is_empty());
    assert_eq!(c.table.headers.len(), 3);
    assert_eq!(rects_filled(&c.svg, TOGETHER), 0);

    let g = outturn_paths(&ds, &r);
    assert_clean(&g);
    let base: Vec<f64> = r.baseline_money.iter().map(|y| y.net).collect();
    let top = base
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        .unwrap()
        .0;
    assert_eq!(
        g.title,
        format!(
            "Choose risks to see how they move the net outturn (unmanaged): with none, the \
             highest year is {}, {}",
            year_label(2025 + top as u16),
            gap_words(base[top], true)
        )
    );
    assert_eq!(g.table.headers, ["Year", "Baseline (no risks)", "Together"]);
    assert_eq!(g.table.rows.len(), 5);
    assert_eq!(polygons_filled(&g.svg, TEXT), 0, "nothing crystallises");

    let e = excess_sensitivity(&ds, &r, &[]);
    assert_clean(&e);
    assert!(e.svg.contains("Choose two or more risks"));
    assert!(e.table.rows.is_empty());
    assert_eq!(e.table.headers.len(), 4);
}

#[test]
fn outturn_paths_show_the_baseline_each_risk_and_together_by_year() {
    let (ds, r) = compounding();
    let c = outturn_paths(&ds, &r);
    assert_clean(&c);
    assert_eq!(c.id, "stress-outturn-paths");
    // Unmanaged, the net outturn is the gap; persistent shocks make 2029/30 the highest.
    for (m, p) in r.together_money.iter().zip(&r.together.years) {
        assert!((m.net - p.gap).abs() < 1e-9);
    }
    let (t, b) = (
        r.together_money.last().unwrap().net,
        r.baseline_money.last().unwrap().net,
    );
    assert!(t > b && b > 0.05);
    assert_eq!(
        c.title,
        format!(
            "Together, the net outturn (unmanaged) is highest in 2029/30: a {} overspend \
             (baseline {} overspend)",
            gbp_m(t),
            gbp_m(b)
        )
    );
    assert_eq!(
        c.table.headers,
        [
            "Year",
            "Baseline (no risks)",
            "R3 Demand pressure alone",
            &format!("{} alone", name(&ds, "R7")),
            "Together"
        ]
    );
    assert_eq!(c.table.rows.len(), 5);
    for (j, row) in c.table.rows.iter().enumerate() {
        assert_eq!(row[0], year_label(2025 + j as u16));
        assert_eq!(row[1], gap_cell(r.baseline_money[j].net));
        assert_eq!(row[2], gap_cell(r.alone_money[0][j].net));
        assert_eq!(row[3], gap_cell(r.alone_money[1][j].net));
        assert_eq!(row[4], gap_cell(r.together_money[j].net));
    }
    assert_eq!(c.table.rows[4][4], format!("{} overspend", gbp_m(t)));
    // Both crystallise in 2026/27: one diamond on the together line (and one in the key),
    // named under the year.
    assert_eq!(polygons_filled(&c.svg, TEXT), 1 + 1);
    assert!(has_line(&c.svg, "R3, R7"), "ids under the axis");
    assert!(c.svg.contains(&format!("Together {}", gbp_m(t))));
    assert!(c.svg.contains("2025/26") && c.svg.contains("2029/30"));

    // A surplus is worded as one; the first of equal years is named.
    let mut s = r.clone();
    for (t, b) in s.together_money.iter_mut().zip(&mut s.baseline_money) {
        (t.net, b.net) = (-2.0, -3.0);
    }
    assert_eq!(
        outturn_paths(&ds, &s).title,
        "Together, the net outturn (unmanaged) is highest in 2025/26: a £2.0m surplus \
         (baseline £3.0m surplus)"
    );
    assert_eq!(outturn_paths(&ds, &s).table.rows[4][1], "−£3.0m surplus");

    // With management action the net outturn is after offsets, and says nothing of
    // "unmanaged".
    let m = run_managed(&ds, &r.events);
    let c = outturn_paths(&ds, &m);
    assert_clean(&c);
    assert!(
        c.title
            .starts_with("Together, the net outturn is highest in "),
        "{}",
        c.title
    );
    assert!(c
        .source
        .contains("in-year offsets at their most likely capacity"));
    for (j, row) in c.table.rows.iter().enumerate() {
        assert_eq!(row[4], gap_cell(m.together_money[j].net));
        let y = m.together_money[j];
        assert!((y.net - (y.gross - y.offsets)).abs() < 1e-9);
    }
}

#[test]
fn the_excess_sensitivity_ranks_the_assumptions_by_swing() {
    let (ds, r) = compounding();
    let s = sensitivities(&ds, &r);
    assert!(!s.is_empty());
    let c = excess_sensitivity(&ds, &r, &s);
    assert_clean(&c);
    assert_eq!(c.id, "stress-excess-sensitivity");
    assert_eq!(c.table.rows.len(), s.len());
    let swing = |x: &ExcessSensitivity| (x.highest - x.lowest).abs();
    let top = s
        .iter()
        .max_by(|a, b| swing(a).total_cmp(&swing(b)))
        .unwrap();
    assert!(swing(top) >= LEVEL, "{s:?}");
    let spec = ds.drivers.driver(&top.key).unwrap();
    assert_eq!(
        c.title,
        format!(
            "The compounding on net outturn (unmanaged) rests most on {}: from {} to {} across \
             its range",
            mid_sentence(&spec.label),
            gbp_m(top.lowest),
            gbp_m(top.highest)
        )
    );
    assert_eq!(
        c.table.rows[0],
        [
            spec.label.clone(),
            format!(
                "{} to {}",
                driver_value(spec, spec.min),
                driver_value(spec, spec.max)
            ),
            format!(
                "{} at {}",
                signed_gbp_m(top.lowest),
                driver_value(spec, top.lowest_at)
            ),
            format!(
                "{} at {}",
                signed_gbp_m(top.highest),
                driver_value(spec, top.highest_at)
            )
        ]
    );
    let swings: Vec<f64> = c
        .table
        .rows
        .iter()
        .map(|row| {
            swing(
                s.iter()
                    .find(|x| ds.drivers.driver(&x.key).unwrap().label == row[0])
                    .unwrap(),
            )
        })
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]));
    assert!(c.svg.contains(&format!(
        "Now: {}",
        signed_gbp_m(r.compounding_excess(Measure::Net))
    )));
    assert!(c.svg.contains("viewBox=\"0 0 640 360\""));
    // Each row that moves is one or two bars (split at the excess now); a row that does
    // not move has none; plus the two key swatches.
    let moving = s.iter().filter(|x| swing(x) >= LEVEL).count();
    assert!(moving >= 1);
    let bars = rects_filled(&c.svg, OVERSPEND) + rects_filled(&c.svg, SURPLUS) - 2;
    assert!((moving..=2 * moving).contains(&bars), "{bars}");

    for x in s.iter().filter(|x| swing(x) < LEVEL) {
        let label = &ds.drivers.driver(&x.key).unwrap().label;
        let words = format!("{label}: no change across its range");
        assert!(has_line(&c.svg, &words.replace('\'', "&apos;")), "{words}");
    }
    assert_eq!(
        mid_sentence("Placement price inflation"),
        "placement price inflation"
    );
    assert_eq!(mid_sentence("UASC growth"), "UASC growth");
    let flat: Vec<ExcessSensitivity> = s
        .iter()
        .map(|x| ExcessSensitivity {
            lowest: 1.0,
            highest: 1.0,
            ..x.clone()
        })
        .collect();
    assert_eq!(
        excess_sensitivity(&ds, &r, &flat).title,
        "No assumption moves the compounding on net outturn (unmanaged) across its range"
    );
}

#[test]
fn axes_tick_at_steps_their_labels_write_exactly() {
    for values in [
        [0.0, 14.2],
        [0.0, 7.4],
        [-2.4, 82.3],
        [0.0, 0.7],
        [0.0, 0.06],
    ] {
        let s = nice_scale(&values, true, 6);
        assert!(s.lo <= values[0] && s.hi >= values[1], "{s:?}");
        for t in &s.ticks {
            let written: f64 = s.tick_label(*t).replace('−', "-").parse().unwrap();
            assert!(
                (written - t).abs() < 1e-9,
                "{t} written {}",
                s.tick_label(*t)
            );
        }
    }
    assert_eq!(
        nice_scale(&[], true, 5),
        Scale::nice(std::iter::empty(), true, 5)
    );
}

#[test]
fn non_finite_numbers_never_reach_the_page() {
    let (ds, mut r) = compounding();
    r.together_money[2].net = f64::NAN;
    r.alone_money[0][1].net = f64::INFINITY;
    r.baseline_money[3].net = f64::NEG_INFINITY;
    let s = vec![ExcessSensitivity {
        key: "safe_caseload".to_string(),
        lowest: f64::NAN,
        lowest_at: f64::NAN,
        highest: f64::INFINITY,
        highest_at: 20.0,
    }];
    for c in [
        impacts(&ds, &r),
        outturn_paths(&ds, &r),
        excess_sensitivity(&ds, &r, &s),
    ] {
        assert_clean(&c);
    }
    // Fewer projections than events, or a projection with no years: still no panic.
    let (ds, mut r) = compounding();
    r.alone_money.truncate(1);
    assert_eq!(impacts(&ds, &r).table.rows.len(), 1 + 3);
    assert_eq!(outturn_paths(&ds, &r).table.headers.len(), 4);
    r.baseline_money.clear();
    let g = outturn_paths(&ds, &r);
    assert_clean(&g);
    assert_eq!(g.title, "No projected years to show");
    // An unknown risk and a far-off year are still written.
    let (ds, mut r) = additive();
    r.events[0].risk = RiskId::new("R99");
    r.events[1].year = usize::MAX;
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(c.table.rows[0][0], "R99");
    assert!(c.table.rows[1][1].ends_with(", most likely"));
    assert_clean(&outturn_paths(&ds, &r));
}

#[test]
fn many_risks_make_the_charts_taller_not_cramped() {
    let ids = ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"];
    let shocks: Vec<(&str, &str, f64, Timing)> = ids
        .iter()
        .map(|id| (*id, EXTRA_COST, 1.0, Timing::Persistent))
        .collect();
    let ds = with(&shocks);
    let events: Vec<StressEvent> = ids.iter().map(|id| ev(id, 1)).collect();
    let r = run(&ds, &events);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert_eq!(c.table.rows.len(), 9 + 3);
    assert!(
        !c.svg.contains("viewBox=\"0 0 640 360\""),
        "taller for 11 rows"
    );
    assert!(c.title.starts_with("Together these 9 risks add £"));
    let g = outturn_paths(&ds, &r);
    assert_clean(&g);
    assert_eq!(g.table.headers.len(), 9 + 3);
    assert_eq!(polygons_filled(&g.svg, TEXT), 1 + 1);
    // Above four risks every one is the neutral colour and named at its line's end.
    for chart in [&c, &g] {
        for own in RISK_COLOURS {
            assert!(!chart.svg.contains(&hex(own)), "{}", chart.id);
        }
    }
    for id in ids {
        assert!(has_line(&g.svg, id), "{id} named at the line end");
    }
}

#[test]
fn all_lists_the_stress_charts_in_display_order() {
    let (ds, r) = compounding();
    let charts = all(&ds, &r, &sensitivities(&ds, &r));
    let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "stress-impacts",
            "stress-outturn-paths",
            "stress-excess-sensitivity"
        ]
    );
    for c in &charts {
        assert_clean(c);
    }
}

#[test]
fn a_managed_scenario_reads_as_net_outturn_after_offsets() {
    let (ds, r) = compounding();
    let m = run_managed(&ds, &r.events);
    assert!(m.managed && !r.managed);
    let c = impacts(&ds, &m);
    assert_clean(&c);
    assert!(
        c.title.starts_with("Together these 2 risks add £") && !c.title.contains("unmanaged"),
        "{}",
        c.title
    );
    assert!(
        c.title.contains(" to the five-year net outturn: "),
        "{}",
        c.title
    );
    assert_eq!(
        c.table.rows[4][2],
        signed_gbp_m(m.compounding_excess(Measure::Net))
    );
    assert!(c.caption.contains("less in-year offsets"));
    assert!(c
        .source
        .contains("in-year offsets at their most likely capacity"));
    // Offsets take money off: the net effect together is below the gross one.
    assert!(m.together_effect(Measure::Net) < m.together_effect(Measure::Gross));
    let e = excess_sensitivity(&ds, &m, &sensitivities(&ds, &m));
    assert_clean(&e);
    assert!(
        e.title
            .starts_with("The compounding on net outturn rests most on ")
            || e.title == "No assumption moves the compounding on net outturn across its range",
        "{}",
        e.title
    );
}

#[test]
fn a_pressure_absorbed_by_offsets_never_improves_the_net_outturn() {
    // £2.0m once in 2026/27 fits within the offset capacity: management action absorbs it,
    // so it adds to gross pressure and leaves the net outturn as it was. More pressure
    // never takes money off the net outturn (an earlier rule let it).
    let ds = with(&[("R8", EXTRA_COST, 2.0, Timing::OneOff)]);
    let r = run_managed(&ds, &[ev("R8", 1)]);
    assert!((r.alone_effect(Measure::Gross, 0) - 2.0).abs() < 1e-9);
    assert!(r.alone_effect(Measure::Net, 0).abs() < 1e-9);
    let c = impacts(&ds, &r);
    assert_clean(&c);
    assert!(
        c.caption.contains(&format!(
            "{} adds nothing to the net outturn on its own: its pressure fits within the \
             offset capacity",
            name(&ds, "R8")
        )),
        "{}",
        c.caption
    );
    // Unmanaged there is nothing to absorb it, and nothing to explain.
    let u = impacts(&ds, &run(&ds, &[ev("R8", 1)]));
    assert!(!u.caption.contains("adds nothing"));
    // Every risk of the dataset, alone, adds to the net outturn or leaves it.
    let ds = Dataset::builtin().unwrap();
    for risk in &ds.risks {
        let r = run_managed(&ds, &[ev(&risk.id.0, 1)]);
        assert!(r.alone_effect(Measure::Net, 0) >= -1e-9, "{}", risk.id);
    }
}
