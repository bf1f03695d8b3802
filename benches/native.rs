//! Native benchmarks of the model: loading and validating the dataset, the register
//! summary, applying actions through the reducer, and the simulation at 10,000, 100,000
//! and 1,000,000 trials. Writes bench-out/native.json.
//! Run with `cargo bench --bench native` (scripts/bench.sh runs everything).

use risk_explorer::model::projection::{project, sensitivities, DriverEdits};
use risk_explorer::model::simulation::{summarise, SimRequest};
use risk_explorer::model::{Dataset, RatingKind, RegisterSummary, RiskId};
use risk_explorer::state::{Action, AppState};
use std::hint::black_box;
use std::rc::Rc;
use std::time::Instant;

/// Median time per call in microseconds over `rounds` rounds of `n` calls.
fn time_us(rounds: usize, n: usize, mut f: impl FnMut()) -> f64 {
    let mut per_call: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / n as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[rounds / 2]
}

fn main() {
    let load = time_us(15, 20, || {
        black_box(Dataset::builtin().unwrap());
    });
    let ds = Rc::new(Dataset::builtin().unwrap());
    let state = AppState::new(Rc::clone(&ds));
    let summary = time_us(15, 2000, || {
        black_box(RegisterSummary::of(
            &ds,
            &state.workspace.register,
            RatingKind::Current,
        ));
    });
    let mut s = AppState::new(Rc::clone(&ds));
    let mut k = 0i32;
    let action = time_us(15, 2000, || {
        k += 1;
        s.apply(Action::MoveRating {
            risk: RiskId::new("R3"),
            kind: RatingKind::Current,
            d_likelihood: if k % 2 == 0 { 1 } else { -1 },
            d_impact: 0,
        });
        black_box(&s);
    });
    let mut edits = DriverEdits::new();
    edits.insert("cic_growth".into(), 3.0);
    let projection = time_us(15, 2000, || {
        black_box(project(&ds.drivers, &edits));
    });
    let tornado = time_us(15, 50, || {
        black_box(sensitivities(&ds.drivers, &edits));
    });
    let mut s2 = AppState::new(Rc::clone(&ds));
    let mut j = 0;
    let driver_action = time_us(15, 200, || {
        j += 1;
        s2.apply(Action::SetDriver {
            key: "cic_growth".into(),
            value: (j % 10) as f64,
        });
        black_box(&s2);
    });
    // The simulation at the chosen (current) rating: trials run and summarised.
    let req = SimRequest::default();
    let c = req.consequences(&ds);
    let sim = |trials: u32| {
        let mut req = req.clone();
        req.settings.trials = trials;
        let rounds = if trials >= 1_000_000 { 3 } else { 7 };
        time_us(rounds, 1, || {
            let mut r = req.runner(&ds, &c, RatingKind::Current);
            r.step(u32::MAX);
            black_box(r.finish(&ds));
        }) / 1000.0
    };
    let (sim_10k, sim_100k, sim_1m) = (sim(10_000), sim(100_000), sim(1_000_000));
    // Where a trial's time goes: building the model (solving the base chances), then per
    // trial the event draws, the shocks, the projection and the tally, and the summary.
    let build_ms = time_us(7, 1, || {
        black_box(req.runner(&ds, &c, RatingKind::Current));
    }) / 1000.0;
    let probe = req.runner(&ds, &c, RatingKind::Current);
    let mut scratch = probe.scratch();
    let n = 200_000u64;
    let phase_ns = |phase: u8, scratch: &mut _| {
        time_us(5, 1, || {
            black_box(probe.model().run_phase(phase, n, scratch));
        }) * 1000.0
            / n as f64
    };
    let (draw_ns, shock_ns, project_ns) = (
        phase_ns(0, &mut scratch),
        phase_ns(1, &mut scratch),
        phase_ns(2, &mut scratch),
    );
    let mut whole = req.clone();
    whole.settings.trials = n as u32;
    let mut tallied = whole.runner(&ds, &c, RatingKind::Current);
    let t = Instant::now();
    tallied.step(u32::MAX);
    let trial_ns = t.elapsed().as_secs_f64() * 1e9 / n as f64;
    let t = Instant::now();
    black_box(tallied.finish(&ds));
    let summarise_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Trials a second with the trials split between threads, as the web workers split
    // them (1,000,000 trials, the current rating, tallies merged and summarised).
    let threads = |k: u32| {
        let mut big = req.clone();
        big.settings.trials = 1_000_000;
        let t = Instant::now();
        let tallies: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..k)
                .map(|part| {
                    let (big, ds, c) = (&big, &*ds, &c);
                    s.spawn(move || {
                        let mut r = big.runner_part(ds, c, RatingKind::Current, part, k);
                        r.step(u32::MAX);
                        r.into_tally()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut all = tallies.into_iter();
        let mut first = all.next().unwrap();
        all.for_each(|t| first.merge(&t));
        black_box(summarise(&big.settings, &first, &ds));
        1e6 / t.elapsed().as_secs_f64()
    };
    let (tps_1, tps_2) = (threads(1), threads(2));
    let tps = |ms: f64, n: f64| n / (ms / 1000.0);
    let json = format!(
        "{{\n  \"simulation_10k_trials_ms\": {sim_10k:.1},\n  \"simulation_100k_trials_ms\": {sim_100k:.1},\n  \"simulation_1m_trials_ms\": {sim_1m:.1},\n  \"simulation_trials_per_second\": {:.0},\n  \"simulation_trials_per_second_1_thread\": {tps_1:.0},\n  \"simulation_trials_per_second_2_threads\": {tps_2:.0},\n  \"simulation_model_build_ms\": {build_ms:.2},\n  \"simulation_events_ns_per_trial\": {draw_ns:.0},\n  \"simulation_events_and_shocks_ns_per_trial\": {shock_ns:.0},\n  \"simulation_events_shocks_projection_ns_per_trial\": {project_ns:.0},\n  \"simulation_whole_trial_with_tally_ns\": {trial_ns:.0},\n  \"simulation_summary_of_200k_ms\": {summarise_ms:.2},\n  \"dataset_load_and_validate_us\": {load:.1},\n  \"register_summary_us\": {summary:.2},\n  \"reducer_move_rating_us\": {action:.2},\n  \"projection_five_years_us\": {projection:.2},\n  \"tornado_all_drivers_us\": {tornado:.1},\n  \"reducer_set_driver_with_projection_and_tornado_us\": {driver_action:.1}\n}}\n",
        tps(sim_1m, 1e6)
    );
    std::fs::create_dir_all("bench-out").unwrap();
    std::fs::write("bench-out/native.json", &json).unwrap();
    print!("native benchmarks (median per call):\n{json}");
}
