//! A small labelled number box for values without a slider (shock sizes, factors): typed
//! values are checked against a range, and a bad one is explained and changes nothing.

use crate::format::box_number;
use crate::format::parse::{parse_number, Kind};
use crate::ui::hooks::use_typed_value;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberBoxProps {
    pub id: AttrValue,
    /// The accessible name (the visible label may be a column heading).
    pub label: AttrValue,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    /// The unit for messages ("points", "£m").
    pub unit: AttrValue,
    pub onchange: Callback<f64>,
    #[prop_or_default]
    pub changed: bool,
    /// A whole number (a seed): thousands commas allowed, decimals refused.
    #[prop_or_default]
    pub whole: bool,
    /// The value as shown, where `value` (a double) cannot hold it exactly: a seed above
    /// 2⁵³ is shown from its own digits, so the box shows exactly the seed in use.
    #[prop_or_default]
    pub exact: Option<AttrValue>,
}

#[function_component(NumberBox)]
pub fn number_box(props: &NumberBoxProps) -> Html {
    let typed = {
        let (min, max, unit) = (props.min, props.max, props.unit.clone());
        let kind = if props.whole {
            Kind::Whole
        } else {
            Kind::Decimal
        };
        use_typed_value(
            Rc::new(move |t: &str| parse_number(t, min, max, &unit, kind)),
            props.onchange.clone(),
        )
    };
    let err_id = format!("{}-err", props.id);
    let shown = typed
        .draft
        .clone()
        .or_else(|| props.exact.as_ref().map(|t| t.to_string()))
        .unwrap_or_else(|| box_number(props.value, 0));
    html! {
        <span class={classes!("number-box", props.changed.then_some("changed"))}>
            <input type="text" inputmode={if props.whole { "numeric" } else { "decimal" }} id={props.id.clone()} value={shown}
                aria-label={props.label.clone()}
                aria-invalid={typed.error.is_some().to_string()}
                aria-describedby={typed.error.is_some().then(|| err_id.clone())}
                oninput={typed.on_text.clone()} onblur={typed.on_blur.clone()} onpaste={typed.on_paste.clone()} />
            if let Some(msg) = typed.error.clone() {
                <span class="field-error" id={err_id} role="alert">{ msg }</span>
            }
        </span>
    }
}
