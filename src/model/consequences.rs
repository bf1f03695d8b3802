//! What each risk does to the drivers when its event happens in a year: shocks with
//! low / most likely / high values, one-off, a step or persistent, sized (see
//! [`super::sizing`]) by the financial impact of the risk's rating. Also the presets a
//! facilitator can start from.

use super::drivers::DriversData;
use super::error::DatasetError;
use super::projection::Field;
use super::provenance::{each, Provenance};
use super::register::{known_risk, RiskId};
use serde::{Deserialize, Serialize};

/// A shock target that is not an ordinary driver: extra spend in £m that year.
pub const EXTRA_COST: &str = "extra_cost";

/// How long a shock lasts, said truthfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// That year only, and it leaves nothing behind: a cost, a share or a rate of
    /// delivery that is back to normal the next year. Not allowed on a driver that
    /// builds a level (a growth rate, inflation, the uplift, a savings target).
    OneOff,
    /// A growth rate (or new savings target) changed for that year only: the level it
    /// raised stays raised from then on. Only for drivers that build a level.
    Step,
    /// From that year on: a level, share or cost stays shifted, or a rate stays changed
    /// every year (so its level keeps drifting).
    Persistent,
}

impl Timing {
    pub fn label(self) -> &'static str {
        match self {
            Timing::OneOff => "one-off (that year only)",
            Timing::Step => "a lasting step (one year's change; the level stays)",
            Timing::Persistent => "persistent (from that year on)",
        }
    }
}

/// Which point of the shock's range a scenario uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SeverityPoint {
    Low,
    #[default]
    Likely,
    High,
}

impl SeverityPoint {
    pub const ALL: [SeverityPoint; 3] = [
        SeverityPoint::Low,
        SeverityPoint::Likely,
        SeverityPoint::High,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SeverityPoint::Low => "Low",
            SeverityPoint::Likely => "Most likely",
            SeverityPoint::High => "High",
        }
    }
}

/// One change a risk's event makes to one driver, in the driver's display unit
/// (percentage points for a % driver, £m for extra cost). `low` is the mildest
/// plausible change and `high` the most severe; values may be negative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Shock {
    /// A driver key, or "extra_cost".
    pub driver: String,
    pub low: f64,
    pub likely: f64,
    pub high: f64,
    pub timing: Timing,
    /// What the shock means, in plain words.
    pub explain: String,
    pub provenance: Provenance,
}

/// What a shock acts on, in words: the driver's label, or "Extra spend".
pub fn target_label(drivers: &DriversData, key: &str) -> String {
    if key == EXTRA_COST {
        "Extra spend".to_string()
    } else {
        drivers.label(key)
    }
}

impl Shock {
    pub fn at(&self, point: SeverityPoint) -> f64 {
        match point {
            SeverityPoint::Low => self.low,
            SeverityPoint::Likely => self.likely,
            SeverityPoint::High => self.high,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RiskConsequences {
    pub risk: RiskId,
    pub shocks: Vec<Shock>,
}

/// One risk crystallising, in a scenario or a preset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StressEvent {
    pub risk: RiskId,
    /// Year index from the baseline year (0 = 2025/26).
    pub year: usize,
    #[serde(default)]
    pub point: SeverityPoint,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub name: String,
    /// Why the combination is plausible, from the sources.
    pub why: String,
    pub provenance: Provenance,
    pub events: Vec<StressEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Consequences {
    pub risks: Vec<RiskConsequences>,
    pub presets: Vec<Preset>,
}

impl Consequences {
    pub fn shocks(&self, risk: &RiskId) -> &[Shock] {
        self.risks
            .iter()
            .find(|r| &r.risk == risk)
            .map(|r| r.shocks.as_slice())
            .unwrap_or(&[])
    }

    /// Checks every invariant; the error names the field.
    pub fn validate(&self, risk_ids: &[RiskId], drivers: &DriversData) -> Result<(), DatasetError> {
        for (i, rc) in self.risks.iter().enumerate() {
            let field = format!("consequences.risks[{i}]");
            known_risk(risk_ids, &rc.risk, &format!("{field}.risk"))?;
            for (k, s) in rc.shocks.iter().enumerate() {
                let sf = format!("{field}.shocks[{k}]");
                if s.driver != EXTRA_COST && drivers.driver(&s.driver).is_none() {
                    return Err(DatasetError::field(
                        &format!("{sf}.driver"),
                        &format!("\"{}\" is not a driver (or \"{EXTRA_COST}\")", s.driver),
                    ));
                }
                let builds = builds_level(drivers, &s.driver);
                if s.timing == Timing::OneOff && builds {
                    return Err(DatasetError::field(
                        &format!("{sf}.timing"),
                        &format!(
                            "\"{}\" builds a level, so a one-year change leaves the level raised: use \"step\" (or \"persistent\")",
                            s.driver
                        ),
                    ));
                }
                if s.timing == Timing::Step && !builds {
                    return Err(DatasetError::field(
                        &format!("{sf}.timing"),
                        &format!(
                            "\"step\" is for drivers that build a level (growth rates, inflation, the uplift, savings targets); use \"one_off\" or \"persistent\" for \"{}\"",
                            s.driver
                        ),
                    ));
                }
                if rc.shocks[..k].iter().any(|o| o.driver == s.driver) {
                    return Err(DatasetError::field(
                        &format!("{sf}.driver"),
                        &format!(
                            "{} already has a shock to \"{}\"; a risk moves each driver once",
                            rc.risk, s.driver
                        ),
                    ));
                }
                if ![s.low, s.likely, s.high].iter().all(|v| v.is_finite()) {
                    return Err(DatasetError::field(
                        &sf,
                        "low, likely and high must be numbers",
                    ));
                }
                let ordered = (s.low <= s.likely && s.likely <= s.high)
                    || (s.low >= s.likely && s.likely >= s.high);
                if !ordered {
                    return Err(DatasetError::field(
                        &sf,
                        "the most likely value must lie between low and high",
                    ));
                }
            }
        }
        for (i, p) in self.presets.iter().enumerate() {
            for (k, e) in p.events.iter().enumerate() {
                let ef = format!("consequences.presets[{i}].events[{k}]");
                known_risk(risk_ids, &e.risk, &format!("{ef}.risk"))?;
                if e.year >= drivers.horizon_years as usize {
                    return Err(DatasetError::field(
                        &format!("{ef}.year"),
                        "must be a year index within the horizon (0 = the baseline year)",
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn provenances(&self) -> Vec<(String, &Provenance)> {
        let mut out: Vec<(String, &Provenance)> = Vec::new();
        for (i, rc) in self.risks.iter().enumerate() {
            let list = format!("consequences.risks[{i}].shocks");
            each(&mut out, &list, &rc.shocks, |s| &s.provenance);
        }
        each(&mut out, "consequences.presets", &self.presets, |p| {
            &p.provenance
        });
        out
    }
}

/// Whether a shock's driver builds a level the next year starts from (see
/// [`Field::builds_level`]), so a one-year change to it is a lasting step, not a one-off.
pub fn builds_level(drivers: &DriversData, driver: &str) -> bool {
    Field::of(drivers, driver).is_some_and(Field::builds_level)
}

/// The largest factor or shock size accepted, so a typing slip cannot swamp the model.
pub const MAX_EDIT: f64 = 1000.0;
