//! Times each driver chart natively: `cargo run --release --example chart_timing`.
use risk_explorer::charts::drivers as c;
use risk_explorer::model::projection::{project, sensitivities, DriverEdits};
use risk_explorer::model::Dataset;
use std::time::Instant;

fn main() {
    let ds = Dataset::builtin().unwrap();
    let d = &ds.drivers;
    let e = DriverEdits::new();
    let p = project(d, &e);
    let s = sensitivities(d, &e);
    let t = |name: &str, f: &dyn Fn() -> usize| {
        let t0 = Instant::now();
        let mut n = 0;
        for _ in 0..50 {
            n = f();
        }
        println!(
            "{name:<22} {:>7.3} ms  ({n} bytes of SVG)",
            t0.elapsed().as_secs_f64() * 1000.0 / 50.0
        );
    };
    t("sensitivities", &|| sensitivities(d, &e).len());
    t("spend_vs_funding", &|| c::spend_vs_funding(d, &p).svg.len());
    t("gap_by_year", &|| c::gap_by_year(&p, &p).svg.len());
    t("children_in_care", &|| {
        c::children_in_care(d, &p, &p).svg.len()
    });
    t("placement_spend", &|| {
        c::placement_spend_by_type(d, &p).svg.len()
    });
    t("tornado", &|| c::tornado(d, &s).svg.len());
    t("outturns_and_gap", &|| c::outturns_and_gap(d, &p).svg.len());
}
