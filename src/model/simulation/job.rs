//! A simulation job, worked in slices: the chosen rating first (its results can show as
//! soon as they are ready), then the other two ratings for the side-by-side comparison.
//! The web worker drives it between messages; so can the page itself, in slices, where a
//! worker is not available. Also the messages between page and worker.

use super::{digest, RatingDigest, Runner, SimOutput, SimRequest, Summary};
use crate::model::consequences::Consequences;
use crate::model::register::RatingKind;
use crate::model::Dataset;
use serde::{Deserialize, Serialize};

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// The dataset the following runs simulate, as its JSON, with its content hash.
    /// Sent before the first run and again whenever the page's dataset changes, so the
    /// worker always simulates the risks the page shows.
    Dataset { hash: u64, json: String },
    /// Start this job on the dataset with this hash, dropping any other job.
    Run {
        id: u32,
        request: Box<SimRequest>,
        dataset_hash: u64,
    },
    /// Stop the job with this id (if it is still running).
    Cancel { id: u32 },
    /// Read a file the person chose to import (its bytes in base64); a register takes
    /// its drivers and money figures from the dataset with this hash (the built-in one
    /// if the worker holds no other). Answered at once with [`FromWorker::FileRead`];
    /// a run under way carries on.
    ReadFile {
        id: u32,
        name: String,
        base64: String,
        dataset_hash: u64,
    },
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    Progress {
        id: u32,
        done: u64,
        total: u64,
    },
    /// The run at the chosen rating is complete; the comparison is still to come.
    /// `elapsed_ms`: wall-clock time since the job started, filled in by whoever drives
    /// the job (the model has no clock).
    Main {
        id: u32,
        summary: Box<Summary>,
        elapsed_ms: f64,
    },
    /// Everything is complete.
    Done {
        id: u32,
        output: Box<SimOutput>,
        elapsed_ms: f64,
    },
    Cancelled {
        id: u32,
    },
    /// The run could not start; the message says why in plain words.
    Failed {
        id: u32,
        message: String,
    },
    /// What came of [`ToWorker::ReadFile`] `id` (not a simulation run).
    FileRead {
        id: u32,
        outcome: Box<crate::import::file::FileOutcome>,
    },
}

impl FromWorker {
    /// The same message with the time since the job started.
    pub fn timed(self, ms: f64) -> FromWorker {
        match self {
            FromWorker::Main { id, summary, .. } => FromWorker::Main {
                id,
                summary,
                elapsed_ms: ms,
            },
            FromWorker::Done { id, output, .. } => FromWorker::Done {
                id,
                output,
                elapsed_ms: ms,
            },
            other => other,
        }
    }

    pub fn id(&self) -> u32 {
        match self {
            FromWorker::Progress { id, .. }
            | FromWorker::Main { id, .. }
            | FromWorker::Done { id, .. }
            | FromWorker::Cancelled { id }
            | FromWorker::Failed { id, .. }
            | FromWorker::FileRead { id, .. } => *id,
        }
    }
}

/// A job in progress.
pub struct Job {
    pub id: u32,
    request: SimRequest,
    consequences: Consequences,
    order: [RatingKind; 3],
    phase: usize,
    runner: Option<Runner>,
    summary: Option<Summary>,
    digests: Vec<RatingDigest>,
}

impl Job {
    pub fn new(id: u32, request: SimRequest, ds: &Dataset) -> Job {
        let consequences = request.consequences(ds);
        let order = request.rating_order();
        let runner = request.runner(ds, &consequences, order[0]);
        Job {
            id,
            request,
            consequences,
            order,
            phase: 0,
            runner: Some(runner),
            summary: None,
            digests: Vec::new(),
        }
    }

    /// Trials done and to do, over all three ratings.
    pub fn progress(&self) -> FromWorker {
        let per = u64::from(self.request.settings.cleaned().trials);
        let done = self.phase as u64 * per + self.runner.as_ref().map_or(0, |r| r.progress().done);
        FromWorker::Progress {
            id: self.id,
            done: done.min(3 * per),
            total: 3 * per,
        }
    }

    pub fn is_done(&self) -> bool {
        self.runner.is_none()
    }

    /// One slice: up to `trials` more trials, then what the page should hear (results
    /// when ready, then progress). The worker and the page's fallback both drive jobs so.
    pub fn slice(&mut self, ds: &Dataset, trials: u32) -> Vec<FromWorker> {
        let mut out: Vec<FromWorker> = self.work(ds, trials).into_iter().collect();
        out.push(self.progress());
        out
    }

    /// Runs up to `trials` more trials; returns what the page should hear besides
    /// progress: the main summary when the chosen rating completes, the whole output at
    /// the end.
    pub fn work(&mut self, ds: &Dataset, trials: u32) -> Option<FromWorker> {
        let runner = self.runner.as_mut()?;
        if !runner.step(trials) {
            return None;
        }
        let finished = self.runner.take().expect("a runner was running");
        let summary = finished.finish(ds);
        self.digests.push(digest(&summary));
        let first = self.summary.is_none();
        if first {
            self.summary = Some(summary);
        }
        self.phase += 1;
        if self.phase < self.order.len() {
            self.runner = Some(
                self.request
                    .runner(ds, &self.consequences, self.order[self.phase]),
            );
            return first.then(|| FromWorker::Main {
                id: self.id,
                summary: Box::new(self.summary.clone().expect("just set")),
                elapsed_ms: 0.0,
            });
        }
        let mut by_rating = std::mem::take(&mut self.digests);
        by_rating.sort_by_key(|d| d.rating);
        Some(FromWorker::Done {
            id: self.id,
            output: Box::new(SimOutput {
                summary: self.summary.take().expect("the main run finished first"),
                by_rating,
            }),
            elapsed_ms: 0.0,
        })
    }
}

/// The worker's side of the conversation, without the web: the dataset it was sent and
/// the job under way. The web worker (and tests) feed it messages and ask it to work.
#[derive(Default)]
pub struct WorkerHost {
    dataset: Option<(u64, Dataset)>,
    job: Option<Job>,
}

/// Reads a file sent for import, against `base` (or the built-in dataset).
fn read_file(name: &str, base64: &str, base: Option<&Dataset>) -> crate::import::file::FileOutcome {
    use crate::import::file::{outcome, FileOutcome};
    use base64::Engine;
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(base64) else {
        return FileOutcome::Refused {
            lines: vec!["The file did not reach the reader intact; nothing has changed. Try choosing it again.".into()],
            notes: Vec::new(),
        };
    };
    match base {
        Some(ds) => outcome(name, &bytes, ds),
        None => match Dataset::builtin() {
            Ok(ds) => outcome(name, &bytes, &ds),
            Err(e) => FileOutcome::Refused {
                lines: vec![format!(
                    "The built-in dataset could not be read ({e}); nothing has changed."
                )],
                notes: Vec::new(),
            },
        },
    }
}

impl WorkerHost {
    /// The dataset the worker holds, if it is the one with this hash.
    fn dataset_with(&self, hash: u64) -> Option<&Dataset> {
        self.dataset
            .as_ref()
            .filter(|(h, _)| *h == hash)
            .map(|(_, ds)| ds)
    }

    /// Takes one message from the page; returns what to send back at once.
    pub fn hear(&mut self, msg: ToWorker) -> Option<FromWorker> {
        match msg {
            ToWorker::Dataset { hash, json } => {
                if self.dataset.as_ref().is_some_and(|(h, _)| *h == hash) {
                    return None;
                }
                // The page validated this dataset; reading it again costs a millisecond
                // and keeps a damaged message from reaching the simulation.
                self.dataset = Dataset::from_json(&json).ok().map(|ds| (hash, ds));
                self.job = None;
                None
            }
            ToWorker::Run {
                id,
                request,
                dataset_hash,
            } => match &self.dataset {
                Some((hash, ds)) if *hash == dataset_hash => {
                    self.job = Some(Job::new(id, *request, ds));
                    None
                }
                _ => {
                    self.job = None;
                    Some(FromWorker::Failed {
                        id,
                        message: "the simulation was not given the dataset this page shows".into(),
                    })
                }
            },
            ToWorker::Cancel { id } => {
                if self.job.as_ref().is_some_and(|j| j.id == id) {
                    self.job = None;
                    return Some(FromWorker::Cancelled { id });
                }
                None
            }
            ToWorker::ReadFile {
                id,
                name,
                base64,
                dataset_hash,
            } => Some(FromWorker::FileRead {
                id,
                outcome: Box::new(read_file(&name, &base64, self.dataset_with(dataset_hash))),
            }),
        }
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Works up to `trials` trials of the job under way; returns what the page should
    /// hear (results when ready, then progress). Nothing when idle.
    pub fn work(&mut self, trials: u32) -> Vec<FromWorker> {
        let (Some(job), Some((_, ds))) = (self.job.as_mut(), self.dataset.as_ref()) else {
            return Vec::new();
        };
        let out = job.slice(ds, trials);
        if job.is_done() {
            self.job = None;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_in_slices_gives_the_whole_run() {
        let ds = Dataset::builtin().unwrap();
        let mut req = SimRequest::default();
        req.settings.trials = 1_500;
        let whole = req.run(&ds);
        let mut job = Job::new(7, req, &ds);
        let mut heard = Vec::new();
        let mut slices = 0;
        while !job.is_done() {
            if let Some(m) = job.work(&ds, 400) {
                heard.push(m);
            }
            slices += 1;
            match job.progress() {
                FromWorker::Progress { done, total, .. } => {
                    assert!(done <= total);
                    assert_eq!(total, 4_500);
                }
                _ => unreachable!(),
            }
        }
        assert!(slices >= 12);
        assert_eq!(heard.len(), 2);
        match &heard[0] {
            FromWorker::Main { id, summary, .. } => {
                assert_eq!(*id, 7);
                assert_eq!(**summary, whole.summary);
            }
            other => panic!("{other:?}"),
        }
        match &heard[1] {
            FromWorker::Done { output, .. } => assert_eq!(**output, whole),
            other => panic!("{other:?}"),
        }
        assert_eq!(job.work(&ds, 10), None);
    }

    fn dataset_message(ds: &Dataset) -> ToWorker {
        ToWorker::Dataset {
            hash: ds.content_hash(),
            json: ds.to_compact_json(),
        }
    }

    fn run(host: &mut WorkerHost, id: u32, req: &SimRequest, hash: u64) -> Vec<FromWorker> {
        let mut heard: Vec<FromWorker> = host
            .hear(ToWorker::Run {
                id,
                request: Box::new(req.clone()),
                dataset_hash: hash,
            })
            .into_iter()
            .collect();
        while host.is_busy() {
            heard.extend(host.work(700));
        }
        heard
    }

    /// The built-in dataset, a request for `trials` trials and a worker that holds nothing.
    fn fresh(trials: u32) -> (Dataset, SimRequest, WorkerHost) {
        let mut req = SimRequest::default();
        req.settings.trials = trials;
        (Dataset::builtin().unwrap(), req, WorkerHost::default())
    }

    #[test]
    fn the_worker_simulates_the_dataset_it_is_sent() {
        let (ds, req, mut host) = fresh(600);
        // No dataset yet: the run fails with a message, it does not guess.
        let heard = run(&mut host, 1, &req, ds.content_hash());
        assert!(
            matches!(&heard[..], [FromWorker::Failed { id: 1, message }] if message.contains("dataset"))
        );
        assert_eq!(host.hear(dataset_message(&ds)), None);
        let heard = run(&mut host, 2, &req, ds.content_hash());
        let done = heard.iter().find_map(|m| match m {
            FromWorker::Done { output, .. } => Some(output.clone()),
            _ => None,
        });
        assert_eq!(*done.expect("the run finishes"), req.run(&ds));

        // Another dataset (one risk's current likelihood changed): the worker simulates
        // that one, and a run naming the old hash is refused.
        let mut other = ds.clone();
        let r = &mut other.risks[0].ratings.current;
        let to = if r.likelihood.get() == 1 { 5 } else { 1 };
        r.likelihood = crate::model::Likelihood::saturating(to);
        assert_ne!(other.content_hash(), ds.content_hash());
        host.hear(dataset_message(&other));
        let heard = run(&mut host, 3, &req, other.content_hash());
        let done = heard.iter().find_map(|m| match m {
            FromWorker::Done { output, .. } => Some(output.clone()),
            _ => None,
        });
        let done = *done.expect("the run finishes");
        assert_eq!(done, req.run(&other));
        assert_ne!(done, req.run(&ds));
        let heard = run(&mut host, 4, &req, ds.content_hash());
        assert!(matches!(&heard[..], [FromWorker::Failed { id: 4, .. }]));
    }

    #[test]
    fn a_cancel_stops_only_its_own_run() {
        let (ds, req, mut host) = fresh(5_000);
        host.hear(dataset_message(&ds));
        host.hear(ToWorker::Run {
            id: 9,
            request: Box::new(req),
            dataset_hash: ds.content_hash(),
        });
        host.work(100);
        assert_eq!(host.hear(ToWorker::Cancel { id: 8 }), None);
        assert!(host.is_busy());
        assert_eq!(
            host.hear(ToWorker::Cancel { id: 9 }),
            Some(FromWorker::Cancelled { id: 9 })
        );
        assert!(!host.is_busy());
        assert!(host.work(100).is_empty());
    }
}
