//! How the numbers are worked out: every formula of the projection, the stress scenario
//! and the simulation with today's values substituted, so each line can be checked with a
//! calculator: the formulas in words and symbols, and the numbers substituted into them.

use crate::format::{self, gbp_m};
use crate::model::drivers::DriversData;
use crate::model::projection::{driver_value, DriverEdits, Projection, Settings, WEEKS_PER_YEAR};
use crate::model::scenario::Measure;
use crate::model::scenario::StressResult;
use crate::model::simulation::SimSettings;
use crate::model::{Dataset, Provenance};

pub mod record;

fn n0(v: f64) -> String {
    format::count(v.round().max(0.0) as u64)
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

/// One step of the workings: what it means, the formula, and the formula with today's
/// values.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub words: &'static str,
    pub symbols: &'static str,
    pub numbers: String,
}

/// What a section of the workings shows, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Formula(Formula),
    /// The placement types' table ([`ProjectionWorkings::placements`]).
    PlacementsTable,
}

/// A numbered section of the projection's workings.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: &'static str,
    pub steps: Vec<Step>,
}

impl ProjectionWorkings {
    /// The projection's workings as the page shows them: sections of formulas in words
    /// and symbols, each with this year's numbers substituted.
    pub fn sections(&self) -> Vec<Section> {
        let f = |words: &'static str, symbols: &'static str, numbers: &String| {
            Step::Formula(Formula {
                words,
                symbols,
                numbers: numbers.clone(),
            })
        };
        vec![
            Section {
                heading: "1. Demand",
                steps: vec![
                    f(
                        "Children in care grow each year; unaccompanied asylum-seeking children (UASC) are counted inside them and grow at their own rate. The baseline year is the published count.",
                        "children in care = non-UASC last year × (1 + growth) + UASC last year × (1 + UASC growth)",
                        &self.children_in_care,
                    ),
                    f(
                        "Child protection plans are the published rate per 10,000 children times the child population, and the rate grows each year. The child population is derived from children in care and their rate per 10,000.",
                        "child population = children in care ÷ rate per 10,000 × 10,000;  plans = plan rate × population ÷ 10,000 × (1 + rate growth)^years",
                        &self.protection_plans,
                    ),
                    f(
                        "Care leavers follow children in care a few years earlier.",
                        "care leavers = published care leavers × children in care (lag years earlier) ÷ children in care at the start",
                        &self.care_leavers,
                    ),
                ],
            },
            Section {
                heading: "2. Placements (payments to third-party providers)",
                steps: vec![
                    f(
                        "One calibration factor, the weekly price of an agency foster placement, is solved so that 2025/26 placement spend equals the published third-party line less its non-placement part, at the default placement shares.",
                        "weekly price unit = (third-party line − non-placement part) × 1,000,000 ÷ (children in care × weeks a year × Σ share × price ratio)",
                        &self.weekly_price_unit,
                    ),
                    f(
                        "Each placement type costs its children times its weekly price, for a year, at this year's price level.",
                        "placement spend = Σ over types (children in care × share × price ratio × weekly price unit × weeks a year × price index)",
                        &self.placement_spend,
                    ),
                    Step::PlacementsTable,
                    f(
                        "The third-party line is placements plus the non-placement part, which rises with other-cost inflation.",
                        "third-party line = placement spend + non-placement part × other-cost index",
                        &self.third_party,
                    ),
                ],
            },
            Section {
                heading: "3. Staff (employees line)",
                steps: vec![
                    f(
                        "Social workers at the start are the children they work with divided by the published average caseload.",
                        "social workers = (children in care + protection plans + children in need) ÷ average caseload",
                        &self.social_workers,
                    ),
                    f(
                        "Caseload is this year's workload over this year's social workers. Above the safe threshold, the excess is covered by extra agency staff at the premium.",
                        "caseload = workload ÷ social workers;  extra agency = max(0, workload ÷ safe caseload − social workers)",
                        &self.caseload,
                    ),
                    f(
                        "The employees line is other staff at this year's pay level, plus social workers (a share of them from agencies at the premium), plus any extra agency cover. Other staff are the published line less social workers, solved at the defaults.",
                        "employees = other staff × pay index + social workers × cost × pay index × (1 + agency share × premium) + extra agency × cost × pay index × (1 + premium)",
                        &self.employees,
                    ),
                ],
            },
            Section {
                heading: "4. Other costs, savings and spend",
                steps: vec![
                    f(
                        "Premises, transport, and supplies and services rise with other-cost inflation.",
                        "other costs = published line × other-cost index",
                        &self.other_costs,
                    ),
                    f(
                        "The published 2025/26 budget already assumes its £24.0m savings target is met; later years add new targets. Savings not delivered are added back to spend.",
                        "shortfall = (1 − share delivered) × savings required so far;  spend = employees + other costs + third-party − later savings + shortfall",
                        &self.savings,
                    ),
                ],
            },
            Section {
                heading: "5. Funding and the gap",
                steps: vec![
                    f(
                        "The Council's core contract sum rises by the uplift, gains demography funding for the forecast growth in children (children beyond the forecast, in a scenario or the simulation, are unfunded in their year), and loses each new savings target.",
                        "core contract = last year × (1 + uplift) + demography funding − new savings target",
                        &self.core_contract,
                    ),
                    f(
                        "Demography funding pays a chosen share of the average placement cost of each extra child in care (negative if numbers fall).",
                        "demography funding = share followed × average placement cost per child × price index × forecast change in children in care",
                        &self.demography,
                    ),
                    f(
                        "Grants rise with grant growth; the contract sum is the core sum plus grants paid via the Council.",
                        "funding = core contract + grants via the Council + other grants",
                        &self.funding,
                    ),
                    f(
                        "The gap is spend minus funding: positive is an overspend. The five-year gap is the plain sum of the annual gaps, surplus years counting against it, undiscounted.",
                        "gap = spend − funding;  share = gap ÷ contract sum;  five-year gap = Σ gaps",
                        &self.gap,
                    ),
                ],
            },
        ]
    }
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
            format::percent_1dp(s.cic_growth),
            n0(q.uasc),
            format::percent_1dp(s.uasc_growth),
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
            format::percent_1dp(s.contract_uplift),
            gbp_m(y.demography_funding),
            gbp_m(y.new_savings_target),
            gbp_m(y.core_contract)
        ),
    };
    let demography = match prev {
        None => "No demography funding is added in the published year.".to_string(),
        Some(q) => format!(
            "{} × {} × {:.3} × ({} − {}) = {}",
            format::percent_1dp(s.funding_follows_demand),
            format::gbp_k(c.placement_cost_per_child * 1000.0, 1),
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
            format::percent_1dp(s.cp_rate_growth),
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
            "({} − {}) × 1,000,000 ÷ ({} × {:.2} × {:.4}) = {} a week",
            gbp_m(c.placements_total + non_placement),
            gbp_m(non_placement),
            n0(b.children_in_care.value),
            WEEKS_PER_YEAR,
            c.weighted_ratio,
            format::gbp(c.weekly_price_unit)
        ),
        placement_spend: format!(
            "Σ (… × {} × {:.2} × {:.3}) = {}  (price index {:.3} = (1 + {})^{})",
            format::gbp(c.weekly_price_unit),
            WEEKS_PER_YEAR,
            y.price_index,
            gbp_m(y.placement_total),
            y.price_index,
            format::percent_1dp(s.placement_inflation),
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
                weekly_price: format::gbp(c.implied_weekly_price[i]),
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
            "({} + {} + {}) ÷ {} = {} full-time equivalent",
            n0(b.children_in_care.value),
            n0(p.years[0].cp_plans),
            n0(b.children_in_need.value),
            b.average_caseload.value,
            n0(c.sw_fte)
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
            "{} × {:.3} + {:.1} × {} × {:.3} × (1 + {} × {}) + {:.1} × {} × {:.3} × (1 + {}) = {}",
            gbp_m(c.other_staff),
            y.pay_index,
            y.sw_fte,
            format::gbp_k(s.sw_cost * 1000.0, 1),
            y.pay_index,
            format::percent_1dp(s.agency_share),
            format::percent_1dp(s.agency_premium),
            y.extra_agency_fte,
            format::gbp_k(s.sw_cost * 1000.0, 1),
            y.pay_index,
            format::percent_1dp(s.agency_premium),
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
            format::percent_1dp(s.savings_delivery),
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
            format::percent_1dp(y.gap_share),
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

/// The stress scenario's workings with the current choices.
#[derive(Debug, Clone, PartialEq)]
pub struct StressWorkings {
    /// Each chosen risk's sizing factor.
    pub sizing: String,
    /// The compounding excess's arithmetic on five-year net outturn.
    pub net: String,
    /// The same on five-year gross pressure.
    pub gross: String,
}

/// The excess's arithmetic on one measure, with today's numbers.
fn excess_numbers(r: &StressResult, m: Measure) -> String {
    if r.events.is_empty() {
        return "No risks are chosen in the stress scenario yet.".to_string();
    }
    let five = |money: &[crate::model::finance::YearMoney]| {
        let t = crate::model::finance::totals(money);
        match m {
            Measure::Gross => t.gross,
            Measure::Net => t.net,
        }
    };
    let parts: Vec<String> = (0..r.events.len())
        .map(|i| gbp_m(r.alone_effect(m, i)))
        .collect();
    format!(
        "({} − {}) − ({}) = {} − {} = {}{}",
        gbp_m(five(&r.together_money)),
        gbp_m(five(&r.baseline_money)),
        parts.join(" + "),
        gbp_m(r.together_effect(m)),
        gbp_m(r.sum_of_parts(m)),
        gbp_m(r.compounding_excess(m)),
        if r.managed { "" } else { " (unmanaged)" }
    )
}

/// The stress scenario's workings: each event's sizing factor, and the excess's
/// arithmetic on five-year net outturn and on five-year gross pressure.
pub fn stress(ds: &Dataset, r: &StressResult) -> StressWorkings {
    let factors: Vec<String> = r
        .events
        .iter()
        .zip(&r.factors)
        .map(|(e, f)| {
            format!(
                "{} × {}",
                crate::format::risk_name(ds, &e.risk),
                format::box_number(*f, 2)
            )
        })
        .collect();
    let sizing = if factors.is_empty() {
        "No risks are chosen, so no shocks are sized.".to_string()
    } else {
        format!(
            "Shock sizing factors (1 = as written, for the risk's current financial impact): {}.",
            factors.join(", ")
        )
    };
    StressWorkings {
        sizing,
        net: excess_numbers(r, Measure::Net),
        gross: excess_numbers(r, Measure::Gross),
    }
}

/// Gross pressure, offsets and net outturn for year `t` of the projection `p` with no
/// risk events: the books closed year by year up to `t` as the stress scenarios close
/// them (offsets at their most likely capacity), with today's values substituted.
pub fn money(
    data: &DriversData,
    edits: &DriverEdits,
    p: &Projection,
    t: usize,
    managed: bool,
) -> Vec<Formula> {
    use crate::model::finance::{Ledger, Management};
    let m = Management::from_edits(data, edits, managed);
    let t_now = t.min(p.years.len() - 1);
    let mut ledger = Ledger::default();
    let years: Vec<_> = p.years[..=t_now]
        .iter()
        .map(|y| ledger.close(y.gap, 0.0, m.likely_capacity(), &m))
        .collect();
    let y = years[t_now];
    let gap = p.years[t_now].gap;
    let yl = crate::model::drivers::year_label(p.years[t_now].year);
    let next = crate::model::drivers::year_label(p.years[t_now].year + 1);
    let gross = format!(
        "{} − {} = {} in {yl}",
        gbp_m(gap),
        gbp_m(y.rebased),
        gbp_m(y.gross)
    );
    let (offsets, rebase) = if managed {
        (
            format!(
                "min({}, max({} + {}, 0)) = {};  net outturn = {} − {} = {}",
                gbp_m(m.likely_capacity()),
                gbp_m(y.gross),
                gbp_m(m.max_surplus),
                gbp_m(y.offsets),
                gbp_m(y.gross),
                gbp_m(y.offsets),
                gbp_m(y.net)
            ),
            format!(
                "{} + {} × {} = {} re-based from {next}",
                gbp_m(y.rebased),
                format::percent(m.rebase_share),
                gbp_m(y.recognised),
                gbp_m(y.rebased + m.rebase_share * y.recognised)
            ),
        )
    } else {
        (
            format!(
                "Management action is off: no offsets, so the net outturn is the gross pressure, {} (the unmanaged figure).",
                gbp_m(y.net)
            ),
            "Management action is off: nothing is re-based.".to_string(),
        )
    };
    vec![
        Formula {
            words: "Gross in-year pressure is spend above the budget set for the year, before any management action: the gap less the funding the Council has already added to the contract sum by re-basing. With no risk events the gap is the projection's own drift.",
            symbols: "gross pressure = gap − re-based funding so far",
            numbers: gross,
        },
        Formula {
            words: "In-year management action offsets the pressure up to the year's capacity (a £ amount drawn from the record; here its most likely value), and a year ends in surplus by at most a set amount (the £3.5m of 2024/25 by default), so more pressure never improves the result. What is left is the net outturn, the only figure compared with the Trust's past outturns.",
            symbols: "offsets = min(capacity, max(gross + largest surplus, 0));  net outturn = gross − offsets",
            numbers: offsets,
        },
        Formula {
            words: "From the next year the Council re-bases a share ρ of the recognised pressure (the part still there the next year, never a one-off) into the contract sum, where it stays.",
            symbols: "re-based funding next year = re-based funding + ρ × recognised pressure",
            numbers: rebase,
        },
    ]
}

/// The simulation's workings with today's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationWorkings {
    /// Which ratings, how many trials, which seed.
    pub run: String,
    /// Each likelihood level's chance over the period and a year.
    pub chances: String,
    /// The link strengths, with a worked example.
    pub links: String,
    /// Each risk's rated yearly chance at the run's ratings (what the solved base chances
    /// keep).
    pub rated: String,
    /// Each risk's sizing factor at its current rating.
    pub sizing: String,
    /// The management assumptions with a worked year.
    pub money: String,
    /// The formulas, in order, with these numbers substituted.
    pub steps: Vec<Formula>,
}

/// The simulation's workings: the settings of the run, the register's ratings, each
/// risk's `sizing` at its current rating (dataset order) and the management assumptions
/// in the driver `edits`.
pub fn simulation(
    ds: &Dataset,
    settings: &SimSettings,
    edits: &DriverEdits,
    register: &crate::model::RegisterEdits,
    sizing: &[crate::model::sizing::Sizing],
) -> SimulationWorkings {
    use crate::model::finance::Management;
    let st = &ds.interactions.strengths;
    let probs: Vec<String> = ds
        .scales
        .likelihood
        .iter()
        .map(|l| {
            format!(
                "{} {} over {} years, {} a year",
                l.label,
                format::percent(l.chance_in_period),
                ds.scales.likelihood_period_years,
                format::percent_1dp(crate::model::scales::annual_from_period(
                    l.chance_in_period,
                    ds.scales.likelihood_period_years
                ))
            )
        })
        .collect();
    let rated: Vec<String> = ds
        .risks
        .iter()
        .map(|r| {
            let l = register.rating(r, settings.rating).likelihood;
            format!(
                "{} {}",
                r.id,
                format::percent_1dp(ds.scales.annual_probability(l))
            )
        })
        .collect();
    let factors: Vec<String> = ds
        .risks
        .iter()
        .zip(sizing)
        .map(|(r, s)| format!("{} × {}", r.id, format::box_number(s.factor, 2)))
        .collect();
    let m = Management::from_edits(&ds.drivers, edits, settings.management);
    let money = if settings.management {
        let example = 18.0;
        let offsets = (example + m.max_surplus).clamp(0.0, m.capacity[1]);
        format!(
            "capacity {} lowest, {} most likely, {} highest;  surplus at most {};  ρ = {};  e.g. £18.0m gross with the most likely capacity: offsets = min({}, {}) = {}, net outturn {}",
            gbp_m(m.capacity[0]),
            gbp_m(m.capacity[1]),
            gbp_m(m.capacity[2]),
            gbp_m(m.max_surplus),
            format::percent(m.rebase_share),
            gbp_m(m.capacity[1]),
            gbp_m(example + m.max_surplus),
            gbp_m(offsets),
            gbp_m(example - offsets)
        )
    } else {
        "Management action is off: no offsets and no re-basing, so the net outturn is the gross pressure (the unmanaged figures).".to_string()
    };
    let chances = probs.join(";  ");
    let links = format!(
        "weak ×{}, moderate ×{}, strong ×{}; e.g. a base chance of 8.3% with one moderate link: {}",
        st.weak,
        st.moderate,
        st.strong,
        format::percent_1dp(0.083 / 0.917 * st.moderate / (1.0 + 0.083 / 0.917 * st.moderate))
    );
    let rated = format!(
        "Rated yearly chances at {} ratings: {}",
        settings.rating.label().to_lowercase(),
        rated.join(", ")
    );
    let sizing = format!(
        "mean of a shock = (low + 4 × most likely + high) ÷ 6;  sizing factors at current ratings: {}",
        factors.join(", ")
    );
    let f = |words: &'static str, symbols: &'static str, numbers: &String| Formula {
        words,
        symbols,
        numbers: numbers.clone(),
    };
    let steps = vec![
        f(
            "Each likelihood label states a chance over the five-year plan; the yearly chance is the one that, repeated over the five years, gives it.",
            "yearly chance = 1 − (1 − chance over the plan)^(1 ÷ years)",
            &chances,
        ),
        f(
            "A risk that happened this year or last makes each risk it is linked to likelier: the odds of the second are multiplied by the link's strength (several links multiply; a risk counts once).",
            "odds = p ÷ (1 − p);  odds′ = base odds × Π multipliers;  p′ = odds′ ÷ (1 + odds′)",
            &links,
        ),
        f(
            "Multiplying odds alone would make linked risks happen more often than their ratings say. So each risk's base chance is solved: its base odds are multiplied by odds(rated) ÷ odds(realised), the realised yearly frequency measured on a fixed set of draws, until every risk happens within 0.2% of its rated chance. Links then change when risks happen together, not how often each happens.",
            "base odds ← base odds × odds(rated chance) ÷ odds(realised frequency), repeated until they agree",
            &rated,
        ),
        f(
            "Each event moves the drivers as in the stress scenarios, by an amount drawn from a PERT distribution between the shock's low and high values (most likely value as its peak), times the risk's sizing factor (1 for shocks as written for the current financial impact). A risk acute in consecutive years is one episode: its lasting shifts apply once; its one-year shocks recur.",
            "shock = (low + (high − low) × Beta(1 + 4(m − low)/(high − low), 1 + 4(high − m)/(high − low))) × sizing factor",
            &sizing,
        ),
        f(
            "Each year's books then close as in section 6: gross pressure less in-year offsets gives the net outturn, with the offset capacity drawn for each trial and year from a triangular distribution between its lowest and highest values, and lasting pressure re-based from the next year.",
            "capacity ~ Triangular(lowest, most likely, highest);  net outturn = gross − min(capacity, max(gross + largest surplus, 0))",
            &money,
        ),
    ];
    SimulationWorkings {
        run: format!("Each trial plays out the five years from 2025/26. The run uses the {} ratings, {} trials and seed {}; the same seed and settings always give the same numbers.",
            settings.rating.label().to_lowercase(), format::count(u64::from(settings.trials)), settings.seed),
        chances,
        links,
        rated,
        sizing,
        money,
        steps,
    }
}
