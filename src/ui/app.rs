//! The app shell: dataset, the one state, routing by fragment, autosave, shortcuts.

use super::components::DatasetSwitch;
use super::components::DatasetSwitched;
use super::components::{
    address_fragment, open_payload, replace_fragment, CiteTip, Header, LibraryProblem,
    Notice as NoticeBar, Presenter, SharedBanner, StartPanel, StatusBar, UpdateBar,
};
use super::storage;
use super::store::{initial_state, DatasetHandle, Dispatch, Store};
use super::views;
use super::worker::SimControl;
use crate::model::Dataset;
use crate::share::stored_dataset::Slot;
use crate::share::{library, link, saved};
use crate::state::switch::{DatasetAction, Datasets, InUse};
use crate::state::{Action, OtherWork, Page};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn current_page() -> Page {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    Page::from_fragment(&hash)
}

/// The dataset in use at start-up (an imported one kept in this browser, else the
/// built-in one), and what to tell the person if a kept one could not be opened.
fn first_datasets() -> Result<(Datasets, Option<String>), String> {
    let (slot, kept, problem) = storage::load_dataset();
    let in_use = match kept {
        Some(ds) => InUse {
            dataset: Rc::new(ds),
            slot,
        },
        None => InUse {
            dataset: Rc::new(Dataset::builtin().map_err(|e| e.to_string())?),
            slot: Slot::Builtin,
        },
    };
    Ok((Datasets::new(in_use), problem))
}

/// The app's one property: a dataset to start on instead of the kept or built-in one
/// (the browser tests mount generated registers this way).
#[derive(Properties, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub dataset: Option<Rc<Dataset>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        match (&self.dataset, &other.dataset) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// How long after the app first draws the simulation's workers start (their code is
/// fetched and compiled in their own threads, away from the first view's work).
const WARM_POOL_MS: u32 = 1_500;

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let given = props.dataset.clone();
    let datasets = use_state(move || match given {
        Some(dataset) => {
            let slot = Slot::Imported(dataset.content_hash());
            Ok((Datasets::new(InUse { dataset, slot }), None))
        }
        None => first_datasets(),
    });
    match &*datasets {
        Ok((d, problem)) => {
            // Work and named scenarios are read and written under this dataset's keys.
            storage::set_slot(d.in_use.slot);
            let act = {
                let datasets = datasets.clone();
                let d = d.clone();
                Callback::from(move |action: DatasetAction| {
                    let mut next = d.clone();
                    next.apply(action);
                    datasets.set(Ok((next, None)));
                })
            };
            let switch = DatasetSwitch {
                datasets: d.clone(),
                act,
            };
            // A new dataset re-mounts the workbench: its state, autosave, named
            // scenarios and worker all start from that dataset.
            html! {
                <ContextProvider<DatasetSwitch> context={switch}>
                    <Workbench key={d.in_use.slot.word()} dataset={Rc::clone(&d.in_use.dataset)} problem={problem.clone()} />
                </ContextProvider<DatasetSwitch>>
            }
        }
        Err(e) => html! {
            <main class="fatal" role="alert">
                <h1>{ "Risk Explorer could not start" }</h1>
                <p>{ format!("The built-in dataset is invalid: {e}.") }</p>
            </main>
        },
    }
}

#[derive(Properties)]
struct WorkbenchProps {
    dataset: Rc<Dataset>,
    /// Said once at start: a kept dataset that could not be opened.
    problem: Option<String>,
}

impl PartialEq for WorkbenchProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.dataset, &other.dataset) && self.problem == other.problem
    }
}

#[function_component(Workbench)]
fn workbench(props: &WorkbenchProps) -> Html {
    let dataset = props.dataset.clone();
    let problem = props.problem.clone();
    let store = use_reducer(move || {
        let mut state = initial_state(dataset);
        if let Some(text) = problem {
            let text = match state.notice.take() {
                Some(n) => format!("{text} {}", n.text),
                None => text,
            };
            state.apply(Action::Notify(crate::state::Notice {
                text,
                is_problem: true,
            }));
        }
        state
    });
    let page = use_state(current_page);
    // The start panel: shown until hidden once (remembered apart from the work), and
    // again whenever "Start here" is pressed (which moves focus to it).
    let start_open = use_state(|| !storage::start_dismissed());
    let start_asked = use_state(|| 0u32);
    let close_start = {
        let open = start_open.clone();
        Callback::from(move |()| {
            storage::dismiss_start();
            open.set(false);
        })
    };
    let open_start = {
        let open = start_open.clone();
        let asked = start_asked.clone();
        Callback::from(move |()| {
            open.set(true);
            asked.set(*asked + 1);
        })
    };
    use_effect_with(*start_asked, |asked| {
        if *asked > 0 {
            if let Some(h) = gloo::utils::document().get_element_by_id("start-title") {
                h.scroll_into_view();
                if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        }
    });

    // The share-link payload this page last opened or wrote into the address.
    let in_address = use_mut_ref(|| {
        link::payload_in(&address_fragment())
            .map(str::to_string)
            .unwrap_or_default()
    });

    // Routing: the fragment names the page, so links work on any static host. A new
    // share link pasted into the address opens as a shared scenario (the person's own
    // work waits, as when the page opens with one).
    {
        let page = page.clone();
        let dispatcher = store.dispatcher();
        let dataset = Rc::clone(&store.dataset);
        let in_address = in_address.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                page.set(current_page());
                let fragment = address_fragment();
                if let Some(payload) = link::payload_in(&fragment) {
                    if *in_address.borrow() != payload {
                        *in_address.borrow_mut() = payload.to_string();
                        let action = open_payload(&dataset, payload);
                        if matches!(action, Action::Notify(_)) {
                            replace_fragment(&format!("#/{}", current_page().slug()));
                        }
                        dispatcher.dispatch(action);
                    }
                }
            });
            move || drop(listener)
        });
    }

    // While a shared scenario is on screen, the address carries it (so a reload or a
    // bookmark keeps it): rewritten in place half a second after the last change, never
    // a new history entry per edit. Back on the person's own work, the address is the
    // page alone.
    {
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        let in_address = in_address.clone();
        let dataset = Rc::clone(&store.dataset);
        use_effect_with(
            (
                store.shared.is_some(),
                store.workspace.clone(),
                store.view.clone(),
                *page,
            ),
            move |(shared, ws, view, page)| {
                timer.borrow_mut().take();
                if *shared {
                    let (ws, view, page) = (ws.clone(), view.clone(), *page);
                    *timer.borrow_mut() =
                        Some(gloo::timers::callback::Timeout::new(500, move || {
                            let payload = link::encode(
                                &link::Shared {
                                    workspace: ws,
                                    view,
                                },
                                &dataset,
                            );
                            replace_fragment(&link::fragment_for(page.slug(), &payload));
                            *in_address.borrow_mut() = payload;
                        }));
                } else if link::payload_in(&address_fragment()).is_some() {
                    replace_fragment(&format!("#/{}", page.slug()));
                    in_address.borrow_mut().clear();
                }
            },
        );
    }

    // After a page change, move focus to the page heading for keyboard and screen-reader users.
    use_effect_with(*page, |_| {
        if let Some(h) = gloo::utils::document()
            .query_selector("main h1")
            .ok()
            .flatten()
        {
            if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    });

    // Autosave after every change. A failure is always reported (in its own bar, whatever
    // else is on screen) and the report clears when a save works again. A save never
    // writes over a newer one from another tab: that tab's work is followed, or, when this
    // tab has edits of its own, the person chooses.
    {
        let dispatcher = store.dispatcher();
        let problem = store.saving.problem.clone();
        let seen = store.saving.revision;
        let dataset = Rc::clone(&store.dataset);
        use_effect_with(
            (
                store.workspace.clone(),
                store.view.clone(),
                store.saving.waiting(),
                store.shared.is_some(),
            ),
            move |(ws, view, waiting, shared)| {
                // Held: the unreadable save is the only copy, or two tabs disagree; never
                // write over either unasked. A shared scenario on screen is not the
                // person's work: what is saved stays theirs until they choose.
                if *waiting || *shared {
                    return;
                }
                match storage::save(ws, view, seen) {
                    storage::SaveOutcome::Saved(revision) => {
                        dispatcher.dispatch(Action::Saved {
                            revision,
                            workspace: Box::new(ws.clone()),
                        });
                        if problem.is_some() {
                            dispatcher.dispatch(Action::SaveWorked);
                        }
                    }
                    storage::SaveOutcome::Newer { revision, text } => {
                        if let Ok((workspace, _)) = saved::decode(&text, &dataset) {
                            dispatcher.dispatch(Action::OtherTabSaved(OtherWork {
                                revision,
                                workspace,
                            }));
                        }
                    }
                    storage::SaveOutcome::Failed(msg) if problem.as_ref() != Some(&msg) => {
                        dispatcher.dispatch(Action::SaveFailed(msg))
                    }
                    storage::SaveOutcome::Failed(_) => {}
                }
            },
        );
    }

    // The named scenarios are written after every change to the list (not to the work).
    // A failure is reported until a write works again; the list stays on screen.
    {
        let dispatcher = store.dispatcher();
        let problem = store.library.problem.clone();
        let dataset = Rc::clone(&store.dataset);
        use_effect_with(
            (store.scenarios.clone(), store.library.held),
            move |(list, held)| {
                if *held {
                    return;
                }
                match storage::save_library(list, &dataset) {
                    Ok(()) if problem.is_some() => {
                        dispatcher.dispatch(Action::LibraryProblem(None))
                    }
                    Ok(()) => {}
                    Err(msg) if problem.as_ref() != Some(&msg) => {
                        dispatcher.dispatch(Action::LibraryProblem(Some(msg)))
                    }
                    Err(_) => {}
                }
            },
        );
    }

    // Another tab saved: follow it, or ask (see the autosave above).
    {
        let dispatcher = store.dispatcher();
        let dataset = Rc::clone(&store.dataset);
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() == Some(storage::library_key().as_str()) {
                    // Another tab changed the named scenarios: show its list.
                    if let Some(Ok(lib)) = e.new_value().map(|t| library::decode(&t, &dataset)) {
                        dispatcher.dispatch(Action::LoadScenarios(lib.scenarios));
                    }
                    return;
                }
                if e.key().as_deref() != Some(storage::working_key().as_str()) {
                    return;
                }
                let Some(text) = e.new_value() else {
                    return;
                };
                if let Ok(d) = saved::decode_with_notes(&text, &dataset) {
                    dispatcher.dispatch(Action::OtherTabSaved(OtherWork {
                        revision: d.revision,
                        workspace: d.workspace,
                    }));
                }
            });
            move || drop(listener)
        });
    }

    // Undo: Ctrl+Z; redo: Ctrl+Shift+Z or Ctrl+Y. Text fields keep their own undo.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            // Not passive: the shortcut must stop the browser's own undo.
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) {
                        return;
                    }
                    let in_text = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .is_some_and(|i| i.type_() == "text");
                    if in_text {
                        return;
                    }
                    let key = e.key().to_lowercase();
                    let action = match (key.as_str(), e.shift_key()) {
                        ("z", false) => Action::Undo,
                        ("z", true) | ("y", _) => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatcher.dispatch(action);
                },
            );
            move || drop(listener)
        });
    }

    let body = match *page {
        Page::Register => html! { <views::Register /> },
        Page::Map => html! { <views::HeatMap /> },
        Page::About => html! { <views::About /> },
        Page::Drivers => html! { <views::Drivers /> },
        Page::Method => html! { <views::Method /> },
        Page::Scenarios => html! { <views::Scenarios /> },
        Page::Simulation => html! { <views::Simulation /> },
        Page::Pack => html! { <views::Pack /> },
        Page::Compare => html! { <views::Compare /> },
    };

    let presenting = store.present.is_some();
    let dataset = DatasetHandle(Rc::clone(&store.dataset));
    let dispatch: Dispatch = store.dispatcher();
    let sim = {
        let d = dispatch.clone();
        use_memo((), move |_| SimControl::new(d))
    };
    {
        // The simulation's workers start once the first view is up and the page is quiet.
        let sim = Rc::clone(&sim);
        let dataset = Rc::clone(&store.dataset);
        use_effect_with((), move |_| {
            let warm =
                gloo::timers::callback::Timeout::new(WARM_POOL_MS, move || sim.warm(&dataset));
            move || drop(warm)
        });
    }
    html! {
        <ContextProvider<SimControl> context={(*sim).clone()}>
        <ContextProvider<DatasetHandle> context={dataset}>
        <ContextProvider<Dispatch> context={dispatch}>
        <ContextProvider<Store> context={store}>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <Header page={*page} />
            <StatusBar on_start={open_start} />
            <NoticeBar />
            <DatasetSwitched />
            <UpdateBar />
            <LibraryProblem />
            <SharedBanner />
            <main id="main" class="page" data-page={page.slug()}>
                if *start_open { <StartPanel on_close={close_start} /> }
                { body }
            </main>
            <footer class="footer">
                <p>
                    { "Risk Explorer runs entirely in this browser: nothing you enter leaves this computer. " }
                    { "Figures are illustrative, not a forecast." }
                </p>
            </footer>
            if presenting { <Presenter /> }
            <CiteTip />
        </ContextProvider<Store>>
        </ContextProvider<Dispatch>>
        </ContextProvider<DatasetHandle>>
        </ContextProvider<SimControl>>
    }
}
