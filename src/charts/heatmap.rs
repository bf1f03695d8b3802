//! Heat map geometry.
