//! An imported dataset kept in this browser: a versioned envelope around the dataset's
//! JSON, with its name, version and content hash (checked on reading, so a damaged copy
//! is refused, never half-used). Also which dataset is in use, and the storage keys of
//! the work kept for each dataset: work on one dataset never overwrites another's.
//!
//! ```json
//! { "app": "risk-explorer", "kind": "dataset", "format": 1,
//!   "name": "…", "version": "…", "hash": "9c2e…", "dataset": { … } }
//! ```

use crate::model::Dataset;
use serde::Serialize;
use std::fmt;

/// The key prefix of a kept dataset; the key ends in its hash (16 hex digits).
pub const DATASET_PREFIX: &str = "risk-explorer/dataset/";
/// The key saying which dataset is in use: "builtin", or an imported dataset's hash.
pub const IN_USE_KEY: &str = "risk-explorer/dataset-in-use";
/// What [`IN_USE_KEY`] holds for the built-in dataset.
pub const BUILTIN: &str = "builtin";
/// What `kind` says in the envelope.
pub const KIND: &str = "dataset";
/// The envelope format this build writes.
pub const FORMAT: u32 = 1;
const APP: &str = "risk-explorer";

/// Which dataset: the one compiled in, or one imported (by content hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Builtin,
    Imported(u64),
}

impl Slot {
    /// What [`IN_USE_KEY`] holds for this slot.
    pub fn word(self) -> String {
        match self {
            Slot::Builtin => BUILTIN.to_string(),
            Slot::Imported(h) => format!("{h:016x}"),
        }
    }

    /// The slot [`IN_USE_KEY`] names; anything unreadable is the built-in one.
    pub fn from_word(word: &str) -> Slot {
        match u64::from_str_radix(word.trim(), 16) {
            Ok(h) if word.trim().len() == 16 => Slot::Imported(h),
            _ => Slot::Builtin,
        }
    }

    /// The key of the kept dataset (none for the built-in one).
    pub fn dataset_key(self) -> Option<String> {
        match self {
            Slot::Builtin => None,
            Slot::Imported(h) => Some(format!("{DATASET_PREFIX}{h:016x}")),
        }
    }

    /// The autosave's key for work on this dataset. The built-in dataset keeps the key
    /// it always had, so work saved before datasets could be imported is found.
    pub fn working_key(self) -> String {
        self.suffixed(super::saved::WORKING_KEY)
    }

    /// The named scenarios' key for this dataset.
    pub fn library_key(self) -> String {
        self.suffixed(super::library::LIBRARY_KEY)
    }

    fn suffixed(self, key: &str) -> String {
        match self {
            Slot::Builtin => key.to_string(),
            Slot::Imported(h) => format!("{key}@{h:016x}"),
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    app: &'a str,
    kind: &'a str,
    format: u32,
    name: &'a str,
    version: &'a str,
    hash: String,
    dataset: &'a Dataset,
}

/// Why a kept dataset could not be read, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredError {
    NotOurs,
    FromNewerVersion(u64),
    Damaged(String),
}

impl fmt::Display for StoredError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoredError::NotOurs => write!(f, "what is kept is not a Risk Explorer dataset"),
            StoredError::FromNewerVersion(v) => write!(
                f,
                "it was kept by a newer version of Risk Explorer (format {v}; this version reads format {FORMAT})"
            ),
            StoredError::Damaged(why) => write!(f, "it is damaged ({why})"),
        }
    }
}

/// The kept text for this dataset.
pub fn encode(dataset: &Dataset) -> String {
    serde_json::to_string(&Envelope {
        app: APP,
        kind: KIND,
        format: FORMAT,
        name: &dataset.meta.name,
        version: &dataset.meta.version,
        hash: format!("{:016x}", dataset.content_hash()),
        dataset,
    })
    .expect("a dataset always serialises")
}

/// Reads a kept dataset: checked as an imported one is, and against its hash.
pub fn decode(text: &str) -> Result<Dataset, StoredError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| StoredError::Damaged("not readable data".into()))?;
    let top = value.as_object().ok_or(StoredError::NotOurs)?;
    if top.get("app").and_then(|a| a.as_str()) != Some(APP)
        || top.get("kind").and_then(|k| k.as_str()) != Some(KIND)
    {
        return Err(StoredError::NotOurs);
    }
    match top.get("format").and_then(|f| f.as_u64()) {
        Some(f) if f > u64::from(FORMAT) => return Err(StoredError::FromNewerVersion(f)),
        Some(0) | None => return Err(StoredError::Damaged("no valid format number".into())),
        Some(_) => {}
    }
    let hash = top
        .get("hash")
        .and_then(|h| h.as_str())
        .ok_or_else(|| StoredError::Damaged("no hash".into()))?;
    let inner = top
        .get("dataset")
        .ok_or_else(|| StoredError::Damaged("no dataset".into()))?;
    let dataset = Dataset::from_json(&inner.to_string())
        .map_err(|e| StoredError::Damaged(format!("{}: {}", e.field, e.message)))?;
    if format!("{:016x}", dataset.content_hash()) != hash {
        return Err(StoredError::Damaged(
            "its content does not match its hash".into(),
        ));
    }
    Ok(dataset)
}

/// "Birmingham Children's Trust strategic risks, version 2.1.0": a dataset named for
/// people (the masthead, notices, the dialog).
pub fn label(dataset: &Dataset) -> String {
    format!("{}, version {}", dataset.meta.name, dataset.meta.version)
}
