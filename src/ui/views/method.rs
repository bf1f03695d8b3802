//! How the numbers are worked out: first the model against the Trust's record (the
//! calibration targets, charts and choices); then every formula of the projection in words
//! and symbols, with the current values substituted, for a chosen year; the money, the
//! stress scenarios and the simulation; then every assumption.

use crate::model::drivers::year_label;
use crate::report;
use crate::report::method::record::Record;
use crate::ui::components::{use_store, ChartCard, ProvenanceNote};
use crate::ui::hooks::use_auto_run;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct FormulaProps {
    words: AttrValue,
    symbols: AttrValue,
    numbers: AttrValue,
}

/// One step: what it means, the formula, and the formula with today's values.
#[function_component(Formula)]
fn formula(p: &FormulaProps) -> Html {
    html! {
        <div class="formula">
            <p class="formula-words">{ p.words.clone() }</p>
            <p class="formula-symbols"><code>{ p.symbols.clone() }</code></p>
            <p class="formula-numbers"><code>{ p.numbers.clone() }</code></p>
        </div>
    }
}

#[function_component(Method)]
pub fn method() -> Html {
    let store = use_store();
    let data = &store.dataset.drivers;
    let p = &store.derived.projection;
    let t = use_state(|| 0usize);
    let t_now = (*t).min(p.years.len() - 1);
    let w = report::method::projection(data, &store.workspace.drivers, p, t_now);
    let money = report::method::money(
        data,
        &store.workspace.drivers,
        p,
        t_now,
        store.workspace.simulation.management,
    );
    let on_year = {
        let t = t.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = sel.value().parse::<usize>() {
                t.set(v);
            }
        })
    };

    html! {
        <section class="method">
            <h1 tabindex="-1">{ "How the numbers are worked out" }</h1>
            <p class="lead">{ "First, how the model compares with the Trust's own record, and the choices that make it do so. Then every formula behind the figures, with today's settings substituted, so each line can be checked with a calculator. Figures are rounded for display; the arithmetic is not." }</p>
            <RecordSection />
            <h2>{ "The workings, year by year" }</h2>
            <p>
                <label for="method-year"><strong>{ "Show the workings for " }</strong></label>
                <select id="method-year" onchange={on_year}>
                    { for p.years.iter().enumerate().map(|(i, yr)| html! {
                        <option value={i.to_string()} selected={i == t_now}>{ year_label(yr.year) }</option>
                    }) }
                </select>
            </p>

            { for w.sections().into_iter().map(|section| html! {
                <>
                    <h2>{ section.heading }</h2>
                    { for section.steps.into_iter().map(|step| match step {
                        report::method::Step::Formula(f) => html! {
                            <Formula words={f.words} symbols={f.symbols} numbers={f.numbers} />
                        },
                        report::method::Step::PlacementsTable => html! {
                            <table class="workings">
                            <caption>{ w.placements_caption.clone() }</caption>
                            <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "Share" }</th><th scope="col">{ "Children" }</th><th scope="col">{ "Ratio" }</th><th scope="col">{ "£ a week (2025/26 prices)" }</th><th scope="col">{ "Spend" }</th></tr></thead>
                            <tbody>
                                { for w.placements.iter().map(|row| html! {
                                    <tr>
                                        <th scope="row">{ row.label.clone() }</th>
                                        <td class="num">{ row.share.clone() }</td>
                                        <td class="num">{ row.children.clone() }</td>
                                        <td class="num">{ row.ratio.clone() }</td>
                                        <td class="num">{ row.weekly_price.clone() }</td>
                                        <td class="num">{ row.spend.clone() }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        },
                    }) }
                </>
            }) }

            <h2>{ "6. Gross pressure, offsets and net outturn" }</h2>
            { for money.into_iter().map(|f| html! {
                <Formula words={f.words} symbols={f.symbols} numbers={f.numbers} />
            }) }

            <h2>{ "7. Stress scenarios" }</h2>
            <StressWorkings />

            <h2>{ "8. The simulation" }</h2>
            <SimulationWorkings />

            <h2>{ "9. Every assumption" }</h2>
            <p>{ "Each driver, its current value and default, and where the default comes from. Values the sources do not give are illustrative assumptions with their reasoning." }</p>
            <table class="assumptions">
                <thead><tr><th scope="col">{ "Driver" }</th><th scope="col">{ "Now" }</th><th scope="col">{ "Default" }</th><th scope="col">{ "Where the default comes from" }</th></tr></thead>
                <tbody>
                    { for report::method::assumptions(data, &store.workspace.drivers).into_iter().map(|row| html! {
                        <tr>
                            <th scope="row">{ row.label }</th>
                            <td class="num">{ row.now }</td>
                            <td class="num">{ row.default }</td>
                            <td><ProvenanceNote provenance={row.provenance} /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// The stress scenario's arithmetic with the current choices.
#[function_component(StressWorkings)]
fn stress_workings() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let r = &store.derived.stress;
    let w = report::method::stress(ds, r);
    html! {
        <>
            <Formula words="When a risk's event happens in a year, each of its shocks is added to a driver. The shocks as written are sized for the risk's current financial impact; at another impact every shock of the risk is multiplied by one factor, so that one most likely event alone lands at the same relative place in the new impact's £ band (gross pressure in 2026/27). One-off shocks apply in that year and leave nothing behind; steps change a growth rate for that year and leave the level raised; persistent ones apply from that year to the end. Several shocks on one driver add up, and the driver stays within its range."
                symbols="driver in a year = current value + Σ (shock at the chosen point × sizing factor)"
                numbers={w.sizing} />
            <Formula words="Each year's books then close as in the simulation, with the offset capacity at its most likely value. The compounding excess compares the risks together with the sum of each alone, on the five-year net outturn (the headline). Positive means the combination is worse than its parts; negative means together less than the sum."
                symbols="excess = (five-year net outturn together − baseline) − Σ (five-year net outturn with one risk − baseline)"
                numbers={w.net} />
            <Formula words="The same on five-year gross pressure, before offsets. The two differ because offsets have a limited capacity: a combination that overruns it compounds on net outturn even where the gross pressures simply add."
                symbols="gross excess = (five-year gross pressure together − baseline) − Σ (five-year gross pressure with one risk − baseline)"
                numbers={w.gross} />
            <p>{ "The model carries three non-linear mechanisms, which are where compounding comes from: more children at higher prices (children × price), caseloads above the safe threshold forcing agency cover at a premium, and funding that follows only part of the demand. Shocks that act on unrelated drivers simply add up on gross pressure." }</p>
        </>
    }
}

/// How the simulation works, with today's settings and probabilities substituted.
#[function_component(SimulationWorkings)]
fn simulation_workings() -> Html {
    let store = use_store();
    let ws = &store.workspace;
    let w = report::method::simulation(
        &store.dataset,
        &ws.simulation,
        &ws.drivers,
        &ws.register,
        &store.derived.sizing,
    );
    html! {
        <>
            <p>{ w.run.clone() }</p>
            { for w.steps.into_iter().map(|f| html! {
                <Formula words={f.words} symbols={f.symbols} numbers={f.numbers} />
            }) }
            <p>{ "So that the order of the risks does not matter, a year is drawn in two passes. The first draws every risk with the links from last year's events. The second gives each risk that missed a second chance at (p₂ − p₁) ÷ (1 − p₁), where p₂ also counts the first pass's events this year; the draw is the first one rescaled, so the overall chance is exactly p₂. A risk that happens in the second pass affects the others from the next year. Every random number comes from its own stream, keyed by the seed, the trial, the year, the risk's name and what it is for, so results do not change with the order of the risks, with how the work is split, or with stopping and starting again." }</p>
            <p>{ "The results: percentiles of the annual net outturn and gross pressure and of their five-year totals (P5 to P95: nine trials in ten lie between them); the chance that the net outturn passes a threshold, in a year and in any year; how often each risk happens at least once; how many happen in the same year, against what independent risks would give (the exact Poisson-binomial distribution); the tornado, E[five-year net outturn | the risk happened] − E[· | it did not]; and the pairwise excess E[X|A∧B] − E[X|A∧¬B] − E[X|¬A∧B] + E[X|¬A∧¬B], hidden where a cell has fewer than 100 trials. The run also repeats at inherent, current and target ratings with the same random numbers, to show what the controls are worth." }</p>
            <p>{ "The simulation runs in a web worker, in slices of about 40 ms, so the page never freezes; where no worker can start, the page runs it itself in short slices." }</p>
        </>
    }
}

/// The model against the Trust's record: the calibration targets with the latest run's
/// figures, the charts that set the simulation beside the record, the backtest and the
/// choices made. Starts the simulation if its results are not current.
#[function_component(RecordSection)]
fn record_section() -> Html {
    let store = use_store();
    let request = store.workspace.sim_request();
    use_auto_run(&store, &request);
    let ws = &store.workspace;
    let backtest = {
        let ds = Rc::clone(&store.dataset);
        use_memo(
            (
                ws.drivers.clone(),
                ws.register.clone(),
                Rc::clone(&store.derived.consequences),
                ws.simulation.management,
            ),
            move |(drivers, register, consequences, managed)| {
                report::method::record::backtest(&ds, consequences, drivers, register, *managed)
            },
        )
    };
    let sim = &store.sim;
    // The charts change with the results, not with a run starting.
    let charts = {
        let ds = Rc::clone(&store.dataset);
        use_memo(
            (sim.summary.clone(), Rc::clone(&backtest)),
            move |(summary, backtest)| {
                report::method::record::record_charts(
                    &ds,
                    summary.as_deref(),
                    backtest.as_ref().as_ref(),
                )
            },
        )
    };
    let record = {
        let ds = Rc::clone(&store.dataset);
        let sim = sim.clone();
        use_memo(
            (
                sim.summary.clone(),
                sim.by_rating.clone(),
                sim.result_for.clone(),
                sim.is_running(),
                request.clone(),
                Rc::clone(&backtest),
                Rc::clone(&charts),
            ),
            move |(_, _, _, _, request, backtest, charts)| {
                report::method::record::record_with(
                    &ds,
                    &sim,
                    request,
                    backtest.as_ref().as_ref(),
                    charts.to_vec(),
                )
            },
        )
    };
    html! { <RecordView record={Rc::clone(&record)} /> }
}

#[derive(Properties, PartialEq)]
struct RecordProps {
    record: Rc<Record>,
}

#[function_component(RecordView)]
fn record_view(props: &RecordProps) -> Html {
    let r = &props.record;
    html! {
        <section class="record" aria-labelledby="record-title">
            <h2 id="record-title">{ "The model against the Trust's record" }</h2>
            <p>{ r.lead.clone() }</p>
            { for r.notices.iter().map(|n| html! { <p class="record-notice">{ n.clone() }</p> }) }
            if let Some(tally) = &r.tally {
                <p class="record-tally" data-missed={r.rows.iter().filter(|x| x.verdict == report::method::record::Verdict::Missed).count().to_string()}><strong>{ tally.clone() }</strong></p>
            }
            if !r.rows.is_empty() {
                <div class="table-scroll">
                    <table class="record-table">
                        <caption>{ "Calibration targets: the model's figure against the range it is held to" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Target" }</th>
                            <th scope="col">{ "What is measured, and why this range" }</th>
                            <th scope="col">{ "The model" }</th>
                            <th scope="col">{ "Range" }</th>
                            <th scope="col">{ "Basis" }</th>
                            <th scope="col">{ "Result" }</th>
                        </tr></thead>
                        <tbody>
                            { for r.rows.iter().map(|row| html! {
                                <tr class={row.verdict.class()} data-target={row.id} data-verdict={row.verdict.class()}>
                                    <th scope="row">{ row.id }</th>
                                    <td>{ row.what.clone() }<span class="why">{ row.why.clone() }</span></td>
                                    <td class="num model">{ row.model.clone() }</td>
                                    <td class="range">{ row.range.clone() }</td>
                                    <td>{ row.basis }</td>
                                    <td class="verdict">{ row.verdict.label() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <div class="chart-grid">
                { for r.charts.iter().map(|c| html! { <ChartCard key={c.id} chart={c.clone()} /> }) }
            </div>
            <h3>{ "The choices made, and why" }</h3>
            <dl class="record-choices">
                { for r.choices.iter().map(|c| html! {
                    <>
                        <dt>{ c.title }</dt>
                        <dd>
                            <p>{ c.text.clone() }</p>
                            if let Some(p) = &c.provenance {
                                <ProvenanceNote provenance={p.clone()} />
                            }
                        </dd>
                    </>
                }) }
            </dl>
        </section>
    }
}
