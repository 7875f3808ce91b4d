//! Paragraphs and sentences with byte spans.
//!
//! TODO(helper): rule-based segmenter; abbreviations ("Mr.", "U.S.", "Gen.",
//! initials) do not end sentences.

use crate::types::Segmentation;

/// Splits an article's text into paragraphs and sentences.
pub trait Segmenter: Send + Sync {
    fn segment(&self, text: &str) -> Segmentation;
}
