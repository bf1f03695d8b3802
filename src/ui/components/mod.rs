//! Small reusable pieces, each named for what it shows.

mod assumed;
mod chart_card;
mod datasets;
mod driver_control;
mod drop_open;
mod export;
mod key_figures;
mod lazy_details;
mod library;
mod number_box;
mod presenter;
mod provenance;
mod rating;
mod share_link;
mod shell;
mod start_panel;
mod term;
mod update_bar;
mod work_file;

pub use assumed::{AssumedLegend, AssumedMark};
pub use chart_card::ChartCard;
pub use datasets::{schema_href, DatasetSwitch, DatasetSwitched};
pub use driver_control::DriverControl;
pub use key_figures::KeyFigures;
pub use lazy_details::LazyDetails;
pub use library::LibraryProblem;
pub use number_box::NumberBox;
pub use presenter::Presenter;
pub use provenance::{CiteLink, CiteTip, CompoundingQuote, ProvenanceNote};
pub use rating::{BandBadge, RatingEditor};
pub use share_link::{
    address_fragment, open_from_address, open_payload, replace_fragment, SharedBanner,
};
pub use shell::{Header, Notice, StatusBar};
pub use start_panel::StartPanel;
pub use term::Term;
pub use update_bar::UpdateBar;

pub use crate::ui::store::{use_dataset, use_dispatch, use_store};

use yew::{Callback, KeyboardEvent, MouseEvent};

/// A panel's Close (or Cancel) button and its Escape key, both telling `on_close`. Escape
/// goes no further, so nothing around the panel takes it as well.
pub(crate) fn close_handlers(
    on_close: &Callback<()>,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let click = {
        let c = on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let key = {
        let c = on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                c.emit(());
            }
        })
    };
    (click, key)
}
