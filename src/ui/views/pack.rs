//! The board pack (`#/pack`): the work on screen laid out as A4 landscape sheets, one
//! sheet per part (see [`crate::report::pack`]), readable on screen and printed by the
//! browser (the stylesheet's print rules). `#/pack?print` prints it once it is ready
//! (the simulation for these settings finished), then drops `?print` from the address.

use crate::charts::kit::Chart;
use crate::format;
use crate::report::pack::{self, Pack as PackData, Section, ILLUSTRATIVE};
use crate::report::KeyFigure;
use crate::ui::components::use_store;
use crate::ui::hooks::use_auto_run;
use std::rc::Rc;
use yew::prelude::*;

fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

fn wants_print() -> bool {
    gloo::utils::window()
        .location()
        .hash()
        .unwrap_or_default()
        .contains("?print")
}

fn print_now() {
    let window = gloo::utils::window();
    // Printing once: a reload or Back does not print again.
    if let Ok(history) = window.history() {
        history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/pack"))
            .ok();
    }
    window.print().ok();
}

#[function_component(Pack)]
pub fn pack_view() -> Html {
    let store = use_store();
    let request = store.workspace.sim_request();
    use_auto_run(&store, &request);
    let sim = &store.sim;
    let ready = sim.is_current(&request);
    let running = !ready && sim.is_running_for(&request);
    let summary = if ready { sim.summary.clone() } else { None };
    let data: Rc<PackData> = {
        let state = (*store).clone();
        use_memo(
            (store.workspace.clone(), summary.clone()),
            move |(_, summary)| Rc::new(pack::pack(&state, summary.as_deref(), &now_iso())),
        )
        .as_ref()
        .clone()
    };
    // `?print`: print as soon as the pack is complete (or the simulation cannot finish).
    {
        let settle = !running;
        use_effect_with(settle, move |settle| {
            if *settle && wants_print() {
                // After this render has been painted.
                gloo::timers::callback::Timeout::new(300, print_now).forget();
            }
        });
    }
    let on_print = Callback::from(|_: MouseEvent| print_now());
    let sheets = data.sheets();
    html! {
        <div class="pack" data-sheets={sheets.to_string()} data-ready={(!running).to_string()}>
            <div class="pack-toolbar">
                <p>
                    { format!("The board pack: {sheets} A4 landscape pages, one part per page, from the work on screen. ") }
                    if running { <strong>{ "Waiting for the simulation to finish before it can be printed…" }</strong> }
                </p>
                <button type="button" class="primary" onclick={on_print} disabled={running}>{ "Print board pack" }</button>
                <a href="#/register">{ "Back to the register" }</a>
            </div>
            { cover(&data) }
            { map_sheet(&data) }
            { for data.sections.iter().map(section) }
            { assumptions(&data) }
            { sources(&data) }
        </div>
    }
}

/// The strip at the foot of every sheet.
fn foot(what: &str) -> Html {
    html! {
        <p class="sheet-foot"><span>{ format!("Risk Explorer board pack · {what}") }</span><span>{ ILLUSTRATIVE }</span></p>
    }
}

fn cover(p: &PackData) -> Html {
    let c = &p.cover;
    const SHOWN: usize = 12;
    html! {
        <section class="sheet cover" data-section="cover" aria-labelledby="pack-title">
            <p class="pack-org">{ c.organisation.clone() }</p>
            <h1 id="pack-title" tabindex="-1">{ c.title.clone() }</h1>
            <p class="pack-scenario">{ c.scenario.clone() }</p>
            <p class="pack-illustrative">{ ILLUSTRATIVE }{ ": the figures show what the assumptions imply, to explore the risks together; they are not a prediction." }</p>
            <dl class="pack-meta">
                <dt>{ "Printed" }</dt><dd>{ c.date.clone() }</dd>
                <dt>{ "Data" }</dt><dd>{ c.dataset.clone() }</dd>
            </dl>
            <h2>{ "What differs from the defaults" }</h2>
            if p.differences.is_empty() {
                <p>{ "Nothing: every setting is the dataset's default." }</p>
            } else {
                <ul class="pack-differences">
                    { for p.differences.iter().take(SHOWN).map(|d| html! { <li>{ d.clone() }</li> }) }
                </ul>
                if p.differences.len() > SHOWN {
                    <p>{ format!("and {} more, listed under “Assumptions that differ from the defaults”.", p.differences.len() - SHOWN) }</p>
                }
            }
            { foot("cover") }
        </section>
    }
}

fn map_sheet(p: &PackData) -> Html {
    let s = &p.summary;
    html! {
        <section class="sheet pack-map" data-section="map">
            <h2>{ "Heat map and register summary" }</h2>
            <p class="pack-headline">{ p.map_headline.clone() }</p>
            <div class="pack-map-grid">
                <figure class="pack-figure">
                    { svg(&p.map) }
                    <figcaption><p class="caption">{ p.map.caption.clone() }</p><p class="source">{ p.map.source.clone() }</p></figcaption>
                </figure>
                <div class="pack-summary">
                    <h3>{ s.heading.clone() }</h3>
                    <table class="band-counts">
                        <thead><tr>
                            <th scope="col">{ "Band (score)" }</th>
                            <th scope="col">{ s.column.clone() }</th>
                            if let Some(c) = &s.inherent_column { <th scope="col">{ c.clone() }</th> }
                        </tr></thead>
                        <tbody>
                            { for s.bands.iter().map(|b| html! {
                                <tr>
                                    <th scope="row"><span class="swatch" style={format::swatch_style(&b.colour)} aria-hidden="true"></span>{ b.label.clone() }</th>
                                    <td>{ format::quantity(&b.risks) }</td>
                                    if s.inherent_column.is_some() { <td>{ format::quantity(&b.inherent) }</td> }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <p>{ s.compared.clone() }</p>
                    <h3>{ s.above_heading.clone() }</h3>
                    if s.above.is_empty() {
                        <p>{ "None." }</p>
                    } else {
                        <ul>{ for s.above.iter().map(|a| html! { <li>{ format!("{} (score {})", a.name, a.score.0) }</li> }) }</ul>
                    }
                    <p class="hint">{ s.note.clone() }</p>
                </div>
            </div>
            { foot("heat map and register summary") }
        </section>
    }
}

fn svg(c: &Chart) -> Html {
    // Our own chart code's SVG (plotters escapes all text), never user markup.
    html! {
        <div class="pack-svg" role="img" aria-label={c.title.clone()}>
            { Html::from_html_unchecked(AttrValue::from(c.svg.clone())) }
        </div>
    }
}

fn figure(f: &KeyFigure) -> Html {
    html! {
        <li>
            <span class="pack-figure-label">{ f.label.clone() }</span>
            <span class="pack-figure-value">{ f.value_text() }{ f.flag.clone().unwrap_or_default() }</span>
        </li>
    }
}

fn section(s: &Section) -> Html {
    let n = s.charts.len();
    html! {
        <>
            <section class="sheet pack-intro" data-section={s.id}>
                <h2>{ s.title.clone() }</h2>
                <p class="pack-headline">{ s.headline.clone() }</p>
                if !s.figures.is_empty() {
                    <h3>{ "Key figures" }</h3>
                    <ul class="pack-figures">{ for s.figures.iter().map(figure) }</ul>
                }
                <p class="hint">{ format!("{n} chart{} follow{}, one to a page, each with its caption and source.", if n == 1 { "" } else { "s" }, if n == 1 { "s" } else { "" }) }</p>
                { foot(&s.title.to_lowercase()) }
            </section>
            { for s.charts.iter().enumerate().map(|(i, c)| html! {
                <section class="sheet pack-chart" data-section={s.id} data-chart={c.id}>
                    <p class="pack-kicker">{ format!("{} · chart {} of {n}", s.title, i + 1) }</p>
                    <h3>{ c.title.clone() }</h3>
                    <figure class="pack-figure">
                        { svg(c) }
                        <figcaption><p class="caption">{ c.caption.clone() }</p><p class="source">{ c.source.clone() }</p></figcaption>
                    </figure>
                    { foot(&s.title.to_lowercase()) }
                </section>
            }) }
        </>
    }
}

fn assumptions(p: &PackData) -> Html {
    html! {
        <section class="sheet" data-section="assumptions">
            <h2>{ "Assumptions that differ from the defaults" }</h2>
            if p.differences.is_empty() {
                <p>{ "None: every assumption and setting is the dataset's default, as described on the “How it works” and “About and sources” pages." }</p>
            } else {
                <ol class="pack-differences">{ for p.differences.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ol>
            }
            { for p.missing.iter().map(|m| html! { <p class="pack-missing"><strong>{ "Left out: " }</strong>{ m.clone() }</p> }) }
            { foot("assumptions") }
        </section>
    }
}

fn sources(p: &PackData) -> Html {
    html! {
        <section class="sheet" data-section="sources">
            <h2>{ "Sources" }</h2>
            <table class="pack-sources">
                <thead><tr><th scope="col">{ "Document" }</th><th scope="col">{ "Date" }</th><th scope="col">{ "Publisher" }</th><th scope="col">{ "Used for" }</th></tr></thead>
                <tbody>
                    { for p.sources.iter().map(|[t, d, by, used]| html! {
                        <tr><th scope="row">{ t.clone() }</th><td>{ d.clone() }</td><td>{ by.clone() }</td><td>{ used.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "Every figure in this pack is worked out in the browser from these sources and the illustrative assumptions described in Risk Explorer; nothing was sent anywhere." }</p>
            { foot("sources") }
        </section>
    }
}
