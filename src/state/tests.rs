use super::*;
use crate::model::consequences::SeverityPoint;
use crate::model::scenario::Measure;
use crate::model::RegisterSummary;

fn state() -> AppState {
    AppState::new(Rc::new(Dataset::builtin().expect("built-in dataset")))
}

fn r1() -> RiskId {
    RiskId::new("R1")
}

#[test]
fn a_rating_change_shows_in_register_and_summary() {
    let mut s = state();
    let before = RegisterSummary::of(&s.dataset, &s.workspace.register, RatingKind::Current);
    let risk = s.dataset.risk("R1").unwrap().clone();
    let old = s.workspace.register.rating(&risk, RatingKind::Current);
    let new = Rating::new(5, 5).unwrap();
    s.apply(Action::SetRating {
        risk: r1(),
        kind: RatingKind::Current,
        rating: new,
    });
    assert_eq!(s.workspace.register.rating(&risk, RatingKind::Current), new);
    let after = RegisterSummary::of(&s.dataset, &s.workspace.register, RatingKind::Current);
    let (from, to) = (
        s.dataset.scales.band_index(old.score()),
        s.dataset.scales.band_index(new.score()),
    );
    assert_ne!(from, to, "R1's default is not in the top band");
    assert_eq!(
        after.per_band[to],
        before.per_band[to] + 1,
        "one more in the top band"
    );
    assert_eq!(
        after.per_band[from],
        before.per_band[from] - 1,
        "one fewer in its old band"
    );
    assert_eq!(
        after.inherent_per_band, before.inherent_per_band,
        "inherent unchanged"
    );
    assert!(after.above_appetite.iter().any(|(id, _)| *id == r1()));
    assert_eq!(s.differences(), 1);
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut s = state();
    let risk = s.dataset.risk("R1").unwrap().clone();
    let default = risk.ratings.current.rating();
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Current,
        d_likelihood: 1,
        d_impact: 0,
    });
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Current,
        d_likelihood: 0,
        d_impact: -1,
    });
    let moved = default.moved(1, -1);
    assert_eq!(
        s.workspace.register.rating(&risk, RatingKind::Current),
        moved
    );
    s.apply(Action::Undo);
    assert_eq!(
        s.workspace.register.rating(&risk, RatingKind::Current),
        default.moved(1, 0)
    );
    s.apply(Action::Undo);
    assert_eq!(s.workspace, Workspace::default());
    assert!(!s.history.can_undo());
    s.apply(Action::Redo);
    s.apply(Action::Redo);
    assert_eq!(
        s.workspace.register.rating(&risk, RatingKind::Current),
        moved
    );
    assert!(!s.history.can_redo());
}

#[test]
fn a_move_past_the_edge_is_not_an_edit() {
    let mut s = state();
    s.apply(Action::SetRating {
        risk: r1(),
        kind: RatingKind::Target,
        rating: Rating::new(1, 1).unwrap(),
    });
    assert!(s.history.can_undo());
    s.apply(Action::Undo);
    assert!(!s.history.can_undo());
    s.apply(Action::SetRating {
        risk: r1(),
        kind: RatingKind::Target,
        rating: Rating::new(1, 1).unwrap(),
    });
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Target,
        d_likelihood: -1,
        d_impact: -1,
    });
    s.apply(Action::Undo);
    assert_eq!(s.workspace, Workspace::default(), "one undo step, not two");
}

#[test]
fn setting_back_to_default_leaves_no_difference() {
    let mut s = state();
    let risk = s.dataset.risk("R1").unwrap().clone();
    let default = risk.ratings.inherent.rating();
    s.apply(Action::SetRating {
        risk: r1(),
        kind: RatingKind::Inherent,
        rating: default.moved(-1, 0),
    });
    assert_eq!(s.differences(), 1);
    s.apply(Action::SetRating {
        risk: r1(),
        kind: RatingKind::Inherent,
        rating: default,
    });
    assert_eq!(s.differences(), 0);
    assert!(s.workspace.register.risks.is_empty());
}

#[test]
fn typing_an_owner_is_one_undo_step() {
    let mut s = state();
    for text in ["D", "Di", "Dir", "Director"] {
        s.apply(Action::SetOwner {
            risk: r1(),
            owner: text.into(),
        });
    }
    let risk = s.dataset.risk("R1").unwrap().clone();
    assert_eq!(s.workspace.register.owner(&risk), "Director");
    s.apply(Action::Undo);
    assert_eq!(s.workspace.register.owner(&risk), risk.default_owner());
}

#[test]
fn reset_one_and_all() {
    let mut s = state();
    let ids: Vec<RiskId> = s.dataset.risks.iter().map(|r| r.id.clone()).collect();
    for id in &ids {
        s.apply(Action::SetRating {
            risk: id.clone(),
            kind: RatingKind::Current,
            rating: Rating::new(5, 5).unwrap(),
        });
    }
    s.apply(Action::SetAppetite(20));
    let n = s.differences();
    s.apply(Action::ResetRisk(r1()));
    assert_eq!(s.differences(), n - 1);
    s.apply(Action::ResetAll);
    assert_eq!(s.differences(), 0);
    s.apply(Action::Undo);
    assert_eq!(s.differences(), n - 1, "reset all can be undone");
}

#[test]
fn restore_drops_edits_for_unknown_risks_and_defaults() {
    let mut s = state();
    let risk = s.dataset.risk("R1").unwrap().clone();
    let mut ws = Workspace::default();
    ws.register
        .risks
        .insert(RiskId::new("R99"), owner_edit("Nobody"));
    ws.register.risks.insert(
        r1(),
        crate::model::RiskEdit {
            current: Some(risk.ratings.current.rating()),
            target: Some(Rating::new(1, 1).unwrap()),
            ..Default::default()
        },
    );
    s.apply(Action::Restore {
        workspace: ws,
        view: ViewSettings {
            selected: Some(RiskId::new("R99")),
            ..Default::default()
        },
    });
    assert_eq!(s.differences(), 1, "only the real change survives");
    assert_eq!(s.view.selected, None);
    assert!(!s.history.can_undo());
}

#[test]
fn appetite_is_clamped_and_counts_as_a_difference() {
    let mut s = state();
    s.apply(Action::SetAppetite(40));
    assert_eq!(s.workspace.register.appetite(&s.dataset.scales), 25);
    s.apply(Action::SetAppetite(s.dataset.scales.appetite.threshold));
    assert_eq!(s.differences(), 0);
}

#[test]
fn pages_from_fragments() {
    assert_eq!(Page::from_fragment("#/map"), Page::Map);
    assert_eq!(Page::from_fragment("#/about"), Page::About);
    assert_eq!(Page::from_fragment("#/map?s=abc"), Page::Map);
    assert_eq!(Page::from_fragment(""), Page::Register);
    assert_eq!(Page::from_fragment("#/nonsense"), Page::Register);
    for p in Page::ALL {
        assert_eq!(Page::from_fragment(&format!("#/{}", p.slug())), p);
    }
}

#[test]
fn drivers_are_clamped_kept_as_differences_and_undoable() {
    let mut s = state();
    let gap0 = s.derived.projection.five_year_gap();
    s.apply(Action::SetDriver {
        key: "cic_growth".into(),
        value: 99.0,
    });
    let max = s.dataset.drivers.driver("cic_growth").unwrap().max;
    assert_eq!(s.workspace.drivers.get("cic_growth"), Some(&max));
    assert!(
        s.derived.projection.five_year_gap() > gap0,
        "the projection follows"
    );
    assert_eq!(s.differences(), 1);
    s.apply(Action::SetDriver {
        key: "cic_growth".into(),
        value: 1.0,
    });
    assert!(
        s.workspace.drivers.is_empty(),
        "back at the default leaves no edit"
    );
    // Dragging a slider through many values is one undo step.
    for v in [2.0, 3.0, 4.0] {
        s.apply(Action::SetDriver {
            key: "pay_inflation".into(),
            value: v,
        });
    }
    s.apply(Action::Undo);
    assert!(!s.workspace.drivers.contains_key("pay_inflation"));
    assert!(
        (s.derived.projection.five_year_gap() - gap0).abs() < 1e-9,
        "undo recomputes"
    );
    // Unknown keys and non-numbers are ignored.
    s.apply(Action::SetDriver {
        key: "no_such_driver".into(),
        value: 1.0,
    });
    s.apply(Action::SetDriver {
        key: "pay_inflation".into(),
        value: f64::NAN,
    });
    assert!(s.workspace.drivers.is_empty());
}

#[test]
fn driver_groups_reset_on_their_own() {
    use crate::model::drivers::DriverGroup;
    let mut s = state();
    s.apply(Action::SetDriver {
        key: "cic_growth".into(),
        value: 3.0,
    });
    s.apply(Action::SetDriver {
        key: "pay_inflation".into(),
        value: 5.0,
    });
    s.apply(Action::ResetDriverGroup(DriverGroup::Demand));
    assert!(!s.workspace.drivers.contains_key("cic_growth"));
    assert!(s.workspace.drivers.contains_key("pay_inflation"));
    s.apply(Action::ResetDrivers);
    assert!(s.workspace.drivers.is_empty());
    s.apply(Action::Undo);
    assert_eq!(s.workspace.drivers.len(), 1);
}

#[test]
fn restored_driver_values_are_clamped_and_unknown_ones_dropped() {
    let mut s = state();
    let mut ws = Workspace::default();
    ws.drivers.insert("cic_growth".into(), -50.0);
    ws.drivers.insert("retired_driver".into(), 1.0);
    s.apply(Action::Restore {
        workspace: ws,
        view: ViewSettings::default(),
    });
    let min = s.dataset.drivers.driver("cic_growth").unwrap().min;
    assert_eq!(s.workspace.drivers.get("cic_growth"), Some(&min));
    assert_eq!(s.workspace.drivers.len(), 1);
    assert_eq!(
        s.derived.for_drivers, s.workspace.drivers,
        "derived results follow a restore"
    );
}

#[test]
fn the_stress_scenario_is_edited_saved_and_undone() {
    let mut s = state();
    let r3 = RiskId::new("R3");
    s.apply(Action::ToggleStressRisk(r3.clone()));
    s.apply(Action::ToggleStressRisk(RiskId::new("R2")));
    assert_eq!(s.workspace.stress.len(), 2);
    assert_eq!(
        s.workspace.stress[0].risk,
        RiskId::new("R2"),
        "kept in register order"
    );
    assert_eq!(s.workspace.stress[1].year, 1, "new events start in 2026/27");
    s.apply(Action::SetStressYear {
        risk: r3.clone(),
        year: 99,
    });
    assert_eq!(s.workspace.stress[1].year, 4, "clamped to the horizon");
    s.apply(Action::SetStressPoint {
        risk: r3.clone(),
        point: SeverityPoint::High,
    });
    assert_eq!(s.workspace.stress[1].point, SeverityPoint::High);
    assert_eq!(
        s.derived.stress.events, s.workspace.stress,
        "results follow"
    );
    assert_eq!(s.differences(), 2);
    s.apply(Action::ToggleStressRisk(r3.clone()));
    assert_eq!(s.workspace.stress.len(), 1);
    s.apply(Action::Undo);
    assert_eq!(s.workspace.stress.len(), 2);
    s.apply(Action::ClearStress);
    assert!(s.workspace.stress.is_empty());
    assert!(s.derived.stress.alone.is_empty());
    // Unknown risks are ignored.
    s.apply(Action::ToggleStressRisk(RiskId::new("R99")));
    assert!(s.workspace.stress.is_empty());
}

#[test]
fn presets_replace_the_scenario() {
    let mut s = state();
    if s.dataset.consequences.presets.is_empty() {
        return;
    }
    s.apply(Action::ApplyPreset(0));
    let want: Vec<RiskId> = s.dataset.consequences.presets[0]
        .events
        .iter()
        .map(|e| e.risk.clone())
        .collect();
    let got: Vec<RiskId> = s.workspace.stress.iter().map(|e| e.risk.clone()).collect();
    assert_eq!(got, want);
    s.apply(Action::ApplyPreset(999));
    assert_eq!(
        s.workspace.stress.len(),
        want.len(),
        "an unknown preset changes nothing"
    );
}

#[test]
fn restored_stress_events_are_cleaned() {
    let mut s = state();
    let mut ws = Workspace::default();
    for (id, year) in [("R3", 9), ("R3", 1), ("R99", 1)] {
        ws.stress.push(crate::model::scenario::StressEvent {
            risk: RiskId::new(id),
            year,
            point: SeverityPoint::Likely,
        });
    }
    s.apply(Action::Restore {
        workspace: ws,
        view: ViewSettings::default(),
    });
    assert_eq!(
        s.workspace.stress.len(),
        1,
        "no duplicates, no unknown risks"
    );
    assert_eq!(s.workspace.stress[0].year, 4);
}

#[test]
fn shocks_are_editable_with_reset() {
    let mut s = state();
    let r7 = RiskId::new("R7");
    s.apply(Action::ToggleStressRisk(r7.clone()));
    let before = s.derived.stress.together_effect(Measure::Net);
    let shock = s.dataset.consequences.shocks(&r7)[0].clone();
    s.apply(Action::SetShock {
        key: ShockKey {
            risk: r7.clone(),
            driver: shock.driver.clone(),
            point: SeverityPoint::Likely,
        },
        value: shock.likely * 3.0,
    });
    assert_eq!(
        s.derived.consequences.shocks(&r7)[0].likely,
        shock.likely * 3.0
    );
    assert_ne!(
        s.derived.stress.together_effect(Measure::Net),
        before,
        "results follow the edit"
    );
    let second = s.dataset.consequences.shocks(&RiskId::new("R3"))[0].clone();
    s.apply(Action::SetShock {
        key: ShockKey {
            risk: RiskId::new("R3"),
            driver: second.driver.clone(),
            point: SeverityPoint::High,
        },
        value: second.high * 2.0,
    });
    assert_eq!(s.differences(), 3, "one stress event, two shocks");
    s.apply(Action::ResetShocks(r7.clone()));
    assert_eq!(s.derived.consequences.shocks(&r7)[0].likely, shock.likely);
    assert_eq!(
        s.workspace.consequences.len(),
        1,
        "the other risk's edit stays"
    );
    s.apply(Action::ResetConsequences);
    assert!(s.workspace.consequences.is_empty());
    assert!((s.derived.stress.together_effect(Measure::Net) - before).abs() < 1e-9);
    // Unknown keys never make an edit.
    s.apply(Action::SetShock {
        key: ShockKey {
            risk: RiskId::new("R99"),
            driver: shock.driver.clone(),
            point: SeverityPoint::Low,
        },
        value: 5.0,
    });
    assert!(s.workspace.consequences.is_empty());
}

#[test]
fn a_rating_change_recomputes_the_scenario_only_when_it_matters() {
    let mut s = state();
    let before = Rc::clone(&s.derived.stress);
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Current,
        d_likelihood: 0,
        d_impact: 1,
    });
    assert!(
        Rc::ptr_eq(&before, &s.derived.stress),
        "no risks chosen: results reused"
    );
    // With R1 chosen, its impact sizes its shocks, so the results must follow.
    s.apply(Action::ToggleStressRisk(r1()));
    let chosen = Rc::clone(&s.derived.stress);
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Current,
        d_likelihood: 0,
        d_impact: -1,
    });
    assert!(!Rc::ptr_eq(&chosen, &s.derived.stress));
    assert_ne!(
        chosen.together_effect(Measure::Net),
        s.derived.stress.together_effect(Measure::Net)
    );
}

#[test]
fn the_appetite_steps_within_the_scores_and_the_seed_follows_its_sequence() {
    let mut s = state();
    let t = s.workspace.register.appetite(&s.dataset.scales);
    s.apply(Action::StepAppetite(1));
    assert_eq!(s.workspace.register.appetite(&s.dataset.scales), t + 1);
    s.apply(Action::SetAppetite(25));
    s.apply(Action::StepAppetite(1));
    assert_eq!(s.workspace.register.appetite(&s.dataset.scales), 25);
    s.apply(Action::SetAppetite(1));
    s.apply(Action::StepAppetite(-1));
    assert_eq!(s.workspace.register.appetite(&s.dataset.scales), 1);
    let seed = s.workspace.simulation.seed;
    s.apply(Action::NextSimSeed);
    let next = s.workspace.simulation.seed;
    assert_ne!(next, seed);
    assert_eq!(
        next,
        seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1) % 1_000_000_000
    );
    s.apply(Action::Undo);
    assert_eq!(
        s.workspace.simulation.seed, seed,
        "a new seed is one undo step"
    );
}

#[test]
fn an_owner_or_the_appetite_never_makes_the_simulation_stale() {
    let mut s = state();
    let before = s.workspace.sim_request();
    s.apply(Action::SetOwner {
        risk: r1(),
        owner: "Someone else".into(),
    });
    s.apply(Action::SetAppetite(4));
    assert_eq!(
        s.workspace.sim_request(),
        before,
        "neither changes the simulation"
    );
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Current,
        d_likelihood: -1,
        d_impact: 0,
    });
    assert_ne!(s.workspace.sim_request(), before, "a rating does");
}

#[test]
fn the_trials_list_always_holds_the_number_in_use() {
    let mut s = state();
    assert_eq!(
        s.workspace.simulation.trial_choices(),
        crate::model::simulation::TRIAL_CHOICES.to_vec()
    );
    s.apply(Action::SetSimTrials(12_345));
    let choices = s.workspace.simulation.trial_choices();
    assert!(choices.contains(&12_345), "{choices:?}");
    assert!(
        choices.windows(2).all(|w| w[0] < w[1]),
        "in order: {choices:?}"
    );
}

#[test]
fn loading_says_what_it_changed_and_cuts_long_owners() {
    let s = state();
    let ds = &s.dataset;
    let mut raw = Workspace::default();
    raw.drivers.insert("pay_inflation".into(), 1e308);
    raw.drivers.insert("no_such_driver".into(), 1.0);
    raw.register
        .risks
        .insert(RiskId::new("R99"), owner_edit("Someone"));
    raw.register
        .risks
        .insert(r1(), owner_edit(&"x".repeat(4_000_000)));
    raw.simulation.trials = 0;
    let (kept, notes) = raw.normalised_with_notes(ds);
    let all = notes.join("\n");
    assert_eq!(notes.len(), 5, "{all}");
    assert!(
        all.contains("Pay inflation") || all.contains("pay"),
        "{all}"
    );
    assert!(all.contains("outside what it can be"), "{all}");
    assert!(all.contains("“no_such_driver”"), "{all}");
    assert!(
        all.contains("R99") && all.contains("does not have"),
        "{all}"
    );
    assert!(all.contains("cut to its first 120 characters"), "{all}");
    assert!(all.contains("0 trials became 1"), "{all}");
    let owner = kept.register.risks[&r1()].owner.as_ref().unwrap();
    assert_eq!(
        owner.chars().count(),
        120,
        "the cap applies on load as on typing"
    );
    assert!(!kept.register.risks.contains_key(&RiskId::new("R99")));
    // Work that fits says nothing.
    let mut fine = Workspace::default();
    fine.drivers.insert("pay_inflation".into(), 3.0);
    assert!(fine.normalised_with_notes(ds).1.is_empty());
}

/// An edit that only names an owner.
fn owner_edit(owner: &str) -> crate::model::RiskEdit {
    crate::model::RiskEdit {
        owner: Some(owner.into()),
        ..Default::default()
    }
}

/// Another tab's save: this tab's work with R2's owner changed.
fn other_tab(s: &AppState, revision: u64, owner: &str) -> OtherWork {
    let mut other = s.clone();
    other.apply(Action::SetOwner {
        risk: RiskId::new("R2"),
        owner: owner.into(),
    });
    OtherWork {
        revision,
        workspace: other.workspace,
    }
}

fn saved(s: &mut AppState, revision: u64) {
    let workspace = Box::new(s.workspace.clone());
    s.apply(Action::Saved {
        revision,
        workspace,
    });
}

#[test]
fn a_tab_without_edits_of_its_own_follows_another_tabs_save_and_keeps_its_view() {
    let mut s = state();
    saved(&mut s, 3);
    s.apply(Action::Select(Some(r1())));
    let theirs = other_tab(&s, 4, "Deputy Chief Executive");
    s.apply(Action::OtherTabSaved(theirs.clone()));
    assert_eq!(s.workspace, theirs.workspace);
    assert_eq!(s.view.selected, Some(r1()), "the view is this tab's own");
    assert_eq!((s.saving.revision, s.saving.conflict.is_none()), (4, true));
    // An older or equal revision is never followed.
    let stale = other_tab(&s, 4, "Someone else");
    s.apply(Action::OtherTabSaved(stale));
    assert_eq!(s.workspace, theirs.workspace);
    // Following is undoable like an edit.
    s.apply(Action::Undo);
    assert_ne!(s.workspace, theirs.workspace);
}

#[test]
fn a_tab_with_edits_of_its_own_asks_which_to_keep() {
    let mut s = state();
    saved(&mut s, 3);
    let theirs = other_tab(&s, 4, "Deputy Chief Executive");
    // This tab changes R1's owner and has not saved it yet.
    s.apply(Action::SetOwner {
        risk: r1(),
        owner: "Director of Finance".into(),
    });
    let mine = s.workspace.clone();
    s.apply(Action::OtherTabSaved(theirs.clone()));
    assert_eq!(
        s.workspace, mine,
        "nothing changes until the person chooses"
    );
    assert!(
        s.saving.waiting(),
        "and nothing is saved over the other tab's work"
    );

    let mut keep = s.clone();
    keep.apply(Action::KeepMine);
    assert_eq!(keep.workspace, mine);
    assert!(!keep.saving.waiting());
    assert_eq!(
        keep.saving.revision, 4,
        "the next save is newer than the other tab's"
    );

    s.apply(Action::TakeTheirs);
    assert_eq!(s.workspace, theirs.workspace);
    assert!(!s.saving.waiting());
    assert_eq!(s.saving.revision, 4);
}

#[test]
fn an_edit_after_following_another_tab_is_kept() {
    let mut s = state();
    saved(&mut s, 1);
    let same = OtherWork {
        revision: 2,
        workspace: s.workspace.clone(),
    };
    s.apply(Action::OtherTabSaved(same));
    s.apply(Action::SetOwner {
        risk: r1(),
        owner: "Deputy Chief Executive".into(),
    });
    assert_eq!(s.differences(), 1);
}

#[test]
fn opening_a_scenario_file_replaces_the_work_and_can_be_undone() {
    let mut s = state();
    s.apply(Action::SetSimSeed(7));
    let mine = s.workspace.clone();
    let mut theirs = Workspace::default();
    theirs.drivers.insert("cic_growth".into(), 4.5);
    theirs.simulation.seed = u64::MAX;
    s.apply(Action::OpenScenario(Box::new(theirs.clone())));
    assert_eq!(s.workspace, theirs.normalised(&s.dataset));
    assert_eq!(
        s.workspace.simulation.seed,
        u64::MAX,
        "a seed above 2^53 is kept exactly"
    );
    s.apply(Action::Undo);
    assert_eq!(s.workspace, mine, "the work it replaced is one Undo away");
    // Opening work identical to what is on screen records nothing to undo.
    s.apply(Action::Redo);
    let depth = s.history.can_undo();
    s.apply(Action::OpenScenario(Box::new(s.workspace.clone())));
    assert_eq!(s.history.can_undo(), depth);
}

#[test]
fn compared_runs_go_one_after_another_and_are_kept_by_request() {
    use crate::model::simulation::job::FromWorker;
    let mut s = state();
    let a = Workspace::default().sim_request();
    let mut b = a.clone();
    b.settings.trials = 50;
    let wanted = vec![a.clone(), b.clone()];
    assert_eq!(s.compare.next(&wanted), Some(&a));
    s.apply(Action::CompareSimStarted {
        id: 7,
        request: Box::new(a.clone()),
    });
    assert_eq!(s.sim.next_id, 8);
    assert_eq!(s.compare.next(&wanted), None, "one at a time");
    let out = a.run(&s.dataset);
    s.apply(Action::SimHeard(Box::new(FromWorker::Done {
        id: 7,
        output: Box::new(out),
        elapsed_ms: 1.0,
    })));
    assert!(s.compare.result(&a).is_some());
    assert!(
        s.sim.summary.is_none(),
        "the simulation page's results are its own"
    );
    assert_eq!(s.compare.done(&wanted), 1);
    assert_eq!(s.compare.next(&wanted), Some(&b));
    // A run on the simulation page takes the worker: the compared run is asked again later.
    s.apply(Action::CompareSimStarted {
        id: 8,
        request: Box::new(b.clone()),
    });
    s.apply(Action::SimStarted {
        id: 9,
        request: Box::new(a.clone()),
    });
    assert_eq!(s.compare.next(&wanted), Some(&b));
}

#[test]
fn presenting_keeps_the_work_to_reset_to() {
    let mut s = state();
    s.apply(Action::PresentStart);
    s.apply(Action::PresentGo(2));
    assert_eq!(s.present.as_ref().unwrap().panel, 2);
    s.apply(Action::MoveRating {
        risk: r1(),
        kind: RatingKind::Current,
        d_likelihood: 1,
        d_impact: 0,
    });
    assert_ne!(s.workspace, Workspace::default());
    s.apply(Action::PresentReset);
    assert_eq!(s.workspace, Workspace::default());
    s.apply(Action::Undo);
    assert_ne!(s.workspace, Workspace::default(), "the reset is undoable");
    s.apply(Action::PresentExit);
    assert!(s.present.is_none());
}

#[test]
fn two_or_three_scenarios_are_compared() {
    let mut s = state();
    assert_eq!(
        s.compare.picked,
        [ScenarioRef::Baseline, ScenarioRef::Working]
    );
    s.apply(Action::CompareDrop(0));
    assert_eq!(s.compare.picked.len(), 2, "two always stay");
    s.apply(Action::ComparePick {
        slot: 5,
        scenario: ScenarioRef::Saved(3),
    });
    s.apply(Action::ComparePick {
        slot: 5,
        scenario: ScenarioRef::Saved(4),
    });
    assert_eq!(s.compare.picked.len(), 3);
    s.apply(Action::ComparePick {
        slot: 0,
        scenario: ScenarioRef::Working,
    });
    assert_eq!(s.compare.picked[0], ScenarioRef::Working);
    s.apply(Action::CompareDrop(2));
    assert_eq!(s.compare.picked.len(), 2);
}

fn named_state() -> AppState {
    let mut s = state();
    s.apply(Action::SetSimSeed(11));
    s.apply(Action::SaveScenario {
        name: "  Workshop A  ".into(),
        note: "Five ratings moved".into(),
        saved: "2026-11-27 20:30".into(),
    });
    s.apply(Action::SetSimSeed(12));
    s.apply(Action::SaveScenario {
        name: "Workshop B".into(),
        note: String::new(),
        saved: "2026-11-27 20:31".into(),
    });
    s
}

#[test]
fn named_scenarios_are_saved_renamed_duplicated_and_deleted_with_undo() {
    let mut s = named_state();
    assert_eq!(s.scenarios.len(), 2);
    let a = &s.scenarios[0];
    assert_eq!((a.id, a.named.name.as_str()), (1, "Workshop A"));
    assert_eq!(a.named.workspace.simulation.seed, 11);
    assert_eq!(a.saved, "2026-11-27 20:30");
    assert_eq!(s.scenarios[1].id, 2);

    s.apply(Action::RenameScenario {
        id: 1,
        name: "Budget stress".into(),
        note: "Agreed on the day".into(),
    });
    assert_eq!(s.scenario(1).unwrap().named.name, "Budget stress");
    assert_eq!(s.scenario(1).unwrap().named.note, "Agreed on the day");
    // An empty name keeps the old one.
    s.apply(Action::RenameScenario {
        id: 1,
        name: "  ".into(),
        note: String::new(),
    });
    assert_eq!(s.scenario(1).unwrap().named.name, "Budget stress");

    s.apply(Action::DuplicateScenario(1));
    assert_eq!(s.scenarios.len(), 3);
    assert_eq!(s.scenarios[1].named.name, "Budget stress (copy)");
    assert_eq!(s.scenarios[1].id, 3);
    assert_eq!(
        s.scenarios[1].named.workspace,
        s.scenarios[0].named.workspace
    );
    s.apply(Action::DuplicateScenario(1));
    assert_eq!(s.scenarios[1].named.name, "Budget stress (copy) (2)");

    let before = s.scenarios.clone();
    s.apply(Action::DeleteScenario(3));
    assert_eq!(s.scenarios.len(), 3);
    assert!(s.scenario(3).is_none());
    assert_eq!(s.deleted.as_ref().unwrap().scenario.id, 3);
    // The deleted one's id is not given to the next save while it can come back.
    assert_eq!(s.next_scenario_id(), 5);
    s.apply(Action::RestoreDeleted);
    assert_eq!(s.scenarios, before, "back where it was");
    assert!(s.deleted.is_none());
    // Named scenarios are not part of the work: undo does not touch them.
    s.apply(Action::Undo);
    assert_eq!(s.scenarios, before);
}

#[test]
fn an_empty_name_gets_one_and_the_list_has_a_limit() {
    let mut s = state();
    s.apply(Action::SaveScenario {
        name: String::new(),
        note: String::new(),
        saved: String::new(),
    });
    assert_eq!(s.scenarios[0].named.name, "Untitled scenario");
    for _ in 1..crate::share::file::MAX_SCENARIOS {
        s.apply(Action::DuplicateScenario(1));
    }
    assert_eq!(s.scenarios.len(), crate::share::file::MAX_SCENARIOS);
    s.apply(Action::SaveScenario {
        name: "One too many".into(),
        note: String::new(),
        saved: String::new(),
    });
    assert_eq!(s.scenarios.len(), crate::share::file::MAX_SCENARIOS);
    assert!(s.notice.as_ref().unwrap().is_problem);
}

#[test]
fn opening_a_named_scenario_replaces_the_work_and_can_be_undone() {
    let mut s = named_state();
    s.apply(Action::SetSimSeed(99));
    s.apply(Action::SetMapRating(RatingKind::Target));
    let mine = s.workspace.clone();
    s.apply(Action::OpenSaved(1));
    assert_eq!(s.workspace.simulation.seed, 11);
    assert_eq!(
        s.view.map_rating,
        RatingKind::Current,
        "the view it was saved with"
    );
    s.apply(Action::Undo);
    assert_eq!(s.workspace, mine);
    // An id that is not kept does nothing.
    s.apply(Action::OpenSaved(77));
    assert_eq!(s.workspace, mine);
}

#[test]
fn importing_adds_new_named_scenarios_and_never_replaces_one() {
    let mut s = named_state();
    let kept = s.scenarios.clone();
    let mut ws = Workspace::default();
    ws.simulation.seed = 5;
    let incoming = vec![
        Named {
            name: "Workshop A".into(),
            note: "from a file".into(),
            workspace: ws.clone(),
            view: ViewSettings::default(),
        },
        Named {
            name: "New one".into(),
            note: String::new(),
            workspace: ws,
            view: ViewSettings::default(),
        },
    ];
    s.apply(Action::ImportScenarios {
        scenarios: incoming,
        saved: "2026-11-28 09:00".into(),
    });
    assert_eq!(&s.scenarios[..2], &kept[..]);
    assert_eq!(s.scenarios.len(), 4);
    assert_eq!(s.scenarios[2].named.name, "Workshop A (2)");
    assert_eq!(s.scenarios[2].named.workspace.simulation.seed, 5);
    assert_eq!(s.scenarios[3].named.name, "New one");
    assert_eq!(s.scenarios[3].saved, "2026-11-28 09:00");
    let ids: std::collections::BTreeSet<u32> = s.scenarios.iter().map(|x| x.id).collect();
    assert_eq!(ids.len(), 4, "ids stay unique");
}

#[test]
fn a_shared_scenario_never_replaces_the_persons_own_work() {
    let mut s = state();
    s.apply(Action::SetSimTrials(500));
    s.apply(Action::SetSimSeed(4));
    s.apply(Action::ShowPaths(true));
    let mine = s.workspace.clone();
    let mut theirs = Workspace::default();
    theirs.drivers.insert("cic_growth".into(), 4.5);
    s.apply(Action::OpenShared {
        workspace: Box::new(theirs.clone()),
        view: ViewSettings::default(),
        notes: vec!["made with another dataset".into()],
    });
    let theirs = theirs.normalised(&s.dataset);
    assert_eq!(s.workspace, theirs.clone());
    assert!(!s.view.show_paths);
    assert_eq!(s.own_work().0, &mine);
    assert!(
        !s.history.can_undo(),
        "the shared scenario starts its own history"
    );
    // Edits apply to the shared scenario; undo walks its own history.
    s.apply(Action::SetSimSeed(77));
    s.apply(Action::Undo);
    assert_eq!(s.workspace, theirs.clone());
    // Saving it as a named scenario keeps it, and the person's work still waits.
    s.apply(Action::SaveScenario {
        name: "From the link".into(),
        note: String::new(),
        saved: "2026-11-27 21:00".into(),
    });
    assert_eq!(s.shared.as_ref().unwrap().saved_as, Some(1));
    assert_eq!(s.scenarios[0].named.workspace, theirs.clone());
    s.apply(Action::BackToMyWork);
    assert!(s.shared.is_none());
    assert_eq!(s.workspace, mine);
    assert!(s.view.show_paths, "their own view comes back");
    s.apply(Action::Undo);
    assert_eq!(
        (s.workspace.simulation.trials, s.workspace.simulation.seed),
        (500, SimSettings::default().seed),
        "with its undo history"
    );
}

#[test]
fn keeping_a_shared_scenario_leaves_the_own_work_one_undo_away() {
    let mut s = state();
    s.apply(Action::SetSimSeed(3));
    let mine = s.workspace.clone();
    let mut theirs = Workspace::default();
    theirs.simulation.seed = 9;
    s.apply(Action::OpenShared {
        workspace: Box::new(theirs.clone()),
        view: ViewSettings::default(),
        notes: vec![],
    });
    // A second link replaces the first shared one, never the person's work.
    let mut third = Workspace::default();
    third.simulation.seed = 10;
    s.apply(Action::OpenShared {
        workspace: Box::new(third.clone()),
        view: ViewSettings::default(),
        notes: vec![],
    });
    assert_eq!(s.own_work().0, &mine);
    s.apply(Action::KeepShared);
    assert!(s.shared.is_none());
    assert_eq!(s.workspace, third);
    s.apply(Action::Undo);
    assert_eq!(s.workspace, mine);
}

#[test]
fn opening_a_named_scenario_over_a_shared_one_brings_the_own_work_back_first() {
    let mut s = named_state();
    let mine = s.workspace.clone();
    s.apply(Action::OpenShared {
        workspace: Box::new(Workspace::default()),
        view: ViewSettings::default(),
        notes: vec![],
    });
    s.apply(Action::OpenSaved(1));
    assert!(s.shared.is_none());
    assert_eq!(s.workspace.simulation.seed, 11);
    // The shared scenario is closed with a word saying so and how to see it again.
    assert_eq!(
        super::opened_words("Workshop A", true, true),
        "“Workshop A” is open in place of the shared scenario, which was not kept: open its link again to see it. Undo goes back to your own work, which is also kept as a copy in this browser."
    );
    assert_eq!(
        super::opened_words("Workshop A", false, false),
        "Opened “Workshop A”. The work it replaced is one Undo away."
    );
    s.apply(Action::Undo);
    assert_eq!(s.workspace, mine);
}

#[test]
fn another_tabs_save_behind_a_shared_scenario_updates_the_waiting_work() {
    let mut s = state();
    saved(&mut s, 1);
    s.apply(Action::OpenShared {
        workspace: Box::new(Workspace::default()),
        view: ViewSettings::default(),
        notes: vec![],
    });
    s.apply(Action::SetSimSeed(42));
    let on_screen = s.workspace.clone();
    let other = other_tab(&s, 2, "Director of People");
    s.apply(Action::OtherTabSaved(other.clone()));
    assert_eq!(
        s.workspace, on_screen,
        "the shared scenario stays on screen"
    );
    assert!(s.saving.conflict.is_none());
    assert_eq!(s.own_work().0, &other.workspace.normalised(&s.dataset));
    assert_eq!(s.saving.revision, 2);
}

/// The excess sensitivities cost a hundred stress runs: an edit does not work them out,
/// the first use does, and they are the same as working them out directly; while the
/// stress results are unchanged they are kept, not worked out again.
#[test]
fn excess_sensitivities_are_worked_out_on_first_use_and_kept() {
    let mut s = state();
    s.apply(Action::ApplyPreset(0));
    assert!(
        s.workspace.stress.len() >= 2,
        "the first preset has several risks"
    );
    s.apply(Action::SetDriver {
        key: "cic_growth".into(),
        value: 4.0,
    });
    assert!(!s.derived.excess_ready(), "an edit leaves them for later");
    let lazy = s.derived.excess_sensitivities(&s.dataset);
    assert!(s.derived.excess_ready());
    let ws = &s.workspace;
    let direct = scenario::excess_sensitivities(
        scenario::Inputs {
            ds: &s.dataset,
            consequences: &s.derived.consequences,
            edits: &ws.drivers,
            register: &ws.register,
            managed: ws.simulation.management,
        },
        &ws.stress,
    );
    assert_eq!(*lazy, direct);
    // Selecting a risk changes nothing the stress results rest on: they are kept.
    s.apply(Action::Select(Some(r1())));
    assert!(s.derived.excess_ready());
    assert!(Rc::ptr_eq(
        &lazy,
        &s.derived.excess_sensitivities(&s.dataset)
    ));
    // A driver change makes new ones, worked out again on first use.
    s.apply(Action::SetDriver {
        key: "cic_growth".into(),
        value: 3.0,
    });
    assert!(!s.derived.excess_ready());
    assert_ne!(*lazy, *s.derived.excess_sensitivities(&s.dataset));
}

#[test]
fn a_lone_change_reruns_at_once_and_a_quick_run_of_changes_waits_for_the_pause() {
    use super::{rerun_delay_ms, RERUN_PAUSE_MS};
    let pause = RERUN_PAUSE_MS as u32;
    // The first change, or one after a quiet spell: at once, run in flight or not.
    for in_flight in [false, true] {
        assert_eq!(rerun_delay_ms(1_000.0, None, in_flight), 0);
        assert_eq!(rerun_delay_ms(5_000.0, Some(1_000.0), in_flight), 0);
        assert_eq!(
            rerun_delay_ms(1_000.0 + RERUN_PAUSE_MS, Some(1_000.0), in_flight),
            0
        );
        // A clock that went backwards is not a quick run of changes.
        assert_eq!(rerun_delay_ms(1_000.0, Some(2_000.0), in_flight), 0);
    }
    for gap in [0.0, 16.7, 100.0, RERUN_PAUSE_MS - 0.1] {
        // A slider dragged (a change every frame) while the last change's run is waiting
        // or under way: each change waits for the pause.
        assert_eq!(
            rerun_delay_ms(1_000.0 + gap, Some(1_000.0), true),
            pause,
            "{gap}"
        );
        // Changes in quick succession, each after the last one's results are in: at once.
        assert_eq!(
            rerun_delay_ms(1_000.0 + gap, Some(1_000.0), false),
            0,
            "{gap}"
        );
    }
}

#[test]
fn the_runs_end_keeps_the_main_results_it_repeats() {
    use crate::model::simulation::job::FromWorker;
    let mut s = state();
    let mut req = Workspace::default().sim_request();
    req.settings.trials = 200;
    let out = req.run(&s.dataset);
    s.apply(Action::SimStarted {
        id: 3,
        request: Box::new(req.clone()),
    });
    s.apply(Action::SimHeard(Box::new(FromWorker::Main {
        id: 3,
        summary: Box::new(out.summary.clone()),
        elapsed_ms: 1.0,
    })));
    let main = s.sim.summary.clone().expect("the main result");
    assert!(s.sim.by_rating.is_none());
    s.apply(Action::SimHeard(Box::new(FromWorker::Done {
        id: 3,
        output: Box::new(out.clone()),
        elapsed_ms: 2.0,
    })));
    // The same summary: the very one shown (so its charts are not drawn again), with the
    // ratings side by side added.
    assert!(Rc::ptr_eq(&main, s.sim.summary.as_ref().unwrap()));
    assert_eq!(s.sim.by_rating.as_deref(), Some(&out.by_rating));
    assert!(!s.sim.is_running());
    // A different summary at the end replaces it.
    let mut other = out.clone();
    other.summary.trials += 1;
    s.apply(Action::SimStarted {
        id: 4,
        request: Box::new(req.clone()),
    });
    s.apply(Action::SimHeard(Box::new(FromWorker::Done {
        id: 4,
        output: Box::new(other.clone()),
        elapsed_ms: 2.0,
    })));
    assert_eq!(s.sim.summary.as_deref(), Some(&other.summary));
}

#[test]
fn progress_waits_a_quarter_second_from_the_start_then_comes_four_times_a_second() {
    use crate::state::{progress_due, PROGRESS_MS};
    // A run over within a quarter of a second never redraws for progress.
    assert!(!progress_due(1000.0, 1000.0, None));
    assert!(!progress_due(1000.0 + PROGRESS_MS - 1.0, 1000.0, None));
    assert!(progress_due(1000.0 + PROGRESS_MS, 1000.0, None));
    // After that, at most every PROGRESS_MS.
    assert!(!progress_due(1400.0, 1000.0, Some(1300.0)));
    assert!(progress_due(1550.0, 1000.0, Some(1300.0)));
}
