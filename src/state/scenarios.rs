//! Named scenarios kept in this browser, and a scenario opened from a share link: the
//! state they add to [`AppState`] and how its actions change it.
//!
//! A shared scenario never replaces the person's own work: while it is on screen their
//! work, its view and its undo history wait in [`SharedView`], the autosave leaves the
//! stored work alone, and "Back to my work" puts it all back.

use super::{AppState, History, ViewSettings, Workspace};
use crate::model::Dataset;
use crate::share::file::{Named, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SCENARIOS};

/// A named scenario: a unique id (never reused while the list holds it or its deleted
/// copy), the scenario, and when it was saved ("YYYY-MM-DD HH:MM", local time).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedScenario {
    pub id: u32,
    pub named: Named,
    pub saved: String,
}

/// The scenario last deleted and where it stood, for its Undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    pub index: usize,
    pub scenario: SavedScenario,
}

/// How keeping the named scenarios is going: not saved, not undone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LibraryStatus {
    /// Why the latest write of the list failed, while writes keep failing.
    pub problem: Option<String>,
    /// Writes are held: the stored list could not be read nor copied aside, so it is
    /// never written over until the person chooses to.
    pub held: bool,
}

/// A scenario opened from a share link, on screen in place of the person's own work.
#[derive(Debug, Clone)]
pub struct SharedView {
    /// The person's own work, view and undo history, put back by "Back to my work".
    pub own: Workspace,
    pub own_view: ViewSettings,
    pub own_history: History<Workspace>,
    /// What did not apply or may give other figures (dataset or model version).
    pub notes: Vec<String>,
    /// The named scenario it was saved as, if it was.
    pub saved_as: Option<u32>,
}

impl PartialEq for SharedView {
    fn eq(&self, other: &Self) -> bool {
        self.own == other.own
            && self.own_view == other.own_view
            && self.notes == other.notes
            && self.saved_as == other.saved_as
    }
}

fn cut(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

impl AppState {
    /// The id the next named scenario gets.
    pub fn next_scenario_id(&self) -> u32 {
        self.scenarios
            .iter()
            .map(|s| s.id)
            .chain(self.deleted.as_ref().map(|d| d.scenario.id))
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    pub fn scenario(&self, id: u32) -> Option<&SavedScenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// Whether another named scenario may be kept.
    pub fn library_full(&self) -> bool {
        self.scenarios.len() >= MAX_SCENARIOS
    }

    /// `name`, or `name (2)`, `name (3)`… so that it differs from every kept name.
    pub fn unique_scenario_name(&self, name: &str) -> String {
        let taken = |n: &str| self.scenarios.iter().any(|s| s.named.name == n);
        let base = cut(name, MAX_NAME_CHARS - 6);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|k| format!("{base} ({k})"))
            .find(|n| !taken(n))
            .expect("some number is free")
    }

    /// Keeps the work on screen as a named scenario; its id. None when the list is full
    /// (the caller says so).
    pub(super) fn save_scenario(&mut self, name: &str, note: &str, saved: &str) -> Option<u32> {
        if self.library_full() {
            return None;
        }
        let id = self.next_scenario_id();
        let name = match cut(name, MAX_NAME_CHARS) {
            n if n.is_empty() => self.unique_scenario_name("Untitled scenario"),
            n => n,
        };
        self.scenarios.push(SavedScenario {
            id,
            named: Named {
                name,
                note: cut(note, MAX_NOTE_CHARS),
                workspace: self.workspace.clone(),
                view: self.view.clone(),
            },
            saved: saved.to_string(),
        });
        if let Some(shared) = &mut self.shared {
            shared.saved_as = Some(id);
        }
        Some(id)
    }

    pub(super) fn rename_scenario(&mut self, id: u32, name: &str, note: &str) {
        if let Some(s) = self.scenarios.iter_mut().find(|s| s.id == id) {
            let name = cut(name, MAX_NAME_CHARS);
            if !name.is_empty() {
                s.named.name = name;
            }
            s.named.note = cut(note, MAX_NOTE_CHARS);
        }
    }

    pub(super) fn duplicate_scenario(&mut self, id: u32) {
        if self.library_full() {
            return;
        }
        let Some(i) = self.scenarios.iter().position(|s| s.id == id) else {
            return;
        };
        let mut copy = self.scenarios[i].clone();
        copy.id = self.next_scenario_id();
        copy.named.name = self.unique_scenario_name(&format!("{} (copy)", copy.named.name));
        self.scenarios.insert(i + 1, copy);
    }

    pub(super) fn delete_scenario(&mut self, id: u32) {
        if let Some(index) = self.scenarios.iter().position(|s| s.id == id) {
            let scenario = self.scenarios.remove(index);
            self.deleted = Some(Deleted { index, scenario });
        }
    }

    pub(super) fn restore_deleted(&mut self) {
        if let Some(Deleted { index, scenario }) = self.deleted.take() {
            if self.scenario(scenario.id).is_none() {
                let at = index.min(self.scenarios.len());
                self.scenarios.insert(at, scenario);
            }
        }
    }

    /// Adds scenarios from a file, each as a new named scenario (never over one kept):
    /// a name already in use gets a number. Nothing is added past the limit; the number
    /// added.
    pub(super) fn import_scenarios(&mut self, incoming: Vec<Named>, saved: &str) -> usize {
        let room = MAX_SCENARIOS.saturating_sub(self.scenarios.len());
        let mut added = 0;
        for named in incoming.into_iter().take(room) {
            let id = self.next_scenario_id();
            let name = self.unique_scenario_name(&named.name);
            let workspace = named.workspace.normalised(&self.dataset);
            self.scenarios.push(SavedScenario {
                id,
                named: Named {
                    name,
                    workspace,
                    ..named
                },
                saved: saved.to_string(),
            });
            added += 1;
        }
        added
    }

    /// Shows a shared scenario in place of the work on screen; the person's own work
    /// waits (a second link replaces the first shared one, never their work).
    pub(super) fn open_shared(
        &mut self,
        workspace: Workspace,
        view: ViewSettings,
        notes: Vec<String>,
        dataset: &Dataset,
    ) {
        let incoming = workspace.normalised(dataset);
        let history = std::mem::replace(&mut self.history, History::new(200));
        match &mut self.shared {
            Some(shared) => {
                shared.notes = notes;
                shared.saved_as = None;
            }
            None => {
                self.shared = Some(SharedView {
                    own: std::mem::take(&mut self.workspace),
                    own_view: self.view.clone(),
                    own_history: history,
                    notes,
                    saved_as: None,
                })
            }
        }
        self.workspace = incoming;
        self.view = view;
        self.drop_unknown_selection(dataset);
        self.last_edit = None;
    }

    /// Puts the person's own work back (the shared scenario is left; the caller offers
    /// to save it first).
    pub(super) fn back_to_my_work(&mut self) {
        if let Some(shared) = self.shared.take() {
            self.workspace = shared.own;
            self.view = shared.own_view;
            self.history = shared.own_history;
            self.last_edit = None;
        }
    }

    /// Makes the shared scenario the work: the person's own work is one Undo away (the
    /// caller also keeps it as a copy), and the autosave keeps the shared one from now.
    pub(super) fn keep_shared(&mut self) {
        if let Some(shared) = self.shared.take() {
            self.history = shared.own_history;
            if shared.own != self.workspace {
                self.history.record(shared.own);
            }
            self.last_edit = None;
        }
    }

    /// Opens a named scenario in place of the work (undoable, like an edit). Over a
    /// shared scenario, the person's own work comes back first, so Undo reaches it.
    pub(super) fn open_saved(&mut self, id: u32, dataset: &Dataset) {
        let Some(s) = self.scenario(id).cloned() else {
            return;
        };
        self.back_to_my_work();
        let incoming = s.named.workspace.normalised(dataset);
        self.edit(None, |w| *w = incoming);
        self.view = s.named.view;
        self.drop_unknown_selection(dataset);
        self.last_edit = None;
    }

    pub(super) fn drop_unknown_selection(&mut self, dataset: &Dataset) {
        if let Some(id) = &self.view.selected {
            if dataset.risk(&id.0).is_none() {
                self.view.selected = None;
            }
        }
    }

    /// The person's own work: what is on screen, or what waits behind a shared scenario.
    pub fn own_work(&self) -> (&Workspace, &ViewSettings) {
        match &self.shared {
            Some(s) => (&s.own, &s.own_view),
            None => (&self.workspace, &self.view),
        }
    }
}

/// What the person is told on opening the named scenario `name`: the work it replaced is
/// one Undo away (and kept as a copy when `kept_copy`); over a shared scenario, that the
/// shared one was not kept and how to see it again (it is someone else's link).
pub fn opened_words(name: &str, kept_copy: bool, over_shared: bool) -> String {
    if over_shared {
        let copy = if kept_copy {
            ", which is also kept as a copy in this browser"
        } else {
            ""
        };
        format!("“{name}” is open in place of the shared scenario, which was not kept: open its link again to see it. Undo goes back to your own work{copy}.")
    } else {
        let copy = if kept_copy {
            " and is kept as a copy in this browser"
        } else {
            ""
        };
        format!("Opened “{name}”. The work it replaced is one Undo away{copy}.")
    }
}
