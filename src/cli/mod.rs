//! Validates parsed arguments and runs the library.
//!
//! `args` holds what was typed (clap types only); each command file turns it
//! into library settings, runs the library, and prints. The library never
//! sees clap. Commands return the process exit code: 0 ok, 1 finished with
//! skipped inputs; errors (exit 2) are returned as `anyhow::Error`.

pub mod args;
pub(crate) mod eval;
mod extract;
mod report;
mod score;
mod train;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};

use args::{Cli, Command, InputArgs, ModelArgs, ReportArgs, ScorerKind, SummaryFormat};
use quotesent::aggregate::{aggregate, AggregateOptions, Period};
use quotesent::input::{InputOptions, JsonlFields};
use quotesent::pipeline::{Problem, RunStats};
use quotesent::record::QuoteRecord;
use quotesent::report::{
    self as reports, summary_table, ReportInput, ReportOptions, Reporter, SummaryJson,
};
use quotesent::score::{FakeScorer, Scorer};
use quotesent::sides::Sides;

pub fn exec(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Analyze(a) => extract::analyze(a),
        Command::Extract(a) => extract::extract(a),
        Command::Score(a) => score::score(a),
        Command::Report(a) => report::report(a),
        Command::Eval(a) => eval::eval(a),
        Command::TrainExtractor(a) => eval::train_extractor(a),
        Command::Train(a) => train::train(a),
        Command::EvalModel(a) => train::eval_model(a),
    }
}

/// `--jsonl-field text=body` pairs → field names.
fn input_options(args: &InputArgs) -> Result<InputOptions> {
    let mut fields = JsonlFields::default();
    for pair in &args.jsonl_fields {
        let Some((field, name)) = pair.split_once('=') else {
            bail!("--jsonl-field {pair:?}: expected FIELD=NAME, e.g. text=body");
        };
        let slot = match field.trim() {
            "id" => &mut fields.id,
            "title" => &mut fields.title,
            "date" => &mut fields.date,
            "source" => &mut fields.source,
            "url" => &mut fields.url,
            "text" => &mut fields.text,
            other => bail!(
                "--jsonl-field {pair:?}: unknown field {other:?} (known: id, title, date, source, url, text)"
            ),
        };
        *slot = name.trim().to_string();
    }
    Ok(InputOptions { fields })
}

fn load_sides(path: Option<&PathBuf>) -> Result<Sides> {
    match path {
        Some(p) => Ok(Sides::from_path(p)?),
        None => Ok(Sides::none()),
    }
}

/// Builds the scorer the arguments ask for; the model loads once here.
fn load_scorer(m: &ModelArgs) -> Result<Box<dyn Scorer>> {
    match m.scorer {
        ScorerKind::Fake => Ok(Box::new(FakeScorer)),
        ScorerKind::Transformer => transformer_scorer(m),
    }
}

#[cfg(feature = "transformer")]
fn transformer_scorer(m: &ModelArgs) -> Result<Box<dyn Scorer>> {
    use anyhow::Context;
    use quotesent::score::encoder::{find_model_dir, EncoderConfig};
    use quotesent::score::transformer::{HeadSource, TransformerScorer};
    if let Some(model) = &m.model {
        return classifier_scorer(m, model);
    }
    let dir = match &m.model_dir {
        Some(d) => d.clone(),
        None => find_model_dir()?,
    };
    let mut cfg = EncoderConfig::new(dir);
    cfg.batch_size = m.batch_size.max(1);
    cfg.batch_tokens = m.batch_tokens.max(1);
    cfg.workers = m.threads;
    cfg.device = device_choice(m);
    cfg.precision = precision(m);
    let head = match (&m.manifest, &m.head) {
        (Some(manifest), _) => HeadSource::Manifest(manifest.clone()),
        (None, Some(head)) => HeadSource::Head(head.clone()),
        (None, None) => HeadSource::Builtin,
    };
    let scorer = TransformerScorer::load(&cfg, &head)
        .with_context(|| format!("loading the model from {}", cfg.model_dir.display()))?;
    warn_if_emulated_bf16("--precision", scorer.precision(), scorer.on_cpu());
    Ok(Box::new(scorer))
}

/// Warns when `flag` asked for bf16 on a CPU that only emulates it.
#[cfg(feature = "transformer")]
pub(crate) fn warn_if_emulated_bf16(
    flag: &str,
    precision: quotesent::score::encoder::Precision,
    on_cpu: bool,
) {
    use quotesent::score::encoder::{cpu_has_native_bf16, Precision};
    if precision == Precision::Bf16 && on_cpu && !cpu_has_native_bf16() {
        eprintln!(
            "warning: {flag} bf16 on a CPU without native bfloat16 (AVX-512 BF16) is emulated and slower than fp32"
        );
    }
}

#[cfg(feature = "transformer")]
fn device_choice(m: &ModelArgs) -> quotesent::score::encoder::DeviceChoice {
    to_device_choice(m.device)
}

#[cfg(feature = "transformer")]
fn to_device_choice(d: args::Device) -> quotesent::score::encoder::DeviceChoice {
    use quotesent::score::encoder::DeviceChoice;
    match d {
        args::Device::Auto => DeviceChoice::Auto,
        args::Device::Cpu => DeviceChoice::Cpu,
        args::Device::Cuda => DeviceChoice::Cuda,
    }
}

#[cfg(feature = "transformer")]
fn precision(m: &ModelArgs) -> quotesent::score::encoder::Precision {
    to_precision(m.precision)
}

#[cfg(feature = "transformer")]
pub(crate) fn to_precision(p: args::Precision) -> quotesent::score::encoder::Precision {
    use quotesent::score::encoder::Precision;
    match p {
        args::Precision::Auto => Precision::Auto,
        args::Precision::Fp32 => Precision::Fp32,
        args::Precision::Bf16 => Precision::Bf16,
    }
}

/// `--model DIR`: a Hugging Face sequence classifier and its label map.
#[cfg(feature = "transformer")]
fn classifier_scorer(m: &ModelArgs, dir: &std::path::Path) -> Result<Box<dyn Scorer>> {
    use anyhow::Context;
    use quotesent::score::classifier::{ClassifierConfig, ClassifierScorer};
    use quotesent::score::labels::LabelMap;
    let mut cfg = ClassifierConfig::new(dir);
    cfg.label_map = m
        .label_map
        .as_deref()
        .map(LabelMap::parse)
        .transpose()
        .context("--label-map")?;
    cfg.batch_size = m.batch_size.max(1);
    cfg.device = device_choice(m);
    cfg.precision = precision(m);
    let scorer = ClassifierScorer::load(&cfg)
        .with_context(|| format!("loading the classifier from {}", dir.display()))?;
    Ok(Box::new(scorer))
}

#[cfg(not(feature = "transformer"))]
fn transformer_scorer(_: &ModelArgs) -> Result<Box<dyn Scorer>> {
    bail!("this quotesent was built without the `transformer` feature; rebuild with default features to score")
}

/// A spinner on a terminal; nothing when piped or quiet.
fn progress(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Prints an input problem above the progress bar.
fn report_problem(bar: &ProgressBar, quiet: bool, p: &Problem) {
    if !quiet {
        bar.suspend(|| eprintln!("{}", p.message));
    }
}

/// The run's account on stderr, and its exit code.
fn finish(stats: &RunStats, quiet: bool) -> u8 {
    if !quiet {
        eprintln!(
            "{} articles read ({} resumed), {} skipped, {} warnings, {} quotes ({} without speaker); extract {:.2}s, score {:.2}s",
            stats.articles,
            stats.resumed,
            stats.skipped,
            stats.warnings,
            stats.quotes,
            stats.unresolved,
            stats.extract_seconds,
            stats.score_seconds
        );
    }
    if stats.skipped > 0 {
        1
    } else {
        0
    }
}

/// How aggregate reports are computed, written and summarised.
struct ReportPlan<'a> {
    args: &'a ReportArgs,
    summary: SummaryFormat,
    quiet: bool,
}

fn aggregate_options(args: &ReportArgs, sides: Vec<String>) -> AggregateOptions {
    AggregateOptions {
        resamples: args.resamples,
        seed: args.seed,
        period: match args.period {
            args::Period::Day => Period::Day,
            args::Period::Week => Period::Week,
            args::Period::Month => Period::Month,
        },
        sides,
        ..AggregateOptions::default()
    }
}

/// Aggregates `records`, writes `reporters` into `dir` atomically (run
/// statistics go into summary.json), and prints the summary.
fn write_all(
    dir: &std::path::Path,
    records: &mut [QuoteRecord],
    sides: Option<&Sides>,
    plan: &ReportPlan<'_>,
    mut reporters: Vec<Box<dyn Reporter>>,
    run: Option<&RunStats>,
) -> Result<()> {
    let names = finalize(records, sides);
    let sides = names;
    let records = &*records;
    let agg = aggregate(records, &aggregate_options(plan.args, sides));
    let mut extra = serde_json::Map::new();
    if let Some(run) = run {
        extra.insert("run".into(), run_json(run));
    }
    let summary = SummaryJson {
        extra: extra.clone(),
    };
    for r in reporters.iter_mut() {
        if r.file_name() == summary.file_name() {
            *r = Box::new(summary.clone());
        }
    }
    let input = ReportInput {
        records,
        aggregates: &agg,
    };
    let opts = ReportOptions {
        excel_safe: plan.args.excel_safe,
    };
    let written = reports::write_reports(dir, &input, &reporters, &opts)?;
    if !plan.quiet {
        match plan.summary {
            SummaryFormat::Table => {
                println!("{}", summary_table(&agg));
                let names: Vec<String> = written
                    .iter()
                    .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect();
                println!("wrote {} into {}", names.join(", "), dir.display());
            }
            SummaryFormat::Json => {
                println!("{}", serde_json::to_string_pretty(&summary.value(&agg))?)
            }
        }
    }
    Ok(())
}

/// The last step before aggregation, shared by `analyze` and `report` so
/// that `report` on analyze's rows changes nothing: folds speaker names
/// across the batch, then re-sides every row with the sides file (a folded
/// name may now be a member). Returns the side names in file order.
fn finalize(records: &mut [QuoteRecord], sides: Option<&Sides>) -> Vec<String> {
    quotesent::pipeline::fold_speakers(records);
    match sides {
        Some(sides) => {
            let names = sides.side_names();
            quotesent::sides::RuleSideResolver::new(sides.clone()).reside_records(records);
            names
        }
        None => Vec::new(),
    }
}

/// The run's account for summary.json.
fn run_json(run: &RunStats) -> serde_json::Value {
    serde_json::json!({
        "articles_read": run.articles,
        "articles_resumed": run.resumed,
        "articles_skipped": run.skipped,
        "warnings": run.warnings,
        "quotes": run.quotes,
        "quotes_without_speaker": run.unresolved,
        "seconds_extract": run.extract_seconds,
        "seconds_score": run.score_seconds,
        "scorer": run.scorer,
        "problems": run.problems.iter().map(|p| serde_json::json!({
            "skipped": p.skipped,
            "message": p.message,
        })).collect::<Vec<_>>(),
    })
}
