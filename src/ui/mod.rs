//! The Yew user interface (wasm32 only). Components render [`crate::state::AppState`]
//! and dispatch [`crate::state::Action`]s; they compute nothing themselves.

mod app;
mod components;
pub(crate) mod hooks;
mod storage;
pub(crate) mod store;
mod views;
pub mod worker;

pub use app::App;

/// A value the page's own scripts (or a test) put on `window`, by name: the worker's and
/// the schema's Blob URLs in the single file, the service worker's update flag, settings
/// the benchmarks and tests choose.
pub(crate) fn window_value(name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(
        &gloo::utils::window(),
        &wasm_bindgen::JsValue::from_str(name),
    )
    .ok()
}

/// Mounts the app on the page body (the browser entry point).
pub fn start() {
    if let Some(el) = gloo::utils::document().get_element_by_id("loading") {
        el.remove();
    }
    yew::Renderer::<App>::new().render();
}

/// Mounts the app inside an element (browser tests).
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}

/// Mounts the app on `dataset` inside an element (browser tests).
pub fn mount_with(root: web_sys::Element, dataset: crate::model::Dataset) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root_and_props(
        root,
        app::AppProps {
            dataset: Some(std::rc::Rc::new(dataset)),
        },
    )
    .render()
}
