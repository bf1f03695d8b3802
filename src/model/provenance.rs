//! Where a default value comes from: a cited source, or an assumption with its reason.
//! Every domain module uses it; it depends on nothing but citations and errors.

use super::citation::Citation;
use super::error::DatasetError;
use serde::{Deserialize, Serialize};

/// Where a default value comes from: a cited source (optionally quoting it), or an
/// illustrative assumption with a one-line rationale and the evidence it leans on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Present when the value is our assumption: the rationale in one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Citations an assumption leans on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Citation>,
}

impl Provenance {
    pub fn is_assumption(&self) -> bool {
        self.assumption.is_some()
    }

    /// Checks that the value is either sourced or assumed, never both or neither.
    pub fn validate(&self, field: &str) -> Result<(), DatasetError> {
        match (&self.cite, &self.assumption) {
            (Some(_), None) | (None, Some(_)) => {}
            (None, None) => {
                return Err(DatasetError::field(
                    field,
                    "needs either a \"cite\" (a source) or an \"assumption\" (a rationale)",
                ))
            }
            (Some(_), Some(_)) => {
                return Err(DatasetError::field(
                    field,
                    "has both \"cite\" and \"assumption\"; a value is either sourced or assumed",
                ))
            }
        }
        if self
            .assumption
            .as_deref()
            .is_some_and(|a| a.trim().is_empty())
        {
            return Err(DatasetError::field(
                &format!("{field}.assumption"),
                "the rationale must not be empty",
            ));
        }
        if self.quote.is_some() && self.cite.is_none() {
            return Err(DatasetError::field(
                &format!("{field}.quote"),
                "a quote needs a \"cite\" saying where it is from",
            ));
        }
        Ok(())
    }

    /// The quote as a reader sees it: the source's text with its emphasis markers
    /// (`**19**`, from the documents' conversion to text) left out; the words are the
    /// document's, character for character.
    pub fn quote_as_read(&self) -> Option<String> {
        self.quote.as_deref().map(|q| q.replace("**", ""))
    }

    /// Every (quote, citation) pair in this provenance, for the verbatim check.
    pub fn quoted(&self) -> Option<(&str, &Citation)> {
        match (&self.quote, &self.cite) {
            (Some(q), Some(c)) => Some((q.as_str(), c)),
            _ => None,
        }
    }
}

/// Every provenance in a part of the dataset, each with the path of its field, for the
/// checks that run over all of them (sourced or assumed, quotes verbatim).
pub type Provenances<'a> = Vec<(String, &'a Provenance)>;

/// Adds `{list}[i].provenance` for every item of a list.
pub fn each<'a, T>(
    out: &mut Provenances<'a>,
    list: &str,
    items: &'a [T],
    of: impl Fn(&'a T) -> &'a Provenance,
) {
    for (i, item) in items.iter().enumerate() {
        out.push((format!("{list}[{i}].provenance"), of(item)));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Dataset;

    #[test]
    fn a_quote_reads_without_the_sources_emphasis_markers_and_keeps_every_word() {
        let ds = Dataset::builtin().expect("built-in dataset");
        let marked: Vec<_> = ds
            .drivers
            .provenances()
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| p.quote.as_deref().is_some_and(|q| q.contains("**")))
            .collect();
        assert!(
            !marked.is_empty(),
            "the dataset quotes text with ** markers"
        );
        for p in marked {
            let read = p.quote_as_read().expect("a quote");
            assert!(!read.contains('*'), "{read}");
            let words = |t: &str| {
                t.split_whitespace()
                    .map(|w| w.replace('*', ""))
                    .collect::<Vec<_>>()
            };
            assert_eq!(words(&read), words(p.quote.as_deref().unwrap()));
        }
        let plain = super::Provenance {
            quote: Some("caseload from 19 to 18".into()),
            ..Default::default()
        };
        assert_eq!(
            plain.quote_as_read().as_deref(),
            Some("caseload from 19 to 18")
        );
    }
}
