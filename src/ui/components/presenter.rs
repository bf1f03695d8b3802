//! Presenter mode: for the facilitator at a projector. One panel at a time in large type
//! (the heat map, each compared scenario's headline and chart, the comparison), moved by
//! keyboard or clicker (Page Down / Page Up and Space, as clickers send; arrow keys too,
//! except while a heat-map marker has focus, where they move the risk), a reset to the
//! work as it was when presenting started, and an exit (Esc) back to where the facilitator
//! was. An overlay over the page: the page behind is inert while it is open.

use crate::charts::kit::Chart;
use crate::report;
use crate::report::compare::Comparison;
use crate::state::Action;
use crate::ui::components::use_store;
use crate::ui::views::compare::{use_comparison, FiguresTable};
use crate::ui::views::heatmap::MapSvg;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// One panel of the presentation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Panel {
    Map,
    Scenario(usize),
    Figures,
    Overlay,
    Differs,
}

fn panels(c: &Comparison) -> Vec<Panel> {
    let mut out = vec![Panel::Map];
    out.extend((0..c.scenarios.len()).map(Panel::Scenario));
    out.extend([Panel::Figures, Panel::Overlay, Panel::Differs]);
    out
}

fn panel_name(c: &Comparison, p: Panel) -> String {
    match p {
        Panel::Map => "Heat map".to_string(),
        Panel::Scenario(i) => c
            .scenarios
            .get(i)
            .map(|s| s.label.clone())
            .unwrap_or_default(),
        Panel::Figures => "Key figures side by side".to_string(),
        Panel::Overlay => "Net outturn compared".to_string(),
        Panel::Differs => "What differs".to_string(),
    }
}

/// What a key does in presenter mode: a step (+1 / −1), exit, or nothing (left to the
/// page: typing in a field, a button's own Space, a focused heat-map marker's arrows).
fn step_for(e: &KeyboardEvent) -> Option<i32> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let target: Option<Element> = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target
        .as_ref()
        .map(|t| t.tag_name().to_lowercase())
        .unwrap_or_default();
    if matches!(tag.as_str(), "input" | "select" | "textarea")
        || target
            .as_ref()
            .is_some_and(|t| t.has_attribute("contenteditable"))
    {
        return None;
    }
    let on_marker = target
        .as_ref()
        .and_then(|t| t.closest(".marker").ok().flatten())
        .is_some();
    let on_button = matches!(tag.as_str(), "button" | "a" | "summary");
    let key = e.key();
    match key.as_str() {
        "PageDown" => Some(1),
        "PageUp" => Some(-1),
        " " | "Spacebar" if !on_button && !on_marker => Some(1),
        "ArrowRight" | "ArrowDown" if !on_marker => Some(1),
        "ArrowLeft" | "ArrowUp" if !on_marker => Some(-1),
        _ => None,
    }
}

/// The SVG's width over its height, from its viewBox (16:9 if it has none).
fn aspect(svg: &str) -> f64 {
    svg.split("viewBox=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .and_then(|v| {
            let n: Vec<f64> = v
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (n.len() == 4 && n[3] > 0.0).then(|| n[2] / n[3])
        })
        .unwrap_or(16.0 / 9.0)
}

/// A chart as large as the screen lets it be: as wide as the panel, or as wide as the
/// height left (`reserved` px taken by the words above it) allows.
fn big_chart(chart: &Chart, reserved: u32) -> Html {
    let style = format!(
        "width: min(100%, calc((100vh - {reserved}px) * {:.4}))",
        aspect(&chart.svg)
    );
    html! {
        <div class="present-chart chart-svg" role="img" aria-label={chart.title.clone()} {style}>
            // Our own chart code's SVG (plotters escapes all text), never user markup.
            { Html::from_html_unchecked(AttrValue::from(chart.svg.clone())) }
        </div>
    }
}

#[function_component(Presenter)]
pub fn presenter() -> Html {
    let store = use_store();
    let compared = use_comparison(&store, true);
    let c = Rc::clone(&compared.comparison);
    let list = panels(&c);
    let count = list.len();
    let at = store
        .present
        .as_ref()
        .map(|p| p.panel)
        .unwrap_or(0)
        .min(count - 1);
    let panel = list[at];
    let root = use_node_ref();
    let current = use_mut_ref(|| (0usize, 1usize));
    *current.borrow_mut() = (at, count);

    // On opening: remember where focus was, make the page behind inert, focus the
    // presentation. On closing: the page back, and focus where it was.
    {
        let root = root.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let came_from: Option<HtmlElement> = document
                .active_element()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            let scroll = gloo::utils::window().scroll_y().unwrap_or(0.0);
            let mut made_inert: Vec<Element> = Vec::new();
            if let Some(me) = root.cast::<Element>() {
                if let Some(parent) = me.parent_element() {
                    let kids = parent.children();
                    for i in 0..kids.length() {
                        if let Some(k) = kids.item(i) {
                            if k != me && !k.has_attribute("inert") {
                                let _ = k.set_attribute("inert", "");
                                made_inert.push(k);
                            }
                        }
                    }
                }
                if let Ok(h) = me.dyn_into::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
            move || {
                for k in made_inert {
                    let _ = k.remove_attribute("inert");
                }
                gloo::utils::window().scroll_to_with_x_and_y(0.0, scroll);
                if let Some(e) = came_from {
                    let _ = e.focus();
                }
            }
        });
    }

    // Keys: next, previous, exit. Registered on the document, so a clicker's keys work
    // wherever focus is, apart from fields and a focused heat-map marker.
    {
        let store = store.clone();
        let current = current.clone();
        use_effect_with((), move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if e.key() == "Escape" {
                        e.prevent_default();
                        store.dispatch(Action::PresentExit);
                        return;
                    }
                    if e.default_prevented() {
                        return;
                    }
                    let Some(step) = step_for(e) else {
                        return;
                    };
                    e.prevent_default();
                    let (at, count) = *current.borrow();
                    let to = (at as i64 + i64::from(step)).clamp(0, count as i64 - 1) as usize;
                    if to != at {
                        store.dispatch(Action::PresentGo(to));
                    }
                },
            );
            move || drop(listener)
        });
    }

    // A new panel: focus stays where it is if it is still on screen, else the panel.
    {
        let root = root.clone();
        use_effect_with(at, move |_| {
            let document = gloo::utils::document();
            let inside = match (document.active_element(), root.cast::<Element>()) {
                (Some(a), Some(r)) => r.contains(Some(&a)) && a != r,
                _ => false,
            };
            if !inside {
                if let Some(p) = document
                    .query_selector(".presenter .present-panel")
                    .ok()
                    .flatten()
                    .and_then(|p| p.dyn_into::<HtmlElement>().ok())
                {
                    let _ = p.focus();
                }
            }
        });
    }

    let go = |to: usize| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::PresentGo(to)))
    };
    let reset = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::PresentReset))
    };
    let exit = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::PresentExit))
    };
    let changed = store
        .present
        .as_ref()
        .is_some_and(|p| p.start != store.workspace);
    let name = panel_name(&c, panel);

    let body = match panel {
        Panel::Map => {
            let kind = store.view.map_rating;
            let map = report::heat_map::page(&store.dataset, &store.workspace.register, kind);
            html! {
                <div class="present-map">
                    <div class="present-map-svg"><MapSvg /></div>
                    <div class="present-side">
                        <h2 id="present-title">{ map.headline.clone() }</h2>
                        <p>{ map.summary.above_heading.clone() }</p>
                        <ul class="present-list">
                            { for map.summary.above.iter().map(|a| html! { <li>{ format!("{} (score {})", a.name, a.score.0) }</li> }) }
                        </ul>
                        <p class="present-hint">{ "Tab to a risk; arrow keys move it." }</p>
                    </div>
                </div>
            }
        }
        Panel::Scenario(i) => match c.scenarios.get(i) {
            Some(s) => html! {
                <>
                    <h2 id="present-title">{ s.headline.clone() }</h2>
                    <p class="present-chart-title">{ s.chart.title.clone() }</p>
                    { big_chart(&s.chart, 330) }
                </>
            },
            None => html! {},
        },
        Panel::Figures => html! {
            <>
                <h2 id="present-title">{ c.headline.clone() }</h2>
                <FiguresTable comparison={Rc::clone(&c)} />
            </>
        },
        Panel::Overlay => match c.charts.first() {
            Some(ch) => html! {
                <>
                    <h2 id="present-title">{ ch.title.clone() }</h2>
                    { big_chart(ch, 250) }
                </>
            },
            None => html! {},
        },
        Panel::Differs => html! {
            <>
                <h2 id="present-title">{ "What differs between the scenarios" }</h2>
                { for c.differs.iter().map(|d| html! {
                    <>
                        <h3>{ d.heading.clone() }</h3>
                        <ul class="present-list">
                            { for d.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                        </ul>
                    </>
                }) }
            </>
        },
    };

    html! {
        <div ref={root} class="presenter" role="dialog" aria-modal="true"
            aria-label="Presenter mode" tabindex="-1" data-panel={at.to_string()}>
            <div class="present-bar">
                <p class="present-where" aria-live="polite">
                    { format!("{} of {count}: {name}", at + 1) }
                </p>
                <div class="present-buttons">
                    <button type="button" onclick={go(at.saturating_sub(1))} disabled={at == 0}>{ "← Previous" }</button>
                    <button type="button" onclick={go((at + 1).min(count - 1))} disabled={at + 1 == count}>{ "Next →" }</button>
                    <button type="button" class="present-reset" onclick={reset} disabled={!changed}
                        title="Put the work back as it was when presenting started">{ "Reset" }</button>
                    <button type="button" onclick={exit}>{ "Exit (Esc)" }</button>
                </div>
            </div>
            <section class="present-panel" tabindex="-1" aria-labelledby="present-title"
                data-panel-kind={format!("{panel:?}").to_lowercase()}>
                { body }
            </section>
        </div>
    }
}
