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

fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0f32, f32::max)
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
        let max_diff = max_abs_diff(want, got);
        assert!(max_diff < 1e-5, "{text:?}: max abs diff {max_diff}");
        let single = enc.embed(&[text.as_str()]).unwrap();
        let max_diff = max_abs_diff(&single[0], got);
        assert!(max_diff < 1e-5, "{text:?} alone vs batched: {max_diff}");
    }
}

/// How batches are cut (token budget, batch size) and how many worker
/// threads run them never changes an embedding, in fp32 or in bf16: every
/// window's vector depends on its own tokens only (batches hold one length,
/// nothing is padded), which is what lets Spark partitions and shards agree
/// with a single run.
#[test]
fn embeddings_do_not_depend_on_batching_or_threads() {
    let dir = find_model_dir().expect("run scripts/setup.sh to install the encoder");
    let texts: Vec<String> = (0..40)
        .map(|i| {
            let words =
                "talks in Istanbul ended with a prisoner exchange and a promise to meet again";
            let n = 3 + (i * 7) % 14;
            format!(
                "{} ({i})",
                words.split(' ').take(n).collect::<Vec<_>>().join(" ")
            )
        })
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let run = |precision: Precision, batch_size: usize, batch_tokens: usize, workers: usize| {
        let mut cfg = EncoderConfig::new(dir.clone());
        cfg.device = DeviceChoice::Cpu;
        cfg.precision = precision;
        cfg.batch_size = batch_size;
        cfg.batch_tokens = batch_tokens;
        cfg.workers = workers;
        Encoder::load(&cfg).unwrap().embed(&texts).unwrap()
    };
    for precision in [Precision::Fp32, Precision::Bf16] {
        // fp32: the same to 1e-6 however texts are batched. bf16: the same
        // to 1e-6 on an AVX-512 BF16 AMD EPYC, but on CPUs with AMX (Intel
        // Xeon) oneDNN picks its bf16 matrix kernels by shape, and a text's
        // embedding moves by a bf16 rounding step with the size of its batch
        // (up to 6.9e-4 in one value measured there): held to cosine 0.9999,
        // the bar bf16 is held to against fp32 elsewhere.
        let base = run(precision, 64, 512, 1);
        for (batch_size, batch_tokens, workers) in
            [(1, 512, 1), (7, 100, 2), (64, 40, 3), (64, 4096, 2)]
        {
            let other = run(precision, batch_size, batch_tokens, workers);
            for ((a, b), text) in base.iter().zip(&other).zip(&texts) {
                let max_diff = max_abs_diff(a, b);
                let same = match precision {
                    Precision::Bf16 => cosine(a, b) >= 0.9999,
                    _ => max_diff < 1e-6,
                };
                assert!(
                    same,
                    "{precision:?} {text:?}: batch {batch_size}, {batch_tokens} tokens, \
                     {workers} workers: max diff {max_diff}, cosine {}",
                    cosine(a, b)
                );
            }
        }
    }
}

/// quotesent's own CPU kernels (attention, residual layer norm; used where
/// the CPU has AVX-512) and libtorch's operations (used elsewhere) give the
/// same embeddings: to 1e-6 in fp32, to a cosine of 0.9999 in bf16, where
/// each path rounds its intermediates to bf16 at different points. So a
/// machine without AVX-512 scores like this one.
#[test]
fn cpu_kernels_agree_with_libtorch() {
    let dir = find_model_dir().expect("run scripts/setup.sh to install the encoder");
    let mut texts: Vec<String> = reference().into_iter().map(|(t, _)| t).collect();
    texts.push(
        "Kyslytsya called the prisoner exchange a very good end to a very difficult day".into(),
    );
    texts.push("The meeting took place in Geneva on Tuesday.".into());
    texts.push("no ".repeat(300));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let run = |precision: Precision, kernels: bool| {
        let mut cfg = EncoderConfig::new(dir.clone());
        cfg.device = DeviceChoice::Cpu;
        cfg.precision = precision;
        cfg.cpu_kernels = kernels;
        Encoder::load(&cfg).unwrap().embed(&texts).unwrap()
    };
    for precision in [Precision::Fp32, Precision::Bf16] {
        let ours = run(precision, true);
        let torch = run(precision, false);
        for ((a, b), text) in ours.iter().zip(&torch).zip(&texts) {
            let max_diff = max_abs_diff(a, b);
            match precision {
                Precision::Fp32 => assert!(max_diff < 1e-6, "{text:?}: {max_diff}"),
                _ => {
                    let c = cosine(a, b);
                    assert!(c >= 0.9999, "{text:?}: bf16 cosine {c}");
                }
            }
        }
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
        let max_diff = max_abs_diff(want, got);
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

mod bring_your_own {
    //! `--model DIR`: a tiny BERT sequence classifier with random weights,
    //! made here, checks the plumbing: labels read from id2label (never by
    //! position), the label map, windows for long texts, the CLI.

    use std::collections::HashMap;
    use std::path::Path;

    use quotesent::score::classifier::{ClassifierConfig, ClassifierScorer};
    use quotesent::score::encoder::DeviceChoice;
    use quotesent::score::labels::LabelMap;
    use quotesent::score::Scorer;
    use rust_bert::bert::{BertConfig, BertForSequenceClassification};
    use tch::{nn, Device, Tensor};
    use tokenizers::models::wordpiece::WordPiece;
    use tokenizers::normalizers::bert::BertNormalizer;
    use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
    use tokenizers::processors::bert::BertProcessing;
    use tokenizers::Tokenizer;

    const WORDS: &[&str] = &[
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "the",
        "talks",
        "were",
        "good",
        "bad",
        "we",
        "are",
        "hopeful",
        "war",
        "peace",
        "collapsed",
        "difficult",
        "but",
        "constructive",
        "day",
        ".",
        ",",
        "a",
        "very",
        "end",
        "to",
    ];
    const EMOTIONS: [&str; 4] = ["anger", "joy", "optimism", "sadness"];
    const MAP: &str = "optimism=1,joy=0.5,anger=-0.5,sadness=-1";
    const TEXTS: [&str; 3] = [
        "The talks were good.",
        "War, war, war: the talks collapsed.",
        "We are hopeful, but the day was very difficult.",
    ];

    fn config_json(labels: &[&str]) -> String {
        let id2label: HashMap<String, &str> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (i.to_string(), *l))
            .collect();
        let label2id: HashMap<&str, usize> =
            labels.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        serde_json::json!({
            "architectures": ["BertForSequenceClassification"],
            "model_type": "bert",
            "vocab_size": WORDS.len(),
            "hidden_size": 16,
            "num_hidden_layers": 2,
            "num_attention_heads": 2,
            "intermediate_size": 32,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": 24,
            "type_vocab_size": 2,
            "initializer_range": 0.02,
            "layer_norm_eps": 1e-12,
            "pad_token_id": 0,
            "id2label": id2label,
            "label2id": label2id,
        })
        .to_string()
    }

    fn write_tokenizer(dir: &Path) {
        let vocab_path = dir.join("vocab.txt");
        std::fs::write(&vocab_path, WORDS.join("\n") + "\n").unwrap();
        let wp = WordPiece::from_file(vocab_path.to_str().unwrap())
            .unk_token("[UNK]".into())
            .build()
            .unwrap();
        let mut tok = Tokenizer::new(wp);
        tok.with_normalizer(Some(BertNormalizer::default()));
        tok.with_pre_tokenizer(Some(BertPreTokenizer));
        tok.with_post_processor(Some(BertProcessing::new(
            ("[SEP]".into(), 3),
            ("[CLS]".into(), 2),
        )));
        tok.save(dir.join("tokenizer.json"), false).unwrap();
    }

    /// A random tiny classifier with `labels`, written to `dir`.
    fn make_model(dir: &Path, labels: &[&str]) {
        std::fs::create_dir_all(dir).unwrap();
        let config = config_json(labels);
        std::fs::write(dir.join("config.json"), &config).unwrap();
        write_tokenizer(dir);
        tch::manual_seed(7);
        let vs = nn::VarStore::new(Device::Cpu);
        let c: BertConfig = serde_json::from_str(&config).unwrap();
        let _model = BertForSequenceClassification::new(vs.root(), &c).unwrap();
        vs.save(dir.join("model.safetensors")).unwrap();
    }

    /// The same model with its outputs listed in another order: id2label
    /// and the classifier's rows permuted together (`perm[new] = old`).
    fn permuted_copy(src: &Path, dst: &Path, labels: &[&str], perm: &[usize]) {
        std::fs::create_dir_all(dst).unwrap();
        let new_labels: Vec<&str> = perm.iter().map(|&old| labels[old]).collect();
        std::fs::write(dst.join("config.json"), config_json(&new_labels)).unwrap();
        std::fs::copy(src.join("tokenizer.json"), dst.join("tokenizer.json")).unwrap();
        let index = Tensor::from_slice(&perm.iter().map(|&i| i as i64).collect::<Vec<_>>());
        let tensors: Vec<(String, Tensor)> =
            Tensor::read_safetensors(src.join("model.safetensors"))
                .unwrap()
                .into_iter()
                .map(|(name, t)| {
                    let t = if name.starts_with("classifier.") {
                        t.index_select(0, &index)
                    } else {
                        t
                    };
                    (name, t)
                })
                .collect();
        Tensor::write_safetensors(&tensors, dst.join("model.safetensors")).unwrap();
    }

    fn load(dir: &Path, map: Option<&str>) -> Result<ClassifierScorer, String> {
        let mut cfg = ClassifierConfig::new(dir);
        cfg.device = DeviceChoice::Cpu;
        cfg.label_map = map.map(|m| LabelMap::parse(m).unwrap());
        ClassifierScorer::load(&cfg).map_err(|e| e.to_string())
    }

    #[test]
    fn labels_come_from_id2label_and_the_map_weighs_them() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        let b = tmp.path().join("b");
        make_model(&a, &EMOTIONS);
        // b lists the same outputs as sadness, optimism, anger, joy.
        permuted_copy(&a, &b, &EMOTIONS, &[3, 2, 0, 1]);

        let mut ma = load(&a, Some(MAP)).unwrap();
        let mut mb = load(&b, Some(MAP)).unwrap();
        assert_eq!(ma.labels(), EMOTIONS);
        assert_eq!(mb.labels(), ["sadness", "optimism", "anger", "joy"]);
        assert_eq!(ma.weights(), [-0.5, 0.5, 1.0, -1.0]);
        assert_eq!(mb.weights(), [-1.0, 1.0, -0.5, 0.5]);

        let pa = ma.label_probs(&TEXTS).unwrap();
        let pb = mb.label_probs(&TEXTS).unwrap();
        let sa = ma.score(&TEXTS).unwrap();
        let sb = mb.score(&TEXTS).unwrap();
        for i in 0..TEXTS.len() {
            assert!((pa[i].iter().sum::<f32>() - 1.0).abs() < 1e-5);
            // Same model, outputs in another order: same probabilities per label.
            for (j, &old) in [3usize, 2, 0, 1].iter().enumerate() {
                assert!((pb[i][j] - pa[i][old]).abs() < 1e-5, "{pa:?} vs {pb:?}");
            }
            let expected: f32 = pa[i].iter().zip(ma.weights()).map(|(p, w)| p * w).sum();
            assert!((sa[i].optimism - expected).abs() < 1e-5);
            assert!((sa[i].optimism - sb[i].optimism).abs() < 1e-5);
            assert!((-1.0..=1.0).contains(&sa[i].optimism));
            let total = sa[i].p_optimistic + sa[i].p_neutral + sa[i].p_pessimistic;
            assert!((total - 1.0).abs() < 1e-5);
        }
        // Random weights still tell texts apart: the model really ran.
        assert!((sa[0].optimism - sa[1].optimism).abs() > 1e-6);
    }

    #[test]
    fn label_maps_that_do_not_fit_are_refused_with_the_labels() {
        let tmp = tempfile::tempdir().unwrap();
        make_model(tmp.path(), &EMOTIONS);
        let e = load(tmp.path(), None).err().expect("emotions need a map");
        assert!(e.contains("anger, joy, optimism, sadness"), "{e}");
        let e = load(tmp.path(), Some("hope=1"))
            .err()
            .expect("unknown label");
        assert!(e.contains("hope"), "{e}");
        // quotesent.json beside config.json supplies the map.
        std::fs::write(
            tmp.path().join("quotesent.json"),
            r#"{"label_map": {"optimism": 1, "sadness": -1}}"#,
        )
        .unwrap();
        let m = load(tmp.path(), None).unwrap();
        assert_eq!(m.weights(), [0.0, 0.0, 1.0, -1.0]);
    }

    #[test]
    fn long_texts_are_windowed_within_the_position_table() {
        let tmp = tempfile::tempdir().unwrap();
        make_model(tmp.path(), &EMOTIONS);
        let mut m = load(tmp.path(), Some(MAP)).unwrap();
        // 24 positions; this is ~90 tokens: four windows, no index error.
        let head = "the talks were good . ".repeat(5);
        let long = format!("{head}{}", "war , war , the talks collapsed . ".repeat(10));
        let p = m.label_probs(&[&long, &head]).unwrap();
        assert!((p[0].iter().sum::<f32>() - 1.0).abs() < 1e-5);
        let moved: f32 = p[0].iter().zip(&p[1]).map(|(a, b)| (a - b).abs()).sum();
        assert!(moved > 1e-6, "the tail was not read: {p:?}");
    }

    #[test]
    fn cli_scores_with_a_sentiment_model_and_an_emotion_model() {
        let tmp = tempfile::tempdir().unwrap();
        let sst = tmp.path().join("sst2");
        let emo = tmp.path().join("emotion");
        make_model(&sst, &["NEGATIVE", "POSITIVE"]);
        make_model(&emo, &EMOTIONS);
        let run = |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_quotesent"))
                .args(args)
                .output()
                .unwrap()
        };
        // POSITIVE/NEGATIVE needs no map.
        let o = run(&[
            "score",
            "--model",
            sst.to_str().unwrap(),
            "--device",
            "cpu",
            "--format",
            "jsonl",
            TEXTS[0],
            TEXTS[1],
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 2);
        for r in &rows {
            let opt = r["optimism"].as_f64().unwrap();
            let (po, pp) = (
                r["p_optimistic"].as_f64().unwrap(),
                r["p_pessimistic"].as_f64().unwrap(),
            );
            assert!((opt - (po - pp)).abs() < 1e-5 && (-1.0..=1.0).contains(&opt));
            // Two labels, both weighted: nothing is left neutral.
            assert!(r["p_neutral"].as_f64().unwrap() < 1e-5, "{r}");
        }
        // An emotion model without a map: exit 2 naming its labels.
        let o = run(&["score", "--model", emo.to_str().unwrap(), TEXTS[0]]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("anger, joy, optimism, sadness"));
        let o = run(&[
            "score",
            "--model",
            emo.to_str().unwrap(),
            "--label-map",
            MAP,
            TEXTS[2],
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

mod overlay {
    //! Encoder overlays (fine-tuned top layers over the packaged weights):
    //! applied where they fit, refused where they do not, and tied to the
    //! head by the manifest's checksum.

    use std::path::Path;

    use quotesent::score::encoder::{find_model_dir, DeviceChoice, Encoder, EncoderConfig};
    use quotesent::score::overlay::Overlay;
    use quotesent::score::transformer::{HeadSource, TransformerScorer, BUILTIN_HEAD};
    use quotesent::score::Scorer;
    use tch::{Kind, Tensor};

    const TEXTS: [&str; 2] = [
        "The talks were difficult but constructive.",
        "Nobody expects the shelling to stop.",
    ];
    const BIAS: &str = "encoder.layer.5.output.dense.bias";

    /// The packaged encoder's tensors named `names`, as in its file.
    fn packaged(names: &[&str]) -> Vec<(String, Tensor)> {
        let dir = find_model_dir().expect("run scripts/setup.sh to install the encoder");
        Tensor::read_safetensors(dir.join("model.safetensors"))
            .unwrap()
            .into_iter()
            .filter(|(n, _)| names.contains(&n.strip_prefix("bert.").unwrap_or(n)))
            .collect()
    }

    fn write(path: &Path, tensors: &[(String, Tensor)]) -> Overlay {
        let refs: Vec<(&str, &Tensor)> = tensors.iter().map(|(n, t)| (n.as_str(), t)).collect();
        Tensor::write_safetensors(&refs, path).unwrap();
        Overlay::read(path).unwrap()
    }

    fn embed(overlay: Option<Overlay>) -> Result<Vec<Vec<f32>>, String> {
        let mut cfg = EncoderConfig::new(find_model_dir().unwrap());
        cfg.device = DeviceChoice::Cpu;
        cfg.overlay = overlay;
        let mut enc = Encoder::load(&cfg).map_err(|e| e.to_string())?;
        Ok(enc.embed(&TEXTS).unwrap())
    }

    fn max_diff(a: &[Vec<f32>], b: &[Vec<f32>]) -> f32 {
        a.iter()
            .flatten()
            .zip(b.iter().flatten())
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f32::max)
    }

    #[test]
    fn an_overlay_replaces_the_tensors_it_names_and_only_those() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = embed(None).unwrap();

        // The packaged values themselves, in f16: a no-op up to rounding.
        let same: Vec<(String, Tensor)> = packaged(&[BIAS, "encoder.layer.4.output.dense.weight"])
            .into_iter()
            .map(|(n, t)| (n, t.to_kind(Kind::Half)))
            .collect();
        assert_eq!(same.len(), 2);
        let rounded = embed(Some(write(&tmp.path().join("same.safetensors"), &same))).unwrap();
        let d = max_diff(&plain, &rounded);
        assert!(
            d < 2e-3,
            "f16 copy of the packaged tensors moved embeddings by {d}"
        );

        // A changed bias in the last layer changes every embedding (reversed,
        // not shifted: the layer norm after it would undo a constant shift).
        let changed: Vec<(String, Tensor)> = packaged(&[BIAS])
            .into_iter()
            .map(|(n, t)| (n, t.flip([0])))
            .collect();
        let moved = embed(Some(write(&tmp.path().join("moved.safetensors"), &changed))).unwrap();
        assert!(max_diff(&plain, &moved) > 0.01);
    }

    #[test]
    fn overlays_that_do_not_fit_the_encoder_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let unknown = vec![(
            "encoder.layer.9.output.dense.bias".to_string(),
            Tensor::zeros([384], (Kind::Float, tch::Device::Cpu)),
        )];
        let err = embed(Some(write(
            &tmp.path().join("unknown.safetensors"),
            &unknown,
        )))
        .unwrap_err();
        assert!(
            err.contains("unknown.safetensors")
                && err.contains("encoder.layer.9.output.dense.bias"),
            "{err}"
        );

        let wrong = vec![(
            BIAS.to_string(),
            Tensor::zeros([383], (Kind::Float, tch::Device::Cpu)),
        )];
        let err = embed(Some(write(&tmp.path().join("wrong.safetensors"), &wrong))).unwrap_err();
        assert!(
            err.contains("wrong.safetensors") && err.contains("[383]") && err.contains("[384]"),
            "{err}"
        );
    }

    /// A manifest that names an overlay loads it; a different file under the
    /// same name is refused, so a head never runs on an encoder state it was
    /// not trained on.
    #[test]
    fn the_manifest_ties_the_head_to_its_overlay() {
        let tmp = tempfile::tempdir().unwrap();
        let model = find_model_dir().unwrap();
        let overlay = write(
            &tmp.path().join("encoder-overlay.safetensors"),
            &packaged(&[BIAS])
                .into_iter()
                .map(|(n, t)| (n, t.flip([0])))
                .collect::<Vec<_>>(),
        );
        let mut manifest: serde_json::Value =
            serde_json::from_str(quotesent::score::transformer::BUILTIN_MANIFEST).unwrap();
        manifest["encoder"]["overlay"] = serde_json::json!({
            "file": "encoder-overlay.safetensors",
            "sha256": overlay.sha256(),
        });
        let manifest_path = tmp.path().join("manifest.json");
        std::fs::write(&manifest_path, manifest.to_string()).unwrap();
        std::fs::write(
            tmp.path().join(manifest["head"]["file"].as_str().unwrap()),
            BUILTIN_HEAD,
        )
        .unwrap();

        let mut cfg = EncoderConfig::new(&model);
        cfg.device = DeviceChoice::Cpu;
        let source = HeadSource::Manifest(manifest_path.clone());
        let mut scorer =
            TransformerScorer::load(&cfg, &source).expect("manifest with overlay loads");
        let with = scorer.encoder_mut().embed(&TEXTS).unwrap();
        let direct = embed(Some(overlay)).unwrap();
        assert_eq!(
            max_diff(&with, &direct),
            0.0,
            "the manifest's overlay is the one applied"
        );
        assert!(max_diff(&with, &embed(None).unwrap()) > 0.01);
        assert!(scorer.score(&TEXTS).is_ok());

        write(
            &tmp.path().join("encoder-overlay.safetensors"),
            &packaged(&[BIAS]),
        );
        let err = TransformerScorer::load(&cfg, &source)
            .err()
            .expect("refused")
            .to_string();
        assert!(
            err.contains("encoder-overlay.safetensors") && err.contains("another overlay"),
            "{err}"
        );
    }
}
