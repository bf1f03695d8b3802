//! The links between the risks as a network: the risks as labelled nodes on a circle and
//! an arrow for every link in force, its line showing its strength (dotted, dashed, solid
//! and thicker as it strengthens) and its colour whether the sources state it or it is our
//! reading of them. The geometry (node positions, where edges start and stop, arrowheads,
//! where names go) is pure and tested; the drawing follows it.

mod layout;
mod links_map;
#[cfg(test)]
mod tests;

pub use layout::*;
pub use links_map::*;

use super::kit::DrawResult;
use super::kit::*;
use crate::model::edits::{edge_key, InteractionEdits};
use crate::model::interactions::{Interactions, Strength};
use crate::model::{Dataset, RiskId};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The network charts in display order.
pub fn all(ds: &Dataset, interactions: &Interactions, edits: &InteractionEdits) -> Vec<Chart> {
    vec![network(ds, interactions, edits)]
}
