//! The dataset: meta (sources, as-at date, version), scales and the risk register.
//! Compiled in from `data/*.json`, or imported from one JSON file; validated on load.

use super::citation::Citation;
use super::consequences::Consequences;
use super::drivers::DriversData;
use super::interactions::Interactions;
use super::register::Risk;
use super::scales::Scales;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub use super::error::DatasetError;
pub use super::provenance::Provenance;

/// The dataset format this build reads. A file with a larger number was written by a
/// newer Risk Explorer and is refused with a message rather than half-read.
pub const DATASET_FORMAT: u32 = 1;

/// A source document and what was taken from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The id citations use, e.g. `002_8eb6123608c5196b.txt`.
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub date: String,
    pub publisher: String,
    pub used_for: String,
    /// The document's sections in order, each from its first line to the line before the
    /// next one's: where a citation points, in words a reader can find in the document.
    /// Optional, so a dataset exported before sections were recorded still loads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// A section of a source document: its title as a reader finds it ("§11 Managing Risk",
/// "Children in our care: Stability and permanence") and the line of the text extract
/// it starts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub first_line: u32,
    pub title: String,
}

impl Source {
    /// The section a line falls in: the last one starting at or before it.
    pub fn section_at(&self, line: u32) -> Option<&Section> {
        self.sections.iter().rev().find(|s| s.first_line <= line)
    }

    /// Sections start at line 1 or later, in order, each with a title.
    fn validate_sections(&self, field: &str) -> Result<(), DatasetError> {
        let mut previous = 0;
        for (k, s) in self.sections.iter().enumerate() {
            let here = format!("{field}.sections[{k}]");
            if s.title.trim().is_empty() {
                return Err(DatasetError::field(
                    &format!("{here}.title"),
                    "must not be empty",
                ));
            }
            if s.first_line == 0 || s.first_line <= previous {
                return Err(DatasetError::field(
                    &format!("{here}.first_line"),
                    &format!(
                        "sections must start at line 1 or later, in order; {} follows {}",
                        s.first_line, previous
                    ),
                ));
            }
            previous = s.first_line;
        }
        Ok(())
    }
}

/// About the dataset as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub format: u32,
    pub name: String,
    pub organisation: String,
    pub version: String,
    /// The date the figures describe, in words ("31 March 2025").
    pub as_at: String,
    pub compounding_statement: Provenance,
    pub sources: Vec<Source>,
}

/// Everything the app shows by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub meta: Meta,
    pub scales: Scales,
    pub risks: Vec<Risk>,
    pub drivers: DriversData,
    pub consequences: Consequences,
    pub interactions: Interactions,
}

/// FNV-1a, 64 bits, over the bytes of a text: stable across builds and platforms.
pub fn content_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Parses JSON into `T`, reporting the path of the field that failed.
fn parse_json<'a, T: Deserialize<'a>>(text: &'a str, prefix: &str) -> Result<T, DatasetError> {
    super::json_path::from_str(text).map_err(|e| {
        let (path, inner) = (e.path, e.error);
        if e.trailing {
            return DatasetError {
                field: prefix.to_string(),
                message: format!("unexpected text after the data (line {})", inner.line()),
            };
        }
        let field = match (prefix.is_empty(), path == ".") {
            (_, true) => prefix.to_string(),
            (true, false) => path,
            (false, false) => format!("{prefix}.{path}"),
        };
        let message = if inner.is_syntax() || inner.is_eof() {
            format!(
                "this is not valid JSON (line {}, column {})",
                inner.line(),
                inner.column()
            )
        } else {
            super::json_path::strip_position(&inner.to_string())
        };
        DatasetError { field, message }
    })
}

// data/*.json without their indentation (build.rs): the same data, 58 KB smaller.
const META_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/meta.json"));
const SCALES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/scales.json"));
const RISKS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/risks.json"));
const DRIVERS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/drivers.json"));
const CONSEQUENCES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/consequences.json"));
const INTERACTIONS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/interactions.json"));

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RisksFile {
    risks: Vec<Risk>,
}

impl Dataset {
    /// The dataset compiled into the app (from `data/`).
    pub fn builtin() -> Result<Dataset, DatasetError> {
        Self::from_parts([
            META_JSON,
            SCALES_JSON,
            RISKS_JSON,
            DRIVERS_JSON,
            CONSEQUENCES_JSON,
            INTERACTIONS_JSON,
        ])
    }

    /// Builds the dataset from its six files: meta, scales, risks, drivers, consequences,
    /// interactions.
    pub fn from_parts(files: [&str; 6]) -> Result<Dataset, DatasetError> {
        let [meta, scales, risks, drivers, consequences, interactions] = files;
        let meta: Meta = parse_json(meta, "meta")?;
        let scales: Scales = parse_json(scales, "scales")?;
        let risks: RisksFile = parse_json(risks, "")?;
        let drivers: DriversData = parse_json(drivers, "drivers")?;
        let consequences: Consequences = parse_json(consequences, "consequences")?;
        let interactions: Interactions = parse_json(interactions, "interactions")?;
        let dataset = Dataset {
            meta,
            scales,
            risks: risks.risks,
            drivers,
            consequences,
            interactions,
        };
        dataset.validate()?;
        Ok(dataset)
    }

    /// The dataset as one compact JSON document (what the worker is sent).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).expect("a dataset always serialises")
    }

    /// A fingerprint of the dataset's content (FNV-1a over its JSON): the same data gives
    /// the same number on every machine, any change gives another. Saved work, links and
    /// the simulation's worker use it to tell which data they belong to.
    pub fn content_hash(&self) -> u64 {
        content_hash(&self.to_compact_json())
    }

    /// A whole dataset from one JSON document (the import format).
    pub fn from_json(text: &str) -> Result<Dataset, DatasetError> {
        // Read the format number first so a newer file gets the right message.
        #[derive(Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        struct Probe {
            meta: Option<ProbeMeta>,
        }
        #[derive(Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        struct ProbeMeta {
            format: Option<u32>,
        }
        if let Ok(Probe {
            meta: Some(ProbeMeta {
                format: Some(format),
            }),
        }) = serde_json::from_str::<Probe>(text)
        {
            if format > DATASET_FORMAT {
                return Err(DatasetError::field(
                    "meta.format",
                    &format!("this dataset was written by a newer Risk Explorer (format {format}); this version reads format {DATASET_FORMAT}"),
                ));
            }
        }
        let dataset: Dataset = parse_json(text, "")?;
        dataset.validate()?;
        Ok(dataset)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a dataset always serialises")
    }

    /// Checks every invariant the app relies on; the error names the field.
    pub fn validate(&self) -> Result<(), DatasetError> {
        if self.meta.format != DATASET_FORMAT {
            return Err(DatasetError::field(
                "meta.format",
                &format!(
                    "this version reads dataset format {DATASET_FORMAT}, not {}",
                    self.meta.format
                ),
            ));
        }
        for (field, text) in [
            ("meta.name", &self.meta.name),
            ("meta.organisation", &self.meta.organisation),
            ("meta.version", &self.meta.version),
            ("meta.as_at", &self.meta.as_at),
        ] {
            if text.trim().is_empty() {
                return Err(DatasetError::field(field, "must not be empty"));
            }
        }
        self.meta
            .compounding_statement
            .validate("meta.compounding_statement")?;
        let mut source_ids = BTreeSet::new();
        for (i, s) in self.meta.sources.iter().enumerate() {
            if !source_ids.insert(s.id.as_str()) {
                return Err(DatasetError::field(
                    &format!("meta.sources[{i}].id"),
                    &format!("source \"{}\" is listed twice", s.id),
                ));
            }
            s.validate_sections(&format!("meta.sources[{i}]"))?;
        }
        self.scales.validate().map_err(|(f, m)| DatasetError {
            field: f,
            message: m,
        })?;
        for (field, p) in [
            (
                "scales.likelihood_probability_provenance",
                &self.scales.likelihood_probability_provenance,
            ),
            ("scales.impact_provenance", &self.scales.impact_provenance),
            (
                "scales.contract_sum.provenance",
                &self.scales.contract_sum.provenance,
            ),
            ("scales.bands_provenance", &self.scales.bands_provenance),
            (
                "scales.appetite.provenance",
                &self.scales.appetite.provenance,
            ),
        ] {
            p.validate(field)?;
        }
        if self.risks.is_empty() {
            return Err(DatasetError::field(
                "risks",
                "the register needs at least one risk",
            ));
        }
        if self.risks.len() > 30 {
            return Err(DatasetError::field(
                "risks",
                &format!("at most 30 risks are supported, found {}", self.risks.len()),
            ));
        }
        let mut ids = BTreeSet::new();
        for (i, r) in self.risks.iter().enumerate() {
            let field = format!("risks[{i}]");
            if !ids.insert(r.id.0.as_str()) {
                return Err(DatasetError::field(
                    &format!("{field}.id"),
                    &format!("risk id \"{}\" is used twice", r.id),
                ));
            }
            r.validate(&field, &|p, f| p.validate(f))?;
            self.validate_levels(r, &field)?;
        }
        self.drivers.validate()?;
        for (field, p) in self.drivers.provenances() {
            p.validate(&field)?;
        }
        let ids: Vec<_> = self.risks.iter().map(|r| r.id.clone()).collect();
        self.consequences.validate(&ids, &self.drivers)?;
        for (field, p) in self.consequences.provenances() {
            p.validate(&field)?;
        }
        self.interactions.validate(&ids)?;
        for (field, p) in self.interactions.provenances() {
            p.validate(&field)?;
        }
        // Every citation must name a listed source, so the app can say what it is.
        for (field, cite) in self.citations() {
            let Some(source) = self.source(&cite.source) else {
                return Err(DatasetError::field(
                    &field,
                    &format!("cites \"{}\", which is not in meta.sources", cite.source),
                ));
            };
            // A source with sections must have one for every line cited from it.
            if !source.sections.is_empty() && source.section_at(cite.first_line).is_none() {
                return Err(DatasetError::field(
                    &field,
                    &format!(
                        "cites line {} of \"{}\", before its first section",
                        cite.first_line, source.title
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A risk's levels lie on the dataset's scales (a 4-level register has no level 5).
    fn validate_levels(&self, r: &Risk, field: &str) -> Result<(), DatasetError> {
        let top = self.scales.levels();
        let mut levels: Vec<(String, u8)> = Vec::new();
        for kind in super::register::RatingKind::ALL {
            let d = r.ratings.get(kind);
            let at = format!("{field}.ratings.{}", kind.key());
            levels.push((format!("{at}.likelihood"), d.likelihood.get()));
            levels.push((format!("{at}.impact"), d.impact.get()));
        }
        if let Some(f) = &r.financial_impact {
            levels.push((format!("{field}.financial_impact.current"), f.current.get()));
        }
        for (at, level) in levels {
            if level > top {
                return Err(DatasetError::field(
                    &at,
                    &format!("{level} is not a level of this {top}-level scale; use 1 to {top}"),
                ));
            }
        }
        Ok(())
    }

    /// Every citation in the dataset (each risk's own, and every provenance's), with the
    /// field it sits in.
    pub fn citations(&self) -> Vec<(String, &Citation)> {
        let mut out = Vec::new();
        for (i, r) in self.risks.iter().enumerate() {
            out.push((format!("risks[{i}].cite"), &r.cite));
            for (k, c) in r.also_cited.iter().enumerate() {
                out.push((format!("risks[{i}].also_cited[{k}]"), c));
            }
        }
        for (field, p) in self.provenances() {
            if let Some(c) = &p.cite {
                out.push((field.clone(), c));
            }
            for (k, c) in p.evidence.iter().enumerate() {
                out.push((format!("{field}.evidence[{k}]"), c));
            }
        }
        out
    }

    /// Every provenance in the dataset, with its field path.
    pub fn provenances(&self) -> Vec<(String, &Provenance)> {
        let mut out: Vec<(String, &Provenance)> = vec![
            (
                "meta.compounding_statement".into(),
                &self.meta.compounding_statement,
            ),
            (
                "scales.likelihood_probability_provenance".into(),
                &self.scales.likelihood_probability_provenance,
            ),
            (
                "scales.impact_provenance".into(),
                &self.scales.impact_provenance,
            ),
            (
                "scales.contract_sum.provenance".into(),
                &self.scales.contract_sum.provenance,
            ),
            (
                "scales.bands_provenance".into(),
                &self.scales.bands_provenance,
            ),
            (
                "scales.appetite.provenance".into(),
                &self.scales.appetite.provenance,
            ),
        ];
        for (i, r) in self.risks.iter().enumerate() {
            r.provenances(&format!("risks[{i}]"), &mut out);
        }
        out.extend(self.drivers.provenances());
        out.extend(self.consequences.provenances());
        out.extend(self.interactions.provenances());
        out
    }

    /// The source document a citation names, if listed.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.meta.sources.iter().find(|s| s.id == id)
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.iter().find(|r| r.id.0 == id)
    }
}

#[cfg(test)]
mod section_tests {
    use super::*;

    fn with_sections(edit: impl FnOnce(&mut Dataset)) -> Result<Dataset, DatasetError> {
        let mut ds = Dataset::builtin().expect("built-in dataset loads");
        edit(&mut ds);
        Dataset::from_json(&ds.to_json())
    }

    #[test]
    fn every_source_has_sections_and_every_citation_falls_in_one() {
        let ds = Dataset::builtin().unwrap();
        for s in &ds.meta.sources {
            assert!(!s.sections.is_empty(), "{} has no sections", s.title);
        }
        for (field, c) in ds.citations() {
            let source = ds.source(&c.source).unwrap();
            let section = source.section_at(c.first_line);
            assert!(section.is_some(), "{field} ({c}) is before every section");
        }
        // The risk statements sit in the registers' own sections.
        for r in &ds.risks {
            let source = ds.source(&r.cite.source).unwrap();
            let title = &source.section_at(r.cite.first_line).unwrap().title;
            assert!(
                title.contains("Managing Risk") || title.contains("risk register"),
                "{}: {title}",
                r.id
            );
        }
        assert!(
            ds.citations().len() > 300,
            "risks' own citations are counted"
        );
    }

    #[test]
    fn sections_out_of_order_or_untitled_are_refused() {
        let err = with_sections(|ds| ds.meta.sources[0].sections.swap(1, 2)).unwrap_err();
        assert_eq!(err.field, "meta.sources[0].sections[2].first_line");
        let err = with_sections(|ds| ds.meta.sources[1].sections[0].first_line = 0).unwrap_err();
        assert_eq!(err.field, "meta.sources[1].sections[0].first_line");
        let err =
            with_sections(|ds| ds.meta.sources[2].sections[3].title = " ".into()).unwrap_err();
        assert_eq!(err.field, "meta.sources[2].sections[3].title");
    }

    #[test]
    fn a_citation_before_the_first_section_is_refused() {
        // The governance update's first section starts at line 9; move it past a citation.
        let err = with_sections(|ds| {
            let s = &mut ds.meta.sources[1];
            s.sections[0].first_line = 57;
            s.sections[1].first_line = 58;
            s.sections[2].first_line = 60;
        })
        .unwrap_err();
        assert!(err.message.contains("before its first section"), "{err:?}");
        // A dataset saved before sections were recorded still loads.
        let ds = with_sections(|ds| {
            for s in &mut ds.meta.sources {
                s.sections.clear();
            }
        })
        .unwrap();
        assert!(ds.meta.sources.iter().all(|s| s.sections.is_empty()));
    }
}

#[cfg(test)]
mod compact_tests {
    use super::*;

    fn file(name: &str) -> String {
        std::fs::read_to_string(format!("{}/data/{name}.json", env!("CARGO_MANIFEST_DIR")))
            .expect("the data file reads")
    }

    /// build.rs embeds data/*.json without indentation: the same data, smaller.
    #[test]
    fn the_embedded_compact_text_is_the_same_data_as_the_files() {
        let names = [
            "meta",
            "scales",
            "risks",
            "drivers",
            "consequences",
            "interactions",
        ];
        let embedded = [
            META_JSON,
            SCALES_JSON,
            RISKS_JSON,
            DRIVERS_JSON,
            CONSEQUENCES_JSON,
            INTERACTIONS_JSON,
        ];
        for (name, compact) in names.iter().zip(embedded) {
            let pretty = file(name);
            let a: serde_json::Value = serde_json::from_str(&pretty).unwrap();
            let b: serde_json::Value = serde_json::from_str(compact).unwrap();
            assert_eq!(a, b, "{name}");
            assert!(
                compact.len() < pretty.len() && !compact.contains('\n'),
                "{name}"
            );
        }
        let texts = names.map(file);
        let from_files = Dataset::from_parts(texts.each_ref().map(String::as_str)).unwrap();
        assert_eq!(from_files, Dataset::builtin().unwrap());
        assert_eq!(
            from_files.content_hash(),
            Dataset::builtin().unwrap().content_hash()
        );
        let excerpts: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&file("excerpts")).unwrap();
        assert_eq!(&excerpts, super::super::excerpts::all());
    }
}
