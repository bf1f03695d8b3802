//! The one application state, the actions that change it and the reducer.
//!
//! Pure: no web types. The UI wraps [`AppState`] in Yew's `Reducible` and dispatches
//! [`Action`]s; everything that changes what the user sees goes through [`AppState::apply`].

mod history;
mod scenarios;
pub mod switch;

pub use history::History;
pub use scenarios::opened_words;
pub use scenarios::{Deleted, LibraryStatus, SavedScenario, SharedView};

use crate::model::consequences::{Consequences, SeverityPoint};
use crate::model::drivers::DriverGroup;
use crate::model::edits::Difference;
use crate::model::edits::{
    self, edge_key, ConsequenceEdits, ConsequenceKey, DriverEdits, InteractionEdits, ShockKey,
};
use crate::model::interactions::Strength;
use crate::model::projection::{self, Projection, Sensitivity};
use crate::model::scenario::{self, ExcessSensitivity, StressEvent, StressResult};
use crate::model::simulation::job::FromWorker;
use crate::model::simulation::{RatingDigest, SimRequest, SimSettings, Summary, MAX_TRIALS};
use crate::model::sizing::{self, Sizing};
use crate::model::{Dataset, Rating, RatingKind, RegisterEdits, RiskId};
use crate::share::file::Named;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::rc::Rc;

/// The user's work: everything that is saved, shared and undone. Only differences from
/// the dataset's defaults are stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    #[serde(default)]
    pub register: RegisterEdits,
    /// Driver values that differ from the defaults, keyed by driver, in display units.
    #[serde(default, skip_serializing_if = "DriverEdits::is_empty")]
    pub drivers: DriverEdits,
    /// The stress scenario: which risks crystallise, when and how badly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stress: Vec<StressEvent>,
    /// Changes to the consequences of risks (shock sizes, severity factors).
    #[serde(default, skip_serializing_if = "ConsequenceEdits::is_empty")]
    pub consequences: ConsequenceEdits,
    /// Changed links between risks, keyed "R3>R4".
    #[serde(default, skip_serializing_if = "InteractionEdits::is_empty")]
    pub interactions: InteractionEdits,
    /// How the simulation runs (trials, seed, rating, threshold).
    #[serde(default, skip_serializing_if = "is_default_sim")]
    pub simulation: SimSettings,
}

fn is_default_sim(s: &SimSettings) -> bool {
    *s == SimSettings::default()
}

impl Workspace {
    /// What the simulation is asked to run for this work.
    pub fn sim_request(&self) -> SimRequest {
        SimRequest {
            settings: self.simulation.clone(),
            drivers: self.drivers.clone(),
            register: self.register.ratings_only(),
            consequences: self.consequences.clone(),
            interactions: self.interactions.clone(),
        }
    }

    /// Every setting that differs from the defaults, in the order the app shows them.
    pub fn differences(&self, dataset: &Dataset) -> Vec<Difference> {
        let mut out = self.register.differences(dataset);
        for e in &self.stress {
            out.push(Difference::Stress(e.clone()));
        }
        for (key, now) in &self.consequences {
            if let Some(default) = dataset.consequences.default_for(key) {
                out.push(Difference::Consequence {
                    key: key.clone(),
                    now: *now,
                    default,
                });
            }
        }
        for (key, now) in &self.interactions {
            out.push(Difference::Interaction {
                from: key.from.clone(),
                to: key.to.clone(),
                now: *now,
                default: dataset.interactions.default_strength(&key.from, &key.to),
            });
        }
        let (sim, d) = (&self.simulation, SimSettings::default());
        let mut sim_diff = |what: &str, now: String, default: String| {
            if now != default {
                out.push(Difference::Simulation {
                    what: what.to_string(),
                    now,
                    default,
                });
            }
        };
        sim_diff("trials", sim.trials.to_string(), d.trials.to_string());
        sim_diff("seed", sim.seed.to_string(), d.seed.to_string());
        sim_diff(
            "rating",
            sim.rating.label().to_lowercase(),
            d.rating.label().to_lowercase(),
        );
        sim_diff(
            "interactions",
            if sim.interactions { "on" } else { "off" }.into(),
            "on".into(),
        );
        sim_diff(
            "threshold",
            crate::format::gbp_m(sim.threshold),
            crate::format::gbp_m(d.threshold),
        );
        sim_diff(
            "management action and re-basing",
            if sim.management {
                "on"
            } else {
                "off, unmanaged figures"
            }
            .into(),
            if d.management { "on" } else { "off" }.into(),
        );
        for spec in &dataset.drivers.drivers {
            if let Some(now) = self.drivers.get(&spec.key) {
                out.push(Difference::Driver {
                    key: spec.key.clone(),
                    now: *now,
                    default: spec.default,
                });
            }
        }
        out
    }

    /// [`Workspace::normalised`], with a line in plain words for each change that alters
    /// what the work says: an edit this dataset does not know (dropped), a value brought
    /// into its range, an owner's name cut to length. Loading a saved state uses it so
    /// that nothing is changed silently. Edits equal to a default vanish without a word:
    /// they changed nothing.
    pub fn normalised_with_notes(self, dataset: &Dataset) -> (Workspace, Vec<String>) {
        let raw = self.clone();
        let kept = self.normalised(dataset);
        let mut notes = Vec::new();
        // A value as found in the save (it may be huge or not a number at all).
        let found = |v: f64| {
            if !v.is_finite() {
                "not a number".to_string()
            } else if v.abs() >= 1e9 {
                format!("{v:e}")
            } else {
                crate::format::box_number(v, 0)
            }
        };
        // An id the register does not have came from the save: quoted, and cut short.
        let name = |id: &RiskId| match dataset.risk(&id.0) {
            Some(_) => crate::format::risk_name(dataset, id),
            None => format!("“{}”", id.0.chars().take(20).collect::<String>()),
        };
        for (id, e) in &raw.register.risks {
            match dataset.risk(&id.0) {
                None => notes.push(format!(
                    "Changes to {}, a risk this register does not have, were left out.",
                    name(id)
                )),
                Some(r) => {
                    let owner_cut = e.owner.as_ref().is_some_and(|o| {
                        o.chars().count() > crate::model::register::MAX_OWNER_CHARS
                    });
                    if owner_cut {
                        notes.push(format!(
                            "The owner of {} was cut to its first {} characters.",
                            name(&r.id),
                            crate::model::register::MAX_OWNER_CHARS
                        ));
                    }
                }
            }
        }
        if let (Some(a), Some(b)) = (raw.register.appetite, kept.register.appetite) {
            if a != b {
                notes.push(format!(
                    "The risk appetite {a} became {b} (scores run from 1 to {}).",
                    dataset.scales.max_score()
                ));
            }
        }
        for (key, v) in &raw.drivers {
            match dataset.drivers.driver(key) {
                None => notes.push(format!(
                    "A setting this version does not have (“{}”) was left out.",
                    key.chars().take(40).collect::<String>()
                )),
                Some(spec) => {
                    let now = kept.drivers.get(key).copied().unwrap_or(spec.default);
                    if !v.is_finite() || (now - v).abs() > 1e-9 {
                        notes.push(format!(
                            "{} was {}, outside what it can be; it is now {}.",
                            spec.label,
                            found(*v),
                            crate::format::driver_value(spec, now)
                        ));
                    }
                }
            }
        }
        for (key, v) in &raw.consequences {
            match dataset.consequences.default_for(key) {
                None => notes.push(format!(
                    "A change to a shock this dataset does not have (“{key}”) was left out."
                )),
                Some(default) => {
                    let now = kept.consequences.get(key).copied().unwrap_or(default);
                    if !v.is_finite() || (now - v).abs() > 1e-9 {
                        notes.push(format!(
                            "The shock “{key}” was {}, outside what it can be; it is now {}.",
                            found(*v),
                            crate::format::box_number(now, 0)
                        ));
                    }
                }
            }
        }
        for key in raw.interactions.keys() {
            if dataset.risk(&key.from.0).is_none() || dataset.risk(&key.to.0).is_none() {
                notes.push(format!(
                    "A link between risks this register does not have ({key}) was left out."
                ));
            }
        }
        for e in &raw.stress {
            match kept.stress.iter().find(|k| k.risk == e.risk) {
                None => notes.push(format!(
                    "{} was taken out of the stress scenario: this register does not have it.",
                    name(&e.risk)
                )),
                Some(k) if k.year != e.year => notes.push(format!(
                    "{} now crystallises in the last year of the plan (year {} is beyond it).",
                    name(&e.risk),
                    e.year.saturating_add(1)
                )),
                Some(_) => {}
            }
        }
        let (a, b) = (&raw.simulation, &kept.simulation);
        if a.trials != b.trials {
            notes.push(format!(
                "The simulation's {} trials became {} (the range is 1 to 1,000,000).",
                crate::format::count(u64::from(a.trials)),
                crate::format::count(u64::from(b.trials))
            ));
        }
        if a.threshold.to_bits() != b.threshold.to_bits() {
            notes.push(format!(
                "The simulation's threshold became {}.",
                crate::format::gbp_m(b.threshold)
            ));
        }
        (kept, notes)
    }

    /// Drops edits this dataset does not know, or that equal its defaults, and clamps
    /// driver values into their ranges.
    pub fn normalised(self, dataset: &Dataset) -> Workspace {
        let horizon = dataset.drivers.horizon_years as usize;
        let mut stress: Vec<StressEvent> = Vec::new();
        for e in self.stress {
            if dataset.risk(&e.risk.0).is_some() && !stress.iter().any(|x| x.risk == e.risk) {
                stress.push(StressEvent {
                    year: e.year.min(horizon - 1),
                    ..e
                });
            }
        }
        Workspace {
            register: self.register.normalised(dataset),
            drivers: edits::normalise_drivers(self.drivers, dataset),
            stress,
            consequences: edits::normalise_consequences(self.consequences, dataset),
            interactions: edits::normalise_interactions(self.interactions, dataset),
            simulation: self.simulation.cleaned(),
        }
    }
}

/// The pages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Page {
    #[default]
    Register,
    Map,
    Drivers,
    Scenarios,
    Simulation,
    Compare,
    Method,
    About,
    /// The board pack to print (not in the navigation: the header's "Print board pack").
    Pack,
}

impl Page {
    pub const ALL: [Page; 8] = [
        Page::Register,
        Page::Map,
        Page::Drivers,
        Page::Scenarios,
        Page::Simulation,
        Page::Compare,
        Page::Method,
        Page::About,
    ];

    /// The fragment slug: `#/map`.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Register => "register",
            Page::Map => "map",
            Page::Drivers => "drivers",
            Page::Scenarios => "scenarios",
            Page::Simulation => "simulation",
            Page::Compare => "compare",
            Page::Method => "method",
            Page::About => "about",
            Page::Pack => "pack",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Register => "Risk register",
            Page::Map => "Heat map",
            Page::Drivers => "Demand and finance",
            Page::Scenarios => "Stress scenarios",
            Page::Simulation => "Simulation",
            Page::Compare => "Compare scenarios",
            Page::Method => "How it is worked out",
            Page::About => "About and sources",
            Page::Pack => "Board pack",
        }
    }

    /// The short name in the navigation bar (the page heading says more).
    pub fn nav_label(self) -> &'static str {
        match self {
            Page::Register => "Register",
            Page::Map => "Heat map",
            Page::Drivers => "Demand & finance",
            Page::Scenarios => "Scenarios",
            Page::Simulation => "Simulation",
            Page::Compare => "Compare",
            Page::Method => "How it works",
            Page::About => "About & sources",
            Page::Pack => "Board pack",
        }
    }

    /// Pages whose content later work delivers; shown in the menu, marked as coming.
    pub fn available(self) -> bool {
        true
    }

    /// The page a fragment names; unknown or empty fragments fall back to the register.
    pub fn from_fragment(fragment: &str) -> Page {
        let slug = fragment
            .trim_start_matches('#')
            .trim_start_matches('/')
            .split(['/', '?'])
            .next()
            .unwrap_or("");
        Page::ALL
            .into_iter()
            .chain([Page::Pack])
            .find(|p| p.slug() == slug)
            .unwrap_or_default()
    }
}

/// How the user is looking at things: not undone, but remembered across reloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ViewSettings {
    /// Which rating the heat map places risks by.
    pub map_rating: RatingKind,
    /// Draw each risk's path inherent → current → target on the map.
    pub show_paths: bool,
    /// The risk whose detail is open.
    pub selected: Option<RiskId>,
}

impl Default for ViewSettings {
    fn default() -> Self {
        ViewSettings {
            map_rating: RatingKind::Current,
            show_paths: false,
            selected: None,
        }
    }
}

/// A message for the user about something that happened outside their control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_problem: bool,
}

/// Everything the user changes, one action at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetRating {
        risk: RiskId,
        kind: RatingKind,
        rating: Rating,
    },
    /// Move a rating by whole steps (keyboard on the map).
    MoveRating {
        risk: RiskId,
        kind: RatingKind,
        d_likelihood: i32,
        d_impact: i32,
    },
    SetOwner {
        risk: RiskId,
        owner: String,
    },
    SetAppetite(u8),
    /// Raise (+1) or lower (−1) the appetite threshold, staying within the scores.
    StepAppetite(i8),
    /// Set a driver, in its display unit (3.5 for 3.5%).
    SetDriver {
        key: String,
        value: f64,
    },
    ResetDriverGroup(DriverGroup),
    ResetDrivers,
    /// Add a risk to the stress scenario (in 2026/27, most likely), or take it out.
    ToggleStressRisk(RiskId),
    SetStressYear {
        risk: RiskId,
        year: usize,
    },
    SetStressPoint {
        risk: RiskId,
        point: SeverityPoint,
    },
    /// Replace the scenario with a preset from the dataset.
    ApplyPreset(usize),
    ClearStress,
    /// Change one value of one of a risk's shocks.
    SetShock {
        key: ShockKey,
        value: f64,
    },
    /// Put a risk's shocks back to the dataset's.
    ResetShocks(RiskId),
    /// Put every shock back to the dataset's.
    ResetConsequences,
    ResetRisk(RiskId),
    ResetAll,
    Undo,
    Redo,
    Select(Option<RiskId>),
    SetMapRating(RatingKind),
    ShowPaths(bool),
    /// Replace the work with a saved one (autosave on start-up).
    Restore {
        workspace: Workspace,
        view: ViewSettings,
    },
    /// Replace the work on screen with a scenario opened from a file (undoable, like an
    /// edit; the caller keeps the replaced work as a copy first).
    OpenScenario(Box<Workspace>),
    Notify(Notice),
    DismissNotice,
    /// The latest autosave failed; the message says why. Shown beside any other notice
    /// until a save works again.
    SaveFailed(String),
    /// A save worked (clears a save problem).
    SaveWorked,
    /// The saved work could not be read nor copied aside: hold every save until the
    /// person decides, so the only copy is never overwritten.
    HoldSaves,
    /// The person chose to save their work over the unreadable save.
    ReleaseSaves,
    /// This tab saved `workspace` as revision `revision` (or loaded it at start-up).
    Saved {
        revision: u64,
        workspace: Box<Workspace>,
    },
    /// Another tab saved newer work: followed at once when this tab has no edits of its
    /// own since its last save; otherwise the person is asked which to keep.
    OtherTabSaved(OtherWork),
    /// Keep this tab's work (the other tab's is kept as a named copy by the caller).
    KeepMine,
    /// Take the other tab's work (this tab's is kept as a named copy by the caller).
    TakeTheirs,
    /// Keep the work on screen as a named scenario; `saved` is when ("YYYY-MM-DD HH:MM").
    SaveScenario {
        name: String,
        note: String,
        saved: String,
    },
    RenameScenario {
        id: u32,
        name: String,
        note: String,
    },
    /// A copy of a named scenario, just after it, named "… (copy)".
    DuplicateScenario(u32),
    /// Delete a named scenario (the last one deleted can be put back).
    DeleteScenario(u32),
    /// Put back the named scenario deleted last, where it was.
    RestoreDeleted,
    /// Open a named scenario in place of the work on screen (undoable, like an edit).
    OpenSaved(u32),
    /// Add scenarios from a file as new named scenarios (never over a kept one).
    ImportScenarios {
        scenarios: Vec<Named>,
        saved: String,
    },
    /// The named scenarios as read from storage (at start-up, or written by another tab).
    LoadScenarios(Vec<SavedScenario>),
    /// Writing the named scenarios failed (the message says why), or worked again (None).
    LibraryProblem(Option<String>),
    /// The stored list could not be read nor copied aside: hold (true) every write of it
    /// until the person chooses to write over it (false).
    HoldLibrary(bool),
    /// Show a scenario from a share link in place of the work on screen, which waits
    /// (with its view and undo history) until "Back to my work". Not autosaved.
    OpenShared {
        workspace: Box<Workspace>,
        view: ViewSettings,
        notes: Vec<String>,
    },
    /// Leave the shared scenario and put the person's own work back.
    BackToMyWork,
    /// Make the shared scenario the work (the person's own is one Undo away).
    KeepShared,
    /// Simulation settings.
    SetSimTrials(u32),
    SetSimSeed(u64),
    /// The next seed in the fixed sequence.
    NextSimSeed,
    SetSimRating(RatingKind),
    SetSimInteractions(bool),
    /// Whether management action and re-basing apply (off: the unmanaged figures).
    SetSimManagement(bool),
    SetSimThreshold(f64),
    /// Set the strength of the link from one risk to another.
    SetInteraction {
        from: RiskId,
        to: RiskId,
        strength: Strength,
    },
    ResetInteractions,
    /// A run was sent to the worker with this id (the state's `sim.next_id`).
    SimStarted {
        id: u32,
        request: Box<SimRequest>,
    },
    /// The worker said something.
    SimHeard(Box<FromWorker>),
    /// The run was cancelled by the user.
    SimCancelled,
    /// Compare: put `scenario` in slot `slot` (a new slot at the end when `slot` is past
    /// the last; at most [`MAX_COMPARED`]).
    ComparePick {
        slot: usize,
        scenario: ScenarioRef,
    },
    /// Compare: take the scenario in this slot out (two always stay).
    CompareDrop(usize),
    /// A compared scenario's simulation was sent to the worker with this id.
    CompareSimStarted {
        id: u32,
        request: Box<SimRequest>,
    },
    /// Presenter mode: start at the first panel, keeping the work as it is now for reset.
    PresentStart,
    /// Presenter mode: show panel `i` (the view keeps it within its panels).
    PresentGo(usize),
    /// Presenter mode: put the work back as it was when presenting started (undoable).
    PresentReset,
    PresentExit,
}

/// Most scenarios compared at once.
pub const MAX_COMPARED: usize = 3;

/// Most simulation results kept for compared scenarios (the oldest go first).
pub const KEPT_COMPARE_RUNS: usize = 8;

/// A scenario that can be compared: the defaults, the work on screen, or a named one
/// (by its id in the saved scenarios).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScenarioRef {
    Baseline,
    Working,
    Saved(u32),
}

/// What is compared and the compared scenarios' simulations: not saved, not undone.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparing {
    /// Two or three scenarios; the first is the one the others are set against.
    pub picked: Vec<ScenarioRef>,
    /// Simulation results by request, oldest first (reused while a request is unchanged).
    pub results: Vec<(SimRequest, Rc<Summary>)>,
    /// The run under way and what it was asked.
    pub running: Option<(u32, SimRequest)>,
    /// Trials done and to do in the run under way.
    pub progress: (u64, u64),
    /// A run that failed (not asked again by itself).
    pub failed_for: Option<SimRequest>,
}

impl Default for Comparing {
    fn default() -> Self {
        Comparing {
            picked: vec![ScenarioRef::Baseline, ScenarioRef::Working],
            results: Vec::new(),
            running: None,
            progress: (0, 0),
            failed_for: None,
        }
    }
}

impl Comparing {
    /// The result kept for `request`, if any.
    pub fn result(&self, request: &SimRequest) -> Option<&Rc<Summary>> {
        self.results
            .iter()
            .rev()
            .find(|(r, _)| r == request)
            .map(|(_, s)| s)
    }

    /// The next of `wanted` to run, one after another in order: none while a run is
    /// under way or when every one has its result.
    pub fn next<'a>(&self, wanted: &'a [SimRequest]) -> Option<&'a SimRequest> {
        if self.running.is_some() {
            return None;
        }
        wanted
            .iter()
            .find(|r| self.result(r).is_none() && self.failed_for.as_ref() != Some(*r))
    }

    /// How many of `wanted` have their results.
    pub fn done(&self, wanted: &[SimRequest]) -> usize {
        wanted.iter().filter(|r| self.result(r).is_some()).count()
    }

    fn keep(&mut self, request: SimRequest, summary: Rc<Summary>) {
        self.results.retain(|(r, _)| *r != request);
        self.results.push((request, summary));
        if self.results.len() > KEPT_COMPARE_RUNS {
            self.results.remove(0);
        }
    }
}

/// Presenter mode: the panel on show and the work as it was when presenting started.
#[derive(Debug, Clone, PartialEq)]
pub struct Presenting {
    pub panel: usize,
    pub start: Workspace,
}

/// How autosaving is going: not saved, not undone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Saving {
    /// Why the latest save failed, while saves keep failing.
    pub problem: Option<String>,
    /// Saves are held back: the saved work could not be read nor copied aside, and the
    /// person has not yet chosen to save over it.
    pub held: bool,
    /// The revision of the save this tab last wrote, loaded or took from another tab. A
    /// save never overwrites a newer revision this tab has not seen.
    pub revision: u64,
    /// The work as of that save: anything since is this tab's own, not yet saved.
    pub base: Workspace,
    /// Another tab saved newer work while this tab had edits of its own not yet saved:
    /// saves wait until the person chooses which to keep (the other is kept as a copy).
    pub conflict: Option<OtherWork>,
}

/// Work another tab saved: its revision and workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherWork {
    pub revision: u64,
    pub workspace: Workspace,
}

impl Saving {
    /// Whether saves must wait (an unreadable save held, or a choice between tabs).
    pub fn waiting(&self) -> bool {
        self.held || self.conflict.is_some()
    }
}

/// A simulation re-run waits this long after a change that follows another closely while
/// the run for that one is still waiting or under way (a slider being dragged, a key held
/// down, undo pressed again and again), so that it runs once, for where the changes
/// stop, ms.
pub const RERUN_PAUSE_MS: f64 = 350.0;

/// How long to wait before starting the run a change asks for, made at `now_ms`, when the
/// change before it was at `previous_ms` and `in_flight` says whether a run is waiting to
/// start or under way: nothing after a quiet spell or once the last run is done (one
/// edit, a choice, a key press: the results come as soon as they are computed),
/// otherwise [`RERUN_PAUSE_MS`] (each further change within it starts the wait again).
pub fn rerun_delay_ms(now_ms: f64, previous_ms: Option<f64>, in_flight: bool) -> u32 {
    match previous_ms {
        Some(t) if in_flight && (0.0..RERUN_PAUSE_MS).contains(&(now_ms - t)) => {
            RERUN_PAUSE_MS as u32
        }
        _ => 0,
    }
}

/// Progress from the workers reaches the page's state at most this often, and not in a
/// run's first this-many ms. Each report redraws the page, which on a 2-core laptop takes
/// time from the workers: four a second move the bar smoothly enough, and a run that is
/// over within a quarter of a second (10,000 trials) needs no bar at all.
pub const PROGRESS_MS: f64 = 250.0;

/// Whether progress heard at `now_ms` goes to the state, for a run started at
/// `started_ms` whose progress last went at `shown_ms` (None: not yet).
pub fn progress_due(now_ms: f64, started_ms: f64, shown_ms: Option<f64>) -> bool {
    now_ms - shown_ms.unwrap_or(started_ms) >= PROGRESS_MS
}

/// The simulation's progress and latest results: not saved, not undone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimRun {
    /// The id the next run gets.
    pub next_id: u32,
    /// The run under way and what it was asked.
    pub running: Option<(u32, SimRequest)>,
    /// Trials done and to do (over the three ratings).
    pub progress: (u64, u64),
    /// The latest results at the chosen rating, and what they were computed for.
    pub summary: Option<Rc<Summary>>,
    pub by_rating: Option<Rc<Vec<RatingDigest>>>,
    pub result_for: Option<SimRequest>,
    /// Time from the start of the last run to its main result and to the end, ms.
    pub main_ms: Option<f64>,
    pub total_ms: Option<f64>,
    /// The request of a run the user stopped (not started again by itself).
    pub cancelled_for: Option<SimRequest>,
}

impl SimRun {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Whether the results shown were computed for `request`.
    pub fn is_current(&self, request: &SimRequest) -> bool {
        self.result_for.as_ref() == Some(request)
    }

    /// Whether a run for `request` is under way.
    pub fn is_running_for(&self, request: &SimRequest) -> bool {
        self.running.as_ref().is_some_and(|(_, r)| r == request)
    }

    /// Share of the work done, 0-1.
    pub fn fraction(&self) -> f64 {
        let (done, total) = self.progress;
        if total == 0 {
            0.0
        } else {
            done as f64 / total as f64
        }
    }
}

/// What an undoable edit touched, so typing into one field is one undo step.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EditKey {
    Owner(RiskId),
    Driver(String),
    Consequence(ConsequenceKey),
    SimSeed,
    SimThreshold,
}

/// Results derived from the workspace by the model, recomputed by the reducer whenever
/// the driver settings change, so components only render them.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// The driver edits these results were computed for.
    pub for_drivers: DriverEdits,
    /// The projection at the current settings.
    pub projection: Rc<Projection>,
    /// The projection at the dataset's defaults, for comparison.
    pub baseline: Rc<Projection>,
    /// The tornado: each driver across its range.
    pub sensitivities: Rc<Vec<Sensitivity>>,
    /// The register and stress scenario the stress results were computed for.
    pub for_register: RegisterEdits,
    pub for_stress: Vec<StressEvent>,
    /// Baseline, each risk alone and together, for the stress scenario.
    pub stress: Rc<StressResult>,
    /// The compounding excess with each assumption it rests on across its range: worked
    /// out on first use (`excess_sensitivities`), not on every edit, since it costs a
    /// hundred stress runs and only the scenarios view and the pack show it. Shared with
    /// the previous results while the stress results are unchanged.
    excess: Rc<OnceCell<Rc<Vec<ExcessSensitivity>>>>,
    pub for_consequences: ConsequenceEdits,
    /// The consequences in force: the dataset's with the user's edits.
    pub consequences: Rc<Consequences>,
    /// How each risk's shocks are sized at its current rating (dataset order).
    pub sizing: Rc<Vec<Sizing>>,
}

impl Derived {
    fn compute(dataset: &Dataset, ws: &Workspace, previous: Option<&Derived>) -> Self {
        let data = &dataset.drivers;
        let drivers = &ws.drivers;
        let (projection, baseline, sensitivities) = match previous {
            Some(p) if &p.for_drivers == drivers => (
                Rc::clone(&p.projection),
                Rc::clone(&p.baseline),
                Rc::clone(&p.sensitivities),
            ),
            _ => (
                Rc::new(projection::project(data, drivers)),
                previous
                    .map(|p| Rc::clone(&p.baseline))
                    .unwrap_or_else(|| Rc::new(projection::project(data, &DriverEdits::new()))),
                Rc::new(projection::sensitivities(data, drivers)),
            ),
        };
        let consequences = match previous {
            Some(p) if p.for_consequences == ws.consequences => Rc::clone(&p.consequences),
            _ => Rc::new(dataset.consequences.with_edits(&ws.consequences)),
        };
        let inputs = scenario::Inputs {
            ds: dataset,
            consequences: &consequences,
            edits: drivers,
            register: &ws.register,
            managed: ws.simulation.management,
        };
        // The register matters to the scenario only through the chosen risks' impacts, so
        // with no risks chosen a rating change reuses the results.
        let stress_unchanged = previous.is_some_and(|p| {
            p.for_drivers == *drivers
                && p.for_stress == ws.stress
                && p.for_consequences == ws.consequences
                && p.stress.managed == ws.simulation.management
                && (ws.stress.is_empty() || p.for_register == ws.register)
        });
        let (stress, excess) = match previous {
            Some(p) if stress_unchanged => (Rc::clone(&p.stress), Rc::clone(&p.excess)),
            _ => (
                Rc::new(scenario::run_stress(inputs, &ws.stress)),
                Rc::new(OnceCell::new()),
            ),
        };
        let sizing_unchanged = previous.is_some_and(|p| {
            p.for_drivers == *drivers
                && p.for_consequences == ws.consequences
                && p.for_register == ws.register
        });
        let sizing = match previous {
            Some(p) if sizing_unchanged => Rc::clone(&p.sizing),
            _ => {
                let projector = crate::model::scenario::projector(inputs);
                Rc::new(
                    dataset
                        .risks
                        .iter()
                        .map(|r| sizing::sizing_on(&projector, inputs, r, RatingKind::Current))
                        .collect(),
                )
            }
        };
        Derived {
            for_drivers: drivers.clone(),
            projection,
            baseline,
            sensitivities,
            for_register: ws.register.clone(),
            for_stress: ws.stress.clone(),
            for_consequences: ws.consequences.clone(),
            stress,
            excess,
            consequences,
            sizing,
        }
    }

    /// The compounding excess with each assumption it rests on across its range, for these
    /// results (worked out on the first call, then kept).
    pub fn excess_sensitivities(&self, dataset: &Dataset) -> Rc<Vec<ExcessSensitivity>> {
        Rc::clone(self.excess.get_or_init(|| {
            let inputs = scenario::Inputs {
                ds: dataset,
                consequences: &self.consequences,
                edits: &self.for_drivers,
                register: &self.for_register,
                managed: self.stress.managed,
            };
            Rc::new(scenario::excess_sensitivities(inputs, &self.for_stress))
        }))
    }

    /// Whether the excess sensitivities have been worked out (tests).
    pub fn excess_ready(&self) -> bool {
        self.excess.get().is_some()
    }

    fn is_for(&self, ws: &Workspace) -> bool {
        self.for_drivers == ws.drivers
            && self.for_register == ws.register
            && self.for_stress == ws.stress
            && self.for_consequences == ws.consequences
            && self.stress.managed == ws.simulation.management
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub dataset: Rc<Dataset>,
    pub workspace: Workspace,
    pub derived: Derived,
    pub view: ViewSettings,
    pub history: History<Workspace>,
    pub notice: Option<Notice>,
    pub saving: Saving,
    pub sim: SimRun,
    pub compare: Comparing,
    pub present: Option<Presenting>,
    /// The named scenarios kept in this browser, in the order shown.
    pub scenarios: Vec<SavedScenario>,
    /// The named scenario deleted last, for its Undo.
    pub deleted: Option<Deleted>,
    pub library: LibraryStatus,
    /// A scenario from a share link on screen, and the person's own work waiting.
    pub shared: Option<SharedView>,
    last_edit: Option<EditKey>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.dataset, &other.dataset)
            && self.workspace == other.workspace
            && Rc::ptr_eq(&self.derived.projection, &other.derived.projection)
            && Rc::ptr_eq(&self.derived.stress, &other.derived.stress)
            && self.view == other.view
            && self.notice == other.notice
            && self.saving == other.saving
            && self.sim == other.sim
            && self.compare == other.compare
            && self.present == other.present
            && self.history.can_undo() == other.history.can_undo()
            && self.history.can_redo() == other.history.can_redo()
            && self.scenarios == other.scenarios
            && self.deleted == other.deleted
            && self.library == other.library
            && self.shared == other.shared
    }
}

impl AppState {
    pub fn new(dataset: Rc<Dataset>) -> Self {
        let derived = Derived::compute(&dataset, &Workspace::default(), None);
        AppState {
            dataset,
            workspace: Workspace::default(),
            derived,
            view: ViewSettings::default(),
            history: History::new(200),
            notice: None,
            saving: Saving::default(),
            sim: SimRun::default(),
            compare: Comparing::default(),
            present: None,
            scenarios: Vec::new(),
            deleted: None,
            library: LibraryStatus::default(),
            shared: None,
            last_edit: None,
        }
    }

    /// Applies one action. Edits to the workspace are recorded for undo.
    pub fn apply(&mut self, action: Action) {
        let dataset = Rc::clone(&self.dataset);
        match action {
            Action::SetRating { risk, kind, rating } => {
                if let Some(r) = dataset.risk(&risk.0) {
                    let rating = rating.within(dataset.scales.levels());
                    self.edit(None, |w| w.register.set_rating(r, kind, rating));
                }
            }
            Action::MoveRating {
                risk,
                kind,
                d_likelihood,
                d_impact,
            } => {
                if let Some(r) = dataset.risk(&risk.0) {
                    let now = self.workspace.register.rating(r, kind);
                    let to = now.moved_within(d_likelihood, d_impact, dataset.scales.levels());
                    if to != now {
                        self.edit(None, |w| w.register.set_rating(r, kind, to));
                    }
                }
            }
            Action::SetOwner { risk, owner } => {
                if let Some(r) = dataset.risk(&risk.0) {
                    self.edit(Some(EditKey::Owner(risk.clone())), |w| {
                        w.register.set_owner(r, &owner)
                    });
                }
            }
            Action::SetAppetite(t) => {
                self.edit(None, |w| w.register.set_appetite(&dataset.scales, t));
            }
            Action::StepAppetite(d) => {
                let now = self.workspace.register.appetite(&dataset.scales);
                let t = now.saturating_add_signed(d);
                self.edit(None, |w| w.register.set_appetite(&dataset.scales, t));
            }
            Action::SetDriver { key, value } => {
                self.edit(Some(EditKey::Driver(key.clone())), |w| {
                    edits::set_driver(&mut w.drivers, &dataset, &key, value)
                });
            }
            Action::ResetDriverGroup(group) => self.edit(None, |w| {
                w.drivers
                    .retain(|k, _| dataset.drivers.driver(k).is_some_and(|d| d.group != group))
            }),
            Action::ResetDrivers => self.edit(None, |w| w.drivers.clear()),
            Action::ToggleStressRisk(risk) => {
                if dataset.risk(&risk.0).is_some() {
                    let year = 1.min(dataset.drivers.horizon_years as usize - 1);
                    self.edit(None, |w| {
                        if let Some(i) = w.stress.iter().position(|e| e.risk == risk) {
                            w.stress.remove(i);
                        } else {
                            w.stress.push(StressEvent {
                                risk,
                                year,
                                point: SeverityPoint::Likely,
                            });
                            // Keep register order so results read the same way every time.
                            let order =
                                |id: &RiskId| dataset.risks.iter().position(|r| &r.id == id);
                            w.stress.sort_by_key(|e| order(&e.risk));
                        }
                    })
                }
            }
            Action::SetStressYear { risk, year } => {
                let year = year.min(dataset.drivers.horizon_years as usize - 1);
                self.edit(None, |w| {
                    if let Some(e) = w.stress.iter_mut().find(|e| e.risk == risk) {
                        e.year = year;
                    }
                })
            }
            Action::SetStressPoint { risk, point } => self.edit(None, |w| {
                if let Some(e) = w.stress.iter_mut().find(|e| e.risk == risk) {
                    e.point = point;
                }
            }),
            Action::ApplyPreset(i) => {
                if let Some(p) = dataset.consequences.presets.get(i) {
                    let events = p.events.clone();
                    self.edit(None, |w| w.stress = events)
                }
            }
            Action::ClearStress => self.edit(None, |w| w.stress.clear()),
            Action::SetShock { key, value } => {
                let key = ConsequenceKey::Shock(key);
                self.edit(Some(EditKey::Consequence(key.clone())), |w| {
                    edits::set_consequence(&mut w.consequences, &dataset, &key, value)
                })
            }
            Action::ResetShocks(risk) => self.edit(None, |w| {
                w.consequences.retain(|k, _| k.risk() != Some(&risk))
            }),
            Action::ResetConsequences => self.edit(None, |w| w.consequences.clear()),
            Action::ResetRisk(id) => self.edit(None, |w| w.register.reset_risk(&id)),
            Action::ResetAll => self.edit(None, |w| *w = Workspace::default()),
            Action::Undo => {
                if let Some(prev) = self.history.undo(self.workspace.clone()) {
                    self.workspace = prev;
                }
                self.last_edit = None;
            }
            Action::Redo => {
                if let Some(next) = self.history.redo(self.workspace.clone()) {
                    self.workspace = next;
                }
                self.last_edit = None;
            }
            Action::Select(id) => {
                self.view.selected = id.filter(|id| dataset.risk(&id.0).is_some());
            }
            Action::SetMapRating(kind) => self.view.map_rating = kind,
            Action::ShowPaths(on) => self.view.show_paths = on,
            Action::Restore { workspace, view } => {
                self.workspace = workspace.normalised(&dataset);
                self.view = view;
                if let Some(id) = &self.view.selected {
                    if dataset.risk(&id.0).is_none() {
                        self.view.selected = None;
                    }
                }
                self.history.clear();
                self.last_edit = None;
            }
            Action::OpenScenario(workspace) => {
                // Over a shared scenario, the person's own work comes back first, so
                // Undo reaches it.
                self.back_to_my_work();
                let incoming = workspace.normalised(&dataset);
                self.edit(None, |w| *w = incoming);
                self.last_edit = None;
            }
            Action::Notify(n) => self.notice = Some(n),
            Action::DismissNotice => self.notice = None,
            Action::SaveFailed(why) => self.saving.problem = Some(why),
            Action::SaveWorked => self.saving.problem = None,
            Action::HoldSaves => self.saving.held = true,
            Action::ReleaseSaves => self.saving.held = false,
            Action::Saved {
                revision,
                workspace,
            } => {
                self.saving.revision = revision;
                self.saving.base = *workspace;
            }
            Action::OtherTabSaved(other) => {
                if other.revision <= self.saving.revision {
                    return;
                }
                if self.own_work().0 == &self.saving.base {
                    self.take(other, &dataset);
                } else {
                    self.saving.conflict = Some(other);
                }
            }
            Action::KeepMine => {
                if let Some(other) = self.saving.conflict.take() {
                    // Seen: the next save is newer than it, and writes this tab's work.
                    self.saving.revision = other.revision;
                }
            }
            Action::TakeTheirs => {
                if let Some(other) = self.saving.conflict.take() {
                    self.take(other, &dataset);
                }
            }
            Action::SaveScenario { name, note, saved } => {
                if self.save_scenario(&name, &note, &saved).is_none() {
                    self.notice = Some(Notice {
                        text: format!("This browser already keeps {} named scenarios, the most it can. Delete some (export them to a file first if you need them) to save another.", crate::share::file::MAX_SCENARIOS),
                        is_problem: true,
                    });
                }
            }
            Action::RenameScenario { id, name, note } => self.rename_scenario(id, &name, &note),
            Action::DuplicateScenario(id) => self.duplicate_scenario(id),
            Action::DeleteScenario(id) => self.delete_scenario(id),
            Action::RestoreDeleted => self.restore_deleted(),
            Action::OpenSaved(id) => self.open_saved(id, &dataset),
            Action::ImportScenarios { scenarios, saved } => {
                let offered = scenarios.len();
                let added = self.import_scenarios(scenarios, &saved);
                if added < offered {
                    self.notice = Some(Notice {
                        text: format!("{added} of the {offered} scenarios were added: this browser keeps at most {} named scenarios. Delete some to add the rest.", crate::share::file::MAX_SCENARIOS),
                        is_problem: true,
                    });
                }
            }
            Action::LoadScenarios(list) => {
                self.scenarios = list;
                if self
                    .deleted
                    .as_ref()
                    .is_some_and(|d| self.scenario(d.scenario.id).is_some())
                {
                    self.deleted = None;
                }
            }
            Action::LibraryProblem(p) => self.library.problem = p,
            Action::HoldLibrary(on) => self.library.held = on,
            Action::OpenShared {
                workspace,
                view,
                notes,
            } => self.open_shared(*workspace, view, notes, &dataset),
            Action::BackToMyWork => self.back_to_my_work(),
            Action::KeepShared => self.keep_shared(),
            Action::SetSimTrials(t) => {
                self.edit(None, |w| w.simulation.trials = t.clamp(1, MAX_TRIALS))
            }
            Action::SetSimSeed(seed) => {
                self.edit(Some(EditKey::SimSeed), |w| w.simulation.seed = seed)
            }
            Action::NextSimSeed => {
                let next = self.workspace.simulation.next_seed();
                self.edit(None, |w| w.simulation.seed = next)
            }
            Action::SetSimRating(kind) => self.edit(None, |w| w.simulation.rating = kind),
            Action::SetSimInteractions(on) => self.edit(None, |w| w.simulation.interactions = on),
            Action::SetSimManagement(on) => self.edit(None, |w| w.simulation.management = on),
            Action::SetSimThreshold(v) => {
                if v.is_finite() {
                    self.edit(Some(EditKey::SimThreshold), |w| {
                        w.simulation.threshold = v.clamp(-1000.0, 1000.0)
                    })
                }
            }
            Action::SetInteraction { from, to, strength } => {
                let key = edge_key(&from, &to);
                self.edit(None, |w| {
                    edits::set_interaction(&mut w.interactions, &dataset, &key, strength)
                })
            }
            Action::ResetInteractions => self.edit(None, |w| w.interactions.clear()),
            Action::SimStarted { id, request } => {
                self.sim.next_id = self.sim.next_id.max(id.wrapping_add(1));
                let trials = u64::from(request.settings.cleaned().trials);
                self.sim.running = Some((id, *request));
                self.sim.progress = (0, 3 * trials);
                self.sim.cancelled_for = None;
                // One worker runs one job: a compared scenario's run under way stops (the
                // compare page asks for it again when it is next shown).
                self.compare.running = None;
            }
            Action::ComparePick { slot, scenario } => {
                let picked = &mut self.compare.picked;
                if let Some(s) = picked.get_mut(slot) {
                    *s = scenario;
                } else if picked.len() < MAX_COMPARED {
                    picked.push(scenario);
                }
            }
            Action::CompareDrop(slot) => {
                if self.compare.picked.len() > 2 && slot < self.compare.picked.len() {
                    self.compare.picked.remove(slot);
                }
            }
            Action::CompareSimStarted { id, request } => {
                self.sim.next_id = self.sim.next_id.max(id.wrapping_add(1));
                let trials = u64::from(request.settings.cleaned().trials);
                self.compare.running = Some((id, *request));
                self.compare.progress = (0, 3 * trials);
                // The run on the simulation page (if any) is replaced, not stopped by the
                // person: that page starts it again when it is next shown.
                self.sim.running = None;
            }
            Action::PresentStart => {
                self.present = Some(Presenting {
                    panel: 0,
                    start: self.workspace.clone(),
                })
            }
            Action::PresentGo(i) => {
                if let Some(p) = &mut self.present {
                    p.panel = i;
                }
            }
            Action::PresentReset => {
                if let Some(p) = &self.present {
                    let start = p.start.clone();
                    self.edit(None, |w| *w = start);
                    self.last_edit = None;
                }
            }
            Action::PresentExit => self.present = None,
            Action::SimHeard(msg) => self.hear(*msg),
            Action::SimCancelled => {
                if let Some((_, r)) = self.sim.running.take() {
                    self.sim.cancelled_for = Some(r);
                }
            }
        }
        if !self.derived.is_for(&self.workspace) {
            self.derived = Derived::compute(&dataset, &self.workspace, Some(&self.derived));
        }
    }

    /// Takes in what the worker said; messages from superseded runs are ignored.
    fn hear(&mut self, msg: FromWorker) {
        if self
            .compare
            .running
            .as_ref()
            .is_some_and(|(id, _)| *id == msg.id())
        {
            self.hear_compared(msg);
            return;
        }
        let Some((id, request)) = self.sim.running.clone() else {
            return;
        };
        if msg.id() != id {
            return;
        }
        match msg {
            FromWorker::Progress { done, total, .. } => self.sim.progress = (done, total),
            FromWorker::Main {
                summary,
                elapsed_ms,
                ..
            } => {
                self.sim.main_ms = Some(elapsed_ms);
                self.sim.total_ms = None;
                self.sim.summary = Some(Rc::new(*summary));
                self.sim.by_rating = None;
                self.sim.result_for = Some(request);
            }
            FromWorker::Done {
                output, elapsed_ms, ..
            } => {
                self.sim.total_ms = Some(elapsed_ms);
                let output = *output;
                // The chosen rating's summary came with the main result: keep it (and
                // what was drawn from it) when it is the same.
                if self.sim.summary.as_deref() != Some(&output.summary) {
                    self.sim.summary = Some(Rc::new(output.summary));
                }
                self.sim.by_rating = Some(Rc::new(output.by_rating));
                self.sim.result_for = Some(request);
                self.sim.running = None;
                self.sim.progress = (self.sim.progress.1, self.sim.progress.1);
            }
            // Parts' tallies are merged by the page's worker control, not here.
            FromWorker::Part { .. } => {}
            FromWorker::Cancelled { .. } => self.sim.running = None,
            // Answers to a file read for import go to the import dialog, never here.
            FromWorker::FileRead { .. } => {}
            FromWorker::Failed { message, .. } => {
                self.sim.running = None;
                self.notice = Some(Notice {
                    text: format!("The simulation could not run: {message}."),
                    is_problem: true,
                });
            }
        }
    }

    /// Takes in what the worker said about a compared scenario's run.
    fn hear_compared(&mut self, msg: FromWorker) {
        match msg {
            FromWorker::Progress { done, total, .. } => self.compare.progress = (done, total),
            FromWorker::Main { .. } | FromWorker::Part { .. } => {}
            FromWorker::Done { output, .. } => {
                if let Some((_, request)) = self.compare.running.take() {
                    self.compare.keep(request, Rc::new(output.summary));
                }
                self.compare.progress = (self.compare.progress.1, self.compare.progress.1);
            }
            FromWorker::Cancelled { .. } => self.compare.running = None,
            FromWorker::FileRead { .. } => {}
            FromWorker::Failed { message, .. } => {
                self.compare.failed_for = self.compare.running.take().map(|(_, r)| r);
                self.notice = Some(Notice {
                    text: format!(
                        "The simulation of a compared scenario could not run: {message}."
                    ),
                    is_problem: true,
                });
            }
        }
    }

    /// Runs an edit; records the state before it for undo unless nothing changed or it
    /// continues the previous edit of the same field.
    fn edit(&mut self, key: Option<EditKey>, f: impl FnOnce(&mut Workspace)) {
        let before = self.workspace.clone();
        f(&mut self.workspace);
        if self.workspace == before {
            return;
        }
        let continues = key.is_some() && key == self.last_edit;
        if !continues {
            self.history.record(before);
        }
        self.last_edit = key;
    }

    /// Follows another tab's saved work: its workspace, this tab's own view. Undoable,
    /// like an edit.
    fn take(&mut self, other: OtherWork, dataset: &Dataset) {
        let incoming = other.workspace.normalised(dataset);
        // Behind a shared scenario: the waiting work follows, the screen stays.
        if let Some(shared) = &mut self.shared {
            if incoming != shared.own {
                shared
                    .own_history
                    .record(std::mem::replace(&mut shared.own, incoming));
            }
            self.saving.revision = other.revision;
            self.saving.base = shared.own.clone();
            return;
        }
        if incoming != self.workspace {
            self.history.record(self.workspace.clone());
            self.workspace = incoming;
        }
        self.last_edit = None;
        self.saving.revision = other.revision;
        self.saving.base = self.workspace.clone();
    }

    /// Number of settings that differ from the defaults.
    pub fn differences(&self) -> usize {
        self.workspace.differences(&self.dataset).len()
    }
}

#[cfg(test)]
mod tests;
