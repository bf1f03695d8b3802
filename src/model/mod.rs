//! The pure domain: dataset, scales, risks and their scoring. No web types, no formatting.

pub mod citation;
pub mod consequences;
pub mod dataset;
pub mod drivers;
pub mod interactions;
pub mod projection;
pub mod quantity;
pub mod register;
pub mod scales;
pub mod scenario;
pub mod simulation;

pub use citation::Citation;
pub use dataset::{Dataset, DatasetError, Provenance};
pub use quantity::Quantity;
pub use register::{
    RatingKind, RegisterEdits, RegisterSummary, Risk, RiskEdit, RiskId, RiskRatings, Trend,
};
pub use scales::{Band, Impact, Likelihood, Rating, Scales, Score};
