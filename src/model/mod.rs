//! The pure domain: dataset, scales, risks and their scoring. No web types, no formatting.

pub mod calibration;
pub mod citation;
pub mod consequences;
pub mod dataset;
pub mod drivers;
pub mod edits;
pub mod error;
pub mod excerpts;
pub mod finance;
pub mod interactions;
pub mod projection;
pub mod provenance;
pub mod quantity;
pub mod register;
pub mod scales;
pub mod scenario;
pub mod simulation;
pub mod sizing;
pub mod summary;

pub use citation::Citation;
pub use dataset::Dataset;
pub use error::DatasetError;
pub use provenance::Provenance;
pub use quantity::Quantity;
pub use register::{RatingKind, RegisterEdits, Risk, RiskEdit, RiskId, RiskRatings, Trend};
pub use scales::{Band, Impact, Likelihood, Rating, Scales, Score};
pub use summary::RegisterSummary;
