//! Share links in the page: opening the link in the address (as a shared scenario beside
//! the person's own work, never over it), the banner that says so, copying a link, and
//! the address kept up to date while a shared scenario is edited.

use super::library::SaveScenarioForm;
use super::use_store;
use crate::share::link;
use crate::state::{Action, AppState, Notice, Page};
use crate::ui::storage;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The address's fragment (`#/map?s=1.…`).
pub fn address_fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Replaces the address without adding to the history (no new entry per edit).
pub fn replace_fragment(fragment: &str) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

/// What opening a link's payload does to the state: a shared scenario beside the own
/// work, or a plain message with the own work on screen.
pub fn open_payload(dataset: &crate::model::Dataset, payload: &str) -> Action {
    match link::decode(payload, dataset) {
        Ok(mut opened) => {
            if let Some(note) = other_dataset_note(dataset, &opened.dataset_hash) {
                opened.notes.insert(0, note);
            }
            Action::OpenShared {
                workspace: Box::new(opened.shared.workspace),
                view: opened.shared.view,
                notes: opened.notes,
            }
        }
        Err(why) => Action::Notify(Notice {
            text: why.to_string(),
            is_problem: true,
        }),
    }
}

/// A link made with another dataset than the one in use: says plainly whether this
/// browser has that dataset, and what to do.
fn other_dataset_note(dataset: &crate::model::Dataset, made_with: &str) -> Option<String> {
    use crate::share::stored_dataset::{label, Slot};
    if made_with.is_empty() || made_with == crate::share::file::hash_hex(dataset) {
        return None;
    }
    let builtin = crate::model::Dataset::builtin().ok();
    let known = builtin
        .filter(|b| crate::share::file::hash_hex(b) == made_with)
        .or_else(|| {
            let hash = u64::from_str_radix(made_with, 16).ok()?;
            crate::ui::storage::kept_dataset(Slot::Imported(hash))
        });
    Some(match known {
        Some(ds) => format!(
            "This link was made with {}, which this browser keeps, not with the dataset in use: what applies is shown. To see it exactly as made, switch to that dataset (File ▸ Use your own register…, or File ▸ Use the Trust's built-in dataset) and open the link again.",
            label(&ds)
        ),
        None => "This link was made with a dataset this browser does not have, so it is shown on the dataset in use as far as it applies. To see it exactly as made, ask whoever sent it for the scenario file (File ▸ Download my work), which carries their dataset, and open that here (File ▸ Open a file…).".to_string(),
    })
}

/// At start-up: opens the link in the address, if there is one. A link that cannot be
/// opened leaves the address as the page alone, so a reload shows the person's work.
pub fn open_from_address(state: &mut AppState) {
    let fragment = address_fragment();
    let Some(payload) = link::payload_in(&fragment) else {
        return;
    };
    let action = open_payload(&state.dataset, payload);
    if matches!(action, Action::Notify(_)) {
        replace_fragment(&format!("#/{}", Page::from_fragment(&fragment).slug()));
    }
    state.apply(action);
}

/// The whole address of a link to the work on screen, on `page`.
pub fn link_to(state: &AppState, page: Page) -> String {
    let payload = link::encode(
        &link::Shared {
            workspace: state.workspace.clone(),
            view: state.view.clone(),
        },
        &state.dataset,
    );
    let location = gloo::utils::window().location();
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        link::fragment_for(page.slug(), &payload)
    )
}

/// Asks the browser to put `text` on the clipboard; whether it did.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Ok(navigator) = js_sys::Reflect::get(&gloo::utils::window(), &"navigator".into()) else {
        return false;
    };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() {
        return false;
    }
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// "You are looking at a shared scenario": shown while one is on screen, with the way back
/// to the person's own work and the offer to keep the shared one.
#[function_component(SharedBanner)]
pub fn shared_banner() -> Html {
    let store = use_store();
    let saving = use_state(|| false);
    let Some(shared) = store.shared.clone() else {
        return html! {};
    };
    let back = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::BackToMyWork))
    };
    let keep = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let (own, view) = store.own_work();
            let kept = storage::keep_copy(own, view);
            store.dispatch(Action::KeepShared);
            store.dispatch(Action::Notify(Notice {
                text: if kept.is_some() {
                    "The shared scenario is now your working scenario and is saved in this browser. Your previous work is one Undo away and is kept as a copy in this browser.".into()
                } else {
                    "The shared scenario is now your working scenario. Your previous work is one Undo away (this browser's storage is full, so no copy of it could be kept).".into()
                },
                is_problem: false,
            }));
        })
    };
    let open_save = {
        let saving = saving.clone();
        Callback::from(move |_: MouseEvent| saving.set(true))
    };
    let close_save = {
        let saving = saving.clone();
        Callback::from(move |()| saving.set(false))
    };
    let saved_as = shared
        .saved_as
        .and_then(|id| store.scenario(id))
        .map(|s| s.named.name.clone());
    html! {
        <section class="shared-banner" role="region" aria-labelledby="shared-title">
            <h2 id="shared-title">{ "You are looking at a shared scenario" }</h2>
            <p>
                { "It opened from a link and is not saved. Your own work is kept exactly as it was and is one click away. Changes you make here stay in this link until you save it." }
            </p>
            if let Some(name) = saved_as {
                <p class="shared-saved" role="status">{ format!("Saved as “{name}” in your named scenarios.") }</p>
            }
            if !shared.notes.is_empty() {
                <div class="shared-notes">
                    <p>{ "Opened here with these differences:" }</p>
                    <ul>{ for shared.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                </div>
            }
            <div class="shared-actions">
                <button type="button" class="primary" onclick={back}>{ "Back to my work" }</button>
                <button type="button" onclick={open_save}>{ "Save as a named scenario…" }</button>
                <button type="button" onclick={keep} title="Your own work is kept as a copy and is one Undo away">{ "Make it my working scenario" }</button>
            </div>
            if *saving {
                <SaveScenarioForm on_close={close_save} default_name={"Shared scenario".to_string()} />
            }
        </section>
    }
}
