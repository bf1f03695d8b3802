//! A citation of a line range in a source document: `002_8eb6123608c5196b.txt:529` or `…:328-330`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a fact was taken from: a source document id and a 1-based inclusive line range.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Citation {
    pub source: String,
    pub first_line: u32,
    pub last_line: u32,
}

impl Citation {
    /// True when the citation points at a single line.
    pub fn is_single_line(&self) -> bool {
        self.first_line == self.last_line
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single_line() {
            write!(f, "{}:{}", self.source, self.first_line)
        } else {
            write!(f, "{}:{}-{}", self.source, self.first_line, self.last_line)
        }
    }
}

impl FromStr for Citation {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not a citation of the form file:line or file:first-last");
        let (source, lines) = s.rsplit_once(':').ok_or_else(bad)?;
        if source.trim().is_empty() {
            return Err(bad());
        }
        let (first, last) = match lines.split_once('-') {
            Some((a, b)) => (a, b),
            None => (lines, lines),
        };
        let first_line: u32 = first.trim().parse().map_err(|_| bad())?;
        let last_line: u32 = last.trim().parse().map_err(|_| bad())?;
        if first_line == 0 || last_line < first_line {
            return Err(bad());
        }
        Ok(Citation {
            source: source.trim().to_string(),
            first_line,
            last_line,
        })
    }
}

impl Serialize for Citation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Citation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::json_path::parsed_text(d)
    }
}

/// In the dataset's JSON Schema a citation is its text, `source-id:line` or
/// `source-id:first-last`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Citation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Citation".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Where a value is taken from: a source id from meta.sources and a line, or a range of lines, of its text (002_8eb6123608c5196b.txt:529 or …:328-330).",
            "type": "string",
            "pattern": "^.*[^\\s:].*:[1-9][0-9]*(-[1-9][0-9]*)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_line_and_range() {
        let c: Citation = "002_8eb6123608c5196b.txt:529".parse().unwrap();
        assert_eq!(c.source, "002_8eb6123608c5196b.txt");
        assert_eq!((c.first_line, c.last_line), (529, 529));
        let r: Citation = "002_8eb6123608c5196b.txt:328-330".parse().unwrap();
        assert_eq!((r.first_line, r.last_line), (328, 330));
        assert_eq!(r.to_string(), "002_8eb6123608c5196b.txt:328-330");
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "file", "file:", ":12", "file:x", "file:0", "file:9-3"] {
            assert!(bad.parse::<Citation>().is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn round_trips_through_json() {
        let c: Citation = serde_json::from_str("\"a.txt:3-4\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"a.txt:3-4\"");
        assert!(serde_json::from_str::<Citation>("\"a.txt\"").is_err());
    }
}
