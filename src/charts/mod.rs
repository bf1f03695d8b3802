//! Pure chart code: results in, geometry or SVG out. No state, no web types.
//!
//! [`kit`] holds the pieces every chart shares; each area (drivers, stress, simulation,
//! network, register, record) has one file per chart and an `all` list in display order.

pub mod compare;
pub mod drivers;
pub mod kit;
pub mod network;
pub mod record;
pub mod register;
pub mod simulation;
pub mod stress;
#[cfg(test)]
mod tests;
