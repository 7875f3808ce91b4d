//! Real-model tests: the packaged all-MiniLM-L6-v2 encoder on libtorch.

use quotesent::score::encoder::{
    cpu_has_native_bf16, find_model_dir, DeviceChoice, Encoder, EncoderConfig, Precision,
};

fn encoder() -> Encoder {
    encoder_in(Precision::Fp32)
}

fn encoder_in(precision: Precision) -> Encoder {
    let dir = find_model_dir().expect("run scripts/setup.sh to install the encoder");
    let mut cfg = EncoderConfig::new(dir);
    cfg.device = DeviceChoice::Cpu;
    cfg.precision = precision;
    Encoder::load(&cfg).expect("encoder loads")
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

fn reference() -> Vec<(String, Vec<f32>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/reference-embeddings.json"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("shared reference")).unwrap();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let text = item["text"].as_str().unwrap().to_string();
            let emb = item["embedding"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap() as f32)
                .collect();
            (text, emb)
        })
        .collect()
}

#[test]
fn embeddings_match_sentence_transformers() {
    let mut enc = encoder();
    let items = reference();
    assert!(items.len() >= 4);
    let texts: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
    // Batched together (padding in play) and one by one must both match.
    let batched = enc.embed(&texts).unwrap();
    for ((text, want), got) in items.iter().zip(&batched) {
        assert_eq!(got.len(), 384);
        let max_diff = want
            .iter()
            .zip(got)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(max_diff < 1e-5, "{text:?}: max abs diff {max_diff}");
        let single = enc.embed(&[text.as_str()]).unwrap();
        let max_diff = single[0]
            .iter()
            .zip(got)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(max_diff < 1e-5, "{text:?} alone vs batched: {max_diff}");
    }
}

/// bf16 (the `auto` choice on CPUs with AVX-512 BF16) stays within the
/// issue's bound: cosine >= 0.999 to sentence-transformers for every text.
#[test]
fn bf16_embeddings_stay_within_cosine_0_999() {
    let mut enc = encoder_in(Precision::Bf16);
    assert_eq!(enc.precision(), Precision::Bf16);
    let items = reference();
    let texts: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
    let got = enc.embed(&texts).unwrap();
    for ((text, want), got) in items.iter().zip(&got) {
        let c = cosine(want, got);
        assert!(c >= 0.999, "{text:?}: cosine {c}");
        // Not silently fp32: bf16 rounding shows.
        let max_diff = want
            .iter()
            .zip(got)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(max_diff > 1e-6, "{text:?}: bf16 gave fp32-exact output");
    }
}

#[test]
fn auto_precision_picks_bf16_only_where_the_cpu_has_it() {
    let enc = encoder_in(Precision::Auto);
    let want = if cpu_has_native_bf16() {
        Precision::Bf16
    } else {
        Precision::Fp32
    };
    assert_eq!(enc.precision(), want);
    assert_eq!(
        Precision::Auto.resolve(tch::Device::Cuda(0)),
        Precision::Fp32
    );
    assert_eq!(Precision::Fp32.resolve(tch::Device::Cpu), Precision::Fp32);
}

/// Repeated texts are embedded once and every copy gets the same vector,
/// in input order.
#[test]
fn repeated_texts_get_identical_vectors_in_order() {
    let mut enc = encoder();
    let a = "We are ready to continue the talks.";
    let b = "The negotiations have collapsed and nobody knows what comes next.";
    let out = enc.embed(&[a, b, a, a, b]).unwrap();
    assert_eq!(out.len(), 5);
    assert_eq!(out[0], out[2]);
    assert_eq!(out[0], out[3]);
    assert_eq!(out[1], out[4]);
    assert!(cosine(&out[0], &out[1]) < 0.9);
    let alone = enc.embed(&[b]).unwrap();
    assert!(cosine(&alone[0], &out[1]) > 0.99999);
}

#[test]
fn long_texts_are_windowed_not_truncated() {
    let mut enc = encoder();
    let sentence = "The delegations agreed to meet again next week in Istanbul. ";
    let long = sentence.repeat(60); // ~720 tokens: three windows
    let head_only = sentence.repeat(20);
    let tail_changed = format!(
        "{}{}",
        sentence.repeat(40),
        "War. Collapse. Disaster. ".repeat(40)
    );
    let out = enc.embed(&[&long, &head_only, &tail_changed]).unwrap();
    let norm: f32 = out[0].iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4);
    // The end of a long text changes its embedding: it was read, not cut.
    let cos = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    assert!(
        cos(&out[0], &out[2]) < 0.99,
        "tail ignored: {}",
        cos(&out[0], &out[2])
    );
}

/// The shipped head on the real encoder reads news prose: a factual
/// sentence is neutral, Kyslytsya's words are optimistic, a collapse is
/// pessimistic. (Known miss, see models/README.md: "difficult but
/// constructive" comes out neutral.)
#[test]
fn shipped_head_reads_news_sentences() {
    use quotesent::score::transformer::{HeadSource, TransformerScorer};
    use quotesent::score::Scorer;
    use quotesent::Label;

    let dir = find_model_dir().expect("run scripts/setup.sh to install the encoder");
    let mut cfg = EncoderConfig::new(dir);
    cfg.device = DeviceChoice::Cpu;
    let mut scorer = TransformerScorer::load(&cfg, &HeadSource::Builtin).expect("model loads");
    let out = scorer
        .score(&[
            "The meeting took place in Geneva on Tuesday.",
            "a very good end to a very difficult day",
            "The talks collapsed and nobody expects the shelling to stop.",
        ])
        .unwrap();
    assert_eq!(out[0].label, Label::Neutral, "{:?}", out[0]);
    assert_eq!(out[1].label, Label::Optimistic, "{:?}", out[1]);
    assert_eq!(out[2].label, Label::Pessimistic, "{:?}", out[2]);
    for s in &out {
        let sum = s.p_optimistic + s.p_neutral + s.p_pessimistic;
        assert!((sum - 1.0).abs() < 1e-5);
        assert!((-1.0..=1.0).contains(&s.optimism));
    }
}

/// A head trained for another encoder is refused, naming the expected one.
#[test]
fn mismatched_encoder_is_refused() {
    use quotesent::score::transformer::{load_head, HeadSource};

    let fake = tempfile::tempdir().unwrap();
    std::fs::write(
        fake.path().join("model.safetensors"),
        b"not the minilm weights",
    )
    .unwrap();
    let err = load_head(&HeadSource::Builtin, fake.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("all-MiniLM-L6-v2"), "{err}");
}
