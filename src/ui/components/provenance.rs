//! Where a value comes from: a cited source with its quote, or a labelled assumption.

use super::use_dataset;
use crate::format;
use crate::model::{Citation, Provenance};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiteProps {
    pub cite: Citation,
}

/// "Business Plan 2024-29, §11 Managing Risk". When the app ships the cited words, the
/// citation takes keyboard focus and shows them on hover and focus, as its accessible
/// description, in the one tooltip every citation shares ([`CiteTip`]); Escape hides it.
/// The file and lines are kept in `data-cite` for checking only. One element and three
/// attributes a citation: a page such as the register has nearly two hundred, and a
/// tooltip of its own each was a third of the elements the register put into the page.
#[function_component(CiteLink)]
pub fn cite_link(props: &CiteProps) -> Html {
    let dataset = use_dataset();
    let words = format::citation(&dataset, &props.cite);
    let raw = props.cite.to_string();
    if crate::model::excerpts::excerpt(&props.cite).is_none() {
        return html! { <cite class="cite" data-cite={raw}>{ words }</cite> };
    }
    html! { <cite class="cite has-tip" tabindex="0" data-cite={raw}>{ words }</cite> }
}

/// The id of the tooltip the citations share.
pub const CITE_TIP_ID: &str = "cite-tip";

/// The citation (`cite.has-tip`) an event happened on or in, if any.
fn cite_at(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("cite.has-tip").ok().flatten()
}

/// Whether `node` is `tip` or inside it.
fn within(tip: &web_sys::Element, node: Option<web_sys::EventTarget>) -> bool {
    use wasm_bindgen::JsCast;
    node.and_then(|n| n.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| tip.contains(Some(&n)))
}

/// The shared tooltip's state: the citation it describes, and whether Escape dismissed
/// it (until the pointer or focus leaves that citation).
#[derive(Default)]
struct TipState {
    cite: Option<web_sys::Element>,
    dismissed: bool,
}

/// What the tooltip does on one kind of event.
type TipHandler = Box<dyn Fn(&web_sys::HtmlElement, &mut TipState, &web_sys::Event)>;

/// Places the tooltip under its citation, inside the window (fixed, so it follows the
/// citation whatever scrolls).
fn place(tip: &web_sys::HtmlElement, cite: &web_sys::Element) {
    let r = cite.get_bounding_client_rect();
    let width = gloo::utils::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1024.0);
    let w = f64::from(tip.offset_width());
    let left = r.left().min(width - w - 8.0).max(8.0);
    let _ = tip.set_attribute(
        "style",
        &format!("left:{left:.0}px;top:{:.0}px", r.bottom()),
    );
}

fn show(tip: &web_sys::HtmlElement, state: &mut TipState, cite: web_sys::Element) {
    if state.cite.as_ref() == Some(&cite) && (state.dismissed || !tip.hidden()) {
        return;
    }
    hide(tip, state);
    let Some(words) = cite
        .get_attribute("data-cite")
        .and_then(|raw| crate::model::excerpts::excerpt_for(&raw))
    else {
        return;
    };
    // Text nodes only: the words are never read as markup.
    let doc = gloo::utils::document();
    tip.set_text_content(None);
    if let Ok(label) = doc.create_element("span") {
        label.set_class_name("cite-tip-label");
        label.set_text_content(Some("The document says: "));
        let _ = tip.append_child(&label);
    }
    let _ = tip.append_child(&doc.create_text_node(&format!("“{words}”")));
    let _ = cite.set_attribute("aria-describedby", CITE_TIP_ID);
    tip.set_hidden(false);
    place(tip, &cite);
    state.cite = Some(cite);
}

fn hide(tip: &web_sys::HtmlElement, state: &mut TipState) {
    if let Some(c) = state.cite.take() {
        let _ = c.remove_attribute("aria-describedby");
    }
    state.dismissed = false;
    tip.set_hidden(true);
}

/// The one tooltip the citations share: shown on a citation's hover or keyboard focus
/// with the words it points at, kept while the pointer moves onto it, hidden when the
/// pointer or focus leaves, on Escape (until the pointer or focus leaves that citation)
/// and when the view changes. Listens on the document, so a citation costs no listener.
#[function_component(CiteTip)]
pub fn cite_tip() -> Html {
    use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    let tip_ref = use_node_ref();
    {
        let tip_ref = tip_ref.clone();
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let state = Rc::new(RefCell::new(TipState::default()));
            let on = |kind: &'static str, f: TipHandler| -> Option<EventListener> {
                let tip = tip_ref.cast::<web_sys::HtmlElement>()?;
                let state = Rc::clone(&state);
                let target: web_sys::EventTarget = if kind == "hashchange" || kind == "resize" {
                    gloo::utils::window().into()
                } else {
                    doc.clone().into()
                };
                let options = EventListenerOptions {
                    phase: EventListenerPhase::Capture,
                    passive: true,
                };
                Some(EventListener::new_with_options(
                    &target,
                    kind,
                    options,
                    move |e| f(&tip, &mut state.borrow_mut(), e),
                ))
            };
            let listeners: Vec<EventListener> = [
                on(
                    "focusin",
                    Box::new(|tip, st, e| {
                        if let Some(c) = cite_at(e.target()) {
                            st.dismissed = st.dismissed && st.cite.as_ref() == Some(&c);
                            show(tip, st, c);
                        }
                    }),
                ),
                on(
                    "mouseover",
                    Box::new(|tip, st, e| {
                        if let Some(c) = cite_at(e.target()) {
                            show(tip, st, c);
                        }
                    }),
                ),
                on(
                    "focusout",
                    Box::new(|tip, st, e| {
                        if cite_at(e.target()).is_some_and(|c| Some(&c) == st.cite.as_ref()) {
                            hide(tip, st);
                        }
                    }),
                ),
                on(
                    "mouseout",
                    Box::new(|tip, st, e| {
                        let Some(to) = e
                            .dyn_ref::<web_sys::MouseEvent>()
                            .map(|m| m.related_target())
                        else {
                            return;
                        };
                        let from_ours = cite_at(e.target())
                            .is_some_and(|c| Some(&c) == st.cite.as_ref())
                            || within(tip, e.target());
                        if !from_ours {
                            return;
                        }
                        // Onto the tooltip, or back onto its citation: it stays.
                        let staying = within(tip, to.clone())
                            || cite_at(to).is_some_and(|c| Some(&c) == st.cite.as_ref());
                        let focused = st.cite.as_ref().is_some_and(|c| {
                            gloo::utils::document().active_element().as_ref() == Some(c)
                        });
                        if !staying && !focused {
                            hide(tip, st);
                        }
                    }),
                ),
                on(
                    "keydown",
                    Box::new(|tip, st, e| {
                        let escape = e
                            .dyn_ref::<web_sys::KeyboardEvent>()
                            .is_some_and(|k| k.key() == "Escape");
                        if escape && !tip.hidden() {
                            tip.set_hidden(true);
                            st.dismissed = true;
                        }
                    }),
                ),
                on(
                    "scroll",
                    Box::new(|tip, st, _| {
                        if let (false, Some(c)) = (tip.hidden(), &st.cite) {
                            place(tip, c);
                        }
                    }),
                ),
                on("resize", Box::new(|tip, st, _| hide(tip, st))),
                on("hashchange", Box::new(|tip, st, _| hide(tip, st))),
            ]
            .into_iter()
            .flatten()
            .collect();
            move || drop(listeners)
        });
    }
    html! {
        <div ref={tip_ref} id={CITE_TIP_ID} class="cite-tip" role="tooltip" hidden=true></div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProvenanceProps {
    pub provenance: Provenance,
    /// Show the quote (when there is one).
    #[prop_or(true)]
    pub quote: bool,
}

#[function_component(ProvenanceNote)]
pub fn provenance_note(props: &ProvenanceProps) -> Html {
    let p = &props.provenance;
    if let Some(rationale) = &p.assumption {
        let leans = (!p.evidence.is_empty()).then(|| {
            html! {
                <span class="leans">
                    { " Leans on: " }
                    { for p.evidence.iter().enumerate().map(|(i, c)| html! {
                        <>{ if i > 0 { "; " } else { "" } }<CiteLink cite={c.clone()} /></>
                    }) }
                    { "." }
                </span>
            }
        });
        html! {
            <p class="provenance assumption">
                <span class="tag tag-assumption"><span aria-hidden="true">{ "◇ " }</span>{ "Illustrative assumption" }</span>
                { " " }{ rationale.clone() }
                { leans }
            </p>
        }
    } else if let Some(cite) = &p.cite {
        let quote = match (p.quote_as_read(), props.quote) {
            (Some(q), true) => html! { <q class="quote">{ q }</q> },
            _ => html! {},
        };
        html! {
            <p class="provenance sourced">
                { quote }
                { " " }<span class="source-label">{ "Source: " }</span><CiteLink cite={cite.clone()} />
            </p>
        }
    } else {
        html! {}
    }
}

/// The register's own sentence on risks in combination, quoted with its source: the
/// question every view of the app answers.
#[function_component(CompoundingQuote)]
pub fn compounding_quote() -> Html {
    let ds = crate::ui::store::use_dataset();
    html! {
        <blockquote class="compounding">
            <ProvenanceNote provenance={ds.meta.compounding_statement.clone()} />
        </blockquote>
    }
}
