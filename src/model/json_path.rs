//! Reading JSON into a type, with the path of the field at fault when it does not fit
//! (`meta.sources[0].sections[2].first_line`), for messages that point a person at the
//! right place in a dataset or a saved file.
//!
//! serde_json says where a data error is (line and column). The path is found by reading
//! the text up to that point and keeping the stack of keys and array positions, written
//! as serde_path_to_error writes it. That crate wrapped every type's deserializer a second
//! time and was about a tenth of the page's code; this is a few hundred bytes.

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

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

/// Reads a whole number from 0 to 255 and makes a `T` of it with `make`, inside serde's
/// visitor: serde_json then places `make`'s refusal at the number, so the path names
/// the field (with `#[serde(try_from)]` the error is raised after the reader has left
/// the enclosing object, and the path stops there). Messages as for a plain `u8`.
pub fn checked_u8<'de, D, T, E>(d: D, make: fn(u8) -> Result<T, E>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    struct Level<T, E>(fn(u8) -> Result<T, E>);
    impl<T, E: fmt::Display> Visitor<'_> for Level<T, E> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("u8")
        }
        fn visit_u64<X: de::Error>(self, v: u64) -> Result<T, X> {
            let small =
                u8::try_from(v).map_err(|_| X::invalid_value(Unexpected::Unsigned(v), &self))?;
            (self.0)(small).map_err(X::custom)
        }
        fn visit_i64<X: de::Error>(self, v: i64) -> Result<T, X> {
            match u64::try_from(v) {
                Ok(v) => self.visit_u64(v),
                Err(_) => Err(X::invalid_value(Unexpected::Signed(v), &self)),
            }
        }
    }
    d.deserialize_u8(Level(make))
}

/// Reads a text and parses it as a `T`, inside serde's visitor (see [`checked_u8`]: a
/// refusal then names the field that holds the text).
pub fn parsed_text<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    struct Text<T>(PhantomData<T>);
    impl<T: FromStr> Visitor<'_> for Text<T>
    where
        T::Err: fmt::Display,
    {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<X: de::Error>(self, v: &str) -> Result<T, X> {
            v.parse().map_err(X::custom)
        }
    }
    d.deserialize_str(Text(PhantomData))
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
        assert_eq!(path(r#"{"list":[],"pair":null}"#), ".");
        // An out-of-range number, a wrong length, a wrong kind of value.
        assert_eq!(path(r#"{"list":[],"map":{},"pair":[1,300]}"#), "pair[1]");
        assert_eq!(path(r#"{"list":[],"map":{},"pair":[1]}"#), "pair");
        assert_eq!(path(r#"{"list":{},"map":{},"pair":null}"#), "list");
        assert_eq!(path("[]"), ".");
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Checked {
        #[serde(deserialize_with = "odd")]
        level: u8,
        #[serde(deserialize_with = "parsed_text")]
        when: std::net::Ipv4Addr,
    }

    fn odd<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        checked_u8(d, |v| if v % 2 == 1 { Ok(v) } else { Err("not odd") })
    }

    /// A refusal by the type's own check names the field, not the object around it
    /// (as it did when the check ran after the reader had left the object).
    #[test]
    fn a_checked_value_refused_names_its_own_field() {
        let read = |t: &str| from_str::<Vec<Checked>>(t);
        assert!(read(r#"[{"level":3,"when":"10.0.0.1"}]"#).is_ok());
        for (text, want, message) in [
            (
                r#"[{"level":3,"when":"10.0.0.1"},{"level":4,"when":"1.1.1.1"}]"#,
                "[1].level",
                "not odd",
            ),
            (r#"[{"when":"1.1.1.1","level":4}]"#, "[0].level", "not odd"),
            (
                r#"[{"level":300,"when":"1.1.1.1"}]"#,
                "[0].level",
                "invalid value: integer `300`, expected u8",
            ),
            (
                r#"[{"level":-1,"when":"1.1.1.1"}]"#,
                "[0].level",
                "invalid value: integer `-1`, expected u8",
            ),
            (
                r#"[{"level":2.5,"when":"1.1.1.1"}]"#,
                "[0].level",
                "invalid type: floating point `2.5`, expected u8",
            ),
            (
                r#"[{"level":1,"when":"x"}]"#,
                "[0].when",
                "invalid IPv4 address syntax",
            ),
            (
                r#"[{"level":1,"when":7}]"#,
                "[0].when",
                "invalid type: integer `7`, expected a string",
            ),
        ] {
            let e = read(text).unwrap_err();
            assert_eq!(e.path, want, "{text}");
            assert_eq!(strip_position(&e.error.to_string()), message, "{text}");
        }
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
