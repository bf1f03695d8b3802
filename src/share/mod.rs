//! Codecs for what is saved and shared.
