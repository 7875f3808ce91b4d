//! The tagger's model: the packaged encoder with the finder's overlay, and
//! its three heads; and the finder built on it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tch::{Device, Kind, Tensor};
use tokenizers::Tokenizer;

use super::{
    central_window, combine, decode, speaker_of, windows, Keep, NeuralStatement, Pieces,
    DEFAULT_KEEP, N_PROBS,
};
use crate::quote::{anonymity_request, HybridQuoteFinder, QuoteFinder};
use crate::score::bert::{BertEncoder, HEAD_PREFIX};
use crate::score::encoder::{DeviceChoice, Precision};
use crate::score::overlay::Overlay;
use crate::score::ScoreError;
use crate::types::{Quote, Segmentation};

/// The packaged finder model (`models/finder-neural.safetensors`).
pub const BUILTIN_FINDER: &[u8] = include_bytes!("../../../models/finder-neural.safetensors");

/// Windows per forward pass.
const BATCH: usize = 16;

/// The heads, in the order of the probabilities [`decode`] reads.
const HEADS: [(&str, i64); 3] = [("content", 4), ("cue", 3), ("source", 3)];

/// The encoder and heads, loaded once.
pub struct NeuralTagger {
    encoder: BertEncoder,
    tokenizer: Tokenizer,
    /// `[10, hidden]` and `[10]`: the three heads stacked.
    weight: Tensor,
    bias: Tensor,
    device: Device,
    precision: Precision,
    cls: i64,
    sep: i64,
}

impl NeuralTagger {
    /// Loads the encoder in `model_dir` (the packaged MiniLM) with `finder`
    /// (an overlay holding `head.{content,cue,source}.{weight,bias}`).
    pub fn load(
        model_dir: &Path,
        finder: &Overlay,
        device: DeviceChoice,
        precision: Precision,
    ) -> Result<Self, ScoreError> {
        let tok_path = model_dir.join("tokenizer.json");
        let bad_tok = |reason: String| ScoreError::BadModel {
            path: tok_path.clone(),
            reason,
        };
        let mut tokenizer = Tokenizer::from_file(&tok_path).map_err(|e| bad_tok(e.to_string()))?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(None)
            .map_err(|e| bad_tok(e.to_string()))?;
        let special = |t: &str| {
            tokenizer
                .token_to_id(t)
                .map(i64::from)
                .ok_or_else(|| bad_tok(format!("no {t} token in the vocabulary")))
        };
        let (cls, sep) = (special("[CLS]")?, special("[SEP]")?);
        let device = device.resolve()?;
        let precision = precision.resolve(device);
        let encoder = BertEncoder::load(model_dir, device, precision.kind(), true, Some(finder))?;
        let hidden = encoder.hidden_size() as i64;

        let bad = |reason: String| ScoreError::BadModel {
            path: finder.origin().to_path_buf(),
            reason,
        };
        let tensors = finder.tensors_where(|n| n.starts_with(HEAD_PREFIX))?;
        let get = |name: &str, shape: &[i64]| -> Result<Tensor, ScoreError> {
            let full = format!("{HEAD_PREFIX}{name}");
            let t = tensors
                .iter()
                .find(|(n, _)| *n == full)
                .map(|(_, t)| t.shallow_clone())
                .ok_or_else(|| bad(format!("no tensor {full:?} (not a finder model?)")))?;
            if t.size() != shape {
                return Err(bad(format!(
                    "tensor {full:?} has shape {:?}, expected {shape:?}",
                    t.size()
                )));
            }
            Ok(t)
        };
        let mut ws = Vec::new();
        let mut bs = Vec::new();
        for (name, n) in HEADS {
            ws.push(get(&format!("{name}.weight"), &[n, hidden])?);
            bs.push(get(&format!("{name}.bias"), &[n])?);
        }
        Ok(NeuralTagger {
            encoder,
            tokenizer,
            weight: Tensor::cat(&ws, 0).to(device),
            bias: Tensor::cat(&bs, 0).to(device),
            device,
            precision,
            cls,
            sep,
        })
    }

    /// The encoder's number format (fp32 or bf16, never auto).
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Whether the encoder runs on the CPU.
    pub fn on_cpu(&self) -> bool {
        self.device == Device::Cpu
    }

    /// The packaged finder over the packaged encoder (found as the scorer
    /// finds it: `$QUOTESENT_MODEL_DIR`, else the virtual environments).
    pub fn builtin(device: DeviceChoice, precision: Precision) -> Result<Self, ScoreError> {
        let dir = crate::score::encoder::find_model_dir()?;
        let finder =
            Overlay::from_static("built-in models/finder-neural.safetensors", BUILTIN_FINDER);
        Self::load(&dir, &finder, device, precision)
    }

    /// Word-piece byte offsets and their probabilities (content O, B, I, C;
    /// cue O, B, I; source O, B, I) for one article.
    #[allow(clippy::type_complexity)]
    pub fn predict(
        &self,
        text: &str,
    ) -> Result<(Vec<(usize, usize)>, Vec<[f32; N_PROBS]>), ScoreError> {
        let enc = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| ScoreError::Inference(e.to_string()))?;
        let ids = enc.get_ids();
        let offsets = enc.get_offsets().to_vec();
        let n = ids.len();
        let wins = windows(n);
        let central = central_window(&wins, n);
        let mut probs = vec![[0f32; N_PROBS]; n];
        let _guard = tch::no_grad_guard();
        for (b0, batch) in wins.chunks(BATCH).enumerate() {
            let len = batch.iter().map(|(s, e)| e - s).max().unwrap_or(0) + 2;
            let rows = batch.len();
            let mut flat = vec![0i64; rows * len];
            let mut mask = vec![0i64; rows * len];
            for (r, &(s, e)) in batch.iter().enumerate() {
                let row = &mut flat[r * len..(r + 1) * len];
                row[0] = self.cls;
                for (slot, &id) in row[1..].iter_mut().zip(&ids[s..e]) {
                    *slot = i64::from(id);
                }
                row[e - s + 1] = self.sep;
                mask[r * len..r * len + e - s + 2].fill(1);
            }
            let shape = [rows as i64, len as i64];
            let t_ids = Tensor::from_slice(&flat).view(shape).to(self.device);
            let t_mask = Tensor::from_slice(&mask).view(shape).to(self.device);
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let hidden = self.encoder.forward(&t_ids, &t_mask).to_kind(Kind::Float);
                let logits = hidden.linear(&self.weight, Some(&self.bias));
                Tensor::cat(
                    &[
                        logits.narrow(-1, 0, 4).softmax(-1, Kind::Float),
                        logits.narrow(-1, 4, 3).softmax(-1, Kind::Float),
                        logits.narrow(-1, 7, 3).softmax(-1, Kind::Float),
                    ],
                    -1,
                )
                .to_device(Device::Cpu)
                .contiguous()
            }))
            .map_err(|_| ScoreError::Inference("the finder model failed".into()))?;
            let values = Vec::<f32>::try_from(out.view([-1]))
                .map_err(|e| ScoreError::Inference(e.to_string()))?;
            for (r, &(s, e)) in batch.iter().enumerate() {
                let w = b0 * BATCH + r;
                for j in s..e {
                    if central[j] == w {
                        let at = (r * len + 1 + j - s) * N_PROBS;
                        probs[j].copy_from_slice(&values[at..at + N_PROBS]);
                    }
                }
            }
        }
        Ok((offsets, probs))
    }

    /// The statements in one article.
    pub fn statements(
        &self,
        text: &str,
        min_confidence: f32,
        min_pieces: usize,
    ) -> Result<Vec<NeuralStatement>, ScoreError> {
        let (offsets, probs) = self.predict(text)?;
        Ok(decode(text, &offsets, &probs, min_confidence, min_pieces))
    }
}

/// The neural tagger's statements, with the hybrid finder's speakers where
/// it found the same statement (see [`combine`]).
pub struct NeuralQuoteFinder {
    /// One article at a time through the model (libtorch already spreads a
    /// forward pass over the cores; and tensors are not `Sync`).
    tagger: Mutex<NeuralTagger>,
    hybrid: HybridQuoteFinder,
    /// Which statements are kept, and whether the hybrid finder's quotes
    /// that no statement overlaps are kept too.
    pub keep: Keep,
    /// Statements of fewer word pieces are dropped.
    pub min_pieces: usize,
    /// Articles the model failed on (their quotes are the hybrid finder's).
    failures: std::sync::atomic::AtomicUsize,
    origin: PathBuf,
}

impl NeuralQuoteFinder {
    pub fn new(tagger: NeuralTagger, hybrid: HybridQuoteFinder, origin: PathBuf) -> Self {
        NeuralQuoteFinder {
            tagger: Mutex::new(tagger),
            hybrid,
            keep: DEFAULT_KEEP,
            min_pieces: 2,
            failures: Default::default(),
            origin,
        }
    }

    /// Where the finder model came from.
    pub fn origin(&self) -> &Path {
        &self.origin
    }
}

impl QuoteFinder for NeuralQuoteFinder {
    fn find(&self, text: &str, seg: &Segmentation) -> Vec<Quote> {
        let (hybrid, tags) = self.hybrid.find_with_tags(text, seg);
        let predicted = {
            let tagger = self.tagger.lock().unwrap_or_else(|p| p.into_inner());
            tagger.predict(text)
        };
        match predicted {
            Ok((offsets, probs)) => {
                let least = self.keep.alone.min(self.keep.confirmed);
                let st = decode(text, &offsets, &probs, least, self.min_pieces);
                let pieces = Pieces {
                    offsets: &offsets,
                    probs: &probs,
                };
                let speaker = |n: &NeuralStatement| speaker_of(text, seg, &tags, n);
                let mut out = combine(text, st, hybrid, self.keep, pieces, speaker);
                out.retain(|q| !anonymity_request(text, q));
                out
            }
            Err(_) => {
                self.failures
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                hybrid
            }
        }
    }

    /// Articles whose model run failed (their quotes came from the hybrid
    /// finder alone).
    fn fallbacks(&self) -> usize {
        self.failures.load(std::sync::atomic::Ordering::Relaxed)
    }
}
