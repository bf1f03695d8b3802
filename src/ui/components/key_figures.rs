//! A page's key figures: label (with its explanation when it is jargon), value and flag.

use super::export::FiguresDownload;
use super::Term;
use crate::format;
use crate::report::KeyFigure;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyFiguresProps {
    pub figures: Vec<KeyFigure>,
    /// The figures are for earlier settings (shown faded until new ones arrive).
    #[prop_or_default]
    pub stale: bool,
    /// The group the figures belong to, when a page has several (its title): named in
    /// the CSV, its file name and the download button.
    #[prop_or_default]
    pub group: Option<AttrValue>,
}

/// The page the figures are on (its title), for the CSV and its name.
fn page_title() -> &'static str {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    crate::state::Page::from_fragment(&hash).title()
}

#[function_component(KeyFigures)]
pub fn key_figures(props: &KeyFiguresProps) -> Html {
    html! {
        // The frame is a size container: the stylesheet picks a column count from the
        // frame's width and the number of cards (`--cards`), so that no card is left alone
        // on a row.
        <div class="key-figures-frame">
            <div class={classes!("key-figures", props.stale.then_some("stale"))} role="list"
                data-count={props.figures.len().to_string()}
                style={format!("--cards: {}", props.figures.len())}>
                { for props.figures.iter().map(figure) }
            </div>
            if !props.figures.is_empty() && !props.stale {
                <FiguresDownload figures={props.figures.clone()} page={page_title()} group={props.group.clone()} />
            }
        </div>
    }
}

fn figure(f: &KeyFigure) -> Html {
    html! {
        <div class={classes!("figure", f.emphasis.then_some("emphasis"))} role="listitem"
            data-figure={f.id} data-value={f.exact.then(|| format::data_value(&f.value))}>
            <span class="figure-label">
                if let Some(explain) = &f.explain {
                    <Term word={f.label.clone()} explain={explain.clone()} />
                } else {
                    { f.label.clone() }
                }
            </span>
            <span class={classes!("figure-value", f.is_confirmed().then_some("reproduced"))}>
                { f.value_text() }
                if let Some(flag) = &f.flag { <span class="flag-text">{ flag.clone() }</span> }
            </span>
        </div>
    }
}
