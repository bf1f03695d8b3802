//! The scenario file: the one file format in which work leaves the browser and comes back.
//! The download when saving fails, the named scenarios' export and the exports that carry
//! their settings all write this; opening one reads it. It holds one or more scenarios,
//! each a workspace in the autosave's own form (so every upgrade the autosave knows
//! applies here too), with a name and a note, and says which dataset (name, version,
//! content hash) and which model version made it, so the same file gives the same
//! numbers or says why not.
//!
//! ```json
//! { "app": "risk-explorer", "kind": "scenario-file", "format": 1,
//!   "model_version": "3.0.0", "written": "2026-11-27T17:00:00Z",
//!   "dataset": { "name": "…", "version": "2.0.0", "hash": "9c2e…" },
//!   "scenarios": [ { "name": "Work in progress", "note": "",
//!                    "workspace_format": 3, "workspace": { … }, "view": { … } } ] }
//! ```

use super::saved::{self, SavedError, SAVED_VERSION};
use crate::model::{Dataset, MODEL_VERSION};
use crate::state::{ViewSettings, Workspace};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What `kind` says in a scenario file.
pub const KIND: &str = "scenario-file";
/// The file format this build writes. Bump it when the meaning of a field changes.
pub const FILE_FORMAT: u32 = 1;
/// The largest file opened (a scenario is a few kilobytes; a workshop's dozens are well
/// under this). Larger files are refused before they are read.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// The most scenarios one file may hold.
pub const MAX_SCENARIOS: usize = 500;
/// Names and notes are cut to these lengths (on writing and on reading).
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_NOTE_CHARS: usize = 2_000;
const APP: &str = "risk-explorer";

/// A scenario as kept: a name, a note and the work.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub name: String,
    pub note: String,
    pub workspace: Workspace,
    pub view: ViewSettings,
}

/// Which dataset a file's scenarios were made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetStamp {
    pub name: String,
    pub version: String,
    /// [`Dataset::content_hash`] in hex.
    pub hash: String,
}

impl DatasetStamp {
    pub fn of(dataset: &Dataset) -> DatasetStamp {
        DatasetStamp {
            name: dataset.meta.name.clone(),
            version: dataset.meta.version.clone(),
            hash: hash_hex(dataset),
        }
    }
}

/// [`Dataset::content_hash`] in hex, remembered for the last dataset asked about: the
/// hash serialises the whole dataset (about a millisecond natively, more in the
/// browser), while every link written or read, and every file, needs it, and the app
/// holds one dataset. Comparing with the remembered one costs far less.
pub(crate) fn hash_hex(dataset: &Dataset) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Dataset, String)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((d, hash)) if d == dataset => hash.clone(),
            _ => {
                let hash = format!("{:016x}", dataset.content_hash());
                *last = Some((dataset.clone(), hash.clone()));
                hash
            }
        }
    })
}

#[derive(Serialize)]
struct FileOut<'a> {
    app: &'a str,
    kind: &'a str,
    format: u32,
    model_version: &'a str,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    written: &'a str,
    dataset: DatasetStamp,
    /// The whole dataset, when the file carries it (so someone who does not have it can
    /// import it): the dataset-import format.
    #[serde(skip_serializing_if = "Option::is_none")]
    carries_dataset: Option<&'a Dataset>,
    scenarios: Vec<ScenarioOut<'a>>,
}

#[derive(Serialize)]
struct ScenarioOut<'a> {
    name: String,
    note: String,
    workspace_format: u32,
    workspace: &'a Workspace,
    view: &'a ViewSettings,
}

/// Why a file could not be opened, in words that say what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    TooLarge(usize),
    NotJson,
    /// JSON, but not a Risk Explorer scenario file (what it looks like, if we can tell).
    NotOurs(&'static str),
    FromNewerVersion(u64),
    Empty,
    TooMany(usize),
    /// Part of the file is not what this version writes: where and what.
    Damaged(String),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::TooLarge(n) => write!(
                f,
                "This file is too large to be a scenario file ({} MB; scenario files are under {} MB). Nothing was opened.",
                crate::format::box_number(*n as f64 / 1_048_576.0, 1),
                MAX_FILE_BYTES / 1_048_576
            ),
            FileError::NotJson => write!(
                f,
                "This file is not a scenario file: it is not readable data (a scenario file is a .json file downloaded from Risk Explorer). Nothing was opened."
            ),
            FileError::NotOurs(what) => write!(
                f,
                "This file is not a Risk Explorer scenario file ({what}). Nothing was opened."
            ),
            FileError::FromNewerVersion(v) => write!(
                f,
                "This scenario file was written by a newer version of Risk Explorer (file format {v}; this version reads format {FILE_FORMAT}). Open it in the newer version. Nothing was opened."
            ),
            FileError::Empty => write!(f, "This scenario file holds no scenarios. Nothing was opened."),
            FileError::TooMany(n) => write!(
                f,
                "This scenario file holds {} scenarios, more than the {MAX_SCENARIOS} this version opens. Nothing was opened.",
                crate::format::count(*n as u64)
            ),
            FileError::Damaged(why) => write!(
                f,
                "Part of this scenario file could not be read ({why}). Nothing was opened."
            ),
        }
    }
}

/// A scenario as opened, with what had to change on the way in.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub scenario: Named,
    /// Plain sentences: what an older format held that reads differently now, and values
    /// this dataset does not have or that were outside their range.
    pub notes: Vec<String>,
}

/// A file as opened.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedFile {
    pub scenarios: Vec<Opened>,
    /// About the file as a whole: made with another dataset or model version.
    pub notes: Vec<String>,
    /// The dataset the file carries, when it is not the one in use (valid, and matching
    /// the file's stamp): the page offers to import it.
    pub carried: Option<Box<Dataset>>,
}

fn cut(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// The file for these scenarios; `written` is the time in ISO 8601 (empty to leave out).
pub fn encode(scenarios: &[Named], dataset: &Dataset, written: &str) -> String {
    encode_file(scenarios, dataset, written, false)
}

/// The file for these scenarios carrying the dataset itself, for someone who does not
/// have it (an imported dataset).
pub fn encode_carrying(scenarios: &[Named], dataset: &Dataset, written: &str) -> String {
    encode_file(scenarios, dataset, written, true)
}

fn encode_file(scenarios: &[Named], dataset: &Dataset, written: &str, carry: bool) -> String {
    let file = FileOut {
        carries_dataset: carry.then_some(dataset),
        app: APP,
        kind: KIND,
        format: FILE_FORMAT,
        model_version: MODEL_VERSION,
        written,
        dataset: DatasetStamp::of(dataset),
        scenarios: scenarios
            .iter()
            .map(|s| ScenarioOut {
                name: cut(&s.name, MAX_NAME_CHARS),
                note: cut(&s.note, MAX_NOTE_CHARS),
                workspace_format: SAVED_VERSION,
                workspace: &s.workspace,
                view: &s.view,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).expect("a scenario file always serialises")
}

/// The work on screen as the one scenario of a download made at `written` (ISO 8601):
/// "Work in progress", with a note saying when it was downloaded; and its file name.
pub fn work_in_progress(
    workspace: &Workspace,
    view: &ViewSettings,
    written: &str,
) -> (Named, String) {
    const NAME: &str = "Work in progress";
    let date: String = written.chars().take(10).collect();
    let scenario = Named {
        name: NAME.into(),
        note: format!("Downloaded from Risk Explorer on {date}."),
        workspace: workspace.clone(),
        view: view.clone(),
    };
    (scenario, file_name(NAME, written))
}

/// A file name for a download: `risk-explorer-work-in-progress-2026-11-27.json`.
pub fn file_name(title: &str, date: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let date: String = date.chars().take(10).collect();
    match (slug.is_empty(), date.is_empty()) {
        (true, true) => "risk-explorer.json".into(),
        (true, false) => format!("risk-explorer-{date}.json"),
        (false, true) => format!("risk-explorer-{slug}.json"),
        (false, false) => format!("risk-explorer-{slug}-{date}.json"),
    }
}

/// Reads a scenario file for this dataset. Nothing is half-read: the whole file is
/// checked before any scenario is returned.
pub fn decode(text: &str, dataset: &Dataset) -> Result<OpenedFile, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge(text.len()));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| FileError::NotJson)?;
    let Some(top) = value.as_object() else {
        return Err(FileError::NotOurs(
            "it holds a list or a single value, not a scenario file",
        ));
    };
    if top.get("app").and_then(|a| a.as_str()) != Some(APP) {
        return Err(FileError::NotOurs(
            if top.contains_key("meta") && top.contains_key("risks") {
                "it looks like a dataset, not a scenario file"
            } else {
                "it is another program's JSON file"
            },
        ));
    }
    if top.get("kind").and_then(|k| k.as_str()) != Some(KIND) {
        return Err(FileError::NotOurs(if top.contains_key("workspace") {
            "it is a copy of the browser's autosave, not a downloaded scenario file"
        } else {
            "it is a Risk Explorer file of another kind"
        }));
    }
    let format = match top.get("format") {
        None => return Err(FileError::Damaged("it has no format number".into())),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| FileError::Damaged("its format number is not a whole number".into()))?,
    };
    if format > u64::from(FILE_FORMAT) {
        return Err(FileError::FromNewerVersion(format));
    }
    if format == 0 {
        return Err(FileError::Damaged("its format number is 0".into()));
    }
    let stamp: DatasetStamp = top
        .get("dataset")
        .cloned()
        .ok_or_else(|| FileError::Damaged("it does not say which dataset it was made with".into()))
        .and_then(|d| {
            serde_json::from_value(d)
                .map_err(|e| FileError::Damaged(format!("dataset: {}", plain_serde(&e))))
        })?;
    let model_version = top
        .get("model_version")
        .and_then(|m| m.as_str())
        .unwrap_or("")
        .to_string();
    let list = top
        .get("scenarios")
        .and_then(|s| s.as_array())
        .ok_or_else(|| FileError::Damaged("it has no list of scenarios".into()))?;
    if list.is_empty() {
        return Err(FileError::Empty);
    }
    if list.len() > MAX_SCENARIOS {
        return Err(FileError::TooMany(list.len()));
    }
    let mut scenarios = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let which = format!("scenario {}", i + 1);
        let obj = entry
            .as_object()
            .ok_or_else(|| FileError::Damaged(format!("{which} is not a scenario")))?;
        let text_field = |key: &str, max: usize| -> Result<String, FileError> {
            match obj.get(key) {
                None | Some(serde_json::Value::Null) => Ok(String::new()),
                Some(serde_json::Value::String(s)) => Ok(cut(s, max)),
                Some(_) => Err(FileError::Damaged(format!(
                    "{which}: its {key} is not text"
                ))),
            }
        };
        let mut name = text_field("name", MAX_NAME_CHARS)?;
        if name.is_empty() {
            name = format!("Scenario {}", i + 1);
        }
        let note = text_field("note", MAX_NOTE_CHARS)?;
        // The workspace is read exactly as the autosave is, so every upgrade applies.
        let (workspace, view, notes) = saved::decode_carried(
            &stamp.version,
            obj.get("workspace_format"),
            obj.get("workspace"),
            obj.get("view"),
            dataset,
        )
        .map_err(|e| {
            FileError::Damaged(match e {
                SavedError::FromNewerVersion(v) => format!(
                    "“{name}” was saved by a newer version (workspace format {v}; this version reads {SAVED_VERSION})"
                ),
                SavedError::Damaged(why) => format!("“{name}”: {why}"),
                other => format!("“{name}”: {other}"),
            })
        })?;
        scenarios.push(Opened {
            scenario: Named {
                name,
                note,
                workspace,
                view,
            },
            notes,
        });
    }
    let mut notes = made_with_notes(
        Some(&stamp.name),
        &stamp.version,
        &stamp.hash,
        &model_version,
        dataset,
    );
    let carried = match top.get("carries_dataset") {
        Some(d) if stamp.hash != DatasetStamp::of(dataset).hash => {
            match Dataset::from_json(&d.to_string()) {
                Ok(ds) if DatasetStamp::of(&ds).hash == stamp.hash => Some(Box::new(ds)),
                Ok(_) => {
                    notes.push("The dataset this file carries does not match the one its scenarios were made with, so it is not offered.".into());
                    None
                }
                Err(e) => {
                    notes.push(format!(
                        "The dataset this file carries could not be read ({}: {}), so it is not offered.",
                        e.field, e.message
                    ));
                    None
                }
            }
        }
        _ => None,
    };
    Ok(OpenedFile {
        scenarios,
        notes,
        carried,
    })
}

/// What a document's stamp says about the figures it will give here: made with another
/// dataset (by name, when the document names it), another version of it, a copy whose
/// contents differ, or another model version. Empty when all match.
pub fn made_with_notes(
    name: Option<&str>,
    version: &str,
    hash: &str,
    model_version: &str,
    dataset: &Dataset,
) -> Vec<String> {
    let mut notes = Vec::new();
    let here = DatasetStamp::of(dataset);
    match name {
        Some(name) if name != here.name => notes.push(format!(
            "This was made with another dataset (“{}”); this app holds “{}”. What still applies was opened; the notes list what could not be.",
            cut(name, 80),
            here.name
        )),
        _ if version != here.version => notes.push(format!(
            "This was made with version {} of the dataset; this app holds version {}. Some default values differ, so the same settings may give different figures.",
            cut(version, 20),
            here.version
        )),
        _ if hash != here.hash => notes.push(
            "This was made with a copy of the dataset whose contents differ from this app's, so the same settings may give different figures."
                .to_string(),
        ),
        _ => {}
    }
    if !model_version.is_empty() && model_version != MODEL_VERSION {
        notes.push(format!(
            "This was made with model version {}; this app's model is version {MODEL_VERSION}, so the same settings may give different figures.",
            cut(model_version, 20)
        ));
    }
    notes
}

/// A serde error without its line and column (which mean nothing to a board member).
fn plain_serde(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
