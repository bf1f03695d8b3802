//! Running trials in chunks and summarising them. Trials are added in trial order,
//! whatever the chunk size, so a run's numbers depend only on its inputs and seed.

use super::summary::*;
use super::{
    Model, Progress, Scratch, SimOutput, SimRequest, SimSettings, TrialOutcome, EXCEEDANCE_POINTS,
    HISTOGRAM_BINS,
};
use crate::model::consequences::Consequences;
use crate::model::register::RatingKind;
use crate::model::scenario::Inputs;
use crate::model::Dataset;
use std::collections::BTreeMap;

/// England's average children's social care overspend in 2019/20, as a share
/// (003_5c74db5ef1cc75ad.txt:176).
pub const ENGLAND_OVERSPEND_SHARE: f64 = 0.09;

/// Up to this many risks the sets of risks that happened are counted in a table.
const DENSE_RISKS: usize = 16;

/// What the trials so far add up to.
#[derive(Debug, Clone)]
struct Accumulator {
    n: usize,
    years: usize,
    /// Five-year net outturn by trial, £m.
    five: Vec<f64>,
    /// Five-year gross pressure and extra funding by trial, £m.
    five_gross: Vec<f32>,
    extra_funding: Vec<f32>,
    /// annual[trial * years + year]: net outturn, £m.
    annual: Vec<f32>,
    /// The same for gross in-year pressure, £m.
    gross: Vec<f32>,
    /// The same for children in care at the end of the year.
    children: Vec<f32>,
    unregistered: Vec<f32>,
    /// By the number of risks in the busiest year: trials and Σ five-year gap.
    busiest: Vec<(u64, f64)>,
    /// Trial-years by how many risks happened.
    per_year_count: Vec<u64>,
    /// frequency[year * n + risk]: trial-years the risk happened in.
    frequency: Vec<u64>,
    /// pair[a * n + b], a < b: trial-years both happened in.
    pair: Vec<u64>,
    /// By the set of risks that happened at least once: trials and Σ five-year gap,
    /// indexed by the set's bits when there are few risks, else in a map.
    dense: Vec<(u64, f64)>,
    sparse: BTreeMap<u32, (u64, f64)>,
    years_over: u64,
    any_over: u64,
}

impl Accumulator {
    fn new(model: &Model, capacity: usize) -> Accumulator {
        let (n, years) = (model.n, model.years);
        Accumulator {
            n,
            years,
            five: Vec::with_capacity(capacity),
            five_gross: Vec::with_capacity(capacity),
            extra_funding: Vec::with_capacity(capacity),
            annual: Vec::with_capacity(capacity * years),
            gross: Vec::with_capacity(capacity * years),
            children: Vec::with_capacity(capacity * years),
            unregistered: Vec::with_capacity(capacity),
            busiest: vec![(0, 0.0); n + 1],
            per_year_count: vec![0; n + 1],
            frequency: vec![0; years * n],
            pair: vec![0; n * n],
            dense: if n <= DENSE_RISKS {
                vec![(0, 0.0); 1 << n]
            } else {
                Vec::new()
            },
            sparse: BTreeMap::new(),
            years_over: 0,
            any_over: 0,
        }
    }

    fn add(&mut self, out: &TrialOutcome, scratch: &Scratch) {
        let g = out.five_year;
        self.five.push(g);
        self.five_gross.push(out.five_year_gross as f32);
        self.extra_funding.push(out.extra_funding as f32);
        self.annual.extend(scratch.gaps.iter().map(|x| *x as f32));
        self.gross.extend(scratch.gross.iter().map(|x| *x as f32));
        self.children
            .extend(scratch.children.iter().map(|x| *x as f32));
        self.unregistered.push(out.unregistered_peak as f32);
        let b = &mut self.busiest[out.max_same_year as usize];
        b.0 += 1;
        b.1 += g;
        for (y, &m) in scratch.masks.iter().enumerate() {
            self.per_year_count[m.count_ones() as usize] += 1;
            let mut bits = m;
            while bits != 0 {
                let a = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                self.frequency[y * self.n + a] += 1;
                let mut rest = bits;
                while rest != 0 {
                    let c = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    self.pair[a * self.n + c] += 1;
                }
            }
        }
        let e = if self.dense.is_empty() {
            self.sparse.entry(out.once).or_insert((0, 0.0))
        } else {
            &mut self.dense[out.once as usize]
        };
        e.0 += 1;
        e.1 += g;
        self.years_over += u64::from(out.years_over_safe_caseload);
        self.any_over += u64::from(out.years_over_safe_caseload > 0);
    }
}

/// A run in progress: call [`Runner::step`] until it returns true, then [`Runner::finish`].
#[derive(Debug, Clone)]
pub struct Runner {
    model: Model,
    settings: SimSettings,
    scratch: Scratch,
    acc: Accumulator,
    next: u64,
}

impl Runner {
    pub fn new(model: Model, settings: &SimSettings) -> Runner {
        let settings = settings.cleaned();
        Runner {
            scratch: model.scratch(),
            acc: Accumulator::new(&model, settings.trials as usize),
            model,
            settings,
            next: 0,
        }
    }

    /// Runs up to `max` more trials; true when the run is complete.
    pub fn step(&mut self, max: u32) -> bool {
        let end = (self.next + u64::from(max)).min(u64::from(self.settings.trials));
        for trial in self.next..end {
            let out = self.model.run_trial(trial, &mut self.scratch);
            self.acc.add(&out, &self.scratch);
        }
        self.next = end;
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.next >= u64::from(self.settings.trials)
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next,
            total: u64::from(self.settings.trials),
        }
    }

    /// Summarises the trials run (all of them, once [`Runner::step`] returned true).
    pub fn finish(self, ds: &Dataset) -> Summary {
        summarise(&self.model, &self.settings, self.acc, ds)
    }
}

/// The value at quantile q (nearest rank) of `v`, reordering `v[lo..hi]` only. Taking the
/// median first and the outer quantiles inside its halves keeps the work near 2.5n.
fn quantiles(v: &mut [f64]) -> Quantiles {
    let n = v.len();
    if n == 0 {
        return Quantiles::default();
    }
    let mean = v.iter().sum::<f64>() / n as f64;
    let rank = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
    let cmp = |a: &f64, b: &f64| a.total_cmp(b);
    let (i5, i10, i25, i50) = (rank(0.05), rank(0.10), rank(0.25), rank(0.5));
    let (i75, i90, i95) = (rank(0.75), rank(0.90), rank(0.95));
    v.select_nth_unstable_by(i50, cmp);
    let p50 = v[i50];
    let (left, right) = v.split_at_mut(i50);
    // Each quantile below the median is selected within the part left of the next one
    // up, and above it within the part right of the next one down.
    let p25 = if i25 < i50 {
        *left.select_nth_unstable_by(i25, cmp).1
    } else {
        p50
    };
    let p10 = if i10 < i25 {
        *left[..i25].select_nth_unstable_by(i10, cmp).1
    } else {
        p25
    };
    let p5 = if i5 < i10 {
        *left[..i10].select_nth_unstable_by(i5, cmp).1
    } else {
        p10
    };
    let p75 = if i75 > i50 {
        *right.select_nth_unstable_by(i75 - i50, cmp).1
    } else {
        p50
    };
    let p90 = if i90 > i75 {
        *right[i75 - i50..].select_nth_unstable_by(i90 - i75, cmp).1
    } else {
        p75
    };
    let p95 = if i95 > i90 {
        *right[i90 - i50..].select_nth_unstable_by(i95 - i90, cmp).1
    } else {
        p90
    };
    Quantiles {
        p5,
        p10,
        p25,
        p50,
        p75,
        p90,
        p95,
        mean,
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

fn histogram(values: &[f64], min: f64, max: f64) -> Histogram {
    let step = nice_step((max - min) / HISTOGRAM_BINS as f64);
    let lo = libm::floor(min / step) * step;
    let bins = (libm::floor((max - lo) / step) as usize + 1).max(1);
    let mut counts = vec![0u32; bins];
    for v in values {
        let i = (((v - lo) / step) as usize).min(bins - 1);
        counts[i] += 1;
    }
    Histogram {
        edges: (0..=bins).map(|i| lo + i as f64 * step).collect(),
        counts,
    }
}

/// P(value > x) at evenly spaced x from the smallest to the largest value, by counting
/// into fine bins (no sort).
fn exceedance(values: &[f64], min: f64, max: f64) -> Vec<Exceedance> {
    let n = values.len();
    if n == 0 {
        return Vec::new();
    }
    if max - min <= 1e-12 {
        return vec![Exceedance { x: min, p: 0.0 }];
    }
    let k = EXCEEDANCE_POINTS;
    let width = (max - min) / k as f64;
    // counts[i]: values in (min + (i-1)·w, min + i·w]; counts[0] holds the values at min.
    let mut counts = vec![0u64; k + 1];
    for v in values {
        let i = libm::ceil((v - min) / width).clamp(0.0, k as f64) as usize;
        counts[i] += 1;
    }
    let mut above = n as u64;
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

fn summarise(model: &Model, settings: &SimSettings, acc: Accumulator, ds: &Dataset) -> Summary {
    let Accumulator {
        n,
        years,
        mut five,
        five_gross,
        extra_funding,
        annual,
        gross,
        children,
        unregistered,
        busiest,
        per_year_count,
        frequency,
        pair,
        dense,
        sparse,
        years_over,
        any_over,
    } = acc;
    let by_set: Vec<(u32, (u64, f64))> = dense
        .into_iter()
        .enumerate()
        .filter(|(_, v)| v.0 > 0)
        .map(|(k, v)| (k as u32, v))
        .chain(sparse)
        .collect();
    let trials = five.len();
    let tf = trials.max(1) as f64;
    let trial_years = (trials * years).max(1) as f64;

    let (min, max) = five
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let mut max_annual: Vec<f64> = annual
        .chunks(years.max(1))
        .map(|c| {
            c.iter()
                .fold(f64::NEG_INFINITY, |m, v| m.max(f64::from(*v)))
        })
        .collect();
    let (amin, amax) = max_annual
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });

    // Thresholds: the chosen one, then past outturns and pressures.
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
    // Outturns and the chosen threshold are held against the net outturn; pressures
    // against gross pressure (at or above), always one year's figure with one year's.
    let max_gross: Vec<f32> = gross
        .chunks(years.max(1))
        .map(|c| c.iter().fold(f32::NEG_INFINITY, |m, v| m.max(*v)))
        .collect();
    // England's average overspend in 2019/20 was 9% (003_5c74db5ef1cc75ad.txt:176),
    // taken as a share of this contract sum: the far tail of the net outturn.
    marks.push((
        "England's average overspend in 2019/20 (9%)".to_string(),
        ThresholdKind::Reference,
        ENGLAND_OVERSPEND_SHARE * ds.scales.contract_sum.gbp_m,
    ));
    let thresholds = marks
        .into_iter()
        .map(|(label, kind, value)| {
            let (p_any_year, p_year) = match kind {
                ThresholdKind::Pressure => (
                    max_gross.iter().filter(|g| f64::from(**g) >= value).count() as f64 / tf,
                    gross.iter().filter(|g| f64::from(**g) >= value).count() as f64 / trial_years,
                ),
                _ => (
                    max_annual.iter().filter(|g| **g > value).count() as f64 / tf,
                    annual.iter().filter(|g| f64::from(**g) > value).count() as f64 / trial_years,
                ),
            };
            ThresholdResult {
                label,
                kind,
                value,
                p_any_year,
                p_year,
            }
        })
        .collect();
    drop(max_gross);
    let (record_lo, record_hi) = ds
        .drivers
        .outturns
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), o| {
            (a.min(o.gap_gbp_m), b.max(o.gap_gbp_m))
        });
    let p_net_in_record_range = if record_lo <= record_hi {
        annual
            .iter()
            .filter(|g| (record_lo..=record_hi).contains(&f64::from(**g)))
            .count() as f64
            / trial_years
    } else {
        0.0
    };

    let histogram = if trials > 0 {
        histogram(&five, min, max)
    } else {
        Histogram::default()
    };
    let exceed = exceedance(&five, min, max);
    let any_exceed = exceedance(&max_annual, amin, amax);
    drop(max_annual.drain(..));

    let mut column = Vec::with_capacity(trials);
    let mut per_year = |v: &[f32]| -> Vec<Quantiles> {
        (0..years)
            .map(|y| {
                column.clear();
                column.extend(v.iter().skip(y).step_by(years).map(|x| f64::from(*x)));
                quantiles(&mut column)
            })
            .collect()
    };
    let annual_q = per_year(&annual);
    let gross_q = per_year(&gross);
    let children_q = per_year(&children);
    drop(children);
    let pooled = |v: Vec<f32>| {
        let mut all: Vec<f64> = v.into_iter().map(f64::from).collect();
        quantiles(&mut all)
    };
    let annual_net_all = pooled(annual);
    let annual_gross_all = pooled(gross);
    let five_year_gross = pooled(five_gross);
    let extra_funding_q = pooled(extra_funding);
    let mut unreg: Vec<f64> = unregistered.iter().map(|v| f64::from(*v)).collect();
    let unregistered_peak = quantiles(&mut unreg);

    // Per risk: at least once, and the tornado, from the sets of risks that happened.
    let mut once = vec![0u64; n];
    let mut with_sum = vec![0.0; n];
    let total_sum: f64 = by_set.iter().map(|(_, v)| v.1).sum();
    for &(set, (count, sum)) in &by_set {
        for r in 0..n {
            if set & (1 << r) != 0 {
                once[r] += count;
                with_sum[r] += sum;
            }
        }
    }
    let mean = |sum: f64, count: u64| (count > 0).then(|| sum / count as f64);
    let effects = (0..n)
        .map(|r| RiskEffect {
            risk: model.ids[r].clone(),
            with: mean(with_sum[r], once[r]),
            without: mean(total_sum - with_sum[r], trials as u64 - once[r]),
        })
        .collect();
    let mut pairs = Vec::new();
    let mut co_occurrence = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let mut cells = [(0u64, 0.0f64); 4];
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
            let m = |i: usize| cells[i].1 / cells[i].0 as f64;
            pairs.push(PairExcess {
                a,
                b,
                cells: cells.map(|c| c.0.min(u64::from(u32::MAX)) as u32),
                excess: enough.then(|| m(0) - m(1) - m(2) + m(3)),
            });
            let independent = (0..years)
                .map(|y| {
                    let fa = frequency[y * n + a] as f64 / tf;
                    let fb = frequency[y * n + b] as f64 / tf;
                    fa * fb
                })
                .sum::<f64>()
                / years.max(1) as f64;
            co_occurrence.push(CoOccurrence {
                a,
                b,
                observed: pair[a * n + b] as f64 / trial_years,
                independent,
            });
        }
    }

    let same_year = busiest.iter().map(|b| b.0 as f64 / tf).collect();
    let mut same_year_gap = vec![None; n + 1];
    let (mut count, mut sum) = (0u64, 0.0);
    for k in (0..=n).rev() {
        count += busiest[k].0;
        sum += busiest[k].1;
        same_year_gap[k] = mean(sum, count);
    }
    let (base_scratch, base_out) = model.baseline();
    let baseline_gaps = base_scratch.gaps.clone();
    let harms = ["R4", "R5"]
        .iter()
        .filter_map(|id| {
            let r = model.ids.iter().position(|x| x.0 == *id)?;
            Some((model.ids[r].clone(), once[r] as f64 / tf))
        })
        .collect();
    let five_year = quantiles(&mut five);
    Summary {
        trials: trials as u32,
        seed: settings.seed,
        rating: settings.rating,
        interactions: settings.interactions,
        risks: model.ids.clone(),
        years: (0..years)
            .map(|t| ds.drivers.baseline_year + t as u16)
            .collect(),
        base_probability: model.rated.clone(),
        factors: model.factors.clone(),
        baseline_five_year: baseline_gaps.iter().sum(),
        baseline_gaps,
        annual: annual_q,
        annual_gross: gross_q,
        annual_net_all,
        annual_gross_all,
        p_net_in_record_range,
        record_range: (record_lo, record_hi),
        children: children_q,
        baseline_children: base_scratch.children.clone(),
        baseline_gross: base_scratch.gross.clone(),
        five_year,
        five_year_gross,
        extra_funding: extra_funding_q,
        management: settings.management,
        histogram,
        exceedance: exceed,
        any_year_exceedance: any_exceed,
        thresholds,
        p_at_least_once: once.iter().map(|c| *c as f64 / tf).collect(),
        yearly_frequency: (0..n)
            .map(|r| (0..years).map(|y| frequency[y * n + r]).sum::<u64>() as f64 / trial_years)
            .collect(),
        same_year,
        same_year_gap,
        per_year_count: per_year_count
            .iter()
            .map(|c| *c as f64 / trial_years)
            .collect(),
        per_year_count_independent: poisson_binomial(&model.rated),
        co_occurrence,
        effects,
        pairs,
        non_financial: NonFinancial {
            mean_years_over_safe_caseload: years_over as f64 / tf,
            p_any_year_over_safe_caseload: any_over as f64 / tf,
            baseline_years_over_safe_caseload: base_out.years_over_safe_caseload,
            unregistered_peak,
            baseline_unregistered_peak: base_out.unregistered_peak,
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
        Runner::new(model, &settings)
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
