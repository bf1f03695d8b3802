//! Named scenarios in the page: the form that saves the work on screen under a name, the
//! list (open, rename, duplicate, export, delete with Undo), and the bar that reports a
//! list that could not be written.

use super::use_store;
use super::work_file::{download, now_iso};
use crate::share::file;
use crate::state::{Action, Notice, SavedScenario};
use crate::ui::storage;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Now, in local time, as a named scenario records it: "2026-11-27 20:30".
pub fn now_stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Downloads scenarios as a scenario file named for `title`.
pub fn export(store: &crate::ui::store::Store, scenarios: &[file::Named], title: &str) {
    let written = now_iso();
    let text = file::encode(scenarios, &store.dataset, &written);
    if let Err(why) = download(&file::file_name(title, &written), &text) {
        store.dispatch(Action::Notify(Notice {
            text: format!("The scenarios could not be exported: {why}."),
            is_problem: true,
        }));
    }
}

#[derive(Properties, PartialEq)]
pub struct SaveFormProps {
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub default_name: String,
}

/// Saves the work on screen under a name, with a note.
#[function_component(SaveScenarioForm)]
pub fn save_scenario_form(props: &SaveFormProps) -> Html {
    let store = use_store();
    let name = use_state(|| props.default_name.clone());
    let note = use_state(String::new);
    let name_ref = use_node_ref();
    {
        let name_ref = name_ref.clone();
        use_effect_with((), move |_| {
            if let Some(i) = name_ref.cast::<HtmlInputElement>() {
                i.focus().ok();
                i.select();
            }
        });
    }
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            note.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_submit = {
        let store = store.clone();
        let (name, note) = (name.clone(), note.clone());
        let close = props.on_close.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            store.dispatch(Action::SaveScenario {
                name: (*name).clone(),
                note: (*note).clone(),
                saved: now_stamp(),
            });
            close.emit(());
        })
    };
    let (cancel, on_key) = super::close_handlers(&props.on_close);
    html! {
        <form class="save-scenario" onsubmit={on_submit} onkeydown={on_key} aria-label="Save as a named scenario">
            <p class="save-scenario-what">{ "Keeps the work on screen in this browser under a name. It stays in your list of named scenarios until you delete it." }</p>
            <label for="scenario-name">{ "Name" }</label>
            <input id="scenario-name" type="text" ref={name_ref} value={(*name).clone()} oninput={on_name}
                maxlength={file::MAX_NAME_CHARS.to_string()} required=true />
            <label for="scenario-note">{ "Note (optional)" }</label>
            <textarea id="scenario-note" rows="2" value={(*note).clone()} oninput={on_note}
                maxlength={file::MAX_NOTE_CHARS.to_string()} />
            <div class="form-actions">
                <button type="submit" class="primary">{ "Save" }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub on_close: Callback<()>,
}

/// The list of named scenarios.
#[function_component(ScenarioLibrary)]
pub fn scenario_library(props: &LibraryProps) -> Html {
    let store = use_store();
    let renaming = use_state(|| None::<(u32, String, String)>);
    let saving = use_state(|| false);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                h.focus().ok();
            }
        });
    }
    let close = {
        let c = props.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let on_key = {
        let c = props.on_close.clone();
        let renaming = renaming.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && renaming.is_none() {
                c.emit(());
            }
        })
    };
    let act = |action: Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(action.clone()))
    };
    let open = |s: &SavedScenario| {
        let store = store.clone();
        let (id, name) = (s.id, s.named.name.clone());
        let close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            let (own, view) = store.own_work();
            let kept = storage::keep_copy(own, view);
            let over_shared = store.shared.is_some();
            store.dispatch(Action::OpenSaved(id));
            store.dispatch(Action::Notify(Notice {
                text: crate::state::opened_words(&name, kept.is_some(), over_shared),
                is_problem: false,
            }));
            close.emit(());
        })
    };
    let export_one = |s: &SavedScenario| {
        let store = store.clone();
        let s = s.clone();
        Callback::from(move |_: MouseEvent| {
            export(&store, std::slice::from_ref(&s.named), &s.named.name)
        })
    };
    let export_all = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let all: Vec<file::Named> = store.scenarios.iter().map(|s| s.named.clone()).collect();
            export(&store, &all, "named scenarios");
        })
    };
    let start_rename = |s: &SavedScenario| {
        let renaming = renaming.clone();
        let v = (s.id, s.named.name.clone(), s.named.note.clone());
        Callback::from(move |_: MouseEvent| renaming.set(Some(v.clone())))
    };
    let rename_form = |s: &SavedScenario| {
        let Some((id, name, note)) = (*renaming).clone().filter(|r| r.0 == s.id) else {
            return html! {};
        };
        let on_name = {
            let renaming = renaming.clone();
            let (note, id) = (note.clone(), id);
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                renaming.set(Some((id, v, note.clone())));
            })
        };
        let on_note = {
            let renaming = renaming.clone();
            let name = name.clone();
            Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                renaming.set(Some((id, name.clone(), v)));
            })
        };
        let submit = {
            let store = store.clone();
            let renaming = renaming.clone();
            let (name, note) = (name.clone(), note.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                store.dispatch(Action::RenameScenario {
                    id,
                    name: name.clone(),
                    note: note.clone(),
                });
                renaming.set(None);
            })
        };
        let cancel = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(None))
        };
        let on_key = {
            let renaming = renaming.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    e.stop_propagation();
                    renaming.set(None);
                }
            })
        };
        html! {
            <form class="rename-scenario" onsubmit={submit} onkeydown={on_key} aria-label={format!("Rename “{}”", s.named.name)}>
                <label for={format!("rename-{id}")}>{ "Name" }</label>
                <input id={format!("rename-{id}")} type="text" value={name} oninput={on_name}
                    maxlength={file::MAX_NAME_CHARS.to_string()} required=true />
                <label for={format!("renote-{id}")}>{ "Note" }</label>
                <textarea id={format!("renote-{id}")} rows="2" value={note} oninput={on_note} />
                <div class="form-actions">
                    <button type="submit" class="primary">{ "Save name and note" }</button>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </form>
        }
    };
    let deleted = store.deleted.clone();
    let rows = store.scenarios.iter().map(|s| {
        let diffs = s.named.workspace.differences(&store.dataset).len();
        let label = |verb: &str| format!("{verb} “{}”", s.named.name);
        html! {
            <li class="scenario-item" data-scenario-id={s.id.to_string()}>
                <div class="scenario-head">
                    <h3 class="scenario-name">{ s.named.name.clone() }</h3>
                    <span class="scenario-meta">
                        { format!("{}{} setting{} differ{} from the defaults",
                            if s.saved.is_empty() { String::new() } else { format!("Saved {} · ", s.saved) },
                            diffs, if diffs == 1 { "" } else { "s" }, if diffs == 1 { "s" } else { "" }) }
                    </span>
                </div>
                if !s.named.note.is_empty() {
                    <p class="scenario-note">{ s.named.note.clone() }</p>
                }
                { rename_form(s) }
                <div class="scenario-actions">
                    <button type="button" class="primary" onclick={open(s)} aria-label={label("Open")}>{ "Open" }</button>
                    <button type="button" onclick={start_rename(s)} aria-label={label("Rename")}>{ "Rename" }</button>
                    <button type="button" onclick={act(Action::DuplicateScenario(s.id))} aria-label={label("Duplicate")}
                        disabled={store.library_full()}>{ "Duplicate" }</button>
                    <button type="button" onclick={export_one(s)} aria-label={label("Export")}>{ "Export" }</button>
                    <button type="button" class="danger" onclick={act(Action::DeleteScenario(s.id))} aria-label={label("Delete")}>{ "Delete" }</button>
                </div>
            </li>
        }
    });
    let open_save = {
        let saving = saving.clone();
        Callback::from(move |_: MouseEvent| saving.set(true))
    };
    let close_save = {
        let saving = saving.clone();
        Callback::from(move |()| saving.set(false))
    };
    let n = store.scenarios.len();
    html! {
        <div class="library-panel" role="dialog" aria-modal="false" aria-labelledby="library-title" onkeydown={on_key}>
            <div class="library-top">
                <h2 id="library-title" tabindex="-1" ref={heading}>{ "Named scenarios" }</h2>
                <button type="button" class="library-close" onclick={close}>{ "Close" }</button>
            </div>
            <p class="library-what">
                { "Kept in this browser only (not sent anywhere). Export them to a file to keep them safe or to use them on another computer." }
            </p>
            <div role="status" class="library-status">
                if let Some(d) = deleted {
                    <p class="deleted">
                        { format!("Deleted “{}”. ", d.scenario.named.name) }
                        <button type="button" onclick={act(Action::RestoreDeleted)}>{ "Undo" }</button>
                    </p>
                }
            </div>
            if *saving {
                <SaveScenarioForm on_close={close_save} />
            } else {
                <p><button type="button" class="primary" onclick={open_save} disabled={store.library_full()}>
                    { "Save the work on screen as a named scenario…" }</button></p>
            }
            if n == 0 {
                <p class="library-empty">{ "No named scenarios yet." }</p>
            } else {
                <ul class="scenario-list" aria-label={format!("{n} named scenario{}", if n == 1 { "" } else { "s" })}>
                    { for rows }
                </ul>
            }
            <p class="library-bottom">
                <button type="button" onclick={export_all} disabled={n == 0}>{ "Export all scenarios" }</button>
            </p>
        </div>
    }
}

/// The named scenarios could not be written (storage full or off), or are held because
/// the stored list could not be read nor copied aside.
#[function_component(LibraryProblem)]
pub fn library_problem() -> Html {
    let store = use_store();
    let export_all = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let all: Vec<file::Named> = store.scenarios.iter().map(|s| s.named.clone()).collect();
            export(&store, &all, "named scenarios");
        })
    };
    let release = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::HoldLibrary(false)))
    };
    html! {
        <>
            if store.library.held {
                <div class="notice problem library-held" role="alert">
                    <p>{ "Changes to your named scenarios are not being saved: the list from last time could not be read and is kept as it was. Saving replaces it." }</p>
                    <button type="button" onclick={release}>{ "Save my named scenarios over it" }</button>
                </div>
            }
            if let Some(why) = &store.library.problem {
                <div class="notice problem library-problem" role="alert">
                    <p>{ why.clone() }</p>
                    <button type="button" onclick={export_all} disabled={store.scenarios.is_empty()}>{ "Export all scenarios" }</button>
                </div>
            }
        </>
    }
}
