//! Risk Explorer: the Trust's nine strategic risks, alone and in combination.
//!
//! The crate is split into rooms that know nothing of each other's insides:
//! - [`model`]: the pure domain (dataset, scales, register, scoring). No web types,
//!   deterministic, tested natively.
//! - [`state`]: the one user state, its actions and the reducer (undo/redo). Pure.
//! - [`charts`]: pure geometry for the charts and the heat map.
//! - [`report`]: each page's content (headline, key figures, charts, notes) as plain data.
//! - [`share`]: codecs for what is saved (autosave envelope, later links and files).
//! - [`format`]: how numbers and citations are written for a board.
//! - `ui` (wasm32 only): Yew components that render the state and dispatch actions.

pub mod charts;
pub mod export;
pub mod format;
pub mod import;
pub mod model;
pub mod report;
pub mod share;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod ui;
