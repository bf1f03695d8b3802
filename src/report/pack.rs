//! The board pack: the work on screen as an A4 landscape document to print or save as
//! PDF. A cover (what it is, when, which dataset, illustrative, what differs from the
//! defaults), the heat map and the register summary, then each page's headline, key
//! figures and charts with their captions and sources, the assumptions that differ and
//! the sources. Built from the same report data as the pages, so the pack says what the
//! screen says.
//!
//! Laid out as designed: the cover is one sheet, the heat map with the register summary
//! one, each section's headline and key figures one, each chart one (never split), the
//! assumptions one and the sources one. [`Pack::sheets`] counts them, so a printed
//! pack with any other number of pages has overflowed somewhere.

use super::heat_map::{self, MapSummary};
use super::{KeyFigure, Page};
use crate::charts::kit::Chart;
use crate::format;
use crate::model::register::RatingKind;
use crate::model::simulation::Summary;
use crate::model::Dataset;
use crate::state::AppState;
use std::rc::Rc;

/// The words every sheet of the pack carries.
pub const ILLUSTRATIVE: &str = "Illustrative, not a forecast";

/// The pack, ready to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    pub cover: Cover,
    /// The heat map at current ratings and the register summary beside it.
    pub map: Rc<Chart>,
    pub map_headline: String,
    pub summary: MapSummary,
    /// One section per page of results, in order.
    pub sections: Vec<Section>,
    /// What differs from the dataset's defaults, in plain words (none: an empty list).
    pub differences: Vec<String>,
    /// Each source: title, date, publisher, what it is used for.
    pub sources: Vec<[String; 4]>,
    /// Why a section is missing (the simulation has not finished), if one is.
    pub missing: Vec<String>,
}

/// The cover sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub title: String,
    pub scenario: String,
    /// `27 November 2026`.
    pub date: String,
    /// `Dataset: … · version 2.0.0 · as at …`.
    pub dataset: String,
    pub organisation: String,
}

/// One page of results in the pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `scenarios`, `drivers`, `simulation`.
    pub id: &'static str,
    /// `Stress scenarios`.
    pub title: String,
    pub headline: String,
    pub figures: Vec<KeyFigure>,
    pub charts: Vec<Rc<Chart>>,
}

impl Section {
    fn of(id: &'static str, title: &str, page: Page) -> Section {
        Section {
            id,
            title: title.to_string(),
            headline: page.headline,
            figures: page.figures,
            charts: page.charts,
        }
    }
}

impl Pack {
    /// The section titles in the order they are printed (the test checks the PDF's).
    pub fn outline(&self) -> Vec<String> {
        let mut out = vec![
            "Board pack".to_string(),
            "Heat map and register summary".to_string(),
        ];
        out.extend(self.sections.iter().map(|s| s.title.clone()));
        out.push("Assumptions that differ from the defaults".to_string());
        out.push("Sources".to_string());
        out
    }

    /// How many A4 sheets the pack is laid out on: cover, map, a sheet per section and
    /// per chart, assumptions, sources.
    pub fn sheets(&self) -> usize {
        1 + 1
            + self
                .sections
                .iter()
                .map(|s| 1 + s.charts.len())
                .sum::<usize>()
            + 1
            + 1
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An ISO date (or date-time) as a board writes it: `2026-11-27` is `27 November 2026`.
/// Anything else is returned as it is.
pub fn long_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.get(..10).unwrap_or("").split('-').collect();
    if let [y, m, d] = parts[..] {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return format!("{d} {} {y}", MONTHS[m - 1]);
            }
        }
    }
    iso.to_string()
}

/// The pack for the work in `state`, printed on `date` (ISO), with the simulation's
/// summary when a run for these settings has finished.
pub fn pack(state: &AppState, summary: Option<&Summary>, date: &str) -> Pack {
    let ds: &Dataset = &state.dataset;
    let d = &state.derived;
    let ws = &state.workspace;
    let kind = RatingKind::Current;
    let map_page = heat_map::page(ds, &ws.register, kind);
    let differences: Vec<String> = ws
        .differences(ds)
        .iter()
        .map(|x| format::difference(ds, x))
        .collect();
    let meta = &ds.meta;
    let n = differences.len();
    let mut sections = vec![
        Section::of(
            "scenarios",
            "Stress scenarios",
            super::scenarios::page(ds, &d.stress, &d.excess_sensitivities(ds)),
        ),
        Section::of(
            "drivers",
            "Demand and finance",
            super::drivers::page(&ds.drivers, &d.projection, &d.baseline, &d.sensitivities),
        ),
    ];
    let mut missing = Vec::new();
    match summary {
        Some(s) => sections.push(Section::of(
            "simulation",
            "Simulation",
            super::simulation::page(ds, Some(s), None).page,
        )),
        None => missing.push(
            "The simulation for these settings had not finished when the pack was made, so its section is left out; print again once it has finished.".to_string(),
        ),
    }
    Pack {
        cover: Cover {
            title: "Board pack".to_string(),
            scenario: match n {
                0 => "The dataset's defaults (no setting changed)".to_string(),
                1 => "The work on screen: 1 setting differs from the defaults".to_string(),
                n => format!("The work on screen: {n} settings differ from the defaults"),
            },
            date: long_date(date),
            dataset: format!(
                "Dataset: {} · version {} · as at {}",
                meta.name, meta.version, meta.as_at
            ),
            organisation: meta.organisation.clone(),
        },
        map: Rc::new(crate::charts::register::heat_map(ds, &ws.register, kind)),
        map_headline: map_page.headline,
        summary: map_page.summary,
        sections,
        differences,
        sources: super::about::page(ds).sources,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::simulation::{SimRequest, SimSettings};
    use crate::state::Action;

    fn state() -> AppState {
        AppState::new(Rc::new(Dataset::builtin().unwrap()))
    }

    #[test]
    fn dates_are_written_for_a_board() {
        assert_eq!(long_date("2026-11-27T17:00:00Z"), "27 November 2026");
        assert_eq!(long_date("2026-01-05"), "5 January 2026");
        assert_eq!(long_date("soon"), "soon");
        assert_eq!(long_date("2026-13-01"), "2026-13-01");
    }

    #[test]
    fn the_pack_holds_every_section_in_order_and_counts_its_sheets() {
        let s = state();
        let p = pack(&s, None, "2026-11-27");
        assert_eq!(p.cover.date, "27 November 2026");
        assert!(p.cover.scenario.contains("defaults"));
        assert!(p.differences.is_empty());
        assert_eq!(p.missing.len(), 1);
        assert_eq!(
            p.outline(),
            [
                "Board pack",
                "Heat map and register summary",
                "Stress scenarios",
                "Demand and finance",
                "Assumptions that differ from the defaults",
                "Sources"
            ]
        );
        let charts: usize = p.sections.iter().map(|s| s.charts.len()).sum();
        assert_eq!(p.sheets(), 2 + 2 + charts + 2);
        assert!(!p.sources.is_empty());

        let out = SimRequest {
            settings: SimSettings {
                trials: 2_000,
                ..SimSettings::default()
            },
            ..SimRequest::default()
        }
        .run(&s.dataset);
        let with = pack(&s, Some(&out.summary), "2026-11-27");
        assert!(with.missing.is_empty());
        assert_eq!(with.sections.last().unwrap().id, "simulation");
        assert!(with.sheets() > p.sheets() + 1);
    }

    #[test]
    fn the_cover_says_what_differs() {
        let mut s = state();
        let first = s.dataset.risks[0].id.clone();
        s.apply(Action::ToggleStressRisk(first));
        let p = pack(&s, None, "2026-11-27");
        assert_eq!(p.differences.len(), 1);
        assert!(
            p.cover.scenario.contains("1 setting differs"),
            "{}",
            p.cover.scenario
        );
    }
}
