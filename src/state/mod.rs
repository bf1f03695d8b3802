//! The user state.
