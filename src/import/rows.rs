//! The one validator every register reader shares. A reader gives [`RegisterRows`] (the
//! cells as text with their spreadsheet rows); [`RegisterRows::validate`] finds the
//! header, matches its columns, reads every cell and gives a [`RegisterImport`], or every
//! fault at once.

use super::{
    shown, thousands, ImportError, ImportErrors, MAX_CONTROLS, MAX_CONTROL_CHARS, MAX_EVENT_CHARS,
    MAX_ID_CHARS, MAX_NOTES_CHARS, MAX_OWNER_CHARS, MAX_RISKS, MAX_SHORT_TITLE_CHARS,
    MAX_STATEMENT_CHARS, MAX_TITLE_CHARS, MIN_RISKS,
};
use crate::model::register::TrendDirection;
use crate::model::scales::{Impact, Likelihood, Rating};
use crate::model::RatingKind;
use std::collections::BTreeMap;

/// A spreadsheet's rows as text, before any checking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRows {
    /// Every row that has any text, with its spreadsheet row number (1-based), in order:
    /// comment rows (first cell starting with `#`), the header, the risks.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// What the caller knows that the file may not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// The number of levels on the register's scales, when the person importing says.
    /// `None`: as the file declares (a `scale` column or a `# scale: 4` line), else 5.
    pub levels: Option<u8>,
}

/// What an imported risk's default financial consequence does: a cost in the year the
/// risk crystallises only, or from that year on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CostTiming {
    #[default]
    OneOff,
    Persistent,
}

impl CostTiming {
    pub fn word(self) -> &'static str {
        match self {
            CostTiming::OneOff => "one-off",
            CostTiming::Persistent => "persistent",
        }
    }
}

/// One risk as a register row gives it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRisk {
    /// The spreadsheet row it was read from (cited by the dataset built from it).
    pub row: usize,
    pub id: String,
    pub title: String,
    /// The column's text, or the title cut to a short name when the file has none.
    pub short_title: String,
    pub statement: String,
    /// `None` where the file names no owner.
    pub owner: Option<String>,
    /// `None` where the file gives no event definition (a default, marked as an
    /// assumption, is written when the dataset is built).
    pub event: Option<String>,
    pub inherent: Rating,
    pub current: Rating,
    pub target: Rating,
    /// One control a line of the cell, each trimmed; blank lines dropped.
    pub controls: Vec<String>,
    pub notes: Option<String>,
    pub trend: Option<TrendDirection>,
    pub timing: CostTiming,
}

impl ImportedRisk {
    pub fn rating(&self, kind: RatingKind) -> Rating {
        match kind {
            RatingKind::Inherent => self.inherent,
            RatingKind::Current => self.current,
            RatingKind::Target => self.target,
        }
    }
}

/// A register read and checked: nothing in it is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterImport {
    /// 4 or 5.
    pub levels: u8,
    pub risks: Vec<ImportedRisk>,
    /// What a person should know, though nothing is wrong: columns ignored, the scale
    /// assumed.
    pub notes: Vec<String>,
}

/// The columns the importer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Id,
    Title,
    ShortTitle,
    Statement,
    Owner,
    Event,
    Level(RatingKind, Dim),
    Controls,
    Notes,
    Trend,
    Timing,
    Scale,
}

/// Likelihood or impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dim {
    Likelihood,
    Impact,
}

impl Column {
    /// Every column in the template's order.
    pub const ALL: [Column; 17] = [
        Column::Id,
        Column::Title,
        Column::ShortTitle,
        Column::Statement,
        Column::Owner,
        Column::Event,
        Column::Level(RatingKind::Inherent, Dim::Likelihood),
        Column::Level(RatingKind::Inherent, Dim::Impact),
        Column::Level(RatingKind::Current, Dim::Likelihood),
        Column::Level(RatingKind::Current, Dim::Impact),
        Column::Level(RatingKind::Target, Dim::Likelihood),
        Column::Level(RatingKind::Target, Dim::Impact),
        Column::Controls,
        Column::Notes,
        Column::Trend,
        Column::Timing,
        Column::Scale,
    ];

    /// The heading the template writes.
    pub fn heading(self) -> &'static str {
        use Dim::*;
        use RatingKind::*;
        match self {
            Column::Id => "id",
            Column::Title => "title",
            Column::ShortTitle => "short title",
            Column::Statement => "statement",
            Column::Owner => "owner",
            Column::Event => "event definition",
            Column::Level(Inherent, Likelihood) => "inherent likelihood",
            Column::Level(Inherent, Impact) => "inherent impact",
            Column::Level(Current, Likelihood) => "current likelihood",
            Column::Level(Current, Impact) => "current impact",
            Column::Level(Target, Likelihood) => "target likelihood",
            Column::Level(Target, Impact) => "target impact",
            Column::Controls => "controls",
            Column::Notes => "notes",
            Column::Trend => "trend",
            Column::Timing => "cost timing",
            Column::Scale => "scale",
        }
    }

    /// Whether a register must have the column.
    pub fn required(self) -> bool {
        matches!(
            self,
            Column::Id | Column::Title | Column::Statement | Column::Level(..)
        )
    }

    /// Matches a heading as people write it: case, spaces and punctuation do not
    /// matter, and the usual names are known ("Risk ref", "Inherent L", "Residual
    /// impact", "Likelihood (current)", "Description", "Mitigations").
    pub fn from_heading(heading: &str) -> Option<Column> {
        let norm = normalise(heading);
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        let joined = words.join(" ");
        let simple = match joined.as_str() {
            "id" | "risk id" | "ref" | "reference" | "risk ref" | "risk reference" | "risk no"
            | "risk number" | "no" | "number" | "code" | "risk code" => Some(Column::Id),
            "title" | "risk title" | "risk" | "risk name" | "name" => Some(Column::Title),
            "short title" | "short name" | "short" | "label" => Some(Column::ShortTitle),
            "statement" | "risk statement" | "description" | "risk description" | "detail"
            | "risk detail" => Some(Column::Statement),
            "owner" | "risk owner" | "lead" | "risk lead" | "responsible officer" => {
                Some(Column::Owner)
            }
            "event definition"
            | "event"
            | "risk event"
            | "trigger"
            | "crystallises when"
            | "what crystallising means" => Some(Column::Event),
            "controls"
            | "control"
            | "controls and mitigations"
            | "controls mitigations"
            | "mitigations"
            | "mitigation"
            | "existing controls"
            | "key controls"
            | "mitigating actions"
            | "current controls" => Some(Column::Controls),
            "notes" | "note" | "comments" | "comment" | "commentary" => Some(Column::Notes),
            "trend" | "direction" | "direction of travel" | "risk trend" => Some(Column::Trend),
            "cost timing" | "consequence timing" | "timing" | "cost" | "cost type" => {
                Some(Column::Timing)
            }
            "scale" | "scale levels" | "levels" | "matrix" | "scoring scale" => Some(Column::Scale),
            _ => None,
        };
        simple.or_else(|| level_heading(&words))
    }
}

/// "Inherent L", "residual impact", "likelihood current", "Target likelihood score".
fn level_heading(words: &[&str]) -> Option<Column> {
    let mut kind = None;
    let mut dim = None;
    for w in words {
        let k = match *w {
            "inherent" | "gross" | "raw" | "initial" | "unmitigated" | "before" => {
                Some(RatingKind::Inherent)
            }
            "current" | "residual" | "net" | "now" | "mitigated" => Some(RatingKind::Current),
            "target" | "tolerable" | "aim" | "future" => Some(RatingKind::Target),
            _ => None,
        };
        let d = match *w {
            "likelihood" | "l" | "probability" | "p" | "lhood" => Some(Dim::Likelihood),
            "impact" | "i" | "consequence" | "severity" | "c" => Some(Dim::Impact),
            _ => None,
        };
        match (k, d) {
            (Some(k), None) if kind.is_none() => kind = Some(k),
            (None, Some(d)) if dim.is_none() => dim = Some(d),
            (None, None) if matches!(*w, "rating" | "score" | "level" | "risk") => {}
            _ => return None,
        }
    }
    Some(Column::Level(kind?, dim?))
}

/// Lower case, every run of non-letters and non-digits one space.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// The names of the levels on a scale, for reading "Likely" as well as "4".
pub fn level_names(levels: u8, dim: Dim) -> &'static [&'static str] {
    match (levels, dim) {
        (4, Dim::Likelihood) => &["Unlikely", "Possible", "Likely", "Almost certain"],
        (4, Dim::Impact) => &["Minor", "Moderate", "Major", "Severe"],
        (_, Dim::Likelihood) => &["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
        (_, Dim::Impact) => &["Minor", "Moderate", "Significant", "Major", "Severe"],
    }
}

/// A row whose first cell starts with `#` is a comment (the template explains its
/// columns that way).
fn is_comment(cells: &[String]) -> bool {
    cells
        .first()
        .is_some_and(|c| c.trim_start().starts_with('#'))
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// The scale a text names: "5", "4x4", "5 × 5", "4-level", "5 point". `Err` with the
/// message when it names another or none.
fn scale_of(text: &str) -> Result<u8, String> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(u32::MAX))
        .collect();
    match numbers.as_slice() {
        [n] | [n, _] if numbers.iter().all(|m| m == n) => {
            if *n == 4 || *n == 5 {
                Ok(*n as u8)
            } else {
                Err(format!(
                    "the register uses a {n}-level scale; Risk Explorer reads registers on a 4- or 5-level scale (the common UK formats), so rescore it on one of those"
                ))
            }
        }
        [a, b] => Err(format!(
            "a {a} × {b} scale has different numbers of likelihood and impact levels; Risk Explorer reads 4 × 4 or 5 × 5"
        )),
        _ => Err(format!(
            "{} is not a scale; write 4 or 5 (the number of levels)",
            shown(text)
        )),
    }
}

/// The declared scale in a comment row such as `# scale: 4` or `# Scale = 5x5`.
fn comment_scale(cells: &[String]) -> Option<String> {
    let text = cells.join(",");
    let body = text.trim_start().trim_start_matches('#').trim();
    let lower = body.to_lowercase();
    let rest = lower.strip_prefix("scale")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix([':', '='])?;
    Some(rest.trim().to_string())
}

impl RegisterRows {
    /// From a reader's records: rows with no text at all are dropped (a spreadsheet's
    /// empty rows), every other kept with its row number.
    pub fn from_records(records: Vec<(usize, Vec<String>)>) -> RegisterRows {
        RegisterRows {
            rows: records.into_iter().filter(|(_, c)| !is_blank(c)).collect(),
        }
    }

    /// Checks everything; the register, or every fault found.
    pub fn validate(&self, options: ReadOptions) -> Result<RegisterImport, ImportErrors> {
        let mut errors = ImportErrors::default();
        let mut notes = Vec::new();
        // Comment rows before the header may declare the scale.
        let mut declared: Option<(usize, String)> = None;
        let mut header_at = None;
        for (k, (row, cells)) in self.rows.iter().enumerate() {
            if is_comment(cells) {
                if let Some(s) = comment_scale(cells) {
                    declared.get_or_insert((*row, s));
                }
                continue;
            }
            header_at = Some(k);
            break;
        }
        let Some(header_at) = header_at else {
            return Err(ImportErrors::one(ImportError::file(
                "the file has no header row and no risks; start from the template, whose first row names the columns",
            )));
        };
        let (header_row, header) = &self.rows[header_at];
        // Match the columns.
        let mut columns: BTreeMap<Column, usize> = BTreeMap::new();
        let mut unknown = Vec::new();
        for (i, h) in header.iter().enumerate() {
            if h.trim().is_empty() {
                continue;
            }
            match Column::from_heading(h) {
                Some(c) => {
                    if let Some(&first) = columns.get(&c) {
                        errors.push(ImportError::cell(
                            *header_row,
                            h.trim(),
                            format!(
                                "this column and column {} (‘{}’) both give the {}; keep one of them",
                                column_letters(first),
                                header[first].trim(),
                                c.heading()
                            ),
                        ));
                    } else {
                        columns.insert(c, i);
                    }
                }
                None => unknown.push(format!("{} ({})", shown(h.trim()), column_letters(i))),
            }
        }
        if !unknown.is_empty() {
            notes.push(format!(
                "{} not a register column Risk Explorer uses, so {} ignored: {}.",
                if unknown.len() == 1 {
                    "This column is"
                } else {
                    "These columns are"
                },
                if unknown.len() == 1 {
                    "it is"
                } else {
                    "they are"
                },
                unknown.join(", ")
            ));
        }
        let missing: Vec<&str> = Column::ALL
            .iter()
            .filter(|c| c.required() && !columns.contains_key(c))
            .map(|c| c.heading())
            .collect();
        if !missing.is_empty() {
            errors.push(ImportError::row(
                *header_row,
                format!(
                    "the header row has no {} {}; every register needs {} (see the template)",
                    if missing.len() == 1 {
                        "column"
                    } else {
                        "columns"
                    },
                    missing
                        .iter()
                        .map(|m| format!("‘{m}’"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if missing.len() == 1 { "it" } else { "them" },
                ),
            ));
        }
        let data: Vec<&(usize, Vec<String>)> = self.rows[header_at + 1..]
            .iter()
            .filter(|(_, c)| !is_comment(c))
            .collect();
        let cell = |cells: &Vec<String>, c: Column| -> Option<String> {
            columns.get(&c).map(|&i| {
                cells
                    .get(i)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            })
        };
        let heading = |c: Column| -> String {
            columns
                .get(&c)
                .map(|&i| header[i].trim().to_string())
                .unwrap_or_else(|| c.heading().to_string())
        };
        // The scale: the caller's, a scale column, a comment row; else 5.
        let mut levels = options.levels;
        if let Some(n) = levels {
            if n != 4 && n != 5 {
                errors.push(ImportError::file(format!(
                    "a {n}-level scale cannot be read; Risk Explorer reads 4- or 5-level registers"
                )));
                levels = Some(5);
            }
        }
        let mut from_file: Option<(usize, Option<String>, u8)> = None;
        if columns.contains_key(&Column::Scale) {
            for (row, cells) in &data {
                let text = cell(cells, Column::Scale).unwrap_or_default();
                if text.is_empty() {
                    continue;
                }
                match scale_of(&text) {
                    Err(m) => errors.push(ImportError::cell(*row, &heading(Column::Scale), m)),
                    Ok(n) => match from_file {
                        Some((first, _, m)) if m != n => errors.push(ImportError::cell(
                            *row,
                            &heading(Column::Scale),
                            format!("says {n} levels, but row {first} says {m}; a register uses one scale"),
                        )),
                        Some(_) => {}
                        None => from_file = Some((*row, Some(heading(Column::Scale)), n)),
                    },
                }
            }
        }
        if let Some((row, text)) = &declared {
            match scale_of(text) {
                Err(m) => errors.push(ImportError::row(*row, m)),
                Ok(n) => match from_file {
                    Some((first, _, m)) if m != n => errors.push(ImportError::row(
                        *row,
                        format!("declares a {n}-level scale, but the scale column on row {first} says {m}"),
                    )),
                    Some(_) => {}
                    None => from_file = Some((*row, None, n)),
                },
            }
        }
        let levels = match (levels, from_file) {
            (Some(n), Some((row, col, m))) if n != m => {
                errors.push(ImportError {
                    row: Some(row),
                    column: col,
                    field: None,
                    message: format!(
                        "the file says its scale has {m} levels, but {n} levels were chosen for the import; choose {m}, or correct the file"
                    ),
                });
                n
            }
            (Some(n), _) => n,
            (None, Some((_, _, m))) => m,
            (None, None) => {
                notes.push(
                    "The file does not say which scale it uses, so levels are read on the 5-level scale (1 to 5). For a 4-level register, add a ‘scale’ column or a line ‘# scale: 4’ above the header.".to_string(),
                );
                5
            }
        };
        // The risks.
        let n = data.len();
        if !(MIN_RISKS..=MAX_RISKS).contains(&n) {
            errors.push(ImportError::file(format!(
                "the register has {n} {}; Risk Explorer reads registers of {MIN_RISKS} to {MAX_RISKS} risks",
                if n == 1 { "risk" } else { "risks" }
            )));
        }
        let mut risks = Vec::new();
        let mut seen_ids: BTreeMap<String, usize> = BTreeMap::new();
        if missing.is_empty() {
            for (row, cells) in data {
                let row = *row;
                if cells.len() > header.len()
                    && cells[header.len()..].iter().any(|c| !c.trim().is_empty())
                {
                    errors.push(ImportError::row(
                        row,
                        format!(
                            "has text in column {}, beyond the last heading; give it a heading or remove it",
                            column_letters(header.len() + cells[header.len()..].iter().position(|c| !c.trim().is_empty()).unwrap_or(0))
                        ),
                    ));
                }
                let ctx = RowCtx {
                    row,
                    levels,
                    errors: std::cell::RefCell::new(&mut errors),
                };
                let text_of = |c: Column| cell(cells, c);
                let id = ctx.text(
                    &heading(Column::Id),
                    text_of(Column::Id),
                    MAX_ID_CHARS,
                    "id",
                    true,
                );
                if let Some(id) = &id {
                    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
                        ctx.fault(&heading(Column::Id), format!("{} is not an id; use a short code of up to {MAX_ID_CHARS} letters and digits, such as R3", shown(id)));
                    } else if let Some(first) = seen_ids.get(id) {
                        ctx.fault(&heading(Column::Id), format!("{} is already the id of the risk on row {first}; each risk needs its own id", shown(id)));
                    } else {
                        seen_ids.insert(id.clone(), row);
                    }
                }
                let title = ctx.text(
                    &heading(Column::Title),
                    text_of(Column::Title),
                    MAX_TITLE_CHARS,
                    "title",
                    true,
                );
                let short = ctx.text(
                    &heading(Column::ShortTitle),
                    text_of(Column::ShortTitle),
                    MAX_SHORT_TITLE_CHARS,
                    "short title",
                    false,
                );
                let statement = ctx.text(
                    &heading(Column::Statement),
                    text_of(Column::Statement),
                    MAX_STATEMENT_CHARS,
                    "statement",
                    true,
                );
                let owner = ctx.text(
                    &heading(Column::Owner),
                    text_of(Column::Owner),
                    MAX_OWNER_CHARS,
                    "owner",
                    false,
                );
                let event = ctx.text(
                    &heading(Column::Event),
                    text_of(Column::Event),
                    MAX_EVENT_CHARS,
                    "event definition",
                    false,
                );
                let notes_text = ctx.text(
                    &heading(Column::Notes),
                    text_of(Column::Notes),
                    MAX_NOTES_CHARS,
                    "notes",
                    false,
                );
                let mut ratings = Vec::new();
                for kind in RatingKind::ALL {
                    let l = ctx.level(
                        &heading(Column::Level(kind, Dim::Likelihood)),
                        text_of(Column::Level(kind, Dim::Likelihood)),
                        Dim::Likelihood,
                    );
                    let i = ctx.level(
                        &heading(Column::Level(kind, Dim::Impact)),
                        text_of(Column::Level(kind, Dim::Impact)),
                        Dim::Impact,
                    );
                    ratings.push(match (l, i) {
                        (Some(l), Some(i)) => Some(Rating {
                            likelihood: Likelihood::new(l).expect("checked"),
                            impact: Impact::new(i).expect("checked"),
                        }),
                        _ => None,
                    });
                }
                let controls = ctx.controls(&heading(Column::Controls), text_of(Column::Controls));
                let trend = text_of(Column::Trend).filter(|t| !t.is_empty()).and_then(|t| {
                    match normalise(&t).as_str() {
                        "rising" | "up" | "increasing" | "worsening" | "higher" => Some(TrendDirection::Rising),
                        "stable" | "steady" | "static" | "unchanged" | "same" | "no change" => Some(TrendDirection::Stable),
                        "falling" | "down" | "decreasing" | "improving" | "lower" => Some(TrendDirection::Falling),
                        _ => {
                            ctx.fault(&heading(Column::Trend), format!("{} is not a trend; write rising, stable or falling (or leave it empty)", shown(&t)));
                            None
                        }
                    }
                });
                let timing = match text_of(Column::Timing).filter(|t| !t.is_empty()) {
                    None => CostTiming::OneOff,
                    Some(t) => match normalise(&t).as_str() {
                        "one off" | "oneoff" | "once" | "one year" | "that year" | "single" => {
                            CostTiming::OneOff
                        }
                        "persistent" | "ongoing" | "recurring" | "lasting" | "every year"
                        | "permanent" => CostTiming::Persistent,
                        _ => {
                            ctx.fault(&heading(Column::Timing), format!("{} is not a cost timing; write one-off (a cost in the year the risk happens) or persistent (a cost from that year on), or leave it empty for one-off", shown(&t)));
                            CostTiming::OneOff
                        }
                    },
                };
                if let (
                    Some(id),
                    Some(title),
                    Some(statement),
                    [Some(inherent), Some(current), Some(target)],
                    Some(controls),
                ) = (id, title, statement, ratings.as_slice(), controls)
                {
                    let short_title = short.unwrap_or_else(|| short_from(&title));
                    risks.push(ImportedRisk {
                        row,
                        id,
                        title,
                        short_title,
                        statement,
                        owner,
                        event,
                        inherent: *inherent,
                        current: *current,
                        target: *target,
                        controls,
                        notes: notes_text,
                        trend,
                        timing,
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(RegisterImport {
                levels,
                risks,
                notes,
            })
        } else {
            errors.notes = notes;
            Err(errors)
        }
    }
}

/// A title cut to a short name for maps and tables: whole words up to 30 characters,
/// with … where cut.
pub fn short_from(title: &str) -> String {
    const MAX: usize = 30;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() > MAX - 1 {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        out = title.chars().take(MAX - 1).collect();
    }
    out.push('…');
    out
}

/// A column's letters as a spreadsheet shows them: 0 → A, 26 → AA.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Reading one row's cells, collecting its faults.
struct RowCtx<'a> {
    row: usize,
    levels: u8,
    errors: std::cell::RefCell<&'a mut ImportErrors>,
}

impl RowCtx<'_> {
    fn fault(&self, column: &str, message: String) {
        self.errors
            .borrow_mut()
            .push(ImportError::cell(self.row, column, message));
    }

    /// A text cell: `None` when empty (a fault if required) or at fault.
    fn text(
        &self,
        column: &str,
        text: Option<String>,
        max: usize,
        what: &str,
        required: bool,
    ) -> Option<String> {
        let text = text.unwrap_or_default();
        if text.is_empty() {
            if required {
                self.fault(column, format!("is empty; every risk needs its {what}"));
            }
            return None;
        }
        let len = text.chars().count();
        if len > max {
            self.fault(
                column,
                format!(
                    "the text is {} characters long; {} {what} may hold at most {}. Shorten it and import again",
                    thousands(len),
                    if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
                    thousands(max)
                ),
            );
            return None;
        }
        if let Some(c) = text.chars().find(|&c| is_control(c)) {
            self.fault(
                column,
                format!(
                    "holds a control character (code {}) that cannot be shown; remove it",
                    c as u32
                ),
            );
            return None;
        }
        Some(text)
    }

    /// A level: "4", "4 - Likely", "4.0" or a level's name ("Likely").
    fn level(&self, column: &str, text: Option<String>, dim: Dim) -> Option<u8> {
        let text = text.unwrap_or_default();
        let n = self.levels;
        let names = level_names(n, dim);
        let what = match dim {
            Dim::Likelihood => "likelihood",
            Dim::Impact => "impact",
        };
        if text.is_empty() {
            self.fault(
                column,
                format!("is empty; give the {what} as a level from 1 to {n}"),
            );
            return None;
        }
        let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = text[digits.len()..].trim();
        let numeric_rest = rest.is_empty()
            || rest.trim_start_matches('.').chars().all(|c| c == '0')
            || rest.starts_with(['-', '–', ':', '(', ' ', '='])
                && !rest
                    .trim_start_matches(['-', '–', ':', '(', ' ', '='])
                    .starts_with(|c: char| c.is_ascii_digit());
        let parsed = if !digits.is_empty() && numeric_rest {
            digits.parse::<u32>().ok()
        } else {
            names
                .iter()
                .position(|name| normalise(name) == normalise(&text))
                .map(|p| p as u32 + 1)
        };
        match parsed {
            Some(v) if (1..=u32::from(n)).contains(&v) => Some(v as u8),
            _ => {
                self.fault(
                    column,
                    format!(
                        "{} is not a level on this scale; use 1 to {n} ({})",
                        shown(&text),
                        names
                            .iter()
                            .enumerate()
                            .map(|(k, name)| format!("{} {name}", k + 1))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                None
            }
        }
    }

    /// Controls, one a line; `None` when at fault.
    fn controls(&self, column: &str, text: Option<String>) -> Option<Vec<String>> {
        let text = text.unwrap_or_default();
        let list: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if list.len() > MAX_CONTROLS {
            self.fault(
                column,
                format!(
                    "lists {} controls; a risk may list at most {MAX_CONTROLS} (one a line). Keep the main ones",
                    list.len()
                ),
            );
            return None;
        }
        let mut ok = true;
        for (k, c) in list.iter().enumerate() {
            let len = c.chars().count();
            if len > MAX_CONTROL_CHARS {
                self.fault(
                    column,
                    format!(
                        "control {} is {} characters long; each control may hold at most {MAX_CONTROL_CHARS}. Shorten it, and put each control on its own line",
                        k + 1,
                        thousands(len)
                    ),
                );
                ok = false;
            } else if let Some(ch) = c.chars().find(|&ch| is_control(ch)) {
                self.fault(
                    column,
                    format!(
                        "control {} holds a control character (code {}) that cannot be shown; remove it",
                        k + 1,
                        ch as u32
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(list)
    }
}

/// Characters that cannot be shown as text: C0 controls other than tab and line break,
/// and DEL.
fn is_control(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || c == '\u{7f}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_matched_as_people_write_them() {
        use Dim::*;
        use RatingKind::*;
        for (h, c) in [
            ("ID", Column::Id),
            ("Risk Ref.", Column::Id),
            ("  Risk   Title ", Column::Title),
            ("Description", Column::Statement),
            ("Risk owner", Column::Owner),
            ("Inherent L", Column::Level(Inherent, Likelihood)),
            ("Inherent likelihood", Column::Level(Inherent, Likelihood)),
            ("Residual Impact", Column::Level(Current, Impact)),
            ("Likelihood (current)", Column::Level(Current, Likelihood)),
            ("TARGET_IMPACT_SCORE", Column::Level(Target, Impact)),
            ("Controls & mitigations", Column::Controls),
            ("Cost timing", Column::Timing),
        ] {
            assert_eq!(Column::from_heading(h), Some(c), "{h}");
        }
        for h in [
            "Likelihood",
            "Inherent",
            "Inherent current L",
            "Budget",
            "L I",
        ] {
            assert_eq!(Column::from_heading(h), None, "{h}");
        }
        for c in Column::ALL {
            assert_eq!(Column::from_heading(c.heading()), Some(c));
        }
    }

    #[test]
    fn scales_are_read_or_refused_by_name() {
        assert_eq!(scale_of("4"), Ok(4));
        assert_eq!(scale_of("5x5"), Ok(5));
        assert_eq!(scale_of("4 × 4"), Ok(4));
        assert_eq!(scale_of("5-level"), Ok(5));
        assert!(scale_of("3x3").unwrap_err().contains("3-level scale"));
        assert!(scale_of("6").unwrap_err().contains("6-level scale"));
        assert!(scale_of("5x4").unwrap_err().contains("5 × 4"));
        assert!(scale_of("big").unwrap_err().contains("not a scale"));
    }

    #[test]
    fn column_letters_are_as_spreadsheets_show() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn short_titles_cut_at_words() {
        assert_eq!(short_from("Workforce"), "Workforce");
        let s = short_from("Relationship between the Trust and the Council over funding");
        assert_eq!(s, "Relationship between the…");
        assert!(s.chars().count() <= 30);
        assert_eq!(short_from(&"x".repeat(50)).chars().count(), 30);
    }
}
