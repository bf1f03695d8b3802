//! Compare: two or three scenarios side by side. The content is `report::compare`; this
//! view picks the scenarios, keeps their simulations coming (one after another in the
//! worker, reused while unchanged) and renders the table, charts and differences.

use crate::model::simulation::SimRequest;
use crate::report::compare::{self, Comparison};
use crate::state::{Action, AppState, ScenarioRef, ViewSettings, Workspace, MAX_COMPARED};
use crate::ui::components::{use_store, ChartCard};
use crate::ui::hooks::{rerun, use_sim_control, Rerun};
use crate::ui::store::Store;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A scenario's name as the picker and the comparison show it.
pub fn scenario_label(state: &AppState, r: ScenarioRef) -> String {
    match r {
        ScenarioRef::Baseline => "Baseline".to_string(),
        ScenarioRef::Working => "Working scenario".to_string(),
        ScenarioRef::Saved(id) => state
            .scenario(id)
            .map(|s| s.named.name.clone())
            .unwrap_or_else(|| format!("Saved scenario {id}")),
    }
}

/// The scenarios that can be picked: the baseline, the work on screen and every named
/// scenario, with their names.
pub fn choices(state: &AppState) -> Vec<(ScenarioRef, String)> {
    [ScenarioRef::Baseline, ScenarioRef::Working]
        .into_iter()
        .chain(state.scenarios.iter().map(|s| ScenarioRef::Saved(s.id)))
        .map(|r| (r, scenario_label(state, r)))
        .collect()
}

/// The work and view of a picked scenario (None: a named one no longer kept).
fn resolve(state: &AppState, r: ScenarioRef) -> Option<(String, Workspace, ViewSettings)> {
    let label = scenario_label(state, r);
    match r {
        ScenarioRef::Baseline => Some((label, Workspace::default(), ViewSettings::default())),
        ScenarioRef::Working => Some((label, state.workspace.clone(), state.view.clone())),
        ScenarioRef::Saved(id) => state
            .scenario(id)
            .map(|s| (label, s.named.workspace.clone(), s.named.view.clone())),
    }
}

/// The comparison on show and how its simulations are going.
pub struct Compared {
    pub comparison: Rc<Comparison>,
    pub wanted: Vec<SimRequest>,
    /// How many of the wanted runs have their results.
    pub done: usize,
    /// The run under way: (trials done, to do).
    pub running: Option<(u64, u64)>,
}

/// The comparison of the picked scenarios, kept current; when `drive`, starts their
/// simulations one after another (the one view on top that shows compared results
/// drives them, so two never start the same run).
#[hook]
pub fn use_comparison(store: &Store, drive: bool) -> Compared {
    let mut picked: Vec<(String, Workspace, ViewSettings)> = store
        .compare
        .picked
        .iter()
        .filter_map(|r| resolve(store, *r))
        .collect();
    // Two scenarios of the same name are told apart by their place.
    for i in 1..picked.len() {
        if picked[..i].iter().any(|(l, _, _)| *l == picked[i].0) {
            picked[i].0 = format!("{} ({})", picked[i].0, i + 1);
        }
    }
    let wanted = {
        let items: Vec<compare::Compared> =
            picked.iter().map(|(l, w, v)| (l.clone(), w, v)).collect();
        compare::sim_requests(&items)
    };
    let sims: Vec<Option<Rc<crate::model::simulation::Summary>>> = wanted
        .iter()
        .map(|r| store.compare.result(r).cloned())
        .collect();
    let comparison = {
        let ds = Rc::clone(&store.dataset);
        use_memo((picked, sims), move |(picked, sims)| {
            let items: Vec<compare::Compared> =
                picked.iter().map(|(l, w, v)| (l.clone(), w, v)).collect();
            Rc::new(compare::compare(&ds, &items, sims))
        })
    };
    // One run at a time: the next scenario without results, once nothing else runs.
    let control = use_sim_control();
    // Keyed by the compared scenarios: a run starts at once after a single change, or
    // when a quick run of changes pauses; the next scenario's run follows the last
    // one's at once.
    let runs = use_mut_ref(Rerun::<Vec<SimRequest>>::default);
    let running = store.sim.running.is_some() || store.compare.running.is_some();
    let next = if !drive || store.sim.running.is_some() {
        None
    } else {
        store.compare.next(&wanted).cloned()
    };
    let next_id = store.sim.next_id;
    let dataset = Rc::clone(&store.dataset);
    use_effect_with((next, wanted.clone()), move |(next, wanted)| {
        let start = next
            .clone()
            .map(|request| move || control.start_compare(next_id, request, &dataset));
        rerun(&runs, wanted, running, start);
    });
    Compared {
        comparison: (*comparison).clone(),
        done: store.compare.done(&wanted),
        running: store
            .compare
            .running
            .as_ref()
            .map(|_| store.compare.progress),
        wanted,
    }
}

#[function_component(Compare)]
pub fn compare_view() -> Html {
    let store = use_store();
    let compared = use_comparison(&store, store.present.is_none());
    let c = &compared.comparison;
    let n = store.compare.picked.len();
    let options = choices(&store);

    let picker = (0..n).map(|slot| {
        let current = store.compare.picked[slot];
        let onchange = {
            let store = store.clone();
            let options = options.clone();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                if let Some((r, _)) = select
                    .value()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| options.get(i))
                {
                    store.dispatch(Action::ComparePick { slot, scenario: *r });
                }
            })
        };
        let id = format!("compare-pick-{slot}");
        html! {
            <div class="compare-pick" key={slot}>
                <label for={id.clone()}>{ if slot == 0 { "Scenario 1 (the others are set against it)".to_string() } else { format!("Scenario {}", slot + 1) } }</label>
                <select id={id} {onchange} data-slot={slot.to_string()}>
                    { for options.iter().enumerate().map(|(i, (r, label))| html! {
                        <option value={i.to_string()} selected={*r == current}>{ label.clone() }</option>
                    }) }
                </select>
                if n > 2 {
                    <button type="button" class="link-button" onclick={{
                        let store = store.clone();
                        Callback::from(move |_| store.dispatch(Action::CompareDrop(slot)))
                    }}>{ format!("Remove scenario {}", slot + 1) }</button>
                }
            </div>
        }
    });
    let add_third = {
        let store = store.clone();
        // A scenario not yet picked: the newest named one when there is one.
        let unpicked = options
            .iter()
            .map(|(r, _)| *r)
            .rev()
            .find(|r| !store.compare.picked.contains(r))
            .unwrap_or(ScenarioRef::Baseline);
        Callback::from(move |_| {
            store.dispatch(Action::ComparePick {
                slot: MAX_COMPARED,
                scenario: unpicked,
            })
        })
    };
    let present = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::PresentStart))
    };
    let total = compared.wanted.len();
    let status = match compared.running {
        _ if compared.done == total => format!(
            "All {total} scenarios simulated ({} trials each, the same seed).",
            crate::format::count(u64::from(
                compared
                    .wanted
                    .first()
                    .map(|r| r.settings.trials)
                    .unwrap_or(0)
            ))
        ),
        Some((d, t)) => format!(
            "Simulating scenario {} of {total}: {}%",
            compared.done + 1,
            (d * 100).checked_div(t).unwrap_or(0)
        ),
        None => format!(
            "{} of {total} scenarios simulated; the next starts in a moment.",
            compared.done
        ),
    };

    html! {
        <section class="compare-view">
            <h1 tabindex="-1">{ c.headline.clone() }</h1>
            <div class="compare-controls">
                <fieldset class="compare-picker">
                    <legend>{ "Scenarios to compare" }</legend>
                    { for picker }
                    if n < MAX_COMPARED {
                        <button type="button" onclick={add_third}>{ "Add a third scenario" }</button>
                    }
                </fieldset>
                <div class="compare-actions">
                    <button type="button" class="present-button" onclick={present}>{ "Present (full screen)" }</button>
                    <p class="hint">{ "Presenter mode: one panel at a time in large type. Page Down, Space or → for next; Page Up or ← for previous; Esc to come back here." }</p>
                </div>
            </div>
            <div class="compare-progress" aria-live="polite">
                <progress id="compare-progress" max={total.max(1).to_string()}
                    value={compared.done.to_string()} aria-label="Compared scenarios simulated"></progress>
                <span class="compare-status">{ status }</span>
            </div>
            <FiguresTable comparison={Rc::clone(c)} />
            <div class="chart-grid compare-charts">
                { for c.charts.iter().map(|ch| html! { <ChartCard key={ch.id} chart={ch.clone()} /> }) }
            </div>
            <section class="compare-differs" aria-labelledby="differs-title">
                <h2 id="differs-title">{ "What differs, in words" }</h2>
                { for c.differs.iter().map(|d| html! {
                    <>
                        <h3>{ d.heading.clone() }</h3>
                        <ul class="differs-list">
                            { for d.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                        </ul>
                    </>
                }) }
                { for c.notes.iter().map(|n| html! { <p class="hint">{ n.clone() }</p> }) }
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FiguresTableProps {
    pub comparison: Rc<Comparison>,
}

/// The key figures of each scenario in one table, with each against the first.
#[function_component(FiguresTable)]
pub fn figures_table(props: &FiguresTableProps) -> Html {
    let c = &props.comparison;
    let first = c.labels.first().cloned().unwrap_or_default();
    html! {
        <div class="table-scroll">
            <table class="compare-table" data-compare="figures">
                <caption>{ format!("Key figures of each scenario, and each against {first}") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Figure" }</th>
                        { for c.labels.iter().map(|l| html! { <th scope="col" class="num">{ l.clone() }</th> }) }
                        { for c.labels.iter().skip(1).map(|l| html! { <th scope="col" class="num">{ format!("{l} against {first}") }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for c.rows.iter().map(|r| html! {
                        <tr data-figure={r.id}>
                            <th scope="row">{ r.label.clone() }<span class="row-page">{ format!(" ({})", r.page) }</span></th>
                            { for r.cells.iter().enumerate().map(|(i, v)| html! {
                                <td class="num" data-slot={i.to_string()}>{ v.clone() }</td>
                            }) }
                            { for r.differences.iter().enumerate().map(|(i, d)| html! {
                                <td class="num difference" data-against={(i + 1).to_string()}>{ d.clone() }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
