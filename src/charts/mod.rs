//! Pure chart code: results in, geometry or SVG out. No state, no web types.

pub mod chart;
pub mod drivers;
pub mod heatmap;
pub mod network;
pub mod simulation;
pub mod stress;
