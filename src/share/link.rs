//! Share links: the working scenario in the address's fragment, so a static link carries it.
//!
//! A link schema of its own, versioned apart from the autosave: `#/<view>?s=<payload>` where
//! the payload is `1.` and base64url (no padding) of the zlib-deflated JSON
//!
//! ```json
//! { "f": 1, "dv": "2.0.0", "dh": "3d5e…", "mv": "3.0.0", "wf": 3,
//!   "w": { …only what differs from the defaults… }, "v": { …the view… } }
//! ```
//!
//! `w` and `v` are the workspace and view in the autosave's own JSON form (which leaves out
//! every default, so a link carries only what differs), read back through the same upgrades.
//! The zlib checksum catches a damaged or cut-short link; the dataset's version and content
//! hash and the model's version say when the same link may give other numbers.

use super::file::made_with_notes;
use super::saved::{self, SavedError, SAVED_VERSION};
use crate::model::{Dataset, MODEL_VERSION};
use crate::state::{ViewSettings, Workspace};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;
use std::fmt;

/// The link format this build writes (the `1.` at the start of the payload).
pub const LINK_FORMAT: u32 = 1;
/// The longest payload read (a link with every setting changed is well under this).
pub const MAX_PAYLOAD_CHARS: usize = 32_000;
/// The most a payload may inflate to.
const MAX_JSON_BYTES: usize = 512 * 1024;

/// What a link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub workspace: Workspace,
    pub view: ViewSettings,
}

#[derive(Serialize)]
struct Body<'a> {
    f: u32,
    dv: &'a str,
    dh: String,
    mv: &'a str,
    wf: u32,
    w: &'a Workspace,
    v: &'a ViewSettings,
}

/// Why a link could not be opened, in words for the person who clicked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    TooLong,
    /// Not a share link's payload, or cut short or changed on the way.
    Damaged,
    FromNewerVersion(u64),
    /// The scenario inside could not be read: what and where.
    Unreadable(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLong => write!(
                f,
                "This link is too long to be a Risk Explorer link, so it was not opened. Your own work is shown."
            ),
            LinkError::Damaged => write!(
                f,
                "This link is damaged or cut short (often by an email or chat program breaking a long line), so it was not opened. Ask for the link again, or for the scenario as a file. Your own work is shown."
            ),
            LinkError::FromNewerVersion(v) => write!(
                f,
                "This link was made by a newer version of Risk Explorer (link format {v}; this version reads format {LINK_FORMAT}), so it was not opened. Open it with the newer version. Your own work is shown."
            ),
            LinkError::Unreadable(why) => write!(
                f,
                "Part of the scenario in this link could not be read ({why}), so it was not opened. Your own work is shown."
            ),
        }
    }
}

/// A link as opened: the scenario, fitted to this dataset, and notes on what did not apply
/// or may give other figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedLink {
    pub shared: Shared,
    pub notes: Vec<String>,
    /// The content hash (hex) of the dataset the link was made with: a browser that
    /// holds another dataset says whether it has this one.
    pub dataset_hash: String,
}

/// The payload for the fragment (`1.eJyr…`).
pub fn encode(shared: &Shared, dataset: &Dataset) -> String {
    let body = Body {
        f: LINK_FORMAT,
        dv: &dataset.meta.version,
        dh: super::file::hash_hex(dataset),
        mv: MODEL_VERSION,
        wf: SAVED_VERSION,
        w: &shared.workspace,
        v: &shared.view,
    };
    let json = serde_json::to_vec(&body).expect("a link body always serialises");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 10);
    format!("{LINK_FORMAT}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The address fragment that opens `page` with this payload: `#/map?s=1.eJyr…`. The
/// page stays first, so routing by fragment is unchanged.
pub fn fragment_for(page_slug: &str, payload: &str) -> String {
    format!("#/{page_slug}?s={payload}")
}

/// The payload in an address or its fragment (`…#/map?s=1.eJyr…`), if it carries one.
pub fn payload_in(address: &str) -> Option<&str> {
    let fragment = address.split_once('#').map_or(address, |(_, f)| f);
    let (_, query) = fragment.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("s="))
        .filter(|p| !p.is_empty())
}

/// Reads a payload made by [`encode`] in this or an earlier version.
pub fn decode(payload: &str, dataset: &Dataset) -> Result<OpenedLink, LinkError> {
    let payload = payload.trim();
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(LinkError::TooLong);
    }
    let (format, data) = payload.split_once('.').ok_or(LinkError::Damaged)?;
    let format: u64 = format.parse().map_err(|_| LinkError::Damaged)?;
    if format > u64::from(LINK_FORMAT) {
        return Err(LinkError::FromNewerVersion(format));
    }
    if format == 0 {
        return Err(LinkError::Damaged);
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| LinkError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|_| LinkError::Damaged)?;
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(|_| LinkError::Damaged)?;
    let body = value.as_object().ok_or(LinkError::Damaged)?;
    match body.get("f").and_then(|f| f.as_u64()) {
        Some(f) if f > u64::from(LINK_FORMAT) => return Err(LinkError::FromNewerVersion(f)),
        Some(f) if f == format => {}
        _ => return Err(LinkError::Damaged),
    }
    let text = |key: &str| body.get(key).and_then(|v| v.as_str()).unwrap_or("");
    let (workspace, view, mut notes) = saved::decode_carried(
        text("dv"),
        body.get("wf"),
        body.get("w"),
        body.get("v"),
        dataset,
    )
    .map_err(|e| match e {
        SavedError::FromNewerVersion(v) => LinkError::Unreadable(format!(
            "it was saved in workspace format {v}; this version reads {SAVED_VERSION}"
        )),
        SavedError::Damaged(why) => LinkError::Unreadable(why),
        other => LinkError::Unreadable(other.to_string()),
    })?;
    let mut made = made_with_notes(None, text("dv"), text("dh"), text("mv"), dataset);
    made.append(&mut notes);
    Ok(OpenedLink {
        shared: Shared { workspace, view },
        notes: made,
        dataset_hash: text("dh").chars().take(16).collect(),
    })
}

#[cfg(test)]
mod tests;
