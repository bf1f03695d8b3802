//! One module per page.

mod about;
mod drivers;
mod heatmap;
mod method;
mod not_yet;
mod register;
mod scenarios;

pub use about::About;
pub use drivers::Drivers;
pub use heatmap::HeatMap;
pub use method::Method;
pub use not_yet::NotYet;
pub use register::Register;
pub use scenarios::Scenarios;
