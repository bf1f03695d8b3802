//! How the numbers are worked out: every formula of the projection, the stress scenario
//! and the simulation with today's values substituted, so each line can be checked with a
//! calculator. The formulas' words and symbols are fixed text in the view; the numbers
//! substituted into them are written here.

use crate::format::{self, gbp_m};
use crate::model::drivers::DriversData;
use crate::model::projection::{driver_value, DriverEdits, Projection, Settings, WEEKS_PER_YEAR};
use crate::model::scenario::StressResult;
use crate::model::simulation::SimSettings;
use crate::model::{Dataset, Provenance};

fn n0(v: f64) -> String {
    format::count(v.round().max(0.0) as u64)
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// Each projection formula with the values of year `t` substituted.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionWorkings {
    pub children_in_care: String,
    pub protection_plans: String,
    pub care_leavers: String,
    pub weekly_price_unit: String,
    pub placement_spend: String,
    /// `Placements in 2027/28`.
    pub placements_caption: String,
    pub placements: Vec<PlacementRow>,
    pub third_party: String,
    pub social_workers: String,
    pub caseload: String,
    pub employees: String,
    pub other_costs: String,
    pub savings: String,
    pub core_contract: String,
    pub demography: String,
    pub funding: String,
    pub gap: String,
}

/// One placement type in the workings table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementRow {
    pub label: String,
    pub share: String,
    pub children: String,
    pub ratio: String,
    pub weekly_price: String,
    pub spend: String,
}

/// One row of the assumptions table: a driver (or price ratio), now and by default.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    pub label: String,
    pub now: String,
    pub default: String,
    pub provenance: Provenance,
}

/// The workings of projection `p` at the user's driver `edits`, for year index `t`
/// (clamped to the horizon).
pub fn projection(
    data: &DriversData,
    edits: &DriverEdits,
    p: &Projection,
    t: usize,
) -> ProjectionWorkings {
    let s = Settings::from_edits(data, edits);
    let t_now = t.min(p.years.len() - 1);
    let y = &p.years[t_now];
    let prev = (t_now > 0).then(|| &p.years[t_now - 1]);
    let c = &p.calibration;
    let b = &data.baseline;
    let yl = crate::model::drivers::year_label(y.year);
    let non_placement = driver_value(data, edits, "non_placement_third_party");

    let children_in_care = match prev {
        None => format!(
            "{} children in care at the start of {yl}, of whom {} are UASC (published)",
            n0(y.children_in_care),
            n0(y.uasc)
        ),
        Some(q) => format!(
            "{} × (1 + {}) + {} × (1 + {}) = {} + {} = {} children",
            n0(q.non_uasc),
            pct(s.cic_growth),
            n0(q.uasc),
            pct(s.uasc_growth),
            n0(y.non_uasc),
            n0(y.uasc),
            n0(y.children_in_care)
        ),
    };
    let core_contract = match prev {
        None => format!(
            "{} (published core contract sum for {yl})",
            gbp_m(y.core_contract)
        ),
        Some(q) => format!(
            "{} × (1 + {}) + {} − {} = {}",
            gbp_m(q.core_contract),
            pct(s.contract_uplift),
            gbp_m(y.demography_funding),
            gbp_m(y.new_savings_target),
            gbp_m(y.core_contract)
        ),
    };
    let demography = match prev {
        None => "No demography funding is added in the published year.".to_string(),
        Some(q) => format!(
            "{} × £{:.1}k × {:.3} × ({} − {}) = {}",
            pct(s.funding_follows_demand),
            c.placement_cost_per_child * 1000.0,
            y.price_index,
            n0(y.children_in_care),
            n0(q.children_in_care),
            gbp_m(y.demography_funding)
        ),
    };
    ProjectionWorkings {
        children_in_care,
        protection_plans: format!(
            "{} ÷ {} × 10,000 = {} children;  {} × {} ÷ 10,000 × (1 + {})^{} = {} plans",
            n0(b.children_in_care.value),
            b.cic_rate_per_10k.value,
            n0(c.child_population),
            b.cp_rate_per_10k.value,
            n0(c.child_population),
            pct(s.cp_rate_growth),
            t_now,
            n0(y.cp_plans)
        ),
        care_leavers: format!(
            "{} × {} ({} years earlier) ÷ {} = {} young people",
            n0(b.care_leavers.value),
            n0(y.lagged_children_in_care),
            s.care_leaver_lag,
            n0(b.children_in_care.value),
            n0(y.care_leavers)
        ),
        weekly_price_unit: format!(
            "({} − {}) × 1,000,000 ÷ ({} × {:.2} × {:.4}) = £{:.0} a week",
            gbp_m(c.placements_total + non_placement),
            gbp_m(non_placement),
            n0(b.children_in_care.value),
            WEEKS_PER_YEAR,
            c.weighted_ratio,
            c.weekly_price_unit
        ),
        placement_spend: format!(
            "Σ (… × £{:.0} × {:.2} × {:.3}) = {}  (price index {:.3} = (1 + {})^{})",
            c.weekly_price_unit,
            WEEKS_PER_YEAR,
            y.price_index,
            gbp_m(y.placement_total),
            y.price_index,
            pct(s.placement_inflation),
            t_now
        ),
        placements_caption: format!("Placements in {yl}"),
        placements: data
            .placements
            .iter()
            .enumerate()
            .map(|(i, pt)| PlacementRow {
                label: pt.label.clone(),
                share: format::percent_1dp(s.shares[i]),
                children: n0(y.placements[i]),
                ratio: format!("{:.2}", pt.price_ratio),
                weekly_price: format!("£{}", n0(c.implied_weekly_price[i])),
                spend: gbp_m(y.placement_spend[i]),
            })
            .collect(),
        third_party: format!(
            "{} + {} × {:.3} = {}",
            gbp_m(y.placement_total),
            gbp_m(non_placement),
            y.nonpay_index,
            gbp_m(y.third_party)
        ),
        social_workers: format!(
            "({} + {} + {}) ÷ {} = {:.0} full-time equivalent",
            n0(b.children_in_care.value),
            n0(p.years[0].cp_plans),
            n0(b.children_in_need.value),
            b.average_caseload.value,
            c.sw_fte
        ),
        caseload: format!(
            "{} ÷ {:.1} = {:.1} children each (threshold {});  extra agency = {:.1} FTE",
            n0(y.workload),
            y.sw_fte,
            y.caseload,
            s.safe_caseload,
            y.extra_agency_fte
        ),
        employees: format!(
            "{} × {:.3} + {:.1} × £{:.1}k × {:.3} × (1 + {} × {}) + {:.1} × £{:.1}k × {:.3} × (1 + {}) = {}",
            gbp_m(c.other_staff),
            y.pay_index,
            y.sw_fte,
            s.sw_cost * 1000.0,
            y.pay_index,
            pct(s.agency_share),
            pct(s.agency_premium),
            y.extra_agency_fte,
            s.sw_cost * 1000.0,
            y.pay_index,
            pct(s.agency_premium),
            gbp_m(y.employees)
        ),
        other_costs: format!(
            "({} + {} + {}) at index {:.3}",
            gbp_m(y.premises),
            gbp_m(y.transport),
            gbp_m(y.supplies),
            y.nonpay_index
        ),
        savings: format!(
            "(1 − {}) × {} = {};  {} + {} + {} + {} + {} − {} + {} = {}",
            pct(s.savings_delivery),
            gbp_m(y.savings_required),
            gbp_m(y.savings_shortfall),
            gbp_m(y.employees),
            gbp_m(y.premises),
            gbp_m(y.transport),
            gbp_m(y.supplies),
            gbp_m(y.third_party),
            gbp_m(y.later_savings),
            gbp_m(y.savings_shortfall),
            gbp_m(y.spend)
        ),
        core_contract,
        demography,
        funding: format!(
            "{} + {} + {} = {}",
            gbp_m(y.core_contract),
            gbp_m(y.grants_via_council),
            gbp_m(y.other_grants),
            gbp_m(y.funding)
        ),
        gap: format!(
            "{} − {} = {} ({} of {});  five-year gap {}",
            gbp_m(y.spend),
            gbp_m(y.funding),
            gbp_m(y.gap),
            pct(y.gap_share),
            gbp_m(y.contract_sum),
            gbp_m(p.five_year_gap())
        ),
    }
}

/// Every driver now and by default, then each placement type's price ratio.
pub fn assumptions(data: &DriversData, edits: &DriverEdits) -> Vec<Assumption> {
    let drivers = data.drivers.iter().map(|d| Assumption {
        label: d.label.clone(),
        now: format::driver_value(d, driver_value(data, edits, &d.key)),
        default: format::driver_value(d, d.default),
        provenance: d.provenance.clone(),
    });
    let ratios = data.placements.iter().map(|pt| Assumption {
        label: format!("Price ratio: {}", pt.label),
        now: format!("{:.2}", pt.price_ratio),
        default: format!("{:.2}", pt.price_ratio),
        provenance: pt.ratio_provenance.clone(),
    });
    drivers.chain(ratios).collect()
}

/// The stress scenario's workings: the severity factors, and the excess's arithmetic.
pub fn stress(ds: &Dataset, r: &StressResult) -> (String, String) {
    let factors: Vec<String> = ds
        .consequences
        .severity
        .factors
        .iter()
        .enumerate()
        .map(|(i, f)| format!("impact {} → × {f}", i + 1))
        .collect();
    let parts: Vec<String> = (0..r.events.len())
        .map(|i| gbp_m(r.alone_effect(i)))
        .collect();
    let excess = if r.events.is_empty() {
        "No risks are chosen in the stress scenario yet.".to_string()
    } else {
        format!(
            "({} − {}) − ({}) = {} − {} = {}",
            gbp_m(r.together.five_year_gap()),
            gbp_m(r.baseline.five_year_gap()),
            parts.join(" + "),
            gbp_m(r.together_effect()),
            gbp_m(r.sum_of_parts()),
            gbp_m(r.compounding_excess())
        )
    };
    (format!("Severity factors: {}.", factors.join(", ")), excess)
}

/// The simulation's workings with today's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationWorkings {
    /// Which ratings, how many trials, which seed.
    pub run: String,
    /// Each likelihood level's yearly chance.
    pub chances: String,
    /// The link strengths, with a worked example.
    pub links: String,
}

pub fn simulation(ds: &Dataset, settings: &SimSettings) -> SimulationWorkings {
    let st = &ds.interactions.strengths;
    let probs: Vec<String> = ds
        .scales
        .likelihood
        .iter()
        .map(|l| format!("{} {}", l.label, format::percent(l.annual_probability)))
        .collect();
    SimulationWorkings {
        run: format!("Each trial plays out the five years from 2025/26. The run uses the {} ratings, {} trials and seed {}; the same seed and settings always give the same numbers.",
            settings.rating.label().to_lowercase(), format::count(u64::from(settings.trials)), settings.seed),
        chances: probs.join(";  "),
        links: format!(
            "weak ×{}, moderate ×{}, strong ×{}; e.g. 35% with one moderate link: {}",
            st.weak,
            st.moderate,
            st.strong,
            format::percent(0.35 / 0.65 * st.moderate / (1.0 + 0.35 / 0.65 * st.moderate))
        ),
    }
}
