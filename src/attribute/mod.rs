//! Speakers: mentions, cue verbs, titles, pronouns, aliases → canonical names.

use crate::types::{Attribution, Quote, Segmentation};

/// Says who said each quote of one article.
pub trait Attributor: Send + Sync {
    /// One attribution per quote, in the same order.
    fn attribute(&self, text: &str, seg: &Segmentation, quotes: &[Quote]) -> Vec<Attribution>;
}
