//! Switching datasets safely: before the switch the work on screen is kept as a named
//! scenario against its dataset; the switch is one Undo away (back to the dataset and
//! its work, which the per-dataset autosave keeps). Pure: the page writes storage and
//! re-mounts the app on the dataset chosen.

use super::{AppState, SavedScenario};
use crate::model::Dataset;
use crate::share::stored_dataset::{label, Slot};
use std::rc::Rc;

/// A dataset and where it is kept.
#[derive(Debug, Clone)]
pub struct InUse {
    pub dataset: Rc<Dataset>,
    pub slot: Slot,
}

impl PartialEq for InUse {
    fn eq(&self, other: &Self) -> bool {
        self.slot == other.slot && Rc::ptr_eq(&self.dataset, &other.dataset)
    }
}

/// Which dataset is in use, and the one before the last switch (for its Undo).
#[derive(Debug, Clone, PartialEq)]
pub struct Datasets {
    pub in_use: InUse,
    /// The dataset switched from, while the switch can be undone.
    pub undo: Option<InUse>,
    /// What the last switch did with the work (shown beside its Undo).
    pub note: Option<String>,
}

/// What the person asks of the datasets.
#[derive(Debug, Clone)]
pub enum DatasetAction {
    /// Use this dataset (imported, or the built-in one); `note` says what was done with
    /// the work on screen.
    SwitchTo { to: InUse, note: String },
    /// Go back to the dataset used before the last switch.
    Undo,
    /// The Undo notice was closed: the switch stays.
    Forget,
}

impl Datasets {
    pub fn new(in_use: InUse) -> Datasets {
        Datasets {
            in_use,
            undo: None,
            note: None,
        }
    }

    /// Applies `action`; whether the dataset in use changed.
    pub fn apply(&mut self, action: DatasetAction) -> bool {
        match action {
            DatasetAction::SwitchTo { to, note } => {
                if to.slot == self.in_use.slot {
                    return false;
                }
                let from = std::mem::replace(&mut self.in_use, to);
                self.undo = Some(from);
                self.note = Some(note);
                true
            }
            DatasetAction::Undo => match self.undo.take() {
                Some(back) => {
                    self.in_use = back;
                    self.note = None;
                    true
                }
                None => false,
            },
            DatasetAction::Forget => {
                self.undo = None;
                self.note = None;
                false
            }
        }
    }
}

/// The name of the scenario kept before a switch: "Before switching dataset
/// (2026-11-27 23:40)" (its note names both datasets in full).
pub fn kept_name(when: &str) -> String {
    format!("Before switching dataset ({when})")
}

impl AppState {
    /// The named scenarios with the work on screen added, as kept before switching to
    /// `to` (None when there is nothing to keep: the work is the defaults, or the list
    /// is full — the autosave keeps the work either way).
    pub fn scenarios_before_switch(&self, to: &Dataset, when: &str) -> Option<Vec<SavedScenario>> {
        if self.workspace.differences(&self.dataset).is_empty() {
            return None;
        }
        let mut next = self.clone();
        let name = next.unique_scenario_name(&kept_name(when));
        let note = format!(
            "The work on screen when the dataset was switched from {} to {}.",
            label(&self.dataset),
            label(to)
        );
        next.save_scenario(&name, &note, when)?;
        Some(next.scenarios)
    }
}
