//! Why a dataset could not be used: the field at fault and a plain-words reason.

use std::fmt;

/// A dataset that could not be used, with the field at fault and a plain-words reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetError {
    /// Path of the offending field, e.g. `risks[3].ratings.current.likelihood`; empty
    /// when the file as a whole is at fault.
    pub field: String,
    pub message: String,
}

impl DatasetError {
    pub fn field(field: &str, message: &str) -> Self {
        DatasetError {
            field: field.to_string(),
            message: message.to_string(),
        }
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for DatasetError {}
