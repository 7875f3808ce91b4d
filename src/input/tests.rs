//! Tests of [`open`] and [`Inputs`] over real files: directory walking,
//! ordering, id de-duplication and every kind of bad input, each message
//! checked for the path (and line, and field) it must name.

use super::*;
use std::path::Path;
use tempfile::TempDir;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn read_all(inputs: &[PathBuf]) -> Vec<InputEvent> {
    open(inputs, &InputOptions::default()).unwrap().collect()
}

fn articles(events: &[InputEvent]) -> Vec<&Article> {
    events
        .iter()
        .filter_map(|e| match e {
            InputEvent::Article(a) => Some(a),
            _ => None,
        })
        .collect()
}

fn messages(events: &[InputEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            InputEvent::Warning(w) => Some(format!("W {w}")),
            InputEvent::Skipped(s) => Some(format!("S {s}")),
            InputEvent::Article(_) => None,
        })
        .collect()
}

#[test]
fn missing_input_is_an_error_naming_it() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope.txt");
    let err = open(std::slice::from_ref(&missing), &InputOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or directory", missing.display())
    );
    assert_eq!(err.reason(), "not found");
}

#[test]
fn directory_walk_is_recursive_sorted_and_skips_hidden_and_unknown() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "b.txt", b"B text");
    write(d, "a/z.MD", b"# Z\nz text");
    write(d, "a/y.htm", b"<p>y text</p>");
    write(d, "c.ndjson", b"{\"id\":\"c1\",\"text\":\"c text\"}\n");
    write(d, "notes.pdf", b"%PDF junk");
    write(d, "image.png", b"\x89PNG\x00\x00");
    write(d, ".hidden.txt", b"hidden");
    write(d, ".git/x.txt", b"hidden dir");
    write(d, "page.markdown", b"m text");
    let inputs = open(&[d.to_path_buf()], &InputOptions::default()).unwrap();
    assert_eq!(inputs.file_count(), 5);
    let events: Vec<_> = inputs.collect();
    assert!(messages(&events).is_empty(), "{:?}", messages(&events));
    let ids: Vec<_> = articles(&events).iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids, ["y", "z", "b", "c1", "page"]);
    let z = articles(&events)[1];
    assert_eq!(z.title.as_deref(), Some("Z"));
    assert_eq!(z.origin.path.as_deref(), Some(d.join("a/z.MD").as_path()));
}

#[test]
fn explicit_files_keep_their_order_and_unknown_extensions_are_text() {
    let dir = TempDir::new().unwrap();
    let notes = write(dir.path(), "notes.log", b"Heading\n\nA log line.");
    let story = write(dir.path(), "a.txt", b"Story.");
    let hidden = write(dir.path(), ".secret", b"Named explicitly, so read.");
    let events = read_all(&[notes, story, hidden]);
    let got: Vec<_> = articles(&events)
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("notes".to_string(), Some("Heading".to_string())),
            ("a".to_string(), None),
            (".secret".to_string(), None),
        ]
    );
}

#[test]
fn duplicate_ids_are_renamed_with_a_warning_naming_both_places() {
    let dir = TempDir::new().unwrap();
    let jsonl = write(
        dir.path(),
        "feed.jsonl",
        b"{\"id\":\"x\",\"text\":\"one\"}\n{\"id\":\"x\",\"text\":\"two\"}\n{\"id\":\"x#2\",\"text\":\"three\"}\n{\"id\":\"x\",\"text\":\"four\"}\n",
    );
    let txt = write(dir.path(), "sub/x.txt", b"five");
    let events = read_all(&[jsonl.clone(), txt.clone()]);
    let ids: Vec<_> = articles(&events).iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids, ["x", "x#2", "x#2#2", "x#3", "x#4"]);
    let texts: Vec<_> = articles(&events).iter().map(|a| a.text.clone()).collect();
    assert_eq!(texts, ["one", "two", "three", "four", "five"]);
    let j = jsonl.display();
    assert_eq!(
        messages(&events),
        [
            format!("W {j}:2: warning: duplicate id `x` (first seen at {j}:1), renamed to `x#2`"),
            format!(
                "W {j}:3: warning: duplicate id `x#2` (first seen at {j}:2), renamed to `x#2#2`"
            ),
            format!("W {j}:4: warning: duplicate id `x` (first seen at {j}:1), renamed to `x#3`"),
            format!(
                "W {}: warning: duplicate id `x` (first seen at {j}:1), renamed to `x#4`",
                txt.display()
            ),
        ]
    );
    // The warning comes just before the renamed article.
    assert!(matches!(events[1], InputEvent::Warning(_)));
    assert!(matches!(&events[2], InputEvent::Article(a) if a.id == "x#2"));
}

#[test]
fn bad_files_are_skipped_or_repaired_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let empty = write(d, "1-empty.txt", b"");
    let blank = write(d, "2-blank.md", b" \r\n\t\n");
    let binary = write(d, "3-binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00junk");
    let latin1 = write(d, "4-latin1.txt", b"Caf\xe9 talks\n\nThey said \"oui.\"");
    let mut utf16 = vec![0xFE, 0xFF];
    for u in "Wide title\r\n\r\nBody “quoted.”".encode_utf16() {
        utf16.extend(u.to_be_bytes());
    }
    let wide = write(d, "5-utf16.txt", &utf16);
    let html = write(d, "6-scripts.html", b"<script>x()</script><nav>menu</nav>");
    let jsonl = write(d, "7-feed.jsonl", b"not json\n{\"text\":\"ok\"}\n");
    let crlf = write(
        d,
        "8-crlf.txt",
        b"\xEF\xBB\xBFTitle\r\n\r\nLine one.\r\nLine two.\r\n",
    );
    let events = read_all(&[d.to_path_buf()]);
    let p = |path: &PathBuf| path.display().to_string();
    let msgs = messages(&events);
    assert_eq!(msgs.len(), 7, "{msgs:?}");
    assert_eq!(msgs[0], format!("S {}: skipped: empty", p(&empty)));
    assert_eq!(msgs[1], format!("S {}: skipped: empty", p(&blank)));
    assert!(msgs[2].starts_with(&format!("S {}: skipped: binary", p(&binary))));
    assert_eq!(
        msgs[3],
        format!(
            "W {}: warning: invalid UTF-8, 1 byte sequence(s) replaced with U+FFFD",
            p(&latin1)
        )
    );
    assert_eq!(
        msgs[4],
        format!(
            "W {}: warning: decoded from UTF-16BE (byte order mark)",
            p(&wide)
        )
    );
    assert_eq!(
        msgs[5],
        format!(
            "S {}: skipped: empty (no article text in the HTML)",
            p(&html)
        )
    );
    assert!(msgs[6].starts_with(&format!("S {}:1: skipped: malformed JSON: ", p(&jsonl))));

    let arts = articles(&events);
    let ids: Vec<_> = arts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["4-latin1", "5-utf16", "7-feed:2", "8-crlf"]);
    assert_eq!(arts[0].text, "Caf\u{fffd} talks\n\nThey said \"oui.\"");
    assert_eq!(arts[0].title.as_deref(), Some("Caf\u{fffd} talks"));
    assert_eq!(arts[1].text, "Wide title\r\n\r\nBody “quoted.”");
    assert_eq!(arts[1].title.as_deref(), Some("Wide title"));
    assert_eq!(
        arts[3].text,
        "\u{feff}Title\r\n\r\nLine one.\r\nLine two.\r\n"
    );
    assert_eq!(arts[3].title.as_deref(), Some("Title"));
    assert_eq!(arts[3].origin.path.as_ref(), Some(&crlf));

    let reasons: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            InputEvent::Skipped(s) => Some(s.reason()),
            _ => None,
        })
        .collect();
    assert_eq!(
        reasons,
        ["empty", "empty", "binary", "empty", "malformed json"]
    );
}

#[test]
fn custom_jsonl_fields_through_open() {
    let dir = TempDir::new().unwrap();
    let feed = write(
        dir.path(),
        "f.jsonl",
        b"{\"doc_id\":7,\"body\":\"B\",\"headline\":\"H\"}\n",
    );
    let opts = InputOptions {
        fields: JsonlFields {
            id: "doc_id".into(),
            text: "body".into(),
            title: "headline".into(),
            ..JsonlFields::default()
        },
    };
    let events: Vec<_> = open(&[feed], &opts).unwrap().collect();
    let a = articles(&events)[0];
    assert_eq!(
        (a.id.as_str(), a.title.as_deref(), a.text.as_str()),
        ("7", Some("H"), "B")
    );
}

#[test]
fn jsonl_is_streamed_lazily() {
    let dir = TempDir::new().unwrap();
    let mut data = Vec::new();
    for i in 0..1000 {
        data.extend(format!("{{\"id\":{i},\"text\":\"t{i}\"}}\n").into_bytes());
    }
    let feed = write(dir.path(), "big.jsonl", &data);
    let mut inputs = open(&[feed], &InputOptions::default()).unwrap();
    assert!(matches!(inputs.next(), Some(InputEvent::Article(a)) if a.id == "0"));
    // Only the first line has been parsed: nothing else is queued.
    assert!(inputs.pending.is_empty() && inputs.scratch.is_empty());
    assert_eq!(inputs.count(), 999);
}

#[test]
fn inputs_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Inputs>();
    assert_send::<InputEvent>();
}

#[test]
fn read_bytes_matches_the_file_readers() {
    let origin = Origin {
        path: Some(PathBuf::from("mem.md")),
        line: None,
    };
    let events = read_bytes(
        b"# T\nbody".to_vec(),
        Format::Markdown,
        &origin,
        &InputOptions::default(),
    );
    assert_eq!(articles(&events)[0].title.as_deref(), Some("T"));
    let events = read_bytes(
        b"\x00\x01".to_vec(),
        Format::Html,
        &origin,
        &InputOptions::default(),
    );
    assert_eq!(
        messages(&events)[0],
        "S mem.md: skipped: binary (not a text file; UTF-16 needs a byte order mark)"
    );
    assert_eq!(Format::from_extension("HTM"), Some(Format::Html));
    assert_eq!(Format::of_path(Path::new("x.tar.gz")), None);
}

#[test]
fn the_fixture_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/input");
    let events = read_all(std::slice::from_ref(&root));
    let arts = articles(&events);
    let summary: Vec<_> = arts
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.title.as_deref(),
                a.date.as_deref(),
                a.source.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "briefing",
                Some("Briefing: what the delegations said"),
                Some("2024-05-17"),
                Some("Fixture Wire")
            ),
            (
                "page",
                Some("Kyslytsya: a good end"),
                Some("2024-05-16T18:00:00Z"),
                Some("Fixture News")
            ),
            (
                "talks",
                Some("Talks end in Istanbul with a prisoner swap"),
                Some("2024-05-16"),
                None
            ),
            (
                "w1",
                Some("Medinsky satisfied"),
                Some("2024-05-16"),
                Some("Wire")
            ),
            ("2", None, None, None),
            ("w1#2", None, None, None),
        ]
    );
    assert_eq!(arts[1].url.as_deref(), Some("https://example.org/page"));
    assert_eq!(
        arts[1].text,
        "“It was a very good end to a very difficult day,” Kyslytsya said.\n\nTalks may resume & continue next month."
    );
    assert_eq!(
        arts[2].text,
        fs::read_to_string(root.join("talks.txt")).unwrap()
    );
    let jsonl = root.join("wire.jsonl").display().to_string();
    assert_eq!(
        messages(&events),
        [
            format!("W {jsonl}:4: warning: duplicate id `w1` (first seen at {jsonl}:1), renamed to `w1#2`"),
            format!("S {jsonl}:5: skipped: missing field `text`"),
        ]
    );
}

/// Times every reader on 5 MB and 50 MB single-line inputs (and deep HTML)
/// and checks the growth is linear. Slow in debug builds, so run it with
/// `cargo test --release --lib input::tests::linear_time -- --ignored --nocapture`.
#[test]
#[ignore]
fn linear_time_on_huge_single_lines_and_deep_html() {
    let dir = TempDir::new().unwrap();
    let timed = |path: &PathBuf| {
        let start = std::time::Instant::now();
        let events = read_all(std::slice::from_ref(path));
        let secs = start.elapsed().as_secs_f64();
        assert!(
            matches!(events.last(), Some(InputEvent::Article(_))),
            "{:?}",
            messages(&events)
        );
        secs
    };
    let sizes = [5usize << 20, 50 << 20];
    type Make = fn(usize) -> Vec<u8>;
    let makers: [(&str, Make); 4] = [
        ("txt", |n| {
            "He said “so” and left. ".repeat(n / 26).into_bytes()
        }),
        ("jsonl", |n| {
            let text = "He said “so” and left. ".repeat(n / 26);
            serde_json::json!({ "id": "big", "text": text })
                .to_string()
                .into_bytes()
        }),
        ("html", |n| {
            format!(
                "<p>{}</p>",
                "He said “so” &amp; left. <b>x</b> ".repeat(n / 40)
            )
            .into_bytes()
        }),
        ("htm", |n| {
            let depth = n / 11;
            format!("{}text{}", "<div>".repeat(depth), "</div>".repeat(depth)).into_bytes()
        }),
    ];
    for (ext, make) in makers {
        let mut secs = Vec::new();
        for n in sizes {
            let path = write(dir.path(), &format!("big-{n}.{ext}"), &make(n));
            secs.push(timed(&path));
        }
        let mb = |n: usize, s: f64| n as f64 / (1 << 20) as f64 / s;
        println!(
            "{ext:6} 5 MB: {:.3}s ({:.0} MB/s)  50 MB: {:.3}s ({:.0} MB/s)  ratio {:.1}",
            secs[0],
            mb(sizes[0], secs[0]),
            secs[1],
            mb(sizes[1], secs[1]),
            secs[1] / secs[0]
        );
        // Tiny timings are noise (page faults): compare from 50 ms up.
        assert!(
            secs[1] < 20.0 * secs[0].max(0.05),
            "{ext}: not linear: {secs:?}"
        );
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn origin() -> Origin {
        Origin {
            path: Some(PathBuf::from("p.bin")),
            line: None,
        }
    }

    /// Bytes that look like the formats' syntax, so the readers' branches
    /// are reached, mixed with arbitrary bytes.
    fn soup() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<article>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<br/>",
            "<meta property=\"og:title\" content=\"",
            "\"",
            "'",
            ">",
            "&amp;",
            "{",
            "}",
            "\"text\":",
            "\"id\":",
            ":",
            ",",
            "\n",
            "\r\n",
            "---\n",
            "# ",
            "2024-05-16",
            "“",
            "”",
            " ",
            "word",
            "\u{feff}",
        ]);
        prop::collection::vec(
            prop_oneof![
                pieces.prop_map(|s| s.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..4),
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn readers_never_panic_and_articles_are_sound(bytes in soup()) {
            for format in [Format::Text, Format::Markdown, Format::Jsonl, Format::Html] {
                let events = read_bytes(bytes.clone(), format, &origin(), &InputOptions::default());
                prop_assert!(!events.is_empty());
                for e in &events {
                    match e {
                        InputEvent::Article(a) => {
                            prop_assert!(!decode::is_blank(&a.text));
                            prop_assert!(!a.id.is_empty());
                            if matches!(format, Format::Text | Format::Markdown) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF]) {
                                prop_assert_eq!(&a.text, &String::from_utf8_lossy(&bytes).into_owned());
                            }
                        }
                        InputEvent::Warning(w) | InputEvent::Skipped(w) => {
                            prop_assert!(w.to_string().starts_with("p.bin"), "{}", w);
                        }
                    }
                }
            }
        }
    }
}
