//! Integration tests: one binary, one module per area.

mod fixtures;
#[cfg(feature = "transformer")]
mod model;
