//! Prints the model against the Trust's record: every calibration target with its figure,
//! and how each risk's shocks are sized. `cargo run --release --example calibrate -- [trials] [seed]`

use risk_explorer::model::calibration::{backtest, targets};
use risk_explorer::model::register::RatingKind;
use risk_explorer::model::scenario::Inputs;
use risk_explorer::model::simulation::SimRequest;
use risk_explorer::model::sizing::sizing;
use risk_explorer::model::Dataset;

fn main() {
    let mut req = SimRequest::default();
    // key=value pairs set drivers (experiments); the rest are trials and seed.
    let (edits, rest): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.contains('='));
    for e in edits {
        let (k, v) = e.split_once('=').expect("key=value");
        req.drivers
            .insert(k.to_string(), v.parse().expect("a number"));
    }
    let mut args = rest.into_iter();
    req.settings.trials = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    if let Some(s) = args.next().and_then(|a| a.parse().ok()) {
        req.settings.seed = s;
    }
    let ds = Dataset::builtin().expect("built-in dataset");
    let inp = Inputs::new(&ds, &req.drivers, &req.register);
    for r in &ds.risks {
        let s = sizing(inp, r, RatingKind::Current);
        let i = sizing(inp, r, RatingKind::Inherent);
        println!(
            "{:3} fin {} band {:5.1}-{:5.1} pos {:5.2} factor {:4.2} pressure {:5.1} | inherent fin {} factor {:4.2} pressure {:5.1}",
            r.id.0, s.impact, s.band.0, s.band.1, s.position, s.factor, s.pressure, i.impact, i.factor, i.pressure
        );
    }
    for r in &ds.risks {
        let at = |p| risk_explorer::model::sizing::event_pressure(inp, &r.id, p, 1.0);
        use risk_explorer::model::consequences::SeverityPoint as P;
        println!(
            "{:3} low {:5.1} likely {:5.1} high {:5.1}",
            r.id.0,
            at(P::Low),
            at(P::Likely),
            at(P::High)
        );
    }
    let out = req.run(&ds);
    let s = &out.summary;
    for (k, id) in s.risks.iter().enumerate() {
        println!(
            "{id}: rated {:.3} realised {:.3} once {:.3} effect {:?}",
            s.base_probability[k],
            s.yearly_frequency[k],
            s.p_at_least_once[k],
            s.effects[k].difference().map(|x| (x * 10.0).round() / 10.0)
        );
    }
    println!(
        "baseline gross {:?}",
        s.baseline_gross
            .iter()
            .map(|x| (x * 10.0).round() / 10.0)
            .collect::<Vec<_>>()
    );
    println!(
        "baseline net {:?}",
        s.baseline_gaps
            .iter()
            .map(|x| (x * 10.0).round() / 10.0)
            .collect::<Vec<_>>()
    );
    println!("gross all {:?}", s.annual_gross_all);
    println!("net all {:?}", s.annual_net_all);
    println!("extra funding {:?}", s.extra_funding);
    for c in &s.co_occurrence {
        if let Some(r) = c.ratio() {
            if r > 1.25 {
                println!("co {}-{} {:.2}", s.risks[c.a], s.risks[c.b], r);
            }
        }
    }
    let back = backtest(inp);
    for t in targets(&ds, s, &out.by_rating, back.as_ref()) {
        println!(
            "{} {} {:>10.3} [{:?}, {:?}] {}",
            if t.reported_only() {
                "  "
            } else if t.met() {
                "ok"
            } else {
                "XX"
            },
            t.id,
            t.measured,
            t.low,
            t.high,
            t.what
        );
    }
}
