//! The autosaved working state: a versioned JSON envelope around the workspace and view.

use crate::state::{ViewSettings, Workspace};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Local-storage key of the working state.
pub const WORKING_KEY: &str = "risk-explorer/working";
/// Prefix of keys under which unreadable saved states are set aside.
pub const SET_ASIDE_PREFIX: &str = "risk-explorer/set-aside/";
/// The saved format this build writes. Bump it when the meaning of a field changes.
pub const SAVED_VERSION: u32 = 1;
const APP: &str = "risk-explorer";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    app: String,
    version: u32,
    workspace: Workspace,
    #[serde(default)]
    view: ViewSettings,
}

/// Why a saved state could not be read, in words a board member can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedError {
    NotJson,
    NotOurs,
    FromNewerVersion(u32),
    Damaged(String),
}

impl fmt::Display for SavedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SavedError::NotJson => write!(f, "the saved work is damaged (it is not readable data)"),
            SavedError::NotOurs => write!(f, "the saved data was not written by Risk Explorer"),
            SavedError::FromNewerVersion(v) => write!(
                f,
                "the saved work was written by a newer version of Risk Explorer (format {v}; this version reads format {SAVED_VERSION})"
            ),
            SavedError::Damaged(why) => write!(f, "part of the saved work could not be read ({why})"),
        }
    }
}

pub fn encode(workspace: &Workspace, view: &ViewSettings) -> String {
    serde_json::to_string(&Envelope {
        app: APP.into(),
        version: SAVED_VERSION,
        workspace: workspace.clone(),
        view: view.clone(),
    })
    .expect("the workspace always serialises")
}

pub fn decode(text: &str) -> Result<(Workspace, ViewSettings), SavedError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| SavedError::NotJson)?;
    if value.get("app").and_then(|a| a.as_str()) != Some(APP) {
        return Err(SavedError::NotOurs);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > SAVED_VERSION as u64 => return Err(SavedError::FromNewerVersion(v as u32)),
        Some(_) => {}
        None => return Err(SavedError::Damaged("it has no version number".into())),
    }
    let envelope: Envelope = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        SavedError::Damaged(format!("{path}: {inner}"))
    })?;
    Ok((envelope.workspace, envelope.view))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rating, RatingKind, RiskEdit, RiskId};

    fn sample() -> (Workspace, ViewSettings) {
        let mut ws = Workspace::default();
        ws.register.risks.insert(
            RiskId::new("R3"),
            RiskEdit {
                current: Some(Rating::new(5, 4).unwrap()),
                owner: Some("Director of <b>Practice</b>".into()),
                ..Default::default()
            },
        );
        ws.register.appetite = Some(9);
        let view = ViewSettings {
            map_rating: RatingKind::Target,
            show_paths: true,
            selected: Some(RiskId::new("R3")),
        };
        (ws, view)
    }

    #[test]
    fn round_trips() {
        let (ws, view) = sample();
        let text = encode(&ws, &view);
        assert_eq!(decode(&text).unwrap(), (ws, view));
    }

    #[test]
    fn stores_only_differences() {
        let text = encode(&Workspace::default(), &ViewSettings::default());
        assert!(text.len() < 160, "an untouched workspace is tiny: {text}");
    }

    #[test]
    fn refuses_bad_input_with_reasons() {
        assert_eq!(decode("{not json"), Err(SavedError::NotJson));
        assert_eq!(decode("[1,2]"), Err(SavedError::NotOurs));
        assert_eq!(
            decode(r#"{"app":"risk-explorer","version":7,"workspace":{}}"#),
            Err(SavedError::FromNewerVersion(7))
        );
        let bad_level = r#"{"app":"risk-explorer","version":1,"workspace":{"register":{"risks":{"R1":{"current":{"likelihood":9,"impact":2}}}}}}"#;
        match decode(bad_level) {
            Err(SavedError::Damaged(why)) => {
                assert!(why.contains("likelihood"), "{why}");
                assert!(why.contains("1 to 5"), "{why}");
            }
            other => panic!("expected Damaged, got {other:?}"),
        }
        let msg = SavedError::FromNewerVersion(7).to_string();
        assert!(msg.contains("newer version"), "{msg}");
    }
}
