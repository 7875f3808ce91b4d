//! Optimism scoring behind the [`Scorer`] trait.
//!
//! The product's scorer is a sentence encoder ([`encoder`], libtorch), whose
//! top layers may be replaced by fine-tuned ones ([`overlay`]), plus a small
//! trained head ([`head`], pure Rust). They are split so the head can be
//! trained, evaluated and unit-tested without libtorch on fixed embeddings,
//! and so the encoder runs once per text however many heads read it. [`fake`] is a
//! deterministic stand-in for fast tests of everything around the model.
//! [`classifier`] runs a Hugging Face sequence classifier users bring
//! (`--model DIR`), whose own labels [`labels`] maps to optimism.

#[cfg(feature = "transformer")]
pub(crate) mod bert;
#[cfg(feature = "transformer")]
pub mod classifier;
#[cfg(feature = "transformer")]
pub mod encoder;
pub mod fake;
#[cfg(feature = "transformer")]
mod kernels;
#[cfg(feature = "transformer")]
pub mod overlay;
#[cfg(feature = "transformer")]
pub mod transformer;

use std::path::PathBuf;

use crate::types::OptimismScore;

pub use fake::FakeScorer;

/// Scores texts. Implementations batch internally; callers pass as many
/// texts as they have (batches cross article boundaries).
pub trait Scorer {
    fn score(&mut self, texts: &[&str]) -> Result<Vec<OptimismScore>, ScoreError>;

    /// Which model scored, in words, for the run's record (summary.json):
    /// the model, its number format and device.
    fn describe(&self) -> String {
        "a custom scorer".into()
    }
}

/// What can go wrong loading or running a model.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error(
        "the encoder model was not found (looked in the site-packages of: {}); install it with: {install}",
        searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    ModelNotFound {
        searched: Vec<PathBuf>,
        install: String,
    },
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("bad model file {}: {reason}", path.display())]
    BadModel { path: PathBuf, reason: String },
    #[error("--device cuda was asked for, but no CUDA device is available")]
    NoCuda,
    #[error("model inference failed: {0}")]
    Inference(String),
}
pub mod head;
pub mod labels;
