//! Hooks shared by components.

use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A typed number box paired with a slider: what to show, the message for bad input,
/// and the handlers. While the person is typing, their text stays on screen; a valid
/// value is sent at once, an invalid one only shows its message (nothing changes), and
/// leaving the box goes back to the current value.
pub struct TypedValue {
    /// The person's text while editing, or None to show the current value.
    pub draft: Option<String>,
    pub error: Option<String>,
    pub on_text: Callback<InputEvent>,
    pub on_slider: Callback<InputEvent>,
    pub on_blur: Callback<FocusEvent>,
}

/// Reads a person's text as a value, or says in plain words what to type instead.
pub type Parser<T> = Rc<dyn Fn(&str) -> Result<T, String>>;

#[hook]
pub fn use_typed_value<T: 'static>(parse: Parser<T>, on_valid: Callback<T>) -> TypedValue {
    let draft = use_state(|| None::<String>);
    let error = draft.as_ref().and_then(|t| parse(t).err());
    let on_text = {
        let draft = draft.clone();
        let parse = Rc::clone(&parse);
        let on_valid = on_valid.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if let Ok(v) = parse(&text) {
                on_valid.emit(v);
            }
            draft.set(Some(text));
        })
    };
    let on_slider = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = parse(&input.value()) {
                draft.set(None);
                on_valid.emit(v);
            }
        })
    };
    let on_blur = {
        let draft = draft.clone();
        Callback::from(move |_| draft.set(None))
    };
    TypedValue {
        draft: (*draft).clone(),
        error,
        on_text,
        on_slider,
        on_blur,
    }
}
