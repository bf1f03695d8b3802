//! The simulation: how likely the combinations of risks are, with risks that raise each
//! other's likelihood. The run happens in a web worker (or in slices on the page); this
//! view shows settings, progress and the results, and lets the links be edited.

use crate::charts::{network, simulation as charts};
use crate::format;
use crate::model::edits::edge_key;
use crate::model::interactions::Strength;
use crate::model::simulation::{SimRequest, Summary, DEFAULT_THRESHOLD, TRIAL_CHOICES};
use crate::model::RatingKind;
use crate::state::Action;
use crate::ui::components::{use_store, ChartCard, NumberBox, ProvenanceNote, Term};
use crate::ui::hooks::{use_auto_run, use_sim_control};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// "1 in 3 trials" style wording is in the charts; here a plain percentage.
fn pct(p: f64) -> String {
    format::percent(p)
}

/// The headline: the chance that three or more risks hit in the same year and the gap if so.
fn headline(s: &Summary) -> String {
    let three = s.p_same_year_at_least(3);
    match s.gap_same_year_at_least(3) {
        Some(gap) if three > 0.0 => format!(
            "There is a {} chance that three or more of these risks hit in the same year; if they do, the five-year gap is about {}",
            pct(three),
            format::gbp_m(gap)
        ),
        _ => format!(
            "In these trials three or more risks never hit in the same year; the five-year gap is about {}",
            format::gbp_m(s.five_year.p50)
        ),
    }
}

#[function_component(Simulation)]
pub fn simulation() -> Html {
    let store = use_store();
    let control = use_sim_control();
    let ds = Rc::clone(&store.dataset);
    let request: SimRequest = store.workspace.sim_request();
    let sim = &store.sim;

    use_auto_run(&store, &request);

    let charts_now = {
        let ds = Rc::clone(&ds);
        use_memo(
            (sim.summary.clone(), sim.by_rating.clone()),
            move |(summary, by_rating)| {
                let Some(s) = summary else {
                    return Vec::new();
                };
                let mut out = vec![
                    Rc::new(charts::same_year(&ds, s)),
                    Rc::new(charts::fan(&ds, s)),
                    Rc::new(charts::histogram(&ds, s)),
                    Rc::new(charts::exceedance(&ds, s)),
                    Rc::new(charts::risk_probability(&ds, s)),
                    Rc::new(charts::tornado(&ds, s)),
                    Rc::new(charts::count_vs_independent(&ds, s)),
                    Rc::new(charts::co_occurrence(&ds, s)),
                    Rc::new(charts::pairwise(&ds, s)),
                    Rc::new(charts::non_financial(&ds, s)),
                ];
                if let Some(d) = by_rating {
                    out.push(Rc::new(charts::ratings(&ds, d)));
                }
                out
            },
        )
    };
    let network_chart = {
        let ds = Rc::clone(&ds);
        use_memo(store.workspace.interactions.clone(), move |edits| {
            Rc::new(network::network(&ds, &ds.interactions, edits))
        })
    };

    let settings = &store.workspace.simulation;
    let running = sim.running.as_ref().map(|(id, _)| *id);
    let (done, total) = sim.progress;
    let status = match (&sim.summary, running) {
        (_, Some(_)) => format!(
            "Running: {} of {} trials ({} ratings)…",
            format::count(done),
            format::count(total),
            "three"
        ),
        (Some(s), None) if sim.is_current(&request) => format!(
            "Done: {} trials at each rating, seed {}, in {:.2} s ({:.2} s for the {} rating).",
            format::count(u64::from(s.trials)),
            s.seed,
            sim.total_ms.unwrap_or(0.0) / 1000.0,
            sim.main_ms.unwrap_or(0.0) / 1000.0,
            s.rating.label().to_lowercase()
        ),
        (Some(_), None) if sim.cancelled_for.is_some() => {
            "Stopped. The results shown are from an earlier run; press Run to finish.".into()
        }
        (Some(_), None) => "Settings changed: the results will update in a moment.".into(),
        (None, None) if sim.cancelled_for.is_some() => "Stopped before any results.".into(),
        (None, None) => "Starting…".into(),
    };
    let stale = sim.summary.is_some() && !sim.is_current(&request);

    let on_trials = {
        let s = store.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(t) = v.parse::<u32>() {
                s.dispatch(Action::SetSimTrials(t));
            }
        })
    };
    let on_seed = {
        let s = store.clone();
        Callback::from(move |v: f64| s.dispatch(Action::SetSimSeed(v.round().max(0.0) as u64)))
    };
    let new_seed = {
        let s = store.clone();
        let seed = settings.seed;
        Callback::from(move |_| {
            // The next seed in a fixed sequence, so a workshop can retrace its steps.
            let next = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1) % 1_000_000_000;
            s.dispatch(Action::SetSimSeed(next))
        })
    };
    let on_interactions = {
        let s = store.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            s.dispatch(Action::SetSimInteractions(on))
        })
    };
    let on_threshold = {
        let s = store.clone();
        Callback::from(move |v: f64| s.dispatch(Action::SetSimThreshold(v)))
    };
    let run_now = {
        let (control, request, next_id) = (control.clone(), request.clone(), sim.next_id);
        let ds = Rc::clone(&ds);
        Callback::from(move |_| control.start(next_id, request.clone(), &ds))
    };
    let cancel = {
        let control = control.clone();
        Callback::from(move |_| {
            if let Some(id) = running {
                control.cancel(id)
            }
        })
    };

    let figures = sim.summary.as_ref().map(|s| {
        let three = s.p_same_year_at_least(3);
        let chosen = s.thresholds.first();
        html! {
            <div class={classes!("key-figures", stale.then_some("stale"))} role="list">
                <div class="figure emphasis" role="listitem" data-figure="three">
                    <span class="figure-label">{ "Three or more risks in the same year, at least once in five years" }</span>
                    <span class="figure-value">{ pct(three) }</span>
                </div>
                <div class="figure" role="listitem" data-figure="three-gap">
                    <span class="figure-label">{ "Five-year gap when that happens (average)" }</span>
                    <span class="figure-value">{ s.gap_same_year_at_least(3).map(format::gbp_m).unwrap_or_else(|| "no such trials".into()) }</span>
                </div>
                <div class="figure" role="listitem" data-figure="median">
                    <span class="figure-label"><Term word="Five-year gap, median (P5 to P95)" explain="Half the trials end above the median and half below. P5 to P95: nine trials in ten end between these two figures. The gap is spend minus funding, added up over 2025/26 to 2029/30; positive is an overspend." /></span>
                    <span class="figure-value">{ format!("{} ({} to {})", format::gbp_m(s.five_year.p50), format::gbp_m(s.five_year.p5), format::gbp_m(s.five_year.p95)) }</span>
                </div>
                <div class="figure" role="listitem" data-figure="baseline">
                    <span class="figure-label">{ "Five-year gap with no risk events" }</span>
                    <span class="figure-value">{ format::gbp_m(s.baseline_five_year) }</span>
                </div>
                if let Some(t) = chosen {
                    <div class="figure" role="listitem" data-figure="threshold" data-value={format!("{:.4}", t.p_any_year)}>
                        <span class="figure-label">{ format!("Annual gap above {} in at least one year", format::gbp_m(t.value)) }</span>
                        <span class="figure-value">{ pct(t.p_any_year) }</span>
                    </div>
                }
            </div>
        }
    });

    html! {
        <section class="simulation-view" data-running={running.is_some().to_string()}
            data-trials={sim.summary.as_ref().map(|s| s.trials.to_string())}
            data-mode={control.mode()}
            data-main-ms={sim.main_ms.map(|m| format!("{m:.1}"))}
            data-total-ms={sim.total_ms.map(|m| format!("{m:.1}"))}>
            <h1 tabindex="-1">{ sim.summary.as_deref().map(headline).unwrap_or_else(|| "Simulating how likely the combinations are…".into()) }</h1>
            <blockquote class="compounding">
                <ProvenanceNote provenance={ds.meta.compounding_statement.clone()} />
            </blockquote>
            <p class="hint">
                { "Each trial plays out five years. In each year every risk's " }
                <Term word="event" explain="The risk's standing condition turning acute in a particular year, as defined in the register." />
                { " happens with the yearly chance of its likelihood rating; a risk that happened this year or last makes the risks it is linked to likelier (" }
                <Term word="odds multipliers" explain="The odds of an event are p ÷ (1 − p). A link of strength ×2 doubles the odds: a 35% chance becomes 52%, a 15% chance 26%." />
                { "). Each event moves the drivers by an amount drawn between its low and high values, and the projection runs. Thousands of trials show how likely each outcome is. How it is worked out is under \u{201c}How it works\u{201d}." }
            </p>
            <div class="sim-controls" role="group" aria-labelledby="sim-settings-title">
                <h2 id="sim-settings-title">{ "Settings" }</h2>
                <div class="sim-fields">
                    <label for="sim-trials">{ "Trials" }
                        <select id="sim-trials" onchange={on_trials}>
                            { for TRIAL_CHOICES.iter().map(|t| html! {
                                <option value={t.to_string()} selected={*t == settings.trials}>{ format::count(u64::from(*t)) }</option>
                            }) }
                        </select>
                    </label>
                    <span class="seed-field">
                        <label for="sim-seed"><Term word="Seed" explain="The starting point of the random numbers. The same seed and settings always give the same results, so a result can be reproduced; a new seed shows how much the results move by chance." /></label>
                        <NumberBox id="sim-seed" label="Seed" value={settings.seed as f64} min={0.0} max={1e15} unit="" onchange={on_seed} />
                        <button type="button" onclick={new_seed}>{ "New seed" }</button>
                    </span>
                    <fieldset class="sim-rating">
                        <legend><Term word="Ratings used" explain="Which of each risk's ratings sets its yearly chance and how severe its shocks are. Current is the register today; inherent is before controls; target is where the Board aims to get. All three are run; this one is shown in full." /></legend>
                        { for RatingKind::ALL.iter().map(|k| {
                            let s = store.clone();
                            let kind = *k;
                            let onchange = Callback::from(move |_| s.dispatch(Action::SetSimRating(kind)));
                            let id = format!("sim-rating-{}", k.label().to_lowercase());
                            html! {
                                <label for={id.clone()} class="radio">
                                    <input type="radio" name="sim-rating" id={id} checked={settings.rating == kind} {onchange} />
                                    { k.label() }
                                </label>
                            }
                        }) }
                    </fieldset>
                    <label for="sim-interactions" class="checkbox">
                        <input type="checkbox" id="sim-interactions" checked={settings.interactions} onchange={on_interactions} />
                        { "Risks raise each other's likelihood" }
                    </label>
                    <span class="threshold-field">
                        <label for="sim-threshold"><Term word="Threshold (£m)" explain="The gap whose chance of being passed is reported. The default, £10.0m, is the 2023/24 deficit; past outturns and pressures are marked on the threshold chart." /></label>
                        <NumberBox id="sim-threshold" label="Threshold in £m" value={settings.threshold} min={-1000.0} max={1000.0} unit="£m" onchange={on_threshold} changed={(settings.threshold - DEFAULT_THRESHOLD).abs() > 1e-9} />
                    </span>
                </div>
                <div class="sim-run">
                    <button type="button" class="primary" id="sim-run" onclick={run_now}>{ if running.is_some() { "Restart" } else { "Run again" } }</button>
                    <button type="button" id="sim-cancel" onclick={cancel} disabled={running.is_none()}>{ "Stop" }</button>
                    <progress id="sim-progress" max={total.max(1).to_string()} value={done.to_string()} aria-label="Simulation progress"></progress>
                    <span class="sim-status" role="status" aria-live="polite">{ status }</span>
                </div>
            </div>
            { figures.unwrap_or_default() }
            <details class="caveat">
                <summary>{ "Why the money figures are so large" }</summary>
                <p>{ "At the register's current ratings the three highest risks (demand, placements and financial pressure) happen in most years, each event moves the drivers by a full acute-year shock, and the projection has no in-year management action, which in past years recovered much of each pressure (the 2023/24 gross pressure of £18m ended as a £10m deficit). So the five-year gaps here run far beyond anything the Trust has reported. Read the chances, the comparison between ratings and how much worse combinations are; treat the £ amounts as the size of unmanaged pressure, not a forecast. Lower the likelihoods or the shock sizes (Scenarios) to test other views." }</p>
            </details>
            if stale {
                <p class="stale-note" role="note">{ "These results are for the previous settings; new results are on their way." }</p>
            }
            <div class={classes!("chart-grid", stale.then_some("stale"))}>
                { for charts_now.iter().map(|c| html! { <ChartCard key={c.id} chart={Rc::clone(c)} /> }) }
            </div>
            <section class="interactions" aria-labelledby="interactions-title">
                <h2 id="interactions-title">{ "How the risks are linked" }</h2>
                <p class="hint">{ "A link from one risk to another makes the second likelier in a year when the first happened that year or the year before. Links the sources state are marked \u{201c}stated\u{201d}; the others are our reading, with a reason. Change any link here; the simulation re-runs." }</p>
                <ChartCard chart={(*network_chart).clone()} />
                <InteractionGrid />
            </section>
        </section>
    }
}

/// The links as a grid of choices: row = the risk that happens, column = the risk made
/// likelier.
#[function_component(InteractionGrid)]
fn interaction_grid() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let edits = &store.workspace.interactions;
    let reset = {
        let s = store.clone();
        Callback::from(move |_| s.dispatch(Action::ResetInteractions))
    };
    let st = &ds.interactions.strengths;
    html! {
        <div class="interaction-grid">
            <p class="legend">
                { format!("Strengths: weak ×{}, moderate ×{}, strong ×{} on the odds. ", st.weak, st.moderate, st.strong) }
                <ProvenanceNote provenance={st.provenance.clone()} />
            </p>
            <div class="table-scroll">
                <table>
                    <caption>{ "Links between risks: when the risk in the row happens, the risk in the column becomes likelier" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "When this happens ↓ / this becomes likelier →" }</th>
                            { for ds.risks.iter().map(|r| html! { <th scope="col" title={r.short_title.clone()}>{ r.id.to_string() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for ds.risks.iter().map(|from| html! {
                            <tr>
                                <th scope="row">{ format!("{} {}", from.id, from.short_title) }</th>
                                { for ds.risks.iter().map(|to| {
                                    if from.id == to.id {
                                        return html! { <td class="self" aria-label="not applicable">{ "—" }</td> };
                                    }
                                    let edge = ds.interactions.edge(&from.id, &to.id);
                                    let now = ds.interactions.strength(edits, &from.id, &to.id);
                                    let changed = edits.contains_key(&edge_key(&from.id, &to.id));
                                    let source = edge.map(|e| if e.provenance.cite.is_some() { "stated" } else { "our reading" });
                                    let title = edge.map(|e| e.why.clone());
                                    let s = store.clone();
                                    let (f, t) = (from.id.clone(), to.id.clone());
                                    let onchange = Callback::from(move |e: Event| {
                                        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                                        let strength = Strength::ALL.into_iter().find(|x| x.label() == v).unwrap_or_default();
                                        s.dispatch(Action::SetInteraction { from: f.clone(), to: t.clone(), strength });
                                    });
                                    let label = format!("Link from {} {} to {} {}", from.id, from.short_title, to.id, to.short_title);
                                    html! {
                                        <td class={classes!("link", format!("s-{}", now.label().to_lowercase().replace(' ', "-")), changed.then_some("changed"))} title={title}>
                                            <select aria-label={label} data-edge={edge_key(&from.id, &to.id).to_string()} {onchange}>
                                                { for Strength::ALL.iter().map(|x| html! {
                                                    <option value={x.label()} selected={*x == now}>{ format!("{} {}", x.mark(), x.label()) }</option>
                                                }) }
                                            </select>
                                            if let Some(src) = source {
                                                <span class="link-source">{ src }</span>
                                            }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <button type="button" onclick={reset} disabled={edits.is_empty()}>{ "Reset the links to the defaults" }</button>
        </div>
    }
}
