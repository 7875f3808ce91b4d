//! The cue lexicon: which words introduce speech, read from `cues.txt`.
//!
//! The lexicon is data, not code: adding a verb (in all its tenses) is a
//! one-line change to `cues.txt`, and the finder and the attributor share the
//! one parsed copy ([`CueLexicon::builtin`]).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// An error in a lexicon file: the line and what is wrong with it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("line {line}: unknown section [{section}]")]
    UnknownSection { line: usize, section: String },
    #[error("line {line}: entry before any [section]")]
    NoSection { line: usize },
}

/// Parses a sectioned word list: `[section]` headers, then lines of
/// space-separated words; `#` starts a comment line.
pub fn parse_sections(
    src: &str,
    known: &[&str],
) -> Result<HashMap<String, Vec<String>>, LexiconError> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if !known.contains(&name) {
                return Err(LexiconError::UnknownSection {
                    line: i + 1,
                    section: name.to_string(),
                });
            }
            current = Some(name.to_string());
            continue;
        }
        let Some(sec) = &current else {
            return Err(LexiconError::NoSection { line: i + 1 });
        };
        out.entry(sec.clone())
            .or_default()
            .push(line.to_lowercase());
    }
    Ok(out)
}

/// Cue words and phrases.
#[derive(Debug, Clone, Default)]
pub struct CueLexicon {
    verbs: HashSet<String>,
    object_verbs: HashSet<String>,
    clause_verbs: HashSet<String>,
    infinitive_verbs: HashSet<String>,
    np_verbs: HashSet<String>,
    /// Clause verbs that also take a plain object ("claimed victory").
    object_or_clause: HashSet<String>,
    /// Multi-word cues, as lower-case word sequences.
    phrases: Vec<Vec<String>>,
    /// Phrases that start with a cue word but are no cue ("think tank").
    not_cues: Vec<Vec<String>>,
}

impl CueLexicon {
    /// Parses a lexicon in the format of `cues.txt`.
    pub fn parse(src: &str) -> Result<Self, LexiconError> {
        let secs = parse_sections(
            src,
            &[
                "verbs",
                "object-verbs",
                "clause-verbs",
                "infinitive-verbs",
                "np-verbs",
                "object-or-clause-verbs",
                "phrases",
                "not-cues",
            ],
        )?;
        let words = |name: &str| -> HashSet<String> {
            secs.get(name)
                .into_iter()
                .flatten()
                .flat_map(|l| l.split_whitespace().map(str::to_string))
                .collect()
        };
        let object_verbs = words("object-verbs");
        let clause_verbs = words("clause-verbs");
        let infinitive_verbs = words("infinitive-verbs");
        let np_verbs = words("np-verbs");
        let object_or_clause = words("object-or-clause-verbs");
        let mut verbs = words("verbs");
        verbs.extend(np_verbs.iter().cloned());
        verbs.extend(object_verbs.iter().cloned());
        verbs.extend(clause_verbs.iter().cloned());
        verbs.extend(infinitive_verbs.iter().cloned());
        let seqs = |name: &str| -> Vec<Vec<String>> {
            secs.get(name)
                .into_iter()
                .flatten()
                .map(|l| l.split_whitespace().map(str::to_string).collect())
                .collect()
        };
        let mut phrases = seqs("phrases");
        // Longest first, so "made it clear" wins over "made clear".
        phrases.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
        Ok(CueLexicon {
            verbs,
            object_verbs,
            clause_verbs,
            infinitive_verbs,
            np_verbs,
            object_or_clause,
            phrases,
            not_cues: seqs("not-cues"),
        })
    }

    /// The lexicon shipped in `src/quote/cues.txt`.
    pub fn builtin() -> &'static CueLexicon {
        static LEX: OnceLock<CueLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            CueLexicon::parse(include_str!("cues.txt")).unwrap_or_else(|e| {
                // The file is compiled in and checked by a unit test.
                unreachable!("built-in cues.txt is invalid: {e}")
            })
        })
    }

    /// Whether a lower-case word is a cue verb form.
    pub fn is_verb(&self, lower: &str) -> bool {
        self.verbs.contains(lower)
    }

    /// Whether a lower-case word is a verb that takes a listener first.
    pub fn is_object_verb(&self, lower: &str) -> bool {
        self.object_verbs.contains(lower)
    }

    /// Whether the verb's content may be a bare clause ("said the talks failed").
    pub fn takes_clause(&self, lower: &str) -> bool {
        self.clause_verbs.contains(lower)
    }

    /// Whether the verb's content may be an infinitive ("vowed to press on").
    pub fn takes_infinitive(&self, lower: &str) -> bool {
        self.infinitive_verbs.contains(lower)
    }

    /// Whether the verb's object noun phrase is the stance ("endorsed Trump").
    pub fn takes_np(&self, lower: &str) -> bool {
        self.np_verbs.contains(lower)
    }

    /// Whether the verb's bare content may also be a plain object ("claimed
    /// victory", "maintained a lead"), so it counts as a clause only with a
    /// verb of its own ("claimed the vote was rigged").
    pub fn object_or_clause(&self, lower: &str) -> bool {
        self.object_or_clause.contains(lower)
    }

    /// The length (in words) of a cue phrase starting at `words[0]`, if any.
    pub fn phrase_at<S: AsRef<str>>(&self, words: &[S]) -> Option<usize> {
        self.phrases
            .iter()
            .find(|p| starts_with(words, p))
            .map(Vec::len)
    }

    /// Whether `words` start with a phrase that is no cue ("think tank",
    /// "showed up"), so `words[0]` is not a cue there.
    pub fn not_cue_at<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.not_cues.iter().any(|p| starts_with(words, p))
    }
}

/// Whether `words` start with `phrase` (case-insensitive).
fn starts_with<S: AsRef<str>>(words: &[S], phrase: &[String]) -> bool {
    phrase.len() <= words.len()
        && phrase
            .iter()
            .zip(words)
            .all(|(a, b)| a.eq_ignore_ascii_case(b.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_with_all_tenses() {
        let lex = CueLexicon::builtin();
        for w in [
            "say",
            "said",
            "says",
            "saying",
            "emphasized",
            "vowed",
            "told",
            "stating",
        ] {
            assert!(lex.is_verb(w), "{w}");
        }
        assert!(lex.is_object_verb("told"));
        assert!(lex.takes_np("endorsed") && lex.is_verb("endorsed"));
        assert!(lex.is_verb("cracked"));
        assert!(!lex.is_verb("table"));
        assert_eq!(lex.phrase_at(&["According", "to", "Smith"]), Some(2));
        assert_eq!(lex.phrase_at(&["made", "it", "clear"]), Some(3));
        assert!(lex.not_cue_at(&["think", "tank", "said"]));
        assert!(lex.not_cue_at(&["Showed", "up"]));
        assert!(!lex.not_cue_at(&["showed", "that"]));
        assert!(!lex.not_cue_at(&["think"]));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            CueLexicon::parse("[verbs]\nsay\n[nouns]\n").unwrap_err(),
            LexiconError::UnknownSection {
                line: 3,
                section: "nouns".into()
            }
        );
        assert_eq!(
            CueLexicon::parse("say\n").unwrap_err(),
            LexiconError::NoSection { line: 1 }
        );
    }
}
