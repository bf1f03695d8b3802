//! Reading JSON into a type, with the path of the field at fault when it does not fit
//! (`meta.sources[0].sections[2].first_line`), for messages that point a person at the
//! right place in a dataset or a saved file.
//!
//! serde_json says where a data error is (line and column). The path is found by reading
//! the text up to that point and keeping the stack of keys and array positions, written
//! as serde_path_to_error writes it. That crate wrapped every type's deserializer a second
//! time and was about a tenth of the page's code; this is a few hundred bytes.

use serde::Deserialize;

/// A JSON text that does not read as the type asked for.
#[derive(Debug)]
pub struct PathError {
    /// The path of the field at fault; "." for the document itself.
    pub path: String,
    pub error: serde_json::Error,
    /// The value read, but text follows it.
    pub trailing: bool,
}

/// Parses the whole of `text` as `T`. Text after the value is an error with path ".".
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, PathError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let at = |error: serde_json::Error| {
        let path = path_at(text, offset(text, error.line(), error.column()));
        PathError {
            path,
            error,
            trailing: false,
        }
    };
    let value = T::deserialize(&mut de).map_err(at)?;
    de.end().map_err(|error| PathError {
        path: ".".to_string(),
        error,
        trailing: true,
    })?;
    Ok(value)
}

/// serde_json appends " at line L column C"; the field path says more to a person.
pub fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The byte offset of serde_json's (1-based line, byte column).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

enum Frame {
    /// The key read last, and whether its value has begun (after the colon).
    Object(Option<String>, bool),
    Array(usize),
}

/// The path of the value being read at byte `end` of `text`.
fn path_at(text: &str, end: usize) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                if let Some(Frame::Object(key, false)) = stack.last_mut() {
                    *key = text
                        .get(start..i.min(text.len()))
                        .and_then(|s| serde_json::from_str::<String>(s).ok());
                }
                continue;
            }
            b'{' => stack.push(Frame::Object(None, false)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object(_, begun)) = stack.last_mut() {
                    *begun = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key, begun)) => {
                    *key = None;
                    *begun = false;
                }
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key), true) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(..) => break,
            Frame::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u8,
        s: String,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        list: Vec<Inner>,
        map: BTreeMap<String, Inner>,
        pair: Option<[u8; 2]>,
    }

    fn path(text: &str) -> String {
        from_str::<Outer>(text).unwrap_err().path
    }

    #[test]
    fn paths_are_written_as_serde_path_to_error_wrote_them() {
        let ok = r#"{"list":[{"n":1,"s":"a"}],"map":{"k":{"n":2,"s":"b"}},"pair":null}"#;
        assert!(from_str::<Outer>(ok).is_ok());
        // A wrong type, in an array and in a map (with tricky text before it).
        assert_eq!(
            path(
                r#"{"list":[{"n":1,"s":"a,]}[\"x"},
  {"n":"7","s":"b"}],"map":{},"pair":null}"#
            ),
            "list[1].n"
        );
        assert_eq!(
            path(r#"{"list":[],"map":{"k \"q\"":{"n":2,"s":3}},"pair":null}"#),
            "map.k \"q\".s"
        );
        // A missing field names the object; an unknown one too.
        assert_eq!(
            path(r#"{"list":[{"n":1}],"map":{},"pair":null}"#),
            "list[0]"
        );
        assert_eq!(
            path(r#"{"list":[{"n":1,"s":"a","t":0}],"map":{},"pair":null}"#),
            "list[0]"
        );
        assert_eq!(path(r#"{"list":[],"map":{}}"#), ".");
        // An out-of-range number, a wrong length, a wrong kind of value.
        assert_eq!(path(r#"{"list":[],"map":{},"pair":[1,300]}"#), "pair[1]");
        assert_eq!(path(r#"{"list":[],"map":{},"pair":[1]}"#), "pair");
        assert_eq!(path(r#"{"list":{},"map":{},"pair":null}"#), "list");
        assert_eq!(path("[]"), ".");
    }

    #[test]
    fn syntax_errors_name_where_the_text_stops_and_trailing_text_the_document() {
        let e = from_str::<Outer>("{\"list\":[").unwrap_err();
        assert_eq!(e.path, "list[0]");
        assert!(e.error.is_eof() && !e.trailing);
        let e = from_str::<Vec<u8>>("[1] x").unwrap_err();
        assert_eq!(e.path, ".");
        assert!(e.error.is_syntax() && e.trailing);
        assert_eq!(strip_position("bad at line 1 column 4"), "bad");
    }
}
