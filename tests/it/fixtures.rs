//! Expected quotes for every fixture article (owned by the text stage).
//!
//! Each fixture in `fixtures/articles/` was written for this project to
//! exercise one quote form or trap; the tests run the public rule pipeline
//! (segment → quote → attribute, no model) and check kind, a distinctive
//! piece of the text and the canonical speaker of every statement.

use quotesent::attribute::{Attributor, RuleAttributor, SpeakerRegistry};
use quotesent::quote::{QuoteFinder, RuleQuoteFinder};
use quotesent::segment::{RuleSegmenter, Segmenter};
use quotesent::{QuoteKind, SpeakerKind};
use std::path::PathBuf;

#[derive(Debug, Clone)]
struct Found {
    kind: QuoteKind,
    text: String,
    pieces: usize,
    speaker: Option<String>,
    title: Option<String>,
    mention: Option<String>,
    speaker_kind: SpeakerKind,
    evidence: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn extract_text(text: &str) -> Vec<Found> {
    let seg = RuleSegmenter::default().segment(text);
    let quotes = RuleQuoteFinder::default().find(text, &seg);
    let atts = RuleAttributor::default().attribute(text, &seg, &quotes);
    assert_eq!(quotes.len(), atts.len());
    quotes
        .iter()
        .zip(atts)
        .map(|(q, a)| {
            for s in q
                .spans
                .iter()
                .chain(a.mention.iter())
                .chain(a.evidence.iter())
            {
                assert!(
                    s.end <= text.len()
                        && text.is_char_boundary(s.start)
                        && text.is_char_boundary(s.end)
                );
            }
            Found {
                kind: q.kind,
                text: q.text(text),
                pieces: q.spans.len(),
                speaker: a.speaker.clone(),
                title: a.title.clone(),
                mention: a.mention.map(|m| m.slice(text).to_string()),
                speaker_kind: a.kind,
                evidence: a
                    .evidence
                    .iter()
                    .map(|e| e.slice(text).to_string())
                    .collect(),
            }
        })
        .collect()
}

fn extract(name: &str) -> Vec<Found> {
    let path = root().join("fixtures/articles").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    extract_text(&text)
}

/// The statement containing `needle`, or a panic listing what was found.
fn find<'a>(found: &'a [Found], needle: &str) -> &'a Found {
    found
        .iter()
        .find(|f| f.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?} in {found:#?}"))
}

fn expect(found: &[Found], needle: &str, kind: QuoteKind, speaker: &str) {
    let f = find(found, needle);
    assert_eq!(f.kind, kind, "kind of {needle:?}: {f:#?}");
    assert_eq!(
        f.speaker.as_deref(),
        Some(speaker),
        "speaker of {needle:?}: {f:#?}"
    );
}

#[test]
fn every_fixture_is_readable_and_there_are_enough() {
    let dir = root().join("fixtures/articles");
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        names.len() >= 8,
        "at least 8 fixture articles, found {}",
        names.len()
    );
    for p in names {
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        assert!(!extract(&name).is_empty(), "{name} yields quotes");
    }
}

#[test]
fn split_quote_title_surname_and_pronouns() {
    let f = extract("geneva-prisoner-talks.txt");
    let q = find(&f, "bring our people home");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.pieces, 2, "“A,” X said. “B.” is one quote: {q:#?}");
    assert!(q.text.contains("one step closer"));
    assert_eq!(q.speaker.as_deref(), Some("Olena Marchuk"));
    assert_eq!(
        q.title.as_deref(),
        Some("Ukrainian Deputy Foreign Minister")
    );
    assert_eq!(q.mention.as_deref(), Some("Marchuk"));
    // "She added that ..." and "she told reporters" after paragraph breaks.
    expect(
        &f,
        "exchange 500 prisoners",
        QuoteKind::Reported,
        "Olena Marchuk",
    );
    expect(&f, "it is a beginning", QuoteKind::Direct, "Olena Marchuk");
    assert_eq!(f.len(), 3, "{f:#?}");
}

#[test]
fn british_style() {
    let f = extract("london-trade-deal.txt");
    let spokesman = find(&f, "continue through the weekend");
    assert_eq!(spokesman.kind, QuoteKind::Reported);
    assert_eq!(
        spokesman.mention.as_deref(),
        Some("A Downing Street spokesman")
    );
    assert_eq!(
        spokesman.speaker.as_deref(),
        Some("Downing Street spokesman")
    );
    // Partial quote in single marks inside reported speech.
    expect(
        &f,
        "fully committed to a fair agreement",
        QuoteKind::Partial,
        "Blair",
    );
    // Split quote in British single marks; apostrophes do not break it.
    let q = find(&f, "sign a bad deal");
    assert_eq!(q.pieces, 2);
    assert!(q.text.contains("betrayal of the people"));
    assert_eq!(q.speaker.as_deref(), Some("Blair"));
    // "Mr Howard" resolves to the name introduced with "Tory leader".
    let h = find(&f, "run out of ideas");
    assert_eq!(h.speaker.as_deref(), Some("Michael Howard"));
    assert_eq!(h.title.as_deref(), Some("Tory leader"));
}

#[test]
fn organisations_according_to_and_passive() {
    let f = extract("kremlin-statement.txt");
    let k = find(&f, "would take place in Istanbul next month");
    assert_eq!(k.kind, QuoteKind::Reported);
    assert_eq!(k.speaker.as_deref(), Some("Kremlin"));
    assert_eq!(k.speaker_kind, SpeakerKind::Organization);
    let m = find(&f, "ready to discuss a ceasefire");
    assert_eq!(m.speaker.as_deref(), Some("Russian Foreign Ministry"));
    assert_eq!(m.speaker_kind, SpeakerKind::Organization);
    let a = find(&f, "no date has been agreed");
    assert_eq!(a.kind, QuoteKind::Reported);
    assert_eq!(
        a.mention.as_deref(),
        Some("the Ukrainian presidential office")
    );
    let p = find(&f, "the venue would again be");
    assert_eq!(p.mention.as_deref(), Some("the Turkish foreign ministry"));
}

#[test]
fn multi_paragraph_quote_is_one_statement() {
    let f = extract("ceasefire-long-quote.txt");
    assert_eq!(f.len(), 1, "{f:#?}");
    let q = &f[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.pieces, 3);
    assert!(q.text.starts_with("The first step is a ceasefire"));
    assert!(q.text.contains("all for all"));
    assert!(q.text.contains("security guarantees"));
    assert_eq!(q.speaker.as_deref(), Some("Mikko Laine"));
    assert_eq!(q.title.as_deref(), Some("Finnish envoy"));
}

#[test]
fn scare_quotes_and_stray_marks() {
    let f = extract("scare-quotes-and-strays.txt");
    assert!(
        f.iter().all(|q| q.text != "bad faith" && q.text != "fake"),
        "{f:#?}"
    );
    // The stray mark in paragraph 3 does not spoil the pairing after it.
    let q = find(&f, "keep this process alive");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(
        q.text,
        "We have done everything we could to keep this process alive,"
    );
    assert_eq!(q.speaker.as_deref(), Some("Ali Bagheri"));
    assert_eq!(q.title.as_deref(), Some("Iranian negotiator"));
    expect(
        &f,
        "still willing to return to the table",
        QuoteKind::Reported,
        "Robert Malley",
    );
}

#[test]
fn two_speakers_in_one_paragraph() {
    let f = extract("two-speakers.txt");
    expect(
        &f,
        "closer than we have been",
        QuoteKind::Direct,
        "Ahmet Demir",
    );
    let o = find(&f, "until the sanctions on our banks are lifted");
    assert_eq!(o.kind, QuoteKind::Partial);
    assert_eq!(o.speaker.as_deref(), Some("Pavel Orlov"));
    assert_eq!(o.title.as_deref(), Some("Russian Deputy Minister"));
    // "vowed to": an infinitive, by surname.
    expect(
        &f,
        "to keep Russian ports open",
        QuoteKind::Reported,
        "Pavel Orlov",
    );
    expect(&f, "problem of trust", QuoteKind::Direct, "Ahmet Demir");
}

#[test]
fn dash_and_colon_credits_and_previous_sentence() {
    let f = extract("credits-and-introductions.txt");
    let d = find(&f, "worse than no summit");
    assert_eq!(d.speaker.as_deref(), Some("Anna Kowalska"));
    assert_eq!(d.title.as_deref(), Some("Professor"));
    // "And from Ambassador John Harris:" then the quote in the next paragraph.
    expect(
        &f,
        "nobody wanted to move first",
        QuoteKind::Direct,
        "John Harris",
    );
    // Speaker named in the sentence before the quote.
    let p = find(&f, "frozen conflict");
    assert_eq!(p.speaker.as_deref(), Some("Maria Petrova"));
    assert_eq!(
        p.title.as_deref(),
        Some("an analyst at the Carnegie Center")
    );
    // "were asked whether" makes the analysts listeners, not speakers.
    assert!(
        f.iter().all(|q| !q.text.contains("could happen this year")),
        "{f:#?}"
    );
}

#[test]
fn reported_speech_forms() {
    let f = extract("reported-speech.txt");
    let n = find(&f, "entered a decisive phase");
    assert_eq!(n.kind, QuoteKind::Reported);
    assert_eq!(n.speaker.as_deref(), Some("Jan Nowak"));
    assert_eq!(n.title.as_deref(), Some("Polish Foreign Minister"));
    expect(
        &f,
        "the need for further dialogue",
        QuoteKind::Reported,
        "Jan Nowak",
    );
    expect(
        &f,
        "two presidents could follow within weeks",
        QuoteKind::Reported,
        "Jan Nowak",
    );
    expect(
        &f,
        "Berlin would support any agreement",
        QuoteKind::Reported,
        "Klaus Richter",
    );
    expect(
        &f,
        "to keep sending humanitarian aid",
        QuoteKind::Reported,
        "Klaus Richter",
    );
    expect(
        &f,
        "now shared a common text",
        QuoteKind::Reported,
        "Claire Dubois",
    );
}

#[test]
fn pronouns_follow_gender_and_subjects() {
    let f = extract("pronouns-across-paragraphs.txt");
    let q = find(&f, "difficult but constructive");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(q.mention.as_deref(), Some("She"));
    assert_eq!(q.speaker.as_deref(), Some("Irina Popescu"));
    let s = find(&f, "expect miracles");
    assert_eq!(s.pieces, 2);
    assert_eq!(s.speaker.as_deref(), Some("Irina Popescu"));
    expect(&f, "needed guarantees", QuoteKind::Reported, "Viktor Rusu");
}

#[test]
fn istanbul_seed_article() {
    let text = std::fs::read_to_string(root().join("../shared/seed/istanbul-talks.txt")).unwrap();
    let f = extract_text(&text);
    let k = find(&f, "very good end to a very difficult day.");
    assert_eq!(k.kind, QuoteKind::Partial);
    assert_eq!(k.speaker.as_deref(), Some("Serhiy Kyslytsya"));
    assert_eq!(
        k.title.as_deref(),
        Some("Ukrainian Deputy Foreign Affairs Minister")
    );
    assert!(k.evidence.iter().any(|e| e.contains("Ukrainian")), "{k:#?}");

    let u: Vec<&Found> = f
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("Rustem Umerov"))
        .collect();
    assert!(!u.is_empty(), "{f:#?}");
    assert!(u.iter().all(|q| q.kind == QuoteKind::Reported));
    assert!(u.iter().any(|q| q.text.contains("further dialogue")));
    assert!(
        u[0].evidence.iter().any(|e| e.contains("Ukraine's")),
        "{u:#?}"
    );

    let m: Vec<&Found> = f
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("Vladimir Medinsky"))
        .collect();
    assert!(
        m.iter()
            .any(|q| q.kind == QuoteKind::Reported && q.text.contains("feeling satisfied")),
        "{f:#?}"
    );
    assert!(
        m[0].evidence.iter().any(|e| e.contains("Putin’s aide")),
        "{m:#?}"
    );
}

#[test]
fn registry_folds_across_articles() {
    let mut reg = SpeakerRegistry::new();
    assert_eq!(reg.canonical("Volodymyr Zelensky"), "Volodymyr Zelensky");
    assert_eq!(reg.canonical("Volodymyr Zelenskyy"), "Volodymyr Zelensky");
    assert_eq!(reg.canonical("Vladimir Medinsky"), "Vladimir Medinsky");
    assert_eq!(reg.canonical("Vladimir Medinskiy"), "Vladimir Medinsky");
    assert_eq!(reg.canonical("Serhiy Kyslytsya"), "Serhiy Kyslytsya");
    assert_eq!(reg.canonical("Serhiy Kislitsa"), "Serhiy Kyslytsya");
    assert_eq!(reg.canonical("Vladimir Putin"), "Vladimir Putin");
}

#[test]
fn pathological_marks_stay_linear() {
    // 100k+ quote marks: stray openers, then many real pairs in one
    // paragraph, then quotes with attributions in many paragraphs.
    let text = "“a ".repeat(40_000)
        + &"\"a b c\" said Smith that \"x y z\" ".repeat(10_000)
        + &"\n\n“We will win this,” he said. “Yes.”".repeat(5_000);
    let start = std::time::Instant::now();
    let f = extract_text(&text);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    assert!(f.len() >= 10_000, "{}", f.len());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Any mix of quote marks, apostrophes, cues, names, punctuation and
    /// multi-byte letters runs through without panicking, and every span
    /// lies inside the text on char boundaries (checked in `extract_text`).
    #[test]
    fn never_panics_and_spans_stay_inside(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "“", "”", "\"", "'", "‘", "’", "«", "»", "„", "''", "``", " ", "\n", "\n\n", "\r\n",
                ".", ",", ":", ";", "—", "-", "?", "!", "(", ")", "said", "told", "according to",
                "Mr.", "Dr.", "U.S.", "he", "she", "who", "that", "Smith", "Anna Berg", "é", "Ж",
                "👍", "the", "Kremlin", "spokesman", "vowed to", "emphasized", "J.", "3.5", "PENCE:",
            ]),
            0..80,
        )
    ) {
        let text: String = parts.concat();
        let _ = extract_text(&text);
    }
}
