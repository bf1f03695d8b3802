//! Your own organisation's data: a risk register read from a spreadsheet (CSV always;
//! XLSX and ODS with the `spreadsheets` feature), or a whole dataset read from JSON, and
//! the same formats written back out so an organisation can edit them and import again.
//!
//! Every reader turns its file into the same [`rows::RegisterRows`] (cells as text, each
//! with its spreadsheet row), which one validator checks cell by cell. Nothing is
//! returned until the whole file is valid: a file with any fault gives [`ImportErrors`],
//! every fault with its row and column in plain words. Text from the file is only ever
//! data: kept verbatim (surrounding spaces trimmed), capped in length, never interpreted.
//!
//! Pure and native: no web types. The spreadsheet readers (calamine) sit behind the
//! `spreadsheets` feature and the JSON Schema (schemars) behind `schema`, so neither is
//! in the page's first download; the tests build the crate with both.

pub mod build;
pub mod csv;
pub mod dataset_json;
pub mod file;
pub mod register_csv;
#[cfg(feature = "spreadsheets")]
pub mod register_sheet;
pub mod rows;
#[cfg(feature = "schema")]
pub mod schema;
pub mod synthetic;

pub use build::{dataset_from_register, BuiltDataset};
pub use rows::{CostTiming, ImportedRisk, ReadOptions, RegisterImport, RegisterRows};

use std::fmt;

/// The fewest and most risks a register may hold.
pub const MIN_RISKS: usize = 3;
pub const MAX_RISKS: usize = 30;

/// The longest text kept in each column, in characters. Longer text is refused with a
/// message (never cut silently), so what is imported is what the file says.
pub const MAX_ID_CHARS: usize = 8;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SHORT_TITLE_CHARS: usize = 60;
pub const MAX_STATEMENT_CHARS: usize = 2_000;
pub const MAX_OWNER_CHARS: usize = crate::model::register::MAX_OWNER_CHARS;
pub const MAX_EVENT_CHARS: usize = 1_000;
/// Each control (one a line in the controls cell), and how many a risk may list.
pub const MAX_CONTROL_CHARS: usize = 300;
pub const MAX_CONTROLS: usize = 20;
pub const MAX_NOTES_CHARS: usize = 2_000;
/// The largest file read at all (bytes): a register of 30 risks at every cap is about
/// 250 KB, so 2 MB leaves room for formatting and refuses anything absurd early.
pub const MAX_FILE_BYTES: usize = 2_000_000;
/// The most faults listed; past this the list ends with how many more there are.
pub const MAX_ERRORS_LISTED: usize = 100;

/// One fault in an imported file: where it is, and what is wrong, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The spreadsheet row (1-based, as a spreadsheet program numbers it), when the fault
    /// is in one row.
    pub row: Option<usize>,
    /// The column's heading as the file writes it, when the fault is in one column.
    pub column: Option<String>,
    /// In a JSON dataset, the path of the field at fault
    /// (`risks[3].ratings.current.impact`).
    pub field: Option<String>,
    pub message: String,
}

impl ImportError {
    pub fn file(message: impl Into<String>) -> Self {
        ImportError {
            row: None,
            column: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn row(row: usize, message: impl Into<String>) -> Self {
        ImportError {
            row: Some(row),
            column: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn cell(row: usize, column: &str, message: impl Into<String>) -> Self {
        ImportError {
            row: Some(row),
            column: Some(column.to_string()),
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    /// "Row 4, column ‘current likelihood’: ‘very high’ is not a level on this scale; use
    /// 1 to 5."
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.field {
            return write!(f, "{field}: {}", self.message);
        }
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "Row {r}, column ‘{c}’: {}", self.message),
            (Some(r), None) => write!(f, "Row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "Column ‘{c}’: {}", self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

/// Why a file was not imported: every fault found, and the notes a reader would also
/// have seen (columns ignored, the scale assumed). Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportErrors {
    pub errors: Vec<ImportError>,
    /// Faults found beyond [`MAX_ERRORS_LISTED`], counted but not listed.
    pub more: usize,
    pub notes: Vec<String>,
}

impl ImportErrors {
    pub fn one(e: ImportError) -> Self {
        ImportErrors {
            errors: vec![e],
            ..Default::default()
        }
    }

    pub fn push(&mut self, e: ImportError) {
        if self.errors.len() < MAX_ERRORS_LISTED {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.more == 0
    }

    /// The faults as lines for a person: each fault, then "…and N more faults".
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.errors.iter().map(|e| e.to_string()).collect();
        if self.more > 0 {
            out.push(format!(
                "…and {} more {} not listed.",
                self.more,
                if self.more == 1 { "fault" } else { "faults" }
            ));
        }
        out
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len() + self.more;
        writeln!(
            f,
            "The file was not imported ({n} {}); nothing has changed.",
            if n == 1 { "fault" } else { "faults" }
        )?;
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

/// A cell's text shown inside a message: quoted with ‘ ’, cut to 40 characters.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    format!("‘{out}’")
}

/// A count written for a person: 10,000 (the app's one count formatter).
pub(crate) fn thousands(n: usize) -> String {
    crate::format::count(n as u64)
}
