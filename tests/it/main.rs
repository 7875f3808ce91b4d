//! Integration tests: one binary, one module per area.

mod cli;
mod fixtures;
#[cfg(feature = "transformer")]
mod model;
mod resume;
