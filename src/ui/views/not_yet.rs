//! A page whose content later work delivers, marked plainly as not yet available.

use crate::state::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotYetProps {
    pub page: Page,
}

#[function_component(NotYet)]
pub fn not_yet(props: &NotYetProps) -> Html {
    let what = match props.page {
        Page::Drivers => "the five-year projection of children in care, placements, spend and funding that reproduces the Trust's budget tables",
        Page::Scenarios => "combined-risk stress tests: what each risk does alone, what they do together, and how much worse the combination is",
        Page::Simulation => "a Monte Carlo simulation in which risks happen with their likelihood and raise each other's likelihood",
        Page::Method => "every formula of the projection and the scenarios, with the current values substituted",
        _ => "this view",
    };
    html! {
        <section class="not-yet">
            <h1 tabindex="-1">{ props.page.title() }</h1>
            <p class="not-yet-flag"><strong>{ "Not yet available." }</strong></p>
            <p>{ format!("This view will show {what}. It is being built; nothing here is a result.") }</p>
            <p><a href="#/register">{ "Go to the risk register" }</a>{ " or " }<a href="#/map">{ "the heat map" }</a>{ "." }</p>
        </section>
    }
}
