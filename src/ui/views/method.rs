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

            <h2>{ "1. Demand" }</h2>
            <Formula words="Children in care grow each year; unaccompanied asylum-seeking children (UASC) are counted inside them and grow at their own rate. The baseline year is the published count."
                symbols="children in care = non-UASC last year × (1 + growth) + UASC last year × (1 + UASC growth)"
                numbers={w.children_in_care.clone()} />
            <Formula words="Child protection plans are the published rate per 10,000 children times the child population, and the rate grows each year. The child population is derived from children in care and their rate per 10,000."
                symbols="child population = children in care ÷ rate per 10,000 × 10,000;  plans = plan rate × population ÷ 10,000 × (1 + rate growth)^years"
                numbers={w.protection_plans.clone()} />
            <Formula words="Care leavers follow children in care a few years earlier."
                symbols="care leavers = published care leavers × children in care (lag years earlier) ÷ children in care at the start"
                numbers={w.care_leavers.clone()} />

            <h2>{ "2. Placements (payments to third-party providers)" }</h2>
            <Formula words="One calibration factor, the weekly price of an agency foster placement, is solved so that 2025/26 placement spend equals the published third-party line less its non-placement part, at the default placement shares."
                symbols="weekly price unit = (third-party line − non-placement part) × 1,000,000 ÷ (children in care × weeks a year × Σ share × price ratio)"
                numbers={w.weekly_price_unit.clone()} />
            <Formula words="Each placement type costs its children times its weekly price, for a year, at this year's price level."
                symbols="placement spend = Σ over types (children in care × share × price ratio × weekly price unit × weeks a year × price index)"
                numbers={w.placement_spend.clone()} />
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
            <Formula words="The third-party line is placements plus the non-placement part, which rises with other-cost inflation."
                symbols="third-party line = placement spend + non-placement part × other-cost index"
                numbers={w.third_party.clone()} />

            <h2>{ "3. Staff (employees line)" }</h2>
            <Formula words="Social workers at the start are the children they work with divided by the published average caseload."
                symbols="social workers = (children in care + protection plans + children in need) ÷ average caseload"
                numbers={w.social_workers.clone()} />
            <Formula words="Caseload is this year's workload over this year's social workers. Above the safe threshold, the excess is covered by extra agency staff at the premium."
                symbols="caseload = workload ÷ social workers;  extra agency = max(0, workload ÷ safe caseload − social workers)"
                numbers={w.caseload.clone()} />
            <Formula words="The employees line is other staff at this year's pay level, plus social workers (a share of them from agencies at the premium), plus any extra agency cover. Other staff are the published line less social workers, solved at the defaults."
                symbols="employees = other staff × pay index + social workers × cost × pay index × (1 + agency share × premium) + extra agency × cost × pay index × (1 + premium)"
                numbers={w.employees.clone()} />

            <h2>{ "4. Other costs, savings and spend" }</h2>
            <Formula words="Premises, transport, and supplies and services rise with other-cost inflation."
                symbols="other costs = published line × other-cost index"
                numbers={w.other_costs.clone()} />
            <Formula words="The published 2025/26 budget already assumes its £24.0m savings target is met; later years add new targets. Savings not delivered are added back to spend."
                symbols="shortfall = (1 − share delivered) × savings required so far;  spend = employees + other costs + third-party − later savings + shortfall"
                numbers={w.savings.clone()} />

            <h2>{ "5. Funding and the gap" }</h2>
            <Formula words="The Council's core contract sum rises by the uplift, gains demography funding for extra children, and loses each new savings target."
                symbols="core contract = last year × (1 + uplift) + demography funding − new savings target"
                numbers={w.core_contract.clone()} />
            <Formula words="Demography funding pays a chosen share of the average placement cost of each extra child in care (negative if numbers fall)."
                symbols="demography funding = share followed × average placement cost per child × price index × change in children in care"
                numbers={w.demography.clone()} />
            <Formula words="Grants rise with grant growth; the contract sum is the core sum plus grants paid via the Council."
                symbols="funding = core contract + grants via the Council + other grants"
                numbers={w.funding.clone()} />
            <Formula words="The gap is spend minus funding: positive is an overspend. The five-year gap is the plain sum of the annual gaps, surplus years counting against it, undiscounted."
                symbols="gap = spend − funding;  share = gap ÷ contract sum;  five-year gap = Σ gaps"
                numbers={w.gap.clone()} />

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
    let (factors, excess) = report::method::stress(ds, r);
    html! {
        <>
            <Formula words="When a risk's event happens in a year, each of its shocks is added to a driver, scaled by a severity factor from the impact of the risk's current rating. One-off shocks apply in that year; persistent ones from that year to the end. Several shocks on one driver add up, and the driver stays within its range."
                symbols="driver in a year = current value + Σ (shock at the chosen point × severity factor)"
                numbers={factors} />
            <ProvenanceNote provenance={ds.consequences.severity.provenance.clone()} />
            <Formula words="The compounding excess compares the risks together with the sum of each alone, on the five-year gap. Positive means the combination is worse than its parts; negative means less."
                symbols="excess = (five-year gap together − baseline) − Σ (five-year gap with one risk − baseline)"
                numbers={excess} />
            <p>{ "The model carries three non-linear mechanisms, which are where compounding comes from: more children at higher prices (children × price), caseloads above the safe threshold forcing agency cover at a premium, and funding that follows only part of the demand. Shocks that act on unrelated drivers simply add up." }</p>
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
