//! The autosaved working state: a versioned JSON envelope around the workspace and view.

use crate::model::edits::ConsequenceKey;
use crate::model::json_path;
use crate::model::Dataset;
use crate::state::{ViewSettings, Workspace};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Local-storage key of the working state.
pub const WORKING_KEY: &str = "risk-explorer/working";
/// Prefix of keys under which work is kept as a copy when two tabs disagree.
pub const COPY_PREFIX: &str = "risk-explorer/copy/";
/// Prefix of keys under which unreadable saved states are set aside.
pub const SET_ASIDE_PREFIX: &str = "risk-explorer/set-aside/";
/// The saved format this build writes. Bump it when the meaning of a field changes.
/// Format 1 named a shock by its position in the risk's list (`R3.0.likely`); format 2
/// by the driver it moves (`R3.cic_growth.likely`). Format 3 is the calibrated model:
/// shocks are sized by financial-impact band (the severity table is gone) and the
/// simulation's threshold applies to each year's net outturn (default £8.2m, was a
/// £10.0m "gap"). Formats 1 and 2 are still read; what no longer applies is listed.
pub const SAVED_VERSION: u32 = 3;
/// The threshold formats 1 and 2 wrote by default, £m.
const OLD_DEFAULT_THRESHOLD: f64 = 10.0;
const APP: &str = "risk-explorer";
/// The version of the built-in dataset this build writes into a save (a test holds it to
/// `data/meta.json`). Saves before 2.1.0 carry none.
pub const DATASET_VERSION: &str = "2.1.0";
/// The owners the register showed by default before dataset 2.1.0. They were our
/// assumptions (the sources name no risk owners); from 2.1.0 the default is "not
/// published".
const OLD_DEFAULT_OWNERS: [(&str, &str); 9] = [
    ("R1", "Chief Executive"),
    ("R2", "Director of Finance & Resources"),
    ("R3", "Director of Help and Protection"),
    ("R4", "Director of Help and Protection"),
    ("R5", "Director of Quality Assurance"),
    ("R6", "Director of Quality Assurance"),
    ("R7", "Director of Commissioning and Specialist Services"),
    ("R8", "Director of Finance & Resources"),
    ("R9", "Director of Finance & Resources"),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    app: String,
    version: u32,
    /// Counts the saves of this work across tabs: a tab never writes over a newer one it
    /// has not seen.
    #[serde(default)]
    revision: u64,
    /// The built-in dataset's version when this was saved (none before 2.1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dataset: Option<String>,
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
    encode_at(workspace, view, 0)
}

/// The save of `workspace` as revision `revision`.
pub fn encode_at(workspace: &Workspace, view: &ViewSettings, revision: u64) -> String {
    serde_json::to_string(&Envelope {
        app: APP.into(),
        version: SAVED_VERSION,
        revision,
        dataset: Some(DATASET_VERSION.into()),
        workspace: workspace.clone(),
        view: view.clone(),
    })
    .expect("the workspace always serialises")
}

/// A saved state as read, with what changed on the way in from an older format.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub revision: u64,
    pub workspace: Workspace,
    pub view: ViewSettings,
    /// Plain sentences for the person: what an older format held that this version
    /// reads differently or cannot apply.
    pub notes: Vec<String>,
}

/// Reads a saved state written by this or an earlier version, for this dataset (which
/// says what the positional shock keys of format 1 pointed at).
pub fn decode(text: &str, dataset: &Dataset) -> Result<(Workspace, ViewSettings), SavedError> {
    decode_with_notes(text, dataset).map(|d| (d.workspace, d.view))
}

/// [`decode`], with the notes on what an older format held.
pub fn decode_with_notes(text: &str, dataset: &Dataset) -> Result<Decoded, SavedError> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| SavedError::NotJson)?;
    if value.get("app").and_then(|a| a.as_str()) != Some(APP) {
        return Err(SavedError::NotOurs);
    }
    let mut notes = Vec::new();
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > SAVED_VERSION as u64 => return Err(SavedError::FromNewerVersion(v)),
        Some(v @ (1 | 2)) => {
            if v == 1 {
                upgrade_shock_keys(&mut value, dataset);
            }
            upgrade_to_calibrated(&mut value, &mut notes);
        }
        Some(_) => {}
        None => return Err(SavedError::Damaged("it has no version number".into())),
    }
    let dataset_version = value.get("dataset").and_then(|d| d.as_str());
    if dataset_version.is_none_or(|v| older_than(v, OWNERS_PUBLISHED_FROM)) {
        owners_note(&value, dataset, &mut notes);
    }
    // Read from text (not the Value) so that the error can name the field at fault.
    let text = value.to_string();
    let envelope: Envelope = json_path::from_str(&text).map_err(|e| {
        let inner = json_path::strip_position(&e.error.to_string());
        SavedError::Damaged(format!("{}: {inner}", e.path))
    })?;
    Ok(Decoded {
        revision: envelope.revision,
        workspace: envelope.workspace,
        view: envelope.view,
        notes,
    })
}

/// A workspace and view carried inside another document (a scenario file, a link), read
/// exactly as the autosave is so that every upgrade applies, then fitted to this dataset:
/// the notes say what an older format held that reads differently now, and what was
/// dropped or brought into range. `dataset_version` is the version the carrying document
/// says it was made with.
pub fn decode_carried(
    dataset_version: &str,
    workspace_format: Option<&serde_json::Value>,
    workspace: Option<&serde_json::Value>,
    view: Option<&serde_json::Value>,
    dataset: &Dataset,
) -> Result<(Workspace, ViewSettings, Vec<String>), SavedError> {
    let mut envelope = serde_json::json!({
        "app": APP,
        "version": workspace_format.cloned().unwrap_or(serde_json::Value::Null),
        "workspace": workspace.cloned().unwrap_or(serde_json::Value::Null),
        "view": view.cloned().unwrap_or_else(|| serde_json::json!({})),
    });
    if !dataset_version.is_empty() {
        envelope["dataset"] = dataset_version.into();
    }
    let decoded = decode_with_notes(&envelope.to_string(), dataset)?;
    let (workspace, more) = decoded.workspace.normalised_with_notes(dataset);
    let mut notes = decoded.notes;
    notes.extend(more);
    Ok((workspace, decoded.view, notes))
}

/// The dataset version from which owners the sources do not name show as "not published".
const OWNERS_PUBLISHED_FROM: &str = "2.1.0";

/// Whether dotted version `a` comes before `b` (`2.0.0` < `2.1.0` < `2.10.0`).
fn older_than(a: &str, b: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a) < parts(b)
}

/// A save from before dataset 2.1.0: says that owners nobody set now show "not
/// published" (naming what they showed before), and that owners the person set are kept.
/// Nothing is said for a save with no work in it.
fn owners_note(value: &serde_json::Value, dataset: &Dataset, notes: &mut Vec<String>) {
    let Some(ws) = value.get("workspace").and_then(|w| w.as_object()) else {
        return;
    };
    if ws
        .values()
        .all(|v| v.as_object().is_some_and(|o| o.is_empty()) || v.is_null())
    {
        return;
    }
    let risks = ws
        .get("register")
        .and_then(|r| r.get("risks"))
        .and_then(|r| r.as_object());
    let set_by_person = |id: &str| {
        risks
            .and_then(|r| r.get(id))
            .and_then(|e| e.get("owner"))
            .and_then(|o| o.as_str())
            .is_some()
    };
    let mut kept = Vec::new();
    let mut now_unpublished = Vec::new();
    for (id, old) in OLD_DEFAULT_OWNERS {
        let Some(risk) = dataset.risk(id) else {
            continue;
        };
        if set_by_person(id) {
            kept.push(id);
        } else if risk.default_owner() != old {
            now_unpublished.push(format!("{id} (was {old})"));
        }
    }
    if !now_unpublished.is_empty() {
        notes.push(format!(
            "Owners: the sources name no risk owners, so the owners this work showed by default were our assumptions. They now show as “not published”: {}. Name an owner in the register to set one.",
            now_unpublished.join(", ")
        ));
    }
    if !kept.is_empty() {
        notes.push(format!("The owners you set are kept: {}.", kept.join(", ")));
    }
}

/// The revision of a save without reading the rest (0 for a save without one; None for
/// text that is not one of ours).
pub fn revision_of(text: &str) -> Option<u64> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    (value.get("app")?.as_str()? == APP)
        .then(|| value.get("revision").and_then(|r| r.as_u64()).unwrap_or(0))
}

/// Formats 1 and 2 → 3: severity factors are dropped (each named), and the threshold
/// moves to the new default if it was the old one, else stays and now applies to each
/// year's net outturn.
fn upgrade_to_calibrated(value: &mut serde_json::Value, notes: &mut Vec<String>) {
    let Some(ws) = value.get_mut("workspace") else {
        return;
    };
    if let Some(edits) = ws.get_mut("consequences").and_then(|c| c.as_object_mut()) {
        let retired: Vec<String> = edits
            .keys()
            .filter(|k| matches!(k.parse(), Ok(ConsequenceKey::Severity(_))))
            .cloned()
            .collect();
        for key in retired {
            let v = edits.remove(&key).and_then(|v| v.as_f64());
            let impact = key.trim_start_matches("severity.");
            notes.push(format!(
                "The severity factor for impact {impact}{} was not applied: shocks are now sized by each risk's financial-impact band, with no multiplier.",
                v.map(|v| format!(" (× {})", crate::format::box_number(v, 2)))
                    .unwrap_or_default()
            ));
        }
    }
    if let Some(sim) = ws.get_mut("simulation").and_then(|s| s.as_object_mut()) {
        match sim.get("threshold").and_then(|t| t.as_f64()) {
            Some(t) if (t - OLD_DEFAULT_THRESHOLD).abs() < 1e-9 => {
                sim.remove("threshold");
                notes.push(format!(
                    "The simulation's threshold was the old default of £10.0m for the five-year gap; it is now the new default, {} for each year's net outturn (2.5% of the contract sum).",
                    crate::format::gbp_m(crate::model::simulation::DEFAULT_THRESHOLD)
                ));
            }
            Some(t) => notes.push(format!(
                "The simulation's threshold of {} now applies to each year's net outturn (after in-year offsets), not to the gap.",
                crate::format::gbp_m(t)
            )),
            None => {}
        }
    }
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
        assert!(text.len() < 180, "an untouched workspace is tiny: {text}");
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
        let expected: crate::model::edits::ConsequenceEdits = [(
            ConsequenceKey::Shock(crate::model::edits::ShockKey {
                risk: r3.clone(),
                driver: shocks[1].driver.clone(),
                point: crate::model::consequences::SeverityPoint::High,
            }),
            7.5,
        )]
        .into_iter()
        .collect();
        assert_eq!(
            ws.consequences, expected,
            "the retired severity factor is dropped"
        );
        let again = encode(&ws, &ViewSettings::default());
        assert!(
            again.contains(&format!("R3.{}.high", shocks[1].driver)),
            "{again}"
        );
        assert_eq!(decode(&again, &ds).unwrap().0, ws);
    }

    /// A rating out of range in a save is named down to the level at fault, with the
    /// level's own words (the message is shown to the person, and the save is kept).
    #[test]
    fn a_damaged_rating_names_the_level_at_fault() {
        let ds = Dataset::builtin().unwrap();
        let text = format!(
            r#"{{"app":"risk-explorer","version":{SAVED_VERSION},"workspace":{{"register":{{"risks":{{"R3":{{"current":{{"likelihood":9,"impact":2}}}}}}}}}}}}"#
        );
        match decode(&text, &ds) {
            Err(SavedError::Damaged(why)) => assert_eq!(
                why,
                "workspace.register.risks.R3.current.likelihood: Likelihood must be a whole number from 1 to 5, not 9"
            ),
            other => panic!("{other:?}"),
        }
        let fixed = text.replace(":9,", ":4,");
        let (ws, _) = decode(&fixed, &ds).unwrap();
        assert_eq!(ws.register.risks.len(), 1);
    }

    #[test]
    fn format_2_opens_with_a_list_of_what_the_calibrated_model_no_longer_applies() {
        let ds = Dataset::builtin().unwrap();
        let v2 = r#"{"app":"risk-explorer","version":2,"workspace":{"consequences":{"severity.4":2.0,"R3.cic_growth.high":4.5},"simulation":{"trials":10000,"seed":7,"rating":"current","interactions":true,"threshold":10.0}}}"#;
        let d = decode_with_notes(v2, &ds).unwrap();
        assert_eq!(d.workspace.consequences.len(), 1, "the shock edit stays");
        assert_eq!(
            d.workspace.simulation.threshold,
            crate::model::simulation::DEFAULT_THRESHOLD,
            "the old default threshold becomes the new default"
        );
        assert!(
            d.workspace.simulation.management,
            "new settings take their defaults"
        );
        assert_eq!(d.notes.len(), 3, "{:?}", d.notes);
        assert!(d.notes[0].contains("severity factor for impact 4 (× 2.00) was not applied"));
        assert!(d.notes[1].contains("£8.2m for each year's net outturn"));
        assert!(d.notes[2].starts_with("Owners: the sources name no risk owners"));

        // A threshold the person chose is kept, and the note says what it now means.
        let chosen = v2.replace("\"threshold\":10.0", "\"threshold\":12.5");
        let d = decode_with_notes(&chosen, &ds).unwrap();
        assert_eq!(d.workspace.simulation.threshold, 12.5);
        assert!(d
            .notes
            .iter()
            .any(|n| n.contains("£12.5m now applies to each year's net outturn")));

        // This version's own saves open with nothing to say.
        let again = encode(&d.workspace, &d.view);
        assert!(again.contains("\"version\":3"));
        assert!(decode_with_notes(&again, &ds).unwrap().notes.is_empty());
    }

    #[test]
    fn the_dataset_version_written_is_the_built_in_one() {
        let ds = Dataset::builtin().unwrap();
        assert_eq!(DATASET_VERSION, ds.meta.version);
        let text = encode(&Workspace::default(), &ViewSettings::default());
        assert!(text.contains("\"dataset\":\"2.1.0\""), "{text}");
        assert!(older_than("2.0.0", "2.1.0"));
        assert!(older_than("2.1.0", "2.10.0"));
        assert!(!older_than("2.1.0", "2.1.0"));
        assert!(!older_than("3.0.0", "2.1.0"));
    }

    #[test]
    fn work_saved_with_the_old_assumed_owners_says_what_changed() {
        let ds = Dataset::builtin().unwrap();
        // Format 3, dataset 2.0.0 (no "dataset" field): R2's owner set by the person, a
        // rating changed on R1.
        let old = r#"{"app":"risk-explorer","version":3,"workspace":{"register":{"risks":{"R2":{"owner":"Director of People"},"R1":{"current":{"likelihood":5,"impact":5}}}}}}"#;
        let d = decode_with_notes(old, &ds).unwrap();
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
        let owners = &d.notes[0];
        assert!(owners.contains("“not published”"), "{owners}");
        assert!(owners.contains("R1 (was Chief Executive)"), "{owners}");
        assert!(
            owners.contains("R9 (was Director of Finance & Resources)"),
            "{owners}"
        );
        assert!(
            !owners.contains("R2 (was"),
            "R2's owner was the person's: {owners}"
        );
        assert_eq!(d.notes[1], "The owners you set are kept: R2.");
        let r2 = ds.risk("R2").unwrap();
        let r1 = ds.risk("R1").unwrap();
        assert_eq!(d.workspace.register.owner(r2), "Director of People");
        assert_eq!(
            d.workspace.register.owner(r1),
            "",
            "R1's owner is not published"
        );

        // An untouched old save has nothing to say; a save of this version neither.
        let empty = r#"{"app":"risk-explorer","version":3,"workspace":{}}"#;
        assert!(decode_with_notes(empty, &ds).unwrap().notes.is_empty());
        let again = encode(&d.workspace, &d.view);
        assert!(decode_with_notes(&again, &ds).unwrap().notes.is_empty());
        // A save that says it is from 2.0.0 is read the same way.
        let stamped = old.replace("\"version\":3,", "\"version\":3,\"dataset\":\"2.0.0\",");
        assert_eq!(decode_with_notes(&stamped, &ds).unwrap().notes, d.notes);
    }

    #[test]
    fn a_save_carries_its_revision() {
        let ds = Dataset::builtin().unwrap();
        let (ws, view) = sample();
        let text = encode_at(&ws, &view, 41);
        assert_eq!(revision_of(&text), Some(41));
        assert_eq!(decode_with_notes(&text, &ds).unwrap().revision, 41);
        // Saves from before revisions count as revision 0; other data has none.
        let old = r#"{"app":"risk-explorer","version":2,"workspace":{}}"#;
        assert_eq!(revision_of(old), Some(0));
        assert_eq!(revision_of("{\"app\":\"other\"}"), None);
        assert_eq!(revision_of("not json"), None);
    }
}
