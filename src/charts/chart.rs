//! Shared chart type (being written).
