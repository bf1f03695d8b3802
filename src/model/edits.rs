//! The user's changes to the dataset's defaults: typed keys and the edit sets keyed by
//! them. The only place where an edit key is built, written as text or read back, and
//! where edits are set, normalised against a dataset and listed as differences.
//!
//! Keys are built from stable ids (a risk's id, a driver's key, a severity point),
//! never from positions in a list, so a saved state or a link keeps pointing at the
//! same thing when the dataset's lists are reordered or extended. Their text form
//! (`R3.cic_growth.likely`, `severity.4`, `R3>R4`) is what saves and links carry.

use super::consequences::{Consequences, SeverityPoint, MAX_EDIT};
use super::interactions::{Interactions, Strength};
use super::register::{RatingKind, RegisterEdits, RiskId};
use super::scales::Rating;
use super::scenario::StressEvent;
use super::Dataset;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Driver values that differ from the defaults, keyed by the driver's key, in display
/// units (3.5 = 3.5%).
pub type DriverEdits = BTreeMap<String, f64>;

/// Changed shock sizes and severity factors.
pub type ConsequenceEdits = BTreeMap<ConsequenceKey, f64>;

/// Changed link strengths.
pub type InteractionEdits = BTreeMap<EdgeKey, Strength>;

/// One value of one of a risk's shocks: the risk, the driver the shock moves (a risk
/// moves each driver at most once, checked on load) and the severity point.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShockKey {
    pub risk: RiskId,
    pub driver: String,
    pub point: SeverityPoint,
}

/// What a consequence edit changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConsequenceKey {
    Shock(ShockKey),
    /// Retired: the severity factor for an impact level (1-5), from saves and links made
    /// before shocks were sized by financial-impact band. Read so that it can be named
    /// in the list of what could not be applied; never applied.
    Severity(u8),
}

/// The link from one risk to another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeKey {
    pub from: RiskId,
    pub to: RiskId,
}

/// The key of the edge from → to.
pub fn edge_key(from: &RiskId, to: &RiskId) -> EdgeKey {
    EdgeKey {
        from: from.clone(),
        to: to.clone(),
    }
}

/// An edit key whose text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "“{}” does not name a setting this version knows", self.0)
    }
}

impl std::error::Error for KeyError {}

const SEVERITY: &str = "severity";

fn point_text(p: SeverityPoint) -> &'static str {
    match p {
        SeverityPoint::Low => "low",
        SeverityPoint::Likely => "likely",
        SeverityPoint::High => "high",
    }
}

fn point_from(text: &str) -> Option<SeverityPoint> {
    SeverityPoint::ALL
        .into_iter()
        .find(|p| point_text(*p) == text)
}

/// Ids and driver keys in keys: letters, digits, `_` and `-` only, so the separators
/// cannot be ambiguous.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl fmt::Display for ConsequenceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsequenceKey::Shock(k) => {
                write!(f, "{}.{}.{}", k.risk, k.driver, point_text(k.point))
            }
            ConsequenceKey::Severity(i) => write!(f, "{SEVERITY}.{i}"),
        }
    }
}

impl FromStr for ConsequenceKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, KeyError> {
        let bad = || KeyError(s.chars().take(60).collect());
        let parts: Vec<&str> = s.split('.').collect();
        match parts.as_slice() {
            [SEVERITY, i] => i
                .parse::<u8>()
                .ok()
                .filter(|i| (1..=5).contains(i))
                .map(ConsequenceKey::Severity)
                .ok_or_else(bad),
            [risk, driver, point] if is_id(risk) && is_id(driver) => {
                Ok(ConsequenceKey::Shock(ShockKey {
                    risk: RiskId::new(risk),
                    driver: driver.to_string(),
                    point: point_from(point).ok_or_else(bad)?,
                }))
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for EdgeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}>{}", self.from, self.to)
    }
}

impl FromStr for EdgeKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, KeyError> {
        match s.split_once('>') {
            Some((a, b)) if is_id(a) && is_id(b) => Ok(edge_key(&RiskId::new(a), &RiskId::new(b))),
            _ => Err(KeyError(s.chars().take(60).collect())),
        }
    }
}

/// Keys are written as their text form, so saves and links stay readable JSON objects.
macro_rules! serde_as_text {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::json_path::parsed_text(d)
            }
        }
    };
}
serde_as_text!(ConsequenceKey);
serde_as_text!(EdgeKey);

impl ConsequenceKey {
    /// The risk whose shock this key names (none for a severity factor).
    pub fn risk(&self) -> Option<&RiskId> {
        match self {
            ConsequenceKey::Shock(k) => Some(&k.risk),
            ConsequenceKey::Severity(_) => None,
        }
    }

    /// Reads a key written by saved format 1, where a shock was named by its position
    /// in the risk's list (`R3.0.likely`); the dataset says which driver that was.
    pub fn from_legacy(text: &str, consequences: &Consequences) -> Option<ConsequenceKey> {
        let parts: Vec<&str> = text.split('.').collect();
        match parts.as_slice() {
            [risk, index, point] if index.chars().all(|c| c.is_ascii_digit()) => {
                let risk = RiskId::new(risk);
                let driver = consequences
                    .shocks(&risk)
                    .get(index.parse::<usize>().ok()?)?
                    .driver
                    .clone();
                Some(ConsequenceKey::Shock(ShockKey {
                    risk,
                    driver,
                    point: point_from(point)?,
                }))
            }
            _ => text.parse().ok(),
        }
    }
}

impl Consequences {
    /// The consequences with the user's edits applied (unknown keys are ignored).
    pub fn with_edits(&self, edits: &ConsequenceEdits) -> Consequences {
        let mut out = self.clone();
        for (key, v) in edits {
            match key {
                // Retired: the severity table is no longer part of the model.
                ConsequenceKey::Severity(_) => {}
                ConsequenceKey::Shock(k) => {
                    let shock = out
                        .risks
                        .iter_mut()
                        .filter(|rc| rc.risk == k.risk)
                        .flat_map(|rc| rc.shocks.iter_mut())
                        .find(|s| s.driver == k.driver);
                    if let Some(s) = shock {
                        match k.point {
                            SeverityPoint::Low => s.low = *v,
                            SeverityPoint::Likely => s.likely = *v,
                            SeverityPoint::High => s.high = *v,
                        }
                    }
                }
            }
        }
        out
    }

    /// The dataset's value for an edit key, if the key names something that exists.
    pub fn default_for(&self, key: &ConsequenceKey) -> Option<f64> {
        match key {
            ConsequenceKey::Severity(_) => None,
            ConsequenceKey::Shock(k) => self
                .shocks(&k.risk)
                .iter()
                .find(|s| s.driver == k.driver)
                .map(|s| s.at(k.point)),
        }
    }
}

impl Interactions {
    /// The strength in force for from → to: the user's edit if any, else the dataset's.
    pub fn strength(&self, edits: &InteractionEdits, from: &RiskId, to: &RiskId) -> Strength {
        edits
            .get(&edge_key(from, to))
            .copied()
            .unwrap_or_else(|| self.default_strength(from, to))
    }

    /// The n × n multiplier matrix for the risks in `ids` order: `m[a][b]` multiplies the
    /// odds of b when a happened. The diagonal is 1 (a risk does not feed itself).
    pub fn matrix(&self, ids: &[RiskId], edits: &InteractionEdits) -> Vec<Vec<f64>> {
        ids.iter()
            .map(|a| {
                ids.iter()
                    .map(|b| {
                        if a == b {
                            1.0
                        } else {
                            self.strengths.multiplier(self.strength(edits, a, b))
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The dataset's strength for from → to (none where it has no link).
    pub fn default_strength(&self, from: &RiskId, to: &RiskId) -> Strength {
        self.edge(from, to).map(|e| e.strength).unwrap_or_default()
    }
}

/// One way the working register differs from the dataset's defaults.
#[derive(Debug, Clone, PartialEq)]
pub enum Difference {
    Rating {
        risk: RiskId,
        kind: RatingKind,
        now: Rating,
        default: Rating,
    },
    Owner {
        risk: RiskId,
        now: String,
        default: String,
    },
    Appetite {
        now: u8,
        default: u8,
    },
    Driver {
        key: String,
        now: f64,
        default: f64,
    },
    /// A risk crystallising in the stress scenario.
    Stress(StressEvent),
    /// A changed shock size or severity factor.
    Consequence {
        key: ConsequenceKey,
        now: f64,
        default: f64,
    },
    /// A changed link between two risks.
    Interaction {
        from: RiskId,
        to: RiskId,
        now: Strength,
        default: Strength,
    },
    /// A simulation setting: what it is, now and by default, in words.
    Simulation {
        what: String,
        now: String,
        default: String,
    },
}

impl RegisterEdits {
    /// Only the rating changes: what the simulation and the stress scenarios depend on
    /// (an owner or the appetite changes neither, so editing them never re-runs them).
    pub fn ratings_only(&self) -> RegisterEdits {
        let risks = self
            .risks
            .iter()
            .map(|(id, e)| {
                let mut e = e.clone();
                e.owner = None;
                (id.clone(), e)
            })
            .filter(|(_, e)| !e.is_empty())
            .collect();
        RegisterEdits {
            risks,
            appetite: None,
        }
    }

    /// Drops edits that do not apply to this dataset (unknown risks) or that equal the
    /// defaults, so a state saved against another dataset cannot show phantom changes.
    pub fn normalised(mut self, dataset: &Dataset) -> RegisterEdits {
        self.risks.retain(|id, _| dataset.risk(&id.0).is_some());
        let ids: Vec<RiskId> = self.risks.keys().cloned().collect();
        for id in ids {
            let risk = dataset.risk(&id.0).expect("retained above");
            let edit = self.risks.get(&id).cloned().unwrap_or_default();
            for kind in RatingKind::ALL {
                if let Some(r) = edit.get(kind) {
                    // A rating saved on a 5×5 map, opened on a 4×4 one, is brought onto it.
                    self.set_rating(risk, kind, r.within(dataset.scales.levels()));
                }
            }
            if let Some(o) = &edit.owner {
                self.set_owner(risk, o);
            }
        }
        if let Some(a) = self.appetite {
            self.set_appetite(&dataset.scales, a);
        }
        self
    }

    /// Every difference from the defaults, in register order.
    pub fn differences(&self, dataset: &Dataset) -> Vec<Difference> {
        let mut out = Vec::new();
        for risk in &dataset.risks {
            let Some(edit) = self.risks.get(&risk.id) else {
                continue;
            };
            for kind in RatingKind::ALL {
                if let Some(now) = edit.get(kind) {
                    out.push(Difference::Rating {
                        risk: risk.id.clone(),
                        kind,
                        now,
                        default: risk.ratings.get(kind).rating(),
                    });
                }
            }
            if let Some(now) = &edit.owner {
                out.push(Difference::Owner {
                    risk: risk.id.clone(),
                    now: now.clone(),
                    default: risk.default_owner().to_string(),
                });
            }
        }
        if let Some(now) = self.appetite {
            out.push(Difference::Appetite {
                now,
                default: dataset.scales.appetite.threshold,
            });
        }
        out
    }
}

/// Sets a driver, clamped into its range; its default (or an unknown key, or a value
/// that is not a number) leaves no edit.
pub fn set_driver(edits: &mut DriverEdits, dataset: &Dataset, key: &str, value: f64) {
    let Some(spec) = dataset.drivers.driver(key) else {
        return;
    };
    set_number(
        edits,
        key.to_string(),
        value,
        spec.default,
        (spec.min, spec.max),
    );
}

/// Keeps `value`, clamped into `range`, as an edit, unless it is the default (then no
/// edit) or not a number (then nothing changes).
fn set_number<K: Ord>(
    edits: &mut BTreeMap<K, f64>,
    key: K,
    value: f64,
    default: f64,
    (lo, hi): (f64, f64),
) {
    if !value.is_finite() {
        return;
    }
    let v = value.clamp(lo, hi);
    if (v - default).abs() < 1e-9 {
        edits.remove(&key);
    } else {
        edits.insert(key, v);
    }
}

/// Sets a shock value or severity factor; the dataset's value (or an unknown key, or a
/// value that is not a number) leaves no edit. Severity factors cannot be negative.
pub fn set_consequence(
    edits: &mut ConsequenceEdits,
    dataset: &Dataset,
    key: &ConsequenceKey,
    value: f64,
) {
    let Some(default) = dataset.consequences.default_for(key) else {
        return;
    };
    set_number(edits, key.clone(), value, default, (-MAX_EDIT, MAX_EDIT));
}

/// Sets one link's strength; the dataset's own strength (or unknown risks, or a risk
/// linked to itself) leaves no edit.
pub fn set_interaction(
    edits: &mut InteractionEdits,
    dataset: &Dataset,
    key: &EdgeKey,
    s: Strength,
) {
    let (Some(a), Some(b)) = (dataset.risk(&key.from.0), dataset.risk(&key.to.0)) else {
        return;
    };
    if a.id == b.id {
        return;
    }
    if s == dataset.interactions.default_strength(&a.id, &b.id) {
        edits.remove(key);
    } else {
        edits.insert(key.clone(), s);
    }
}

/// The driver edits that this dataset knows, clamped into range, defaults dropped.
pub fn normalise_drivers(edits: DriverEdits, dataset: &Dataset) -> DriverEdits {
    let mut out = DriverEdits::new();
    for (key, value) in edits {
        set_driver(&mut out, dataset, &key, value);
    }
    out
}

/// The consequence edits that this dataset knows, clamped into range, defaults dropped.
pub fn normalise_consequences(edits: ConsequenceEdits, dataset: &Dataset) -> ConsequenceEdits {
    let mut out = ConsequenceEdits::new();
    for (key, value) in edits {
        set_consequence(&mut out, dataset, &key, value);
    }
    out
}

/// The link edits that this dataset knows, defaults dropped.
pub fn normalise_interactions(edits: InteractionEdits, dataset: &Dataset) -> InteractionEdits {
    let mut out = InteractionEdits::new();
    for (key, value) in edits {
        set_interaction(&mut out, dataset, &key, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shock(risk: &str, driver: &str, point: SeverityPoint) -> ConsequenceKey {
        ConsequenceKey::Shock(ShockKey {
            risk: RiskId::new(risk),
            driver: driver.into(),
            point,
        })
    }

    #[test]
    fn keys_round_trip_through_their_text() {
        for key in [
            shock("R3", "cic_growth", SeverityPoint::Likely),
            shock("R7", "share_childrens_homes", SeverityPoint::High),
            ConsequenceKey::Severity(4),
        ] {
            let text = key.to_string();
            assert_eq!(text.parse::<ConsequenceKey>().unwrap(), key, "{text}");
            let json = serde_json::to_string(&key).unwrap();
            assert_eq!(serde_json::from_str::<ConsequenceKey>(&json).unwrap(), key);
        }
        assert_eq!(
            shock("R3", "cic_growth", SeverityPoint::Likely).to_string(),
            "R3.cic_growth.likely"
        );
        let e = edge_key(&RiskId::new("R3"), &RiskId::new("R4"));
        assert_eq!(e.to_string(), "R3>R4");
        assert_eq!("R3>R4".parse::<EdgeKey>().unwrap(), e);
    }

    #[test]
    fn bad_key_text_is_refused_with_a_message() {
        for bad in [
            "",
            "severity.0",
            "severity.6",
            "severity.x",
            "R3.cic_growth.worst",
            "R3..likely",
            "R3.a.b.c",
            "R<3.x.low",
        ] {
            let err = bad.parse::<ConsequenceKey>().unwrap_err();
            assert!(err.to_string().contains("does not name a setting"), "{bad}");
        }
        for bad in ["R3", "R3>", ">R4", "R3>R4>R5", "R 3>R4"] {
            assert!(bad.parse::<EdgeKey>().is_err(), "{bad}");
        }
        let json = r#"{"R3.cic_growth.sideways": 1.0}"#;
        assert!(serde_json::from_str::<ConsequenceEdits>(json).is_err());
    }

    #[test]
    fn legacy_positional_keys_name_the_same_shock() {
        let ds = Dataset::builtin().unwrap();
        let c = &ds.consequences;
        let r3 = RiskId::new("R3");
        let second = c.shocks(&r3)[1].driver.clone();
        assert_eq!(
            ConsequenceKey::from_legacy("R3.1.high", c),
            Some(shock("R3", &second, SeverityPoint::High))
        );
        assert_eq!(
            ConsequenceKey::from_legacy("severity.4", c),
            Some(ConsequenceKey::Severity(4))
        );
        assert_eq!(ConsequenceKey::from_legacy("R3.99.high", c), None);
        assert_eq!(ConsequenceKey::from_legacy("R99.0.high", c), None);
    }

    #[test]
    fn edits_apply_by_key_and_unknown_keys_are_ignored() {
        let ds = Dataset::builtin().unwrap();
        let c = &ds.consequences;
        let r3 = RiskId::new("R3");
        let first = c.shocks(&r3)[0].clone();
        let mut e = ConsequenceEdits::new();
        e.insert(shock("R3", &first.driver, SeverityPoint::Likely), 9.0);
        e.insert(ConsequenceKey::Severity(4), 3.0);
        e.insert(shock("R99", &first.driver, SeverityPoint::Likely), 1.0);
        e.insert(shock("R3", "no_such_driver", SeverityPoint::Likely), 1.0);
        let edited = c.with_edits(&e);
        assert_eq!(edited.shocks(&r3)[0].likely, 9.0);
        assert_eq!(edited.shocks(&r3)[0].low, first.low);
        assert_eq!(
            c.default_for(&ConsequenceKey::Severity(3)),
            None,
            "the severity table is retired: its edits are never applied"
        );
        assert_eq!(
            c.default_for(&shock("R3", &first.driver, SeverityPoint::High)),
            Some(first.high)
        );
        assert_eq!(
            c.default_for(&shock("R99", &first.driver, SeverityPoint::High)),
            None
        );
        let normalised = normalise_consequences(e, &ds);
        assert_eq!(
            normalised.len(),
            1,
            "unknown risks and drivers, and retired severity factors, are dropped"
        );
    }

    #[test]
    fn setting_the_default_leaves_no_edit() {
        let ds = Dataset::builtin().unwrap();
        let mut e = InteractionEdits::new();
        let (a, b) = (RiskId::new("R3"), RiskId::new("R4"));
        let default = ds.interactions.default_strength(&a, &b);
        set_interaction(&mut e, &ds, &edge_key(&a, &b), Strength::None);
        assert_eq!(e.len(), usize::from(default != Strength::None));
        set_interaction(&mut e, &ds, &edge_key(&a, &b), default);
        assert!(e.is_empty());
        set_interaction(&mut e, &ds, &edge_key(&a, &a), Strength::Strong);
        assert!(e.is_empty(), "a risk is never linked to itself");
    }
}
