//! One file a person chose to import, whatever its kind: a register (CSV, XLSX, ODS) or a
//! whole dataset (JSON). What the background worker runs (the spreadsheet readers are
//! only in the worker's build), and what it sends back: the dataset built, with notes,
//! or every fault in plain words. Nothing here changes anything: the page decides.

use super::{dataset_from_register, dataset_json, register_csv, ImportError, ImportErrors};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};

/// The kinds of file the import reads, from the name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
    Ods,
    Json,
}

impl FileKind {
    pub fn from_name(name: &str) -> Option<FileKind> {
        let lower = name.trim().to_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        match ext {
            "csv" | "txt" => Some(FileKind::Csv),
            "xlsx" => Some(FileKind::Xlsx),
            "ods" => Some(FileKind::Ods),
            "json" => Some(FileKind::Json),
            _ => None,
        }
    }
}

/// What came of reading a file, as the worker sends it to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FileOutcome {
    /// Read and valid: the dataset (compact JSON, which the page checks again as it
    /// reads it) and what the person should know (columns ignored, defaults assumed).
    Read {
        dataset_json: String,
        notes: Vec<String>,
    },
    /// Not imported: the first line says so, then every fault with its row and column
    /// (or field), then notes.
    Refused {
        lines: Vec<String>,
        notes: Vec<String>,
    },
}

/// Reads `bytes` as the file `name`. A register's drivers, money figures and links come
/// from `base` (the dataset in use); a JSON file is a whole dataset of its own.
pub fn read_file(
    name: &str,
    bytes: &[u8],
    base: &Dataset,
) -> Result<(Dataset, Vec<String>), ImportErrors> {
    let Some(kind) = FileKind::from_name(name) else {
        return Err(ImportErrors::one(ImportError::file(format!(
            "{} is not a kind of file Risk Explorer reads: choose a CSV, Excel (.xlsx), OpenDocument (.ods) or JSON file",
            super::shown(name)
        ))));
    };
    let text = || {
        // A spreadsheet program may write a byte-order mark first.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        std::str::from_utf8(bytes).map_err(|_| {
            ImportErrors::one(ImportError::file(
                "the file is not plain text in UTF-8: save it again as “CSV UTF-8” (in Excel: File ▸ Save As ▸ CSV UTF-8), or import the .xlsx itself",
            ))
        })
    };
    let register = match kind {
        FileKind::Json => {
            let ds = dataset_json::read(text()?)?;
            let notes = vec![format!(
                "A whole dataset: {}’s register, scales, drivers, consequences and links, as the file gives them.",
                ds.meta.organisation
            )];
            return Ok((ds, notes));
        }
        FileKind::Csv => register_csv::read(text()?)?,
        FileKind::Xlsx | FileKind::Ods => read_sheet(bytes, kind)?,
    };
    let built = dataset_from_register(&register, base, name)?;
    Ok((built.dataset, built.notes))
}

#[cfg(feature = "spreadsheets")]
fn read_sheet(bytes: &[u8], kind: FileKind) -> Result<super::RegisterImport, ImportErrors> {
    use super::register_sheet::{self, SheetKind};
    let kind = if kind == FileKind::Ods {
        SheetKind::Ods
    } else {
        SheetKind::Xlsx
    };
    register_sheet::read(bytes, kind)
}

#[cfg(not(feature = "spreadsheets"))]
fn read_sheet(_: &[u8], _: FileKind) -> Result<super::RegisterImport, ImportErrors> {
    Err(ImportErrors::one(ImportError::file(
        "this build reads spreadsheets only in its background worker, which is not running here: save the sheet as CSV and import that",
    )))
}

/// [`read_file`] as the worker answers: the outcome to send to the page.
pub fn outcome(name: &str, bytes: &[u8], base: &Dataset) -> FileOutcome {
    match read_file(name, bytes, base) {
        Ok((ds, notes)) => FileOutcome::Read {
            dataset_json: ds.to_compact_json(),
            notes,
        },
        Err(e) => {
            let n = e.errors.len() + e.more;
            let mut lines = vec![format!(
                "{} was not imported ({n} {}); nothing has changed.",
                super::shown(name),
                if n == 1 { "fault" } else { "faults" }
            )];
            lines.extend(e.lines());
            FileOutcome::Refused {
                lines,
                notes: e.notes,
            }
        }
    }
}

/// "12 risks on a 5-level scale": what an imported dataset holds, in words.
pub fn summary(ds: &Dataset) -> String {
    let n = ds.risks.len();
    format!(
        "{n} risk{} on a {}-level scale",
        if n == 1 { "" } else { "s" },
        ds.scales.levels()
    )
}
