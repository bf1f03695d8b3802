//! A closed `<details>` whose content goes into the page after the view has opened: one
//! section at a time in short tasks of their own, at once if it is opened first, and
//! before printing. The register's nine cards each hold two closed sections ("Why this
//! rating?", "Controls and evidence") with a third of the view's elements and most of
//! its citations; building them with the rest of the view made opening it one long task.
//! Filled in soon after, they are still there for the browser's find-in-page and for
//! printing. Once filled, the content stays.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// When the first waiting section is filled in after its view opens, ms, and the time
/// between one section and the next (each is a task of a few milliseconds).
const FIRST_MS: u32 = 250;
const EACH_MS: u32 = 25;

thread_local! {
    /// Sections mounted and not yet filled in: the next one waits behind them.
    static WAITING: Cell<u32> = const { Cell::new(0) };
}

#[derive(Properties, PartialEq)]
pub struct LazyDetailsProps {
    #[prop_or_default]
    pub class: Classes,
    /// What the closed section shows.
    pub summary: Html,
    /// What opening it shows.
    pub children: Html,
}

#[function_component(LazyDetails)]
pub fn lazy_details(props: &LazyDetailsProps) -> Html {
    let filled = use_state_eq(|| false);
    {
        // Filled in after the sections before it, in a task of its own; and before the
        // page is laid out for print (the print style opens every section).
        let filled = filled.clone();
        use_effect_with((), move |_| {
            let place = WAITING.with(|w| w.replace(w.get() + 1));
            // Whether this section still holds its place in the queue.
            let queued = Rc::new(Cell::new(true));
            let leave = move || {
                if queued.replace(false) {
                    WAITING.with(|w| w.set(w.get().saturating_sub(1)));
                }
            };
            let timer = {
                let (filled, leave) = (filled.clone(), leave.clone());
                Timeout::new(FIRST_MS + EACH_MS * place, move || {
                    leave();
                    filled.set(true);
                })
            };
            let print = EventListener::new(&gloo::utils::window(), "beforeprint", move |_| {
                filled.set(true)
            });
            move || {
                leave();
                drop((timer, print));
            }
        });
    }
    let ontoggle = {
        let filled = filled.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|d| d.has_attribute("open"));
            if open {
                filled.set(true);
            }
        })
    };
    html! {
        <details class={props.class.clone()} {ontoggle} data-filled={(*filled).to_string()}>
            <summary>{ props.summary.clone() }</summary>
            if *filled {
                { props.children.clone() }
            }
        </details>
    }
}
