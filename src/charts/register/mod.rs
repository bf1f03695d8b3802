//! Register charts: the 5×5 heat map of the strategic risks, drawn from the same
//! geometry ([`layout`]) as the interactive map on the page.

mod heat_map;
pub mod layout;
#[cfg(test)]
mod tests;

pub use heat_map::*;
pub use layout::*;

use crate::charts::kit::Chart;
use crate::model::register::{RatingKind, RegisterEdits};
use crate::model::Dataset;

/// The register's charts in display order.
pub fn all(ds: &Dataset, edits: &RegisterEdits, kind: RatingKind) -> Vec<Chart> {
    vec![heat_map(ds, edits, kind)]
}
