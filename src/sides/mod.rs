//! Sides: the sides file (schema and validated meaning) and the resolver that
//! gives each speaker a side from members, aliases and context cues.
//!
//! Layout follows "schema vs meaning": [`schema`] is the serde mirror of the
//! TOML, [`config`] the validated [`Sides`] with its errors and name lookups,
//! [`resolve`] the rules that read the article around a speaker.

pub mod config;
pub mod names;
pub mod resolve;
pub mod schema;

pub use config::{Member, Side, Sides, SidesError};
pub use names::normalize_name;
pub use resolve::{RuleSideResolver, NO_EVIDENCE};

use crate::types::{Attribution, Segmentation, SideAssignment};

/// Gives a quote's speaker a side.
pub trait SideResolver: Send + Sync {
    fn resolve(&self, text: &str, seg: &Segmentation, attribution: &Attribution) -> SideAssignment;
}
