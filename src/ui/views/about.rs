//! About and sources: what the app is, every source document and what was taken from
//! it, and the scales with their provenance.

use crate::format;
use crate::report;
use crate::ui::components::{schema_href, use_store, ProvenanceNote};
use yew::prelude::*;

#[function_component(About)]
pub fn about() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let scales = &ds.scales;
    let page = report::about::page(ds);
    html! {
        <section class="about">
            <h1 tabindex="-1">{ "About Risk Explorer and its sources" }</h1>
            <p class="lead">
                { page.lead.clone() }
                { "It runs entirely in this browser, makes no network requests, and keeps your work only on this computer." }
            </p>
            <p><strong>{ "Every figure is illustrative, not a forecast." }</strong>
               { page.dataset.clone() }</p>

            <h2>{ "Source documents" }</h2>
            <table class="sources">
                <thead><tr><th scope="col">{ "Document" }</th><th scope="col">{ "Date" }</th><th scope="col">{ "Publisher" }</th><th scope="col">{ "What was taken from it" }</th></tr></thead>
                <tbody>
                    { for page.sources.iter().map(|[title, date, publisher, used_for]| html! {
                        <tr>
                            <th scope="row">{ title.clone() }</th>
                            <td>{ date.clone() }</td>
                            <td>{ publisher.clone() }</td>
                            <td>{ used_for.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ page.citations_note.clone() }</p>

            <h2>{ "Your own register" }</h2>
            <p data-about-import="">
                { "Another organisation can use its own register: File ▸ Use your own register… reads a CSV, Excel or OpenDocument register (3 to 30 risks, 4- or 5-level scale) or a whole dataset as JSON, in this browser. The dataset's JSON format is described by its " }
                <a href={schema_href()} download="risk-explorer-dataset.schema.json">{ "JSON Schema" }</a>
                { ", generated from the app's own types." }
            </p>

            <h2>{ "How risks are scored" }</h2>
            <p>{ format!("Each risk has a likelihood and an impact, each from 1 to {}. Its score is likelihood × impact (1 to {}), which falls in a band. Risks scoring above the appetite threshold are outside appetite.", ds.scales.levels(), ds.scales.max_score()) }</p>
            <h3>{ "Likelihood" }</h3>
            <table>
                <thead><tr><th scope="col">{ "Level" }</th><th scope="col">{ "Meaning" }</th><th scope="col">{ "Chance of the event over the plan, and in a year" }</th></tr></thead>
                <tbody>
                    { for page.likelihood.iter().map(|[level, meaning, chance]| html! {
                        <tr><th scope="row">{ level.clone() }</th><td>{ meaning.clone() }</td><td class="num">{ chance.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
            <ProvenanceNote provenance={scales.likelihood_probability_provenance.clone()} />
            <h3>{ "Impact" }</h3>
            <table>
                <thead><tr><th scope="col">{ "Level" }</th><th scope="col">{ page.money_heading.clone() }</th><th scope="col">{ "Service and safeguarding" }</th><th scope="col">{ "Regulatory and reputation" }</th></tr></thead>
                <tbody>
                    { for page.impact.iter().map(|[level, money, service, regulatory]| html! {
                        <tr><th scope="row">{ level.clone() }</th>
                            <td>{ money.clone() }</td>
                            <td>{ service.clone() }</td><td>{ regulatory.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
            <ProvenanceNote provenance={scales.impact_provenance.clone()} />
            <p>{ page.contract_sum.clone() }</p>
            <ProvenanceNote provenance={scales.contract_sum.provenance.clone()} />
            <h3>{ "Bands and appetite" }</h3>
            <ul class="legend">
                { for scales.bands.iter().zip(&page.bands).map(|(b, (name, meaning))| html! {
                    <li><span class="swatch" style={format::swatch_style(&b.colour)} aria-hidden="true"></span>
                        <strong>{ name.clone() }</strong>{ meaning.clone() }</li>
                }) }
            </ul>
            <ProvenanceNote provenance={scales.bands_provenance.clone()} />
            <p>{ page.appetite.clone() }</p>
            <ProvenanceNote provenance={scales.appetite.provenance.clone()} />
        </section>
    }
}
