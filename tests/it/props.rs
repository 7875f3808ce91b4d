//! Property tests for the text path and the readers, and the replay of every
//! saved fuzz input.
//!
//! The assertions live in `fuzz/src/lib.rs` (included here as [`checks`]) so
//! the libFuzzer targets and these tests enforce one set of invariants:
//! spans inside the text on char boundaries, quotes clear of their own cue,
//! one attribution per quote, deterministic output. Random unicode alone
//! rarely forms a quote, so the main strategy writes *news-like* text: words,
//! names, cue verbs, every kind of quote mark (" “ ” ‘ ’ « » „ ' and the
//! doubled apostrophe), apostrophes inside words, paragraph breaks and CRLF,
//! plus templated `“…,” Name said.` sentences and a sprinkle of zero-width
//! and bidi characters. Case counts stay modest (`PROPTEST_CASES` raises
//! them) so the whole module runs in seconds in release.

#[path = "../../fuzz/src/lib.rs"]
pub(crate) mod checks;

use proptest::prelude::*;
use proptest::sample::select;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "the",
    "talks",
    "ceasefire",
    "in",
    "Istanbul",
    "on",
    "Monday",
    "a",
    "deal",
    "was",
    "not",
    "reached",
    "and",
    "but",
    "we",
    "they",
    "will",
    "never",
    "peace",
    "is",
    "possible",
    "today",
    "Ukraine's",
    "Russia's",
    "don't",
    "it's",
    "officials",
    "delegation",
    "prisoners",
    "exchange",
    "1,000",
    "2024-05-16",
    "U.S.",
    "Mr.",
    "Dr.",
    "e.g.",
    "St.",
    "No.",
    "(AP)",
    "—",
    "–",
    "-",
    "…",
    "%",
    "$5",
    "#1",
    "@user",
    "<b>",
    "&amp;",
];

const NAMES: &[&str] = &[
    "Sergei Lavrov",
    "Lavrov",
    "Volodymyr Zelensky",
    "Zelenskyy",
    "Rustem Umerov",
    "Umerov",
    "Kremlin spokesman Dmitry Peskov",
    "Peskov",
    "Turkish Foreign Minister Hakan Fidan",
    "he",
    "she",
    "they",
    "He",
    "She",
    "officials",
    "a senior official",
    "the ministry",
    "O'Brien",
    "Jean-Luc Picard",
];

const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "warned",
    "stressed",
    "according to",
    "said that",
    "emphasized the need for",
    "insisted",
    "wrote on Telegram",
];

const MARKS: &[&str] = &[
    "\"", "“", "”", "‘", "’", "«", "»", "„", "‚", "'", "''", "‹", "›", "「", "」", "\"\"", "“”",
];

const PUNCT: &[&str] = &[
    ".", ",", "!", "?", ":", ";", "…", ".”", ",”", ",\"", ".\"", "?’",
];

const BREAKS: &[&str] = &["\n\n", "\n", "\r\n", "\r\n\r\n", "\n \n", "\t", "  "];

/// Characters that look like nothing but are not whitespace to Rust.
const INVISIBLE: &[&str] = &[
    "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{202e}", "\u{202a}", "\u{202c}",
    "\u{2066}", "\u{2069}", "\u{200e}", "\u{200f}", "\u{00ad}", "\u{0301}",
];

const OPEN_CLOSE: &[(&str, &str)] = &[
    ("“", "”"),
    ("\"", "\""),
    ("«", "»"),
    ("„", "“"),
    ("‘", "’"),
    ("'", "'"),
    ("«", "»"),
    ("‹", "›"),
    ("''", "''"),
];

/// A few words of quotable speech.
fn speech() -> impl Strategy<Value = String> {
    prop::collection::vec(select(WORDS), 1..12).prop_map(|w| w.join(" "))
}

/// `“speech,” Name said.` in its common shapes.
fn quoted_sentence() -> impl Strategy<Value = String> {
    (
        select(OPEN_CLOSE),
        speech(),
        select(NAMES),
        select(CUES),
        speech(),
        0..4u8,
    )
        .prop_map(|((open, close), s, name, cue, s2, shape)| match shape {
            0 => format!("{open}{s},{close} {name} {cue}."),
            1 => format!("{name} {cue}: {open}{s}.{close}"),
            2 => format!("{open}{s},{close} {name} {cue}. {open}{s2}.{close}"),
            _ => format!("{name} {cue} the {open}{s}{close} was over."),
        })
}

/// One piece of news-like text.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => select(WORDS).prop_map(str::to_string),
        3 => select(NAMES).prop_map(str::to_string),
        3 => select(CUES).prop_map(str::to_string),
        4 => select(MARKS).prop_map(str::to_string),
        3 => select(PUNCT).prop_map(str::to_string),
        2 => select(BREAKS).prop_map(str::to_string),
        4 => quoted_sentence(),
        1 => select(INVISIBLE).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// News-like text: tokens, mostly space-separated, sometimes glued.
fn news() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::bool::weighted(0.8)), 0..60).prop_map(|parts| {
        let mut out = String::new();
        for (t, space) in parts {
            out.push_str(&t);
            if space {
                out.push(' ');
            }
        }
        out
    })
}

/// Whitespace only, including the Unicode spaces news sites paste in.
fn blank() -> impl Strategy<Value = String> {
    prop::collection::vec(
        select(
            &[
                " ", "\t", "\n", "\r\n", "\r", "\u{a0}", "\u{2003}", "\u{2009}", "\u{3000}",
                "\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}",
            ][..],
        ),
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// Texts with "according to" directly followed by a comma, which once gave a
/// reversed mention span in `RuleQuoteFinder::according` (found by this
/// file's properties; fixed, kept as a regression test below).
fn hits_according_comma(text: &str) -> bool {
    text.match_indices("according to")
        .any(|(i, m)| text[i + m.len()..].trim_start().starts_with(','))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // 256 by default; `PROPTEST_CASES` overrides (the fuzz smoke script
        // raises it).
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn news_like_text_keeps_every_span_sound(text in news()) {
        checks::check_text(&text);
    }

    #[test]
    fn arbitrary_unicode_keeps_every_span_sound(text in "\\PC{0,300}") {
        checks::check_text(&text);
    }

    #[test]
    fn output_is_deterministic(text in news()) {
        checks::check_text_deterministic(&text);
    }

    #[test]
    fn blank_text_has_no_quotes(text in blank()) {
        let records = checks::check_text(&text);
        prop_assert!(records.is_empty(), "quotes in blank text {text:?}: {records}");
    }

    #[test]
    fn a_plain_attributed_quote_is_found(
        (open, close) in select(&[("“", "”"), ("\"", "\""), ("«", "»")][..]),
        words in prop::collection::vec(select(&["peace", "talks", "will", "continue", "we",
            "hope", "for", "a", "deal", "soon", "and", "more", "prisoners"][..]), 6..14),
    ) {
        let speech = words.join(" ");
        let text = format!("{open}We {speech},{close} Sergei Lavrov said on Monday.");
        let records = checks::extractor().extract(&quotesent::Article {
            id: "p".into(),
            text: text.clone(),
            ..Default::default()
        });
        prop_assert!(
            records.iter().any(|r| r.text.contains(&speech)),
            "no quote with {speech:?} in {text:?}: {records:?}"
        );
        checks::check_text(&text);
    }

    #[test]
    fn readers_keep_their_promises_on_news_like_documents(
        text in news(),
        wrap in 0..5u8,
    ) {
        let bytes = match wrap {
            0 => text.into_bytes(),
            1 => format!("{{\"id\":\"a\",\"text\":{}}}\n", serde_json::to_string(&text).unwrap())
                .into_bytes(),
            2 => format!("<html><body><article><p>{text}</p></article></body></html>").into_bytes(),
            3 => format!("---\ntitle: {text}\n---\n\n{text}").into_bytes(),
            _ => {
                let mut b = vec![0xEF, 0xBB, 0xBF];
                b.extend(text.replace('\n', "\r\n").into_bytes());
                b
            }
        };
        checks::check_readers(&bytes, true);
    }

    #[test]
    fn readers_keep_their_promises_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        checks::check_readers(&bytes, true);
    }

    #[test]
    fn sides_parser_never_panics(src in sides_like()) {
        checks::check_sides(&src);
    }
}

/// Sides-file-shaped text: table headers, keys and values in any order.
fn sides_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        select(
            &[
                "[[sides]]",
                "[[sides.members]]",
                "[sides]",
                "[[sides.cues]]",
                "name = \"Ukraine\"",
                "name = \"Russia\"",
                "name = \"\"",
                "name = \" \"",
                "name = \"Volodymyr Zelensky\"",
                "name = \"Zelensky\"",
                "name = 5",
                "aliases = [\"Zelenskyy\", \"Zelensky\"]",
                "aliases = []",
                "aliases = [\"\"]",
                "cues = [\"Ukrainian\", \"Kyiv\"]",
                "cues = [\"Ukrainian\"]",
                "cues = \"x\"",
                "title = \"President\"",
                "description = \"…\"",
                "colour = \"red\"",
                "alias = [\"x\"]",
                "name = \"\\u0000\"",
                "[[",
                "= =",
                "",
            ][..]
        )
        .prop_map(str::to_string),
        "\\PC{0,20}",
    ];
    prop::collection::vec(line, 0..24).prop_map(|l| l.join("\n"))
}

/// The saved inputs of one fuzz target (`tests/data/fuzz/<target>/`).
fn saved_inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| Some(e.ok()?.path())).collect(),
        Err(_) => return Vec::new(),
    };
    files.sort();
    files
        .into_iter()
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Runs `check` on every saved input of `target`, naming the file that fails.
fn replay(target: &str, check: impl Fn(&[u8])) {
    for (path, bytes) in saved_inputs(target) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(result.is_ok(), "saved input {} fails again", path.display());
    }
}

#[test]
fn saved_fuzz_inputs_of_the_readers_pass() {
    replay("readers", |b| checks::check_readers(b, true));
}

#[test]
fn saved_fuzz_inputs_of_the_sides_parser_pass() {
    replay("sides_toml", |b| {
        checks::check_sides(&String::from_utf8_lossy(b))
    });
}

#[test]
fn saved_fuzz_inputs_of_the_text_path_pass() {
    replay("text_path", |b| {
        checks::check_text_deterministic(&String::from_utf8_lossy(b))
    });
}

#[test]
fn according_to_comma_regression() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz/text_path");
    let text = std::fs::read_to_string(dir.join("reversed-mention-span.txt")).unwrap();
    assert!(hits_according_comma(&text));
    checks::check_text_deterministic(&text);
}
