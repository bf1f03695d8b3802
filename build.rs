//! Embeds the built-in dataset compactly: `data/*.json` with the whitespace between JSON
//! tokens removed (text inside strings is kept byte for byte), written to OUT_DIR for
//! `include_str!`. The pretty files stay the ones people read and edit; the page's wasm
//! carries about 60 KB less. `model::dataset`'s tests check that the compact text reads
//! as exactly the same data as the files.

use std::{env, fs, path::Path};

/// JSON without insignificant whitespace.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in [
        "meta",
        "scales",
        "risks",
        "drivers",
        "consequences",
        "interactions",
        "excerpts",
    ] {
        let source = format!("data/{name}.json");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        fs::write(Path::new(&out).join(format!("{name}.json")), compact(&text))
            .unwrap_or_else(|e| panic!("{name}.json: {e}"));
    }
    println!("cargo:rerun-if-changed=build.rs");
}
