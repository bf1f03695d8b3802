//! The Monte Carlo simulation: how likely combinations of risks are, with risks that
//! happen together more often than chance.
//!
//! **When risks happen.** Each trial runs the five years. In each year every risk's event
//! happens with a chance whose odds are its base odds multiplied by the interaction
//! multiplier of every risk that happened last year or this year (a parent counts once).
//! So that the result does not depend on the order of the risks, a year is drawn in two
//! passes: the first draws every risk with the multipliers of last year's events; the
//! second gives each risk that did not happen a second chance at the conditional
//! probability implied by the first pass's events. The second chance re-uses the first
//! draw, rescaled to [0, 1): given that `u ≥ p₁`, `(u − p₁)/(1 − p₁)` is uniform, so the
//! chance is exactly `(p₂ − p₁)/(1 − p₁)` and the overall chance `p₂`.
//!
//! **Links change when, not how often.** Multiplying odds alone would make every linked
//! risk happen more often than its rating says. So the base chances are solved: starting
//! from the rated annual chances, each risk's base odds are multiplied by
//! odds(rated) ÷ odds(realised) — the realised yearly frequency measured on a fixed set of
//! draws — until every realised frequency is within 1% of its rated chance (a
//! fixed-point iteration, as cross-impact analysis does). Each risk then happens at the
//! chance its rating states, and linked risks happen in the same years more often than
//! independent ones would.
//!
//! **What an event does.** Its risk's shocks are each drawn from a PERT distribution over
//! low / most likely / high (by inverse CDF from a table), multiplied by the risk's
//! sizing factor (its financial-impact band, [`super::sizing`]). One-off shocks act in
//! their year and leave nothing behind; steps change a growth rate for their year and
//! leave the level raised; persistent shocks act from their year on. Stacked shocks are
//! kept within each driver's range. A risk that happens in consecutive years is one
//! episode: its persistent shifts apply once, from the episode's first year (and are
//! re-based like any other lasting pressure); each further year of the episode repeats
//! its one-off costs and its steps. The projection then runs as in the drivers view, and
//! each year's gap is turned into gross pressure, offsets and net outturn by
//! [`super::finance`]: the offset capacity is drawn for each trial-year from the
//! triangular distribution of the record, and re-basing funds the recognised (lasting)
//! pressure from the next year.
//!
//! Every random number comes from its own stream, keyed by (seed, trial, year, risk
//! identity, purpose): the occurrence draw, the severity draws and the offset capacity.
//! Results therefore do not change with the order of the risks, with how trials are split
//! into chunks, or with cancelling and starting again.

pub mod counts;
pub mod job;
mod pert;
mod run;
pub mod summary;
#[cfg(test)]
mod tests;

pub use pert::PertTable;
pub use run::{digest, nice_step, poisson_binomial, summarise, Runner, Tally, TallyMeta};
pub use summary::*;

use super::consequences::{Timing, EXTRA_COST};
use super::edits::{ConsequenceEdits, InteractionEdits};
use super::finance::{Ledger, Management};
use super::interactions::Interactions;
use super::projection::{
    balance_shares, balancing_index, driver_value, named_shares, DriverEdits, Field, Projector,
    Settings,
};
use super::register::{RatingKind, RegisterEdits, RiskId};
use super::scenario::Inputs;
use super::sizing;
use rand::{RngCore, SeedableRng};
use rand_xoshiro::SplitMix64;
use serde::{Deserialize, Serialize};

/// Trials a run offers, smallest first (the default is the second).
pub const TRIAL_CHOICES: [u32; 4] = [1_000, 10_000, 100_000, 1_000_000];
pub const DEFAULT_TRIALS: u32 = 10_000;
pub const MAX_TRIALS: u32 = 1_000_000;
pub const DEFAULT_SEED: u64 = 20_250_331;
/// £m a year: 2.5% of the 2025/26 contract sum (£329.8m), the deficit the register's
/// financial-pressure risk speaks of; the headline is the chance that the net outturn
/// passes it in at least one year.
pub const DEFAULT_THRESHOLD: f64 = 8.2;
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
    /// £m a year: the net outturn whose chance of being passed is reported.
    pub threshold: f64,
    /// Whether management action (in-year offsets) and re-basing apply (off: the
    /// unmanaged figures, labelled as such).
    pub management: bool,
}

impl Default for SimSettings {
    fn default() -> Self {
        SimSettings {
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
            rating: RatingKind::Current,
            interactions: true,
            threshold: DEFAULT_THRESHOLD,
            management: true,
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

/// Mixed into the key of a year's offset-capacity stream (it belongs to no risk).
const OFFSET_STREAM: u64 = 0x6f66_6673_6574_7321;
/// Mixed into trial numbers for the draws the base chances are solved on.
const SOLVE_STREAM: u64 = 0x736f_6c76_6521_0001;
/// Trials (of event draws only) the base chances are solved on.
const SOLVE_TRIALS: u64 = 4_000;
/// Most rounds of the fixed-point iteration.
const SOLVE_ROUNDS: usize = 12;
/// The iteration stops once every realised frequency is within this share of its rated
/// chance on the solving draws (their own sampling noise is about 4% for the rarest
/// rated chance, so a tighter stop buys nothing).
const SOLVE_TOLERANCE: f64 = 0.01;

/// A uniform in [0, 1) from 53 random bits: the number `rand`'s `random::<f64>()` gives
/// (the top 53 bits × 2⁻⁵³, see the test), converted as a signed integer, which a 64-bit
/// machine and WebAssembly do in one instruction (the unsigned conversion takes several).
#[inline]
fn uniform(rng: &mut SplitMix64) -> f64 {
    const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
    SCALE * ((rng.next_u64() >> 11) as i64 as f64)
}

/// One shock, ready to sample.
#[derive(Debug, Clone)]
struct CompiledShock {
    /// Index into [`Model::slots`], or None for extra spend.
    slot: Option<usize>,
    timing: Timing,
    table: PertTable,
    /// The risk's sizing factor at the rating used.
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
    /// offset_keys[year]: the key of the year's offset-capacity stream.
    offset_keys: Vec<u64>,
    /// For up to [`TABLE_RISKS`] risks: adjusted[b << n | active], the chance of b when
    /// the risks in `active` happened (empty otherwise: computed each time).
    adjusted: Vec<f64>,
    /// Each risk's annual chance at its rating (what its realised frequency must match).
    rated: Vec<f64>,
    /// Each risk's base chance with no linked risk active (solved when links are on).
    prob: Vec<f64>,
    odds: Vec<f64>,
    /// mult[a * n + b]: the odds multiplier on b when a happened.
    mult: Vec<f64>,
    /// Bit a of parents[b] is set when a raises b's odds.
    parents: Vec<u32>,
    interactions: bool,
    shocks: Vec<Vec<CompiledShock>>,
    /// Each risk's sizing factor at the rating used.
    factors: Vec<f64>,
    slots: Vec<Slot>,
    projector: Projector,
    base: Settings,
    /// Placement shares in % as set (the balancing entry is ignored).
    base_shares: Vec<f64>,
    balancing: usize,
    unregistered: Option<usize>,
    management: Management,
    seed: u64,
}

/// Solved chances kept for reuse on a thread: the last few.
const CACHE_SOLVED: usize = 12;

/// A model's solved chances (see [`Model::prepare_chances`]).
#[derive(Clone)]
struct Solved {
    odds: Vec<f64>,
    prob: Vec<f64>,
    adjusted: Vec<f64>,
}

thread_local! {
    static SOLVED: std::cell::RefCell<Vec<(Vec<u64>, Solved)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Working memory for one trial, reused across trials (no allocation in the loop).
#[derive(Debug, Clone)]
pub struct Scratch {
    /// delta[year * slots + slot]: the summed shock on a driver in a year.
    delta: Vec<f64>,
    extra: Vec<f64>,
    /// The same for one-off shocks only (gone the next year).
    once_delta: Vec<f64>,
    once_extra: Vec<f64>,
    /// Whether a year has any one-off shock.
    has_once: Vec<bool>,
    /// touched[year]: bit k set when slot k has a shock that year (up to 64 slots; with
    /// more, every slot is looked at).
    touched: Vec<u64>,
    settings: Vec<Settings>,
    /// A year's settings without its one-off shocks.
    lasting: Settings,
    shares: Vec<f64>,
    /// The annual net outturn of the last trial, £m.
    pub gaps: Vec<f64>,
    /// The annual gross in-year pressure of the last trial, £m.
    pub gross: Vec<f64>,
    /// The risks that happened in each year of the last trial, as bits.
    pub masks: Vec<u32>,
    /// Children in care at the end of each year of the last trial.
    pub children: Vec<f64>,
    /// This year's occurrence draw of each risk, then two rows of chances (see
    /// [`Model::chances`]): 3 × n.
    draws: Vec<f64>,
    /// Whether a year's settings were changed by the last trial (and need resetting).
    dirty: Vec<bool>,
}

/// What one trial produced besides the per-year vectors of [`Scratch`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrialOutcome {
    /// Five-year net outturn, £m.
    pub five_year: f64,
    /// Five-year gross in-year pressure, £m.
    pub five_year_gross: f64,
    /// Re-based funding over the plan plus the net outturns the Council covers, £m.
    pub extra_funding: f64,
    /// Risks that happened at least once, as bits.
    pub once: u32,
    /// The most risks that happened in one year.
    pub max_same_year: u32,
    /// Years in which agency cover was needed to keep caseloads at the safe threshold.
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
        let rated: Vec<f64> = risks
            .iter()
            .map(|r| {
                let l = inp.register.rating(r, rating).likelihood;
                ds.scales.annual_probability(l).clamp(0.0, 1.0)
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
        let projector = crate::model::scenario::projector(inp);
        let factors: Vec<f64> = risks
            .iter()
            .map(|r| sizing::factor_for(&projector, inp, r, rating))
            .collect();
        let mut slots: Vec<Slot> = Vec::new();
        let shocks = risks
            .iter()
            .zip(&factors)
            .map(|(r, &factor)| {
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
                            timing: s.timing,
                            table: PertTable::cached(s.low, s.likely, s.high),
                            factor,
                        })
                    })
                    .collect()
            })
            .collect();
        let base_shares = named_shares(data, inp.edits);
        let mut model = Model {
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
            offset_keys: (0..data.horizon_years as u64)
                .map(|y| mix(OFFSET_STREAM ^ mix(y)))
                .collect(),
            adjusted: Vec::new(),
            ids,
            odds: rated.iter().map(|p| odds(*p)).collect(),
            prob: rated.clone(),
            rated,
            mult,
            parents,
            interactions: use_interactions,
            shocks,
            factors,
            slots,
            projector: Projector::new(data, inp.edits),
            base: Settings::from_edits(data, inp.edits),
            base_shares,
            balancing: balancing_index(data),
            unregistered: data.placements.iter().position(|p| p.key == "unregistered"),
            management: inp.management(),
            seed: mix(seed),
        };
        model.prepare_chances();
        model
    }

    /// Everything the chances of the events depend on: the seed (the solving draws come
    /// from it), the shape, the rated chances, the links and the risks' streams.
    fn chance_key(&self) -> Vec<u64> {
        let mut k = vec![
            self.seed,
            self.n as u64,
            self.years as u64,
            u64::from(self.interactions),
        ];
        k.extend(self.rated.iter().map(|p| p.to_bits()));
        k.extend(self.mult.iter().map(|m| m.to_bits()));
        k.extend(self.parents.iter().map(|p| u64::from(*p)));
        k.extend(&self.stream_keys);
        k
    }

    /// Tabulates the chances and solves the base chances, or takes them from a run
    /// compiled earlier on this thread with the same [`Model::chance_key`] (the solution
    /// depends on nothing else, so it is the same bit for bit). Solving takes longer
    /// than 10,000 trials; a run at another trial count, a driver edit, or the next
    /// part of a compared scenario at the same ratings reuses it.
    fn prepare_chances(&mut self) {
        let key = self.chance_key();
        let hit = SOLVED.with(|cell| {
            let solved = cell.borrow();
            solved
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, s)| s.clone())
        });
        if let Some(s) = hit {
            (self.odds, self.prob, self.adjusted) = (s.odds, s.prob, s.adjusted);
            return;
        }
        self.tabulate();
        self.solve_base_chances();
        let s = Solved {
            odds: self.odds.clone(),
            prob: self.prob.clone(),
            adjusted: self.adjusted.clone(),
        };
        SOLVED.with(|cell| {
            let mut solved = cell.borrow_mut();
            if solved.len() >= CACHE_SOLVED {
                solved.remove(0);
            }
            solved.push((key, s));
        });
    }

    /// Tabulates every risk's chance under every set of active parents (when small).
    fn tabulate(&mut self) {
        if self.n <= TABLE_RISKS && self.interactions {
            let size = 1usize << self.n;
            let mut t = vec![0.0; self.n * size];
            for b in 0..self.n {
                for active in 0..size {
                    t[active * self.n + b] = self.probability_by_product(b, active as u32);
                }
            }
            self.adjusted = t;
        }
    }

    /// Solves the base chances so that, with the links, every risk's realised yearly
    /// frequency is its rated chance (see the module note). The draws are fixed, so the
    /// iteration is smooth; it stops within [`SOLVE_TOLERANCE`] or after [`SOLVE_ROUNDS`] rounds.
    // `b` is a risk: it indexes the counts, the targets and the odds alike.
    #[allow(clippy::needless_range_loop)]
    fn solve_base_chances(&mut self) {
        let linked = self.parents.iter().any(|p| *p != 0);
        if !self.interactions || !linked || self.n == 0 {
            return;
        }
        let (n, years) = (self.n, self.years);
        let mut draws = Vec::with_capacity(SOLVE_TRIALS as usize * years * n);
        for trial in 0..SOLVE_TRIALS {
            let key = self.trial_key(trial ^ SOLVE_STREAM);
            for y in 0..years {
                for b in 0..n {
                    draws.push(uniform(&mut self.stream(key, y, b, Purpose::Occurs)));
                }
            }
        }
        let mut masks = vec![0u32; years];
        let mut scratch_draws = vec![0.0; 3 * n];
        let trial_years = (SOLVE_TRIALS as usize * years) as f64;
        for _ in 0..SOLVE_ROUNDS {
            let mut count = vec![0u64; n];
            for chunk in draws.chunks(years * n) {
                self.draw_events_from(|y, b| chunk[y * n + b], &mut masks, &mut scratch_draws);
                for m in &masks {
                    let mut bits = *m;
                    while bits != 0 {
                        count[bits.trailing_zeros() as usize] += 1;
                        bits &= bits - 1;
                    }
                }
            }
            let mut worst = 0.0f64;
            for b in 0..n {
                let target = self.rated[b];
                if !(target > 0.0 && target < 1.0) {
                    continue;
                }
                let realised = (count[b] as f64 / trial_years).clamp(1e-6, 1.0 - 1e-6);
                worst = worst.max((realised / target - 1.0).abs());
                self.odds[b] *= odds(target) / odds(realised);
                self.prob[b] = self.odds[b] / (1.0 + self.odds[b]);
            }
            self.tabulate();
            if worst < SOLVE_TOLERANCE {
                break;
            }
        }
    }

    pub fn risks(&self) -> &[RiskId] {
        &self.ids
    }

    pub fn years(&self) -> usize {
        self.years
    }

    /// Each risk's annual chance at the rating used (the frequency it happens at).
    pub fn rated_probability(&self) -> &[f64] {
        &self.rated
    }

    /// Each risk's base chance with no linked risk active (solved when links are on).
    pub fn base_probability(&self) -> &[f64] {
        &self.prob
    }

    /// Each risk's sizing factor at the rating used.
    pub fn factors(&self) -> &[f64] {
        &self.factors
    }

    pub fn scratch(&self) -> Scratch {
        Scratch {
            delta: vec![0.0; self.years * self.slots.len()],
            extra: vec![0.0; self.years],
            once_delta: vec![0.0; self.years * self.slots.len()],
            once_extra: vec![0.0; self.years],
            has_once: vec![false; self.years],
            touched: vec![0; self.years],
            settings: vec![self.base.clone(); self.years],
            lasting: self.base.clone(),
            shares: self.base_shares.clone(),
            gaps: vec![0.0; self.years],
            gross: vec![0.0; self.years],
            masks: vec![0; self.years],
            children: vec![0.0; self.years],
            draws: vec![0.0; 3 * self.n],
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

    /// The offset capacity of one (trial, year), £m.
    fn capacity(&self, trial_key: u64, year: usize) -> f64 {
        let mut rng = SplitMix64::seed_from_u64(mix(trial_key ^ self.offset_keys[year]));
        self.management.capacity_at(uniform(&mut rng))
    }

    /// Every risk's chance this year when the risks in `active` happened this year or
    /// last: a row of the table when there is one, the base chances when nothing links
    /// them, else worked out into `buf` (n long).
    #[inline(always)]
    fn chances<'a>(&'a self, active: u32, buf: &'a mut [f64]) -> &'a [f64] {
        let n = self.n;
        if !self.adjusted.is_empty() {
            return &self.adjusted[active as usize * n..][..n];
        }
        self.chances_untabled(active, buf)
    }

    #[inline(never)]
    fn chances_untabled<'a>(&'a self, active: u32, buf: &'a mut [f64]) -> &'a [f64] {
        if !self.interactions {
            return &self.prob;
        }
        for (b, p) in buf.iter_mut().enumerate() {
            *p = self.probability_by_product(b, active);
        }
        buf
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

    /// Draws which risks happen in each year into `masks`, with `draw(year, risk)` the
    /// occurrence draw; `scratch` is 3 × n long.
    fn draw_events_from(
        &self,
        mut draw: impl FnMut(usize, usize) -> f64,
        masks: &mut [u32],
        scratch: &mut [f64],
    ) {
        let n = self.n;
        let (draws, rows) = scratch.split_at_mut(n);
        let (row1, row2) = rows.split_at_mut(n);
        let mut last = 0u32;
        for (y, mask) in masks.iter_mut().enumerate().take(self.years) {
            // First pass: every risk, with the multipliers of last year's events.
            let p1 = self.chances(last, row1);
            let mut first = 0u32;
            for (b, (u, p)) in draws.iter_mut().zip(p1).enumerate() {
                *u = draw(y, b);
                first |= u32::from(*u < *p) << b;
            }
            // Second pass: each risk that missed (u ≥ p1) gets the conditional chance
            // implied by the first pass's events, (p2 − p1) ÷ (1 − p1), drawn with its own
            // draw rescaled to [0, 1): (u − p1) ÷ (1 − p1) below it, which is u < p2.
            let mut second = 0u32;
            if self.interactions && first != 0 {
                let p2 = self.chances(last | first, row2);
                for (b, ((u, before), after)) in draws.iter().zip(p1).zip(p2).enumerate() {
                    second |= u32::from(*before <= *u && *u < *after) << b;
                }
            }
            *mask = first | second;
            last = first | second;
        }
    }

    /// Draws which risks happen in each year of a trial into `scratch.masks`.
    fn draw_events(&self, key: u64, scratch: &mut Scratch) {
        let Scratch { masks, draws, .. } = scratch;
        self.draw_events_from(
            |y, b| uniform(&mut self.stream(key, y, b, Purpose::Occurs)),
            masks,
            draws,
        );
    }

    /// Runs one trial: draws the events, samples their shocks, projects the five years.
    pub fn run_trial(&self, trial: u64, scratch: &mut Scratch) -> TrialOutcome {
        let key = self.trial_key(trial);
        self.draw_events(key, scratch);
        self.shock_and_project(key, scratch)
    }

    fn clear(&self, scratch: &mut Scratch) {
        scratch.delta.fill(0.0);
        scratch.extra.fill(0.0);
        scratch.once_delta.fill(0.0);
        scratch.once_extra.fill(0.0);
        scratch.has_once.fill(false);
        scratch.touched.fill(0);
    }

    /// Adds one shock of value `v`, first felt in year `y`, to the year deltas.
    fn add_shock(&self, s: &CompiledShock, y: usize, v: f64, scratch: &mut Scratch) {
        let ns = self.slots.len();
        let until = match s.timing {
            Timing::Persistent => self.years,
            Timing::OneOff | Timing::Step => y + 1,
        };
        let once = s.timing == Timing::OneOff;
        for t in y..until {
            match s.slot {
                Some(k) => {
                    if k < 64 {
                        scratch.touched[t] |= 1 << k;
                    }
                    scratch.delta[t * ns + k] += v;
                    if once {
                        scratch.once_delta[t * ns + k] += v;
                    }
                }
                None => {
                    scratch.extra[t] += v;
                    if once {
                        scratch.once_extra[t] += v;
                    }
                }
            }
        }
        if once {
            scratch.has_once[y] = true;
        }
    }

    /// Samples the shocks of the events in `scratch.masks` and projects the years.
    fn shock_and_project(&self, key: u64, scratch: &mut Scratch) -> TrialOutcome {
        self.sample_shocks(key, scratch);
        self.project(scratch, Some(key))
    }

    /// For the benchmark's timing of each phase of a trial: runs trials `0..trials` up
    /// to phase `phase` (0: the events drawn; 1: and their shocks sampled; 2 or more:
    /// and the five years projected); returns a number every result feeds into.
    #[doc(hidden)]
    pub fn run_phase(&self, phase: u8, trials: u64, scratch: &mut Scratch) -> f64 {
        let mut sum = 0.0;
        for trial in 0..trials {
            let key = self.trial_key(trial);
            self.draw_events(key, scratch);
            sum += match phase {
                0 => f64::from(scratch.masks.iter().map(|m| m.count_ones()).sum::<u32>()),
                1 => {
                    self.sample_shocks(key, scratch);
                    scratch.delta.iter().sum::<f64>() + scratch.extra.iter().sum::<f64>()
                }
                _ => self.shock_and_project(key, scratch).five_year,
            };
        }
        sum
    }

    /// Sums the shocks of the events in `scratch.masks` into the year deltas.
    fn sample_shocks(&self, key: u64, scratch: &mut Scratch) {
        self.clear(scratch);
        for y in 0..self.years {
            let mut bits = scratch.masks[y];
            // A risk that was acute last year too continues the same episode: its
            // persistent shifts already apply, so only its one-off shocks and steps recur.
            let continuing = if y > 0 { scratch.masks[y - 1] } else { 0 };
            while bits != 0 {
                let r = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let new_episode = continuing & (1 << r) == 0;
                let mut rng = self.stream(key, y, r, Purpose::Severity);
                for s in &self.shocks[r] {
                    // Drawn whether used or not, so every stream stays where it was.
                    let u = uniform(&mut rng);
                    if s.timing == Timing::Persistent && !new_episode {
                        continue;
                    }
                    self.add_shock(s, y, s.table.sample(u) * s.factor, scratch);
                }
            }
        }
    }

    /// Sets `s` to the base settings moved by the year's deltas (less its one-off deltas
    /// when `lasting`); true when anything moved.
    fn fill_settings(
        &self,
        s: &mut Settings,
        shares: &mut [f64],
        scratch_delta: (&[f64], &[f64], u64),
        extra: f64,
        lasting: bool,
    ) -> bool {
        let (delta, once, touched) = scratch_delta;
        let mut moved = false;
        let mut shares_moved = false;
        // Only the slots some shock touched this year (all of them past 64 slots), in
        // slot order.
        let mut bits = touched;
        let all = self.slots.len() > 64;
        let mut next = 0usize;
        loop {
            let k = if all {
                if next >= self.slots.len() {
                    break;
                }
                next += 1;
                next - 1
            } else {
                if bits == 0 {
                    break;
                }
                let k = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                k
            };
            let slot = &self.slots[k];
            let d = if lasting {
                delta[k] - once[k]
            } else {
                delta[k]
            };
            if d == 0.0 {
                continue;
            }
            let v = (slot.base + d).clamp(slot.min, slot.max);
            moved = true;
            match slot.field {
                Field::Share(i) => {
                    if !shares_moved {
                        shares.copy_from_slice(&self.base_shares);
                        shares_moved = true;
                    }
                    shares[i] = v;
                }
                f => s.set_display(f, v),
            }
        }
        if shares_moved {
            s.shares.copy_from_slice(shares);
            balance_shares(&mut s.shares, self.balancing);
        }
        s.extra_cost = extra;
        moved || extra != 0.0
    }

    /// Projects the years with the shocks summed in the scratch deltas and closes each
    /// year's books: `key` draws the offset capacities (None: the most likely capacity).
    fn project(&self, scratch: &mut Scratch, key: Option<u64>) -> TrialOutcome {
        let ns = self.slots.len();
        let mut st = self.projector.start();
        let mut ledger = Ledger::default();
        let mut out = TrialOutcome {
            five_year: 0.0,
            five_year_gross: 0.0,
            extra_funding: 0.0,
            once: 0,
            max_same_year: 0,
            years_over_safe_caseload: 0,
            unregistered_peak: 0.0,
        };
        for t in 0..self.years {
            let range = t * ns..(t + 1) * ns;
            {
                let Scratch {
                    settings,
                    shares,
                    delta,
                    once_delta,
                    extra,
                    dirty,
                    touched,
                    ..
                } = scratch;
                let s = &mut settings[t];
                if dirty[t] {
                    s.assign(&self.base);
                    dirty[t] = false;
                }
                dirty[t] = self.fill_settings(
                    s,
                    shares,
                    (
                        &delta[range.clone()],
                        &once_delta[range.clone()],
                        touched[t],
                    ),
                    extra[t],
                    false,
                );
            }
            let before = st;
            let s = &scratch.settings[t];
            let y = self.projector.step(&mut st, t, s);
            let one_off = if scratch.has_once[t] {
                let Scratch {
                    lasting,
                    shares,
                    delta,
                    once_delta,
                    extra,
                    once_extra,
                    touched,
                    ..
                } = scratch;
                lasting.assign(&self.base);
                self.fill_settings(
                    lasting,
                    shares,
                    (&delta[range.clone()], &once_delta[range], touched[t]),
                    extra[t] - once_extra[t],
                    true,
                );
                let mut alt = before;
                y.gap - self.projector.step(&mut alt, t, lasting).gap
            } else {
                0.0
            };
            let capacity = match key {
                Some(k) if self.management.enabled => self.capacity(k, t),
                _ => self.management.likely_capacity(),
            };
            let money = ledger.close(y.gap, one_off, capacity, &self.management);
            let s = &scratch.settings[t];
            scratch.gaps[t] = money.net;
            scratch.gross[t] = money.gross;
            scratch.children[t] = y.cic;
            out.five_year += money.net;
            out.five_year_gross += money.gross;
            out.extra_funding += money.rebased + money.net;
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

    /// The trial with no events at all: the baseline (offsets at the most likely
    /// capacity). Returns the scratch it ran in, for its per-year vectors.
    pub fn baseline(&self) -> (Scratch, TrialOutcome) {
        let mut scratch = self.scratch();
        scratch.masks.fill(0);
        self.clear(&mut scratch);
        let out = self.project(&mut scratch, None);
        (scratch, out)
    }

    /// Projects given events with given shock values: `values[i]` are the already-scaled
    /// shock sizes of event i's risk, in the order of its shocks; offsets at the most
    /// likely capacity. For checking the fast path against the stress scenario's.
    pub fn project_events(
        &self,
        events: &[(usize, usize, Vec<f64>)],
        scratch: &mut Scratch,
    ) -> TrialOutcome {
        scratch.masks.fill(0);
        self.clear(scratch);
        for (r, y, values) in events {
            scratch.masks[*y] |= 1 << r;
            for (s, v) in self.shocks[*r].iter().zip(values) {
                self.add_shock(s, *y, *v, scratch);
            }
        }
        self.project(scratch, None)
    }
}

/// p ÷ (1 − p), infinite at 1.
fn odds(p: f64) -> f64 {
    if p >= 1.0 {
        f64::INFINITY
    } else {
        p / (1.0 - p)
    }
}
