//! Integration tests: one binary, one module per area.

mod adversarial;
mod fixtures;
#[cfg(feature = "transformer")]
mod model;
mod props;
