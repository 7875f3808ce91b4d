//! Sides: the sides file (schema and validated meaning) and the resolver that
//! gives each speaker a side from members, aliases and context cues.

use crate::types::{Attribution, Segmentation, SideAssignment};

/// Gives a quote's speaker a side.
pub trait SideResolver: Send + Sync {
    fn resolve(&self, text: &str, seg: &Segmentation, attribution: &Attribution) -> SideAssignment;
}
