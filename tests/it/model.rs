//! Real-model tests: the packaged all-MiniLM-L6-v2 encoder on libtorch.

use quotesent::score::encoder::{find_model_dir, DeviceChoice, Encoder, EncoderConfig};

fn encoder() -> Encoder {
    let dir = find_model_dir().expect("run scripts/setup.sh to install the encoder");
    let mut cfg = EncoderConfig::new(dir);
    cfg.device = DeviceChoice::Cpu;
    Encoder::load(&cfg).expect("encoder loads")
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
