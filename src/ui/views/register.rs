//! The register: the dataset's risks (the Trust's nine, or an imported register's), with owner, three editable ratings,
//! trend, controls and evidence, each cited.

use crate::model::{RatingKind, Risk};
use crate::report;
use crate::report::register::{owner_assumed, owner_text, rating_assumed, OWNER_NOT_PUBLISHED};
use crate::report::start::ASSUMED_MARK;
use crate::state::Action;
use crate::ui::components::{
    use_store, AssumedLegend, AssumedMark, BandBadge, CiteLink, CompoundingQuote, LazyDetails,
    ProvenanceNote, RatingEditor, Term,
};
use crate::ui::hooks::use_staged_count;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Cards drawn as the register opens; the others follow, this many a task.
const FIRST_CARDS: usize = 1;
const CARDS_PER_TASK: usize = 2;

#[function_component(Register)]
pub fn register() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    let lead = report::register::lead(ds, &store.workspace.register);
    // The cards below the first screen come in later tasks, a few at a time, so that
    // opening the register is several short tasks rather than one over 50 ms (they are
    // appended below: nothing in sight moves).
    let cards = use_staged_count(ds.risks.len(), FIRST_CARDS, CARDS_PER_TASK);
    // Busy while cards are still to come, so assistive technology (and tests) can wait.
    let busy = cards < ds.risks.len();
    html! {
        <section class="register" aria-busy={busy.to_string()}>
            <h1 tabindex="-1">{ "Strategic risk register" }</h1>
            <p class="lead">{ lead }{ "." }</p>
            <CompoundingQuote />
            <p class="hint">
                { "Ratings are " }
                <Term word="likelihood × impact" explain={format!("Each scored 1 to {}; the score is the product, 1 to {}. Hover over a level's name for what it means.", ds.scales.levels(), ds.scales.max_score())} />
                { format!(". The Trust publishes no scores, so every starting rating is an illustrative assumption, marked {ASSUMED_MARK}, with its reasoning under “Why this rating?”. Change any rating below; the heat map and every summary follow at once.") }
            </p>
            <Overview />
            { for ds.risks.iter().take(cards).map(|r| html! { <RiskCard key={r.id.to_string()} risk={r.id.clone()} /> }) }
        </section>
    }
}

/// The register at a glance: one row a risk, linking to its card.
#[function_component(Overview)]
fn overview() -> Html {
    let store = use_store();
    let ds = &store.dataset;
    html! {
        <>
        <table class="overview">
            <caption>{ format!("The {} risks at a glance (scores are likelihood × impact)", crate::charts::kit::number_word(ds.risks.len())) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Risk" }</th>
                    <th scope="col">{ "Owner" }</th>
                    { for RatingKind::ALL.iter().map(|k| html! {
                        <th scope="col"><Term word={k.label()} explain={k.explanation()} /></th>
                    }) }
                    <th scope="col">{ "Trend" }</th>
                </tr>
            </thead>
            <tbody>
                { for ds.risks.iter().map(|r| {
                    let ratings = store.workspace.register.ratings(r);
                    let words = report::register::risk_words(r);
                    html! {
                        <tr data-risk={r.id.to_string()}>
                            <th scope="row"><a href="#/register" onclick={scroll_to(r)}>{ words.name }</a></th>
                            <td class={classes!("owner-cell", store.workspace.register.owner(r).trim().is_empty().then_some("not-published"))}>
                                { owner_text(&store.workspace.register, r) }<AssumedMark assumed={owner_assumed(&store.workspace.register, r)} />
                            </td>
                            { for RatingKind::ALL.iter().map(|k| html! {
                                <td data-kind={k.key()}>
                                    <BandBadge score={ratings.get(*k).score()} />
                                    <AssumedMark assumed={rating_assumed(&store.workspace.register, r, *k)} />
                                </td>
                            }) }
                            <td><span aria-hidden="true">{ r.trend.direction.symbol() }</span>{ " " }{ words.trend }<AssumedMark assumed={r.trend.provenance.is_assumption()} /></td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        <AssumedLegend />
        </>
    }
}

/// Scrolls to a risk's card and focuses its heading, without changing the route.
fn scroll_to(r: &Risk) -> Callback<MouseEvent> {
    let id = format!("risk-{}", r.id);
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if let Some(el) = gloo::utils::document().get_element_by_id(&id) {
            el.scroll_into_view();
            if let Some(h) = el.query_selector("h2").ok().flatten() {
                use wasm_bindgen::JsCast;
                if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        }
    })
}

#[derive(Properties, PartialEq)]
struct RiskCardProps {
    risk: crate::model::RiskId,
}

#[function_component(RiskCard)]
fn risk_card(props: &RiskCardProps) -> Html {
    let store = use_store();
    let Some(risk) = store.dataset.risk(&props.risk.0) else {
        return html! {};
    };
    let edited = store.workspace.register.risks.contains_key(&risk.id);
    let words = report::register::risk_words(risk);
    let owner_id = format!("owner-{}", risk.id);
    let on_owner = {
        let s = store.clone();
        let id = risk.id.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            s.dispatch(Action::SetOwner {
                risk: id.clone(),
                owner: input.value(),
            })
        })
    };
    let reset = {
        let s = store.clone();
        let id = risk.id.clone();
        Callback::from(move |_| s.dispatch(Action::ResetRisk(id.clone())))
    };
    let on_map = {
        let s = store.clone();
        let id = risk.id.clone();
        Callback::from(move |_| s.dispatch(Action::Select(Some(id.clone()))))
    };
    html! {
        <article class="risk-card" id={format!("risk-{}", risk.id)} data-risk={risk.id.to_string()} aria-labelledby={format!("risk-{}-title", risk.id)}>
            <header class="risk-head">
                <span class="risk-code" aria-hidden="true">{ risk.id.to_string() }</span>
                <h2 id={format!("risk-{}-title", risk.id)} tabindex="-1">
                    <span class="visually-hidden">{ format!("{}: ", risk.id) }</span>{ risk.title.clone() }
                </h2>
                <div class="risk-actions">
                    <a href="#/map" class="button-link" onclick={on_map}>{ "Show on map" }</a>
                    <button type="button" onclick={reset} disabled={!edited}
                        aria-label={format!("Reset this risk: {}", risk.short_title)}>{ "Reset this risk" }</button>
                </div>
            </header>
            <div class="risk-body">
                <div class="risk-words">
                    <blockquote class="statement">
                        <p>{ words.statement }</p>
                        <footer>
                            { "Source: " }<CiteLink cite={risk.cite.clone()} />
                            { for risk.also_cited.iter().map(|c| html! { <>{ "; also " }<CiteLink cite={c.clone()} /></> }) }
                        </footer>
                    </blockquote>
                    <div class="event">
                        <h3><Term word="When it crystallises" explain="Register risks describe standing conditions. For scenarios, a risk's 'event' is that condition turning acute in a particular year." /></h3>
                        <p>{ risk.event.definition.clone() }<AssumedMark assumed={risk.event.provenance.is_assumption()} /></p>
                    </div>
                    <div class="owner-trend">
                        <div class="owner">
                            <label for={owner_id.clone()}>{ "Owner" }<AssumedMark assumed={owner_assumed(&store.workspace.register, risk)} /></label>
                            <input type="text" id={owner_id} maxlength="120" autocomplete="off"
                                placeholder={OWNER_NOT_PUBLISHED}
                                value={store.workspace.register.owner(risk).to_string()}
                                oninput={on_owner} />
                            if store.workspace.register.owner(risk).trim().is_empty() {
                                <p class="owner-note">{ "Not published in the sources: type a name to set one." }</p>
                            }
                        </div>
                        <div class="trend">
                            <h3>{ "Trend" }</h3>
                            <p><span aria-hidden="true" class="trend-symbol">{ risk.trend.direction.symbol() }</span>{ " " }{ words.trend }<AssumedMark assumed={risk.trend.provenance.is_assumption()} /></p>
                        </div>
                    </div>
                </div>
                <div class="risk-ratings">
                    <h3>{ "Ratings" }</h3>
                    { for RatingKind::ALL.iter().map(|k| html! {
                        <fieldset class="rating-row" data-kind={k.key()}>
                            <legend><Term word={k.label()} explain={k.explanation()} /></legend>
                            <RatingEditor risk={risk.id.clone()} kind={*k} />
                        </fieldset>
                    }) }
                    <AssumedLegend />
                </div>
            </div>
            <LazyDetails class="why-rating" summary={html! { "Why this rating?" }}>
                <dl class="why-list">
                    { for RatingKind::ALL.iter().map(|k| html! {
                        <>
                            <dt>{ k.label() }</dt>
                            <dd class="why">{ risk.ratings.get(*k).rationale.clone() }</dd>
                        </>
                    }) }
                </dl>
                <ProvenanceNote provenance={risk.ratings.provenance.clone()} />
                <h4>{ "Trend" }</h4>
                <ProvenanceNote provenance={risk.trend.provenance.clone()} />
                <h4>{ "When it crystallises" }</h4>
                <ProvenanceNote provenance={risk.event.provenance.clone()} />
                if let Some(o) = &risk.owner {
                    <h4>{ "Owner" }</h4>
                    <ProvenanceNote provenance={o.provenance.clone()} />
                }
            </LazyDetails>
            <LazyDetails class="controls-evidence" summary={html! { words.controls_and_evidence }}>
                <div class="ce-grid">
                    <div>
                        <h3>{ "Controls and mitigations" }</h3>
                        <ul class="controls">
                            { for risk.controls.iter().map(|c| html! {
                                <li>
                                    <strong>{ c.name.clone() }</strong>
                                    if c.attachment.is_our_reading() {
                                        <span class="tag" title="The source names this control but does not tie it to this risk; the link is our reading.">{ "linked by us" }</span>
                                    }
                                    <ProvenanceNote provenance={c.provenance.clone()} />
                                </li>
                            }) }
                        </ul>
                    </div>
                    <div>
                        <h3>{ "Evidence" }</h3>
                        <ul class="evidence">
                            { for risk.evidence.iter().map(|e| html! {
                                <li><strong>{ e.summary.clone() }</strong><ProvenanceNote provenance={e.provenance.clone()} /></li>
                            }) }
                        </ul>
                    </div>
                </div>
            </LazyDetails>
        </article>
    }
}
