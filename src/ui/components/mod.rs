//! Small reusable pieces, each named for what it shows.

mod chart_card;
mod driver_control;
mod key_figures;
mod number_box;
mod provenance;
mod rating;
mod shell;
mod term;

pub use chart_card::ChartCard;
pub use driver_control::DriverControl;
pub use key_figures::KeyFigures;
pub use number_box::NumberBox;
pub use provenance::{CiteLink, ProvenanceNote};
pub use rating::{BandBadge, RatingEditor};
pub use shell::{Header, Notice, StatusBar};
pub use term::Term;

use super::app::Store;
use yew::prelude::*;

/// The app state from context (every component sits under the provider). A component
/// that uses it re-renders on every change of the state.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components are rendered inside the app's store provider")
}

/// The dataset, which does not change while the app runs. Components that only need the
/// dataset use this rather than [`use_store`], so they do not re-render on every edit.
#[derive(Clone)]
pub struct DatasetHandle(pub std::rc::Rc<crate::model::Dataset>);

impl PartialEq for DatasetHandle {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Dispatches actions without subscribing to the state (the dispatcher never changes),
/// for components that get what they show through props.
pub type Dispatch = yew::UseReducerDispatcher<crate::state::AppState>;

#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("components are rendered inside the app's dispatch provider")
}

#[hook]
pub fn use_dataset() -> std::rc::Rc<crate::model::Dataset> {
    use_context::<DatasetHandle>()
        .expect("components are rendered inside the app's dataset provider")
        .0
}
