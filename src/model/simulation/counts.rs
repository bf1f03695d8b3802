//! Fixed-resolution counts: how many trials had each value, to a fixed step. Counts from
//! slices of a run (in one worker or several) add up exactly whatever the split, so the
//! quantiles, means, histograms and curves taken from them are the same bit for bit
//! however the trials were divided.

use serde::{Deserialize, Serialize};

/// The step of money figures, £m: 2⁻⁷ (about £7,800), exact in binary, far finer than
/// any figure shown (£0.1m).
pub const MONEY_STEP: f64 = 1.0 / 128.0;
/// The step of children counts: an eighth of a child.
pub const CHILD_STEP: f64 = 1.0 / 8.0;
/// Values are kept within ± this many steps (far beyond any value the model makes).
const MAX_KEY: i64 = 1 << 24;

/// Counts of values rounded to multiples of a fixed step.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(into = "Packed", try_from = "Packed")]
pub struct Counts {
    /// The key (value ÷ step) of counts[0].
    lo: i64,
    counts: Vec<u32>,
}

/// Equal when they count the same values (however much room either has kept).
impl PartialEq for Counts {
    fn eq(&self, other: &Counts) -> bool {
        self.values(1.0).eq(other.values(1.0))
    }
}

impl std::fmt::Debug for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(i, c)| (self.lo + i as i64, c)),
            )
            .finish()
    }
}

/// How counts cross between worker and page: the first key, then pairs of (keys skipped
/// since the last count, count), so empty stretches cost nothing; the pairs as LEB128
/// varints in one base64 string. A million trials' tally has hundreds of thousands of
/// counts: as a string the page reads them in a few milliseconds, where as a JSON
/// array of numbers it took tens (one long task on the page as results arrived).
#[derive(Serialize, Deserialize)]
struct Packed(i64, String);

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

impl From<Counts> for Packed {
    fn from(c: Counts) -> Packed {
        use base64::Engine;
        let mut runs = Vec::new();
        let mut gap = 0u32;
        for &n in &c.counts {
            if n == 0 {
                gap += 1;
            } else {
                push_varint(&mut runs, gap);
                push_varint(&mut runs, n);
                gap = 0;
            }
        }
        Packed(c.lo, base64::engine::general_purpose::STANDARD.encode(runs))
    }
}

impl TryFrom<Packed> for Counts {
    type Error = &'static str;

    fn try_from(p: Packed) -> Result<Counts, &'static str> {
        use base64::Engine;
        const DAMAGED: &str = "damaged counts";
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(p.1.as_bytes())
            .map_err(|_| DAMAGED)?;
        let mut counts = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let gap = read_varint(&bytes, &mut at).ok_or(DAMAGED)?;
            let n = read_varint(&bytes, &mut at).ok_or(DAMAGED)?;
            let len = counts.len() + gap as usize;
            if len > 2 * MAX_KEY as usize + 1 {
                return Err(DAMAGED);
            }
            counts.resize(len, 0);
            counts.push(n);
        }
        Ok(Counts { lo: p.0, counts })
    }
}

/// A value's key: the nearest multiple of `1 / inv_step` (ties to even), bounded.
#[inline]
pub fn key(v: f64, inv_step: f64) -> i64 {
    // `as` saturates and takes NaN to 0.
    ((v * inv_step).round_ties_even() as i64).clamp(-MAX_KEY, MAX_KEY)
}

impl Counts {
    /// Counts one value with key `k`.
    #[inline]
    pub fn add_key(&mut self, k: i64) {
        let i = k.wrapping_sub(self.lo);
        if let Some(c) = usize::try_from(i).ok().and_then(|i| self.counts.get_mut(i)) {
            *c += 1;
            return;
        }
        self.grow(k, k);
        self.counts[(k - self.lo) as usize] += 1;
    }

    /// Makes room for keys `a..=b`, with slack so growth is rare.
    #[cold]
    fn grow(&mut self, a: i64, b: i64) {
        if self.counts.is_empty() {
            self.lo = a - 32;
            self.counts = vec![0; (b - a) as usize + 64];
            return;
        }
        let hi = self.lo + self.counts.len() as i64 - 1;
        let slack = (self.counts.len() as i64 / 2).max(32);
        let new_lo = if a < self.lo { a - slack } else { self.lo };
        let new_hi = if b > hi { b + slack } else { hi };
        let mut counts = vec![0u32; (new_hi - new_lo + 1) as usize];
        let at = (self.lo - new_lo) as usize;
        counts[at..at + self.counts.len()].copy_from_slice(&self.counts);
        self.lo = new_lo;
        self.counts = counts;
    }

    /// Adds another set of counts to these.
    pub fn merge(&mut self, other: &Counts) {
        let Some((a, b)) = other.key_range() else {
            return;
        };
        self.grow_to(a, b);
        let mine = (a - self.lo) as usize..=(b - self.lo) as usize;
        let theirs = (a - other.lo) as usize..=(b - other.lo) as usize;
        for (c, o) in self.counts[mine].iter_mut().zip(&other.counts[theirs]) {
            *c += *o;
        }
    }

    fn grow_to(&mut self, a: i64, b: i64) {
        let hi = self.lo + self.counts.len() as i64 - 1;
        if self.counts.is_empty() || a < self.lo || b > hi {
            let other_lo = if self.counts.is_empty() {
                a
            } else {
                a.min(self.lo)
            };
            let other_hi = if self.counts.is_empty() { b } else { b.max(hi) };
            self.grow(other_lo, other_hi);
        }
    }

    /// The lowest and highest keys with a count.
    fn key_range(&self) -> Option<(i64, i64)> {
        let first = self.counts.iter().position(|c| *c > 0)?;
        let last = self.counts.iter().rposition(|c| *c > 0)?;
        Some((self.lo + first as i64, self.lo + last as i64))
    }

    /// The smallest and largest values, given the step.
    pub fn min_max(&self, step: f64) -> Option<(f64, f64)> {
        self.key_range()
            .map(|(a, b)| (a as f64 * step, b as f64 * step))
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().map(|c| u64::from(*c)).sum()
    }

    /// (value, count) for every value counted, smallest first.
    pub fn values(&self, step: f64) -> impl Iterator<Item = (f64, u32)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(move |(i, c)| ((self.lo + i as i64) as f64 * step, *c))
    }

    /// How many values are above `x` (or at or above, when `inclusive`).
    pub fn count_above(&self, x: f64, step: f64, inclusive: bool) -> u64 {
        self.values(step)
            .filter(|(v, _)| if inclusive { *v >= x } else { *v > x })
            .map(|(_, c)| u64::from(c))
            .sum()
    }

    /// The sum of the keys counted (exact), for means.
    pub fn key_sum(&self) -> i128 {
        // Σ (lo + i)·c = lo·Σc + Σ i·c, the second in u64: i < 2²⁶ slots and Σc at most
        // a run's trials (10⁶ < 2²⁰) times the counts merged, far from 2⁶⁴. One 128-bit
        // product, not one a slot (the page's summary walked every slot so).
        let (mut total, mut weighted) = (0u64, 0u64);
        for (i, &c) in self.counts.iter().enumerate() {
            total += u64::from(c);
            weighted += i as u64 * u64::from(c);
        }
        i128::from(self.lo) * i128::from(total) + i128::from(weighted)
    }

    /// The values at the given nearest ranks (0-based, ascending order of rank).
    pub fn at_ranks<const K: usize>(&self, ranks: [u64; K], step: f64) -> [f64; K] {
        let mut out = [0.0; K];
        let mut seen = 0u64;
        let mut j = 0;
        for (i, c) in self.counts.iter().enumerate() {
            if *c == 0 {
                continue;
            }
            seen += u64::from(*c);
            while j < K && ranks[j] < seen {
                out[j] = (self.lo + i as i64) as f64 * step;
                j += 1;
            }
            if j == K {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_rounds_to_the_nearest_step_and_stays_bounded() {
        assert_eq!(key(1.0, 128.0), 128);
        assert_eq!(key(-0.3, 8.0), -2);
        assert_eq!(key(2.5, 1.0), 2, "ties to even");
        assert_eq!(key(3.5, 1.0), 4, "ties to even");
        assert_eq!(key(f64::NAN, 128.0), 0);
        assert_eq!(key(f64::INFINITY, 128.0), MAX_KEY);
        assert_eq!(key(-1e300, 128.0), -MAX_KEY);
    }

    #[test]
    fn the_key_sum_is_the_sum_of_every_key_counted() {
        for (values, step) in [
            (vec![-250.3, -0.01, 0.0, 3.7, 3.7, 912.0], MONEY_STEP),
            (vec![-80.0, -79.9, -1.0], MONEY_STEP),
            (vec![1_200.0, 1_350.5, 1_500.125], CHILD_STEP),
            (vec![], MONEY_STEP),
        ] {
            let mut c = Counts::default();
            let mut sum = 0i128;
            for v in &values {
                let k = key(*v, 1.0 / step);
                sum += i128::from(k);
                for _ in 0..3 {
                    c.add_key(k);
                }
            }
            assert_eq!(c.key_sum(), 3 * sum, "{values:?}");
        }
    }

    #[test]
    fn counts_merge_exactly_and_cross_as_json() {
        let values: Vec<f64> = (0..5_000)
            .map(|i| ((i * 7919) % 1013) as f64 * 0.37 - 100.0)
            .collect();
        let mut whole = Counts::default();
        for v in &values {
            whole.add_key(key(*v, 1.0 / MONEY_STEP));
        }
        for split in [1, 3, 700, 4_999] {
            let (a, b) = values.split_at(split);
            let mut left = Counts::default();
            let mut right = Counts::default();
            a.iter().for_each(|v| left.add_key(key(*v, 128.0)));
            b.iter().for_each(|v| right.add_key(key(*v, 128.0)));
            let mut m = Counts::default();
            m.merge(&right);
            m.merge(&left);
            assert_eq!(
                m.values(MONEY_STEP).collect::<Vec<_>>(),
                whole.values(MONEY_STEP).collect::<Vec<_>>()
            );
            let text = serde_json::to_string(&m).unwrap();
            let back: Counts = serde_json::from_str(&text).unwrap();
            assert_eq!(
                back.values(1.0).collect::<Vec<_>>(),
                m.values(1.0).collect::<Vec<_>>()
            );
        }
        assert_eq!(whole.total(), 5_000);
        let (lo, hi) = whole.min_max(MONEY_STEP).unwrap();
        assert!(lo <= -100.0 + MONEY_STEP && hi >= 274.0);
        // Nearest ranks by hand: 1, 2, 2, 5 → ranks 0..3.
        let mut c = Counts::default();
        for k in [5, 2, 1, 2] {
            c.add_key(k);
        }
        assert_eq!(c.at_ranks([0, 1, 2, 3], 1.0), [1.0, 2.0, 2.0, 5.0]);
        assert_eq!(c.key_sum(), 10);
        assert_eq!(c.count_above(2.0, 1.0, false), 1);
        assert_eq!(c.count_above(2.0, 1.0, true), 3);
    }

    #[test]
    fn counts_cross_as_one_string_and_damage_is_refused() {
        let mut c = Counts::default();
        // Large counts and gaps need several bytes each; a negative first key.
        for _ in 0..300 {
            c.add_key(-40);
        }
        c.add_key(1_000_000);
        c.add_key(1_000_001);
        let text = serde_json::to_string(&c).unwrap();
        assert!(text.starts_with("[-"), "{text}");
        assert_eq!(
            text.matches(',').count(),
            1,
            "one key and one string: {text}"
        );
        let back: Counts = serde_json::from_str(&text).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.total(), 302);
        assert_eq!(back.min_max(1.0), Some((-40.0, 1_000_001.0)));
        assert_eq!(
            serde_json::from_str::<Counts>("[0,\"\"]").unwrap(),
            Counts::default()
        );
        for bad in ["[0,\"!!\"]", "[0,\"gA==\"]", "[0,\"/////w8A\"]"] {
            assert!(serde_json::from_str::<Counts>(bad).is_err(), "{bad}");
        }
    }
}
