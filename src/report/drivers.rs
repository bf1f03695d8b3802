//! Demand and finance: the five-year projection at the user's driver settings.

use super::{Context, KeyFigure, Page, Quantity};
use crate::charts::drivers as charts;
use crate::format::{self, LEVEL_GBP_M};
use crate::model::drivers::{year_label, DriversData};
use crate::model::projection::{Projection, Sensitivity};
use std::rc::Rc;

const FIVE_YEAR_GAP: &str = "Spend minus funding added up over 2025/26 to 2029/30. Positive is an overspend; surplus years count against it. Not discounted.";

/// The page for projection `p`, compared with the defaults' `baseline`.
pub fn page(
    data: &DriversData,
    p: &Projection,
    baseline: &Projection,
    sensitivities: &[Sensitivity],
) -> Page {
    Page {
        headline: headline(p),
        figures: figures(data, p),
        charts: vec![
            Rc::new(charts::spend_vs_funding(data, p)),
            Rc::new(charts::gap_by_year(p, baseline)),
            Rc::new(charts::children_in_care(data, p, baseline)),
            Rc::new(charts::placement_spend_by_type(data, p)),
            Rc::new(charts::tornado(data, sensitivities)),
            Rc::new(charts::outturns_and_gap(data, p)),
        ],
        notes: Vec::new(),
    }
}

/// The published bridge, which never changes with the drivers.
pub fn bridge(data: &DriversData) -> Rc<crate::charts::chart::Chart> {
    Rc::new(charts::budget_bridge(data))
}

fn headline(p: &Projection) -> String {
    let last = p.last();
    let five = p.five_year_gap();
    format!(
        "At these settings the five-year gap is {} ({}), and {} in {}",
        format::gbp_m(five.abs()),
        if five >= 0.0 { "overspend" } else { "surplus" },
        match last.gap {
            g if g > LEVEL_GBP_M => format!("spend exceeds funding by {}", format::gbp_m(g)),
            g if g < -LEVEL_GBP_M => format!("funding exceeds spend by {}", format::gbp_m(-g)),
            _ => "spend and funding match".to_string(),
        },
        year_label(last.year)
    )
}

fn figures(data: &DriversData, p: &Projection) -> Vec<KeyFigure> {
    let last = p.last();
    let check = p.baseline_spend_difference(data);
    let year = year_label(last.year);
    vec![
        KeyFigure::new(
            "check",
            format!(
                "{} spend against the published table",
                data.baseline_label()
            ),
            Quantity::GbpM(p.years[0].spend),
        )
        .against(if check.abs() < LEVEL_GBP_M {
            Context::MatchesPublished
        } else {
            Context::FromPublished(check)
        }),
        KeyFigure::new(
            "five-year-gap",
            "Five-year gap",
            Quantity::Gap(p.five_year_gap()),
        )
        .explained(FIVE_YEAR_GAP)
        .exact(),
        KeyFigure::new(
            "last-gap",
            format!("Gap in {year}"),
            Quantity::GbpM(last.gap),
        )
        .against(Context::OfContractSum(last.gap_share)),
        KeyFigure::new(
            "children",
            format!("Children in care in {year}"),
            Quantity::Children(last.children_in_care),
        ),
        KeyFigure::new(
            "caseload",
            format!("Caseload in {year}"),
            Quantity::PerSocialWorker(last.caseload),
        )
        .flagged(
            last.over_safe_caseload
                .then(|| " — above the safe threshold".to_string()),
        ),
    ]
}
