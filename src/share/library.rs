//! The named scenarios kept in this browser: a versioned envelope, like the autosave's,
//! around a list of scenarios, each with an id, a name, a note, when it was saved, and
//! the work in the autosave's own form (so every upgrade the autosave knows applies).
//!
//! ```json
//! { "app": "risk-explorer", "kind": "scenario-library", "format": 1,
//!   "dataset": "2.1.0", "workspace_format": 3,
//!   "scenarios": [ { "id": 1, "name": "…", "note": "…", "saved": "2026-11-27 20:30",
//!                    "workspace": { … }, "view": { … } } ] }
//! ```
//!
//! Reading is forgiving of single scenarios and strict about the envelope: a list whose
//! envelope cannot be read is refused whole (the caller sets the text aside); a scenario
//! that cannot be read is left out with a note saying which and why (the caller keeps the
//! text as it was before anything is written over it).

use super::file::{Named, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SCENARIOS};
use super::saved::{self, SavedError, DATASET_VERSION, SAVED_VERSION};
use crate::model::Dataset;
use crate::state::{SavedScenario, ViewSettings, Workspace};
use serde::Serialize;
use std::fmt;

/// Local-storage key of the named scenarios.
pub const LIBRARY_KEY: &str = "risk-explorer/scenarios";
/// What `kind` says in the stored list.
pub const KIND: &str = "scenario-library";
/// The list format this build writes. Bump it when the meaning of a field changes.
pub const LIBRARY_FORMAT: u32 = 1;
const APP: &str = "risk-explorer";
/// The longest "saved" time kept ("YYYY-MM-DD HH:MM" is 16).
const MAX_SAVED_CHARS: usize = 32;

#[derive(Serialize)]
struct ListOut<'a> {
    app: &'a str,
    kind: &'a str,
    format: u32,
    dataset: &'a str,
    /// Which dataset the scenarios belong to (name, version, hash), since datasets can be
    /// imported: each dataset's scenarios are kept apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    belongs_to: Option<super::file::DatasetStamp>,
    workspace_format: u32,
    scenarios: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    id: u32,
    name: &'a str,
    note: &'a str,
    saved: &'a str,
    workspace: &'a Workspace,
    view: &'a ViewSettings,
}

/// Why the stored list could not be read, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryError {
    NotJson,
    NotOurs,
    FromNewerVersion(u64),
    Damaged(String),
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryError::NotJson => write!(f, "the list is damaged (it is not readable data)"),
            LibraryError::NotOurs => write!(f, "the list was not written by Risk Explorer"),
            LibraryError::FromNewerVersion(v) => write!(
                f,
                "the list was written by a newer version of Risk Explorer (format {v}; this version reads format {LIBRARY_FORMAT})"
            ),
            LibraryError::Damaged(why) => write!(f, "the list could not be read ({why})"),
        }
    }
}

/// The list as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    pub scenarios: Vec<SavedScenario>,
    /// Plain sentences: scenarios left out (which and why), and what an older format held
    /// that reads differently now.
    pub notes: Vec<String>,
    /// Whether a scenario was left out: the caller keeps the text as it was, so that
    /// writing the list back loses nothing.
    pub left_out: bool,
}

fn cut(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// The stored text for these scenarios.
pub fn encode(scenarios: &[SavedScenario]) -> String {
    encode_list(scenarios, None)
}

/// The stored text for these scenarios, saying which dataset they belong to.
pub fn encode_for(scenarios: &[SavedScenario], dataset: &Dataset) -> String {
    encode_list(scenarios, Some(super::file::DatasetStamp::of(dataset)))
}

fn encode_list(
    scenarios: &[SavedScenario],
    belongs_to: Option<super::file::DatasetStamp>,
) -> String {
    let list = ListOut {
        belongs_to,
        app: APP,
        kind: KIND,
        format: LIBRARY_FORMAT,
        dataset: DATASET_VERSION,
        workspace_format: SAVED_VERSION,
        scenarios: scenarios
            .iter()
            .map(|s| EntryOut {
                id: s.id,
                name: &s.named.name,
                note: &s.named.note,
                saved: &s.saved,
                workspace: &s.named.workspace,
                view: &s.named.view,
            })
            .collect(),
    };
    serde_json::to_string(&list).expect("the scenario list always serialises")
}

/// Reads the stored list for this dataset.
pub fn decode(text: &str, dataset: &Dataset) -> Result<Library, LibraryError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| LibraryError::NotJson)?;
    let top = value.as_object().ok_or(LibraryError::NotOurs)?;
    if top.get("app").and_then(|a| a.as_str()) != Some(APP)
        || top.get("kind").and_then(|k| k.as_str()) != Some(KIND)
    {
        return Err(LibraryError::NotOurs);
    }
    match top.get("format").and_then(|f| f.as_u64()) {
        Some(f) if f > u64::from(LIBRARY_FORMAT) => return Err(LibraryError::FromNewerVersion(f)),
        Some(0) | None => {
            return Err(LibraryError::Damaged(
                "it has no valid format number".into(),
            ))
        }
        Some(_) => {}
    }
    let dataset_version = top.get("dataset").and_then(|d| d.as_str()).unwrap_or("");
    let list = top
        .get("scenarios")
        .and_then(|s| s.as_array())
        .ok_or_else(|| LibraryError::Damaged("it has no list of scenarios".into()))?;
    let mut scenarios: Vec<SavedScenario> = Vec::with_capacity(list.len().min(MAX_SCENARIOS));
    let mut notes = Vec::new();
    let mut left_out = false;
    for (i, entry) in list.iter().enumerate() {
        if scenarios.len() >= MAX_SCENARIOS {
            notes.push(format!(
                "Only the first {MAX_SCENARIOS} named scenarios are shown; the other {} are kept in the list as it was.",
                list.len() - MAX_SCENARIOS
            ));
            left_out = true;
            break;
        }
        match entry_of(
            entry,
            i,
            dataset_version,
            top.get("workspace_format"),
            dataset,
        ) {
            Ok((mut s, more)) => {
                // Ids are unique: a repeated one (hand-edited storage) gets a new one.
                if s.id == 0 || scenarios.iter().any(|o| o.id == s.id) {
                    s.id = next_free_id(list.len(), &scenarios);
                }
                for n in more {
                    notes.push(format!("“{}”: {n}", s.named.name));
                }
                scenarios.push(s);
            }
            Err(why) => {
                notes.push(format!(
                    "Named scenario {} could not be read and is not shown ({why}).",
                    i + 1
                ));
                left_out = true;
            }
        }
    }
    Ok(Library {
        scenarios,
        notes,
        left_out,
    })
}

fn next_free_id(hint: usize, taken: &[SavedScenario]) -> u32 {
    let max = taken.iter().map(|s| s.id).max().unwrap_or(0);
    max.max(hint as u32).saturating_add(1)
}

fn entry_of(
    entry: &serde_json::Value,
    i: usize,
    dataset_version: &str,
    workspace_format: Option<&serde_json::Value>,
    dataset: &Dataset,
) -> Result<(SavedScenario, Vec<String>), String> {
    let obj = entry
        .as_object()
        .ok_or_else(|| "it is not a scenario".to_string())?;
    let text = |key: &str, max: usize| -> Result<String, String> {
        match obj.get(key) {
            None | Some(serde_json::Value::Null) => Ok(String::new()),
            Some(serde_json::Value::String(s)) => Ok(cut(s, max)),
            Some(_) => Err(format!("its {key} is not text")),
        }
    };
    let mut name = text("name", MAX_NAME_CHARS)?;
    if name.is_empty() {
        name = format!("Scenario {}", i + 1);
    }
    let note = text("note", MAX_NOTE_CHARS)?;
    let saved = text("saved", MAX_SAVED_CHARS)?;
    let id = obj
        .get("id")
        .and_then(|v| v.as_u64())
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(0);
    let (workspace, view, notes) = saved::decode_carried(
        dataset_version,
        workspace_format,
        obj.get("workspace"),
        obj.get("view"),
        dataset,
    )
    .map_err(|e| match e {
        SavedError::Damaged(why) => format!("“{name}”: {why}"),
        other => format!("“{name}”: {other}"),
    })?;
    Ok((
        SavedScenario {
            id,
            named: Named {
                name,
                note,
                workspace,
                view,
            },
            saved,
        },
        notes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rating, RatingKind, RiskEdit, RiskId};

    fn ds() -> Dataset {
        Dataset::builtin().unwrap()
    }

    fn sample() -> Vec<SavedScenario> {
        let mut ws = Workspace::default();
        ws.register.risks.insert(
            RiskId::new("R3"),
            RiskEdit {
                current: Some(Rating::new(5, 4).unwrap()),
                ..Default::default()
            },
        );
        ws.simulation.seed = u64::MAX;
        vec![
            SavedScenario {
                id: 1,
                named: Named {
                    name: "Workshop <b>A</b>".into(),
                    note: "Five ratings moved.\nSecond line.".into(),
                    workspace: ws,
                    view: ViewSettings {
                        map_rating: RatingKind::Target,
                        show_paths: true,
                        selected: Some(RiskId::new("R3")),
                    },
                },
                saved: "2026-11-27 20:30".into(),
            },
            SavedScenario {
                id: 4,
                named: Named {
                    name: "Defaults".into(),
                    note: String::new(),
                    workspace: Workspace::default(),
                    view: ViewSettings::default(),
                },
                saved: "2026-11-27 20:31".into(),
            },
        ]
    }

    #[test]
    fn round_trips() {
        let list = sample();
        let text = encode(&list);
        assert!(text.contains("\"kind\":\"scenario-library\""), "{text}");
        let back = decode(&text, &ds()).unwrap();
        assert_eq!(back.scenarios, list);
        assert!(back.notes.is_empty(), "{:?}", back.notes);
        assert!(!back.left_out);
        assert_eq!(
            decode(&encode(&[]), &ds()).unwrap().scenarios,
            Vec::<SavedScenario>::new()
        );
    }

    #[test]
    fn an_unreadable_list_is_refused_with_a_reason() {
        let ds = ds();
        assert_eq!(decode("{oops", &ds), Err(LibraryError::NotJson));
        assert_eq!(decode("[]", &ds), Err(LibraryError::NotOurs));
        assert_eq!(
            decode(r#"{"app":"risk-explorer","version":3,"workspace":{}}"#, &ds),
            Err(LibraryError::NotOurs),
            "the autosave is not a list of scenarios"
        );
        let newer = encode(&sample()).replace("\"format\":1", "\"format\":9");
        assert_eq!(decode(&newer, &ds), Err(LibraryError::FromNewerVersion(9)));
        let no_list = r#"{"app":"risk-explorer","kind":"scenario-library","format":1}"#;
        assert!(matches!(
            decode(no_list, &ds),
            Err(LibraryError::Damaged(_))
        ));
        assert!(LibraryError::FromNewerVersion(9)
            .to_string()
            .contains("newer version"));
    }

    #[test]
    fn a_damaged_scenario_is_left_out_with_a_note_and_the_rest_kept() {
        let ds = ds();
        let text = encode(&sample()).replacen("\"likelihood\":5", "\"likelihood\":9", 1);
        let back = decode(&text, &ds).unwrap();
        assert_eq!(back.scenarios.len(), 1);
        assert_eq!(back.scenarios[0].named.name, "Defaults");
        assert!(back.left_out);
        assert_eq!(back.notes.len(), 1, "{:?}", back.notes);
        assert!(back.notes[0].contains("Named scenario 1 could not be read"));
        assert!(back.notes[0].contains("Workshop <b>A</b>"));
    }

    #[test]
    fn repeated_ids_are_made_unique_and_long_names_cut() {
        let mut list = sample();
        list[1].id = 1;
        list[1].named.name = "x".repeat(500);
        let back = decode(&encode(&list), &ds()).unwrap();
        assert_eq!(back.scenarios[0].id, 1);
        assert_ne!(back.scenarios[1].id, 1);
        assert_eq!(back.scenarios[1].named.name.chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn an_older_workspace_format_is_upgraded_with_notes() {
        let old = r#"{"app":"risk-explorer","kind":"scenario-library","format":1,"dataset":"2.1.0","workspace_format":2,
            "scenarios":[{"id":3,"name":"Old","note":"","saved":"2026-01-01 09:00",
            "workspace":{"consequences":{"severity.4":2.0}},"view":{}}]}"#;
        let back = decode(old, &ds()).unwrap();
        assert_eq!(back.scenarios.len(), 1);
        assert!(!back.left_out);
        assert!(back.notes[0].starts_with("“Old”: The severity factor"));
    }
}
