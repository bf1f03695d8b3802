//! Round-number axes: a scale's range, ticks and tick labels, and the plotters axis that
//! ticks exactly there.

use super::*;

/// Round steps: the model's one rule (the histogram's bins use it too).
pub use crate::model::simulation::nice_step;

/// How an axis writes its tick labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ticks {
    /// "2025/26" at whole years.
    Years,
    /// Plain numbers with a true minus sign; the axis title carries the unit (£m).
    Number,
    /// Whole counts with thousands separators: "2,400".
    Count,
    /// No tick labels (the chart writes its own).
    Hidden,
}

/// One axis: its range and where its ticks go.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    pub step: f64,
    pub labels: Ticks,
}

impl Scale {
    /// Round-number bounds and about `n` ticks covering `values` (and 0 if asked).
    /// Empty, non-finite or flat input still gives a usable, non-empty range.
    pub fn nice(values: impl IntoIterator<Item = f64>, include_zero: bool, n: usize) -> Scale {
        let (mut lo, mut hi) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo > hi {
            (lo, hi) = (0.0, 1.0);
        }
        if include_zero {
            (lo, hi) = (lo.min(0.0), hi.max(0.0));
        }
        if hi - lo < 1e-9 {
            let pad = (hi.abs() * 0.05).max(1.0);
            (lo, hi) = (lo - pad, hi + pad);
        }
        let step = nice_step((hi - lo) / n.max(1) as f64);
        let lo = (lo / step + 1e-9).floor() * step;
        let hi = (hi / step - 1e-9).ceil() * step;
        let count = ((hi - lo) / step).round() as usize;
        let ticks = (0..=count).map(|i| lo + i as f64 * step).collect();
        Scale {
            lo,
            hi,
            ticks,
            step,
            labels: Ticks::Number,
        }
    }

    /// The value axis of a bar chart: round numbers that always include 0, go below it only
    /// for a bar below −0.05 (a level bar draws nothing), and leave `room` (a share of the
    /// axis) beyond the longest bar at each end in use for its value label, by adding at
    /// most one more round step. Never more than one step of empty axis past the data.
    pub fn bars(values: impl IntoIterator<Item = f64>, n: usize, room: f64) -> Scale {
        let (lo, hi) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let lo = if lo > -0.05 { 0.0 } else { lo };
        let mut s = Scale::nice([lo, hi], true, n);
        let room = finite(room).clamp(0.0, 0.5) * (s.hi - s.lo);
        if hi > 0.0 && s.hi - hi < room {
            s.hi += s.step;
            s.ticks.push(s.hi);
        }
        if lo < 0.0 && lo - s.lo < room {
            s.lo -= s.step;
            s.ticks.insert(0, s.lo);
        }
        s
    }

    /// Whole financial years `first..=last`, half a year of room each side, labelled
    /// every year or every few so no more than `max_labels` show (always the last).
    pub fn years(first: u16, last: u16, max_labels: usize) -> Scale {
        let last = last.max(first);
        let span = usize::from(last - first) + 1;
        let every = span.div_ceil(max_labels.max(1)).max(1);
        let mut ticks: Vec<f64> = (first..=last).rev().step_by(every).map(f64::from).collect();
        ticks.reverse();
        Scale {
            lo: f64::from(first) - 0.5,
            hi: f64::from(last) + 0.5,
            ticks,
            step: every as f64,
            labels: Ticks::Years,
        }
    }

    /// Slots 0..n for categories (bars or rows) with no tick labels.
    pub fn slots(n: usize) -> Scale {
        Scale {
            lo: -0.5,
            hi: n.max(1) as f64 - 0.5,
            ticks: Vec::new(),
            step: 1.0,
            labels: Ticks::Hidden,
        }
    }

    pub fn with_labels(mut self, labels: Ticks) -> Scale {
        self.labels = labels;
        self
    }

    /// Widens the range by `left` and `right` (in axis units), keeping the ticks.
    pub fn padded(mut self, left: f64, right: f64) -> Scale {
        self.lo -= finite(left).max(0.0);
        self.hi += finite(right).max(0.0);
        self
    }

    pub fn coord(&self) -> Axis {
        Axis {
            lo: self.lo,
            hi: self.hi,
            ticks: self.ticks.clone(),
        }
    }

    pub fn contains(&self, v: f64) -> bool {
        v >= self.lo && v <= self.hi
    }

    pub fn tick_label(&self, v: f64) -> String {
        match self.labels {
            Ticks::Years => year_label(v.round().clamp(0.0, f64::from(u16::MAX)) as u16),
            Ticks::Number => {
                // As many decimals as the step needs, so a 2.5 step reads 2.5, 5.0, 7.5.
                let decimals = (0..=3)
                    .find(|d| {
                        let scaled = self.step * 10f64.powi(*d);
                        (scaled - scaled.round()).abs() < 1e-6
                    })
                    .unwrap_or(3) as usize;
                crate::format::number(v, decimals)
            }
            Ticks::Count => {
                let r = v.round();
                let digits = crate::format::count(r.abs() as u64);
                if r < 0.0 {
                    format!("−{digits}")
                } else {
                    digits
                }
            }
            Ticks::Hidden => String::new(),
        }
    }
}

/// A linear axis whose ticks are exactly the scale's (plotters' own f64 axis picks its
/// own ticks and has no label formatter hook for them).
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.hi - self.lo;
        if !span.is_finite() || span.abs() < 1e-12 {
            return limit.0;
        }
        let t = (finite(*value) - self.lo) / span;
        (f64::from(limit.0) + t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

#[cfg(test)]
mod tick_tests {
    use super::*;

    #[test]
    fn tick_labels_show_the_steps_decimals() {
        let s = Scale::nice([0.0, 10.0], true, 4);
        if (s.step - 2.5).abs() < 1e-9 {
            assert_eq!(s.tick_label(7.5), "7.5");
        }
        let mut fixed = Scale::nice([0.0, 10.0], true, 4);
        fixed.step = 2.5;
        assert_eq!(fixed.tick_label(2.5), "2.5");
        assert_eq!(fixed.tick_label(-7.5), "−7.5");
        fixed.step = 0.25;
        assert_eq!(fixed.tick_label(0.75), "0.75");
        fixed.step = 50.0;
        assert_eq!(fixed.tick_label(350.0), "350");
    }
}
