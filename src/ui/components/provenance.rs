//! Where a value comes from: a cited source with its quote, or a labelled assumption.

use super::use_dataset;
use crate::format;
use crate::model::{Citation, Provenance};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiteProps {
    pub cite: Citation,
}

/// A fresh id for a citation's tooltip, unique on the page.
fn next_tip_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("cite-tip-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// "Business Plan 2024-29, §11 Managing Risk". When the app ships the cited words, the
/// citation takes keyboard focus and shows them in a tooltip on hover and focus (its
/// accessible description); Escape hides it. The file and lines are kept in `data-cite`
/// for checking only. The words are text, never markup.
#[function_component(CiteLink)]
pub fn cite_link(props: &CiteProps) -> Html {
    let dataset = use_dataset();
    let tip_id = use_state(next_tip_id);
    let dismissed = use_state(|| false);
    let words = format::citation(&dataset, &props.cite);
    let raw = props.cite.to_string();
    let Some(excerpt) = crate::model::excerpts::excerpt(&props.cite) else {
        return html! {
            <span class="cite-link" data-cite={raw}><cite class="cite">{ words }</cite></span>
        };
    };
    let onkeydown = {
        let dismissed = dismissed.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                dismissed.set(true);
            }
        })
    };
    let reset = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: FocusEvent| dismissed.set(false))
    };
    let reset_mouse = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(false))
    };
    html! {
        <span class={classes!("cite-link", (*dismissed).then_some("dismissed"))} data-cite={raw}
            onmouseleave={reset_mouse}>
            <cite class="cite has-tip" tabindex="0" aria-describedby={(*tip_id).clone()}
                {onkeydown} onblur={reset}>{ words }</cite>
            <span class="cite-tip" role="tooltip" id={(*tip_id).clone()}>
                <span class="cite-tip-label">{ "The document says: " }</span>
                { format!("“{excerpt}”") }
            </span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProvenanceProps {
    pub provenance: Provenance,
    /// Show the quote (when there is one).
    #[prop_or(true)]
    pub quote: bool,
}

#[function_component(ProvenanceNote)]
pub fn provenance_note(props: &ProvenanceProps) -> Html {
    let p = &props.provenance;
    if let Some(rationale) = &p.assumption {
        let leans = (!p.evidence.is_empty()).then(|| {
            html! {
                <span class="leans">
                    { " Leans on: " }
                    { for p.evidence.iter().enumerate().map(|(i, c)| html! {
                        <>{ if i > 0 { "; " } else { "" } }<CiteLink cite={c.clone()} /></>
                    }) }
                    { "." }
                </span>
            }
        });
        html! {
            <p class="provenance assumption">
                <span class="tag tag-assumption"><span aria-hidden="true">{ "◇ " }</span>{ "Illustrative assumption" }</span>
                { " " }{ rationale.clone() }
                { leans }
            </p>
        }
    } else if let Some(cite) = &p.cite {
        let quote = match (&p.quote, props.quote) {
            (Some(q), true) => html! { <q class="quote">{ q.clone() }</q> },
            _ => html! {},
        };
        html! {
            <p class="provenance sourced">
                { quote }
                { " " }<span class="source-label">{ "Source: " }</span><CiteLink cite={cite.clone()} />
            </p>
        }
    } else {
        html! {}
    }
}

/// The register's own sentence on risks in combination, quoted with its source: the
/// question every view of the app answers.
#[function_component(CompoundingQuote)]
pub fn compounding_quote() -> Html {
    let ds = crate::ui::store::use_dataset();
    html! {
        <blockquote class="compounding">
            <ProvenanceNote provenance={ds.meta.compounding_statement.clone()} />
        </blockquote>
    }
}
