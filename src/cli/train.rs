//! `quotesent train` and `quotesent eval-model`: the optimism head's
//! reproducible training run and its dev-set figures.

use anyhow::Result;

use super::args::{EvalModelArgs, TrainArgs};

#[cfg(feature = "transformer")]
fn model_dir(given: &Option<std::path::PathBuf>) -> Result<std::path::PathBuf> {
    match given {
        Some(d) => Ok(d.clone()),
        None => Ok(quotesent::score::encoder::find_model_dir()?),
    }
}

/// `train --export-mix FILE`: the training mix as TSV, no encoder needed.
fn export_mix(a: &TrainArgs, path: &std::path::Path) -> Result<u8> {
    use anyhow::Context;
    use quotesent::score::head::EncoderSpec;
    use quotesent::train::{export_mix, TrainConfig};
    // The mix does not depend on the encoder; the spec only keys caches.
    let mut cfg = TrainConfig::new(&a.data, &a.out, EncoderSpec::minilm(&"0".repeat(64)));
    for (name, w) in &a.source_weight {
        cfg.source_weights.set(name, *w)?;
    }
    let n = export_mix(&cfg, path)
        .with_context(|| format!("exporting the training mix to {}", path.display()))?;
    eprintln!("wrote {n} examples to {}", path.display());
    Ok(0)
}

#[cfg(feature = "transformer")]
pub fn train(a: TrainArgs) -> Result<u8> {
    use quotesent::train::{default_cache_dir, run::run_train};
    if let Some(path) = &a.export_mix {
        return export_mix(&a, path);
    }
    let dir = model_dir(&a.model_dir)?;
    let cache = a.cache.or_else(default_cache_dir);
    let report = run_train(
        &dir,
        &a.data,
        &a.out,
        a.overlay.as_deref(),
        cache,
        &a.source_weight,
        &mut |msg| eprintln!("{msg}"),
    )?;
    println!("{report}");
    Ok(0)
}

#[cfg(feature = "transformer")]
pub fn eval_model(a: EvalModelArgs) -> Result<u8> {
    use quotesent::train::{default_cache_dir, run::run_eval_model};
    let dir = model_dir(&a.model_dir)?;
    let cache = a.cache.or_else(default_cache_dir);
    let report = run_eval_model(&dir, &a.manifest, &a.data, cache)?;
    println!("{report}");
    Ok(0)
}

#[cfg(not(feature = "transformer"))]
pub fn train(a: TrainArgs) -> Result<u8> {
    if let Some(path) = &a.export_mix {
        return export_mix(&a, path);
    }
    anyhow::bail!("`train` needs the encoder: rebuild with the default `transformer` feature")
}

#[cfg(not(feature = "transformer"))]
pub fn eval_model(_: EvalModelArgs) -> Result<u8> {
    anyhow::bail!("`eval-model` needs the encoder: rebuild with the default `transformer` feature")
}
