//! Speakers: mentions, cue verbs, titles, pronouns, aliases → canonical names.
//!
//! [`mention`] finds speaker mentions next to cues from the word lists in
//! `words.txt` ([`lexicon`]); [`rule::RuleAttributor`] resolves each quote's
//! mention to a canonical speaker per article (titles split off, surnames
//! and pronouns linked to the full name), and [`registry::SpeakerRegistry`]
//! folds names across a batch (transliteration variants).

pub mod lexicon;
pub mod mention;
pub mod registry;
mod rule;

pub use registry::SpeakerRegistry;
pub use rule::RuleAttributor;
pub(crate) use rule::{initials_spell, window};

use crate::types::{Attribution, Quote, Segmentation};

/// Says who said each quote of one article.
pub trait Attributor: Send + Sync {
    /// One attribution per quote, in the same order.
    fn attribute(&self, text: &str, seg: &Segmentation, quotes: &[Quote]) -> Vec<Attribution>;
}
