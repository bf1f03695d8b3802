use super::*;
use crate::model::{Rating, RiskId};
use crate::state::{Action, AppState};
use std::sync::OnceLock;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::builtin().expect("built-in dataset"))
}

/// A scenario made the way a person makes it: actions on a fresh state.
fn made(actions: Vec<Action>) -> Workspace {
    let mut s = AppState::new(Rc::new(Dataset::builtin().unwrap()));
    for a in actions {
        s.apply(a);
    }
    s.workspace
}

fn mine() -> Workspace {
    made(vec![
        Action::SetRating {
            risk: RiskId::new("R3"),
            kind: RatingKind::Current,
            rating: Rating::new(5, 5).unwrap(),
        },
        Action::ApplyPreset(0),
        Action::SetDriver {
            key: ds().drivers.drivers[0].key.clone(),
            value: ds().drivers.drivers[0].max,
        },
    ])
}

#[test]
fn each_figure_is_the_one_its_own_page_shows() {
    let (base, mine, view) = (Workspace::default(), mine(), ViewSettings::default());
    let items: Vec<Compared> = vec![
        ("Baseline".into(), &base, &view),
        ("Mine".into(), &mine, &view),
    ];
    let c = compare(ds(), &items, &[]);
    // The working scenario's own pages, as the app derives them.
    let mut s = AppState::new(Rc::new(Dataset::builtin().unwrap()));
    s.apply(Action::OpenScenario(Box::new(mine.clone())));
    let own_drivers = drivers::figures(&ds().drivers, &s.derived.projection);
    let own_stress: Vec<KeyFigure> = scenarios::groups(ds(), &s.derived.stress)
        .into_iter()
        .flat_map(|g| g.figures)
        .collect();
    let row = |id: &str| c.rows.iter().find(|r| r.id == id).unwrap();
    for id in ["five-year-gap", "last-gap", "children"] {
        let f = own_drivers.iter().find(|f| f.id == id).unwrap();
        assert_eq!(row(id).cells[1], format::quantity(&f.value), "{id}");
        assert_eq!(row(id).label, f.label);
    }
    for id in ["together", "excess"] {
        let f = own_stress.iter().find(|f| f.id == id).unwrap();
        assert_eq!(row(id).cells[1], format::quantity(&f.value), "{id}");
    }
    // The baseline's are the defaults'.
    let base_gap = drivers::figures(&ds().drivers, &s.derived.baseline);
    let f = base_gap.iter().find(|f| f.id == "five-year-gap").unwrap();
    assert_eq!(row("five-year-gap").cells[0], format::quantity(&f.value));
    // Differences are written with their sign and a word.
    let d = &row("together").differences[0];
    assert!(d.starts_with('+') && d.ends_with("worse"), "{d}");
    assert_eq!(row("above-appetite").cells.len(), 2);
    // Simulation rows wait for their results.
    assert!(c.rows.iter().all(|r| r.id != "threshold"));
    assert!(c
        .headline
        .starts_with("Against Baseline, the five-year net outturn"));
    assert!(c.headline.contains("higher in Mine"), "{}", c.headline);
}

#[test]
fn simulated_figures_come_from_each_run_and_wait_for_missing_ones() {
    let (base, mine, view) = (Workspace::default(), mine(), ViewSettings::default());
    let items: Vec<Compared> = vec![
        ("Baseline".into(), &base, &view),
        ("Mine".into(), &mine, &view),
    ];
    let mut req = sim_requests(&items);
    assert_eq!(req[0].settings.seed, req[1].settings.seed);
    req[0].settings.trials = 500;
    let s0 = Rc::new(req[0].run(ds()).summary);
    let c = compare(ds(), &items, &[Some(Rc::clone(&s0)), None]);
    let row = c.rows.iter().find(|r| r.id == "threshold").unwrap();
    let own = simulation::figures(ds(), &s0);
    let f = own.iter().find(|f| f.id == "threshold").unwrap();
    assert_eq!(row.cells[0], format::quantity(&f.value));
    assert_eq!(row.cells[1], "not yet simulated");
    assert_eq!(row.differences[0], crate::charts::kit::dash());
}

#[test]
fn what_differs_is_said_in_plain_words_both_ways() {
    let base = Workspace::default();
    let mine = mine();
    let lines = differences(ds(), "Baseline", &base, "Mine", &mine);
    let r3 = lines
        .iter()
        .find(|l| l.contains("R3") && l.contains("current rating"))
        .expect("the R3 rating is listed");
    assert!(r3.ends_with("= 25 in Mine"), "{r3}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Stress scenario") && l.contains("not chosen in Baseline")));
    // Two scenarios that both differ from the defaults, in the same way, do not differ.
    assert!(differences(ds(), "A", &mine, "B", &mine).is_empty());
    // Pairwise: a setting both changed, to different values, names both values.
    let mut other = mine.clone();
    other.stress.clear();
    let lines = differences(ds(), "A", &mine, "B", &other);
    assert!(
        lines.iter().all(|l| l.starts_with("Stress scenario")),
        "{lines:?}"
    );
    let c = compare(
        ds(),
        &[
            ("A".into(), &mine, &ViewSettings::default()),
            ("B".into(), &mine, &ViewSettings::default()),
        ],
        &[],
    );
    assert_eq!(
        c.differs[0].lines,
        ["Nothing: the two have the same settings."]
    );
}

#[test]
fn three_scenarios_share_one_look_and_every_chart_is_clean() {
    let (base, mine, view) = (Workspace::default(), mine(), ViewSettings::default());
    let mut third = mine.clone();
    third.stress.clear();
    let items: Vec<Compared> = vec![
        ("Baseline".into(), &base, &view),
        ("Mine".into(), &mine, &view),
        ("Mine without stress".into(), &third, &view),
    ];
    let c = compare(ds(), &items, &[]);
    assert_eq!(c.differs.len(), 2);
    assert_eq!(c.scenarios.len(), 3);
    assert!(c
        .rows
        .iter()
        .all(|r| r.cells.len() == 3 && r.differences.len() == 2));
    for ch in c.charts.iter().chain(c.scenarios.iter().map(|s| &s.chart)) {
        crate::charts::kit::assert_clean(ch, &[]);
    }
    let pos = c
        .charts
        .iter()
        .find(|c| c.id == "compare-positions")
        .unwrap();
    assert!(pos.title.contains("R3"), "{}", pos.title);
    assert!(c.scenarios[1]
        .headline
        .starts_with("Mine: a five-year gap of"));
}
