//! Impact sets the size. Each risk's shocks, as the dataset writes them, are sized for
//! the financial impact of its current rating: one event at the most likely point, alone
//! in 2026/27, costs a gross in-year pressure that lands at some place in that impact's
//! £ band (the bands are shares of the 2025/26 contract sum; the open-ended top band is
//! capped at 10% of it). At another impact — a rating moved on the map, or the inherent
//! or target rating — every shock of the risk is multiplied by one factor so that the
//! same event lands at the same relative place in the new band. So controls that lower
//! impact show their value, and there is no multiplier on top.

use super::consequences::SeverityPoint;
use super::projection::Projector;
use super::register::{RatingKind, Risk, RiskId};
use super::scales::Impact;
use super::scenario::{project_at_on, projector, Inputs, StressEvent};

/// The year whose gross pressure sizes an event: 2026/27, the first year after the
/// published budget.
pub const SIZING_YEAR: usize = 1;

/// How a risk's shocks are sized at a rating.
#[derive(Debug, Clone, PartialEq)]
pub struct Sizing {
    /// The financial impact at the rating.
    pub impact: Impact,
    /// Its £ band, £m a year (the top band capped).
    pub band: (f64, f64),
    /// Where the shocks as written land in the band of the financial impact they are
    /// written for: 0 at the bottom, 1 at the top (outside 0-1 when edited beyond it).
    pub position: f64,
    /// The multiplier on every shock of the risk.
    pub factor: f64,
    /// Gross pressure of one most likely event alone in 2026/27 at that factor, £m.
    pub pressure: f64,
}

/// Gross pressure in 2026/27 of one event of `risk` at `point`, alone, with its shocks
/// multiplied by `factor`, £m (the gap above the no-event gap that year).
pub fn event_pressure(inp: Inputs, risk: &RiskId, point: SeverityPoint, factor: f64) -> f64 {
    let year = sizing_year(inp);
    let p = projector(inp);
    above(
        &p,
        inp,
        project_at_on(&p, inp, &[], &[]).years[year].gap,
        risk,
        point,
        factor,
    )
}

fn sizing_year(inp: Inputs) -> usize {
    SIZING_YEAR.min(inp.ds.drivers.horizon_years as usize - 1)
}

/// The gap in the sizing year with the event, less `base`, the gap there without it.
fn above(
    p: &Projector,
    inp: Inputs,
    base: f64,
    risk: &RiskId,
    point: SeverityPoint,
    factor: f64,
) -> f64 {
    let year = sizing_year(inp);
    let e = StressEvent {
        risk: risk.clone(),
        year,
        point,
    };
    project_at_on(p, inp, &[e], &[factor]).years[year].gap - base
}

fn band(inp: Inputs, i: Impact) -> (f64, f64) {
    inp.ds.scales.financial_band_capped(i)
}

/// The sizing of a risk's shocks at a rating.
pub fn sizing(inp: Inputs, risk: &Risk, kind: RatingKind) -> Sizing {
    sizing_on(&projector(inp), inp, risk, kind)
}

/// [`sizing`] on the inputs' projector (see [`super::scenario::projector`]).
pub fn sizing_on(p: &Projector, inp: Inputs, risk: &Risk, kind: RatingKind) -> Sizing {
    let written_for = risk.default_financial_impact();
    let impact = risk.financial_impact(inp.register.rating(risk, kind).impact);
    // The no-event gap is the same for every factor tried: project it once.
    let base = project_at_on(p, inp, &[], &[]).years[sizing_year(inp)].gap;
    let at = |f: f64| above(p, inp, base, &risk.id, SeverityPoint::Likely, f);
    let written = at(1.0);
    let (lo, hi) = band(inp, written_for);
    let position = (written - lo) / (hi - lo).max(1e-9);
    let (lo_now, hi_now) = band(inp, impact);
    if impact == written_for || written.is_nan() || written <= 1e-9 {
        return Sizing {
            impact,
            band: (lo_now, hi_now),
            position,
            factor: 1.0,
            pressure: written,
        };
    }
    let target = (lo_now + position * (hi_now - lo_now)).max(0.0);
    // The pressure is close to proportional to the factor; the caseload threshold and
    // the floors on drivers bend it a little, so a few secant steps from the
    // proportional guess find it.
    let (mut k0, mut p0) = (0.0, 0.0);
    let mut k1 = target / written;
    let mut p1 = at(k1);
    for _ in 0..6 {
        if (p1 - target).abs() < 1e-6 || (p1 - p0).abs() < 1e-12 {
            break;
        }
        let k2 = (k1 + (target - p1) * (k1 - k0) / (p1 - p0)).max(0.0);
        (k0, p0) = (k1, p1);
        k1 = k2;
        p1 = at(k1);
    }
    Sizing {
        impact,
        band: (lo_now, hi_now),
        position,
        factor: k1,
        pressure: p1,
    }
}

/// The factor on a risk's shocks at a rating (1 for a risk the dataset does not have).
pub fn factor(inp: Inputs, risk: &RiskId, kind: RatingKind) -> f64 {
    factor_on(&projector(inp), inp, risk, kind)
}

/// [`factor`] on the inputs' projector.
pub fn factor_on(p: &Projector, inp: Inputs, risk: &RiskId, kind: RatingKind) -> f64 {
    inp.ds
        .risk(&risk.0)
        .map(|r| factor_for(p, inp, r, kind))
        .unwrap_or(1.0)
}

/// The factor alone: 1 without projecting anything when the rating's financial impact
/// is the one the shocks are written for (as [`sizing_on`] finds).
pub fn factor_for(p: &Projector, inp: Inputs, risk: &Risk, kind: RatingKind) -> f64 {
    let impact = risk.financial_impact(inp.register.rating(risk, kind).impact);
    if impact == risk.default_financial_impact() {
        return 1.0;
    }
    sizing_on(p, inp, risk, kind).factor
}
