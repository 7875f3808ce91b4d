//! The product's scorer: the sentence [`Encoder`] plus the trained
//! [`OptimismHead`], checked against each other by the model manifest.
//!
//! The head, the encoder overlay and the manifest in `models/` are compiled
//! into the binary, so an installed `quotesent` needs only the encoder
//! directory. A head is only valid for the encoder state it was trained on:
//! loading compares the encoder's weights checksum and the overlay's with
//! the manifest and refuses a mismatch with an error that names the
//! expected encoder or overlay.

use std::path::{Path, PathBuf};

use super::encoder::{Encoder, EncoderConfig};
use super::head::{HeadError, Manifest, OptimismHead};
use super::overlay::Overlay;
use super::{ScoreError, Scorer};
use crate::types::OptimismScore;

/// The shipped manifest and head (models/), compiled in.
pub const BUILTIN_MANIFEST: &str = include_str!("../../models/manifest.json");
pub const BUILTIN_HEAD: &str = include_str!("../../models/optimism-head.json");
/// The shipped encoder overlay (models/), when the shipped manifest names one.
pub const BUILTIN_OVERLAY: Option<&[u8]> =
    Some(include_bytes!("../../models/encoder-overlay.safetensors"));

/// Where the head comes from.
#[derive(Debug, Clone, Default)]
pub enum HeadSource {
    /// The head and manifest built into the binary.
    #[default]
    Builtin,
    /// A manifest file; its head file is found beside it.
    Manifest(PathBuf),
    /// A bare head file, used without an encoder check.
    Head(PathBuf),
}

/// Encoder + head.
pub struct TransformerScorer {
    encoder: Encoder,
    head: OptimismHead,
}

fn head_error(e: HeadError) -> ScoreError {
    match e {
        HeadError::Read { path, source } => ScoreError::Io { path, source },
        other => ScoreError::BadModel {
            path: PathBuf::from("optimism head"),
            reason: other.to_string(),
        },
    }
}

impl TransformerScorer {
    /// Loads the encoder (with the overlay the head's manifest names) and the
    /// head, refusing a head trained on another encoder or overlay.
    pub fn load(cfg: &EncoderConfig, head: &HeadSource) -> Result<Self, ScoreError> {
        let with_overlay;
        let cfg = match load_overlay(head)? {
            Some(overlay) => {
                with_overlay = EncoderConfig {
                    overlay: Some(overlay),
                    ..cfg.clone()
                };
                &with_overlay
            }
            None => cfg,
        };
        // Checking the encoder's checksum reads its 90 MB of weights: do it
        // while libtorch loads them.
        let (head, encoder) = std::thread::scope(|scope| {
            let head = scope.spawn(|| load_head(head, &cfg.model_dir));
            let encoder = Encoder::load(cfg);
            let head = head.join().unwrap_or_else(|_| {
                Err(ScoreError::Inference(
                    "checking the optimism head panicked".into(),
                ))
            });
            (head, encoder)
        });
        let (head, encoder) = (head?, encoder?);
        if encoder.dim() != head.input_dim {
            return Err(ScoreError::BadModel {
                path: cfg.model_dir.clone(),
                reason: format!(
                    "the encoder gives {}-d embeddings but the optimism head reads {}-d",
                    encoder.dim(),
                    head.input_dim
                ),
            });
        }
        Ok(TransformerScorer { encoder, head })
    }

    pub fn from_parts(encoder: Encoder, head: OptimismHead) -> Self {
        TransformerScorer { encoder, head }
    }

    pub fn encoder_mut(&mut self) -> &mut Encoder {
        &mut self.encoder
    }

    /// Whether the encoder runs on the CPU (rather than a GPU).
    pub fn on_cpu(&self) -> bool {
        self.encoder.device() == tch::Device::Cpu
    }

    /// The encoder's number format, `Auto` resolved.
    pub fn precision(&self) -> super::encoder::Precision {
        self.encoder.precision()
    }

    pub fn head(&self) -> &OptimismHead {
        &self.head
    }
}

/// Reads the head named by `source`, checking it against the encoder in
/// `encoder_dir` when a manifest is available.
pub fn load_head(source: &HeadSource, encoder_dir: &Path) -> Result<OptimismHead, ScoreError> {
    match source {
        HeadSource::Builtin => {
            let manifest = builtin_manifest()?;
            manifest
                .check_encoder_at(encoder_dir, Path::new("built-in models/manifest.json"))
                .map_err(head_error)?;
            builtin_head()
        }
        HeadSource::Manifest(path) => {
            let manifest = Manifest::load(path).map_err(head_error)?;
            manifest.check_encoder(encoder_dir).map_err(head_error)?;
            OptimismHead::load(manifest.head_path(path)).map_err(head_error)
        }
        HeadSource::Head(path) => OptimismHead::load(path).map_err(head_error),
    }
}

/// The encoder overlay the head named by `source` was trained with, checked
/// against the manifest's checksum; `None` when it names none (a bare head
/// file never does).
pub fn load_overlay(source: &HeadSource) -> Result<Option<Overlay>, ScoreError> {
    match source {
        HeadSource::Builtin => {
            let manifest = builtin_manifest()?;
            let Some(spec) = &manifest.encoder.overlay else {
                return Ok(None);
            };
            let origin = Path::new("built-in models").join(&spec.file);
            let bytes = BUILTIN_OVERLAY.ok_or_else(|| ScoreError::BadModel {
                path: origin.clone(),
                reason: "the built-in manifest names an overlay the binary lacks".into(),
            })?;
            let overlay = Overlay::from_static(origin, bytes);
            overlay.check(&spec.sha256)?;
            Ok(Some(overlay))
        }
        HeadSource::Manifest(path) => {
            let manifest = Manifest::load(path).map_err(head_error)?;
            match (&manifest.encoder.overlay, manifest.overlay_path(path)) {
                (Some(spec), Some(file)) => {
                    let overlay = Overlay::read(&file)?;
                    overlay.check(&spec.sha256)?;
                    Ok(Some(overlay))
                }
                _ => Ok(None),
            }
        }
        HeadSource::Head(_) => Ok(None),
    }
}

/// The manifest compiled into the binary.
fn builtin_manifest() -> Result<Manifest, ScoreError> {
    serde_json::from_str(BUILTIN_MANIFEST).map_err(|e| ScoreError::BadModel {
        path: PathBuf::from("built-in models/manifest.json"),
        reason: e.to_string(),
    })
}

/// The head compiled into the binary.
pub fn builtin_head() -> Result<OptimismHead, ScoreError> {
    let head: OptimismHead =
        serde_json::from_str(BUILTIN_HEAD).map_err(|e| ScoreError::BadModel {
            path: PathBuf::from("built-in models/optimism-head.json"),
            reason: e.to_string(),
        })?;
    head.validate().map_err(|reason| ScoreError::BadModel {
        path: PathBuf::from("built-in models/optimism-head.json"),
        reason,
    })?;
    Ok(head)
}

impl Scorer for TransformerScorer {
    fn describe(&self) -> String {
        format!(
            "encoder {}{} + optimism head, {} on {}",
            self.encoder.model_dir().display(),
            match self.encoder.overlay() {
                Some(o) => format!(" with overlay {}", o.display()),
                None => String::new(),
            },
            self.encoder.precision().as_str(),
            super::encoder::device_name(self.encoder.device())
        )
    }

    fn score(&mut self, texts: &[&str]) -> Result<Vec<OptimismScore>, ScoreError> {
        let embeddings = self.encoder.embed(texts)?;
        Ok(embeddings.iter().map(|e| self.head.score(e)).collect())
    }
}
