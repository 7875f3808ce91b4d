//! Bring your own model: any Hugging Face sequence-classification directory
//! that rust-bert can run (BERT, DistilBERT, RoBERTa / XLM-R, DeBERTa v1/v2),
//! scored through a [`LabelMap`] from its labels to optimism.
//!
//! The directory holds `config.json` (with `model_type` and `id2label`),
//! `tokenizer.json` (a Hugging Face fast tokenizer) and the weights,
//! `model.safetensors` or else `pytorch_model.bin`. The label map comes from
//! the caller (`--label-map`), else from `quotesent.json` beside config.json
//! (`{"label_map": {"optimism": 1, "sadness": -1}}`), else it is guessed for
//! plain sentiment label sets ([`LabelMap::guess`]); otherwise loading fails
//! with an error that lists the model's labels.
//!
//! Texts longer than the model's window are cut into consecutive windows
//! (the tokenizer's own special tokens on each); the label probabilities of
//! the windows are averaged weighted by their token counts, so nothing is
//! silently truncated. Batching is as in [`super::encoder`]: sorted by
//! length, each batch padded only to its longest window.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertForSequenceClassification};
use rust_bert::deberta::{DebertaConfig, DebertaForSequenceClassification};
use rust_bert::deberta_v2::{DebertaV2Config, DebertaV2ForSequenceClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertModelClassifier};
use rust_bert::pipelines::sequence_classification::SequenceClassificationOption;
use rust_bert::roberta::RobertaForSequenceClassification;
use serde::Deserialize;
use tch::{nn, Device, Kind, Tensor};
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

use super::encoder::{DeviceChoice, Precision};
use super::labels::{fold_probs, LabelMap};
use super::{ScoreError, Scorer};
use crate::types::OptimismScore;

/// How to load a [`ClassifierScorer`].
#[derive(Debug, Clone)]
pub struct ClassifierConfig {
    pub model_dir: PathBuf,
    /// Overrides `quotesent.json` and the guess.
    pub label_map: Option<LabelMap>,
    pub device: DeviceChoice,
    pub precision: Precision,
    /// Windows per forward pass.
    pub batch_size: usize,
    /// Longest window in tokens, special tokens included (capped by the
    /// model's position embeddings).
    pub max_seq_length: usize,
}

impl ClassifierConfig {
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        ClassifierConfig {
            model_dir: model_dir.into(),
            label_map: None,
            device: DeviceChoice::Auto,
            precision: Precision::Fp32,
            batch_size: 32,
            max_seq_length: 512,
        }
    }
}

/// The fields of config.json read before choosing the architecture.
#[derive(Deserialize)]
struct Common {
    model_type: Option<String>,
    id2label: Option<HashMap<String, String>>,
    max_position_embeddings: Option<i64>,
    pad_token_id: Option<i64>,
    vocab_size: Option<i64>,
}

/// `quotesent.json`, optional, beside config.json.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    label_map: HashMap<String, f32>,
}

/// A loaded classifier with its label weights. Load once, score many.
pub struct ClassifierScorer {
    model: SequenceClassificationOption,
    _vs: nn::VarStore,
    tokenizer: Tokenizer,
    device: Device,
    precision: Precision,
    labels: Vec<String>,
    weights: Vec<f32>,
    pad_id: i64,
    batch_size: usize,
    uses_token_types: bool,
    model_dir: PathBuf,
}

fn bad(path: &Path, reason: impl Into<String>) -> ScoreError {
    ScoreError::BadModel {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(
    path: &Path,
    text: &str,
    what: &str,
) -> Result<T, ScoreError> {
    serde_json::from_str(text).map_err(|e| bad(path, format!("not a {what} config: {e}")))
}

/// An architecture's config: the file's keys over rust-bert's defaults, so
/// keys that current `transformers` no longer writes (DistilBERT's
/// `tie_weights_`, say) or writes as null do not make a valid config.json fail.
fn arch_config<T>(path: &Path, file: &serde_json::Value, what: &str) -> Result<T, ScoreError>
where
    T: Default + serde::Serialize + for<'de> Deserialize<'de>,
{
    let mut merged = serde_json::to_value(T::default())
        .map_err(|e| bad(path, format!("default {what} config: {e}")))?;
    if let (Some(m), Some(f)) = (merged.as_object_mut(), file.as_object()) {
        for (k, v) in f {
            m.insert(k.clone(), v.clone());
        }
        // A null means "not set"; some of rust-bert's field parsers refuse
        // it (DeBERTa's `pos_att_type`), while a missing key is fine.
        m.retain(|_, v| !v.is_null());
    }
    serde_json::from_value(merged).map_err(|e| bad(path, format!("not a {what} config: {e}")))
}

impl ClassifierScorer {
    pub fn load(cfg: &ClassifierConfig) -> Result<Self, ScoreError> {
        let dir = &cfg.model_dir;
        let config_path = dir.join("config.json");
        let text = std::fs::read_to_string(&config_path).map_err(|source| ScoreError::Io {
            path: config_path.clone(),
            source,
        })?;
        let common: Common = parse(&config_path, &text, "Hugging Face")?;
        let file: serde_json::Value = parse(&config_path, &text, "Hugging Face")?;

        // Labels in output order, from id2label: never assumed.
        let id2label = common
            .id2label
            .as_ref()
            .filter(|m| !m.is_empty())
            .ok_or_else(|| {
                bad(
                    &config_path,
                    "no id2label: not a sequence-classification model",
                )
            })?;
        let mut labels = vec![None; id2label.len()];
        for (id, label) in id2label {
            let i: usize = id
                .parse()
                .ok()
                .filter(|&i| i < labels.len())
                .ok_or_else(|| bad(&config_path, format!("id2label has a bad id {id:?}")))?;
            labels[i] = Some(label.clone());
        }
        let labels: Vec<String> = labels
            .into_iter()
            .collect::<Option<_>>()
            .ok_or_else(|| bad(&config_path, "id2label ids are not 0..n"))?;

        let label_map = match &cfg.label_map {
            Some(m) => m.clone(),
            None => {
                let manifest_path = dir.join("quotesent.json");
                if manifest_path.is_file() {
                    let text = std::fs::read_to_string(&manifest_path).map_err(|source| {
                        ScoreError::Io {
                            path: manifest_path.clone(),
                            source,
                        }
                    })?;
                    let m: Manifest = serde_json::from_str(&text)
                        .map_err(|e| bad(&manifest_path, e.to_string()))?;
                    LabelMap::from_pairs(m.label_map.iter().map(|(l, w)| (l.as_str(), *w)))
                        .map_err(|e| bad(&manifest_path, e.to_string()))?
                } else {
                    LabelMap::guess(&labels).map_err(|e| bad(dir, e.to_string()))?
                }
            }
        };
        let weights = label_map
            .weights_for(&labels)
            .map_err(|e| bad(dir, e.to_string()))?;

        let device = cfg.device.resolve()?;
        let mut vs = nn::VarStore::new(device);
        let model_type = common.model_type.as_deref().unwrap_or("");
        let root = vs.root();
        let rb = |e: rust_bert::RustBertError| bad(&config_path, e.to_string());
        let (model, uses_token_types, position_offset) = match model_type {
            "bert" => {
                let c: BertConfig = arch_config(&config_path, &file, "BERT")?;
                let m = BertForSequenceClassification::new(&root, &c).map_err(rb)?;
                (SequenceClassificationOption::Bert(m), true, 0)
            }
            "distilbert" => {
                let c: DistilBertConfig = arch_config(&config_path, &file, "DistilBERT")?;
                let m = DistilBertModelClassifier::new(&root, &c).map_err(rb)?;
                (SequenceClassificationOption::DistilBert(m), false, 0)
            }
            // RoBERTa counts positions from padding_idx + 1.
            "roberta" | "xlm-roberta" => {
                let c: BertConfig = arch_config(&config_path, &file, "RoBERTa")?;
                let m = RobertaForSequenceClassification::new(&root, &c).map_err(rb)?;
                let opt = if model_type == "roberta" {
                    SequenceClassificationOption::Roberta(m)
                } else {
                    SequenceClassificationOption::XLMRoberta(m)
                };
                (opt, false, 2)
            }
            "deberta" => {
                let c: DebertaConfig = arch_config(&config_path, &file, "DeBERTa")?;
                let m = DebertaForSequenceClassification::new(&root, &c).map_err(rb)?;
                (SequenceClassificationOption::Deberta(m), true, 0)
            }
            "deberta-v2" => {
                let c: DebertaV2Config = arch_config(&config_path, &file, "DeBERTa-v2")?;
                let m = DebertaV2ForSequenceClassification::new(&root, &c).map_err(rb)?;
                (SequenceClassificationOption::DebertaV2(m), true, 0)
            }
            other => {
                return Err(bad(
                    &config_path,
                    format!(
                        "model_type {other:?} is not supported; quotesent runs bert, distilbert, roberta, xlm-roberta, deberta and deberta-v2 classifiers"
                    ),
                ))
            }
        };

        let weights_path = ["model.safetensors", "pytorch_model.bin"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| bad(dir, "no model.safetensors or pytorch_model.bin"))?;
        vs.load(&weights_path)
            .map_err(|e| bad(&weights_path, e.to_string()))?;
        vs.freeze();
        let precision = cfg.precision.resolve(device);
        match precision {
            Precision::Bf16 => vs.bfloat16(),
            // Checkpoints saved in fp16 load as fp16: compute in fp32.
            _ => vs.float(),
        }

        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tok_path).map_err(|e| {
            bad(
                &tok_path,
                format!("{e} (quotesent reads Hugging Face fast tokenizers: save one with AutoTokenizer.from_pretrained(DIR).save_pretrained(DIR))"),
            )
        })?;
        let vocab = tokenizer.get_vocab_size(true) as i64;
        if let Some(size) = common.vocab_size {
            if vocab > size {
                return Err(bad(
                    &tok_path,
                    format!("the tokenizer has {vocab} tokens but the model only {size}"),
                ));
            }
        }
        let positions = common.max_position_embeddings.unwrap_or(512) - position_offset;
        let window = (cfg.max_seq_length as i64).min(positions).max(8) as usize;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: window,
                strategy: TruncationStrategy::LongestFirst,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(|e| bad(&tok_path, e.to_string()))?;

        Ok(ClassifierScorer {
            model,
            _vs: vs,
            tokenizer,
            device,
            precision,
            labels,
            weights,
            pad_id: common.pad_token_id.unwrap_or(0),
            batch_size: cfg.batch_size.max(1),
            uses_token_types,
            model_dir: dir.canonicalize().unwrap_or_else(|_| dir.clone()),
        })
    }

    /// The model's labels, in its output order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The optimism weight of each label, in the same order.
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    pub fn on_cpu(&self) -> bool {
        self.device == Device::Cpu
    }

    /// The model's own label probabilities for each text (windows combined).
    pub fn label_probs(&mut self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ScoreError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        // Windows: the first encoding and its overflow, each with the
        // tokenizer's special tokens.
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| ScoreError::Inference(e.to_string()))?;
        let mut windows: Vec<(usize, Vec<i64>)> = Vec::new();
        for (t, enc) in encodings.iter().enumerate() {
            for w in std::iter::once(enc).chain(enc.get_overflowing()) {
                windows.push((t, w.get_ids().iter().map(|&i| i as i64).collect()));
            }
        }
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i].1.len());

        let n_labels = self.labels.len();
        let mut sums = vec![vec![0f32; n_labels]; texts.len()];
        let mut tokens = vec![0f32; texts.len()];
        let _guard = tch::no_grad_guard();
        for batch in order.chunks(self.batch_size) {
            let len = batch
                .iter()
                .map(|&i| windows[i].1.len())
                .max()
                .unwrap_or(1)
                .max(1);
            let mut ids = vec![self.pad_id; batch.len() * len];
            let mut mask = vec![0i64; batch.len() * len];
            for (row, &i) in batch.iter().enumerate() {
                let w = &windows[i].1;
                ids[row * len..row * len + w.len()].copy_from_slice(w);
                mask[row * len..row * len + w.len()].fill(1);
            }
            let shape = [batch.len() as i64, len as i64];
            let ids = Tensor::from_slice(&ids).view(shape).to(self.device);
            let mask = Tensor::from_slice(&mask).view(shape).to(self.device);
            let types = self.uses_token_types.then(|| ids.zeros_like());
            let model = &self.model;
            // rust-bert unwraps inside some forwards; a libtorch error must
            // not take the whole run down with it.
            let logits = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                model.forward_t(Some(&ids), Some(&mask), types.as_ref(), None, None, false)
            }))
            .map_err(|_| ScoreError::Inference("the classifier's forward pass failed".into()))?;
            let probs = logits
                .to_kind(Kind::Float)
                .softmax(-1, Kind::Float)
                .to_device(Device::Cpu)
                .contiguous();
            let flat = Vec::<f32>::try_from(probs.view([-1]))
                .map_err(|e| ScoreError::Inference(e.to_string()))?;
            if flat.len() != batch.len() * n_labels {
                return Err(ScoreError::Inference(format!(
                    "the classifier gave {} outputs for {} windows of {n_labels} labels",
                    flat.len(),
                    batch.len()
                )));
            }
            for (row, &i) in batch.iter().enumerate() {
                let (text, ref w) = windows[i];
                let weight = w.len() as f32;
                tokens[text] += weight;
                for (s, p) in sums[text]
                    .iter_mut()
                    .zip(&flat[row * n_labels..(row + 1) * n_labels])
                {
                    *s += weight * p;
                }
            }
        }
        for (s, &n) in sums.iter_mut().zip(&tokens) {
            s.iter_mut().for_each(|x| *x /= n.max(1.0));
        }
        Ok(sums)
    }
}

impl Scorer for ClassifierScorer {
    fn describe(&self) -> String {
        let map: Vec<String> = self
            .labels
            .iter()
            .zip(&self.weights)
            .map(|(l, w)| format!("{l}={w}"))
            .collect();
        format!(
            "classifier {} ({}), {} on {}",
            self.model_dir.display(),
            map.join(","),
            self.precision.as_str(),
            super::encoder::device_name(self.device)
        )
    }

    fn score(&mut self, texts: &[&str]) -> Result<Vec<OptimismScore>, ScoreError> {
        let probs = self.label_probs(texts)?;
        Ok(probs
            .iter()
            .map(|p| OptimismScore::from_probs(fold_probs(p, &self.weights)))
            .collect())
    }
}
