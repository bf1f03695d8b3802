//! One worker's part of a simulation job, natively, phase by phase, as the web worker and
//! the page do it: compiling the run (cold, then from the thread's caches), the trials,
//! the tally written as the message the page receives, and the page reading it, merging
//! and summarising. `cargo run --profile fast --example worker_part -- 10000 2` times part
//! 1 of 2 of a 10,000-trial job. With `--once` it runs the job's first part once and
//! prints nothing: `scripts/instructions.sh` counts its instructions with cachegrind (a
//! count, unlike a time, does not move with the machine's load).
use risk_explorer::model::simulation::job::{FromWorker, Job, Merger};
use risk_explorer::model::simulation::SimRequest;
use risk_explorer::model::Dataset;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let once = args.iter().any(|a| a == "--once");
    let mut numbers = args.iter().filter_map(|a| a.parse::<u32>().ok());
    let trials = numbers.next().unwrap_or(10_000);
    let parts = numbers.next().unwrap_or(2).max(1);
    let ds = Dataset::builtin().expect("built-in dataset");
    let mut req = SimRequest::default();
    req.settings.trials = trials;
    for round in 0..if once { 1 } else { 3 } {
        let t = Instant::now();
        let mut job = Job::part(1, req.clone(), &ds, 0, parts);
        let built = t.elapsed();
        let tally = loop {
            if let Some(m) = job.work(&ds, u32::MAX) {
                break m;
            }
        };
        let ran = t.elapsed();
        if once {
            std::hint::black_box(tally);
            return;
        }
        let json = serde_json::to_string(&tally).expect("a tally writes");
        let written = t.elapsed();
        let back: FromWorker = serde_json::from_str(&json).expect("a tally reads");
        let mut merger = Merger::new(1, req.clone(), 1);
        std::hint::black_box(merger.hear(0, back, &ds));
        let summarised = t.elapsed();
        println!(
            "{} {trials} trials, part 1 of {parts}: compile {:.2} ms, trials {:.1} ms, \
             tally to JSON {:.2} ms ({} KB), read + merge + summary {:.2} ms",
            if round == 0 { "cold" } else { "warm" },
            built.as_secs_f64() * 1e3,
            (ran - built).as_secs_f64() * 1e3,
            (written - ran).as_secs_f64() * 1e3,
            json.len() / 1000,
            (summarised - written).as_secs_f64() * 1e3,
        );
    }
}
