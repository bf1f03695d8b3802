//! The simulation: how likely the combinations of risks are, from the latest run's summary.

use super::{Context, KeyFigure, Note, Page, Quantity};
use crate::charts::simulation as charts;
use crate::format;
use crate::model::interactions::StrengthTable;
use crate::model::simulation::{RatingDigest, SimRequest, Summary};
use crate::model::Dataset;
use crate::state::SimRun;
use std::rc::Rc;

const MEDIAN: &str = "Half the trials end above the median and half below. P5 to P95: nine trials in ten end between these two figures. The gap is spend minus funding, added up over 2025/26 to 2029/30; positive is an overspend.";

const WHY_SO_LARGE: &str = "At the register's current ratings the three highest risks (demand, placements and financial pressure) happen in most years, each event moves the drivers by a full acute-year shock, and the projection has no in-year management action, which in past years recovered much of each pressure (the 2023/24 gross pressure of £18m ended as a £10m deficit). So the five-year gaps here run far beyond anything the Trust has reported. Read the chances, the comparison between ratings and how much worse combinations are; treat the £ amounts as the size of unmanaged pressure, not a forecast. Lower the likelihoods or the shock sizes (Scenarios) to test other views.";

/// The page for the latest results (`None` before the first run finishes), and the
/// digests of every rating when all three have run.
pub fn page(ds: &Dataset, summary: Option<&Summary>, by_rating: Option<&[RatingDigest]>) -> Page {
    let notes = vec![Note {
        title: "Why the money figures are so large".to_string(),
        text: WHY_SO_LARGE.to_string(),
    }];
    let Some(s) = summary else {
        return Page {
            headline: "Simulating how likely the combinations are…".to_string(),
            notes,
            ..Page::default()
        };
    };
    let mut chart_list = vec![
        Rc::new(charts::same_year(ds, s)),
        Rc::new(charts::fan(ds, s)),
        Rc::new(charts::histogram(ds, s)),
        Rc::new(charts::exceedance(ds, s)),
        Rc::new(charts::risk_probability(ds, s)),
        Rc::new(charts::tornado(ds, s)),
        Rc::new(charts::count_vs_independent(ds, s)),
        Rc::new(charts::co_occurrence(ds, s)),
        Rc::new(charts::pairwise(ds, s)),
        Rc::new(charts::non_financial(ds, s)),
    ];
    if let Some(d) = by_rating {
        chart_list.push(Rc::new(charts::ratings(ds, d)));
    }
    Page {
        headline: headline(s),
        figures: figures(s),
        charts: chart_list,
        notes,
    }
}

/// The chance that three or more risks hit in the same year and the gap if so.
fn headline(s: &Summary) -> String {
    let three = s.p_same_year_at_least(3);
    match s.gap_same_year_at_least(3) {
        Some(gap) if three > 0.0 => format!(
            "There is a {} chance that three or more of these risks hit in the same year; if they do, the five-year gap is about {}",
            format::percent(three),
            format::gbp_m(gap)
        ),
        _ => format!(
            "In these trials three or more risks never hit in the same year; the five-year gap is about {}",
            format::gbp_m(s.five_year.p50)
        ),
    }
}

fn figures(s: &Summary) -> Vec<KeyFigure> {
    let mut out = vec![
        KeyFigure::new(
            "three",
            "Three or more risks in the same year, at least once in five years",
            Quantity::Share(s.p_same_year_at_least(3)),
        )
        .emphasised(),
        KeyFigure::new(
            "three-gap",
            "Five-year gap when that happens (average)",
            s.gap_same_year_at_least(3)
                .map_or(Quantity::Missing("no such trials"), Quantity::GbpM),
        ),
        KeyFigure::new(
            "median",
            "Five-year gap, median (P5 to P95)",
            Quantity::GbpM(s.five_year.p50),
        )
        .explained(MEDIAN)
        .against(Context::Range(
            Quantity::GbpM(s.five_year.p5),
            Quantity::GbpM(s.five_year.p95),
        )),
        KeyFigure::new(
            "baseline",
            "Five-year gap with no risk events",
            Quantity::GbpM(s.baseline_five_year),
        ),
    ];
    if let Some(t) = s.thresholds.first() {
        out.push(
            KeyFigure::new(
                "threshold",
                format!(
                    "Annual gap above {} in at least one year",
                    format::gbp_m(t.value)
                ),
                Quantity::Share(t.p_any_year),
            )
            .exact(),
        );
    }
    out
}

/// Where the run for `request` stands, in one line for the status bar.
pub fn status(sim: &SimRun, request: &SimRequest) -> String {
    let (done, total) = sim.progress;
    match (&sim.summary, sim.running.is_some()) {
        (_, true) => format!(
            "Running: {} of {} trials ({} ratings)…",
            format::count(done),
            format::count(total),
            "three"
        ),
        (Some(s), false) if sim.is_current(request) => format!(
            "Done: {} trials at each rating, seed {}, in {:.2} s ({:.2} s for the {} rating).",
            format::count(u64::from(s.trials)),
            s.seed,
            sim.total_ms.unwrap_or(0.0) / 1000.0,
            sim.main_ms.unwrap_or(0.0) / 1000.0,
            s.rating.label().to_lowercase()
        ),
        (Some(_), false) if sim.cancelled_for.is_some() => {
            "Stopped. The results shown are from an earlier run; press Run to finish.".into()
        }
        (Some(_), false) => "Settings changed: the results will update in a moment.".into(),
        (None, false) if sim.cancelled_for.is_some() => "Stopped before any results.".into(),
        (None, false) => "Starting…".into(),
    }
}

/// What each strength of link does to the odds, before its source.
pub fn strengths(st: &StrengthTable) -> String {
    format!(
        "Strengths: weak ×{}, moderate ×{}, strong ×{} on the odds. ",
        st.weak, st.moderate, st.strong
    )
}
