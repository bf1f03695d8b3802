//! Prints the default projection as a table: `cargo run --example projection`.
use risk_explorer::format::gbp_m;
use risk_explorer::model::drivers::year_label;
use risk_explorer::model::projection::{project, sensitivities, DriverEdits};
use risk_explorer::model::Dataset;

fn main() {
    let ds = Dataset::builtin().expect("dataset");
    let d = &ds.drivers;
    let p = project(d, &DriverEdits::new());
    let c = &p.calibration;
    println!("weekly price unit £{:.0}; social workers {:.0} FTE; other staff {}; placement cost per child £{:.0}k",
        c.weekly_price_unit, c.sw_fte, gbp_m(c.other_staff), c.placement_cost_per_child * 1000.0);
    for (pt, w) in d.placements.iter().zip(&c.implied_weekly_price) {
        println!("  {:<40} £{:>6.0} a week", pt.label, w);
    }
    println!(
        "{:<8} {:>7} {:>8} {:>9} {:>9} {:>9} {:>8} {:>9}",
        "year", "CiC", "caseload", "employees", "3rd party", "spend", "funding", "gap"
    );
    for y in &p.years {
        println!(
            "{:<8} {:>7.0} {:>8.1} {:>9.1} {:>9.1} {:>9.1} {:>8.1} {:>9.1}",
            year_label(y.year),
            y.children_in_care,
            y.caseload,
            y.employees,
            y.third_party,
            y.spend,
            y.funding,
            y.gap
        );
    }
    println!("five-year gap {}", gbp_m(p.five_year_gap()));
    for s in sensitivities(d, &DriverEdits::new()).iter().take(8) {
        println!(
            "  {:<28} min {:>9} max {:>9}",
            s.key,
            gbp_m(s.at_min),
            gbp_m(s.at_max)
        );
    }
}
