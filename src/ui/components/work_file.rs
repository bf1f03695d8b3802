//! The header's File menu: work as a file a person keeps ("Download my work" writes the
//! scenario file, [`crate::share::file`]; "Open a file…" reads one back, says what it
//! holds and what did not apply, and replaces the work on screen only when asked — the
//! replaced work is kept as a copy in this browser and is one Undo away), share links
//! ("Copy link") and named scenarios (save, list, export all, import).

use super::datasets::{ImportDialog, UseBuiltin};
use super::library::{export, now_stamp, SaveScenarioForm, ScenarioLibrary};
use super::share_link::{address_fragment, copy_to_clipboard, link_to};
use super::use_store;
use crate::share::file::{self, OpenedFile, MAX_FILE_BYTES};
use crate::state::{Action, Notice, Page};
use crate::ui::storage;
use crate::ui::store::Store;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Today's date and time in ISO 8601 (for the file and its name).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Puts `text` in the person's downloads as `name` (a JSON file).
pub fn download(name: &str, text: &str) -> Result<(), String> {
    super::export::save(
        name,
        gloo::file::Blob::new_with_options(text, Some("application/json")),
    )
}

/// A callback that downloads the work on screen as a scenario file.
pub fn download_work(store: &Store) -> Callback<MouseEvent> {
    let store = store.clone();
    Callback::from(move |_: MouseEvent| {
        let written = now_iso();
        let (scenario, name) = file::work_in_progress(&store.workspace, &store.view, &written);
        // Work on an imported dataset carries it, so whoever opens the file can import it.
        let text = match crate::model::Dataset::builtin() {
            Ok(b) if b == *store.dataset => file::encode(&[scenario], &store.dataset, &written),
            _ => file::encode_carrying(&[scenario], &store.dataset, &written),
        };
        if let Err(why) = download(&name, &text) {
            store.dispatch(Action::Notify(Notice {
                text: format!("Your work could not be downloaded: {why}."),
                is_problem: true,
            }));
        }
    })
}

/// Closes the File menu an item was chosen from.
pub(super) fn close_menu(e: &MouseEvent) {
    if let Some(menu) = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|t| t.closest("details").ok().flatten())
    {
        menu.remove_attribute("open").ok();
    }
}

/// A file read and checked, waiting for the person's word.
#[derive(Clone, PartialEq)]
struct Pending {
    file_name: String,
    opened: OpenedFile,
    chosen: usize,
    /// Added to the named scenarios (Import scenarios…) rather than opened.
    import: bool,
}

/// What the File menu has open over the page.
#[derive(Clone, PartialEq)]
enum Panel {
    None,
    Save,
    Library,
    /// A link made by "Copy link", and whether the clipboard took it.
    Link(String, bool),
    /// Use your own register…
    Import,
}

/// Reads a chosen or dropped file (a scenario file, or a picture exported from Risk
/// Explorer, which carries one) and puts the question; says plainly when it cannot.
fn read_chosen(
    chosen: web_sys::File,
    store: Store,
    pending: UseStateHandle<Option<Pending>>,
    import: bool,
) {
    let name: String = chosen.name().chars().take(80).collect();
    let notify = {
        let store = store.clone();
        move |text: String| {
            store.dispatch(Action::Notify(Notice {
                text,
                is_problem: true,
            }))
        }
    };
    if chosen.size() > MAX_FILE_BYTES as f64 {
        notify(format!(
            "“{name}”: {}",
            file::FileError::TooLarge(chosen.size() as usize)
        ));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let blob = gloo::file::File::from(chosen);
        match gloo::file::futures::read_as_bytes(&blob).await {
            Err(_) => notify(format!(
                "“{name}” could not be read (the browser refused it). Nothing was opened."
            )),
            Ok(bytes) => match crate::export::scenario_text(&bytes)
                .and_then(|text| file::decode(&text, &store.dataset).map_err(|e| e.to_string()))
            {
                Err(why) => notify(format!("“{name}”: {why}")),
                Ok(opened) => pending.set(Some(Pending {
                    file_name: name,
                    opened,
                    chosen: 0,
                    import,
                })),
            },
        }
    });
}

/// Switches to the dataset a scenario file carries.
fn use_carried(
    store: &Store,
    switch: &super::DatasetSwitch,
    pending: &UseStateHandle<Option<Pending>>,
    carried: crate::model::Dataset,
) -> Callback<MouseEvent> {
    let (store, switch, pending) = (store.clone(), switch.clone(), pending.clone());
    let carried = std::rc::Rc::new(carried);
    Callback::from(move |_: MouseEvent| {
        pending.set(None);
        let to = std::rc::Rc::clone(&carried);
        if let Err(why) = super::datasets::switch_dataset(&store, &switch, to, None) {
            store.dispatch(Action::Notify(Notice {
                text: why,
                is_problem: true,
            }));
        }
    })
}

/// The "Download my work" and "Open a file…" controls, and the question that follows
/// opening a file.
#[function_component(WorkFile)]
pub fn work_file() -> Html {
    let store = use_store();
    let switch = super::datasets::use_switch();
    let pending = use_state(|| None::<Pending>);
    let panel = use_state(|| Panel::None);
    let announce = use_state(String::new);
    let input = use_node_ref();
    let import_input = use_node_ref();
    let show = |p: Panel| {
        let panel = panel.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            panel.set(p.clone());
        })
    };
    let close_panel = {
        let panel = panel.clone();
        Callback::from(move |()| panel.set(Panel::None))
    };
    let on_copy_link = {
        let store = store.clone();
        let panel = panel.clone();
        let announce = announce.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            let link = link_to(&store, Page::from_fragment(&address_fragment()));
            let panel = panel.clone();
            let announce = announce.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = copy_to_clipboard(&link).await;
                announce.set(if copied {
                    "Link copied".into()
                } else {
                    "The link could not be copied by the page: it is shown selected, to copy with Ctrl+C".into()
                });
                panel.set(Panel::Link(link, copied));
            });
        })
    };
    let on_export_all = {
        let store = store.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            let all: Vec<file::Named> = store.scenarios.iter().map(|s| s.named.clone()).collect();
            if all.is_empty() {
                store.dispatch(Action::Notify(Notice {
                    text: "There are no named scenarios to export yet: save one first (File ▸ Save as a named scenario…).".into(),
                    is_problem: false,
                }));
            } else {
                export(&store, &all, "named scenarios");
            }
        })
    };
    let on_choose_import = {
        let input = import_input.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            if let Some(el) = input.cast::<HtmlInputElement>() {
                el.click();
            }
        })
    };
    // The question takes the focus when it appears, so a keyboard user is at its buttons.
    let open_button = use_node_ref();
    {
        let open_button = open_button.clone();
        use_effect_with(pending.is_some(), move |shown| {
            if *shown {
                if let Some(b) = open_button.cast::<web_sys::HtmlElement>() {
                    b.focus().ok();
                }
            }
        });
    }
    let on_download = {
        let download = download_work(&store);
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            download.emit(e);
        })
    };
    let on_choose = {
        let input = input.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            if let Some(el) = input.cast::<HtmlInputElement>() {
                el.click();
            }
        })
    };
    // A file chosen here or dropped anywhere on the app (see `drop_open`) is opened;
    // "Import scenarios…" adds the file's scenarios to the named ones instead.
    let open_file = {
        let store = store.clone();
        let pending = pending.clone();
        Callback::from(move |chosen: web_sys::File| {
            read_chosen(chosen, store.clone(), pending.clone(), false)
        })
    };
    super::drop_open::use_drop_to_open(open_file.clone());
    let on_file_for = |import: bool| {
        let store = store.clone();
        let pending = pending.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let Some(chosen) = el.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file can be chosen again after a Cancel.
            el.set_value("");
            read_chosen(chosen, store.clone(), pending.clone(), import);
        })
    };
    let on_file = on_file_for(false);
    let on_import = on_file_for(true);
    let import_question = (*pending).clone().filter(|p| p.import).map(|p| {
        let cancel = {
            let pending = pending.clone();
            Callback::from(move |_: MouseEvent| pending.set(None))
        };
        let n = p.opened.scenarios.len();
        let add = {
            let store = store.clone();
            let pending = pending.clone();
            let p = p.clone();
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::ImportScenarios {
                    scenarios: p.opened.scenarios.iter().map(|o| o.scenario.clone()).collect(),
                    saved: now_stamp(),
                });
                store.dispatch(Action::Notify(Notice {
                    text: format!("Added {n} named scenario{} from {}. Open them from File ▸ Named scenarios…", if n == 1 { "" } else { "s" }, p.file_name),
                    is_problem: false,
                }));
                pending.set(None);
            })
        };
        let clashes = p
            .opened
            .scenarios
            .iter()
            .filter(|o| store.scenarios.iter().any(|s| s.named.name == o.scenario.name))
            .count();
        let notes: Vec<String> = p
            .opened
            .notes
            .iter()
            .cloned()
            .chain(p.opened.scenarios.iter().flat_map(|o| o.notes.iter().map(move |n| format!("“{}”: {n}", o.scenario.name))))
            .collect();
        html! {
            <div class="notice open-file import-file" role="dialog" aria-modal="false" aria-labelledby="import-file-title">
                <p id="import-file-title">
                    { format!("Add the {n} scenario{} in {} to your named scenarios? Nothing you have is replaced.", if n == 1 { "" } else { "s" }, p.file_name) }
                    if clashes > 0 {
                        { format!(" {clashes} ha{} the name of one you have, so a number is added to {}.", if clashes == 1 { "s" } else { "ve" }, if clashes == 1 { "its name" } else { "their names" }) }
                    }
                </p>
                <ul class="import-names" aria-label="Scenarios in the file">
                    { for p.opened.scenarios.iter().map(|o| html! { <li>{ o.scenario.name.clone() }</li> }) }
                </ul>
                if !notes.is_empty() {
                    <ul class="open-file-notes" aria-label="What differs in this file">
                        { for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                }
                <button type="button" class="primary" onclick={add} ref={open_button.clone()}>{ format!("Add {n} scenario{}", if n == 1 { "" } else { "s" }) }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        }
    });
    let question = (*pending).clone().filter(|p| !p.import).map(|p| {
        let scenario = &p.opened.scenarios[p.chosen];
        let cancel = {
            let pending = pending.clone();
            Callback::from(move |_: MouseEvent| pending.set(None))
        };
        let open = {
            let store = store.clone();
            let pending = pending.clone();
            let scenario = scenario.clone();
            let file_name = p.file_name.clone();
            Callback::from(move |_: MouseEvent| {
                let kept = storage::keep_copy(&store.workspace, &store.view);
                store.dispatch(Action::OpenScenario(Box::new(
                    scenario.scenario.workspace.clone(),
                )));
                store.dispatch(Action::Notify(Notice {
                    text: format!(
                        "Opened “{}” from {file_name}. {}",
                        scenario.scenario.name,
                        if kept.is_some() {
                            "The work it replaced is one Undo away and is kept as a copy in this browser."
                        } else {
                            "The work it replaced is one Undo away (this browser's storage is full, so no copy could be kept: download it first if you need it)."
                        }
                    ),
                    is_problem: false,
                }));
                pending.set(None);
            })
        };
        let on_pick = {
            let pending = pending.clone();
            let p = p.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                if let Ok(i) = v.parse::<usize>() {
                    if i < p.opened.scenarios.len() {
                        pending.set(Some(Pending {
                            chosen: i,
                            ..p.clone()
                        }));
                    }
                }
            })
        };
        let notes: Vec<String> = p
            .opened
            .notes
            .iter()
            .chain(scenario.notes.iter())
            .cloned()
            .collect();
        html! {
            <div class="notice open-file" role="dialog" aria-modal="false" aria-labelledby="open-file-title">
                <p id="open-file-title">
                    { format!("Open “{}” from {}? It takes the place of the work on screen; that work is kept as a copy in this browser and is one Undo away.", scenario.scenario.name, p.file_name) }
                </p>
                if p.opened.scenarios.len() > 1 {
                    <p>
                        <label for="open-file-which">{ format!("The file holds {} scenarios. Open: ", p.opened.scenarios.len()) }</label>
                        <select id="open-file-which" onchange={on_pick}>
                            { for p.opened.scenarios.iter().enumerate().map(|(i, s)| html! {
                                <option value={i.to_string()} selected={i == p.chosen}>{ s.scenario.name.clone() }</option>
                            }) }
                        </select>
                    </p>
                }
                if !scenario.scenario.note.is_empty() {
                    <p class="open-file-note">{ scenario.scenario.note.clone() }</p>
                }
                if !notes.is_empty() {
                    <ul class="open-file-notes" aria-label="What differs in this file">
                        { for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                }
                if let Some(carried) = p.opened.carried.clone() {
                    <p class="open-file-carried">
                        { format!("This file carries the dataset it was made with, {}, which is not the one in use. Switch to it (your work is kept first), then open this file again to see its scenarios exactly as made.", crate::share::stored_dataset::label(&carried)) }
                    </p>
                    <button type="button" onclick={use_carried(&store, &switch, &pending, *carried)} data-use-carried="">{ "Switch to that dataset" }</button>
                }
                <button type="button" class="primary" onclick={open} ref={open_button.clone()}>{ "Open it" }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        }
    });
    let over_page = match (*panel).clone() {
        Panel::None => None,
        Panel::Save => Some(html! {
            <div class="notice open-file save-dialog" role="dialog" aria-modal="false" aria-labelledby="save-dialog-title">
                <h2 id="save-dialog-title">{ "Save as a named scenario" }</h2>
                <SaveScenarioForm on_close={close_panel.clone()} />
            </div>
        }),
        Panel::Library => Some(html! { <ScenarioLibrary on_close={close_panel.clone()} /> }),
        Panel::Link(link, copied) => Some(html! {
            <LinkDialog link={link} copied={copied} on_close={close_panel.clone()} />
        }),
        Panel::Import => Some(html! { <ImportDialog on_close={close_panel.clone()} /> }),
    };
    html! {
        <>
            <details class="work-file">
                <summary title="Share a link, keep named scenarios, download your work or open a file">{ "File" }</summary>
                <div class="work-file-menu" role="group" aria-label="Share and keep your work">
                    <button type="button" onclick={on_copy_link}>{ "Copy link" }</button>
                    <p class="menu-hint">{ "A link that opens what is on screen, for someone else or for later." }</p>
                    <button type="button" onclick={show(Panel::Save)}>{ "Save as a named scenario…" }</button>
                    <button type="button" onclick={show(Panel::Library)}>{ format!("Named scenarios ({})…", store.scenarios.len()) }</button>
                    <p class="menu-hint">{ "Kept in this browser: open, rename, duplicate, export or delete them." }</p>
                    <button type="button" onclick={on_export_all}>{ "Export all scenarios" }</button>
                    <button type="button" onclick={on_choose_import}>{ "Import scenarios…" }</button>
                    <p class="menu-hint">{ "A scenario file: its scenarios are added to yours; nothing is replaced." }</p>
                    <hr />
                    <button type="button" onclick={on_download}>{ "Download my work" }</button>
                    <p class="menu-hint">{ "A scenario file to keep, send or open later." }</p>
                    <button type="button" onclick={on_choose}>{ "Open a file…" }</button>
                    <p class="menu-hint">{ "A scenario file, or a chart picture exported from Risk Explorer (or drop one on the page); you are asked before it replaces anything." }</p>
                    <hr />
                    <button type="button" onclick={show(Panel::Import)} data-open-import="">{ "Use your own register…" }</button>
                    <p class="menu-hint">{ "Import your organisation's register (CSV, Excel, OpenDocument) or a whole dataset (JSON); your work is kept first." }</p>
                    <UseBuiltin />
                    <hr />
                    <a class="menu-item" href="#/pack?print" onclick={Callback::from(|e: MouseEvent| close_menu(&e))}>{ "Print board pack" }</a>
                    <p class="menu-hint">{ "This scenario as an A4 landscape document to print or save as PDF." }</p>
                </div>
                <input type="file" ref={input} class="visually-hidden" tabindex="-1" aria-hidden="true"
                    accept=".json,application/json,.png,image/png,.svg,image/svg+xml" onchange={on_file} data-open-file="" />
                <input type="file" ref={import_input} class="visually-hidden" tabindex="-1" aria-hidden="true"
                    accept=".json,application/json" onchange={on_import} data-import-file="" />
            </details>
            <span class="visually-hidden" role="status" aria-live="polite" data-announce="">{ (*announce).clone() }</span>
            // The question sits over the page (not inside the toolbar), where it is seen.
            { question.map(|q| create_portal(q, gloo::utils::body().into())).unwrap_or_default() }
            { import_question.map(|q| create_portal(q, gloo::utils::body().into())).unwrap_or_default() }
            { over_page.map(|q| create_portal(q, gloo::utils::body().into())).unwrap_or_default() }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LinkDialogProps {
    link: String,
    copied: bool,
    on_close: Callback<()>,
}

/// The link just made, in a read-only field selected for copying (the clipboard may
/// have been refused), with its length.
#[function_component(LinkDialog)]
fn link_dialog(props: &LinkDialogProps) -> Html {
    let field = use_node_ref();
    {
        let field = field.clone();
        use_effect_with(props.link.clone(), move |_| {
            if let Some(i) = field.cast::<HtmlInputElement>() {
                i.focus().ok();
                i.select();
            }
        });
    }
    let (close, on_key) = super::close_handlers(&props.on_close);
    let select = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<HtmlInputElement>().select();
    });
    html! {
        <div class="notice open-file link-dialog" role="dialog" aria-modal="false" aria-labelledby="link-dialog-title" onkeydown={on_key}>
            <h2 id="link-dialog-title">{ if props.copied { "Link copied" } else { "Copy this link" } }</h2>
            <p>
                { if props.copied {
                    "The link is on your clipboard. It opens what is on screen now (only what differs from the defaults), for anyone with Risk Explorer: their own work is not replaced."
                } else {
                    "This browser did not let the page copy it: the link is selected below, copy it with Ctrl+C (⌘C on a Mac). It opens what is on screen now; the person who opens it keeps their own work."
                } }
            </p>
            <label for="share-link">{ format!("Link ({} characters)", crate::format::count(props.link.len() as u64)) }</label>
            <input id="share-link" type="text" readonly=true value={props.link.clone()} ref={field} onfocus={select} />
            <div class="form-actions">
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
