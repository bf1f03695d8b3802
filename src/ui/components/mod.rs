//! Small reusable pieces, each named for what it shows.

mod assumed;
mod chart_card;
mod driver_control;
mod key_figures;
mod number_box;
mod presenter;
mod provenance;
mod rating;
mod shell;
mod start_panel;
mod term;
mod work_file;

pub use assumed::{AssumedLegend, AssumedMark};
pub use chart_card::ChartCard;
pub use driver_control::DriverControl;
pub use key_figures::KeyFigures;
pub use number_box::NumberBox;
pub use presenter::Presenter;
pub use provenance::{CiteLink, CompoundingQuote, ProvenanceNote};
pub use rating::{BandBadge, RatingEditor};
pub use shell::{Header, Notice, StatusBar};
pub use start_panel::StartPanel;
pub use term::Term;

pub use crate::ui::store::{use_dataset, use_dispatch, use_store};
