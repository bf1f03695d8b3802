use super::*;
use crate::model::consequences::{SeverityPoint, Timing};
use crate::model::sizing::{event_pressure, sizing};
use crate::model::RiskId;

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

fn register() -> RegisterEdits {
    RegisterEdits::default()
}

/// Inputs without management action: the money measures are the plain gap.
fn unmanaged<'a>(ds: &'a Dataset, edits: &'a DriverEdits, reg: &'a RegisterEdits) -> Inputs<'a> {
    Inputs {
        managed: false,
        ..Inputs::new(ds, edits, reg)
    }
}

#[test]
fn no_events_is_the_projection() {
    let ds = Dataset::builtin().unwrap();
    let r = run_stress(Inputs::new(&ds, &DriverEdits::new(), &register()), &[]);
    let plain = crate::model::projection::project(&ds.drivers, &DriverEdits::new());
    assert_eq!(r.baseline, plain);
    assert_eq!(r.together, plain);
    for m in Measure::ALL {
        assert_eq!(r.compounding_excess(m), 0.0);
    }
}

#[test]
fn hand_computed_extra_costs_add_up_with_no_excess() {
    let ds = with(&[
        ("R8", EXTRA_COST, 2.0, Timing::OneOff),
        ("R6", EXTRA_COST, 3.0, Timing::Persistent),
    ]);
    let (edits, reg) = (DriverEdits::new(), register());
    let r = run_stress(unmanaged(&ds, &edits, &reg), &[ev("R8", 1), ev("R6", 2)]);
    assert_eq!(
        r.factors,
        vec![1.0, 1.0],
        "written for their current impact"
    );
    // Unmanaged: R8 £2.0m once, in 2026/27; R6 £3.0m a year from 2027/28 to 2029/30.
    for m in Measure::ALL {
        assert!(
            (r.alone_effect(m, 0) - 2.0).abs() < 1e-9,
            "{}",
            r.alone_effect(m, 0)
        );
        assert!(
            (r.alone_effect(m, 1) - 9.0).abs() < 1e-9,
            "{}",
            r.alone_effect(m, 1)
        );
        assert!((r.together_effect(m) - 11.0).abs() < 1e-9);
        assert!(
            r.compounding_excess(m).abs() < 1e-9,
            "unrelated shocks do not compound"
        );
    }
    assert!((r.alone[0].years[1].gap - r.baseline.years[1].gap - 2.0).abs() < 1e-9);
    assert!(
        (r.alone[0].years[2].gap - r.baseline.years[2].gap).abs() < 1e-9,
        "one-off means one year"
    );
}

#[test]
fn managed_a_lasting_pressure_is_rebased_and_a_one_off_is_not() {
    let ds = with(&[
        ("R8", EXTRA_COST, 2.0, Timing::OneOff),
        ("R6", EXTRA_COST, 3.0, Timing::Persistent),
    ]);
    let (edits, reg) = (DriverEdits::new(), register());
    let inp = Inputs::new(&ds, &edits, &reg);
    let rho = inp.management().rebase_share;
    let r = run_stress(inp, &[ev("R8", 1), ev("R6", 2)]);
    let gross = |money: &[crate::model::finance::YearMoney], t: usize| money[t].gross;
    // The one-off: £2m of gross pressure in its year, nothing re-based after it.
    assert!((gross(&r.alone_money[0], 1) - gross(&r.baseline_money, 1) - 2.0).abs() < 1e-9);
    assert!((r.alone_money[0][2].rebased - r.baseline_money[2].rebased).abs() < 1e-9);
    assert!((gross(&r.alone_money[0], 2) - gross(&r.baseline_money, 2)).abs() < 1e-9);
    // The lasting £3m: a pressure in 2027/28, then ρ of it is funded from 2028/29.
    assert!((gross(&r.alone_money[1], 2) - gross(&r.baseline_money, 2) - 3.0).abs() < 1e-9);
    let funded = r.alone_money[1][3].rebased - r.baseline_money[3].rebased;
    assert!((funded - rho * 3.0).abs() < 1e-9, "{funded}");
    assert!(
        (gross(&r.alone_money[1], 3) - gross(&r.baseline_money, 3) - 3.0 * (1.0 - rho)).abs()
            < 1e-9
    );
}

#[test]
fn a_step_in_the_baseline_year_counts() {
    let ds = with(&[
        ("R8", EXTRA_COST, 2.0, Timing::OneOff),
        ("R3", "cic_growth", 3.0, Timing::Step),
    ]);
    let (edits, reg) = (DriverEdits::new(), register());
    let r = run_stress(unmanaged(&ds, &edits, &reg), &[ev("R8", 0), ev("R3", 0)]);
    assert!((r.alone[0].years[0].gap - 2.0).abs() < 1e-9);
    // A 3-point growth step in 2025/26 adds 3% to the children in care other than UASC
    // at once, and the level stays raised.
    let now = r.alone[1].years[0].non_uasc;
    let base = r.baseline.years[0].non_uasc;
    assert!((now / base - 1.03).abs() < 1e-12, "{now} vs {base}");
    let later = r.alone[1].years[3].non_uasc / r.baseline.years[3].non_uasc;
    assert!(
        (later - 1.03).abs() < 1e-12,
        "a step leaves the level raised: {later}"
    );
}

#[test]
fn children_beyond_the_forecast_are_unfunded_in_their_year() {
    // Demography funding follows the forecast the budget was set on, so a step in
    // children in care raises spend but not funding in that year.
    let ds = with(&[("R3", "cic_growth", 3.0, Timing::Step)]);
    let (edits, reg) = (DriverEdits::new(), register());
    let r = run_stress(unmanaged(&ds, &edits, &reg), &[ev("R3", 1)]);
    assert!(r.alone[0].years[1].spend > r.baseline.years[1].spend + 1.0);
    assert!((r.alone[0].years[1].funding - r.baseline.years[1].funding).abs() < 1e-9);
    assert!(
        (r.alone[0].years[1].demography_funding - r.baseline.years[1].demography_funding).abs()
            < 1e-9
    );
}

#[test]
fn demand_and_prices_compound() {
    let ds = with(&[
        ("R3", "cic_growth", 3.0, Timing::Persistent),
        ("R7", "placement_inflation", 3.0, Timing::Persistent),
    ]);
    let (edits, reg) = (DriverEdits::new(), register());
    let r = run_stress(unmanaged(&ds, &edits, &reg), &[ev("R3", 1), ev("R7", 1)]);
    assert!(r.alone_effect(Measure::Gross, 0) > 0.0 && r.alone_effect(Measure::Gross, 1) > 0.0);
    assert!(
        r.compounding_excess(Measure::Gross) > 0.5,
        "more children × higher prices: {}",
        r.compounding_excess(Measure::Gross)
    );
}

#[test]
fn a_limited_offset_capacity_makes_net_outturns_compound() {
    // Two £6m one-off costs in the same year: alone, offsets absorb each almost whole;
    // together they pass the capacity, so the net excess is positive while the gross
    // excess is zero.
    let ds = with(&[
        ("R8", EXTRA_COST, 6.0, Timing::OneOff),
        ("R6", EXTRA_COST, 6.0, Timing::OneOff),
    ]);
    let (edits, reg) = (DriverEdits::new(), register());
    let r = run_stress(Inputs::new(&ds, &edits, &reg), &[ev("R8", 1), ev("R6", 1)]);
    assert!(r.compounding_excess(Measure::Gross).abs() < 1e-9);
    assert!(
        r.compounding_excess(Measure::Net) > 1.0,
        "{}",
        r.compounding_excess(Measure::Net)
    );
}

#[test]
fn fewer_social_workers_and_more_demand_compound_through_agency_cover() {
    let ds = with(&[
        ("R2", "sw_establishment_growth", -10.0, Timing::Step),
        ("R3", "cp_rate_growth", 10.0, Timing::Persistent),
    ]);
    let (edits, reg) = (DriverEdits::new(), register());
    let r = run_stress(unmanaged(&ds, &edits, &reg), &[ev("R2", 1), ev("R3", 1)]);
    assert!(r.years_over_safe_caseload() > 0);
    let now = r.compounding_excess(Measure::Net);
    assert!(now > 0.0, "{now}");
    // The excess depends on the threshold, and the sampled range brackets today's value.
    let sens = excess_sensitivities(unmanaged(&ds, &edits, &reg), &[ev("R2", 1), ev("R3", 1)]);
    let safe = sens.iter().find(|s| s.key == "safe_caseload").unwrap();
    assert!(safe.highest > safe.lowest, "{safe:?}");
    assert!(
        safe.lowest <= now + 1e-9 && now <= safe.highest + 1e-9,
        "{safe:?} vs {now}"
    );
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
        &[1.0, 1.0],
        Include::All,
    );
    let max = ds.drivers.driver("cic_growth").unwrap().max / 100.0;
    assert!((s[2].cic_growth - max).abs() < 1e-12, "clamped at {max}");
}

#[test]
fn every_risk_at_its_most_likely_lands_inside_its_financial_impact_band() {
    let ds = Dataset::builtin().unwrap();
    let (edits, reg) = (DriverEdits::new(), register());
    let inp = Inputs::new(&ds, &edits, &reg);
    for risk in &ds.risks {
        let s = sizing(inp, risk, RatingKind::Current);
        assert_eq!(s.factor, 1.0, "{}: written for its current impact", risk.id);
        let p = event_pressure(inp, &risk.id, SeverityPoint::Likely, 1.0);
        assert!(
            p > s.band.0 && p < s.band.1,
            "{}: £{p:.2}m outside £{:.2}m-£{:.2}m",
            risk.id,
            s.band.0,
            s.band.1
        );
        // In the lower part of the band, as the 2023/24 backtest suggests.
        assert!(
            s.position < 0.5,
            "{}: {:.2} of the way up",
            risk.id,
            s.position
        );
    }
}

#[test]
fn changing_impact_moves_the_shocks_to_the_same_place_in_the_new_band() {
    let ds = Dataset::builtin().unwrap();
    let edits = DriverEdits::new();
    let r8 = ds.risk("R8").unwrap().clone();
    let before = sizing(
        Inputs::new(&ds, &edits, &register()),
        &r8,
        RatingKind::Current,
    );
    for impact in [1u8, 2, 4, 5] {
        let mut reg = register();
        reg.set_rating(
            &r8,
            RatingKind::Current,
            crate::model::Rating::new(2, impact).unwrap(),
        );
        let inp = Inputs::new(&ds, &edits, &reg);
        let s = sizing(inp, &r8, RatingKind::Current);
        let place = (s.pressure - s.band.0) / (s.band.1 - s.band.0);
        assert!(
            (place - before.position).abs() < 1e-4,
            "impact {impact}: {place} vs {}",
            before.position
        );
        assert_eq!(
            s.factor > 1.0,
            impact > 3,
            "impact {impact}: × {}",
            s.factor
        );
        // The stress scenario uses the same factor.
        let r = run_stress(inp, &[ev("R8", 1)]);
        assert!((r.factors[0] - s.factor).abs() < 1e-12);
    }
}

#[test]
fn a_risk_with_its_own_financial_impact_is_sized_by_it() {
    // R4's impact rests on harm to a child; its money is sized by its financial impact.
    let ds = Dataset::builtin().unwrap();
    let r4 = ds.risk("R4").unwrap();
    let f = r4
        .financial_impact
        .as_ref()
        .expect("R4 has a financial impact");
    assert!(f.current.get() < r4.ratings.current.impact.get());
    let (edits, reg) = (DriverEdits::new(), register());
    let s = sizing(Inputs::new(&ds, &edits, &reg), r4, RatingKind::Current);
    assert_eq!(s.impact, f.current);
    assert!(s.band.1 <= ds.scales.financial_band_capped(r4.ratings.current.impact).0 + 1e-9);
}

#[test]
fn one_off_shocks_leave_nothing_behind_the_year_after() {
    let ds = Dataset::builtin().unwrap();
    let (edits, reg) = (DriverEdits::new(), register());
    let inp = unmanaged(&ds, &edits, &reg);
    let base = project_at(inp, &[], &[]);
    for rc in &ds.consequences.risks {
        for s in rc.shocks.iter().filter(|s| s.timing == Timing::OneOff) {
            let mut only = ds.clone();
            only.consequences.risks = vec![crate::model::consequences::RiskConsequences {
                risk: rc.risk.clone(),
                shocks: vec![s.clone()],
            }];
            let inp = Inputs {
                consequences: &only.consequences,
                ..inp
            };
            let p = project_at(inp, &[ev(&rc.risk.0, 1)], &[1.0]);
            assert!(
                p.years[1].gap != base.years[1].gap,
                "{} {}",
                rc.risk,
                s.driver
            );
            for t in 2..p.years.len() {
                assert!(
                    (p.years[t].gap - base.years[t].gap).abs() < 1e-9,
                    "{} {}: one-off left {} in year {t}",
                    rc.risk,
                    s.driver,
                    p.years[t].gap - base.years[t].gap
                );
            }
        }
    }
}

#[test]
fn a_one_off_on_a_driver_that_builds_a_level_is_refused() {
    let mut ds = Dataset::builtin().unwrap();
    let r3 = ds
        .consequences
        .risks
        .iter_mut()
        .find(|r| r.risk.0 == "R3")
        .unwrap();
    let cic = r3
        .shocks
        .iter_mut()
        .find(|s| s.driver == "cic_growth")
        .unwrap();
    cic.timing = Timing::OneOff;
    let ids: Vec<RiskId> = ds.risks.iter().map(|r| r.id.clone()).collect();
    let err = ds.consequences.validate(&ids, &ds.drivers).unwrap_err();
    assert!(err.to_string().contains("step"), "{err}");
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
        let at = |point| {
            run_stress(
                inp,
                &[StressEvent {
                    point,
                    ..ev(&risk.id.0, 1)
                }],
            )
            .alone_effect(Measure::Gross, 0)
        };
        let (low, likely, high) = (
            at(SeverityPoint::Low),
            at(SeverityPoint::Likely),
            at(SeverityPoint::High),
        );
        assert!(likely > 0.0, "{} alone adds {likely}", risk.id);
        assert!(low <= likely + 1e-9 && likely <= high + 1e-9, "{}", risk.id);
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
    assert!(
        r.compounding_excess(Measure::Net) > 1.0,
        "{}",
        r.compounding_excess(Measure::Net)
    );
}

/// Each year's settings as a scenario made them before they were built from the edits'
/// own settings: every shocked driver written into a copy of the edits, then the
/// settings read from that copy (one-off shocks included).
fn settings_by_edits(inp: Inputs, events: &[StressEvent], factors: &[f64]) -> Vec<Settings> {
    let (data, edits) = (&inp.ds.drivers, inp.edits);
    (0..data.horizon_years as usize)
        .map(|t| {
            let (deltas, extra_cost) = year_deltas(inp, events, factors, Include::All, t);
            let mut year_edits = edits.clone();
            for (key, d) in deltas {
                year_edits.insert(key.to_string(), driver_value(data, edits, key) + d);
            }
            let mut settings = Settings::from_edits(data, &year_edits);
            settings.extra_cost = extra_cost;
            settings
        })
        .collect()
}

/// The settings a scenario builds from the edits' own settings (setting only the
/// drivers its shocks move) are those read from edited copies, bit for bit: every risk
/// alone and all together, in each year, at each severity point and large factors that
/// push drivers against their limits, with and without edits (shares edited too).
#[test]
fn shocked_settings_are_those_of_the_edited_drivers_bit_for_bit() {
    let ds = Dataset::builtin().unwrap();
    let reg = register();
    let edited: DriverEdits = [
        ("safe_caseload", 14.0),
        ("cic_growth", 9.5),
        ("agency_premium", f64::NAN),
        ("share_childrens_homes", 22.0),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), *v))
    .collect();
    let mut compared = 0;
    for edits in [DriverEdits::new(), edited] {
        let inp = Inputs::new(&ds, &edits, &reg);
        let mut cases: Vec<Vec<StressEvent>> = Vec::new();
        for r in &ds.risks {
            for year in 0..ds.drivers.horizon_years as usize {
                for point in [
                    SeverityPoint::Low,
                    SeverityPoint::Likely,
                    SeverityPoint::High,
                ] {
                    cases.push(vec![StressEvent {
                        risk: r.id.clone(),
                        year,
                        point,
                    }]);
                }
            }
        }
        cases.push(
            ds.risks
                .iter()
                .enumerate()
                .map(|(i, r)| ev(&r.id.0, i % 5))
                .collect(),
        );
        for events in &cases {
            for f in [1.0, 7.5] {
                let factors = vec![f; events.len()];
                let fast = shocked_settings(inp, events, &factors, Include::All);
                let slow = settings_by_edits(inp, events, &factors);
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{events:?} ×{f}");
                compared += 1;
            }
        }
    }
    assert!(compared > 200, "{compared}");
}

/// The factor worked out alone (1 at once where the rating's financial impact is the one
/// the shocks are written for) is the full sizing's factor: every risk, every rating,
/// as written and with every current impact moved to each level, with edited drivers.
#[test]
fn the_factor_alone_is_the_sizings_factor() {
    use crate::model::scales::Rating;
    use crate::model::sizing::{factor, factor_for};
    let ds = Dataset::builtin().unwrap();
    let edits: DriverEdits = [("safe_caseload".to_string(), 15.0)].into_iter().collect();
    let mut registers = vec![register()];
    for level in 1..=5 {
        let mut reg = register();
        for r in &ds.risks {
            let now = reg.rating(r, RatingKind::Current);
            reg.set_rating(
                r,
                RatingKind::Current,
                Rating::new(now.likelihood.get(), level).unwrap(),
            );
        }
        registers.push(reg);
    }
    let (mut ones, mut others) = (0, 0);
    for reg in &registers {
        let inp = Inputs::new(&ds, &edits, reg);
        let p = projector(inp);
        for r in &ds.risks {
            for kind in RatingKind::ALL {
                let f = factor_for(&p, inp, r, kind);
                assert_eq!(
                    f.to_bits(),
                    sizing(inp, r, kind).factor.to_bits(),
                    "{} {kind:?}",
                    r.id
                );
                assert_eq!(f.to_bits(), factor(inp, &r.id, kind).to_bits());
                if f == 1.0 {
                    ones += 1;
                } else {
                    others += 1;
                }
            }
        }
    }
    assert!(ones > 20 && others > 20, "{ones} at 1, {others} sized");
}
