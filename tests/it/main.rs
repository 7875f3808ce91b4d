//! Integration tests: one binary, one module per area.

mod adversarial;
mod cli;
mod fixtures;
#[cfg(feature = "transformer")]
mod model;
#[cfg(feature = "transformer")]
mod neural;
mod props;
mod resume;
mod speakers;
