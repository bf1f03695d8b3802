//! The simulation: how likely the combinations of risks are and what they do to the money,
//! from the latest run's summary. Money is three measures, never mixed: the gross in-year
//! pressure, the net outturn after in-year offsets, and the extra funding the Council finds
//! over the plan.

use super::{Context, KeyFigure, Note, Page, Quantity};
use crate::charts::kit::Chart;
use crate::charts::simulation as charts;
use crate::format;
use crate::model::interactions::StrengthTable;
use crate::model::simulation::{RatingDigest, SimRequest, Summary, ThresholdKind};
use crate::model::{Dataset, RatingKind};
use crate::state::SimRun;
use std::rc::Rc;

/// How many charts a run can show: the view holds their places before the first results.
pub const CHARTS: usize = 12;

/// What every unmanaged figure is labelled with.
pub const UNMANAGED: &str = "unmanaged (no offsets, no re-basing)";

const MEDIAN: &str = "Half the trials end above the median and half below. P5 to P95: nine \
                      trials in ten end between these two figures. The net outturn is the \
                      overspend after the Trust's in-year offsets (below 0, a surplus), added \
                      up over 2025/26 to 2029/30.";

const GROSS: &str = "What risk events and demand beyond the forecast cost in the year they \
                     arise, before the Trust's in-year offsets; the share the Council has \
                     already re-based into the contract sum is not counted again. Taken over \
                     every simulated year: half are above the median; P10 to P90, eight years \
                     in ten fall between these two figures.";

const NET: &str = "The year's overspend after the Trust's in-year offsets (below 0, a \
                   surplus): the figure the Trust reports, and the only one held against its \
                   past outturns. Taken over every simulated year: half are above the median; \
                   P10 to P90, eight years in ten fall between these two figures.";

const EXTRA: &str = "What the Council adds over the five years beyond the plan: the lasting \
                     pressure it re-bases into the contract sum from the next year, plus the \
                     net overspends it covers. Half the trials need more than this.";

/// The simulation page: the page's headline, figures, charts and notes, what differs
/// between the ratings (shown first), and the charts left out with why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimulationPage {
    pub page: Page,
    /// The same trials at each rating side by side, and what the links and management
    /// switches do (None until a run has finished with all three ratings).
    pub compare: Option<Comparison>,
    /// Charts with nothing to show, each with one line saying why.
    pub hidden: Vec<Hidden>,
}

/// The ratings side by side: one column per rating, one row per measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What the table shows (its caption).
    pub caption: String,
    pub columns: Vec<CompareColumn>,
    pub rows: Vec<CompareRow>,
    /// What the links and the management switch do at today's settings, a sentence each.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareColumn {
    pub rating: RatingKind,
    pub heading: String,
    /// The rating the charts below are for.
    pub shown: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub label: String,
    /// One cell per column.
    pub cells: Vec<String>,
}

/// A chart left out because it has nothing to show, and why, in one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Hidden {
    /// The chart's id (`data-hidden-chart`).
    pub id: &'static str,
    pub line: String,
}

/// The page for the latest results (`None` before the first run finishes), and the
/// digests of every rating when all three have run.
pub fn page(
    ds: &Dataset,
    summary: Option<&Summary>,
    by_rating: Option<&[RatingDigest]>,
) -> SimulationPage {
    let charts = summary.map_or_else(Vec::new, |s| summary_charts(ds, s));
    page_with(ds, summary, by_rating, &charts)
}

/// The charts of the run at the chosen rating ([`charts::of_summary`]), for
/// [`page_with`]: the view keeps them while only the other ratings' results change.
pub fn summary_charts(ds: &Dataset, s: &Summary) -> Vec<Rc<Chart>> {
    if s.trials == 0 {
        return Vec::new();
    }
    charts::of_summary(ds, s).into_iter().map(Rc::new).collect()
}

/// [`page`], given the summary's charts made by [`summary_charts`].
pub fn page_with(
    ds: &Dataset,
    summary: Option<&Summary>,
    by_rating: Option<&[RatingDigest]>,
    summary_charts: &[Rc<Chart>],
) -> SimulationPage {
    let Some(s) = summary else {
        return SimulationPage {
            page: Page {
                headline: "Simulating how likely the combinations are…".to_string(),
                notes: vec![money_note(ds, true)],
                ..Page::default()
            },
            ..SimulationPage::default()
        };
    };
    let notes = vec![money_note(ds, s.management)];
    let figures = figures(ds, s);
    let headline = headline(ds, s);
    if s.trials == 0 {
        return SimulationPage {
            page: Page {
                headline,
                notes,
                ..Page::default()
            },
            compare: None,
            hidden: vec![Hidden {
                id: "sim-all",
                line: "No charts yet: the run has no trials to show. Press Run again.".into(),
            }],
        };
    }
    let digests = by_rating.unwrap_or(&[]);
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    let ratings = Rc::new(charts::ratings(ds, digests));
    for c in summary_charts.iter().chain([&ratings]) {
        match why_hidden(c.id, s, digests) {
            Some(line) => hidden.push(Hidden { id: c.id, line }),
            None => shown.push(Rc::clone(c)),
        }
    }
    SimulationPage {
        page: Page {
            headline,
            figures,
            charts: shown,
            notes,
        },
        compare: (!digests.is_empty()).then(|| comparison(s, digests)),
        hidden,
    }
}

/// Why the chart `id` has nothing to show for this run, in one line (None: show it).
pub fn why_hidden(id: &str, s: &Summary, digests: &[RatingDigest]) -> Option<String> {
    match id {
        "sim-co-occurrence" if !s.interactions => Some(
            "Which risks happen in the same year more often than chance: not shown, because \
             the links are switched off, so every pair happens together only as often as \
             chance says."
                .into(),
        ),
        "sim-pairwise" if !s.pairs.iter().any(|p| p.excess.is_some_and(f64::is_finite)) => {
            Some(format!(
                "Which pairs of risks cost more together: not shown, because for every pair \
                 one of the four combinations (both, either alone, neither) was seen in fewer \
                 than {} trials. More trials fill them in.",
                crate::model::simulation::MIN_CELL_TRIALS
            ))
        }
        "sim-tornado" if !s.effects.iter().any(|e| e.difference().is_some()) => Some(
            "Which risks move the net outturn most: not shown, because every risk happened \
             in every trial or in none, so there is nothing to compare."
                .into(),
        ),
        "sim-ratings" if digests.is_empty() => Some(
            "The value of controls: shown once the run has finished at all three ratings.".into(),
        ),
        _ => None,
    }
}

/// "in at least one of the five years" for the run's horizon.
fn any_year(s: &Summary) -> String {
    match s.years.len() {
        1 => "in the year".to_string(),
        n => format!(
            "in at least one of the {} years",
            crate::charts::kit::number_word(n)
        ),
    }
}

/// A figure's label, marked when the figures are unmanaged.
fn label(s: &Summary, words: &str) -> String {
    if s.management {
        words.to_string()
    } else {
        format!("{words}, {UNMANAGED}")
    }
}

/// The chance that the net outturn passes the chosen threshold in at least one year.
fn headline(ds: &Dataset, s: &Summary) -> String {
    let unmanaged = if s.management {
        String::new()
    } else {
        format!(", {UNMANAGED}")
    };
    match s
        .thresholds
        .iter()
        .find(|t| t.kind == ThresholdKind::Chosen)
    {
        Some(t) => format!(
            "Chance that the net outturn passes {} ({}) {}{unmanaged}: {}",
            format::gbp_m(t.value),
            of_contract_sum(ds, t.value),
            any_year(s),
            format::percent(t.p_any_year)
        ),
        None => format!(
            "Median net outturn over the five years{unmanaged}: {}",
            format::gbp_m(s.five_year.p50)
        ),
    }
}

/// An amount as a share of the contract sum the scales are set against, naming it:
/// `2.5% of the 2025/26 contract sum of £329.8m`.
fn of_contract_sum(ds: &Dataset, gbp_m: f64) -> String {
    let c = &ds.scales.contract_sum;
    let share = if c.gbp_m.abs() > 1e-9 {
        gbp_m / c.gbp_m
    } else {
        0.0
    };
    format::of_contract_sum(share, &c.year, c.gbp_m)
}

pub fn figures(ds: &Dataset, s: &Summary) -> Vec<KeyFigure> {
    let mut out = Vec::new();
    if let Some(t) = s
        .thresholds
        .iter()
        .find(|t| t.kind == ThresholdKind::Chosen)
    {
        out.push(
            KeyFigure::new(
                "threshold",
                label(
                    s,
                    &format!(
                        "Chance the net outturn passes {} ({}) {}",
                        format::gbp_m(t.value),
                        of_contract_sum(ds, t.value),
                        any_year(s)
                    ),
                ),
                Quantity::Share(t.p_any_year),
            )
            .emphasised()
            .exact(),
        );
    }
    let (g, n) = (s.annual_gross_all, s.annual_net_all);
    out.extend([
        KeyFigure::new(
            "gross",
            label(s, "Gross in-year pressure in a year, median (P10 to P90)"),
            Quantity::GbpM(g.p50),
        )
        .explained(GROSS)
        .against(Context::Range(Quantity::GbpM(g.p10), Quantity::GbpM(g.p90))),
        KeyFigure::new(
            "net",
            label(s, "Net outturn in a year, median (P10 to P90)"),
            Quantity::GbpM(n.p50),
        )
        .explained(NET)
        .against(Context::Range(Quantity::GbpM(n.p10), Quantity::GbpM(n.p90))),
        KeyFigure::new(
            "median",
            label(s, "Net outturn over the five years, median (P5 to P95)"),
            Quantity::GbpM(s.five_year.p50),
        )
        .explained(MEDIAN)
        .against(Context::Range(
            Quantity::GbpM(s.five_year.p5),
            Quantity::GbpM(s.five_year.p95),
        )),
        KeyFigure::new(
            "extra",
            label(
                s,
                "Extra funding the Council finds over the plan, five years (median)",
            ),
            Quantity::GbpM(s.extra_funding.p50),
        )
        .explained(EXTRA),
        KeyFigure::new(
            "baseline",
            label(s, "Net outturn over the five years with no risk events"),
            Quantity::GbpM(s.baseline_five_year),
        ),
    ]);
    out
}

/// The lowest and highest of some amounts (None for none).
fn span(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((a, b)) => Some((a.min(v), b.max(v))),
        })
}

/// "What the money figures mean": the three measures, and where the defaults are held
/// against the Trust's record.
fn money_note(ds: &Dataset, management: bool) -> Note {
    let outturns = &ds.drivers.outturns;
    let record = match (
        span(
            outturns
                .iter()
                .filter_map(|o| o.pressure.as_ref().map(|p| p.gbp_m)),
        ),
        span(outturns.iter().map(|o| o.gap_gbp_m)),
    ) {
        (Some((p0, p1)), Some((n0, n1))) => format!(
            " (gross pressures of {} to {} a year, net outturns of {} to {})",
            format::gbp_m(p0),
            format::gbp_m(p1),
            format::gbp_m(n0),
            format::gbp_m(n1)
        ),
        _ => String::new(),
    };
    let unmanaged = if management {
        ""
    } else {
        " Management action and re-basing are switched off, so these are unmanaged figures: \
         no in-year offsets, so each year's net outturn is its gross pressure, and no \
         re-basing, so lasting pressure is never funded and carries into later years."
    };
    Note {
        title: "What the money figures mean".to_string(),
        text: format!(
            "Three measures, never added together. The gross in-year pressure is what risk \
             events and demand beyond the forecast cost in the year they arise, before \
             management action. The net outturn is the year's overspend (below 0, a surplus) \
             after the in-year offsets the Trust finds, up to a limited capacity: the figure \
             the Trust reports, and the only one held against its past outturns. The extra \
             funding over the plan is what the Council adds over the five years: the lasting \
             pressure it re-bases into the contract sum from the next year, plus the net \
             overspends. The default chances, shock sizes, offsets and re-basing are held \
             against the Trust's own record{record} in How it works, under \u{201c}The model \
             against the Trust's record\u{201d}.{unmanaged} Illustrative, not a forecast."
        ),
    }
}

/// What a rating means, for a column heading.
fn rating_heading(r: RatingKind) -> &'static str {
    match r {
        RatingKind::Inherent => "Inherent: before any controls",
        RatingKind::Current => "Current: controls as they work today",
        RatingKind::Target => "Target: once planned actions are complete",
    }
}

/// The same trials at each rating, side by side, and what the switches do.
fn comparison(s: &Summary, digests: &[RatingDigest]) -> Comparison {
    let threshold = s
        .thresholds
        .iter()
        .find(|t| t.kind == ThresholdKind::Chosen)
        .map(|t| format::gbp_m(t.value))
        .unwrap_or_else(|| "your threshold".to_string());
    let columns = digests
        .iter()
        .map(|d| CompareColumn {
            rating: d.rating,
            heading: if d.rating == s.rating {
                format!("{} (the charts below)", rating_heading(d.rating))
            } else {
                rating_heading(d.rating).to_string()
            },
            shown: d.rating == s.rating,
        })
        .collect();
    let row = |label: String, cell: &dyn Fn(&RatingDigest) -> String| CompareRow {
        label,
        cells: digests.iter().map(cell).collect(),
    };
    let rows = vec![
        row(
            "Net outturn over the five years, median".to_string(),
            &|d| format::gbp_m(d.five_year.p50),
        ),
        row(
            format!("Chance the net outturn passes {threshold} {}", any_year(s)),
            &|d| format::percent(d.p_any_year_over),
        ),
        row(
            "Risk events over the five years, average".to_string(),
            &|d| format!("{:.1}", d.mean_events),
        ),
    ];
    let at_least_3 = |v: &[f64]| v.iter().skip(3).filter(|p| p.is_finite()).sum::<f64>();
    let links = if s.interactions {
        format!(
            "Links between risks are on: each risk still happens at its rated chance, and the \
             links make risks happen together more often (three or more in the same year in \
             {} of years, against {} if they were independent).",
            format::percent_1dp(at_least_3(&s.per_year_count)),
            format::percent_1dp(at_least_3(&s.per_year_count_independent))
        )
    } else {
        "Links between risks are off: each risk happens independently at its rated chance. \
         Switched on, the links keep the same chances and make risks happen together more \
         often."
            .to_string()
    };
    let management = if s.management {
        "Management action and re-basing are on: the Trust offsets part of each year's \
         pressure in the year, and the Council funds most lasting pressure from the next year."
            .to_string()
    } else {
        format!(
            "Management action and re-basing are off: every money figure is {UNMANAGED}, the \
             pressure before anything is done about it."
        )
    };
    Comparison {
        caption: format!(
            "The same {} trials at each rating: what today's controls and the planned actions \
             are worth",
            format::count(u64::from(s.trials))
        ),
        columns,
        rows,
        lines: vec![links, management],
    }
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
            "Done: {} runs of the five years at each rating, in {:.2} s ({:.2} s for the {} rating).",
            format::count(u64::from(s.trials)),
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
