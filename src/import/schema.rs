//! The JSON Schema of the full-dataset format, generated from the model's types (the
//! `schema` feature). `examples/dataset_schema.rs` writes it to
//! `data/dataset.schema.json`, which ships with the app; a test checks the two agree.

use crate::model::Dataset;

/// The schema as pretty JSON, ending in a line break.
pub fn dataset_schema_json() -> String {
    let mut schema = schemars::schema_for!(Dataset);
    schema.insert("title".into(), "Risk Explorer dataset (format 1)".into());
    schema.insert(
        "description".into(),
        "A whole Risk Explorer dataset: meta (sources), scales (4 or 5 levels), the risk register (up to 30 risks; a register imported from a spreadsheet has 3 to 30), drivers and money figures, each risk's consequences, and the links between risks. Every value is sourced (\"cite\", a source id and line) or assumed (\"assumption\", a one-line rationale). Generated from the app's Rust types; the app checks more than this schema can say (levels within the scale, ids that exist, bands without gaps) and names the field of any fault.".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}
