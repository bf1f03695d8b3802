//! The one application state, the actions that change it and the reducer.
//!
//! Pure: no web types. The UI wraps [`AppState`] in Yew's `Reducible` and dispatches
//! [`Action`]s; everything that changes what the user sees goes through [`AppState::apply`].

mod history;

pub use history::History;

use crate::model::consequences::{
    severity_key, shock_key, ConsequenceEdits, Consequences, SeverityPoint, MAX_EDIT,
};
use crate::model::drivers::DriverGroup;
use crate::model::projection::{self, DriverEdits, Projection, Sensitivity};
use crate::model::register::Difference;
use crate::model::scenario::{self, ExcessSensitivity, StressEvent, StressResult};
use crate::model::{Dataset, Rating, RatingKind, RegisterEdits, RiskId};
use serde::{Deserialize, Serialize};
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
}

impl Workspace {
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

    /// Drops edits this dataset does not know, or that equal its defaults, and clamps
    /// driver values into their ranges.
    pub fn normalised(self, dataset: &Dataset) -> Workspace {
        let mut drivers = DriverEdits::new();
        for (key, value) in self.drivers {
            set_driver(&mut drivers, dataset, &key, value);
        }
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
        let mut consequences = ConsequenceEdits::new();
        for (key, value) in self.consequences {
            set_consequence(&mut consequences, dataset, &key, value);
        }
        Workspace {
            register: self.register.normalised(dataset),
            drivers,
            stress,
            consequences,
        }
    }
}

/// Sets a shock value or severity factor; the dataset's value (or an unknown key, or a
/// value that is not a number) leaves no edit. Severity factors cannot be negative.
fn set_consequence(edits: &mut ConsequenceEdits, dataset: &Dataset, key: &str, value: f64) {
    let Some(default) = dataset.consequences.default_for(key) else {
        return;
    };
    if !value.is_finite() {
        return;
    }
    let lo = if key.starts_with("severity.") {
        0.0
    } else {
        -MAX_EDIT
    };
    let v = value.clamp(lo, MAX_EDIT);
    if (v - default).abs() < 1e-9 {
        edits.remove(key);
    } else {
        edits.insert(key.to_string(), v);
    }
}

/// Sets a driver, clamped into its range; its default (or an unknown key, or a value
/// that is not a number) leaves no edit.
fn set_driver(edits: &mut DriverEdits, dataset: &Dataset, key: &str, value: f64) {
    let Some(spec) = dataset.drivers.driver(key) else {
        return;
    };
    if !value.is_finite() {
        return;
    }
    let v = value.clamp(spec.min, spec.max);
    if (v - spec.default).abs() < 1e-9 {
        edits.remove(key);
    } else {
        edits.insert(key.to_string(), v);
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
    Method,
    About,
}

impl Page {
    pub const ALL: [Page; 7] = [
        Page::Register,
        Page::Map,
        Page::Drivers,
        Page::Scenarios,
        Page::Simulation,
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
            Page::Method => "method",
            Page::About => "about",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Register => "Risk register",
            Page::Map => "Heat map",
            Page::Drivers => "Demand and finance",
            Page::Scenarios => "Stress scenarios",
            Page::Simulation => "Simulation",
            Page::Method => "How it is worked out",
            Page::About => "About and sources",
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
            Page::Method => "How it works",
            Page::About => "About & sources",
        }
    }

    /// Pages whose content later work delivers; shown in the menu, marked as coming.
    pub fn available(self) -> bool {
        !matches!(self, Page::Simulation)
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
        risk: RiskId,
        index: usize,
        point: SeverityPoint,
        value: f64,
    },
    /// Change the severity factor for an impact level (1-5).
    SetSeverity {
        impact: usize,
        value: f64,
    },
    /// Put a risk's shocks back to the dataset's.
    ResetShocks(RiskId),
    /// Put every shock and the severity table back to the dataset's.
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
    Notify(Notice),
    DismissNotice,
}

/// What an undoable edit touched, so typing into one field is one undo step.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EditKey {
    Owner(RiskId),
    Driver(String),
    Consequence(String),
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
    /// The compounding excess with each assumption it rests on at the ends of its range.
    pub excess_sensitivities: Rc<Vec<ExcessSensitivity>>,
    pub for_consequences: ConsequenceEdits,
    /// The consequences in force: the dataset's with the user's edits.
    pub consequences: Rc<Consequences>,
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
        };
        // The register matters to the scenario only through the chosen risks' impacts, so
        // with no risks chosen a rating change reuses the results.
        let stress_unchanged = previous.is_some_and(|p| {
            p.for_drivers == *drivers
                && p.for_stress == ws.stress
                && p.for_consequences == ws.consequences
                && (ws.stress.is_empty() || p.for_register == ws.register)
        });
        let (stress, excess_sensitivities) = match previous {
            Some(p) if stress_unchanged => {
                (Rc::clone(&p.stress), Rc::clone(&p.excess_sensitivities))
            }
            _ => (
                Rc::new(scenario::run_stress(inputs, &ws.stress)),
                Rc::new(scenario::excess_sensitivities(inputs, &ws.stress)),
            ),
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
            excess_sensitivities,
            consequences,
        }
    }

    fn is_for(&self, ws: &Workspace) -> bool {
        self.for_drivers == ws.drivers
            && self.for_register == ws.register
            && self.for_stress == ws.stress
            && self.for_consequences == ws.consequences
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
            && self.history.can_undo() == other.history.can_undo()
            && self.history.can_redo() == other.history.can_redo()
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
            last_edit: None,
        }
    }

    /// Applies one action. Edits to the workspace are recorded for undo.
    pub fn apply(&mut self, action: Action) {
        let dataset = Rc::clone(&self.dataset);
        match action {
            Action::SetRating { risk, kind, rating } => {
                if let Some(r) = dataset.risk(&risk.0) {
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
                    let to = now.moved(d_likelihood, d_impact);
                    if to != now {
                        self.edit(None, |w| w.register.set_rating(r, kind, to));
                    }
                }
            }
            Action::SetOwner { risk, owner } => {
                if let Some(r) = dataset.risk(&risk.0) {
                    let owner: String = owner.chars().take(120).collect();
                    self.edit(Some(EditKey::Owner(risk.clone())), |w| {
                        w.register.set_owner(r, &owner)
                    });
                }
            }
            Action::SetAppetite(t) => {
                self.edit(None, |w| w.register.set_appetite(&dataset.scales, t));
            }
            Action::SetDriver { key, value } => {
                self.edit(Some(EditKey::Driver(key.clone())), |w| {
                    set_driver(&mut w.drivers, &dataset, &key, value)
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
            Action::SetShock {
                risk,
                index,
                point,
                value,
            } => {
                let key = shock_key(&risk, index, point);
                self.edit(Some(EditKey::Consequence(key.clone())), |w| {
                    set_consequence(&mut w.consequences, &dataset, &key, value)
                })
            }
            Action::SetSeverity { impact, value } => {
                let key = severity_key(impact);
                self.edit(Some(EditKey::Consequence(key.clone())), |w| {
                    set_consequence(&mut w.consequences, &dataset, &key, value)
                })
            }
            Action::ResetShocks(risk) => {
                let prefix = format!("{risk}.");
                self.edit(None, |w| {
                    w.consequences.retain(|k, _| !k.starts_with(&prefix))
                })
            }
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
            Action::Notify(n) => self.notice = Some(n),
            Action::DismissNotice => self.notice = None,
        }
        if !self.derived.is_for(&self.workspace) {
            self.derived = Derived::compute(&dataset, &self.workspace, Some(&self.derived));
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

    /// Number of settings that differ from the defaults.
    pub fn differences(&self) -> usize {
        self.workspace.differences(&self.dataset).len()
    }
}

#[cfg(test)]
mod tests;
