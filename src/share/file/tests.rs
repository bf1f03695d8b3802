use super::*;
use crate::model::{Rating, RatingKind, RiskEdit, RiskId};

fn dataset() -> Dataset {
    Dataset::builtin().unwrap()
}

/// A workshop's scenario: two ratings moved, a driver, a stress scenario, an owner typed
/// with markup in it, a seed above 2⁵³.
fn workshop() -> Named {
    let mut ws = Workspace::default();
    ws.register.risks.insert(
        RiskId::new("R3"),
        RiskEdit {
            current: Some(Rating::new(5, 4).unwrap()),
            owner: Some("Director of <b>Practice</b>".into()),
            ..Default::default()
        },
    );
    ws.register.risks.insert(
        RiskId::new("R7"),
        RiskEdit {
            target: Some(Rating::new(2, 2).unwrap()),
            ..Default::default()
        },
    );
    ws.drivers.insert("cic_growth".into(), 4.5);
    ws.stress.push(crate::model::consequences::StressEvent {
        risk: RiskId::new("R3"),
        year: 1,
        point: Default::default(),
    });
    ws.simulation.seed = u64::MAX;
    Named {
        name: "Demand and workforce together".into(),
        note: "From the March workshop.\nSecond line.".into(),
        workspace: ws,
        view: ViewSettings {
            map_rating: RatingKind::Target,
            show_paths: true,
            selected: Some(RiskId::new("R3")),
        },
    }
}

#[test]
fn round_trips_every_scenario_exactly() {
    let ds = dataset();
    let a = workshop();
    let b = Named {
        name: "Defaults".into(),
        note: String::new(),
        workspace: Workspace::default(),
        view: ViewSettings::default(),
    };
    let text = encode(&[a.clone(), b.clone()], &ds, "2026-11-27T17:00:00Z");
    let opened = decode(&text, &ds).unwrap();
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    assert_eq!(opened.scenarios.len(), 2);
    assert_eq!(opened.scenarios[0].scenario, a);
    assert!(opened.scenarios[0].notes.is_empty());
    assert_eq!(opened.scenarios[1].scenario, b);
    // The seed survives exactly (JSON numbers are read as u64, not as a double).
    assert_eq!(
        opened.scenarios[0].scenario.workspace.simulation.seed,
        u64::MAX
    );
}

#[test]
fn says_which_dataset_and_model_made_it() {
    let ds = dataset();
    let text = encode(&[workshop()], &ds, "");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["kind"], KIND);
    assert_eq!(v["format"], FILE_FORMAT);
    assert_eq!(v["model_version"], MODEL_VERSION);
    assert_eq!(v["dataset"]["version"], ds.meta.version.as_str());
    assert_eq!(
        v["dataset"]["hash"],
        format!("{:016x}", ds.content_hash()).as_str()
    );
    assert_eq!(v["scenarios"][0]["workspace_format"], SAVED_VERSION);
    assert!(v.get("written").is_none(), "an empty time is left out");
}

#[test]
fn another_dataset_version_or_model_is_named_not_refused() {
    let ds = dataset();
    let mut v: serde_json::Value = serde_json::from_str(&encode(&[workshop()], &ds, "")).unwrap();
    v["dataset"]["version"] = "1.0.0".into();
    v["model_version"] = "2.0.0".into();
    let opened = decode(&v.to_string(), &ds).unwrap();
    assert_eq!(opened.scenarios.len(), 1);
    assert_eq!(opened.notes.len(), 2, "{:?}", opened.notes);
    assert!(opened.notes[0].contains("version 1.0.0 of the dataset"));
    assert!(opened.notes[1].contains("model version 2.0.0"));
    v["dataset"]["name"] = "Another council".into();
    let opened = decode(&v.to_string(), &ds).unwrap();
    assert!(
        opened.notes[0].contains("another dataset (“Another council”)"),
        "{:?}",
        opened.notes
    );
}

#[test]
fn what_does_not_apply_is_listed_not_dropped_silently() {
    let ds = dataset();
    let mut v: serde_json::Value = serde_json::from_str(&encode(&[workshop()], &ds, "")).unwrap();
    v["scenarios"][0]["workspace"]["drivers"]["cic_growth"] = 1e308.into();
    v["scenarios"][0]["workspace"]["register"]["risks"]["R99"] =
        serde_json::json!({ "owner": "Nobody" });
    let opened = decode(&v.to_string(), &ds).unwrap();
    let notes = &opened.scenarios[0].notes;
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("R99")));
    assert!(notes.iter().any(|n| n.contains("outside what it can be")));
}

#[test]
fn bad_files_get_a_message_naming_the_problem() {
    let ds = dataset();
    let good: serde_json::Value = serde_json::from_str(&encode(&[workshop()], &ds, "")).unwrap();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        decode(&v.to_string(), &ds).unwrap_err()
    };
    assert_eq!(
        decode("{\"app\": \"risk-", &ds).unwrap_err(),
        FileError::NotJson
    );
    assert_eq!(decode("", &ds).unwrap_err(), FileError::NotJson);
    assert!(matches!(
        decode("[1,2]", &ds).unwrap_err(),
        FileError::NotOurs(_)
    ));
    let dataset_file = ds.to_compact_json();
    assert_eq!(
        decode(&dataset_file, &ds).unwrap_err(),
        FileError::NotOurs("it looks like a dataset, not a scenario file")
    );
    let autosave = saved::encode(&Workspace::default(), &ViewSettings::default());
    assert!(decode(&autosave, &ds)
        .unwrap_err()
        .to_string()
        .contains("autosave"));
    assert_eq!(
        with(&|v| v["format"] = 2.into()),
        FileError::FromNewerVersion(2)
    );
    assert_eq!(
        with(&|v| v["format"] = 4_294_967_297u64.into()),
        FileError::FromNewerVersion(4_294_967_297),
        "checked, not wrapped"
    );
    assert!(matches!(
        with(&|v| v["format"] = "one".into()),
        FileError::Damaged(_)
    ));
    assert_eq!(
        with(&|v| v["scenarios"] = serde_json::json!([])),
        FileError::Empty
    );
    let newer = with(&|v| v["scenarios"][0]["workspace_format"] = 99.into());
    assert!(newer.to_string().contains("newer version"), "{newer}");
    let damaged = with(&|v| v["scenarios"][0]["workspace"]["drivers"] = "lots".into());
    assert!(
        damaged
            .to_string()
            .contains("“Demand and workforce together”"),
        "{damaged}"
    );
    let big = " ".repeat(MAX_FILE_BYTES + 1);
    assert!(matches!(
        decode(&big, &ds).unwrap_err(),
        FileError::TooLarge(_)
    ));
    // Every message is a plain sentence that says nothing was opened.
    for e in [
        FileError::NotJson,
        FileError::Empty,
        FileError::TooMany(501),
        FileError::FromNewerVersion(2),
    ] {
        assert!(e.to_string().ends_with("Nothing was opened."), "{e}");
    }
}

#[test]
fn names_and_notes_are_cut_to_length_both_ways() {
    let ds = dataset();
    let mut s = workshop();
    s.name = "x".repeat(10_000);
    let opened = decode(&encode(&[s], &ds, ""), &ds).unwrap();
    assert_eq!(
        opened.scenarios[0].scenario.name.chars().count(),
        MAX_NAME_CHARS
    );
    let mut v: serde_json::Value = serde_json::from_str(&encode(&[workshop()], &ds, "")).unwrap();
    v["scenarios"][0]["note"] = "y".repeat(100_000).into();
    v["scenarios"][0]["name"] = "".into();
    let opened = decode(&v.to_string(), &ds).unwrap();
    assert_eq!(
        opened.scenarios[0].scenario.note.chars().count(),
        MAX_NOTE_CHARS
    );
    assert_eq!(opened.scenarios[0].scenario.name, "Scenario 1");
}

#[test]
fn work_in_progress_is_named_and_dated() {
    let (s, name) = work_in_progress(
        &Workspace::default(),
        &ViewSettings::default(),
        "2026-11-27T17:00:00Z",
    );
    assert_eq!(s.name, "Work in progress");
    assert_eq!(s.note, "Downloaded from Risk Explorer on 2026-11-27.");
    assert_eq!(name, "risk-explorer-work-in-progress-2026-11-27.json");
}

#[test]
fn file_names_are_plain() {
    assert_eq!(
        file_name("Work in progress", "2026-11-27T17:00:00Z"),
        "risk-explorer-work-in-progress-2026-11-27.json"
    );
    assert_eq!(file_name("<script>/../", ""), "risk-explorer-script.json");
    assert_eq!(file_name("", "2026-11-27"), "risk-explorer-2026-11-27.json");
}

/// Files made by earlier versions, kept in the tests: each must open in every later
/// version (with notes saying what changed), or this test says exactly why not.
#[test]
fn golden_files_open() {
    let ds = dataset();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scenario-files");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let opened = decode(&text, &ds)
            .unwrap_or_else(|e| panic!("{} no longer opens: {e}", path.display()));
        assert!(!opened.scenarios.is_empty());
        seen += 1;
    }
    assert!(seen >= 1);
}

#[test]
fn the_golden_file_of_this_version_is_what_it_writes() {
    // The v1 fixture is this version's workshop scenario; if the encoder changes what it
    // writes for the same work, bump FILE_FORMAT and add a new fixture instead.
    let ds = dataset();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/scenario-files/format-1-workshop.json"
    );
    let text = encode(&[workshop()], &ds, "2026-11-27T17:00:00Z");
    if std::env::var_os("WRITE_FIXTURES").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let kept = std::fs::read_to_string(path).unwrap();
    let opened = decode(&kept, &ds).unwrap();
    assert_eq!(opened.scenarios[0].scenario, workshop());
}
