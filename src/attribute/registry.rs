//! Folding speaker names across a batch: "Zelensky", "Zelenskyy" and
//! "Zelenskiy" are one speaker, as are "Kyslytsya" and "Kislitsa".
//!
//! Why a similarity and not an alias list: transliterations from Cyrillic
//! vary by outlet and year, and no list is complete. Names are folded to an
//! ASCII skeleton (diacritics stripped, y/j/i and doubled letters merged)
//! and compared by edit distance relative to length; the first form seen is
//! kept as the canonical one so reports stay stable.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Folds a name to its comparison skeleton.
pub fn fold(name: &str) -> String {
    let ascii: String = name
        .nfd()
        .filter(|c| c.is_ascii_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // Transliteration variants, applied in order.
        // (Russian "ё" is written "yo" or "e": "Lavrenyov", "Lavrenev".)
        const RULES: &[(&str, &str)] = &[
            ("yo", "e"),
            ("iy", "i"),
            ("yy", "i"),
            ("ij", "i"),
            ("y", "i"),
            ("j", "i"),
            ("w", "v"),
            ("kh", "h"),
            ("ck", "k"),
            ("ks", "x"),
        ];
        let mut w = word.to_string();
        for (from, to) in RULES {
            w = w.replace(from, to);
        }
        let mut prev = None;
        for c in w.chars() {
            if Some(c) != prev {
                out.push(c);
            }
            prev = Some(c);
        }
    }
    out
}

fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// Whether two folded words are variants of one another.
fn similar_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la < 4 || lb < 4 || a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    let d = levenshtein(a.as_bytes(), b.as_bytes());
    d * 5 <= la.max(lb) && d <= 2
}

/// Whether two surnames as written are transliteration variants of one
/// another ("Medinsky" / "Medinskiy", "Kyslytsya" / "Kislitsa"), for
/// linking mentions inside one article.
pub fn same_surname(a: &str, b: &str) -> bool {
    // "Mansouri" for "al-Mansouri": the Arabic article is often dropped
    // on second mention.
    fn bare(s: &str) -> &str {
        ["al-", "Al-", "el-", "El-"]
            .iter()
            .find_map(|p| s.strip_prefix(p))
            .filter(|r| r.len() >= 3)
            .unwrap_or(s)
    }
    let (a, b) = (bare(a), bare(b));
    a.eq_ignore_ascii_case(b) || similar_word(&fold(a), &fold(b))
}

/// Whether two folded names denote the same person: similar surnames and
/// compatible given names (equal, an initial, or missing on one side).
fn same_name(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let (Some(sa), Some(sb)) = (wa.last(), wb.last()) else {
        return false;
    };
    if !similar_word(sa, sb) {
        return false;
    }
    if wa.len() == 1 || wb.len() == 1 {
        return wa.len() == wb.len();
    }
    let (fa, fb) = (wa[0], wb[0]);
    fa == fb || similar_word(fa, fb) || fa.starts_with(fb) || fb.starts_with(fa)
}

/// Canonical speaker names across a batch of articles.
#[derive(Debug, Clone, Default)]
pub struct SpeakerRegistry {
    exact: HashMap<String, usize>,
    names: Vec<(String, String)>,
}

impl SpeakerRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// The canonical form of `name`: the first-seen name it folds to.
    pub fn canonical(&mut self, name: &str) -> String {
        let key = fold(name);
        if let Some(&i) = self.exact.get(&key) {
            return self.names[i].1.clone();
        }
        let found = self.names.iter().position(|(k, _)| same_name(k, &key));
        let i = match found {
            Some(i) => i,
            None => {
                self.names.push((key.clone(), name.to_string()));
                self.names.len() - 1
            }
        };
        self.exact.insert(key, i);
        self.names[i].1.clone()
    }

    /// Number of distinct speakers seen.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Surname-only names that belong to exactly one full name of the batch:
/// "Zelensky" (an article that never gives the first name) joins "Volodymyr
/// Zelenskiy". A surname shared by several full names ("Trump": Donald,
/// Ivanka) stays as written. Returns surname-only name → full name.
pub fn surname_links<'a>(names: impl IntoIterator<Item = &'a str>) -> HashMap<String, String> {
    let mut singles = Vec::new();
    let mut fulls: Vec<(&str, String)> = Vec::new();
    for n in names {
        let key = fold(n);
        match key.split(' ').count() {
            0 => {}
            1 => singles.push((n, key)),
            _ => fulls.push((n, key)),
        }
    }
    let mut out = HashMap::new();
    for (n, key) in singles {
        let mut matches = fulls.iter().filter(|(_, k)| {
            k.rsplit(' ')
                .next()
                .is_some_and(|last| similar_word(last, &key))
        });
        if let (Some((full, _)), None) = (matches.next(), matches.next()) {
            out.insert(n.to_string(), full.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surname_joins_its_only_full_name() {
        let links = surname_links([
            "Volodymyr Zelenskiy",
            "Zelensky",
            "Donald Trump",
            "Ivanka Trump",
            "Trump",
            "Kremlin",
        ]);
        assert_eq!(
            links.get("Zelensky").map(String::as_str),
            Some("Volodymyr Zelenskiy")
        );
        assert!(!links.contains_key("Trump"), "two Trumps: {links:?}");
        assert!(!links.contains_key("Kremlin"));
        assert_eq!(links.len(), 1);
    }

    #[test]
    fn transliterations_fold() {
        let mut r = SpeakerRegistry::new();
        assert_eq!(r.canonical("Volodymyr Zelensky"), "Volodymyr Zelensky");
        assert_eq!(r.canonical("Volodymyr Zelenskyy"), "Volodymyr Zelensky");
        assert_eq!(r.canonical("Volodymyr Zelenskiy"), "Volodymyr Zelensky");
        assert_eq!(r.canonical("Vladimir Medinskiy"), "Vladimir Medinskiy");
        assert_eq!(r.canonical("Vladimir Medinsky"), "Vladimir Medinskiy");
        assert_eq!(r.canonical("Serhiy Kyslytsya"), "Serhiy Kyslytsya");
        assert_eq!(r.canonical("Sergiy Kislitsa"), "Serhiy Kyslytsya");
        assert_eq!(r.canonical("José Pérez"), "José Pérez");
        assert_eq!(r.canonical("Jose Perez"), "José Pérez");
        assert_eq!(r.canonical("Yevgeny Lavrenev"), "Yevgeny Lavrenev");
        assert_eq!(r.canonical("Yevgeny Lavrenyov"), "Yevgeny Lavrenev");
    }

    #[test]
    fn different_people_stay_apart() {
        let mut r = SpeakerRegistry::new();
        r.canonical("Vladimir Putin");
        assert_eq!(r.canonical("Vladimir Medinsky"), "Vladimir Medinsky");
        assert_eq!(r.canonical("Hillary Clinton"), "Hillary Clinton");
        assert_eq!(r.canonical("Bill Clinton"), "Bill Clinton");
        assert_eq!(r.len(), 4);
    }
}
