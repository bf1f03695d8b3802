//! About and sources: what the dataset holds, and the scales in words.

use crate::format;
use crate::model::{Dataset, Impact};

/// The about page's sentences and the scales' rows.
#[derive(Debug, Clone, PartialEq)]
pub struct AboutPage {
    /// `Risk Explorer lets the Board of … explore …`.
    pub lead: String,
    /// What the dataset is and how many facts and assumptions it holds.
    pub dataset: String,
    /// Each source document as a reader finds it: title, date, publisher, what it is
    /// used for (never its file name).
    pub sources: Vec<[String; 4]>,
    /// How citations are written, under the sources table.
    pub citations_note: String,
    /// Level, meaning, chance of the event in a year.
    pub likelihood: Vec<[String; 3]>,
    /// The impact table's money column heading.
    pub money_heading: String,
    /// Level, money band, service and safeguarding, regulatory and reputation.
    pub impact: Vec<[String; 4]>,
    pub contract_sum: String,
    /// Band name with range, and what it means.
    pub bands: Vec<(String, String)>,
    pub appetite: String,
}

/// The page for dataset `ds`.
pub fn page(ds: &Dataset) -> AboutPage {
    let scales = &ds.scales;
    let provenances = ds.provenances();
    let assumptions = provenances
        .iter()
        .filter(|(_, p)| p.is_assumption())
        .count();
    let cited = provenances.iter().filter(|(_, p)| p.cite.is_some()).count();
    let contract = format::gbp_m(scales.contract_sum.gbp_m);
    AboutPage {
        lead: format!(
            "Risk Explorer lets the Board of {} explore its {} strategic risks, alone and in combination. ",
            ds.meta.organisation,
            crate::charts::kit::number_word(ds.risks.len())
        ),
        dataset: format!(" The dataset ({} version {}, as at {}) holds {cited} cited facts and {assumptions} illustrative assumptions, each with its reasoning.", ds.meta.name, ds.meta.version, ds.meta.as_at),
        sources: ds
            .meta
            .sources
            .iter()
            .map(|s| {
                [
                    s.title.clone(),
                    s.date.clone(),
                    s.publisher.clone(),
                    s.used_for.clone(),
                ]
            })
            .collect(),
        citations_note: "Each source is cited by the document's short title and the section \
             the words are in, as the document itself numbers or heads it (§11 Managing Risk); \
             hover over or focus a citation to read the words it points at."
            .to_string(),
        likelihood: scales
            .likelihood
            .iter()
            .map(|l| {
                [
                    format!("{} {}", l.level, l.label),
                    l.descriptor.clone(),
                    format!(
                        "{} over {} years; {} a year",
                        format::percent(l.chance_in_period),
                        scales.likelihood_period_years,
                        format::percent_1dp(crate::model::scales::annual_from_period(
                            l.chance_in_period,
                            scales.likelihood_period_years
                        ))
                    ),
                ]
            })
            .collect(),
        money_heading: format!(
            "Money (share of the {} contract sum, {contract})",
            scales.contract_sum.year
        ),
        impact: scales
            .impact
            .iter()
            .map(|i| {
                let level = Impact::new(i.level).expect("validated");
                let (from, to) = scales.financial_band_gbp_m(level);
                [
                    format!("{} {}", i.level, i.label),
                    format::financial_band(from, to),
                    i.service.clone(),
                    i.regulatory.clone(),
                ]
            })
            .collect(),
        contract_sum: format!("Contract sum {}: {contract}. ", scales.contract_sum.year),
        bands: scales
            .bands
            .iter()
            .map(|b| (format::band_range(b), format!(": {}", b.meaning)))
            .collect(),
        appetite: format!(
            "Risk appetite: scores above {} are outside appetite by default.",
            scales.appetite.threshold
        ),
    }
}

/// What the bar says when another tab saved newer work while this tab had edits of its own.
pub const TABS_DIFFER: &str = "Another tab changed this work while you were editing it here. \
     Nothing is saved until you choose which to keep; the other is kept as a copy in this \
     browser's storage, never dropped.";

/// A likelihood level in words with its chances: "Could happen during the five-year plan,
/// but is not expected to. 15% over the 5-year plan, about 3% a year."
pub fn likelihood_detail(scales: &crate::model::Scales, l: crate::model::Likelihood) -> String {
    format!(
        "{} {} over the {}-year plan, about {} a year.",
        scales.likelihood_level(l).descriptor,
        format::percent(scales.likelihood_level(l).chance_in_period),
        scales.likelihood_period_years,
        format::percent(scales.annual_probability(l))
    )
}
