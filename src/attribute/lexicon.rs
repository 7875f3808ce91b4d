//! Word lists for speaker mentions, read from `words.txt`.
//!
//! Titles, demonyms, honorifics, organisation words and role nouns decide
//! where a name starts, what its title is, whether a speaker is a person or
//! an organisation and which pronouns fit; keeping them as data makes the
//! rules in [`super::mention`] short and the lists easy to extend.

use crate::quote::lexicon::{parse_sections, LexiconError};
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
pub struct Words {
    pub titles: HashSet<String>,
    pub demonyms: HashSet<String>,
    pub male: HashSet<String>,
    pub female: HashSet<String>,
    pub organizations: HashSet<String>,
    pub roles: HashSet<String>,
    pub anonymous: HashSet<String>,
    pub skip: HashSet<String>,
    pub org_nouns: HashSet<String>,
}

const SECTIONS: &[&str] = &[
    "titles",
    "demonyms",
    "male",
    "female",
    "organizations",
    "roles",
    "anonymous",
    "skip",
    "org-nouns",
];

impl Words {
    pub fn parse(src: &str) -> Result<Self, LexiconError> {
        let secs = parse_sections(src, SECTIONS)?;
        let set = |name: &str| -> HashSet<String> {
            secs.get(name)
                .into_iter()
                .flatten()
                .flat_map(|l| l.split_whitespace().map(str::to_string))
                .collect()
        };
        Ok(Words {
            titles: set("titles"),
            demonyms: set("demonyms"),
            male: set("male"),
            female: set("female"),
            organizations: set("organizations"),
            roles: set("roles"),
            anonymous: set("anonymous"),
            skip: set("skip"),
            org_nouns: set("org-nouns"),
        })
    }

    /// The lists shipped in `src/attribute/words.txt`.
    pub fn builtin() -> &'static Words {
        static W: OnceLock<Words> = OnceLock::new();
        W.get_or_init(|| {
            Words::parse(include_str!("words.txt"))
                .unwrap_or_else(|e| unreachable!("built-in words.txt is invalid: {e}"))
        })
    }

    /// A title word, demonym or possessive of a place ("Ukraine's").
    pub fn is_title(&self, lower: &str) -> bool {
        let bare = lower.trim_end_matches('.');
        self.titles.contains(bare) || self.demonyms.contains(bare) || kin_description(bare)
    }
}

/// Whether `lower` is a British tabloid's family description written before
/// a name like a title: "Mum-of-three Stacey Pearce", "Dad-of-two Lee
/// Barker", "grandmother-of-six".
pub fn kin_description(lower: &str) -> bool {
    const KIN: &[&str] = &[
        "mother",
        "father",
        "mum",
        "dad",
        "mam",
        "gran",
        "grandmother",
        "grandfather",
        "grandad",
        "granddad",
        "grandma",
        "granny",
        "nan",
    ];
    lower
        .split_once("-of-")
        .is_some_and(|(kin, n)| KIN.contains(&kin) && !n.is_empty() && !n.contains('-'))
}

/// Days of the week, lower-case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Personal pronouns that can be speakers, with their gender/number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    Male,
    Female,
    Plural,
    Neuter,
    /// "who", "which", "I", "we": resolved by position, not by agreement.
    Other,
}

/// Auxiliaries and modals that make the word before them a clause subject.
pub(crate) const AUX: &[&str] = &[
    "would",
    "will",
    "was",
    "is",
    "has",
    "had",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "were",
    "wasn’t",
    "wasn't",
    "isn’t",
    "isn't",
    "won’t",
    "won't",
    "wouldn’t",
    "wouldn't",
    "didn’t",
    "didn't",
    "doesn’t",
    "doesn't",
    "hasn’t",
    "hasn't",
    "cannot",
    "can’t",
    "can't",
    "remains",
    "needs",
    "makes",
    "seems",
    "appears",
];

/// An auxiliary or a form of "be", "have" or "do": a verb, never a word of
/// a name or a description.
pub(crate) fn is_auxiliary(w: &str) -> bool {
    AUX.contains(&w) || matches!(w, "are" | "have" | "do" | "am" | "be" | "been" | "being")
}

pub fn pronoun(lower: &str) -> Option<Pronoun> {
    Some(match lower {
        "he" | "him" | "his" | "himself" => Pronoun::Male,
        "she" | "her" | "hers" | "herself" => Pronoun::Female,
        "they" | "them" | "their" | "themselves" => Pronoun::Plural,
        "it" | "its" => Pronoun::Neuter,
        "who" | "which" | "i" | "we" => Pronoun::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let w = Words::builtin();
        assert!(w.is_title("minister"));
        assert!(w.is_title("ukrainian"));
        assert!(w.is_title("sen."));
        assert!(w.female.contains("mrs"));
        assert!(w.organizations.contains("kremlin"));
        assert!(w.skip.contains("has"));
        assert_eq!(pronoun("she"), Some(Pronoun::Female));
    }
}
