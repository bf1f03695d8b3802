//! The page's side of the simulation: starts runs in the web worker (sending it the
//! dataset the page shows), or, where a worker cannot start, works the same job in
//! short slices on the page. Shared through context; see `ui::hooks::use_auto_run` for
//! when runs start.

use super::reactor::{next_slice, now_ms, timed, JsonCodec, SimWorker};
use crate::import::file::FileOutcome;
use crate::model::simulation::job::{FromWorker, Job, ToWorker};
use crate::model::simulation::SimRequest;
use crate::model::Dataset;
use crate::state::Action;
use crate::ui::store::Dispatch;
use futures::StreamExt;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::Callback;
use yew_agent::prelude::*;
use yew_agent::reactor::ReactorBridge;

/// Slices on the page are shorter than in the worker: the page must stay responsive.
const PAGE_SLICE_MS: f64 = 12.0;

/// A worker that has not spoken within this long did not load: run on the page.
const WORKER_SILENCE_MS: u32 = 6_000;

/// Why a file cannot be imported where no background worker runs.
const NO_WORKER: &str = "Importing needs the page's background worker, which this browser did not start (workers may be switched off, or the page was opened in a way that does not allow them). Nothing has changed. Open Risk Explorer from its web address in a current browser to import a register.";

/// Where runs happen: the web worker, or the page itself in slices.
enum Backend {
    Worker(Rc<RefCell<ReactorBridge<SimWorker>>>),
    Page,
}

/// The dataset as sent to the worker, computed once per dataset.
struct Sendable {
    dataset: Rc<Dataset>,
    hash: u64,
    json: String,
}

/// A file read under way: its number, and who hears the answer.
type Reading = (u32, Callback<FileOutcome>);

struct ControlInner {
    backend: RefCell<Option<Backend>>,
    dispatch: Dispatch,
    /// Bumped for every run started on the page: a slice loop whose number is no longer
    /// current stops, so two quick starts never leave two loops working.
    page_run: Rc<Cell<u64>>,
    /// Whether the worker has said anything yet (a worker that never loads is replaced).
    heard: Rc<Cell<bool>>,
    /// The hash of the dataset the worker holds.
    sent: Cell<Option<u64>>,
    sendable: RefCell<Option<Rc<Sendable>>>,
    /// The file read under way for the import dialog: its number and who hears the answer.
    reading: Rc<RefCell<Option<Reading>>>,
    reads: Cell<u32>,
}

/// Starts and cancels simulation runs.
#[derive(Clone)]
pub struct SimControl(Rc<ControlInner>);

impl PartialEq for SimControl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The worker's loader script: the single-file build provides a Blob URL in
/// `window.RISK_EXPLORER_WORKER_URL`; served pages use the file beside the page. None
/// when workers are unavailable (or turned off with `window.RISK_EXPLORER_NO_WORKER`).
fn worker_url() -> Option<String> {
    let window = gloo::utils::window();
    let get = |name: &str| js_sys::Reflect::get(&window, &JsValue::from_str(name)).ok();
    if get("RISK_EXPLORER_NO_WORKER").is_some_and(|v| v.is_truthy()) {
        return None;
    }
    if !get("Worker").is_some_and(|v| v.is_function()) {
        return None;
    }
    if let Some(url) = get("RISK_EXPLORER_WORKER_URL").and_then(|v| v.as_string()) {
        return Some(url);
    }
    let protocol = window.location().protocol().unwrap_or_default();
    (protocol == "http:" || protocol == "https:").then(|| "worker_loader.js".to_string())
}

impl SimControl {
    pub fn new(dispatch: Dispatch) -> SimControl {
        SimControl(Rc::new(ControlInner {
            backend: RefCell::new(None),
            dispatch,
            page_run: Rc::new(Cell::new(0)),
            heard: Rc::new(Cell::new(false)),
            sent: Cell::new(None),
            sendable: RefCell::new(None),
            reading: Rc::new(RefCell::new(None)),
            reads: Cell::new(0),
        }))
    }

    /// "worker" or "page": where runs happen (shown in the method note and tests).
    pub fn mode(&self) -> &'static str {
        match &*self.0.backend.borrow() {
            Some(Backend::Page) => "page",
            Some(Backend::Worker(_)) => "worker",
            None => "not started",
        }
    }

    fn backend(&self) -> std::cell::Ref<'_, Option<Backend>> {
        if self.0.backend.borrow().is_none() {
            let backend = match worker_url() {
                Some(url) => Backend::Worker(self.spawn(&url)),
                None => Backend::Page,
            };
            *self.0.backend.borrow_mut() = Some(backend);
        }
        self.0.backend.borrow()
    }

    fn spawn(&self, url: &str) -> Rc<RefCell<ReactorBridge<SimWorker>>> {
        let bridge = Rc::new(RefCell::new(
            SimWorker::spawner()
                .encoding::<JsonCodec>()
                .with_loader(true)
                .as_module(false)
                .spawn(url),
        ));
        let reader = Rc::clone(&bridge);
        let dispatch = self.0.dispatch.clone();
        let heard = Rc::clone(&self.0.heard);
        let reading = Rc::clone(&self.0.reading);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let msg =
                    futures::future::poll_fn(|cx| reader.borrow_mut().poll_next_unpin(cx)).await;
                match msg {
                    Some(FromWorker::FileRead { id, outcome }) => {
                        heard.set(true);
                        let waiting = reading.borrow_mut().take_if(|(n, _)| *n == id);
                        if let Some((_, hear)) = waiting {
                            hear.emit(*outcome);
                        }
                    }
                    Some(m) => {
                        heard.set(true);
                        dispatch.dispatch(Action::SimHeard(Box::new(m)));
                    }
                    None => break,
                }
            }
        });
        bridge
    }

    /// The dataset's hash and JSON, worked out once per dataset.
    fn sendable(&self, dataset: &Rc<Dataset>) -> Rc<Sendable> {
        let mut cache = self.0.sendable.borrow_mut();
        match &*cache {
            Some(s) if Rc::ptr_eq(&s.dataset, dataset) => Rc::clone(s),
            _ => {
                let json = dataset.to_compact_json();
                let s = Rc::new(Sendable {
                    dataset: Rc::clone(dataset),
                    hash: crate::model::dataset::content_hash(&json),
                    json,
                });
                *cache = Some(Rc::clone(&s));
                s
            }
        }
    }

    /// Starts run `id` (the state's next id) on `dataset`, replacing any run under way.
    pub fn start(&self, id: u32, request: SimRequest, dataset: &Rc<Dataset>) {
        self.0.dispatch.dispatch(Action::SimStarted {
            id,
            request: Box::new(request.clone()),
        });
        self.send(id, request, dataset);
    }

    /// Starts run `id` for a compared scenario: the same job in the same worker (so it
    /// replaces any run under way); its results are kept apart, by request.
    pub fn start_compare(&self, id: u32, request: SimRequest, dataset: &Rc<Dataset>) {
        self.0.dispatch.dispatch(Action::CompareSimStarted {
            id,
            request: Box::new(request.clone()),
        });
        self.send(id, request, dataset);
    }

    /// Sends the worker `dataset` unless it holds it already; its hash.
    fn send_dataset(
        &self,
        bridge: &RefCell<ReactorBridge<SimWorker>>,
        dataset: &Rc<Dataset>,
    ) -> u64 {
        let data = self.sendable(dataset);
        if self.0.sent.get() != Some(data.hash) {
            bridge.borrow().send_input(ToWorker::Dataset {
                hash: data.hash,
                json: data.json.clone(),
            });
            self.0.sent.set(Some(data.hash));
        }
        data.hash
    }

    /// Reads a file chosen for import in the worker (whose build has the spreadsheet
    /// readers, which the page's does not): `hear` is told what came of it. A register
    /// takes its drivers and money figures from `dataset`. Without a worker the page
    /// says plainly that importing needs it.
    pub fn read_file(
        &self,
        name: &str,
        bytes: &[u8],
        dataset: &Rc<Dataset>,
        hear: Callback<FileOutcome>,
    ) {
        use base64::Engine;
        let worker = match &*self.backend() {
            Some(Backend::Worker(b)) => Some(Rc::clone(b)),
            _ => None,
        };
        let Some(bridge) = worker else {
            hear.emit(FileOutcome::Refused {
                lines: vec![NO_WORKER.to_string()],
                notes: Vec::new(),
            });
            return;
        };
        let id = self.0.reads.get() + 1;
        self.0.reads.set(id);
        *self.0.reading.borrow_mut() = Some((id, hear));
        let hash = self.send_dataset(&bridge, dataset);
        bridge.borrow().send_input(ToWorker::ReadFile {
            id,
            name: name.to_string(),
            base64: base64::engine::general_purpose::STANDARD.encode(bytes),
            dataset_hash: hash,
        });
        // A worker that never answers (it did not load): say so rather than wait.
        let reading = Rc::clone(&self.0.reading);
        let heard = Rc::clone(&self.0.heard);
        gloo::timers::callback::Timeout::new(WORKER_SILENCE_MS * 2, move || {
            if heard.get() {
                return;
            }
            let waiting = reading.borrow_mut().take_if(|(n, _)| *n == id);
            if let Some((_, hear)) = waiting {
                hear.emit(FileOutcome::Refused {
                    lines: vec![NO_WORKER.to_string()],
                    notes: Vec::new(),
                });
            }
        })
        .forget();
    }

    fn send(&self, id: u32, request: SimRequest, dataset: &Rc<Dataset>) {
        let worker = match &*self.backend() {
            Some(Backend::Worker(b)) => Some(Rc::clone(b)),
            _ => None,
        };
        let Some(bridge) = worker else {
            self.run_on_page(id, request, Rc::clone(dataset));
            return;
        };
        let hash = self.send_dataset(&bridge, dataset);
        bridge.borrow().send_input(ToWorker::Run {
            id,
            request: Box::new(request.clone()),
            dataset_hash: hash,
        });
        if !self.0.heard.get() {
            // A worker that has not spoken within a few seconds did not load (a blocked
            // or missing script): run on the page instead.
            let this = self.clone();
            let dataset = Rc::clone(dataset);
            gloo::timers::callback::Timeout::new(WORKER_SILENCE_MS, move || {
                let still_worker = matches!(&*this.0.backend.borrow(), Some(Backend::Worker(_)));
                if !this.0.heard.get() && still_worker {
                    *this.0.backend.borrow_mut() = Some(Backend::Page);
                    this.run_on_page(id, request, dataset);
                }
            })
            .forget();
        }
    }

    /// Stops run `id`.
    pub fn cancel(&self, id: u32) {
        if let Some(Backend::Worker(b)) = &*self.0.backend.borrow() {
            b.borrow().send_input(ToWorker::Cancel { id });
        }
        // Any slice loop on the page stops at its next slice.
        self.0.page_run.set(self.0.page_run.get() + 1);
        self.0.dispatch.dispatch(Action::SimCancelled);
    }

    /// Works the run on the page in short slices, yielding between them so the page
    /// stays responsive; stops when another run starts or this one is cancelled.
    fn run_on_page(&self, id: u32, request: SimRequest, ds: Rc<Dataset>) {
        let run = self.0.page_run.get() + 1;
        self.0.page_run.set(run);
        let page_run = Rc::clone(&self.0.page_run);
        let dispatch = self.0.dispatch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let started = now_ms();
            let mut job = Job::new(id, request, &ds);
            let mut trials = 200;
            while page_run.get() == run && !job.is_done() {
                let start = now_ms();
                let out = job.slice(&ds, trials);
                trials = next_slice(trials, now_ms() - start, PAGE_SLICE_MS);
                for m in timed(out, started) {
                    dispatch.dispatch(Action::SimHeard(Box::new(m)));
                }
                // Let the page paint and take clicks before the next slice.
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
        });
    }
}
