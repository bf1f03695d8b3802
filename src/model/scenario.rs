//! Stress scenarios: chosen risks crystallise in chosen years at a chosen severity point;
//! their shocks, sized by each risk's financial-impact band ([`super::sizing`]), move
//! the drivers; the projection runs for the baseline, each risk alone and all together;
//! management action (at its most likely capacity) and re-basing turn each year's gap
//! into gross pressure and net outturn ([`super::finance`]). The compounding excess is
//! how much worse together is than the sum of the parts:
//! (together − baseline) − Σ (alone − baseline), on five-year gross pressure and on
//! five-year net outturn, separately. Deterministic, and no follow-on risks
//! (interactions belong to the simulation).

use super::consequences::{Consequences, Timing, EXTRA_COST};
use super::finance::{self, Ledger, Management, Totals, YearMoney};
use super::projection::{
    driver_value, project_years_on, DriverEdits, Field, Projection, Projector, Settings,
};
use super::register::{RatingKind, RegisterEdits};
use super::Dataset;
use std::collections::BTreeMap;

pub use super::consequences::StressEvent;

/// What a scenario runs on: the dataset, the consequences in force (the dataset's with
/// the user's edits), the driver settings, the register, and whether management action
/// and re-basing apply.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub ds: &'a Dataset,
    pub consequences: &'a Consequences,
    pub edits: &'a DriverEdits,
    pub register: &'a RegisterEdits,
    pub managed: bool,
}

impl<'a> Inputs<'a> {
    /// The dataset's own consequences, unedited, with management action.
    pub fn new(ds: &'a Dataset, edits: &'a DriverEdits, register: &'a RegisterEdits) -> Self {
        Inputs {
            ds,
            consequences: &ds.consequences,
            edits,
            register,
            managed: true,
        }
    }

    pub fn management(&self) -> Management {
        Management::from_edits(&self.ds.drivers, self.edits, self.managed)
    }
}

/// Which shocks a projection includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Include {
    All,
    /// Without the one-off shocks: what is still there the next year.
    Lasting,
}

/// The settings for each year with these events' shocks applied, each event's shocks
/// multiplied by its factor (`factors[i]` for `events[i]`): one-off shocks and steps in
/// their year, persistent ones from their year on, stacked, then clamped to each
/// driver's range.
pub fn shocked_settings(
    inp: Inputs,
    events: &[StressEvent],
    factors: &[f64],
    include: Include,
) -> Vec<Settings> {
    shocked_settings_from(
        &Settings::from_edits(&inp.ds.drivers, inp.edits),
        inp,
        events,
        factors,
        include,
    )
}

/// What the events' shocks add in year `t`: to each driver they move (by key, in key
/// order), and in extra spend, £m.
pub(crate) fn year_deltas<'a>(
    inp: Inputs<'a>,
    events: &[StressEvent],
    factors: &[f64],
    include: Include,
    t: usize,
) -> (BTreeMap<&'a str, f64>, f64) {
    let mut deltas: BTreeMap<&str, f64> = BTreeMap::new();
    let mut extra_cost = 0.0;
    for (e, factor) in events.iter().zip(factors) {
        for s in inp.consequences.shocks(&e.risk) {
            let applies = match s.timing {
                Timing::OneOff => include == Include::All && t == e.year,
                Timing::Step => t == e.year,
                Timing::Persistent => t >= e.year,
            };
            if !applies {
                continue;
            }
            let v = s.at(e.point) * factor;
            if s.driver == EXTRA_COST {
                extra_cost += v;
            } else {
                *deltas.entry(s.driver.as_str()).or_insert(0.0) += v;
            }
        }
    }
    (deltas, extra_cost)
}

/// [`shocked_settings`] from the settings of the edits without a scenario.
fn shocked_settings_from(
    unshocked: &Settings,
    inp: Inputs,
    events: &[StressEvent],
    factors: &[f64],
    include: Include,
) -> Vec<Settings> {
    let (data, edits) = (&inp.ds.drivers, inp.edits);
    (0..data.horizon_years as usize)
        .map(|t| {
            let (deltas, extra_cost) = year_deltas(inp, events, factors, include, t);
            if deltas.is_empty() {
                return Settings {
                    extra_cost,
                    ..unshocked.clone()
                };
            }
            // A moved share needs every share balanced again: settings from the year's
            // edits. Another driver is set alone, converted as the edits' settings are,
            // so the numbers are the same bit for bit.
            let fields: Option<Vec<Field>> = deltas
                .keys()
                .map(|k| Field::of(data, k).filter(|f| !matches!(f, Field::Share(_))))
                .collect();
            let Some(fields) = fields else {
                let mut year_edits = edits.clone();
                for (key, d) in deltas {
                    year_edits.insert(key.to_string(), driver_value(data, edits, key) + d);
                }
                let mut settings = Settings::from_edits(data, &year_edits);
                settings.extra_cost = extra_cost;
                return settings;
            };
            let mut settings = Settings {
                extra_cost,
                ..unshocked.clone()
            };
            for ((key, d), field) in deltas.into_iter().zip(fields) {
                let spec = data
                    .driver(key)
                    .expect("a driver with a field is in the dataset");
                let v = spec.value(edits.get(key).copied()) + d;
                settings.set_display(field, spec.value(Some(v)));
            }
            settings
        })
        .collect()
}

/// Each event's shock factor at the current rating (see [`super::sizing`]).
pub fn factors(inp: Inputs, events: &[StressEvent]) -> Vec<f64> {
    factors_on(&projector(inp), inp, events)
}

fn factors_on(p: &Projector, inp: Inputs, events: &[StressEvent]) -> Vec<f64> {
    events
        .iter()
        .map(|e| super::sizing::factor_on(p, inp, &e.risk, RatingKind::Current))
        .collect()
}

/// The projector for the inputs' edits, which every projection on them shares.
pub fn projector(inp: Inputs) -> Projector {
    Projector::new(&inp.ds.drivers, inp.edits)
}

/// Projects the drivers with these events at these factors.
pub fn project_at(inp: Inputs, events: &[StressEvent], factors: &[f64]) -> Projection {
    project_at_on(&projector(inp), inp, events, factors)
}

/// [`project_at`] on the inputs' projector.
pub fn project_at_on(
    p: &Projector,
    inp: Inputs,
    events: &[StressEvent],
    factors: &[f64],
) -> Projection {
    project_years_on(
        p,
        &inp.ds.drivers,
        &shocked_settings_from(p.unshocked(), inp, events, factors, Include::All),
    )
}

/// Projects the drivers with these events, sized at the current rating.
pub fn project_with(inp: Inputs, events: &[StressEvent]) -> Projection {
    project_at(inp, events, &factors(inp, events))
}

/// A projection and its money: the gap turned into gross pressure and net outturn.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub projection: Projection,
    pub money: Vec<YearMoney>,
}

impl Outcome {
    pub fn totals(&self) -> Totals {
        finance::totals(&self.money)
    }
}

/// The two money measures a stress scenario compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Gross in-year pressure, before management action.
    Gross,
    /// The Trust's net outturn, after in-year offsets.
    Net,
}

impl Measure {
    pub const ALL: [Measure; 2] = [Measure::Gross, Measure::Net];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Gross => "gross in-year pressure",
            Measure::Net => "net outturn",
        }
    }
}

/// Projects with these events and closes each year's books at the most likely offset
/// capacity: the stress scenario's outcome.
pub fn outcome(inp: Inputs, events: &[StressEvent], factors: &[f64]) -> Outcome {
    outcome_on(&projector(inp), inp, events, factors)
}

fn outcome_on(p: &Projector, inp: Inputs, events: &[StressEvent], factors: &[f64]) -> Outcome {
    let all = project_at_on(p, inp, events, factors);
    let has_one_off = events.iter().any(|e| {
        inp.consequences
            .shocks(&e.risk)
            .iter()
            .any(|s| s.timing == Timing::OneOff)
    });
    let lasting = has_one_off.then(|| {
        project_years_on(
            p,
            &inp.ds.drivers,
            &shocked_settings_from(p.unshocked(), inp, events, factors, Include::Lasting),
        )
    });
    let m = inp.management();
    let mut ledger = Ledger::default();
    let money = all
        .years
        .iter()
        .enumerate()
        .map(|(t, y)| {
            let one_off = lasting.as_ref().map_or(0.0, |l| y.gap - l.years[t].gap);
            ledger.close(y.gap, one_off, m.likely_capacity(), &m)
        })
        .collect();
    Outcome {
        projection: all,
        money,
    }
}

/// The scenario's results: baseline, each risk alone, all together.
#[derive(Debug, Clone, PartialEq)]
pub struct StressResult {
    pub events: Vec<StressEvent>,
    /// Each event's shock factor (its risk's financial-impact sizing).
    pub factors: Vec<f64>,
    pub baseline: Projection,
    /// One projection per event, in the order of `events`.
    pub alone: Vec<Projection>,
    pub together: Projection,
    /// The money of each: baseline, alone (per event), together.
    pub baseline_money: Vec<YearMoney>,
    pub alone_money: Vec<Vec<YearMoney>>,
    pub together_money: Vec<YearMoney>,
    /// Whether management action and re-basing applied.
    pub managed: bool,
}

/// Five-year total of a measure over a money path, £m.
fn five(money: &[YearMoney], m: Measure) -> f64 {
    let t = finance::totals(money);
    match m {
        Measure::Gross => t.gross,
        Measure::Net => t.net,
    }
}

impl StressResult {
    /// Five-year measure added by event `i` on its own, £m.
    pub fn alone_effect(&self, m: Measure, i: usize) -> f64 {
        five(&self.alone_money[i], m) - five(&self.baseline_money, m)
    }

    /// Σ of the isolated effects, £m.
    pub fn sum_of_parts(&self, m: Measure) -> f64 {
        (0..self.alone.len()).map(|i| self.alone_effect(m, i)).sum()
    }

    /// Five-year measure added by all the events together, £m.
    pub fn together_effect(&self, m: Measure) -> f64 {
        five(&self.together_money, m) - five(&self.baseline_money, m)
    }

    /// (together − baseline) − Σ (alone − baseline): positive when the combination is
    /// worse than the sum of its parts, negative when it is less.
    pub fn compounding_excess(&self, m: Measure) -> f64 {
        self.together_effect(m) - self.sum_of_parts(m)
    }

    /// A measure in each year, together.
    pub fn together_year(&self, t: usize) -> YearMoney {
        self.together_money[t]
    }

    /// Years in which caseloads needed agency cover above the safe threshold, together.
    pub fn years_over_safe_caseload(&self) -> usize {
        years_over(&self.together)
    }

    /// The same at baseline.
    pub fn baseline_years_over_safe_caseload(&self) -> usize {
        years_over(&self.baseline)
    }

    /// The most children in one placement type in any year: (baseline, together).
    pub fn placement_peak(&self, data: &super::drivers::DriversData, key: &str) -> (f64, f64) {
        let Some(i) = data.placements.iter().position(|p| p.key == key) else {
            return (0.0, 0.0);
        };
        let peak = |p: &Projection| p.years.iter().map(|y| y.placements[i]).fold(0.0, f64::max);
        (peak(&self.baseline), peak(&self.together))
    }
}

fn years_over(p: &Projection) -> usize {
    p.years.iter().filter(|y| y.over_safe_caseload).count()
}

pub fn run_stress(inp: Inputs, events: &[StressEvent]) -> StressResult {
    let p = projector(inp);
    let factors = factors_on(&p, inp, events);
    let baseline = outcome_on(&p, inp, &[], &[]);
    let alone: Vec<Outcome> = events
        .iter()
        .zip(&factors)
        .map(|(e, f)| outcome_on(&p, inp, std::slice::from_ref(e), &[*f]))
        .collect();
    let together = outcome_on(&p, inp, events, &factors);
    StressResult {
        events: events.to_vec(),
        factors,
        baseline: baseline.projection,
        baseline_money: baseline.money,
        alone_money: alone.iter().map(|o| o.money.clone()).collect(),
        alone: alone.into_iter().map(|o| o.projection).collect(),
        together: together.projection,
        together_money: together.money,
        managed: inp.managed,
    }
}

/// The drivers the compounding rests on: the non-linear mechanisms of the model.
pub const EXCESS_DRIVERS: [&str; 4] = [
    "safe_caseload",
    "agency_premium",
    "funding_follows_demand",
    "placement_inflation",
];

/// How the compounding excess (on net outturn) moves as one of the assumptions it rests
/// on moves across its plausible range. The excess need not be monotone (it peaks where a combination just tips
/// caseloads over the threshold and single risks do not), so the range is sampled and the
/// lowest and highest excess reported with the assumption's value at each.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcessSensitivity {
    pub key: String,
    /// The lowest excess found, £m, and the assumption's value there.
    pub lowest: f64,
    pub lowest_at: f64,
    /// The highest excess found, £m, and the assumption's value there.
    pub highest: f64,
    pub highest_at: f64,
}

/// Points sampled across an assumption's range (ends included).
pub const EXCESS_SAMPLES: usize = 13;

pub fn excess_sensitivities(inp: Inputs, events: &[StressEvent]) -> Vec<ExcessSensitivity> {
    // Fewer than two risks cannot compound: the excess is zero whatever the assumptions.
    if events.len() < 2 {
        return EXCESS_DRIVERS
            .iter()
            .filter_map(|key| inp.ds.drivers.driver(key))
            .map(|d| ExcessSensitivity {
                key: d.key.clone(),
                lowest: 0.0,
                lowest_at: d.sensitivity_range().0,
                highest: 0.0,
                highest_at: d.sensitivity_range().1,
            })
            .collect();
    }
    EXCESS_DRIVERS
        .iter()
        .filter_map(|key| inp.ds.drivers.driver(key))
        .map(|spec| {
            let at = |v: f64| {
                let mut e = inp.edits.clone();
                e.insert(spec.key.clone(), v);
                run_stress(Inputs { edits: &e, ..inp }, events).compounding_excess(Measure::Net)
            };
            let (lo, hi) = spec.sensitivity_range();
            let samples: Vec<(f64, f64)> = (0..EXCESS_SAMPLES)
                .map(|i| {
                    let raw = lo + (hi - lo) * i as f64 / (EXCESS_SAMPLES - 1) as f64;
                    // Snapped to the driver's step, so the value shown is the value used.
                    let v = (lo + ((raw - lo) / spec.step).round() * spec.step).min(hi);
                    (v, at(v))
                })
                .collect();
            let lowest = samples
                .iter()
                .copied()
                .fold(samples[0], |m, x| if x.1 < m.1 { x } else { m });
            let highest = samples
                .iter()
                .copied()
                .fold(samples[0], |m, x| if x.1 > m.1 { x } else { m });
            ExcessSensitivity {
                key: spec.key.clone(),
                lowest: lowest.1,
                lowest_at: lowest.0,
                highest: highest.1,
                highest_at: highest.0,
            }
        })
        .collect()
}

/// The built-in dataset with its consequences replaced by the given shocks
/// (risk, driver, most likely value, timing; low is half and high double), so tests can
/// check the arithmetic whatever the dataset's values.
#[cfg(test)]
pub(crate) fn dataset_with_shocks(
    shocks: &[(&str, &str, f64, super::consequences::Timing)],
) -> Dataset {
    use super::consequences::{RiskConsequences, Shock};
    let mut ds = Dataset::builtin().expect("dataset");
    let mut by_risk: BTreeMap<String, Vec<Shock>> = BTreeMap::new();
    for (risk, driver, v, timing) in shocks {
        by_risk.entry(risk.to_string()).or_default().push(Shock {
            driver: driver.to_string(),
            low: v / 2.0,
            likely: *v,
            high: v * 2.0,
            timing: *timing,
            explain: String::new(),
            provenance: super::Provenance {
                assumption: Some("test".into()),
                ..Default::default()
            },
        });
    }
    ds.consequences.risks = by_risk
        .into_iter()
        .map(|(risk, shocks)| RiskConsequences {
            risk: super::RiskId(risk),
            shocks,
        })
        .collect();
    ds
}

#[cfg(test)]
mod tests;
