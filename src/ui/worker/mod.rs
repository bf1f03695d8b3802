//! The simulation off the page's thread: the reactor that runs inside the web worker
//! (`reactor`), and the page's side (`control`): spawning the worker, sending it the
//! dataset and the runs, or, where no worker can start, running the same job in slices
//! on the page. The messages themselves are `model::simulation::job::{ToWorker, FromWorker}`.

mod control;
mod reactor;

pub use control::SimControl;
pub use reactor::{yield_now, JsonCodec, SimWorker};
