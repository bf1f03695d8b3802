//! Runs a simulation natively and prints the headline numbers (a quick look for developers).
//! `cargo run --release --example simulate -- [trials] [seed]`

use risk_explorer::model::simulation::SimRequest;
use risk_explorer::model::Dataset;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut req = SimRequest::default();
    if let Some(t) = args.next().and_then(|a| a.parse().ok()) {
        req.settings.trials = t;
    }
    if let Some(s) = args.next().and_then(|a| a.parse().ok()) {
        req.settings.seed = s;
    }
    let ds = Dataset::builtin().expect("built-in dataset");
    let start = Instant::now();
    let c = req.consequences(&ds);
    let mut r = req.runner(&ds, &c, req.settings.rating);
    r.step(u32::MAX);
    let run = start.elapsed();
    let s = r.finish(&ds);
    let total = start.elapsed();
    println!(
        "{} trials: run {:.1} ms, with summary {:.1} ms",
        s.trials,
        run.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3
    );
    for (i, id) in s.risks.iter().enumerate() {
        println!(
            "{id}: p {:.2} freq {:.3} once {:.3} effect {:?}",
            s.base_probability[i],
            s.yearly_frequency[i],
            s.p_at_least_once[i],
            s.effects[i].difference()
        );
    }
    println!(
        "five-year {:?}\nbaseline {:.1}",
        s.five_year, s.baseline_five_year
    );
    println!("same year {:?}", s.same_year);
    println!("five-year net | >=k {:?}", s.same_year_gap);
    for c in &s.co_occurrence {
        print!(
            "{}-{} {:.2} ",
            s.risks[c.a],
            s.risks[c.b],
            c.ratio().unwrap_or(0.0)
        );
    }
    println!();
    for t in &s.thresholds {
        println!(
            "{} {} any year {:.3} a given year {:.3}",
            t.label, t.value, t.p_any_year, t.p_year
        );
    }
    println!("{:?}", s.non_financial);
}
