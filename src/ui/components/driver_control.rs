//! One driver: a labelled slider with a typed value beside it (the non-drag way), its
//! unit, its default and source on hover or focus, and a plain message for bad input.

use super::{use_dataset, use_dispatch, ProvenanceNote};
use crate::format;
use crate::format::parse::parse_driver_value;
use crate::state::Action;
use crate::ui::hooks::use_typed_value;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DriverControlProps {
    pub key_name: AttrValue,
    /// The driver's current value (display units).
    pub value: f64,
    /// True when the value differs from the default.
    pub changed: bool,
}

#[function_component(DriverControl)]
pub fn driver_control(props: &DriverControlProps) -> Html {
    // Only the props change with the state, so a change to one driver re-renders only
    // its own control.
    let dataset = use_dataset();
    let dispatch = use_dispatch();
    let Some(spec) = dataset.drivers.driver(&props.key_name) else {
        return html! {};
    };
    let (value, changed) = (props.value, props.changed);
    let id = format!("driver-{}", spec.key);
    let err_id = format!("{id}-err");
    let tip_id = format!("{id}-tip");
    let typed = {
        let spec = spec.clone();
        let key = spec.key.clone();
        use_typed_value(
            Rc::new(move |t: &str| parse_driver_value(t, &spec)),
            Callback::from(move |v: f64| {
                dispatch.dispatch(Action::SetDriver {
                    key: key.clone(),
                    value: v,
                })
            }),
        )
    };
    let error = typed.error.clone();
    let shown = typed
        .draft
        .clone()
        .unwrap_or_else(|| format::driver_number(spec, value));

    html! {
        <div class={classes!("driver", changed.then_some("changed"))} data-key={spec.key.clone()}>
            <div class="driver-label-row">
                <label for={id.clone()} class="driver-label">{ spec.label.clone() }</label>
                <button type="button" class="driver-info" aria-describedby={tip_id.clone()} aria-label={format!("About {}", spec.label)}>
                    <span class="info-dot" aria-hidden="true">{ "i" }</span>
                    <span class="tip" role="tooltip" id={tip_id}>
                        { spec.explain.clone() }
                        <br />
                        <strong>{ format!("Default: {}.", format::driver_value(spec, spec.default)) }</strong>
                        <ProvenanceNote provenance={spec.provenance.clone()} quote={false} />
                    </span>
                </button>
            </div>
            <div class="driver-inputs">
                <input type="range" id={format!("{id}-range")} min={spec.min.to_string()} max={spec.max.to_string()}
                    step={spec.step.to_string()} value={value.to_string()}
                    aria-label={format!("{} ({})", spec.label, spec.unit.suffix())}
                    aria-valuetext={format::driver_value(spec, value)}
                    oninput={typed.on_slider.clone()} />
                <input type="text" inputmode="decimal" id={id} class="driver-number" value={shown}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| err_id.clone())}
                    oninput={typed.on_text.clone()} onblur={typed.on_blur.clone()} onpaste={typed.on_paste.clone()} />
                <span class="unit">{ spec.unit.suffix() }</span>
            </div>
            if changed {
                <p class="driver-default">{ format!("Default {}", format::driver_value(spec, spec.default)) }</p>
            }
            if let Some(msg) = error {
                <p class="field-error" id={err_id} role="alert">{ msg }</p>
            }
        </div>
    }
}
