//! Dropping a file anywhere on the app opens it: a scenario file, or a picture exported
//! from Risk Explorer (which carries its scenario). The file goes to the same question
//! as File ▾ → Open a file… ([`super::work_file`]), so nothing is replaced unasked.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether a drag carries files (not text or a link dragged within the page).
fn carries_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer()
        .map(|d| {
            d.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

fn mark(on: bool) {
    if let Some(root) = gloo::utils::document().document_element() {
        if on {
            root.set_attribute("data-dropping", "").ok();
        } else {
            root.remove_attribute("data-dropping").ok();
        }
    }
}

/// Calls `open` with the first file dropped anywhere on the page; while a file is dragged
/// over the page, `<html data-dropping>` lets the stylesheet say what dropping does.
#[hook]
pub fn use_drop_to_open(open: Callback<web_sys::File>) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let over = EventListener::new_with_options(&document, "dragover", options, |e| {
            if let Some(e) = e.dyn_ref::<web_sys::DragEvent>() {
                if carries_files(e) {
                    // Without this the browser opens the file itself, leaving the app.
                    e.prevent_default();
                    if let Some(d) = e.data_transfer() {
                        d.set_drop_effect("copy");
                    }
                    mark(true);
                }
            }
        });
        let leave = EventListener::new(&document, "dragleave", |e| {
            if let Some(e) = e.dyn_ref::<web_sys::DragEvent>() {
                // Leaving the window, not moving between elements.
                if e.related_target().is_none() {
                    mark(false);
                }
            }
        });
        let drop = EventListener::new_with_options(&document, "drop", options, move |e| {
            mark(false);
            let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                return;
            };
            let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            e.prevent_default();
            open.emit(file);
        });
        move || {
            std::mem::drop((over, leave, drop));
            mark(false);
        }
    });
}
