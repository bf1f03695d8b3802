//! From a year's gap to the three money measures, by one rule each for management action
//! and re-basing. Used by the stress scenarios and the simulation alike.
//!
//! - **Gross in-year pressure**: spend above the budget set for the year, before offsets:
//!   the year's gap (spend − funding on the forecast path) less the funding the Council
//!   has already added by re-basing. A persistent pressure stays a pressure until the
//!   budget is re-based ("ongoing underlying pressure").
//! - **In-year offsets**: the Trust offsets pressure up to its capacity for the year (a £
//!   amount drawn from the record: triangular from low to high about a most likely
//!   value), and a year may end in surplus by no more than a bound (2024/25 ended £3.5m
//!   in surplus): offsets = the capacity, but no more than the pressure plus the bound,
//!   and never negative. So the net outturn never falls as the pressure rises: more
//!   pressure can never improve the result (a rule that let the surplus grow with the
//!   pressure made a small risk event look like a saving).
//! - **Net outturn** = gross − offsets: the only measure compared with past outturns.
//! - **Re-basing**: from the next year the Council adds a share ρ of the *recognised*
//!   pressure — the part still present the next year, so never a one-off — to the
//!   contract sum, where it stays (held in cash: not uplifted).
//! - **Extra funding the Council finds over the plan** = the re-based funding paid in the
//!   plan's years plus the net outturns it covers (a surplus returned counts against it).
//!
//! With management off, offsets and re-basing are both zero: the unmanaged figures.

use super::drivers::DriversData;
use super::projection::{driver_value, non_negative, DriverEdits};
use serde::{Deserialize, Serialize};

/// The drivers that hold the management assumptions.
pub const OFFSET_LOW: &str = "offset_low";
pub const OFFSET_LIKELY: &str = "offset_likely";
pub const OFFSET_HIGH: &str = "offset_high";
pub const MAX_SURPLUS: &str = "max_surplus";
pub const REBASE_SHARE: &str = "rebase_share";

/// Management action and re-basing, as fractions and £m.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Management {
    /// Whether the Trust offsets and the Council re-bases (off: the unmanaged figures).
    pub enabled: bool,
    /// In-year offset capacity, £m: lowest, most likely and highest.
    pub capacity: [f64; 3],
    /// The largest in-year surplus management action produces, £m.
    pub max_surplus: f64,
    /// ρ: the share of recognised pressure re-based into the contract sum the next year.
    pub rebase_share: f64,
}

impl Management {
    /// From the drivers in force (a dataset without them gets the built-in defaults).
    pub fn from_edits(data: &DriversData, edits: &DriverEdits, enabled: bool) -> Management {
        let v = |key: &str, fallback: f64| {
            data.driver(key)
                .map(|_| driver_value(data, edits, key))
                .unwrap_or(fallback)
        };
        let mut capacity = [
            v(OFFSET_LOW, 6.0),
            v(OFFSET_LIKELY, 8.5),
            v(OFFSET_HIGH, 13.0),
        ];
        // Kept in order whatever was typed, so the distribution is always defined.
        capacity.sort_by(f64::total_cmp);
        Management {
            enabled,
            capacity,
            max_surplus: v(MAX_SURPLUS, 3.5).max(0.0),
            rebase_share: v(REBASE_SHARE, 90.0).max(0.0) / 100.0,
        }
    }

    /// The capacity at quantile `u` (0-1) of the triangular distribution.
    pub fn capacity_at(&self, u: f64) -> f64 {
        let [a, c, b] = self.capacity;
        if b - a <= 1e-12 {
            return c;
        }
        let u = u.clamp(0.0, 1.0);
        let f = (c - a) / (b - a);
        // IEEE 754 rounds a square root correctly, so `f64::sqrt` gives the same bits on
        // every machine (one WebAssembly instruction, where libm's is done in software).
        if u < f {
            a + (u * (b - a) * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
        }
    }

    /// The most likely capacity (what the stress scenarios use).
    pub fn likely_capacity(&self) -> f64 {
        self.capacity[1]
    }
}

/// One year's money, £m.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct YearMoney {
    /// Gross in-year pressure: spend above the budget set for the year, before offsets.
    pub gross: f64,
    /// In-year offsets by management action.
    pub offsets: f64,
    /// Net outturn: gross − offsets (positive an overspend).
    pub net: f64,
    /// Funding added to the contract sum by re-basing, in force this year.
    pub rebased: f64,
    /// The part of the gross pressure still present next year (not one-off), which the
    /// Council re-bases from next year.
    pub recognised: f64,
}

/// What carries from one year to the next: the re-based funding so far.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Ledger {
    rebased: f64,
}

impl Ledger {
    /// Closes a year: `gap` is spend − funding on the forecast path, `one_off` the part of
    /// it that one-off shocks caused (gone next year), `capacity` the year's offset
    /// capacity.
    pub fn close(&mut self, gap: f64, one_off: f64, capacity: f64, m: &Management) -> YearMoney {
        let rebased = self.rebased;
        let gross = gap - rebased;
        let offsets = if m.enabled {
            (gross + m.max_surplus).clamp(0.0, non_negative(capacity))
        } else {
            0.0
        };
        let recognised = non_negative(gross - one_off);
        if m.enabled {
            self.rebased += m.rebase_share * recognised;
        }
        YearMoney {
            gross,
            offsets,
            net: gross - offsets,
            rebased,
            recognised,
        }
    }
}

/// Five-year totals of a money path, £m.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub gross: f64,
    pub net: f64,
    /// Re-based funding paid over the plan plus the net outturns the Council covers.
    pub extra_funding: f64,
}

pub fn totals(years: &[YearMoney]) -> Totals {
    years.iter().fold(Totals::default(), |t, y| Totals {
        gross: t.gross + y.gross,
        net: t.net + y.net,
        extra_funding: t.extra_funding + y.rebased + y.net,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn managed() -> Management {
        Management {
            enabled: true,
            capacity: [6.0, 8.5, 13.0],
            max_surplus: 3.5,
            rebase_share: 0.9,
        }
    }

    #[test]
    fn offsets_absorb_pressure_up_to_capacity_and_bound_the_surplus() {
        let m = managed();
        let mut l = Ledger::default();
        // The 2023/24 shape: £18m gross, £8m offsets → £10m net.
        let y = l.close(18.0, 0.0, 8.0, &m);
        assert_eq!((y.gross, y.offsets, y.net), (18.0, 8.0, 10.0));
        // The 2024/25 shape: £9.3m gross, capacity £12.8m → a surplus, bounded at £3.5m.
        let y = Ledger::default().close(9.3, 0.0, 12.8, &m);
        assert!((y.net + 3.5).abs() < 1e-9, "{y:?}");
        // A small pressure ends at the bound, never beyond it.
        let y = Ledger::default().close(2.0, 0.0, 13.0, &m);
        assert!((y.net + 3.5).abs() < 1e-9, "{y:?}");
        // An underspend beyond the bound is not offset further.
        let y = Ledger::default().close(-5.0, 0.0, 13.0, &m);
        assert_eq!((y.offsets, y.net), (0.0, -5.0));
    }

    #[test]
    fn more_pressure_never_improves_the_net_outturn() {
        let m = managed();
        for cap in [0.0, 6.0, 8.5, 13.0] {
            let mut last = f64::NEG_INFINITY;
            for i in -100..=400 {
                let g = f64::from(i) / 10.0;
                let net = Ledger::default().close(g, 0.0, cap, &m).net;
                assert!(
                    net >= last - 1e-12,
                    "capacity {cap}: {g} gives {net} < {last}"
                );
                last = net;
            }
        }
    }

    #[test]
    fn a_one_off_is_never_rebased_and_a_persistent_pressure_is() {
        let m = managed();
        let mut l = Ledger::default();
        let y0 = l.close(10.0, 10.0, 8.5, &m);
        assert_eq!(y0.recognised, 0.0);
        let y1 = l.close(0.0, 0.0, 8.5, &m);
        assert_eq!(y1.rebased, 0.0, "no phantom funding after a one-off");
        assert!(y1.gross.abs() < 1e-12);

        let mut l = Ledger::default();
        l.close(10.0, 0.0, 8.5, &m);
        let y1 = l.close(10.0, 0.0, 8.5, &m);
        assert!((y1.rebased - 9.0).abs() < 1e-12);
        assert!(
            (y1.gross - 1.0).abs() < 1e-12,
            "ρ = 0.9 of it is now funded"
        );
    }

    #[test]
    fn unmanaged_figures_have_no_offsets_and_no_rebasing() {
        let m = Management {
            enabled: false,
            ..managed()
        };
        let mut l = Ledger::default();
        l.close(10.0, 0.0, 8.5, &m);
        let y = l.close(10.0, 0.0, 8.5, &m);
        assert_eq!(
            (y.gross, y.offsets, y.net, y.rebased),
            (10.0, 0.0, 10.0, 0.0)
        );
    }

    #[test]
    fn capacity_is_triangular_between_its_ends() {
        let m = managed();
        assert!((m.capacity_at(0.0) - 6.0).abs() < 1e-12);
        assert!((m.capacity_at(1.0) - 13.0).abs() < 1e-12);
        // The mode's quantile is (c − a)/(b − a).
        let f = (8.5 - 6.0) / 7.0;
        assert!((m.capacity_at(f) - 8.5).abs() < 1e-9);
        let mean: f64 = (0..10_000)
            .map(|i| m.capacity_at((i as f64 + 0.5) / 10_000.0))
            .sum::<f64>()
            / 10_000.0;
        assert!((mean - (6.0 + 8.5 + 13.0) / 3.0).abs() < 1e-3, "{mean}");
    }

    #[test]
    fn totals_add_the_years() {
        let ys = [
            YearMoney {
                gross: 5.0,
                offsets: 3.0,
                net: 2.0,
                rebased: 0.0,
                recognised: 5.0,
            },
            YearMoney {
                gross: 1.0,
                offsets: 4.5,
                net: -3.5,
                rebased: 4.5,
                recognised: 1.0,
            },
        ];
        let t = totals(&ys);
        assert_eq!((t.gross, t.net, t.extra_funding), (6.0, -1.5, 3.0));
    }
}
