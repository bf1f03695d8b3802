//! Stress scenarios: pick risks, the year each crystallises and how badly; see what each
//! does alone, what they do together, and the compounding excess.

use crate::charts::stress as charts;
use crate::format;
use crate::model::consequences::{target_label, SeverityPoint, EXTRA_COST, MAX_EDIT};
use crate::model::drivers::year_label;
use crate::model::edits::{ConsequenceKey, ShockKey};
use crate::model::scenario::{severity_factor, Inputs};
use crate::model::{RatingKind, RiskId};
use crate::state::Action;
use crate::ui::components::{use_store, ChartCard, NumberBox, ProvenanceNote, Term};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[function_component(Scenarios)]
pub fn scenarios() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let r = store.derived.stress.clone();
    let n = r.events.len();
    let excess = r.compounding_excess();
    let headline = if n == 0 {
        "Choose risks to see what they do alone and together".to_string()
    } else if n == 1 {
        format!(
            "On its own this risk adds {} to the five-year gap",
            format::gbp_m(r.together_effect())
        )
    } else if excess.abs() < 0.05 {
        format!(
            "Together these {n} risks cost the same as apart: {} over five years",
            format::gbp_m(r.together_effect())
        )
    } else {
        format!(
            "Together these {n} risks cost {} {} over five years than apart",
            format::gbp_m(excess.abs()),
            if excess > 0.0 { "more" } else { "less" }
        )
    };
    let chart_list = {
        let ds = Rc::clone(&store.dataset);
        use_memo(
            (
                store.derived.stress.clone(),
                store.derived.excess_sensitivities.clone(),
            ),
            move |(r, s)| {
                vec![
                    Rc::new(charts::impacts(&ds, r)),
                    Rc::new(charts::gap_paths(&ds, r)),
                    Rc::new(charts::excess_sensitivity(&ds, r, s)),
                ]
            },
        )
    };
    let clear = {
        let s = store.clone();
        Callback::from(move |_| s.dispatch(Action::ClearStress))
    };
    let data = &ds.drivers;
    let (unreg_base, unreg_together) = r.placement_peak(data, "unregistered");
    let last = data.horizon_years as usize - 1;
    html! {
        <section class="scenarios-view">
            <h1 tabindex="-1" data-excess={format!("{excess:.3}")}>{ headline }</h1>
            <blockquote class="compounding">
                <ProvenanceNote provenance={ds.meta.compounding_statement.clone()} />
            </blockquote>
            <p class="hint">
                { "Each chosen risk's " }
                <Term word="event" explain="The risk's standing condition turning acute in a particular year, as defined under each risk below." />
                { " moves the demand and finance drivers in the year you choose, by its low, most likely or high amount, scaled by the impact of its current rating. One-off shocks last that year; persistent ones stay. No risk sets off another here: that belongs to the simulation." }
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
                    <SeverityTable />
                    { for ds.risks.iter().map(|risk| html! { <RiskChoice key={risk.id.to_string()} risk={risk.id.clone()} /> }) }
                </aside>
                <div class="scenario-results">
                    <div class="key-figures" role="list">
                        <div class="figure" role="listitem" data-figure="together">
                            <span class="figure-label">{ "Added to the five-year gap, together" }</span>
                            <span class="figure-value">{ format::gbp_m(r.together_effect()) }</span>
                        </div>
                        <div class="figure" role="listitem" data-figure="sum">
                            <span class="figure-label">{ "Sum of each risk alone" }</span>
                            <span class="figure-value">{ format::gbp_m(r.sum_of_parts()) }</span>
                        </div>
                        <div class="figure emphasis" role="listitem" data-figure="excess" data-value={format!("{excess:.3}")}>
                            <span class="figure-label"><Term word="Compounding excess" explain="(together − baseline) − the sum of (each risk alone − baseline), on the five-year gap. Positive: the combination is worse than the parts added up. Negative: together less than the sum." /></span>
                            <span class="figure-value">{ if excess.abs() < 0.05 { "£0.0m".to_string() } else { format!("{} {}", format::gbp_m(excess.abs()), if excess > 0.0 { "worse together" } else { "less together" }) } }</span>
                        </div>
                        <div class="figure" role="listitem" data-figure="caseload">
                            <span class="figure-label">{ "Years over the safe caseload" }</span>
                            <span class="figure-value">{ format!("{} of {} (baseline {})", r.years_over_safe_caseload(), data.horizon_years, r.baseline_years_over_safe_caseload()) }</span>
                        </div>
                        <div class="figure" role="listitem" data-figure="unregistered">
                            <span class="figure-label">{ "Children in unregistered settings, at most" }</span>
                            <span class="figure-value">{ format!("{:.0} (baseline {:.0})", unreg_together, unreg_base) }</span>
                        </div>
                        <div class="figure" role="listitem" data-figure="children">
                            <span class="figure-label">{ format!("Children in care in {}", year_label(r.together.years[last].year)) }</span>
                            <span class="figure-value">{ format!("{} (baseline {})", format::count(r.together.years[last].children_in_care.round() as u64), format::count(r.baseline.years[last].children_in_care.round() as u64)) }</span>
                        </div>
                    </div>
                    <div class="chart-grid">
                        { for chart_list.iter().map(|c| html! { <ChartCard key={c.id} chart={c.clone()} /> }) }
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
    let inputs = Inputs {
        ds,
        consequences: &cons,
        edits: &store.workspace.drivers,
        register: &store.workspace.register,
    };
    let factor = severity_factor(inputs, &risk.id);
    let impact = store
        .workspace
        .register
        .rating(risk, RatingKind::Current)
        .impact;
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
                <summary>{ format!("What happens ({} shock{})", shocks.len(), if shocks.len() == 1 { "" } else { "s" }) }</summary>
                <p class="event-def">{ risk.event.definition.clone() }</p>
                <p class="severity-note">{ format!("Current impact {} {}: shocks × {}.", impact, ds.scales.impact_level(impact).label, factor) }</p>
                <ul>
                    { for shocks.iter().map(|sh| {
                        let point = event.as_ref().map(|e| e.point).unwrap_or_default();
                        let label = target_label(&ds.drivers, &sh.driver);
                        html! {
                            <li>
                                <strong>{ label.clone() }</strong>
                                { format!(" {}", shock_words(ds, sh, point, factor)) }
                                <span class="timing">{ match sh.timing { crate::model::consequences::Timing::OneOff => " (that year only)", _ => " (from that year on)" } }</span>
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

/// The impact → severity table, editable, with reset.
#[function_component(SeverityTable)]
fn severity_table() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let cons = &store.derived.consequences;
    let edited = !store.workspace.consequences.is_empty();
    let reset = {
        let s = store.clone();
        Callback::from(move |_| s.dispatch(Action::ResetConsequences))
    };
    html! {
        <details class="severity-table">
            <summary>{ "Severity by impact (editable)" }</summary>
            <p class="hint">{ "Every shock of a risk is multiplied by the factor for the impact of its current rating." }</p>
            <table>
                <thead><tr><th scope="col">{ "Impact" }</th><th scope="col">{ "Factor" }</th></tr></thead>
                <tbody>
                    { for cons.severity.factors.iter().enumerate().map(|(i, f)| {
                        let s = store.clone();
                        let impact = i as u8 + 1;
                        let key = ConsequenceKey::Severity(impact);
                        html! {
                            <tr>
                                <th scope="row">{ format!("{} {}", impact, ds.scales.impact[i].label) }</th>
                                <td><NumberBox id={format!("severity-{impact}")} label={format!("Severity factor for impact {impact}")}
                                    value={*f} min={0.0} max={10.0} unit="× the shock"
                                    changed={store.workspace.consequences.contains_key(&key)}
                                    onchange={Callback::from(move |value: f64| s.dispatch(Action::SetSeverity { impact, value }))} /></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <ProvenanceNote provenance={ds.consequences.severity.provenance.clone()} />
            <button type="button" class="small" onclick={reset} disabled={!edited}>{ "Reset all shocks and factors" }</button>
        </details>
    }
}

/// "+3.0 points × 1.5 = +4.5 points", "+£2.0m × 1.5 = +£3.0m".
fn shock_words(
    ds: &crate::model::Dataset,
    shock: &crate::model::consequences::Shock,
    point: SeverityPoint,
    factor: f64,
) -> String {
    let (driver, v, scaled) = (
        shock.driver.as_str(),
        shock.at(point),
        shock.applied(point, factor),
    );
    let sign = |x: f64| if x >= 0.0 { "+" } else { "" };
    if driver == EXTRA_COST {
        return format!(
            "{}{} × {factor} = {}{}",
            sign(v),
            format::gbp_m(v),
            sign(scaled),
            format::gbp_m(scaled)
        );
    }
    let unit = ds
        .drivers
        .driver(driver)
        .map(|d| match d.unit {
            crate::model::drivers::DriverUnit::Percent
            | crate::model::drivers::DriverUnit::PercentAYear => "points",
            _ => d.unit.suffix(),
        })
        .unwrap_or("");
    format!(
        "{}{v:.1} {unit} × {factor} = {}{scaled:.1} {unit}",
        sign(v),
        sign(scaled)
    )
    .replace('-', "−")
}
