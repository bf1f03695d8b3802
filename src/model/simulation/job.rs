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
    /// Start this job, dropping any other.
    Run { id: u32, request: Box<SimRequest> },
    /// Stop the job with this id (if it is still running).
    Cancel { id: u32 },
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
            | FromWorker::Cancelled { id } => *id,
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
}
