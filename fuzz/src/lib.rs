//! The invariant checks behind every fuzz target, shared with the property
//! tests.
//!
//! Each `check_*` function runs one slice of the library on arbitrary input
//! and panics (with a message naming the broken invariant) when an output
//! breaks a promise of the public types: spans inside the text, on char
//! boundaries, not reversed; quotes not overlapping their own cue; one
//! attribution per quote; the same output twice for the same input; every
//! input problem naming its file and (for jsonl) its line. The fuzz targets
//! in `fuzz_targets/` are one-line wrappers around these functions, and
//! `tests/it/props.rs` includes this very file (`#[path]`), so libFuzzer
//! (with nightly) and proptest (on stable, in every `cargo test`) exercise
//! exactly the same assertions.

use quotesent::attribute::{Attributor, RuleAttributor};
use quotesent::input::{read_bytes, Format, InputEvent, InputOptions};
use quotesent::pipeline::Extractor;
use quotesent::quote::{HybridQuoteFinder, QuoteFinder};
use quotesent::segment::{RuleSegmenter, Segmenter};
use quotesent::sides::Sides;
use quotesent::{Article, Origin, Span};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The bundled sides file, so side resolution runs with real members and cues.
pub const SIDES_TOML: &str = include_str!("../../fixtures/sides.toml");

/// The formats every byte string is read as.
pub const FORMATS: [Format; 4] = [Format::Text, Format::Markdown, Format::Jsonl, Format::Html];

/// The file name the readers are told they are reading, per format.
pub fn file_name(format: Format) -> &'static str {
    match format {
        Format::Text => "fuzz.txt",
        Format::Markdown => "fuzz.md",
        Format::Jsonl => "fuzz.jsonl",
        Format::Html => "fuzz.html",
    }
}

/// One extractor for the whole process: building it parses the sides file
/// and the word lists, which would otherwise dominate each fuzz execution.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let sides = Sides::from_toml_str(SIDES_TOML, "fixtures/sides.toml")
            .expect("the bundled sides file is valid");
        Extractor::new(sides)
    })
}

/// Panics unless `span` is a well-formed span of `text`.
#[track_caller]
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end,
        "{what} span {span} is reversed (text len {})",
        text.len()
    );
    assert!(
        span.end <= text.len(),
        "{what} span {span} runs past the text (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span} is not on char boundaries"
    );
}

/// Runs segment → quote → attribute → [`Extractor::extract`] on `text`,
/// checking every span the stages return, and returns the records'
/// serialised form (for determinism checks).
pub fn check_text(text: &str) -> String {
    let seg = RuleSegmenter::default().segment(text);
    for p in &seg.paragraphs {
        assert_span(text, *p, "paragraph");
    }
    for w in seg.paragraphs.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "paragraphs {} and {} overlap or are out of order",
            w[0],
            w[1]
        );
    }
    for s in &seg.sentences {
        assert_span(text, s.span, "sentence");
        let para = seg.paragraphs.get(s.paragraph).unwrap_or_else(|| {
            panic!(
                "sentence {} points at paragraph {} of {}",
                s.span,
                s.paragraph,
                seg.paragraphs.len()
            )
        });
        assert!(
            para.contains(s.span),
            "sentence {} lies outside its paragraph {para}",
            s.span
        );
    }
    for w in seg.sentences.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "sentences {} and {} overlap or are out of order",
            w[0].span,
            w[1].span
        );
    }

    let quotes = HybridQuoteFinder::default().find(text, &seg);
    for q in &quotes {
        assert!(!q.spans.is_empty(), "a quote without spans: {q:?}");
        for s in &q.spans {
            assert_span(text, *s, "quote");
        }
        if let Some(cue) = q.cue {
            assert_span(text, cue, "quote cue");
            for s in &q.spans {
                assert!(
                    !s.overlaps(cue),
                    "quote span {s} overlaps its own cue {cue} ({:?} / {:?})",
                    s.slice(text),
                    cue.slice(text)
                );
            }
        }
        if let Some(m) = q.mention {
            assert_span(text, m, "quote mention");
        }
    }

    let attributions = RuleAttributor::default().attribute(text, &seg, &quotes);
    assert_eq!(
        attributions.len(),
        quotes.len(),
        "one attribution per quote"
    );
    for (a, q) in attributions.iter().zip(&quotes) {
        if let Some(m) = a.mention {
            assert_span(text, m, "speaker mention");
        }
        if let Some(cue) = a.cue {
            assert_span(text, cue, "attribution cue");
            for s in &q.spans {
                assert!(
                    !s.overlaps(cue),
                    "quote span {s} overlaps its attribution cue {cue} ({:?} / {:?})",
                    s.slice(text),
                    cue.slice(text)
                );
            }
        }
        for e in &a.evidence {
            assert_span(text, *e, "speaker evidence");
        }
    }

    let article = Article {
        id: "fuzz".into(),
        text: text.to_string(),
        ..Article::default()
    };
    let records = extractor().extract(&article);
    assert_eq!(records.len(), quotes.len(), "one record per quote");
    let chars = text.chars().count();
    let mut out = String::new();
    for r in &records {
        assert!(
            r.start <= r.end && r.end <= chars,
            "record {} offsets {}..{} outside 0..{chars}",
            r.quote_id,
            r.start,
            r.end
        );
        for pair in [(r.speaker_start, r.speaker_end), (r.cue_start, r.cue_end)] {
            if let (Some(a), Some(b)) = pair {
                assert!(
                    a <= b && b <= chars,
                    "record {} offsets {a}..{b} outside 0..{chars}",
                    r.quote_id
                );
            }
        }
        for [a, b] in &r.spans {
            assert!(a <= b && *b <= chars, "record piece {a}..{b} outside");
        }
        out.push_str(&serde_json::to_string(r).expect("records serialise"));
        out.push('\n');
    }
    out
}

/// [`check_text`] twice on the same input: the outputs must be equal.
pub fn check_text_deterministic(text: &str) {
    let a = check_text(text);
    let b = check_text(text);
    assert_eq!(a, b, "same text, different records");
}

/// Reads `bytes` as every format; every problem must name the file (and,
/// for jsonl, a line), and every article's text must pass [`check_text`]
/// when `deep` is set.
pub fn check_readers(bytes: &[u8], deep: bool) {
    let opts = InputOptions::default();
    for format in FORMATS {
        let name = file_name(format);
        let origin = Origin {
            path: Some(PathBuf::from(name)),
            line: None,
        };
        for event in read_bytes(bytes.to_vec(), format, &origin, &opts) {
            match event {
                InputEvent::Article(a) => {
                    assert!(
                        !a.text.trim().is_empty(),
                        "{format:?}: an article with blank text"
                    );
                    assert_eq!(a.origin.path.as_deref(), origin.path.as_deref());
                    if format == Format::Jsonl {
                        assert!(a.origin.line.is_some(), "jsonl article without a line");
                    }
                    if deep {
                        check_text(&a.text);
                    }
                }
                InputEvent::Warning(e) | InputEvent::Skipped(e) => {
                    let msg = e.to_string();
                    assert!(
                        msg.contains(name),
                        "{format:?}: message without file: {msg}"
                    );
                    let o = e.origin().expect("read problems carry their origin");
                    // Whole-file verdicts (binary, empty, UTF-16) have no
                    // line; everything about one jsonl line names it.
                    let whole_file = matches!(e.reason(), "utf-16" | "empty" | "binary");
                    if format == Format::Jsonl && !whole_file {
                        assert!(o.line.is_some(), "jsonl problem without a line: {msg}");
                    }
                    assert!(!e.reason().is_empty());
                }
            }
        }
    }
}

/// Parses `src` as a sides file: it may fail, but never panic, and a failure
/// names the file.
pub fn check_sides(src: &str) {
    match Sides::from_toml_str(src, "fuzz-sides.toml") {
        Ok(sides) => {
            assert!(!sides.sides().is_empty(), "a valid sides file has a side");
            for side in sides.sides() {
                assert!(sides.side_named(&side.name).is_some());
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("fuzz-sides.toml"), "error without file: {msg}");
        }
    }
}
