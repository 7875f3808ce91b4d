//! Training and evaluating the optimism head (`quotesent train`,
//! `quotesent eval-model`).
//!
//! The encoder is frozen here (its fine-tuned top layers, when there are
//! any, come from `models/train_overlay.py`, which reads this module's
//! training mix through [`export_mix`]), so training is: read the labelled sets
//! ([`data`]), embed every text once (through an on-disk [`cache`]), fit a
//! small head ([`fit`]) with class balancing, pick the epoch, temperature
//! and binary thresholds on a calibration split carved out of the training
//! data, and write the head plus a [`Manifest`] into the output folder.
//! Evaluation ([`evaluate`]) computes issue 4's figures on each source's
//! *dev* split, which training never touches, so the reported numbers are
//! honest held-out figures.
//!
//! The encoder enters only through the [`Embed`] trait, so everything here
//! is pure Rust and testable with synthetic embeddings; the libtorch-backed
//! encoder is plugged in by the CLI (see [`run`]).

pub mod cache;
pub mod data;
pub mod fit;
pub mod metrics;
#[cfg(feature = "transformer")]
pub mod run;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::score::head::{
    DataSource, EncoderSpec, HeadError, HeadSpec, Manifest, OptimismHead, TrainingInfo, LABELS,
    MANIFEST_FORMAT,
};
use crate::types::Label;

use cache::EmbeddingCache;
use data::DataError;
pub use fit::{Dataset, FitParams};

/// Turns texts into sentence embeddings (the frozen encoder).
pub trait Embed {
    fn embed(
        &mut self,
        texts: &[&str],
    ) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>>;
}

/// Errors from training or evaluation.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Head(#[from] HeadError),
    #[error("embedding cache {path}: {source}")]
    Cache {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the encoder failed: {0}")]
    Embed(Box<dyn std::error::Error + Send + Sync>),
    #[error("the encoder returned bad output: {0}")]
    EmbedShape(String),
    #[error("no usable training data: {0}")]
    NoData(String),
    #[error("unknown source {name:?} (sources: {known})")]
    UnknownSource { name: String, known: String },
}

/// The labelled sources: five shared sets and the project's own diplomatic
/// statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    SemEval,
    GoEmotions,
    NewsMtsc,
    NewsQuotes,
    EmoBank,
    Diplomatic,
}

impl Source {
    pub const ALL: [Source; 6] = [
        Source::SemEval,
        Source::GoEmotions,
        Source::NewsMtsc,
        Source::NewsQuotes,
        Source::EmoBank,
        Source::Diplomatic,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Source::SemEval => "semeval2018-ec",
            Source::GoEmotions => "goemotions",
            Source::NewsMtsc => "newsmtsc",
            Source::NewsQuotes => "news-quotes",
            Source::EmoBank => "emobank",
            Source::Diplomatic => "diplomatic",
        }
    }

    fn train_file(self) -> &'static str {
        match self {
            Source::SemEval => "semeval2018-ec/E-c-En-train.txt",
            Source::GoEmotions => "goemotions/train.tsv",
            Source::NewsMtsc => "newsmtsc/train.jsonl",
            Source::NewsQuotes => "news-quotes/polnear-quotes-labelled.tsv",
            Source::EmoBank => "emobank/emobank-train-dev.csv",
            // Not under the data folder: compiled in from the repository.
            Source::Diplomatic => data::DIPLOMATIC_TRAIN_PATH,
        }
    }

    fn licence(self) -> &'static str {
        match self {
            Source::SemEval => "SemEval-2018 Task 1 terms, research use",
            Source::GoEmotions => "Apache-2.0",
            Source::NewsMtsc => "MIT",
            Source::NewsQuotes => "PolNeAR-derived, labelled for this project",
            Source::EmoBank => "CC BY-SA 4.0",
            Source::Diplomatic => "written and labelled for this project (the project's licence)",
        }
    }
}

/// Relative weight of each source's examples (before class balancing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceWeights(pub BTreeMap<Source, f32>);

impl Default for SourceWeights {
    fn default() -> Self {
        SourceWeights(BTreeMap::from([
            (Source::SemEval, 1.0),
            (Source::GoEmotions, 0.5),
            (Source::NewsMtsc, 1.0),
            (Source::NewsQuotes, 4.0),
            (Source::EmoBank, 1.0),
            (Source::Diplomatic, 2.0),
        ]))
    }
}

impl SourceWeights {
    /// Sets the weight of the source called `name` ([`Source::name`]).
    pub fn set(&mut self, name: &str, weight: f32) -> Result<(), TrainError> {
        let source = Source::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| TrainError::UnknownSource {
                name: name.to_string(),
                known: Source::ALL.map(Source::name).join(", "),
            })?;
        self.0.insert(source, weight);
        Ok(())
    }

    pub fn get(&self, s: Source) -> f32 {
        self.0.get(&s).copied().unwrap_or(0.0)
    }
}

/// Settings for [`train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// `shared/data/optimism`.
    pub data_dir: PathBuf,
    /// Where `optimism-head.json` and `manifest.json` are written.
    pub out_dir: PathBuf,
    /// Embedding cache folder; `None` keeps embeddings in memory only.
    pub cache_dir: Option<PathBuf>,
    /// The encoder `embed` runs (its checksum keys the cache and goes into
    /// the manifest).
    pub encoder: EncoderSpec,
    pub fit: FitParams,
    /// Seeds the calibration split and subsampling (the optimiser uses
    /// `fit.seed`).
    pub seed: u64,
    /// Share of each source's training split held out for epoch selection,
    /// temperature and thresholds.
    pub calib_fraction: f64,
    /// Cap on GoEmotions training comments per class (it is by far the
    /// largest set and the least like news).
    pub goemotions_per_class: usize,
    pub source_weights: SourceWeights,
    /// Texts per encoder call.
    pub embed_batch: usize,
    /// Folds for a cross-validated news-quotes figure over all 567 labelled
    /// statements (train + dev), far less noisy than the 54-item dev split;
    /// 0 turns it off. Each fold refits the head without that fold's quotes.
    pub news_quotes_cv_folds: usize,
    /// L2 penalties tried for each E-c optimism / pessimism detector (see
    /// [`fit::fit_logistic`]); each detector keeps the one with the best
    /// cross-validated F1. Empty leaves the detectors out.
    pub emotion_l2: Vec<f32>,
    /// Folds whose out-of-fold probabilities pick each detector's penalty
    /// and threshold.
    pub emotion_cv_folds: usize,
    /// Ridge penalties tried for the valence regressor mixed into the
    /// optimism score (see [`crate::score::head::ValenceRegressor`]); the one
    /// with the best cross-validated Pearson r on EmoBank's news and headline
    /// training sentences is kept. Empty leaves the regressor out (the score
    /// is then `p_optimistic - p_pessimistic`).
    pub valence_l2: Vec<f32>,
    /// Recorded in the manifest so the head can be rebuilt.
    pub command: String,
}

impl TrainConfig {
    pub fn new(
        data_dir: impl Into<PathBuf>,
        out_dir: impl Into<PathBuf>,
        encoder: EncoderSpec,
    ) -> Self {
        TrainConfig {
            data_dir: data_dir.into(),
            out_dir: out_dir.into(),
            cache_dir: None,
            encoder,
            fit: FitParams::default(),
            seed: 20260425,
            calib_fraction: 0.1,
            goemotions_per_class: 2500,
            source_weights: SourceWeights::default(),
            embed_batch: 64,
            news_quotes_cv_folds: 5,
            emotion_l2: vec![0.003, 0.01, 0.03, 0.1, 0.3],
            emotion_cv_folds: 5,
            valence_l2: vec![1.0, 3.0, 10.0, 30.0, 100.0],
            command: "quotesent train".to_string(),
        }
    }
}

/// Settings for [`evaluate`].
#[derive(Debug, Clone)]
pub struct EvalModelConfig {
    pub data_dir: PathBuf,
    pub cache_dir: Option<PathBuf>,
    /// What keys the cache: [`EncoderSpec::cache_key`] (the encoder
    /// weights' SHA-256, plus the overlay's).
    pub encoder_sha256: String,
    pub embed_batch: usize,
}

/// `$XDG_CACHE_HOME/quotesent/emb`, else `~/.cache/quotesent/emb`.
pub fn default_cache_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .map(|c| c.join("quotesent").join("emb"))
}

/// Progress messages for a terminal; the library never prints.
pub type Progress<'a> = &'a mut dyn FnMut(&str);

/// One training example before embedding.
#[derive(Debug, Clone)]
struct Example {
    source: Source,
    text: String,
    label: Label,
    calib: bool,
}

fn class_index(l: Label) -> u8 {
    match l {
        Label::Optimistic => 0,
        Label::Neutral => 1,
        Label::Pessimistic => 2,
    }
}

/// Reads every training split and maps it to examples; also returns the
/// E-c calibration tweets (with their native flags) for threshold fitting.
/// The 3-way training examples of every source, and every SemEval E-c
/// training tweet with its calibration flag (for the binary thresholds and
/// the emotion detectors, which also learn from the mixed tweets the 3-way
/// mapping skips).
#[allow(clippy::type_complexity)]
fn training_examples(
    cfg: &TrainConfig,
) -> Result<(Vec<Example>, Vec<(data::EcTweet, bool)>), TrainError> {
    let d = &cfg.data_dir;
    let calib = |src: Source, key: &str| {
        fit::in_fraction(
            &format!("{}\0{key}", src.name()),
            cfg.seed,
            cfg.calib_fraction,
        )
    };
    let mut out = Vec::new();
    let mut ec_tweets = Vec::new();
    let push = |out: &mut Vec<Example>, source, text: &str, label: Option<Label>, key: &str| {
        if let Some(label) = label {
            if !text.trim().is_empty() {
                out.push(Example {
                    source,
                    text: text.to_string(),
                    label,
                    calib: calib(source, key),
                });
            }
        }
    };

    for t in data::read_semeval_ec(&d.join(Source::SemEval.train_file()))? {
        ec_tweets.push((t.clone(), calib(Source::SemEval, &t.id)));
        push(
            &mut out,
            Source::SemEval,
            &t.text,
            data::ec_label(&t),
            &t.id,
        );
    }

    let go = data::read_goemotions(&d.join(Source::GoEmotions.train_file()))?;
    let mut by_class: [Vec<usize>; 3] = Default::default();
    for (i, c) in go.iter().enumerate() {
        if let Some(l) = data::go_label(c) {
            by_class[class_index(l) as usize].push(i);
        }
    }
    for (k, idx) in by_class.iter().enumerate() {
        for j in fit::sample_indices(idx.len(), cfg.goemotions_per_class, cfg.seed ^ k as u64) {
            let c = &go[idx[j]];
            push(
                &mut out,
                Source::GoEmotions,
                &c.text,
                data::go_label(c),
                &c.id,
            );
        }
    }

    for s in data::read_newsmtsc(&d.join(Source::NewsMtsc.train_file()))? {
        push(
            &mut out,
            Source::NewsMtsc,
            &s.text,
            data::mtsc_label(&s),
            &s.id,
        );
    }

    for q in data::read_news_quotes(&d.join(Source::NewsQuotes.train_file()))? {
        if q.split == "train" {
            push(
                &mut out,
                Source::NewsQuotes,
                &q.text,
                Some(q.label),
                &q.text,
            );
        }
    }

    for r in data::read_emobank(&d.join(Source::EmoBank.train_file()))? {
        if r.split == "train" {
            push(
                &mut out,
                Source::EmoBank,
                &r.text,
                data::emobank_label(&r),
                &r.id,
            );
        }
    }
    let dipl = data::parse_labelled_tsv(
        data::DIPLOMATIC_TRAIN,
        Path::new(data::DIPLOMATIC_TRAIN_PATH),
    )?;
    for (label, text) in dipl {
        push(&mut out, Source::Diplomatic, &text, Some(label), &text);
    }
    // A source weighted 0 is left out altogether (as if absent), so the
    // mix without it is the mix it was before it existed.
    out.retain(|e| cfg.source_weights.get(e.source) > 0.0);
    Ok((out, ec_tweets))
}

/// Example weights: source weight, then rescaled so every class carries the
/// same total weight (the sets are far from balanced, and news quotes are
/// mostly neutral or pessimistic).
fn balanced_weights(examples: &[&Example], sw: &SourceWeights) -> Vec<f32> {
    let mut class_total = [0.0f64; 3];
    for e in examples {
        class_total[class_index(e.label) as usize] += sw.get(e.source) as f64;
    }
    let n = examples.len() as f64;
    examples
        .iter()
        .map(|e| {
            let c = class_index(e.label) as usize;
            (sw.get(e.source) as f64 * n / (3.0 * class_total[c].max(1e-12))) as f32
        })
        .collect()
}

/// Writes the training mix [`train`] would fit on as TSV, one example a
/// row: `source`, `label`, `calib` (1: held out for calibration), `weight`
/// (the class-balanced weight the head's loss gives it; 0 for calibration
/// rows) and `text` (tabs and line breaks turned into spaces). This is what
/// `models/train_overlay.py` fine-tunes the encoder's top layers on, so the
/// overlay and the head see the same examples and the same held-out split.
/// Returns the number of rows.
pub fn export_mix(cfg: &TrainConfig, path: &Path) -> Result<usize, TrainError> {
    let (examples, _) = training_examples(cfg)?;
    let fit_ex: Vec<&Example> = examples.iter().filter(|e| !e.calib).collect();
    let weights = balanced_weights(&fit_ex, &cfg.source_weights);
    let mut wi = weights.iter();
    let mut tsv = String::from("source\tlabel\tcalib\tweight\ttext\n");
    for e in &examples {
        let w = if e.calib {
            0.0
        } else {
            wi.next().copied().unwrap_or(1.0)
        };
        let text: String = e
            .text
            .chars()
            .map(|c| {
                if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        tsv.push_str(&format!(
            "{}\t{}\t{}\t{w}\t{text}\n",
            e.source.name(),
            e.label.as_str(),
            u8::from(e.calib),
        ));
    }
    crate::score::head::write_atomic(path, tsv.as_bytes())?;
    Ok(examples.len())
}

/// What [`train`] did and measured.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub head_path: PathBuf,
    pub manifest_path: PathBuf,
    /// Per source: training examples per class `[opt, neu, pess]`.
    pub counts: BTreeMap<Source, [usize; 3]>,
    pub calib_examples: usize,
    pub embedded: cache::CacheStats,
    pub head: String,
    pub best_epoch: usize,
    pub epochs: usize,
    pub temperature: f32,
    pub calib_nll_before: f64,
    pub calib_nll_after: f64,
    pub calib_macro_f1: f64,
    pub thresholds: crate::score::head::BinaryThresholds,
    /// The E-c detectors' penalties and cross-validated F1, when they were
    /// fit.
    pub emotion_cv: Option<EmotionCv>,
    /// What cross-validation chose for the valence regressor, when it was
    /// fit.
    pub valence_cv: Option<ValenceCv>,
    /// Held-out dev figures of the new head.
    pub dev: ModelReport,
    /// Cross-validated news-quotes figures, when asked for.
    pub news_quotes_cv: Option<NewsQuotesReport>,
}

/// Trains a head from `cfg.data_dir` and writes it with its manifest into
/// `cfg.out_dir`; also evaluates it on the dev splits.
pub fn train(cfg: &TrainConfig, embed: &mut dyn Embed) -> Result<TrainReport, TrainError> {
    train_with_progress(cfg, embed, &mut |_| {})
}

/// [`train`] with progress messages.
pub fn train_with_progress(
    cfg: &TrainConfig,
    embed: &mut dyn Embed,
    progress: Progress,
) -> Result<TrainReport, TrainError> {
    let (examples, ec_tweets) = training_examples(cfg)?;
    let ec_calib: Vec<&data::EcTweet> = ec_tweets
        .iter()
        .filter(|(_, c)| *c)
        .map(|(t, _)| t)
        .collect();
    if examples.is_empty() {
        return Err(TrainError::NoData(format!(
            "no labelled examples under {}",
            cfg.data_dir.display()
        )));
    }
    let dim = cfg.encoder.embedding_dim;
    let mut cache = EmbeddingCache::open(cfg.cache_dir.as_deref(), &cfg.encoder.cache_key(), dim)?;
    let mut texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    texts.extend(ec_calib.iter().map(|t| t.text.as_str()));
    let ec_all_at = texts.len();
    texts.extend(ec_tweets.iter().map(|(t, _)| t.text.as_str()));
    let valence_rows = valence_rows(cfg)?;
    let valence_at = texts.len();
    texts.extend(valence_rows.iter().map(|r| r.text.as_str()));
    progress(&format!(
        "embedding {} training texts ({} cached)",
        texts.len(),
        cache.len()
    ));
    let (vecs, embedded) =
        cache.embed_all(&texts, embed, cfg.embed_batch, &mut |done, total| {
            progress(&format!("embedded {done}/{total}"))
        })?;

    let fit_ex: Vec<&Example> = examples.iter().filter(|e| !e.calib).collect();
    let weights = balanced_weights(&fit_ex, &cfg.source_weights);
    let mut train_ds = Dataset::new(dim);
    let mut calib_ds = Dataset::new(dim);
    let mut wi = weights.iter();
    let mut counts: BTreeMap<Source, [usize; 3]> = BTreeMap::new();
    for (e, v) in examples.iter().zip(&vecs) {
        let c = class_index(e.label);
        if e.calib {
            calib_ds.push(v, c, 1.0);
        } else {
            let w = wi.next().copied().unwrap_or(1.0);
            if w > 0.0 {
                train_ds.push(v, c, w);
                counts.entry(e.source).or_default()[c as usize] += 1;
            }
        }
    }
    if train_ds.is_empty() {
        return Err(TrainError::NoData(
            "every example fell in the calibration split".into(),
        ));
    }
    progress(&format!(
        "fitting on {} examples, {} for calibration",
        train_ds.len(),
        calib_ds.len()
    ));
    let (mut head, log) = fit::fit(&train_ds, &calib_ds, &cfg.fit);

    let calib_logits: Vec<[f32; 3]> = (0..calib_ds.len())
        .map(|i| head.logits(calib_ds.row(i)))
        .collect();
    let calib_truth = calib_ds.labels();
    let before: Vec<[f32; 3]> = calib_logits
        .iter()
        .map(|&l| crate::score::head::softmax_t(l, 1.0))
        .collect();
    head.temperature = fit::fit_temperature(&calib_logits, &calib_truth);
    let after: Vec<[f32; 3]> = calib_logits
        .iter()
        .map(|&l| crate::score::head::softmax_t(l, head.temperature))
        .collect();
    let pred: Vec<usize> = after.iter().map(metrics::argmax).collect();

    let ec_vecs = &vecs[examples.len()..ec_all_at];
    let ec_probs = head.probs_batch(ec_vecs);
    let opt: Vec<bool> = ec_calib.iter().map(|t| t.has("optimism")).collect();
    let pess: Vec<bool> = ec_calib.iter().map(|t| t.has("pessimism")).collect();
    head.thresholds = fit::fit_thresholds(&ec_probs, &opt, &pess);

    let mut emotion_cv = None;
    if !cfg.emotion_l2.is_empty() && !ec_tweets.is_empty() {
        progress(&format!(
            "fitting the optimism / pessimism detectors on {} E-c tweets",
            ec_tweets.len()
        ));
        let tweets: Vec<&data::EcTweet> = ec_tweets.iter().map(|(t, _)| t).collect();
        let (detectors, cv) = fit_emotions(cfg, &tweets, &vecs[ec_all_at..valence_at]);
        head.emotions = Some(detectors);
        emotion_cv = Some(cv);
    }

    let mut valence_cv = None;
    if !valence_rows.is_empty() {
        progress(&format!(
            "fitting the valence regressor on {} EmoBank sentences",
            valence_rows.len()
        ));
        let (regressor, cv) = fit_valence(cfg, &valence_rows, &vecs[valence_at..], &head);
        head.valence = Some(regressor);
        valence_cv = Some(cv);
    }

    std::fs::create_dir_all(&cfg.out_dir).map_err(|source| HeadError::Write {
        path: cfg.out_dir.clone(),
        source,
    })?;
    let head_file = "optimism-head.json";
    let head_path = cfg.out_dir.join(head_file);
    let manifest_path = cfg.out_dir.join("manifest.json");
    head.save(&head_path)?;
    let manifest = Manifest {
        format: MANIFEST_FORMAT.to_string(),
        encoder: cfg.encoder.clone(),
        head: HeadSpec {
            file: head_file.to_string(),
            kind: if head.hidden_dim() == 0 {
                "softmax"
            } else {
                "mlp"
            }
            .to_string(),
            labels: LABELS.iter().map(|s| s.to_string()).collect(),
        },
        training: TrainingInfo {
            command: cfg.command.clone(),
            seed: cfg.seed,
            data: Source::ALL
                .iter()
                .map(|&s| DataSource {
                    name: s.name().to_string(),
                    path: s.train_file().to_string(),
                    licence: s.licence().to_string(),
                    train_counts: counts.get(&s).copied().unwrap_or_default(),
                })
                .collect(),
            settings: serde_json::json!({
                "fit": cfg.fit,
                "calib_fraction": cfg.calib_fraction,
                "goemotions_per_class": cfg.goemotions_per_class,
                "source_weights": cfg.source_weights.0.iter()
                    .map(|(s, w)| (s.name(), *w)).collect::<BTreeMap<_, _>>(),
                "class_balancing": "each class carries equal total weight",
                "best_epoch": log.best_epoch,
                "temperature": head.temperature,
                "thresholds": head.thresholds,
                "emotion_detectors": head.emotions.as_ref().map(|e| serde_json::json!({
                    "data": "SemEval E-c train, every tweet",
                    "l2_grid": cfg.emotion_l2.iter().map(|&v| tidy(v)).collect::<Vec<_>>(),
                    "l2_chosen": emotion_cv.map(|c| c.l2.map(tidy)),
                    "cv_folds": cfg.emotion_cv_folds,
                    "thresholds": e.thresholds,
                })),
                "valence_regressor": valence_cv.map(|c| serde_json::json!({
                    "data": "EmoBank train, every sentence; target (V - 3) / 2",
                    "l2_grid": cfg.valence_l2.iter().map(|&v| tidy(v)).collect::<Vec<_>>(),
                    "l2_chosen": tidy(c.l2),
                    "blend": tidy(c.blend),
                    "cv_folds": cfg.emotion_cv_folds,
                })),
            }),
        },
    };
    manifest.save(&manifest_path)?;

    let news_quotes_cv = if cfg.news_quotes_cv_folds >= 2 {
        progress(&format!(
            "cross-validating on news-quotes ({} folds)",
            cfg.news_quotes_cv_folds
        ));
        Some(news_quotes_cv(
            cfg, &examples, &vecs, &calib_ds, &mut cache, embed,
        )?)
    } else {
        None
    };

    progress("evaluating on the dev splits");
    let dev = evaluate_inner(&cfg.data_dir, &mut cache, embed, cfg.embed_batch, &head)?;
    Ok(TrainReport {
        head_path,
        manifest_path,
        counts,
        calib_examples: calib_ds.len(),
        embedded,
        head: head.to_string(),
        best_epoch: log.best_epoch,
        epochs: cfg.fit.epochs,
        temperature: head.temperature,
        calib_nll_before: metrics::nll(&before, &calib_truth),
        calib_nll_after: metrics::nll(&after, &calib_truth),
        calib_macro_f1: metrics::macro_f1(&pred, &calib_truth, 3),
        news_quotes_cv,
        thresholds: head.thresholds,
        emotion_cv,
        valence_cv,
        dev,
    })
}

/// An `f32` setting as the decimal it was written as (`0.03`, not
/// `0.029999999329447746`), for the manifest.
fn tidy(v: f32) -> f64 {
    format!("{v}").parse().unwrap_or(v as f64)
}

/// What cross-validation chose for the E-c detectors, `[optimism,
/// pessimism]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmotionCv {
    /// The L2 penalty kept.
    pub l2: [f32; 2],
    /// Out-of-fold F1 on the E-c training tweets with that penalty.
    pub f1: [f64; 2],
}

/// EmoBank's training sentences for the valence regressor: every one with
/// text (not only the clearly positive, negative or neutral ones the 3-way
/// mix takes); none when the regressor is off or EmoBank is weighted 0.
fn valence_rows(cfg: &TrainConfig) -> Result<Vec<data::EmoBankRow>, TrainError> {
    if cfg.valence_l2.is_empty() || cfg.source_weights.get(Source::EmoBank) <= 0.0 {
        return Ok(Vec::new());
    }
    Ok(
        data::read_emobank(&cfg.data_dir.join(Source::EmoBank.train_file()))?
            .into_iter()
            .filter(|r| r.split == "train" && !r.text.trim().is_empty())
            .collect(),
    )
}

/// What cross-validation chose for the valence regressor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValenceCv {
    /// The ridge penalty kept.
    pub l2: f32,
    /// The share of `p_optimistic - p_pessimistic` in the score.
    pub blend: f32,
    /// Pearson r with valence on the news and headline training sentences
    /// (out of fold for the regressor): the head's `p_opt - p_pess` alone,
    /// the regressor alone, and the blended score.
    pub r_head: f64,
    pub r_regressor: f64,
    pub r_blended: f64,
    /// Sentences fit on, and how many of them are news or headlines.
    pub n: usize,
    pub n_news: usize,
}

/// Fits the valence regressor (ridge on the embeddings, target `(V - 3) /
/// 2`) on EmoBank's training sentences and chooses how much of the score it
/// supplies. The penalty and then the blend maximise Pearson r on the news
/// and headline sentences over out-of-fold predictions (folds by a seeded
/// hash of the sentence id); the kept regressor is refit on every sentence.
/// The head's probabilities on these sentences are in-sample for the ones in
/// the 3-way mix, which flatters the head's side, so the blend errs towards
/// the head.
fn fit_valence(
    cfg: &TrainConfig,
    rows: &[data::EmoBankRow],
    vecs: &[Vec<f32>],
    head: &OptimismHead,
) -> (crate::score::head::ValenceRegressor, ValenceCv) {
    use crate::score::head::ValenceRegressor;
    let dim = cfg.encoder.embedding_dim;
    let folds = cfg.emotion_cv_folds.max(2);
    let target: Vec<f32> = rows.iter().map(|r| (r.v - 3.0) / 2.0).collect();
    let fold: Vec<usize> = rows
        .iter()
        .map(|r| fit::bucket(&r.id, cfg.seed, folds))
        .collect();
    let news: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].is_news()).collect();
    let truth: Vec<f64> = news.iter().map(|&i| rows[i].v as f64).collect();
    let r_news = |score: &dyn Fn(usize) -> f64| {
        let x: Vec<f64> = news.iter().map(|&i| score(i)).collect();
        metrics::pearson(&x, &truth)
    };
    let predict =
        |w: &[f32], b: f32, x: &[f32]| (crate::score::head::dot(w, x) + b).clamp(-1.0, 1.0);

    let mut best: Option<(f64, f32, Vec<f32>)> = None;
    for &l2 in &cfg.valence_l2 {
        let mut oof = vec![0.0f32; rows.len()];
        for f in 0..folds {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            for i in (0..rows.len()).filter(|&i| fold[i] != f) {
                x.extend_from_slice(&vecs[i]);
                y.push(target[i]);
            }
            let (w, b) = fit::fit_ridge(&x, dim, &y, l2 as f64);
            for i in (0..rows.len()).filter(|&i| fold[i] == f) {
                oof[i] = predict(&w, b, &vecs[i]);
            }
        }
        let r = r_news(&|i| oof[i] as f64);
        if best.as_ref().is_none_or(|(br, _, _)| r > *br) {
            best = Some((r, l2, oof));
        }
    }
    let (r_regressor, l2, oof) = best.unwrap_or((0.0, 1.0, vec![0.0; rows.len()]));
    let head_score: Vec<f32> = vecs
        .iter()
        .map(|v| {
            let p = head.probs(v);
            p[0] - p[2]
        })
        .collect();
    // From all head down to all regressor, so a tie keeps more of the head.
    let (mut blend, mut r_blended) = (1.0f32, f64::NEG_INFINITY);
    for k in (0..=20).rev() {
        let b = k as f32 / 20.0;
        let r = r_news(&|i| (b * head_score[i] + (1.0 - b) * oof[i]) as f64);
        if r > r_blended {
            (blend, r_blended) = (b, r);
        }
    }
    let x: Vec<f32> = vecs.iter().flat_map(|v| v.iter().copied()).collect();
    let (weight, bias) = fit::fit_ridge(&x, dim, &target, l2 as f64);
    (
        ValenceRegressor {
            weight,
            bias,
            blend,
        },
        ValenceCv {
            l2,
            blend,
            r_head: r_news(&|i| head_score[i] as f64),
            r_regressor,
            r_blended,
            n: rows.len(),
            n_news: news.len(),
        },
    )
}

/// Fits the E-c optimism and pessimism detectors on every training tweet.
/// Each detector's penalty (from `cfg.emotion_l2`) and threshold maximise F1
/// over out-of-fold probabilities (folds by a seeded hash of the tweet id): a
/// 10% calibration split holds only ~80 pessimistic tweets, too few to place
/// a threshold reliably. The kept detector is then refit on all tweets.
fn fit_emotions(
    cfg: &TrainConfig,
    tweets: &[&data::EcTweet],
    vecs: &[Vec<f32>],
) -> (crate::score::head::EmotionDetectors, EmotionCv) {
    use crate::score::head::{Dense, EmotionDetectors, EMOTIONS};
    const ITERS: usize = 300;
    let dim = cfg.encoder.embedding_dim;
    let folds = cfg.emotion_cv_folds.max(2);
    let fold: Vec<usize> = tweets
        .iter()
        .map(|t| fit::bucket(&t.id, cfg.seed, folds))
        .collect();
    let rows_of = |f: Option<usize>| -> Vec<f32> {
        (0..tweets.len())
            .filter(|&i| Some(fold[i]) != f)
            .flat_map(|i| vecs[i].iter().copied())
            .collect()
    };
    let train_x: Vec<Vec<f32>> = (0..folds).map(|f| rows_of(Some(f))).collect();
    let mut output = Dense::zeros(dim, 2);
    let mut thresholds = [0.5f32; 2];
    let mut cv = EmotionCv {
        l2: [0.0; 2],
        f1: [f64::MIN; 2],
    };
    for (k, emotion) in EMOTIONS.iter().enumerate() {
        let y: Vec<bool> = tweets.iter().map(|t| t.has(emotion)).collect();
        for &l2 in &cfg.emotion_l2 {
            let mut oof = vec![0.0f32; tweets.len()];
            for (f, x) in train_x.iter().enumerate() {
                let ys: Vec<bool> = (0..tweets.len())
                    .filter(|&i| fold[i] != f)
                    .map(|i| y[i])
                    .collect();
                let (w, b) = fit::fit_logistic(x, dim, &ys, l2, ITERS);
                for i in (0..tweets.len()).filter(|&i| fold[i] == f) {
                    let z = b + crate::score::head::dot(&w, &vecs[i]);
                    oof[i] = 1.0 / (1.0 + (-z).exp());
                }
            }
            let t = fit::best_threshold(&oof, &y);
            let pred: Vec<bool> = oof.iter().map(|&p| p >= t).collect();
            let f1 = metrics::f1_binary(&pred, &y);
            if f1 > cv.f1[k] {
                (cv.f1[k], cv.l2[k], thresholds[k]) = (f1, l2, t);
            }
        }
        let (w, b) = fit::fit_logistic(&rows_of(None), dim, &y, cv.l2[k], ITERS);
        output.weight[k * dim..(k + 1) * dim].copy_from_slice(&w);
        output.bias[k] = b;
    }
    let detectors = EmotionDetectors {
        labels: EMOTIONS.iter().map(|s| s.to_string()).collect(),
        output,
        thresholds: crate::score::head::BinaryThresholds {
            optimism: thresholds[0],
            pessimism: thresholds[1],
        },
    };
    (detectors, cv)
}

/// K-fold cross-validation over every news-quotes statement: each fold's
/// quotes are predicted by a head fit on all other training data plus the
/// other folds' quotes (train and dev splits alike), with the same settings.
fn news_quotes_cv(
    cfg: &TrainConfig,
    examples: &[Example],
    vecs: &[Vec<f32>],
    calib: &Dataset,
    cache: &mut EmbeddingCache,
    embed: &mut dyn Embed,
) -> Result<NewsQuotesReport, TrainError> {
    let quotes = data::read_news_quotes(&cfg.data_dir.join(Source::NewsQuotes.train_file()))?;
    let texts: Vec<&str> = quotes.iter().map(|q| q.text.as_str()).collect();
    let (qvecs, _) = cache.embed_all(&texts, embed, cfg.embed_batch, &mut |_, _| {})?;
    let k = cfg.news_quotes_cv_folds;
    let fold_of = |text: &str| fit::bucket(text, cfg.seed, k);
    let mut pred = vec![0usize; quotes.len()];
    for fold in 0..k {
        let mut kept: Vec<(&Example, &Vec<f32>)> = examples
            .iter()
            .zip(vecs)
            .filter(|(e, _)| !e.calib && e.source != Source::NewsQuotes)
            .collect();
        let extra: Vec<Example> = quotes
            .iter()
            .filter(|q| fold_of(&q.text) != fold)
            .map(|q| Example {
                source: Source::NewsQuotes,
                text: q.text.clone(),
                label: q.label,
                calib: false,
            })
            .collect();
        let extra_vecs: Vec<&Vec<f32>> = quotes
            .iter()
            .zip(&qvecs)
            .filter(|(q, _)| fold_of(&q.text) != fold)
            .map(|(_, v)| v)
            .collect();
        kept.extend(extra.iter().zip(extra_vecs));
        let refs: Vec<&Example> = kept.iter().map(|(e, _)| *e).collect();
        let w = balanced_weights(&refs, &cfg.source_weights);
        let mut ds = Dataset::new(cfg.encoder.embedding_dim);
        for ((e, v), w) in kept.iter().zip(w) {
            ds.push(v, class_index(e.label), w);
        }
        let (head, _) = fit::fit(&ds, calib, &cfg.fit);
        for (i, q) in quotes.iter().enumerate() {
            if fold_of(&q.text) == fold {
                pred[i] = metrics::argmax(&head.probs(&qvecs[i]));
            }
        }
    }
    let truth: Vec<usize> = quotes
        .iter()
        .map(|q| class_index(q.label) as usize)
        .collect();
    Ok(news_quotes_report(&pred, &truth))
}

fn news_quotes_report(pred: &[usize], truth: &[usize]) -> NewsQuotesReport {
    let f1 = metrics::f1_per_class(pred, truth, 3);
    let mut confusion = [[0usize; 3]; 3];
    for (&t, &p) in truth.iter().zip(pred) {
        confusion[t][p] += 1;
    }
    NewsQuotesReport {
        n: truth.len(),
        macro_f1: f1.iter().sum::<f64>() / 3.0,
        f1: [f1[0], f1[1], f1[2]],
        accuracy: metrics::accuracy(pred, truth),
        confusion,
    }
}

/// Issue 4's figures on the dev splits.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ModelReport {
    pub semeval: Option<SemEvalReport>,
    pub newsmtsc: Option<NewsMtscReport>,
    pub emobank: Option<EmoBankReport>,
    pub news_quotes: Option<NewsQuotesReport>,
    /// The held-out diplomatic statements (`models/data/diplomatic-heldout.tsv`,
    /// compiled in), 3-way, scored like news-quotes.
    pub diplomatic: Option<NewsQuotesReport>,
    /// Hand-picked sentences and the label they must get.
    pub checks: Vec<SentenceCheck>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SemEvalReport {
    pub n: usize,
    /// What made the yes/no decisions of `optimism_f1` / `pessimism_f1`:
    /// `"detectors"` (the head's E-c detectors) or `"3-way thresholds"`.
    pub decided_by: &'static str,
    /// Binary optimism F1 of the yes/no decision (see `decided_by`).
    pub optimism_f1: f64,
    /// Binary pessimism F1 of the yes/no decision.
    pub pessimism_f1: f64,
    /// With `p_optimistic >= thresholds.optimism` (the 3-way head alone).
    pub optimism_f1_3way: f64,
    /// With `p_pessimistic >= thresholds.pessimism`.
    pub pessimism_f1_3way: f64,
    /// With the 3-way argmax label as the decision.
    pub optimism_f1_argmax: f64,
    pub pessimism_f1_argmax: f64,
    /// AUC of the probabilities behind the yes/no decision.
    pub optimism_auc: Option<f64>,
    pub pessimism_auc: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewsMtscReport {
    /// Targets with positive / negative polarity (each scored with its sentence).
    pub n_pos: usize,
    pub n_neg: usize,
    /// AUC of the optimism score, positive vs negative targets.
    pub auc: Option<f64>,
    /// Same over sentences whose targets all agree.
    pub auc_unanimous: Option<f64>,
    pub n_unanimous: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmoBankReport {
    /// News + headline dev sentences.
    pub n_news: usize,
    /// Pearson r of optimism vs valence on news + headline dev sentences.
    pub r_news: f64,
    pub n_all: usize,
    pub r_all: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewsQuotesReport {
    pub n: usize,
    pub macro_f1: f64,
    /// F1 per class, `[optimistic, neutral, pessimistic]`.
    pub f1: [f64; 3],
    pub accuracy: f64,
    /// `confusion[truth][pred]`.
    pub confusion: [[usize; 3]; 3],
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceCheck {
    pub text: String,
    pub expected: Label,
    pub got: Label,
    pub probs: [f32; 3],
    /// The optimism score.
    pub optimism: f64,
}

impl SentenceCheck {
    pub fn passed(&self) -> bool {
        self.expected == self.got
    }
}

/// Sentences issue 4 says must come out with a given label.
pub const CHECK_SENTENCES: [(&str, Label); 5] = [
    (
        "The meeting took place in Geneva on Tuesday.",
        Label::Neutral,
    ),
    ("difficult but constructive", Label::Optimistic),
    ("a very good end to a very difficult day", Label::Optimistic),
    (
        "The talks were difficult but constructive.",
        Label::Optimistic,
    ),
    (
        "It was a very good end to a very difficult day.",
        Label::Optimistic,
    ),
];

/// Computes the dev figures of `head` (embedding through the cache).
pub fn evaluate(
    cfg: &EvalModelConfig,
    embed: &mut dyn Embed,
    head: &OptimismHead,
) -> Result<ModelReport, TrainError> {
    let mut cache = EmbeddingCache::open(
        cfg.cache_dir.as_deref(),
        &cfg.encoder_sha256,
        head.input_dim,
    )?;
    evaluate_inner(&cfg.data_dir, &mut cache, embed, cfg.embed_batch, head)
}

fn evaluate_inner(
    data_dir: &Path,
    cache: &mut EmbeddingCache,
    embed: &mut dyn Embed,
    batch: usize,
    head: &OptimismHead,
) -> Result<ModelReport, TrainError> {
    let mut vecs_of = |texts: &[&str]| -> Result<Vec<Vec<f32>>, TrainError> {
        Ok(cache.embed_all(texts, embed, batch, &mut |_, _| {})?.0)
    };
    let mut report = ModelReport::default();

    let ec_path = data_dir.join("semeval2018-ec/E-c-En-dev.txt");
    if ec_path.exists() {
        let tweets = data::read_semeval_ec(&ec_path)?;
        let texts: Vec<&str> = tweets.iter().map(|t| t.text.as_str()).collect();
        let v = vecs_of(&texts)?;
        let p = head.probs_batch(&v);
        let opt: Vec<bool> = tweets.iter().map(|t| t.has("optimism")).collect();
        let pess: Vec<bool> = tweets.iter().map(|t| t.has("pessimism")).collect();
        let th = head.thresholds;
        let f1 = |pred: Vec<bool>, truth: &[bool]| metrics::f1_binary(&pred, truth);
        let f1_3way = [
            f1(p.iter().map(|x| x[0] >= th.optimism).collect(), &opt),
            f1(p.iter().map(|x| x[2] >= th.pessimism).collect(), &pess),
        ];
        // The yes/no probabilities: the detectors' when the head has them.
        let (decided_by, yes, th): (_, Vec<[f32; 2]>, _) = match &head.emotions {
            Some(e) => (
                "detectors",
                v.iter().map(|x| e.probs(x)).collect(),
                e.thresholds,
            ),
            None => (
                "3-way thresholds",
                p.iter().map(|x| [x[0], x[2]]).collect(),
                th,
            ),
        };
        let po: Vec<f64> = yes.iter().map(|x| x[0] as f64).collect();
        let pp: Vec<f64> = yes.iter().map(|x| x[1] as f64).collect();
        report.semeval = Some(SemEvalReport {
            n: tweets.len(),
            decided_by,
            optimism_f1: f1(yes.iter().map(|x| x[0] >= th.optimism).collect(), &opt),
            pessimism_f1: f1(yes.iter().map(|x| x[1] >= th.pessimism).collect(), &pess),
            optimism_f1_3way: f1_3way[0],
            pessimism_f1_3way: f1_3way[1],
            optimism_f1_argmax: f1(p.iter().map(|x| metrics::argmax(x) == 0).collect(), &opt),
            pessimism_f1_argmax: f1(p.iter().map(|x| metrics::argmax(x) == 2).collect(), &pess),
            optimism_auc: metrics::auc(&po, &opt),
            pessimism_auc: metrics::auc(&pp, &pess),
        });
    }
    // Probabilities and the optimism score (which may mix in valence).
    let mut probs_of = |texts: &[&str]| -> Result<Vec<([f32; 3], f64)>, TrainError> {
        Ok(vecs_of(texts)?
            .iter()
            .map(|v| {
                let p = head.probs(v);
                (p, head.optimism(v, &p) as f64)
            })
            .collect())
    };

    let mtsc_path = data_dir.join("newsmtsc/devtest_mt.jsonl");
    if mtsc_path.exists() {
        let sents = data::read_newsmtsc(&mtsc_path)?;
        let texts: Vec<&str> = sents.iter().map(|s| s.text.as_str()).collect();
        let p = probs_of(&texts)?;
        let (mut scores, mut pos, mut u_scores, mut u_pos) = (vec![], vec![], vec![], vec![]);
        for (s, &(_, score)) in sents.iter().zip(&p) {
            for &pol in &s.polarities {
                if pol != 4.0 {
                    scores.push(score);
                    pos.push(pol == 6.0);
                }
            }
            if let Some(pol) = s.unanimous().filter(|&x| x != 4.0) {
                u_scores.push(score);
                u_pos.push(pol == 6.0);
            }
        }
        report.newsmtsc = Some(NewsMtscReport {
            n_pos: pos.iter().filter(|&&x| x).count(),
            n_neg: pos.iter().filter(|&&x| !x).count(),
            auc: metrics::auc(&scores, &pos),
            auc_unanimous: metrics::auc(&u_scores, &u_pos),
            n_unanimous: u_pos.len(),
        });
    }

    let eb_path = data_dir.join("emobank/emobank-train-dev.csv");
    if eb_path.exists() {
        let rows: Vec<_> = data::read_emobank(&eb_path)?
            .into_iter()
            .filter(|r| r.split == "dev")
            .collect();
        let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
        let p = probs_of(&texts)?;
        let (mut xn, mut yn, mut xa, mut ya) = (vec![], vec![], vec![], vec![]);
        for (r, &(_, score)) in rows.iter().zip(&p) {
            xa.push(score);
            ya.push(r.v as f64);
            if r.is_news() {
                xn.push(score);
                yn.push(r.v as f64);
            }
        }
        report.emobank = Some(EmoBankReport {
            n_news: xn.len(),
            r_news: metrics::pearson(&xn, &yn),
            n_all: xa.len(),
            r_all: metrics::pearson(&xa, &ya),
        });
    }

    let nq_path = data_dir.join("news-quotes/polnear-quotes-labelled.tsv");
    if nq_path.exists() {
        let quotes: Vec<_> = data::read_news_quotes(&nq_path)?
            .into_iter()
            .filter(|q| q.split == "dev")
            .collect();
        let texts: Vec<&str> = quotes.iter().map(|q| q.text.as_str()).collect();
        let p = probs_of(&texts)?;
        let pred: Vec<usize> = p.iter().map(|(pr, _)| metrics::argmax(pr)).collect();
        let truth: Vec<usize> = quotes
            .iter()
            .map(|q| class_index(q.label) as usize)
            .collect();
        report.news_quotes = Some(news_quotes_report(&pred, &truth));
    }

    let heldout = data::parse_labelled_tsv(
        data::DIPLOMATIC_HELDOUT,
        Path::new(data::DIPLOMATIC_HELDOUT_PATH),
    )?;
    let texts: Vec<&str> = heldout.iter().map(|(_, t)| t.as_str()).collect();
    let pred: Vec<usize> = probs_of(&texts)?
        .iter()
        .map(|(pr, _)| metrics::argmax(pr))
        .collect();
    let truth: Vec<usize> = heldout
        .iter()
        .map(|(l, _)| class_index(*l) as usize)
        .collect();
    report.diplomatic = Some(news_quotes_report(&pred, &truth));

    let texts: Vec<&str> = CHECK_SENTENCES.iter().map(|(t, _)| *t).collect();
    let p = probs_of(&texts)?;
    report.checks = CHECK_SENTENCES
        .iter()
        .zip(p)
        .map(|((t, l), (pr, score))| SentenceCheck {
            text: t.to_string(),
            expected: *l,
            got: Label::ALL[metrics::argmax(&pr)],
            probs: pr,
            optimism: score,
        })
        .collect();
    Ok(report)
}

fn opt_f(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |x| format!("{x:.3}"))
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "not met"
    }
}

impl fmt::Display for ModelReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<44} {:>8} {:>8}  target", "dev metric", "value", "n")?;
        if let Some(s) = &self.semeval {
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}  >= 0.74 ({})",
                format!("SemEval E-c optimism F1 ({})", s.decided_by),
                s.optimism_f1,
                s.n,
                mark(s.optimism_f1 >= 0.74)
            )?;
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}  >= 0.45 ({})",
                format!("SemEval E-c pessimism F1 ({})", s.decided_by),
                s.pessimism_f1,
                s.n,
                mark(s.pessimism_f1 >= 0.45)
            )?;
            if s.decided_by != "3-way thresholds" {
                writeln!(
                    f,
                    "{:<44} {:>8} {:>8}",
                    "SemEval E-c opt / pess F1 (3-way thresholds)",
                    format!("{:.3}/{:.3}", s.optimism_f1_3way, s.pessimism_f1_3way),
                    s.n
                )?;
            }
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}",
                "SemEval E-c optimism F1 (argmax label)", s.optimism_f1_argmax, s.n
            )?;
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}",
                "SemEval E-c pessimism F1 (argmax label)", s.pessimism_f1_argmax, s.n
            )?;
            writeln!(
                f,
                "{:<44} {:>8} {:>8}",
                "SemEval E-c optimism / pessimism AUC",
                format!("{}/{}", opt_f(s.optimism_auc), opt_f(s.pessimism_auc)),
                s.n
            )?;
        }
        if let Some(m) = &self.newsmtsc {
            writeln!(
                f,
                "{:<44} {:>8} {:>8}  >= 0.85 ({})",
                "NewsMTSC pos-vs-neg AUC (per target)",
                opt_f(m.auc),
                m.n_pos + m.n_neg,
                mark(m.auc.unwrap_or(0.0) >= 0.85)
            )?;
            writeln!(
                f,
                "{:<44} {:>8} {:>8}",
                "NewsMTSC pos-vs-neg AUC (unanimous sent.)",
                opt_f(m.auc_unanimous),
                m.n_unanimous
            )?;
        }
        if let Some(e) = &self.emobank {
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}  >= 0.65 ({})",
                "EmoBank news+headline Pearson r (valence)",
                e.r_news,
                e.n_news,
                mark(e.r_news >= 0.65)
            )?;
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}",
                "EmoBank all genres Pearson r (valence)", e.r_all, e.n_all
            )?;
        }
        if let Some(q) = &self.news_quotes {
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}  >= 0.70 ({})",
                "news-quotes 3-way macro-F1",
                q.macro_f1,
                q.n,
                mark(q.macro_f1 >= 0.70)
            )?;
            writeln!(
                f,
                "{:<44} {:>8} {:>8}",
                "news-quotes F1 opt/neu/pess",
                format!("{:.2}/{:.2}/{:.2}", q.f1[0], q.f1[1], q.f1[2]),
                q.n
            )?;
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}",
                "news-quotes accuracy", q.accuracy, q.n
            )?;
            writeln!(
                f,
                "news-quotes confusion (rows truth, cols predicted; opt/neu/pess):"
            )?;
            for (l, row) in LABELS.iter().zip(&q.confusion) {
                writeln!(f, "  {l:<12} {:>4} {:>4} {:>4}", row[0], row[1], row[2])?;
            }
        }
        if let Some(q) = &self.diplomatic {
            writeln!(
                f,
                "{:<44} {:>8.3} {:>8}",
                "diplomatic held-out 3-way macro-F1", q.macro_f1, q.n
            )?;
            writeln!(
                f,
                "{:<44} {:>8} {:>8}",
                "diplomatic held-out F1 opt/neu/pess",
                format!("{:.2}/{:.2}/{:.2}", q.f1[0], q.f1[1], q.f1[2]),
                q.n
            )?;
        }
        for c in &self.checks {
            writeln!(
                f,
                "check {:<4} {:<52} expected {:<11} got {:<11} [{:.2} {:.2} {:.2}] optimism {:+.2}",
                if c.passed() { "ok" } else { "FAIL" },
                format!("{:?}", c.text),
                c.expected.as_str(),
                c.got.as_str(),
                c.probs[0],
                c.probs[1],
                c.probs[2],
                c.optimism
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for TrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "head: {}", self.head)?;
        writeln!(
            f,
            "wrote {} and {}",
            self.head_path.display(),
            self.manifest_path.display()
        )?;
        writeln!(
            f,
            "embeddings: {} computed, {} from cache",
            self.embedded.computed, self.embedded.hits
        )?;
        writeln!(f, "training examples (optimistic/neutral/pessimistic):")?;
        for (s, c) in &self.counts {
            writeln!(f, "  {:<16} {:>6} {:>6} {:>6}", s.name(), c[0], c[1], c[2])?;
        }
        writeln!(
            f,
            "calibration split: {} examples; best epoch {}/{}; temperature {:.3} (NLL {:.4} -> {:.4}); macro-F1 {:.3}",
            self.calib_examples,
            self.best_epoch,
            self.epochs,
            self.temperature,
            self.calib_nll_before,
            self.calib_nll_after,
            self.calib_macro_f1
        )?;
        writeln!(
            f,
            "binary thresholds: optimism {:.2}, pessimism {:.2}",
            self.thresholds.optimism, self.thresholds.pessimism
        )?;
        if let Some(cv) = self.emotion_cv {
            writeln!(
                f,
                "E-c optimism / pessimism detectors: L2 {} / {}, cross-validated F1 on the training tweets {:.3} / {:.3}",
                cv.l2[0], cv.l2[1], cv.f1[0], cv.f1[1]
            )?;
        }
        if let Some(v) = self.valence_cv {
            writeln!(
                f,
                "valence regressor: {} EmoBank sentences, L2 {}, blend {:.2}; cross-validated r on the {} news/headline ones: head {:.3}, regressor {:.3}, blended {:.3}",
                v.n, v.l2, v.blend, v.n_news, v.r_head, v.r_regressor, v.r_blended
            )?;
        }
        if let Some(q) = &self.news_quotes_cv {
            writeln!(
                f,
                "news-quotes {}-item cross-validated macro-F1 {:.3} (F1 opt/neu/pess {:.2}/{:.2}/{:.2}, accuracy {:.3})",
                q.n, q.macro_f1, q.f1[0], q.f1[1], q.f1[2], q.accuracy
            )?;
        }
        write!(f, "{}", self.dev)
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::Embed;
    use sha2::{Digest, Sha256};

    /// A deterministic stand-in encoder: words like "good"/"bad" push the
    /// vector along fixed axes, everything else adds hashed noise.
    pub struct HashEmbed {
        pub dim: usize,
        pub calls: usize,
    }

    impl HashEmbed {
        pub fn new(dim: usize) -> Self {
            HashEmbed { dim, calls: 0 }
        }

        pub fn one(&self, text: &str) -> Vec<f32> {
            let mut v = vec![0.0f32; self.dim];
            for word in text.split_whitespace() {
                let w = word
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                match w.as_str() {
                    "good" | "hope" | "great" | "constructive" => v[0] += 1.0,
                    "fact" | "meeting" | "tuesday" | "took" => v[1] += 1.0,
                    "bad" | "fear" | "awful" | "doomed" => v[2] += 1.0,
                    _ => {
                        let h = Sha256::digest(w.as_bytes());
                        let k = 3 + h[0] as usize % (self.dim - 3);
                        v[k] += 0.3 * (h[1] as f32 / 255.0 - 0.5);
                    }
                }
            }
            let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| *x /= n);
            v
        }
    }

    impl Embed for HashEmbed {
        fn embed(
            &mut self,
            texts: &[&str],
        ) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>> {
            self.calls += texts.len();
            Ok(texts.iter().map(|t| self.one(t)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::HashEmbed;
    use super::*;
    use crate::score::head::EncoderSpec;
    use std::fs;

    /// A miniature copy of the data folder, in every real file format.
    pub(in crate::train) fn synthetic_data(dir: &Path) {
        let pos = [
            "good news today",
            "great hope ahead",
            "good and constructive",
            "hope it is good",
        ];
        let neu = [
            "fact the meeting took place",
            "the meeting on tuesday",
            "fact fact",
            "meeting took tuesday",
        ];
        let neg = [
            "bad news again",
            "fear and awful",
            "doomed and bad",
            "awful fear ahead",
        ];
        let mut ec = String::from("ID\tTweet\tanger\tjoy\toptimism\tpessimism\n");
        let mut ec_dev = ec.clone();
        let mut go = String::new();
        let mut mtsc = String::new();
        let mut nq = String::from("label\tkind\tsplit\ttext\n");
        let mut eb = String::from("id,split,V,A,D,text,category\n");
        for rep in 0..12 {
            for (k, set) in [pos, neu, neg].iter().enumerate() {
                for (j, t) in set.iter().enumerate() {
                    let t = format!("{t} {rep}{j}");
                    let flags = ["0\t1\t1\t0", "0\t0\t0\t0", "1\t0\t0\t1"][k];
                    let line = format!("e{rep}{k}{j}\t{t}\t{flags}\n");
                    if rep < 10 {
                        ec.push_str(&line)
                    } else {
                        ec_dev.push_str(&line)
                    }
                    go.push_str(&format!("{t}\t{}\tg{rep}{k}{j}\n", ["20", "27", "25"][k]));
                    mtsc.push_str(&format!(
                        "{{\"primary_gid\":\"m{rep}{k}{j}\",\"sentence_normalized\":\"{t}\",\"targets\":[{{\"polarity\":{}}}]}}\n",
                        ["6.0", "4.0", "2.0"][k]
                    ));
                    let split = if rep < 9 { "train" } else { "dev" };
                    nq.push_str(&format!("{}\tdirect\t{split}\t{t}\n", LABELS[k]));
                    eb.push_str(&format!(
                        "b{rep}{k}{j},{split},{},3,3,{t},newspaper\n",
                        ["3.9", "3.0", "2.1"][k]
                    ));
                }
            }
        }
        let files = [
            ("semeval2018-ec/E-c-En-train.txt", ec),
            ("semeval2018-ec/E-c-En-dev.txt", ec_dev),
            ("goemotions/train.tsv", go),
            ("newsmtsc/train.jsonl", mtsc.clone()),
            ("newsmtsc/devtest_mt.jsonl", mtsc),
            ("news-quotes/polnear-quotes-labelled.tsv", nq),
            ("emobank/emobank-train-dev.csv", eb),
        ];
        for (rel, content) in files {
            let p = dir.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, content).unwrap();
        }
    }

    #[test]
    fn trains_writes_and_evaluates_end_to_end() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        synthetic_data(&data);
        let out = tmp.path().join("models");
        let cache = tmp.path().join("cache");
        let sha = "0".repeat(64);
        let mut cfg = TrainConfig::new(&data, &out, EncoderSpec::minilm(&sha));
        cfg.encoder.embedding_dim = 16;
        cfg.cache_dir = Some(cache.clone());
        cfg.calib_fraction = 0.2;
        cfg.fit = FitParams {
            hidden: 8,
            epochs: 15,
            batch_size: 16,
            learning_rate: 1e-2,
            ..FitParams::default()
        };
        let mut embed = HashEmbed::new(16);
        let mut messages = Vec::new();
        let report =
            train_with_progress(&cfg, &mut embed, &mut |m| messages.push(m.to_string())).unwrap();
        assert!(messages.iter().any(|m| m.starts_with("embedding")));

        let (manifest, head) = Manifest::load_with_head(out.join("manifest.json")).unwrap();
        assert_eq!(manifest.encoder.sha256, sha);
        assert_eq!(head.hidden_dim(), 8);
        assert!(report.counts[&Source::NewsQuotes].iter().all(|&c| c > 0));
        assert!(report.calib_nll_after <= report.calib_nll_before + 1e-9);

        let q = report.dev.news_quotes.as_ref().unwrap();
        assert_eq!(q.n, 36);
        assert!(q.macro_f1 > 0.9, "{q:?}");
        let s = report.dev.semeval.as_ref().unwrap();
        assert!(s.optimism_f1 > 0.9 && s.pessimism_f1 > 0.9, "{s:?}");
        // The yes/no E-c figures come from the detectors, fit by CV.
        assert_eq!(s.decided_by, "detectors");
        let e = head.emotions.as_ref().expect("detectors were fit");
        let cv = report.emotion_cv.unwrap();
        assert!(cfg.emotion_l2.contains(&cv.l2[0]) && cfg.emotion_l2.contains(&cv.l2[1]));
        assert!(cv.f1.iter().all(|&f| f > 0.9), "{cv:?}");
        let recorded = &manifest.training.settings["emotion_detectors"];
        assert_eq!(recorded["thresholds"], serde_json::json!(e.thresholds));
        assert_eq!(recorded["l2_chosen"], serde_json::json!(cv.l2.map(tidy)));
        assert!(report.dev.newsmtsc.as_ref().unwrap().auc.unwrap() > 0.95);
        assert!(report.dev.emobank.as_ref().unwrap().r_news > 0.8);
        // The valence regressor: fit on every EmoBank training sentence,
        // its penalty from the grid, recorded in the manifest, and part of
        // the score the dev figures read.
        let v = head.valence.as_ref().expect("valence regressor was fit");
        let vcv = report.valence_cv.unwrap();
        assert_eq!((vcv.n, vcv.n_news), (108, 108));
        assert!(cfg.valence_l2.contains(&vcv.l2));
        assert_eq!(v.blend, vcv.blend);
        assert!(vcv.r_regressor > 0.8 && vcv.r_blended >= vcv.r_regressor.max(vcv.r_head));
        let recorded = &manifest.training.settings["valence_regressor"];
        assert_eq!(recorded["l2_chosen"], serde_json::json!(tidy(vcv.l2)));
        assert_eq!(recorded["blend"], serde_json::json!(tidy(v.blend)));
        let good = embed.one("good news and great hope");
        let bad = embed.one("bad news and awful fear");
        assert!(head.score(&good).optimism > 0.2 && head.score(&bad).optimism < -0.2);
        assert!(
            report.dev.checks.iter().all(|c| c.passed()),
            "{}",
            report.dev
        );
        let cv = report.news_quotes_cv.as_ref().unwrap();
        assert_eq!(cv.n, 144);
        assert!(cv.macro_f1 > 0.9, "{cv:?}");
        let shown = report.to_string();
        assert!(shown.contains("news-quotes 3-way macro-F1"), "{shown}");
        assert!(shown.contains("cross-validated"), "{shown}");
        assert!(
            shown.contains("valence regressor: 108 EmoBank sentences"),
            "{shown}"
        );

        // Re-evaluating hits the cache only and gives the same figures.
        let before = embed.calls;
        let ecfg = EvalModelConfig {
            data_dir: data,
            cache_dir: Some(cache),
            encoder_sha256: sha,
            embed_batch: 8,
        };
        let again = evaluate(&ecfg, &mut embed, &head).unwrap();
        assert_eq!(embed.calls, before);
        assert_eq!(again.news_quotes.unwrap().macro_f1, q.macro_f1);
        assert_eq!(again.semeval.as_ref().unwrap().pessimism_f1, s.pessimism_f1);

        // Without detectors, the 3-way head's thresholds decide.
        let mut bare = head.clone();
        bare.emotions = None;
        let s3 = evaluate(&ecfg, &mut embed, &bare).unwrap().semeval.unwrap();
        assert_eq!(s3.decided_by, "3-way thresholds");
        assert_eq!(s3.optimism_f1, s.optimism_f1_3way);
        assert_eq!(s3.pessimism_f1, s.pessimism_f1_3way);

        // Without the regressor the score is p_opt - p_pess again, and the
        // labels (news-quotes) do not move.
        bare.valence = None;
        let plain = evaluate(&ecfg, &mut embed, &bare).unwrap();
        assert_ne!(
            plain.emobank.as_ref().unwrap().r_news,
            report.dev.emobank.as_ref().unwrap().r_news
        );
        assert_eq!(plain.news_quotes.unwrap().macro_f1, q.macro_f1);
    }

    #[test]
    fn no_valence_penalties_or_no_emobank_means_no_regressor() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        synthetic_data(&data);
        let mut cfg = TrainConfig::new(&data, tmp.path(), EncoderSpec::minilm(&"0".repeat(64)));
        assert_eq!(valence_rows(&cfg).unwrap().len(), 108);
        cfg.source_weights.set("emobank", 0.0).unwrap();
        assert!(valence_rows(&cfg).unwrap().is_empty());
        cfg.source_weights.set("emobank", 1.0).unwrap();
        cfg.valence_l2.clear();
        assert!(valence_rows(&cfg).unwrap().is_empty());
    }

    #[test]
    fn balanced_weights_equalise_classes() {
        let mk = |source, label| Example {
            source,
            text: String::new(),
            label,
            calib: false,
        };
        let ex = [
            mk(Source::SemEval, Label::Optimistic),
            mk(Source::SemEval, Label::Neutral),
            mk(Source::SemEval, Label::Neutral),
            mk(Source::NewsQuotes, Label::Pessimistic),
        ];
        let refs: Vec<&Example> = ex.iter().collect();
        let w = balanced_weights(&refs, &SourceWeights::default());
        let total = |c: Label| -> f32 {
            ex.iter()
                .zip(&w)
                .filter(|(e, _)| e.label == c)
                .map(|(_, w)| w)
                .sum()
        };
        for c in Label::ALL {
            assert!((total(c) - 4.0 / 3.0).abs() < 1e-5);
        }
    }

    /// The exported mix is the set `train` fits on: same rows, same
    /// calibration flags, the class-balanced weights, one row a line.
    /// The diplomatic rows are a source of their own; weighted 0 they leave
    /// the mix, and an unknown source name is an error that lists the names.
    #[test]
    fn a_source_weighted_zero_leaves_the_mix() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        synthetic_data(&data);
        let mut cfg = TrainConfig::new(&data, tmp.path(), EncoderSpec::minilm(&"0".repeat(64)));
        let (with, _) = training_examples(&cfg).unwrap();
        let dipl = with
            .iter()
            .filter(|e| e.source == Source::Diplomatic)
            .count();
        assert_eq!(dipl, 810);
        cfg.source_weights.set("diplomatic", 0.0).unwrap();
        let (without, _) = training_examples(&cfg).unwrap();
        assert_eq!(without.len(), with.len() - dipl);
        assert!(without.iter().all(|e| e.source != Source::Diplomatic));
        let err = cfg
            .source_weights
            .set("tweets", 1.0)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown source \"tweets\"") && err.contains("diplomatic"),
            "{err}"
        );
    }

    #[test]
    fn the_exported_mix_is_the_training_set() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        synthetic_data(&data);
        let mut cfg = TrainConfig::new(&data, tmp.path(), EncoderSpec::minilm(&"0".repeat(64)));
        cfg.calib_fraction = 0.2;
        let path = tmp.path().join("mix.tsv");
        let n = export_mix(&cfg, &path).unwrap();
        let (examples, _) = training_examples(&cfg).unwrap();
        assert_eq!(n, examples.len());

        let text = fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("source\tlabel\tcalib\tweight\ttext"));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
        assert_eq!(rows.len(), n);
        let mut class_weight = [0.0f64; 3];
        for (row, e) in rows.iter().zip(&examples) {
            assert_eq!(row.len(), 5, "{row:?}");
            assert_eq!(row[0], e.source.name());
            assert_eq!(row[1], e.label.as_str());
            assert_eq!(row[2], if e.calib { "1" } else { "0" });
            assert_eq!(row[4], e.text);
            let w: f64 = row[3].parse().unwrap();
            assert_eq!(w == 0.0, e.calib, "{row:?}");
            class_weight[class_index(e.label) as usize] += w;
        }
        assert!(rows.iter().any(|r| r[2] == "1") && rows.iter().any(|r| r[2] == "0"));
        // Class balancing: every class carries the same total weight.
        for w in class_weight {
            assert!(
                (w - class_weight[0]).abs() < 1e-3 * class_weight[0],
                "{class_weight:?}"
            );
        }
    }

    #[test]
    fn an_overlay_changes_the_cache_key() {
        let mut spec = EncoderSpec::minilm(&"a".repeat(64));
        assert_eq!(spec.cache_key(), "a".repeat(64));
        spec.overlay = Some(crate::score::head::OverlaySpec {
            file: "encoder-overlay.safetensors".into(),
            sha256: "b".repeat(64),
        });
        assert_eq!(
            spec.cache_key(),
            format!("{}+{}", "a".repeat(64), "b".repeat(64))
        );
    }

    #[test]
    fn missing_data_is_an_error_naming_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let cfg = TrainConfig::new(
            tmp.path(),
            tmp.path().join("out"),
            EncoderSpec::minilm(&"0".repeat(64)),
        );
        let err = train(&cfg, &mut HashEmbed::new(8)).unwrap_err().to_string();
        assert!(err.contains("E-c-En-train.txt"), "{err}");
    }
}
