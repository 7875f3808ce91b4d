//! Trains (or evaluates) the optimism head from the command line, for
//! experiments with the training settings; `quotesent train` is the product
//! command. Usage:
//!
//! ```text
//! cargo run --release --example train -- --data ../shared/data/optimism --out models \
//!     [--cache DIR] [--model-dir DIR] [--cache-only --encoder-sha256 HEX] \
//!     [--hidden N] [--epochs N] [--l2 X] [--lr X] [--batch N] [--seed N] \
//!     [--go-per-class N] [--cv FOLDS] [--weight SOURCE=X]... [--eval MANIFEST]
//! ```
//!
//! `--cache-only` trains from embeddings already in the cache (no encoder,
//! so it builds without the `transformer` feature) and fails on a miss;
//! with `--dump-missing FILE` it instead appends the missing texts to FILE
//! (and trains on zero vectors for them, a dry run for filling the cache).

use std::path::PathBuf;
use std::process::ExitCode;

use quotesent::score::head::{EncoderSpec, Manifest};
use quotesent::train::{self, Embed, EvalModelConfig, Source, TrainConfig};

struct CacheOnly(Option<PathBuf>);

impl Embed for CacheOnly {
    fn embed(
        &mut self,
        texts: &[&str],
    ) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>> {
        if let Some(path) = &self.0 {
            // Lets another tool embed exactly the missing texts.
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            for t in texts {
                std::io::Write::write_all(
                    &mut f,
                    format!("{}\n", t.replace('\n', " ")).as_bytes(),
                )?;
            }
            return Ok(texts.iter().map(|_| vec![0.0; 384]).collect());
        }
        Err(format!(
            "--cache-only: {} texts are not in the cache, e.g. {:?}",
            texts.len(),
            texts.first()
        )
        .into())
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut data = PathBuf::from("../shared/data/optimism");
    let mut out = PathBuf::from("models");
    let mut cache = train::default_cache_dir();
    let mut model_dir: Option<PathBuf> = None;
    let mut cache_only = false;
    let mut dump_missing: Option<PathBuf> = None;
    let mut sha: Option<String> = None;
    let mut eval: Option<PathBuf> = None;
    let mut cfg = TrainConfig::new("", "", EncoderSpec::minilm(&"0".repeat(64)));
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = val()?.into(),
            "--out" => out = val()?.into(),
            "--cache" => cache = Some(val()?.into()),
            "--model-dir" => model_dir = Some(val()?.into()),
            "--cache-only" => cache_only = true,
            "--dump-missing" => dump_missing = Some(val()?.into()),
            "--encoder-sha256" => sha = Some(val()?),
            "--eval" => eval = Some(val()?.into()),
            "--hidden" => cfg.fit.hidden = val()?.parse()?,
            "--epochs" => cfg.fit.epochs = val()?.parse()?,
            "--l2" => cfg.fit.l2 = val()?.parse()?,
            "--lr" => cfg.fit.learning_rate = val()?.parse()?,
            "--batch" => cfg.fit.batch_size = val()?.parse()?,
            "--seed" => {
                cfg.seed = val()?.parse()?;
                cfg.fit.seed = cfg.seed;
            }
            "--cv" => cfg.news_quotes_cv_folds = val()?.parse()?,
            "--go-per-class" => cfg.goemotions_per_class = val()?.parse()?,
            "--weight" => {
                let v = val()?;
                let (name, w) = v.split_once('=').ok_or("--weight SOURCE=X")?;
                let s = Source::ALL
                    .into_iter()
                    .find(|s| s.name() == name)
                    .ok_or_else(|| format!("unknown source {name}"))?;
                cfg.source_weights.0.insert(s, w.parse()?);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let mut embed: Box<dyn Embed> = if cache_only {
        Box::new(CacheOnly(dump_missing))
    } else {
        encoder(model_dir.as_ref(), &mut sha)?
    };
    let sha = match sha {
        Some(s) => s,
        None => return Err("--cache-only needs --encoder-sha256".into()),
    };
    if let Some(manifest_path) = eval {
        let (manifest, head) = Manifest::load_with_head(&manifest_path)?;
        if manifest.encoder.overlay.is_some() {
            // This example runs the packaged encoder only.
            return Err("the manifest names an encoder overlay: use `quotesent eval-model`".into());
        }
        let ecfg = EvalModelConfig {
            data_dir: data,
            cache_dir: cache,
            encoder_sha256: manifest.encoder.cache_key(),
            embed_batch: 64,
        };
        print!("{}", train::evaluate(&ecfg, embed.as_mut(), &head)?);
        return Ok(());
    }
    cfg.data_dir = data;
    cfg.out_dir = out;
    cfg.cache_dir = cache;
    cfg.encoder = EncoderSpec::minilm(&sha);
    cfg.command = format!(
        "cargo run --release --example train --{}",
        std::env::args()
            .skip(1)
            .map(|a| format!(" {a}"))
            .collect::<String>()
    );
    let t0 = std::time::Instant::now();
    let report = train::train_with_progress(&cfg, embed.as_mut(), &mut |m| eprintln!("{m}"))?;
    print!("{report}");
    eprintln!("done in {:.1} s", t0.elapsed().as_secs_f64());
    Ok(())
}

#[cfg(feature = "transformer")]
fn encoder(
    model_dir: Option<&PathBuf>,
    sha: &mut Option<String>,
) -> Result<Box<dyn Embed>, Box<dyn std::error::Error>> {
    let dir = match model_dir {
        Some(d) => d.clone(),
        None => quotesent::score::encoder::find_model_dir()?,
    };
    *sha = Some(EncoderSpec::minilm_at(&dir)?.sha256);
    Ok(Box::new(train::run::load_encoder(&dir, None)?))
}

#[cfg(not(feature = "transformer"))]
fn encoder(
    _model_dir: Option<&PathBuf>,
    _sha: &mut Option<String>,
) -> Result<Box<dyn Embed>, Box<dyn std::error::Error>> {
    Err("built without the `transformer` feature: use --cache-only".into())
}
