//! Interrupted runs lose nothing: kill `analyze` midway, `--resume`, and the
//! reports equal those of an uninterrupted run.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quotesent"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A batch big enough to take a few seconds with the fake scorer.
fn write_batch(path: &Path, n: usize) {
    let speakers = [
        (
            "Zelensky",
            "We will keep talking, and the exchange is a good step.",
        ),
        ("Putin", "The talks are useful, but the threat remains."),
        (
            "Erdogan",
            "Turkey is ready to host the next round of peace talks.",
        ),
    ];
    let mut out = String::new();
    for i in 0..n {
        let (who, said) = speakers[i % speakers.len()];
        let text = format!(
            "Delegations met on day {i}.\n\n“{said}” {who} said on day {i}. \
             {who} said that the meeting number {i} was constructive."
        );
        out.push_str(
            &serde_json::json!({"id": format!("a{i}"), "date": "2025-05-16", "text": text})
                .to_string(),
        );
        out.push('\n');
    }
    fs::write(path, out).unwrap();
}

fn analyze(input: &Path, out: &Path, resume: bool) -> Command {
    let mut c = bin();
    c.args([
        "analyze",
        input.to_str().unwrap(),
        "--sides",
        "fixtures/sides.toml",
        "--out",
        out.to_str().unwrap(),
        "--scorer",
        "fake",
        "--quiet",
    ]);
    if resume {
        c.arg("--resume");
    }
    c
}

/// Waits until the run has journaled some articles (or ended).
fn wait_for_journal(child: &mut std::process::Child, journal: &Path) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(60) {
        let lines = fs::read_to_string(journal)
            .map(|s| s.lines().count())
            .unwrap_or(0);
        if lines > 0 || child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

const TABLES: [&str; 6] = [
    "quotes.csv",
    "speakers.csv",
    "sides.csv",
    "comparison.csv",
    "articles.csv",
    "timeline.csv",
];

#[test]
fn killed_run_resumes_to_the_same_reports() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    write_batch(&input, 6000);

    let whole = dir.path().join("whole");
    let o = analyze(&input, &whole, false).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Kill a second run as soon as its journal has some articles.
    let part = dir.path().join("part");
    let mut child = analyze(&input, &part, false)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = part.join("journal.jsonl");
    wait_for_journal(&mut child, &journal);
    let _ = child.kill();
    let _ = child.wait();
    let done_before = fs::read_to_string(&journal).unwrap().lines().count();
    assert!(done_before > 0, "the journal was written as the run went");

    let o = analyze(&input, &part, true).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in TABLES {
        assert_eq!(
            fs::read_to_string(whole.join(f)).unwrap(),
            fs::read_to_string(part.join(f)).unwrap(),
            "{f} differs after resume (killed at {done_before} articles)"
        );
    }
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(part.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["run"]["articles_read"], 6000);
    assert!(summary["run"]["articles_resumed"].as_u64().unwrap() >= done_before as u64 - 1);
}

/// Ctrl-C (SIGINT) ends the run cleanly: exit 130, a whole journal, and
/// `--resume` finishes it to the same reports.
#[test]
fn ctrl_c_stops_cleanly_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    write_batch(&input, 6000);
    let whole = dir.path().join("whole");
    let o = analyze(&input, &whole, false).output().unwrap();
    assert!(o.status.success());

    let part = dir.path().join("part");
    let mut child = analyze(&input, &part, false)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let journal = part.join("journal.jsonl");
    wait_for_journal(&mut child, &journal);
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let o = child.wait_with_output().unwrap();
    let code = o.status.code();
    // Either it stopped on the signal (130) or had already finished (0).
    assert!(matches!(code, Some(130) | Some(0)), "{code:?}");
    if code == Some(130) {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--resume"), "{err}");
        // Every journal line is whole.
        for line in fs::read_to_string(&journal).unwrap().lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("whole journal line");
        }
    }
    let o = analyze(&input, &part, true).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in TABLES {
        assert_eq!(
            fs::read_to_string(whole.join(f)).unwrap(),
            fs::read_to_string(part.join(f)).unwrap(),
            "{f} differs after Ctrl-C and resume"
        );
    }
}
