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
pub mod json_path;
pub mod projection;
pub mod provenance;
pub mod quantity;
pub mod register;
pub mod scales;
pub mod scenario;
pub mod simulation;
pub mod sizing;
pub mod summary;

/// The model's version: bump it whenever the same dataset and settings would give
/// different figures (a changed rule, distribution or calibration). Saved and shared work
/// carries it, so a file opened in a later version can say its figures may differ.
/// 3.0.0 is the model calibrated against the Trust's record (likelihood over the plan,
/// shocks sized by financial-impact band, management offsets).
pub const MODEL_VERSION: &str = "3.0.0";

pub use citation::Citation;
pub use dataset::Dataset;
pub use error::DatasetError;
pub use provenance::Provenance;
pub use quantity::Quantity;
pub use register::{
    OrderWarning, RatingKind, RegisterEdits, Risk, RiskEdit, RiskId, RiskRatings, Trend,
};
pub use scales::{Band, Impact, Likelihood, Rating, Scales, Score};
pub use summary::RegisterSummary;
