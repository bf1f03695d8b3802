//! Each page's figures carry the model's numbers, and read exactly as the views wrote
//! them before the report layer (the old view expressions are repeated here as the oracle).

use super::*;
use crate::format::{self, data_value};
use crate::model::drivers::year_label;
use crate::model::scenario::Measure;
use crate::model::simulation::{SimRequest, SimSettings, Summary};
use crate::model::Dataset;
use crate::state::{Action, AppState};

fn state() -> AppState {
    AppState::new(Rc::new(Dataset::builtin().expect("built-in dataset")))
}

fn value(page: &Page, id: &str) -> String {
    page.figure(id)
        .unwrap_or_else(|| panic!("figure {id}"))
        .value_text()
}

fn ids(page: &Page) -> Vec<&'static str> {
    page.figures.iter().map(|f| f.id).collect()
}

fn drivers_page(s: &AppState) -> Page {
    let d = &s.derived;
    drivers::page(
        &s.dataset.drivers,
        &d.projection,
        &d.baseline,
        &d.sensitivities,
    )
}

fn check_drivers(s: &AppState) {
    let page = drivers_page(s);
    let data = &s.dataset.drivers;
    let p = &s.derived.projection;
    let last = p.last();
    let five = p.five_year_gap();
    assert_eq!(
        ids(&page),
        ["check", "five-year-gap", "last-gap", "children", "caseload"]
    );
    assert!(page
        .headline
        .starts_with("At these settings the five-year gap is"));
    assert!(page.headline.ends_with(&year_label(last.year)));
    assert_eq!(
        data_value(&page.figure("five-year-gap").unwrap().value),
        format!("{five:.3}")
    );
    assert_eq!(
        page.figure("five-year-gap").unwrap().value.number(),
        Some(five)
    );
    assert_eq!(
        page.figure("children").unwrap().value.number(),
        Some(last.children_in_care)
    );
    let check = p.baseline_spend_difference(data);
    let old_check = if check.abs() < 0.05 {
        format!(
            "{}, reproduces the published table (by calibration)",
            format::gbp_m(p.years[0].spend)
        )
    } else {
        format!(
            "{} ({} from published)",
            format::gbp_m(p.years[0].spend),
            format::gbp_m(check)
        )
    };
    assert_eq!(value(&page, "check"), old_check);
    assert_eq!(
        page.figure("check").unwrap().is_confirmed(),
        check.abs() < 0.05
    );
    assert_eq!(
        page.figure("check").unwrap().label,
        format!(
            "{} spend against the published table",
            data.baseline_label()
        )
    );
    assert_eq!(
        value(&page, "five-year-gap"),
        format!(
            "{} {}",
            format::gbp_m(five.abs()),
            if five >= 0.0 { "overspend" } else { "surplus" }
        )
    );
    assert_eq!(
        value(&page, "last-gap"),
        format!(
            "{} ({} of the {} contract sum of {})",
            format::gbp_m(last.gap),
            format::percent_1dp(last.gap_share),
            crate::model::drivers::year_label(last.year),
            format::gbp_m(last.contract_sum)
        )
    );
    assert_eq!(
        value(&page, "children"),
        format!(
            "{} children",
            format::count(last.children_in_care.round() as u64)
        )
    );
    assert_eq!(
        value(&page, "caseload"),
        format!(
            "{} children per social worker",
            format::number(last.caseload, 1)
        )
    );
    assert_eq!(
        page.figure("caseload").unwrap().flag.is_some(),
        last.over_safe_caseload
    );
    assert_eq!(page.charts.len(), 6);
}

#[test]
fn drivers_page_at_the_defaults_and_after_an_edit() {
    let mut s = state();
    check_drivers(&s);
    let check = value(&drivers_page(&s), "check");
    assert_eq!(
        check,
        "£338.9m, reproduces the published table (by calibration)"
    );
    assert!(
        !check.contains('✓'),
        "a calibrated match is no independent check"
    );
    let key = s.dataset.drivers.drivers[0].key.clone();
    let max = s.dataset.drivers.drivers[0].max;
    s.apply(Action::SetDriver { key, value: max });
    check_drivers(&s);
}

#[test]
fn published_facts_and_placement_prices_read_as_before() {
    let s = state();
    let data = &s.dataset.drivers;
    let old: Vec<String> = data
        .history
        .iter()
        .flat_map(|series| {
            series.points.iter().map(move |pt| {
                format!("{} {}", format::count(pt.value.round() as u64), series.unit)
            })
        })
        .collect();
    let history = drivers::history(data);
    let new: Vec<String> = history.iter().map(|f| format::quantity(&f.value)).collect();
    assert_eq!(new, old);
    assert!(history.iter().all(|f| f.series.is_some()));

    let rates = drivers::comparators(data);
    assert_eq!(rates.len(), data.comparators.len() + 1);
    assert_eq!(
        format::quantity(&rates[0].value),
        format!("{} per 10,000", data.baseline.cic_rate_per_10k.value)
    );
    for (f, c) in rates[1..].iter().zip(&data.comparators) {
        assert_eq!(
            format::quantity(&f.value),
            format!("{} per 10,000", c.value)
        );
        assert_eq!((&f.measure, &f.when), (&c.label, &c.date));
    }

    let p = &s.derived.projection;
    let first = &p.years[0];
    let prices = drivers::placement_prices(data, p);
    let b = data
        .placements
        .iter()
        .position(|t| t.key == data.balancing_placement)
        .expect("a balancing placement");
    let balancing = prices.balancing.as_ref().unwrap();
    assert_eq!(
        balancing.line(),
        format!(
            "{}: {}",
            data.placements[b].label,
            format::percent(first.placement_share(b))
        )
    );
    assert_eq!(
        format::data_value(&balancing.value),
        format!("{:.4}", first.placement_share(b))
    );
    for (i, (row, t)) in prices.rows.iter().zip(&data.placements).enumerate() {
        assert_eq!(
            format::quantity(&row.share),
            format::percent_1dp(first.placement_share(i))
        );
        assert_eq!(
            format::quantity(&row.ratio),
            format!("{:.2}", t.price_ratio)
        );
        assert_eq!(
            format::quantity(&row.weekly),
            format!(
                "£{}",
                format::count(p.calibration.implied_weekly_price[i].round() as u64)
            )
        );
        assert_eq!(
            row.weekly.number(),
            Some(p.calibration.implied_weekly_price[i])
        );
    }
}

fn scenarios_page(s: &AppState) -> Page {
    let d = &s.derived;
    scenarios::page(&s.dataset, &d.stress, &d.excess_sensitivities(&s.dataset))
}

fn check_scenarios(s: &AppState) {
    let page = scenarios_page(s);
    let r = &s.derived.stress;
    let data = &s.dataset.drivers;
    let excess = r.compounding_excess(Measure::Net);
    assert_eq!(
        ids(&page),
        [
            "together",
            "sum",
            "excess",
            "gross-together",
            "gross-sum",
            "gross-excess",
            "caseload",
            "unregistered",
            "children"
        ]
    );
    let groups = scenarios::groups(&s.dataset, r);
    let group_ids: Vec<&str> = groups.iter().map(|g| g.id).collect();
    assert_eq!(group_ids, ["net", "gross", "other"]);
    assert!(groups[0].title.starts_with("Net outturn over five years"));
    assert!(groups[1]
        .title
        .starts_with("Gross in-year pressure over five years"));
    // Each measure's together, sum of parts and excess, from the model.
    for (m, prefix) in [(Measure::Net, ""), (Measure::Gross, "gross-")] {
        let id = |x: &str| format!("{prefix}{x}");
        let fig = |x: &str| page.figure(&id(x)).unwrap().clone();
        assert_eq!(fig("together").value.number(), Some(r.together_effect(m)));
        assert_eq!(fig("sum").value.number(), Some(r.sum_of_parts(m)));
        let x = r.compounding_excess(m);
        assert_eq!(fig("excess").value.number(), Some(x));
        assert_eq!(data_value(&fig("excess").value), format!("{x:.3}"));
        assert_eq!(
            value(&page, &id("together")),
            format::gbp_m(r.together_effect(m))
        );
        assert_eq!(value(&page, &id("sum")), format::gbp_m(r.sum_of_parts(m)));
        assert_eq!(value(&page, &id("excess")), format::gbp_m(x));
        assert!(fig("excess").label.ends_with(m.label()));
        let flag = fig("excess").flag;
        if x <= -0.05 {
            assert_eq!(flag.as_deref(), Some(" — together less than the sum"));
        } else if x >= 0.05 {
            assert_eq!(flag.as_deref(), Some(" — together more than the sum"));
        } else {
            assert_eq!(flag, None);
        }
    }
    assert!(page.figure("excess").unwrap().emphasis);
    assert!(!page.figure("gross-excess").unwrap().emphasis);
    assert_eq!(
        data_value(&page.figure("excess").unwrap().value),
        format!("{excess:.3}")
    );
    assert_eq!(
        value(&page, "caseload"),
        format!(
            "{} of {} (baseline {})",
            r.years_over_safe_caseload(),
            data.horizon_years,
            r.baseline_years_over_safe_caseload()
        )
    );
    let (unreg_base, unreg_together) = r.placement_peak(data, "unregistered");
    assert_eq!(
        value(&page, "unregistered"),
        format!("{:.0} (baseline {:.0})", unreg_together, unreg_base)
    );
    let last = data.horizon_years as usize - 1;
    assert_eq!(
        page.figure("children").unwrap().label,
        format!(
            "Children in care in {}",
            year_label(r.together.years[last].year)
        )
    );
    assert_eq!(
        value(&page, "children"),
        format!(
            "{} (baseline {})",
            format::count(r.together.years[last].children_in_care.round() as u64),
            format::count(r.baseline.years[last].children_in_care.round() as u64)
        )
    );
    assert_eq!(page.charts.len(), 3);
}

#[test]
fn scenarios_page_empty_one_risk_and_a_preset() {
    let mut s = state();
    check_scenarios(&s);
    assert_eq!(
        scenarios_page(&s).headline,
        "Choose risks to see what they do alone and together"
    );
    let first = s.dataset.risks[0].id.clone();
    s.apply(Action::ToggleStressRisk(first));
    check_scenarios(&s);
    let one = scenarios_page(&s).headline;
    assert!(
        one.starts_with("On its own this risk adds £")
            && one.ends_with(" to the five-year net outturn"),
        "{one}"
    );
    s.apply(Action::ApplyPreset(0));
    check_scenarios(&s);
    let n = s.derived.stress.events.len();
    assert!(n >= 2);
    let r = &s.derived.stress;
    let x = r.compounding_excess(Measure::Net);
    assert_eq!(
        scenarios_page(&s).headline,
        format!(
            "Together these {n} risks add {} {} to the five-year net outturn than apart",
            format::gbp_m(x.abs()),
            if x > 0.0 { "more" } else { "less" }
        )
    );
    // Unmanaged: the stress results follow the simulation's management switch and say so.
    s.apply(Action::SetSimManagement(false));
    assert!(!s.derived.stress.managed);
    check_scenarios(&s);
    let page = scenarios_page(&s);
    assert!(
        page.headline.ends_with(" than apart (unmanaged)"),
        "{}",
        page.headline
    );
    let groups = scenarios::groups(&s.dataset, &s.derived.stress);
    assert!(groups[0].title.contains("unmanaged"));
    // With nothing offset or re-based, net outturn and gross pressure are the same.
    let r = &s.derived.stress;
    assert!(
        (r.compounding_excess(Measure::Net) - r.compounding_excess(Measure::Gross)).abs() < 1e-9
    );
}

#[test]
fn a_negative_excess_reads_together_less_than_the_sum() {
    assert_eq!(
        scenarios::excess_flag(-1.1).as_deref(),
        Some(" — together less than the sum")
    );
    assert_eq!(
        scenarios::excess_flag(0.2).as_deref(),
        Some(" — together more than the sum")
    );
    assert_eq!(scenarios::excess_flag(0.04), None);
}

fn small_summary(ds: &Dataset) -> Summary {
    let req = SimRequest {
        settings: SimSettings {
            trials: 2_000,
            ..SimSettings::default()
        },
        ..SimRequest::default()
    };
    let c = req.consequences(ds);
    let mut r = req.runner(ds, &c, req.settings.rating);
    r.step(u32::MAX);
    r.finish(ds)
}

fn sim_output(ds: &Dataset, settings: SimSettings) -> crate::model::simulation::SimOutput {
    SimRequest {
        settings: SimSettings {
            trials: 2_000,
            ..settings
        },
        ..SimRequest::default()
    }
    .run(ds)
}

fn figure_ids(page: &simulation::SimulationPage) -> Vec<&'static str> {
    ids(&page.page)
}

#[test]
fn simulation_page_before_and_after_a_run() {
    let ds = Dataset::builtin().unwrap();
    let waiting = simulation::page(&ds, None, None);
    assert_eq!(
        waiting.page.headline,
        "Simulating how likely the combinations are…"
    );
    assert!(waiting.page.figures.is_empty() && waiting.page.charts.is_empty());
    assert!(waiting.compare.is_none() && waiting.hidden.is_empty());
    assert_eq!(waiting.page.notes.len(), 1);
    assert_eq!(waiting.page.notes[0].title, "What the money figures mean");

    let s = small_summary(&ds);
    let page = simulation::page(&ds, Some(&s), None);
    let p = &page.page;
    assert_eq!(
        figure_ids(&page),
        ["threshold", "gross", "net", "median", "extra", "baseline"]
    );
    let t = &s.thresholds[0];
    let threshold = p.figure("threshold").unwrap();
    assert_eq!(
        threshold.label,
        "Chance the net outturn passes £8.2m (2.5% of the 2025/26 contract sum of £329.8m) in at least one of \
         the five years"
    );
    assert!(threshold.emphasis);
    assert_eq!(data_value(&threshold.value), format!("{:.4}", t.p_any_year));
    assert_eq!(value(p, "threshold"), format::percent(t.p_any_year));
    // Three measures, each with its own label, never mixed.
    let (g, n) = (s.annual_gross_all, s.annual_net_all);
    assert_eq!(
        p.figure("gross").unwrap().label,
        "Gross in-year pressure in a year, median (P10 to P90)"
    );
    assert_eq!(
        value(p, "gross"),
        format!(
            "{} ({} to {})",
            format::gbp_m(g.p50),
            format::gbp_m(g.p10),
            format::gbp_m(g.p90)
        )
    );
    assert_eq!(
        p.figure("net").unwrap().label,
        "Net outturn in a year, median (P10 to P90)"
    );
    assert_eq!(
        value(p, "net"),
        format!(
            "{} ({} to {})",
            format::gbp_m(n.p50),
            format::gbp_m(n.p10),
            format::gbp_m(n.p90)
        )
    );
    assert_eq!(
        p.figure("median").unwrap().label,
        "Net outturn over the five years, median (P5 to P95)"
    );
    assert_eq!(
        value(p, "median"),
        format!(
            "{} ({} to {})",
            format::gbp_m(s.five_year.p50),
            format::gbp_m(s.five_year.p5),
            format::gbp_m(s.five_year.p95)
        )
    );
    assert_eq!(
        p.figure("extra").unwrap().label,
        "Extra funding the Council finds over the plan, five years (median)"
    );
    assert_eq!(value(p, "extra"), format::gbp_m(s.extra_funding.p50));
    assert_eq!(
        p.figure("baseline").unwrap().label,
        "Net outturn over the five years with no risk events"
    );
    assert_eq!(value(p, "baseline"), format::gbp_m(s.baseline_five_year));
    for f in &p.figures {
        assert!(!f.label.contains("gap"), "{}", f.label);
        assert!(!f.label.contains("unmanaged"), "{}", f.label);
    }
    // The calibrated figures: the note explains the measures, not why they are so large.
    assert_eq!(p.notes.len(), 1);
    assert_eq!(p.notes[0].title, "What the money figures mean");
    let note = &p.notes[0].text;
    for words in [
        "gross in-year pressure",
        "net outturn",
        "extra funding over the plan",
        "re-bases",
        "(gross pressures of £9.3m to £18.0m a year, net outturns of −£3.5m to £10.0m)",
        "How it works, under \u{201c}The model against the Trust's record\u{201d}",
    ] {
        assert!(note.contains(words), "{words}: {note}");
    }
    assert!(!note.contains("unmanaged"));
    // Without the ratings run, their chart is left out with a line saying why.
    assert_eq!(p.charts.len(), 11);
    assert!(page.compare.is_none());
    assert_eq!(page.hidden.len(), 1);
    assert_eq!(page.hidden[0].id, "sim-ratings");
}

#[test]
fn the_simulation_headline_names_its_statistic() {
    let ds = Dataset::builtin().unwrap();
    let out = sim_output(&ds, SimSettings::default());
    let s = &out.summary;
    let page = simulation::page(&ds, Some(s), Some(&out.by_rating));
    let t = &s.thresholds[0];
    assert_eq!(
        page.page.headline,
        format!(
            "Chance that the net outturn passes £8.2m (2.5% of the 2025/26 contract sum of £329.8m) in at least \
             one of the five years: {}",
            format::percent(t.p_any_year)
        )
    );
    // The same figure as the current rating's digest, and as the key figure.
    let current = &out.by_rating[1];
    assert_eq!(current.rating, crate::model::RatingKind::Current);
    assert_eq!(current.p_any_year_over, t.p_any_year);
    // Another threshold: its amount and its share of the contract sum.
    let mut other = s.clone();
    other.thresholds[0].value = 16.5;
    let h = simulation::page(&ds, Some(&other), None).page.headline;
    assert!(
        h.starts_with("Chance that the net outturn passes £16.5m (5.0% of the 2025/26 contract sum of £329.8m) in at least one of the five years: "),
        "{h}"
    );
}

#[test]
fn unmanaged_figures_are_labelled_as_such() {
    let ds = Dataset::builtin().unwrap();
    let managed = sim_output(&ds, SimSettings::default());
    let out = sim_output(
        &ds,
        SimSettings {
            management: false,
            ..SimSettings::default()
        },
    );
    let s = &out.summary;
    assert!(!s.management);
    let page = simulation::page(&ds, Some(s), Some(&out.by_rating));
    let p = &page.page;
    assert!(
        p.headline.starts_with(
            "Chance that the net outturn passes £8.2m (2.5% of the 2025/26 contract sum of £329.8m) in at least \
             one of the five years, unmanaged (no offsets, no re-basing): "
        ),
        "{}",
        p.headline
    );
    for f in &p.figures {
        assert!(
            f.label.ends_with(", unmanaged (no offsets, no re-basing)"),
            "{}",
            f.label
        );
    }
    assert_eq!(
        p.figure("net").unwrap().label,
        "Net outturn in a year, median (P10 to P90), unmanaged (no offsets, no re-basing)"
    );
    assert!(p.notes[0].text.contains("these are unmanaged figures"));
    let c = page.compare.as_ref().unwrap();
    assert!(c.lines[1].starts_with("Management action and re-basing are off"));
    assert!(p.charts[0]
        .source
        .contains("; unmanaged figures (no offsets, no re-basing)"));
    // Unmanaged, the net outturn is worse: no offsets and nothing re-based.
    assert!(s.annual_net_all.p50 > managed.summary.annual_net_all.p50);
    assert!(s.thresholds[0].p_any_year > managed.summary.thresholds[0].p_any_year);
}

#[test]
fn the_simulation_page_leads_with_what_the_settings_change() {
    let ds = Dataset::builtin().unwrap();
    let out = sim_output(&ds, SimSettings::default());
    let s = &out.summary;
    let page = simulation::page(&ds, Some(s), Some(&out.by_rating));
    let c = page.compare.as_ref().expect("the ratings side by side");
    assert_eq!(
        c.columns
            .iter()
            .map(|c| c.heading.as_str())
            .collect::<Vec<_>>(),
        [
            "Inherent: before any controls",
            "Current: controls as they work today (the charts below)",
            "Target: once planned actions are complete"
        ]
    );
    assert_eq!(
        c.columns.iter().map(|c| c.shown).collect::<Vec<_>>(),
        [false, true, false]
    );
    assert_eq!(c.rows.len(), 3);
    assert_eq!(c.rows[0].label, "Net outturn over the five years, median");
    assert_eq!(
        c.rows[1].label,
        "Chance the net outturn passes £8.2m in at least one of the five years"
    );
    for (i, d) in out.by_rating.iter().enumerate() {
        assert_eq!(c.rows[0].cells[i], format::gbp_m(d.five_year.p50));
        assert_eq!(c.rows[1].cells[i], format::percent(d.p_any_year_over));
        assert_eq!(c.rows[2].cells[i], format!("{:.1}", d.mean_events));
    }
    // What the links do: same chances, more together.
    let busy: f64 = s.per_year_count[3..].iter().sum();
    let busy_ind: f64 = s.per_year_count_independent[3..].iter().sum();
    assert_eq!(
        c.lines[0],
        format!(
            "Links between risks are on: each risk still happens at its rated chance, and the \
             links make risks happen together more often (three or more in the same year in \
             {} of years, against {} if they were independent).",
            format::percent_1dp(busy),
            format::percent_1dp(busy_ind)
        )
    );
    assert!(c.lines[1].starts_with("Management action and re-basing are on"));
    // Every chart is shown, the ratings' last.
    assert!(page.hidden.is_empty(), "{:?}", page.hidden);
    let ids: Vec<&str> = page.page.charts.iter().map(|c| c.id).collect();
    assert_eq!(ids.first(), Some(&"sim-fan"));
    assert_eq!(ids.last(), Some(&"sim-ratings"));
    assert_eq!(ids.len(), 12);
}

#[test]
fn management_off_is_listed_as_a_difference() {
    let mut s = state();
    assert!(s.workspace.differences(&s.dataset).is_empty());
    s.apply(Action::SetSimManagement(false));
    let words: Vec<String> = s
        .workspace
        .differences(&s.dataset)
        .iter()
        .map(|d| format::difference(&s.dataset, d))
        .collect();
    assert_eq!(
        words,
        ["Simulation management action and re-basing: off, unmanaged figures (default on)"]
    );
    assert!(!s.workspace.sim_request().settings.management);
}

#[test]
fn a_chart_with_nothing_to_show_is_left_out_with_one_line_why() {
    let ds = Dataset::builtin().unwrap();
    // Links off: no co-occurrence to show.
    let out = sim_output(
        &ds,
        SimSettings {
            interactions: false,
            ..SimSettings::default()
        },
    );
    let page = simulation::page(&ds, Some(&out.summary), Some(&out.by_rating));
    assert_eq!(page.hidden.len(), 1);
    assert_eq!(page.hidden[0].id, "sim-co-occurrence");
    assert!(page.hidden[0]
        .line
        .contains("not shown, because the links are switched off"));
    assert!(!page.page.charts.iter().any(|c| c.id == "sim-co-occurrence"));
    assert!(page.compare.as_ref().unwrap().lines[0].starts_with("Links between risks are off"));

    // Every pair too thin to read: the pairwise chart is left out.
    let mut s = out.summary.clone();
    s.interactions = true;
    for p in &mut s.pairs {
        p.excess = None;
    }
    let page = simulation::page(&ds, Some(&s), Some(&out.by_rating));
    assert_eq!(
        page.hidden.iter().map(|h| h.id).collect::<Vec<_>>(),
        ["sim-pairwise"]
    );
    assert_eq!(
        page.hidden[0].line,
        "Which pairs of risks cost more together: not shown, because for every pair one of \
         the four combinations (both, either alone, neither) was seen in fewer than 100 \
         trials. More trials fill them in."
    );

    // No trials: no charts, one line.
    let mut s = out.summary.clone();
    s.trials = 0;
    let page = simulation::page(&ds, Some(&s), Some(&out.by_rating));
    assert!(page.page.charts.is_empty());
    assert_eq!(page.hidden.len(), 1);
    assert!(page.hidden[0].line.starts_with("No charts yet"));
}

#[test]
fn quantities_are_written_for_a_board() {
    use format::quantity;
    assert_eq!(quantity(&Quantity::Gap(-1.04)), "£1.0m surplus");
    assert_eq!(quantity(&Quantity::Excess(0.04)), "£0.0m");
    assert_eq!(quantity(&Quantity::Excess(-2.0)), "£2.0m less together");
    assert_eq!(quantity(&Quantity::Children(2311.6)), "2,312 children");
    assert_eq!(quantity(&Quantity::YearsOf { years: 3, of: 5 }), "3 of 5");
    assert_eq!(
        quantity(&Quantity::Missing("no such trials")),
        "no such trials"
    );
    assert_eq!(Quantity::Missing("none").number(), None);
}

#[test]
fn risk_choice_wording() {
    let ds = Dataset::builtin().unwrap();
    assert_eq!(scenarios::what_happens(1), "What happens (1 shock)");
    assert_eq!(scenarios::what_happens(3), "What happens (3 shocks)");
    let (edits, reg) = (
        crate::model::projection::DriverEdits::new(),
        crate::model::RegisterEdits::default(),
    );
    let inp = crate::model::scenario::Inputs::new(&ds, &edits, &reg);
    let r7 = ds.risk("R7").unwrap();
    let sz = crate::model::sizing::sizing(inp, r7, crate::model::RatingKind::Current);
    let note = scenarios::sizing_note(&ds, &sz);
    assert!(
        note.starts_with(&format!(
            "Financial impact 4 {} (£8.2m to £16.5m a year): one most likely event alone costs about {} of gross pressure in 2026/27, ",
            ds.scales.impact_level(sz.impact).label,
            format::gbp_m(sz.pressure)
        )),
        "{note}"
    );
    assert!(note.ends_with("Shocks × 1.00."), "{note}");
}

#[test]
fn shock_words_come_from_the_values_in_force() {
    use crate::model::consequences::{SeverityPoint, Timing};
    let ds = Dataset::builtin().unwrap();
    let edits = crate::model::projection::DriverEdits::new();
    let shock = |risk: &str, driver: &str| {
        ds.consequences
            .shocks(&crate::model::RiskId::new(risk))
            .iter()
            .find(|s| s.driver == driver)
            .unwrap_or_else(|| panic!("{risk} {driver}"))
            .clone()
    };
    // As written (factor 1): the value at the chosen point, its unit and its timing.
    let homes = shock("R7", "share_childrens_homes");
    let w = scenarios::shock_words(&ds, &edits, &homes, SeverityPoint::Likely, 1.0);
    assert_eq!(
        w.amount,
        format!("+{} percentage points", homes.likely),
        "{w:?}"
    );
    assert_eq!(w.timing, Timing::Persistent.label());
    let w = scenarios::shock_words(&ds, &edits, &homes, SeverityPoint::High, 1.0);
    assert_eq!(w.amount, format!("+{} percentage points", homes.high));
    // Sized for another impact: the number shown is the value × the factor, and says so.
    let w = scenarios::shock_words(&ds, &edits, &homes, SeverityPoint::Likely, 2.0);
    assert_eq!(
        w.amount,
        format!(
            "+{} percentage points (+{} as written × 2.00 for the risk's financial impact)",
            homes.likely * 2.0,
            homes.likely
        )
    );
    // Money, and a true minus sign.
    let extra = shock("R8", crate::model::consequences::EXTRA_COST);
    let w = scenarios::shock_words(&ds, &edits, &extra, SeverityPoint::Likely, 1.0);
    assert_eq!(w.amount, format!("+{}", format::gbp_m(extra.likely)));
    assert_eq!(w.timing, Timing::OneOff.label());
    let delivery = shock("R8", "savings_delivery");
    let w = scenarios::shock_words(&ds, &edits, &delivery, SeverityPoint::Likely, 1.0);
    assert!(
        w.amount.starts_with('−') && !w.amount.contains('-'),
        "{w:?}"
    );
    // Clipped: how far funding follows demand can fall only to 0%. From 50%, R1's high
    // shock of −81 points is kept to −50.
    let follows = shock("R1", "funding_follows_demand");
    assert_eq!((follows.low, follows.high), (-45.0, -81.0));
    let mut half = crate::model::projection::DriverEdits::new();
    half.insert("funding_follows_demand".to_string(), 50.0);
    let w = scenarios::shock_words(&ds, &half, &follows, SeverityPoint::High, 1.0);
    assert_eq!(
        w.amount,
        "−81 percentage points, kept to −50 by the driver's range (0% to 150%)"
    );
    let w = scenarios::shock_words(&ds, &half, &follows, SeverityPoint::Low, 1.0);
    assert_eq!(
        w.amount, "−45 percentage points",
        "inside the range: no words"
    );
    let w = scenarios::shock_words(&ds, &edits, &follows, SeverityPoint::High, 1.5);
    assert_eq!(
        w.amount,
        "−121.5 percentage points (−81 as written × 1.50 for the risk's financial impact), \
         kept to −100 by the driver's range (0% to 150%)"
    );
    let step = shock("R3", "cic_growth");
    let w = scenarios::shock_words(&ds, &edits, &step, SeverityPoint::Likely, 1.0);
    assert_eq!(w.timing, Timing::Step.label());
}

#[test]
fn simulation_status_says_where_the_run_stands() {
    let s = state();
    let request = s.workspace.sim_request();
    assert_eq!(simulation::status(&s.sim, &request), "Starting…");
    let mut sim = s.sim.clone();
    sim.running = Some((1, request.clone()));
    sim.progress = (1_500, 30_000);
    assert_eq!(
        simulation::status(&sim, &request),
        "Running: 1,500 of 30,000 trials (three ratings)…"
    );
    let st = &s.dataset.interactions.strengths;
    assert_eq!(
        simulation::strengths(st),
        format!(
            "Strengths: weak ×{}, moderate ×{}, strong ×{} on the odds. ",
            st.weak, st.moderate, st.strong
        )
    );
}

#[test]
fn heat_map_and_register_summaries_match_the_model() {
    use crate::model::{RatingKind, RegisterSummary};
    let mut s = state();
    for lower in [false, true] {
        if lower {
            s.apply(Action::SetAppetite(4));
        }
        let edits = &s.workspace.register;
        let n = s.dataset.risks.len();
        for kind in RatingKind::ALL {
            let page = heat_map::page(&s.dataset, edits, kind);
            let model = RegisterSummary::of(&s.dataset, edits, kind);
            let above = model.above_appetite.len();
            assert_eq!(
                page.headline,
                format!(
                    "{above} of {n} risks {} above appetite at {} ratings",
                    if above == 1 { "is" } else { "are" },
                    kind.label().to_lowercase()
                )
            );
            let m = &page.summary;
            let inherent: Vec<f64> = model
                .inherent_per_band
                .iter()
                .rev()
                .map(|n| *n as f64)
                .collect();
            let shown_inherent: Vec<f64> =
                m.bands.iter().filter_map(|b| b.inherent.number()).collect();
            assert_eq!(shown_inherent, inherent);
            assert_eq!(m.inherent_column.is_none(), kind == RatingKind::Inherent);
            assert_eq!(m.above.len(), above);
            let per_band: Vec<f64> = model.per_band.iter().rev().map(|n| *n as f64).collect();
            let shown: Vec<f64> = m.bands.iter().filter_map(|b| b.risks.number()).collect();
            assert_eq!(shown, per_band);
            assert_eq!(
                m.above_heading,
                format!("Above appetite (score above {})", model.appetite)
            );
            for (a, (id, score)) in m.above.iter().zip(&model.above_appetite) {
                assert_eq!((&a.id, a.score), (id, *score));
                assert!(a.name.starts_with(&format!("{id} ")));
            }
        }
        let lead = register::lead(&s.dataset, &s.workspace.register);
        let above = RegisterSummary::of(&s.dataset, &s.workspace.register, RatingKind::Current)
            .above_appetite
            .len();
        match above {
            0 => assert!(lead.starts_with("None of the")),
            1 => assert!(lead.starts_with("1 of the") && lead.contains(" is above")),
            k => assert!(lead.starts_with(&format!("{k} of the {n} risks are above"))),
        }
    }
    assert_eq!(format::quantity(&Quantity::Risks(1)), "1 risk");
    assert_eq!(format::quantity(&Quantity::Risks(0)), "0 risks");
}

#[test]
fn method_workings_substitute_todays_values() {
    let s = state();
    let data = &s.dataset.drivers;
    let p = &s.derived.projection;
    let edits = &s.workspace.drivers;
    let first = method::projection(data, edits, p, 0);
    assert!(first.children_in_care.ends_with("are UASC (published)"));
    assert!(first
        .demography
        .starts_with("No demography funding is added"));
    let far = method::projection(data, edits, p, 99);
    let y = p.last();
    assert_eq!(
        far.placements_caption,
        format!("Placements in {}", year_label(y.year))
    );
    assert!(far.children_in_care.ends_with(&format!(
        "= {} children",
        format::count(y.children_in_care.round() as u64)
    )));
    assert!(far.gap.ends_with(&format!(
        "five-year gap {}",
        format::gbp_m(p.five_year_gap())
    )));
    assert_eq!(far.placements.len(), data.placements.len());
    let rows = method::assumptions(data, edits);
    assert_eq!(rows.len(), data.drivers.len() + data.placements.len());
    assert_eq!(rows[0].now, rows[0].default, "no edits: now is the default");

    let w = method::stress(&s.dataset, &s.derived.stress);
    assert_eq!(w.sizing, "No risks are chosen, so no shocks are sized.");
    assert_eq!(w.net, "No risks are chosen in the stress scenario yet.");
    assert_eq!(w.gross, w.net);
    let mut s = state();
    s.apply(Action::ApplyPreset(0));
    let r = &s.derived.stress;
    let w = method::stress(&s.dataset, r);
    assert!(
        w.sizing.starts_with(
            "Shock sizing factors (1 = as written, for the risk's current financial impact): R2 "
        ),
        "{}",
        w.sizing
    );
    for (m, text) in [(Measure::Net, &w.net), (Measure::Gross, &w.gross)] {
        assert!(
            text.ends_with(&format!(
                " = {} − {} = {}",
                format::gbp_m(r.together_effect(m)),
                format::gbp_m(r.sum_of_parts(m)),
                format::gbp_m(r.compounding_excess(m))
            )),
            "{text}"
        );
    }
    assert!(!format!("{w:?}").to_lowercase().contains("severity"));
    let ws = &s.workspace;
    let sim = method::simulation(
        &s.dataset,
        &ws.simulation,
        &ws.drivers,
        &ws.register,
        &s.derived.sizing,
    );
    assert!(sim.run.contains(&format!("seed {}", ws.simulation.seed)));
    assert_eq!(
        sim.chances.split(";  ").count(),
        s.dataset.scales.likelihood.len()
    );
    assert!(
        sim.chances
            .starts_with("Rare 5% over 5 years, 1.0% a year;  Unlikely 15% over 5 years, "),
        "{}",
        sim.chances
    );
    assert_eq!(sim.steps.len(), 5);
    assert_eq!(sim.steps[0].numbers, sim.chances);
    assert_eq!(sim.steps[2].numbers, sim.rated);
    assert_eq!(sim.steps[3].numbers, sim.sizing);
    assert_eq!(sim.steps[4].numbers, sim.money);
    assert!(sim.steps[2].words.contains("solved"));
    assert!(sim.steps[3].symbols.ends_with("× sizing factor"));
    // Each risk's rated yearly chance, in dataset order, at the run's ratings.
    let r1 = &s.dataset.risks[0];
    let l = ws.register.rating(r1, ws.simulation.rating).likelihood;
    assert!(sim.rated.contains(&format!(
        "{} {}",
        r1.id,
        format::percent_1dp(s.dataset.scales.annual_probability(l))
    )));
    assert!(sim.sizing.contains("R1 × 1.00"), "{}", sim.sizing);
    // The management assumptions in force, with a worked £18m year:
    // offsets min(£8.5m, £21.5m) = £8.5m, net £9.5m.
    assert!(
        sim.money.starts_with("capacity £6.0m lowest, £8.5m most likely, £13.0m highest;  surplus at most £3.5m;  ρ = 90%;"),
        "{}",
        sim.money
    );
    assert!(sim
        .money
        .ends_with("offsets = min(£8.5m, £21.5m) = £8.5m, net outturn £9.5m"));
    // No word of the old severity multiplier anywhere in the workings.
    let all = format!("{sim:?}").to_lowercase();
    assert!(!all.contains("severity"), "{all}");
    let off = method::simulation(
        &s.dataset,
        &crate::model::simulation::SimSettings {
            management: false,
            ..ws.simulation.clone()
        },
        &ws.drivers,
        &ws.register,
        &s.derived.sizing,
    );
    assert!(off.money.starts_with("Management action is off"));
}

#[test]
fn money_workings_close_the_books_year_by_year() {
    use crate::model::finance::{Ledger, Management};
    let s = state();
    let data = &s.dataset.drivers;
    let p = &s.derived.projection;
    let m = Management::from_edits(data, &s.workspace.drivers, true);
    let mut ledger = Ledger::default();
    let years: Vec<_> = p
        .years
        .iter()
        .map(|y| ledger.close(y.gap, 0.0, m.likely_capacity(), &m))
        .collect();
    for t in [0, 2, 4] {
        let f = method::money(data, &s.workspace.drivers, p, t, true);
        assert_eq!(f.len(), 3);
        let y = years[t];
        assert_eq!(
            f[0].numbers,
            format!(
                "{} − {} = {} in {}",
                format::gbp_m(p.years[t].gap),
                format::gbp_m(y.rebased),
                format::gbp_m(y.gross),
                year_label(p.years[t].year)
            )
        );
        assert!(f[1].numbers.ends_with(&format!(
            "net outturn = {} − {} = {}",
            format::gbp_m(y.gross),
            format::gbp_m(y.offsets),
            format::gbp_m(y.net)
        )));
        assert!(f[2].numbers.ends_with(&format!(
            "= {} re-based from {}",
            format::gbp_m(y.rebased + 0.9 * y.recognised),
            year_label(p.years[t].year + 1)
        )));
    }
    assert_eq!(years[0].rebased, 0.0, "nothing re-based in the first year");
    let off = method::money(data, &s.workspace.drivers, p, 1, false);
    assert!(off[1].numbers.starts_with("Management action is off"));
    // Beyond the horizon: the last year.
    assert_eq!(
        method::money(data, &s.workspace.drivers, p, 99, true),
        method::money(data, &s.workspace.drivers, p, 4, true)
    );
}

#[test]
fn about_page_counts_the_dataset_and_writes_the_scales() {
    let ds = Dataset::builtin().unwrap();
    let page = about::page(&ds);
    let cited = ds
        .provenances()
        .iter()
        .filter(|(_, p)| p.cite.is_some())
        .count();
    assert!(page
        .dataset
        .contains(&format!(" holds {cited} cited facts and ")));
    assert!(page.lead.contains(&ds.meta.organisation));
    assert_eq!(page.likelihood.len(), ds.scales.likelihood.len());
    assert_eq!(page.impact.len(), ds.scales.impact.len());
    assert_eq!(page.impact[4][1], "£16.5m a year or more");
    assert_eq!(page.bands.len(), ds.scales.bands.len());
    assert_eq!(
        page.appetite,
        format!(
            "Risk appetite: scores above {} are outside appetite by default.",
            ds.scales.appetite.threshold
        )
    );
}

#[test]
fn about_lists_the_sources_by_title_date_and_publisher_never_by_file_name() {
    let ds = Dataset::builtin().unwrap();
    let page = about::page(&ds);
    let titles: Vec<&str> = page.sources.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Business Plan 2024-29",
            "Cabinet Committee Group Company Governance: June 2022 Update",
            "Annual Report 2024/25",
            "Strategic Business Plan 2018-2023: 2020/21 (Year 3) Update",
            "Self Evaluation",
        ]
    );
    assert_eq!(page.sources[2][1], "2025");
    assert_eq!(page.sources[4][1], "March 2024");
    for row in &page.sources {
        assert!(row.iter().all(|cell| !cell.trim().is_empty()), "{row:?}");
        for cell in row {
            assert!(!cell.contains(".txt"), "{cell}");
            assert!(
                !ds.meta.sources.iter().any(|s| cell.contains(&s.id)),
                "{cell}"
            );
        }
    }
    assert!(page.sources[0][3].contains("§11 Managing Risk"));
    assert!(page.citations_note.contains("section"));
}

#[test]
fn register_words_for_a_risk() {
    let ds = Dataset::builtin().unwrap();
    let risk = &ds.risks[0];
    let w = register::risk_words(risk);
    assert_eq!(w.name, format!("{} {}", risk.id, risk.short_title));
    assert_eq!(w.statement, format!("“{}”", risk.statement));
    assert_eq!(w.trend, risk.trend.direction.label());
    assert_eq!(
        w.controls_and_evidence,
        format!(
            "Controls ({}) and evidence ({})",
            risk.controls.len(),
            risk.evidence.len()
        )
    );
}

#[test]
fn method_sections_carry_every_formula_in_order() {
    let s = state();
    let p = &s.derived.projection;
    let w = method::projection(&s.dataset.drivers, &s.workspace.drivers, p, 1);
    let sections = w.sections();
    let headings: Vec<&str> = sections.iter().map(|x| x.heading).collect();
    assert_eq!(
        headings,
        [
            "1. Demand",
            "2. Placements (payments to third-party providers)",
            "3. Staff (employees line)",
            "4. Other costs, savings and spend",
            "5. Funding and the gap"
        ]
    );
    let formulas: Vec<&method::Formula> = sections
        .iter()
        .flat_map(|x| &x.steps)
        .filter_map(|step| match step {
            method::Step::Formula(f) => Some(f),
            method::Step::PlacementsTable => None,
        })
        .collect();
    assert_eq!(formulas.len(), 15);
    assert_eq!(formulas[0].numbers, w.children_in_care);
    assert_eq!(formulas[14].numbers, w.gap);
    assert!(formulas
        .iter()
        .all(|f| !f.words.is_empty() && !f.symbols.is_empty() && !f.numbers.is_empty()));
    let tables = sections[1]
        .steps
        .iter()
        .filter(|s| **s == method::Step::PlacementsTable)
        .count();
    assert_eq!(tables, 1, "the placements table sits in section 2");
}

mod record_section {
    //! The model against the Trust's record, as the method view shows it.
    use super::*;
    use crate::model::calibration::{Basis, Target, Unit};
    use crate::model::RatingKind;
    use crate::report::method::record::{self, Verdict};
    use crate::state::SimRun;
    use std::sync::OnceLock;

    fn output() -> &'static crate::model::simulation::SimOutput {
        static RUN: OnceLock<crate::model::simulation::SimOutput> = OnceLock::new();
        RUN.get_or_init(|| {
            SimRequest {
                settings: SimSettings {
                    trials: 2_000,
                    ..SimSettings::default()
                },
                ..SimRequest::default()
            }
            .run(&Dataset::builtin().unwrap())
        })
    }

    fn finished(request: &SimRequest, all_ratings: bool) -> SimRun {
        let out = output();
        SimRun {
            summary: Some(Rc::new(out.summary.clone())),
            by_rating: all_ratings.then(|| Rc::new(out.by_rating.clone())),
            result_for: Some(request.clone()),
            ..SimRun::default()
        }
    }

    fn target(measured: f64, low: Option<f64>, high: Option<f64>, unit: Unit) -> Target {
        Target {
            id: "X1",
            what: "Something measured".into(),
            measured,
            low,
            high,
            unit,
            basis: Basis::Judgement,
            why: "Because.".into(),
        }
    }

    #[test]
    fn a_missed_target_shows_missed_and_its_figure() {
        let rows = record::rows(&[
            target(26.04, None, Some(25.0), Unit::GbpM),
            target(0.143, Some(0.05), Some(0.25), Unit::Chance),
            target(0.7, None, None, Unit::Chance),
            target(2519.4, Some(2400.0), None, Unit::Children),
            target(1.62, Some(1.3), None, Unit::Ratio),
            target(f64::NAN, Some(0.0), None, Unit::GbpM),
        ]);
        let cells: Vec<(&str, &str, Verdict)> = rows
            .iter()
            .map(|r| (r.model.as_str(), r.range.as_str(), r.verdict))
            .collect();
        assert_eq!(
            cells,
            [
                ("£26.0m", "at most £25.0m", Verdict::Missed),
                ("14.3%", "5.0% to 25.0%", Verdict::Met),
                ("70.0%", "reported beside the record", Verdict::Reported),
                ("2,519 children", "at least 2,400 children", Verdict::Met),
                ("×1.62", "at least ×1.30", Verdict::Met),
                ("no figure", "at least £0.0m", Verdict::Missed),
            ]
        );
        assert_eq!(rows[0].verdict.label(), "✗ Missed");
        assert_eq!(rows[1].verdict.label(), "✓ Met");
        assert_eq!(rows[0].basis, "Judgement");
        assert_eq!(rows[0].why, "Because.");
        assert_eq!(
            record::tally(&rows),
            "3 of 5 targets met; 2 missed: X1, X1. 1 figure reported beside the record."
        );
        assert_eq!(record::tally(&rows[1..2]), "All 1 targets met.");
    }

    #[test]
    fn every_calibration_target_is_a_row_with_the_models_figure() {
        let s = state();
        let request = s.workspace.sim_request();
        let sim = finished(&request, true);
        let ws = &s.workspace;
        let back = record::backtest(
            &s.dataset,
            &s.derived.consequences,
            &ws.drivers,
            &ws.register,
            true,
        );
        let r = record::record(&s.dataset, &sim, &request, back.as_ref());
        let out = output();
        let targets = crate::model::calibration::targets(
            &s.dataset,
            &out.summary,
            &out.by_rating,
            back.as_ref(),
        );
        assert_eq!(r.rows.len(), targets.len());
        for (row, t) in r.rows.iter().zip(&targets) {
            assert_eq!(row.id, t.id);
            assert_eq!(row.what, t.what);
            assert_eq!(row.model, record::figure(t.unit, t.measured));
            assert_eq!(row.verdict == Verdict::Missed, !t.met(), "{}", t.id);
        }
        for id in ["A1", "B1", "D1", "E1", "F1", "F2", "G1", "H1"] {
            assert!(r.rows.iter().any(|x| x.id == id), "{id}");
        }
        let missed = r
            .rows
            .iter()
            .filter(|x| x.verdict == Verdict::Missed)
            .count();
        let tally = r.tally.clone().unwrap();
        if missed == 0 {
            assert!(tally.starts_with("All "), "{tally}");
        } else {
            assert!(tally.contains(&format!("{missed} missed: ")), "{tally}");
        }
        // At the targets' own setting nothing is said about the setting.
        assert!(!r
            .notices
            .iter()
            .any(|n| n.starts_with("The latest run is at")));
        assert!(r.notices.iter().any(|n| n.starts_with(
            "From the latest run: 2,000 trials at current ratings, links on, management action on"
        )));
        let ids: Vec<&str> = r.charts.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [
                "record-gross",
                "record-net",
                "record-children",
                "record-backtest"
            ]
        );
        assert_eq!(r.choices.len(), 6);
    }

    #[test]
    fn before_a_run_only_the_backtest_and_a_line_saying_so() {
        let s = state();
        let request = s.workspace.sim_request();
        let back = record::backtest(
            &s.dataset,
            &s.derived.consequences,
            &s.workspace.drivers,
            &s.workspace.register,
            true,
        );
        let idle = SimRun::default();
        let r = record::record(&s.dataset, &idle, &request, back.as_ref());
        assert!(r.rows.is_empty() && r.tally.is_none());
        assert_eq!(
            r.notices,
            ["Run the simulation to compare: open Simulation and press Run. The backtest below does not need it."]
        );
        let ids: Vec<&str> = r.charts.iter().map(|c| c.id).collect();
        assert_eq!(ids, ["record-backtest"]);
        let running = SimRun {
            running: Some((1, request.clone())),
            ..SimRun::default()
        };
        let r = record::record(&s.dataset, &running, &request, back.as_ref());
        assert!(r.notices[0].starts_with("The simulation is running"));
    }

    #[test]
    fn the_rating_checks_wait_for_all_three_ratings() {
        let s = state();
        let request = s.workspace.sim_request();
        let sim = finished(&request, false);
        let r = record::record(&s.dataset, &sim, &request, None);
        for id in record::NEEDS_ALL_RATINGS {
            assert!(!r.rows.iter().any(|x| x.id == id), "{id} waits");
        }
        assert!(r.notices.iter().any(|n| n
            == "Targets D1, G1 and G2 compare inherent, current and target ratings; they appear when the run has finished all three."));
        // No backtest: its targets are left out, not missed.
        assert!(!r.rows.iter().any(|x| x.id.starts_with('F')));
    }

    #[test]
    fn a_run_at_another_setting_says_so_above_the_table() {
        let s = state();
        let mut request = s.workspace.sim_request();
        let mut sim = finished(&request, true);
        let mut summary = (*sim.summary.clone().unwrap()).clone();
        summary.rating = RatingKind::Inherent;
        summary.interactions = false;
        summary.management = false;
        sim.summary = Some(Rc::new(summary));
        let r = record::record(&s.dataset, &sim, &request, None);
        assert!(
            r.notices.iter().any(|n| n.starts_with(
                "The latest run is at inherent ratings, the links off and management action off (unmanaged figures). The targets are defined for current ratings"
            )),
            "{:?}",
            r.notices
        );
        // Settings changed since: the figures are from the run before.
        request.settings.trials = 100_000;
        let r = record::record(&s.dataset, &sim, &request, None);
        assert!(r
            .notices
            .iter()
            .any(|n| n == "These figures are from an earlier run, not the settings now in force."));
        // A run with the user's edits to the model says the targets hold the defaults.
        let mut edited = s.workspace.sim_request();
        edited.drivers.insert("cic_growth".into(), 3.0);
        let sim = SimRun {
            result_for: Some(edited.clone()),
            ..finished(&edited, true)
        };
        let r = record::record(&s.dataset, &sim, &edited, None);
        assert!(r
            .notices
            .iter()
            .any(|n| n.contains("the targets hold the defaults")));
    }

    #[test]
    fn the_choices_quote_the_values_in_force_and_their_sources() {
        let s = state();
        let mut edits = s.workspace.drivers.clone();
        let c = record::choices(&s.dataset, &edits);
        let titles: Vec<&str> = c.iter().map(|x| x.title).collect();
        assert_eq!(
            titles,
            [
                "The likelihood scale speaks of the five-year plan",
                "Impact sets the size of a shock, with no multiplier on top",
                "Offsets are a £ capacity, and a surplus is bounded",
                "The Council re-bases lasting pressure",
                "Demography funding follows the forecast",
                "Links change when risks happen, not how often",
            ]
        );
        assert!(c[0].text.starts_with(
            "Rare 5%, Unlikely 15%, Possible 35%, Likely 65% and Almost certain 90% over 5 years: about 1.0%, "
        ), "{}", c[0].text);
        assert!(c[2]
            .text
            .contains("up to £6.0m at the least, £8.5m most likely and £13.0m at the most"));
        assert!(c[2].text.contains("at most £3.5m"), "{}", c[2].text);
        assert!(
            c[1].text
                .contains("(Minor under £1.6m, Moderate £1.6m to £3.3m, "),
            "{}",
            c[1].text
        );
        assert!(c[3]
            .text
            .starts_with("From the next year the Council adds 90% "));
        assert!(c.iter().all(|x| x.provenance.is_some()));
        assert!(c
            .iter()
            .all(|x| !x.text.to_lowercase().contains("severity")));
        edits.insert("rebase_share".into(), 75.0);
        let c = record::choices(&s.dataset, &edits);
        assert!(c[3]
            .text
            .starts_with("From the next year the Council adds 75% "));
    }
}

/// Ratings are counted by band, never added up: the map's summary gives risks per band at
/// the rating on show beside the inherent one, and how many are above appetite at each.
#[test]
fn the_map_counts_risks_per_band_and_adds_no_scores() {
    let ds = Dataset::builtin().unwrap();
    let edits = crate::model::RegisterEdits::default();
    let page = heat_map::page(&ds, &edits, crate::model::RatingKind::Current);
    let s = &page.summary;
    let counts: Vec<(&str, String, String)> = s
        .bands
        .iter()
        .map(|b| {
            (
                b.name.as_str(),
                format::quantity(&b.risks),
                format::quantity(&b.inherent),
            )
        })
        .collect();
    // The defaults (data/risks.json): current 2 very high, 4 high, 3 medium; inherent
    // 6 very high, 2 high, 1 medium.
    assert_eq!(
        counts,
        vec![
            ("Very high", "2 risks".to_string(), "6 risks".to_string()),
            ("High", "4 risks".to_string(), "2 risks".to_string()),
            ("Medium", "3 risks".to_string(), "1 risk".to_string()),
            ("Low", "0 risks".to_string(), "0 risks".to_string()),
        ]
    );
    assert_eq!(
        (s.column.as_str(), s.inherent_column.as_deref()),
        ("Current", Some("Inherent"))
    );
    assert_eq!(
        s.compared,
        "2 risks above appetite at current ratings, against 6 before controls (inherent)."
    );
    let words = format!("{s:?}").to_lowercase();
    assert!(!words.contains("exposure"), "no summed exposure: {words}");
    assert!(s.note.contains("not added up"));
    let target = heat_map::page(&ds, &edits, crate::model::RatingKind::Target).summary;
    assert_eq!(
        target.compared,
        "0 risks above appetite at target ratings, against 6 before controls (inherent)."
    );
    let inherent = heat_map::page(&ds, &edits, crate::model::RatingKind::Inherent).summary;
    assert_eq!(
        inherent.compared,
        "6 risks above appetite before any controls act."
    );
    assert_eq!(inherent.inherent_column, None);
}

/// A current rating above its inherent one, or a target above the current, is allowed
/// but always said, next to the rating concerned.
#[test]
fn ratings_out_of_order_carry_a_plain_warning() {
    use crate::model::{OrderWarning, Rating};
    let ds = Dataset::builtin().unwrap();
    let r3 = ds.risk("R3").unwrap();
    let mut edits = crate::model::RegisterEdits::default();
    let ratings = edits.ratings(r3);
    assert!(
        ratings.order_warnings().is_empty(),
        "the defaults are in order"
    );
    for kind in crate::model::RatingKind::ALL {
        assert!(register::order_warnings(&ratings, kind).is_empty());
    }
    // R3: inherent 5 × 5 = 25, current 4 × 4 = 16, target 3 × 4 = 12. Lower the inherent
    // to 3 × 5 = 15, raise the target to 5 × 4 = 20.
    edits.set_rating(
        r3,
        crate::model::RatingKind::Inherent,
        Rating::new(3, 5).unwrap(),
    );
    let ratings = edits.ratings(r3);
    assert_eq!(
        ratings.order_warnings(),
        vec![OrderWarning::CurrentAboveInherent]
    );
    let current = register::order_warnings(&ratings, crate::model::RatingKind::Current);
    assert_eq!(
        current,
        vec!["Check: the current score (16) is above the inherent score (15), as if the controls made this risk worse.".to_string()]
    );
    assert_eq!(
        register::order_warnings(&ratings, crate::model::RatingKind::Inherent),
        current
    );
    assert!(register::order_warnings(&ratings, crate::model::RatingKind::Target).is_empty());
    edits.set_rating(
        r3,
        crate::model::RatingKind::Target,
        Rating::new(5, 4).unwrap(),
    );
    let ratings = edits.ratings(r3);
    assert_eq!(
        register::order_warnings(&ratings, crate::model::RatingKind::Target),
        vec!["Check: the target score (20) is above the current score (16), so the aim is worse than today.".to_string()]
    );
    assert_eq!(
        register::order_warnings(&ratings, crate::model::RatingKind::Current).len(),
        2
    );
    // Equal scores are in order.
    edits.set_rating(
        r3,
        crate::model::RatingKind::Inherent,
        Rating::new(4, 4).unwrap(),
    );
    edits.set_rating(
        r3,
        crate::model::RatingKind::Target,
        Rating::new(4, 4).unwrap(),
    );
    assert!(edits.ratings(r3).order_warnings().is_empty());
}

/// The sources name no risk owners: every owner shows "not published" (and carries no
/// assumed mark, as it is a fact) until the person names one; blank goes back to it.
#[test]
fn owners_the_sources_do_not_name_show_as_not_published() {
    let ds = Dataset::builtin().unwrap();
    let mut edits = crate::model::RegisterEdits::default();
    for risk in &ds.risks {
        assert!(
            risk.owner.is_none(),
            "{} has an owner no source gives",
            risk.id
        );
        assert_eq!(register::owner_text(&edits, risk), "not published");
        assert!(!register::owner_assumed(&edits, risk));
    }
    let r2 = ds.risk("R2").unwrap();
    edits.set_owner(r2, "Director of People");
    assert_eq!(register::owner_text(&edits, r2), "Director of People");
    assert_eq!(edits.differences(&ds).len(), 1);
    let diff = format::difference(&ds, &edits.differences(&ds)[0]);
    assert!(
        diff.ends_with("owner “Director of People” (default not published)"),
        "{diff}"
    );
    edits.set_owner(r2, "");
    assert!(edits.risks.is_empty(), "blank is the default again");
    assert_eq!(register::owner_text(&edits, r2), "not published");
}

/// The start panel quotes the register's own sentence and offers three views to try.
#[test]
fn the_start_panel_orients_in_the_boards_words() {
    let ds = Dataset::builtin().unwrap();
    let p = super::start::panel(&ds);
    assert_eq!(
        p.statement.quote.as_deref(),
        Some("These events in isolation are considered significant but if they were to impact in parallel, the combination of these would pose a serious threat to the Trust.")
    );
    let hrefs: Vec<&str> = p.tries.iter().map(|t| t.href).collect();
    assert_eq!(hrefs, ["#/map", "#/scenarios", "#/simulation"]);
    assert!(p.illustrative.contains(super::start::ASSUMED_MARK));
    let all = format!("{p:?}").to_lowercase();
    for jargon in ["seed", "p5", "p95", "trials", "multiplier"] {
        assert!(!all.contains(jargon), "{jargon} in the start panel");
    }
}

/// Parses a shown amount, `£1,051.0m` or `−£1.8m`, into tenths of £m.
fn shown_tenths(cell: &str) -> i64 {
    let negative = cell.starts_with('−');
    let digits: String = cell.chars().filter(|c| c.is_ascii_digit()).collect();
    let n: i64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {cell}"));
    if negative {
        -n
    } else {
        n
    }
}

fn check_funding_table(s: &AppState) {
    let p = &s.derived.projection;
    let t = drivers::funding_table(&s.dataset.drivers, p);
    assert_eq!(t.years.len(), p.years.len());
    assert_eq!(t.rows.len(), 5);
    let mut every_year_adds_up = true;
    for (k, y) in p.years.iter().enumerate() {
        // The model's amounts add up exactly…
        let v = |r: usize| t.rows[r].gbp_m[k];
        assert!((v(0) + v(1) - v(2)).abs() < 1e-9);
        assert!((v(2) + v(3) - v(4)).abs() < 1e-9);
        assert_eq!(v(2), y.contract_sum);
        assert_eq!(v(4), y.funding);
        // …and the shown ones do, or the table says why not.
        let c = |r: usize| shown_tenths(&t.rows[r].cells[k]);
        every_year_adds_up &= c(0) + c(1) == c(2) && c(2) + c(3) == c(4);
    }
    assert_eq!(t.rounding_note.is_none(), every_year_adds_up);
}

#[test]
fn the_funding_table_adds_up_as_shown() {
    let mut s = state();
    check_funding_table(&s);
    let t = drivers::funding_table(&s.dataset.drivers, &s.derived.projection);
    let first: Vec<&str> = t.rows.iter().map(|r| r.cells[0].as_str()).collect();
    // The published 2025/26 table: £305.3m + £24.5m = £329.8m; + £9.1m = £338.9m.
    assert_eq!(first, ["£305.3m", "£24.5m", "£329.8m", "£9.1m", "£338.9m"]);
    assert_eq!(t.years[0], "2025/26");
    assert_eq!(t.rows[2].label, "= Contract sum");
    assert!(t.rows[2].total && t.rows[4].total && !t.rows[0].total);
    assert!(t.note.contains("2025/26"));
    // At the defaults every shown year adds up with no note needed.
    assert_eq!(t.rounding_note, None);
    // Each driver at its limits: still adds up, or says it is rounding.
    let drivers = s.dataset.drivers.drivers.clone();
    for d in drivers.iter().take(12) {
        for value in [d.min, d.max] {
            s.apply(Action::SetDriver {
                key: d.key.clone(),
                value,
            });
            check_funding_table(&s);
        }
        s.apply(Action::ResetDrivers);
    }
}

/// The view holds a place for every chart a run can show before the first results.
#[test]
fn the_simulation_holds_places_for_every_chart_it_can_show() {
    let ds = Dataset::builtin().unwrap();
    let out = sim_output(&ds, SimSettings::default());
    let page = simulation::page(&ds, Some(&out.summary), Some(&out.by_rating));
    assert_eq!(
        page.page.charts.len() + page.hidden.len(),
        simulation::CHARTS
    );
}

#[test]
fn the_simulation_page_from_kept_charts_is_the_page() {
    let ds = Dataset::builtin().unwrap();
    let mut req = SimRequest::default();
    req.settings.trials = 300;
    let out = req.run(&ds);
    let whole = simulation::page(&ds, Some(&out.summary), Some(&out.by_rating));
    let charts = simulation::summary_charts(&ds, &out.summary);
    let kept = simulation::page_with(&ds, Some(&out.summary), Some(&out.by_rating), &charts);
    assert_eq!(kept, whole);
    // Every chart of the run, the ratings side by side last, none twice.
    let ids: Vec<&str> = whole.page.charts.iter().map(|c| c.id).collect();
    assert_eq!(ids.last(), Some(&"sim-ratings"));
    assert_eq!(
        charts.len() + 1,
        whole.page.charts.len() + whole.hidden.len()
    );
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}
