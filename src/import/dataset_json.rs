//! The full dataset (register, scales, drivers, consequences, links) as one JSON file:
//! the format `data/dataset.schema.json` documents. Read with the field path of the
//! fault, exactly as the built-in dataset is checked; written so that reading it back
//! gives the same dataset.

use super::{ImportError, ImportErrors, MAX_FILE_BYTES};
use crate::model::Dataset;

/// Reads a whole dataset; the fault names its field ("risks[3].ratings.current.impact").
pub fn read(text: &str) -> Result<Dataset, ImportErrors> {
    if text.len() > MAX_FILE_BYTES * 5 {
        return Err(ImportErrors::one(ImportError::file(format!(
            "the file is {} MB; a dataset is at most {} MB",
            text.len() / 1_000_000,
            MAX_FILE_BYTES * 5 / 1_000_000
        ))));
    }
    Dataset::from_json(text).map_err(|e| {
        ImportErrors::one(ImportError {
            row: None,
            column: None,
            field: (!e.field.is_empty()).then(|| e.field.clone()),
            message: e.message,
        })
    })
}

/// The dataset in the import format (pretty JSON, for people to edit).
pub fn write(dataset: &Dataset) -> String {
    dataset.to_json()
}
