//! The Monte Carlo simulation: how likely combinations of risks are, with risks that raise
//! each other's likelihood.
//!
//! Each trial runs the five years. In each year every risk's event happens with the annual
//! probability of its rating's likelihood, its odds multiplied by the interaction
//! multiplier of every risk that happened last year or this year (a parent counts once).
//! So that the result does not depend on the order of the risks, a year is drawn in two
//! passes: the first draws every risk with the multipliers of last year's events; the
//! second gives each risk that did not happen a second chance at the conditional
//! probability implied by the first pass's events. A risk that happens in the second pass
//! affects the others from the next year. The second chance re-uses the first draw,
//! rescaled to [0, 1): given that `u ≥ p₁`, `(u − p₁)/(1 − p₁)` is uniform, so the chance is
//! exactly `(p₂ − p₁)/(1 − p₁)` and the overall chance `p₂`; re-using it keeps results
//! monotone under common random numbers (a likelier risk happens in every trial-year it
//! happened before, and more).
//!
//! Each event applies its risk's shocks, each drawn from a PERT distribution over its
//! low / most likely / high values (by inverse CDF from a table: no allocation, two
//! multiplications) and scaled by the severity factor of the rating's impact; one-off
//! shocks act in their year, persistent ones from it on; stacked shocks are kept within
//! each driver's range. A risk that happens in consecutive years is one episode: its
//! persistent shifts apply once, from the episode's first year, and only its one-off
//! shocks recur; a new episode after a quiet year stacks on the last. The projection
//! then runs as in the drivers view.
//!
//! Every random number comes from its own stream, keyed by (seed, trial, year, risk
//! identity, purpose): the occurrence draw and the severity draws. Results therefore do
//! not change with the order of the risks, with how trials are split into chunks, or with
//! cancelling and starting again.

pub mod job;
mod pert;
mod run;
pub mod summary;
#[cfg(test)]
mod tests;

pub use pert::PertTable;
pub use run::{digest, nice_step, poisson_binomial, Runner};
pub use summary::*;

use super::consequences::{Timing, EXTRA_COST};
use super::edits::{ConsequenceEdits, InteractionEdits};
use super::interactions::Interactions;
use super::projection::{
    balance_shares, balancing_index, driver_value, named_shares, DriverEdits, Field, Projector,
    Settings,
};
use super::register::{RatingKind, RegisterEdits, RiskId};
use super::scenario::Inputs;
use rand::{Rng, RngCore, SeedableRng};
use rand_xoshiro::SplitMix64;
use serde::{Deserialize, Serialize};

/// Trials a run offers, smallest first (the default is the second).
pub const TRIAL_CHOICES: [u32; 4] = [1_000, 10_000, 100_000, 1_000_000];
pub const DEFAULT_TRIALS: u32 = 10_000;
pub const MAX_TRIALS: u32 = 1_000_000;
pub const DEFAULT_SEED: u64 = 20_250_331;
/// £m: the 2023/24 deficit, the largest overspend the sources report in recent years.
pub const DEFAULT_THRESHOLD: f64 = 10.0;
/// Most risks a simulation handles (events are kept as bits of a u32).
pub const MAX_RISKS: usize = 32;
/// Up to this many risks, every risk's chance under every set of parents is tabulated.
const TABLE_RISKS: usize = 12;
/// Bins of the five-year gap histogram (about).
pub(crate) const HISTOGRAM_BINS: usize = 40;
/// Points on each exceedance curve.
pub(crate) const EXCEEDANCE_POINTS: usize = 120;

/// What a run is asked to do, besides the workspace's edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimSettings {
    pub trials: u32,
    pub seed: u64,
    /// Which rating's likelihood and impact drive the run.
    pub rating: RatingKind,
    /// Whether risks raise each other's likelihood (off: independent).
    pub interactions: bool,
    /// £m: the gap whose chance of being passed is reported.
    pub threshold: f64,
}

impl Default for SimSettings {
    fn default() -> Self {
        SimSettings {
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
            rating: RatingKind::Current,
            interactions: true,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

impl SimSettings {
    /// The seed after this one in a fixed sequence (a linear congruential step), so a
    /// workshop that asks for "another seed" can retrace its steps.
    pub fn next_seed(&self) -> u64 {
        self.seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1)
            % 1_000_000_000
    }

    /// The trial counts to offer: the usual choices and, where a saved or shared setting
    /// holds another, that one too, so the list always shows the number in use.
    pub fn trial_choices(&self) -> Vec<u32> {
        let mut out = TRIAL_CHOICES.to_vec();
        if !out.contains(&self.trials) {
            out.push(self.trials);
            out.sort_unstable();
        }
        out
    }

    /// The same settings with every value brought into its allowed range.
    pub fn cleaned(&self) -> SimSettings {
        SimSettings {
            trials: self.trials.clamp(1, MAX_TRIALS),
            threshold: if self.threshold.is_finite() {
                self.threshold.clamp(-1000.0, 1000.0)
            } else {
                DEFAULT_THRESHOLD
            },
            ..self.clone()
        }
    }
}

/// Everything a run needs that can be edited: a message from the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SimRequest {
    pub settings: SimSettings,
    pub drivers: DriverEdits,
    pub register: RegisterEdits,
    pub consequences: ConsequenceEdits,
    pub interactions: InteractionEdits,
}

/// A run at the chosen rating, with digests of the same run at every rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimOutput {
    pub summary: Summary,
    /// Inherent, current and target, in that order (same seed: common random numbers).
    pub by_rating: Vec<RatingDigest>,
}

/// How far a job has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// 64-bit FNV-1a of a risk's id: its random streams follow the risk, not its position.
fn identity_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64's output function: a bijection with full avalanche.
fn mix(x: u64) -> u64 {
    SplitMix64::seed_from_u64(x).next_u64()
}

/// The two purposes a (trial, year, risk) has random numbers for.
#[derive(Clone, Copy)]
enum Purpose {
    Occurs = 0,
    Severity = 1,
}

/// A uniform in [0, 1) from 53 random bits.
fn uniform(rng: &mut SplitMix64) -> f64 {
    rng.random::<f64>()
}

/// One shock, ready to sample.
#[derive(Debug, Clone)]
struct CompiledShock {
    /// Index into [`Model::slots`], or None for extra spend.
    slot: Option<usize>,
    persistent: bool,
    table: PertTable,
    /// The severity factor of the risk's impact at the rating used.
    factor: f64,
}

/// A driver some shock moves: where its value comes from and the range it is kept in.
#[derive(Debug, Clone)]
struct Slot {
    field: Field,
    base: f64,
    min: f64,
    max: f64,
}

/// A run's fixed inputs, compiled for speed.
#[derive(Debug, Clone)]
pub struct Model {
    n: usize,
    years: usize,
    ids: Vec<RiskId>,
    /// stream_keys[((year * n) + risk) * 2 + purpose]: from the risk's identity, not its
    /// position, so reordering the risks leaves every stream where it was.
    stream_keys: Vec<u64>,
    /// For up to [`TABLE_RISKS`] risks: adjusted[b << n | active], the chance of b when
    /// the risks in `active` happened (empty otherwise: computed each time).
    adjusted: Vec<f64>,
    prob: Vec<f64>,
    odds: Vec<f64>,
    /// mult[a * n + b]: the odds multiplier on b when a happened.
    mult: Vec<f64>,
    /// Bit a of parents[b] is set when a raises b's odds.
    parents: Vec<u32>,
    interactions: bool,
    shocks: Vec<Vec<CompiledShock>>,
    slots: Vec<Slot>,
    projector: Projector,
    base: Settings,
    /// Placement shares in % as set (the balancing entry is ignored).
    base_shares: Vec<f64>,
    balancing: usize,
    unregistered: Option<usize>,
    seed: u64,
}

/// Working memory for one trial, reused across trials (no allocation in the loop).
#[derive(Debug, Clone)]
pub struct Scratch {
    /// delta[year * slots + slot]: the summed shock on a driver in a year.
    delta: Vec<f64>,
    extra: Vec<f64>,
    settings: Vec<Settings>,
    shares: Vec<f64>,
    /// The annual gap of the last trial, £m.
    pub gaps: Vec<f64>,
    /// The risks that happened in each year of the last trial, as bits.
    pub masks: Vec<u32>,
    /// This year's occurrence draw of each risk.
    draws: Vec<f64>,
    /// Whether a year's settings were changed by the last trial (and need resetting).
    dirty: Vec<bool>,
}

/// What one trial produced besides [`Scratch::gaps`] and [`Scratch::masks`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrialOutcome {
    pub five_year: f64,
    /// Risks that happened at least once, as bits.
    pub once: u32,
    /// The most risks that happened in one year.
    pub max_same_year: u32,
    pub years_over_safe_caseload: u32,
    /// Most children in unregistered settings in any year.
    pub unregistered_peak: f64,
}

impl Model {
    /// Compiles a run at `rating` (its likelihoods and impacts).
    pub fn new(
        inp: Inputs,
        interactions: &Interactions,
        interaction_edits: &InteractionEdits,
        rating: RatingKind,
        use_interactions: bool,
        seed: u64,
    ) -> Model {
        let ds = inp.ds;
        let data = &ds.drivers;
        let risks = &ds.risks[..ds.risks.len().min(MAX_RISKS)];
        let n = risks.len();
        let ids: Vec<RiskId> = risks.iter().map(|r| r.id.clone()).collect();
        let prob: Vec<f64> = risks
            .iter()
            .map(|r| {
                let l = inp.register.rating(r, rating).likelihood;
                ds.scales.annual_probability(l).clamp(0.0, 1.0)
            })
            .collect();
        let odds = prob
            .iter()
            .map(|p| {
                if *p >= 1.0 {
                    f64::INFINITY
                } else {
                    p / (1.0 - p)
                }
            })
            .collect();
        let matrix = interactions.matrix(&ids, interaction_edits);
        let mut mult = vec![1.0; n * n];
        let mut parents = vec![0u32; n];
        for a in 0..n {
            for b in 0..n {
                let m = if a == b { 1.0 } else { matrix[a][b].max(1.0) };
                mult[a * n + b] = m;
                if m != 1.0 {
                    parents[b] |= 1 << a;
                }
            }
        }
        let mut slots: Vec<Slot> = Vec::new();
        let shocks = risks
            .iter()
            .map(|r| {
                let impact = inp.register.rating(r, rating).impact;
                let factor = inp.consequences.severity.factors[impact.index()];
                inp.consequences
                    .shocks(&r.id)
                    .iter()
                    .filter_map(|s| {
                        let slot = if s.driver == EXTRA_COST {
                            None
                        } else {
                            let field = Field::of(data, &s.driver)?;
                            let spec = data.driver(&s.driver)?;
                            let i = match slots.iter().position(|x| x.field == field) {
                                Some(i) => i,
                                None => {
                                    slots.push(Slot {
                                        field,
                                        base: driver_value(data, inp.edits, &s.driver),
                                        min: spec.min,
                                        max: spec.max,
                                    });
                                    slots.len() - 1
                                }
                            };
                            Some(i)
                        };
                        Some(CompiledShock {
                            slot,
                            persistent: s.timing == Timing::Persistent,
                            table: PertTable::new(s.low, s.likely, s.high),
                            factor,
                        })
                    })
                    .collect()
            })
            .collect();
        let base_shares = named_shares(data, inp.edits);
        Model {
            n,
            years: data.horizon_years as usize,
            stream_keys: (0..data.horizon_years as u64)
                .flat_map(|y| {
                    ids.iter().flat_map(move |id| {
                        let h = identity_hash(&id.0);
                        [0u64, 1].map(|p| mix(h ^ mix((y << 1) | p)))
                    })
                })
                .collect(),
            adjusted: Vec::new(),
            ids,
            prob,
            odds,
            mult,
            parents,
            interactions: use_interactions,
            shocks,
            slots,
            projector: Projector::new(data, inp.edits),
            base: Settings::from_edits(data, inp.edits),
            base_shares,
            balancing: balancing_index(data),
            unregistered: data.placements.iter().position(|p| p.key == "unregistered"),
            seed: mix(seed),
        }
        .with_table()
    }

    /// Tabulates every risk's chance under every set of active parents (when small).
    fn with_table(mut self) -> Model {
        if self.n <= TABLE_RISKS && self.interactions {
            let size = 1usize << self.n;
            let mut t = vec![0.0; self.n * size];
            for b in 0..self.n {
                for active in 0..size {
                    t[(b << self.n) | active] = self.probability_by_product(b, active as u32);
                }
            }
            self.adjusted = t;
        }
        self
    }

    pub fn risks(&self) -> &[RiskId] {
        &self.ids
    }

    pub fn years(&self) -> usize {
        self.years
    }

    /// Each risk's yearly probability before interactions.
    pub fn base_probability(&self) -> &[f64] {
        &self.prob
    }

    pub fn scratch(&self) -> Scratch {
        Scratch {
            delta: vec![0.0; self.years * self.slots.len()],
            extra: vec![0.0; self.years],
            settings: vec![self.base.clone(); self.years],
            shares: self.base_shares.clone(),
            gaps: vec![0.0; self.years],
            masks: vec![0; self.years],
            draws: vec![0.0; self.n],
            dirty: vec![false; self.years],
        }
    }

    /// The key of a trial: the run's seed mixed with the trial number.
    fn trial_key(&self, trial: u64) -> u64 {
        mix(self.seed ^ trial.wrapping_mul(0xd1b5_4a32_d192_ed03))
    }

    /// The random stream of one (trial, year, risk, purpose): the trial's key mixed with a
    /// key of (year, risk identity, purpose) prepared when the model was built.
    fn stream(&self, trial_key: u64, year: usize, risk: usize, purpose: Purpose) -> SplitMix64 {
        let k = self.stream_keys[((year * self.n) + risk) * 2 + purpose as usize];
        SplitMix64::seed_from_u64(mix(trial_key ^ k))
    }

    /// The chance of risk b this year when the risks in `active` happened this year or last.
    #[inline]
    fn probability(&self, b: usize, active: u32) -> f64 {
        if !self.adjusted.is_empty() {
            return self.adjusted[(b << self.n) | active as usize];
        }
        self.probability_by_product(b, active)
    }

    fn probability_by_product(&self, b: usize, active: u32) -> f64 {
        let linked = active & self.parents[b];
        if !self.interactions || linked == 0 {
            return self.prob[b];
        }
        let mut m = 1.0;
        let mut bits = linked;
        while bits != 0 {
            let a = bits.trailing_zeros() as usize;
            m *= self.mult[a * self.n + b];
            bits &= bits - 1;
        }
        let o = self.odds[b] * m;
        if o.is_infinite() {
            1.0
        } else {
            o / (1.0 + o)
        }
    }

    /// Draws which risks happen in each year of a trial into `scratch.masks`.
    fn draw_events(&self, key: u64, scratch: &mut Scratch) {
        let mut last = 0u32;
        for y in 0..self.years {
            // First pass: every risk, with the multipliers of last year's events.
            let mut first = 0u32;
            for b in 0..self.n {
                let u = uniform(&mut self.stream(key, y, b, Purpose::Occurs));
                scratch.draws[b] = u;
                if u < self.probability(b, last) {
                    first |= 1 << b;
                }
            }
            // Second pass: each risk that missed gets the conditional chance implied by
            // the first pass's events, from its own draw rescaled to [0, 1).
            let mut second = 0u32;
            if self.interactions && first != 0 {
                for b in 0..self.n {
                    if first & (1 << b) != 0 {
                        continue;
                    }
                    let p1 = self.probability(b, last);
                    let p2 = self.probability(b, last | first);
                    if p2 > p1 && (scratch.draws[b] - p1) / (1.0 - p1) < (p2 - p1) / (1.0 - p1) {
                        second |= 1 << b;
                    }
                }
            }
            scratch.masks[y] = first | second;
            last = first | second;
        }
    }

    /// Runs one trial: draws the events, samples their shocks, projects the five years.
    pub fn run_trial(&self, trial: u64, scratch: &mut Scratch) -> TrialOutcome {
        let key = self.trial_key(trial);
        self.draw_events(key, scratch);
        self.shock_and_project(key, scratch)
    }

    /// Samples the shocks of the events in `scratch.masks` and projects the years.
    fn shock_and_project(&self, key: u64, scratch: &mut Scratch) -> TrialOutcome {
        scratch.delta.fill(0.0);
        scratch.extra.fill(0.0);
        let ns = self.slots.len();
        for y in 0..self.years {
            let mut bits = scratch.masks[y];
            // A risk that was acute last year too continues the same episode: its
            // persistent shifts already apply, so only its one-off shocks recur.
            let continuing = if y > 0 { scratch.masks[y - 1] } else { 0 };
            while bits != 0 {
                let r = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let new_episode = continuing & (1 << r) == 0;
                let mut rng = self.stream(key, y, r, Purpose::Severity);
                for s in &self.shocks[r] {
                    // Drawn whether used or not, so every stream stays where it was.
                    let u = uniform(&mut rng);
                    if s.persistent && !new_episode {
                        continue;
                    }
                    let v = s.table.sample(u) * s.factor;
                    let until = if s.persistent { self.years } else { y + 1 };
                    for t in y..until {
                        match s.slot {
                            Some(k) => scratch.delta[t * ns + k] += v,
                            None => scratch.extra[t] += v,
                        }
                    }
                }
            }
        }
        self.project(scratch)
    }

    /// Projects the years with the shocks summed in `scratch.delta` and `scratch.extra`.
    fn project(&self, scratch: &mut Scratch) -> TrialOutcome {
        let ns = self.slots.len();
        let mut st = self.projector.start();
        let mut out = TrialOutcome {
            five_year: 0.0,
            once: 0,
            max_same_year: 0,
            years_over_safe_caseload: 0,
            unregistered_peak: 0.0,
        };
        for t in 0..self.years {
            let s = &mut scratch.settings[t];
            if scratch.dirty[t] {
                s.assign(&self.base);
                scratch.dirty[t] = false;
            }
            let mut shares_moved = false;
            for (k, slot) in self.slots.iter().enumerate() {
                let d = scratch.delta[t * ns + k];
                if d == 0.0 {
                    continue;
                }
                let v = (slot.base + d).clamp(slot.min, slot.max);
                scratch.dirty[t] = true;
                match slot.field {
                    Field::Share(i) => {
                        if !shares_moved {
                            scratch.shares.copy_from_slice(&self.base_shares);
                            shares_moved = true;
                        }
                        scratch.shares[i] = v;
                    }
                    f => s.set_display(f, v),
                }
            }
            if shares_moved {
                s.shares.copy_from_slice(&scratch.shares);
                balance_shares(&mut s.shares, self.balancing);
            }
            s.extra_cost = scratch.extra[t];
            if s.extra_cost != 0.0 {
                scratch.dirty[t] = true;
            }
            let s = &scratch.settings[t];
            let y = self.projector.step(&mut st, t, s);
            scratch.gaps[t] = y.gap;
            out.five_year += y.gap;
            if y.caseload > s.safe_caseload + 1e-9 {
                out.years_over_safe_caseload += 1;
            }
            if let Some(u) = self.unregistered {
                out.unregistered_peak = out.unregistered_peak.max(y.cic * s.shares[u]);
            }
            let m = scratch.masks[t];
            out.once |= m;
            out.max_same_year = out.max_same_year.max(m.count_ones());
        }
        out
    }

    /// The trial with no events at all: the baseline.
    pub fn baseline(&self) -> (Vec<f64>, TrialOutcome) {
        let mut scratch = self.scratch();
        scratch.masks.fill(0);
        scratch.delta.fill(0.0);
        scratch.extra.fill(0.0);
        let out = self.project(&mut scratch);
        (scratch.gaps, out)
    }

    /// Projects given events with given shock values: `values[i]` are the already-scaled
    /// shock sizes of event i's risk, in the order of its shocks. For checking the fast
    /// path against the stress scenario's projection.
    pub fn project_events(
        &self,
        events: &[(usize, usize, Vec<f64>)],
        scratch: &mut Scratch,
    ) -> TrialOutcome {
        scratch.masks.fill(0);
        scratch.delta.fill(0.0);
        scratch.extra.fill(0.0);
        let ns = self.slots.len();
        for (r, y, values) in events {
            scratch.masks[*y] |= 1 << r;
            for (s, v) in self.shocks[*r].iter().zip(values) {
                let until = if s.persistent { self.years } else { y + 1 };
                for t in *y..until {
                    match s.slot {
                        Some(k) => scratch.delta[t * ns + k] += v,
                        None => scratch.extra[t] += v,
                    }
                }
            }
        }
        self.project(scratch)
    }
}
