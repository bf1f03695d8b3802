//! The scenario inside a PNG: an `iTXt` chunk (keyword `risk-explorer-scenario`, the
//! scenario file's JSON deflated) put just before the image data of the PNG the browser's
//! canvas drew, and found again when a picture is dropped on the app. The rest of the
//! picture is untouched; every chunk's CRC is checked on reading.

use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;

/// The eight bytes every PNG starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// The chunk's keyword (PNG keywords are 1-79 Latin-1 characters).
pub const KEYWORD: &str = "risk-explorer-scenario";
/// The largest scenario read back (as the scenario file itself allows).
const MAX_TEXT: usize = crate::share::file::MAX_FILE_BYTES;

const DAMAGED: &str =
    "This picture is damaged (it is not a whole PNG file), so no scenario could be read from it. Nothing was opened.";
const NONE: &str =
    "This picture holds no scenario (only pictures exported from Risk Explorer carry one). Nothing was opened.";

/// One chunk: its type, where its data starts and its length.
struct Chunk {
    kind: [u8; 4],
    start: usize,
    len: usize,
}

fn crc(kind: &[u8], data: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    h.finalize()
}

/// The chunks of a PNG, every length and CRC checked; a plain sentence when it is not one.
fn chunks(png: &[u8]) -> Result<Vec<Chunk>, String> {
    if !png.starts_with(&SIGNATURE) {
        return Err("This file is not a PNG picture. Nothing was opened.".to_string());
    }
    let mut out = Vec::new();
    let mut at = SIGNATURE.len();
    loop {
        let header = png.get(at..at + 8).ok_or(DAMAGED)?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        let start = at + 8;
        let end = start.checked_add(len).ok_or(DAMAGED)?;
        let data = png.get(start..end).ok_or(DAMAGED)?;
        let sum = png.get(end..end + 4).ok_or(DAMAGED)?;
        if u32::from_be_bytes([sum[0], sum[1], sum[2], sum[3]]) != crc(&kind, data) {
            return Err(DAMAGED.to_string());
        }
        out.push(Chunk { kind, start, len });
        at = end + 4;
        if &kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// The `iTXt` chunk's data: keyword, compressed, zlib, no language, no translation, text.
fn itxt(text: &str) -> Vec<u8> {
    let mut data = Vec::with_capacity(text.len() / 3 + 64);
    data.extend_from_slice(KEYWORD.as_bytes());
    data.extend_from_slice(&[0, 1, 0, 0, 0]);
    data.extend_from_slice(&compress_to_vec_zlib(text.as_bytes(), 9));
    data
}

/// The PNG with the scenario file `scenario` inside it (any scenario it held before is
/// replaced), or a plain sentence when the bytes are not a whole PNG.
pub fn with_scenario(png: &[u8], scenario: &str) -> Result<Vec<u8>, String> {
    let list = chunks(png)?;
    let data = itxt(scenario);
    let mut chunk = Vec::with_capacity(data.len() + 12);
    chunk.extend_from_slice(&(data.len() as u32).to_be_bytes());
    chunk.extend_from_slice(b"iTXt");
    chunk.extend_from_slice(&data);
    chunk.extend_from_slice(&crc(b"iTXt", &data).to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&SIGNATURE);
    let mut placed = false;
    for c in &list {
        if is_ours(png, c) {
            continue;
        }
        if !placed && (&c.kind == b"IDAT" || &c.kind == b"IEND") {
            out.extend_from_slice(&chunk);
            placed = true;
        }
        out.extend_from_slice(&png[c.start - 8..c.start + c.len + 4]);
    }
    Ok(out)
}

fn is_ours(png: &[u8], c: &Chunk) -> bool {
    let data = &png[c.start..c.start + c.len];
    matches!(&c.kind, b"iTXt" | b"tEXt" | b"zTXt")
        && data.len() > KEYWORD.len()
        && data.starts_with(KEYWORD.as_bytes())
        && data[KEYWORD.len()] == 0
}

/// The scenario file text a PNG carries, or a plain sentence saying why there is none.
pub fn read_scenario(png: &[u8]) -> Result<String, String> {
    let list = chunks(png)?;
    let c = list.iter().find(|c| is_ours(png, c)).ok_or(NONE)?;
    let data = &png[c.start + KEYWORD.len() + 1..c.start + c.len];
    let bytes = match &c.kind {
        b"tEXt" => data.to_vec(),
        b"zTXt" => inflate(data.get(1..).ok_or(DAMAGED)?)?,
        _ => {
            // compression flag, method, language\0, translated keyword\0, text
            let (&flag, rest) = data.split_first().ok_or(DAMAGED)?;
            let rest = rest.get(1..).ok_or(DAMAGED)?;
            let lang_end = rest.iter().position(|&b| b == 0).ok_or(DAMAGED)?;
            let rest = &rest[lang_end + 1..];
            let tr_end = rest.iter().position(|&b| b == 0).ok_or(DAMAGED)?;
            let text = &rest[tr_end + 1..];
            if flag == 1 {
                inflate(text)?
            } else {
                text.to_vec()
            }
        }
    };
    String::from_utf8(bytes).map_err(|_| DAMAGED.to_string())
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    decompress_to_vec_zlib_with_limit(data, MAX_TEXT).map_err(|_| DAMAGED.to_string())
}
