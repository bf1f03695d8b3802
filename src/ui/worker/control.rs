//! The page's side of the simulation: a pool of web workers (one per core, up to
//! [`MAX_WORKERS`]), started once and reused. Each run is split into equal parts, one
//! per worker; each worker is sent the dataset the page shows (once per dataset) and
//! its part of the run, and sends back progress and, at each rating, the tally of its
//! trials; the page adds the tallies up (exactly: the same seed gives the same numbers
//! whatever the number of workers) and summarises them. Where no worker can start, the
//! same job runs in short slices on the page. Shared through context; see
//! `ui::hooks::use_auto_run` for when runs start.

use super::reactor::{next_slice, JsonCodec, SimWorker};
use crate::import::file::FileOutcome;
use crate::model::simulation::job::{parts_for, FromWorker, Job, Merger, ToWorker};
use crate::model::simulation::SimRequest;
use crate::model::Dataset;
use crate::state::Action;
use crate::ui::store::Dispatch;
use crate::ui::window_value;
use futures::StreamExt;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
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

/// The most workers the pool starts, however many cores the machine reports.
pub const MAX_WORKERS: usize = 8;

type Bridge = ReactorBridge<SimWorker>;

/// Where runs happen: the pool of web workers, or the page itself in slices.
enum Backend {
    Pool(Vec<Rc<RefCell<Bridge>>>),
    Page,
}

/// The dataset as sent to the workers, computed once per dataset.
struct Sendable {
    dataset: Rc<Dataset>,
    hash: u64,
    json: String,
}

/// A file read under way: its number, and who hears the answer.
type Reading = (u32, Callback<FileOutcome>);

/// The run under way in the pool: its parts' tallies are merged here.
struct Running {
    merger: Merger,
    dataset: Rc<Dataset>,
    started: f64,
    /// When progress last went to the state (see [`crate::state::progress_due`]).
    progress_at: Option<f64>,
}

struct ControlInner {
    backend: RefCell<Option<Backend>>,
    dispatch: Dispatch,
    /// Bumped for every run started on the page: a slice loop whose number is no longer
    /// current stops, so two quick starts never leave two loops working.
    page_run: Rc<Cell<u64>>,
    /// Whether any worker has said anything yet (a pool that never loads is replaced).
    heard: Cell<bool>,
    /// The hash of the dataset the workers hold.
    sent: Cell<Option<u64>>,
    sendable: RefCell<Option<Rc<Sendable>>>,
    /// The file read under way for the import dialog: its number and who hears the answer.
    reading: RefCell<Option<Reading>>,
    reads: Cell<u32>,
    running: RefCell<Option<Running>>,
}

/// Whether what the merger gave out holds results (a summary), not only progress.
fn out_has_results(out: &[FromWorker]) -> bool {
    out.iter()
        .any(|m| matches!(m, FromWorker::Main { .. } | FromWorker::Done { .. }))
}

/// Starts and cancels simulation runs.
#[derive(Clone)]
pub struct SimControl(Rc<ControlInner>);

impl PartialEq for SimControl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Milliseconds on the page's clock (sub-millisecond where the browser allows).
fn page_ms() -> f64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The worker's loader script: the single-file build provides a Blob URL in
/// `window.RISK_EXPLORER_WORKER_URL`; served pages use the file beside the page. None
/// when workers are unavailable (or turned off with `window.RISK_EXPLORER_NO_WORKER`).
fn worker_url() -> Option<String> {
    if window_value("RISK_EXPLORER_NO_WORKER").is_some_and(|v| v.is_truthy()) {
        return None;
    }
    if !window_value("Worker").is_some_and(|v| v.is_function()) {
        return None;
    }
    if let Some(url) = window_value("RISK_EXPLORER_WORKER_URL").and_then(|v| v.as_string()) {
        return Some(url);
    }
    let protocol = gloo::utils::window()
        .location()
        .protocol()
        .unwrap_or_default();
    (protocol == "http:" || protocol == "https:").then(|| "worker_loader.js".to_string())
}

/// How many workers to start: `window.RISK_EXPLORER_WORKERS` where set (the benchmark
/// compares pool sizes), else the cores the browser reports, from 1 to [`MAX_WORKERS`].
fn pool_size() -> usize {
    let chosen = window_value("RISK_EXPLORER_WORKERS").and_then(|v| v.as_f64());
    let cores = || {
        window_value("navigator")
            .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("hardwareConcurrency")).ok())
            .and_then(|v| v.as_f64())
    };
    let n = chosen.or_else(cores).unwrap_or(1.0);
    if n.is_finite() {
        (n as usize).clamp(1, MAX_WORKERS)
    } else {
        1
    }
}

impl SimControl {
    pub fn new(dispatch: Dispatch) -> SimControl {
        SimControl(Rc::new(ControlInner {
            backend: RefCell::new(None),
            dispatch,
            page_run: Rc::new(Cell::new(0)),
            heard: Cell::new(false),
            sent: Cell::new(None),
            sendable: RefCell::new(None),
            reading: RefCell::new(None),
            reads: Cell::new(0),
            running: RefCell::new(None),
        }))
    }

    /// "worker" or "page": where runs happen (shown in the method note and tests).
    pub fn mode(&self) -> &'static str {
        match &*self.0.backend.borrow() {
            Some(Backend::Page) => "page",
            Some(Backend::Pool(_)) => "worker",
            None => "not started",
        }
    }

    /// How many workers share a run (0 on the page or before the first run).
    pub fn workers(&self) -> usize {
        match &*self.0.backend.borrow() {
            Some(Backend::Pool(p)) => p.len(),
            _ => 0,
        }
    }

    fn backend(&self) -> std::cell::Ref<'_, Option<Backend>> {
        if self.0.backend.borrow().is_none() {
            let backend = match worker_url() {
                Some(url) => {
                    let size = pool_size();
                    // Said on the window for the benchmark (how many workers ran).
                    let _ = js_sys::Reflect::set(
                        &gloo::utils::window(),
                        &JsValue::from_str("RISK_EXPLORER_POOL_SIZE"),
                        &JsValue::from_f64(size as f64),
                    );
                    Backend::Pool((0..size).map(|k| self.spawn(&url, k)).collect())
                }
                None => Backend::Page,
            };
            *self.0.backend.borrow_mut() = Some(backend);
        }
        self.0.backend.borrow()
    }

    /// Starts worker `part` of the pool; what it says goes to [`Self::hear`].
    fn spawn(&self, url: &str, part: usize) -> Rc<RefCell<Bridge>> {
        let bridge = Rc::new(RefCell::new(
            SimWorker::spawner()
                .encoding::<JsonCodec>()
                .with_loader(true)
                .as_module(false)
                .spawn(url),
        ));
        let reader = Rc::clone(&bridge);
        let control: Weak<ControlInner> = Rc::downgrade(&self.0);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let msg =
                    futures::future::poll_fn(|cx| reader.borrow_mut().poll_next_unpin(cx)).await;
                let (Some(m), Some(inner)) = (msg, control.upgrade()) else {
                    break;
                };
                SimControl(inner).hear(part, m);
            }
        });
        bridge
    }

    /// What worker `part` said: merged with the other parts' into what the state hears.
    fn hear(&self, part: usize, msg: FromWorker) {
        self.0.heard.set(true);
        // A file read for the import dialog goes straight to whoever asked.
        let msg = match msg {
            FromWorker::FileRead { id, outcome } => {
                let waiting = self.0.reading.borrow_mut().take_if(|(n, _)| *n == id);
                if let Some((_, hear)) = waiting {
                    hear.emit(*outcome);
                }
                return;
            }
            other => other,
        };
        let out: Vec<FromWorker> = {
            let mut running = self.0.running.borrow_mut();
            let Some(run) = running.as_mut() else {
                return;
            };
            let now = page_ms();
            let mut out = run.merger.hear(part, msg, &run.dataset);
            let elapsed = now - run.started;
            if run.merger.is_over() {
                *running = None;
            } else if out.iter().any(|m| matches!(m, FromWorker::Progress { .. })) {
                if !crate::state::progress_due(now, run.started, run.progress_at) {
                    out.retain(|m| !matches!(m, FromWorker::Progress { .. }));
                } else {
                    run.progress_at = Some(now);
                }
            }
            out.into_iter().map(|m| m.timed(elapsed)).collect()
        };
        // Results are shown in a task of their own: this one has read the parts' tallies
        // and merged them, and showing the results (the view, its figures and charts) in
        // the same task made it the page's longest on a first run (70-100 ms). Progress
        // stays immediate. The state ignores anything for a run no longer current.
        let dispatch = self.0.dispatch.clone();
        let send = move |out: Vec<FromWorker>| {
            for m in out {
                dispatch.dispatch(Action::SimHeard(Box::new(m)));
            }
        };
        if out_has_results(&out) {
            wasm_bindgen_futures::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(0).await;
                send(out);
            });
        } else {
            send(out);
        }
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

    /// Starts run `id` for a compared scenario: the same job in the same workers (so it
    /// replaces any run under way); its results are kept apart, by request.
    pub fn start_compare(&self, id: u32, request: SimRequest, dataset: &Rc<Dataset>) {
        self.0.dispatch.dispatch(Action::CompareSimStarted {
            id,
            request: Box::new(request.clone()),
        });
        self.send(id, request, dataset);
    }

    /// Sends every worker of the pool `dataset` unless they hold it already; its hash.
    fn send_dataset(&self, pool: &[Rc<RefCell<Bridge>>], dataset: &Rc<Dataset>) -> u64 {
        let data = self.sendable(dataset);
        if self.0.sent.get() != Some(data.hash) {
            for bridge in pool {
                bridge.borrow().send_input(ToWorker::Dataset {
                    hash: data.hash,
                    json: data.json.clone(),
                });
            }
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
        let pool = match &*self.backend() {
            Some(Backend::Pool(p)) => Some(p.clone()),
            _ => None,
        };
        let Some(pool) = pool.filter(|p| !p.is_empty()) else {
            hear.emit(FileOutcome::Refused {
                lines: vec![NO_WORKER.to_string()],
                notes: Vec::new(),
            });
            return;
        };
        let id = self.0.reads.get() + 1;
        self.0.reads.set(id);
        *self.0.reading.borrow_mut() = Some((id, hear));
        let hash = self.send_dataset(&pool, dataset);
        pool[0].borrow().send_input(ToWorker::ReadFile {
            id,
            name: name.to_string(),
            base64: base64::engine::general_purpose::STANDARD.encode(bytes),
            dataset_hash: hash,
        });
        // A worker that never answers (it did not load): say so rather than wait.
        let control: Weak<ControlInner> = Rc::downgrade(&self.0);
        gloo::timers::callback::Timeout::new(WORKER_SILENCE_MS * 2, move || {
            let Some(inner) = control.upgrade() else {
                return;
            };
            if inner.heard.get() {
                return;
            }
            let waiting = inner.reading.borrow_mut().take_if(|(n, _)| *n == id);
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
        let pool = match &*self.backend() {
            Some(Backend::Pool(p)) => Some(p.clone()),
            _ => None,
        };
        let Some(pool) = pool else {
            self.run_on_page(id, request, Rc::clone(dataset));
            return;
        };
        let hash = self.send_dataset(&pool, dataset);
        let parts = parts_for(request.settings.cleaned().trials, pool.len());
        let replaced = self.0.running.replace(Some(Running {
            merger: Merger::new(id, request.clone(), parts),
            dataset: Rc::clone(dataset),
            started: page_ms(),
            progress_at: None,
        }));
        for (part, bridge) in pool.iter().enumerate() {
            let part = part as u32;
            if part < parts {
                // A worker drops the job it had for this one.
                bridge.borrow().send_input(ToWorker::Run {
                    id,
                    request: Box::new(request.clone()),
                    dataset_hash: hash,
                    part,
                    parts,
                });
            } else if let Some(old) = &replaced {
                // A worker this run leaves out stops the run it replaces.
                bridge
                    .borrow()
                    .send_input(ToWorker::Cancel { id: old.merger.id });
            }
        }
        if !self.0.heard.get() {
            // A pool that has not spoken within a few seconds did not load (a blocked
            // or missing script): run on the page instead.
            let this = self.clone();
            let dataset = Rc::clone(dataset);
            gloo::timers::callback::Timeout::new(WORKER_SILENCE_MS, move || {
                let still_pool = matches!(&*this.0.backend.borrow(), Some(Backend::Pool(_)));
                if !this.0.heard.get() && still_pool {
                    *this.0.backend.borrow_mut() = Some(Backend::Page);
                    *this.0.running.borrow_mut() = None;
                    this.run_on_page(id, request, dataset);
                }
            })
            .forget();
        }
    }

    /// Gets the pool ready before the first run: starts the workers (they fetch and
    /// compile their code in their own threads) and, in a later task, sends them
    /// `dataset`. Called once the first view is up, so that opening the simulation's
    /// views does not pay for it; the service worker fetches the worker's files after
    /// the first visit's load anyway. Each step is a short task of its own.
    pub fn warm(&self, dataset: &Rc<Dataset>) {
        let pool = match &*self.backend() {
            Some(Backend::Pool(p)) => p.clone(),
            _ => return,
        };
        let this = self.clone();
        let dataset = Rc::clone(dataset);
        gloo::timers::callback::Timeout::new(0, move || {
            this.send_dataset(&pool, &dataset);
        })
        .forget();
    }

    /// Stops run `id` (in every worker).
    pub fn cancel(&self, id: u32) {
        if let Some(Backend::Pool(pool)) = &*self.0.backend.borrow() {
            for bridge in pool {
                bridge.borrow().send_input(ToWorker::Cancel { id });
            }
        }
        if self
            .0
            .running
            .borrow()
            .as_ref()
            .is_some_and(|r| r.merger.id == id)
        {
            *self.0.running.borrow_mut() = None;
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
            let started = page_ms();
            let mut merger = Merger::new(id, request.clone(), 1);
            let mut job = Job::new(id, request, &ds);
            let mut trials = 200;
            while page_run.get() == run && !job.is_done() {
                let start = page_ms();
                let out = job.slice(&ds, trials);
                let heard: Vec<FromWorker> = out
                    .into_iter()
                    .flat_map(|m| merger.hear(0, m, &ds))
                    .collect();
                trials = next_slice(trials, page_ms() - start, PAGE_SLICE_MS);
                let elapsed = page_ms() - started;
                for m in heard {
                    dispatch.dispatch(Action::SimHeard(Box::new(m.timed(elapsed))));
                }
                // Let the page paint and take clicks before the next slice.
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
        });
    }
}
