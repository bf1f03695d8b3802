//! How charts put numbers and names into words: signs, percentages, counts, gaps, risks.

use super::*;
use crate::format::gbp_m;

/// The one percentage and minus sign every chart and view writes, and the one "level"
/// tolerance for money (see [`crate::format`]).
pub use crate::format::{minus, percent_1dp, risk_name, LEVEL_GBP_M as LEVEL};

/// An empty table cell.
pub fn dash() -> String {
    "–".to_string()
}

/// A number of children: "2,312".
pub fn children(n: f64) -> String {
    crate::format::count(finite(n).round().max(0.0) as u64)
}

/// "+£17.6m" / "−£24.0m" (a change, so positives carry a plus).
pub fn signed_gbp_m(x: f64) -> String {
    let s = crate::format::gbp_m(x);
    if s.starts_with('−') || s == "£0.0m" {
        s
    } else {
        format!("+{s}")
    }
}

/// "one", "two" … "ten" ("no" for 0), then digits: counts in captions.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// A gap (spend − funding) with its word, as a table cell: a surplus keeps its sign so the
/// column reads as spend − funding ("£10.9m overspend", "−£1.8m surplus", "£0.0m (level)").
pub fn gap_cell(g: f64) -> String {
    let g = finite(g);
    if g >= LEVEL {
        format!("{} overspend", gbp_m(g))
    } else if g <= -LEVEL {
        format!("{} surplus", gbp_m(g))
    } else {
        "£0.0m (level)".to_string()
    }
}

/// A gap in a sentence, where the word carries the sign: "£10.9m overspend", "£1.8m
/// surplus", "£0.0m (level)"; with `article`, "a £10.9m overspend" and "level (£0.0m)".
pub fn gap_words(g: f64, article: bool) -> String {
    let g = finite(g);
    let a = if article { "a " } else { "" };
    if g >= LEVEL {
        format!("{a}{} overspend", gbp_m(g))
    } else if g <= -LEVEL {
        format!("{a}{} surplus", gbp_m(-g))
    } else if article {
        "level (£0.0m)".to_string()
    } else {
        "£0.0m (level)".to_string()
    }
}

/// A chart with nothing to draw yet: a framed SVG whose words (the title, wrapped) say why.
pub fn empty_chart(
    id: &'static str,
    title: &str,
    caption: &str,
    table: Table,
    source: String,
) -> Chart {
    let svg = render((WIDTH, HEIGHT), |root| {
        let (w, h) = (WIDTH as i32, HEIGHT as i32);
        root.draw(&Rectangle::new(
            [(16, 16), (w - 16, h - 16)],
            GRID.stroke_width(2),
        ))?;
        for (i, line) in wrap(title, 56, 3).iter().enumerate() {
            label(
                root,
                line,
                (w / 2, h / 2 - 10 + i as i32 * 22),
                &text_style(16.0, DARK_GREY, (HPos::Center, VPos::Center)),
            )?;
        }
        Ok(())
    });
    Chart {
        id,
        title: title.to_string(),
        caption: caption.to_string(),
        svg,
        table,
        source,
    }
}
