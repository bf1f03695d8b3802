//! A simulation job, worked in slices: the chosen rating first (its results can show as
//! soon as they are ready), then the other two ratings for the side-by-side comparison.
//! A job can be split into parts (an equal share of the trials each), one per web
//! worker; each part sends the tally of its trials at each rating, and the page's
//! [`Merger`] adds the tallies up and summarises them. Tallies are counts, so the
//! summary is the same bit for bit however many parts and slices there were. The page
//! can also work a one-part job itself, in slices, where no worker is available. Also
//! the messages between page and worker.

use super::{digest, summarise, RatingDigest, Runner, SimOutput, SimRequest, Summary, Tally};
use crate::model::consequences::Consequences;
use crate::model::register::RatingKind;
use crate::model::Dataset;
use serde::{Deserialize, Serialize};

fn one() -> u32 {
    1
}

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// The dataset the following runs simulate, as its JSON, with its content hash.
    /// Sent before the first run and again whenever the page's dataset changes, so the
    /// worker always simulates the risks the page shows.
    Dataset { hash: u64, json: String },
    /// Start part `part` of `parts` of this job on the dataset with this hash, dropping
    /// any other job.
    Run {
        id: u32,
        request: Box<SimRequest>,
        dataset_hash: u64,
        #[serde(default)]
        part: u32,
        #[serde(default = "one")]
        parts: u32,
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

/// From the worker to the page (and from the page's [`Merger`] to the page's state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    Progress {
        id: u32,
        done: u64,
        total: u64,
    },
    /// A part of the job has run its trials at one rating (`phase` 0 is the chosen
    /// rating): their tally, for the page to merge with the other parts'.
    Part {
        id: u32,
        phase: u8,
        tally: Box<Tally>,
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
            | FromWorker::Part { id, .. }
            | FromWorker::Main { id, .. }
            | FromWorker::Done { id, .. }
            | FromWorker::Cancelled { id }
            | FromWorker::Failed { id, .. }
            | FromWorker::FileRead { id, .. } => *id,
        }
    }
}

/// One part of a job in progress.
pub struct Job {
    pub id: u32,
    request: SimRequest,
    consequences: Consequences,
    order: [RatingKind; 3],
    part: u32,
    parts: u32,
    phase: usize,
    runner: Option<Runner>,
}

impl Job {
    /// The whole job (one part).
    pub fn new(id: u32, request: SimRequest, ds: &Dataset) -> Job {
        Job::part(id, request, ds, 0, 1)
    }

    /// Part `part` of `parts` of the job.
    pub fn part(id: u32, request: SimRequest, ds: &Dataset, part: u32, parts: u32) -> Job {
        let consequences = request.consequences(ds);
        let order = request.rating_order();
        let runner = request.runner_part(ds, &consequences, order[0], part, parts);
        Job {
            id,
            request,
            consequences,
            order,
            part,
            parts,
            phase: 0,
            runner: Some(runner),
        }
    }

    /// This part's trials done and to do, over all three ratings.
    pub fn progress(&self) -> FromWorker {
        let per = share(
            self.request.settings.cleaned().trials,
            self.part,
            self.parts,
        );
        let done = self.phase as u64 * per + self.runner.as_ref().map_or(0, |r| r.progress().done);
        FromWorker::Progress {
            id: self.id,
            done: done.min(3 * per),
            total: 3 * per,
        }
    }

    pub fn is_done(&self) -> bool {
        self.phase >= self.order.len()
    }

    /// One slice: up to `trials` more trials, then what the page should hear (progress,
    /// then a tally when a rating is done). The worker and the page's fallback both
    /// drive jobs so.
    pub fn slice(&mut self, ds: &Dataset, trials: u32) -> Vec<FromWorker> {
        let part = self.work(ds, trials);
        let mut out = vec![self.progress()];
        out.extend(part);
        out
    }

    /// Runs up to `trials` more trials; returns the tally of this part's trials at a
    /// rating when they are all done.
    pub fn work(&mut self, ds: &Dataset, trials: u32) -> Option<FromWorker> {
        if self.is_done() {
            return None;
        }
        // The next rating's run is compiled here, in the slice after the last rating's
        // tally left, not before it: on a worker's first run compiling is cold (solving the
        // base chances, tabulating the PERT shocks) and would hold the chosen rating's
        // results back.
        let runner = self.runner.get_or_insert_with(|| {
            self.request.runner_part(
                ds,
                &self.consequences,
                self.order[self.phase],
                self.part,
                self.parts,
            )
        });
        if !runner.step(trials) {
            return None;
        }
        let tally = self
            .runner
            .take()
            .expect("a runner was running")
            .into_tally();
        let phase = self.phase as u8;
        self.phase += 1;
        Some(FromWorker::Part {
            id: self.id,
            phase,
            tally: Box::new(tally),
        })
    }
}

/// A run is split into parts of at least this many trials. A smaller part costs a worker
/// more in fixed costs (its message, compiling, the tally sent back) than it saves, and on
/// a 2-core laptop a second busy worker takes the core the page draws on: 10,000 trials
/// reach their summary sooner on one worker than on two (the README has the figures).
pub const MIN_PART_TRIALS: u32 = 20_000;

/// How many of `workers` workers a run of `trials` is split across.
pub fn parts_for(trials: u32, workers: usize) -> u32 {
    let workers = u32::try_from(workers).unwrap_or(u32::MAX).max(1);
    (trials / MIN_PART_TRIALS).clamp(1, workers)
}

/// The trials part `part` of `parts` runs (as [`Runner::part`] splits them).
fn share(trials: u32, part: u32, parts: u32) -> u64 {
    let (t, parts) = (u64::from(trials), u64::from(parts.max(1)));
    let part = u64::from(part).min(parts - 1);
    t * (part + 1) / parts - t * part / parts
}

/// The page's side of a job split into parts: takes what each part says and tells the
/// page's state what the whole job has come to (progress over all parts, the summary at
/// the chosen rating once every part has sent its tally, then the comparison).
pub struct Merger {
    pub id: u32,
    request: SimRequest,
    order: [RatingKind; 3],
    progress: Vec<u64>,
    /// tallies[phase][part].
    tallies: Vec<Vec<Option<Tally>>>,
    summary: Option<Summary>,
    digests: Vec<RatingDigest>,
    over: bool,
}

impl Merger {
    pub fn new(id: u32, request: SimRequest, parts: u32) -> Merger {
        let parts = parts.max(1) as usize;
        Merger {
            id,
            order: request.rating_order(),
            request,
            progress: vec![0; parts],
            tallies: vec![vec![None; parts]; 3],
            summary: None,
            digests: Vec::new(),
            over: false,
        }
    }

    /// Whether the job is complete, cancelled or failed.
    pub fn is_over(&self) -> bool {
        self.over
    }

    /// Takes what part `part` said; returns what the page's state should hear.
    pub fn hear(&mut self, part: usize, msg: FromWorker, ds: &Dataset) -> Vec<FromWorker> {
        if msg.id() != self.id || self.over || part >= self.progress.len() {
            return Vec::new();
        }
        match msg {
            FromWorker::Progress { done, .. } => {
                self.progress[part] = done;
                let total = 3 * u64::from(self.request.settings.cleaned().trials);
                vec![FromWorker::Progress {
                    id: self.id,
                    done: self.progress.iter().sum::<u64>().min(total),
                    total,
                }]
            }
            FromWorker::Part { phase, tally, .. } => {
                let phase = usize::from(phase).min(2);
                self.tallies[phase][part] = Some(*tally);
                if self.tallies[phase].iter().any(Option::is_none) {
                    return Vec::new();
                }
                // Every part's tally is in: add them up in part order and summarise.
                let mut parts = std::mem::take(&mut self.tallies[phase])
                    .into_iter()
                    .flatten();
                let mut whole = parts.next().expect("at least one part");
                parts.for_each(|t| whole.merge(&t));
                let settings = super::SimSettings {
                    rating: self.order[phase],
                    ..self.request.settings.cleaned()
                };
                let summary = summarise(&settings, &whole, ds);
                self.digests.push(digest(&summary));
                let mut out = Vec::new();
                if phase == 0 {
                    out.push(FromWorker::Main {
                        id: self.id,
                        summary: Box::new(summary.clone()),
                        elapsed_ms: 0.0,
                    });
                    self.summary = Some(summary);
                }
                if self.digests.len() == self.order.len() {
                    let mut by_rating = std::mem::take(&mut self.digests);
                    by_rating.sort_by_key(|d| d.rating);
                    if let Some(summary) = self.summary.take() {
                        out.push(FromWorker::Done {
                            id: self.id,
                            output: Box::new(SimOutput { summary, by_rating }),
                            elapsed_ms: 0.0,
                        });
                    }
                    self.over = true;
                }
                out
            }
            // Cancelled, failed, or a job in one part summarised in its worker, which
            // sends its summary (passed on as it is) and then its whole output.
            other @ (FromWorker::Cancelled { .. }
            | FromWorker::Failed { .. }
            | FromWorker::Done { .. }) => {
                self.over = true;
                vec![other]
            }
            other => vec![other],
        }
    }
}

/// The worker's side of the conversation, without the web: the dataset it was sent and
/// the job under way. The web worker (and tests) feed it messages and ask it to work.
#[derive(Default)]
pub struct WorkerHost {
    dataset: Option<(u64, Dataset)>,
    /// The job under way, and for a job in one part the [`Merger`] that summarises it
    /// here, in the worker, as the page does a job in several: the page then reads a
    /// summary of a few kilobytes rather than a tally of up to hundreds (10,000 trials:
    /// 168 KB of JSON), and does not work out the summary itself, in the task that shows
    /// the results. The two end together: the last tally is the output.
    job: Option<(Job, Option<Merger>)>,
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
                part,
                parts,
            } => match &self.dataset {
                Some((hash, ds)) if *hash == dataset_hash => {
                    let merger = (parts <= 1).then(|| Merger::new(id, (*request).clone(), 1));
                    self.job = Some((Job::part(id, *request, ds, part, parts), merger));
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
                if self.job.as_ref().is_some_and(|(j, _)| j.id == id) {
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
    /// hear (progress, then results when ready: a part's tally, or for a job in one part
    /// its summary and then its whole output). Nothing when idle.
    pub fn work(&mut self, trials: u32) -> Vec<FromWorker> {
        let (Some((job, merger)), Some((_, ds))) = (self.job.as_mut(), self.dataset.as_ref())
        else {
            return Vec::new();
        };
        let out = job.slice(ds, trials);
        let out = match merger {
            Some(m) => out.into_iter().flat_map(|msg| m.hear(0, msg, ds)).collect(),
            None => out,
        };
        if job.is_done() {
            self.job = None;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page's state hears from a one-part job worked in slices of `trials`.
    fn on_page(req: &SimRequest, ds: &Dataset, trials: u32) -> Vec<FromWorker> {
        let mut job = Job::new(7, req.clone(), ds);
        let mut merger = Merger::new(7, req.clone(), 1);
        let mut heard = Vec::new();
        while !job.is_done() {
            for m in job.slice(ds, trials) {
                heard.extend(merger.hear(0, m, ds));
            }
        }
        heard
    }

    #[test]
    fn a_job_in_slices_gives_the_whole_run() {
        let ds = Dataset::builtin().unwrap();
        let mut req = SimRequest::default();
        req.settings.trials = 1_500;
        let whole = req.run(&ds);
        let heard = on_page(&req, &ds, 400);
        let mut results = Vec::new();
        let mut slices = 0;
        for m in heard {
            match m {
                FromWorker::Progress { done, total, .. } => {
                    assert!(done <= total);
                    assert_eq!(total, 4_500);
                    slices += 1;
                }
                other => results.push(other),
            }
        }
        assert!(slices >= 12);
        assert_eq!(results.len(), 2);
        match &results[0] {
            FromWorker::Main { id, summary, .. } => {
                assert_eq!(*id, 7);
                assert_eq!(**summary, whole.summary);
            }
            other => panic!("{other:?}"),
        }
        match &results[1] {
            FromWorker::Done { output, .. } => assert_eq!(**output, whole),
            other => panic!("{other:?}"),
        }
    }

    /// The job worked by `parts` workers in slices of `trials`, the workers taking turns
    /// (part k's slices interleaved with the others', as the page hears them).
    fn pooled(req: &SimRequest, ds: &Dataset, parts: u32, trials: u32) -> SimOutput {
        let mut hosts: Vec<WorkerHost> = (0..parts).map(|_| WorkerHost::default()).collect();
        let mut merger = Merger::new(3, req.clone(), parts);
        for (k, host) in hosts.iter_mut().enumerate() {
            host.hear(dataset_message(ds));
            host.hear(ToWorker::Run {
                id: 3,
                request: Box::new(req.clone()),
                dataset_hash: ds.content_hash(),
                part: k as u32,
                parts,
            });
        }
        let mut done = None;
        // The last part goes first, so tallies arrive out of part order.
        while hosts.iter().any(WorkerHost::is_busy) {
            for (k, host) in hosts.iter_mut().enumerate().rev() {
                for m in host.work(trials + k as u32 * 37) {
                    for heard in merger.hear(k, m, ds) {
                        if let FromWorker::Done { output, .. } = heard {
                            done = Some(*output);
                        }
                    }
                }
            }
        }
        assert!(merger.is_over());
        done.expect("the pooled job finishes")
    }

    #[test]
    fn one_two_or_four_workers_give_the_same_numbers_bit_for_bit() {
        let ds = Dataset::builtin().unwrap();
        let mut req = SimRequest::default();
        req.settings.trials = 3_001;
        let whole = req.run(&ds);
        let text = serde_json::to_string(&whole).unwrap();
        for (parts, trials) in [
            (1, 3_001),
            (1, 250),
            (2, 999),
            (2, 64),
            (4, 500),
            (4, 7_000),
        ] {
            let out = pooled(&req, &ds, parts, trials);
            assert_eq!(out, whole, "{parts} workers, slices of {trials}");
            // Bit for bit: the shortest round-trip text of every number is the same.
            assert_eq!(serde_json::to_string(&out).unwrap(), text);
        }
        // Links off and another seed too.
        req.settings.interactions = false;
        req.settings.seed = 42;
        let whole = req.run(&ds);
        assert_eq!(pooled(&req, &ds, 4, 123), whole);
        assert_eq!(pooled(&req, &ds, 2, 5_000), whole);
    }

    /// A job in one part is summarised in its worker: the page hears the summary and the
    /// output (the same as the page's own merging gives), never a tally; a job in parts
    /// still sends each part's tallies for the page to add up.
    #[test]
    fn a_worker_summarises_a_job_in_one_part_and_sends_tallies_of_a_part() {
        let (ds, mut req, _) = fresh(10_000);
        req.settings.seed = 11;
        let whole = req.run(&ds);
        let sent = |parts: u32| {
            let mut host = WorkerHost::default();
            host.hear(dataset_message(&ds));
            host.hear(ToWorker::Run {
                id: 5,
                request: Box::new(req.clone()),
                dataset_hash: ds.content_hash(),
                part: 0,
                parts,
            });
            let mut out = Vec::new();
            while host.is_busy() {
                out.extend(host.work(4_000));
            }
            out.retain(|m| !matches!(m, FromWorker::Progress { .. }));
            out
        };
        let one = sent(1);
        match &one[..] {
            [FromWorker::Main { id: 5, summary, .. }, FromWorker::Done { id: 5, output, .. }] => {
                assert_eq!(**summary, whole.summary);
                assert_eq!(**output, whole);
            }
            other => panic!("{other:?}"),
        }
        // What crosses to the page is a small fraction of the tally it replaces.
        let text = |m: &FromWorker| serde_json::to_string(m).unwrap().len();
        let two = sent(2);
        assert_eq!(two.len(), 3, "a part sends its tally at each rating");
        assert!(two
            .iter()
            .all(|m| matches!(m, FromWorker::Part { id: 5, .. })));
        assert!(
            text(&one[0]) * 3 < text(&two[0]),
            "{} vs {}",
            text(&one[0]),
            text(&two[0])
        );
        // The page passes a one-part job's results on and ends the job with its output.
        let mut merger = Merger::new(5, req.clone(), 1);
        let heard: Vec<FromWorker> = one
            .iter()
            .cloned()
            .flat_map(|m| merger.hear(0, m, &ds))
            .collect();
        assert_eq!(heard, one);
        assert!(merger.is_over());
    }

    #[test]
    fn a_tally_crosses_as_json_unchanged() {
        let ds = Dataset::builtin().unwrap();
        let mut req = SimRequest::default();
        req.settings.trials = 800;
        let mut job = Job::part(1, req, &ds, 1, 2);
        let tally = loop {
            if let Some(FromWorker::Part { tally, .. }) = job.work(&ds, 10_000) {
                break tally;
            }
        };
        assert_eq!(tally.trials(), 400);
        let msg = FromWorker::Part {
            id: 1,
            phase: 0,
            tally,
        };
        let back: FromWorker = serde_json::from_str(&serde_json::to_string(&msg).unwrap()).unwrap();
        assert_eq!(back, msg);
    }

    fn dataset_message(ds: &Dataset) -> ToWorker {
        ToWorker::Dataset {
            hash: ds.content_hash(),
            json: ds.to_compact_json(),
        }
    }

    fn run(
        host: &mut WorkerHost,
        id: u32,
        req: &SimRequest,
        ds: &Dataset,
        hash: u64,
    ) -> Vec<FromWorker> {
        let mut heard: Vec<FromWorker> = host
            .hear(ToWorker::Run {
                id,
                request: Box::new(req.clone()),
                dataset_hash: hash,
                part: 0,
                parts: 1,
            })
            .into_iter()
            .collect();
        let mut merger = Merger::new(id, req.clone(), 1);
        while host.is_busy() {
            for m in host.work(700) {
                heard.extend(merger.hear(0, m, ds));
            }
        }
        heard
    }

    /// The built-in dataset, a request for `trials` trials and a worker that holds nothing.
    fn fresh(trials: u32) -> (Dataset, SimRequest, WorkerHost) {
        let mut req = SimRequest::default();
        req.settings.trials = trials;
        (Dataset::builtin().unwrap(), req, WorkerHost::default())
    }

    fn output(heard: &[FromWorker]) -> SimOutput {
        let done = heard.iter().find_map(|m| match m {
            FromWorker::Done { output, .. } => Some(output.clone()),
            _ => None,
        });
        *done.expect("the run finishes")
    }

    #[test]
    fn the_worker_simulates_the_dataset_it_is_sent() {
        let (ds, req, mut host) = fresh(600);
        // No dataset yet: the run fails with a message, it does not guess.
        let heard = run(&mut host, 1, &req, &ds, ds.content_hash());
        assert!(
            matches!(&heard[..], [FromWorker::Failed { id: 1, message }] if message.contains("dataset"))
        );
        assert_eq!(host.hear(dataset_message(&ds)), None);
        let heard = run(&mut host, 2, &req, &ds, ds.content_hash());
        assert_eq!(output(&heard), req.run(&ds));

        // Another dataset (one risk's current likelihood changed): the worker simulates
        // that one, and a run naming the old hash is refused.
        let mut other = ds.clone();
        let r = &mut other.risks[0].ratings.current;
        let to = if r.likelihood.get() == 1 { 5 } else { 1 };
        r.likelihood = crate::model::Likelihood::saturating(to);
        assert_ne!(other.content_hash(), ds.content_hash());
        host.hear(dataset_message(&other));
        let heard = run(&mut host, 3, &req, &other, other.content_hash());
        let done = output(&heard);
        assert_eq!(done, req.run(&other));
        assert_ne!(done, req.run(&ds));
        let heard = run(&mut host, 4, &req, &ds, ds.content_hash());
        assert!(matches!(&heard[..], [FromWorker::Failed { id: 4, .. }]));
    }

    #[test]
    fn small_runs_take_one_worker_and_large_ones_every_worker() {
        assert_eq!(parts_for(1_000, 2), 1);
        assert_eq!(parts_for(10_000, 8), 1);
        assert_eq!(parts_for(39_999, 2), 1);
        assert_eq!(parts_for(40_000, 2), 2);
        assert_eq!(parts_for(100_000, 2), 2);
        assert_eq!(parts_for(100_000, 8), 5);
        assert_eq!(parts_for(1_000_000, 8), 8);
        assert_eq!(
            parts_for(1_000_000, 0),
            1,
            "no workers still means one part"
        );
    }

    #[test]
    fn a_ratings_tally_leaves_before_the_next_rating_is_compiled() {
        let ds = Dataset::builtin().expect("built-in dataset");
        let mut req = SimRequest::default();
        req.settings.trials = 1_000;
        let mut job = Job::new(1, req, &ds);
        let first = job.work(&ds, u32::MAX);
        assert!(matches!(first, Some(FromWorker::Part { phase: 0, .. })));
        assert!(
            job.runner.is_none(),
            "nothing compiled for the next rating yet"
        );
        assert!(!job.is_done());
        assert!(matches!(
            job.work(&ds, u32::MAX),
            Some(FromWorker::Part { phase: 1, .. })
        ));
        assert!(matches!(
            job.work(&ds, u32::MAX),
            Some(FromWorker::Part { phase: 2, .. })
        ));
        assert!(job.is_done());
        assert_eq!(job.work(&ds, u32::MAX), None);
    }

    #[test]
    fn a_cancel_stops_only_its_own_run() {
        let (ds, req, mut host) = fresh(5_000);
        host.hear(dataset_message(&ds));
        host.hear(ToWorker::Run {
            id: 9,
            request: Box::new(req),
            dataset_hash: ds.content_hash(),
            part: 0,
            parts: 1,
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
