//! One module per page.

mod about;
pub(crate) mod compare;
mod drivers;
pub(crate) mod heatmap;
mod method;
mod pack;
mod register;
mod scenarios;
mod simulation;

pub use about::About;
pub use compare::Compare;
pub use drivers::Drivers;
pub use heatmap::HeatMap;
pub use method::Method;
pub use pack::Pack;
pub use register::Register;
pub use scenarios::Scenarios;
pub use simulation::Simulation;
