//! The simulation reactor: runs inside the web worker. It holds no dataset of its own:
//! the page sends the one it shows, and every run names it by its content hash.

use crate::model::simulation::job::{FromWorker, ToWorker, WorkerHost};
use futures::{FutureExt, SinkExt, StreamExt};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew_agent::prelude::*;

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
pub(super) const SLICE_MS: f64 = 40.0;

pub(super) fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The trials for the next slice, from how long this one took, so a slice takes about
/// `target_ms`. Grows gently (a slice that ended a phase also summarised it).
pub(super) fn next_slice(trials: u32, took_ms: f64, target_ms: f64) -> u32 {
    let next = f64::from(trials) * target_ms / took_ms.max(0.1);
    next.clamp(50.0, f64::from(trials) * 2.0).min(200_000.0) as u32
}

/// Adds the time since the job started to results leaving the worker.
pub(super) fn timed(out: Vec<FromWorker>, started: f64) -> Vec<FromWorker> {
    let elapsed = now_ms() - started;
    out.into_iter().map(|m| m.timed(elapsed)).collect()
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

#[reactor(SimWorker)]
pub async fn sim_worker(mut scope: ReactorScope<ToWorker, FromWorker>) {
    let mut host = WorkerHost::default();
    let mut trials = 500u32;
    let mut started = 0.0;
    loop {
        // Take every message that has arrived; wait for one only when idle.
        let next = if host.is_busy() {
            scope.next().now_or_never()
        } else {
            Some(scope.next().await)
        };
        match next {
            Some(None) => return,
            Some(Some(msg)) => {
                if matches!(msg, ToWorker::Run { .. }) {
                    started = now_ms();
                }
                if let Some(reply) = host.hear(msg) {
                    if scope.send(reply).await.is_err() {
                        return;
                    }
                }
                continue;
            }
            None => {}
        }
        if host.is_busy() {
            let start = now_ms();
            let out = timed(host.work(trials), started);
            trials = next_slice(trials, now_ms() - start, SLICE_MS);
            for m in out {
                if scope.send(m).await.is_err() {
                    return;
                }
            }
        }
        yield_now().await;
    }
}
