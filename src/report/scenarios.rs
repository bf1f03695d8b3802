//! Stress scenarios: what the chosen risks do alone, together, and the compounding excess,
//! on the five-year net outturn (the headline) and on five-year gross pressure, each
//! measure on its own.

use super::{Context, KeyFigure, Page, Quantity};
use crate::charts::stress as charts;
use crate::format::{self, LEVEL_GBP_M};
use crate::model::consequences::{SeverityPoint, Shock, EXTRA_COST};
use crate::model::drivers::{year_label, DriverUnit};
use crate::model::projection::{driver_value, DriverEdits};
use crate::model::scenario::{ExcessSensitivity, Measure, StressResult};
use crate::model::sizing::Sizing;
use crate::model::Dataset;
use std::rc::Rc;

/// What the compounding excess is, for the key figure's explanation.
fn excess_explained(m: Measure) -> String {
    format!(
        "(together − baseline) − the sum of (each risk alone − baseline), on the five-year {}. Positive: the combination is worse than the parts added up. Negative: together less than the sum.",
        m.label()
    )
}

/// The page for stress result `r` and the excess's sensitivities `s`.
pub fn page(ds: &Dataset, r: &StressResult, s: &[ExcessSensitivity]) -> Page {
    Page {
        headline: headline(r),
        figures: groups(ds, r).into_iter().flat_map(|g| g.figures).collect(),
        charts: charts::all(ds, r, s).into_iter().map(Rc::new).collect(),
        notes: Vec::new(),
    }
}

/// " (unmanaged)" when management action and re-basing are off, else nothing.
pub fn unmanaged(r: &StressResult) -> &'static str {
    if r.managed {
        ""
    } else {
        " (unmanaged)"
    }
}

fn headline(r: &StressResult) -> String {
    let n = r.events.len();
    let m = Measure::Net;
    let excess = r.compounding_excess(m);
    let together = r.together_effect(m);
    let tail = unmanaged(r);
    if n == 0 {
        "Choose risks to see what they do alone and together".to_string()
    } else if n == 1 {
        let (verb, prep) = if together <= -LEVEL_GBP_M {
            ("takes", "off")
        } else {
            ("adds", "to")
        };
        format!(
            "On its own this risk {verb} {} {prep} the five-year net outturn{tail}",
            format::gbp_m(together.abs())
        )
    } else if excess.abs() < LEVEL_GBP_M {
        format!(
            "Together these {n} risks add the same to the five-year net outturn as apart: {}{tail}",
            format::gbp_m(together)
        )
    } else {
        format!(
            "Together these {n} risks add {} {} to the five-year net outturn than apart{tail}",
            format::gbp_m(excess.abs()),
            if excess > 0.0 { "more" } else { "less" }
        )
    }
}

/// The words after an excess: together more or less than the sum (none when level).
pub fn excess_flag(excess: f64) -> Option<String> {
    if excess >= LEVEL_GBP_M {
        Some(" — together more than the sum".to_string())
    } else if excess <= -LEVEL_GBP_M {
        Some(" — together less than the sum".to_string())
    } else {
        None
    }
}

/// A group of key figures with a heading: one money measure, or what is not money.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureGroup {
    /// Stable id: "net", "gross" or "other".
    pub id: &'static str,
    pub title: String,
    /// What the measure is, in plain words.
    pub explain: String,
    pub figures: Vec<KeyFigure>,
}

/// The three money figures of one measure. Net keeps the ids the page has always had
/// ("together", "sum", "excess"); gross's carry a "gross-" prefix.
fn money_figures(r: &StressResult, m: Measure) -> Vec<KeyFigure> {
    let (together, sum, excess) = match m {
        Measure::Net => ("together", "sum", "excess"),
        Measure::Gross => ("gross-together", "gross-sum", "gross-excess"),
    };
    let x = r.compounding_excess(m);
    let mut excess_figure = KeyFigure::new(
        excess,
        format!("Compounding excess, {}", m.label()),
        Quantity::GbpM(x),
    )
    .explained(excess_explained(m))
    .flagged(excess_flag(x))
    .exact();
    if m == Measure::Net {
        excess_figure = excess_figure.emphasised();
    }
    vec![
        KeyFigure::new(
            together,
            format!("Added to five-year {}, together", m.label()),
            Quantity::GbpM(r.together_effect(m)),
        )
        .exact(),
        KeyFigure::new(
            sum,
            "Sum of each risk alone",
            Quantity::GbpM(r.sum_of_parts(m)),
        )
        .exact(),
        excess_figure,
    ]
}

/// The page's key figures in three groups: net outturn, gross pressure, and the effects
/// that are not money.
pub fn groups(ds: &Dataset, r: &StressResult) -> Vec<FigureGroup> {
    let data = &ds.drivers;
    let (unreg_base, unreg_together) = r.placement_peak(data, "unregistered");
    let last = data.horizon_years as usize - 1;
    let (together, baseline) = (&r.together.years[last], &r.baseline.years[last]);
    let net_title = if r.managed {
        "Net outturn over five years (after in-year offsets)".to_string()
    } else {
        "Net outturn over five years (unmanaged: no offsets, no re-basing)".to_string()
    };
    let net_explain = if r.managed {
        "What the Trust reports: each year's gross pressure less what in-year management action offsets (at its most likely capacity), with the Council re-basing lasting pressure from the next year. The only measure compared with past outturns. Offsets have a limited capacity: a pressure that fits within it is absorbed (a year can even end in a small surplus), while pressures together can overrun it, so risks compound more on net outturn than on gross pressure."
    } else {
        "Management action and re-basing are switched off, so the net outturn is the whole gross pressure: the unmanaged figure."
    };
    vec![
        FigureGroup {
            id: "net",
            title: net_title,
            explain: net_explain.to_string(),
            figures: money_figures(r, Measure::Net),
        },
        FigureGroup {
            id: "gross",
            title: format!("Gross in-year pressure over five years (before offsets){}", unmanaged(r)),
            explain: "What the events cost in the years they happen, above the budget set for the year, before any management action.".to_string(),
            figures: money_figures(r, Measure::Gross),
        },
        FigureGroup {
            id: "other",
            title: "Children and staff".to_string(),
            explain: "Effects that are not money, together against the baseline with no risks.".to_string(),
            figures: vec![
                KeyFigure::new(
                    "caseload",
                    "Years over the safe caseload",
                    Quantity::YearsOf {
                        years: r.years_over_safe_caseload(),
                        of: data.horizon_years.into(),
                    },
                )
                .against(Context::Baseline(Quantity::Number {
                    value: r.baseline_years_over_safe_caseload() as f64,
                    decimals: 0,
                })),
                KeyFigure::new(
                    "unregistered",
                    "Children in unregistered settings, at most",
                    Quantity::Number {
                        value: unreg_together,
                        decimals: 0,
                    },
                )
                .against(Context::Baseline(Quantity::Number {
                    value: unreg_base,
                    decimals: 0,
                })),
                KeyFigure::new(
                    "children",
                    format!("Children in care in {}", year_label(together.year)),
                    Quantity::Headcount(together.children_in_care),
                )
                .against(Context::Baseline(Quantity::Headcount(
                    baseline.children_in_care,
                ))),
            ],
        },
    ]
}

/// The heading over a risk's shocks: `What happens (3 shocks)`.
pub fn what_happens(shocks: usize) -> String {
    format!(
        "What happens ({} shock{})",
        shocks,
        if shocks == 1 { "" } else { "s" }
    )
}

/// How a risk's shocks are sized at its current rating:
/// `Financial impact 4 Major (£8.2m to £16.5m a year): one most likely event alone costs
/// about £9.9m in 2026/27, 20% of the way up the band. Shocks × 1.00.`
pub fn sizing_note(ds: &Dataset, s: &Sizing) -> String {
    let scales = &ds.scales;
    let place = if (0.0..=1.0).contains(&s.position) {
        format!(
            "{} of the way up the band",
            format::percent(s.position.clamp(0.0, 1.0))
        )
    } else if s.position < 0.0 {
        "below the band: the shocks as written are smaller than the impact says".to_string()
    } else {
        "above the band: the shocks as written are larger than the impact says".to_string()
    };
    format!(
        "Financial impact {} {} ({} to {} a year): one most likely event alone costs about {} of gross pressure in {}, {place}. Shocks × {}.",
        s.impact,
        scales.impact_level(s.impact).label,
        format::gbp_m(s.band.0),
        format::gbp_m(s.band.1),
        format::gbp_m(s.pressure),
        year_label(ds.drivers.baseline_year + crate::model::sizing::SIZING_YEAR as u16),
        format::box_number(s.factor, 2)
    )
}

/// One shock in words, from the values in force.
#[derive(Debug, Clone, PartialEq)]
pub struct ShockWords {
    /// The change at the chosen point × the risk's sizing factor, with its unit; how it
    /// was sized when the factor is not 1; and, when the driver's range stops it, what
    /// it is kept to: `+1.1 percentage points (+0.8 as written × 1.37 for the risk's
    /// financial impact)`, `−75 percentage points, kept to −50 by the driver's range (0%
    /// to 150%)`.
    pub amount: String,
    /// How long it lasts: [`crate::model::consequences::Timing::label`].
    pub timing: &'static str,
}

/// A number with at most two decimals, trailing zeros dropped, signed: `+0.8`, `−75`.
fn signed_number(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "0" {
        "0".to_string()
    } else if v > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

/// A change to a driver in its unit: `+0.8 percentage points`, `+£3.0m`, `+£8.0m a year`.
fn change_words(unit: Option<DriverUnit>, v: f64) -> String {
    let money = |v: f64| {
        let s = format::gbp_m(v);
        if s.starts_with('−') || s == "£0.0m" {
            s
        } else {
            format!("+{s}")
        }
    };
    match unit {
        None | Some(DriverUnit::GbpM) => money(v),
        Some(DriverUnit::GbpMAYear) => format!("{} a year", money(v)),
        Some(DriverUnit::Percent) | Some(DriverUnit::PercentAYear) => {
            format!("{} percentage points", signed_number(v))
        }
        Some(u) => format!("{} {}", signed_number(v), u.suffix()),
    }
}

/// What one shock does in words, from the values in force: the value at `point` × the
/// risk's sizing `factor`, as the stress scenario applies it to the driver's value now
/// (`edits`), and how long it lasts. A shock the driver's range stops says so, with what
/// it is kept to (for the risk on its own).
pub fn shock_words(
    ds: &Dataset,
    edits: &DriverEdits,
    shock: &Shock,
    point: SeverityPoint,
    factor: f64,
) -> ShockWords {
    let written = shock.at(point);
    let applied = written * factor;
    let spec = (shock.driver != EXTRA_COST)
        .then(|| ds.drivers.driver(&shock.driver))
        .flatten();
    let unit = spec.map(|d| d.unit);
    let mut amount = change_words(unit, applied);
    if (factor - 1.0).abs() > 1e-9 {
        let bare = match unit {
            Some(DriverUnit::Percent) | Some(DriverUnit::PercentAYear) => signed_number(written),
            _ => change_words(unit, written),
        };
        amount.push_str(&format!(
            " ({bare} as written × {} for the risk's financial impact)",
            format::box_number(factor, 2)
        ));
    }
    if let Some(d) = spec {
        let now = driver_value(&ds.drivers, edits, &d.key);
        let kept = (now + applied).clamp(d.min, d.max) - now;
        if (kept - applied).abs() > 1e-9 {
            let (lo, hi) = format::driver_range(&ds.drivers, &d.key);
            amount.push_str(&format!(
                ", kept to {} by the driver's range ({lo} to {hi})",
                match unit {
                    Some(DriverUnit::Percent) | Some(DriverUnit::PercentAYear) =>
                        signed_number(kept),
                    _ => change_words(unit, kept),
                }
            ));
        }
    }
    ShockWords {
        amount,
        timing: shock.timing.label(),
    }
}
