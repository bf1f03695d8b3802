//! The full-dataset import: faults named by their field path, references to missing
//! risks reported, and the committed JSON Schema equal to the one the types generate.
#![cfg(not(target_arch = "wasm32"))]

use risk_explorer::import::{dataset_json, schema};
use risk_explorer::model::Dataset;

fn fault(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&Dataset::builtin().unwrap().to_json()).unwrap();
    edit(&mut v);
    dataset_json::read(&v.to_string())
        .unwrap_err()
        .lines()
        .join("\n")
}

#[test]
fn faults_are_named_by_their_field_path() {
    assert_eq!(
        fault(|v| v["risks"][3]["ratings"]["current"]["impact"] = 7.into()),
        "risks[3].ratings.current.impact: Impact must be a whole number from 1 to 5, not 7"
    );
    assert_eq!(
        fault(|v| v["risks"][0]["title"] = 5.into()),
        "risks[0].title: invalid type: integer `5`, expected a string"
    );
    assert!(
        fault(|v| v["scales"]["bands"][1]["colour"] = serde_json::Value::Null)
            .starts_with("scales.bands[1].colour: invalid type: null")
    );
    assert!(fault(|v| v["meta"]["format"] = 9.into())
        .contains("written by a newer Risk Explorer (format 9)"));
    assert!(dataset_json::read("{\"meta\": ").unwrap_err().lines()[0]
        .contains("not valid JSON (line 1"));
}

#[test]
fn links_drivers_and_consequences_naming_missing_risks_are_reported() {
    let drop_r9 = |v: &mut serde_json::Value| {
        let risks = v["risks"].as_array_mut().unwrap();
        risks.retain(|r| r["id"] != "R9");
    };
    let e = fault(drop_r9);
    assert!(e.contains("\"R9\" is not a risk in the register"), "{e}");
    assert!(e.starts_with("consequences.risks["), "{e}");
    let e = fault(|v| v["interactions"]["edges"][0]["to"] = "R99".into());
    assert_eq!(
        e,
        "interactions.edges[0].to: \"R99\" is not a risk in the register"
    );
    let e = fault(|v| v["consequences"]["presets"][0]["events"][0]["risk"] = "Q1".into());
    assert!(
        e.starts_with("consequences.presets[0].events[0].risk: \"Q1\" is not a risk"),
        "{e}"
    );
    let e = fault(|v| v["consequences"]["risks"][0]["shocks"][0]["driver"] = "no_such".into());
    assert!(
        e.starts_with("consequences.risks[0].shocks[0].driver: \"no_such\" is not a driver"),
        "{e}"
    );
}

#[test]
fn a_scale_of_another_size_is_refused_by_name() {
    let e = fault(|v| {
        v["scales"]["likelihood"].as_array_mut().unwrap().pop();
        v["scales"]["likelihood"].as_array_mut().unwrap().pop();
    });
    assert_eq!(
        e,
        "scales.likelihood: needs 4 or 5 levels (the common UK register scales), found 3"
    );
}

#[test]
fn the_committed_schema_is_the_one_the_types_generate() {
    let committed = include_str!("../data/dataset.schema.json");
    assert!(
        committed == schema::dataset_schema_json(),
        "data/dataset.schema.json is out of date: run `cargo run --example dataset_schema --features schema`"
    );
    // It describes every top-level part and the levels' range.
    let v: serde_json::Value = serde_json::from_str(committed).unwrap();
    for part in [
        "meta",
        "scales",
        "risks",
        "drivers",
        "consequences",
        "interactions",
    ] {
        assert!(
            v["required"].as_array().unwrap().iter().any(|p| p == part),
            "{part}"
        );
    }
    assert_eq!(v["$defs"]["Impact"]["maximum"], 5);
    assert_eq!(v["$defs"]["Risk"]["additionalProperties"], false);
}
