//! Running trials in slices and summarising them. Each trial's random numbers come from
//! streams keyed by (seed, trial number, …), and what the trials add up to is kept as
//! counts (values to a fixed step, see [`super::counts`]) and integer sums, so tallies
//! of any slices of a run, in one worker or several, merge into exactly the same
//! summary, bit for bit.

use super::counts::{key, Counts, CHILD_STEP, MONEY_STEP};
use super::summary::*;
use super::{
    Model, Progress, Scratch, SimOutput, SimRequest, SimSettings, TrialOutcome, EXCEEDANCE_POINTS,
    HISTOGRAM_BINS,
};
use crate::model::consequences::Consequences;
use crate::model::projection::larger;
use crate::model::register::{RatingKind, RiskId};
use crate::model::scenario::Inputs;
use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// England's average children's social care overspend in 2019/20, as a share
/// (003_5c74db5ef1cc75ad.txt:176).
pub const ENGLAND_OVERSPEND_SHARE: f64 = 0.09;

/// Up to this many risks the sets of risks that happened are counted in a table.
const DENSE_RISKS: usize = 16;

const MONEY: f64 = 1.0 / MONEY_STEP;
const CHILDREN: f64 = 1.0 / CHILD_STEP;

/// The thresholds a run reports on: the chosen one, past outturns and pressures, and
/// England's average overspend.
fn marks(ds: &Dataset, settings: &SimSettings) -> Vec<(String, ThresholdKind, f64)> {
    let mut marks = vec![(
        "Your threshold".to_string(),
        ThresholdKind::Chosen,
        settings.threshold,
    )];
    for o in &ds.drivers.outturns {
        marks.push((
            format!("{} outturn", o.year),
            ThresholdKind::Outturn,
            o.gap_gbp_m,
        ));
        if let Some(p) = &o.pressure {
            marks.push((
                format!("{} {}", o.year, p.label.to_lowercase()),
                ThresholdKind::Pressure,
                p.gbp_m,
            ));
        }
    }
    // England's average overspend in 2019/20 was 9% (003_5c74db5ef1cc75ad.txt:176),
    // taken as a share of this contract sum: the far tail of the net outturn.
    marks.push((
        "England's average overspend in 2019/20 (9%)".to_string(),
        ThresholdKind::Reference,
        ENGLAND_OVERSPEND_SHARE * ds.scales.contract_sum.gbp_m,
    ));
    marks
}

/// The range of past net outturns, £m.
fn record_range(ds: &Dataset) -> (f64, f64) {
    ds.drivers
        .outturns
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), o| {
            (a.min(o.gap_gbp_m), b.max(o.gap_gbp_m))
        })
}

/// What a run's model says besides its trials (the same in every slice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TallyMeta {
    pub risks: Vec<RiskId>,
    pub years: usize,
    pub rated: Vec<f64>,
    pub factors: Vec<f64>,
    pub baseline_gaps: Vec<f64>,
    pub baseline_gross: Vec<f64>,
    pub baseline_children: Vec<f64>,
    pub baseline_years_over: u32,
    pub baseline_unregistered_peak: f64,
}

/// What some trials of a run add up to: counts and integer sums only (money sums in
/// steps of [`MONEY_STEP`]), so tallies of slices add up to the whole run's exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub meta: TallyMeta,
    trials: u64,
    /// Five-year net outturn, gross pressure and extra funding, £m.
    five: Counts,
    five_gross: Counts,
    extra_funding: Counts,
    /// By year: net outturn and gross pressure (£m), children in care at the year's end.
    annual: Vec<Counts>,
    gross: Vec<Counts>,
    children: Vec<Counts>,
    /// The worst year's net outturn, £m.
    max_annual: Counts,
    /// Most children in unregistered settings in any year.
    unregistered: Counts,
    /// The thresholds' values and kinds, and by threshold: trials passing it in at least
    /// one year, and trial-years passing it.
    marks: Vec<(ThresholdKind, f64)>,
    over_any: Vec<u64>,
    over_year: Vec<u64>,
    record: (f64, f64),
    /// Trial-years with a net outturn within the record's range.
    in_record: u64,
    /// By the number of risks in the busiest year: trials and Σ five-year gap (in steps).
    busiest: Vec<(u64, i64)>,
    /// Trial-years by how many risks happened.
    per_year_count: Vec<u64>,
    /// frequency[year * n + risk]: trial-years the risk happened in.
    frequency: Vec<u64>,
    /// pair[a * n + b], a < b: trial-years both happened in.
    pair: Vec<u64>,
    /// By the set of risks that happened at least once: trials and Σ five-year gap (in
    /// steps), indexed by the set's bits when there are few risks, else in a map.
    dense: Vec<(u64, i64)>,
    sparse: BTreeMap<u32, (u64, i64)>,
    years_over: u64,
    any_over: u64,
}

impl Tally {
    fn new(model: &Model, settings: &SimSettings, ds: &Dataset) -> Tally {
        let (n, years) = (model.n, model.years);
        let (base_scratch, base_out) = model.baseline();
        let marks: Vec<(ThresholdKind, f64)> = marks(ds, settings)
            .into_iter()
            .map(|(_, k, v)| (k, v))
            .collect();
        Tally {
            meta: TallyMeta {
                risks: model.ids.clone(),
                years,
                rated: model.rated.clone(),
                factors: model.factors.clone(),
                baseline_gaps: base_scratch.gaps.clone(),
                baseline_gross: base_scratch.gross.clone(),
                baseline_children: base_scratch.children.clone(),
                baseline_years_over: base_out.years_over_safe_caseload,
                baseline_unregistered_peak: base_out.unregistered_peak,
            },
            trials: 0,
            five: Counts::default(),
            five_gross: Counts::default(),
            extra_funding: Counts::default(),
            annual: vec![Counts::default(); years],
            gross: vec![Counts::default(); years],
            children: vec![Counts::default(); years],
            max_annual: Counts::default(),
            unregistered: Counts::default(),
            over_any: vec![0; marks.len()],
            over_year: vec![0; marks.len()],
            marks,
            record: record_range(ds),
            in_record: 0,
            busiest: vec![(0, 0); n + 1],
            per_year_count: vec![0; n + 1],
            frequency: vec![0; years * n],
            pair: vec![0; n * n],
            dense: if n <= DENSE_RISKS {
                vec![(0, 0); 1 << n]
            } else {
                Vec::new()
            },
            sparse: BTreeMap::new(),
            years_over: 0,
            any_over: 0,
        }
    }

    fn n(&self) -> usize {
        self.meta.risks.len()
    }

    /// Counts one trial.
    fn add(&mut self, out: &TrialOutcome, scratch: &Scratch) {
        let n = self.n();
        self.trials += 1;
        let g = key(out.five_year, MONEY);
        self.five.add_key(g);
        self.five_gross.add_key(key(out.five_year_gross, MONEY));
        self.extra_funding.add_key(key(out.extra_funding, MONEY));
        self.unregistered
            .add_key(key(out.unregistered_peak, CHILDREN));
        let (mut worst_net, mut worst_gross) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        let (lo, hi) = self.record;
        for (y, ((net, gross), children)) in scratch
            .gaps
            .iter()
            .zip(&scratch.gross)
            .zip(&scratch.children)
            .enumerate()
        {
            self.annual[y].add_key(key(*net, MONEY));
            self.gross[y].add_key(key(*gross, MONEY));
            self.children[y].add_key(key(*children, CHILDREN));
            worst_net = larger(*net, worst_net);
            worst_gross = larger(*gross, worst_gross);
            self.in_record += u64::from(lo <= *net && *net <= hi);
        }
        self.max_annual.add_key(key(worst_net, MONEY));
        // Outturns and the chosen threshold are held against the net outturn; pressures
        // against gross pressure (at or above), always one year's figure with one year's.
        for (i, &(kind, value)) in self.marks.iter().enumerate() {
            let (worst, years, at) = match kind {
                ThresholdKind::Pressure => (worst_gross, &scratch.gross, true),
                _ => (worst_net, &scratch.gaps, false),
            };
            let over = |v: f64| if at { v >= value } else { v > value };
            if over(worst) {
                self.over_any[i] += 1;
                self.over_year[i] += years.iter().filter(|v| over(**v)).count() as u64;
            }
        }
        let b = &mut self.busiest[out.max_same_year as usize];
        b.0 += 1;
        b.1 += g;
        for (y, &m) in scratch.masks.iter().enumerate() {
            self.per_year_count[m.count_ones() as usize] += 1;
            let mut bits = m;
            while bits != 0 {
                let a = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                self.frequency[y * n + a] += 1;
                let mut rest = bits;
                while rest != 0 {
                    let c = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    self.pair[a * n + c] += 1;
                }
            }
        }
        let e = if self.dense.is_empty() {
            self.sparse.entry(out.once).or_insert((0, 0))
        } else {
            &mut self.dense[out.once as usize]
        };
        e.0 += 1;
        e.1 += g;
        self.years_over += u64::from(out.years_over_safe_caseload);
        self.any_over += u64::from(out.years_over_safe_caseload > 0);
    }

    /// Adds another slice's tally of the same run to this one (in any order: the
    /// result is the same).
    pub fn merge(&mut self, o: &Tally) {
        self.trials += o.trials;
        self.five.merge(&o.five);
        self.five_gross.merge(&o.five_gross);
        self.extra_funding.merge(&o.extra_funding);
        for (a, b) in [
            (&mut self.annual, &o.annual),
            (&mut self.gross, &o.gross),
            (&mut self.children, &o.children),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        self.max_annual.merge(&o.max_annual);
        self.unregistered.merge(&o.unregistered);
        let add = |a: &mut [u64], b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += *y);
        add(&mut self.over_any, &o.over_any);
        add(&mut self.over_year, &o.over_year);
        add(&mut self.per_year_count, &o.per_year_count);
        add(&mut self.frequency, &o.frequency);
        add(&mut self.pair, &o.pair);
        self.in_record += o.in_record;
        for (x, y) in self.busiest.iter_mut().zip(&o.busiest) {
            x.0 += y.0;
            x.1 += y.1;
        }
        for (x, y) in self.dense.iter_mut().zip(&o.dense) {
            x.0 += y.0;
            x.1 += y.1;
        }
        for (k, v) in &o.sparse {
            let e = self.sparse.entry(*k).or_insert((0, 0));
            e.0 += v.0;
            e.1 += v.1;
        }
        self.years_over += o.years_over;
        self.any_over += o.any_over;
    }

    pub fn trials(&self) -> u64 {
        self.trials
    }
}

/// A run in progress, or one slice of it (trials `start..end`): call [`Runner::step`]
/// until it returns true, then [`Runner::finish`] (the whole run) or
/// [`Runner::into_tally`] (a slice, to merge with the others).
#[derive(Debug, Clone)]
pub struct Runner {
    model: Model,
    settings: SimSettings,
    scratch: Scratch,
    tally: Tally,
    start: u64,
    next: u64,
    end: u64,
}

impl Runner {
    pub fn new(model: Model, settings: &SimSettings, ds: &Dataset) -> Runner {
        Runner::part(model, settings, ds, 0, 1)
    }

    /// Part `part` of `parts` of the run: an equal share of its trials, in order.
    pub fn part(
        model: Model,
        settings: &SimSettings,
        ds: &Dataset,
        part: u32,
        parts: u32,
    ) -> Runner {
        let settings = settings.cleaned();
        let parts = u64::from(parts.max(1));
        let part = u64::from(part).min(parts - 1);
        let total = u64::from(settings.trials);
        let (start, end) = (total * part / parts, total * (part + 1) / parts);
        Runner {
            scratch: model.scratch(),
            tally: Tally::new(&model, &settings, ds),
            model,
            settings,
            start,
            next: start,
            end,
        }
    }

    /// Runs up to `max` more trials; true when the run (or slice) is complete.
    pub fn step(&mut self, max: u32) -> bool {
        let end = (self.next + u64::from(max)).min(self.end);
        for trial in self.next..end {
            let out = self.model.run_trial(trial, &mut self.scratch);
            self.tally.add(&out, &self.scratch);
        }
        self.next = end;
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.next >= self.end
    }

    /// Trials done and to do in this run (or slice).
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next - self.start,
            total: self.end - self.start,
        }
    }

    pub fn settings(&self) -> &SimSettings {
        &self.settings
    }

    /// The compiled model the trials run on.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// A scratch for [`Model::run_phase`].
    pub fn scratch(&self) -> Scratch {
        self.model.scratch()
    }

    /// What the trials run add up to.
    pub fn into_tally(self) -> Tally {
        self.tally
    }

    /// Summarises the trials run (all of them, once [`Runner::step`] returned true).
    pub fn finish(self, ds: &Dataset) -> Summary {
        summarise(&self.settings, &self.tally, ds)
    }
}

/// Percentiles (nearest rank) and mean of counted values.
fn quantiles(c: &Counts, step: f64) -> Quantiles {
    let n = c.total();
    if n == 0 {
        return Quantiles::default();
    }
    let rank = |q: f64| ((q * (n - 1) as f64).round() as u64).min(n - 1);
    let [p5, p10, p25, p50, p75, p90, p95] =
        c.at_ranks([0.05, 0.10, 0.25, 0.5, 0.75, 0.90, 0.95].map(rank), step);
    Quantiles {
        p5,
        p10,
        p25,
        p50,
        p75,
        p90,
        p95,
        mean: c.key_sum() as f64 * step / n as f64,
    }
}

/// The one rule for round numbers, for the histogram's bins and every chart axis: the
/// smallest step of 1, 2 or 5 × 10^k that is at least `raw` (to within rounding noise, so
/// 0.3 / 6 gives 0.05, not 0.1); 1 for anything not a positive number. No 2.5: a step of
/// 2.5 needs a decimal its neighbours do not, and reads less easily on a board's axis.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let p = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let f = raw / p - 1e-9;
    p * if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    }
}

fn histogram(c: &Counts, min: f64, max: f64) -> Histogram {
    let step = nice_step((max - min) / HISTOGRAM_BINS as f64);
    let lo = libm::floor(min / step) * step;
    let bins = (libm::floor((max - lo) / step) as usize + 1).max(1);
    let mut counts = vec![0u32; bins];
    for (v, k) in c.values(MONEY_STEP) {
        let i = (((v - lo) / step) as usize).min(bins - 1);
        counts[i] += k;
    }
    Histogram {
        edges: (0..=bins).map(|i| lo + i as f64 * step).collect(),
        counts,
    }
}

/// P(value > x) at evenly spaced x from the smallest to the largest value, from the
/// counts.
fn exceedance(c: &Counts) -> Vec<Exceedance> {
    let n = c.total();
    let Some((min, max)) = c.min_max(MONEY_STEP) else {
        return Vec::new();
    };
    if max - min <= 1e-12 {
        return vec![Exceedance { x: min, p: 0.0 }];
    }
    let k = EXCEEDANCE_POINTS;
    let width = (max - min) / k as f64;
    // counts[i]: values in (min + (i-1)·w, min + i·w]; counts[0] holds the values at min.
    let mut counts = vec![0u64; k + 1];
    for (v, c) in c.values(MONEY_STEP) {
        let i = libm::ceil((v - min) / width).clamp(0.0, k as f64) as usize;
        counts[i] += u64::from(c);
    }
    let mut above = n;
    (0..=k)
        .map(|i| {
            above -= counts[i];
            Exceedance {
                x: min + i as f64 * width,
                p: above as f64 / n as f64,
            }
        })
        .collect()
}

/// The exact Poisson-binomial distribution: P(exactly k of independent events with
/// probabilities `p` happen), k = 0..=len.
pub fn poisson_binomial(p: &[f64]) -> Vec<f64> {
    let mut dist = vec![0.0; p.len() + 1];
    dist[0] = 1.0;
    for (i, &q) in p.iter().enumerate() {
        for k in (0..=i + 1).rev() {
            let stay = dist[k] * (1.0 - q);
            let moved = if k > 0 { dist[k - 1] * q } else { 0.0 };
            dist[k] = stay + moved;
        }
    }
    dist
}

/// The summary of a run from its tally (all its trials, merged from any slices).
pub fn summarise(settings: &SimSettings, t: &Tally, ds: &Dataset) -> Summary {
    let meta = &t.meta;
    let (n, years) = (t.n(), meta.years);
    let by_set: Vec<(u32, (u64, i64))> = t
        .dense
        .iter()
        .enumerate()
        .filter(|(_, v)| v.0 > 0)
        .map(|(k, v)| (k as u32, *v))
        .chain(t.sparse.iter().map(|(k, v)| (*k, *v)))
        .collect();
    let trials = t.trials;
    let tf = trials.max(1) as f64;
    let trial_years = (trials as usize * years).max(1) as f64;

    let thresholds = marks(ds, settings)
        .into_iter()
        .zip(t.over_any.iter().zip(&t.over_year))
        .map(|((label, kind, value), (any, year))| ThresholdResult {
            label,
            kind,
            value,
            p_any_year: *any as f64 / tf,
            p_year: *year as f64 / trial_years,
        })
        .collect();
    let (record_lo, record_hi) = t.record;
    let p_net_in_record_range = if record_lo <= record_hi {
        t.in_record as f64 / trial_years
    } else {
        0.0
    };

    let histogram = match t.five.min_max(MONEY_STEP) {
        Some((min, max)) => histogram(&t.five, min, max),
        None => Histogram::default(),
    };
    let exceed = exceedance(&t.five);
    let any_exceed = exceedance(&t.max_annual);

    let per_year = |v: &[Counts], step: f64| -> Vec<Quantiles> {
        v.iter().map(|c| quantiles(c, step)).collect()
    };
    let pooled = |v: &[Counts]| {
        let mut all = Counts::default();
        v.iter().for_each(|c| all.merge(c));
        quantiles(&all, MONEY_STEP)
    };

    // Per risk: at least once, and the tornado, from the sets of risks that happened.
    let money = |steps: i64| steps as f64 * MONEY_STEP;
    let mut once = vec![0u64; n];
    let mut with_sum = vec![0i64; n];
    let total_sum: i64 = by_set.iter().map(|(_, v)| v.1).sum();
    for &(set, (count, sum)) in &by_set {
        for r in 0..n {
            if set & (1 << r) != 0 {
                once[r] += count;
                with_sum[r] += sum;
            }
        }
    }
    let mean = |sum: i64, count: u64| (count > 0).then(|| money(sum) / count as f64);
    let effects = (0..n)
        .map(|r| RiskEffect {
            risk: meta.risks[r].clone(),
            with: mean(with_sum[r], once[r]),
            without: mean(total_sum - with_sum[r], trials - once[r]),
        })
        .collect();
    let mut pairs = Vec::new();
    let mut co_occurrence = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let mut cells = [(0u64, 0i64); 4];
            for &(set, (count, sum)) in &by_set {
                let ia = set & (1 << a) != 0;
                let ib = set & (1 << b) != 0;
                let c = match (ia, ib) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (false, false) => 3,
                };
                cells[c].0 += count;
                cells[c].1 += sum;
            }
            let enough = cells.iter().all(|c| c.0 >= u64::from(MIN_CELL_TRIALS));
            let m = |i: usize| money(cells[i].1) / cells[i].0 as f64;
            pairs.push(PairExcess {
                a,
                b,
                cells: cells.map(|c| c.0.min(u64::from(u32::MAX)) as u32),
                excess: enough.then(|| m(0) - m(1) - m(2) + m(3)),
            });
            let independent = (0..years)
                .map(|y| {
                    let fa = t.frequency[y * n + a] as f64 / tf;
                    let fb = t.frequency[y * n + b] as f64 / tf;
                    fa * fb
                })
                .sum::<f64>()
                / years.max(1) as f64;
            co_occurrence.push(CoOccurrence {
                a,
                b,
                observed: t.pair[a * n + b] as f64 / trial_years,
                independent,
            });
        }
    }

    let same_year = t.busiest.iter().map(|b| b.0 as f64 / tf).collect();
    let mut same_year_gap = vec![None; n + 1];
    let (mut count, mut sum) = (0u64, 0i64);
    for k in (0..=n).rev() {
        count += t.busiest[k].0;
        sum += t.busiest[k].1;
        same_year_gap[k] = mean(sum, count);
    }
    let harms = ["R4", "R5"]
        .iter()
        .filter_map(|id| {
            let r = meta.risks.iter().position(|x| x.0 == *id)?;
            Some((meta.risks[r].clone(), once[r] as f64 / tf))
        })
        .collect();
    Summary {
        trials: trials as u32,
        seed: settings.seed,
        rating: settings.rating,
        interactions: settings.interactions,
        risks: meta.risks.clone(),
        years: (0..years)
            .map(|y| ds.drivers.baseline_year + y as u16)
            .collect(),
        base_probability: meta.rated.clone(),
        factors: meta.factors.clone(),
        baseline_five_year: meta.baseline_gaps.iter().sum(),
        baseline_gaps: meta.baseline_gaps.clone(),
        annual: per_year(&t.annual, MONEY_STEP),
        annual_gross: per_year(&t.gross, MONEY_STEP),
        annual_net_all: pooled(&t.annual),
        annual_gross_all: pooled(&t.gross),
        p_net_in_record_range,
        record_range: (record_lo, record_hi),
        children: per_year(&t.children, CHILD_STEP),
        baseline_children: meta.baseline_children.clone(),
        baseline_gross: meta.baseline_gross.clone(),
        five_year: quantiles(&t.five, MONEY_STEP),
        five_year_gross: quantiles(&t.five_gross, MONEY_STEP),
        extra_funding: quantiles(&t.extra_funding, MONEY_STEP),
        management: settings.management,
        histogram,
        exceedance: exceed,
        any_year_exceedance: any_exceed,
        thresholds,
        p_at_least_once: once.iter().map(|c| *c as f64 / tf).collect(),
        yearly_frequency: (0..n)
            .map(|r| (0..years).map(|y| t.frequency[y * n + r]).sum::<u64>() as f64 / trial_years)
            .collect(),
        same_year,
        same_year_gap,
        per_year_count: t
            .per_year_count
            .iter()
            .map(|c| *c as f64 / trial_years)
            .collect(),
        per_year_count_independent: poisson_binomial(&meta.rated),
        co_occurrence,
        effects,
        pairs,
        non_financial: NonFinancial {
            mean_years_over_safe_caseload: t.years_over as f64 / tf,
            p_any_year_over_safe_caseload: t.any_over as f64 / tf,
            baseline_years_over_safe_caseload: meta.baseline_years_over,
            unregistered_peak: quantiles(&t.unregistered, CHILD_STEP),
            baseline_unregistered_peak: meta.baseline_unregistered_peak,
            harms,
        },
    }
}

/// The digest of a summary, for the side-by-side comparison of ratings.
pub fn digest(s: &Summary) -> RatingDigest {
    let chosen = s.thresholds.first();
    RatingDigest {
        rating: s.rating,
        five_year: s.five_year,
        five_year_gross: s.five_year_gross,
        p_year_over: chosen.map(|t| t.p_year).unwrap_or(0.0),
        p_any_year_over: chosen.map(|t| t.p_any_year).unwrap_or(0.0),
        p_three_same_year: s.p_same_year_at_least(3),
        rated: s.base_probability.clone(),
        yearly_frequency: s.yearly_frequency.clone(),
        mean_events: s.yearly_frequency.iter().sum::<f64>() * s.years.len() as f64,
    }
}

impl SimRequest {
    /// The consequences in force (the dataset's with the request's edits).
    pub fn consequences(&self, ds: &Dataset) -> Consequences {
        ds.consequences.with_edits(&self.consequences)
    }

    /// A runner for this request at `rating`.
    pub fn runner(&self, ds: &Dataset, consequences: &Consequences, rating: RatingKind) -> Runner {
        self.runner_part(ds, consequences, rating, 0, 1)
    }

    /// A runner for part `part` of `parts` of this request at `rating` (an equal share of
    /// the trials, see [`Runner::part`]).
    pub fn runner_part(
        &self,
        ds: &Dataset,
        consequences: &Consequences,
        rating: RatingKind,
        part: u32,
        parts: u32,
    ) -> Runner {
        let inp = Inputs {
            ds,
            consequences,
            edits: &self.drivers,
            register: &self.register,
            managed: self.settings.management,
        };
        let settings = SimSettings {
            rating,
            ..self.settings.cleaned()
        };
        let model = Model::new(
            inp,
            &ds.interactions,
            &self.interactions,
            rating,
            settings.interactions,
            settings.seed,
        );
        Runner::part(model, &settings, ds, part, parts)
    }

    /// The order a job runs its ratings in: the chosen one first (its results show as
    /// soon as it is done), then the other two.
    pub fn rating_order(&self) -> [RatingKind; 3] {
        let chosen = self.settings.rating;
        let mut out = [chosen; 3];
        let mut i = 1;
        for k in RatingKind::ALL {
            if k != chosen {
                out[i] = k;
                i += 1;
            }
        }
        out
    }

    /// Runs the whole request at once (tests, benchmarks, the native example).
    pub fn run(&self, ds: &Dataset) -> SimOutput {
        let consequences = self.consequences(ds);
        let mut summary = None;
        let mut digests = Vec::new();
        for kind in self.rating_order() {
            let mut r = self.runner(ds, &consequences, kind);
            r.step(u32::MAX);
            let s = r.finish(ds);
            digests.push(digest(&s));
            if summary.is_none() {
                summary = Some(s);
            }
        }
        digests.sort_by_key(|d| d.rating);
        SimOutput {
            summary: summary.expect("three ratings run"),
            by_rating: digests,
        }
    }
}
