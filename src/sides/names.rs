//! Name normalisation shared by the sides file and the resolver.
//!
//! Speakers reach the sides stage spelled however the article spelled them
//! ("Erdoğan", "ZELENSKY", "Vladimir V. Putin"), so members are matched on a
//! folded key, not on the raw string: Unicode compatibility decomposition with
//! combining marks dropped (diacritics), lower case, apostrophes and dots
//! removed, every other non-alphanumeric run turned into one space.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a name to its matching key: `"Erdoğan's"` → `"erdogans"`,
/// `"Jean-Claude  JUNCKER"` → `"jean claude juncker"`.
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | 'ʼ' | '.') {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Leading words that are titles, not names ("President Putin", "Mr Lavrov").
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "prime",
    "minister",
    "foreign",
    "general",
    "gen",
    "deputy",
    "defense",
    "defence",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "chancellor",
];

/// The tokens of a normalised name without leading honorifics; the bare
/// honorific list is kept when nothing else is left.
pub fn name_tokens(normalized: &str) -> Vec<&str> {
    let tokens: Vec<&str> = normalized.split(' ').filter(|t| !t.is_empty()).collect();
    let skip = tokens.iter().take_while(|t| HONORIFICS.contains(t)).count();
    if skip == tokens.len() {
        tokens
    } else {
        tokens[skip..].to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(normalize_name("Erdoğan"), "erdogan");
        assert_eq!(
            normalize_name("  Jean-Claude  JUNCKER "),
            "jean claude juncker"
        );
        assert_eq!(normalize_name("Vladimir V. Putin"), "vladimir v putin");
        assert_eq!(normalize_name("O’Brien"), "obrien");
        assert_eq!(normalize_name("¡!"), "");
    }

    #[test]
    fn honorifics_are_dropped_from_the_front_only() {
        assert_eq!(
            name_tokens("president vladimir putin"),
            ["vladimir", "putin"]
        );
        assert_eq!(name_tokens("president"), ["president"]);
        assert_eq!(name_tokens("john president"), ["john", "president"]);
    }
}
