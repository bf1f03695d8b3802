//! "A new version is ready": shown when the service worker has a new build waiting
//! (index.html's registration script says so with the `risk-explorer-update` event). The
//! page never switches by itself, so nothing changes mid-workshop: only "Switch now" does,
//! after the work is saved.

use super::use_store;
use crate::state::Action;
use crate::ui::storage;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether the registration script has a new build waiting.
fn update_waiting() -> bool {
    crate::ui::window_value("RISK_EXPLORER_UPDATE").is_some_and(|v| v.is_truthy())
}

/// Asks the waiting build to take over; the page reloads when it has.
fn switch() -> bool {
    let window = gloo::utils::window();
    crate::ui::window_value("riskExplorerSwitch")
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .is_some_and(|v| v.is_truthy())
}

#[function_component(UpdateBar)]
pub fn update_bar() -> Html {
    let store = use_store();
    let ready = use_state(update_waiting);
    let switching = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::window(), "risk-explorer-update", move |_| {
                    ready.set(true)
                });
            move || drop(listener)
        });
    }
    if !*ready {
        return html! {};
    }
    // Save once more, then switch: a save that fails or meets another tab's newer work
    // stops the switch and is reported as any save is.
    let onclick = {
        let store = store.clone();
        let switching = switching.clone();
        Callback::from(move |_: MouseEvent| {
            if store.saving.waiting() {
                return;
            }
            match storage::save(&store.workspace, &store.view, store.saving.revision) {
                storage::SaveOutcome::Saved(revision) => {
                    store.dispatch(Action::Saved {
                        revision,
                        workspace: Box::new(store.workspace.clone()),
                    });
                    if switch() {
                        switching.set(true);
                    }
                }
                storage::SaveOutcome::Failed(msg) => store.dispatch(Action::SaveFailed(msg)),
                storage::SaveOutcome::Newer { .. } => {}
            }
        })
    };
    let saved = store.saving.problem.is_none() && !store.saving.waiting();
    html! {
        <div class="update-bar" role="status">
            <p>
                <strong>{ "A new version of Risk Explorer is ready." }</strong>
                { " " }
                if saved {
                    { "It starts only when you switch; your work is kept." }
                } else {
                    { "Your latest changes are not saved in this browser: download your work (File menu) or settle the message above before switching." }
                }
            </p>
            <button type="button" onclick={onclick} disabled={*switching || !saved}>
                { if *switching { "Switching…" } else { "Switch now" } }
            </button>
        </div>
    }
}
