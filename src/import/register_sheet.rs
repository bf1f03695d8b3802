//! A register from a spreadsheet workbook (XLSX or ODS), read with calamine: the sheet's
//! cells become text, and the same validator as for CSV checks them. Only with the
//! `spreadsheets` feature, so the reader is never in the page's first download.

use super::rows::{column_letters, ReadOptions, RegisterImport, RegisterRows};
use super::{ImportError, ImportErrors, MAX_FILE_BYTES};
use calamine::{open_workbook_from_rs, Data, Ods, Range, Reader, Xlsx};
use std::io::Cursor;

/// Which kind of workbook the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Xlsx,
    Ods,
}

impl SheetKind {
    /// From a file name's extension (`.xlsx`, `.ods`, any case).
    pub fn from_file_name(name: &str) -> Option<SheetKind> {
        let lower = name.to_lowercase();
        if lower.ends_with(".xlsx") {
            Some(SheetKind::Xlsx)
        } else if lower.ends_with(".ods") {
            Some(SheetKind::Ods)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            SheetKind::Xlsx => "an Excel workbook (.xlsx)",
            SheetKind::Ods => "an OpenDocument spreadsheet (.ods)",
        }
    }
}

/// Reads a register from a workbook's bytes; the scale as the sheet declares it.
pub fn read(bytes: &[u8], kind: SheetKind) -> Result<RegisterImport, ImportErrors> {
    read_with(bytes, kind, ReadOptions::default())
}

/// Reads a register from a workbook's bytes with what the caller knows (the scale).
pub fn read_with(
    bytes: &[u8],
    kind: SheetKind,
    options: ReadOptions,
) -> Result<RegisterImport, ImportErrors> {
    let (rows, mut notes, cell_errors) = rows(bytes, kind)?;
    match rows.validate(options) {
        Ok(mut import) if cell_errors.is_empty() => {
            notes.append(&mut import.notes);
            import.notes = notes;
            Ok(import)
        }
        Ok(import) => {
            let mut errors = ImportErrors {
                notes: import.notes,
                ..Default::default()
            };
            cell_errors.into_iter().for_each(|e| errors.push(e));
            Err(errors)
        }
        Err(mut errors) => {
            // Spreadsheet error cells first: they explain the faults that follow from them.
            let mut all = ImportErrors::default();
            cell_errors.into_iter().for_each(|e| all.push(e));
            errors.errors.drain(..).for_each(|e| all.push(e));
            all.more += errors.more;
            notes.append(&mut errors.notes);
            all.notes = notes;
            Err(all)
        }
    }
}

/// The sheet's rows as text, notes (which sheet was read), and the cells that hold a
/// spreadsheet error (`#DIV/0!`), each a fault.
pub fn rows(
    bytes: &[u8],
    kind: SheetKind,
) -> Result<(RegisterRows, Vec<String>, Vec<ImportError>), ImportErrors> {
    if bytes.len() > MAX_FILE_BYTES * 5 {
        return Err(ImportErrors::one(ImportError::file(format!(
            "the file is {:.1} MB; a register workbook is at most {} MB",
            bytes.len() as f64 / 1e6,
            MAX_FILE_BYTES * 5 / 1_000_000
        ))));
    }
    let unreadable = |e: String| {
        ImportErrors::one(ImportError::file(format!(
            "the file could not be read as {} ({e}); save it again from your spreadsheet program, or as CSV",
            kind.name()
        )))
    };
    let (names, range) = match kind {
        SheetKind::Xlsx => {
            let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
            let names = wb.sheet_names();
            let k = pick(&names);
            let range = k.map(|k| wb.worksheet_range_at(k));
            (names, range.flatten().map(|r| r.map_err(|e| e.to_string())))
        }
        SheetKind::Ods => {
            let mut wb: Ods<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::OdsError| unreadable(e.to_string()))?;
            let names = wb.sheet_names();
            let k = pick(&names);
            let range = k.map(|k| wb.worksheet_range_at(k));
            (names, range.flatten().map(|r| r.map_err(|e| e.to_string())))
        }
    };
    let Some(range) = range else {
        return Err(ImportErrors::one(ImportError::file(
            "the workbook has no sheets",
        )));
    };
    let range = range.map_err(unreadable)?;
    let mut notes = Vec::new();
    if names.len() > 1 {
        let read = pick(&names).map(|k| names[k].clone()).unwrap_or_default();
        notes.push(format!(
            "The workbook has {} sheets; the register was read from the sheet ‘{}’ (a sheet named ‘Register’ or ‘Risks’ is read first, else the first sheet).",
            names.len(),
            read.chars().take(60).collect::<String>()
        ));
    }
    let (records, errors) = records(&range);
    Ok((RegisterRows::from_records(records), notes, errors))
}

/// The sheet to read: one named like a register, else the first.
fn pick(names: &[String]) -> Option<usize> {
    if names.is_empty() {
        return None;
    }
    let named = names.iter().position(|n| {
        matches!(
            n.trim().to_lowercase().as_str(),
            "register" | "risk register" | "risks" | "strategic risks"
        )
    });
    Some(named.unwrap_or(0))
}

/// The range's cells as text, each row with its spreadsheet row number.
fn records(range: &Range<Data>) -> (Vec<(usize, Vec<String>)>, Vec<ImportError>) {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (k, cells) in range.rows().enumerate() {
        let row = row0 as usize + k + 1;
        // Cells left of the range's first column are empty: keep column positions.
        let mut texts: Vec<String> = vec![String::new(); col0 as usize];
        for (c, cell) in cells.iter().enumerate() {
            texts.push(match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
                Data::Int(i) => i.to_string(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                Data::Float(f) => f.to_string(),
                Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::DateTime(d) => d.to_string(),
                Data::Error(e) => {
                    errors.push(ImportError::row(
                        row,
                        format!(
                            "the cell in column {} holds a spreadsheet error ({e}), not a value; correct the formula or type the value",
                            column_letters(col0 as usize + c)
                        ),
                    ));
                    String::new()
                }
            });
        }
        out.push((row, texts));
    }
    (out, errors)
}
