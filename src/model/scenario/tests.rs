use super::*;
use crate::model::consequences::{SeverityPoint, Timing};

fn with(shocks: &[(&str, &str, f64, Timing)]) -> Dataset {
    dataset_with_shocks(shocks)
}

fn ev(risk: &str, year: usize) -> StressEvent {
    StressEvent {
        risk: RiskId::new(risk),
        year,
        point: SeverityPoint::Likely,
    }
}

/// R6 and R8 have impact 3 at their default current rating, so their factor is 1.0.
fn register() -> RegisterEdits {
    RegisterEdits::default()
}

#[test]
fn no_events_is_the_projection() {
    let ds = Dataset::builtin().unwrap();
    let r = run_stress(Inputs::new(&ds, &DriverEdits::new(), &register()), &[]);
    let plain = crate::model::projection::project(&ds.drivers, &DriverEdits::new());
    assert_eq!(r.baseline, plain);
    assert_eq!(r.together, plain);
    assert_eq!(r.compounding_excess(), 0.0);
}

#[test]
fn hand_computed_extra_costs_add_up_with_no_excess() {
    let ds = with(&[
        ("R8", EXTRA_COST, 2.0, Timing::OneOff),
        ("R6", EXTRA_COST, 3.0, Timing::Persistent),
    ]);
    assert_eq!(
        severity_factor(
            Inputs::new(&ds, &DriverEdits::new(), &register()),
            &RiskId::new("R8")
        ),
        1.0
    );
    let r = run_stress(
        Inputs::new(&ds, &DriverEdits::new(), &register()),
        &[ev("R8", 1), ev("R6", 2)],
    );
    // R8: £2.0m once, in 2026/27. R6: £3.0m a year from 2027/28 to 2029/30 = £9.0m.
    assert!(
        (r.alone_effect(0) - 2.0).abs() < 1e-9,
        "{}",
        r.alone_effect(0)
    );
    assert!(
        (r.alone_effect(1) - 9.0).abs() < 1e-9,
        "{}",
        r.alone_effect(1)
    );
    assert!((r.together_effect() - 11.0).abs() < 1e-9);
    assert!(
        r.compounding_excess().abs() < 1e-9,
        "unrelated shocks do not compound"
    );
    assert!((r.alone[0].years[1].gap - r.baseline.years[1].gap - 2.0).abs() < 1e-9);
    assert!(
        (r.alone[0].years[2].gap - r.baseline.years[2].gap).abs() < 1e-9,
        "one-off means one year"
    );
}

#[test]
fn a_shock_in_the_baseline_year_counts() {
    let ds = with(&[
        ("R8", EXTRA_COST, 2.0, Timing::OneOff),
        ("R3", "cic_growth", 3.0, Timing::OneOff),
    ]);
    let r = run_stress(
        Inputs::new(&ds, &DriverEdits::new(), &register()),
        &[ev("R8", 0), ev("R3", 0)],
    );
    assert!((r.alone[0].years[0].gap - 2.0).abs() < 1e-9);
    // A 3-point growth surge (× 1.5 for R3's impact 4) in 2025/26 adds 4.5% to the
    // children in care other than UASC at once.
    let now = r.alone[1].years[0].non_uasc;
    let base = r.baseline.years[0].non_uasc;
    assert!((now / base - 1.045).abs() < 1e-12, "{now} vs {base}");
}

#[test]
fn demand_and_prices_compound() {
    let ds = with(&[
        ("R3", "cic_growth", 3.0, Timing::Persistent),
        ("R7", "placement_inflation", 3.0, Timing::Persistent),
    ]);
    let r = run_stress(
        Inputs::new(&ds, &DriverEdits::new(), &register()),
        &[ev("R3", 1), ev("R7", 1)],
    );
    assert!(r.alone_effect(0) > 0.0 && r.alone_effect(1) > 0.0);
    assert!(
        r.compounding_excess() > 0.5,
        "more children × higher prices: {}",
        r.compounding_excess()
    );
}

#[test]
fn fewer_social_workers_and_more_demand_compound_through_agency_cover() {
    let ds = with(&[
        ("R2", "sw_establishment_growth", -10.0, Timing::OneOff),
        ("R3", "cp_rate_growth", 10.0, Timing::Persistent),
    ]);
    let r = run_stress(
        Inputs::new(&ds, &DriverEdits::new(), &register()),
        &[ev("R2", 1), ev("R3", 1)],
    );
    assert!(r.years_over_safe_caseload() > 0);
    assert!(r.compounding_excess() > 0.0, "{}", r.compounding_excess());
    // The excess depends on the threshold, and the sampled range brackets today's value.
    let sens = excess_sensitivities(
        Inputs::new(&ds, &DriverEdits::new(), &register()),
        &[ev("R2", 1), ev("R3", 1)],
    );
    let safe = sens.iter().find(|s| s.key == "safe_caseload").unwrap();
    assert!(safe.highest > safe.lowest, "{safe:?}");
    let now = r.compounding_excess();
    assert!(
        safe.lowest <= now + 1e-9 && now <= safe.highest + 1e-9,
        "{safe:?} vs {now}"
    );
}

#[test]
fn the_excess_sensitivity_finds_a_peak_inside_the_range() {
    // Preset 1 tips caseloads over a threshold of 20 only in combination: the excess is
    // highest near today's threshold and lower at both ends, which the ends alone would hide.
    let ds = Dataset::builtin().unwrap();
    let events = ds.consequences.presets[0].events.clone();
    let (edits, reg) = (DriverEdits::new(), RegisterEdits::default());
    let sens = excess_sensitivities(Inputs::new(&ds, &edits, &reg), &events);
    let safe = sens.iter().find(|s| s.key == "safe_caseload").unwrap();
    let spec = ds.drivers.driver("safe_caseload").unwrap();
    assert!(
        safe.highest_at > spec.min && safe.highest_at < spec.max,
        "{safe:?}"
    );
    assert!(safe.highest > safe.lowest + 1.0, "{safe:?}");
}

#[test]
fn shocks_stack_within_the_drivers_range() {
    let ds = with(&[
        ("R3", "cic_growth", 8.0, Timing::Persistent),
        ("R7", "cic_growth", 8.0, Timing::Persistent),
    ]);
    let s = shocked_settings(
        Inputs::new(&ds, &DriverEdits::new(), &register()),
        &[ev("R3", 0), ev("R7", 0)],
    );
    let max = ds.drivers.driver("cic_growth").unwrap().max / 100.0;
    assert!((s[2].cic_growth - max).abs() < 1e-12, "clamped at {max}");
}

#[test]
fn severity_follows_the_current_impact() {
    let ds = with(&[("R8", EXTRA_COST, 2.0, Timing::OneOff)]);
    let mut reg = register();
    let r8 = ds.risk("R8").unwrap().clone();
    reg.set_rating(
        &r8,
        RatingKind::Current,
        crate::model::Rating::new(2, 5).unwrap(),
    );
    assert_eq!(
        severity_factor(
            Inputs::new(&ds, &DriverEdits::new(), &reg),
            &RiskId::new("R8")
        ),
        2.0
    );
    let r = run_stress(
        Inputs::new(&ds, &DriverEdits::new(), &reg),
        &[StressEvent {
            point: SeverityPoint::High,
            ..ev("R8", 1)
        }],
    );
    assert!((r.alone_effect(0) - 8.0).abs() < 1e-9, "high (4.0) × 2.0");
}

#[test]
fn the_same_inputs_give_the_same_numbers() {
    let ds = with(&[
        ("R3", "cic_growth", 3.0, Timing::Persistent),
        ("R7", "share_childrens_homes", 2.0, Timing::Persistent),
    ]);
    let events = [ev("R3", 1), ev("R7", 2)];
    assert_eq!(
        run_stress(Inputs::new(&ds, &DriverEdits::new(), &register()), &events),
        run_stress(Inputs::new(&ds, &DriverEdits::new(), &register()), &events)
    );
}

#[test]
fn every_risk_in_the_dataset_has_shocks_that_widen_the_gap() {
    let ds = Dataset::builtin().unwrap();
    let (edits, reg) = (DriverEdits::new(), RegisterEdits::default());
    let inp = Inputs::new(&ds, &edits, &reg);
    for risk in &ds.risks {
        let shocks = ds.consequences.shocks(&risk.id);
        assert!(shocks.len() >= 2, "{} has {} shocks", risk.id, shocks.len());
        let r = run_stress(inp, &[ev(&risk.id.0, 1)]);
        assert!(
            r.alone_effect(0) > 0.0,
            "{} alone adds {}",
            risk.id,
            r.alone_effect(0)
        );
        // Low never costs more than high.
        let low = run_stress(
            inp,
            &[StressEvent {
                point: SeverityPoint::Low,
                ..ev(&risk.id.0, 1)
            }],
        );
        let high = run_stress(
            inp,
            &[StressEvent {
                point: SeverityPoint::High,
                ..ev(&risk.id.0, 1)
            }],
        );
        assert!(
            low.alone_effect(0) <= r.alone_effect(0) + 1e-9
                && r.alone_effect(0) <= high.alone_effect(0) + 1e-9,
            "{}",
            risk.id
        );
    }
}

#[test]
fn the_workforce_demand_and_placements_preset_compounds() {
    let ds = Dataset::builtin().unwrap();
    let events = ds.consequences.presets[0].events.clone();
    let r = run_stress(
        Inputs::new(&ds, &DriverEdits::new(), &RegisterEdits::default()),
        &events,
    );
    assert!(r.compounding_excess() > 1.0, "{}", r.compounding_excess());
    assert!(r.years_over_safe_caseload() > r.baseline_years_over_safe_caseload());
}
