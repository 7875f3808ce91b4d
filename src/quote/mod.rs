//! Finding quoted statements: direct, partial, multi-paragraph, reported.
//!
//! The work is split the way the evidence is: [`marks`] pairs quote marks
//! (per paragraph, recovering from strays), `rule` decides what each pair
//! is (statement or scare quote, direct or partial, split by an attribution
//! or not) and finds reported speech from the cue [`lexicon`] (a data file),
//! sharing the word [`tokens`] and the speaker-mention rules of
//! [`crate::attribute::mention`]. The finder records the cue and the mention
//! it sees so the attributor only has to resolve names.
//!
//! [`tagger`] is a learned sequence tagger (content, cue, source) trained on
//! PolNeAR; [`HybridQuoteFinder`], the default, adds the statements it finds
//! where the rules found none: reported speech that no lexicon rule frames.
//! [`neural`] is an opt-in fine-tuned transformer tagger that finds far more
//! reported speech, at a transformer's cost.

pub mod lexicon;
pub mod marks;
pub mod neural;
mod rule;
pub mod tagger;
pub mod tokens;

pub use rule::RuleQuoteFinder;
pub use tagger::HybridQuoteFinder;

use crate::types::{Quote, QuoteKind, Segmentation};

/// Whether a reported "statement" is only a source's request for anonymity
/// ("who asked not to be named", "who did not want to be identified"): it
/// says who the speaker is, not what they said.
pub(crate) fn anonymity_request(text: &str, q: &Quote) -> bool {
    if q.kind != QuoteKind::Reported || q.spans.len() != 1 {
        return false;
    }
    let body = q.spans[0].slice(text).trim().to_lowercase();
    let body = body.strip_prefix("not ").unwrap_or(&body);
    ["to be named", "to be identified", "to be quoted"]
        .iter()
        .any(|p| {
            body.strip_prefix(p).is_some_and(|rest| {
                // "... publicly", "... for fear of losing her job", "...
                // because of an ongoing investigation": why, not what.
                let rest = rest.trim_start();
                rest.is_empty()
                    || [
                        "publicly", "for ", "because", "as ", "since ", "while ", "given ",
                    ]
                    .iter()
                    .any(|w| rest.starts_with(w))
            })
        })
        || body.starts_with("to give his name")
        || body.starts_with("to give her name")
        || body.starts_with("to give their name")
}

/// Finds the statements in one article.
pub trait QuoteFinder: Send + Sync {
    /// Quotes in text order.
    fn find(&self, text: &str, seg: &Segmentation) -> Vec<Quote>;

    /// Articles so far whose quotes came from a fallback because this
    /// finder's own model failed on them (0 for finders without one).
    fn fallbacks(&self) -> usize {
        0
    }
}
