//! Local storage for the autosave: the browser side of [`crate::share::saved`].

use crate::share::saved::{self, SavedError, SET_ASIDE_PREFIX, WORKING_KEY};
use crate::state::{ViewSettings, Workspace};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was found in storage at start-up.
pub enum Loaded {
    Nothing,
    /// Read; `text` is the save as it was, to keep if loading has to change it.
    Restored {
        workspace: Workspace,
        view: ViewSettings,
        text: String,
        /// What an older saved format held that this version reads differently.
        notes: Vec<String>,
    },
    /// Unreadable: kept under `kept_as` so nothing is lost; `why` says what was wrong.
    SetAside {
        why: SavedError,
        kept_as: Option<String>,
    },
}

pub fn load(dataset: &crate::model::Dataset) -> Loaded {
    let Some(store) = storage() else {
        return Loaded::Nothing;
    };
    let Ok(Some(text)) = store.get_item(WORKING_KEY) else {
        return Loaded::Nothing;
    };
    match saved::decode_with_notes(&text, dataset) {
        Ok(d) => Loaded::Restored {
            workspace: d.workspace,
            view: d.view,
            text,
            notes: d.notes,
        },
        Err(why) => {
            let kept_as = set_aside(&text);
            if kept_as.is_some() {
                let _ = store.remove_item(WORKING_KEY);
            }
            Loaded::SetAside { why, kept_as }
        }
    }
}

/// Keeps a copy of a save under its own key (named by the time); the key, or None if
/// the copy could not be written.
pub fn set_aside(text: &str) -> Option<String> {
    let key = format!(
        "{SET_ASIDE_PREFIX}{}",
        js_sys::Date::new_0().to_iso_string()
    );
    storage()?.set_item(&key, text).ok().map(|_| key)
}

/// Saves the working state; the error is the message to show.
pub fn save(ws: &Workspace, view: &ViewSettings) -> Result<(), String> {
    let store = storage().ok_or_else(|| {
        "This browser does not let the page keep your work (storage is switched off), so it will be lost when the page closes.".to_string()
    })?;
    store
        .set_item(WORKING_KEY, &saved::encode(ws, view))
        .map_err(|_| "Your latest changes could not be saved in this browser because its storage is full. They are still on screen and stay there while this page is open; saving starts again by itself when space is freed (for example by clearing other sites' data).".to_string())
}
