//! The words each citation points at, shipped with the app (which has no access to the
//! source documents when it runs): `data/excerpts.json`, citation → the cited lines'
//! text, at most about 300 characters. Generated from the seeds and checked against them
//! word for word by `tests/dataset_quotes.rs` (`UPDATE_EXCERPTS=1 cargo test --test
//! dataset_quotes` rewrites it).

use super::citation::Citation;
use std::collections::BTreeMap;
use std::sync::OnceLock;

// data/excerpts.json without its indentation (build.rs).
const EXCERPTS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/excerpts.json"));

/// Every shipped excerpt, by citation as written in the dataset (`file:line`).
pub fn all() -> &'static BTreeMap<String, String> {
    static MAP: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| serde_json::from_str(EXCERPTS_JSON).unwrap_or_default())
}

/// The cited words for `c`, when the app ships them (an imported dataset's new citations
/// have none).
pub fn excerpt(c: &Citation) -> Option<&'static str> {
    excerpt_for(&c.to_string())
}

/// The cited words for a citation as written (`file:line`), when the app ships them.
pub fn excerpt_for(raw: &str) -> Option<&'static str> {
    all().get(raw).map(String::as_str).filter(|s| !s.is_empty())
}
