//! A register as CSV: read it, write the template, export a dataset's register in the
//! same format (so export → read gives the same register).

use super::build::{DEFAULT_EVENT_ASSUMPTION, DEFAULT_TREND_ASSUMPTION};
use super::csv;
use super::rows::{level_names, Column, Dim, ReadOptions, RegisterImport, RegisterRows};
use super::{ImportError, ImportErrors, MAX_FILE_BYTES};
use crate::model::consequences::Timing;
use crate::model::{Dataset, RatingKind};

/// Reads a register from CSV text; the scale as the file declares it (else 5 levels).
pub fn read(text: &str) -> Result<RegisterImport, ImportErrors> {
    read_with(text, ReadOptions::default())
}

/// Reads a register from CSV text with what the caller knows (the scale).
pub fn read_with(text: &str, options: ReadOptions) -> Result<RegisterImport, ImportErrors> {
    rows(text)?.validate(options)
}

/// The CSV's rows, before checking.
pub fn rows(text: &str) -> Result<RegisterRows, ImportErrors> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportErrors::one(ImportError::file(format!(
            "the file is {:.1} MB; a register is at most {} MB (30 risks with long text fit in a fraction of that)",
            text.len() as f64 / 1e6,
            MAX_FILE_BYTES / 1_000_000
        ))));
    }
    let records = csv::parse(text).map_err(ImportErrors::one)?;
    Ok(RegisterRows::from_records(records))
}

/// What each column means and the values it allows, one comment line each.
fn column_notes(levels: u8) -> Vec<String> {
    let names = |dim| {
        level_names(levels, dim)
            .iter()
            .enumerate()
            .map(|(k, n)| format!("{} {n}", k + 1))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let l = names(Dim::Likelihood);
    let i = names(Dim::Impact);
    let mut out = vec![
        "# Lines starting with # are notes and are skipped. One risk a row, 3 to 30 risks. Columns may come in any order; headings are matched ignoring case and spacing (‘Inherent L’ is read as inherent likelihood); other columns are ignored and listed.".to_string(),
        format!("# The line ‘# scale: {levels}’ says the register's scale has {levels} levels; write ‘# scale: 4’ or ‘# scale: 5’ (or give a ‘scale’ column). Without it, levels are read on the 5-level scale."),
        "# ‘id’ (required): a short code of up to 8 letters and digits, different for each risk, such as R1.".to_string(),
        "# ‘title’ (required): the risk's title, up to 200 characters.".to_string(),
        "# ‘short title’ (optional): a short name for maps and tables, up to 60 characters; without it the title is shortened.".to_string(),
        "# ‘statement’ (required): the risk as the register states it, up to 2,000 characters.".to_string(),
        "# ‘owner’ (optional): who owns the risk, up to 120 characters.".to_string(),
        "# ‘event definition’ (optional): what it means for the risk to happen in a year, up to 1,000 characters; without it a default is written and marked as an assumption.".to_string(),
        format!("# ‘inherent likelihood’, ‘current likelihood’, ‘target likelihood’ (required): a level from 1 to {levels} ({l}); the level's name is read too. Inherent is before controls, current with today's controls, target the aim."),
        format!("# ‘inherent impact’, ‘current impact’, ‘target impact’ (required): a level from 1 to {levels} ({i}). The current impact sizes the risk's default cost."),
        "# ‘controls’ (optional): the controls and mitigations, one a line within the cell, at most 20, each up to 300 characters.".to_string(),
        "# ‘notes’ (optional): anything else about the risk, up to 2,000 characters.".to_string(),
        "# ‘trend’ (optional): rising, stable or falling.".to_string(),
        "# ‘cost timing’ (optional): one-off (a cost in the year the risk happens) or persistent (a cost from that year on); empty means one-off.".to_string(),
    ];
    out.push(format!("# scale: {levels}"));
    out
}

/// The headings the template and the export write, in order.
fn headings() -> Vec<&'static str> {
    Column::ALL
        .iter()
        .filter(|c| **c != Column::Scale)
        .map(|c| c.heading())
        .collect()
}

/// The downloadable template: notes on every column, the header, one example row.
pub fn template() -> String {
    let mut out = String::new();
    out.push_str(&csv::line(&[
        "# Risk Explorer: a risk register to import. Fill in one row a risk, save as CSV (or XLSX / ODS), and import it.",
    ]));
    for note in column_notes(5) {
        out.push_str(&csv::line(&[&note]));
    }
    out.push_str(&csv::line(&headings()));
    out.push_str(&csv::line(&[
        "R1",
        "Council funding",
        "Council funding",
        "The Council, under its own financial pressure, funds the contract below what demand needs.",
        "Director of Finance",
        "A year in which the contract sum or its uplift is set below what the plan assumed.",
        "4",
        "5",
        "3",
        "4",
        "2",
        "4",
        "Monthly finance meeting with the Council\nTen-year contract with a five-year review",
        "Example row: replace it with your own risks.",
        "stable",
        "persistent",
    ]));
    out
}

/// A dataset's register in the template's format: what [`read`] reads back as the same
/// register. Defaults the import wrote (an event or trend the register did not give)
/// are left empty, so they stay defaults.
pub fn export_register_csv(ds: &Dataset) -> String {
    let levels = ds.scales.levels();
    let mut out = String::new();
    out.push_str(&csv::line(&[&format!(
        "# {}: the risk register, exported from Risk Explorer ({}, version {}).",
        ds.meta.organisation, ds.meta.name, ds.meta.version
    )]));
    for note in column_notes(levels) {
        out.push_str(&csv::line(&[&note]));
    }
    out.push_str(&csv::line(&headings()));
    for r in &ds.risks {
        let level = |kind: RatingKind, dim: Dim| {
            let d = r.ratings.get(kind);
            match dim {
                Dim::Likelihood => d.likelihood.get().to_string(),
                Dim::Impact => d.impact.get().to_string(),
            }
        };
        let event = if r.event.provenance.assumption.as_deref() == Some(DEFAULT_EVENT_ASSUMPTION) {
            String::new()
        } else {
            r.event.definition.clone()
        };
        let trend = if r.trend.provenance.assumption.as_deref() == Some(DEFAULT_TREND_ASSUMPTION) {
            String::new()
        } else {
            r.trend.direction.label().to_lowercase()
        };
        let shocks = ds.consequences.shocks(&r.id);
        let timing = if shocks.iter().any(|s| s.timing != Timing::OneOff) {
            "persistent"
        } else {
            "one-off"
        };
        let controls = r
            .controls
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let notes = r
            .evidence
            .iter()
            .map(|e| e.summary.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let mut cells: Vec<String> = Vec::new();
        for c in Column::ALL {
            cells.push(match c {
                Column::Id => r.id.0.clone(),
                Column::Title => r.title.clone(),
                Column::ShortTitle => r.short_title.clone(),
                Column::Statement => r.statement.clone(),
                Column::Owner => r.default_owner().to_string(),
                Column::Event => event.clone(),
                Column::Level(kind, dim) => level(kind, dim),
                Column::Controls => controls.clone(),
                Column::Notes => notes.clone(),
                Column::Trend => trend.clone(),
                Column::Timing => timing.to_string(),
                Column::Scale => continue,
            });
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        out.push_str(&csv::line(&refs));
    }
    out
}
