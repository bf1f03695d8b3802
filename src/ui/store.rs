//! The one app state in the UI: Yew's reducer around [`AppState`], the contexts every
//! component reaches it through, and the starting state (defaults, then the autosave).

use super::storage::{self, LibraryLoaded, Loaded};
use crate::model::Dataset;
use crate::state::{Action, AppState, Notice};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

/// The app state and its dispatcher, as Yew holds them; every component reaches it
/// through context.
pub type Store = UseReducerHandle<AppState>;

/// Builds the starting state: defaults, then the autosaved work if it reads.
pub fn initial_state(dataset: Rc<Dataset>) -> AppState {
    let mut state = AppState::new(dataset);
    match storage::load(&state.dataset) {
        Loaded::Nothing => {}
        Loaded::Restored {
            workspace,
            view,
            text,
            notes: format_notes,
            revision,
        } => {
            // Loading never changes work silently: say what did not fit this version or
            // dataset, and keep the save as it was.
            let (workspace, mut notes) = workspace.normalised_with_notes(&state.dataset);
            notes.splice(0..0, format_notes);
            state.apply(Action::Restore { workspace, view });
            // The save as loaded is the base this tab's own edits are measured from.
            let loaded = Box::new(state.workspace.clone());
            state.apply(Action::Saved {
                revision,
                workspace: loaded,
            });
            if !notes.is_empty() {
                let kept = match storage::set_aside(&text) {
                    Some(key) => format!(" The saved work as it was is kept in this browser's storage under “{key}”."),
                    None => " The saved work as it was could not be kept: this browser's storage is full.".to_string(),
                };
                state.apply(Action::Notify(Notice {
                    text: format!(
                        "Your saved work was restored with {} change{}: {}{kept}",
                        notes.len(),
                        if notes.len() == 1 { "" } else { "s" },
                        notes.join(" ")
                    ),
                    is_problem: true,
                }));
            }
        }
        Loaded::SetAside { why, kept_as } => {
            let kept = match kept_as {
                Some(key) => format!(" It has been kept in this browser's storage under “{key}”, so nothing is lost."),
                None => {
                    // No room for a copy: the unreadable save stays where it is, and
                    // nothing is saved over it until the person says so.
                    state.apply(Action::HoldSaves);
                    " This browser's storage is too full to keep a copy of it aside, so it is left exactly where it was and nothing you do now is saved over it until you choose to.".to_string()
                }
            };
            state.apply(Action::Notify(Notice {
                text: format!(
                    "Your saved work from last time could not be restored: {why}. The defaults are shown.{kept}"
                ),
                is_problem: true,
            }));
        }
    }
    load_library(&mut state);
    state
}

/// Adds the named scenarios kept in this browser, saying what could not be read.
fn load_library(state: &mut AppState) {
    let text = match storage::load_library(&state.dataset) {
        LibraryLoaded::Nothing => return,
        LibraryLoaded::Read {
            scenarios,
            notes,
            left_out,
            kept_as,
        } => {
            state.apply(Action::LoadScenarios(scenarios));
            if notes.is_empty() {
                return;
            }
            let kept = match (left_out, kept_as) {
                (false, _) => String::new(),
                (true, Some(key)) => format!(" The list as it was is kept in this browser's storage under “{key}”, so nothing is lost."),
                (true, None) => {
                    state.apply(Action::HoldLibrary(true));
                    " This browser's storage is too full to keep a copy of the list as it was, so it is left exactly where it was and no change to your named scenarios is saved until you choose to.".to_string()
                }
            };
            format!(
                "Your named scenarios were opened with {} note{}: {}{kept}",
                notes.len(),
                if notes.len() == 1 { "" } else { "s" },
                notes.join(" ")
            )
        }
        LibraryLoaded::SetAside { why, kept_as } => {
            let kept = match kept_as {
                Some(key) => format!(" It has been kept in this browser's storage under “{key}”, so nothing is lost."),
                None => {
                    state.apply(Action::HoldLibrary(true));
                    " This browser's storage is too full to keep a copy of it aside, so it is left exactly where it was and no named scenario is saved over it until you choose to.".to_string()
                }
            };
            format!("Your named scenarios could not be opened: {why}.{kept}")
        }
    };
    // One notice at a time: added to one already there (from the autosave).
    let text = match state.notice.take() {
        Some(n) => format!("{} {text}", n.text),
        None => text,
    };
    state.apply(Action::Notify(Notice {
        text,
        is_problem: true,
    }));
}

/// A click handler that dispatches `action` (buttons that do one thing).
pub fn on_click(store: &Store, action: Action) -> Callback<MouseEvent> {
    let s = store.clone();
    Callback::from(move |_| s.dispatch(action.clone()))
}

/// The app state from context (every component sits under the provider). A component
/// that uses it re-renders on every change of the state.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components are rendered inside the app's store provider")
}

/// The dataset, which does not change while the app runs. Components that only need the
/// dataset use this rather than [`use_store`], so they do not re-render on every edit.
#[derive(Clone)]
pub struct DatasetHandle(pub std::rc::Rc<crate::model::Dataset>);

impl PartialEq for DatasetHandle {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Dispatches actions without subscribing to the state (the dispatcher never changes),
/// for components that get what they show through props.
pub type Dispatch = yew::UseReducerDispatcher<crate::state::AppState>;

#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("components are rendered inside the app's dispatch provider")
}

#[hook]
pub fn use_dataset() -> std::rc::Rc<crate::model::Dataset> {
    use_context::<DatasetHandle>()
        .expect("components are rendered inside the app's dataset provider")
        .0
}
