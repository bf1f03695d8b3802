use super::*;
use crate::model::Dataset;

fn data() -> DriversData {
    Dataset::builtin().expect("built-in dataset").drivers
}

fn edits(pairs: &[(&str, f64)]) -> DriverEdits {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Growth, inflation, uplift and later savings all off: a flat world.
fn flat() -> Vec<(&'static str, f64)> {
    vec![
        ("cic_growth", 0.0),
        ("uasc_growth", 0.0),
        ("cp_rate_growth", 0.0),
        ("placement_inflation", 0.0),
        ("pay_inflation", 0.0),
        ("nonpay_inflation", 0.0),
        ("contract_uplift", 0.0),
        ("later_savings_target", 0.0),
        ("grants_growth", 0.0),
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn defaults_reproduce_the_published_2025_26_table_exactly() {
    let d = data();
    let p = project(&d, &DriverEdits::new());
    let y = &p.years[0];
    assert_eq!(y.year, 2025);
    for (got, want, what) in [
        (y.employees, 147.8, "employees"),
        (y.premises, 3.7, "premises"),
        (y.transport, 2.0, "transport"),
        (y.supplies, 24.1, "supplies and services"),
        (y.third_party, 161.3, "payments to third party providers"),
        (y.spend, 338.9, "total planned spending"),
        (y.core_contract, 305.3, "core contract sum"),
        (y.grants_via_council, 24.5, "grants via the Council"),
        (y.contract_sum, 329.8, "total contract sum"),
        (y.other_grants, 9.1, "other grants"),
        (y.funding, 338.9, "total funding"),
    ] {
        assert!((got - want).abs() < 1e-9, "{what}: {got} ≠ {want}");
    }
    assert!(y.gap.abs() < 1e-9);
    assert!(
        close(y.caseload, 18.0),
        "baseline caseload is the published 18"
    );
    assert!(!y.over_safe_caseload);
    assert_eq!(p.years.len(), 5);
    assert_eq!(p.last().year, 2029);
}

#[test]
fn published_bridges_and_tables_add_up_as_published() {
    let d = data();
    assert_eq!(d.budgets.len(), 2);
    for b in &d.budgets {
        let r = |x: f64| (x * 10.0).round() / 10.0;
        let bridge: f64 = b.bridge.iter().map(|l| l.gbp_m).sum();
        assert_eq!(r(bridge), b.contract_sum.gbp_m, "{} bridge", b.year);
        let spend: f64 = b.spending.iter().map(|l| l.gbp_m).sum();
        assert_eq!(r(spend), b.total_spending.gbp_m, "{} spending", b.year);
        let contract = b.funding_line("core_contract").unwrap().gbp_m
            + b.funding_line("grants_via_council").unwrap().gbp_m;
        assert_eq!(r(contract), b.contract_sum.gbp_m, "{} contract sum", b.year);
        let funding: f64 = b.funding.iter().map(|l| l.gbp_m).sum();
        assert_eq!(r(funding), b.total_funding.gbp_m, "{} funding", b.year);
        assert_eq!(
            b.total_funding.gbp_m, b.total_spending.gbp_m,
            "{} balances",
            b.year
        );
    }
    let y25 = d.budget("2025/26").unwrap();
    let y24 = d.budget("2024/25").unwrap();
    assert_eq!(y25.contract_sum.gbp_m, 329.8);
    assert_eq!(y24.contract_sum.gbp_m, 294.8);
    // The years do not chain: 2025/26 starts from 307.1, not 2024/25's 294.8.
    assert_eq!(y25.bridge[0].gbp_m, 307.1);
    assert_ne!(y25.bridge[0].gbp_m, y24.contract_sum.gbp_m);
}

#[test]
fn a_flat_world_stays_flat_and_balanced() {
    let d = data();
    let p = project(&d, &edits(&flat()));
    for y in &p.years {
        assert!((y.spend - 338.9).abs() < 1e-9, "{}: {}", y.year, y.spend);
        assert!((y.funding - 338.9).abs() < 1e-9);
        assert!(y.gap.abs() < 1e-9);
    }
}

#[test]
fn hand_computed_uplift_and_savings_shortfall() {
    let d = data();
    // 1% uplift on the core contract only: year 1 funding rises by 3.053, so a surplus.
    let mut e = edits(&flat());
    e.insert("contract_uplift".into(), 1.0);
    let p = project(&d, &e);
    assert!((p.years[1].core_contract - 305.3 * 1.01).abs() < 1e-9);
    assert!(
        (p.years[1].gap - (-3.053)).abs() < 1e-9,
        "{}",
        p.years[1].gap
    );
    assert!((p.years[2].core_contract - 305.3 * 1.01 * 1.01).abs() < 1e-9);

    // Half the savings delivered: £12.0m of the £24.0m target lands on spend in 2025/26.
    let mut e = edits(&flat());
    e.insert("savings_delivery".into(), 50.0);
    let p = project(&d, &e);
    assert!((p.years[0].savings_shortfall - 12.0).abs() < 1e-9);
    assert!((p.years[0].gap - 12.0).abs() < 1e-9);

    // New £10m targets from 2026/27, half delivered: year 1 shortfall is half of 34.
    let mut e = edits(&flat());
    e.insert("later_savings_target".into(), 10.0);
    e.insert("savings_delivery".into(), 50.0);
    let p = project(&d, &e);
    assert!((p.years[1].savings_shortfall - 17.0).abs() < 1e-9);
    // Funding falls by the new target; delivered spend falls by it too; the gap is the shortfall.
    assert!((p.years[1].gap - 17.0).abs() < 1e-9, "{}", p.years[1].gap);
}

#[test]
fn calibration_gives_plausible_weekly_prices_in_the_cma_ratio() {
    let d = data();
    let cal = calibrate(&d, &DriverEdits::new());
    let idx = |k: &str| d.placements.iter().position(|p| p.key == k).unwrap();
    let homes = cal.implied_weekly_price[idx("childrens_homes")];
    let agency = cal.implied_weekly_price[idx("agency_foster")];
    assert!((homes / agency - 4.67).abs() < 1e-9);
    assert!(
        (700.0..2000.0).contains(&agency),
        "agency fostering £{agency:.0} a week"
    );
    // Spend by type adds back to the placement part of the third-party line.
    let p = project(&d, &DriverEdits::new());
    let remainder = d.driver("non_placement_third_party").unwrap().default;
    assert!((p.years[0].placement_total - (161.3 - remainder)).abs() < 1e-9);
    // A different remainder changes implied prices, not the 2025/26 total.
    let p2 = project(&d, &edits(&[("non_placement_third_party", 30.0)]));
    assert!((p2.years[0].third_party - 161.3).abs() < 1e-9);
    assert!(p2.calibration.weekly_price_unit < cal.weekly_price_unit);
}

#[test]
fn shares_always_sum_to_one() {
    let d = data();
    let keys: Vec<String> = d
        .drivers
        .iter()
        .filter(|s| s.key.starts_with(SHARE_PREFIX))
        .map(|s| s.key.clone())
        .collect();
    for (i, k) in keys.iter().enumerate() {
        let spec = d.driver(k).unwrap();
        for v in [spec.min, spec.default, spec.max, 1e9, -5.0] {
            let mut e = DriverEdits::new();
            e.insert(k.clone(), v);
            // Push another share to its max too, to force the over-100% case.
            e.insert(keys[(i + 1) % keys.len()].clone(), 1e9);
            let shares = balanced_shares(&d, &e);
            let total: f64 = shares.iter().sum();
            assert!((total - 1.0).abs() < 1e-12, "{k}={v}: {total}");
            assert!(shares.iter().all(|s| *s >= 0.0));
        }
    }
}

/// Each driver swept across its range in 9 steps.
fn sweep(d: &DriversData, key: &str) -> Vec<Projection> {
    let s = d.driver(key).unwrap();
    (0..=8)
        .map(|i| {
            let v = s.min + (s.max - s.min) * i as f64 / 8.0;
            project(d, &edits(&[(key, v)]))
        })
        .collect()
}

#[test]
fn more_children_or_higher_prices_never_lower_spend() {
    let d = data();
    for key in [
        "cic_growth",
        "uasc_growth",
        "cp_rate_growth",
        "placement_inflation",
        "pay_inflation",
        "share_childrens_homes",
        "agency_premium",
        "agency_share",
    ] {
        let ps = sweep(&d, key);
        for w in ps.windows(2) {
            for (a, b) in w[0].years.iter().zip(&w[1].years) {
                assert!(
                    b.spend >= a.spend - 1e-9,
                    "{key}: spend fell in {} ({} → {})",
                    a.year,
                    a.spend,
                    b.spend
                );
            }
        }
    }
}

#[test]
fn better_savings_delivery_never_raises_the_gap() {
    let d = data();
    let ps = sweep(&d, "savings_delivery");
    for w in ps.windows(2) {
        for (a, b) in w[0].years.iter().zip(&w[1].years) {
            assert!(b.gap <= a.gap + 1e-9, "{}: {} → {}", a.year, a.gap, b.gap);
        }
    }
}

#[test]
fn caseloads_over_the_threshold_force_agency_cover_at_the_premium() {
    let d = data();
    let p = project(
        &d,
        &edits(&[("cp_rate_growth", 20.0), ("cic_growth", 10.0)]),
    );
    let y = p.last();
    assert!(y.over_safe_caseload, "caseload {}", y.caseload);
    assert!(y.extra_agency_fte > 0.0);
    let safe = d.driver("safe_caseload").unwrap().default;
    assert!(
        (y.workload / (y.sw_fte + y.extra_agency_fte) - safe).abs() < 1e-9,
        "cover brings caseload back to the threshold"
    );
    // A higher premium makes the same overload cost more.
    let dear = project(
        &d,
        &edits(&[
            ("cp_rate_growth", 20.0),
            ("cic_growth", 10.0),
            ("agency_premium", 100.0),
        ]),
    );
    assert!(dear.last().extra_agency_cost > y.extra_agency_cost);
    // Under the threshold nothing extra is paid.
    assert_eq!(
        project(&d, &DriverEdits::new()).years[0].extra_agency_cost,
        0.0
    );
}

#[test]
fn funding_follows_a_chosen_share_of_demand() {
    let d = data();
    let mut e = edits(&flat());
    e.insert("cic_growth".into(), 5.0);
    e.insert("funding_follows_demand".into(), 100.0);
    let full = project(&d, &e);
    e.insert("funding_follows_demand".into(), 0.0);
    let none = project(&d, &e);
    let y1 = &full.years[1];
    let extra = y1.children_in_care - full.years[0].children_in_care;
    assert!(
        (y1.demography_funding - extra * full.calibration.placement_cost_per_child).abs() < 1e-9
    );
    assert_eq!(none.years[1].demography_funding, 0.0);
    assert!(none.five_year_gap() > full.five_year_gap());
}

#[test]
fn care_leavers_follow_children_in_care_with_a_lag() {
    let d = data();
    let p = project(
        &d,
        &edits(&[
            ("cic_growth", 5.0),
            ("uasc_growth", 5.0),
            ("care_leaver_lag", 2.0),
        ]),
    );
    let cl0 = d.baseline.care_leavers.value;
    let cic = |t: usize| p.years[t].children_in_care;
    assert!((p.years[3].care_leavers - cl0 * cic(1) / cic(0)).abs() < 1e-9);
    assert!((p.years[2].care_leavers - cl0).abs() < 1e-9);
    assert!(
        p.years[0].care_leavers < cl0,
        "backcast before the baseline is lower when growing"
    );
}

#[test]
fn the_tornado_covers_every_driver_biggest_swing_first() {
    let d = data();
    let s = sensitivities(&d, &DriverEdits::new());
    let projection_drivers = d
        .drivers
        .iter()
        .filter(|x| x.group != crate::model::drivers::DriverGroup::Management)
        .count();
    assert_eq!(s.len(), projection_drivers);
    // Each is swept across its plausible range, which lies around its default.
    for x in &s {
        let spec = d.driver(&x.key).unwrap();
        assert_eq!((x.low, x.high), spec.sensitivity_range());
        assert!(spec.plausible.is_some(), "{} has a plausible range", x.key);
        assert!(x.low <= spec.default && spec.default <= x.high);
    }
    for w in s.windows(2) {
        assert!(w[0].swing() >= w[1].swing());
    }
    let current = project(&d, &DriverEdits::new()).five_year_gap();
    assert!(s.iter().all(|x| (x.current - current).abs() < 1e-9));
}

#[test]
fn projection_is_deterministic() {
    let d = data();
    let e = edits(&[("cic_growth", 3.5), ("share_childrens_homes", 14.0)]);
    assert_eq!(project(&d, &e), project(&d, &e));
}

// proptest is a native dev-dependency (the wasm32 lint builds the tests too).
#[cfg(not(target_arch = "wasm32"))]
mod one_pass {
    use super::*;

    /// Settings compared field by field, bit for bit (NaN equal to NaN).
    fn same_bits(a: &Settings, b: &Settings) -> bool {
        let f = |s: &Settings| {
            let mut v = vec![
                s.cic_growth,
                s.uasc_growth,
                s.cp_rate_growth,
                f64::from(s.care_leaver_lag),
                s.placement_inflation,
                s.non_placement_third_party,
                s.pay_inflation,
                s.sw_cost,
                s.agency_share,
                s.agency_premium,
                s.safe_caseload,
                s.sw_establishment_growth,
                s.nonpay_inflation,
                s.savings_delivery,
                s.later_savings_target,
                s.contract_uplift,
                s.funding_follows_demand,
                s.grants_growth,
                s.extra_cost,
            ];
            v.extend(&s.shares);
            v.into_iter().map(f64::to_bits).collect::<Vec<_>>()
        };
        f(a) == f(b)
    }

    proptest::proptest! {
        /// The one-pass settings are the by-name settings bit for bit, whatever the edits:
        /// in range, out of range, not finite, on shares (summing past 100% too) and on keys
        /// the dataset does not have.
        #[test]
        fn settings_in_one_pass_are_the_settings_by_name(
            picks in proptest::collection::vec((0usize..64, -1e4f64..1e4, 0u8..8), 0..30)
        ) {
            let data = data();
            let mut e = DriverEdits::new();
            for (i, v, kind) in picks {
                let key = match data.drivers.get(i) {
                    Some(d) => d.key.clone(),
                    None => format!("not_a_driver_{i}"),
                };
                let v = match kind {
                    0 => f64::NAN,
                    1 => f64::INFINITY,
                    2 => -v,
                    3 => v / 100.0,
                    _ => v,
                };
                e.insert(key, v);
            }
            proptest::prop_assert!(same_bits(
                &Settings::from_edits(&data, &e),
                &Settings::from_edits_by_name(&data, &e)
            ));
        }
    }
}

#[test]
fn settings_for_a_dataset_without_a_driver_name_it() {
    let mut data = data();
    data.drivers.retain(|d| d.key != "safe_caseload");
    let e = DriverEdits::new();
    let caught = std::panic::catch_unwind(|| Settings::from_edits(&data, &e));
    let message = caught.expect_err("a missing driver is not passed over");
    let text = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(text.contains("safe_caseload"), "{text}");
}
