//! The 5×5 scoring scales: likelihood, impact, score bands, appetite and the
//! likelihood → annual probability mapping. Every invariant is checked at load.

use super::provenance::Provenance;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How likely a risk's event is, 1 (Rare) to 5 (Almost certain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "u8")]
pub struct Likelihood(u8);

/// How bad the event would be, 1 (Minor) to 5 (Severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "u8")]
pub struct Impact(u8);

/// A likelihood or impact outside 1..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelError {
    /// "Likelihood" or "Impact".
    pub what: &'static str,
    pub got: u8,
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be a whole number from 1 to 5, not {}",
            self.what, self.got
        )
    }
}

impl std::error::Error for LevelError {}

macro_rules! level_newtype {
    ($t:ident, $what:literal) => {
        impl $t {
            pub const MIN: u8 = 1;
            pub const MAX: u8 = 5;

            /// A level, or a plain-words error when out of 1..=5.
            pub fn new(level: u8) -> Result<Self, LevelError> {
                if (Self::MIN..=Self::MAX).contains(&level) {
                    Ok(Self(level))
                } else {
                    Err(LevelError {
                        what: $what,
                        got: level,
                    })
                }
            }

            /// The level clamped into 1..=5 (for keyboard and drag moves at the edges).
            pub fn saturating(level: i32) -> Self {
                Self(level.clamp(Self::MIN as i32, Self::MAX as i32) as u8)
            }

            pub fn get(self) -> u8 {
                self.0
            }

            /// Zero-based index into a scale's level list.
            pub fn index(self) -> usize {
                (self.0 - 1) as usize
            }

            pub fn all() -> impl Iterator<Item = Self> {
                (Self::MIN..=Self::MAX).map(Self)
            }

            /// The levels of a scale with `levels` levels (4 or 5), lowest first.
            pub fn up_to(levels: u8) -> impl Iterator<Item = Self> {
                (Self::MIN..=levels.clamp(Self::MIN, Self::MAX)).map(Self)
            }

            /// This level, brought down onto a scale of `levels` levels.
            pub fn within(self, levels: u8) -> Self {
                Self(self.0.min(levels.clamp(Self::MIN, Self::MAX)))
            }
        }

        impl TryFrom<u8> for $t {
            type Error = LevelError;
            fn try_from(v: u8) -> Result<Self, LevelError> {
                Self::new(v)
            }
        }

        impl From<$t> for u8 {
            fn from(v: $t) -> u8 {
                v.0
            }
        }

        /// Read as a whole number; out of range is refused inside serde's visitor, so a
        /// JSON reader's error names this field (not the object around it).
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::json_path::checked_u8(d, Self::new)
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

level_newtype!(Likelihood, "Likelihood");
level_newtype!(Impact, "Impact");

/// In the dataset's JSON Schema a level is a whole number from 1 to 5 (4 on a 4-level
/// scale, which the dataset's own check enforces).
#[cfg(feature = "schema")]
macro_rules! level_schema {
    ($t:ident, $what:literal) => {
        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($t).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": $what,
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 5
                })
            }
        }
    };
}

#[cfg(feature = "schema")]
level_schema!(
    Likelihood,
    "A likelihood level, 1 (the lowest) to the scale's number of levels (4 or 5)."
);
#[cfg(feature = "schema")]
level_schema!(
    Impact,
    "An impact level, 1 (the lowest) to the scale's number of levels (4 or 5)."
);

/// A risk score, likelihood × impact, 1 to 25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Score(pub u8);

impl Score {
    /// The appetite rule, the one place it is written: a score is outside appetite
    /// when it is above the threshold (a score equal to the threshold is within it).
    pub fn above(self, appetite: u8) -> bool {
        self.0 > appetite
    }
}

/// One point on the 5×5 map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rating {
    pub likelihood: Likelihood,
    pub impact: Impact,
}

impl Rating {
    pub fn new(likelihood: u8, impact: u8) -> Result<Self, LevelError> {
        Ok(Rating {
            likelihood: Likelihood::new(likelihood)?,
            impact: Impact::new(impact)?,
        })
    }

    pub fn score(self) -> Score {
        Score(self.likelihood.0 * self.impact.0)
    }

    /// This rating moved by whole steps, staying on a 5×5 map.
    pub fn moved(self, d_likelihood: i32, d_impact: i32) -> Rating {
        self.moved_within(d_likelihood, d_impact, Likelihood::MAX)
    }

    /// This rating moved by whole steps, staying on a map of `levels` levels (4 or 5).
    pub fn moved_within(self, d_likelihood: i32, d_impact: i32, levels: u8) -> Rating {
        Rating {
            likelihood: Likelihood::saturating(self.likelihood.0 as i32 + d_likelihood)
                .within(levels),
            impact: Impact::saturating(self.impact.0 as i32 + d_impact).within(levels),
        }
    }

    /// This rating brought onto a map of `levels` levels (a level above its top reads as
    /// the top).
    pub fn within(self, levels: u8) -> Rating {
        Rating {
            likelihood: self.likelihood.within(levels),
            impact: self.impact.within(levels),
        }
    }
}

/// One likelihood level: its name, what it means, and the chance of the event over the
/// scale's period (the five-year plan), from which the annual chance is derived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LikelihoodLevel {
    pub level: u8,
    pub label: String,
    pub descriptor: String,
    /// Probability that the risk's event happens at least once in the scale's period, 0-1.
    pub chance_in_period: f64,
}

/// One impact level, described per dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ImpactLevel {
    pub level: u8,
    pub label: String,
    /// Lower bound of the financial band as % of the annual contract sum (upper bound
    /// is the next level's lower bound; the top level is open-ended).
    pub financial_from_pct: f64,
    pub service: String,
    pub regulatory: String,
}

/// A score band such as "High: 10-14".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    pub min: u8,
    pub max: u8,
    /// Fill colour for the map and badges (ordered, colour-blind-safe scheme).
    pub colour: String,
    /// Text colour on that fill (chosen for ≥ 4.5:1 contrast).
    pub text_colour: String,
    pub meaning: String,
}

/// The risk appetite: scores above the threshold are outside appetite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Appetite {
    pub threshold: u8,
    pub provenance: Provenance,
}

/// The annual contract sum that the financial impact bands are relative to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContractSum {
    pub year: String,
    pub gbp_m: f64,
    pub provenance: Provenance,
}

/// The open-ended top financial band is read as ending at this % of the contract sum
/// (an assumption: about twice the bottom of the band, and more than the worst year the
/// sources record, £18m gross in 2023/24).
pub const TOP_BAND_CAP_PCT: f64 = 10.0;

/// The annual chance that gives chance `p` over `years` years: 1 − (1 − p)^(1/years).
pub fn annual_from_period(p: f64, years: f64) -> f64 {
    if p.is_nan() || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let years = if years.is_finite() && years >= 1.0 {
        years
    } else {
        1.0
    };
    1.0 - libm::pow(1.0 - p, 1.0 / years)
}

/// All scales of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scales {
    /// The period the likelihood labels speak of, in years (the plan: 5).
    pub likelihood_period_years: f64,
    pub likelihood: Vec<LikelihoodLevel>,
    pub likelihood_probability_provenance: Provenance,
    pub impact: Vec<ImpactLevel>,
    pub impact_provenance: Provenance,
    pub contract_sum: ContractSum,
    pub bands: Vec<Band>,
    pub bands_provenance: Provenance,
    pub appetite: Appetite,
}

/// The scales a dataset may use: 4 or 5 levels of likelihood and of impact.
pub const SCALE_LEVELS: [usize; 2] = [4, 5];

impl Scales {
    /// How many levels each scale has (4 or 5, validated; the two scales agree).
    pub fn levels(&self) -> u8 {
        self.likelihood.len() as u8
    }

    /// The highest score on these scales: 25 on a 5×5 register, 16 on a 4×4 one.
    pub fn max_score(&self) -> u8 {
        self.levels() * self.levels()
    }

    /// The level's entry; a level above a 4-level scale's top (which the 1-5 level types
    /// can hold) reads as the top level rather than failing.
    pub fn likelihood_level(&self, l: Likelihood) -> &LikelihoodLevel {
        &self.likelihood[l.index().min(self.likelihood.len() - 1)]
    }

    /// As [`Scales::likelihood_level`], for impact.
    pub fn impact_level(&self, i: Impact) -> &ImpactLevel {
        &self.impact[i.index().min(self.impact.len() - 1)]
    }

    /// The band a score falls in (bands are validated to cover 1..=25 without gaps).
    pub fn band_of(&self, score: Score) -> &Band {
        self.bands
            .iter()
            .find(|b| (b.min..=b.max).contains(&score.0))
            .unwrap_or_else(|| self.bands.last().expect("validated: at least one band"))
    }

    /// Index of the band a score falls in (0 = lowest).
    pub fn band_index(&self, score: Score) -> usize {
        self.bands
            .iter()
            .position(|b| (b.min..=b.max).contains(&score.0))
            .unwrap_or(self.bands.len() - 1)
    }

    /// Annual probability of the event at a likelihood level: the chance in a year that,
    /// repeated over the period, gives the level's chance in the period:
    /// 1 − (1 − P)^(1 / years).
    pub fn annual_probability(&self, l: Likelihood) -> f64 {
        annual_from_period(
            self.likelihood_level(l).chance_in_period,
            self.likelihood_period_years,
        )
    }

    /// The top of an impact level's financial band in £m a year; the open-ended top level
    /// is capped at [`TOP_BAND_CAP_PCT`] of the contract sum.
    pub fn financial_band_capped(&self, i: Impact) -> (f64, f64) {
        let (from, to) = self.financial_band_gbp_m(i);
        let cap = TOP_BAND_CAP_PCT / 100.0 * self.contract_sum.gbp_m;
        (from, to.unwrap_or(cap.max(from)))
    }

    /// Financial band of an impact level in £m a year: (from, to), `to` None for the top level.
    pub fn financial_band_gbp_m(&self, i: Impact) -> (f64, Option<f64>) {
        let pct = |lvl: &ImpactLevel| lvl.financial_from_pct / 100.0 * self.contract_sum.gbp_m;
        let from = pct(self.impact_level(i));
        let to = self.impact.get(i.index() + 1).map(pct);
        (from, to)
    }

    /// Checks every invariant; the message names the field.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let err = |field: &str, msg: String| Err((field.to_string(), msg));
        if !(self.likelihood_period_years.is_finite()
            && (1.0..=25.0).contains(&self.likelihood_period_years))
        {
            return err(
                "scales.likelihood_period_years",
                "must be a number of years from 1 to 25".to_string(),
            );
        }
        let n = self.likelihood.len();
        if !SCALE_LEVELS.contains(&n) {
            return err(
                "scales.likelihood",
                format!("needs 4 or 5 levels (the common UK register scales), found {n}"),
            );
        }
        if self.impact.len() != n {
            return err(
                "scales.impact",
                format!(
                    "needs as many levels as the likelihood scale ({n}), found {}",
                    self.impact.len()
                ),
            );
        }
        let top = self.max_score();
        let mut last_p = 0.0;
        for (i, l) in self.likelihood.iter().enumerate() {
            let field = format!("scales.likelihood[{i}]");
            if l.level as usize != i + 1 {
                return err(
                    &format!("{field}.level"),
                    format!("levels must run 1 to {n} in order; found {}", l.level),
                );
            }
            if !(l.chance_in_period > 0.0 && l.chance_in_period < 1.0) {
                return err(
                    &format!("{field}.chance_in_period"),
                    format!(
                        "must be a probability between 0 and 1 (exclusive), not {}",
                        l.chance_in_period
                    ),
                );
            }
            if l.chance_in_period <= last_p {
                return err(
                    &format!("{field}.chance_in_period"),
                    "probabilities must increase with the likelihood level".to_string(),
                );
            }
            last_p = l.chance_in_period;
            if l.label.trim().is_empty() {
                return err(&format!("{field}.label"), "must not be empty".to_string());
            }
        }
        let mut last_pct = -1.0;
        for (i, l) in self.impact.iter().enumerate() {
            let field = format!("scales.impact[{i}]");
            if l.level as usize != i + 1 {
                return err(
                    &format!("{field}.level"),
                    format!("levels must run 1 to {n} in order; found {}", l.level),
                );
            }
            if !(l.financial_from_pct.is_finite() && l.financial_from_pct > last_pct) {
                return err(
                    &format!("{field}.financial_from_pct"),
                    "financial bands must start at 0 or more and increase with the level"
                        .to_string(),
                );
            }
            last_pct = l.financial_from_pct;
            if l.label.trim().is_empty() {
                return err(&format!("{field}.label"), "must not be empty".to_string());
            }
        }
        if !(self.contract_sum.gbp_m.is_finite() && self.contract_sum.gbp_m > 0.0) {
            return err(
                "scales.contract_sum.gbp_m",
                "must be a positive amount in £m".to_string(),
            );
        }
        if self.bands.is_empty() {
            return err("scales.bands", "needs at least one band".to_string());
        }
        let mut next = 1u8;
        for (i, b) in self.bands.iter().enumerate() {
            if b.min != next || b.max < b.min {
                return err(
                    &format!("scales.bands[{i}]"),
                    format!(
                        "bands must cover scores 1 to {top} in order without gaps; expected this band to start at {next}"
                    ),
                );
            }
            next = b.max.saturating_add(1);
        }
        if u16::from(next) != u16::from(top) + 1 {
            return err(
                "scales.bands",
                format!("the last band must end at {top} (the highest score)"),
            );
        }
        if !(1..=top).contains(&self.appetite.threshold) {
            return err(
                "scales.appetite.threshold",
                format!(
                    "must be a score from 1 to {top}, not {}",
                    self.appetite.threshold
                ),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_product() {
        for l in 1..=5 {
            for i in 1..=5 {
                assert_eq!(Rating::new(l, i).unwrap().score(), Score(l * i));
            }
        }
    }

    #[test]
    fn levels_reject_out_of_range() {
        assert!(Likelihood::new(0).is_err());
        assert!(Impact::new(6).is_err());
        assert_eq!(
            Likelihood::new(9).unwrap_err().to_string(),
            "Likelihood must be a whole number from 1 to 5, not 9"
        );
        assert!(serde_json::from_str::<Likelihood>("7").is_err());
        assert_eq!(serde_json::from_str::<Impact>("4").unwrap().get(), 4);
    }

    #[test]
    fn moves_stay_on_the_map() {
        let r = Rating::new(5, 1).unwrap();
        assert_eq!(r.moved(1, -1), r);
        assert_eq!(r.moved(-2, 3), Rating::new(3, 4).unwrap());
        // On a 4×4 map the top is 4.
        let r = Rating::new(4, 3).unwrap();
        assert_eq!(r.moved_within(1, 1, 4), Rating::new(4, 4).unwrap());
        assert_eq!(r.moved_within(1, 5, 4), Rating::new(4, 4).unwrap());
        assert_eq!(
            Rating::new(5, 5).unwrap().within(4),
            Rating::new(4, 4).unwrap()
        );
        assert_eq!(Likelihood::up_to(4).count(), 4);
        assert_eq!(Impact::up_to(5).last(), Impact::new(5).ok());
    }
}
