//! Stress scenarios: what the chosen risks do alone, together, and the compounding excess.

use super::{Context, KeyFigure, Page, Quantity};
use crate::charts::stress as charts;
use crate::format::{self, LEVEL_GBP_M};
use crate::model::consequences::{SeverityPoint, Shock, EXTRA_COST};
use crate::model::drivers::year_label;
use crate::model::scenario::{ExcessSensitivity, Measure, StressResult};
use crate::model::sizing::Sizing;
use crate::model::Dataset;
use std::rc::Rc;

const COMPOUNDING_EXCESS: &str = "(together − baseline) − the sum of (each risk alone − baseline), on the five-year gap. Positive: the combination is worse than the parts added up. Negative: together less than the sum.";

/// The page for stress result `r` and the excess's sensitivities `s`.
pub fn page(ds: &Dataset, r: &StressResult, s: &[ExcessSensitivity]) -> Page {
    Page {
        headline: headline(r),
        figures: figures(ds, r),
        charts: charts::all(ds, r, s).into_iter().map(Rc::new).collect(),
        notes: Vec::new(),
    }
}

fn headline(r: &StressResult) -> String {
    let n = r.events.len();
    let excess = r.compounding_excess(Measure::Net);
    if n == 0 {
        "Choose risks to see what they do alone and together".to_string()
    } else if n == 1 {
        format!(
            "On its own this risk adds {} to the five-year gap",
            format::gbp_m(r.together_effect(Measure::Net))
        )
    } else if excess.abs() < LEVEL_GBP_M {
        format!(
            "Together these {n} risks cost the same as apart: {} over five years",
            format::gbp_m(r.together_effect(Measure::Net))
        )
    } else {
        format!(
            "Together these {n} risks cost {} {} over five years than apart",
            format::gbp_m(excess.abs()),
            if excess > 0.0 { "more" } else { "less" }
        )
    }
}

fn figures(ds: &Dataset, r: &StressResult) -> Vec<KeyFigure> {
    let data = &ds.drivers;
    let (unreg_base, unreg_together) = r.placement_peak(data, "unregistered");
    let last = data.horizon_years as usize - 1;
    let (together, baseline) = (&r.together.years[last], &r.baseline.years[last]);
    vec![
        KeyFigure::new(
            "together",
            "Added to the five-year gap, together",
            Quantity::GbpM(r.together_effect(Measure::Net)),
        ),
        KeyFigure::new(
            "sum",
            "Sum of each risk alone",
            Quantity::GbpM(r.sum_of_parts(Measure::Net)),
        ),
        KeyFigure::new(
            "excess",
            "Compounding excess",
            Quantity::Excess(r.compounding_excess(Measure::Net)),
        )
        .explained(COMPOUNDING_EXCESS)
        .emphasised()
        .exact(),
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

/// "+3.0 points × 1.5 = +4.5 points", "+£2.0m × 1.5 = +£3.0m".
pub fn shock_words(ds: &Dataset, shock: &Shock, point: SeverityPoint, factor: f64) -> String {
    let (driver, v, scaled) = (
        shock.driver.as_str(),
        shock.at(point),
        shock.at(point) * factor,
    );
    let sign = |x: f64| if x >= 0.0 { "+" } else { "" };
    if driver == EXTRA_COST {
        return format!(
            "{}{} × {factor} = {}{}",
            sign(v),
            format::gbp_m(v),
            sign(scaled),
            format::gbp_m(scaled)
        );
    }
    let unit = ds
        .drivers
        .driver(driver)
        .map(|d| match d.unit {
            crate::model::drivers::DriverUnit::Percent
            | crate::model::drivers::DriverUnit::PercentAYear => "points",
            _ => d.unit.suffix(),
        })
        .unwrap_or("");
    format!(
        "{}{v:.1} {unit} × {factor} = {}{scaled:.1} {unit}",
        sign(v),
        sign(scaled)
    )
    .replace('-', "−")
}
