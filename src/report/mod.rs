//! What each page says, as plain data: one function per page turns the state into its
//! headline, key figures, charts and notes. Views render it; later an export, the print
//! pack and presenter mode render the same data. No web types: built and tested natively.
//!
//! Numbers stay numbers here ([`Quantity`]); they are written for a board only when
//! rendered, by [`crate::format::quantity`], so an export can take the number itself.

pub mod about;
pub mod compare;
pub mod drivers;
mod figure;
pub mod heat_map;
pub mod method;
pub mod pack;
pub mod register;
pub mod scenarios;
pub mod simulation;
pub mod stage;
pub mod start;

pub use crate::model::Quantity;
pub use figure::{Context, KeyFigure};

use crate::charts::kit::Chart;
use std::rc::Rc;

/// One page's content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The finding in one sentence, with numbers and units (the page's `h1`).
    pub headline: String,
    /// The handful of numbers a board member looks for first.
    pub figures: Vec<KeyFigure>,
    /// The charts, in the order they are shown, each with its table, caption and source.
    pub charts: Vec<Rc<Chart>>,
    /// Plain-words notes that go with the page.
    pub notes: Vec<Note>,
}

impl Page {
    /// The key figure with this id (its `data-figure`).
    pub fn figure(&self, id: &str) -> Option<&KeyFigure> {
        self.figures.iter().find(|f| f.id == id)
    }
}

/// A note on a page: a heading and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub title: String,
    pub text: String,
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_many;
