//! The one mark an assumed value carries (◇, read out as "assumed"), and its legend.

use crate::report::start::{ASSUMED_LEGEND, ASSUMED_MARK, ASSUMED_SPOKEN};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AssumedMarkProps {
    /// Whether the value is assumed; nothing shows when it is not.
    #[prop_or(true)]
    pub assumed: bool,
}

/// `◇` after an assumed value, with "(assumed)" for screen readers.
#[function_component(AssumedMark)]
pub fn assumed_mark(props: &AssumedMarkProps) -> Html {
    if !props.assumed {
        return html! {};
    }
    html! {
        <span class="assumed-mark" title={format!("{ASSUMED_MARK} {ASSUMED_LEGEND}")}>
            <span aria-hidden="true">{ ASSUMED_MARK }</span>
            <span class="visually-hidden">{ ASSUMED_SPOKEN }</span>
        </span>
    }
}

/// `◇ illustrative assumption, not from the Trust's published register`.
#[function_component(AssumedLegend)]
pub fn assumed_legend() -> Html {
    html! {
        <p class="assumed-legend">
            <span class="assumed-mark" aria-hidden="true">{ ASSUMED_MARK }</span>
            { " " }{ ASSUMED_LEGEND }
        </p>
    }
}
