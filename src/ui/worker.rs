//! The simulation reactor (runs inside the web worker) and the page's side of it: spawning
//! the worker, or, where a worker cannot start, running the same job in slices on the page.

use crate::model::simulation::job::{FromWorker, Job, ToWorker};
use crate::model::simulation::SimRequest;
use crate::model::Dataset;
use crate::state::Action;
use futures::{FutureExt, SinkExt, StreamExt};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew_agent::prelude::*;
use yew_agent::reactor::ReactorBridge;

/// Messages cross as JSON. The default bincode is not self-describing, so it cannot read
/// the workspace's types, which leave empty fields out ("only what differs").
pub struct JsonCodec;

impl yew_agent::Codec for JsonCodec {
    fn encode<I: serde::Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> serde::Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        // Both ends are this build, so a message always reads; if one ever did not,
        // the worker stops and the page runs the simulation itself.
        serde_json::from_str(&text).expect("a message from this build reads")
    }
}

/// How long one slice should take, ms: short enough that a cancel is heard quickly and
/// progress moves smoothly, long enough that messaging costs little.
const SLICE_MS: f64 = 40.0;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Lets the event loop run (messages arrive, outputs leave) and comes straight back.
/// A MessageChannel round trip is not clamped to 4 ms as `setTimeout(0)` is.
pub async fn yield_now() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
    });
    if channel.port2().post_message(&JsValue::NULL).is_ok() {
        let _ = JsFuture::from(promise).await;
    }
    channel.port1().set_onmessage(None);
}

/// Works one slice of a job, adapting the slice's trials to the speed seen so a slice
/// takes about `target_ms`. Returns the trials for the next slice.
pub fn work_slice_for(
    job: &mut Job,
    ds: &Dataset,
    trials: u32,
    target_ms: f64,
    started: f64,
    out: &mut Vec<FromWorker>,
) -> u32 {
    let start = now_ms();
    if let Some(m) = job.work(ds, trials) {
        out.push(m.timed(now_ms() - started));
    }
    out.push(job.progress());
    let took = (now_ms() - start).max(0.1);
    let next = f64::from(trials) * target_ms / took;
    // Grow gently (a slice that ended a phase also summarised it, and took longer).
    next.clamp(50.0, f64::from(trials) * 2.0).min(200_000.0) as u32
}

#[reactor(SimWorker)]
pub async fn sim_worker(mut scope: ReactorScope<ToWorker, FromWorker>) {
    let ds = match Dataset::builtin() {
        Ok(ds) => ds,
        Err(_) => return,
    };
    let mut job: Option<Job> = None;
    let mut trials = 500u32;
    let mut started = 0.0;
    loop {
        // Take every message that has arrived; wait for one only when idle.
        let next = if job.is_some() {
            scope.next().now_or_never()
        } else {
            Some(scope.next().await)
        };
        match next {
            Some(None) => return,
            Some(Some(ToWorker::Run { id, request })) => {
                started = now_ms();
                job = Some(Job::new(id, *request, &ds));
                continue;
            }
            Some(Some(ToWorker::Cancel { id })) => {
                if job.as_ref().is_some_and(|j| j.id == id) {
                    job = None;
                    let _ = scope.send(FromWorker::Cancelled { id }).await;
                }
                continue;
            }
            None => {}
        }
        if let Some(j) = job.as_mut() {
            let mut out = Vec::new();
            trials = work_slice_for(j, &ds, trials, SLICE_MS, started, &mut out);
            for m in out {
                if scope.send(m).await.is_err() {
                    return;
                }
            }
            if j.is_done() {
                job = None;
            }
        }
        yield_now().await;
    }
}

/// Where runs happen: the web worker, or the page itself in slices.
enum Backend {
    Worker(Rc<RefCell<ReactorBridge<SimWorker>>>),
    Page,
}

struct ControlInner {
    backend: RefCell<Option<Backend>>,
    dispatch: crate::ui::components::Dispatch,
    /// The id of the run the page backend should be working (others stop).
    current: Rc<Cell<u32>>,
    /// Whether the worker has said anything yet (a worker that never loads is replaced).
    heard: Rc<Cell<bool>>,
    dataset: Rc<Dataset>,
}

/// Starts and cancels simulation runs; shared through context.
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
    pub fn new(dispatch: crate::ui::components::Dispatch, dataset: Rc<Dataset>) -> SimControl {
        SimControl(Rc::new(ControlInner {
            backend: RefCell::new(None),
            dispatch,
            current: Rc::new(Cell::new(u32::MAX)),
            heard: Rc::new(Cell::new(false)),
            dataset,
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
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let msg =
                    futures::future::poll_fn(|cx| reader.borrow_mut().poll_next_unpin(cx)).await;
                match msg {
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

    /// Starts run `id` (the state's next id), replacing any run under way.
    pub fn start(&self, id: u32, request: SimRequest) {
        self.0.dispatch.dispatch(Action::SimStarted {
            id,
            request: Box::new(request.clone()),
        });
        let worker = match &*self.backend() {
            Some(Backend::Worker(b)) => Some(Rc::clone(b)),
            _ => None,
        };
        match worker {
            Some(bridge) => {
                bridge.borrow().send_input(ToWorker::Run {
                    id,
                    request: Box::new(request.clone()),
                });
                if !self.0.heard.get() {
                    // A worker that has not spoken within a few seconds did not load (a
                    // blocked or missing script): run on the page instead.
                    let this = self.clone();
                    gloo::timers::callback::Timeout::new(6_000, move || {
                        let still_worker =
                            matches!(&*this.0.backend.borrow(), Some(Backend::Worker(_)));
                        if !this.0.heard.get() && still_worker {
                            *this.0.backend.borrow_mut() = Some(Backend::Page);
                            this.run_on_page(id, request);
                        }
                    })
                    .forget();
                }
            }
            None => self.run_on_page(id, request),
        }
    }

    /// Stops run `id`.
    pub fn cancel(&self, id: u32) {
        if let Some(Backend::Worker(b)) = &*self.0.backend.borrow() {
            b.borrow().send_input(ToWorker::Cancel { id });
        }
        if self.0.current.get() == id {
            self.0.current.set(u32::MAX);
        }
        self.0.dispatch.dispatch(Action::SimCancelled);
    }

    /// Works the run on the page in short slices, yielding between them so the page
    /// stays responsive; stops when another run starts or this one is cancelled.
    fn run_on_page(&self, id: u32, request: SimRequest) {
        self.0.current.set(id);
        let current = Rc::clone(&self.0.current);
        let dispatch = self.0.dispatch.clone();
        let ds = Rc::clone(&self.0.dataset);
        wasm_bindgen_futures::spawn_local(async move {
            let started = now_ms();
            let mut job = Job::new(id, request, &ds);
            let mut trials = 200;
            while current.get() == id && !job.is_done() {
                let mut out = Vec::new();
                trials = work_slice_for(&mut job, &ds, trials, PAGE_SLICE_MS, started, &mut out);
                for m in out {
                    dispatch.dispatch(Action::SimHeard(Box::new(m)));
                }
                // Let the page paint and take clicks before the next slice.
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
        });
    }
}

/// Slices on the page are shorter than in the worker: the page must stay responsive.
const PAGE_SLICE_MS: f64 = 12.0;
