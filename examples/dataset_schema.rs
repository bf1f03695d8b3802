//! Writes `data/dataset.schema.json`, the JSON Schema of the full-dataset import format,
//! generated from the model's Rust types:
//! `cargo run --example dataset_schema --features schema`.
//! A native test (tests/dataset_schema.rs) checks the committed file equals this output.

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/dataset.schema.json");
    std::fs::write(path, risk_explorer::import::schema::dataset_schema_json())
        .expect("data/dataset.schema.json is writable");
    println!("wrote {path}");
}
