//! Finding quoted statements: direct, partial, multi-paragraph, reported.

use crate::types::{Quote, Segmentation};

/// Finds the statements in one article.
pub trait QuoteFinder: Send + Sync {
    /// Quotes in text order.
    fn find(&self, text: &str, seg: &Segmentation) -> Vec<Quote>;
}
