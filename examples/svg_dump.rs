//! Counts elements in the default driver charts' SVG: `cargo run --example svg_dump`.
use risk_explorer::charts::drivers as c;
use risk_explorer::model::projection::{project, sensitivities, DriverEdits};
use risk_explorer::model::Dataset;
fn main() {
    let ds = Dataset::builtin().unwrap();
    let d = &ds.drivers;
    let p = project(d, &DriverEdits::new());
    let s = sensitivities(d, &DriverEdits::new());
    for ch in [
        c::spend_vs_funding(d, &p),
        c::gap_by_year(&p, &p),
        c::children_in_care(d, &p, &p),
        c::placement_spend_by_type(d, &p),
        c::tornado(d, &s),
        c::outturns_and_gap(d, &p),
    ] {
        let mut kinds = std::collections::BTreeMap::new();
        for tag in ch.svg.split('<').skip(1) {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if !name.is_empty() {
                *kinds.entry(name).or_insert(0) += 1;
            }
        }
        println!("{:<18} {:>6} bytes {:?}", ch.id, ch.svg.len(), kinds);
    }
}
