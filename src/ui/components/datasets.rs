//! Your own register: the "Use your own register…" dialog (templates and exports to
//! download, a file to choose, read in the background worker, every fault listed or a
//! summary and a button to switch), the safe switch itself (the work kept as a named
//! scenario first, the imported dataset kept in this browser), the notice with its Undo,
//! and "Use the Trust's built-in dataset".

use super::library::now_stamp;
use super::use_store;
use crate::import::file::{summary, FileOutcome};
use crate::import::{dataset_json, register_csv, MAX_FILE_BYTES};
use crate::model::Dataset;
use crate::share::stored_dataset::{label, Slot};
use crate::state::switch::{DatasetAction, Datasets, InUse};
use crate::state::{Action, Notice};
use crate::ui::storage;
use crate::ui::store::Store;
use crate::ui::worker::SimControl;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Which dataset is in use and how to change it: provided by the app above the
/// workbench (which is re-mounted for each dataset).
#[derive(Clone, PartialEq)]
pub struct DatasetSwitch {
    pub datasets: Datasets,
    pub act: Callback<DatasetAction>,
}

#[hook]
pub fn use_switch() -> DatasetSwitch {
    use_context::<DatasetSwitch>().expect("the app provides the dataset switch")
}

/// Puts `text` in the person's downloads as `name`.
fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    super::export::save(name, gloo::file::Blob::new_with_options(text, Some(mime)))
}

/// Switches to `to` safely: an imported dataset is kept in this browser first (if it
/// cannot be, nothing changes), the work on screen is kept as a named scenario against
/// its dataset, then the app re-mounts on `to`. The message when nothing changed.
pub fn switch_dataset(
    store: &Store,
    switch: &DatasetSwitch,
    to: Rc<Dataset>,
    slot: Option<Slot>,
) -> Result<(), String> {
    let slot = match slot {
        Some(s) => s,
        None => storage::keep_dataset(&to)?,
    };
    if slot == switch.datasets.in_use.slot {
        return Err(format!("{} is already in use.", label(&to)));
    }
    let from = label(&store.dataset);
    let mut note = match store.scenarios_before_switch(&to, &now_stamp()) {
        Some(list) => {
            let name = list.last().map(|s| s.named.name.clone()).unwrap_or_default();
            storage::save_library(&list, &store.dataset).map_err(|why| format!("{why} The switch was not made, so nothing is lost."))?;
            format!("Your work on {from} is kept as the named scenario “{name}” and comes back with Undo or when you switch back.")
        }
        None => format!("Your work on {from} was the defaults; it comes back with Undo or when you switch back."),
    };
    if let Err(why) = storage::remember_in_use(slot) {
        note.push(' ');
        note.push_str(&why);
    }
    switch.act.emit(DatasetAction::SwitchTo {
        to: InUse { dataset: to, slot },
        note,
    });
    Ok(())
}

/// After a switch: which dataset is now in use, what was done with the work, and Undo.
#[function_component(DatasetSwitched)]
pub fn dataset_switched() -> Html {
    let switch = use_switch();
    let (Some(back), Some(note)) = (switch.datasets.undo.clone(), switch.datasets.note.clone())
    else {
        return html! {};
    };
    let undo = {
        let act = switch.act.clone();
        let slot = back.slot;
        Callback::from(move |_: MouseEvent| {
            let _ = storage::remember_in_use(slot);
            act.emit(DatasetAction::Undo);
        })
    };
    let close = {
        let act = switch.act.clone();
        Callback::from(move |_: MouseEvent| act.emit(DatasetAction::Forget))
    };
    let now = &switch.datasets.in_use.dataset;
    html! {
        <div class="notice dataset-switched" role="status" data-dataset-switched="">
            <p>
                <strong>{ format!("Now using {} ({}).", label(now), summary(now)) }</strong>
                { " " }{ note }
            </p>
            <button type="button" class="primary" onclick={undo}>{ format!("Undo: back to {}", back.dataset.meta.name) }</button>
            <button type="button" onclick={close} aria-label="Close this notice">{ "Close" }</button>
        </div>
    }
}

/// What the dialog shows below its downloads.
#[derive(Clone, PartialEq)]
enum Stage {
    Choose,
    Reading(String),
    Refused {
        name: String,
        lines: Vec<String>,
        notes: Vec<String>,
    },
    Ready {
        name: String,
        dataset: Rc<Dataset>,
        notes: Vec<String>,
    },
    /// The switch could not be made; nothing changed.
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    pub on_close: Callback<()>,
}

/// File ▸ Use your own register…
#[function_component(ImportDialog)]
pub fn import_dialog(props: &ImportDialogProps) -> Html {
    let store = use_store();
    let switch = use_switch();
    let sim = use_context::<SimControl>().expect("the app provides the simulation control");
    let stage = use_state(|| Stage::Choose);
    let heading = use_node_ref();
    let result = use_node_ref();
    // Focus: the heading when the dialog opens; back to the File menu when it closes.
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                h.focus().ok();
            }
            || {
                if let Some(s) = gloo::utils::document()
                    .query_selector(".work-file summary")
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    s.focus().ok();
                }
            }
        });
    }
    // The outcome of a read takes the focus, so it is heard and its button is near.
    {
        let result = result.clone();
        use_effect_with((*stage).clone(), move |s| {
            if !matches!(s, Stage::Choose | Stage::Reading(_)) {
                if let Some(r) = result.cast::<web_sys::HtmlElement>() {
                    r.focus().ok();
                }
            }
        });
    }
    let (close, on_key) = super::close_handlers(&props.on_close);
    let notify = |store: &Store, text: String| {
        store.dispatch(Action::Notify(Notice {
            text,
            is_problem: true,
        }))
    };
    let on_template = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            if let Err(why) = download(
                "risk-register-template.csv",
                &register_csv::template(),
                "text/csv",
            ) {
                notify(
                    &store,
                    format!("The template could not be downloaded: {why}."),
                );
            }
        })
    };
    let on_trust_register = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let text = Dataset::builtin()
                .map(|ds| register_csv::export_register_csv(&ds))
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    download(
                        "birmingham-childrens-trust-risk-register.csv",
                        &t,
                        "text/csv",
                    )
                });
            if let Err(why) = text {
                notify(
                    &store,
                    format!("The Trust's register could not be downloaded: {why}."),
                );
            }
        })
    };
    let on_dataset_json = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let name =
                crate::share::file::file_name(&format!("dataset {}", store.dataset.meta.name), "");
            if let Err(why) = download(
                &name,
                &dataset_json::write(&store.dataset),
                "application/json",
            ) {
                notify(
                    &store,
                    format!("The dataset could not be downloaded: {why}."),
                );
            }
        })
    };
    let on_file = {
        let stage = stage.clone();
        let store = store.clone();
        let sim = sim.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let Some(chosen) = el.files().and_then(|f| f.get(0)) else {
                return;
            };
            el.set_value("");
            let name: String = chosen.name().chars().take(120).collect();
            if chosen.size() > (MAX_FILE_BYTES * 5) as f64 {
                stage.set(Stage::Refused {
                    lines: vec![format!(
                        "“{name}” is {:.1} MB; a register or dataset is at most {} MB. Nothing has changed.",
                        chosen.size() / 1e6,
                        MAX_FILE_BYTES * 5 / 1_000_000
                    )],
                    name,
                    notes: Vec::new(),
                });
                return;
            }
            stage.set(Stage::Reading(name.clone()));
            let stage = stage.clone();
            let dataset = Rc::clone(&store.dataset);
            let sim = sim.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let blob = gloo::file::File::from(chosen);
                let bytes = match gloo::file::futures::read_as_bytes(&blob).await {
                    Ok(b) => b,
                    Err(_) => {
                        stage.set(Stage::Refused {
                            lines: vec![format!("“{name}” could not be read (the browser refused it). Nothing has changed.")],
                            name,
                            notes: Vec::new(),
                        });
                        return;
                    }
                };
                let hear = {
                    let stage = stage.clone();
                    let name = name.clone();
                    Callback::from(move |outcome: FileOutcome| {
                        stage.set(match outcome {
                            FileOutcome::Read { dataset_json, notes } => match Dataset::from_json(&dataset_json) {
                                Ok(ds) => Stage::Ready {
                                    name: name.clone(),
                                    dataset: Rc::new(ds),
                                    notes,
                                },
                                Err(e) => Stage::Refused {
                                    name: name.clone(),
                                    lines: vec![format!("The file was read but its dataset did not check out ({}: {}). Nothing has changed.", e.field, e.message)],
                                    notes,
                                },
                            },
                            FileOutcome::Refused { lines, notes } => Stage::Refused {
                                name: name.clone(),
                                lines,
                                notes,
                            },
                        })
                    })
                };
                sim.read_file(&name, &bytes, &dataset, hear);
            });
        })
    };
    let on_switch = {
        let stage = stage.clone();
        let store = store.clone();
        let switch = switch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Stage::Ready { dataset, .. } = &*stage {
                if let Err(why) = switch_dataset(&store, &switch, Rc::clone(dataset), None) {
                    stage.set(Stage::Failed(why));
                }
            }
        })
    };
    let outcome = match &*stage {
        Stage::Choose => html! {},
        Stage::Reading(name) => html! {
            <p class="import-reading" role="status">{ format!("Reading “{name}”…") }</p>
        },
        Stage::Refused { name, lines, notes } => html! {
            <div class="import-result problem" role="alert" tabindex="-1" ref={result.clone()} data-import-refused="">
                <h3>{ format!("“{name}” was not imported. Nothing has changed.") }</h3>
                <ul class="import-faults" aria-label="What is wrong in the file">
                    { for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                </ul>
                if !notes.is_empty() {
                    <ul class="import-notes" aria-label="Notes">
                        { for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                }
                <p>{ "Correct the file and choose it again." }</p>
            </div>
        },
        Stage::Ready {
            name,
            dataset,
            notes,
        } => html! {
            <div class="import-result ready" tabindex="-1" ref={result.clone()} data-import-ready="">
                <h3>{ format!("“{name}” is ready: {}.", summary(dataset)) }</h3>
                <p>{ format!("Switching uses it in every view in place of {}. Your work now is kept first (as a named scenario against {}), and the switch can be undone.", label(&store.dataset), store.dataset.meta.name) }</p>
                if !notes.is_empty() {
                    <ul class="import-notes" aria-label="What to know about it">
                        { for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                }
                <button type="button" class="primary" onclick={on_switch}>{ format!("Switch to {}", dataset.meta.name) }</button>
            </div>
        },
        Stage::Failed(why) => html! {
            <div class="import-result problem" role="alert" tabindex="-1" ref={result.clone()}>
                <p>{ why.clone() }</p>
            </div>
        },
    };
    html! {
        <div class="notice open-file import-dialog" role="dialog" aria-modal="false" aria-labelledby="import-dialog-title" onkeydown={on_key}>
            <h2 id="import-dialog-title" tabindex="-1" ref={heading}>{ "Use your own register" }</h2>
            <p>{ "Bring your organisation's own risk register (3 to 30 risks, on a 4- or 5-level scale) and explore it here as the Trust's is explored. Nothing leaves this computer: the file is read in this browser, and kept in it." }</p>
            <ol class="import-steps">
                <li>
                    { "Download the template (one example row, and a note on what each column means), or the Trust's register in the same format to start from. Fill in one row a risk in Excel or any spreadsheet." }
                    <div class="import-downloads">
                        <button type="button" onclick={on_template} data-download="template">{ "Download the CSV template" }</button>
                        <button type="button" onclick={on_trust_register} data-download="trust-register">{ "Download the Trust's register (CSV)" }</button>
                    </div>
                </li>
                <li>
                    { "Choose the file: CSV, Excel (.xlsx) or OpenDocument (.ods), or a whole dataset as JSON. Each risk gets a default money consequence sized by its impact, marked as an assumption you can edit." }
                    <div class="import-choose">
                        <label for="import-register-file">{ "Register or dataset file" }</label>
                        <input id="import-register-file" type="file" data-import-register=""
                            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.ods,application/vnd.oasis.opendocument.spreadsheet,.json,application/json"
                            onchange={on_file} />
                    </div>
                </li>
            </ol>
            { outcome }
            <p class="import-more">
                { "The whole dataset (register, scales, drivers, consequences and links) as JSON: " }
                <button type="button" class="link-button" onclick={on_dataset_json} data-download="dataset-json">{ "download the dataset in use" }</button>
                { ", edit it and import it again. Its format is described by the " }
                <a href={schema_href()} download="risk-explorer-dataset.schema.json">{ "dataset's JSON Schema" }</a>
                { "." }
            </p>
            <div class="form-actions">
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}

/// The JSON Schema of the dataset format, shipped beside the page.
pub const SCHEMA_FILE: &str = "dataset.schema.json";

/// Where the schema's links point: the file beside the page, or in the single file (which
/// has nothing beside it) the Blob URL its build puts in `window.RISK_EXPLORER_SCHEMA_URL`.
pub fn schema_href() -> AttrValue {
    crate::ui::window_value("RISK_EXPLORER_SCHEMA_URL")
        .and_then(|v| v.as_string())
        .filter(|u| u.starts_with("blob:"))
        .map_or(AttrValue::Static(SCHEMA_FILE), AttrValue::from)
}

/// File ▸ Use the Trust's built-in dataset (disabled while it is in use).
#[function_component(UseBuiltin)]
pub fn use_builtin() -> Html {
    let store = use_store();
    let switch = use_switch();
    let builtin = switch.datasets.in_use.slot == Slot::Builtin;
    let onclick = {
        let store = store.clone();
        let switch = switch.clone();
        Callback::from(move |e: MouseEvent| {
            super::work_file::close_menu(&e);
            let result = Dataset::builtin()
                .map_err(|e| e.to_string())
                .and_then(|ds| switch_dataset(&store, &switch, Rc::new(ds), Some(Slot::Builtin)));
            if let Err(why) = result {
                store.dispatch(Action::Notify(Notice {
                    text: why,
                    is_problem: true,
                }));
            }
        })
    };
    html! {
        <button type="button" onclick={onclick} disabled={builtin} data-use-builtin="">{ "Use the Trust's built-in dataset" }</button>
    }
}
