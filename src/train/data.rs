//! Readers for the five labelled sets under `shared/data/optimism/`, and the
//! mapping of each set's own labels onto optimistic / neutral / pessimistic.
//!
//! Each reader returns the source's records as they are (all emotion flags,
//! all target polarities, raw valence), because evaluation needs the native
//! labels (E-c optimism/pessimism flags, NewsMTSC polarity, EmoBank valence)
//! while training needs one 3-way label; the `*_label` functions are the only
//! place that decides how a record becomes a training example, so the
//! choices are documented and tested in one spot. Formats are parsed by hand
//! (tab-separated with no quoting) or with `csv`/`serde_json` where the files
//! use quoting or JSON, and every error names the file and line.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::types::Label;

/// Errors reading a data file.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}:{line}: {reason}")]
    Parse {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("{path}:{line}: invalid JSON: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        source: serde_json::Error,
    },
    #[error("{path}: CSV error: {source}")]
    Csv { path: PathBuf, source: csv::Error },
}

fn read(path: &Path) -> Result<String, DataError> {
    fs::read_to_string(path).map_err(|source| DataError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_err(path: &Path, line: usize, reason: impl Into<String>) -> DataError {
    DataError::Parse {
        path: path.to_path_buf(),
        line,
        reason: reason.into(),
    }
}

/// A SemEval-2018 E-c tweet with the names of the emotions marked 1.
#[derive(Debug, Clone, PartialEq)]
pub struct EcTweet {
    pub id: String,
    pub text: String,
    pub emotions: Vec<String>,
}

impl EcTweet {
    pub fn has(&self, emotion: &str) -> bool {
        self.emotions.iter().any(|e| e == emotion)
    }
}

/// Reads `E-c-En-{train,dev}.txt`: header `ID Tweet anger ... trust`, tab-separated.
pub fn read_semeval_ec(path: &Path) -> Result<Vec<EcTweet>, DataError> {
    let text = read(path)?;
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = match lines.next() {
        Some((_, h)) => h.split('\t').collect(),
        None => return Err(parse_err(path, 1, "empty file, expected a header row")),
    };
    if header.len() < 3 || header[1] != "Tweet" {
        return Err(parse_err(
            path,
            1,
            "header must be `ID\\tTweet\\t<emotions>...`",
        ));
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != header.len() {
            return Err(parse_err(
                path,
                i + 1,
                format!("{} columns, header has {}", cols.len(), header.len()),
            ));
        }
        let mut emotions = Vec::new();
        for (name, v) in header[2..].iter().zip(&cols[2..]) {
            match *v {
                "1" => emotions.push(name.to_string()),
                "0" => {}
                other => {
                    return Err(parse_err(
                        path,
                        i + 1,
                        format!("column {name}: expected 0 or 1, got {other:?}"),
                    ))
                }
            }
        }
        out.push(EcTweet {
            id: cols[0].to_string(),
            text: cols[1].to_string(),
            emotions,
        });
    }
    Ok(out)
}

/// A GoEmotions comment with its label ids (indices into `labels.txt`).
#[derive(Debug, Clone, PartialEq)]
pub struct GoComment {
    pub id: String,
    pub text: String,
    pub labels: Vec<u8>,
}

/// GoEmotions label ids used by the mapping (see `labels.txt`).
pub mod go {
    pub const ADMIRATION: u8 = 0;
    pub const APPROVAL: u8 = 4;
    pub const CARING: u8 = 5;
    pub const EXCITEMENT: u8 = 13;
    pub const GRATITUDE: u8 = 15;
    pub const JOY: u8 = 17;
    pub const OPTIMISM: u8 = 20;
    pub const PRIDE: u8 = 21;
    pub const RELIEF: u8 = 23;
    pub const ANGER: u8 = 2;
    pub const ANNOYANCE: u8 = 3;
    pub const DISAPPOINTMENT: u8 = 9;
    pub const DISAPPROVAL: u8 = 10;
    pub const DISGUST: u8 = 11;
    pub const FEAR: u8 = 14;
    pub const GRIEF: u8 = 16;
    pub const NERVOUSNESS: u8 = 19;
    pub const REMORSE: u8 = 24;
    pub const SADNESS: u8 = 25;
    pub const NEUTRAL: u8 = 27;
}

/// Reads GoEmotions `{train,dev}.tsv`: `text \t label_ids \t id`, no header.
pub fn read_goemotions(path: &Path) -> Result<Vec<GoComment>, DataError> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 {
            return Err(parse_err(
                path,
                i + 1,
                format!("{} columns, expected text, label_ids, id", cols.len()),
            ));
        }
        let labels = cols[1]
            .split(',')
            .map(|s| {
                s.trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|&v| v <= go::NEUTRAL)
                    .ok_or_else(|| parse_err(path, i + 1, format!("bad label id {s:?}")))
            })
            .collect::<Result<Vec<u8>, _>>()?;
        out.push(GoComment {
            id: cols[2].to_string(),
            text: cols[0].to_string(),
            labels,
        });
    }
    Ok(out)
}

/// A NewsMTSC sentence with the polarity towards each of its targets
/// (2.0 negative, 4.0 neutral, 6.0 positive).
#[derive(Debug, Clone, PartialEq)]
pub struct MtscSentence {
    pub id: String,
    pub text: String,
    pub polarities: Vec<f32>,
}

#[derive(Deserialize)]
struct MtscRaw {
    primary_gid: String,
    sentence_normalized: String,
    targets: Vec<MtscTargetRaw>,
}

#[derive(Deserialize)]
struct MtscTargetRaw {
    polarity: f32,
}

/// Reads NewsMTSC jsonl (`train.jsonl`, `devtest_mt.jsonl`).
pub fn read_newsmtsc(path: &Path) -> Result<Vec<MtscSentence>, DataError> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: MtscRaw = serde_json::from_str(line).map_err(|source| DataError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        if raw.targets.is_empty() {
            return Err(parse_err(path, i + 1, "no targets"));
        }
        let polarities: Vec<f32> = raw.targets.iter().map(|t| t.polarity).collect();
        if let Some(p) = polarities.iter().find(|p| ![2.0, 4.0, 6.0].contains(*p)) {
            return Err(parse_err(
                path,
                i + 1,
                format!("polarity {p} not 2, 4 or 6"),
            ));
        }
        out.push(MtscSentence {
            id: raw.primary_gid,
            text: raw.sentence_normalized,
            polarities,
        });
    }
    Ok(out)
}

impl MtscSentence {
    /// The one polarity all targets share, if they agree.
    pub fn unanimous(&self) -> Option<f32> {
        let first = self.polarities[0];
        self.polarities.iter().all(|&p| p == first).then_some(first)
    }
}

/// A news statement labelled for this project.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsQuote {
    pub label: Label,
    /// "direct" or "reported".
    pub kind: String,
    /// "train" or "dev".
    pub split: String,
    pub text: String,
}

/// Reads `polnear-quotes-labelled.tsv`: header `label kind split text`.
pub fn read_news_quotes(path: &Path) -> Result<Vec<NewsQuote>, DataError> {
    let text = read(path)?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.split('\t').collect::<Vec<_>>() == ["label", "kind", "split", "text"] => {
        }
        _ => {
            return Err(parse_err(
                path,
                1,
                "header must be `label\\tkind\\tsplit\\ttext`",
            ))
        }
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        if cols.len() != 4 {
            return Err(parse_err(
                path,
                i + 1,
                format!("{} columns, expected 4", cols.len()),
            ));
        }
        let label = match cols[0] {
            "optimistic" => Label::Optimistic,
            "neutral" => Label::Neutral,
            "pessimistic" => Label::Pessimistic,
            other => return Err(parse_err(path, i + 1, format!("unknown label {other:?}"))),
        };
        out.push(NewsQuote {
            label,
            kind: cols[1].to_string(),
            split: cols[2].to_string(),
            text: cols[3].to_string(),
        });
    }
    Ok(out)
}

/// Statements about negotiations written and labelled for this project
/// (`models/data/diplomatic-*.tsv`, compiled into the binary): `label \t text`
/// per line, no header. None of the shared sets is diplomatic language; this
/// one teaches understatement ("useful", "businesslike") and concessive
/// sentences whose final clause decides ("long and tough, but we moved
/// forward").
pub fn parse_labelled_tsv(text: &str, path: &Path) -> Result<Vec<(Label, String)>, DataError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((label, text)) = line.split_once('\t') else {
            return Err(parse_err(path, i + 1, "expected `label\\ttext`"));
        };
        let label = match label {
            "optimistic" => Label::Optimistic,
            "neutral" => Label::Neutral,
            "pessimistic" => Label::Pessimistic,
            other => return Err(parse_err(path, i + 1, format!("unknown label {other:?}"))),
        };
        if text.trim().is_empty() || text.contains('\t') {
            return Err(parse_err(path, i + 1, "expected one non-empty text column"));
        }
        out.push((label, text.to_string()));
    }
    Ok(out)
}

/// The diplomatic training statements (810, balanced).
pub const DIPLOMATIC_TRAIN: &str = include_str!("../../models/data/diplomatic-train.tsv");
/// Where [`DIPLOMATIC_TRAIN`] comes from, for error messages and the manifest.
pub const DIPLOMATIC_TRAIN_PATH: &str = "models/data/diplomatic-train.tsv";
/// The held-out diplomatic statements (270), written by other writers than
/// the training rows and never trained or tuned on; `eval-model` scores them.
pub const DIPLOMATIC_HELDOUT: &str = include_str!("../../models/data/diplomatic-heldout.tsv");
/// Where [`DIPLOMATIC_HELDOUT`] comes from.
pub const DIPLOMATIC_HELDOUT_PATH: &str = "models/data/diplomatic-heldout.tsv";

/// An EmoBank sentence with valence, arousal, dominance on 1–5.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EmoBankRow {
    pub id: String,
    pub split: String,
    #[serde(rename = "V")]
    pub v: f32,
    #[serde(rename = "A")]
    pub a: f32,
    #[serde(rename = "D")]
    pub d: f32,
    pub text: String,
    pub category: String,
}

impl EmoBankRow {
    /// Newspaper sentences and news headlines (EmoBank's `SemEval` category
    /// is the SemEval-2007 headline set).
    pub fn is_news(&self) -> bool {
        self.category == "newspaper" || self.category == "SemEval"
    }
}

/// Reads `emobank-train-dev.csv` (`id,split,V,A,D,text,category`, quoted CSV).
pub fn read_emobank(path: &Path) -> Result<Vec<EmoBankRow>, DataError> {
    let mut rdr = csv::Reader::from_path(path).map_err(|source| DataError::Csv {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for row in rdr.deserialize::<EmoBankRow>() {
        out.push(row.map_err(|source| DataError::Csv {
            path: path.to_path_buf(),
            source,
        })?);
    }
    Ok(out)
}

/// E-c tweet → training label. Optimistic: optimism, or joy/love/trust with
/// no negative emotion; pessimistic: pessimism, or anger/disgust/fear/sadness
/// with no positive one (the news rubric counts worry, fear, criticism and
/// dissatisfaction as pessimistic); neutral: no emotion at all; mixed
/// tweets are left out rather than forced into a class.
pub fn ec_label(t: &EcTweet) -> Option<Label> {
    let pos = ["optimism", "joy", "love", "trust"]
        .iter()
        .any(|e| t.has(e));
    let neg = ["pessimism", "anger", "disgust", "fear", "sadness"]
        .iter()
        .any(|e| t.has(e));
    match (pos, neg) {
        (true, false) => Some(Label::Optimistic),
        (false, true) => Some(Label::Pessimistic),
        (false, false) if t.emotions.is_empty() => Some(Label::Neutral),
        (true, true) if t.has("optimism") && !t.has("pessimism") && !t.has("sadness") => {
            Some(Label::Optimistic)
        }
        (true, true) if t.has("pessimism") && !t.has("optimism") && !t.has("joy") => {
            Some(Label::Pessimistic)
        }
        _ => None,
    }
}

/// GoEmotions comment → training label: outlook-bearing positive and negative
/// emotions, or `neutral` alone; anything mixed or off-axis (surprise,
/// curiosity, confusion, ...) is skipped.
pub fn go_label(c: &GoComment) -> Option<Label> {
    use go::*;
    const POS: [u8; 9] = [
        ADMIRATION, APPROVAL, CARING, EXCITEMENT, GRATITUDE, JOY, OPTIMISM, PRIDE, RELIEF,
    ];
    const NEG: [u8; 10] = [
        ANGER,
        ANNOYANCE,
        DISAPPOINTMENT,
        DISAPPROVAL,
        DISGUST,
        FEAR,
        GRIEF,
        NERVOUSNESS,
        REMORSE,
        SADNESS,
    ];
    let pos = c.labels.iter().any(|l| POS.contains(l));
    let neg = c.labels.iter().any(|l| NEG.contains(l));
    match (pos, neg) {
        (true, false) => Some(Label::Optimistic),
        (false, true) => Some(Label::Pessimistic),
        (false, false) if c.labels == [NEUTRAL] => Some(Label::Neutral),
        _ => None,
    }
}

/// NewsMTSC sentence → training label, only when all targets agree:
/// positive towards a person reads as praise/confidence (optimistic),
/// negative as criticism/accusation (pessimistic), neutral as factual.
pub fn mtsc_label(s: &MtscSentence) -> Option<Label> {
    let p = s.unanimous()?;
    if p == 6.0 {
        Some(Label::Optimistic)
    } else if p == 4.0 {
        Some(Label::Neutral)
    } else if p == 2.0 {
        Some(Label::Pessimistic)
    } else {
        None
    }
}

/// EmoBank sentence → training label by valence: clearly positive (V ≥ 3.4)
/// or negative (V ≤ 2.6) sentences of any genre; mid-valence (2.9–3.1)
/// sentences count as neutral only for news genres, where "mid valence"
/// means factual reporting rather than an unreadable mood. The gaps between
/// bands are left out as ambiguous.
pub fn emobank_label(r: &EmoBankRow) -> Option<Label> {
    if r.v >= 3.4 {
        Some(Label::Optimistic)
    } else if r.v <= 2.6 {
        Some(Label::Pessimistic)
    } else if r.is_news() && (2.9..=3.1).contains(&r.v) {
        Some(Label::Neutral)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    /// First `n` lines of a real data file, when the shared data is present.
    fn real_head(rel: &str, n: usize) -> Option<tempfile::NamedTempFile> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/optimism")
            .join(rel);
        let text = fs::read_to_string(path).ok()?;
        let head: String = text.split_inclusive('\n').take(n).collect();
        Some(file(&head))
    }

    #[test]
    fn semeval_reads_flags_and_maps_labels() {
        let f = file(
            "ID\tTweet\tanger\tjoy\toptimism\tpessimism\n\
             a\thope it works\t0\t0\t1\t0\n\
             b\tdoomed\t1\t0\t0\t1\n\
             c\tthe bus left\t0\t0\t0\t0\n\
             d\tbittersweet\t1\t1\t0\t0\n",
        );
        let rows = read_semeval_ec(f.path()).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1].emotions, ["anger", "pessimism"]);
        let labels: Vec<_> = rows.iter().map(ec_label).collect();
        assert_eq!(
            labels,
            [
                Some(Label::Optimistic),
                Some(Label::Pessimistic),
                Some(Label::Neutral),
                None
            ]
        );
    }

    #[test]
    fn semeval_errors_name_the_line() {
        let f = file("ID\tTweet\tjoy\nx\ttext\t2\n");
        let err = read_semeval_ec(f.path()).unwrap_err().to_string();
        assert!(err.contains(":2:") && err.contains("joy"), "{err}");
        let f = file("ID\tTweet\tjoy\nx\ttext\n");
        assert!(read_semeval_ec(f.path()).is_err());
    }

    #[test]
    fn goemotions_parses_multi_labels() {
        let f = file("so glad\t17,20\tid1\njust a fact\t27\tid2\nugh\t2,17\tid3\n");
        let rows = read_goemotions(f.path()).unwrap();
        assert_eq!(rows[0].labels, [17, 20]);
        assert_eq!(go_label(&rows[0]), Some(Label::Optimistic));
        assert_eq!(go_label(&rows[1]), Some(Label::Neutral));
        assert_eq!(go_label(&rows[2]), None);
        let bad = file("x\t99\tid\n");
        assert!(read_goemotions(bad.path())
            .unwrap_err()
            .to_string()
            .contains("99"));
    }

    #[test]
    fn newsmtsc_keeps_every_target_polarity() {
        let f = file(concat!(
            r#"{"primary_gid":"a","sentence_normalized":"X praised Y.","targets":[{"polarity":6.0,"from":0,"to":1},{"polarity":6.0}]}"#,
            "\n",
            r#"{"primary_gid":"b","sentence_normalized":"X and Y.","targets":[{"polarity":2.0},{"polarity":4.0}]}"#,
            "\n"
        ));
        let rows = read_newsmtsc(f.path()).unwrap();
        assert_eq!(rows[0].polarities, [6.0, 6.0]);
        assert_eq!(mtsc_label(&rows[0]), Some(Label::Optimistic));
        assert_eq!(mtsc_label(&rows[1]), None);
        let bad = file("{\"primary_gid\": 3}\n");
        assert!(matches!(
            read_newsmtsc(bad.path()),
            Err(DataError::Json { line: 1, .. })
        ));
    }

    #[test]
    fn news_quotes_and_emobank_parse() {
        let f = file("label\tkind\tsplit\ttext\nneutral\tdirect\tdev\t“Tabs\tinside” stay\n");
        let q = read_news_quotes(f.path()).unwrap();
        assert_eq!(q[0].label, Label::Neutral);
        assert_eq!(q[0].text, "“Tabs\tinside” stay");
        let bad = file("label\tkind\tsplit\ttext\nhopeful\tdirect\tdev\tx\n");
        assert!(read_news_quotes(bad.path())
            .unwrap_err()
            .to_string()
            .contains("hopeful"));

        let f = file(
            "id,split,V,A,D,text,category\r\n\
             a,train,3.8,3.0,3.2,\"Good, \"\"very\"\" good\",blog\r\n\
             b,dev,3.0,2.9,3.0,Talks resume Monday,newspaper\r\n\
             c,dev,3.0,2.9,3.0,Hmm,fiction\r\n",
        );
        let e = read_emobank(f.path()).unwrap();
        assert_eq!(e[0].text, "Good, \"very\" good");
        assert_eq!(emobank_label(&e[0]), Some(Label::Optimistic));
        assert_eq!(emobank_label(&e[1]), Some(Label::Neutral));
        assert_eq!(emobank_label(&e[2]), None);
    }

    #[test]
    fn labelled_tsv_parses_and_errors_name_the_line() {
        let p = Path::new("x.tsv");
        let rows = parse_labelled_tsv(
            "optimistic\tWe got there.\n\nneutral\tTalks resume Monday.\n",
            p,
        )
        .unwrap();
        assert_eq!(
            rows,
            vec![
                (Label::Optimistic, "We got there.".to_string()),
                (Label::Neutral, "Talks resume Monday.".to_string())
            ]
        );
        let e = parse_labelled_tsv("neutral\tok\nhopeful\tno\n", p).unwrap_err();
        assert_eq!(e.to_string(), "x.tsv:2: unknown label \"hopeful\"");
        let e = parse_labelled_tsv("neutral no tab\n", p).unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:1: "), "{e}");
        assert!(parse_labelled_tsv("neutral\ta\tb\n", p).is_err());
    }

    /// The compiled-in diplomatic sets parse, are balanced, do not share a
    /// statement, and keep issue 4's check sentences held out: neither set
    /// may contain them or their key word pairs.
    #[test]
    fn diplomatic_sets_are_balanced_disjoint_and_keep_the_checks_out() {
        let train = parse_labelled_tsv(DIPLOMATIC_TRAIN, Path::new(DIPLOMATIC_TRAIN_PATH)).unwrap();
        let held =
            parse_labelled_tsv(DIPLOMATIC_HELDOUT, Path::new(DIPLOMATIC_HELDOUT_PATH)).unwrap();
        for (rows, per_class) in [(&train, 270), (&held, 90)] {
            for l in Label::ALL {
                assert_eq!(rows.iter().filter(|(x, _)| *x == l).count(), per_class);
            }
        }
        let seen: std::collections::HashSet<String> =
            train.iter().map(|(_, t)| t.to_lowercase()).collect();
        assert!(held.iter().all(|(_, t)| !seen.contains(&t.to_lowercase())));
        for (_, t) in train.iter().chain(&held) {
            let t = t.to_lowercase();
            let hardship = ["difficult", "hard", "tough"].iter().any(|w| t.contains(w));
            assert!(!(hardship && t.contains("constructive")), "{t}");
            assert!(
                !t.contains("good end") && !t.contains("took place in geneva"),
                "{t}"
            );
        }
    }

    #[test]
    fn real_file_heads_parse() {
        // Skipped quietly where the shared data is not checked out.
        if let Some(f) = real_head("semeval2018-ec/E-c-En-dev.txt", 6) {
            let rows = read_semeval_ec(f.path()).unwrap();
            assert_eq!(rows.len(), 5);
            assert!(rows.iter().all(|r| !r.text.is_empty()));
        }
        if let Some(f) = real_head("goemotions/dev.tsv", 5) {
            assert_eq!(read_goemotions(f.path()).unwrap().len(), 5);
        }
        if let Some(f) = real_head("newsmtsc/devtest_mt.jsonl", 5) {
            assert_eq!(read_newsmtsc(f.path()).unwrap().len(), 5);
        }
        if let Some(f) = real_head("news-quotes/polnear-quotes-labelled.tsv", 6) {
            assert_eq!(read_news_quotes(f.path()).unwrap().len(), 5);
        }
        if let Some(f) = real_head("emobank/emobank-train-dev.csv", 6) {
            let rows = read_emobank(f.path()).unwrap();
            assert_eq!(rows.len(), 5);
            assert!(rows.iter().all(|r| (1.0..=5.0).contains(&r.v)));
        }
    }
}
