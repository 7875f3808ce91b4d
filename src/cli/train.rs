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

#[cfg(feature = "transformer")]
pub fn train(a: TrainArgs) -> Result<u8> {
    use quotesent::train::{default_cache_dir, run::run_train};
    let dir = model_dir(&a.model_dir)?;
    let cache = a.cache.or_else(default_cache_dir);
    let report = run_train(&dir, &a.data, &a.out, cache, &mut |msg| eprintln!("{msg}"))?;
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
pub fn train(_: TrainArgs) -> Result<u8> {
    anyhow::bail!("`train` needs the encoder: rebuild with the default `transformer` feature")
}

#[cfg(not(feature = "transformer"))]
pub fn eval_model(_: EvalModelArgs) -> Result<u8> {
    anyhow::bail!("`eval-model` needs the encoder: rebuild with the default `transformer` feature")
}
