//! Demand and finance: the five-year projection at the user's driver settings.

use super::{Context, KeyFigure, Page, Quantity};
use crate::charts::drivers as charts;
use crate::format::{self, LEVEL_GBP_M};
use crate::model::drivers::{year_label, DriversData};
use crate::model::projection::{Projection, Sensitivity};
use crate::model::Provenance;
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
pub fn bridge(data: &DriversData) -> Rc<crate::charts::kit::Chart> {
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

pub fn figures(data: &DriversData, p: &Projection) -> Vec<KeyFigure> {
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
        .against(Context::OfContractSum {
            share: last.gap_share,
            year: year.clone(),
            sum: last.contract_sum,
        }),
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

/// One line of the funding table: its label and each year's £m, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingRow {
    /// `Core contract sum from the Council`, `= Contract sum`, …
    pub label: String,
    /// A subtotal or total (the sum of the lines above it).
    pub total: bool,
    pub gbp_m: Vec<f64>,
    /// Each year's amount as shown: `£305.3m`.
    pub cells: Vec<String>,
}

/// Where funding comes from each year, in one table that adds up: the core contract sum
/// and the grants paid via the Council make the contract sum (where the published bridge
/// ends, and what shares of "the contract sum" divide by); other grants received
/// directly make total funding (what the first chart sets against spend).
#[derive(Debug, Clone, PartialEq)]
pub struct FundingTable {
    pub caption: String,
    pub years: Vec<String>,
    pub rows: Vec<FundingRow>,
    pub note: String,
    /// Said only when a shown total differs from the sum of its shown, rounded lines.
    pub rounding_note: Option<String>,
}

/// In tenths of £m, as [`format::gbp_m`] shows an amount.
fn tenths(x: f64) -> i64 {
    (x * 10.0).round() as i64
}

/// The funding table for projection `p`.
pub fn funding_table(data: &DriversData, p: &Projection) -> FundingTable {
    let row =
        |label: &str, total: bool, of: &dyn Fn(&crate::model::projection::YearResult) -> f64| {
            let gbp_m: Vec<f64> = p.years.iter().map(of).collect();
            FundingRow {
                label: label.to_string(),
                total,
                cells: gbp_m.iter().map(|v| format::gbp_m(*v)).collect(),
                gbp_m,
            }
        };
    let rows = vec![
        row("Core contract sum from the Council", false, &|y| {
            y.core_contract
        }),
        row("+ Government grants paid via the Council", false, &|y| {
            y.grants_via_council
        }),
        row("= Contract sum", true, &|y| y.contract_sum),
        row(
            "+ Other grants received directly by the Trust",
            false,
            &|y| y.other_grants,
        ),
        row("= Total funding", true, &|y| y.funding),
    ];
    // Does every shown total equal the sum of the shown lines above it?
    let adds_up = (0..p.years.len()).all(|t| {
        let v = |r: usize| tenths(rows[r].gbp_m[t]);
        v(0) + v(1) == v(2) && v(2) + v(3) == v(4)
    });
    FundingTable {
        caption: "Funding by year: the contract sum, grants and total funding, £m".to_string(),
        years: p.years.iter().map(|y| year_label(y.year)).collect(),
        rows,
        note: format!(
            "Total funding is what the first chart sets against spend. The contract sum is \
             where the published {} bridge ends, and what a share “of the contract sum” \
             divides by. {} is as published; later years follow the drivers.",
            data.baseline_label(),
            data.baseline_label()
        ),
        rounding_note: (!adds_up).then(|| {
            "Each amount is rounded to £0.1m, so a total can differ by £0.1m from the sum of \
             the rounded lines above it."
                .to_string()
        }),
    }
}

/// A published figure: what, when, the number and where it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The history series it belongs to (none for a comparison).
    pub series: Option<String>,
    pub measure: String,
    pub when: String,
    pub value: Quantity,
    pub provenance: Provenance,
}

/// The demand and workforce figures behind the starting point, as printed.
pub fn history(data: &DriversData) -> Vec<Fact> {
    data.history
        .iter()
        .flat_map(|series| {
            series.points.iter().map(move |pt| Fact {
                series: Some(series.key.clone()),
                measure: series.label.clone(),
                when: pt.date.clone(),
                value: Quantity::Counted {
                    n: pt.value,
                    unit: series.unit.clone(),
                },
                provenance: pt.provenance.clone(),
            })
        })
        .collect()
}

/// Children in care per 10,000 children: Birmingham, then its comparators.
pub fn comparators(data: &DriversData) -> Vec<Fact> {
    let rate = &data.baseline.cic_rate_per_10k;
    let birmingham = Fact {
        series: None,
        measure: "Birmingham".to_string(),
        when: "end of March 2025".to_string(),
        value: Quantity::Per10k(rate.value),
        provenance: rate.provenance.clone(),
    };
    std::iter::once(birmingham)
        .chain(data.comparators.iter().map(|c| Fact {
            series: None,
            measure: c.label.clone(),
            when: c.date.clone(),
            value: Quantity::Per10k(c.value),
            provenance: c.provenance.clone(),
        }))
        .collect()
}

/// One placement type in the first year: its share, price ratio and implied weekly price.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementPrice {
    pub label: String,
    pub share: Quantity,
    pub ratio: Quantity,
    /// Why the ratio is what it is.
    pub ratio_note: String,
    pub weekly: Quantity,
}

/// The balancing share (the type that takes up the difference) and every type's price.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementPrices {
    pub balancing: Option<KeyFigure>,
    pub rows: Vec<PlacementPrice>,
}

/// What the calibration solved, for projection `p`.
pub fn placement_prices(data: &DriversData, p: &Projection) -> PlacementPrices {
    let first = &p.years[0];
    let balancing = data
        .placements
        .iter()
        .position(|t| t.key == data.balancing_placement)
        .map(|b| {
            KeyFigure::new(
                "balancing",
                data.placements[b].label.clone(),
                Quantity::Share(first.placement_share(b)),
            )
        });
    let rows = data
        .placements
        .iter()
        .enumerate()
        .map(|(i, t)| PlacementPrice {
            label: t.label.clone(),
            share: Quantity::Share1dp(first.placement_share(i)),
            ratio: Quantity::Number {
                value: t.price_ratio,
                decimals: 2,
            },
            ratio_note: t.ratio_provenance.assumption.clone().unwrap_or_default(),
            weekly: Quantity::Gbp(p.calibration.implied_weekly_price[i]),
        })
        .collect();
    PlacementPrices { balancing, rows }
}

/// A line under a driver group's heading, where the group needs one.
pub fn group_note(group: crate::model::drivers::DriverGroup) -> Option<&'static str> {
    match group {
        crate::model::drivers::DriverGroup::Management => Some(
            "These act on the stress scenarios and the simulation, which turn each year's gap \
             into gross pressure, in-year offsets and net outturn; the charts on this page show \
             the gap before management action.",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod group_note_tests {
    use super::group_note;
    use crate::model::drivers::DriverGroup;

    #[test]
    fn only_the_management_group_explains_where_it_acts() {
        for g in DriverGroup::ALL {
            assert_eq!(
                group_note(g).is_some(),
                g == DriverGroup::Management,
                "{g:?}"
            );
        }
        assert!(group_note(DriverGroup::Management)
            .unwrap()
            .contains("gap before management action"));
    }
}
