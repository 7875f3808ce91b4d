//! British-style news (tests/data/british): single quote marks, "Mr Blair
//! said", "a Downing Street spokesman", knights and peers, titles before
//! names and in appositives. The default pipeline (rules plus tagger, as
//! `extract` runs it) must find the statements listed in `statements.tsv`
//! and name each one's canonical speaker: the issue asks for 80% found and
//! 90% of found statements with the right speaker on such articles.

use quotesent::pipeline::Extractor;
use quotesent::sides::Sides;
use quotesent::types::Article;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/british")
}

#[test]
fn british_statements_are_found_with_their_canonical_speakers() {
    let extractor = Extractor::new(Sides::none());
    let gold = std::fs::read_to_string(dir().join("statements.tsv")).unwrap();
    let (mut total, mut found, mut right) = (0, 0, 0);
    let mut misses = Vec::new();
    let mut cache: Vec<(String, Vec<quotesent::record::QuoteRecord>)> = Vec::new();
    for line in gold
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let [file, piece, speaker] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad line in statements.tsv: {line:?}");
        };
        if !cache.iter().any(|(f, _)| f == file) {
            let text = std::fs::read_to_string(dir().join(file)).unwrap();
            let article = Article {
                id: file.to_string(),
                text,
                ..Article::default()
            };
            cache.push((file.to_string(), extractor.extract(&article)));
        }
        let records = &cache.iter().find(|(f, _)| f == file).unwrap().1;
        total += 1;
        let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        match records.iter().find(|r| normal(&r.text).contains(piece)) {
            None => misses.push(format!("{file}: not found: {piece}")),
            Some(r) => {
                found += 1;
                // Apostrophes as written or straight.
                if r.speaker.replace('’', "'") == speaker {
                    right += 1;
                } else {
                    misses.push(format!(
                        "{file}: {piece}: {:?}, want {speaker:?}",
                        r.speaker
                    ));
                }
            }
        }
    }
    assert!(total >= 50, "{total} statements");
    let found_share = found as f64 / total as f64;
    let right_share = right as f64 / found.max(1) as f64;
    eprintln!("british: {found}/{total} found, {right}/{found} speakers right");
    assert!(found_share >= 0.95, "found {found}/{total}: {misses:#?}");
    assert!(right_share >= 0.95, "speakers {right}/{found}: {misses:#?}");
}
