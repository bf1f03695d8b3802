//! Codecs for what is saved and shared: the autosave envelope now; links and files later.
//! Pure: the browser storage calls live in the UI; these functions only encode and decode.

pub mod file;
pub mod library;
pub mod link;
pub mod saved;
pub mod stored_dataset;
