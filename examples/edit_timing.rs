//! Where an edit's time goes, natively: the reducer (derived results) and each page's
//! report (charts as SVG). `cargo run --release --example edit_timing`.
use risk_explorer::model::{Dataset, RatingKind, RiskId};
use risk_explorer::report;
use risk_explorer::state::{Action, AppState};
use std::rc::Rc;
use std::time::Instant;

fn time(name: &str, n: usize, mut f: impl FnMut() -> usize) {
    let mut v: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    v.sort_by(f64::total_cmp);
    println!("{name:<40} {:>8.3} ms median", v[n / 2]);
}

fn main() {
    let ds = Rc::new(Dataset::builtin().unwrap());
    let mut s = AppState::new(Rc::clone(&ds));
    s.apply(Action::ApplyPreset(0));
    let mut k = 0;
    time("apply SetDriver (derived)", 30, || {
        k += 1;
        s.apply(Action::SetDriver {
            key: "cic_growth".into(),
            value: 2.0 + (k % 5) as f64,
        });
        1
    });
    time("apply MoveRating (derived)", 30, || {
        k += 1;
        s.apply(Action::MoveRating {
            risk: RiskId::new("R3"),
            kind: RatingKind::Current,
            d_likelihood: if k % 2 == 0 { 1 } else { -1 },
            d_impact: 0,
        });
        1
    });
    let d = s.derived.clone();
    {
        use risk_explorer::model::{projection, scenario, sizing};
        let ws = &s.workspace;
        let edits = ws.drivers.clone();
        time("  project", 30, || {
            projection::project(&ds.drivers, &edits).years.len()
        });
        time("  sensitivities", 30, || {
            projection::sensitivities(&ds.drivers, &edits).len()
        });
        let inputs = scenario::Inputs {
            ds: &ds,
            consequences: &d.consequences,
            edits: &ws.drivers,
            register: &ws.register,
            managed: ws.simulation.management,
        };
        time("  run_stress", 30, || {
            scenario::run_stress(inputs, &ws.stress).events.len()
        });
        time("  excess_sensitivities", 30, || {
            scenario::excess_sensitivities(inputs, &ws.stress).len()
        });
        time("  sizing (all risks)", 30, || {
            ds.risks
                .iter()
                .map(|r| sizing::sizing(inputs, r, RatingKind::Current).factor)
                .filter(|i| i.is_finite())
                .count()
        });
        time("  workspace clone", 30, || ws.clone().drivers.len());
        time("  sim_request", 30, || ws.sim_request().drivers.len());
    }
    time("report::drivers::page", 30, || {
        report::drivers::page(&ds.drivers, &d.projection, &d.baseline, &d.sensitivities)
            .charts
            .iter()
            .map(|c| c.svg.len())
            .sum()
    });
    time("excess_sensitivities (on first use)", 1, || {
        d.excess_sensitivities(&ds).len()
    });
    time("report::scenarios::page", 30, || {
        report::scenarios::page(&ds, &d.stress, &d.excess_sensitivities(&ds))
            .charts
            .iter()
            .map(|c| c.svg.len())
            .sum()
    });
    let out = s.workspace.sim_request().run(&ds);
    time("report::simulation::page", 10, || {
        report::simulation::page(&ds, Some(&out.summary), Some(&out.by_rating))
            .page
            .charts
            .iter()
            .map(|c| c.svg.len())
            .sum()
    });
    let p = report::simulation::page(&ds, Some(&out.summary), Some(&out.by_rating));
    for c in &p.page.charts {
        println!("  sim chart {:<28} {:>7} bytes", c.id, c.svg.len());
    }
    let p = report::drivers::page(&ds.drivers, &d.projection, &d.baseline, &d.sensitivities);
    for c in &p.charts {
        println!("  drivers chart {:<24} {:>7} bytes", c.id, c.svg.len());
    }
    let p = report::scenarios::page(&ds, &d.stress, &d.excess_sensitivities(&ds));
    for c in &p.charts {
        println!("  scenarios chart {:<22} {:>7} bytes", c.id, c.svg.len());
    }
}
