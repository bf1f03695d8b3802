//! Importing a file as the worker does, keeping the imported dataset in the browser's
//! storage, switching datasets (the work kept first, the switch undone), and scenario
//! files and named scenarios that say (or carry) the dataset they belong to.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use risk_explorer::import::file::{outcome, read_file, summary, FileKind, FileOutcome};
use risk_explorer::model::simulation::job::{FromWorker, ToWorker, WorkerHost};
use risk_explorer::model::Dataset;
use risk_explorer::share::stored_dataset::{self, Slot, StoredError};
use risk_explorer::share::{file, library};
use risk_explorer::state::switch::{kept_name, DatasetAction, Datasets, InUse};
use risk_explorer::state::{Action, AppState};
use std::rc::Rc;

fn builtin() -> Dataset {
    Dataset::builtin().expect("built-in dataset")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/import/{name}")).expect("fixture")
}

fn imported() -> Dataset {
    let (ds, _) = read_file(
        "good-register.csv",
        &fixture("good-register.csv"),
        &builtin(),
    )
    .expect("the good register imports");
    ds
}

#[test]
fn a_register_file_becomes_a_dataset_with_notes() {
    let base = builtin();
    for name in [
        "good-register.csv",
        "good-register.xlsx",
        "good-register.ods",
    ] {
        match outcome(name, &fixture(name), &base) {
            FileOutcome::Read {
                dataset_json,
                notes,
            } => {
                let ds = Dataset::from_json(&dataset_json).expect("the page reads it back");
                assert_eq!(ds.risks.len(), 12, "{name}");
                assert_eq!(summary(&ds), "12 risks on a 5-level scale");
                assert!(
                    notes.iter().any(|n| n.contains("assumption")),
                    "the default consequences are named as assumptions: {notes:?}"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn a_bad_file_is_refused_with_row_and_column_in_words() {
    let FileOutcome::Refused { lines, .. } = outcome(
        "bad.csv",
        &fixture("bad-level-out-of-range.csv"),
        &builtin(),
    ) else {
        panic!("a bad level is refused");
    };
    assert!(lines[0].contains("was not imported") && lines[0].contains("nothing has changed"));
    assert!(
        lines[1..]
            .iter()
            .any(|l| l.starts_with("Row ") && l.contains(", column ‘")),
        "{lines:?}"
    );
    // Not a kind of file the import reads; not UTF-8 text.
    for (name, bytes) in [
        ("register.docx", b"PK".to_vec()),
        ("r.csv", vec![0xff, 0xfe, 0x00]),
    ] {
        assert!(
            matches!(
                outcome(name, &bytes, &builtin()),
                FileOutcome::Refused { .. }
            ),
            "{name}"
        );
    }
    assert_eq!(FileKind::from_name("Register.XLSX"), Some(FileKind::Xlsx));
    assert_eq!(FileKind::from_name("export"), None);
}

#[test]
fn a_whole_dataset_imports_from_json_and_a_fault_names_its_field() {
    let ds = imported();
    let json = risk_explorer::import::dataset_json::write(&ds);
    let (back, _) = read_file("ours.json", json.as_bytes(), &builtin()).expect("reads");
    assert_eq!(back, ds);
    let broken = json.replacen("\"likelihood\": ", "\"likelihood\": 9", 1);
    let FileOutcome::Refused { lines, .. } = outcome("ours.json", broken.as_bytes(), &builtin())
    else {
        panic!("a broken dataset is refused");
    };
    assert!(
        lines.iter().any(|l| l.starts_with("scales.likelihood: ")),
        "the fault names its field: {lines:?}"
    );
}

#[test]
fn the_worker_reads_a_file_against_the_dataset_it_holds() {
    let base = builtin();
    let mut host = WorkerHost::default();
    let bytes = fixture("good-register.csv");
    let msg = ToWorker::ReadFile {
        id: 7,
        name: "good-register.csv".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
        // The worker holds no dataset yet: the built-in one is the base.
        dataset_hash: base.content_hash(),
    };
    // The message crosses as JSON, as between page and worker.
    let msg: ToWorker = serde_json::from_str(&serde_json::to_string(&msg).unwrap()).unwrap();
    match host.hear(msg) {
        Some(FromWorker::FileRead { id: 7, outcome }) => {
            assert_eq!(
                *outcome,
                risk_explorer::import::file::outcome("good-register.csv", &bytes, &base)
            );
            assert!(matches!(*outcome, FileOutcome::Read { .. }));
        }
        other => panic!("{other:?}"),
    }
    let damaged = ToWorker::ReadFile {
        id: 8,
        name: "x.csv".into(),
        base64: "not base64!".into(),
        dataset_hash: 0,
    };
    assert!(matches!(
        host.hear(damaged),
        Some(FromWorker::FileRead { id: 8, outcome }) if matches!(*outcome, FileOutcome::Refused { .. })
    ));
}

#[test]
fn a_kept_dataset_reads_back_and_a_damaged_one_is_refused() {
    let ds = imported();
    let text = stored_dataset::encode(&ds);
    assert!(text.starts_with("{\"app\":\"risk-explorer\",\"kind\":\"dataset\",\"format\":1,"));
    assert!(text.contains(&format!("\"hash\":\"{:016x}\"", ds.content_hash())));
    assert_eq!(stored_dataset::decode(&text).unwrap(), ds);
    // Any change to the content is caught by the hash.
    let changed = text.replacen("Sufficiency", "Sufficiencx", 1);
    assert!(matches!(
        stored_dataset::decode(&changed),
        Err(StoredError::Damaged(why)) if why.contains("hash")
    ));
    let newer = text.replacen("\"format\":1,", "\"format\":2,", 1);
    assert_eq!(
        stored_dataset::decode(&newer),
        Err(StoredError::FromNewerVersion(2))
    );
    assert_eq!(stored_dataset::decode("{}"), Err(StoredError::NotOurs));
    assert!(matches!(
        stored_dataset::decode("not json"),
        Err(StoredError::Damaged(_))
    ));
    assert!(matches!(
        stored_dataset::decode(&text[..text.len() / 2]),
        Err(StoredError::Damaged(_))
    ));
}

#[test]
fn each_dataset_keeps_its_work_under_its_own_keys() {
    let h = imported().content_hash();
    let slot = Slot::Imported(h);
    assert_eq!(Slot::from_word(&slot.word()), slot);
    assert_eq!(Slot::from_word("builtin"), Slot::Builtin);
    assert_eq!(Slot::from_word("rubbish"), Slot::Builtin);
    // The built-in dataset keeps the keys it always had (work saved before is found).
    assert_eq!(Slot::Builtin.working_key(), "risk-explorer/working");
    assert_eq!(Slot::Builtin.library_key(), "risk-explorer/scenarios");
    assert_eq!(Slot::Builtin.dataset_key(), None);
    assert_ne!(slot.working_key(), Slot::Builtin.working_key());
    assert_ne!(slot.library_key(), Slot::Builtin.library_key());
    assert!(slot.dataset_key().unwrap().ends_with(&format!("{h:016x}")));
}

fn in_use(ds: Dataset, slot: Slot) -> InUse {
    InUse {
        dataset: Rc::new(ds),
        slot,
    }
}

#[test]
fn a_switch_can_be_undone_and_switching_to_the_same_dataset_does_nothing() {
    let trust = in_use(builtin(), Slot::Builtin);
    let ours_ds = imported();
    let ours = in_use(ours_ds.clone(), Slot::Imported(ours_ds.content_hash()));
    let mut d = Datasets::new(trust.clone());
    assert!(!d.apply(DatasetAction::Undo), "nothing to undo");
    assert!(!d.apply(DatasetAction::SwitchTo {
        to: trust.clone(),
        note: String::new()
    }));
    assert!(d.apply(DatasetAction::SwitchTo {
        to: ours.clone(),
        note: "kept".into()
    }));
    assert_eq!(d.in_use, ours);
    assert_eq!(d.undo.as_ref(), Some(&trust));
    assert_eq!(d.note.as_deref(), Some("kept"));
    assert!(d.apply(DatasetAction::Undo));
    assert_eq!(d.in_use, trust);
    assert_eq!(d.undo, None, "undone once");
    assert!(d.apply(DatasetAction::SwitchTo {
        to: ours.clone(),
        note: "kept".into()
    }));
    assert!(!d.apply(DatasetAction::Forget));
    assert_eq!(d.in_use, ours);
    assert!(
        !d.apply(DatasetAction::Undo),
        "the notice was closed: the switch stays"
    );
}

#[test]
fn the_work_is_kept_as_a_named_scenario_before_a_switch() {
    let trust = Rc::new(builtin());
    let ours = imported();
    let mut s = AppState::new(Rc::clone(&trust));
    assert_eq!(
        s.scenarios_before_switch(&ours, "2026-11-27 23:40"),
        None,
        "the defaults need no keeping"
    );
    let r1 = trust.risk("R1").unwrap().clone();
    s.apply(Action::SetRating {
        risk: r1.id.clone(),
        kind: risk_explorer::model::RatingKind::Current,
        rating: risk_explorer::model::scales::Rating::new(1, 1).unwrap(),
    });
    let list = s
        .scenarios_before_switch(&ours, "2026-11-27 23:40")
        .expect("edited work is kept");
    assert_eq!(list.len(), s.scenarios.len() + 1);
    let kept = list.last().unwrap();
    assert_eq!(kept.named.name, kept_name("2026-11-27 23:40"));
    assert_eq!(kept.named.workspace, s.workspace);
    assert!(kept.named.note.contains(&trust.meta.name));
    assert!(kept.named.note.contains(&ours.meta.name));
    // The list records which dataset it belongs to, and reads back.
    let text = library::encode_for(&list, &trust);
    assert!(text.contains("\"belongs_to\":{"), "{text}");
    assert!(text.contains(&format!("{:016x}", trust.content_hash())));
    let back = library::decode(&text, &trust).expect("reads");
    assert_eq!(back.scenarios.len(), list.len());
}

#[test]
fn a_scenario_file_can_carry_its_dataset_for_someone_without_it() {
    let trust = builtin();
    let ours = imported();
    let s = AppState::new(Rc::new(ours.clone()));
    let (named, _) = file::work_in_progress(&s.workspace, &s.view, "2026-11-27T23:40:00Z");
    let text = file::encode_carrying(std::slice::from_ref(&named), &ours, "2026-11-27T23:40:00Z");
    // Opened where the Trust's dataset is in use: the file offers its own.
    let opened = file::decode(&text, &trust).expect("opens");
    assert_eq!(opened.carried.as_deref(), Some(&ours));
    // Opened where that dataset is in use already: nothing to offer.
    let opened = file::decode(&text, &ours).expect("opens");
    assert_eq!(opened.carried, None);
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    // A plain file carries nothing; a carried dataset that does not match is not offered.
    let plain = file::encode(std::slice::from_ref(&named), &ours, "");
    assert_eq!(file::decode(&plain, &trust).unwrap().carried, None);
    let wrong = text.replacen("Sufficiency", "Sufficiencx", 1);
    let opened = file::decode(&wrong, &trust).expect("the scenarios still open");
    assert_eq!(opened.carried, None);
    assert!(
        opened.notes.iter().any(|n| n.contains("carries")),
        "{:?}",
        opened.notes
    );
}
