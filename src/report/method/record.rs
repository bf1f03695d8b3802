//! "The model against the Trust's record": every calibration target with the model's
//! figure, the range it is held to, where the range comes from and whether it is met (a
//! missed target is shown with its figure, never hidden); the charts that set the
//! simulation beside the record; and the choices the calibration made, with the sources
//! the data files cite. Built from the latest simulation run and the backtest; the view
//! only renders it.

use crate::charts::kit::Chart;
use crate::charts::record as charts;
use crate::format::{self, gbp_m};
use crate::model::calibration::{self, Target, Unit};
use crate::model::consequences::Consequences;
use crate::model::finance::{MAX_SURPLUS, OFFSET_HIGH, OFFSET_LIKELY, OFFSET_LOW, REBASE_SHARE};
use crate::model::projection::{driver_value, DriverEdits};
use crate::model::register::RatingKind;
use crate::model::scenario::{Inputs, StressResult};
use crate::model::simulation::{SimRequest, Summary, DEFAULT_THRESHOLD};
use crate::model::{Dataset, Provenance, RegisterEdits};
use crate::state::SimRun;
use std::rc::Rc;

/// The targets that compare the run at inherent, current and target ratings: they need
/// all three ratings to have run (see [`calibration::targets`]).
pub const NEEDS_ALL_RATINGS: [&str; 3] = ["D1", "G1", "G2"];

/// Whether a target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Missed,
    /// Reported beside the record, not held to a range.
    Reported,
}

impl Verdict {
    /// Words and a mark, so the result never rests on colour.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "✓ Met",
            Verdict::Missed => "✗ Missed",
            Verdict::Reported => "– A figure to read, not held to a range",
        }
    }

    /// The class (and `data-verdict`) the row carries.
    pub fn class(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Missed => "missed",
            Verdict::Reported => "reported",
        }
    }
}

/// One row of the targets table, every cell written for a board.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub id: &'static str,
    pub what: String,
    /// The model's figure with its unit.
    pub model: String,
    /// The range it is held to, or "reported beside the record".
    pub range: String,
    /// Sources, judgement, or both.
    pub basis: &'static str,
    pub verdict: Verdict,
    pub why: String,
}

/// A choice the calibration made, in plain words, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub title: &'static str,
    pub text: String,
    pub provenance: Option<Provenance>,
}

/// The section as the method view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub lead: String,
    /// Said above the table: where the run stands, and whether it is at the setting the
    /// targets are defined for.
    pub notices: Vec<String>,
    /// "14 of 16 targets met; 2 missed: A2, F1. 1 reported beside the record."
    pub tally: Option<String>,
    pub rows: Vec<TargetRow>,
    pub charts: Vec<Rc<Chart>>,
    pub choices: Vec<Choice>,
}

const LEAD: &str = "Before the model says anything about the future it should reproduce the Trust's own record: the gross pressures and outturns of the years it reported, the growth of children in care since 2018, and a replay of 2023/24. Each target below says what is measured, the range the model is held to, and whether that range comes from the sources or is our judgement. A target the model misses is shown with its figure, not hidden.";

/// A target's figure with its unit: `£11.2m`, `14.3%`, `2,519 children`, `×1.62`.
pub fn figure(unit: Unit, v: f64) -> String {
    if !v.is_finite() {
        return "no figure".to_string();
    }
    match unit {
        Unit::GbpM => gbp_m(v),
        Unit::Chance => format::percent_1dp(v),
        Unit::Children => format!("{} children", format::count(v.round().max(0.0) as u64)),
        Unit::Ratio => format!("×{v:.2}"),
    }
}

/// The range a target is held to: `£7.0m to £16.0m`, `at least 60.0%`, `at most £25.0m`,
/// or `reported beside the record`.
pub fn range(t: &Target) -> String {
    match (t.low, t.high) {
        (Some(lo), Some(hi)) => format!("{} to {}", figure(t.unit, lo), figure(t.unit, hi)),
        (Some(lo), None) => format!("at least {}", figure(t.unit, lo)),
        (None, Some(hi)) => format!("at most {}", figure(t.unit, hi)),
        (None, None) => "reported beside the record".to_string(),
    }
}

/// The targets as table rows.
pub fn rows(targets: &[Target]) -> Vec<TargetRow> {
    targets
        .iter()
        .map(|t| TargetRow {
            id: t.id,
            what: t.what.clone(),
            model: figure(t.unit, t.measured),
            range: range(t),
            basis: t.basis.label(),
            verdict: if t.reported_only() {
                Verdict::Reported
            } else if t.met() {
                Verdict::Met
            } else {
                Verdict::Missed
            },
            // A miss the calibration documents says why it is shown, not fitted away.
            why: match calibration::documented_miss(t.id) {
                Some((_, doc)) if !t.met() && !t.reported_only() => format!("{} {doc}", t.why),
                _ => t.why.clone(),
            },
        })
        .collect()
}

/// "13 of 15 targets met; 2 missed: A2, F1. 1 reported beside the record."
pub fn tally(rows: &[TargetRow]) -> String {
    let count = |v: Verdict| rows.iter().filter(|r| r.verdict == v).count();
    let (met, reported) = (count(Verdict::Met), count(Verdict::Reported));
    let missed: Vec<&str> = rows
        .iter()
        .filter(|r| r.verdict == Verdict::Missed)
        .map(|r| r.id)
        .collect();
    let held = met + missed.len();
    let first = if missed.is_empty() {
        format!("All {held} targets met.")
    } else {
        format!(
            "{met} of {held} targets met; {} missed: {}.",
            missed.len(),
            missed.join(", ")
        )
    };
    match reported {
        0 => first,
        1 => format!("{first} 1 figure reported beside the record."),
        n => format!("{first} {n} figures reported beside the record."),
    }
}

/// The "2023/24 again" backtest at the settings in force.
pub fn backtest(
    ds: &Dataset,
    consequences: &Consequences,
    edits: &DriverEdits,
    register: &RegisterEdits,
    managed: bool,
) -> Option<StressResult> {
    calibration::backtest(Inputs {
        ds,
        consequences,
        edits,
        register,
        managed,
    })
}

/// Whether a request changes anything the model runs on (drivers, shocks, links or
/// ratings; not owners or the appetite).
fn edits_model(r: &SimRequest) -> bool {
    !r.drivers.is_empty()
        || !r.consequences.is_empty()
        || !r.interactions.is_empty()
        || r.register
            .risks
            .values()
            .any(|e| RatingKind::ALL.iter().any(|k| e.get(*k).is_some()))
}

/// What is said above the table about the run.
fn notices(sim: &SimRun, request: &SimRequest) -> Vec<String> {
    let mut out = Vec::new();
    let Some(s) = sim.summary.as_deref() else {
        out.push(if sim.is_running() {
            "The simulation is running: the comparison with the record appears here when it finishes. The backtest below does not need it.".to_string()
        } else {
            "Run the simulation to compare: open Simulation and press Run. The backtest below does not need it.".to_string()
        });
        return out;
    };
    if !sim.is_current(request) {
        out.push(if sim.is_running() {
            "These figures are from the run before your latest changes; a new run is under way."
                .to_string()
        } else {
            "These figures are from an earlier run, not the settings now in force.".to_string()
        });
    }
    let mut differs = Vec::new();
    if s.rating != RatingKind::Current {
        differs.push(format!("{} ratings", s.rating.label().to_lowercase()));
    }
    if !s.interactions {
        differs.push("the links off".to_string());
    }
    if !s.management {
        differs.push("management action off (unmanaged figures)".to_string());
    }
    let threshold = sim
        .result_for
        .as_ref()
        .map_or(DEFAULT_THRESHOLD, |r| r.settings.threshold);
    if (threshold - DEFAULT_THRESHOLD).abs() > 1e-9 {
        differs.push(format!(
            "a threshold of {} rather than {}",
            gbp_m(threshold),
            gbp_m(DEFAULT_THRESHOLD)
        ));
    }
    if !differs.is_empty() {
        out.push(format!(
            "The latest run is at {}. The targets are defined for current ratings with the links and management action on, so a miss here may come from the setting, not the model; change it back in Simulation to compare.",
            join_and(&differs)
        ));
    }
    if sim.result_for.as_ref().is_some_and(edits_model) {
        out.push("The latest run includes your changes to the drivers, shocks, links or ratings; the targets hold the defaults.".to_string());
    }
    out.push(format!(
        "From the latest run: {}. The tests hold the defaults to these targets at 100,000 trials with three different sets of random numbers; with fewer trials a figure near the edge of its range can fall either side.",
        charts::run_words(s)
    ));
    out
}

/// "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The choices the calibration made, with the values in force and where they come from.
pub fn choices(ds: &Dataset, edits: &DriverEdits) -> Vec<Choice> {
    let data = &ds.drivers;
    let value = |key: &str| data.driver(key).map(|_| driver_value(data, edits, key));
    let prov = |key: &str| data.driver(key).map(|d| d.provenance.clone());
    let sc = &ds.scales;
    let levels: Vec<String> = sc
        .likelihood
        .iter()
        .map(|l| format!("{} {}", l.label, format::percent(l.chance_in_period)))
        .collect();
    let yearly: Vec<String> = sc
        .likelihood
        .iter()
        .map(|l| {
            format::percent_1dp(crate::model::scales::annual_from_period(
                l.chance_in_period,
                sc.likelihood_period_years,
            ))
        })
        .collect();
    let bands: Vec<String> = sc
        .impact
        .iter()
        .filter_map(|i| {
            let (lo, hi) =
                sc.financial_band_capped(crate::model::scales::Impact::new(i.level).ok()?);
            Some(if lo <= 0.0 {
                format!("{} under {}", i.label, gbp_m(hi))
            } else {
                format!("{} {} to {}", i.label, gbp_m(lo), gbp_m(hi))
            })
        })
        .collect();
    let money = |key: &str| value(key).map(gbp_m).unwrap_or_else(|| "–".to_string());
    let share = |key: &str| {
        value(key)
            .map(|v| format::percent(v / 100.0))
            .unwrap_or_else(|| "–".to_string())
    };
    let st = &ds.interactions.strengths;
    vec![
        Choice {
            title: "The likelihood scale speaks of the five-year plan",
            text: format!(
                "{} over {} years: about {} a year. Read per year, the same labels would put an acute event in almost every year for several risks, which the record does not show.",
                join_and(&levels),
                sc.likelihood_period_years,
                join_and(&yearly)
            ),
            provenance: Some(sc.likelihood_probability_provenance.clone()),
        },
        Choice {
            title: "Impact sets the size of a shock, with no multiplier on top",
            text: format!(
                "Each risk's shocks are written for its current financial impact: one most likely event alone lands in that impact's £ band of gross pressure a year ({}; the top band capped), in the lower part of it, as the 2023/24 record suggests. At another impact one factor moves the event to the same place in the new band, so controls that lower impact show their value.",
                bands.join(", ")
            ),
            provenance: Some(sc.impact_provenance.clone()),
        },
        Choice {
            title: "Offsets are a £ capacity, and a surplus is bounded",
            text: format!(
                "In the year a pressure arises, management action offsets up to {} at the least, {} most likely and {} at the most (the record's offsets were £6.2m to £12.8m, and did not grow with the pressure). A year ends in surplus by at most {} (the only surplus recorded, in 2024/25), so more pressure never improves the result. The stress scenarios use the most likely capacity; the simulation draws one for each year.",
                money(OFFSET_LOW),
                money(OFFSET_LIKELY),
                money(OFFSET_HIGH),
                money(MAX_SURPLUS)
            ),
            provenance: prov(OFFSET_LIKELY),
        },
        Choice {
            title: "The Council re-bases lasting pressure",
            text: format!(
                "From the next year the Council adds {} of the recognised pressure, the part still there the next year, to the contract sum. A one-off is never re-based, so it never turns into a surplus later.",
                share(REBASE_SHARE)
            ),
            provenance: prov(REBASE_SHARE),
        },
        Choice {
            title: "Demography funding follows the forecast",
            text: format!(
                "Funding for extra children follows the forecast path the budget was set on, at {} of the average placement cost of each extra child. Children beyond the forecast are not funded in the year they arrive, only through re-basing the next year.",
                share("funding_follows_demand")
            ),
            provenance: prov("funding_follows_demand"),
        },
        Choice {
            title: "Links change when risks happen, not how often",
            text: format!(
                "A risk that happened this year or last multiplies the odds of the risks it is linked to (weak ×{}, moderate ×{}, strong ×{}). The base chances are then solved so that each risk still happens at the chance its rating states; the links only make risks happen in the same years more often than independent ones would (targets D1 and D2 check both).",
                st.weak, st.moderate, st.strong
            ),
            provenance: Some(st.provenance.clone()),
        },
    ]
}

/// The section for the latest run `sim` (for `request`, the settings in force), the
/// backtest `back`, and the driver `edits` in force.
pub fn record(
    ds: &Dataset,
    sim: &SimRun,
    request: &SimRequest,
    back: Option<&StressResult>,
) -> Record {
    let charts = record_charts(ds, sim.summary.as_deref(), back);
    record_with(ds, sim, request, back, charts)
}

/// The record's charts: they depend only on the last results and the replay, not on
/// whether a run is under way, so the view keeps them while one starts.
pub fn record_charts(
    ds: &Dataset,
    summary: Option<&Summary>,
    back: Option<&StressResult>,
) -> Vec<Rc<Chart>> {
    charts::all(ds, summary, back)
        .into_iter()
        .map(Rc::new)
        .collect()
}

/// [`record`] with its charts made already ([`record_charts`]).
pub fn record_with(
    ds: &Dataset,
    sim: &SimRun,
    request: &SimRequest,
    back: Option<&StressResult>,
    charts: Vec<Rc<Chart>>,
) -> Record {
    let summary = sim.summary.as_deref();
    let rows_now = summary.map(|s| {
        let digests = sim.by_rating.as_deref().map(Vec::as_slice);
        let mut ts = calibration::targets(ds, s, digests.unwrap_or(&[]), back);
        if digests.is_none() {
            ts.retain(|t| !NEEDS_ALL_RATINGS.contains(&t.id));
        }
        rows(&ts)
    });
    let mut notices = notices(sim, request);
    if summary.is_some() && sim.by_rating.is_none() {
        notices.push(format!(
            "Targets {} compare inherent, current and target ratings; they appear when the run has finished all three.",
            join_and(&NEEDS_ALL_RATINGS.map(String::from))
        ));
    }
    Record {
        lead: LEAD.to_string(),
        notices,
        tally: rows_now.as_deref().map(tally),
        rows: rows_now.unwrap_or_default(),
        charts,
        choices: choices(ds, &request.drivers),
    }
}
