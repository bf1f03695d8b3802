//! The simulation: how likely the combinations of risks are, with risks that raise each
//! other's likelihood. The run happens in a web worker (or in slices on the page); this
//! view shows settings, progress and the results, and lets the links be edited.

use crate::charts::network;
use crate::format;
use crate::model::edits::{edge_key, InteractionEdits};
use crate::model::interactions::Strength;
use crate::model::simulation::{SimRequest, DEFAULT_THRESHOLD};
use crate::model::RatingKind;
use crate::report;
use crate::state::Action;
use crate::ui::components::{
    use_store, ChartCard, CompoundingQuote, KeyFigures, NumberBox, ProvenanceNote, Term,
};
use crate::ui::hooks::{
    use_after_first_task, use_auto_run, use_held, use_next_task, use_sim_control,
    use_staged_charts, use_staged_count,
};
use crate::ui::store::{on_click, use_dataset, use_dispatch};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[function_component(Simulation)]
pub fn simulation() -> Html {
    let store = use_store();
    let control = use_sim_control();
    let ds = Rc::clone(&store.dataset);
    let request: SimRequest = store.workspace.sim_request();
    let sim = &store.sim;

    use_auto_run(&store, &request);

    // The page is a pure function of the latest results; rebuild only when they change.
    // The chosen rating's charts are kept when only the other ratings' results arrive
    // (the run's end brings the same summary and the ratings side by side). They are
    // made a task after new results are shown (figures and table first; the charts'
    // places are held meanwhile, or their last drawing kept), so that neither task is
    // long.
    let (summary_charts, charts_pending) = {
        let ds = Rc::clone(&ds);
        use_next_task(sim.summary.clone(), move |summary| {
            summary
                .as_deref()
                .map_or_else(Vec::new, |s| report::simulation::summary_charts(&ds, s))
        })
    };
    let summary_charts = summary_charts.unwrap_or_default();
    let no_charts_yet = summary_charts.is_empty();
    let page = {
        let ds = Rc::clone(&ds);
        use_memo(
            (sim.summary.clone(), sim.by_rating.clone(), summary_charts),
            move |(summary, by_rating, charts)| {
                report::simulation::page_with(
                    &ds,
                    summary.as_deref(),
                    by_rating.as_deref().map(Vec::as_slice),
                    charts,
                )
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
    let status = report::simulation::status(sim, &request);
    // Results for other settings are marked as such (dashed, with a note) only once that
    // has lasted a quarter of a second: a quick run replaces them before then, and the
    // mark would only flash on and off, redrawing every chart twice.
    let stale = use_held(
        sim.summary.is_some() && !sim.is_current(&request),
        crate::state::PROGRESS_MS as u32,
    );

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
    let new_seed = on_click(&store, Action::NextSimSeed);
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

    let on_management = {
        let s = store.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            s.dispatch(Action::SetSimManagement(on))
        })
    };
    let p = &page.page;
    // Charts go on the page a few per task; until each is there (and before the first
    // results) a placeholder of its size holds its place, so nothing below moves.
    let charts = use_staged_charts(&p.charts);
    // The links' network and grid (72 pickers), at the foot of the view, in a task of
    // their own after the first.
    let links = use_after_first_task();
    let waiting = sim.summary.is_none();
    let placeholders = if waiting || (charts_pending && no_charts_yet) {
        report::simulation::CHARTS.saturating_sub(charts.len())
    } else {
        p.charts.len().saturating_sub(charts.len())
    };

    html! {
        <section class="simulation-view" data-running={running.is_some().to_string()}
            data-trials={sim.summary.as_ref().map(|s| s.trials.to_string())}
            data-mode={control.mode()}
            data-main-ms={sim.main_ms.map(|m| format!("{m:.1}"))}
            data-total-ms={sim.total_ms.map(|m| format!("{m:.1}"))}>
            <h1 tabindex="-1">{ p.headline.clone() }</h1>
            <CompoundingQuote />
            <p class="hint">
                { "Each " }
                <Term word="trial" explain="One run of the five years, with its own chance events. The simulation plays out thousands of them and counts how often each outcome happens." />
                { " plays out five years. In each year every risk's " }
                <Term word="event" explain="The risk's standing condition turning acute in a particular year, beyond the forecast the budget was set on, as defined in the register." />
                { " happens with the yearly chance of its likelihood rating. " }
                <Term word="Links" explain="A risk that happened this year or last makes the risks it is linked to likelier. The base chances are set so that each risk still happens at its rated chance overall: the links change when risks happen together, not how often each happens." />
                { " make risks happen together more often. Each event moves the drivers by an amount drawn between its low and high values, the Trust offsets part of each year's pressure, and the Council re-bases lasting pressure from the next year. Thousands of trials show how likely each outcome is. How it is worked out is under \u{201c}How it works\u{201d}." }
            </p>
            <div class="sim-controls" role="group" aria-labelledby="sim-settings-title">
                <h2 id="sim-settings-title">{ "Settings" }</h2>
                <div class="sim-fields">
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
                        { "Links between risks (same chances, more often together)" }
                    </label>
                    <label for="sim-management" class="checkbox">
                        <input type="checkbox" id="sim-management" checked={settings.management} onchange={on_management} />
                        { "Management action and re-basing" }
                        <span class="field-hint">{ "(off: unmanaged figures)" }</span>
                    </label>
                    <span class="threshold-field">
                        <label for="sim-threshold"><Term word="Threshold (£m a year)" explain="The net outturn in a year whose chance of being passed is reported. The default, £8.2m, is 2.5% of the 2025/26 contract sum, the deficit the register's financial-pressure risk speaks of. The Trust's recorded outturns are marked on the charts." /></label>
                        <NumberBox id="sim-threshold" label="Threshold in £m a year" value={settings.threshold} min={-1000.0} max={1000.0} unit="£m" onchange={on_threshold} changed={(settings.threshold - DEFAULT_THRESHOLD).abs() > 1e-9} />
                    </span>
                </div>
                <details class="sim-advanced">
                    <summary>{ "Advanced: trials and seed" }</summary>
                    <div class="sim-fields">
                        <label for="sim-trials">{ "Trials" }
                            <select id="sim-trials" onchange={on_trials}>
                                { for settings.trial_choices().into_iter().map(|t| html! {
                                    <option value={t.to_string()} selected={t == settings.trials}>{ format::count(u64::from(t)) }</option>
                                }) }
                            </select>
                        </label>
                        <span class="seed-field">
                            <label for="sim-seed"><Term word="Seed" explain="The starting point of the random numbers. The same seed and settings always give the same results, so a result can be reproduced; a new seed shows how much the results move by chance." /></label>
                            <NumberBox id="sim-seed" label="Seed" value={settings.seed as f64} min={0.0} max={1e15} unit="" whole=true exact={AttrValue::from(settings.seed.to_string())} onchange={on_seed} />
                            <button type="button" onclick={new_seed}>{ "New seed" }</button>
                        </span>
                    </div>
                </details>
                <div class="sim-run">
                    <button type="button" class="primary" id="sim-run" onclick={run_now}>{ if running.is_some() { "Restart" } else { "Run again" } }</button>
                    <button type="button" id="sim-cancel" onclick={cancel} disabled={running.is_none()}>{ "Stop" }</button>
                    <progress id="sim-progress" max={total.max(1).to_string()} value={done.to_string()} aria-label="Simulation progress"></progress>
                    <span class="sim-status" role="status" aria-live="polite">{ status }</span>
                </div>
            </div>
            if !p.figures.is_empty() {
                <KeyFigures figures={p.figures.clone()} {stale} />
            } else if waiting {
                <div class="key-figures-frame sim-placeholder figures-placeholder" aria-hidden="true"><p>{ "Running…" }</p></div>
            }
            if let Some(c) = &page.compare {
                <section class={classes!("sim-compare", stale.then_some("stale"))} aria-labelledby="sim-compare-title">
                    <h2 id="sim-compare-title">{ "What the settings change" }</h2>
                    <div class="table-scroll">
                        <table>
                            <caption>{ c.caption.clone() }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Measure" }</th>
                                    { for c.columns.iter().map(|col| html! {
                                        <th scope="col" class={classes!(col.shown.then_some("shown"))} data-rating={col.rating.label()}>{ col.heading.clone() }</th>
                                    }) }
                                </tr>
                            </thead>
                            <tbody>
                                { for c.rows.iter().map(|row| html! {
                                    <tr>
                                        <th scope="row">{ row.label.clone() }</th>
                                        { for row.cells.iter().zip(&c.columns).map(|(cell, col)| html! {
                                            <td class={classes!("num", col.shown.then_some("shown"))}>{ cell.clone() }</td>
                                        }) }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <ul class="sim-switches">
                        { for c.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                    </ul>
                </section>
            } else if waiting || running.is_some() {
                <section class="sim-compare sim-placeholder compare-placeholder" aria-hidden="true"><p>{ "Running…" }</p></section>
            }
            { for p.notes.iter().map(|n| html! {
                <details class="caveat">
                    <summary>{ n.title.clone() }</summary>
                    <p>{ n.text.clone() }</p>
                </details>
            }) }
            if stale {
                <p class="stale-note" role="note">{ "These results are for the previous settings; new results are on their way." }</p>
            }
            <div class={classes!("chart-grid", stale.then_some("stale"))}>
                { for charts.iter().map(|c| html! { <ChartCard key={c.id} chart={Rc::clone(c)} /> }) }
                { for (0..placeholders).map(|i| html! { <ChartPlaceholder key={format!("placeholder-{i}")} /> }) }
            </div>
            if !page.hidden.is_empty() {
                <ul class="hidden-charts" aria-label="Charts not shown">
                    { for page.hidden.iter().map(|h| html! { <li data-hidden-chart={h.id}>{ h.line.clone() }</li> }) }
                </ul>
            }
            <section class="interactions" aria-labelledby="interactions-title">
                <h2 id="interactions-title">{ "How the risks are linked" }</h2>
                <p class="hint">{ "A link from one risk to another makes the second likelier in a year when the first happened that year or the year before; the base chances are set so that each risk still happens at its rated chance overall. Links the sources state are marked \u{201c}stated\u{201d}; the others are our reading, with a reason. Change any link here; the simulation re-runs." }</p>
                if links {
                    <ChartCard chart={(*network_chart).clone()} />
                    <InteractionGrid edits={store.workspace.interactions.clone()} />
                }
            </section>
        </section>
    }
}

/// Rows of the links' grid drawn per task.
const GRID_ROWS_PER_TASK: usize = 3;

/// The links as a grid of choices: row = the risk that happens, column = the risk made
/// likelier. It takes the link edits as props rather than the whole state, so progress
/// and results, which change the state many times a run, do not redraw its 72 pickers.
#[derive(Properties, PartialEq)]
struct GridProps {
    edits: InteractionEdits,
}

#[function_component(InteractionGrid)]
fn interaction_grid(props: &GridProps) -> Html {
    let dispatch = use_dispatch();
    let ds = &use_dataset();
    let edits = &props.edits;
    let reset = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ResetInteractions))
    };
    let st = &ds.interactions.strengths;
    // Its rows (eight pickers each) come a few a task: at the foot of the view, below the
    // first screen, they are appended without moving anything in sight.
    let rows = use_staged_count(ds.risks.len(), GRID_ROWS_PER_TASK, GRID_ROWS_PER_TASK);
    let busy = rows < ds.risks.len();
    html! {
        <div class="interaction-grid" aria-busy={busy.to_string()}>
            <p class="legend">
                { report::simulation::strengths(st) }
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
                        { for ds.risks.iter().take(rows).map(|from| html! {
                            <tr key={from.id.to_string()}>
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
                                    let s = dispatch.clone();
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

/// The place of a chart not shown yet: a card of a chart's size saying "Running…".
#[function_component(ChartPlaceholder)]
fn chart_placeholder() -> Html {
    html! {
        <section class="chart-card sim-placeholder chart-placeholder" aria-hidden="true">
            <div class="chart-layout">
                <div class="chart-head"><h2>{ "Running…" }</h2></div>
                <div class="chart-body"><div class="chart-svg"><div class="placeholder-box"></div></div></div>
                <div class="chart-notes"><p class="caption">{ "\u{a0}" }</p><p class="source">{ "\u{a0}" }</p></div>
            </div>
        </section>
    }
}
