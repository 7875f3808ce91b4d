//! `quotesent eval`: extraction measured against gold attributions.

use anyhow::{Context, Result};
use std::io::Write;

use quotesent::attribute::RuleAttributor;
use quotesent::quote::tagger::TaggerModel;
use quotesent::quote::{HybridQuoteFinder, QuoteFinder, RuleQuoteFinder};
use quotesent::segment::RuleSegmenter;

use super::args::{EvalArgs, FinderArgs, FinderKind, TrainExtractorArgs};

pub fn eval(a: EvalArgs) -> Result<u8> {
    let finder = finder(&a.finder)?;
    if let Some(list) = &a.statements {
        use quotesent::eval::speakers::{evaluate_speakers, read_statements};
        let gold = read_statements(list)?;
        let dir = list.parent().unwrap_or(std::path::Path::new("."));
        let extractor = quotesent::pipeline::Extractor::new(quotesent::sides::Sides::none())
            .with_finder(finder);
        let report = evaluate_speakers(dir, &gold, &extractor)
            .with_context(|| format!("evaluating {}", list.display()))?;
        write!(std::io::stdout().lock(), "{report}")?;
        return Ok(0);
    }
    let gold_dir = a
        .gold
        .as_deref()
        .expect("clap requires --gold or --statements");
    let report = quotesent::eval::evaluate_with(
        gold_dir,
        &RuleSegmenter::default(),
        finder.as_ref(),
        &RuleAttributor::default(),
    )
    .with_context(|| format!("evaluating against {}", gold_dir.display()))?;
    // Written, not printed: a closed pipe (`eval ... | head`) is an error
    // main treats as success, where println! would panic.
    let finder_line = match a.finder.finder {
        FinderKind::Rules => "rules".to_string(),
        FinderKind::Neural => format!(
            "neural (model {}, {}, thresholds {} alone, {} confirmed, {} supported, {} nested; hybrid tagger threshold {})",
            model_name(a.finder.finder_model.as_deref()),
            finder_precision(&a.finder),
            a.finder.neural_threshold,
            a.finder.neural_threshold_confirmed,
            a.finder.neural_threshold_supported,
            a.finder.neural_nested,
            a.finder.tagger_threshold
        ),
        FinderKind::Hybrid => format!(
            "hybrid (tagger {}, threshold {})",
            model_name(a.finder.extractor.as_deref()),
            a.finder.tagger_threshold
        ),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "finder           {finder_line}")?;
    if finder.fallbacks() > 0 {
        writeln!(
            out,
            "fallbacks        {} articles scored with the hybrid finder's quotes (the neural model failed on them)",
            finder.fallbacks()
        )?;
    }
    writeln!(out, "{report}")?;
    Ok(0)
}

/// A model file as the report names it: its path, or "packaged".
fn model_name(path: Option<&std::path::Path>) -> String {
    path.map_or("packaged".to_string(), |p| p.display().to_string())
}

/// The quote finder the flags ask for.
pub fn finder(a: &FinderArgs) -> Result<Box<dyn QuoteFinder>> {
    if a.finder == FinderKind::Rules {
        if a.extractor.is_some() {
            anyhow::bail!("--extractor needs --finder hybrid");
        }
        return Ok(Box::new(RuleQuoteFinder::default()));
    }
    if !a.tagger_threshold.is_finite() {
        anyhow::bail!("--tagger-threshold must be a number");
    }
    if a.finder != FinderKind::Neural && a.finder_model.is_some() {
        anyhow::bail!("--finder-model needs --finder neural");
    }
    let mut f = match &a.extractor {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            let model = TaggerModel::from_bytes(&bytes)
                .with_context(|| format!("reading {}", p.display()))?;
            HybridQuoteFinder::with_model(std::sync::Arc::new(model))
        }
        None => HybridQuoteFinder::default(),
    };
    f.min_confidence = a.tagger_threshold;
    if a.finder == FinderKind::Neural {
        return neural_finder(a, f);
    }
    Ok(Box::new(f))
}

/// `--finder neural`: the transformer tagger over the hybrid finder `hybrid`.
#[cfg(feature = "transformer")]
fn neural_finder(a: &FinderArgs, hybrid: HybridQuoteFinder) -> Result<Box<dyn QuoteFinder>> {
    use quotesent::quote::neural::{NeuralQuoteFinder, NeuralTagger, BUILTIN_FINDER};
    use quotesent::score::overlay::Overlay;
    for t in [a.neural_threshold, a.neural_threshold_confirmed] {
        if !(0.0..=1.0).contains(&t) {
            anyhow::bail!(
                "--neural-threshold and --neural-threshold-confirmed must be between 0 and 1"
            );
        }
    }
    if a.neural_threshold_supported.is_nan() || a.neural_threshold_supported < 0.0 {
        anyhow::bail!("--neural-threshold-supported must be 0 or more (above 1 keeps none)");
    }
    if !(0.0..=1.0).contains(&a.neural_nested) {
        anyhow::bail!("--neural-nested must be between 0 and 1");
    }
    let device = super::to_device_choice(a.finder_device);
    let model_dir = quotesent::score::encoder::find_model_dir()?;
    let (overlay, origin) = match &a.finder_model {
        Some(p) => (
            Overlay::read(p).with_context(|| format!("reading {}", p.display()))?,
            p.clone(),
        ),
        None => {
            let origin = std::path::PathBuf::from("built-in models/finder-neural.safetensors");
            (Overlay::from_static(origin.clone(), BUILTIN_FINDER), origin)
        }
    };
    let precision = super::to_precision(a.finder_precision);
    let tagger = NeuralTagger::load(&model_dir, &overlay, device, precision)
        .with_context(|| format!("loading the neural finder {}", origin.display()))?;
    super::warn_if_emulated_bf16("--finder-precision", tagger.precision(), tagger.on_cpu());
    let mut f = NeuralQuoteFinder::new(tagger, hybrid, origin);
    f.keep.alone = a.neural_threshold;
    f.keep.confirmed = a.neural_threshold_confirmed;
    f.keep.supported = a.neural_threshold_supported;
    f.keep.nested = a.neural_nested;
    Ok(Box::new(f))
}

/// `--finder-precision` as it applies on the finder's device ("bf16" for
/// auto on a CPU with native bfloat16).
#[cfg(feature = "transformer")]
fn finder_precision(a: &FinderArgs) -> &'static str {
    let device = super::to_device_choice(a.finder_device).resolve();
    let p = super::to_precision(a.finder_precision);
    match device {
        Ok(d) => p.resolve(d).as_str(),
        Err(_) => p.as_str(),
    }
}

#[cfg(not(feature = "transformer"))]
fn finder_precision(_: &FinderArgs) -> &'static str {
    "fp32"
}

#[cfg(not(feature = "transformer"))]
fn neural_finder(_: &FinderArgs, _: HybridQuoteFinder) -> Result<Box<dyn QuoteFinder>> {
    anyhow::bail!("--finder neural needs quotesent built with the `transformer` feature")
}

pub fn train_extractor(a: TrainExtractorArgs) -> Result<u8> {
    use quotesent::quote::lexicon::CueLexicon;
    use quotesent::quote::tagger::train::{read_dir, train, TrainOptions};
    if !(8..=26).contains(&a.bits) {
        anyhow::bail!("--bits {}: use 8 to 26", a.bits);
    }
    let cues = CueLexicon::builtin();
    let examples = read_dir(&a.gold, cues)
        .with_context(|| format!("reading training data in {}", a.gold.display()))?;
    eprintln!("{} paragraphs", examples.len());
    let opts = TrainOptions {
        epochs: a.epochs,
        bits: a.bits,
        seed: a.seed,
        prune: a.prune,
    };
    let model = train(&examples, opts, |e, acc| {
        eprintln!("epoch {e}: token accuracy {acc:.4}")
    });
    let bytes = model.to_bytes();
    quotesent::report::atomic_write(&a.out, |w| {
        w.write_all(&bytes)
            .map_err(|source| quotesent::report::ReportError::Write {
                path: a.out.clone(),
                source,
            })
    })
    .with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "wrote {} ({} buckets, {} bytes)",
        a.out.display(),
        model.len(),
        bytes.len()
    );
    Ok(0)
}
