//! CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the £ and the
//! dashes), a header row with the units in the headers, numbers unformatted (no
//! thousands separators, an ASCII minus, no unit in the cell) and text cells that could
//! run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) prefixed with an
//! apostrophe. Lines end in CRLF (RFC 4180).
//!
//! A chart's table holds its cells as written for a board (`−£1.8m`, `35%`, `2,312`): a
//! column whose every filled cell is such a number in one unit becomes a number column
//! (the unit moves to its header: `Five-year gap (£m)`); the numbers are at the precision
//! the table shows. Key figures keep their unrounded numbers ([`Quantity`]).

use crate::charts::kit::Table;
use crate::report::{KeyFigure, Quantity};

/// The byte-order mark that starts every CSV.
pub const BOM: char = '\u{feff}';

/// A number as a spreadsheet reads it: shortest exact form, ASCII minus, no separators.
pub fn raw_number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    // No "-0".
    let x = if x == 0.0 { 0.0 } else { x };
    format!("{x}")
}

/// A text cell made safe: a formula-looking start gets an apostrophe.
pub fn guard(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// One field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A cell of the CSV: text (guarded) or a number (written raw).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// Rows of cells to CSV text with the BOM and a header row.
pub fn write(headers: &[String], rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(headers.iter().map(|h| field(&guard(h))).collect()));
    for row in rows {
        out.push_str(&line(
            row.iter()
                .map(|c| match c {
                    Cell::Text(t) => field(&guard(t)),
                    Cell::Number(x) => raw_number(*x),
                    Cell::Empty => String::new(),
                })
                .collect(),
        ));
    }
    out
}

/// A cell as written for a board read back as a number and its unit: `−£1.8m` is
/// (−1.8, "£m"), `35%` is (35, "%"), `2,312 children` is (2312, "children"), `1,051.0`
/// is (1051, ""). Anything else (words, ranges, ratings with labels) is None.
pub fn number_in(cell: &str) -> Option<(f64, &'static str)> {
    let s = cell.trim();
    // A gap or an excess written with a word for its sign: the word gives the sign.
    for (word, sign, unit) in [
        (" overspend", 1.0, GAP_UNIT),
        (" surplus", -1.0, GAP_UNIT),
        (" (level)", 1.0, GAP_UNIT),
        (" worse together", 1.0, EXCESS_UNIT),
        (" less together", -1.0, EXCESS_UNIT),
    ] {
        if let Some(amount) = s.strip_suffix(word) {
            return match number_in(amount)? {
                (x, "£m") => Some((sign * x.abs(), unit)),
                _ => None,
            };
        }
    }
    if let Some(ratio) = s.strip_prefix('×') {
        return match number_in(ratio)? {
            (x, "") => Some((x, "ratio")),
            _ => None,
        };
    }
    let (negative, s) = match s.strip_prefix(['−', '-']) {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (pounds, s) = match s.strip_prefix('£') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let (digits, rest) = s.split_at(end);
    if !digits.starts_with(|c: char| c.is_ascii_digit()) || digits.ends_with([',', '.']) {
        return None;
    }
    // Thousands separators only between groups of three.
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if frac.contains([',', '.']) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let value: f64 = digits.replace(',', "").parse().ok()?;
    let value = if negative { -value } else { value };
    let unit = match (pounds, rest) {
        (true, "m") => "£m",
        (true, "k") => "£k",
        (true, "bn") => "£bn",
        (true, "") => "£",
        (false, "%") => "%",
        (false, "") => "",
        (false, " children") => "children",
        (false, " per 10,000") => "per 10,000 children",
        _ => return None,
    };
    Some((value, unit))
}

/// The unit of a gap written with a word for its sign.
pub const GAP_UNIT: &str = "£m, + overspend, − surplus";
/// The unit of a compounding excess written with a word for its sign.
pub const EXCESS_UNIT: &str = "£m, + worse together";

/// Whether a filled cell means "no value" (a dash), left empty in a number column.
fn is_blank(cell: &str) -> bool {
    matches!(cell.trim(), "" | "—" | "–" | "-" | "n/a")
}

/// The header with its unit, unless it already names it: `Swing` → `Swing (£m)`.
fn with_unit(header: &str, unit: &str) -> String {
    if unit.is_empty() || header.contains(unit) {
        header.to_string()
    } else {
        format!("{header} ({unit})")
    }
}

/// A column's unit when every filled cell is a number in that one unit.
fn column_unit(table: &Table, col: usize) -> Option<&'static str> {
    let mut unit = None;
    for row in &table.rows {
        let cell = row.get(col).map(String::as_str).unwrap_or("");
        if is_blank(cell) {
            continue;
        }
        let (_, u) = number_in(cell)?;
        match unit {
            None => unit = Some(u),
            Some(v) if v == u => {}
            Some(_) => return None,
        }
    }
    unit
}

/// A chart's table as CSV: the table's own headers and rows, number columns raw with
/// their unit in the header.
pub fn table(t: &Table) -> String {
    let units: Vec<Option<&'static str>> =
        (0..t.headers.len()).map(|c| column_unit(t, c)).collect();
    let headers: Vec<String> = t
        .headers
        .iter()
        .zip(&units)
        .map(|(h, u)| match u {
            Some(u) => with_unit(h, u),
            None => h.clone(),
        })
        .collect();
    let rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|row| {
            (0..t.headers.len().max(row.len()))
                .map(|c| {
                    let cell = row.get(c).map(String::as_str).unwrap_or("");
                    match units.get(c).copied().flatten() {
                        Some(_) if is_blank(cell) => Cell::Empty,
                        Some(_) => number_in(cell).map_or(Cell::Empty, |(x, _)| Cell::Number(x)),
                        None => Cell::Text(cell.to_string()),
                    }
                })
                .collect()
        })
        .collect();
    write(&headers, &rows)
}

/// A key figure's number in its export unit: shares as percentages.
pub fn figure_number(q: &Quantity) -> Option<(f64, String)> {
    let x = q.number()?;
    Some(match q {
        Quantity::GbpM(_) => (x, "£m".into()),
        Quantity::Gap(_) => (x, GAP_UNIT.into()),
        Quantity::Excess(_) => (x, EXCESS_UNIT.into()),
        // Percentages to nine places, so 0.3512 reads 35.12 (not 35.120000000000005).
        Quantity::Share(_) | Quantity::Share1dp(_) => ((x * 100.0 * 1e9).round() / 1e9, "%".into()),
        Quantity::Children(_) => (x, "children".into()),
        Quantity::Headcount(_) => (x, "people".into()),
        Quantity::Counted { unit, .. } => (x, unit.clone()),
        Quantity::Per10k(_) => (x, "per 10,000 children".into()),
        Quantity::Gbp(_) => (x, "£".into()),
        Quantity::Number { .. } => (x, String::new()),
        Quantity::PerSocialWorker(_) => (x, "children per social worker".into()),
        Quantity::Risks(_) => (x, "risks".into()),
        Quantity::YearsOf { of, .. } => (x, format!("years of {of}")),
        Quantity::Missing(_) => return None,
    })
}

/// A page's key figures as CSV: one row per figure with its unrounded number, its unit,
/// the value as the page writes it and its source.
pub fn key_figures(page: &str, figures: &[KeyFigure]) -> String {
    let headers: Vec<String> = [
        "Page",
        "Figure",
        "Value (number, in the unit beside it)",
        "Unit",
        "As shown",
        "Source",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<Cell>> = figures
        .iter()
        .map(|f| {
            let (value, unit) = match figure_number(&f.value) {
                Some((x, u)) => (Cell::Number(x), Cell::Text(u)),
                None => (Cell::Empty, Cell::Empty),
            };
            let mut shown = f.value_text();
            if let Some(flag) = &f.flag {
                shown.push_str(flag);
            }
            vec![
                Cell::Text(page.to_string()),
                Cell::Text(f.label.clone()),
                value,
                unit,
                Cell::Text(shown),
                f.source.clone().map_or(Cell::Empty, Cell::Text),
            ]
        })
        .collect();
    write(&headers, &rows)
}
