//! Criterion benchmarks: extraction throughput, model load, and scoring
//! throughput, each timed apart so a change to one shows on its own.
//!
//! Input: PolNeAR dev (`../shared/data/polnear/dev`) when present, else the
//! fixture articles. `scripts/bench.sh` runs the end-to-end comparison with
//! the Python reference.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use quotesent::input::{open, InputEvent, InputOptions};
use quotesent::pipeline::Extractor;
use quotesent::quote::RuleQuoteFinder;
use quotesent::sides::Sides;
use quotesent::Article;

fn corpus() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let polnear = root.join("../shared/data/polnear/dev/text");
    let dir: PathBuf = if polnear.is_dir() {
        polnear
    } else {
        root.join("fixtures/articles")
    };
    open(&[dir], &InputOptions::default())
        .expect("bench corpus")
        .filter_map(|e| match e {
            InputEvent::Article(a) => Some(a),
            _ => None,
        })
        .collect()
}

fn extract(c: &mut Criterion) {
    let articles = corpus();
    let sides =
        Sides::from_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sides.toml"))
            .expect("fixture sides");
    // The default (rules + tagger) and the rules alone, so the tagger's
    // cost shows apart.
    let hybrid = Extractor::new(sides.clone());
    let rules = Extractor::new(sides).with_finder(Box::new(RuleQuoteFinder::default()));
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(articles.len() as u64));
    g.sample_size(10);
    for (name, extractor) in [("articles", &hybrid), ("articles_rules_only", &rules)] {
        g.bench_function(BenchmarkId::new(name, articles.len()), |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| extractor.extract(a).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

#[cfg(feature = "transformer")]
fn model(c: &mut Criterion) {
    use quotesent::score::encoder::{find_model_dir, DeviceChoice, EncoderConfig};
    use quotesent::score::transformer::{HeadSource, TransformerScorer};
    use quotesent::score::Scorer;

    let Ok(dir) = find_model_dir() else {
        eprintln!("model benches skipped: no encoder (run scripts/setup.sh)");
        return;
    };
    let mut cfg = EncoderConfig::new(dir);
    cfg.device = DeviceChoice::Cpu;
    let mut g = c.benchmark_group("model");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| TransformerScorer::load(&cfg, &HeadSource::Builtin).expect("model loads"))
    });
    let extractor = Extractor::new(Sides::none());
    let texts: Vec<String> = corpus()
        .iter()
        .flat_map(|a| extractor.extract(a))
        .map(|r| r.text)
        .take(256)
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut scorer = TransformerScorer::load(&cfg, &HeadSource::Builtin).expect("model loads");
    g.throughput(Throughput::Elements(refs.len() as u64));
    g.bench_function(BenchmarkId::new("score_quotes", refs.len()), |b| {
        b.iter(|| scorer.score(&refs).expect("scores").len())
    });
    g.finish();
}

#[cfg(not(feature = "transformer"))]
fn model(_: &mut Criterion) {}

criterion_group!(benches, extract, model);
criterion_main!(benches);
