//! The demand and finance dataset: the Trust's published budget tables, outturn history,
//! demand history, the 2025/26 starting point, placement types, and the driver settings
//! (each with unit, range, default and provenance).

use super::error::DatasetError;
use super::provenance::{each, Provenance};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A number with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    pub value: f64,
    pub provenance: Provenance,
}

/// One line of a published budget table, £m. Deductions in a bridge are negative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub key: String,
    pub label: String,
    pub gbp_m: f64,
    pub provenance: Provenance,
}

/// A year's budget as the Trust published it: the bridge to the contract sum, and the
/// spending and funding table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedBudget {
    /// "2025/26".
    pub year: String,
    /// Carried-forward sum first, then additions (+) and deductions (−).
    pub bridge: Vec<BudgetLine>,
    pub contract_sum: BudgetLine,
    /// employees, premises, transport, supplies, third_party.
    pub spending: Vec<BudgetLine>,
    pub total_spending: BudgetLine,
    /// core_contract, grants_via_council (these two make the contract sum), other_grants.
    pub funding: Vec<BudgetLine>,
    pub total_funding: BudgetLine,
}

impl PublishedBudget {
    pub fn spending_line(&self, key: &str) -> Option<&BudgetLine> {
        self.spending.iter().find(|l| l.key == key)
    }

    pub fn funding_line(&self, key: &str) -> Option<&BudgetLine> {
        self.funding.iter().find(|l| l.key == key)
    }
}

/// A year's result as reported: positive = overspend (deficit), negative = surplus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Outturn {
    pub year: String,
    pub gap_gbp_m: f64,
    pub provenance: Provenance,
    /// The gross pressure behind it, where reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<Pressure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pressure {
    pub label: String,
    pub gbp_m: f64,
    pub provenance: Provenance,
}

/// One published observation of a demand measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistoryPoint {
    /// As printed: "31 March 2024".
    pub date: String,
    /// The financial year the observation ends or falls in, as its first calendar year
    /// (31 March 2025 → 2024, i.e. the end of 2024/25), for plotting.
    pub year: u16,
    pub value: f64,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistorySeries {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub points: Vec<HistoryPoint>,
}

/// Another authority or group's published figure, for comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    pub label: String,
    pub measure: String,
    pub date: String,
    pub value: f64,
    pub provenance: Provenance,
}

/// The 2025/26 starting point of the projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Children in care at the start of 2025/26 (UASC included).
    pub children_in_care: Sourced,
    /// Unaccompanied asylum-seeking children, inside children in care.
    pub uasc: Sourced,
    /// Children in care per 10,000 children, used to derive the child population.
    pub cic_rate_per_10k: Sourced,
    /// Child protection plans per 10,000 children.
    pub cp_rate_per_10k: Sourced,
    /// Children in need (not in care or on a plan) worked with by social workers.
    pub children_in_need: Sourced,
    pub care_leavers: Sourced,
    /// Average social work caseload (children per social worker).
    pub average_caseload: Sourced,
}

/// A kind of placement: its share of children in care and its weekly price relative to
/// an independent fostering agency placement (= 1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacementType {
    pub key: String,
    pub label: String,
    /// Share of children in care, 0-1.
    pub share: f64,
    pub share_provenance: Provenance,
    pub price_ratio: f64,
    pub ratio_provenance: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DriverGroup {
    Demand,
    Placements,
    Workforce,
    OtherCosts,
    Savings,
    Funding,
    /// In-year offsets and re-basing: they act on the money measures of scenarios and
    /// the simulation, not on the projection's gap.
    Management,
}

impl DriverGroup {
    pub const ALL: [DriverGroup; 7] = [
        DriverGroup::Demand,
        DriverGroup::Placements,
        DriverGroup::Workforce,
        DriverGroup::OtherCosts,
        DriverGroup::Savings,
        DriverGroup::Funding,
        DriverGroup::Management,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DriverGroup::Demand => "Demand",
            DriverGroup::Placements => "Placements",
            DriverGroup::Workforce => "Workforce",
            DriverGroup::OtherCosts => "Other costs",
            DriverGroup::Savings => "Savings",
            DriverGroup::Funding => "Funding",
            DriverGroup::Management => "Management action and re-basing",
        }
    }
}

/// The unit a driver is entered and shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DriverUnit {
    /// A percentage, entered as 3.5 for 3.5%.
    Percent,
    /// Percent a year.
    PercentAYear,
    GbpM,
    GbpMAYear,
    /// £ thousands a year.
    GbpKAYear,
    /// Children per social worker.
    ChildrenPerWorker,
    Years,
    /// A multiple (price ratio).
    Ratio,
}

impl DriverUnit {
    pub fn suffix(self) -> &'static str {
        match self {
            DriverUnit::Percent => "%",
            DriverUnit::PercentAYear => "% a year",
            DriverUnit::GbpM => "£m",
            DriverUnit::GbpMAYear => "£m a year",
            DriverUnit::GbpKAYear => "£k a year",
            DriverUnit::ChildrenPerWorker => "children per social worker",
            DriverUnit::Years => "years",
            DriverUnit::Ratio => "× agency fostering",
        }
    }
}

/// One adjustable driver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DriverSpec {
    pub key: String,
    pub group: DriverGroup,
    pub label: String,
    pub unit: DriverUnit,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// What it means, in plain words, for the tooltip.
    pub explain: String,
    pub provenance: Provenance,
    /// The plausible low and high the sensitivity charts sweep (the slider may go
    /// further), with the reason for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plausible: Option<PlausibleRange>,
}

/// A driver's plausible range: what a finance director would accept as a bad and a good
/// year, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlausibleRange {
    pub low: f64,
    pub high: f64,
    pub why: String,
}

impl DriverSpec {
    /// The value the driver takes for an edit: the edit clamped into range when it is a
    /// number, else the default.
    pub fn value(&self, edit: Option<f64>) -> f64 {
        edit.filter(|v| v.is_finite())
            .map(|v| v.clamp(self.min, self.max))
            .unwrap_or(self.default)
    }

    /// The range the sensitivity charts sweep: the plausible one, else the slider's.
    pub fn sensitivity_range(&self) -> (f64, f64) {
        self.plausible
            .as_ref()
            .map_or((self.min, self.max), |p| (p.low, p.high))
    }
}

/// Everything the projection starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DriversData {
    /// First calendar year of the baseline financial year: 2025 = 2025/26.
    pub baseline_year: u16,
    pub horizon_years: u8,
    /// Why the published years do not chain, in plain words.
    pub chain_note: Provenance,
    pub budgets: Vec<PublishedBudget>,
    pub outturns: Vec<Outturn>,
    pub history: Vec<HistorySeries>,
    pub comparators: Vec<Comparator>,
    pub baseline: Baseline,
    pub placements: Vec<PlacementType>,
    /// The placement type whose share absorbs changes to the others.
    pub balancing_placement: String,
    pub drivers: Vec<DriverSpec>,
}

/// The driver keys the model reads; the dataset must define every one.
pub const DRIVER_KEYS: &[&str] = &[
    "cic_growth",
    "uasc_growth",
    "cp_rate_growth",
    "care_leaver_lag",
    "placement_inflation",
    "non_placement_third_party",
    "pay_inflation",
    "sw_cost",
    "agency_share",
    "agency_premium",
    "safe_caseload",
    "sw_establishment_growth",
    "nonpay_inflation",
    "savings_delivery",
    "later_savings_target",
    "contract_uplift",
    "funding_follows_demand",
    "grants_growth",
];

/// The prefix of the driver keys that set a placement type's share: `share_<type key>`.
pub const SHARE_PREFIX: &str = "share_";

impl DriversData {
    pub fn budget(&self, year: &str) -> Option<&PublishedBudget> {
        self.budgets.iter().find(|b| b.year == year)
    }

    /// The baseline year written as "2025/26".
    pub fn baseline_label(&self) -> String {
        year_label(self.baseline_year)
    }

    pub fn driver(&self, key: &str) -> Option<&DriverSpec> {
        self.drivers.iter().find(|d| d.key == key)
    }

    /// A driver's label, or its key when the dataset has no such driver.
    pub fn label(&self, key: &str) -> String {
        self.driver(key)
            .map(|d| d.label.clone())
            .unwrap_or_else(|| key.to_string())
    }

    pub fn series(&self, key: &str) -> Option<&HistorySeries> {
        self.history.iter().find(|s| s.key == key)
    }

    /// Checks every invariant; the error names the field.
    pub fn validate(&self) -> Result<(), DatasetError> {
        let err = |f: &str, m: String| Err(DatasetError::field(f, &m));
        if !(1..=10).contains(&self.horizon_years) {
            return err("drivers.horizon_years", "must be from 1 to 10 years".into());
        }
        let base = self.baseline_label();
        let Some(budget) = self.budget(&base) else {
            return err(
                "drivers.budgets",
                format!("needs the published budget for the baseline year {base}"),
            );
        };
        for key in [
            "employees",
            "premises",
            "transport",
            "supplies",
            "third_party",
        ] {
            if budget.spending_line(key).is_none() {
                return err(
                    "drivers.budgets",
                    format!("the {base} spending table needs a \"{key}\" line"),
                );
            }
        }
        for key in ["core_contract", "grants_via_council", "other_grants"] {
            if budget.funding_line(key).is_none() {
                return err(
                    "drivers.budgets",
                    format!("the {base} funding table needs a \"{key}\" line"),
                );
            }
        }
        let positive = |f: &str, v: f64| -> Result<(), DatasetError> {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(DatasetError::field(
                    f,
                    &format!("must be a positive number, not {v}"),
                ))
            }
        };
        let b = &self.baseline;
        positive(
            "drivers.baseline.children_in_care.value",
            b.children_in_care.value,
        )?;
        positive(
            "drivers.baseline.cic_rate_per_10k.value",
            b.cic_rate_per_10k.value,
        )?;
        positive(
            "drivers.baseline.cp_rate_per_10k.value",
            b.cp_rate_per_10k.value,
        )?;
        positive(
            "drivers.baseline.average_caseload.value",
            b.average_caseload.value,
        )?;
        if !(b.uasc.value >= 0.0 && b.uasc.value <= b.children_in_care.value) {
            return err(
                "drivers.baseline.uasc.value",
                "must be between 0 and the number of children in care".into(),
            );
        }
        if self.placements.is_empty() {
            return err(
                "drivers.placements",
                "needs at least one placement type".into(),
            );
        }
        let mut keys = BTreeSet::new();
        let mut total = 0.0;
        for (i, p) in self.placements.iter().enumerate() {
            let f = format!("drivers.placements[{i}]");
            if !keys.insert(p.key.as_str()) {
                return err(&format!("{f}.key"), format!("\"{}\" is used twice", p.key));
            }
            if !(0.0..=1.0).contains(&p.share) {
                return err(&format!("{f}.share"), "must be a share from 0 to 1".into());
            }
            positive(&format!("{f}.price_ratio"), p.price_ratio)?;
            total += p.share;
        }
        if (total - 1.0).abs() > 1e-6 {
            return err(
                "drivers.placements",
                format!("shares must add up to 100%, not {:.2}%", total * 100.0),
            );
        }
        if !keys.contains(self.balancing_placement.as_str()) {
            return err(
                "drivers.balancing_placement",
                format!("\"{}\" is not a placement type", self.balancing_placement),
            );
        }
        let mut dkeys = BTreeSet::new();
        for (i, d) in self.drivers.iter().enumerate() {
            let f = format!("drivers.drivers[{i}]");
            if !dkeys.insert(d.key.as_str()) {
                return err(&format!("{f}.key"), format!("\"{}\" is used twice", d.key));
            }
            if !(d.min.is_finite() && d.max.is_finite() && d.min < d.max) {
                return err(&format!("{f}.min"), "min must be below max".into());
            }
            if !(d.min..=d.max).contains(&d.default) {
                return err(
                    &format!("{f}.default"),
                    format!("{} is outside its range {} to {}", d.default, d.min, d.max),
                );
            }
            if !d.step.is_finite() || d.step <= 0.0 {
                return err(&format!("{f}.step"), "must be positive".into());
            }
            if let Some(p) = &d.plausible {
                let inside = |v: f64| v.is_finite() && (d.min..=d.max).contains(&v);
                if !(inside(p.low) && inside(p.high) && p.low <= d.default && d.default <= p.high) {
                    return err(
                        &format!("{f}.plausible"),
                        format!(
                            "low and high must lie within {} to {} and around the default {}",
                            d.min, d.max, d.default
                        ),
                    );
                }
                if p.why.trim().is_empty() {
                    return err(&format!("{f}.plausible.why"), "must say why".into());
                }
            }
        }
        for key in DRIVER_KEYS {
            if !dkeys.contains(key) {
                return err("drivers.drivers", format!("needs a driver \"{key}\""));
            }
        }
        for p in &self.placements {
            let key = format!("{SHARE_PREFIX}{}", p.key);
            if p.key != self.balancing_placement {
                match self.driver(&key) {
                    None => {
                        return err("drivers.drivers", format!("needs a driver \"{key}\""));
                    }
                    Some(d) if (d.default - p.share * 100.0).abs() > 1e-9 => {
                        return err(
                            "drivers.drivers",
                            format!(
                                "\"{key}\" default must equal the placement share ({}%)",
                                p.share * 100.0
                            ),
                        );
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Every provenance, with its field path (for the quote check and the About view).
    pub fn provenances(&self) -> Vec<(String, &Provenance)> {
        let mut out: Vec<(String, &Provenance)> =
            vec![("drivers.chain_note".into(), &self.chain_note)];
        for (i, b) in self.budgets.iter().enumerate() {
            let f = format!("drivers.budgets[{i}]");
            for (name, lines) in [
                ("bridge", &b.bridge),
                ("spending", &b.spending),
                ("funding", &b.funding),
            ] {
                each(&mut out, &format!("{f}.{name}"), lines, |l| &l.provenance);
            }
            out.push((
                format!("{f}.contract_sum.provenance"),
                &b.contract_sum.provenance,
            ));
            out.push((
                format!("{f}.total_spending.provenance"),
                &b.total_spending.provenance,
            ));
            out.push((
                format!("{f}.total_funding.provenance"),
                &b.total_funding.provenance,
            ));
        }
        for (i, o) in self.outturns.iter().enumerate() {
            out.push((format!("drivers.outturns[{i}].provenance"), &o.provenance));
            if let Some(p) = &o.pressure {
                out.push((
                    format!("drivers.outturns[{i}].pressure.provenance"),
                    &p.provenance,
                ));
            }
        }
        for (i, s) in self.history.iter().enumerate() {
            let list = format!("drivers.history[{i}].points");
            each(&mut out, &list, &s.points, |p| &p.provenance);
        }
        each(&mut out, "drivers.comparators", &self.comparators, |c| {
            &c.provenance
        });
        let b = &self.baseline;
        for (name, s) in [
            ("children_in_care", &b.children_in_care),
            ("uasc", &b.uasc),
            ("cic_rate_per_10k", &b.cic_rate_per_10k),
            ("cp_rate_per_10k", &b.cp_rate_per_10k),
            ("children_in_need", &b.children_in_need),
            ("care_leavers", &b.care_leavers),
            ("average_caseload", &b.average_caseload),
        ] {
            out.push((format!("drivers.baseline.{name}.provenance"), &s.provenance));
        }
        for (i, p) in self.placements.iter().enumerate() {
            out.push((
                format!("drivers.placements[{i}].share_provenance"),
                &p.share_provenance,
            ));
            out.push((
                format!("drivers.placements[{i}].ratio_provenance"),
                &p.ratio_provenance,
            ));
        }
        each(&mut out, "drivers.drivers", &self.drivers, |d| {
            &d.provenance
        });
        out
    }
}

/// "2025/26" from 2025.
pub fn year_label(first: u16) -> String {
    format!("{}/{:02}", first, (first + 1) % 100)
}

/// "2025/26" → 2025: the first calendar year of a year label (the inverse of
/// [`year_label`]).
pub fn label_year(label: &str) -> Option<u16> {
    label.get(..4)?.parse().ok()
}

impl HistoryPoint {
    /// The financial year whose start this count describes: an end-of-March count
    /// (recorded against the year it ends) opens the year that follows, and an April
    /// count the year it falls in. The projection's year 0 is the count at the end of
    /// March 2025.
    pub fn start_of_year(&self) -> u16 {
        if self.date.to_lowercase().contains("april") {
            self.year
        } else {
            self.year + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::year_label;

    #[test]
    fn years_are_written_as_financial_years() {
        assert_eq!(year_label(2025), "2025/26");
        assert_eq!(year_label(2029), "2029/30");
        assert_eq!(year_label(2099), "2099/00");
    }
}
