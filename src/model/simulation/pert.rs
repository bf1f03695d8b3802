//! PERT sampling by inverse CDF from a table. The PERT distribution over [a, b] with mode
//! m is a + (b − a)·Beta(α, β) with α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a);
//! its mean is (a + 4m + b)/6. Drawing a Beta variate needs two gamma draws; the table
//! turns a uniform into a PERT value with one lookup and a linear interpolation, which
//! is what lets a million trials run in about a second.

use std::cell::RefCell;
use std::collections::HashMap;

/// Tables kept for reuse, at most this many (a dataset has about 70 shocks).
const CACHE_TABLES: usize = 4096;

thread_local! {
    /// Tables already worked out, by the exact bits of (low, likely, high): a table
    /// depends on nothing else, and each takes 2,048 powers to build, which made
    /// compiling a run cost more than 10,000 of its trials. Every rating and run on the
    /// same consequences shares them.
    static TABLES: RefCell<HashMap<[u64; 3], PertTable>> = RefCell::new(HashMap::new());
}

/// Quantiles stored per shock (the table has one more entry).
const STEPS: usize = 256;
/// Intervals of the numerical integration of the density.
const GRID: usize = 1024;

/// A PERT distribution's quantile function, tabulated at `STEPS + 1` evenly spaced
/// probabilities and interpolated linearly between them.
#[derive(Debug, Clone, PartialEq)]
pub struct PertTable {
    /// Quantiles at u = i / STEPS, as offsets from `low` in single precision (so that
    /// every shock's table together fits in the processor's first-level cache); a single
    /// entry when the range is empty.
    q: Vec<f32>,
    low: f64,
}

impl PertTable {
    /// The table for low / most likely / high values (they may run downwards: a shock
    /// whose severe end is negative).
    pub fn new(low: f64, likely: f64, high: f64) -> PertTable {
        let (a, b) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        if !(b - a).is_finite() || b - a <= 0.0 {
            return PertTable {
                q: vec![0.0],
                low: likely,
            };
        }
        let m = likely.clamp(a, b);
        let alpha = 1.0 + 4.0 * (m - a) / (b - a);
        let beta = 1.0 + 4.0 * (b - m) / (b - a);
        // Cumulative density on a fine grid (trapezoid rule; α, β ≥ 1 so the density is
        // finite everywhere), normalised to end at 1.
        let density = |x: f64| libm::pow(x, alpha - 1.0) * libm::pow(1.0 - x, beta - 1.0);
        let mut cdf = Vec::with_capacity(GRID + 1);
        cdf.push(0.0);
        let h = 1.0 / GRID as f64;
        let mut prev = density(0.0);
        let mut total = 0.0;
        for i in 1..=GRID {
            let d = density(i as f64 * h);
            total += 0.5 * (prev + d) * h;
            cdf.push(total);
            prev = d;
        }
        // Invert: for each probability, find the grid interval and interpolate in it.
        let mut q = Vec::with_capacity(STEPS + 1);
        let mut j = 0;
        for i in 0..=STEPS {
            let target = i as f64 / STEPS as f64 * total;
            while j + 1 < GRID && cdf[j + 1] < target {
                j += 1;
            }
            let (c0, c1) = (cdf[j], cdf[j + 1]);
            let frac = if c1 > c0 {
                ((target - c0) / (c1 - c0)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            q.push(((b - a) * (j as f64 + frac) * h) as f32);
        }
        q[0] = 0.0;
        q[STEPS] = (b - a) as f32;
        PertTable { q, low: a }
    }

    /// The same table as [`PertTable::new`], worked out once per thread and then copied.
    pub fn cached(low: f64, likely: f64, high: f64) -> PertTable {
        let key = [low.to_bits(), likely.to_bits(), high.to_bits()];
        TABLES.with(|cell| {
            let mut tables = cell.borrow_mut();
            if let Some(t) = tables.get(&key) {
                return t.clone();
            }
            if tables.len() >= CACHE_TABLES {
                tables.clear();
            }
            let t = PertTable::new(low, likely, high);
            tables.insert(key, t.clone());
            t
        })
    }

    /// The value at probability `u` in [0, 1).
    #[inline]
    pub fn sample(&self, u: f64) -> f64 {
        if self.q.len() == 1 {
            return self.low;
        }
        let x = u * STEPS as f64;
        // Through i32: a browser converts a float to a signed integer in one instruction,
        // to an unsigned one (usize is u32 in WebAssembly) in several. 0 ≤ x < STEPS.
        let i = (x as i32 as usize).min(STEPS - 1);
        let f = x - i as f64;
        let (q0, q1) = (f64::from(self.q[i]), f64::from(self.q[i + 1]));
        self.low + q0 + (q1 - q0) * f
    }

    /// The analytic mean (a + 4m + b)/6 of the distribution the table stands for.
    pub fn mean_of(low: f64, likely: f64, high: f64) -> f64 {
        (low + 4.0 * likely + high) / 6.0
    }
}
