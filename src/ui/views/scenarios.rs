//! Stress scenarios: pick risks, the year each crystallises and how badly; see what each
//! does alone, what they do together, and the compounding excess.

use crate::format;
use crate::model::consequences::{target_label, SeverityPoint, EXTRA_COST, MAX_EDIT};
use crate::model::drivers::year_label;
use crate::model::edits::{ConsequenceKey, ShockKey};
use crate::model::RiskId;
use crate::report;
use crate::state::Action;
use crate::ui::components::{
    use_store, ChartCard, CompoundingQuote, KeyFigures, NumberBox, ProvenanceNote, Term,
};
use crate::ui::store::on_click;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[function_component(Scenarios)]
pub fn scenarios() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let n = store.derived.stress.events.len();
    // The page is a pure function of the derived results; rebuild only when they change.
    let memo = {
        let ds = Rc::clone(&store.dataset);
        use_memo(
            (
                store.derived.stress.clone(),
                store.derived.excess_sensitivities(&store.dataset),
            ),
            move |(r, s)| {
                (
                    report::scenarios::page(&ds, r, s),
                    report::scenarios::groups(&ds, r),
                )
            },
        )
    };
    let (page, groups) = (&memo.0, &memo.1);
    let clear = on_click(&store, Action::ClearStress);
    let managed = store.workspace.simulation.management;
    let on_management = {
        let s = store.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            s.dispatch(Action::SetSimManagement(on))
        })
    };
    html! {
        <section class="scenarios-view">
            <h1 tabindex="-1" data-excess={page.figure("excess").map(|f| format::data_value(&f.value))}>{ page.headline.clone() }</h1>
            <CompoundingQuote />
            <p class="hint">
                { "Each chosen risk's " }
                <Term word="event" explain="The risk's standing condition turning acute in a particular year, as defined under each risk below." />
                { " moves the demand and finance drivers in the year you choose, by its low, most likely or high amount, sized for the financial impact of its current rating. Each year's books then close as the Trust's do: " }
                <Term word="gross in-year pressure" explain="What the events cost in the year, above the budget set for it, before any management action." />
                { ", less in-year offsets by management action, gives the " }
                <Term word="net outturn" explain="The overspend (or surplus) the Trust reports: gross pressure less in-year offsets, with the Council re-basing lasting pressure from the next year. The only measure compared with past outturns." />
                { ". No risk sets off another here: that belongs to the simulation." }
            </p>
            <p class="management-switch">
                <label class="checkbox" for="stress-management">
                    <input type="checkbox" id="stress-management" checked={managed} onchange={on_management} />
                    { " Management action and re-basing" }
                </label>
                <span class="hint">{ if managed {
                    " On: offsets at their most likely capacity each year, lasting pressure re-based from the next. The same setting as the simulation's."
                } else {
                    " Off: the unmanaged figures, with no offsets and no re-basing. The same setting as the simulation's."
                } }</span>
            </p>
            <div class="scenario-layout">
                <aside class="risk-picker" aria-label="Risks in the scenario">
                    <section class="presets" aria-labelledby="presets-title">
                        <h2 id="presets-title">{ "Start from a preset" }</h2>
                        { for ds.consequences.presets.iter().enumerate().map(|(i, p)| {
                            let s = store.clone();
                            let apply = Callback::from(move |_| s.dispatch(Action::ApplyPreset(i)));
                            html! {
                                <div class="preset">
                                    <button type="button" onclick={apply} data-preset={i.to_string()}>{ p.name.clone() }</button>
                                    <details>
                                        <summary>{ "Why this combination" }</summary>
                                        <p>{ p.why.clone() }</p>
                                    </details>
                                </div>
                            }
                        }) }
                        <button type="button" class="clear" onclick={clear} disabled={n == 0}>{ "Clear the scenario" }</button>
                    </section>
                    <h2>{ "Risks that crystallise" }</h2>
                    { for ds.risks.iter().map(|risk| html! { <RiskChoice key={risk.id.to_string()} risk={risk.id.clone()} /> }) }
                </aside>
                <div class="scenario-results">
                    { for groups.iter().map(|g| html! {
                        <section class="figure-group" data-group={g.id} aria-labelledby={format!("figures-{}", g.id)}>
                            <h2 id={format!("figures-{}", g.id)} class="figure-group-title">{ g.title.clone() }</h2>
                            <p class="figure-group-explain">{ g.explain.clone() }</p>
                            <KeyFigures figures={g.figures.clone()} group={AttrValue::from(g.title.clone())} />
                        </section>
                    }) }
                    <div class="chart-grid">
                        { for page.charts.iter().map(|c| html! { <ChartCard key={c.id} chart={c.clone()} /> }) }
                    </div>
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RiskChoiceProps {
    risk: RiskId,
}

/// One risk: include it or not, its year and severity point, and what its shocks do.
#[function_component(RiskChoice)]
fn risk_choice(props: &RiskChoiceProps) -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let Some(risk) = ds.risk(&props.risk.0) else {
        return html! {};
    };
    let event = store
        .workspace
        .stress
        .iter()
        .find(|e| e.risk == risk.id)
        .cloned();
    let chosen = event.is_some();
    let id = format!("stress-{}", risk.id);
    let toggle = {
        let s = store.clone();
        let rid = risk.id.clone();
        Callback::from(move |_: Event| s.dispatch(Action::ToggleStressRisk(rid.clone())))
    };
    let cons = store.derived.consequences.clone();
    let index = ds.risks.iter().position(|r| r.id == risk.id).unwrap_or(0);
    let sizing = store.derived.sizing.get(index).cloned();
    let factor = sizing.as_ref().map_or(1.0, |s| s.factor);
    let shocks = cons.shocks(&risk.id);
    let edited = store
        .workspace
        .consequences
        .keys()
        .any(|k| k.risk() == Some(&risk.id));
    let reset = {
        let s = store.clone();
        let rid = risk.id.clone();
        Callback::from(move |_| s.dispatch(Action::ResetShocks(rid.clone())))
    };
    html! {
        <div class={classes!("risk-choice", chosen.then_some("chosen"))} data-risk={risk.id.to_string()}>
            <label class="check" for={id.clone()}>
                <input type="checkbox" id={id.clone()} checked={chosen} onchange={toggle} />
                <strong>{ format!("{} {}", risk.id, risk.short_title) }</strong>
            </label>
            if let Some(e) = event.clone() {
                <div class="choice-settings">
                    <label for={format!("{id}-year")}>{ "In " }</label>
                    <select id={format!("{id}-year")} onchange={{
                        let s = store.clone();
                        let rid = risk.id.clone();
                        Callback::from(move |ev: Event| {
                            let sel: HtmlSelectElement = ev.target_unchecked_into();
                            if let Ok(year) = sel.value().parse::<usize>() {
                                s.dispatch(Action::SetStressYear { risk: rid.clone(), year });
                            }
                        })
                    }}>
                        { for (0..ds.drivers.horizon_years as usize).map(|t| html! {
                            <option value={t.to_string()} selected={t == e.year}>{ year_label(ds.drivers.baseline_year + t as u16) }</option>
                        }) }
                    </select>
                    <fieldset class="segmented small">
                        <legend>{ "Severity" }</legend>
                        { for SeverityPoint::ALL.iter().map(|p| {
                            let s = store.clone();
                            let rid = risk.id.clone();
                            let p = *p;
                            html! {
                                <label>
                                    <input type="radio" name={format!("{id}-point")} value={p.label()} checked={p == e.point}
                                        onchange={Callback::from(move |_: Event| s.dispatch(Action::SetStressPoint { risk: rid.clone(), point: p }))} />
                                    { p.label() }
                                </label>
                            }
                        }) }
                    </fieldset>
                </div>
            }
            <details class="what-happens">
                <summary>{ report::scenarios::what_happens(shocks.len()) }</summary>
                <p class="event-def">{ risk.event.definition.clone() }</p>
                if let Some(sz) = sizing.as_ref() {
                    <p class="severity-note">{ report::scenarios::sizing_note(ds, sz) }</p>
                }
                <ul>
                    { for shocks.iter().map(|sh| {
                        let point = event.as_ref().map(|e| e.point).unwrap_or_default();
                        let label = target_label(&ds.drivers, &sh.driver);
                        let words = report::scenarios::shock_words(ds, &store.workspace.drivers, sh, point, factor);
                        html! {
                            <li>
                                <strong>{ label.clone() }</strong>
                                { format!(" {}", words.amount) }
                                <span class="timing">{ format!("; {}", words.timing) }</span>
                                <br /><span class="explain">{ sh.explain.clone() }</span>
                                <div class="shock-edit" role="group" aria-label={format!("{label}: low, most likely and high shock")}>
                                    { for SeverityPoint::ALL.iter().map(|p| {
                                        let s = store.clone();
                                        let p = *p;
                                        let key = ShockKey { risk: risk.id.clone(), driver: sh.driver.clone(), point: p };
                                        let changed = store.workspace.consequences.contains_key(&ConsequenceKey::Shock(key.clone()));
                                        let id = format!("shock-{}", ConsequenceKey::Shock(key.clone()).to_string().replace('.', "-"));
                                        html! {
                                            <label class="shock-point">
                                                <span>{ p.label() }</span>
                                                <NumberBox id={id}
                                                    label={format!("{} {}: {}", risk.short_title, label, p.label().to_lowercase())}
                                                    value={sh.at(p)} min={-MAX_EDIT} max={MAX_EDIT}
                                                    unit={if sh.driver == EXTRA_COST { "£m" } else { "in the driver's unit" }}
                                                    {changed}
                                                    onchange={Callback::from(move |value: f64| s.dispatch(Action::SetShock { key: key.clone(), value }))} />
                                            </label>
                                        }
                                    }) }
                                </div>
                                <ProvenanceNote provenance={sh.provenance.clone()} quote={false} />
                            </li>
                        }
                    }) }
                </ul>
                <button type="button" class="small" onclick={reset} disabled={!edited}
                    aria-label={format!("Reset these shocks: {}", risk.short_title)}>{ "Reset these shocks" }</button>
            </details>
        </div>
    }
}
