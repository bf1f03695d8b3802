//! How the numbers are worked out: every formula of the projection in words and symbols,
//! with the current values substituted, for a chosen year; then every assumption.

use crate::model::drivers::year_label;
use crate::report;
use crate::ui::components::{use_store, ProvenanceNote};
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
            <p class="lead">{ "Every figure in the demand and finance view comes from the formulas below. The values substituted are today's settings, so each line can be checked with a calculator. Figures are rounded for display; the arithmetic is not." }</p>
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

            <h2>{ "6. Stress scenarios" }</h2>
            <StressWorkings />

            <h2>{ "7. The simulation" }</h2>
            <SimulationWorkings />

            <h2>{ "8. Every assumption" }</h2>
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
    let store = crate::ui::components::use_store();
    let ds = &store.dataset;
    let settings = &store.workspace.simulation;
    let w = report::method::simulation(ds, settings);
    html! {
        <>
            <p>{ w.run.clone() }</p>
            <Formula words="Each year every risk's event happens with the yearly chance of its likelihood rating."
                symbols="p = chance(likelihood)"
                numbers={w.chances.clone()} />
            <Formula words="A risk that happened this year or last makes each risk it is linked to likelier: the odds of the second are multiplied by the link's strength (several links multiply; a risk counts once)."
                symbols="odds = p ÷ (1 − p);  odds′ = odds × Π multipliers;  p′ = odds′ ÷ (1 + odds′)"
                numbers={w.links.clone()} />
            <p>{ "So that the order of the risks does not matter, a year is drawn in two passes. The first draws every risk with the links from last year's events. The second gives each risk that missed a second chance at (p₂ − p₁) ÷ (1 − p₁), where p₂ also counts the first pass's events this year; the draw is the first one rescaled, so the overall chance is exactly p₂. A risk that happens in the second pass affects the others from the next year. Every random number comes from its own stream, keyed by the seed, the trial, the year, the risk's name and what it is for, so results do not change with the order of the risks, with how the work is split, or with stopping and starting again." }</p>
            <Formula words="Each event moves the drivers as in the stress scenarios, by an amount drawn from a PERT distribution between the shock's low and high values (most likely value as its peak), times the severity factor of the risk's impact. A risk acute in consecutive years is one episode: its lasting shifts apply once; its one-year shocks recur. A new episode after a quiet year adds to the last."
                symbols="shock = low + (high − low) × Beta(1 + 4(m − low)/(high − low), 1 + 4(high − m)/(high − low)) × severity"
                numbers={"mean of a shock = (low + 4 × most likely + high) ÷ 6".to_string()} />
            <p>{ "The results: percentiles of the annual and five-year gap (P5 to P95: nine trials in ten lie between them); the chance of passing a threshold; how often each risk happens at least once; how many happen in the same year, against what independent risks would give (the exact Poisson-binomial distribution); the tornado, E[five-year gap | the risk happened] − E[gap | it did not]; and the pairwise excess E[g|A∧B] − E[g|A∧¬B] − E[g|¬A∧B] + E[g|¬A∧¬B], hidden where a cell has fewer than 100 trials. The run also repeats at inherent, current and target ratings with the same random numbers, to show what the controls are worth." }</p>
            <p>{ "The simulation runs in a web worker, in slices of about 40 ms, so the page never freezes; where no worker can start, the page runs it itself in short slices." }</p>
        </>
    }
}
