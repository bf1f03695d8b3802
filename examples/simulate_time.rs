//! Times one simulation run natively: `cargo run --profile fast --example simulate_time -- 100000`.
use risk_explorer::model::register::RatingKind;
use risk_explorer::model::simulation::SimRequest;
use risk_explorer::model::Dataset;
use std::time::Instant;
fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let ds = Dataset::builtin().unwrap();
    let mut req = SimRequest::default();
    req.settings.trials = n;
    let c = req.consequences(&ds);
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let mut r = req.runner(&ds, &c, RatingKind::Current);
        r.step(u32::MAX);
        std::hint::black_box(r.finish(&ds));
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("{n} trials: {best:.1} ms");
}
