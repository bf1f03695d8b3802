//! The start panel: what the tool is for (in the register's own words), three things to
//! try, what "illustrative" means and where the sources are. Shown on a first visit,
//! dismissable, and reachable again from the header.

use crate::model::{Dataset, Provenance};

/// The mark every assumed value carries (ratings, owners, trends, the appetite).
pub const ASSUMED_MARK: &str = "◇";
/// What the mark means, as the legend beside each table and the map says it.
pub const ASSUMED_LEGEND: &str = "illustrative assumption, not from the Trust's published register";
/// Read out in place of the mark.
pub const ASSUMED_SPOKEN: &str = " (assumed)";

/// One thing to try: a link to a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Try {
    /// The link's words: `Move a risk on the heat map`.
    pub label: &'static str,
    /// The route it opens: `#/map`.
    pub href: &'static str,
    /// What to do there, in a line.
    pub how: &'static str,
}

/// The panel's words.
#[derive(Debug, Clone, PartialEq)]
pub struct StartPanel {
    pub heading: &'static str,
    /// Introduces the register's sentence.
    pub intro: String,
    /// The register's sentence on risks in combination, with its source.
    pub statement: Provenance,
    /// What the tool does about it, in one sentence.
    pub purpose: &'static str,
    pub tries_heading: &'static str,
    pub tries: Vec<Try>,
    pub illustrative_heading: &'static str,
    pub illustrative: String,
    pub sources: &'static str,
    /// The link to About.
    pub sources_link: &'static str,
    pub close: &'static str,
}

pub fn panel(ds: &Dataset) -> StartPanel {
    let n = ds.risks.len();
    let imported = ds
        .meta
        .sources
        .iter()
        .any(|s| s.id == crate::import::build::IMPORT_SOURCE);
    let count = crate::charts::kit::number_word(n);
    StartPanel {
        heading: "Start here",
        intro: if imported {
            format!("The register in use holds {count} risks. On how they combine, the dataset says:")
        } else {
            format!("The Trust's strategic risk register says of its {count} risks:")
        },
        statement: ds.meta.compounding_statement.clone(),
        purpose: "Risk Explorer lets the board test that: change how likely and how serious each risk is, let several happen together, and see what it does to children in care, spending and the budget over the next five years.",
        tries_heading: "Three things to try",
        tries: vec![
            Try {
                label: "Move a risk on the heat map",
                href: "#/map",
                how: "Drag a circle, or Tab to it and use the arrow keys; the summary follows.",
            },
            Try {
                label: "Try a stress scenario",
                href: "#/scenarios",
                how: "Start from a preset, such as workforce, demand and placements going wrong in the same year.",
            },
            Try {
                label: "Run the simulation",
                href: "#/simulation",
                how: "Play out thousands of possible five years and see how often the budget is overspent.",
            },
        ],
        illustrative_heading: "What “illustrative” means",
        illustrative: if imported {
            format!(
                "The risks, ratings and owners are the imported register's. What it does not give (each risk's cost, how the risks combine, the appetite) is our assumption, marked {ASSUMED_MARK}, so the tool has something to work with: change it to the board's own view. Nothing here is a forecast."
            )
        } else {
            format!(
                "The Trust publishes its {count} risks and their wording, but no ratings, owners, trends or risk appetite. The values shown for those are our assumptions, marked {ASSUMED_MARK}, so the tool has something to work with: change them to the board's own view. Nothing here is a forecast."
            )
        },
        sources: "Every quoted word and published figure is cited to its document and section (one of five Trust documents; point at a citation to read the words):",
        sources_link: "see the sources (About)",
        close: "Hide this",
    }
}
