//! The autosaved working state: a versioned JSON envelope around the workspace and view.

use crate::model::edits::ConsequenceKey;
use crate::model::Dataset;
use crate::state::{ViewSettings, Workspace};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Local-storage key of the working state.
pub const WORKING_KEY: &str = "risk-explorer/working";
/// Prefix of keys under which unreadable saved states are set aside.
pub const SET_ASIDE_PREFIX: &str = "risk-explorer/set-aside/";
/// The saved format this build writes. Bump it when the meaning of a field changes.
/// Format 1 named a shock by its position in the risk's list (`R3.0.likely`); format 2
/// by the driver it moves (`R3.cic_growth.likely`). Format 1 is still read.
pub const SAVED_VERSION: u32 = 2;
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
    FromNewerVersion(u64),
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

/// Reads a saved state written by this or an earlier version, for this dataset (which
/// says what the positional shock keys of format 1 pointed at).
pub fn decode(text: &str, dataset: &Dataset) -> Result<(Workspace, ViewSettings), SavedError> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| SavedError::NotJson)?;
    if value.get("app").and_then(|a| a.as_str()) != Some(APP) {
        return Err(SavedError::NotOurs);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > SAVED_VERSION as u64 => return Err(SavedError::FromNewerVersion(v)),
        Some(1) => upgrade_shock_keys(&mut value, dataset),
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

/// Format 1 → 2: shock keys by position become shock keys by driver. A key that names
/// no shock of this dataset is dropped, as loading drops any edit the dataset lacks.
fn upgrade_shock_keys(value: &mut serde_json::Value, dataset: &Dataset) {
    let Some(edits) = value
        .get_mut("workspace")
        .and_then(|w| w.get_mut("consequences"))
        .and_then(|c| c.as_object_mut())
    else {
        return;
    };
    let old = std::mem::take(edits);
    for (key, v) in old {
        if let Some(new) = ConsequenceKey::from_legacy(&key, &dataset.consequences) {
            edits.insert(new.to_string(), v);
        }
    }
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
        let ds = Dataset::builtin().unwrap();
        assert_eq!(decode(&text, &ds).unwrap(), (ws, view));
    }

    #[test]
    fn stores_only_differences() {
        let text = encode(&Workspace::default(), &ViewSettings::default());
        assert!(text.len() < 160, "an untouched workspace is tiny: {text}");
    }

    #[test]
    fn refuses_bad_input_with_reasons() {
        let ds = Dataset::builtin().unwrap();
        let decode = |text: &str| decode(text, &ds);
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
        // A format number past u32 is reported as it is, not wrapped round.
        assert_eq!(
            decode(r#"{"app":"risk-explorer","version":4294967297,"workspace":{}}"#),
            Err(SavedError::FromNewerVersion(4_294_967_297))
        );
        let msg = SavedError::FromNewerVersion(7).to_string();
        assert!(msg.contains("newer version"), "{msg}");
    }

    #[test]
    fn format_1_shock_keys_by_position_open_as_keys_by_driver() {
        let ds = Dataset::builtin().unwrap();
        let r3 = RiskId::new("R3");
        let shocks = ds.consequences.shocks(&r3);
        let v1 = r#"{"app":"risk-explorer","version":1,"workspace":{"consequences":{"R3.1.high":7.5,"severity.4":2.0,"R3.99.low":1.0}}}"#;
        let (ws, _) = decode(v1, &ds).unwrap();
        let expected: crate::model::edits::ConsequenceEdits = [
            (
                ConsequenceKey::Shock(crate::model::edits::ShockKey {
                    risk: r3.clone(),
                    driver: shocks[1].driver.clone(),
                    point: crate::model::consequences::SeverityPoint::High,
                }),
                7.5,
            ),
            (ConsequenceKey::Severity(4), 2.0),
        ]
        .into_iter()
        .collect();
        assert_eq!(ws.consequences, expected);
        let again = encode(&ws, &ViewSettings::default());
        assert!(
            again.contains(&format!("R3.{}.high", shocks[1].driver)),
            "{again}"
        );
        assert_eq!(decode(&again, &ds).unwrap().0, ws);
    }
}
