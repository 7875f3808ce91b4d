//! Optimism scoring behind the [`Scorer`] trait.

use crate::types::OptimismScore;

/// Scores texts. Implementations batch internally; callers pass as many
/// texts as they have (batches cross article boundaries).
pub trait Scorer {
    fn score(&mut self, texts: &[&str]) -> Result<Vec<OptimismScore>, ScoreError>;
}

#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error("{0}")]
    Model(String),
}
pub mod head;
