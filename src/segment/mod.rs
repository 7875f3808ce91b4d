//! Paragraphs and sentences with byte spans.
//!
//! Every later stage reasons in sentences and paragraphs (a quote's
//! attribution sits in its own sentence or the one before; multi-paragraph
//! quotes re-open on each paragraph), so segmentation is its own stage behind
//! the small [`Segmenter`] trait. The default, [`RuleSegmenter`], is a single
//! left-to-right scan with bounded look-behind for abbreviations, which keeps
//! it linear in the text length whatever the input looks like.

mod rule;

pub use rule::RuleSegmenter;

use crate::types::Segmentation;

/// Splits an article's text into paragraphs and sentences.
pub trait Segmenter: Send + Sync {
    fn segment(&self, text: &str) -> Segmentation;
}
