//! The simulation's web worker: receives jobs from the page, works them in slices, sends
//! progress after each slice and results when ready. Between slices it yields to the
//! worker's event loop, so a newer job or a cancel is heard within one slice.

#[cfg(target_arch = "wasm32")]
fn main() {
    use risk_explorer::ui::worker::{JsonCodec, SimWorker};
    use yew_agent::Registrable;
    SimWorker::registrar().encoding::<JsonCodec>().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the simulation's web worker; it runs in the browser.");
}
