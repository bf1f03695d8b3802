//! Compare: two or three scenarios side by side — their key figures in one table with the
//! differences, the headline charts overlaid, and what differs between them in plain
//! words. Written against plain `(label, workspace, view)` triples, so it does not care
//! where a scenario comes from (the defaults, the work on screen, a named scenario).
//!
//! Every figure is the very figure the scenario's own page shows (the same report
//! function picks it), so a value read here equals the one read there.

use super::{drivers, scenarios, simulation, KeyFigure, Quantity};
use crate::charts::compare as charts;
use crate::charts::kit::{signed_gbp_m, Chart};
use crate::format::{self, LEVEL_GBP_M};
use crate::model::consequences::SeverityPoint;
use crate::model::drivers::year_label;
use crate::model::edits::{ConsequenceKey, Difference};
use crate::model::finance;
use crate::model::projection::{self, Projection};
use crate::model::scenario::{self, Measure, StressResult};
use crate::model::simulation::{SimRequest, Summary};
use crate::model::{Dataset, RatingKind, RegisterSummary};
use crate::state::{ViewSettings, Workspace};
use std::rc::Rc;

/// One scenario to compare: its name, its work and how it is viewed.
pub type Compared<'a> = (String, &'a Workspace, &'a ViewSettings);

/// What one scenario works out to, by the model (no simulation).
#[derive(Debug, Clone, PartialEq)]
pub struct Worked {
    pub label: String,
    pub projection: Projection,
    pub stress: StressResult,
    pub map: RegisterSummary,
    /// Each risk's current rating (likelihood, impact), in register order.
    pub ratings: Vec<(u8, u8)>,
}

/// Works out each scenario's projection, stress results and heat-map summary.
pub fn work_out(ds: &Dataset, items: &[Compared]) -> Vec<Worked> {
    items
        .iter()
        .map(|(label, ws, _)| {
            let consequences = ds.consequences.with_edits(&ws.consequences);
            let inputs = scenario::Inputs {
                ds,
                consequences: &consequences,
                edits: &ws.drivers,
                register: &ws.register,
                managed: ws.simulation.management,
            };
            Worked {
                label: label.clone(),
                projection: projection::project(&ds.drivers, &ws.drivers),
                stress: scenario::run_stress(inputs, &ws.stress),
                map: RegisterSummary::of(ds, &ws.register, RatingKind::Current),
                ratings: ds
                    .risks
                    .iter()
                    .map(|r| {
                        let x = ws.register.rating(r, RatingKind::Current);
                        (x.likelihood.get(), x.impact.get())
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The simulation each scenario is compared by: its own, with the first scenario's seed,
/// so every scenario draws the same random numbers.
pub fn sim_requests(items: &[Compared]) -> Vec<SimRequest> {
    let seed = items.first().map(|(_, ws, _)| ws.simulation.seed);
    items
        .iter()
        .map(|(_, ws, _)| {
            let mut r = ws.sim_request();
            if let Some(seed) = seed {
                r.settings.seed = seed;
            }
            r
        })
        .collect()
}

/// How a row's difference is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// £m; higher is worse.
    Money,
    Children,
    Risks,
    Share,
}

/// One line of the figures table: a figure in each scenario and each against the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The figure's id on its own page (`five-year-gap`, `together`, `threshold`…).
    pub id: &'static str,
    pub label: String,
    /// Which page shows it on its own.
    pub page: &'static str,
    /// Each scenario's value as written on its own page.
    pub cells: Vec<String>,
    /// Each scenario after the first against the first, in words: `+£4.2m, worse`.
    pub differences: Vec<String>,
}

/// What differs between the first scenario and another, in plain words.
#[derive(Debug, Clone, PartialEq)]
pub struct Differs {
    /// `What differs between Baseline and Working scenario`.
    pub heading: String,
    pub lines: Vec<String>,
}

/// One scenario's headline and chart, for its own panel in presenter mode.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioPanel {
    pub label: String,
    pub headline: String,
    pub chart: Rc<Chart>,
}

/// The comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub headline: String,
    pub labels: Vec<String>,
    pub rows: Vec<Row>,
    pub differs: Vec<Differs>,
    /// Overlaid: the annual net outturn, the five-year figures, the heat-map positions.
    pub charts: Vec<Rc<Chart>>,
    pub scenarios: Vec<ScenarioPanel>,
    /// Notes on how the comparison is made (the shared seed).
    pub notes: Vec<String>,
}

/// A figure's value in one scenario: its words and its number.
fn pick(figures: &[KeyFigure], id: &str) -> Option<(String, String, f64)> {
    figures.iter().find(|f| f.id == id).map(|f| {
        (
            f.label.clone(),
            format::quantity(&f.value),
            f.value.number().unwrap_or(0.0),
        )
    })
}

/// `b − a` in words for a row of this kind: `+£4.2m, worse`, `−120 children`, `same`.
fn difference(kind: Kind, a: f64, b: f64) -> String {
    let d = b - a;
    match kind {
        Kind::Money if d.abs() < LEVEL_GBP_M => "same".to_string(),
        Kind::Money => format!(
            "{}, {}",
            signed_gbp_m(d),
            if d > 0.0 { "worse" } else { "better" }
        ),
        Kind::Children => match d.round() as i64 {
            0 => "same".to_string(),
            n => format!(
                "{}{} children",
                if n > 0 { "+" } else { "−" },
                format::count(n.unsigned_abs())
            ),
        },
        Kind::Risks => match d.round() as i64 {
            0 => "same".to_string(),
            n => format!(
                "{}{} risk{}, {}",
                if n > 0 { "+" } else { "−" },
                n.abs(),
                if n.abs() == 1 { "" } else { "s" },
                if n > 0 { "worse" } else { "better" }
            ),
        },
        Kind::Share => match (d * 100.0).round() as i64 {
            0 => "same".to_string(),
            n => format!(
                "{}{} percentage point{}, {}",
                if n > 0 { "+" } else { "−" },
                n.abs(),
                if n.abs() == 1 { "" } else { "s" },
                if n > 0 { "worse" } else { "better" }
            ),
        },
    }
}

/// `£4.2m higher`, `£1.0m lower`, `the same`: the second against the first.
fn relation(a: f64, b: f64) -> String {
    let d = b - a;
    if d.abs() < LEVEL_GBP_M {
        "the same".to_string()
    } else {
        format!(
            "{} {}",
            format::gbp_m(d.abs()),
            if d > 0.0 { "higher" } else { "lower" }
        )
    }
}

/// The five-year net outturn with the scenario's stress risks together, £m.
fn net_five_year(r: &StressResult) -> f64 {
    finance::totals(&r.together_money).net
}

/// The comparison of `items` (the first is the one the others are set against), with the
/// simulation results each has so far (`None`: still to come).
pub fn compare(ds: &Dataset, items: &[Compared], sims: &[Option<Rc<Summary>>]) -> Comparison {
    let worked = work_out(ds, items);
    compare_worked(ds, items, &worked, sims)
}

/// [`compare`] from scenarios already worked out.
pub fn compare_worked(
    ds: &Dataset,
    items: &[Compared],
    worked: &[Worked],
    sims: &[Option<Rc<Summary>>],
) -> Comparison {
    let labels: Vec<String> = items.iter().map(|(l, _, _)| l.clone()).collect();
    let n = worked.len();
    let data = &ds.drivers;
    let mut rows = Vec::new();
    let mut add = |id: &'static str,
                   page: &'static str,
                   kind: Kind,
                   values: Vec<Option<(String, String, f64)>>| {
        let Some((label, _, _)) = values.iter().flatten().next().cloned() else {
            return;
        };
        let cells = values
            .iter()
            .map(|v| {
                v.as_ref()
                    .map(|v| v.1.clone())
                    .unwrap_or_else(|| "not yet simulated".to_string())
            })
            .collect();
        let first = values.first().cloned().flatten();
        let differences = values
            .iter()
            .skip(1)
            .map(|v| match (&first, v) {
                (Some(a), Some(b)) => difference(kind, a.2, b.2),
                _ => crate::charts::kit::dash(),
            })
            .collect();
        rows.push(Row {
            id,
            label,
            page,
            cells,
            differences,
        });
    };
    let drivers_figs: Vec<Vec<KeyFigure>> = worked
        .iter()
        .map(|w| drivers::figures(data, &w.projection))
        .collect();
    let stress_figs: Vec<Vec<KeyFigure>> = worked
        .iter()
        .map(|w| {
            scenarios::groups(ds, &w.stress)
                .into_iter()
                .flat_map(|g| g.figures)
                .collect()
        })
        .collect();
    let sim_figs: Vec<Option<Vec<KeyFigure>>> = (0..n)
        .map(|i| {
            sims.get(i)
                .cloned()
                .flatten()
                .map(|s| simulation::figures(ds, &s))
        })
        .collect();
    for (id, kind) in [
        ("five-year-gap", Kind::Money),
        ("last-gap", Kind::Money),
        ("children", Kind::Children),
    ] {
        add(
            id,
            "Demand and finance",
            kind,
            drivers_figs.iter().map(|f| pick(f, id)).collect(),
        );
    }
    add(
        "net-five-year",
        "Stress scenarios",
        Kind::Money,
        worked
            .iter()
            .map(|w| {
                let v = net_five_year(&w.stress);
                Some((
                    format!(
                        "Net outturn over the five years, stress risks together{}",
                        scenarios::unmanaged(&w.stress)
                    ),
                    format::gbp_m(v),
                    v,
                ))
            })
            .collect(),
    );
    for id in ["together", "excess"] {
        add(
            id,
            "Stress scenarios",
            Kind::Money,
            stress_figs.iter().map(|f| pick(f, id)).collect(),
        );
    }
    add(
        "above-appetite",
        "Heat map",
        Kind::Risks,
        worked
            .iter()
            .map(|w| {
                let k = w.map.above_appetite.len();
                Some((
                    "Risks above appetite at current ratings".to_string(),
                    format::quantity(&Quantity::Risks(k)),
                    k as f64,
                ))
            })
            .collect(),
    );
    for (id, kind) in [("threshold", Kind::Share), ("median", Kind::Money)] {
        add(
            id,
            "Simulation",
            kind,
            sim_figs
                .iter()
                .map(|f| f.as_ref().and_then(|f| pick(f, id)))
                .collect(),
        );
    }

    let nets: Vec<f64> = worked.iter().map(|w| net_five_year(&w.stress)).collect();
    let headline = match n {
        0 | 1 => "Choose two or three scenarios to compare".to_string(),
        _ => {
            let parts: Vec<String> = (1..n)
                .map(|i| format!("{} in {}", relation(nets[0], nets[i]), labels[i]))
                .collect();
            format!(
                "Against {}, the five-year net outturn with the stress risks is {}",
                labels[0],
                join_and(&parts)
            )
        }
    };

    let differs = (1..n)
        .map(|i| {
            let lines = differences(ds, &labels[0], items[0].1, &labels[i], items[i].1);
            Differs {
                heading: format!("What differs between {} and {}", labels[0], labels[i]),
                lines: if lines.is_empty() {
                    vec!["Nothing: the two have the same settings.".to_string()]
                } else {
                    lines
                },
            }
        })
        .collect();

    let charts = comparison_charts(ds, &labels, worked, sims);
    let scenarios = worked
        .iter()
        .map(|w| ScenarioPanel {
            label: w.label.clone(),
            headline: scenario_headline(ds, w),
            chart: Rc::new(if w.stress.events.is_empty() {
                crate::charts::drivers::spend_vs_funding(data, &w.projection)
            } else {
                crate::charts::stress::outturn_paths(ds, &w.stress)
            }),
        })
        .collect();
    let mut notes = Vec::new();
    if let Some((_, first, _)) = items.first() {
        let seed = first.simulation.seed;
        notes.push(format!(
            "Each scenario is simulated with its own settings and the same seed ({seed}), one after another, so differences come from the settings, not from chance."
        ));
        for (label, ws, _) in &items[1..] {
            if ws.simulation.seed != seed {
                notes.push(format!(
                    "{label} has its own seed ({}); here it is simulated with {seed}, so its simulated figures may differ a little from its own Simulation page.",
                    ws.simulation.seed
                ));
            }
        }
    }
    Comparison {
        headline,
        labels,
        rows,
        differs,
        charts,
        scenarios,
        notes,
    }
}

fn join_and(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// One scenario in a sentence: its gap, its stress risks and the heat map.
pub fn scenario_headline(ds: &Dataset, w: &Worked) -> String {
    let gap = w.projection.five_year_gap();
    let k = w.stress.events.len();
    let above = w.map.above_appetite.len();
    let stress = match k {
        0 => "no stress risks chosen".to_string(),
        _ => format!(
            "with its {} stress risk{} together the five-year net outturn is {}",
            k,
            if k == 1 { "" } else { "s" },
            format::gbp_m(net_five_year(&w.stress))
        ),
    };
    format!(
        "{}: a five-year gap of {}; {stress}; {above} of {} risks above appetite",
        w.label,
        format::quantity(&Quantity::Gap(gap)),
        ds.risks.len()
    )
}

/// The overlaid charts: annual net outturn, five-year figures, heat-map positions.
fn comparison_charts(
    ds: &Dataset,
    labels: &[String],
    worked: &[Worked],
    sims: &[Option<Rc<Summary>>],
) -> Vec<Rc<Chart>> {
    let years: Vec<u16> = worked
        .first()
        .map(|w| w.projection.years.iter().map(|y| y.year).collect())
        .unwrap_or_default();
    let series: Vec<charts::Series> = worked
        .iter()
        .map(|w| charts::Series {
            label: w.label.clone(),
            values: w.stress.together_money.iter().map(|y| y.net).collect(),
        })
        .collect();
    let mut measures = vec![
        charts::Measure {
            label: "Five-year gap (spend − funding)".into(),
            values: worked
                .iter()
                .map(|w| Some(w.projection.five_year_gap()))
                .collect(),
        },
        charts::Measure {
            label: "Five-year net outturn, stress risks together".into(),
            values: worked
                .iter()
                .map(|w| Some(net_five_year(&w.stress)))
                .collect(),
        },
        charts::Measure {
            label: "Added by the stress risks, together".into(),
            values: worked
                .iter()
                .map(|w| Some(w.stress.together_effect(Measure::Net)))
                .collect(),
        },
    ];
    measures.push(charts::Measure {
        label: "Simulated five-year net outturn, median".into(),
        values: (0..worked.len())
            .map(|i| sims.get(i).cloned().flatten().map(|s| s.five_year.p50))
            .collect(),
    });
    let appetite = worked.first().map(|w| w.map.appetite).unwrap_or(12);
    let placed: Vec<charts::Placed> = ds
        .risks
        .iter()
        .enumerate()
        .map(|(j, r)| charts::Placed {
            risk: r.id.to_string(),
            name: r.short_title.clone(),
            ratings: worked
                .iter()
                .map(|w| w.ratings.get(j).copied().unwrap_or((1, 1)))
                .collect(),
        })
        .collect();
    vec![
        Rc::new(charts::net_outturn(&years, &series)),
        Rc::new(charts::five_year(labels, &measures)),
        Rc::new(charts::positions(labels, &placed, appetite, "current")),
    ]
}

/// One setting as it is in a scenario: its key, what it is, and its value in words.
struct Setting {
    key: String,
    what: String,
    now: String,
    default: String,
}

fn settings(ds: &Dataset, ws: &Workspace) -> Vec<Setting> {
    let name = |id: &crate::model::RiskId| format::risk_name(ds, id);
    let rating =
        |r: crate::model::Rating| format!("{} × {} = {}", r.likelihood, r.impact, r.score().0);
    ws.differences(ds)
        .into_iter()
        .map(|d| match d {
            Difference::Rating {
                risk,
                kind,
                now,
                default,
            } => Setting {
                key: format!("rating {risk} {}", kind.label()),
                what: format!("{}, {} rating", name(&risk), kind.label().to_lowercase()),
                now: rating(now),
                default: rating(default),
            },
            Difference::Owner { risk, now, default } => {
                let shown = |o: &str| {
                    if o.is_empty() {
                        "not published".to_string()
                    } else {
                        format!("“{o}”")
                    }
                };
                Setting {
                    key: format!("owner {risk}"),
                    what: format!("{}, owner", name(&risk)),
                    now: shown(&now),
                    default: shown(&default),
                }
            }
            Difference::Appetite { now, default } => Setting {
                key: "appetite".into(),
                what: "Risk appetite threshold".into(),
                now: now.to_string(),
                default: default.to_string(),
            },
            Difference::Driver { key, now, default } => match ds.drivers.driver(&key) {
                Some(spec) => Setting {
                    key: format!("driver {key}"),
                    what: spec.label.clone(),
                    now: format::driver_value(spec, now),
                    default: format::driver_value(spec, default),
                },
                None => Setting {
                    what: key.clone(),
                    key: format!("driver {key}"),
                    now: now.to_string(),
                    default: default.to_string(),
                },
            },
            Difference::Stress(e) => Setting {
                key: format!("stress {}", e.risk),
                what: format!("Stress scenario, {}", name(&e.risk)),
                now: format!(
                    "crystallises in {} ({})",
                    year_label(ds.drivers.baseline_year + e.year as u16),
                    point_words(e.point)
                ),
                default: "not chosen".into(),
            },
            Difference::Consequence { key, now, default } => {
                let what = match &key {
                    ConsequenceKey::Severity(i) => format!("Severity factor for impact {i}"),
                    ConsequenceKey::Shock(k) => format!(
                        "{}, shock to {} ({})",
                        name(&k.risk),
                        crate::model::consequences::target_label(&ds.drivers, &k.driver)
                            .to_lowercase(),
                        point_words(k.point)
                    ),
                };
                Setting {
                    key: format!("consequence {key}"),
                    what,
                    now: format::box_number(now, 0),
                    default: format::box_number(default, 0),
                }
            }
            Difference::Interaction {
                from,
                to,
                now,
                default,
            } => Setting {
                key: format!("link {from}>{to}"),
                what: format!("Link {} → {}", name(&from), name(&to)),
                now: now.label().to_lowercase(),
                default: default.label().to_lowercase(),
            },
            Difference::Simulation { what, now, default } => Setting {
                key: format!("simulation {what}"),
                what: format!("Simulation {what}"),
                now,
                default,
            },
        })
        .collect()
}

fn point_words(p: SeverityPoint) -> String {
    p.label().to_lowercase()
}

/// Every setting whose value differs between scenario `a` and scenario `b`, in plain
/// words: `R3 Demand pressure, current rating: 4 × 4 = 16 in Baseline, 5 × 4 = 20 in Mine`.
pub fn differences(
    ds: &Dataset,
    a_label: &str,
    a: &Workspace,
    b_label: &str,
    b: &Workspace,
) -> Vec<String> {
    let (sa, sb) = (settings(ds, a), settings(ds, b));
    let mut keys: Vec<&Setting> = Vec::new();
    for s in sa.iter().chain(&sb) {
        if !keys.iter().any(|k| k.key == s.key) {
            keys.push(s);
        }
    }
    keys.iter()
        .filter_map(|k| {
            let value = |list: &[Setting]| {
                list.iter()
                    .find(|s| s.key == k.key)
                    .map(|s| s.now.clone())
                    .unwrap_or_else(|| k.default.clone())
            };
            let (va, vb) = (value(&sa), value(&sb));
            (va != vb).then(|| format!("{}: {va} in {a_label}, {vb} in {b_label}", k.what))
        })
        .collect()
}

#[cfg(test)]
mod tests;
