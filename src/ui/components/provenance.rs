//! Where a value comes from: a cited source with its quote, or a labelled assumption.

use super::use_dataset;
use crate::format;
use crate::model::{Citation, Provenance};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiteProps {
    pub cite: Citation,
}

/// "Annual Report 2024/25, line 529", with the raw file:line on hover.
#[function_component(CiteLink)]
pub fn cite_link(props: &CiteProps) -> Html {
    let dataset = use_dataset();
    html! {
        <cite class="cite" title={format!("Source file {}", props.cite)}>
            { format::citation(&dataset, &props.cite) }
        </cite>
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
