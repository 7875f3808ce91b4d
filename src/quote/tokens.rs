//! A small word/punctuation tokenizer with byte spans.
//!
//! Cue and speaker rules look at words around a cue, never at characters, so
//! they share this one tokenizer. Words keep internal apostrophes, hyphens
//! and periods ("Ukraine’s", "R-Texas", "U.S"), so possessives and
//! abbreviations stay one token; everything else is one token per character.

use crate::types::Span;

/// A token of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    /// Alphanumeric word (as opposed to a punctuation mark).
    pub word: bool,
    /// A capitalised word right after an honorific ("Mrs May", "Mr. Blair",
    /// "Sir Keir"): a name, even when it is also a month or a modal verb.
    pub named: bool,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    /// Whether the token is this punctuation character.
    pub fn is(&self, text: &str, c: char) -> bool {
        !self.word && self.text(text).starts_with(c)
    }

    /// Whether the word starts with an upper-case letter.
    pub fn capitalized(&self, text: &str) -> bool {
        let w = self.text(text);
        self.word
            && (w.chars().next().is_some_and(char::is_uppercase)
                // A name with a lower-case particle: "al-Ansari", "el-Sisi".
                // (Only the first four bytes are looked at: this runs on
                // every word.)
                || w.bytes().take(4).position(|c| c == b'-').is_some_and(|d| {
                    matches!(&w[..d], "al" | "el" | "ad" | "ar" | "as" | "an" | "ash" | "az" | "bin")
                        && w[d + 1..].chars().next().is_some_and(char::is_uppercase)
                }))
    }
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// Tokens of `text[range]`, spans into `text`.
/// Honorifics written before a surname, as written (capitalised).
const HONORIFICS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Lord", "Lady",
];

/// Surnames that are also months or modals: a name right after a forename
/// ("Theresa May", "Brian Will"), a common word elsewhere.
const AMBIGUOUS_SURNAMES: &[&str] = &["May", "Will", "March", "June", "April", "August"];

/// Whether the tokens so far end in a capitalised word that can be a
/// forename: not a function word or weekday ("In May", "On Monday May ...").
fn after_forename(s: &str, base: usize, toks: &[Tok]) -> bool {
    const NOT_FORENAMES: &[&str] = &[
        "In",
        "On",
        "By",
        "Since",
        "Until",
        "Last",
        "Next",
        "This",
        "Early",
        "Late",
        "Mid",
        "During",
        "From",
        "Through",
        "Before",
        "After",
        "Of",
        "And",
        "Or",
        "But",
        "The",
        "A",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    match toks {
        [.., f] if f.word => {
            let w = &s[f.span.start - base..f.span.end - base];
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
                && !NOT_FORENAMES.contains(&w)
        }
        _ => false,
    }
}

/// Whether the tokens so far end in an honorific, with or without its
/// period. `s` is the slice the tokens' spans (offset by `base`) point into.
fn after_honorific(s: &str, base: usize, toks: &[Tok]) -> bool {
    let word = |t: &Tok| &s[t.span.start - base..t.span.end - base];
    match toks {
        [.., h, dot] if !dot.word && word(dot) == "." && h.word => HONORIFICS.contains(&word(h)),
        [.., h] if h.word => HONORIFICS.contains(&word(h)),
        _ => false,
    }
}

/// A thousands separator: a digit before the comma and exactly three
/// digits after it.
fn thousands(before: &str, after: &str) -> bool {
    let b = after.as_bytes();
    before.as_bytes().last().is_some_and(u8::is_ascii_digit)
        && b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(u8::is_ascii_digit)
}

pub fn tokenize(text: &str, range: Span) -> Vec<Tok> {
    let s = range.slice(text);
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if d == ',' && thousands(&s[..j], &s[j + 1..]) {
                    // "2,766" and "$20,000" are one number, not a clause break.
                    end = j + 1;
                    chars.next();
                } else if joiner(d) {
                    // Only joins when a letter or digit follows.
                    let after = s[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(char::is_alphanumeric) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            let named = c.is_uppercase()
                && (after_honorific(s, range.start, &out)
                    || (AMBIGUOUS_SURNAMES.contains(&word)
                        && after_forename(s, range.start, &out)));
            out.push(Tok {
                span: Span::new(range.start + i, range.start + end),
                word: true,
                named,
            });
        } else {
            out.push(Tok {
                span: Span::new(range.start + i, range.start + i + c.len_utf8()),
                word: false,
                named: false,
            });
        }
    }
    out
}

/// Lower-cased word text, with a possessive `'s`/`’s` kept.
pub fn lower(text: &str, t: &Tok) -> String {
    t.text(text).to_lowercase().replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_possessives_and_abbreviations() {
        let t = "Ukraine’s U.S. envoy, R-Texas, said: “no.”";
        let toks = tokenize(t, Span::new(0, t.len()));
        let words: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            vec![
                "Ukraine’s",
                "U.S",
                ".",
                "envoy",
                ",",
                "R-Texas",
                ",",
                "said",
                ":",
                "“",
                "no",
                ".",
                "”"
            ]
        );
        assert!(toks[0].capitalized(t));
        assert!(toks[4].is(t, ','));
    }

    #[test]
    fn thousands_separators_stay_in_the_number() {
        let t = "it logged 2,766 hours, $20,000 in fees, and 1,2 or 12,3456.";
        let toks = tokenize(t, Span::new(0, t.len()));
        let words: Vec<&str> = toks.iter().filter(|k| k.word).map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            vec![
                "it", "logged", "2,766", "hours", "20,000", "in", "fees", "and", "1", "2", "or",
                "12", "3456"
            ]
        );
    }
}
