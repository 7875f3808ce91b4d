//! Speaker mentions next to a cue: "Ukraine's Defense Minister Rustem
//! Umerov said", "said a Downing Street spokesman", "Rustem Umerov,
//! Ukraine's defense minister, said", "he said".
//!
//! Why word rules and no parser: a speaker mention is a short run of
//! capitalised words, titles, role nouns and possessives right before the cue
//! (or right after it, inverted), optionally with an appositive between
//! commas. Recognising that run from word lists is what makes extraction run
//! at hundreds of articles per second, and the lists live in `words.txt`.

use super::lexicon::{is_auxiliary, pronoun, Words};
use crate::quote::tokens::{lower, Tok};
use crate::types::Span;

/// A speaker mention and the introduction around it (title, appositive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionMatch {
    /// The mention itself: the name with its leading title, a role noun
    /// phrase or a pronoun.
    pub mention: Span,
    /// The mention with its appositive, when there is one; else `mention`.
    pub intro: Span,
}

const DETERMINERS: &[&str] = &["the", "a", "an", "another", "one"];

const MODIFIERS: &[&str] = &[
    "new",
    "think",
    "recent",
    "latest",
    "unnamed",
    "anonymous",
    "other",
    "two",
    "three",
    "four",
    "several",
    "top",
    "senior",
    "longtime",
    "longstanding",
    "veteran",
    "retired",
    "outgoing",
    "incoming",
    "fellow",
    "many",
    "some",
    "both",
    "independent",
    "local",
    "foreign",
    "federal",
    "state",
    "u.s",
    "u.n",
    "u.k",
    "e.u",
    "white",
];

/// Capitalised words that start sentences or clauses, never names.
const FUNCTION: &[&str] = &[
    "but",
    "and",
    "or",
    "so",
    "then",
    "when",
    "if",
    "after",
    "before",
    "while",
    "as",
    "also",
    "yet",
    "still",
    "because",
    "although",
    "though",
    "meanwhile",
    "however",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "to",
    "of",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "what",
    "which",
    "where",
    "why",
    "how",
    "not",
    "no",
    "yes",
    "now",
    "today",
    "yesterday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "asked",
    "earlier",
    "later",
    "last",
    "next",
    "speaking",
    "writing",
    "it",
    "its",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "my",
    "our",
    "his",
    "her",
    "their",
    "during",
    "since",
    "until",
    "about",
    "over",
    "under",
    "into",
    "instead",
    "indeed",
    "perhaps",
    "separately",
    "similarly",
    "moreover",
    "furthermore",
    "asked",
    "overall",
    "according",
    "said",
    "says",
    "tonight",
    "thanks",
    "despite",
    "without",
    "more",
    "most",
    "just",
    "even",
    "only",
    "once",
    "the",
    "a",
    "an",
    "having",
    "being",
    "while",
    "all",
    "every",
    "each",
    "both",
    "neither",
    "either",
];

/// A function word, or a weekday ([`FUNCTION`] plus the shared weekday list).
/// Particles of surnames ("von der Leyen", "De Wever", "Ó Riada"), lower-case.
pub(crate) const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "di", "da", "du", "la", "le", "al", "el", "bin", "ibn", "ó",
    "ní", "ua", "dos", "das", "del", "ter",
];

/// Whether a word (as written) is a surname particle: any listed one in
/// lower case ("von der Leyen", "al-Ansari"); capitalised only those that
/// are no first names ("De Wever", "Le Pen", "Ó Riada", but "Al Gore").
pub(crate) fn is_particle(word: &str) -> bool {
    let l = word.to_lowercase();
    PARTICLES.contains(&l.as_str())
        && (word.starts_with(char::is_lowercase)
            || !matches!(l.as_str(), "al" | "el" | "bin" | "ibn"))
}

/// A function word (article, preposition, conjunction, weekday).
pub(crate) fn is_function(w: &str) -> bool {
    FUNCTION.contains(&w) || crate::attribute::lexicon::WEEKDAYS.contains(&w)
}

/// Groups named by who employs them ("analysts at Kestrel Bank").
pub(crate) const EMPLOYED_GROUPS: &[&str] = &[
    "analysts",
    "economists",
    "strategists",
    "researchers",
    "scientists",
    "academics",
    "experts",
];

const TITLE_ABBR: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "gen", "gov", "rep", "lt", "col", "st", "jr", "sr", "prof",
    "rev", "capt", "sgt", "maj", "adm", "u.s", "u.n", "u.k", "e.u", "pres", "atty",
];

/// Whether a capitalised word can be part of a name.
pub fn name_word(text: &str, t: &Tok) -> bool {
    t.capitalized(text) && (t.named || !is_function(&lower(text, t)))
}

fn np_word(text: &str, t: &Tok, w: &Words) -> bool {
    if !t.word {
        return false;
    }
    let l = lower(text, t);
    if is_function(&l) && !t.named {
        return false;
    }
    t.capitalized(text)
        || w.is_title(&l)
        || w.roles.contains(&l)
        || w.organizations.contains(&l)
        || w.anonymous.contains(&l)
        || MODIFIERS.contains(&l.as_str())
        || l.ends_with("'s")
}

/// Whether the token can end a speaker noun phrase.
fn np_final(text: &str, t: &Tok, w: &Words) -> bool {
    if !t.word {
        return false;
    }
    let l = lower(text, t);
    name_word(text, t)
        || w.roles.contains(&l)
        || w.organizations.contains(&l)
        || w.anonymous.contains(&l)
        || w.titles.contains(&l)
        // ("His wife announced ...", "The president's mother said".)
        || (!t.capitalized(text) && crate::attribute::rule::is_kin(&l))
}

/// "A senior Western diplomat in Geneva", "a former manager in the
/// company's finance team": the person before the place, when the phrase
/// `s..=j` is a place or organisation after "in" (or after "on", "at",
/// "near", "from" when capitalised) and a role noun heads the phrase before
/// it ("officials in Washington" stay the place: they are nobody;
/// "Neighbours on nearby Rawcliffe Street" are the neighbours). Returns the
/// start of the speaker phrase and the token its mention ends before
/// ("Analysts at Kestrel Bank" keep their employer).
fn role_before_place(
    text: &str,
    toks: &[Tok],
    s: usize,
    j: usize,
    w: &Words,
) -> Option<(usize, usize)> {
    let near = usize::from(s >= 3 && toks[s - 1].word && lower(text, &toks[s - 1]) == "nearby");
    let s_place = s - near;
    let placed = s_place >= 2
        && toks[s_place - 1].word
        && (lower(text, &toks[s_place - 1]) == "in"
            || (matches!(
                lower(text, &toks[s_place - 1]).as_str(),
                "on" | "at" | "near" | "from"
            ) && toks[s..=j].iter().all(|t| t.capitalized(text))));
    if !placed {
        return None;
    }
    let s = s_place;
    // (Residents on a street are who speaks; officials in Washington
    // stay the place.)
    let in_place = lower(text, &toks[s - 1]) == "in";
    // "One controller at a facility in the Northeast": the role before
    // where it works, then the place.
    let mut h = s - 2;
    if !w.roles.contains(&lower(text, &toks[h])) {
        let plain = |t: &Tok| t.word && !t.capitalized(text) && !is_function(&lower(text, t));
        let mut k = h;
        while k > 0 && h - k < 2 && plain(&toks[k]) {
            k -= 1;
        }
        if k < h
            && k >= 2
            && toks[k].word
            && DETERMINERS.contains(&lower(text, &toks[k]).as_str())
            && matches!(lower(text, &toks[k - 1]).as_str(), "at" | "from")
        {
            h = k - 2;
        }
    }
    let indefinite_at = |k: usize| {
        toks[k].word
            && matches!(
                lower(text, &toks[k]).as_str(),
                "one" | "a" | "an" | "another"
            )
    };
    // ("One controller": a noun no word list knows, after "one" or "a".)
    let one_noun = || {
        (h >= 1 && toks[h].word && !toks[h].capitalized(text) && indefinite_at(h - 1))
            .then_some(h - 1)
    };
    let r = np_backward(text, toks, h, w).or_else(one_noun)?;
    let head = lower(text, &toks[h]);
    // ("Residents in Burnage" are the residents: people of a place.)
    let of_place = matches!(
        head.as_str(),
        "residents" | "neighbours" | "neighbors" | "locals"
    );
    // ("One controller at a facility in Ohio": any noun after "one" or
    // "a" is a person the article does not name.)
    let indefinite = h + 2 < s && indefinite_at(r) && !toks[h].capitalized(text);
    if !(w.roles.contains(&head) || indefinite)
        || (in_place && w.anonymous.contains(&head) && !of_place)
    {
        return None;
    }
    // "Analysts at Kestrel Bank said": who employs them is who they are.
    let employer = matches!(lower(text, &toks[s - 1]).as_str(), "at" | "from")
        && EMPLOYED_GROUPS.contains(&head.as_str());
    let end = if employer {
        j + 1
    } else if h + 2 < s {
        h + 1
    } else {
        s - 1
    };
    Some((r, end))
}

/// Start index of a strict noun phrase ending at token `j` (inclusive).
fn np_backward(text: &str, toks: &[Tok], j: usize, w: &Words) -> Option<usize> {
    if !np_final(text, &toks[j], w) {
        return None;
    }
    let mut start = j;
    let mut k = j;
    while k > 0 && j - k < 12 {
        let t = &toks[k - 1];
        // A middle initial ("Paul D. Ryan") too.
        let initial = |p: &Tok| {
            let w = p.text(text);
            w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase())
        };
        if t.is(text, '.')
            && k >= 2
            && (TITLE_ABBR.contains(&lower(text, &toks[k - 2]).as_str()) || initial(&toks[k - 2]))
        {
            // "Mr." / "Sen." stays with the name: skip the period here, take
            // the abbreviation on the next round.
            k -= 1;
            continue;
        }
        // A plural possessive ("Patients' groups"): the apostrophe ends a
        // capitalised word in -s.
        if (t.is(text, '\'') || t.is(text, '’'))
            && k >= 2
            && toks[k - 2].span.end == t.span.start
            && toks[k - 2].capitalized(text)
            && toks[k - 2].text(text).ends_with('s')
        {
            start = k - 2;
            k -= 2;
            continue;
        }
        // "A Department for Education (DfE) spokesperson": an acronym in
        // brackets inside the phrase.
        if t.is(text, ')')
            && k >= 4
            && toks[k - 3].is(text, '(')
            && toks[k - 2].word
            && toks[k - 2].text(text).len() <= 6
            && toks[k - 2]
                .text(text)
                .starts_with(|c: char| c.is_ascii_uppercase())
            && toks[k - 4].word
            && toks[k - 4].capitalized(text)
        {
            k -= 3;
            continue;
        }
        // "the Ministry of Housing, Communities and Local Government": a
        // ministry's list of portfolios runs over a comma (capitalised
        // words, then "and", to the head; back to "of"/"for" after the
        // organisation's word).
        if t.is(text, ',') && k >= 3 && toks[k].capitalized(text) {
            let rest = &toks[k..=j];
            let listed = rest
                .iter()
                .all(|x| x.capitalized(text) || (x.word && lower(text, x) == "and"))
                && rest.iter().any(|x| lower(text, x) == "and");
            let mut p = k - 2;
            while p > 0 && toks[p].word && toks[p].capitalized(text) && k - p < 5 {
                p -= 1;
            }
            let ministry = p >= 1
                && p < k - 2
                && matches!(lower(text, &toks[p]).as_str(), "of" | "for")
                && w.organizations.contains(&lower(text, &toks[p - 1]));
            if listed && ministry {
                k -= 1;
                continue;
            }
        }
        if !t.word {
            break;
        }
        let l = lower(text, t);
        // "the Coordination Headquarters for the Treatment of Prisoners of
        // War", "the Institute for the Study of War": "for the" inside a
        // name, after capitalised words.
        if l == "the"
            && k >= 3
            && toks[k].capitalized(text)
            && matches!(lower(text, &toks[k - 2]).as_str(), "for" | "of")
            && toks[k - 3].word
            && toks[k - 3].capitalized(text)
            && w.organizations.contains(&lower(text, &toks[k - 3]))
        {
            k -= 2;
            continue;
        }
        if DETERMINERS.contains(&l.as_str()) {
            start = k - 1;
            break;
        }
        // "Ursula von der Leyen": particles between parts of a name.
        if is_particle(t.text(text)) && k >= 2 && toks[k].capitalized(text) {
            let mut p = k - 1;
            while p > 0 && toks[p - 1].word && is_particle(toks[p - 1].text(text)) {
                p -= 1;
            }
            if p > 0 && toks[p - 1].word && toks[p - 1].capitalized(text) {
                k = p;
                start = p;
                continue;
            }
        }
        if np_word(text, t, w) {
            start = k - 1;
            k -= 1;
            continue;
        }
        // "Fix Our Homes London", "Save Our NHS": a capitalised possessive
        // between capitalised words of a campaign's name.
        if matches!(t.text(text), "Our" | "Your" | "My" | "Their")
            && k >= 2
            && toks[k - 2].word
            && toks[k - 2].capitalized(text)
            && toks[k].capitalized(text)
        {
            start = k - 2;
            k -= 2;
            continue;
        }
        // "a club spokesman", "a council spokeswoman": the organisation's
        // common noun before the spokes-word.
        if k == j
            && matches!(
                lower(text, &toks[j]).as_str(),
                "spokesman" | "spokeswoman" | "spokesperson"
            )
            && w.org_nouns.contains(&l)
        {
            start = k - 1;
            k -= 1;
            continue;
        }
        // "a No 10 spokesman": Downing Street by its door number.
        if l == "10" && k >= 2 && toks[k - 2].text(text) == "No" {
            start = k - 2;
            k -= 2;
            continue;
        }
        // "Secretary of State", "Department for Transport".
        if (l == "of" || l == "for") && k >= 2 && toks[k - 2].capitalized(text) {
            k -= 1;
            continue;
        }
        // "West Yorkshire Fire and Rescue Service": "and" between
        // capitalised words of a name that ends in an organisation word.
        if l == "and"
            && k >= 2
            && toks[k - 2].capitalized(text)
            && toks[k].capitalized(text)
            && w.organizations.contains(&lower(text, &toks[j]))
        {
            k -= 1;
            continue;
        }
        // "NHS Greater Glasgow and Clyde": "and" inside a name that opens
        // with an organisation's word.
        if l == "and" && k >= 2 && toks[k - 2].capitalized(text) && toks[k].capitalized(text) {
            let mut p = k - 2;
            while p > 0 && k - p < 6 && toks[p - 1].word && toks[p - 1].capitalized(text) {
                p -= 1;
            }
            if w.organizations.contains(&lower(text, &toks[p])) {
                k -= 1;
                continue;
            }
        }
        // "Ministry of Housing, Communities and Local Government": "and"
        // ending a list of portfolios after a comma.
        if l == "and" && k >= 2 && toks[k - 2].capitalized(text) && toks[k].capitalized(text) {
            let mut p = k - 2;
            while p > 0 && k - p < 6 && toks[p - 1].word && toks[p - 1].capitalized(text) {
                p -= 1;
            }
            let mut q = p.saturating_sub(1);
            if p >= 3 && toks[p - 1].is(text, ',') {
                q = p - 2;
                while q > 0 && p - q < 6 && toks[q].word && toks[q].capitalized(text) {
                    q -= 1;
                }
            }
            let listed = q >= 1
                && q + 1 < p
                && toks[p - 1].is(text, ',')
                && matches!(lower(text, &toks[q]).as_str(), "of" | "for")
                && w.organizations.contains(&lower(text, &toks[q - 1]));
            if listed {
                k -= 1;
                continue;
            }
        }
        // "Department of Health and Social Care": "and" inside an
        // organisation's name (an organisation word, then "of"/"for", then
        // capitalised words up to here).
        if l == "and" && k >= 2 && toks[k - 2].capitalized(text) {
            let mut p = k - 2;
            while p > 0 && k - p < 6 && toks[p - 1].word && toks[p - 1].capitalized(text) {
                p -= 1;
            }
            let of = p >= 2 && matches!(lower(text, &toks[p - 1]).as_str(), "of" | "for");
            if of && w.organizations.contains(&lower(text, &toks[p - 2])) {
                k -= 1;
                continue;
            }
        }
        // "A bin worker", "one bus driver": a plain noun the word lists do
        // not know, right after the determiner, modifies the role.
        // ("The Ukrainian air force": the same before an organisation's
        // word, after a determiner or a word of the phrase.)
        // ("One fish farm worker", "with tourism operators saying": up to
        // two such nouns, after a determiner or "with".)
        let modifier = |t: &Tok| t.word && !t.capitalized(text) && !is_function(&lower(text, t));
        let opener = |t: &Tok| {
            let l = lower(text, t);
            t.word && (DETERMINERS.contains(&l.as_str()) || t.capitalized(text) || l == "with")
        };
        let head = lower(text, &toks[j]);
        // ("One backbench MP": an abbreviated title is a role too.)
        let short_title = w.is_title(&head)
            && toks[j].text(text).len() <= 4
            && toks[j].text(text).chars().all(|c| c.is_ascii_uppercase());
        if k == j
            && k >= 2
            && (!toks[j].capitalized(text) || short_title)
            && (w.roles.contains(&head)
                || w.organizations.contains(&head)
                || crate::attribute::rule::is_kin(&head)
                || short_title)
            && modifier(t)
        {
            if opener(&toks[k - 2]) {
                start = k - 1;
                k -= 1;
                continue;
            }
            if k >= 3 && modifier(&toks[k - 2]) && opener(&toks[k - 3]) {
                start = k - 2;
                k -= 2;
                continue;
            }
        }
        break;
    }
    // A leading "of" is not part of the phrase.
    while start < j && lower(text, &toks[start]) == "of" {
        start += 1;
    }
    Some(start)
}

/// End index (exclusive) of a strict noun phrase starting at token `i`.
fn np_forward(text: &str, toks: &[Tok], i: usize, w: &Words) -> Option<usize> {
    let mut k = i;
    if k < toks.len() && toks[k].word && DETERMINERS.contains(&lower(text, &toks[k]).as_str()) {
        k += 1;
    }
    // "political scientist Dossym Satpayev", "film director Osman Abu
    // Laban": one or two plain words before a role or title.
    // (Not a verb: "said the mediators were hopeful" has no role
    // "hopeful".)
    let plain = |t: &Tok| {
        let l = lower(text, t);
        t.word
            && !t.capitalized(text)
            && !is_function(&l)
            && pronoun(&l).is_none()
            && !w.skip.contains(&l)
            && !l.ends_with("ly")
            && !is_auxiliary(&l)
    };
    let role = |t: &Tok| {
        let l = lower(text, t);
        t.word && !t.capitalized(text) && (w.roles.contains(&l) || w.is_title(&l))
    };
    for m in [1, 2] {
        // (Before a name or the end of the phrase only: "an increased
        // security role for the country" is an object, whole.)
        // (Ending the phrase, only a role noun: "hopeful" is a title
        // before a name, "were hopeful" no speaker.)
        let named = toks
            .get(k + m + 1)
            .is_some_and(|t| t.word && t.capitalized(text));
        let closes = toks.get(k + m + 1).is_none_or(|t| !t.word)
            && toks
                .get(k + m)
                .is_some_and(|t| w.roles.contains(&lower(text, t)));
        if toks.len() > k + m
            && toks[k..k + m].iter().all(plain)
            && role(&toks[k + m])
            && (named || closes)
        {
            k += m;
            break;
        }
    }
    let mut end = None;
    while k < toks.len() && k - i < 12 {
        let t = &toks[k];
        let initial = k > i
            && toks[k - 1].word
            && toks[k - 1].text(text).len() == 1
            && toks[k - 1].capitalized(text);
        if t.is(text, '.')
            && k > i
            && (initial || TITLE_ABBR.contains(&lower(text, &toks[k - 1]).as_str()))
        {
            k += 1;
            continue;
        }
        if np_word(text, t, w) {
            k += 1;
            if np_final(text, t, w) {
                end = Some(k);
            }
            continue;
        }
        if t.word && lower(text, t) == "of" && k + 1 < toks.len() && toks[k + 1].capitalized(text) {
            k += 1;
            continue;
        }
        // "the Southern Glens Health and Social Care Trust": "and" between
        // capitalised words of a name that ends in an organisation's word.
        if t.word
            && (lower(text, t) == "and" || t.text(text) == "&")
            && k > i
            && toks[k - 1].capitalized(text)
        {
            let mut e = k + 1;
            while e < toks.len() && e - k <= 5 && toks[e].word && toks[e].capitalized(text) {
                e += 1;
            }
            if e > k + 1 && w.organizations.contains(&lower(text, &toks[e - 1])) {
                k += 1;
                continue;
            }
        }
        // "the Office for Students", "Transport for London": "for" after
        // an organisation's word.
        if t.word
            && lower(text, t) == "for"
            && k > i
            && k + 1 < toks.len()
            && toks[k + 1].capitalized(text)
            && matches!(lower(text, &toks[k - 1]).as_str(), p if w.organizations.contains(p) || p == "transport")
        {
            k += 1;
            continue;
        }
        break;
    }
    end
}

/// Whether tokens `a..b` read as a person's name (capitalised, last word not a title).
fn name_like(text: &str, toks: &[Tok], a: usize, b: usize, w: &Words) -> bool {
    b > a
        // ", of West Midlands Police,": an affiliation, not a name.
        && lower(text, &toks[a]) != "of"
        && toks[a..b]
            .iter()
            .all(|t| {
                (t.word
                    && (t.capitalized(text)
                        || matches!(lower(text, t).as_str(), "of" | "for")
                        || is_particle(t.text(text))))
                    || t.is(text, '.')
            })
        && toks[a..b]
            .iter()
            .any(|t| name_word(text, t) && !w.is_title(&lower(text, t)))
        && !w.is_title(&lower(text, &toks[b - 1]))
}

/// "One Port Glasgow welder" in "One Port Glasgow welder, who asked not to
/// be named, said": a short phrase that opens the sentence with "one", "a"
/// or "the" and ends in a common noun the word lists need not know. `end`
/// is the index of the comma after it; the phrase must start at token 0.
fn opening_description(text: &str, toks: &[Tok], end: usize) -> Option<usize> {
    // (Two words after "the" only with a role: "The mayor, still stinging,
    // ..." but not "The bound, 104-page document".)
    let indefinite = matches!(lower(text, &toks[0]).as_str(), "one" | "a" | "an");
    if end == 2 && !indefinite && !Words::builtin().roles.contains(&lower(text, &toks[1])) {
        return None;
    }
    if !(2..=6).contains(&end) || !toks[..end].iter().all(|t| t.word || t.is(text, '-')) {
        return None;
    }
    let det = lower(text, &toks[0]);
    // (The head noun is before "of": "resident of Orsk".)
    let head = toks[..end]
        .iter()
        .position(|t| lower(text, t) == "of")
        .unwrap_or(end);
    let last = &toks[head - 1];
    let l = lower(text, last);
    // ("One of the whistleblowers" is one of a group, not its name; "The
    // program is hardly formal" is a clause.)
    let partitive = toks.get(1).is_some_and(|t| lower(text, t) == "of");
    // ("One resident of Orsk": "of" and a place are part of the phrase.)
    let clause = toks[1..end].iter().any(|t| {
        let l = lower(text, t);
        (is_function(&l) && l != "of")
            || l.ends_with("ly")
            || matches!(
                l.as_str(),
                "is" | "was"
                    | "are"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "be"
                    | "been"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "not"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
            )
    });
    if clause {
        return None;
    }
    (matches!(det.as_str(), "one" | "a" | "an" | "the")
        && !partitive
        && last.word
        && !last.capitalized(text)
        && !is_function(&l)
        && !l.ends_with("ly"))
    .then_some(0)
}

/// Start of a lenient phrase (an appositive) ending at `j`: words only, back
/// to a comma, at most 10 tokens.
fn lenient_backward(text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    let mut k = j;
    loop {
        let t = &toks[k];
        // A plural possessive keeps its apostrophe ("Sanders’ campaign
        // manager"): the mark glued to the word before it.
        let possessive = (t.is(text, '’') || t.is(text, '\''))
            && k > 0
            && toks[k - 1].word
            && toks[k - 1].span.end == t.span.start;
        // "director of the Institute for Fiscal Studies (IFS)": an
        // abbreviation in brackets stays inside the appositive.
        let bracket = t.is(text, '(') || t.is(text, ')');
        if !(t.word || t.is(text, '.') || t.is(text, '-') || possessive || bracket) {
            return (k < j).then_some(k + 1);
        }
        if k == 0 || j - k >= 14 {
            return Some(k);
        }
        k -= 1;
    }
}

fn span_of(toks: &[Tok], a: usize, b: usize) -> Span {
    Span::new(toks[a].span.start, toks[b - 1].span.end)
}

/// The mention `toks[a..b]`, introduced up to the cue's subject end `j`
/// (exclusive), with the index it starts at.
fn to_cue(toks: &[Tok], a: usize, b: usize, j: usize) -> (MentionMatch, usize) {
    let mention = span_of(toks, a, b);
    let m = MentionMatch {
        mention,
        intro: Span::new(mention.start, toks[j - 1].span.end),
    };
    (m, a)
}

/// The start of a name that opens its clause and ends before token `end`
/// ("Danielle Okafor" in "Danielle Okafor, Labour MP for ...").
fn opening_name(text: &str, toks: &[Tok], end: usize, w: &Words) -> Option<usize> {
    let n = np_backward(text, toks, end - 1, w)?;
    let opens = n == 0 || !toks[n - 1].word;
    (opens && name_like(text, toks, n, end, w)).then_some(n)
}

/// A lower-case "-ly" adverb ("forcefully told", "erroneously suggested"),
/// not one of the common nouns that end the same way.
fn manner_adverb(l: &str) -> bool {
    l.len() > 4
        && l.ends_with("ly")
        && l.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(
            l,
            "family" | "ally" | "rally" | "assembly" | "supply" | "anomaly" | "monopoly" | "reply"
        )
}

/// A preposition that starts a phrase after a noun ("familiar with the
/// talks", "head of the delegation").
fn preposition(l: &str) -> bool {
    matches!(
        l,
        "with" | "of" | "to" | "in" | "on" | "at" | "for" | "from" | "about" | "by" | "over"
    )
}

/// Index right after the speaker of cue token `cue`: back over auxiliaries
/// and adverbs ("has also said", "forcefully told").
fn skip_adverbs(text: &str, toks: &[Tok], cue: usize, w: &Words) -> usize {
    let mut j = cue;
    loop {
        // (A capitalised "-ly" word is a name: "MEP Clodagh Fennelly said".)
        while j > 0 && toks[j - 1].word && !toks[j - 1].named && {
            let l = lower(text, &toks[j - 1]);
            w.skip.contains(&l) || (manner_adverb(&l) && !toks[j - 1].capitalized(text))
        } {
            j -= 1;
        }
        // "Tom Aldred is understood to have told", "is believed to have
        // warned": a raising verb and its "to" stand between the subject
        // and the cue.
        let raised = j >= 3
            && toks[j - 1].word
            && lower(text, &toks[j - 1]) == "to"
            && toks[j - 2].word
            && matches!(
                lower(text, &toks[j - 2]).as_str(),
                "understood" | "believed" | "thought" | "known" | "reported" | "alleged"
            )
            && toks[j - 3].word
            && matches!(
                lower(text, &toks[j - 3]).as_str(),
                "is" | "are" | "was" | "were" | "been"
            );
        if !raised {
            return j;
        }
        j -= 2;
    }
}

/// Where a short participle aside between commas that ends right before
/// token `j` opens ("Nicholas Penfold, prosecuting, told"; "Tom Reeve,
/// representing the family, said"; "Rachel Igwe, for Hughes, said", whom a
/// lawyer acts for; "for example"): the index of its opening comma, with a
/// capitalised word before it.
pub fn participle_aside(text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    if j < 4 || !toks[j - 1].is(text, ',') {
        return None;
    }
    let open = (j.saturating_sub(6)..j - 1)
        .rev()
        .find(|&k| !toks[k].word)
        .filter(|&k| toks[k].is(text, ','))?;
    let first = toks.get(open + 1)?;
    let l = lower(text, first);
    let ok = first.word
        && !first.capitalized(text)
        && ((l.len() > 5 && l.ends_with("ing")) || (l == "for" && j - open <= 6))
        && (open + 1..j - 1).all(|k| toks[k].word)
        && open > 0
        && toks[open - 1].word
        && toks[open - 1].capitalized(text);
    ok.then_some(open)
}

/// Prepositions that open a sentence with a place or time before its
/// subject ("Outside Westminster, the coalition ... said").
const FRONTED: &[&str] = &[
    "outside",
    "inside",
    "in",
    "at",
    "on",
    "across",
    "after",
    "before",
    "beyond",
    "elsewhere",
    "meanwhile",
    "from",
    "near",
    "throughout",
    "during",
    "within",
];

/// The speaker before cue token `cue`, skipping auxiliaries and adverbs
/// ("has also said"). Returns the match and the index of its first token.
pub fn subject_before(
    text: &str,
    toks: &[Tok],
    cue: usize,
    w: &Words,
) -> Option<(MentionMatch, usize)> {
    let mut j = skip_adverbs(text, toks, cue, w);
    // "Nicholas Penfold, prosecuting, told the court": a court role between
    // commas.
    if let Some(open) = participle_aside(text, toks, j) {
        j = open;
    }
    // "Gov. John Kasich (R-OH), said": the comma after a party label too
    // (not after "(IFS)", an abbreviation closing an appositive).
    if j >= 4 && toks[j - 1].is(text, ',') && toks[j - 2].is(text, ')') {
        let label = text[..toks[j - 2].span.start]
            .rsplit_once('(')
            .is_some_and(|(_, inner)| {
                let mut c = inner.chars();
                c.next().is_some_and(|f| f.is_ascii_uppercase())
                    && matches!(c.next(), Some('-' | '.') | None)
            });
        if label {
            j -= 1;
        }
    }
    // "Sen. Luis Arroyo, D-N.M., said", "Sen. Dana Whitfield, R-Kan.,
    // who chairs ...": a party label between commas is an aside too.
    if j >= 4 && toks[j - 1].is(text, ',') {
        if let Some(open) = (j.saturating_sub(9)..j - 1)
            .rev()
            .find(|&k| toks[k].is(text, ','))
        {
            let label = text[toks[open].span.end..toks[j - 1].span.start].trim();
            let mut c = label.chars();
            let party = matches!(c.next(), Some('D' | 'R' | 'I'))
                && c.next() == Some('-')
                && label.len() <= 10
                && label[2..].starts_with(|ch: char| ch.is_ascii_uppercase())
                && label[2..]
                    .chars()
                    .all(|ch| ch.is_ascii_alphabetic() || ch == '.');
            if party && open >= 1 && toks[open - 1].word && toks[open - 1].capitalized(text) {
                j = open;
            }
        }
    }
    // "Sen. Claire McCaskill (D-Mo.) said": the party label is an aside.
    if j >= 3 && toks[j - 1].is(text, ')') {
        if let Some(open) = (j.saturating_sub(8)..j - 1)
            .rev()
            .find(|&k| toks[k].is(text, '('))
        {
            if open > 0 && toks[open - 1].word && toks[open - 1].capitalized(text) {
                j = open;
            }
        }
    }
    if j == 0 {
        return None;
    }
    let j = j - 1;
    let t = &toks[j];
    if t.word && pronoun(&lower(text, t)).is_some() {
        let l = lower(text, t);
        if matches!(l.as_str(), "him" | "his" | "her" | "them" | "their" | "its") {
            return None;
        }
        let m = MentionMatch {
            mention: t.span,
            intro: t.span,
        };
        return Some((m, j));
    }
    if t.is(text, ',') && j >= 2 {
        // "Mairi MacLeod, who runs a guest house in Lochboisdale with her
        // husband, Donald, said": the name opening the sentence, before a
        // relative clause with commas of its own.
        let open = (0..j)
            .rev()
            .find(|&k| toks[k].is(text, '.') || toks[k].is(text, '?') || toks[k].is(text, '!'))
            .map_or(0, |k| k + 1);
        let who = (open + 1..j - 1).find(|&k| {
            toks[k].is(text, ',') && toks[k + 1].word && lower(text, &toks[k + 1]) == "who"
        });
        if let Some(k) = who.filter(|&k| {
            (k + 2..j).any(|c| toks[c].is(text, ','))
                && toks[open..k].iter().all(|t| t.word && t.capitalized(text))
        }) {
            if name_like(text, toks, open, k, w) {
                return Some(to_cue(toks, open, k, j));
            }
        }
        // "Ingrid Solheim, the United Nations special envoy ..., who
        // attended the talks as an observer, said": an appositive between
        // the opening name and the relative clause.
        if let Some(k) = who {
            let n = (open + 1..k).find(|&c| toks[c].is(text, ','));
            let appositive = n.filter(|&n| {
                n < k
                    && toks[open..n].iter().all(|t| t.word && t.capitalized(text))
                    && toks.get(n + 1).is_some_and(|t| {
                        t.word && matches!(lower(text, t).as_str(), "the" | "a" | "an")
                    })
                    && toks[n + 1..k]
                        .iter()
                        .all(|t| t.word || t.is(text, '-') || t.is(text, '\''))
            });
            if let Some(n) = appositive.filter(|&n| name_like(text, toks, open, n, w)) {
                return Some(to_cue(toks, open, n, j));
            }
        }
        // "A nurse who has worked on the ward for more than a decade, and
        // who asked not to be named, said": a description opening the
        // sentence, its relative clause joined without a comma.
        if toks[open].word
            && matches!(
                lower(text, &toks[open]).as_str(),
                "a" | "an" | "one" | "the"
            )
        {
            let who = (open + 2..(open + 5).min(j))
                .find(|&k| toks[k].word && lower(text, &toks[k]) == "who");
            if let Some(k) = who.filter(|&k| {
                toks[open + 1..k].iter().all(|t| t.word || t.is(text, '-'))
                    && (k + 1..j).any(|c| toks[c].is(text, ','))
            }) {
                return Some(to_cue(toks, open, k, j));
            }
        }
        // "The 47-year-old, who took charge after four years as Scarlets
        // forwards coach, admitted": a long relative clause (no comma
        // inside) between the subject and the cue.
        let relative = (1..j - 1).rev().take(30).find(|&c| {
            toks[c].is(text, ',')
                || (c + 1 < j
                    && toks[c + 1].word
                    && matches!(lower(text, &toks[c + 1]).as_str(), "who" | "whose"))
        });
        // (Only after a plain subject: "Steve Witkoff, Trump's special
        // envoy, who ..." is handled below, by the name.)
        // "Hannah Lowther, 34, who founded ...": an age between the name
        // and the relative clause is an aside.
        let relative = relative.map(|c| {
            let age = c >= 3
                && toks[c - 2].is(text, ',')
                && text[toks[c - 1].span.start..toks[c - 1].span.end]
                    .chars()
                    .all(|ch| ch.is_ascii_digit());
            if age {
                (c, c - 2)
            } else {
                (c, c)
            }
        });
        if let Some((_, c)) = relative.filter(|&(r, c)| {
            toks[r].is(text, ',')
                && r + 1 < j
                && lower(text, &toks[r + 1]) == "who"
                && c >= 1
                && !toks[..c].iter().any(|t| t.is(text, ','))
        }) {
            // Or a short description opening the sentence ("The
            // 47-year-old", "The coach").
            // ("A senior Turkish official familiar with the talks, who
            // ...": a longer one with a role word before its preposition.)
            let described = || {
                let short = c <= 6;
                let with_role = c <= 10
                    && toks[..c]
                        .iter()
                        .take_while(|t| !preposition(&lower(text, t)))
                        .any(|t| {
                            let l = lower(text, t);
                            w.roles.contains(&l) || w.is_title(&l)
                        });
                // ("A paramedic with the ambulance service, who ...", "One
                // nurse at the hospital, who ...": one person, an unlisted
                // noun before the preposition.)
                let one = toks[..c]
                    .iter()
                    .position(|t| preposition(&lower(text, t)))
                    .is_some_and(|p| {
                        (2..=4).contains(&p)
                            && matches!(lower(text, &toks[0]).as_str(), "a" | "an" | "one")
                            && toks[1..p].iter().all(|t| !t.capitalized(text))
                    });
                ((short || with_role || one)
                    && toks[..c].iter().all(|t| t.word || t.is(text, '-'))
                    && matches!(lower(text, &toks[0]).as_str(), "the" | "a" | "an" | "one"))
                .then_some(0)
            };
            // "A former senior manager in the company's finance team, who
            // asked not to be named, said": the person before the place.
            // ("One neighbour on Mill Lane, who ...": on a street too.)
            // (Not "from": "Campaigners from Save Hollinfield Libraries,
            // who ..." are the campaign's voice.)
            let np = np_backward(text, toks, c - 1, w);
            let placed = np
                .filter(|&s| {
                    s >= 1
                        && toks[s - 1].word
                        && matches!(lower(text, &toks[s - 1]).as_str(), "in" | "on" | "near")
                })
                .and_then(|s| role_before_place(text, toks, s, c - 1, w));
            if let Some((r, end)) = placed {
                return Some(to_cue(toks, r, end, j));
            }
            // (An object of a preposition is no subject: "familiar with the
            // talks".)
            let object = np.is_some_and(|s| {
                s >= 1 && toks[s - 1].word && preposition(&lower(text, &toks[s - 1]))
            });
            let np = if object { described().or(np) } else { np };
            if let Some(s) = np.or_else(described) {
                return Some(to_cue(toks, s, c, j));
            }
        }
        // "Minister for Housing Ronan Tierney, speaking at the opening of a
        // scheme in Naas, Co Kildare, insisted": a participle aside, commas
        // and place names inside it, between the name and the cue.
        let aside = (j.saturating_sub(30)..j.saturating_sub(2))
            .rev()
            .find(|&p| {
                toks[p].is(text, ',') && toks[p + 1].word && {
                    let l = lower(text, &toks[p + 1]);
                    l.len() > 5 && l.ends_with("ing") && !toks[p + 1].capitalized(text)
                }
            });
        if let Some(p) = aside.filter(|&p| p >= 1 && (p + 1..j).any(|k| toks[k].is(text, ','))) {
            if let Some(n) = opening_name(text, toks, p, w) {
                return Some(to_cue(toks, n, p, j));
            }
        }
        // NAME , APPOSITIVE , cue   or   APPOSITIVE , NAME , cue
        let xs = lenient_backward(text, toks, j - 1)?;
        if xs == 0 || !toks[xs - 1].is(text, ',') || xs < 2 {
            return None;
        }
        // NAME , who declined to be named , cue: the relative clause is an
        // aside about the speaker; so is a participle ("James Wood,
        // writing in the New Yorker, called ...").
        let first = lower(text, &toks[xs]);
        let participle = first.len() > 5 && first.ends_with("ing") && !toks[xs].capitalized(text);
        // "The Energy Suppliers' Association (ESA), which ...": the acronym
        // in brackets is part of the name.
        let relative = matches!(first.as_str(), "who" | "which" | "whose");
        let xs = match (relative && xs >= 5 && toks[xs - 2].is(text, ')'))
            .then(|| {
                (xs.saturating_sub(6)..xs - 2)
                    .rev()
                    .find(|&k| toks[k].is(text, '('))
            })
            .flatten()
        {
            Some(open) if open >= 1 && toks[open - 1].word => open + 1,
            _ => xs,
        };
        if first == "who" || first == "which" || first == "whose" || participle {
            // "António Costa, the president of the European Council, who
            // chairs ...": the name before an appositive whose last words
            // are a preposition's object.
            if let Some(s) = np_backward(text, toks, xs - 2, w).filter(|&s| {
                s >= 2
                    && toks[s - 1].word
                    && matches!(
                        lower(text, &toks[s - 1]).as_str(),
                        "of" | "the" | "for" | "at" | "from"
                    )
            }) {
                if let Some(c) = (s.saturating_sub(10)..s)
                    .rev()
                    .find(|&c| toks[c].is(text, ','))
                {
                    if c >= 1 {
                        if let Some(n) = np_backward(text, toks, c - 1, w) {
                            let comma_before =
                                n == 0 || !toks[n - 1].word || toks[n - 1].is(text, ',');
                            if name_like(text, toks, n, c, w) && comma_before {
                                return Some(to_cue(toks, n, c, j));
                            }
                        }
                    }
                }
            }
            if let Some(s) = np_backward(text, toks, xs - 2, w) {
                // "Steve Witkoff, Trump's special envoy, who met ...": the
                // name before the appositive.
                // (Not a fronted place: "Outside Westminster, the Rural
                // Homes Coalition, which ..., said".)
                if s >= 3 && toks[s - 1].is(text, ',') && !name_like(text, toks, s, xs - 1, w) {
                    if let Some(n) = np_backward(text, toks, s - 2, w) {
                        let comma_before = n == 0 || !toks[n - 1].word || toks[n - 1].is(text, ',');
                        let fronted = FRONTED.contains(&lower(text, &toks[n]).as_str());
                        if name_like(text, toks, n, s - 1, w) && comma_before && !fronted {
                            return Some(to_cue(toks, n, s - 1, j));
                        }
                    }
                }
                return Some(to_cue(toks, s, xs - 1, j));
            }
            if let Some(s) = opening_description(text, toks, xs - 1) {
                return Some(to_cue(toks, s, xs - 1, j));
            }
        }
        // "Residents at the Meadow Rise development in Hexley, Northants,
        // say": a county after its town is where, not who; the sentence's
        // subject speaks.
        let county = xs >= 3
            && toks[xs - 2].word
            && toks[xs - 2].capitalized(text)
            && toks[xs - 3].word
            && matches!(
                lower(text, &toks[xs - 3]).as_str(),
                "in" | "at" | "near" | "from" | "outside"
            );
        if county && name_like(text, toks, xs, j, w) {
            let from = (0..xs - 1)
                .rev()
                .find(|&k| toks[k].is(text, '.') || toks[k].is(text, '?') || toks[k].is(text, '!'))
                .map_or(0, |k| k + 1);
            if let Some(m) = sentence_subject(text, &toks[from..xs - 1], w) {
                let s = toks.partition_point(|t| t.span.start < m.start);
                return Some((
                    MentionMatch {
                        mention: m,
                        intro: m,
                    },
                    s,
                ));
            }
        }
        // "Danielle Okafor, Labour MP for Irwell Valley, said": an office
        // for a place after the name describes the name before it.
        let office_for = w.is_title(&lower(text, &toks[xs]))
            && toks[xs..j]
                .iter()
                .any(|t| t.word && matches!(lower(text, t).as_str(), "for" | "of"));
        if office_for && xs >= 2 {
            if let Some(n) = opening_name(text, toks, xs - 1, w)
                .filter(|&n| !toks[n..xs - 1].iter().any(|t| w.is_title(&lower(text, t))))
            {
                return Some(to_cue(toks, n, xs - 1, j));
            }
        }
        if name_like(text, toks, xs, j, w) {
            let mention = span_of(toks, xs, j);
            let intro_start = lenient_backward(text, toks, xs - 2).unwrap_or(xs);
            let m = MentionMatch {
                mention,
                intro: Span::new(toks[intro_start].span.start, mention.end),
            };
            return Some((m, intro_start));
        }
        // NAME , AGE , APPOSITIVE , cue: walk back over up to three
        // comma-separated segments to the name.
        let mut close = xs - 1; // index of the comma before the segment
        for _ in 0..3 {
            if close == 0 {
                break;
            }
            // "head of health at Unison": a name after a preposition is
            // the appositive's object, not the speaker.
            // ("whose brother Samuel": a relative clause about the name
            // before it.)
            let object = |ys: usize| {
                let whose = (ys.saturating_sub(2)..ys).any(|k| lower(text, &toks[k]) == "whose");
                whose
                    || ys > 0
                        && toks[ys - 1].word
                        && matches!(
                            lower(text, &toks[ys - 1]).as_str(),
                            "at" | "of" | "for" | "in" | "with" | "from" | "by" | "on"
                        )
            };
            // "Hebridean Vessels Scotland (HVS), the body that ...,
            // confirmed": the name before its acronym in brackets.
            let np_end = if toks[close - 1].is(text, ')') {
                (close.saturating_sub(4)..close - 1)
                    .rev()
                    .find(|&o| toks[o].is(text, '('))
                    .filter(|&o| o >= 1)
                    .unwrap_or(close)
            } else {
                close
            };
            if let Some(ys) = np_backward(text, toks, np_end - 1, w).filter(|&ys| !object(ys)) {
                // "Victims' campaigner Wilfred Chambers": a description
                // before the name is part of the mention.
                let mut named = np_end - 1;
                while named > ys && toks[named - 1].word && toks[named - 1].capitalized(text) {
                    named -= 1;
                }
                // ("Mr Doyle's wife Lisa": a first name after a relative.)
                let kin = named > ys
                    && matches!(
                        lower(text, &toks[named - 1]).as_str(),
                        "wife"
                            | "husband"
                            | "son"
                            | "daughter"
                            | "brother"
                            | "sister"
                            | "mother"
                            | "father"
                            | "mum"
                            | "dad"
                            | "widow"
                            | "widower"
                    );
                let titled = named > ys
                    && (ys..named)
                        .all(|k| toks[k].word || toks[k].is(text, '\'') || toks[k].is(text, '’'))
                    && (np_end - named >= 2 || kin);
                if name_like(text, toks, ys, np_end, w)
                    || (titled && name_like(text, toks, named, np_end, w))
                {
                    return Some(to_cue(toks, ys, np_end, j));
                }
            }
            // "One Moorside resident, a 34-year-old mother of three, said":
            // the sentence opens with the speaker's description.
            // (Not past a name: "The group's founder, retired teacher
            // Maureen Platt, 71, told" is Maureen Platt.)
            // (A name after a preposition is no speaker: "reached by phone
            // by Sky News".)
            let named_since = (close + 1..j).any(|k| {
                toks[k].word
                    && toks[k].capitalized(text)
                    && !(toks[k - 1].word
                        && matches!(
                            lower(text, &toks[k - 1]).as_str(),
                            "by" | "from" | "at" | "in" | "to" | "of" | "with" | "for" | "on"
                        ))
                    && !(toks[k - 1].word && toks[k - 1].capitalized(text))
            });
            if let Some(ys) = opening_description(text, toks, close).filter(|_| !named_since) {
                return Some(to_cue(toks, ys, close, j));
            }
            let prev = lenient_backward(text, toks, close - 1)?;
            if prev == 0 || !toks[prev - 1].is(text, ',') {
                return None;
            }
            close = prev - 1;
        }
        return None;
    }
    let s = np_backward(text, toks, j, w)?;
    if let Some((r, end)) = role_before_place(text, toks, s, j, w) {
        return Some((
            MentionMatch {
                mention: span_of(toks, r, end),
                intro: span_of(toks, r, j + 1),
            },
            r,
        ));
    }
    // "A source close to the Energy Secretary said", "an ally of the
    // Chancellor said", "an aide to the president said": the source is the
    // whole phrase, not the person it is close to (who is not speaking).
    let link = if s >= 3
        && toks[s - 1].word
        && lower(text, &toks[s - 1]) == "to"
        && lower(text, &toks[s - 2]) == "close"
    {
        Some(s - 2)
    } else if s >= 2
        && toks[s - 1].word
        && matches!(lower(text, &toks[s - 1]).as_str(), "of" | "to")
    {
        Some(s - 1)
    } else {
        None
    };
    if let Some(l) = link.filter(|&l| l >= 1 && toks[l - 1].word) {
        let head = lower(text, &toks[l - 1]);
        let close = l + 2 == s;
        let prep = lower(text, &toks[l]);
        let fits = if close {
            w.roles.contains(&head) || matches!(head.as_str(), "friend" | "friends" | "insider")
        } else {
            match head.as_str() {
                "ally" | "allies" | "friend" | "friends" | "confidant" | "confidants" => {
                    prep == "of"
                }
                // "The daughter of one patient said": the relative speaks.
                "daughter" | "son" | "wife" | "husband" | "mother" | "father" | "sister"
                | "brother" | "widow" | "widower" | "partner" | "parents" | "relatives" => {
                    prep == "of"
                        && toks.get(l + 1).is_some_and(|t| {
                            t.word && matches!(lower(text, t).as_str(), "a" | "an" | "one")
                        })
                }
                "aide" | "aides" | "adviser" | "advisers" => true,
                _ => false,
            }
        };
        if fits {
            // ("A friend": a head the role words do not list.)
            let opener = (l >= 2
                && toks[l - 2].word
                && matches!(
                    lower(text, &toks[l - 2]).as_str(),
                    "a" | "an" | "one" | "the"
                ))
            .then_some(l - 2);
            if let Some(r) = np_backward(text, toks, l - 1, w).or(opener) {
                let mention = span_of(toks, r, j + 1);
                return Some((
                    MentionMatch {
                        mention,
                        intro: mention,
                    },
                    r,
                ));
            }
        }
    }
    // "the union representing guards and station staff said": the noun
    // the participle describes.
    let participle = (s.saturating_sub(6)..s).rev().find(|&p| {
        toks[p].word
            && matches!(
                lower(text, &toks[p]).as_str(),
                "representing" | "running" | "owning" | "operating" | "organising" | "organizing"
            )
    });
    if let Some(p) = participle.filter(|&p| p >= 2 && toks[p..s].iter().all(|t| t.word)) {
        if let Some(r) = np_backward(text, toks, p - 1, w) {
            let head = lower(text, &toks[p - 1]);
            if w.organizations.contains(&head) || w.roles.contains(&head) {
                let mention = span_of(toks, r, p);
                return Some((
                    MentionMatch {
                        mention,
                        intro: span_of(toks, r, j + 1),
                    },
                    r,
                ));
            }
        }
    }
    let span = span_of(toks, s, j + 1);
    Some((
        MentionMatch {
            mention: span,
            intro: span,
        },
        s,
    ))
}

/// Words that open a common-noun speaker after a statement ("..., her
/// friend said", "..., the airline said", "..., several friends said").
const NP_OPENERS: &[&str] = &[
    "the", "a", "an", "another", "one", "her", "his", "their", "its", "our", "several", "two",
    "three", "many", "some",
];

/// A common-noun speaker right before cue token `cue` and right after a
/// comma, for statements whose speaker comes last ("Hamdy was headed to
/// Cairo, her friend said."): an opener (article, possessive, number) and at
/// most three more lower-case words, none of them a function word. The
/// strict [`subject_before`] needs a known role noun ("spokesman"); a
/// statement ending this way names its speaker whatever the noun.
/// Returns the match and the index of its first token.
pub fn common_np_before(
    text: &str,
    toks: &[Tok],
    cue: usize,
    w: &Words,
) -> Option<(MentionMatch, usize)> {
    let end = skip_adverbs(text, toks, cue, w);
    group_ending_at(text, toks, end, w).or_else(|| {
        // "..., attorneys for the family said.", "..., friends of the couple
        // said", "..., officials at the agency said": a group, then a short
        // phrase saying whose it is.
        let p = (end.saturating_sub(5)..end.saturating_sub(1))
            .rev()
            .find(|&p| {
                toks[p].word
                    && matches!(lower(text, &toks[p]).as_str(), "for" | "of" | "at" | "with")
            })?;
        let np_ok = toks[p + 1..end].iter().all(|t| {
            t.is(text, '.')
                || t.word && {
                    let l = lower(text, t);
                    DETERMINERS.contains(&l.as_str())
                        || matches!(l.as_str(), "his" | "her" | "their" | "its")
                        || !is_function(&l) && pronoun(&l).is_none() && !w.skip.contains(&l)
                }
        });
        if !np_ok {
            return None;
        }
        let (_, s) = group_ending_at(text, toks, p, w)?;
        let mention = span_of(toks, s, end);
        Some((
            MentionMatch {
                mention,
                intro: mention,
            },
            s,
        ))
    })
}

/// The common-noun group of [`common_np_before`] ending right before token
/// `end`.
fn group_ending_at(
    text: &str,
    toks: &[Tok],
    end: usize,
    w: &Words,
) -> Option<(MentionMatch, usize)> {
    let mut k = end;
    while k > 0 && end - k < 5 {
        let t = &toks[k - 1];
        let l = lower(text, t);
        if !t.word || t.capitalized(text) {
            // A bare plural after the comma ("..., legal experts say.",
            // "..., donors said.", "..., current and former officials
            // said."): a group with no article is still the speaker.
            return (t.is(text, ',') && k < end && bare_plural(text, &toks[k..end], w)).then(
                || {
                    let mention = span_of(toks, k, end);
                    (
                        MentionMatch {
                            mention,
                            intro: mention,
                        },
                        k,
                    )
                },
            );
        }
        if NP_OPENERS.contains(&l.as_str()) {
            let s = k - 1;
            if end - s < 2 || end - s > 4 || s == 0 || !toks[s - 1].is(text, ',') {
                return None;
            }
            let mention = span_of(toks, s, end);
            return Some((
                MentionMatch {
                    mention,
                    intro: mention,
                },
                s,
            ));
        }
        if (is_function(&l) && l != "and") || pronoun(&l).is_some() || w.skip.contains(&l) {
            return None;
        }
        k -= 1;
    }
    None
}

/// Words of a bare group: lower-case, the last a plural noun or a known role,
/// the others modifiers (or "and" between two of them: "current and former").
fn bare_plural(text: &str, words: &[Tok], w: &Words) -> bool {
    let Some((head, mods)) = words.split_last() else {
        return false;
    };
    let h = lower(text, head);
    let plural = h.len() > 3
        && h.ends_with('s')
        && !h.ends_with("ss")
        && !h.ends_with("us")
        && !h.ends_with("is")
        && !h.ends_with("'s")
        && !h.ends_with("’s");
    (plural || w.roles.contains(&h))
        && mods.iter().enumerate().all(|(j, t)| {
            let l = lower(text, t);
            t.word
                && (l == "and" && j > 0
                    || !is_function(&l) && pronoun(&l).is_none() && !w.skip.contains(&l))
        })
}

/// The speaker right after token `from` (inverted "said Smith", "according
/// to the Kremlin"). Returns the match and the index after the mention.
pub fn np_after(text: &str, toks: &[Tok], from: usize, w: &Words) -> Option<(MentionMatch, usize)> {
    let t = toks.get(from)?;
    if t.word && matches!(lower(text, t).as_str(), "he" | "she" | "they" | "we" | "i") {
        return Some((
            MentionMatch {
                mention: t.span,
                intro: t.span,
            },
            from + 1,
        ));
    }
    let mut end = np_forward(text, toks, from, w)?;
    // "said Pieter de Vries", "said Ursula von der Leyen": particles inside
    // the name.
    if toks[end - 1].word && name_word(text, &toks[end - 1]) {
        let mut k = end;
        while k < toks.len() && toks[k].word && is_particle(toks[k].text(text)) {
            k += 1;
        }
        if k > end && toks.get(k).is_some_and(|t| t.word && name_word(text, t)) {
            end = np_forward(text, toks, k, w).unwrap_or(k + 1);
        }
    }
    // "said people familiar with the matter", "said sources close to the
    // talks", "said one person briefed on the discussions": the
    // description is who they are.
    let link = toks.get(end).filter(|t| t.word).map(|t| lower(text, t));
    let to = match link.as_deref() {
        Some("familiar") => Some("with"),
        Some("close") => Some("to"),
        Some("briefed") => Some("on"),
        _ => None,
    };
    if let Some(to) = to.filter(|_| w.roles.contains(&lower(text, &toks[end - 1]))) {
        if toks.get(end + 1).is_some_and(|t| lower(text, t) == to) {
            if let Some(e2) = np_forward(text, toks, end + 2, w).or_else(|| {
                // ("the matter", "the talks": a determiner and one noun.)
                let d = toks.get(end + 2).filter(|t| t.word)?;
                let n = toks.get(end + 3).filter(|t| t.word)?;
                (DETERMINERS.contains(&lower(text, d).as_str()) && !n.capitalized(text))
                    .then_some(end + 4)
            }) {
                end = e2;
            }
        }
    }
    // "said the shadow health secretary, Edward Lyle.": a role, then the
    // name in apposition, closing the sentence or the clause.
    let head = lower(text, &toks[end - 1]);
    if (w.is_title(&head) || w.roles.contains(&head))
        && !toks[end - 1].capitalized(text)
        && toks.get(end).is_some_and(|t| t.is(text, ','))
    {
        // ("John J. Ferriola": the period of a middle initial.)
        let initial = |k: usize| {
            toks[k].is(text, '.')
                && toks[k - 1].text(text).chars().count() == 1
                && toks[k - 1].capitalized(text)
                && toks
                    .get(k + 1)
                    .is_some_and(|t| t.word && name_word(text, t))
        };
        let n = (end + 1..toks.len().min(end + 7))
            .find(|&k| !(initial(k) || toks[k].word && name_word(text, &toks[k])))
            .unwrap_or(toks.len().min(end + 7));
        let closes = n >= toks.len() || matches!(toks[n].text(text), "." | "," | ";");
        if n >= end + 3 && closes && name_like(text, toks, end + 1, n, w) {
            let mention = span_of(toks, end + 1, n);
            let intro = Span::new(toks[from].span.start, mention.end);
            return Some((MentionMatch { mention, intro }, n));
        }
    }
    let mention = span_of(toks, from, end);
    let mut intro = mention;
    // Appositive: ", a spokesman for the campaign," / ", Ukraine's defense minister."
    if end + 1 < toks.len() && toks[end].is(text, ',') {
        let first = &toks[end + 1];
        let l = lower(text, first);
        if first.word && (DETERMINERS.contains(&l.as_str()) || l.ends_with("'s") || w.is_title(&l))
        {
            let mut k = end + 1;
            while k < toks.len() && (toks[k].word || toks[k].is(text, '-')) && k - end < 12 {
                k += 1;
            }
            intro = Span::new(mention.start, toks[k - 1].span.end);
        }
    }
    Some((MentionMatch { mention, intro }, end))
}

/// "LONDON (Reuters) - The Bank of England ...", "WASHINGTON ― ...": a
/// dateline (a first word in capitals, then a dash within eight tokens)
/// opening the sentence `toks`. Returns the index after the dash.
pub(crate) fn dateline_end(text: &str, toks: &[Tok]) -> Option<usize> {
    let first = toks.first().filter(|t| t.word)?;
    let s = first.text(text);
    if s.len() < 2 || s.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    let d = toks
        .iter()
        .take(8)
        .position(|t| matches!(t.text(text), "-" | "—" | "–" | "―" | "--"))?;
    (d > 0).then_some(d + 1)
}

/// The subject at the start of a sentence ("Sanders was defiant.",
/// "But Mr. Trump, calling him ..."): a name-like phrase or he/she/they,
/// after sentence adverbs and conjunctions.
pub fn sentence_subject(text: &str, toks: &[Tok], w: &Words) -> Option<Span> {
    if let Some(d) = dateline_end(text, toks) {
        return sentence_subject(text, &toks[d..], w);
    }
    let mut i = 0;
    while i < toks.len() && i < 3 {
        let t = &toks[i];
        let l = lower(text, t);
        if !t.word
            || matches!(
                l.as_str(),
                "but" | "and" | "so" | "yet" | "still" | "meanwhile" | "instead" | "then" | "now"
            )
        {
            i += 1;
            continue;
        }
        // A sentence adverb set off by a comma ("Additionally, ...",
        // "However, ...") comes before the subject.
        let discourse = l.ends_with("ly")
            || matches!(
                l.as_str(),
                "however"
                    | "moreover"
                    | "furthermore"
                    | "nevertheless"
                    | "nonetheless"
                    | "indeed"
                    | "also"
                    | "later"
                    | "earlier"
                    | "yesterday"
                    | "today"
                    | "overall"
            );
        if discourse && toks.get(i + 1).is_some_and(|n| n.is(text, ',')) {
            i += 2;
            continue;
        }
        // An opening participle phrase ("Arriving upon the scene, police
        // began ..."): the subject comes after its comma.
        if i == 0 && t.capitalized(text) && l.len() > 5 && l.ends_with("ing") {
            if let Some(c) = (1..toks.len().min(12)).find(|&k| toks[k].is(text, ',')) {
                if toks[1..c].iter().all(|x| x.word || x.is(text, '-')) {
                    return sentence_subject(text, &toks[c + 1..], w);
                }
            }
        }
        break;
    }
    // "PHILADELPHIA, July 25 (UPI) — The Democratic National Committee
    // ...": a dateline before a dash is no subject.
    let dateline = toks.get(i).is_some_and(|t| {
        let s = t.text(text);
        t.word && s.len() > 1 && s.chars().all(|c| !c.is_lowercase())
    });
    if dateline {
        if let Some(d) = (i + 1..toks.len().min(i + 12))
            .find(|&k| matches!(toks[k].text(text), "—" | "–" | "--"))
        {
            i = d + 1;
        }
    }
    let t = toks.get(i)?;
    let l = lower(text, t);
    // "Speaking on a visit to Teesside, Reeves ...", "In Moscow, the
    // foreign minister ...": the subject follows the opening phrase.
    let opener = (l.len() > 4 && l.ends_with("ing"))
        || matches!(
            l.as_str(),
            "in" | "at" | "after" | "on" | "during" | "before" | "asked" | "addressing"
        );
    if opener && t.capitalized(text) {
        // The first phrase after a comma that is not itself followed by
        // one ("Speaking in Salem, New Hampshire, Trump went ...": not the
        // state).
        let mut first = None;
        let commas = (i + 1..toks.len().min(i + 24)).filter(|&k| toks[k].is(text, ','));
        for c in commas.take(3) {
            if let Some(found) = subject_at(text, toks, c + 1, w) {
                let k = toks.partition_point(|t| t.span.start < found.end);
                if !toks.get(k).is_some_and(|t| t.is(text, ',')) {
                    return Some(found);
                }
                first = first.or(Some(found));
            }
        }
        if first.is_some() {
            return first;
        }
    }
    subject_at(text, toks, i, w)
}

/// The subject starting at token `i`: he/she/they, or a capitalised noun
/// phrase with a name, a role or an organisation.
fn subject_at(text: &str, toks: &[Tok], i: usize, w: &Words) -> Option<Span> {
    let t = toks.get(i)?;
    let l = lower(text, t);
    if matches!(l.as_str(), "he" | "she" | "they") {
        return Some(t.span);
    }
    // ("But deputy First Minister Rachel Armstrong said", "shadow
    // chancellor Mel Stride said": a lower-case office before a name.)
    let office = matches!(
        l.as_str(),
        "deputy" | "shadow" | "former" | "acting" | "interim"
    ) && toks
        .get(i + 1)
        .is_some_and(|n| n.word && (n.capitalized(text) || w.is_title(&lower(text, n))));
    if !t.capitalized(text) && !office {
        return None;
    }
    // "The heartbroken mum of a teenage cyclist ... has begged": a relative
    // described by adjectives.
    if matches!(l.as_str(), "the" | "a") {
        let kin = (i + 2..toks.len().min(i + 4))
            .find(|&k| toks[k].word && super::rule::is_kin(&lower(text, &toks[k])))
            .filter(|&k| {
                toks[i + 1..k]
                    .iter()
                    .all(|t| t.word && !t.capitalized(text) && !is_function(&lower(text, t)))
            });
        if let Some(k) = kin {
            return Some(span_of(toks, i, k + 1));
        }
    }
    let mut end = np_forward(text, toks, i, w)?;
    // "Josh's sister, Chloe, 23, posted ...": a relative of a named person,
    // then the relative's first name.
    let possessive =
        toks[end - 1].text(text).ends_with("'s") || toks[end - 1].text(text).ends_with("’s");
    let kin = possessive
        && toks
            .get(end)
            .is_some_and(|t| t.word && super::rule::is_kin(&lower(text, t)));
    if kin {
        end += 1;
    }
    // "Sinn Féin’s public expenditure spokesperson Eoin Ó Duibhir said":
    // past an organisation's possessive and an office to the name.
    if possessive && !kin {
        let mut k = end;
        while k < toks.len().min(end + 4) && toks[k].word && !toks[k].capitalized(text) {
            k += 1;
        }
        let office = k > end && {
            let h = lower(text, &toks[k - 1]);
            w.is_title(&h) || w.roles.contains(&h)
        };
        if office {
            let n = (k..toks.len().min(k + 5))
                .find(|&x| !(toks[x].word && name_word(text, &toks[x])))
                .unwrap_or(toks.len().min(k + 5));
            if n >= k + 2 && name_like(text, toks, k, n, w) {
                return Some(span_of(toks, k, n));
            }
        }
    }
    // "Minister for Housing Pádraig Ó Súilleabháin rejected ...": an office
    // for a portfolio, then the name, all capitalised.
    let office_for = w.is_title(&lower(text, &toks[end - 1]))
        && toks
            .get(end)
            .is_some_and(|t| t.word && matches!(lower(text, t).as_str(), "for" | "of"));
    if office_for {
        let k = (end + 1..toks.len().min(end + 10))
            .find(|&k| {
                !(toks[k].word
                    && (toks[k].capitalized(text)
                        || matches!(lower(text, &toks[k]).as_str(), "and" | "of" | "for")))
            })
            .unwrap_or(toks.len().min(end + 10));
        let verb_next = toks.get(k).is_some_and(|t| t.word && !t.capitalized(text));
        if k >= end + 4 && verb_next && toks[k - 1].capitalized(text) {
            return Some(span_of(toks, i, k));
        }
    }
    // "President Putin's aide, Vladimir Medinsky, conveyed ...": the name
    // in apposition to a role is the subject.
    let role_end = {
        let h = lower(text, &toks[end - 1]);
        !toks[end - 1].capitalized(text) || w.is_title(&h) || w.roles.contains(&h)
    };
    // ("A spokesman for the Arvenian government, Pavel Idris, denied":
    // past the role's "for"/"of" phrase too.)
    let end_c = if role_end
        && toks
            .get(end)
            .is_some_and(|t| t.word && matches!(lower(text, t).as_str(), "for" | "of" | "at"))
    {
        (end + 1..toks.len().min(end + 8))
            .find(|&k| !toks[k].word)
            .filter(|&k| toks[k].is(text, ','))
            .unwrap_or(end)
    } else {
        end
    };
    if role_end && toks.get(end_c).is_some_and(|t| t.is(text, ',')) {
        let n = (end_c + 1..toks.len().min(end_c + 6))
            .find(|&k| !(toks[k].word && name_word(text, &toks[k])))
            .unwrap_or(end_c + 1);
        let least = if kin { 2 } else { 3 };
        if n >= end_c + least && toks[n].is(text, ',') && name_like(text, toks, end_c + 1, n, w) {
            return Some(span_of(toks, end_c + 1, n));
        }
    }
    let has_name = toks[i..end]
        .iter()
        .any(|t| name_word(text, t) && !w.is_title(&lower(text, t)));
    // Or a role or organisation ("The minister", "The Environment Agency").
    let head = lower(text, &toks[end - 1]);
    let role = (w.roles.contains(&head) || w.organizations.contains(&head))
        && !w.anonymous.contains(&head);
    (has_name || role).then(|| span_of(toks, i, end))
}

/// The introduction around a mention already found: the appositive before
/// ("President Putin’s aide, Vladimir Medinsky") or after ("Rustem Umerov,
/// Ukraine's defense minister,").
pub fn intro_around(text: &str, toks: &[Tok], mention: Span, w: &Words) -> Span {
    let Some(a) = toks.iter().position(|t| t.span.start >= mention.start) else {
        return mention;
    };
    let Some(b) = toks.iter().rposition(|t| t.span.end <= mention.end) else {
        return mention;
    };
    if b < a {
        return mention;
    }
    let mut intro = mention;
    // Before: "Y, MENTION,"
    if a >= 2 && toks[a - 1].is(text, ',') {
        if let Some(ys) = lenient_backward(text, toks, a - 2) {
            let y = &toks[a - 2];
            let l = lower(text, y);
            // A lone capitalised word before the comma is a sentence adverb
            // ("Additionally,"), not an appositive.
            // And it reads as a description of a person ("Labour's shadow
            // chancellor", "The Defence Secretary"), not as the end of a
            // clause ("Britain will send £500m of aid to Ukraine, Grant
            // Shapps has announced").
            let describes = (ys..a - 1).any(|k| {
                let l = lower(text, &toks[k]);
                w.is_title(&l) || w.roles.contains(&l) || l.ends_with("'s")
            });
            if describes
                && (w.roles.contains(&l) || w.is_title(&l) || (name_word(text, y) && ys + 2 < a))
            {
                intro = Span::new(toks[ys].span.start, intro.end);
            }
        }
    }
    // After: "MENTION, X," where X starts with a determiner, possessive or title.
    if b + 2 < toks.len() && toks[b + 1].is(text, ',') {
        let first = &toks[b + 2];
        let l = lower(text, first);
        if first.word && (DETERMINERS.contains(&l.as_str()) || l.ends_with("'s") || w.is_title(&l))
        {
            let mut k = b + 2;
            while k < toks.len() && (toks[k].word || toks[k].is(text, '-')) && k - b < 12 {
                k += 1;
            }
            intro = Span::new(intro.start, toks[k - 1].span.end);
        }
    }
    intro
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::tokens::tokenize;

    /// "One Port Glasgow welder, who ..." opens with a description; "The
    /// program is hardly formal, but ..." with a clause.
    #[test]
    fn opening_descriptions_are_noun_phrases() {
        let at_comma = |text: &str| {
            let toks = tokenize(text, Span::new(0, text.len()));
            let c = toks.iter().position(|t| t.is(text, ',')).unwrap();
            opening_description(text, &toks, c)
        };
        assert_eq!(at_comma("One Port Glasgow welder, who asked"), Some(0));
        assert_eq!(at_comma("A bin worker, who asked"), Some(0));
        assert_eq!(at_comma("The program is hardly formal, but it"), None);
        assert_eq!(
            at_comma("One of the whistleblowers, a senior midwife"),
            None
        );
        assert_eq!(at_comma("Julia Gil, who runs it"), None);
    }

    fn before(text: &str, cue: &str) -> Option<(String, String)> {
        let toks = tokenize(text, Span::new(0, text.len()));
        let i = toks.iter().position(|t| t.text(text) == cue)?;
        subject_before(text, &toks, i, Words::builtin()).map(|(m, _)| {
            (
                m.mention.slice(text).to_string(),
                m.intro.slice(text).to_string(),
            )
        })
    }

    /// The name before an appositive that ends in a preposition's object,
    /// then a relative clause.
    #[test]
    fn name_before_an_appositive_with_an_object_and_a_relative_clause() {
        assert_eq!(
            before(
                "António Costa, the president of the European Council, who chairs the summits, said so.",
                "said"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("António Costa")
        );
    }

    /// A role before a place or organisation ("in the company's finance
    /// team") is the speaker, with or without a relative clause after it.
    #[test]
    fn role_before_a_place_with_a_relative_clause() {
        for text in [
            "A former senior manager in the company's finance team said the board knew.",
            "A former senior manager in the company's finance team, who asked not to be named because of an inquiry, said the board knew.",
        ] {
            assert_eq!(
                before(text, "said").map(|m| m.0).as_deref(),
                Some("A former senior manager"),
                "{text}"
            );
        }
    }

    /// A participle aside with a place name and its own comma between the
    /// speaker and the cue.
    #[test]
    fn name_before_a_participle_aside_with_commas() {
        assert_eq!(
            before(
                "Minister for Housing Ronan Tierney, speaking at the opening of a scheme in Naas, Co Kildare, insisted that the target was in reach.",
                "insisted"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("Minister for Housing Ronan Tierney")
        );
    }

    /// An office for a place after the name is its appositive; an MEP's
    /// surname in "-ly" is no adverb.
    #[test]
    fn names_before_an_office_for_a_place_and_surnames_in_ly() {
        let m = |t: &str, cue: &str| before(t, cue).map(|m| m.0);
        assert_eq!(
            m(
                "Danielle Okafor, Labour MP for Irwell Valley, said she was inundated.",
                "said"
            )
            .as_deref(),
            Some("Danielle Okafor")
        );
        assert_eq!(
            m(
                "Fine Gael MEP Clodagh Fennelly said an agreement would help.",
                "said"
            )
            .as_deref(),
            Some("Fine Gael MEP Clodagh Fennelly")
        );
    }

    /// A participle after the speaker: "the union representing guards and
    /// station staff said" is the union.
    #[test]
    fn subject_before_a_participle_phrase() {
        assert_eq!(
            before(
                "Talks will resume after the union representing guards and station staff said an agreement was close.",
                "said"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("the union")
        );
    }

    /// An age between the name and a relative clause that names an
    /// organisation: the name is the subject.
    #[test]
    fn subject_with_an_age_before_a_relative_clause() {
        assert_eq!(
            before(
                "Hannah Lowther, 34, who founded the Keep Eden Births group after having her second child at the unit in 2022, said families had no say.",
                "said"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("Hannah Lowther")
        );
    }

    /// A long relative clause between the subject and the cue, and a
    /// subject that is a description ("The 47-year-old").
    #[test]
    fn subject_before_a_relative_clause() {
        assert_eq!(
            before(
                "The 47-year-old, who took charge after four years as Scarlets forwards coach, admitted it.",
                "admitted"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("The 47-year-old")
        );
        assert_eq!(
            before(
                "Dr. Connie Mariano, who as a Navy captain was the White House physician, said so.",
                "said"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("Dr. Connie Mariano")
        );
    }

    /// An acronym in brackets before a relative clause belongs to the name;
    /// a county after its town is where the subject is, not who.
    #[test]
    fn subject_past_a_bracketed_acronym_or_a_county() {
        let got = |t: &str, cue: &str| before(t, cue).map(|m| m.0);
        assert_eq!(
            got(
                "The Energy Suppliers' Association (ESA), which represents most of Britain's household suppliers, said it was angry.",
                "said"
            )
            .as_deref(),
            Some("The Energy Suppliers' Association")
        );
        assert_eq!(
            got(
                "Residents at the Meadow Rise development in Hexley, Northants, say ceilings have collapsed.",
                "say"
            )
            .as_deref(),
            Some("Residents")
        );
    }

    /// People on a street are who speaks; officials in a city stay the
    /// place, as before.
    #[test]
    fn people_on_a_street() {
        assert_eq!(
            before(
                "Neighbours on nearby Rawcliffe Street said they woke up.",
                "said"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("Neighbours")
        );
        assert_eq!(
            before(
                "A senior Western diplomat in Geneva said the talks stalled.",
                "said"
            )
            .map(|m| m.0)
            .as_deref(),
            Some("A senior Western diplomat")
        );
    }

    /// "A source close to X", "an ally of X", "an aide to X": the whole
    /// phrase is the speaker, not X.
    #[test]
    fn sources_close_to_someone() {
        for (t, want) in [
            (
                "A source close to the Energy Secretary said he was blindsided.",
                "A source close to the Energy Secretary",
            ),
            (
                "An ally of the Chancellor said she would not back down.",
                "An ally of the Chancellor",
            ),
            (
                "Sources close to the Prime Minister said the plan would go ahead.",
                "Sources close to the Prime Minister",
            ),
        ] {
            assert_eq!(before(t, "said").map(|m| m.0).as_deref(), Some(want), "{t}");
        }
        assert_eq!(
            before("A friend of Mr Hollis said he was kind.", "said")
                .map(|m| m.0)
                .as_deref(),
            Some("A friend of Mr Hollis")
        );
        // Other heads keep the name after "of": "the family of Mr Hollis"
        // is not one of these phrases.
        assert_eq!(
            before("The family of Mr Hollis said he was kind.", "said")
                .map(|m| m.0)
                .as_deref(),
            Some("Mr Hollis")
        );
    }

    #[test]
    fn titled_name_before_cue() {
        let t = "Additionally, Ukraine's Defense Minister Rustem Umerov emphasized the need.";
        let (m, _) = before(t, "emphasized").unwrap();
        assert_eq!(m, "Ukraine's Defense Minister Rustem Umerov");
    }

    #[test]
    fn appositives_both_ways() {
        let t =
            "On the Russian side, President Putin’s aide, Vladimir Medinsky, conveyed optimism.";
        let (m, intro) = before(t, "conveyed").unwrap();
        assert_eq!(m, "Vladimir Medinsky");
        assert_eq!(intro, "President Putin’s aide, Vladimir Medinsky");
        let t = "Rustem Umerov, Ukraine's defense minister, said the talks would go on.";
        let (m, intro) = before(t, "said").unwrap();
        assert_eq!(m, "Rustem Umerov");
        assert_eq!(intro, "Rustem Umerov, Ukraine's defense minister");
    }

    #[test]
    fn name_age_and_appositive() {
        let t = "Marley Anderson, 21, a junior from Las Vegas, said she came.";
        let (m, intro) = before(t, "said").unwrap();
        assert_eq!(m, "Marley Anderson");
        assert_eq!(intro, "Marley Anderson, 21, a junior from Las Vegas");
    }

    #[test]
    fn roles_pronouns_and_adverbs() {
        assert_eq!(
            before("The plan, a Downing Street spokesman said.", "said")
                .unwrap()
                .0,
            "a Downing Street spokesman"
        );
        assert_eq!(before("But he has also said it.", "said").unwrap().0, "he");
        assert_eq!(before("Mr. Blair said so.", "said").unwrap().0, "Mr. Blair");
        assert_eq!(
            before("Glenn Beck last week said it.", "said").unwrap().0,
            "Glenn Beck"
        );
        assert_eq!(
            before("Marc Morial forcefully told them.", "told")
                .unwrap()
                .0,
            "Marc Morial"
        );
        assert!(manner_adverb("forcefully") && !manner_adverb("family"));
        assert_eq!(
            before("Sen. Claire McCaskill (D-Mo.) said so.", "said")
                .unwrap()
                .0,
            "Sen. Claire McCaskill"
        );
        assert!(before("the plan said", "said").is_none());
    }

    /// "A Hamas official, who declined to be named, told AFP ...": the
    /// relative clause is an aside; the speaker is the phrase before it.
    #[test]
    fn relative_clause_between_speaker_and_cue() {
        let t = "A Hamas official, who declined to be named, told AFP the gaps remained.";
        let toks = tokenize(t, Span::new(0, t.len()));
        let cue = toks.iter().position(|k| k.text(t) == "told").unwrap();
        let (m, _) = subject_before(t, &toks, cue, Words::builtin()).unwrap();
        assert_eq!(m.mention.slice(t), "A Hamas official");
    }

    /// A sentence adverb before the comma is not the subject.
    #[test]
    fn sentence_subject_skips_a_leading_adverb() {
        let w = Words::builtin();
        for (t, want) in [
            (
                "Additionally, Ukraine's Defense Minister Rustem Umerov emphasized dialogue",
                "Ukraine's Defense Minister Rustem Umerov",
            ),
            ("However, Kelly Ayotte said no", "Kelly Ayotte"),
            ("Kelly Ayotte, however, said no", "Kelly Ayotte"),
        ] {
            let toks = tokenize(t, Span::new(0, t.len()));
            let got = sentence_subject(t, &toks, w).map(|s| s.slice(t).to_string());
            assert_eq!(got.as_deref(), Some(want), "{t}");
        }
    }

    #[test]
    fn inverted_mention() {
        let t = "“No,” said Sen. John Smith, the committee chairman.";
        let toks = tokenize(t, Span::new(0, t.len()));
        let i = toks.iter().position(|k| k.text(t) == "said").unwrap();
        let (m, _) = np_after(t, &toks, i + 1, Words::builtin()).unwrap();
        assert_eq!(m.mention.slice(t), "Sen. John Smith");
        assert_eq!(m.intro.slice(t), "Sen. John Smith, the committee chairman");
    }
}
