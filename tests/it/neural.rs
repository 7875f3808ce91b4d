//! Real-model tests of `--finder neural`: the packaged encoder with the
//! packaged finder overlay and heads, on libtorch.

use quotesent::quote::neural::{NeuralQuoteFinder, NeuralTagger};
use quotesent::quote::{HybridQuoteFinder, QuoteFinder};
use quotesent::score::encoder::{DeviceChoice, Precision};
use quotesent::segment::{RuleSegmenter, Segmenter};
use std::process::Command;

fn tagger() -> NeuralTagger {
    NeuralTagger::builtin(DeviceChoice::Cpu, Precision::Fp32)
        .expect("run scripts/setup.sh to install the encoder")
}

/// The text and PyTorch's probabilities written by
/// models/experiments/neural_finder/reference.py.
fn reference() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/neural/reference.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Probabilities for every word piece equal PyTorch's forward pass over the
/// same file (models/experiments/neural_finder/reference.py), over three
/// overlapping windows: weights, heads, windowing and the choice of the
/// central window are all the Python model's.
#[test]
fn probabilities_match_the_pytorch_model_across_windows() {
    let json = reference();
    let text = json["text"].as_str().unwrap();
    assert!(json["windows"].as_u64().unwrap() >= 3);
    let (offsets, probs) = tagger().predict(text).unwrap();
    let want_offsets: Vec<(usize, usize)> = json["offsets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o[0].as_u64().unwrap() as usize,
                o[1].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(offsets, want_offsets);
    let want = json["probs"].as_array().unwrap();
    assert_eq!(probs.len(), want.len());
    let mut worst = 0f32;
    for (got, want) in probs.iter().zip(want) {
        for (g, w) in got.iter().zip(want.as_array().unwrap()) {
            worst = worst.max((g - w.as_f64().unwrap() as f32).abs());
        }
    }
    assert!(worst < 2e-3, "largest difference {worst}");
}

/// `--finder-precision bf16` tags as fp32 does: the same argmax tag for
/// nearly every word piece of the reference article, probabilities close.
#[test]
fn bf16_tags_nearly_every_piece_as_fp32_does() {
    let json = reference();
    let text = json["text"].as_str().unwrap();
    let bf16 = NeuralTagger::builtin(DeviceChoice::Cpu, Precision::Bf16).unwrap();
    assert_eq!(bf16.precision(), Precision::Bf16);
    let (o32, p32) = tagger().predict(text).unwrap();
    let (o16, p16) = bf16.predict(text).unwrap();
    assert_eq!(o32, o16);
    let argmax = |p: &[f32]| (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
    let mut differ = 0;
    let mut worst = 0f32;
    for (a, b) in p32.iter().zip(&p16) {
        for r in [0..4, 4..7, 7..10] {
            differ += usize::from(argmax(&a[r.clone()]) != argmax(&b[r.clone()]));
        }
        for (x, y) in a.iter().zip(b) {
            worst = worst.max((x - y).abs());
        }
    }
    let tags = 3 * p32.len();
    assert!(differ * 100 <= tags, "{differ} of {tags} tags differ");
    assert!(worst < 0.1, "largest difference {worst}");
    eprintln!("bf16: {differ} of {tags} tags differ, largest difference {worst}");
}

fn find(text: &str) -> Vec<(String, String, String)> {
    let finder = NeuralQuoteFinder::new(tagger(), HybridQuoteFinder::default(), "built-in".into());
    let seg = RuleSegmenter::default().segment(text);
    finder
        .find(text, &seg)
        .iter()
        .map(|q| {
            (
                q.text(text),
                q.kind.as_str().to_string(),
                q.mention
                    .map(|m| m.slice(text).to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn reported_speech_the_rules_miss_is_found_with_its_speaker() {
    let text = "KYIV - Rustem Umerov emphasized the need for further dialogue on Tuesday.\n\n\
                The Kremlin is pushing to delay the next round until after the summer.\n\n\
                “We are ready to meet again,” Umerov told reporters.\n";
    let found = find(text);
    let has = |needle: &str, speaker: &str| {
        found
            .iter()
            .any(|(t, _, m)| t.contains(needle) && m.contains(speaker))
    };
    assert!(
        has("the need for further dialogue", "Rustem Umerov"),
        "{found:?}"
    );
    assert!(has("We are ready to meet again", "Umerov"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(t, k, _)| t.contains("We are ready") && k == "direct"),
        "{found:?}"
    );
}

#[test]
fn extract_with_the_neural_finder_writes_its_statements() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Talks resume\n\nUkraine's defence minister Rustem Umerov emphasized the need for further \
         dialogue on Tuesday.\n",
    )
    .unwrap();
    for precision in ["fp32", "bf16"] {
        let out = Command::new(env!("CARGO_BIN_EXE_quotesent"))
            .args(["extract", "--finder", "neural", "--finder-device", "cpu"])
            .args(["--finder-precision", precision])
            .arg(&article)
            .args(["--format", "jsonl", "-q"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{precision}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        let rows: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(
            rows.iter().any(|r| r["text"]
                .as_str()
                .unwrap()
                .contains("the need for further dialogue")
                && r["speaker"] == "Rustem Umerov"
                && r["kind"] == "reported"),
            "{precision}: {stdout}"
        );
    }
}

#[test]
fn a_finder_model_that_is_not_one_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("finder.safetensors");
    std::fs::write(&bad, b"not a model").unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "T\n\nHe said it would rain.\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quotesent"))
        .args(["extract", "--finder", "neural", "--finder-model"])
        .arg(&bad)
        .arg(&article)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("finder.safetensors"), "{err}");
}

/// A real safetensors file that is not a finder (the optimism overlay has
/// encoder layers and no heads) is refused, saying what it lacks.
#[test]
fn an_encoder_overlay_without_heads_is_not_a_finder() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "T\n\nHe said it would rain.\n").unwrap();
    let overlay = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/encoder-overlay.safetensors"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_quotesent"))
        .args(["extract", "--finder", "neural", "--finder-device", "cpu"])
        .args(["--finder-model", overlay])
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("encoder-overlay.safetensors"), "{err}");
    assert!(err.contains("head.content.weight"), "{err}");
}

/// Thresholds out of range are refused, naming the flag, before any model
/// loads.
#[test]
fn a_threshold_out_of_range_is_refused_naming_its_flag() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "T\n\nHe said it would rain.\n").unwrap();
    for (flag, value) in [
        ("--neural-threshold", "1.5"),
        ("--neural-threshold-confirmed", "-0.1"),
        ("--neural-threshold-supported", "-1"),
        ("--neural-nested", "1.5"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_quotesent"))
            .args(["extract", "--finder", "neural", "--finder-device", "cpu"])
            .arg(format!("{flag}={value}"))
            .arg(&article)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{flag} {value} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{flag}: {err}");
    }
}
