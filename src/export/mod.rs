//! Exports: a chart as a standalone SVG or a PNG, a chart's table and a page's key figures
//! as CSV, each file named for what it holds and when. Pictures carry the scenario file
//! that made them ([`crate::share::file`]), so dropping one back on the app reopens it.
//! Pure: text and bytes in, text and bytes out; the browser only draws the PNG and saves.

pub mod csv;
pub mod png;
pub mod svg;

#[cfg(test)]
mod tests;

/// The file name an export is saved as: `risk-explorer_simulation-fan_2026-11-27.png`.
/// `what` is a chart id or a page slug (kept to letters, digits and hyphens); `date` is an
/// ISO date or date-time (its first ten characters are used).
pub fn file_name(what: &str, date: &str, ext: &str) -> String {
    let what: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // One hyphen between words, at most 60 characters.
    let mut slug = String::new();
    for part in what.split('-').filter(|p| !p.is_empty()) {
        if slug.len() + part.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    let what = if slug.is_empty() { "export" } else { &slug };
    let day: String = date.chars().take(10).collect();
    let day = if day.len() == 10
        && day.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        }) {
        day
    } else {
        "undated".to_string()
    };
    format!("risk-explorer_{what}_{day}.{ext}")
}

/// What a dropped or chosen file holds, told from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    Png,
    Svg,
    /// Anything else is read as a scenario file (JSON), which says plainly if it is not.
    Text,
}

impl Dropped {
    pub fn sniff(bytes: &[u8]) -> Dropped {
        if bytes.starts_with(&png::SIGNATURE) {
            return Dropped::Png;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--") {
            Dropped::Svg
        } else {
            Dropped::Text
        }
    }
}

/// The scenario file text inside a dropped file: a PNG's or SVG's embedded scenario, or
/// the text of a scenario file itself. Errors are plain sentences.
pub fn scenario_text(bytes: &[u8]) -> Result<String, String> {
    match Dropped::sniff(bytes) {
        Dropped::Png => png::read_scenario(bytes),
        Dropped::Svg => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| "This picture is not readable text (a damaged SVG file). Nothing was opened.".to_string())?;
            svg::read_scenario(text).ok_or_else(|| {
                "This picture holds no scenario (only pictures exported from Risk Explorer carry one). Nothing was opened.".to_string()
            })
        }
        Dropped::Text => String::from_utf8(bytes.to_vec()).map_err(|_| {
            "This file is not a scenario file: it is not readable text (a scenario file is a .json file, or a picture exported from Risk Explorer). Nothing was opened.".to_string()
        }),
    }
}

/// The scenario file an exported picture or table carries: the work on screen, named for
/// the chart it was exported with.
pub fn scenario_for(
    dataset: &crate::model::Dataset,
    workspace: &crate::state::Workspace,
    view: &crate::state::ViewSettings,
    what: &str,
    written: &str,
) -> String {
    let (mut named, _) = crate::share::file::work_in_progress(workspace, view, written);
    let date: String = written.chars().take(10).collect();
    named.name = "Scenario behind an exported chart".to_string();
    named.note = format!("Exported from Risk Explorer on {date} with “{what}”.");
    crate::share::file::encode(&[named], dataset, written)
}
