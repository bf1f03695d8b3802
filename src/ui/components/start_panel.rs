//! The start panel at the top of the page on a first visit (see [`crate::report::start`]).
//! It sits in the page, above the view, and blocks nothing.

use super::{use_dataset, ProvenanceNote};
use crate::report::start;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartPanelProps {
    /// Hides the panel (and remembers that it was hidden).
    pub on_close: Callback<()>,
}

#[function_component(StartPanel)]
pub fn start_panel(props: &StartPanelProps) -> Html {
    let ds = use_dataset();
    let p = start::panel(&ds);
    let close = {
        let c = props.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    // Trying one of the three starts the visit: the panel steps aside ("Start here" in
    // the header brings it back).
    let try_it = {
        let c = props.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    html! {
        <section class="start-panel" id="start" aria-labelledby="start-title">
            <div class="start-head">
                <h2 id="start-title" tabindex="-1">{ p.heading }</h2>
                <button type="button" class="start-close" onclick={close.clone()}>{ p.close }</button>
            </div>
            <div class="start-grid">
                <div class="start-purpose">
                    <p class="start-intro">{ p.intro.clone() }</p>
                    <blockquote class="compounding"><ProvenanceNote provenance={p.statement.clone()} /></blockquote>
                    <p>{ p.purpose }</p>
                </div>
                <div class="start-tries">
                    <h3>{ p.tries_heading }</h3>
                    <ol>
                        { for p.tries.iter().map(|t| html! {
                            <li>
                                <a href={t.href} class="start-try" onclick={try_it.clone()}>{ t.label }</a>
                                <span class="start-how">{ t.how }</span>
                            </li>
                        }) }
                    </ol>
                </div>
                <div class="start-notes">
                    <h3>{ p.illustrative_heading }</h3>
                    <p>{ p.illustrative.clone() }</p>
                    <p>{ p.sources }{ " " }<a href="#/about">{ p.sources_link }</a>{ "." }</p>
                </div>
            </div>
        </section>
    }
}
