//! Pure chart geometry: results in, shapes out. No state, no web types.
pub mod heatmap;
