//! The browser entry point: mounts the app. On the host it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    risk_explorer::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Risk Explorer runs in the browser: `bash scripts/serve.sh` builds and serves it.");
}
