//! Prints the compounding excess of preset 1 as the safe caseload threshold varies:
//! `cargo run --example excess_check`.
use risk_explorer::model::projection::DriverEdits;
use risk_explorer::model::register::RegisterEdits;
use risk_explorer::model::scenario::{run_stress, Inputs};
use risk_explorer::model::Dataset;

fn main() {
    let ds = Dataset::builtin().unwrap();
    let events = ds.consequences.presets[0].events.clone();
    let reg = RegisterEdits::default();
    for t in [12.0, 16.0, 18.0, 19.0, 20.0, 22.0, 25.0, 30.0] {
        let mut e = DriverEdits::new();
        e.insert("safe_caseload".into(), t);
        let r = run_stress(Inputs::new(&ds, &e, &reg), &events);
        println!(
            "safe caseload {t:>4}: excess £{:.2}m, years over (together) {}",
            r.compounding_excess(),
            r.years_over_safe_caseload()
        );
    }
}
