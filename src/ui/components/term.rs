//! A word of jargon with its plain-words explanation on hover or keyboard focus.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TermProps {
    pub word: AttrValue,
    pub explain: AttrValue,
}

#[function_component(Term)]
pub fn term(props: &TermProps) -> Html {
    html! {
        <span class="term" tabindex="0">
            { props.word.clone() }
            <span class="tip" role="tooltip">{ props.explain.clone() }</span>
        </span>
    }
}
