//! One module per page.

mod about;
mod heatmap;
mod not_yet;
mod register;

pub use about::About;
pub use heatmap::HeatMap;
pub use not_yet::NotYet;
pub use register::Register;
