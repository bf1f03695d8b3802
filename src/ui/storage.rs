//! Local storage for the autosave: the browser side of [`crate::share::saved`].

use crate::share::saved::{self, SavedError, COPY_PREFIX, SET_ASIDE_PREFIX};
use crate::share::stored_dataset::{self, Slot, IN_USE_KEY};
use crate::state::{ViewSettings, Workspace};
use std::cell::Cell;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

thread_local! {
    /// The dataset in use: its work and named scenarios are kept under its own keys.
    static SLOT: Cell<Slot> = const { Cell::new(Slot::Builtin) };
}

/// Says which dataset's work the autosave and named scenarios read and write.
pub fn set_slot(slot: Slot) {
    SLOT.with(|s| s.set(slot));
}

/// The autosave's key for the dataset in use.
pub fn working_key() -> String {
    SLOT.with(Cell::get).working_key()
}

/// The named scenarios' key for the dataset in use.
pub fn library_key() -> String {
    SLOT.with(Cell::get).library_key()
}

/// The dataset kept as in use: its slot and, for an imported one, the dataset itself.
/// A kept dataset that cannot be read is left where it is (nothing is lost) and the
/// built-in one is used, with the message to show.
pub fn load_dataset() -> (Slot, Option<crate::model::Dataset>, Option<String>) {
    let Some(store) = storage() else {
        return (Slot::Builtin, None, None);
    };
    let slot = match store.get_item(IN_USE_KEY) {
        Ok(Some(word)) => Slot::from_word(&word),
        _ => Slot::Builtin,
    };
    let Some(key) = slot.dataset_key() else {
        return (Slot::Builtin, None, None);
    };
    match store.get_item(&key).ok().flatten().map(|t| stored_dataset::decode(&t)) {
        Some(Ok(ds)) => (slot, Some(ds), None),
        Some(Err(why)) => (Slot::Builtin, None, Some(format!("The dataset you imported could not be opened: {why}. The Trust's built-in dataset is shown; the kept copy is left in this browser's storage under “{key}”."))),
        None => (Slot::Builtin, None, Some("The dataset you imported is no longer in this browser's storage, so the Trust's built-in dataset is shown. Import it again from File ▸ Use your own register….".to_string())),
    }
}

/// Keeps an imported dataset (its slot), or says plainly why it could not be kept.
pub fn keep_dataset(ds: &crate::model::Dataset) -> Result<Slot, String> {
    let slot = Slot::Imported(ds.content_hash());
    let store = storage().ok_or_else(|| "This browser does not let the page keep data (storage is switched off), so an imported dataset could not be kept. Nothing has changed.".to_string())?;
    let key = slot.dataset_key().expect("an imported slot has a key");
    store.set_item(&key, &stored_dataset::encode(ds)).map_err(|_| {
        "The dataset could not be kept in this browser because its storage is full, so the switch was not made. Nothing has changed: your work is as it was.".to_string()
    })?;
    Ok(slot)
}

/// A dataset kept before (a share link or file may name it), if it reads.
pub fn kept_dataset(slot: Slot) -> Option<crate::model::Dataset> {
    let text = storage()?.get_item(&slot.dataset_key()?).ok()??;
    stored_dataset::decode(&text).ok()
}

/// Remembers which dataset is in use (for the next visit); the message if it could not.
pub fn remember_in_use(slot: Slot) -> Result<(), String> {
    storage()
        .and_then(|s| s.set_item(IN_USE_KEY, &slot.word()).ok())
        .ok_or_else(|| "This browser could not remember which dataset is in use, so the next visit opens the one used before.".to_string())
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
        /// The save's revision (see [`saved::encode_at`]).
        revision: u64,
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
    let Ok(Some(text)) = store.get_item(&working_key()) else {
        return Loaded::Nothing;
    };
    match saved::decode_with_notes(&text, dataset) {
        Ok(d) => Loaded::Restored {
            workspace: d.workspace,
            view: d.view,
            text,
            notes: d.notes,
            revision: d.revision,
        },
        Err(why) => {
            let kept_as = set_aside(&text);
            if kept_as.is_some() {
                let _ = store.remove_item(&working_key());
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

/// What came of a save.
pub enum SaveOutcome {
    /// Written as this revision.
    Saved(u64),
    /// Another tab has saved a newer revision this tab has not seen: nothing was written.
    Newer { revision: u64, text: String },
    /// Could not be written; the message to show.
    Failed(String),
}

/// Saves the working state as the revision after `seen`, unless the stored save is newer
/// than `seen` (another tab's): a save never overwrites work it has not seen.
pub fn save(ws: &Workspace, view: &ViewSettings, seen: u64) -> SaveOutcome {
    let Some(store) = storage() else {
        return SaveOutcome::Failed("This browser does not let the page keep your work (storage is switched off), so it will be lost when the page closes.".to_string());
    };
    if let Ok(Some(text)) = store.get_item(&working_key()) {
        if let Some(revision) = saved::revision_of(&text).filter(|r| *r > seen) {
            return SaveOutcome::Newer { revision, text };
        }
    }
    let revision = seen + 1;
    match store.set_item(&working_key(), &saved::encode_at(ws, view, revision)) {
        Ok(()) => SaveOutcome::Saved(revision),
        Err(_) => SaveOutcome::Failed("Your latest changes could not be saved in this browser because its storage is full. They are still on screen and stay there while this page is open; saving starts again by itself when space is freed. To keep them now, use File ▸ Download my work. Each site has its own space, so clearing other sites' data does not help; deleting named scenarios you no longer need (File ▸ Named scenarios…) frees some.".to_string()),
    }
}

/// Keeps work as a named copy in this browser's storage (when two tabs disagree, the one
/// not chosen); the key, or None if it could not be written.
pub fn keep_copy(ws: &Workspace, view: &ViewSettings) -> Option<String> {
    let key = format!("{COPY_PREFIX}{}", js_sys::Date::new_0().to_iso_string());
    storage()?
        .set_item(&key, &saved::encode(ws, view))
        .ok()
        .map(|_| key)
}

/// Local-storage key that remembers the start panel was hidden (not part of the work, so
/// "Reset all" and saved work leave it alone).
pub const START_DISMISSED_KEY: &str = "risk-explorer/start-dismissed";

/// Whether the start panel was hidden on an earlier visit.
pub fn start_dismissed() -> bool {
    storage()
        .and_then(|s| s.get_item(START_DISMISSED_KEY).ok().flatten())
        .is_some()
}

/// Remembers that the start panel was hidden (best effort: without storage it shows again
/// next time).
pub fn dismiss_start() {
    if let Some(s) = storage() {
        let _ = s.set_item(START_DISMISSED_KEY, "1");
    }
}

/// What was found of the named scenarios at start-up.
pub enum LibraryLoaded {
    Nothing,
    /// Read. `notes` say what was left out or read differently; when something was left
    /// out the text as it was is kept under `kept_as` (None: it could not be kept, so the
    /// caller must hold writes).
    Read {
        scenarios: Vec<crate::state::SavedScenario>,
        notes: Vec<String>,
        left_out: bool,
        kept_as: Option<String>,
    },
    /// Unreadable: kept under `kept_as` so nothing is lost (None: it could not be copied
    /// and stays where it is; the caller holds writes); `why` says what was wrong.
    SetAside {
        why: crate::share::library::LibraryError,
        kept_as: Option<String>,
    },
}

/// Reads the named scenarios (see [`crate::share::library`]).
pub fn load_library(dataset: &crate::model::Dataset) -> LibraryLoaded {
    use crate::share::library;
    let Some(store) = storage() else {
        return LibraryLoaded::Nothing;
    };
    let Ok(Some(text)) = store.get_item(&library_key()) else {
        return LibraryLoaded::Nothing;
    };
    match library::decode(&text, dataset) {
        Ok(lib) => {
            let kept_as = if lib.left_out { set_aside(&text) } else { None };
            LibraryLoaded::Read {
                scenarios: lib.scenarios,
                notes: lib.notes,
                left_out: lib.left_out,
                kept_as,
            }
        }
        Err(why) => {
            let kept_as = set_aside(&text);
            LibraryLoaded::SetAside { why, kept_as }
        }
    }
}

/// Writes the named scenarios; the message to show when they could not be written.
/// Nothing is written when the stored list is already this one.
pub fn save_library(
    scenarios: &[crate::state::SavedScenario],
    dataset: &crate::model::Dataset,
) -> Result<(), String> {
    use crate::share::library;
    let Some(store) = storage() else {
        return Err("This browser does not let the page keep named scenarios (storage is switched off), so they will be lost when the page closes. Export them to a file to keep them.".to_string());
    };
    let text = library::encode_for(scenarios, dataset);
    let key = library_key();
    if store.get_item(&key).ok().flatten().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    store.set_item(&key, &text).map_err(|_| {
        "Your named scenarios could not be saved in this browser because its storage is full. They are all still listed and stay there while this page is open; export them to a file to keep them. Saving starts again by itself when space is freed.".to_string()
    })
}
