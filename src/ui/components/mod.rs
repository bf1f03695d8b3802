//! Small reusable pieces, each named for what it shows.

mod chart_card;
mod driver_control;
mod provenance;
mod rating;
mod shell;
mod term;

pub use chart_card::ChartCard;
pub use driver_control::DriverControl;
pub use provenance::{CiteLink, ProvenanceNote};
pub use rating::{BandBadge, RatingEditor};
pub use shell::{Header, Notice, StatusBar};
pub use term::Term;

use super::app::Store;
use yew::prelude::*;

/// The app state from context (every component sits under the provider).
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components are rendered inside the app's store provider")
}
