//! The model against the Trust's own record: the targets the defaults are held to, each
//! with its measured figure. The same list is shown in the method view and asserted by
//! the `calibration_…` tests, so a target the model misses is shown with its figure,
//! never hidden.
//!
//! Each target says whether its range comes from the sources (S) or is our judgement (J).
//! Annual figures are pooled over every simulated year of every trial (2025/26 to
//! 2029/30), as the record's years are single years.

use super::consequences::Preset;
use super::register::RatingKind;
use super::scenario::{run_stress, Inputs, StressResult};
use super::simulation::{RatingDigest, Summary, ThresholdKind};
use super::Dataset;

/// Targets the defaults miss, documented rather than forced: the id, the furthest the
/// figure may go before the miss is no longer the documented one, and why it is not
/// fitted away. Every event's low to high range sits inside its financial-impact band;
/// the years with two or three linked band-4 events then reach a little beyond these
/// judgement bounds, and lowering the high points or the chances to fit them would be a
/// fitted number with no source.
pub const DOCUMENTED_MISSES: [(&str, f64, &str); 2] = [
    (
        "A3",
        27.0,
        "Missed by about £1m (4%): one year in ten has two or three linked events at once, each inside its band. Shown, not fitted away.",
    ),
    (
        "B4",
        0.025,
        "Missed by about 0.1 of a point: the same years with several linked events. Shown, not fitted away.",
    ),
];

/// The documented miss for a target, if any: (furthest figure, why).
pub fn documented_miss(id: &str) -> Option<(f64, &'static str)> {
    DOCUMENTED_MISSES
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, bound, why)| (*bound, *why))
}

/// The preset that replays 2023/24: demand beyond forecast with high-cost placements.
pub const BACKTEST_PRESET: &str = "2023/24 again";

/// Where a target's range comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// From the sources (the Trust's record), with a stated tolerance.
    Sources,
    /// Our judgement.
    Judgement,
    /// Sources with a tolerance of our judgement.
    Both,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Sources => "Sources",
            Basis::Judgement => "Judgement",
            Basis::Both => "Sources, with our tolerance",
        }
    }
}

/// The unit a target's figure is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    GbpM,
    Chance,
    Children,
    /// A ratio (observed ÷ independent, or realised ÷ rated).
    Ratio,
}

/// One target and how the model does against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// "A1": the group letter of the calibration list and a number.
    pub id: &'static str,
    /// What is measured, in plain words.
    pub what: String,
    /// The measured figure.
    pub measured: f64,
    /// The allowed range (None: no bound on that side). Both None: reported only.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Unit,
    pub basis: Basis,
    /// Why the range is what it is.
    pub why: String,
}

impl Target {
    /// Whether the figure is inside the range (always true for a figure only reported).
    pub fn met(&self) -> bool {
        self.measured.is_finite()
            && self.low.is_none_or(|l| self.measured >= l - 1e-12)
            && self.high.is_none_or(|h| self.measured <= h + 1e-12)
    }

    /// Reported beside the record, not held to a range.
    pub fn reported_only(&self) -> bool {
        self.low.is_none() && self.high.is_none()
    }
}

/// The "2023/24 again" preset, if the dataset has it.
pub fn backtest_preset(ds: &Dataset) -> Option<&Preset> {
    ds.consequences
        .presets
        .iter()
        .find(|p| p.name.starts_with(BACKTEST_PRESET))
}

/// The backtest at the defaults: the preset run as a stress scenario.
pub fn backtest(inp: Inputs) -> Option<StressResult> {
    backtest_preset(inp.ds).map(|p| run_stress(inp, &p.events))
}

/// The net and gross figures of the backtest's year: (gross, net), £m.
pub fn backtest_year(r: &StressResult) -> Option<(f64, f64)> {
    let year = r.events.iter().map(|e| e.year).max()?;
    let y = r.together_money.get(year)?;
    Some((y.gross, y.net))
}

fn threshold(s: &Summary, kind: ThresholdKind, value: f64) -> Option<f64> {
    s.thresholds
        .iter()
        .find(|t| t.kind == kind && (t.value - value).abs() < 1e-9)
        .map(|t| t.p_year)
}

/// The worst ratio of realised to rated yearly frequency over the risks, as the distance
/// outside the allowed band: 0 when every risk is within ±0.01 or ±15% (whichever is
/// larger) of its rated chance; otherwise how far the worst is beyond, in points.
pub fn frequency_miss(rated: &[f64], realised: &[f64]) -> f64 {
    rated
        .iter()
        .zip(realised)
        .map(|(p, f)| {
            let tol = (0.15 * p).max(0.01);
            ((f - p).abs() - tol).max(0.0)
        })
        .fold(0.0, f64::max)
}

/// The smallest observed ÷ independent co-occurrence over the strong links (None when
/// no link is strong, or a pair never happens).
pub fn strong_link_clustering(ds: &Dataset, s: &Summary) -> Option<f64> {
    let ids = &s.risks;
    let mut worst: Option<f64> = None;
    for e in &ds.interactions.edges {
        if e.strength != super::interactions::Strength::Strong {
            continue;
        }
        let (Some(a), Some(b)) = (
            ids.iter().position(|x| *x == e.from),
            ids.iter().position(|x| *x == e.to),
        ) else {
            continue;
        };
        let (a, b) = (a.min(b), a.max(b));
        let ratio = s
            .co_occurrence
            .iter()
            .find(|c| c.a == a && c.b == b)
            .and_then(|c| c.ratio())?;
        worst = Some(worst.map_or(ratio, |w: f64| w.min(ratio)));
    }
    worst
}

/// Every target with the model's figure: `s` is the run at current ratings with links on,
/// `digests` the same run at inherent, current and target, `back` the backtest.
pub fn targets(
    ds: &Dataset,
    s: &Summary,
    digests: &[RatingDigest],
    back: Option<&StressResult>,
) -> Vec<Target> {
    let mut out = Vec::new();
    let mut t = |id, what: &str, measured, low, high, unit, basis, why: &str| {
        out.push(Target {
            id,
            what: what.to_string(),
            measured,
            low,
            high,
            unit,
            basis,
            why: why.to_string(),
        })
    };
    let nan = f64::NAN;
    let g = &s.annual_gross_all;
    let n = &s.annual_net_all;
    t(
        "A1",
        "Median annual gross in-year pressure",
        g.p50,
        Some(7.0),
        Some(16.0),
        Unit::GbpM,
        Basis::Both,
        "The record's four pressures (£13.2m, £9.7m, £18m, £9.3m) have a median of about £11m; ±40% is our tolerance.",
    );
    t(
        "A2",
        "Chance in a year of a gross pressure of £18m or more",
        threshold(s, ThresholdKind::Pressure, 18.0).unwrap_or(nan),
        Some(0.05),
        Some(0.25),
        Unit::Chance,
        Basis::Both,
        "The worst of the four recorded years reached £18m (2023/24); between 5% and 25% of years is our band.",
    );
    t(
        "A3",
        "90th percentile of annual gross pressure",
        g.p90,
        None,
        Some(25.0),
        Unit::GbpM,
        Basis::Judgement,
        "One year in ten should not be far beyond the worst recorded year.",
    );
    t(
        "A4",
        "Chance in a year of a gross pressure of £9.3m or more",
        threshold(s, ThresholdKind::Pressure, 9.3).unwrap_or(nan),
        None,
        None,
        Unit::Chance,
        Basis::Sources,
        "All four recorded years had a pressure of at least £9.3m; the model reports its chance beside that, without a target (the years the sources report may be the notable ones).",
    );
    t(
        "B1",
        "Median annual net outturn",
        n.p50,
        Some(-1.0),
        Some(5.0),
        Unit::GbpM,
        Basis::Both,
        "The record's outturns (0, +£7m, +£1.8m, +£10m, −£3.5m) have a median of +£1.8m.",
    );
    t(
        "B2",
        "Share of years with a net outturn within the record's range (−£3.5m to +£10m)",
        s.p_net_in_record_range,
        Some(0.60),
        None,
        Unit::Chance,
        Basis::Both,
        "Every recorded year fell in this range; at least 60% of simulated years is our tolerance.",
    );
    t(
        "B3",
        "Chance in a year of a net overspend above £10m",
        threshold(s, ThresholdKind::Outturn, 10.0).unwrap_or(nan),
        None,
        Some(0.25),
        Unit::Chance,
        Basis::Judgement,
        "£10m (2023/24) is the worst recorded outturn.",
    );
    t(
        "B4",
        "Chance in a year of a net overspend above 9% of the contract sum (about £30m)",
        s.thresholds
            .iter()
            .find(|t| t.kind == ThresholdKind::Reference)
            .map_or(nan, |t| t.p_year),
        None,
        Some(0.02),
        Unit::Chance,
        Basis::Both,
        "England's average overspend in 2019/20 was 9%; the Trust's own worst was 4%.",
    );
    t(
        "C1",
        "Median five-year net outturn",
        s.five_year.p50,
        Some(0.0),
        Some(30.0),
        Unit::GbpM,
        Basis::Judgement,
        "Five of the record's years sum to about +£15m.",
    );
    t(
        "C2",
        "90th percentile of the five-year net outturn",
        s.five_year.p90,
        None,
        Some(60.0),
        Unit::GbpM,
        Basis::Judgement,
        "One plan in ten should not overspend by more than two of the worst recorded years a year.",
    );
    let miss = digests
        .iter()
        .map(|d| frequency_miss(&d.rated, &d.yearly_frequency))
        .fold(0.0, f64::max);
    t(
        "D1",
        "Worst distance of a risk's realised yearly frequency beyond ±0.01 or ±15% of its rated chance (inherent, current and target)",
        miss,
        None,
        Some(0.0),
        Unit::Chance,
        Basis::Judgement,
        "Links must change when risks happen, not how often: each risk happens at the chance its rating states.",
    );
    if let Some(r) = strong_link_clustering(ds, s) {
        t(
            "D2",
            "Smallest observed ÷ independent co-occurrence over the strong links",
            r,
            Some(1.3),
            None,
            Unit::Ratio,
            Basis::Judgement,
            "Linked risks must happen in the same year clearly more often than independent ones would.",
        );
    }
    let last = s.children.len().saturating_sub(1);
    let steps = last as i32;
    let start = ds.drivers.baseline.children_in_care.value;
    let cic = s.children.get(last).copied().unwrap_or_default();
    let no_event = s.baseline_children.get(last).copied().unwrap_or(nan);
    t(
        "E1",
        "Median children in care at the end of the plan (above the no-event path)",
        cic.p50,
        Some(no_event),
        Some(start * libm::pow(1.036, f64::from(steps))),
        Unit::Children,
        Basis::Sources,
        "Children in care grew about 3.6% a year from 1,805 (2018) to 2,312 (2025); the median should not grow faster, compounded over the projection's years, and events must add to the no-event path.",
    );
    t(
        "E2",
        "95th percentile of children in care at the end of the plan",
        cic.p95,
        None,
        Some(start * libm::pow(1.05, f64::from(steps))),
        Unit::Children,
        Basis::Judgement,
        "One plan in twenty should not see more than 5% a year.",
    );
    if let Some((gross, net)) = back.and_then(backtest_year) {
        t(
            "F1",
            "“2023/24 again”: gross in-year pressure in its year",
            gross,
            Some(18.0 * 0.75),
            Some(18.0 * 1.25),
            Unit::GbpM,
            Basis::Both,
            "2023/24 had an £18m gross cost pressure; ±25% is our tolerance.",
        );
        t(
            "F2",
            "“2023/24 again”: net outturn in its year",
            net,
            Some(7.0),
            Some(13.0),
            Unit::GbpM,
            Basis::Both,
            "2023/24 ended £10m over after £8m of offsets; ±£3m is our tolerance.",
        );
    }
    let median = |k: RatingKind| {
        digests
            .iter()
            .find(|d| d.rating == k)
            .map_or(nan, |d| d.five_year.p50)
    };
    let (i, c, g5) = (
        median(RatingKind::Inherent),
        median(RatingKind::Current),
        median(RatingKind::Target),
    );
    t(
        "G1",
        "Median five-year net outturn falls from inherent to current (£m saved by today's controls)",
        i - c,
        Some(0.0),
        None,
        Unit::GbpM,
        Basis::Judgement,
        "Controls that lower likelihood or impact must show their value.",
    );
    t(
        "G2",
        "… and from current to target (£m the planned controls would save)",
        c - g5,
        Some(0.0),
        None,
        Unit::GbpM,
        Basis::Judgement,
        "As above, for the controls still to come.",
    );
    let headline = s
        .thresholds
        .iter()
        .find(|t| t.kind == ThresholdKind::Chosen)
        .map_or(nan, |t| t.p_any_year);
    t(
        "H1",
        "Headline: chance the net outturn passes the threshold in at least one year",
        headline,
        Some(0.05),
        Some(0.95),
        Unit::Chance,
        Basis::Judgement,
        "A headline of 0% or 100% says nothing a board can act on.",
    );
    out
}

#[cfg(test)]
mod tests {
    //! `cargo test calibration` runs these: each target group holds for the default seed
    //! and two others, 100,000 trials, current ratings, links on.
    use super::*;
    use crate::model::simulation::{SimRequest, DEFAULT_SEED};
    use std::sync::OnceLock;

    const SEEDS: [u64; 3] = [DEFAULT_SEED, 7, 4_242_424_242];
    const TRIALS: u32 = 100_000;

    fn measured() -> &'static Vec<(u64, Vec<Target>)> {
        static RUNS: OnceLock<Vec<(u64, Vec<Target>)>> = OnceLock::new();
        RUNS.get_or_init(|| {
            let ds = Dataset::builtin().expect("dataset");
            SEEDS
                .iter()
                .map(|&seed| {
                    let mut req = SimRequest::default();
                    req.settings.trials = TRIALS;
                    req.settings.seed = seed;
                    let out = req.run(&ds);
                    let inp = Inputs::new(&ds, &req.drivers, &req.register);
                    let back = backtest(inp);
                    (
                        seed,
                        targets(&ds, &out.summary, &out.by_rating, back.as_ref()),
                    )
                })
                .collect()
        })
    }

    /// Every target of a group is met at every seed, or missed by no more than its
    /// documented miss says (figures only reported are skipped).
    fn group(letter: char) {
        let mut seen = 0;
        for (seed, ts) in measured() {
            for t in ts.iter().filter(|t| t.id.starts_with(letter)) {
                seen += 1;
                if let Some((furthest, _)) = documented_miss(t.id) {
                    let within = match (t.low, t.high) {
                        (_, Some(_)) => t.measured <= furthest,
                        (Some(_), None) => t.measured >= furthest,
                        _ => true,
                    };
                    assert!(
                        within,
                        "seed {seed}: {} = {} beyond its documented miss ({furthest})",
                        t.id, t.measured
                    );
                    continue;
                }
                assert!(
                    t.met(),
                    "seed {seed}: {} {} = {} outside [{:?}, {:?}]",
                    t.id,
                    t.what,
                    t.measured,
                    t.low,
                    t.high
                );
            }
        }
        assert!(seen > 0, "no target in group {letter}");
    }

    #[test]
    fn calibration_a_annual_gross_pressure() {
        group('A');
        // A4 is reported beside the record, not held to a range: it is a figure.
        for (_, ts) in measured() {
            let a4 = ts.iter().find(|t| t.id == "A4").unwrap();
            assert!(a4.reported_only() && (0.0..=1.0).contains(&a4.measured));
        }
    }

    #[test]
    fn calibration_b_annual_net_outturn() {
        group('B');
    }

    #[test]
    fn calibration_c_five_year_net_outturn() {
        group('C');
    }

    #[test]
    fn calibration_d_each_risk_at_its_chance_and_linked_risks_together() {
        group('D');
        for (_, ts) in measured() {
            assert!(
                ts.iter().any(|t| t.id == "D2"),
                "the dataset has strong links"
            );
        }
    }

    #[test]
    fn calibration_e_children_in_care() {
        group('E');
    }

    #[test]
    fn calibration_f_2023_24_again() {
        group('F');
    }

    #[test]
    fn calibration_g_controls_lower_the_five_year_net() {
        group('G');
    }

    #[test]
    fn calibration_h_the_headline_is_neither_0_nor_100() {
        group('H');
    }

    #[test]
    fn a_target_outside_its_range_is_reported_as_missed() {
        let t = Target {
            id: "X1",
            what: "x".into(),
            measured: 26.0,
            low: None,
            high: Some(25.0),
            unit: Unit::GbpM,
            basis: Basis::Judgement,
            why: String::new(),
        };
        assert!(!t.met());
        assert!(!Target {
            measured: f64::NAN,
            ..t.clone()
        }
        .met());
        assert!(Target {
            measured: 25.0,
            ..t
        }
        .met());
    }

    #[test]
    fn documented_misses_are_still_misses() {
        // A documented miss that the model comes to meet should be taken off the list.
        for (_, ts) in measured() {
            for (id, _, _) in DOCUMENTED_MISSES {
                let t = ts.iter().find(|t| t.id == id).unwrap();
                assert!(!t.met(), "{id} is met now: take it off DOCUMENTED_MISSES");
            }
        }
    }

    #[test]
    fn frequency_miss_uses_the_larger_tolerance() {
        // 0.01 absolute for rare risks, 15% for common ones.
        assert_eq!(frequency_miss(&[0.03], &[0.039]), 0.0);
        assert!(frequency_miss(&[0.03], &[0.045]) > 0.0);
        assert_eq!(frequency_miss(&[0.4], &[0.455]), 0.0);
        assert!((frequency_miss(&[0.4], &[0.5]) - 0.04).abs() < 1e-12);
    }
}
