//! About and sources: what the app is, every source document and what was taken from
//! it, and the scales with their provenance.

use crate::format;
use crate::ui::components::{use_store, ProvenanceNote};
use yew::prelude::*;

#[function_component(About)]
pub fn about() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let scales = &ds.scales;
    let assumptions = ds
        .provenances()
        .iter()
        .filter(|(_, p)| p.is_assumption())
        .count();
    let cited = ds
        .provenances()
        .iter()
        .filter(|(_, p)| p.cite.is_some())
        .count();
    html! {
        <section class="about">
            <h1 tabindex="-1">{ "About Risk Explorer and its sources" }</h1>
            <p class="lead">
                { format!("Risk Explorer lets the Board of {} explore its nine strategic risks, alone and in combination. ", ds.meta.organisation) }
                { "It runs entirely in this browser, makes no network requests, and keeps your work only on this computer." }
            </p>
            <p><strong>{ "Every figure is illustrative, not a forecast." }</strong>
               { format!(" The dataset ({} version {}, as at {}) holds {cited} cited facts and {assumptions} illustrative assumptions, each with its reasoning.", ds.meta.name, ds.meta.version, ds.meta.as_at) }</p>

            <h2>{ "Source documents" }</h2>
            <table class="sources">
                <thead><tr><th scope="col">{ "Document" }</th><th scope="col">{ "Date" }</th><th scope="col">{ "Publisher" }</th><th scope="col">{ "What was taken from it" }</th></tr></thead>
                <tbody>
                    { for ds.meta.sources.iter().map(|s| html! {
                        <tr>
                            <th scope="row">{ s.title.clone() }<br /><small class="file-id">{ s.id.clone() }</small></th>
                            <td>{ s.date.clone() }</td>
                            <td>{ s.publisher.clone() }</td>
                            <td>{ s.used_for.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>

            <h2>{ "How risks are scored" }</h2>
            <p>{ "Each risk has a likelihood and an impact, each from 1 to 5. Its score is likelihood × impact (1 to 25), which falls in a band. Risks scoring above the appetite threshold are outside appetite." }</p>
            <h3>{ "Likelihood" }</h3>
            <table>
                <thead><tr><th scope="col">{ "Level" }</th><th scope="col">{ "Meaning" }</th><th scope="col">{ "Chance of the event in a year" }</th></tr></thead>
                <tbody>
                    { for scales.likelihood.iter().map(|l| html! {
                        <tr><th scope="row">{ format!("{} {}", l.level, l.label) }</th><td>{ l.descriptor.clone() }</td><td class="num">{ format::percent(l.annual_probability) }</td></tr>
                    }) }
                </tbody>
            </table>
            <ProvenanceNote provenance={scales.likelihood_probability_provenance.clone()} />
            <h3>{ "Impact" }</h3>
            <table>
                <thead><tr><th scope="col">{ "Level" }</th><th scope="col">{ format!("Money (share of the {} contract sum, {})", scales.contract_sum.year, format::gbp_m(scales.contract_sum.gbp_m)) }</th><th scope="col">{ "Service and safeguarding" }</th><th scope="col">{ "Regulatory and reputation" }</th></tr></thead>
                <tbody>
                    { for scales.impact.iter().map(|i| {
                        let lvl = crate::model::Impact::new(i.level).expect("validated");
                        let (from, to) = scales.financial_band_gbp_m(lvl);
                        html! {
                            <tr><th scope="row">{ format!("{} {}", i.level, i.label) }</th>
                                <td>{ format::financial_band(from, to) }</td>
                                <td>{ i.service.clone() }</td><td>{ i.regulatory.clone() }</td></tr>
                        }
                    }) }
                </tbody>
            </table>
            <ProvenanceNote provenance={scales.impact_provenance.clone()} />
            <p>{ format!("Contract sum {}: {}. ", scales.contract_sum.year, format::gbp_m(scales.contract_sum.gbp_m)) }</p>
            <ProvenanceNote provenance={scales.contract_sum.provenance.clone()} />
            <h3>{ "Bands and appetite" }</h3>
            <ul class="legend">
                { for scales.bands.iter().map(|b| html! {
                    <li><span class="swatch" style={format!("background:{}", b.colour)} aria-hidden="true"></span>
                        <strong>{ format!("{} ({}-{})", b.name, b.min, b.max) }</strong>{ format!(": {}", b.meaning) }</li>
                }) }
            </ul>
            <ProvenanceNote provenance={scales.bands_provenance.clone()} />
            <p>{ format!("Risk appetite: scores above {} are outside appetite by default.", scales.appetite.threshold) }</p>
            <ProvenanceNote provenance={scales.appetite.provenance.clone()} />
        </section>
    }
}
