//! The five-year driver projection: children in care, placements, spend, funding and the
//! gap, from the 2025/26 published budget. Pure and deterministic.
//!
//! Calibration is solved once from the dataset's defaults, so that at default settings
//! 2025/26 reproduces the published spending and funding table exactly; moving a driver
//! then moves the numbers. Placement price ratios and the non-placement remainder only
//! re-split the same published total, so they enter the calibration at their current
//! values (changing them changes implied prices, not the 2025/26 total).

use super::drivers::{DriversData, SHARE_PREFIX};

/// Weeks in a year (365.25 / 7).
pub const WEEKS_PER_YEAR: f64 = 52.178_571_428_571_43;

pub use super::edits::DriverEdits;

/// Every driver's value for one year, as fractions and £m (what the arithmetic uses).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub cic_growth: f64,
    pub uasc_growth: f64,
    pub cp_rate_growth: f64,
    pub care_leaver_lag: u32,
    /// Share of children in care by placement type (dataset order), summing to 1.
    pub shares: Vec<f64>,
    pub placement_inflation: f64,
    pub non_placement_third_party: f64,
    pub pay_inflation: f64,
    /// £m a year per social worker.
    pub sw_cost: f64,
    pub agency_share: f64,
    pub agency_premium: f64,
    pub safe_caseload: f64,
    pub sw_establishment_growth: f64,
    pub nonpay_inflation: f64,
    pub savings_delivery: f64,
    pub later_savings_target: f64,
    pub contract_uplift: f64,
    pub funding_follows_demand: f64,
    pub grants_growth: f64,
    /// Extra spend this year from a scenario's shocks, £m (0 without a scenario).
    pub extra_cost: f64,
}

/// The value a driver has now: the user's edit if any (clamped into range), else the default.
pub fn driver_value(data: &DriversData, edits: &DriverEdits, key: &str) -> f64 {
    let spec = data
        .driver(key)
        .unwrap_or_else(|| panic!("validated dataset defines driver {key}"));
    spec.value(edits.get(key).copied())
}

/// Placement shares (0-1, dataset order) with the balancing type taking up the difference.
/// If the named shares add up to more than 100%, they are scaled down to fit and the
/// balancing type gets none, so the shares always sum to exactly 1.
pub fn balanced_shares(data: &DriversData, edits: &DriverEdits) -> Vec<f64> {
    let mut shares = named_shares(data, edits);
    balance_shares(&mut shares, balancing_index(data));
    shares
}

/// Each placement type's share as set, in % (dataset order; 0 for the balancing type,
/// which [`balance_shares`] fills in).
pub fn named_shares(data: &DriversData, edits: &DriverEdits) -> Vec<f64> {
    data.placements
        .iter()
        .map(|p| {
            if p.key == data.balancing_placement {
                0.0
            } else {
                driver_value(data, edits, &format!("{SHARE_PREFIX}{}", p.key))
            }
        })
        .collect()
}

/// The position of the balancing placement type (dataset order).
pub fn balancing_index(data: &DriversData) -> usize {
    data.placements
        .iter()
        .position(|p| p.key == data.balancing_placement)
        .expect("validated: the balancing type exists")
}

/// Turns named shares in % (the balancing entry ignored) into fractions summing to 1,
/// in place: the balancing type takes up the difference, or the named shares are scaled
/// down to fit when they add up to more than 100%.
pub fn balance_shares(shares: &mut [f64], balancing: usize) {
    shares[balancing] = 0.0;
    for s in shares.iter_mut() {
        *s /= 100.0;
    }
    let named: f64 = shares.iter().sum();
    if named <= 1.0 {
        shares[balancing] = 1.0 - named;
    } else {
        for s in shares.iter_mut() {
            *s /= named;
        }
        shares[balancing] = 0.0;
    }
}

/// A driver as a field of [`Settings`], so the simulation can set it without a lookup
/// by name. Placement shares are set through [`balance_shares`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    CicGrowth,
    UascGrowth,
    CpRateGrowth,
    CareLeaverLag,
    /// The share of placement type i (dataset order).
    Share(usize),
    PlacementInflation,
    NonPlacementThirdParty,
    PayInflation,
    SwCost,
    AgencyShare,
    AgencyPremium,
    SafeCaseload,
    SwEstablishmentGrowth,
    NonpayInflation,
    SavingsDelivery,
    LaterSavingsTarget,
    ContractUplift,
    FundingFollowsDemand,
    GrantsGrowth,
}

impl Field {
    /// Whether the driver builds a level that the next year starts from (a growth rate,
    /// inflation, the uplift, demography funding, a new savings target): a change to it
    /// in one year leaves a lasting step. The other drivers act only in their year.
    pub fn builds_level(self) -> bool {
        matches!(
            self,
            Field::CicGrowth
                | Field::UascGrowth
                | Field::CpRateGrowth
                | Field::PlacementInflation
                | Field::PayInflation
                | Field::NonpayInflation
                | Field::SwEstablishmentGrowth
                | Field::LaterSavingsTarget
                | Field::ContractUplift
                | Field::FundingFollowsDemand
                | Field::GrantsGrowth
        )
    }

    /// A number for each field other than the shares, 0 to 17.
    fn index(self) -> u32 {
        match self {
            Field::CicGrowth => 0,
            Field::UascGrowth => 1,
            Field::CpRateGrowth => 2,
            Field::CareLeaverLag => 3,
            Field::Share(_) => 18,
            Field::PlacementInflation => 4,
            Field::NonPlacementThirdParty => 5,
            Field::PayInflation => 6,
            Field::SwCost => 7,
            Field::AgencyShare => 8,
            Field::AgencyPremium => 9,
            Field::SafeCaseload => 10,
            Field::SwEstablishmentGrowth => 11,
            Field::NonpayInflation => 12,
            Field::SavingsDelivery => 13,
            Field::LaterSavingsTarget => 14,
            Field::ContractUplift => 15,
            Field::FundingFollowsDemand => 16,
            Field::GrantsGrowth => 17,
        }
    }

    /// The field a driver key sets (None for an unknown key).
    pub fn of(data: &DriversData, key: &str) -> Option<Field> {
        if let Some(p) = key.strip_prefix(SHARE_PREFIX) {
            return data
                .placements
                .iter()
                .position(|x| x.key == p)
                .map(Field::Share);
        }
        Some(match key {
            "cic_growth" => Field::CicGrowth,
            "uasc_growth" => Field::UascGrowth,
            "cp_rate_growth" => Field::CpRateGrowth,
            "care_leaver_lag" => Field::CareLeaverLag,
            "placement_inflation" => Field::PlacementInflation,
            "non_placement_third_party" => Field::NonPlacementThirdParty,
            "pay_inflation" => Field::PayInflation,
            "sw_cost" => Field::SwCost,
            "agency_share" => Field::AgencyShare,
            "agency_premium" => Field::AgencyPremium,
            "safe_caseload" => Field::SafeCaseload,
            "sw_establishment_growth" => Field::SwEstablishmentGrowth,
            "nonpay_inflation" => Field::NonpayInflation,
            "savings_delivery" => Field::SavingsDelivery,
            "later_savings_target" => Field::LaterSavingsTarget,
            "contract_uplift" => Field::ContractUplift,
            "funding_follows_demand" => Field::FundingFollowsDemand,
            "grants_growth" => Field::GrantsGrowth,
            _ => return None,
        })
    }
}

impl Settings {
    /// The settings for these edits: each driver's value (the edit, clamped into range,
    /// else the default) converted to the model's units.
    ///
    /// One pass over the dataset's drivers, each set through [`Settings::set_display`],
    /// rather than a search by name for each field: the stress scenarios, the sizing and
    /// the sensitivities build settings thousands of times an edit. The same numbers bit
    /// for bit as [`Settings::from_edits_by_name`] (a test compares them), which is still
    /// used, and says what is missing, if the dataset lacks a driver.
    pub fn from_edits(data: &DriversData, edits: &DriverEdits) -> Settings {
        const FIELDS: u32 = 18;
        let places = data.placements.len();
        if places > 64 {
            return Settings::from_edits_by_name(data, edits);
        }
        let balancing = balancing_index(data);
        let mut s = Settings {
            cic_growth: 0.0,
            uasc_growth: 0.0,
            cp_rate_growth: 0.0,
            care_leaver_lag: 0,
            shares: vec![0.0; places],
            placement_inflation: 0.0,
            non_placement_third_party: 0.0,
            pay_inflation: 0.0,
            sw_cost: 0.0,
            agency_share: 0.0,
            agency_premium: 0.0,
            safe_caseload: 0.0,
            sw_establishment_growth: 0.0,
            nonpay_inflation: 0.0,
            savings_delivery: 0.0,
            later_savings_target: 0.0,
            contract_uplift: 0.0,
            funding_follows_demand: 0.0,
            grants_growth: 0.0,
            extra_cost: 0.0,
        };
        // The fields and shares set so far: the first driver of a key counts, as in a
        // search by name.
        let (mut fields, mut shares) = (0u32, 0u64);
        for spec in &data.drivers {
            let Some(field) = Field::of(data, &spec.key) else {
                continue;
            };
            let v = spec.value(edits.get(&spec.key).copied());
            match field {
                Field::Share(i) => {
                    if shares & (1 << i) == 0 {
                        shares |= 1 << i;
                        if i != balancing {
                            s.shares[i] = v;
                        }
                    }
                }
                f => {
                    let bit = 1 << f.index();
                    if fields & bit == 0 {
                        fields |= bit;
                        s.set_display(f, v);
                    }
                }
            }
        }
        let named = shares | (1 << balancing);
        if fields.count_ones() != FIELDS || named.count_ones() as usize != places {
            return Settings::from_edits_by_name(data, edits);
        }
        balance_shares(&mut s.shares, balancing);
        s
    }

    /// [`Settings::from_edits`] by a search for each field's driver by name; panics,
    /// naming it, if the dataset lacks one (a validated dataset never does).
    pub fn from_edits_by_name(data: &DriversData, edits: &DriverEdits) -> Settings {
        let v = |k: &str| driver_value(data, edits, k);
        let pct = |k: &str| v(k) / 100.0;
        Settings {
            cic_growth: pct("cic_growth"),
            uasc_growth: pct("uasc_growth"),
            cp_rate_growth: pct("cp_rate_growth"),
            care_leaver_lag: v("care_leaver_lag").round().max(0.0) as u32,
            shares: balanced_shares(data, edits),
            placement_inflation: pct("placement_inflation"),
            non_placement_third_party: v("non_placement_third_party"),
            pay_inflation: pct("pay_inflation"),
            sw_cost: v("sw_cost") / 1000.0,
            agency_share: pct("agency_share"),
            agency_premium: pct("agency_premium"),
            safe_caseload: v("safe_caseload"),
            sw_establishment_growth: pct("sw_establishment_growth"),
            nonpay_inflation: pct("nonpay_inflation"),
            savings_delivery: pct("savings_delivery"),
            later_savings_target: v("later_savings_target"),
            contract_uplift: pct("contract_uplift"),
            funding_follows_demand: pct("funding_follows_demand"),
            grants_growth: pct("grants_growth"),
            extra_cost: 0.0,
        }
    }

    pub fn defaults(data: &DriversData) -> Settings {
        Settings::from_edits(data, &DriverEdits::new())
    }

    /// Becomes a copy of `src` without allocating (the derived `clone_from` would).
    pub fn assign(&mut self, src: &Settings) {
        let mut shares = std::mem::take(&mut self.shares);
        shares.clear();
        shares.extend_from_slice(&src.shares);
        *self = Settings { shares, ..*src };
    }

    /// Sets a driver from its display value (3.5 = 3.5%), converted as [`Settings::from_edits`]
    /// does. Shares are not set here: they need balancing ([`balance_shares`]).
    pub fn set_display(&mut self, field: Field, v: f64) {
        let pct = v / 100.0;
        match field {
            Field::CicGrowth => self.cic_growth = pct,
            Field::UascGrowth => self.uasc_growth = pct,
            Field::CpRateGrowth => self.cp_rate_growth = pct,
            Field::CareLeaverLag => self.care_leaver_lag = v.round().max(0.0) as u32,
            Field::Share(_) => {}
            Field::PlacementInflation => self.placement_inflation = pct,
            Field::NonPlacementThirdParty => self.non_placement_third_party = v,
            Field::PayInflation => self.pay_inflation = pct,
            Field::SwCost => self.sw_cost = v / 1000.0,
            Field::AgencyShare => self.agency_share = pct,
            Field::AgencyPremium => self.agency_premium = pct,
            Field::SafeCaseload => self.safe_caseload = v,
            Field::SwEstablishmentGrowth => self.sw_establishment_growth = pct,
            Field::NonpayInflation => self.nonpay_inflation = pct,
            Field::SavingsDelivery => self.savings_delivery = pct,
            Field::LaterSavingsTarget => self.later_savings_target = v,
            Field::ContractUplift => self.contract_uplift = pct,
            Field::FundingFollowsDemand => self.funding_follows_demand = pct,
            Field::GrantsGrowth => self.grants_growth = pct,
        }
    }
}

/// What calibration solved, shown to the finance director.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// £ a week of a placement with price ratio 1.0 (an agency foster placement).
    pub weekly_price_unit: f64,
    /// Implied £ a week by placement type (dataset order).
    pub implied_weekly_price: Vec<f64>,
    /// Children aged 0-17, derived from children in care and their rate per 10,000.
    pub child_population: f64,
    /// Children allocated to social workers at the start: in care + on plans + in need.
    pub workload: f64,
    /// Social workers (FTE) at the start: workload ÷ average caseload.
    pub sw_fte: f64,
    /// Employee cost other than social workers, £m (the published line less social workers).
    pub other_staff: f64,
    /// Average placement cost per child in care at the start, £m a year.
    pub placement_cost_per_child: f64,
    /// The baseline year's published savings target, £m.
    pub first_year_savings: f64,
    /// Σ share × price ratio at the default shares (the divisor of the weekly price unit).
    pub weighted_ratio: f64,
    /// Placement part of the published third-party line, £m.
    pub placements_total: f64,
    /// Cost of the social workers at the start, £m (FTE × cost × (1 + agency share × premium)).
    pub sw_spend: f64,
}

/// One year of the projection. Money in £m; children as counts (fractional in the arithmetic).
#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    /// First calendar year: 2025 = 2025/26.
    pub year: u16,
    pub children_in_care: f64,
    /// Children in care other than UASC.
    pub non_uasc: f64,
    pub uasc: f64,
    pub cp_plans: f64,
    pub children_in_need: f64,
    pub care_leavers: f64,
    /// Children in care `lag` years earlier, which care leavers follow.
    pub lagged_children_in_care: f64,
    /// Children by placement type (dataset order).
    pub placements: Vec<f64>,
    /// Placement spend by type, £m.
    pub placement_spend: Vec<f64>,
    pub placement_total: f64,
    pub non_placement_third_party: f64,
    pub third_party: f64,
    pub sw_fte: f64,
    pub workload: f64,
    /// Children per social worker before any extra cover.
    pub caseload: f64,
    pub over_safe_caseload: bool,
    /// Extra agency social workers needed to bring caseloads back to the threshold.
    pub extra_agency_fte: f64,
    pub extra_agency_cost: f64,
    pub employees: f64,
    pub premises: f64,
    pub transport: f64,
    pub supplies: f64,
    /// Savings built into the budget so far (baseline target plus later ones), £m.
    pub savings_required: f64,
    /// Later savings (from the year after the baseline) taken off spend, £m.
    pub later_savings: f64,
    /// The new savings target set this year (0 in the baseline year), £m.
    pub new_savings_target: f64,
    /// Extra spend from a scenario's shocks this year, £m.
    pub extra_cost: f64,
    /// Savings not delivered this year, added to spend, £m.
    pub savings_shortfall: f64,
    pub spend: f64,
    pub core_contract: f64,
    /// Demography funding added to the core contract this year, £m.
    pub demography_funding: f64,
    pub grants_via_council: f64,
    pub other_grants: f64,
    pub contract_sum: f64,
    pub funding: f64,
    /// Price, pay and other-cost indices relative to the baseline year (1.0 in 2025/26).
    pub price_index: f64,
    pub pay_index: f64,
    pub nonpay_index: f64,
    pub grants_index: f64,
    /// Spend − funding; positive = overspend.
    pub gap: f64,
    /// Gap as a share of the contract sum.
    pub gap_share: f64,
    pub cumulative_gap: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub calibration: Calibration,
    pub years: Vec<YearResult>,
}

impl YearResult {
    /// Share of children in care in placement type `i` (dataset order), 0-1.
    pub fn placement_share(&self, i: usize) -> f64 {
        if self.children_in_care > 0.0 {
            self.placements[i] / self.children_in_care
        } else {
            0.0
        }
    }
}

impl Projection {
    /// Plain sum of the annual gaps (surplus years count negative), undiscounted.
    pub fn five_year_gap(&self) -> f64 {
        self.years.iter().map(|y| y.gap).sum()
    }

    /// Projected baseline-year spend less the published total (0 at default settings).
    pub fn baseline_spend_difference(&self, data: &DriversData) -> f64 {
        let published = data
            .budget(&data.baseline_label())
            .map(|b| b.total_spending.gbp_m)
            .unwrap_or(0.0);
        self.years[0].spend - published
    }

    pub fn last(&self) -> &YearResult {
        self.years
            .last()
            .expect("a projection has at least one year")
    }
}

fn line(data: &DriversData, section: &str, key: &str) -> f64 {
    let b = data
        .budget(&data.baseline_label())
        .expect("validated: baseline budget");
    let l = match section {
        "spending" => b.spending_line(key),
        _ => b.funding_line(key),
    };
    l.expect("validated: line exists").gbp_m
}

/// Solves the calibration from the dataset's defaults (see the module note).
pub fn calibrate(data: &DriversData, edits: &DriverEdits) -> Calibration {
    let d = Settings::defaults(data);
    let b = &data.baseline;
    let cic = b.children_in_care.value;
    let remainder = driver_value(data, edits, "non_placement_third_party");
    let placements_total = line(data, "spending", "third_party") - remainder;
    let weighted: f64 = data
        .placements
        .iter()
        .zip(&d.shares)
        .map(|(p, s)| s * p.price_ratio)
        .sum();
    let weekly_price_unit = placements_total * 1e6 / (cic * WEEKS_PER_YEAR * weighted);
    let child_population = cic / b.cic_rate_per_10k.value * 10_000.0;
    let cp = b.cp_rate_per_10k.value * child_population / 10_000.0;
    let workload = cic + cp + b.children_in_need.value;
    let sw_fte = workload / b.average_caseload.value;
    let sw_spend = sw_fte * d.sw_cost * (1.0 + d.agency_share * d.agency_premium);
    let first_year_savings = data
        .budget(&data.baseline_label())
        .and_then(|bud| bud.bridge.iter().find(|l| l.key == "savings"))
        .map(|l| l.gbp_m.abs())
        .unwrap_or(0.0);
    Calibration {
        weekly_price_unit,
        implied_weekly_price: data
            .placements
            .iter()
            .map(|p| p.price_ratio * weekly_price_unit)
            .collect(),
        child_population,
        workload,
        sw_fte,
        other_staff: line(data, "spending", "employees") - sw_spend,
        placement_cost_per_child: placements_total / cic,
        first_year_savings,
        weighted_ratio: weighted,
        placements_total,
        sw_spend,
    }
}

/// Projects with the same settings every year.
pub fn project(data: &DriversData, edits: &DriverEdits) -> Projection {
    let s = Settings::from_edits(data, edits);
    let per_year = vec![s; data.horizon_years as usize];
    project_years(data, edits, &per_year)
}

/// The constants of a projection: the calibration and the baseline year's published lines.
/// Built once; [`Projector::step`] then moves a [`ProjectionState`] on by one year with
/// that year's settings. The simulation steps it millions of times without allocating;
/// [`project_years`] steps it once per year and records everything.
#[derive(Debug, Clone)]
pub struct Projector {
    pub calibration: Calibration,
    /// The settings without any scenario (only the user's edits).
    unshocked: Settings,
    /// Price ratio by placement type (dataset order).
    price_ratios: Vec<f64>,
    cic0: f64,
    uasc0: f64,
    cp0: f64,
    children_in_need: f64,
    core0: f64,
    premises0: f64,
    transport0: f64,
    supplies0: f64,
    gvc0: f64,
    other0: f64,
    /// The forecast the budget is set on: children in care and the price index at the
    /// end of each year with no scenario. Demography funding follows it, not the children
    /// who actually arrive: children beyond the forecast are unfunded in their year.
    forecast: Vec<(f64, f64)>,
}

/// The larger of `a` and `b` (`b` when `a` is not a number): `a.max(b)` as one comparison,
/// where WebAssembly's `f64.max` costs a browser several instructions to get NaN and the
/// sign of zero right (which the simulation's hot loop does not need).
#[inline(always)]
pub(crate) fn larger(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// x, or 0 when x is below 0 (or not a number); see [`larger`].
#[inline(always)]
pub(crate) fn non_negative(x: f64) -> f64 {
    larger(x, 0.0)
}

/// The yearly rates of [`Settings`] that [`Projector::step`] takes as changes from the
/// unshocked settings in the baseline year.
#[derive(Default)]
struct Rates {
    cic: f64,
    uasc: f64,
    cp: f64,
    price: f64,
    pay: f64,
    nonpay: f64,
    grants: f64,
    fte: f64,
    target: f64,
    uplift: f64,
}

impl Rates {
    fn of(s: &Settings) -> Rates {
        Rates {
            cic: s.cic_growth,
            uasc: s.uasc_growth,
            cp: s.cp_rate_growth,
            price: s.placement_inflation,
            pay: s.pay_inflation,
            nonpay: s.nonpay_inflation,
            grants: s.grants_growth,
            fte: s.sw_establishment_growth,
            target: s.later_savings_target,
            uplift: s.contract_uplift,
        }
    }
}

/// Where the projection stands at the end of a year (the start of the next).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectionState {
    pub non_uasc: f64,
    pub uasc: f64,
    pub cp: f64,
    pub price: f64,
    pub pay: f64,
    pub nonpay: f64,
    pub grants: f64,
    pub fte: f64,
    pub core: f64,
    pub later_savings: f64,
    /// Children in care at the end of the previous year.
    pub prev_cic: f64,
}

/// The headline figures of one projected year (money £m).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearCore {
    pub cic: f64,
    pub workload: f64,
    pub caseload: f64,
    pub extra_agency_fte: f64,
    pub extra_agency_cost: f64,
    /// £m a year of one placement with price ratio 1.0 per child, at this year's prices.
    pub unit_cost: f64,
    pub placement_total: f64,
    pub non_placement: f64,
    pub employees: f64,
    pub premises: f64,
    pub transport: f64,
    pub supplies: f64,
    pub new_target: f64,
    pub savings_required: f64,
    pub savings_shortfall: f64,
    pub spend: f64,
    pub demography: f64,
    pub grants_via_council: f64,
    pub other_grants: f64,
    pub contract_sum: f64,
    pub funding: f64,
    pub gap: f64,
}

impl Projector {
    pub fn new(data: &DriversData, edits: &DriverEdits) -> Projector {
        let calibration = calibrate(data, edits);
        let b = &data.baseline;
        let mut p = Projector {
            cp0: b.cp_rate_per_10k.value * calibration.child_population / 10_000.0,
            calibration,
            unshocked: Settings::from_edits(data, edits),
            price_ratios: data.placements.iter().map(|p| p.price_ratio).collect(),
            cic0: b.children_in_care.value,
            uasc0: b.uasc.value,
            children_in_need: b.children_in_need.value,
            core0: line(data, "funding", "core_contract"),
            premises0: line(data, "spending", "premises"),
            transport0: line(data, "spending", "transport"),
            supplies0: line(data, "spending", "supplies"),
            gvc0: line(data, "funding", "grants_via_council"),
            other0: line(data, "funding", "other_grants"),
            forecast: Vec::new(),
        };
        // With no forecast recorded, a year's demography follows its own children; on
        // the path without a scenario that is the forecast.
        let mut st = p.start();
        let unshocked = p.unshocked.clone();
        p.forecast = (0..data.horizon_years as usize)
            .map(|t| {
                let y = p.step(&mut st, t, &unshocked);
                (y.cic, st.price)
            })
            .collect();
        p
    }

    /// Children in care each year on the forecast the budget was set on.
    pub fn forecast_children(&self) -> impl Iterator<Item = f64> + '_ {
        self.forecast.iter().map(|f| f.0)
    }

    /// The settings for the user's edits without any scenario.
    pub fn unshocked(&self) -> &Settings {
        &self.unshocked
    }

    /// Children in care at the start of the baseline year.
    pub fn children_in_care_at_start(&self) -> f64 {
        self.cic0
    }

    /// The state before the baseline year.
    pub fn start(&self) -> ProjectionState {
        ProjectionState {
            non_uasc: self.cic0 - self.uasc0,
            uasc: self.uasc0,
            cp: self.cp0,
            price: 1.0,
            pay: 1.0,
            nonpay: 1.0,
            grants: 1.0,
            fte: self.calibration.sw_fte,
            core: self.core0,
            later_savings: 0.0,
            prev_cic: self.cic0,
        }
    }

    /// Moves the state on by year `t` (0 = the baseline year) with that year's settings.
    /// In the baseline year only a scenario's change applies (see [`project_years`]).
    pub fn step(&self, st: &mut ProjectionState, t: usize, s: &Settings) -> YearCore {
        let cal = &self.calibration;
        // In the baseline year only the change from the unshocked settings applies; later
        // years take the rates as they are (x − 0 is x exactly, so one subtraction serves
        // both without a branch per rate).
        let u = if t == 0 {
            Rates::of(&self.unshocked)
        } else {
            Rates::default()
        };
        st.non_uasc *= 1.0 + (s.cic_growth - u.cic);
        st.uasc = non_negative(st.uasc * (1.0 + (s.uasc_growth - u.uasc)));
        st.cp *= 1.0 + (s.cp_rate_growth - u.cp);
        st.price *= 1.0 + (s.placement_inflation - u.price);
        st.pay *= 1.0 + (s.pay_inflation - u.pay);
        st.nonpay *= 1.0 + (s.nonpay_inflation - u.nonpay);
        st.grants *= 1.0 + (s.grants_growth - u.grants);
        st.fte *= 1.0 + (s.sw_establishment_growth - u.fte);
        let new_target = s.later_savings_target - u.target;
        st.later_savings += new_target;
        let cic = non_negative(st.non_uasc + st.uasc);
        let (now, before, price) = match self.forecast.get(t) {
            Some(&(c, p)) => (
                c,
                t.checked_sub(1).map_or(self.cic0, |i| self.forecast[i].0),
                p,
            ),
            None => (cic, st.prev_cic, st.price),
        };
        let demography =
            s.funding_follows_demand * cal.placement_cost_per_child * price * (now - before);
        st.core = st.core * (1.0 + (s.contract_uplift - u.uplift)) + demography - new_target;
        st.prev_cic = cic;

        let unit_cost = cal.weekly_price_unit * WEEKS_PER_YEAR / 1e6 * st.price;
        let mut placement_total = 0.0;
        for (sh, ratio) in s.shares.iter().zip(&self.price_ratios) {
            placement_total += cic * sh * ratio * unit_cost;
        }
        let non_placement = s.non_placement_third_party * st.nonpay;

        let workload = cic + st.cp + self.children_in_need;
        let caseload = workload / st.fte;
        let extra_agency_fte = non_negative(workload / s.safe_caseload - st.fte);
        let sw_cost = s.sw_cost * st.pay;
        let extra_agency_cost = extra_agency_fte * sw_cost * (1.0 + s.agency_premium);
        let employees = cal.other_staff * st.pay
            + st.fte * sw_cost * (1.0 + s.agency_share * s.agency_premium)
            + extra_agency_cost;
        let (premises, transport, supplies) = (
            self.premises0 * st.nonpay,
            self.transport0 * st.nonpay,
            self.supplies0 * st.nonpay,
        );
        let savings_required = cal.first_year_savings + st.later_savings;
        let savings_shortfall = (1.0 - s.savings_delivery) * savings_required;
        let spend = employees + premises + transport + supplies + placement_total + non_placement
            - st.later_savings
            + savings_shortfall
            + s.extra_cost;
        let grants_via_council = self.gvc0 * st.grants;
        let other_grants = self.other0 * st.grants;
        let contract_sum = st.core + grants_via_council;
        let funding = contract_sum + other_grants;
        YearCore {
            cic,
            workload,
            caseload,
            extra_agency_fte,
            extra_agency_cost,
            unit_cost,
            placement_total,
            non_placement,
            employees,
            premises,
            transport,
            supplies,
            new_target,
            savings_required,
            savings_shortfall,
            spend,
            demography,
            grants_via_council,
            other_grants,
            contract_sum,
            funding,
            gap: spend - funding,
        }
    }
}

/// Projects with settings that may differ by year (scenarios shock some years).
/// `settings[t]` applies to year t. The baseline year is the published budget, so in it
/// growth, inflation, uplift and new savings apply only as far as `settings[0]` differs
/// from the unshocked settings for `edits` (a scenario's shock in 2025/26); without a
/// scenario they do not apply at all.
pub fn project_years(data: &DriversData, edits: &DriverEdits, settings: &[Settings]) -> Projection {
    project_years_on(&Projector::new(data, edits), data, settings)
}

/// [`project_years`] on a projector already made for the edits (calibrated, with its
/// forecast): the stress scenarios and the sizing project many sets of shocks on the
/// same edits, and making the projector is most of a projection's cost.
pub fn project_years_on(
    projector: &Projector,
    data: &DriversData,
    settings: &[Settings],
) -> Projection {
    let b = &data.baseline;
    let n = settings.len();
    let mut years = Vec::with_capacity(n);
    let cic0 = projector.cic0;
    let mut st = projector.start();
    let mut cic_history: Vec<f64> = Vec::with_capacity(n);
    let mut cumulative = 0.0;
    for (t, s) in settings.iter().enumerate() {
        let y = projector.step(&mut st, t, s);
        let cic = y.cic;
        cic_history.push(cic);
        // Care leavers follow children in care `lag` years earlier (backcast before the
        // baseline at the first year's growth rate).
        let lag_idx = t as i64 - s.care_leaver_lag as i64;
        let cic_lagged = if lag_idx >= 0 {
            cic_history[lag_idx as usize]
        } else {
            cic0 * (1.0 + settings[0].cic_growth).powi(lag_idx as i32)
        };
        let care_leavers = b.care_leavers.value * cic_lagged / cic0;
        let placements: Vec<f64> = s.shares.iter().map(|sh| cic * sh).collect();
        let placement_spend: Vec<f64> = s
            .shares
            .iter()
            .zip(&projector.price_ratios)
            .map(|(sh, ratio)| cic * sh * ratio * y.unit_cost)
            .collect();
        cumulative += y.gap;
        years.push(YearResult {
            year: data.baseline_year + t as u16,
            children_in_care: cic,
            non_uasc: st.non_uasc,
            uasc: st.uasc,
            cp_plans: st.cp,
            children_in_need: b.children_in_need.value,
            care_leavers,
            lagged_children_in_care: cic_lagged,
            placements,
            placement_spend,
            placement_total: y.placement_total,
            non_placement_third_party: y.non_placement,
            third_party: y.placement_total + y.non_placement,
            sw_fte: st.fte,
            workload: y.workload,
            caseload: y.caseload,
            over_safe_caseload: y.caseload > s.safe_caseload + 1e-9,
            extra_agency_fte: y.extra_agency_fte,
            extra_agency_cost: y.extra_agency_cost,
            employees: y.employees,
            premises: y.premises,
            transport: y.transport,
            supplies: y.supplies,
            savings_required: y.savings_required,
            later_savings: st.later_savings,
            new_savings_target: y.new_target,
            extra_cost: s.extra_cost,
            savings_shortfall: y.savings_shortfall,
            spend: y.spend,
            core_contract: st.core,
            demography_funding: y.demography,
            grants_via_council: y.grants_via_council,
            other_grants: y.other_grants,
            contract_sum: y.contract_sum,
            funding: y.funding,
            price_index: st.price,
            pay_index: st.pay,
            nonpay_index: st.nonpay,
            grants_index: st.grants,
            gap: y.gap,
            gap_share: if y.contract_sum.abs() > 1e-9 {
                y.gap / y.contract_sum
            } else {
                0.0
            },
            cumulative_gap: cumulative,
        });
    }
    Projection {
        calibration: projector.calibration.clone(),
        years,
    }
}

/// How the five-year gap moves when one driver goes to the ends of its plausible range.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    pub key: String,
    /// The driver's values at the two ends swept (its plausible range, display units).
    pub low: f64,
    pub high: f64,
    /// Five-year gap with the driver at its minimum and at its maximum, £m.
    pub at_min: f64,
    pub at_max: f64,
    /// The five-year gap at the current settings, £m.
    pub current: f64,
}

impl Sensitivity {
    pub fn swing(&self) -> f64 {
        (self.at_max - self.at_min).abs()
    }
}

/// Every driver of the projection across its plausible range, biggest swing first (the
/// tornado). Management drivers act on scenarios and the simulation, not on the gap.
pub fn sensitivities(data: &DriversData, edits: &DriverEdits) -> Vec<Sensitivity> {
    let current = project(data, edits).five_year_gap();
    let mut out: Vec<Sensitivity> = data
        .drivers
        .iter()
        .filter(|d| d.group != super::drivers::DriverGroup::Management)
        .map(|d| {
            let (low, high) = d.sensitivity_range();
            let at = |v: f64| {
                let mut e = edits.clone();
                e.insert(d.key.clone(), v);
                project(data, &e).five_year_gap()
            };
            Sensitivity {
                key: d.key.clone(),
                low,
                high,
                at_min: at(low),
                at_max: at(high),
                current,
            }
        })
        .collect();
    out.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    out
}

#[cfg(test)]
mod tests;
