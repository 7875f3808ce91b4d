//! The rule-based segmenter: blank-line (or one-line) paragraphs, and
//! sentence ends at `.`/`!`/`?`/`…` that are followed by a capitalised start.
//!
//! Why rules: news prose is regular enough that a terminator followed by
//! whitespace and an upper-case letter (or an opening quote) is a sentence
//! end in nearly every case; the exceptions are abbreviations and initials,
//! which a short list and a look at the previous word handle. The scan never
//! looks back more than one word, so the cost is linear.

use super::Segmenter;
use crate::types::{Segmentation, Sentence, Span};

/// Titles and other abbreviations that never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "St", "Lt", "Col",
    "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Prof", "Rev", "Hon", "Pres", "Supt", "Insp", "Cpl",
    "Pvt", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "vs", "v", "Mt", "Ft", "approx", "Ave", "Blvd", "Rd", "Gov", "Atty", "Sec",
    "Amb", "Fr", "Msgr", "Sr", "Jr", "e.g", "i.e", "cf", "al", "Vol", "pp", "Art", "Fig",
];

/// Abbreviations that may also end a sentence: they end one only when the
/// next word is a typical sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "LLC", "etc", "a.m", "p.m", "U.S", "U.N", "U.K", "E.U", "D.C",
    "U.S.A", "Bros", "Plc", "p.m", "A.M", "P.M",
];

/// Words that start sentences far more often than they continue names.
const OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Its",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "There",
    "Those",
    "These",
    "Some",
    "Many",
    "Most",
    "Still",
    "Yet",
    "So",
    "Meanwhile",
    "However",
    "Officials",
    "According",
    "Last",
    "Earlier",
    "Later",
    "For",
    "Our",
    "You",
];

#[derive(Debug, Clone, Default)]
pub struct RuleSegmenter {
    _private: (),
}

impl RuleSegmenter {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Segmenter for RuleSegmenter {
    fn segment(&self, text: &str) -> Segmentation {
        let paragraphs = paragraphs(text);
        let mut sentences = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            split_sentences(text, *p, i, &mut sentences);
        }
        Segmentation {
            paragraphs,
            sentences,
        }
    }
}

/// Lines as byte spans, without their `\n` / `\r\n`.
fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    let bytes = text.as_bytes();
    std::iter::from_fn(move || {
        if start > text.len() || (start == text.len() && !text.is_empty()) {
            return None;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| start + i);
        let line = Span::new(start, end);
        start = end + 1;
        Some(line)
    })
}

/// Lines longer than this are never hard-wrapped prose.
const WRAP_WIDTH: usize = 100;

/// Blank-line separated paragraphs; when the text has no blank line between
/// two non-empty lines, every non-empty line is a paragraph (one line per
/// paragraph, as scrapers and jsonl bodies often write). Scraped articles
/// also mix the two (blank lines after the title, single newlines between
/// paragraphs), so a single newline also ends a paragraph unless the text
/// is hard-wrapped (no line longer than [`WRAP_WIDTH`] characters), where
/// it is only a line break inside one.
fn paragraphs(text: &str) -> Vec<Span> {
    let all: Vec<(Span, bool)> = lines(text)
        .map(|l| (l, l.slice(text).trim().is_empty()))
        .collect();
    let first = all.iter().position(|(_, blank)| !blank);
    let last = all.iter().rposition(|(_, blank)| !blank);
    let hard_wrapped = all
        .iter()
        .all(|(l, _)| l.len() <= WRAP_WIDTH || l.slice(text).chars().count() <= WRAP_WIDTH);
    let has_blank_separator = hard_wrapped
        && match (first, last) {
            (Some(f), Some(l)) => all[f..=l].iter().any(|(_, blank)| *blank),
            _ => false,
        };
    let mut out = Vec::new();
    let mut cur: Option<Span> = None;
    for (line, blank) in all {
        if blank {
            if let Some(p) = cur.take() {
                out.push(p.trim(text));
            }
            continue;
        }
        match cur.as_mut() {
            Some(p) if has_blank_separator => p.end = line.end,
            Some(p) => {
                out.push(p.trim(text));
                cur = Some(line);
            }
            None => cur = Some(line),
        }
    }
    if let Some(p) = cur {
        out.push(p.trim(text));
    }
    out.retain(|p| !p.is_empty());
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Splits one paragraph into sentences, appending to `out`.
fn split_sentences(text: &str, para: Span, index: usize, out: &mut Vec<Sentence>) {
    let p = para.slice(text);
    let mut start = 0usize;
    let mut it = p.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_terminator(c) {
            continue;
        }
        // Run of terminators, then closing quotes/brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if is_terminator(d) || is_closer(d) {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        // Must be followed by whitespace.
        let rest = &p[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 {
            if rest.is_empty() {
                break;
            }
            continue;
        }
        let next = rest.trim_start();
        let Some(n) = next.chars().next() else {
            break;
        };
        let starts_sentence = n.is_uppercase()
            || n.is_ascii_digit()
            || matches!(
                n,
                '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„' | '—' | '–' | '-'
            );
        if !starts_sentence {
            continue;
        }
        if c == '.' && !period_ends(&p[..i], next) {
            continue;
        }
        out.push(Sentence {
            span: Span::new(para.start + start, para.start + end).trim(text),
            paragraph: index,
        });
        start = end + ws;
    }
    if start < p.len() {
        let span = Span::new(para.start + start, para.end).trim(text);
        if !span.is_empty() {
            out.push(Sentence {
                span,
                paragraph: index,
            });
        }
    }
}

/// Whether a period after `before` ends the sentence, given the text `next`
/// that follows the whitespace.
fn period_ends(before: &str, next: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '[' | '—'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_word: &str = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // Initials: "J." in "J. K. Rowling".
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        if first.is_uppercase() {
            return false;
        }
    }
    if NEVER_FINAL.contains(&word) {
        return false;
    }
    // "U.S." style: letters with interior periods.
    let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
    if dotted || MAYBE_FINAL.contains(&word) {
        return OPENERS.contains(&next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        let seg = RuleSegmenter::new().segment(text);
        seg.sentences.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5. They talked.";
        assert_eq!(
            sents(t),
            vec![
                "Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5.",
                "They talked."
            ]
        );
    }

    #[test]
    fn initials_and_decimals() {
        let t = "J. K. Rowling earned 3.5 million. Dr. No was a film, e.g. a classic. Yes.";
        assert_eq!(
            sents(t),
            vec![
                "J. K. Rowling earned 3.5 million.",
                "Dr. No was a film, e.g. a classic.",
                "Yes."
            ]
        );
    }

    #[test]
    fn us_can_end_a_sentence() {
        let t = "He flew to the U.S. The talks began.";
        assert_eq!(sents(t), vec!["He flew to the U.S.", "The talks began."]);
    }

    #[test]
    fn closing_quote_belongs_to_sentence() {
        let t = "She said: “It is over.” He left. “Why?” asked one.";
        assert_eq!(
            sents(t),
            vec!["She said: “It is over.”", "He left.", "“Why?” asked one."]
        );
    }

    #[test]
    fn paragraphs_blank_lines_and_crlf() {
        let t = "Title\r\n\r\nFirst line\r\nsame para.\r\n\r\nSecond.\r\n";
        let seg = RuleSegmenter::new().segment(t);
        let ps: Vec<&str> = seg.paragraphs.iter().map(|p| p.slice(t)).collect();
        assert_eq!(ps, vec!["Title", "First line\r\nsame para.", "Second."]);
        assert_eq!(seg.sentences.len(), 3);
        assert_eq!(seg.sentences[2].paragraph, 2);
    }

    #[test]
    fn single_newlines_split_unwrapped_text() {
        // Blank line after the title, single newlines between long paragraphs.
        let long = "word ".repeat(30);
        let t = format!("Title\n\n{long}one.\n{long}two.\n\n{long}three.");
        let seg = RuleSegmenter::new().segment(&t);
        assert_eq!(seg.paragraphs.len(), 4);
        // Hard-wrapped text keeps its line breaks inside paragraphs.
        let t = "Short wrapped line\nstill the same para.\n\nNext para.";
        assert_eq!(RuleSegmenter::new().segment(t).paragraphs.len(), 2);
    }

    #[test]
    fn one_line_per_paragraph() {
        let t = "One. Two.\nThree.\nFour.";
        let seg = RuleSegmenter::new().segment(t);
        assert_eq!(seg.paragraphs.len(), 3);
        assert_eq!(seg.sentences.len(), 4);
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(RuleSegmenter::new().segment("").sentences.is_empty());
        assert!(RuleSegmenter::new()
            .segment(" \n\n \n")
            .paragraphs
            .is_empty());
    }

    #[test]
    fn long_input_is_fast() {
        let t = "Mr. A. B. said U.S. no. ".repeat(50_000);
        let seg = RuleSegmenter::new().segment(&t);
        assert!(!seg.sentences.is_empty());
    }
}
