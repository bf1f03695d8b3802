//! What each risk does to the drivers when its event happens in a year: shocks with
//! low / most likely / high values, one-off or persistent, scaled by the risk's impact.
//! Also the presets a facilitator can start from.

use super::drivers::DriversData;
use super::error::DatasetError;
use super::provenance::{each, Provenance};
use super::register::{known_risk, RiskId};
use serde::{Deserialize, Serialize};

/// A shock target that is not an ordinary driver: extra spend in £m that year.
pub const EXTRA_COST: &str = "extra_cost";

/// Whether a shock lasts one year or shifts the driver from that year on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    OneOff,
    Persistent,
}

/// Which point of the shock's range a scenario uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
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
    /// The change this shock makes at a severity point, scaled by the risk's factor.
    pub fn applied(&self, point: SeverityPoint, factor: f64) -> f64 {
        self.at(point) * factor
    }

    pub fn at(&self, point: SeverityPoint) -> f64 {
        match point {
            SeverityPoint::Low => self.low,
            SeverityPoint::Likely => self.likely,
            SeverityPoint::High => self.high,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskConsequences {
    pub risk: RiskId,
    pub shocks: Vec<Shock>,
}

/// The multiplier applied to every shock of a risk, by the impact score of its rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityTable {
    /// Factors for impact 1 to 5 (impact 3 → 1.0).
    pub factors: [f64; 5],
    pub provenance: Provenance,
}

/// One risk crystallising, in a scenario or a preset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StressEvent {
    pub risk: RiskId,
    /// Year index from the baseline year (0 = 2025/26).
    pub year: usize,
    #[serde(default)]
    pub point: SeverityPoint,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub name: String,
    /// Why the combination is plausible, from the sources.
    pub why: String,
    pub provenance: Provenance,
    pub events: Vec<StressEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consequences {
    pub severity: SeverityTable,
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
        let f = &self.severity.factors;
        if f.iter().any(|x| !x.is_finite() || *x < 0.0) || f.windows(2).any(|w| w[1] < w[0]) {
            return Err(DatasetError::field(
                "consequences.severity.factors",
                "must be five non-negative factors that rise with impact",
            ));
        }
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
        let mut out: Vec<(String, &Provenance)> = vec![(
            "consequences.severity.provenance".into(),
            &self.severity.provenance,
        )];
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

/// The largest factor or shock size accepted, so a typing slip cannot swamp the model.
pub const MAX_EDIT: f64 = 1000.0;
