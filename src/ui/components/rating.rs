//! Editing one rating: likelihood and impact, each as a labelled slider with a number
//! box beside it (typing is the non-drag alternative), and the resulting score and band.

use super::{use_store, AssumedMark};
use crate::format::parse::parse_level;
use crate::model::{Rating, RatingKind, RiskId, Score};
use crate::state::Action;
use crate::ui::hooks::use_typed_value;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BandBadgeProps {
    pub score: Score,
}

/// Score and band name on the band's colour: the name is always there, not just colour.
#[function_component(BandBadge)]
pub fn band_badge(props: &BandBadgeProps) -> Html {
    let store = use_store();
    let band = store.dataset.scales.band_of(props.score);
    let appetite = store.workspace.register.appetite(&store.dataset.scales);
    let above = props.score.above(appetite);
    html! {
        <span class={classes!("band-badge", above.then_some("above-appetite"))}
              style={format!("background:{};color:{}", band.colour, band.text_colour)}>
            <span class="score">{ props.score.0 }</span>
            <span class="band-name">{ band.name.clone() }</span>
            if above { <span class="visually-hidden">{ ", above appetite" }</span><span aria-hidden="true" class="flag">{ "▲" }</span> }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct RatingEditorProps {
    pub risk: RiskId,
    pub kind: RatingKind,
    /// Used in element ids so several editors can share a page.
    #[prop_or_default]
    pub id_prefix: AttrValue,
}

#[function_component(RatingEditor)]
pub fn rating_editor(props: &RatingEditorProps) -> Html {
    let store = use_store();
    let Some(risk) = store.dataset.risk(&props.risk.0) else {
        return html! {};
    };
    let rating = store.workspace.register.rating(risk, props.kind);
    let default = risk.ratings.get(props.kind).rating();
    let scales = &store.dataset.scales;
    let base = format!("{}{}-{}", props.id_prefix, risk.id, props.kind.key());

    let set = {
        let store = store.clone();
        let risk = props.risk.clone();
        let kind = props.kind;
        Callback::from(move |rating: Rating| {
            store.dispatch(Action::SetRating {
                risk: risk.clone(),
                kind,
                rating,
            })
        })
    };
    let on_likelihood = {
        let set = set.clone();
        Callback::from(move |l: u8| {
            if let Ok(r) = Rating::new(l, rating.impact.get()) {
                set.emit(r)
            }
        })
    };
    let on_impact = Callback::from(move |i: u8| {
        if let Ok(r) = Rating::new(rating.likelihood.get(), i) {
            set.emit(r)
        }
    });
    let changed = rating != default;
    let assumed =
        crate::report::register::rating_assumed(&store.workspace.register, risk, props.kind);
    let warnings = crate::report::register::order_warnings(
        &store.workspace.register.ratings(risk),
        props.kind,
    );

    html! {
        <div class="rating-editor" data-risk={risk.id.to_string()} data-kind={props.kind.key()}>
            <LevelInput id={format!("{base}-l")} what="likelihood" label="Likelihood"
                value={rating.likelihood.get()}
                level_label={scales.likelihood_level(rating.likelihood).label.clone()}
                level_detail={crate::report::about::likelihood_detail(scales, rating.likelihood)}
                onchange={on_likelihood} />
            <span class="times" aria-hidden="true">{ "×" }</span>
            <LevelInput id={format!("{base}-i")} what="impact" label="Impact"
                value={rating.impact.get()}
                level_label={scales.impact_level(rating.impact).label.clone()}
                level_detail={scales.impact_level(rating.impact).service.clone()}
                onchange={on_impact} />
            // "=" and its result stay on one line: the equals sign never wraps alone.
            <span class="equals-group">
                <span class="equals" aria-hidden="true">{ "=" }</span>
                <span class="result" aria-live="polite" data-score={rating.score().0.to_string()}>
                    <BandBadge score={rating.score()} />
                    <AssumedMark assumed={assumed} />
                    if changed {
                        <span class="changed" title={format!("Default: {} × {} = {}", default.likelihood, default.impact, default.score().0)}>
                            { format!("default {}", default.score().0) }
                        </span>
                    }
                </span>
            </span>
            if !warnings.is_empty() {
                <div class="order-warnings" role="status">
                    { for warnings.iter().map(|w| html! { <p class="order-warning"><span aria-hidden="true">{ "⚠ " }</span>{ w.clone() }</p> }) }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LevelInputProps {
    id: String,
    /// Lower-case name for messages ("likelihood").
    what: AttrValue,
    label: AttrValue,
    value: u8,
    level_label: String,
    level_detail: String,
    onchange: Callback<u8>,
}

/// A 1-5 level: native range slider plus a number box, both labelled and controlled.
/// A bad typed value shows a message and changes nothing.
#[function_component(LevelInput)]
fn level_input(props: &LevelInputProps) -> Html {
    let error_id = format!("{}-err", props.id);
    let typed = {
        let what = props.what.clone();
        use_typed_value(
            Rc::new(move |t: &str| parse_level(t, &what)),
            props.onchange.clone(),
        )
    };
    let error = typed.error.clone();
    let shown = typed
        .draft
        .clone()
        .unwrap_or_else(|| props.value.to_string());

    html! {
        <div class="level-input">
            <label for={format!("{}-range", props.id)} class="level-label">
                { props.label.clone() }
                <span class="level-name" title={props.level_detail.clone()}>{ format!(" {} · {}", props.value, props.level_label) }</span>
            </label>
            <div class="level-controls">
                <input type="range" id={format!("{}-range", props.id)} min="1" max="5" step="1"
                    value={props.value.to_string()}
                    aria-valuetext={format!("{} {}", props.value, props.level_label)}
                    oninput={typed.on_slider.clone()} />
                <input type="number" id={props.id.clone()} min="1" max="5" step="1" inputmode="numeric"
                    class="level-number"
                    aria-label={format!("{} (1 to 5)", props.label)}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| error_id.clone())}
                    value={shown}
                    oninput={typed.on_text.clone()} onblur={typed.on_blur.clone()} onpaste={typed.on_paste.clone()} />
            </div>
            if let Some(msg) = error {
                <p class="field-error" id={error_id} role="alert">{ msg }</p>
            }
        </div>
    }
}
