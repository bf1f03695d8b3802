//! Demand and finance charts (being written).
