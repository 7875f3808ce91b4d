//! The rule-based quote finder.
//!
//! Three passes over one article, each linear:
//! 1. paired quote marks ([`super::marks`]) become direct quotes (the quote
//!    starts its sentence or follows `:`/`,`) or partial quotes (embedded in
//!    the writer's sentence); one- and two-word pairs are scare quotes;
//!    the attribution right before (`X said:`) or after (`,” he said.`, `”
//!    — Commissioner Starks`) is recorded;
//! 2. every sentence is searched for reported speech around cue words from
//!    the lexicon: `X said (that) ...`, `..., X said.`, `..., said X.`,
//!    `according to X`, participle chains (`..., suggesting that ...`),
//!    infinitives (`vowed to ...`), listeners (`told reporters that ...`),
//!    passives (`it was announced by X that ...`);
//! 3. merging: a quote split by its attribution (“A,” he said. “B.”) becomes
//!    one quote with several spans; partial quotes inside reported speech
//!    become one partial statement covering the clause.

use super::lexicon::CueLexicon;
use super::marks::{pair_marks, QuotePair};
use super::tokens::{lower, tokenize, Tok};
use super::QuoteFinder;
use crate::attribute::lexicon::{is_auxiliary, Words, AUX};
use crate::attribute::mention::{
    common_np_before, dateline_end, name_word, np_after, sentence_subject, subject_before,
    MentionMatch,
};
use crate::attribute::window;
use crate::types::{Quote, QuoteKind, Segmentation, Span};

/// Finds direct, partial and reported quotes with rules and the cue lexicon.
#[derive(Debug, Clone)]
pub struct RuleQuoteFinder {
    cues: &'static CueLexicon,
    words: &'static Words,
    /// Quote-mark pairs with fewer words are scare quotes.
    min_words: usize,
}

impl Default for RuleQuoteFinder {
    fn default() -> Self {
        RuleQuoteFinder {
            cues: CueLexicon::builtin(),
            words: Words::builtin(),
            min_words: 3,
        }
    }
}

/// What one run found besides the quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FindStats {
    /// Stray or unclosed quote marks recovered from.
    pub recovered_marks: usize,
    /// Quote-mark pairs dropped as scare quotes.
    pub scare_quotes: usize,
}

#[derive(Debug, Clone)]
struct Cand {
    kind: QuoteKind,
    pieces: Vec<Span>,
    outer: Span,
    cue: Option<Span>,
    mention: Option<Span>,
    /// Where the attribution after the quote ends (for split quotes).
    tail_end: usize,
    /// Attribution came from text before the opening mark.
    head: bool,
    /// The writer's words that open the statement before a credited
    /// partial quote ("Not paying taxes ''makes me smart,'' said Mr. Trump"):
    /// the first piece, which makes the statement partial once split
    /// quotes are merged.
    lead: Option<Span>,
    para: usize,
}

impl Cand {
    /// Reported speech in one piece.
    fn reported(content: Span, cue: Option<Span>, mention: Option<Span>, para: usize) -> Self {
        Cand {
            kind: QuoteKind::Reported,
            pieces: vec![content],
            outer: content,
            cue,
            mention,
            tail_end: content.end,
            head: false,
            lead: None,
            para,
        }
    }
}

/// Nouns that end a listener named by an organisation ("told a Senate
/// panel", "told the Tory conference").
const LISTENER_NOUNS: &[&str] = &[
    "panel",
    "committee",
    "subcommittee",
    "hearing",
    "audience",
    "crowd",
    "rally",
    "conference",
    "caucus",
    "forum",
    "meeting",
    "gathering",
    "reporter",
    "reporters",
    "interviewer",
    "host",
    "hosts",
    "viewers",
    "listeners",
    "readers",
    "newspaper",
    "station",
    "programme",
    "program",
    "show",
    "podcast",
];

/// One-word listeners of "told", "assured", "urged" ("told reporters
/// (that) ...", "told MPs ..."): not part of the statement.
const LISTENERS: &[&str] = &[
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "reporters",
    "journalists",
    "lawmakers",
    "voters",
    "supporters",
    "mps",
    "peers",
    "colleagues",
    "delegates",
    "donors",
    "members",
];

const MAX_SENTENCE_TOKENS: usize = 400;

const PREPS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "to",
    "from",
    "with",
    "by",
    "for",
    "about",
    "last",
    "this",
    "next",
    "earlier",
    "late",
    "yesterday",
    "today",
    "tonight",
    "when",
    "while",
    "as",
    "of",
    "via",
    "through",
    "over",
    "under",
    "outside",
    "inside",
    "afterward",
    "afterwards",
    "later",
    "recently",
    "again",
    "repeatedly",
    "publicly",
    "privately",
    "so",
    "too",
    "it",
    "nothing",
    "little",
    "much",
    "more",
    "otherwise",
    "no",
    "yes",
    "goodbye",
    "hello",
];

/// A preposition, conjunction or time word: [`PREPS`] plus the shared
/// weekday list.
fn is_prep(w: &str) -> bool {
    PREPS.contains(&w) || crate::attribute::lexicon::WEEKDAYS.contains(&w)
}

/// Whether bare content from `start` has a verb of its own before the first
/// clause break: a subject pronoun first, an auxiliary, or a past form.
fn has_own_verb(text: &str, toks: &[Tok], start: usize, last: usize) -> bool {
    let Some(first) = toks.get(start) else {
        return false;
    };
    if matches!(
        lower(text, first).as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "there"
    ) {
        return true;
    }
    for t in toks.iter().take(last.min(start + 16)).skip(start + 1) {
        if !t.word {
            if matches!(t.text(text), "," | ";" | ":" | "." | "(" | "—" | "–") {
                break;
            }
            continue;
        }
        let w = lower(text, t);
        if is_auxiliary(&w) || (w.len() > 4 && w.ends_with("ed")) {
            return true;
        }
    }
    false
}

/// The token at `k` is an auxiliary or modal ("it would", "it was").
/// A form of "be" that makes the participle after it passive ("was
/// criticised", "has been accused").
fn aux_passive(text: &str, t: &Tok) -> bool {
    t.word
        && matches!(
            lower(text, t).as_str(),
            "was" | "were" | "been" | "being" | "is" | "are" | "be"
        )
}

fn aux_at(text: &str, toks: &[Tok], k: usize) -> bool {
    toks.get(k)
        .is_some_and(|t| t.word && AUX.contains(&lower(text, t).as_str()))
}

/// A body paragraph that is only a short quoted phrase in Title Case or
/// capitals, with no one credited ("'Legend in the Coal Fields.'",
/// "“DIVISIVE, STUPID AND WRONG”"): a section heading or pull quote, no
/// statement.
fn subhead(text: &str, seg: &Segmentation, q: &Quote) -> bool {
    if q.kind != QuoteKind::Direct || q.cue.is_some() || q.mention.is_some() || q.spans.len() != 1 {
        return false;
    }
    let Some(p) = seg.paragraph_at(q.spans[0].start).filter(|&p| p > 0) else {
        return false;
    };
    let para = seg.paragraphs[p].slice(text);
    let inner = q.spans[0].slice(text);
    let alone = para
        .replacen(inner, "", 1)
        .chars()
        .all(|c| c.is_whitespace() || "'\"“”‘’`.!?–—-".contains(c));
    let words: Vec<&str> = inner
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "and"
                | "or"
                | "but"
                | "is"
                | "with"
                | "by"
                | "from"
                | "as"
                | "not"
        )
    };
    let capitals = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let title = (2..=7).contains(&words.len())
        && capitals >= 2
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || small(w));
    alone && (title || single_quoted_heading(text, q.spans[0], &words))
}

/// A short paragraph in single quote marks, in an article whose quotes are in
/// double marks, is a heading pulled from a quote further down ("'A change
/// warrior.'", "– ‘Who cares?’ –"): American style keeps single marks for
/// quotes inside quotes, so a single-marked paragraph on its own is not speech.
/// British articles quote in single marks, and are left alone.
fn single_quoted_heading(text: &str, span: Span, words: &[&str]) -> bool {
    let opener = text[..span.start].chars().next_back();
    if !matches!(opener, Some('‘' | '\'')) || words.is_empty() || words.len() > 10 {
        return false;
    }
    let inner = span.slice(text).trim_end();
    if inner.ends_with(',') {
        return false;
    }
    let doubles = text.matches(['“', '"']).count();
    let singles = text
        .char_indices()
        .filter(|&(i, c)| {
            c == '‘' || (c == '\'' && !text[..i].ends_with(|p: char| p.is_alphanumeric()))
        })
        .count();
    doubles >= 4 && doubles >= 3 * singles
}

/// Up to five lower-case words from token `i`, up to the first punctuation.
fn words_at(text: &str, toks: &[Tok], i: usize) -> Vec<String> {
    toks[i..toks.len().min(i + 5)]
        .iter()
        .take_while(|t| t.word)
        .map(|t| lower(text, t))
        .collect()
}

fn is_terminal(text: &str, t: &Tok) -> bool {
    !t.word && matches!(t.text(text), "." | "!" | "?" | "…")
}

fn is_mark(text: &str, t: &Tok) -> bool {
    !t.word
        && matches!(
            t.text(text),
            "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "„"
        )
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn word_count(text: &str, s: Span) -> usize {
    s.slice(text)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Past a time adverbial at `j` ("on Tuesday", "on Monday night", "last
/// week", "this month"), or `j` itself.
/// Past tenses without "-ed" that follow a subject "it" ("said it took
/// two months"): with them "it" opens a clause, not an object.
const IRREGULAR_PAST: &[&str] = &[
    "took",
    "made",
    "gave",
    "got",
    "saw",
    "knew",
    "thought",
    "found",
    "felt",
    "kept",
    "left",
    "lost",
    "paid",
    "sent",
    "sold",
    "spent",
    "won",
    "brought",
    "bought",
    "began",
    "came",
    "went",
    "held",
    "meant",
    "put",
    "set",
    "cost",
    "ran",
    "fell",
    "rose",
    "grew",
    "drew",
    "broke",
    "chose",
    "hit",
    "led",
    "met",
    "stood",
    "understood",
    "wrote",
    "told",
    "heard",
    "became",
    "sought",
    "taught",
    "caught",
    "fought",
    "built",
    "dealt",
    "struck",
    "wants",
    "needs",
    "hopes",
    "plans",
    "expects",
    "intends",
    "remains",
    "seems",
    "looks",
    "takes",
    "makes",
    "gives",
    "gets",
    "sees",
    "knows",
    "thinks",
    "finds",
    "feels",
    "keeps",
    "works",
    "means",
    "costs",
    "runs",
    "owns",
    "supports",
    "opposes",
];

/// Conjunctions that, after a comma, end a sentence-final credit ("...,
/// lawmakers said Friday, as they bristled ...").
const CREDIT_BREAKS: &[&str] = &[
    "as", "while", "when", "after", "before", "because", "although", "though", "amid", "despite",
    "since", "and", "but",
];

fn skip_time(text: &str, toks: &[Tok], j: usize) -> usize {
    use crate::attribute::lexicon::WEEKDAYS as DAYS;
    const PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];
    let at = |k: usize| toks.get(k).filter(|t| t.word).map(|t| lower(text, t));
    let mut k = match (at(j).as_deref(), at(j + 1).as_deref()) {
        (Some("on" | "early" | "late"), Some(d)) if DAYS.contains(&d) => j + 2,
        (Some("last" | "this" | "earlier" | "later"), Some("week" | "month" | "year")) => j + 2,
        (Some("overnight" | "yesterday" | "today" | "tonight"), _) => j + 1,
        // "said Thursday he would leave", not "said Monday's vote ...".
        (Some(d), next)
            if DAYS.contains(&d)
                && !matches!(next, Some("s"))
                && !toks
                    .get(j + 1)
                    .is_some_and(|t| matches!(t.text(text), "'" | "’" | "'s" | "’s")) =>
        {
            j + 1
        }
        // "in the early morning hours", "in the evening"
        (Some("in"), Some("the")) => {
            let mut k = j + 2;
            if matches!(at(k).as_deref(), Some("early" | "late")) {
                k += 1;
            }
            if !at(k).is_some_and(|p| PARTS.contains(&p.as_str())) {
                return j;
            }
            k += 1;
            if at(k).as_deref() == Some("hours") {
                k += 1;
            }
            return k;
        }
        _ => return j,
    };
    if at(k).is_some_and(|p| PARTS.contains(&p.as_str())) {
        k += 1;
    }
    k
}

/// A programme, book or song title in quote marks, not a statement: a short
/// Title Case phrase right after "on", "to" or a possessive ("said on CBS’s
/// “Face the Nation,”", "told Fox News’s “Fox and Friends.”"), named by a
/// work noun just before it ("his 2012 book, ''An American Son.''", "the
/// reality show “The Apprentice,”", "its politics podcast, “So, That
/// Happened.”"; not "an ad titled “Scam.”": an ad, memo or editorial speaks
/// for its source)
/// or just after it ("“Orange is the New Black” star Dascha Polanco",
/// "''Tales From the Crypt,'' an HBO series", "''This Kind of War,'' by T.R.
/// Fehrenbach").
fn title_of_work(text: &str, pair: &QuotePair) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "at", "is", "are", "by",
        "or", "from", "as", "but", "not", "be",
    ];
    /// Nouns that name a work whose title follows or precedes them.
    const WORKS: &[&str] = &[
        "show",
        "book",
        "memoir",
        "memoirs",
        "autobiography",
        "biography",
        "novel",
        "movie",
        "film",
        "documentary",
        "series",
        "miniseries",
        "program",
        "programme",
        "podcast",
        "drama",
        "sitcom",
        "comedy",
        "album",
        "song",
        "single",
        "episode",
        "play",
        "musical",
        "column",
        "newsletter",
        "segment",
        "poem",
        "opera",
        "exhibition",
    ];
    /// Words right after a title that make it one ("“X” star Y").
    const AFTER: &[&str] = &[
        "star", "stars", "host", "hosts", "actor", "actress", "creator", "author",
    ];
    let [piece] = pair.pieces.as_slice() else {
        return false;
    };
    let words: Vec<&str> = piece
        .slice(text)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let title_case = !words.is_empty()
        && words.len() <= 10
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()) || SMALL.contains(w));
    if !title_case {
        return false;
    }
    let before = text[..pair.open.start].trim_end();
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    if (words.len() <= 6 && matches!(last, "on" | "to"))
        || ((last.ends_with("’s") || last.ends_with("'s")) && words.len() <= 6)
    {
        return true;
    }
    // A work noun among the last four words of the same sentence.
    let sentence = &before[before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1)..];
    let named_before = sentence
        .split_whitespace()
        .rev()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| WORKS.contains(&w.as_str()));
    if named_before {
        return true;
    }
    let Some(close) = pair.close else {
        return false;
    };
    let after = text[close.end..].trim_start();
    let next: Vec<String> = after
        .split_whitespace()
        .take(5)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let Some(first) = next.first() else {
        return false;
    };
    if AFTER.contains(&first.as_str()) {
        return true;
    }
    // ", an HBO series", ", a CBS drama", "by T.R. Fehrenbach".
    let comma = piece.slice(text).trim_end().ends_with(',') || text[close.end..].starts_with(',');
    (comma
        && matches!(first.as_str(), "a" | "an" | "the")
        && next[1..]
            .iter()
            .take(3)
            .any(|w| WORKS.contains(&w.as_str())))
        || (first == "by"
            && after[2..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
}

impl RuleQuoteFinder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Like [`QuoteFinder::find`], also counting recovered marks and scare quotes.
    pub fn find_with_stats(&self, text: &str, seg: &Segmentation) -> (Vec<Quote>, FindStats) {
        let pairing = pair_marks(text, seg);
        let mut stats = FindStats {
            recovered_marks: pairing.recovered,
            scare_quotes: 0,
        };
        let outers: Vec<Span> = pairing.pairs.iter().map(QuotePair::outer).collect();
        let mut cands = Vec::new();
        let transcript = self.transcript_turns(text, seg);
        let mut short_frames = Vec::new();
        let turn_paras: std::collections::HashSet<usize> =
            transcript.iter().map(|t| t.para).collect();
        for pair in &pairing.pairs {
            let words: usize = pair.pieces.iter().map(|p| word_count(text, *p)).sum();
            if seg
                .paragraph_at(pair.open.start)
                .is_some_and(|p| turn_paras.contains(&p))
            {
                continue;
            }
            if title_of_work(text, pair) {
                stats.scare_quotes += 1;
                continue;
            }
            let Some(c) = self.classify_pair(text, seg, pair, &outers) else {
                continue;
            };
            // Short pairs are scare quotes unless someone is said to say them.
            let finished = pair
                .pieces
                .last()
                .is_some_and(|p| p.slice(text).trim_end().ends_with(['.', '!', '?']));
            if words < self.min_words
                && !(c.mention.is_some() || (finished && c.kind == QuoteKind::Direct))
            {
                // A scare quote is still part of the statement around it when
                // a cue frames it ("called the plan “reckless”").
                if c.kind == QuoteKind::Partial {
                    if let Some(r) = self.frame_partial(text, seg, &c, &outers) {
                        if word_count(text, r.outer) > self.min_words {
                            short_frames.push(r);
                            cands.push(c);
                            continue;
                        }
                    }
                }
                stats.scare_quotes += 1;
                continue;
            }
            cands.push(c);
        }
        cands.extend(transcript);
        cands.sort_by_key(|c| c.outer.start);
        let mut cands = merge_split(text, self.cues, cands);
        for c in cands.iter_mut() {
            if let Some(lead) = c.lead {
                c.pieces.insert(0, lead);
                c.outer = c.outer.cover(lead);
            }
        }
        let mut reported = short_frames;
        let cand_starts: Vec<usize> = cands.iter().map(|c| c.outer.start).collect();
        // The cues of direct quotes ("..., she told her audience, a mix of
        // students") introduce those quotes, not reported speech.
        let mut direct_cues: Vec<usize> = cands
            .iter()
            .filter(|c| c.kind == QuoteKind::Direct)
            .filter_map(|c| c.cue.map(|s| s.start))
            .collect();
        direct_cues.sort_unstable();
        // "Lynch: No outside influence on FBI probe": a headline credits its
        // statement with a colon.
        if let Some(first) = seg.sentences.first() {
            let lead_space = text[..first.span.start].trim().is_empty();
            if let Some(c) = lead_space
                .then(|| self.headline(text, first.span, first.paragraph))
                .flatten()
            {
                reported.push(c);
            }
        }
        for sent in &seg.sentences {
            // Sentences inside a direct quote hold no reported speech (the
            // attribution between the pieces of a split quote may).
            let hi = cand_starts.partition_point(|&st| st <= sent.span.start);
            if cands[hi.saturating_sub(4)..hi].iter().any(|c| {
                c.kind == QuoteKind::Direct
                    && c.outer.contains(sent.span)
                    && c.pieces
                        .iter()
                        .any(|p| 2 * overlap(*p, sent.span) > sent.span.len())
            }) {
                continue;
            }
            self.reported_in(
                text,
                sent.span,
                sent.paragraph,
                &outers,
                &direct_cues,
                &mut reported,
            );
        }
        // A partial quote after a cue the rules above did not frame
        // ("accused Sanders of subjecting her to an “artful smear”"): the
        // clause from the cue to the sentence end is the statement.
        reported.sort_by_key(|r| r.outer.start);
        let mut framed = Vec::new();
        for c in &cands {
            let hi = reported.partition_point(|r| r.outer.start < c.outer.end);
            let covered = reported[hi.saturating_sub(8)..hi]
                .iter()
                .any(|r| r.outer.overlaps(c.outer));
            if c.kind != QuoteKind::Partial || covered {
                continue;
            }
            if let Some(r) = self.frame_partial(text, seg, c, &outers) {
                framed.push(r);
            }
        }
        reported.extend(framed);
        reported.sort_by_key(|r| r.outer.start);
        let mut quotes = combine(text, cands, reported, &pairing.pairs);
        quotes.retain(|q| !super::anonymity_request(text, q) && !subhead(text, seg, q));
        (quotes, stats)
    }

    fn classify_pair(
        &self,
        text: &str,
        seg: &Segmentation,
        pair: &QuotePair,
        outers: &[Span],
    ) -> Option<Cand> {
        let open = pair.open;
        let para = seg.paragraph_at(open.start)?;
        let sent_start = seg
            .sentence_at(open.start)
            .map_or(seg.paragraphs[para].start, |i| seg.sentences[i].span.start);
        // Head: the writer's text before the opening mark, from the start of
        // its sentence (or the end of the previous quote).
        // Outer spans are in text order and do not overlap.
        let here = outers.partition_point(|o| o.start < open.start);
        let prev_quote_end = outers[..here]
            .iter()
            .rev()
            .take(4)
            .find(|o| o.end <= open.start)
            .map_or(0, |o| o.end);
        let head = Span::new(sent_start.max(prev_quote_end).min(open.start), open.start);
        let head_text = head.slice(text).trim_end();
        let head_trim = head_text.trim_end_matches(['—', '–', '-', '―', ' ']);
        let starts_content = pair
            .pieces
            .first()
            .and_then(|p| p.slice(text).chars().next())
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
        let direct = head_trim.is_empty()
            || head_trim.ends_with(':')
            || (head_trim.ends_with(',') && starts_content)
            || (head_trim.ends_with(',') && prev_quote_end > sent_start);
        let mut cand = Cand {
            kind: if direct {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            },
            pieces: pair.pieces.clone(),
            outer: pair.outer(),
            cue: None,
            mention: None,
            tail_end: pair.outer().end,
            head: false,
            lead: None,
            para,
        };
        // A partial quote closed on a comma and credited right after
        // (Both parties “saw Burma as ...,” said Victor Cha. “In that sense
        // ...”) is a statement of its own, and may continue.
        let credited_partial = !direct
            && pair
                .pieces
                .last()
                .is_some_and(|p| p.slice(text).trim_end().ends_with(','));
        if !direct && !credited_partial {
            return Some(cand);
        }
        // Attribution after the closing mark (in the paragraph where the
        // quote ends, for multi-paragraph quotes).
        let end_para = seg
            .paragraph_at(cand.outer.end.saturating_sub(1))
            .unwrap_or(para);
        let para_end = seg.paragraphs[end_para].end;
        let after = outers.partition_point(|o| o.start < cand.outer.end);
        // A short title quoted inside the attribution (“A,” Clinton said on
        // ABC’s “This Week” on Sunday.) belongs to the tail.
        let embedded = |o: &Span| -> bool {
            let gap = &text[cand.outer.end..o.start.max(cand.outer.end)];
            word_count(text, *o) <= 5
                && gap.chars().any(char::is_alphabetic)
                && !gap.contains(['.', '!', '?'])
        };
        let next_open = outers[after..]
            .iter()
            .take(4)
            .find(|o| o.start >= para_end || !embedded(o))
            .map_or(para_end, |o| o.start.min(para_end));
        if cand.outer.end < next_open {
            let tail = Span::new(cand.outer.end, next_open);
            // The attribution's sentence ends where the segmenter says (it
            // knows "Peter T. King" is one sentence).
            let first_word = text[tail.start..tail.end]
                .find(char::is_alphanumeric)
                .map_or(tail.start, |k| tail.start + k);
            let sent_end = seg
                .sentence_at(first_word)
                .map_or(next_open, |k| seg.sentences[k].span.end.min(next_open));
            if let Some((m, cue, end)) = self.tail_attribution(text, tail, sent_end) {
                cand.mention = Some(m.mention);
                cand.cue = cue;
                cand.tail_end = end;
            }
        }
        if credited_partial {
            if cand.mention.is_some() {
                cand.kind = QuoteKind::Direct;
                // A lower-case quote of three words or more continues the
                // writer's sentence; shorter ones are names and labels
                // ("identified the judge as “Spanish,”").
                let quoted: usize = pair.pieces.iter().map(|p| word_count(text, *p)).sum();
                let continues = pair
                    .pieces
                    .first()
                    .and_then(|p| p.slice(text).chars().find(|c| c.is_alphanumeric()))
                    .is_some_and(char::is_lowercase);
                if quoted >= 3 && continues {
                    cand.lead = self.lead_in(text, head);
                }
            }
            return Some(cand);
        }
        if cand.mention.is_none() && !head_trim.is_empty() {
            if let Some((m, cue)) = self.head_attribution(text, head) {
                cand.mention = Some(m.mention);
                cand.cue = cue;
                cand.head = true;
            }
        }
        Some(cand)
    }

    fn frame_partial(
        &self,
        text: &str,
        seg: &Segmentation,
        c: &Cand,
        outers: &[Span],
    ) -> Option<Cand> {
        let si = seg.sentence_at(c.outer.start)?;
        let sent = seg.sentences[si].span;
        let toks = tokenize(
            text,
            window(
                text,
                Span::new(sent.start, c.outer.start),
                c.outer.start,
                400,
            ),
        );
        let masked = |t: &Tok| -> bool {
            let i = outers.partition_point(|o| o.end <= t.span.start);
            i < outers.len() && outers[i].start <= t.span.start
        };
        let k = (0..toks.len()).rev().find(|&k| {
            toks[k].word
                && !toks[k].capitalized(text)
                && !masked(&toks[k])
                && self.cues.is_verb(&lower(text, &toks[k]))
        })?;
        // Without a speaker before the cue this is rarely a statement
        // ("the plan would end “all the care we know”").
        let participle =
            k > 0 && toks[k - 1].is(text, ',') && lower(text, &toks[k]).ends_with("ing");
        // ", calling him ...": the participle's subject is the sentence's.
        // "The Bank of England kept rates on hold ... but said it was ready
        // to cut “more quickly ...”": a second verb of the sentence subject.
        let coordinated = k > 0
            && toks[k - 1].word
            && matches!(lower(text, &toks[k - 1]).as_str(), "and" | "but");
        let mut mention = if participle {
            sentence_subject(text, &toks, self.words)
        } else if coordinated {
            // ("Rachel Armstrong said it was wrong to blame the Treasury,
            // and accused Sinn Féin of “...”": after a comma the verb is
            // the sentence subject's, not the last noun's.)
            let after_comma = k > 1 && toks[k - 2].is(text, ',');
            let own = || sentence_subject(text, &toks[..k - 1], self.words);
            if after_comma { own() } else { None }
                .or_else(|| subject_before(text, &toks, k, self.words).map(|(m, _)| m.mention))
                .or_else(own)
        } else {
            subject_before(text, &toks, k, self.words).map(|(m, _)| m.mention)
        };
        // A passive ("has been accused by a Conservative peer of “erasing
        // history”"): the agent after "by" speaks; the subject is who it
        // is about.
        let agent = (k > 0
            && aux_passive(text, &toks[k - 1])
            && toks.get(k + 1).is_some_and(|t| lower(text, t) == "by"))
        .then(|| {
            // The agent runs to the preposition of the charge ("of", "as",
            // "for") or the quote.
            let stop = (k + 3..toks.len())
                .find(|&x| {
                    toks[x].word && matches!(lower(text, &toks[x]).as_str(), "of" | "as" | "for")
                })
                .unwrap_or(toks.len());
            let (m, _) = np_after(text, &toks[..stop], k + 2, self.words)?;
            Some((m, stop))
        })
        .flatten();
        if let Some((m, _)) = agent {
            mention = Some(m.mention);
        }
        let kl = lower(text, &toks[k]);
        let strong =
            self.cues.takes_clause(&kl) || self.cues.is_object_verb(&kl) || kl.starts_with("call");
        if mention.is_none() && !participle && !strong {
            return None;
        }
        // "tweeted in the early morning hours that ...": the time is not content.
        let mut start = skip_time(text, &toks, k + 1);
        if let Some((_, after)) = agent {
            // Past the agent: "of “erasing history”".
            start = after;
        } else if toks.get(start).is_some_and(|t| lower(text, t) == "that") {
            start += 1;
        } else if start > k + 1 {
            start = k + 1;
        } else if self.cues.is_object_verb(&kl) {
            // "told a town hall in Salem on Monday that ...": the listener
            // and the time are not content.
            if let Some(t) = (k + 1..toks.len().min(k + 16))
                .find(|&t| toks[t].word && lower(text, &toks[t]) == "that")
            {
                start = t + 1;
            } else if toks
                .get(start)
                .is_some_and(|t| t.word && LISTENERS.contains(&lower(text, t).as_str()))
            {
                // "told reporters the Prime Minister had ...".
                start += 1;
            } else if let Some((_, e)) = toks
                .get(start)
                .filter(|t| t.capitalized(text))
                .and_then(|_| np_after(text, &toks, start, self.words))
                .filter(|&(_, e)| {
                    toks.get(e).is_some_and(|t| {
                        t.word
                            && matches!(
                                lower(text, t).as_str(),
                                "the" | "a" | "an" | "it" | "he" | "she" | "they" | "there"
                            )
                    })
                })
            {
                // "told The Yorkshire Post the switch would be ...": a
                // named listener, then the clause.
                start = e;
            }
        }
        let from = toks.get(start).map_or(c.outer.start, |t| t.span.start);
        let end_toks = tokenize(
            text,
            window(
                text,
                Span::new(c.outer.start, sent.end.max(c.outer.end)),
                c.outer.end,
                600,
            ),
        );
        // The clause ends with the quote when the quote closes on a comma
        // ("calling Trump “an orange buffoon,” Susan said"), else at the
        // first clause break after it, else at the sentence end.
        let closes_on_comma = c
            .pieces
            .last()
            .is_some_and(|p| p.slice(text).trim_end().ends_with(','));
        let mut last = if closes_on_comma {
            end_toks.partition_point(|t| t.span.end <= c.outer.end)
        } else {
            end_toks
                .iter()
                .enumerate()
                .position(|(x, t)| {
                    t.span.start >= c.outer.end
                        && (matches!(t.text(text), "," | ";" | "—" | "–" | "(")
                            // "... and said that ...": the next statement.
                            || (t.word
                                && lower(text, t) == "and"
                                && end_toks.get(x + 1).is_some_and(|n| {
                                    let a = lower(text, n);
                                    n.word
                                        && (a.ends_with("ed")
                                            || a == "said"
                                            || (a.ends_with("s") && self.cues.takes_clause(&a)))
                                        && self.cues.is_verb(&a)
                                })))
                })
                .unwrap_or(end_toks.len())
        };
        while last > 0 && !end_toks[last - 1].word {
            last -= 1;
        }
        let end = if last == 0 {
            c.outer.end
        } else {
            end_toks[last - 1].span.end.max(c.outer.end)
        };
        let content = Span::new(from, end);
        Some(Cand::reported(content, Some(toks[k].span), mention, c.para))
    }

    /// Interview transcripts: a paragraph opening with an all-caps speaker
    /// label ("PENCE: Well, ...") is that speaker's turn.
    fn transcript_turns(&self, text: &str, seg: &Segmentation) -> Vec<Cand> {
        const NOT_SPEAKERS: &[&str] = &[
            "UPDATE",
            "NOTE",
            "EDITOR'S NOTE",
            "WATCH",
            "RELATED",
            "VIDEO",
            "PHOTOS",
            "READ MORE",
            "SOURCE",
            "SOURCES",
            "CORRECTION",
            "CLARIFICATION",
            "PHOTO",
            "UPDATED",
        ];
        let mut out = Vec::new();
        for (pi, para) in seg.paragraphs.iter().enumerate() {
            let p = para.slice(text);
            let Some(colon) = p.find(':') else {
                continue;
            };
            // Transcripts quoted whole open each turn with a mark ("PENCE: ...).
            let label = p[..colon].trim().trim_start_matches(['"', '“', '\'', '‘']);
            let ok = !label.is_empty()
                && label.len() <= 40
                && label.split_whitespace().count() <= 4
                && label.chars().any(char::is_alphabetic)
                && label.chars().all(|c| {
                    c.is_uppercase() || c.is_whitespace() || matches!(c, '.' | '\'' | '’' | '-')
                })
                && !NOT_SPEAKERS.contains(&label);
            // A headline "Bernie Sanders: ‘It Is Not A Radical Idea’ ..." credits
            // its speaker the same way, in title case.
            let headline = pi == 0
                && label.split_whitespace().count() <= 4
                && label
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && !label.chars().any(|c| matches!(c, ',' | '?' | '!'))
                && p[colon + 1..]
                    .chars()
                    .any(|c| matches!(c, '‘' | '“' | '"' | '\''));
            if !(ok || headline) {
                continue;
            }
            let mut body = Span::new(para.start + colon + 1, para.end).trim(text);
            // A closing mark at the end of the turn is not content.
            let bt = body.slice(text);
            if let Some(c) = bt.chars().next_back().filter(|c| matches!(c, '"' | '”')) {
                body = Span::new(body.start, body.end - c.len_utf8()).trim(text);
            }
            if word_count(text, body) < 2 {
                continue;
            }
            let lstart = para.start + p.find(label).unwrap_or(0);
            out.push(Cand {
                kind: QuoteKind::Direct,
                pieces: vec![body],
                outer: body,
                cue: None,
                mention: Some(Span::new(lstart, lstart + label.len())),
                tail_end: body.end,
                head: true,
                lead: None,
                para: pi,
            });
        }
        out
    }

    /// `, he said.` / `, said Smith.` / `— Commissioner Starks` after a quote.
    fn tail_attribution(
        &self,
        text: &str,
        tail: Span,
        sent_end: usize,
    ) -> Option<(MentionMatch, Option<Span>, usize)> {
        // Only the start of the tail can credit the quote: a bounded window
        // keeps a never-ending "sentence" of quotes linear.
        let toks = tokenize(text, window(text, tail, tail.start, 400));
        // Up to the first sentence end, at most 16 tokens.
        let mut n = 0;
        // (The segmenter's sentence end, so "Mr. Biden told" is not cut at "Mr.".)
        while n < toks.len() && n < 24 {
            if is_terminal(text, &toks[n]) && n > 0 && toks[n].span.end >= sent_end {
                break;
            }
            n += 1;
        }
        let end_of = |k: usize| -> usize {
            if k < toks.len() && is_terminal(text, &toks[k]) {
                toks[k].span.end
            } else if k > 0 {
                toks[k - 1].span.end
            } else {
                tail.start
            }
        };
        let end_of = |k: usize| end_of(k).max(sent_end.min(tail.end));
        let toks = &toks[..n.min(toks.len())];
        let mut i = 0;
        let mut dash = false;
        while i < toks.len() && !toks[i].word {
            let s = toks[i].text(text);
            if matches!(s, "—" | "–" | "-" | "―") {
                dash = true;
            } else if !matches!(s, "," | "(") {
                return None;
            }
            i += 1;
        }
        let first = toks.get(i)?;
        let l = lower(text, first);
        // After a quote that ends its sentence, a capitalised cue opens the
        // next sentence ("Asked what ..., she said"), not an inverted
        // attribution ("said Smith").
        let new_sentence = first.capitalized(text)
            && text[..tail.start]
                .trim_end_matches(['"', '”', '’', '\'', '»'])
                .ends_with(['.', '!', '?']);
        if self.cues.is_verb(&l) && !new_sentence {
            let m = np_after(text, toks, i + 1, self.words)
                .map(|(m, _)| m)
                .or_else(|| {
                    // "said a prominent committee member who ...": up to the comma.
                    let mut k = i + 1;
                    while k < toks.len() && toks[k].word && k - i <= 10 {
                        k += 1;
                    }
                    let ok = k > i + 1 && lower(text, &toks[i + 1]) != "that";
                    ok.then(|| {
                        let s = Span::new(toks[i + 1].span.start, toks[k - 1].span.end);
                        MentionMatch {
                            mention: s,
                            intro: s,
                        }
                    })
                })?;
            return Some((m, Some(first.span), end_of(n)));
        }
        if let Some(len) = self.cue_phrase(text, toks, i) {
            let (m, _) = np_after(text, toks, i + len, self.words)?;
            let cue = Span::new(first.span.start, toks[i + len - 1].span.end);
            return Some((m, Some(cue), end_of(n)));
        }
        // A quote closed with a period ends its sentence: a following "She
        // noted a planned rally" is the next statement, not this one's
        // attribution (unlike "Smith said on Tuesday.").
        let closed = text[..tail.start]
            .trim_end_matches(['"', '”', '’', '\'', '»'])
            .ends_with('.');
        for k in i + 1..toks.len() {
            let phrase = self.cue_phrase(text, toks, k);
            // "the report concluded": a cue word after a determiner is a noun.
            let noun = k > 0
                && toks[k - 1].word
                && matches!(
                    lower(text, &toks[k - 1]).as_str(),
                    "the" | "a" | "an" | "this" | "his" | "her" | "its" | "their" | "our"
                );
            // ("Compass Point Research": a capitalised cue word inside a
            // name is no cue.)
            // (Not in a title-case headline: "... Board Of Election Finds".)
            // (Bounded: a headline is short.)
            let at = toks[k].span.start;
            let headline = at < 400 && !text[..at].contains("\n\n");
            let in_name = toks[k].capitalized(text)
                && !headline
                && (toks[k - 1].word && toks[k - 1].capitalized(text)
                    || toks
                        .get(k + 1)
                        .is_some_and(|t| t.word && t.capitalized(text)));
            if toks[k].word
                && !noun
                && !in_name
                && !self.not_cue(text, toks, k)
                && (self.cues.is_verb(&lower(text, &toks[k])) || phrase.is_some())
            {
                let after_cue = k + phrase.unwrap_or(1);
                if closed
                    && toks[after_cue..]
                        .first()
                        .is_some_and(|t| t.word && !is_prep(&lower(text, t)))
                {
                    return None;
                }
                let (mut m, s) = subject_before(text, toks, k, self.words)?;
                // Words the noun-phrase rules did not take ("CBS This Morning
                // co-Anchor DeMarco Morgan said") still belong to the speaker.
                if s > i
                    && toks[i..s]
                        .iter()
                        .all(|t| t.word || t.is(text, '-') || t.is(text, '.'))
                {
                    m.mention = Span::new(toks[i].span.start, m.mention.end);
                    m.intro = m.intro.cover(m.mention);
                    return Some((m, Some(toks[k].span), end_of(n)));
                }
                // "another friend, Mariam Emara told CNN": an appositive
                // before the name.
                if s > i + 1
                    && !new_sentence
                    && toks[s - 1].is(text, ',')
                    && toks[i..s - 1]
                        .iter()
                        .all(|t| t.word && !self.cues.is_verb(&lower(text, t)))
                    && s - 1 - i <= 5
                {
                    return Some((m, Some(toks[k].span), end_of(n)));
                }
                return (s == i).then_some((m, Some(toks[k].span), end_of(n)));
            }
        }
        if dash {
            if let Some((m, end)) = np_after(text, toks, i, self.words) {
                if end >= toks.len() || !toks[end].word {
                    return Some((m, None, end_of(n)));
                }
            }
            // "— EU foreign policy chief Margit Lindqvist": a description
            // the noun-phrase rules do not take, then the name that ends the
            // credit (two or more capitalised words).
            let words = toks[i..].iter().take_while(|t| t.word).count();
            let named = toks[i..i + words]
                .iter()
                .rev()
                .take_while(|t| t.capitalized(text))
                .count();
            let ends = i + words == toks.len() || is_terminal(text, &toks[i + words]);
            if ends && words <= 10 && named >= 2 && named < words {
                let last = &toks[i + words - 1];
                let mention = Span::new(toks[i + words - named].span.start, last.span.end);
                let intro = Span::new(toks[i].span.start, last.span.end);
                return Some((MentionMatch { mention, intro }, None, end_of(n)));
            }
            return None;
        }
        None
    }

    /// `X said:` / `X said,` / `And from Chairwoman X:` before a quote.
    /// A headline of the form "Speaker: statement" ("Poll: Trump and Clinton
    /// hold narrow leads", "Carly Fiorina: 'Bill Clinton's fair game.'"): the
    /// words before the colon are a name or a speaker noun and nothing
    /// else; shouted labels ("BREAKING:", "LOOK:") and "The Latest:" are not
    /// speakers.
    fn headline(&self, text: &str, sent: Span, para: usize) -> Option<Cand> {
        let toks = tokenize(text, sent);
        let colon = toks.iter().take(8).position(|t| t.is(text, ':'))?;
        let pre = &toks[..colon];
        if pre.is_empty()
            || !pre.iter().all(|t| t.word || t.is(text, '.'))
            || !pre[0].capitalized(text)
            || pre
                .iter()
                .filter(|t| t.word)
                .all(|t| !t.text(text).chars().any(char::is_lowercase))
            || matches!(lower(text, &pre[0]).as_str(), "the" | "a" | "an")
        {
            return None;
        }
        let (m, s) = subject_before(text, &toks, colon, self.words)?;
        if s != 0 {
            return None;
        }
        // The speaker comes back in the article ("Lynch: ..." then "Attorney
        // General Loretta Lynch said"); a label ("Wow:", "Deaths:") does not.
        let key = pre[colon - 1].text(text);
        let body = &text[sent.end.min(text.len())..];
        let again = body.match_indices(key).any(|(at, _)| {
            let before = body[..at].chars().next_back();
            let after = body[at + key.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        }) || body
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(key));
        if !again {
            return None;
        }
        let mut end = toks
            .iter()
            .skip(colon + 1)
            .position(|t| t.is(text, ';'))
            .map_or(toks.len(), |k| k + colon + 1);
        while end > colon + 1 && !toks[end - 1].word {
            end -= 1;
        }
        let first = toks.get(colon + 1)?;
        if end <= colon + 1 || !first.word {
            return None;
        }
        let content = Span::new(first.span.start, toks[end - 1].span.end);
        if word_count(text, content) < 3 {
            return None;
        }
        Some(Cand::reported(
            content,
            Some(toks[colon].span),
            Some(m.mention),
            para,
        ))
    }

    /// The writer's words before a credited partial quote that belong to
    /// the statement: the head from its sentence start, or from after the
    /// last cue in it ("DuVernay said she felt ... because “most people
    /// ...,” she said"), when at least two words are left.
    fn lead_in(&self, text: &str, head: Span) -> Option<Span> {
        let toks = tokenize(text, head);
        let mut start = toks
            .iter()
            .rposition(|t| t.word && !t.capitalized(text) && self.cues.is_verb(&lower(text, t)))
            .map_or(0, |k| k + 1);
        if toks.get(start).is_some_and(|t| lower(text, t) == "that") {
            start += 1;
        }
        let words = toks[start.min(toks.len())..]
            .iter()
            .filter(|t| t.word)
            .count();
        if words < 2 {
            return None;
        }
        let lead = Span::new(toks[start].span.start, head.end).trim(text);
        (!lead.is_empty()).then_some(lead)
    }

    fn head_attribution(&self, text: &str, head: Span) -> Option<(MentionMatch, Option<Span>)> {
        // Only the end of the head can credit the quote (bounded, as above).
        let toks = tokenize(text, window(text, head, head.end, 400));
        let mut n = toks.len();
        while n > 0 && !toks[n - 1].word {
            n -= 1;
        }
        if n == 0 {
            return None;
        }
        let toks_all = &toks;
        // The last cue within the final 10 tokens.
        for k in (n.saturating_sub(10)..n).rev() {
            let t = &toks_all[k];
            if !t.word {
                continue;
            }
            let l = lower(text, t);
            // ("The Doyle family also issued a statement: “...”")
            let statement_verb =
                matches!(l.as_str(), "issued" | "released" | "issues" | "releases")
                    && self.cue_phrase(text, toks_all, k).is_some();
            if self.cues.is_verb(&l) || statement_verb {
                // "The heartbroken mum of a teenage cyclist ... has begged
                // the driver to come forward, saying:": the participle's
                // subject is the sentence's.
                if l.ends_with("ing") && k > 0 && toks_all[k - 1].is(text, ',') {
                    let s = toks_all[..k]
                        .iter()
                        .rposition(|t| is_terminal(text, t))
                        .map_or(0, |p| p + 1);
                    if let Some(m) = sentence_subject(text, &toks_all[s..k], self.words) {
                        let m = MentionMatch {
                            mention: m,
                            intro: m,
                        };
                        return Some((m, Some(t.span)));
                    }
                }
                if let Some((m, _)) = subject_before(text, toks_all, k, self.words) {
                    return Some((m, Some(t.span)));
                }
                if let Some((m, _)) = np_after(text, toks_all, k + 1, self.words) {
                    return Some((m, Some(t.span)));
                }
                return None;
            }
        }
        // Colon credit without a cue: "And from Chairwoman X:".
        if toks.last().is_some_and(|t| t.is(text, ':')) {
            let mut s = n;
            while s > 0 && toks[s - 1].word && toks[s - 1].capitalized(text) {
                s -= 1;
            }
            if s < n {
                let (m, _) = np_after(text, toks_all, s, self.words)?;
                return Some((m, None));
            }
        }
        None
    }

    fn cue_phrase(&self, text: &str, toks: &[Tok], i: usize) -> Option<usize> {
        self.cues.phrase_at(&words_at(text, toks, i))
    }

    /// Whether the cue word at `i` starts a phrase that is no cue ("the
    /// Centre for European Trade Policy think tank, said"; "showed up").
    fn not_cue(&self, text: &str, toks: &[Tok], i: usize) -> bool {
        self.cues.not_cue_at(&words_at(text, toks, i))
    }

    /// Reported speech in one sentence.
    fn reported_in(
        &self,
        text: &str,
        sent: Span,
        para: usize,
        outers: &[Span],
        direct_cues: &[usize],
        out: &mut Vec<Cand>,
    ) {
        let toks = tokenize(text, sent);
        // No news sentence runs to hundreds of words; such a "sentence" is
        // a list or junk, and skipping it keeps the scan linear.
        if toks.len() < 4 || toks.len() > MAX_SENTENCE_TOKENS {
            return;
        }
        let masked = |t: &Tok| -> bool {
            let i = outers.partition_point(|o| o.end <= t.span.start);
            i < outers.len() && outers[i].start <= t.span.start
        };
        // Content ends before the final terminator and closing marks.
        let mut last = toks.len();
        while last > 0 && !toks[last - 1].word {
            last -= 1;
        }
        let mut i = 0;
        let mut consumed_to = 0;
        let mut asked = false;
        // The speaker of a content-first credit, for a participle after it.
        let mut credit: Option<Span> = None;
        while i < last {
            let t = toks[i];
            if !t.word || masked(&t) || i < consumed_to {
                i += 1;
                continue;
            }
            let l = lower(text, &t);
            // "according to X"
            if l == "according" && toks.get(i + 1).is_some_and(|n| lower(text, n) == "to") {
                if let Some(c) = self.according(text, &toks, i, last, para) {
                    out.push(c);
                }
                i += 2;
                continue;
            }
            // "Asked whether ..., Sanders said": the question is reported.
            // "..., he said when asked by a reporter if ...", "when I asked
            // Sanders if ...": the question, to the comma or the sentence end.
            let when = |k: usize| lower(text, &toks[k]) == "when";
            if l == "asked"
                && (i == 0
                    || (i > 0 && (toks[i - 1].is(text, ',') || when(i - 1)))
                    || (i > 1
                        && when(i - 2)
                        && matches!(
                            lower(text, &toks[i - 1]).as_str(),
                            "i" | "we" | "he" | "she" | "they"
                        )))
            {
                if let Some((c, next)) = self.asked_clause(text, &toks, i, last, para, &masked) {
                    // What follows answers the question; it is no content of
                    // a later "..., X said."
                    asked = true;
                    out.push(c);
                    consumed_to = next;
                    i = next;
                    continue;
                }
            }
            // A direct quote's own cue frames that quote, so what follows it
            // ("said carefully, as the words rolled") is no clause of its own;
            // "Asked whether ..., Priebus said, “...”" still is.
            let quote_cue = direct_cues.binary_search(&t.span.start).is_ok();
            let phrase = self.cue_phrase(text, &toks, i);
            // Capitalised forms are names ("the Washington Post", "United States").
            // ("accepting EU rules without a say in making them": after an
            // article the cue word is a noun.)
            let noun = i > 0
                && toks[i - 1].word
                && matches!(lower(text, &toks[i - 1]).as_str(), "a" | "an" | "the");
            if t.capitalized(text)
                || noun
                || self.not_cue(text, &toks, i)
                || (!self.cues.is_verb(&l) && phrase.is_none())
            {
                i += 1;
                continue;
            }
            let cue_len = phrase.unwrap_or(1).max(1);
            let cue_span = Span::new(t.span.start, toks[i + cue_len - 1].span.end);
            if let Some((c, next)) = (!quote_cue)
                .then(|| self.subject_first(text, &toks, i, cue_len, cue_span, last, para, &masked))
                .flatten()
            {
                let mut c = c;
                if c.mention.is_none() {
                    c.mention = credit;
                }
                out.push(c);
                consumed_to = next;
                i = next.max(i + 1);
                continue;
            }
            if let Some(c) = (!asked)
                .then(|| self.content_first(text, &toks, i, cue_len, cue_span, last, para, &masked))
                .flatten()
            {
                // ", adding that ...": go on to the participle's statement,
                // whose speaker is this credit's.
                let go_on = c.pieces.len() == 1 && self.participle_after(text, &toks, i + cue_len);
                credit = c.mention;
                out.push(c);
                if go_on {
                    i += cue_len;
                    consumed_to = i;
                    continue;
                }
                break;
            }
            i += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn subject_first(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        cue_len: usize,
        cue: Span,
        last: usize,
        para: usize,
        masked: &dyn Fn(&Tok) -> bool,
    ) -> Option<(Cand, usize)> {
        let l = lower(text, &toks[i]);
        let w = self.words;
        // Participle chain: "..., suggesting that ..." takes the sentence subject.
        // (", also alluding to ...", ", not even suggesting ...")
        let mut b = i;
        while b > 0 && i - b < 3 && toks[b - 1].word && w.skip.contains(&lower(text, &toks[b - 1]))
        {
            b -= 1;
        }
        let participle = l.ends_with("ing") && b > 0 && toks[b - 1].is(text, ',');
        let mut subordinate = false;
        let mut mention = if participle {
            sentence_subject(text, &toks[..i], self.words)
        } else {
            None
        };
        // "were asked whether ...": the subject is the listener, not the speaker.
        let passive = i > 0
            && matches!(
                lower(text, &toks[i - 1]).as_str(),
                "was" | "were" | "been" | "being" | "is" | "are"
            );
        if passive
            && self.cues.is_object_verb(&l)
            && toks.get(i + 1).is_none_or(|n| lower(text, n) != "by")
        {
            return None;
        }
        if !participle {
            // "X won the vote and said ...": a second verb of the sentence
            // subject.
            let coordinated = b > 0
                && toks[b - 1].word
                && matches!(lower(text, &toks[b - 1]).as_str(), "and" | "but");
            // "..., said the chief executive.": an inverted credit, whatever
            // name stands further back (content_first reads it).
            let inverted = i > 0
                && toks[i - 1].is(text, ',')
                && np_after(text, toks, i + cue_len, w).is_some_and(|(_, e)| {
                    e >= last || toks[e].is(text, ',') || toks[e].is(text, '.')
                });
            if inverted {
                return None;
            }
            // ("..., and accused Sinn Féin of ...": after a comma, the
            // sentence subject's verb.)
            let as_match = |subj: Span| {
                let s = toks.partition_point(|t| t.span.start < subj.start);
                (
                    MentionMatch {
                        mention: subj,
                        intro: subj,
                    },
                    s,
                )
            };
            let after_comma = coordinated && b > 1 && toks[b - 2].is(text, ',');
            let own = after_comma
                .then(|| sentence_subject(text, &toks[..b - 1], self.words))
                .flatten()
                .map(as_match);
            let (m, s) = match own.or_else(|| subject_before(text, toks, i, w)) {
                Some(found) => found,
                None if coordinated => {
                    // "... after the Bank of England left rates on hold and
                    // warned that ...": the subject of the clause the first
                    // verb is in, after its conjunction; else the sentence's.
                    let clause_subject = (0..b - 1)
                        .rev()
                        .take(16)
                        .find(|&k| {
                            toks[k].word
                                && matches!(
                                    lower(text, &toks[k]).as_str(),
                                    "after"
                                        | "as"
                                        | "when"
                                        | "while"
                                        | "because"
                                        | "since"
                                        | "before"
                                        | "although"
                                        | "though"
                                        | "once"
                                        | "until"
                                )
                        })
                        .and_then(|k| np_after(text, toks, k + 1, w))
                        .filter(|(_, end)| *end < b - 1 && toks[*end].word)
                        .map(|(m, _)| m.mention);
                    let subj = match clause_subject {
                        Some(m) => m,
                        None => sentence_subject(text, &toks[..b - 1], self.words)?,
                    };
                    as_match(subj)
                }
                None if matches!(
                    l.as_str(),
                    "said" | "says" | "say" | "told" | "tells" | "wrote" | "writes"
                ) =>
                {
                    // A subject the word rules do not cover ("Democrats in
                    // Iowa who watched the debate said"): the chunk back to
                    // the clause boundary.
                    // (Back to a subordinator at most: "Star jailed over
                    // crash as victim's wife says ...".)
                    // (Not one inside a relative clause: "Supporters who
                    // gathered after the final whistle said ...".)
                    let chunk = |stop: bool| {
                        let mut s = i;
                        while s > 0
                            && i - s < 14
                            && (toks[s - 1].word || toks[s - 1].is(text, '-'))
                            && !(stop
                                && matches!(
                                    lower(text, &toks[s - 1]).as_str(),
                                    "as" | "after"
                                        | "while"
                                        | "when"
                                        | "because"
                                        | "since"
                                        | "before"
                                ))
                        {
                            s -= 1;
                        }
                        s
                    };
                    let (short, full) = (chunk(true), chunk(false));
                    let relative = toks[full..short]
                        .iter()
                        .any(|t| matches!(lower(text, t).as_str(), "who" | "which" | "that"));
                    let s = if relative { full } else { short };
                    if s == i
                        || toks[i - 1].word
                            && matches!(lower(text, &toks[i - 1]).as_str(), "and" | "or" | "but")
                    {
                        return None;
                    }
                    let mention = Span::new(toks[s].span.start, toks[i - 1].span.end);
                    (
                        MentionMatch {
                            mention,
                            intro: mention,
                        },
                        s,
                    )
                }
                None => return None,
            };
            // "That said, Cruz cannot win ...", "This said, ...": an idiom,
            // not an attribution.
            let idiom = s + 1 == i
                && matches!(lower(text, &toks[s]).as_str(), "that" | "this")
                && toks.get(i + 1).is_some_and(|t| t.is(text, ','));
            if masked(&toks[s]) || idiom {
                return None;
            }
            subordinate = s > 0
                && toks[s - 1].word
                && matches!(
                    lower(text, &toks[s - 1]).as_str(),
                    "while" | "although" | "though" | "whereas" | "because" | "since" | "if"
                );
            mention = Some(m.mention);
            // "wrote to the Cabinet Secretary demanding to know ...": a
            // participle after a preposition's object is the sentence
            // subject's.
            let object = s > 0
                && toks[s - 1].word
                && matches!(
                    lower(text, &toks[s - 1]).as_str(),
                    "to" | "at" | "with" | "on"
                );
            if l.ends_with("ing") && object && s >= 2 {
                // The subject of the verb before the preposition ("Fiona
                // Gaskell wrote to ...").
                let v = s - 2;
                let verb = toks[v].word && !toks[v].capitalized(text);
                if let Some((subj, _)) = verb.then(|| subject_before(text, toks, v, w)).flatten() {
                    mention = Some(subj.mention);
                } else if let Some(subj) = (lower(text, &toks[s - 1]) != "with")
                    .then(|| sentence_subject(text, &toks[..s], w))
                    .flatten()
                {
                    // "posted a tribute on Facebook describing him as ...":
                    // the sentence subject, past the verb's own object.
                    mention = Some(subj);
                }
            }
            // Passive: "it was announced by X that ...", "the plan was
            // criticised by the mayor as ...": the agent after "by" speaks.
            if (lower(text, &toks[s]) == "it" || passive)
                && toks.get(i + 1).is_some_and(|n| lower(text, n) == "by")
            {
                let (m2, _) = np_after(text, toks, i + 2, w)?;
                mention = Some(m2.mention);
            }
        }
        let mut j = i + cue_len;
        if toks.get(j).is_some_and(|n| lower(text, n) == "by") {
            // Skip "by X" of a passive.
            j += 1;
            while j < last && toks[j].word && lower(text, &toks[j]) != "that" {
                j += 1;
            }
        }
        // "reported, citing a senior source, that ...": the aside names
        // where the report comes from, not what it says.
        if toks.get(j).is_some_and(|t| t.is(text, ','))
            && toks
                .get(j + 1)
                .is_some_and(|t| matches!(lower(text, t).as_str(), "citing" | "quoting"))
        {
            if let Some(k) = (j + 2..last.min(j + 16)).find(|&k| toks[k].is(text, ',')) {
                j = k + 1;
            }
        }
        // "warned, though, that ...", "said, however, that ...": a sentence
        // adverb between commas after the cue.
        if toks.get(j).is_some_and(|t| t.is(text, ','))
            && toks.get(j + 2).is_some_and(|t| t.is(text, ','))
            && toks.get(j + 1).is_some_and(|t| {
                t.word
                    && matches!(
                        lower(text, t).as_str(),
                        "though"
                            | "however"
                            | "also"
                            | "too"
                            | "again"
                            | "moreover"
                            | "nonetheless"
                            | "nevertheless"
                            | "instead"
                            | "privately"
                            | "publicly"
                            | "repeatedly"
                    )
            })
        {
            j += 3;
        }
        // "that" within a few words ("said on Tuesday that").
        let mut start = None;
        for (k, t) in toks.iter().enumerate().take(last.min(j + 9)).skip(j) {
            if !t.word {
                break;
            }
            let a = lower(text, t);
            if a == "that" {
                start = Some(k + 1);
                break;
            }
            // "say it cannot carry the lorries that supply ...": a subject
            // pronoun first starts the clause itself.
            if k == j
                && matches!(
                    a.as_str(),
                    "it" | "he" | "she" | "they" | "we" | "i" | "there"
                )
            {
                break;
            }
            // "said the network would resemble that of ...": past a verb,
            // "that" is no longer the complementizer; nor past another
            // clause ("said he understood ... but insisted that ...").
            // Nor past an auxiliary ("said the march had passed off
            // peacefully and that ...": the second clause's "that").
            if matches!(
                a.as_str(),
                "would"
                    | "will"
                    | "could"
                    | "should"
                    | "can"
                    | "may"
                    | "might"
                    | "must"
                    | "cannot"
                    | "can't"
                    | "can’t"
                    | "won't"
                    | "won’t"
                    | "but"
                    | "and"
                    | "had"
                    | "has"
                    | "have"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
            ) || (k > j
                && a.ends_with("ed")
                && self.cues.is_verb(&a)
                // ("said in a statement posted online that ...": a
                // participle after the document's noun.)
                && !matches!(
                    lower(text, &toks[k - 1]).as_str(),
                    "statement" | "letter" | "message" | "video" | "post" | "note" | "interview"
                ))
                // "said the outcome removed the worst-case scenario that had
                // hung ...": a past verb after a subject opening with its
                // determiner starts the clause; "that" is a relative.
                || (k >= j + 2
                    && a.len() > 4
                    && a.ends_with("ed")
                    && matches!(
                        lower(text, &toks[j]).as_str(),
                        "the" | "a" | "an" | "this" | "these" | "those" | "his" | "her" | "their"
                            | "its" | "our"
                    ))
            {
                break;
            }
        }
        if start.is_none() && self.cues.is_object_verb(&l) {
            // "told reporters (that) ...", "urged Congress to ..."
            let obj_end = match toks.get(j) {
                Some(t) if t.word && LISTENERS.contains(&lower(text, t).as_str()) => Some(j + 1),
                Some(_) => np_after(text, toks, j, w)
                    .map(|(_, e)| {
                        // ("told a Senate panel", "told a House committee":
                        // the noun after a name is still the listener.)
                        let noun = toks.get(e).is_some_and(|t| {
                            t.word && LISTENER_NOUNS.contains(&lower(text, t).as_str())
                        });
                        e + usize::from(noun && toks[e - 1].capitalized(text))
                    })
                    .or_else(|| {
                        // "urged both sides to return": any short object before
                        // an infinitive.
                        (j + 1..last.min(j + 6))
                            .take_while(|&k| toks[k].word && lower(text, &toks[k]) != "that")
                            .find(|&k| lower(text, &toks[k]) == "to")
                            .filter(|_| toks[j].word && !is_prep(&lower(text, &toks[j])))
                            .filter(|_| self.cues.takes_infinitive(&l))
                    }),
                None => None,
            };
            if let Some(e) = obj_end {
                let object_start = j;
                j = e;
                // "accused Arvenian forces of shelling a village": the
                // accused and the charge.
                let charge = l.starts_with("accus")
                    && toks.get(j).is_some_and(|n| lower(text, n) == "of")
                    && toks[object_start].word;
                if charge {
                    start = Some(object_start);
                } else if toks.get(j).is_some_and(|n| lower(text, n) == "that") {
                    start = Some(j + 1);
                } else if toks.get(j).is_some_and(|n| lower(text, n) == "to") {
                    start = Some(j);
                } else if l.starts_with("ask") {
                    start = toks
                        .get(j)
                        .filter(|n| {
                            matches!(
                                lower(text, n).as_str(),
                                "whether" | "if" | "why" | "how" | "what" | "when"
                            )
                        })
                        .map(|_| j);
                } else {
                    start = toks
                        .get(j)
                        .filter(|n| n.word && !is_prep(&lower(text, n)))
                        .map(|_| j);
                }
            }
        }
        // A listener without "that" or an infinitive is not a clause
        // ("told a crowd in Seattle on Tuesday").
        if start.is_none() && self.cues.is_object_verb(&l) && !self.cues.takes_clause(&l) {
            return None;
        }
        if start.is_none() && matches!(l.as_str(), "told" | "tell" | "tells" | "telling") {
            return None;
        }
        let mut np_object = false;
        let mut comma_start = false;
        // "said on Tuesday there were no plans": a time adverbial between
        // the cue and its clause.
        if start.is_none() {
            j = skip_time(text, toks, j);
        }
        let start = match start {
            Some(s) => s,
            None => {
                let n = toks.get(j)?;
                let nl = lower(text, n);
                let quoted_next = toks[j..last.min(j + 4)].iter().any(|t| is_mark(text, t));
                let infinitive = nl == "to" && self.cues.takes_infinitive(&l);
                // "said it would ...": "it" is a subject when a verb follows.
                // "said more than 40 people ...": a quantity, not an adverb.
                // "said more rain was forecast": a quantity before its noun
                // and a verb.
                // "said about 180 operations had been postponed": an
                // approximate number opens the clause.
                let approx = matches!(
                    nl.as_str(),
                    "about"
                        | "around"
                        | "nearly"
                        | "almost"
                        | "roughly"
                        | "approximately"
                        | "over"
                        | "some"
                ) && toks
                    .get(j + 1)
                    .is_some_and(|t| t.text(text).starts_with(|c: char| c.is_ascii_digit()));
                // "said it respected the right to protest", "said it took
                // two months", "said it plans to appeal": "it" and a verb.
                let it_past = nl == "it"
                    && toks.get(j + 1).is_some_and(|t| {
                        let a = lower(text, t);
                        t.word
                            && !t.capitalized(text)
                            && ((a.len() > 4 && a.ends_with("ed"))
                                || IRREGULAR_PAST.contains(&a.as_str())
                                || (a.ends_with('s') && self.cues.is_verb(&a)))
                    });
                // "said at least 40 of the Ukrainians ...", "said up to 300
                // jobs ...".
                let bound = matches!(
                    (
                        nl.as_str(),
                        toks.get(j + 1).map(|t| lower(text, t)).as_deref()
                    ),
                    ("at", Some("least" | "most"))
                        | ("up", Some("to"))
                        | ("fewer" | "less", Some("than"))
                ) && toks
                    .get(j + 2)
                    .is_some_and(|t| t.text(text).starts_with(|c: char| c.is_ascii_digit()));
                let it_subject = approx
                    || bound
                    || it_past
                    || (nl == "it" && aux_at(text, toks, j + 1))
                    || (nl == "more" && toks.get(j + 1).is_some_and(|t| lower(text, t) == "than"))
                    || (matches!(nl.as_str(), "more" | "much" | "little" | "no")
                        && toks.get(j + 1).is_some_and(|t| t.word)
                        && aux_at(text, toks, j + 2));
                let clause = n.word
                    && (!is_prep(&nl) || it_subject)
                    && (self.cues.takes_clause(&l) || quoted_next || cue_len > 1)
                    && (quoted_next
                        || cue_len > 1
                        || !self.cues.object_or_clause(&l)
                        || has_own_verb(text, toks, j, last));
                let quote_next = is_mark(text, n) && j + 1 < last;
                let comma_clause = nl == ","
                    && self.cues.takes_clause(&l)
                    && toks.get(j + 1).is_some_and(|t| {
                        let a = lower(text, t);
                        t.word
                            && !is_prep(&a)
                            && !a.ends_with("ing")
                            && !matches!(
                                a.as_str(),
                                "while"
                                    | "and"
                                    | "but"
                                    | "although"
                                    | "though"
                                    | "because"
                                    | "whereas"
                                    | "who"
                                    | "which"
                                    | "adding"
                                    | "according"
                            )
                    })
                    && last > j + 5;
                if matches!(nl.as_str(), "whether" | "if" | "how" | "why" | "what") || comma_clause
                {
                    comma_start = comma_clause;
                    j + 1
                } else if infinitive || clause || quote_next {
                    j
                } else if n.word && !is_prep(&nl) && self.cues.takes_np(&l) {
                    // "endorsed Donald Trump", "opposed the deal": the
                    // object is the stance.
                    np_object = true;
                    j
                } else {
                    return None;
                }
            }
        };
        if np_object {
            // The object noun phrase: up to a clause break or a preposition
            // that starts an adverbial ("endorsed Trump on Tuesday").
            let stop = (start + 1..last)
                .find(|&k| {
                    let a = lower(text, &toks[k]);
                    // ("deals such as NAFTA": the examples are the object's.)
                    let such_as = a == "as" && lower(text, &toks[k - 1]) == "such";
                    (!toks[k].word && !toks[k].is(text, '-') && !toks[k].is(text, '\''))
                        || (a != "of" && !such_as && is_prep(&a))
                        || matches!(
                            a.as_str(),
                            "and" | "but" | "because" | "who" | "which" | "that"
                        )
                })
                .unwrap_or(last);
            // "slammed planning chiefs for signing off the estate ...": the
            // reason is the criticism (or praise) itself, to the clause's
            // end.
            let reason = stop + 1 < last
                && matches!(lower(text, &toks[stop]).as_str(), "for" | "over")
                && toks[stop + 1].word
                && lower(text, &toks[stop + 1]).ends_with("ing");
            let stop = if reason {
                (stop + 2..last)
                    .find(|&k| {
                        (toks[k].is(text, ',') || toks[k].is(text, ';')) && !masked(&toks[k])
                    })
                    .unwrap_or(last)
            } else {
                stop
            };
            let content = Span::new(toks[start].span.start, toks[stop - 1].span.end);
            return Some((Cand::reported(content, Some(cue), mention, para), stop));
        }
        // Content runs to the sentence end or the next participle cue /
        // "according to".
        let mut end = last;
        // Inside a relative clause ("Smith, who said X, went on") the
        // content ends at the clause's closing comma.
        // So does a subordinate clause ("while the RNC says they are on their
        // way, they are not receiving help").
        let relative =
            subordinate || mention.is_some_and(|m| matches!(m.slice(text), "who" | "which"));
        let mut k = start + 1;
        while k + 1 < last {
            if relative && toks[k].is(text, ',') && !masked(&toks[k]) {
                end = k;
                break;
            }
            if toks[k].is(text, ';') && !masked(&toks[k]) {
                end = k;
                break;
            }
            // `,” claiming that ...`: a comma closing a quote is a clause
            // break too; so is "and" before a participle cue.
            let comma_in_quote = toks[k].is(text, ',')
                && toks.get(k + 1).is_some_and(|t| is_mark(text, t))
                && toks.get(k + 2).is_some_and(|t| {
                    let a = lower(text, t);
                    t.word && a.ends_with("ing") && self.cues.is_verb(&a)
                });
            let and_participle = toks[k].word
                && matches!(lower(text, &toks[k]).as_str(), "and" | "but")
                && !masked(&toks[k])
                && {
                    let a = lower(text, &toks[k + 1]);
                    // "... and said that ...": the subject's next statement.
                    (a.ends_with("ing")
                        || a.ends_with("ed")
                        || a == "said"
                        || (a.ends_with("s") && self.cues.takes_clause(&a)))
                        && self.cues.is_verb(&a)
                };
            // "... when asked if ...": the question is a statement of its own.
            let when_asked = toks[k].word
                && lower(text, &toks[k]) == "when"
                && lower(text, &toks[k + 1]) == "asked";
            if comma_in_quote || and_participle || when_asked {
                end = k;
                break;
            }
            if toks[k].is(text, ',') && !masked(&toks[k]) {
                let nl = lower(text, &toks[k + 1]);
                // A contrast clause is the writer's ("..., while 22 percent said").
                // (Not an aside after the clause's bare subject: "said
                // Trump, despite his wealth, is better positioned".)
                let contrast = matches!(
                    nl.as_str(),
                    "while" | "but" | "although" | "though" | "even" | "whereas" | "despite"
                ) && (nl == "but"
                    || toks[start..k].iter().filter(|t| t.word).count() > 3);
                // ", and his campaign is ...": a new clause with its own subject.
                let new_clause = matches!(nl.as_str(), "and" | "so")
                    && toks.get(k + 2).is_some_and(|t| {
                        t.word
                            && matches!(
                                lower(text, t).as_str(),
                                "he" | "she"
                                    | "they"
                                    | "we"
                                    | "i"
                                    | "his"
                                    | "her"
                                    | "their"
                                    | "its"
                                    | "our"
                                    | "most"
                                    | "many"
                                    | "some"
                                    | "others"
                            )
                    });
                // ", who also held a rally": a relative clause about the
                // last noun is the writer's aside.
                // (Not the second of a list: "people who think ..., who live ...".)
                // (Nor when the content so far is only its subject: "says
                // that Walker, who charges ..., has lost".)
                let aside = nl == "who"
                    && toks[start..k].iter().filter(|t| t.word).count() > 2
                    && !toks[start..k]
                        .iter()
                        .any(|t| t.word && lower(text, t) == "who");
                // ", compared with ...": the writer's comparison; ", a mass
                // layoff rivaling ...": the writer's label for the statement.
                let comment =
                    nl == "compared" || (matches!(nl.as_str(), "a" | "an") && k >= start + 5);
                // ", with tourism operators saying ...": another speaker's
                // statement.
                let with_speaker = nl == "with"
                    && (k + 2..last.min(k + 7)).any(|p| {
                        let a = lower(text, &toks[p]);
                        toks[p].word && a.ends_with("ing") && self.cues.takes_clause(&a)
                    });
                // ", as the health secretary insisted the plan ...": another
                // speaker's attribution in an "as" clause.
                let as_speaker = nl == "as"
                    && (k + 3..last.min(k + 9)).any(|p| {
                        let a = lower(text, &toks[p]);
                        toks[p].word
                            && !toks[p].capitalized(text)
                            && !masked(&toks[p])
                            && (a.ends_with("ed") || matches!(a.as_str(), "said" | "says"))
                            && self.cues.is_verb(&a)
                            && self.cues.takes_clause(&a)
                            && toks[k + 2..p].iter().all(|t| t.word || t.is(text, '\''))
                    });
                let is_chain = aside
                    || as_speaker
                    || with_speaker
                    || comment
                    || (nl.ends_with("ing") && self.cues.is_verb(&nl))
                    || nl == "according"
                    || contrast
                    || new_clause;
                // ", Lewandowski said he ...": the next attribution.
                let next_said = (k + 2..last.min(k + 6)).find(|&p| {
                    toks[p].word
                        && matches!(
                            lower(text, &toks[p]).as_str(),
                            "said" | "says" | "told" | "added" | "noted"
                        )
                });
                let next_attribution = next_said.is_some_and(|p| {
                    toks[k + 1..p].iter().all(|t| t.word)
                        && toks[k + 1].capitalized(text)
                        && !masked(&toks[p])
                })
                    // ", he clarified that ...": a pronoun and a cue of a clause.
                    || (matches!(nl.as_str(), "he" | "she" | "they" | "we" | "i")
                        && toks.get(k + 2).is_some_and(|t| {
                            let a = lower(text, t);
                            let that = toks
                                .get(k + 3)
                                .is_some_and(|n| lower(text, n) == "that");
                            t.word
                                && !masked(t)
                                && a.ends_with("ed")
                                && self.cues.is_verb(&a)
                                && (that || self.cues.takes_clause(&a))
                        }));
                let is_tail = next_attribution
                    || toks[k + 1..last].len() <= 4
                        && toks[k + 1..last]
                            .iter()
                            .any(|t| t.word && self.cues.is_verb(&lower(text, t)));
                if is_chain || is_tail {
                    end = k;
                    break;
                }
            }
            k += 1;
        }
        if start >= end {
            return None;
        }
        let content = Span::new(toks[start].span.start, toks[end - 1].span.end);
        if word_count(text, content) < 2 {
            return None;
        }
        let mut cand = Cand::reported(content, Some(cue), mention, para);
        if comma_start {
            if let Some(lead) = mention.and_then(|m| self.subject_lead(text, toks, m, start)) {
                cand.pieces.insert(0, lead);
                cand.outer = lead.cover(content);
            }
        }
        Some((cand, end))
    }

    /// "The museum, Mr. Obama said, would make visitors face ...": a short
    /// noun phrase opening the sentence, the credit between commas, then a
    /// verb. The noun phrase is the statement's subject, so its first piece.
    fn subject_lead(&self, text: &str, toks: &[Tok], mention: Span, start: usize) -> Option<Span> {
        let s = toks.partition_point(|t| t.span.start < mention.start);
        let first = lower(text, toks.get(start)?);
        let verb = is_auxiliary(&first) || (first.len() > 4 && first.ends_with("ed"));
        if !verb || s < 2 || !toks[s - 1].is(text, ',') {
            return None;
        }
        let a = toks[..s - 1].iter().position(|t| t.word)?;
        let lead = &toks[a..s - 1];
        let words = lead.iter().filter(|t| t.word).count();
        let plain = lead.iter().all(|t| {
            let l = lower(text, t);
            (t.word
                && !is_auxiliary(&l)
                && !self.cues.is_verb(&l)
                && !matches!(
                    l.as_str(),
                    "he" | "she" | "it" | "they" | "we" | "i" | "that"
                ))
                || matches!(t.text(text), "'" | "’" | "-" | "'s" | "’s")
        });
        // (Not a sentence adverb: "Nor, he said, did he ...", "Rather, ...".)
        let first_lead = lower(text, &toks[a]);
        let adverb = words == 1
            && (first_lead.ends_with("ly")
                || matches!(
                    first_lead.as_str(),
                    "nor"
                        | "rather"
                        | "instead"
                        | "still"
                        | "yet"
                        | "now"
                        | "so"
                        | "indeed"
                        | "thus"
                ));
        (toks[a].capitalized(text)
            && !adverb
            && !is_prep(&first_lead)
            && (1..=8).contains(&words)
            && plain)
            .then(|| Span::new(toks[a].span.start, toks[s - 2].span.end))
    }

    /// Whether `, <participle cue>` starts at token `k` (", adding that ...").
    fn participle_after(&self, text: &str, toks: &[Tok], k: usize) -> bool {
        toks.get(k).is_some_and(|t| t.is(text, ','))
            && toks.get(k + 1).is_some_and(|t| {
                let l = lower(text, t);
                t.word && l.ends_with("ing") && self.cues.is_verb(&l)
            })
    }

    /// `CONTENT, X said.` and `CONTENT, said X.`
    #[allow(clippy::too_many_arguments)]
    fn content_first(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        cue_len: usize,
        cue: Span,
        last: usize,
        para: usize,
        masked: &dyn Fn(&Tok) -> bool,
    ) -> Option<Cand> {
        let w = self.words;
        // "A, X said, B.": the attribution sits inside the statement; `resume`
        // is where the second piece starts.
        let resumes_at = |k: usize| -> Option<usize> {
            let t = toks.get(k + 1)?;
            let l = lower(text, t);
            let ok = toks[k].is(text, ',')
                && t.word
                && !masked(t)
                && !l.ends_with("ing")
                && (!is_prep(&l) || matches!(l.as_str(), "so" | "it"))
                && !matches!(
                    l.as_str(),
                    "according"
                        | "who"
                        | "whose"
                        | "which"
                        | "where"
                        | "and"
                        | "but"
                        | "or"
                        | "although"
                        | "though"
                        | "because"
                        | "whereas"
                        | "that"
                        | "the"
                        | "a"
                        | "an"
                )
                && !self.cues.is_verb(&l)
                && last > k + 3;
            ok.then_some(k + 1)
        };
        let mut resume = None;
        // "..., lawmakers said Friday, as they bristled at ...", "..., the
        // agency said in a June report, and those in the bottom fifth paid
        // 0.8 percent.": a comma and a conjunction end the credit; what
        // follows is the writer's clause (or, after "and" with no cue of its
        // own, more of the statement). `stop` stands in for the sentence end
        // in the length checks below.
        let brk = (i + cue_len..last).find(|&k| {
            toks[k].is(text, ',')
                && toks
                    .get(k + 1)
                    .is_some_and(|t| t.word && CREDIT_BREAKS.contains(&lower(text, t).as_str()))
        });
        let and_resume = brk.filter(|&k| {
            lower(text, &toks[k + 1]) == "and"
                && last > k + 5
                && toks[k + 2].word
                && !masked(&toks[k + 2])
                && !toks[k + 2..last]
                    .iter()
                    .any(|t| t.word && self.cues.is_verb(&lower(text, t)))
        });
        // Only after a credit that is all name, time or place ("said in a
        // June report,"): not "did find himself in trouble, and ...".
        let valid = |from: usize| {
            brk.filter(|&k| {
                k >= from
                    && (k == from
                        || toks[from].word
                            && (is_prep(&lower(text, &toks[from])) || toks[from].capitalized(text)))
            })
        };
        let stop;
        // "..., said Rita Katz, the director of SITE Intelligence Group,
        // which tracks ...": an appositive that runs to the sentence end,
        // with no cue of its own, is still the attribution.
        let mut appositive_to_end = false;
        // ("..., Nicholas Penfold, prosecuting, told the court.": the
        // speaker comes before the cue after all.)
        // (Nor after "told": ", told reporters" names the listener, and the
        // speaker stands before the comma: "..., Bekov, who ..., told
        // reporters.")
        let told = matches!(lower(text, &toks[i]).as_str(), "told" | "tells");
        let aside = crate::attribute::mention::participle_aside(text, toks, i).is_some() || told;
        let (mention, comma) = if i > 0 && toks[i - 1].is(text, ',') && !aside {
            let (m, end) = np_after(text, toks, i + cue_len, w)?;
            // ("..., announced they were separated": a pronoun with a verb
            // after it opens the clause; it credits nobody.)
            let pronoun_subject = m.mention.slice(text).split_whitespace().count() == 1
                && matches!(
                    m.mention.slice(text).to_lowercase().as_str(),
                    "he" | "she" | "they" | "we" | "i"
                )
                && toks.get(end).is_some_and(|t| t.word);
            if pronoun_subject {
                return None;
            }
            if m.intro == m.mention {
                resume = resumes_at(end);
            } else {
                appositive_to_end = toks[end..last]
                    .iter()
                    .all(|t| !t.word || t.capitalized(text) || !self.cues.is_verb(&lower(text, t)));
            }
            // "..., said the chief executive, who declined to say more.": a
            // relative clause about the speaker ends the credit.
            appositive_to_end |= toks.get(end).is_some_and(|t| t.is(text, ','))
                && toks
                    .get(end + 1)
                    .is_some_and(|t| matches!(lower(text, t).as_str(), "who" | "whose"));
            stop = valid(end).unwrap_or(last);
            if resume.is_none() && stop.saturating_sub(end) > 6 && !appositive_to_end {
                return None;
            }
            (m.mention, i - 1)
        } else {
            // (Past a description the name rules leave out: "...,
            // journalist Martha Raddatz said", "..., ABC journalist ...".)
            // (Only before a name, and not in a list of described names:
            // "chef Haile Thomas, entrepreneur Maya Penn and ...".)
            let described = |s: usize| {
                if !toks[s].capitalized(text) {
                    return None;
                }
                let mut d = s;
                while d > 0 && s - d < 3 && toks[d - 1].word && {
                    let l = lower(text, &toks[d - 1]);
                    !crate::attribute::mention::is_function(&l)
                        && !self.cues.is_verb(&l)
                        && !matches!(l.as_str(), "he" | "she" | "it" | "they" | "we" | "i")
                } {
                    d -= 1;
                }
                (d > 1
                    && d < s
                    && toks[d - 1].is(text, ',')
                    && !toks[d - 2].capitalized(text)
                    && !toks[d..s].iter().all(|t| t.capitalized(text)))
                .then_some(d)
            };
            stop = valid(skip_time(text, toks, i + cue_len)).unwrap_or(last);
            let (m, s) = subject_before(text, toks, i, w)
                .and_then(|(m, s)| {
                    if s > 0 && toks[s - 1].is(text, ',') {
                        Some((m, s))
                    } else {
                        described(s).map(|d| (m, d))
                    }
                })
                .or_else(|| {
                    // A common-noun speaker only when the attribution ends the
                    // sentence ("..., her friend said Thursday."): elsewhere the
                    // text before the comma is an adverbial ("Now as the U.S.
                    // enters an election year, the president said ...").
                    let from = skip_time(text, toks, i + cue_len).min(stop);
                    let rest = &toks[from..stop];
                    let tail = rest.iter().filter(|t| t.word).count() <= 2
                        && rest
                            .iter()
                            .all(|t| !t.word || is_prep(&lower(text, t)) || t.capitalized(text));
                    // Nor when the statement is itself an attribution
                    // ("Bamberg said the videos ..., the footage showed").
                    let said_before = toks[..i].iter().any(|t| {
                        t.word
                            && matches!(lower(text, t).as_str(), "said" | "says" | "say" | "told")
                    });
                    (tail && !said_before)
                        .then(|| common_np_before(text, toks, i, w))
                        .flatten()
                })?;
            resume = resumes_at(i + cue_len);
            (m.mention, s - 1)
        };
        let after = toks.get(i + cue_len);
        // ("told reporters outside the Dolmabahçe Palace after the final
        // session": a listener, then where and when.)
        let aside =
            told || after.is_some_and(|a| a.is(text, ',') || (a.word && is_prep(&lower(text, a))));
        let limit = if aside { 14 } else { 7 };
        // "..., the minister said, adding that ...": the participle starts a
        // statement of its own, found after this one.
        let participle_tail = self.participle_after(text, toks, i + cue_len);
        if resume.is_none()
            && !appositive_to_end
            && !participle_tail
            && (stop.saturating_sub(i + cue_len) > limit
                || toks[i + cue_len..stop]
                    .iter()
                    .any(|t| t.word && lower(text, t) == "that"))
        {
            return None;
        }
        let mut a = 0;
        while a < comma && !toks[a].word {
            a += 1;
        }
        if a >= comma || masked(&toks[a]) {
            return None;
        }
        // ("WASHINGTON ― Donald Trump's obsession ..., lawmakers said": the
        // dateline is not said.)
        if let Some(d) = dateline_end(text, &toks[a..comma]) {
            if a + d < comma && toks[a + d].word {
                a += d;
            }
        }
        let content = Span::new(toks[a].span.start, toks[comma - 1].span.end);
        let mut pieces = vec![content];
        if resume.is_none() && and_resume == Some(stop) {
            resume = Some(stop + 2);
        }
        if let Some(r) = resume {
            pieces.push(Span::new(toks[r].span.start, toks[last - 1].span.end));
        }
        let words: usize = pieces.iter().map(|p| word_count(text, *p)).sum();
        // "In a 1963 speech, he declared ...": an adverbial, not content;
        // so is a participle phrase about the speaker ("Speaking to the
        // Mirror from his wheelchair, Mr Doyle said:").
        let first = lower(text, &toks[a]);
        let scene = matches!(
            first.as_str(),
            "speaking" | "writing" | "talking" | "addressing" | "appearing" | "standing"
        ) && resume.is_none();
        // ("In Decatur, the plant is under pressure, said ...": the
        // adverbial opens a clause, which is the statement.)
        let clause_after = (a + 1..comma).any(|k| {
            toks[k].is(text, ',') && toks[k + 1..comma].iter().filter(|t| t.word).count() >= 3
        });
        let lead_words = word_count(text, content);
        if words < 3 || (is_prep(&first) && lead_words < 8 && !clause_after) || scene {
            return None;
        }
        let outer = content.cover(pieces[pieces.len() - 1]);
        Some(Cand {
            kind: QuoteKind::Reported,
            pieces,
            outer,
            cue: Some(cue),
            mention: Some(mention),
            tail_end: outer.end,
            head: false,
            lead: None,
            para,
        })
    }

    /// `Asked (during the debate) whether CONTENT, X said ...`: the question,
    /// up to the comma; the speaker is the subject after it.
    fn asked_clause(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        last: usize,
        para: usize,
        masked: &dyn Fn(&Tok) -> bool,
    ) -> Option<(Cand, usize)> {
        let w = (i + 1..last.min(i + 8)).find(|&k| {
            toks[k].word
                && matches!(
                    lower(text, &toks[k]).as_str(),
                    "whether" | "if" | "why" | "what" | "who" | "how" | "when" | "which"
                )
        })?;
        if toks[i + 1..w].iter().any(|t| !t.word) {
            return None;
        }
        let start = if lower(text, &toks[w]) == "about" {
            w + 1
        } else {
            w
        };
        // To the comma, or (after the main clause: "he said when asked if
        // ...") to the sentence end.
        let after_main = i > 0 && !toks[i - 1].is(text, ',') && !(i == 1 && toks[0].word);
        let comma = (start + 1..last)
            .find(|&k| toks[k].is(text, ',') && !masked(&toks[k]))
            .or_else(|| {
                let mut e = last;
                while e > start && !toks[e - 1].word {
                    e -= 1;
                }
                (after_main && e > start + 2).then_some(e)
            })?;
        if comma <= start + 1 {
            return None;
        }
        let content = Span::new(toks[start].span.start, toks[comma - 1].span.end);
        // The asker, when named ("asked by a host whether", "when I asked");
        // the one who answers is the speaker of what follows, not of the
        // question.
        let mention = (i + 1..w)
            .find(|&k| lower(text, &toks[k]) == "by")
            .and_then(|k| np_after(text, toks, k + 1, self.words))
            .map(|(m, _)| m.mention)
            .or_else(|| {
                (i > 1
                    && lower(text, &toks[i - 2]) == "when"
                    && matches!(
                        lower(text, &toks[i - 1]).as_str(),
                        "i" | "we" | "he" | "she" | "they"
                    ))
                .then(|| toks[i - 1].span)
            });
        Some((
            Cand::reported(content, Some(toks[i].span), mention, para),
            comma + 1,
        ))
    }

    fn according(
        &self,
        text: &str,
        toks: &[Tok],
        i: usize,
        last: usize,
        para: usize,
    ) -> Option<Cand> {
        let cue = Span::new(toks[i].span.start, toks[i + 1].span.end);
        let initial = i == 0
            || (i < 3
                && !toks[..i].iter().any(|t| {
                    t.word
                        && t.capitalized(text)
                        && lower(text, t) != "but"
                        && lower(text, t) != "and"
                }));
        let (m, end) = match np_after(text, toks, i + 2, self.words) {
            Some(found) => found,
            None if initial => {
                // "According to early results of the exit poll ..., CONTENT":
                // the source runs to the comma.
                let comma = (i + 3..last.min(i + 24)).find(|&k| toks[k].is(text, ','))?;
                let mention = Span::new(toks[i + 2].span.start, toks[comma - 1].span.end);
                (
                    MentionMatch {
                        mention,
                        intro: mention,
                    },
                    comma,
                )
            }
            None => {
                // ", according to the most recent data from the FBI.": the
                // source runs to the next comma or the sentence end.
                let stop = (i + 2..last.min(i + 16))
                    .find(|&k| !toks[k].word)
                    .unwrap_or(last.min(i + 16));
                if stop <= i + 2 {
                    return None;
                }
                let mut mention = Span::new(toks[i + 2].span.start, toks[stop - 1].span.end);
                let intro_start = mention.start;
                let mut stop = stop;
                // "according to the regional governor, Ivan Fedorov.": the
                // name in apposition is the source.
                if toks.get(stop).is_some_and(|t| t.is(text, ',')) {
                    let name_end = (stop + 1..last.min(stop + 6))
                        .find(|&k| !(toks[k].word && toks[k].capitalized(text)))
                        .unwrap_or(last.min(stop + 6));
                    let closes =
                        name_end >= last || matches!(toks[name_end].text(text), "." | "," | ";");
                    if name_end >= stop + 3
                        && closes
                        && toks[stop + 1..name_end].iter().all(|t| name_word(text, t))
                    {
                        mention = Span::new(toks[stop + 1].span.start, toks[name_end - 1].span.end);
                        stop = name_end;
                    }
                }
                (
                    MentionMatch {
                        mention,
                        intro: Span::new(intro_start, mention.end),
                    },
                    stop,
                )
            }
        };
        // "According to figures from the Department of Justice": the
        // figures' source.
        let document = m
            .mention
            .slice(text)
            .split_whitespace()
            .last()
            .is_some_and(|h| {
                matches!(
                    h.to_lowercase().as_str(),
                    "figures"
                        | "data"
                        | "statistics"
                        | "research"
                        | "analysis"
                        | "estimates"
                        | "report"
                        | "survey"
                        | "documents"
                        | "records"
                )
            });
        let (m, end) = match toks
            .get(end)
            .filter(|t| document && matches!(lower(text, t).as_str(), "from" | "by"))
            .and_then(|_| np_after(text, toks, end + 1, self.words))
        {
            Some((m2, e2)) if e2 <= last => (m2, e2),
            _ => (m, end),
        };
        let mut mention = m.mention;
        let content = if initial {
            // "According to X, CONTENT."
            let mut s = end;
            // "According to the Office for Students (OfS), ...": the
            // acronym in brackets is part of the source.
            if toks.get(s).is_some_and(|t| t.is(text, '(')) {
                if let Some(close) = (s + 1..last.min(s + 6)).find(|&k| toks[k].is(text, ')')) {
                    s = close + 1;
                }
            }
            while s < last && toks[s].word && s < end + 20 && !toks[s].is(text, ',') {
                s += 1;
            }
            // "According to a report by the council's director of finance,
            // Andrew Pickles, CONTENT" (or the name first, then the office):
            // the appositive between commas is no content, and a name there
            // is the source.
            if toks.get(s).is_some_and(|t| t.is(text, ',')) {
                let next = (s + 2..last.min(s + 10)).find(|&k| !toks[k].word);
                if let Some(c) = next.filter(|&c| toks[c].is(text, ',') && c + 1 < last) {
                    let piece = &toks[s + 1..c];
                    // (A name after an office: not "According to an FBI
                    // summary, Cheryl Mills, a top aide, sent ...".)
                    let office_source = m
                        .mention
                        .slice(text)
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| {
                            let l = w.to_lowercase();
                            self.words.is_title(&l) || self.words.roles.contains(&l)
                        });
                    let name = office_source
                        && piece.len() >= 2
                        && piece.len() <= 4
                        && piece.iter().all(|t| name_word(text, t));
                    // (An office after a named source only: "the council's
                    // director of finance"; not "several EU member states".)
                    let named_source = m
                        .mention
                        .slice(text)
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| w.starts_with(char::is_uppercase));
                    let office = named_source
                        && matches!(lower(text, &piece[0]).as_str(), "the" | "a" | "an")
                        && piece.iter().any(|t| self.words.is_title(&lower(text, t)))
                        && !has_own_verb(text, toks, s + 1, c);
                    if name {
                        mention = Span::new(piece[0].span.start, piece[piece.len() - 1].span.end);
                    }
                    if name || office {
                        s = c;
                    }
                }
            }
            while s < last && !toks[s].word {
                s += 1;
            }
            if s >= last {
                return None;
            }
            Span::new(toks[s].span.start, toks[last - 1].span.end)
        } else if toks[i - 1].is(text, ',') {
            let before = Span::new(toks[0].span.start, toks[i - 2].span.end);
            // "Fundraising, according to the campaign, has surged ...": the
            // credit inside the statement, whose two pieces are the content.
            let rest = toks.get(end).is_some_and(|t| t.is(text, ','))
                && toks
                    .get(end + 1..last)
                    .is_some_and(|r| r.iter().filter(|t| t.word).count() >= 2)
                && toks.get(end + 1).is_some_and(|t| {
                    t.word
                        && !matches!(
                            lower(text, t).as_str(),
                            "who" | "which" | "where" | "when" | "and" | "but" | "while"
                        )
                });
            if rest && word_count(text, before) < 5 {
                let after = Span::new(toks[end + 1].span.start, toks[last - 1].span.end).trim(text);
                let pieces = vec![before.trim(text), after];
                return Some(Cand {
                    kind: QuoteKind::Reported,
                    outer: pieces[0].cover(pieces[1]),
                    tail_end: pieces[1].end,
                    pieces,
                    cue: Some(cue),
                    mention: Some(mention),
                    head: false,
                    lead: None,
                    para,
                });
            }
            before
        } else {
            Span::new(toks[0].span.start, toks[i - 1].span.end)
        };
        let content = content.trim(text);
        if word_count(text, content) < 3 {
            return None;
        }
        Some(Cand::reported(content, Some(cue), Some(mention), para))
    }
}

/// Joins a quote split by its attribution (“A,” he said. “B.”) into one.
fn merge_split(text: &str, cues: &CueLexicon, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    // The quote the next piece may continue. A title quoted inside its
    // attribution (“A,” Clinton said on ABC’s “This Week.” “B.”) does not
    // take its place.
    let mut open: Option<usize> = None;
    for c in cands {
        if let Some(prev) = open.map(|i| &mut out[i]) {
            if c.kind != QuoteKind::Direct && c.outer.end <= prev.tail_end {
                out.push(c);
                continue;
            }
            let gap_ok = c.outer.start >= prev.tail_end
                && text[prev.tail_end..c.outer.start]
                    .chars()
                    .all(|ch| ch.is_whitespace() || matches!(ch, ',' | '.' | ';' | ':'));
            // ", adding, “B.”": the next quote has its own cue.
            let own_cue = text[prev.outer.end..c.outer.start.max(prev.outer.end)]
                .split(|ch: char| !ch.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .is_some_and(|w| w.ends_with("ing") && cues.is_verb(&w.to_lowercase()));
            let unattributed = !own_cue
                && (c.mention.is_none() || (c.head && c.cue.is_some() && c.cue == prev.cue));
            if c.kind == QuoteKind::Direct
                && prev.kind == QuoteKind::Direct
                && c.para == prev.para
                && prev.mention.is_some()
                && !prev.head
                && unattributed
                && gap_ok
            {
                prev.pieces.extend(c.pieces.iter().copied());
                prev.outer = prev.outer.cover(c.outer);
                if c.mention.is_some() && c.cue != prev.cue {
                    prev.tail_end = c.tail_end;
                } else {
                    prev.tail_end = c.tail_end.max(c.outer.end);
                }
                continue;
            }
        }
        open = Some(out.len());
        out.push(c);
    }
    out
}

/// Cuts the quote marks out of a clause: the clause pieces between marks.
fn without_marks(text: &str, clause: Span, pairs: &[QuotePair]) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut pos = clause.start;
    for p in pairs {
        let o = p.outer();
        if o.end <= clause.start || o.start >= clause.end {
            continue;
        }
        let marks = [p.open, p.close.unwrap_or(Span::new(o.end, o.end))];
        for m in marks {
            if m.start >= pos && m.end <= clause.end.max(m.end) && m.start < clause.end {
                pieces.push(Span::new(pos, m.start));
                pos = m.end.min(clause.end.max(m.end));
            }
        }
    }
    if pos < clause.end {
        pieces.push(Span::new(pos, clause.end));
    }
    pieces
        .into_iter()
        .map(|s| s.trim(text))
        .filter(|s| !s.is_empty() && s.slice(text).chars().any(char::is_alphanumeric))
        .collect()
}

/// Combines pair-based and reported candidates into the final quotes.
fn combine(text: &str, cands: Vec<Cand>, reported: Vec<Cand>, pairs: &[QuotePair]) -> Vec<Quote> {
    let mut used = vec![false; cands.len()];
    let mut out: Vec<Cand> = Vec::new();
    // Candidates are sorted by start; only those starting before the
    // reported span ends, and not too far back, can overlap it.
    let starts: Vec<usize> = cands.iter().map(|c| c.outer.start).collect();
    for mut r in reported {
        let mut drop = false;
        let mut absorbed = false;
        let hi = starts.partition_point(|&st| st < r.outer.end);
        let lo = hi.saturating_sub(64);
        for (ci, c) in cands.iter().enumerate().take(hi).skip(lo) {
            if !c.outer.overlaps(r.outer) {
                continue;
            }
            if c.kind == QuoteKind::Direct {
                if !c.pieces.iter().any(|p| p.overlaps(r.outer)) {
                    // Reported speech in the attribution between the pieces.
                    continue;
                }
                // A direct quote wins; the reported frame may name its speaker.
                drop = true;
                break;
            }
            // A partial quote inside (or crossing) reported speech; not
            // one whose frame merely reaches back over it ("said he
            // understood ... but insisted that ... “the right way”").
            if !c.pieces.iter().any(|p| p.overlaps(r.outer)) {
                continue;
            }
            used[ci] = true;
            absorbed = true;
            r.outer = r.outer.cover(c.outer);
        }
        if drop {
            continue;
        }
        if absorbed {
            r.kind = QuoteKind::Partial;
            // Clause ends at the closing mark, not after it.
            r.pieces = without_marks(text, r.outer, pairs);
        }
        out.push(r);
    }
    for (ci, c) in cands.into_iter().enumerate() {
        // A short partial quote no cue frames is a title or a phrase held
        // at arm's length ("Fox News Sunday", “Shark Tank”), not a statement.
        let unframed_short = c.kind == QuoteKind::Partial
            && c.mention.is_none()
            && c.pieces.iter().map(|p| word_count(text, *p)).sum::<usize>() <= 5;
        if !used[ci] && !unframed_short {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.outer.start, c.outer.end));
    // Drop reported quotes nested in another statement.
    let mut res: Vec<Cand> = Vec::with_capacity(out.len());
    for c in out {
        if let Some(prev) = res.last_mut() {
            // Two frames of the same partial quote (the scare-quote frame and
            // the clause rule) are one statement.
            if prev.pieces == c.pieces {
                if prev.mention.is_none() {
                    *prev = c;
                }
                continue;
            }
        }
        if let Some(prev) = res.last_mut() {
            // Two frames around one cue ("tweeted that Machado was “disgusting”
            // and “a con”": one from each quote mark, or the clause rule and a
            // mark) are one statement: the clause they cover together.
            let same_cue = prev.cue.is_some() && prev.cue == c.cue;
            let nested = prev.outer.contains(c.outer) || c.outer.contains(prev.outer);
            if same_cue && nested && prev.kind != QuoteKind::Direct && c.kind != QuoteKind::Direct {
                let mention = prev.mention.or(c.mention);
                if c.outer.len() > prev.outer.len() {
                    *prev = c;
                }
                prev.mention = mention;
                continue;
            }
        }
        if let Some(prev) = res.last() {
            // Inside the statement's words, not only its frame: "said he
            // understood the concerns but insisted that ... “the right way
            // forward”" holds two statements.
            let inside = prev.pieces.iter().any(|p| p.overlaps(c.outer));
            if prev.outer.contains(c.outer) && c.kind == QuoteKind::Reported && inside {
                continue;
            }
        }
        res.push(c);
    }
    res.into_iter()
        .filter(|c| !c.pieces.is_empty())
        .map(|c| Quote {
            // A credited quote opened by the writer's words is partial; it
            // was direct until here so that reported frames yield to it.
            kind: if c.lead.is_some() {
                QuoteKind::Partial
            } else {
                c.kind
            },
            spans: c.pieces,
            cue: c.cue,
            mention: c.mention,
        })
        .collect()
}

impl QuoteFinder for RuleQuoteFinder {
    fn find(&self, text: &str, seg: &Segmentation) -> Vec<Quote> {
        self.find_with_stats(text, seg).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{RuleSegmenter, Segmenter};

    fn find(text: &str) -> Vec<(QuoteKind, String, Option<String>)> {
        let seg = RuleSegmenter::new().segment(text);
        RuleQuoteFinder::new()
            .find(text, &seg)
            .iter()
            .map(|q| {
                (
                    q.kind,
                    q.text(text),
                    q.mention.map(|m| m.slice(text).to_string()),
                )
            })
            .collect()
    }

    /// Two quote marks in one clause give one statement, not one per mark
    /// (the same statement twice would count twice in every aggregate), and
    /// the time after the cue is not content.
    /// The one statement found in `t`: (kind, text, speaker mention).
    fn only(t: &str) -> (QuoteKind, String, Option<String>) {
        let mut q = find(t);
        assert_eq!(q.len(), 1, "{q:?}");
        q.remove(0)
    }

    /// "who asked not to be named" describes the source; it is not a
    /// statement of its own.
    #[test]
    fn anonymity_requests_are_not_statements() {
        let q = find(
            "A Hamas official, who declined to be named, told AFP the gaps remained wide.\n\n\
             A nurse, who did not want to be identified, said staff were exhausted.\n\n\
             A porter, who asked not to be named for fear of losing his job, said wards were full.\n\n\
             A manager, who asked not to be named because of an ongoing inquiry, said it was known.",
        );
        assert_eq!(q.len(), 4, "{q:?}");
        assert!(q.iter().all(|x| !x.1.contains("to be")), "{q:?}");
    }

    /// "ruled that" reports a judgment; "thanked X for their “...”" frames
    /// the partial quote; a name with its acronym in brackets and a long
    /// appositive still opens the sentence it speaks in.
    #[test]
    fn rulings_thanks_and_acronyms_before_appositives() {
        let q = find(
            "The judge ruled that the board had failed to carry out an adequate assessment.\n\n\
             The minister ruled out a deal.\n\n\
             The ministry thanked the Emirati authorities for their “constructive humanitarian \
             mediation efforts”.\n\n\
             Hebridean Vessels Scotland (HVS), the state-owned body that procures and owns the \
             ferry fleet, confirmed yesterday that the yard had been chosen as preferred bidder.",
        );
        let texts: Vec<&str> = q.iter().map(|x| x.1.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("the board had failed")),
            "{q:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("a deal")), "{q:?}");
        assert!(
            texts.iter().any(|t| t.contains("mediation efforts")),
            "{q:?}"
        );
        let hvs = q
            .iter()
            .find(|x| x.1.contains("preferred bidder"))
            .expect("found");
        assert_eq!(hvs.2.as_deref(), Some("Hebridean Vessels Scotland"));
    }

    /// "accused X of Y": the accused and the charge are the statement.
    #[test]
    fn accusation_keeps_the_accused_and_the_charge() {
        let (_, t, m) = only(
            "Talks\n\nDalmesk's foreign ministry spokeswoman, Nadia Ferenc, accused Arvenian \
             forces of shelling a village near the town of Orsk.",
        );
        assert_eq!(
            t,
            "Arvenian forces of shelling a village near the town of Orsk"
        );
        assert_eq!(m.as_deref(), Some("Nadia Ferenc"));
    }

    /// A stance verb's object keeps its examples ("such as ...").
    #[test]
    fn stance_object_keeps_such_as() {
        let (_, t, _) = only(
            "Trade\n\nDonald Trump has sharply criticized free-trade deals such as the North \
             American Free Trade Agreement.",
        );
        assert!(t.ends_with("North American Free Trade Agreement"), "{t}");
    }

    /// A cue word inside a capitalised name ("Compass Point Research") is
    /// no cue: the credit's speaker is the name before it.
    #[test]
    fn cue_word_inside_a_name_is_no_cue() {
        let (_, _, m) = only(
            "Banks\n\n“Lawmakers will act,” Isaac Boltansky, an analyst at Compass Point \
             Research, wrote in a note.",
        );
        assert!(m.is_some_and(|m| m.starts_with("Isaac Boltansky")));
    }

    /// A passive credit names its speaker after "by": the subject is who
    /// the statement is about.
    #[test]
    fn passive_agent_speaks() {
        let (kind, content, mention) = only(
            "The National Trust has been accused by a Conservative peer of ‘erasing two centuries of history’ after announcing plans to fell the avenue.",
        );
        assert_eq!(kind, QuoteKind::Partial);
        assert_eq!(mention.as_deref(), Some("a Conservative peer"));
        assert!(content.starts_with("of erasing two centuries"), "{content}");
        let (_, _, mention) = only("It was announced by the ministry that the talks would resume.");
        assert_eq!(mention.as_deref(), Some("the ministry"));
    }

    #[test]
    fn two_marks_after_one_cue_are_one_statement() {
        let text = "Trump tweeted in the early morning hours that Machado was “disgusting” \
                    and “a con” and encouraged Americans to look.";
        let got = find(text);
        let tweeted: Vec<_> = got
            .iter()
            .filter(|(_, t, _)| t.contains("Machado"))
            .collect();
        assert_eq!(tweeted.len(), 1, "{got:?}");
        assert_eq!(tweeted[0].0, QuoteKind::Partial);
        assert_eq!(tweeted[0].1, "Machado was disgusting and a con");
        assert_eq!(tweeted[0].2.as_deref(), Some("Trump"));
        let on = find(
            "The minister said late Tuesday that the deal was “a real step forward” for both.",
        );
        assert_eq!(on.len(), 1, "{on:?}");
        assert!(on[0].1.starts_with("the deal was"), "{on:?}");
    }

    #[test]
    fn split_quote_past_a_title_in_the_attribution() {
        let t = "“We’re not winning, but it’s too soon to say,” Clinton said on ABC’s \
                 “This Week” on Sunday. “I think that’s what we’ll hear from the president.”";
        let q = find(t);
        let d: Vec<_> = q.iter().filter(|x| x.0 == QuoteKind::Direct).collect();
        assert_eq!(d.len(), 1, "{q:?}");
        assert!(
            d[0].1.contains("too soon") && d[0].1.contains("hear from"),
            "{q:?}"
        );
        assert_eq!(d[0].2.as_deref(), Some("Clinton"));
    }

    /// Verbs that also take a plain object ("claimed victory", "maintains a
    /// lead") give reported speech only when what follows has a verb of its
    /// own; an approximate number or "it" with a past tense opens a clause.
    #[test]
    fn object_or_clause_verbs_and_clause_openers() {
        let t = "Clinton maintains a commanding lead among black voters.\n\n\
                 Sanders claimed victory in New Hampshire last month.\n\n\
                 Sanders claimed the vote had been rigged against him.\n\n\
                 Mr Eyre said about 180 operations had been postponed.\n\n\
                 The club said it respected the right of fans to protest.";
        let q = find(t);
        assert!(!q.iter().any(|x| x.1.contains("commanding lead")), "{q:?}");
        assert!(!q.iter().any(|x| x.1.contains("victory")), "{q:?}");
        assert!(
            q.iter()
                .any(|x| x.1 == "the vote had been rigged against him"),
            "{q:?}"
        );
        assert!(
            q.iter()
                .any(|x| x.1 == "about 180 operations had been postponed"),
            "{q:?}"
        );
        assert!(
            q.iter()
                .any(|x| x.1 == "it respected the right of fans to protest"),
            "{q:?}"
        );
    }

    /// Datelines and party labels are no speakers: "PHILADELPHIA, July 25
    /// (UPI) — The DNC ..., offering ...", "Gov. John Kasich (R-OH), said".
    #[test]
    fn datelines_and_party_labels_around_the_speaker() {
        let t = "PHILADELPHIA, July 25 (UPI) — The Democratic National Committee released a statement, offering “a deep and sincere apology” to Bernie Sanders.\n\n\
                 After winning Ohio, Gov. John Kasich (R-OH), said, “I am getting ready to rent a covered wagon.”";
        let seg = RuleSegmenter::new().segment(t);
        let q = RuleQuoteFinder::new().find(t, &seg);
        let mention = |needle: &str| {
            q.iter()
                .find(|x| x.text(t).contains(needle))
                .and_then(|x| x.mention)
                .map(|m| m.slice(t))
        };
        assert_eq!(
            mention("sincere apology"),
            Some("The Democratic National Committee")
        );
        assert_eq!(mention("covered wagon"), Some("Gov. John Kasich"));
    }

    /// A time adverbial between the cue and a clause without "that".
    #[test]
    fn said_on_a_weekday_then_the_clause() {
        let t = "The Kremlin said on Tuesday there were no concrete plans for a meeting.\n\n\
                 Officials said last week the talks would resume in May.";
        let q = find(t);
        assert!(
            q.iter()
                .any(|x| x.1 == "there were no concrete plans for a meeting"),
            "{q:?}"
        );
        assert!(
            q.iter().any(|x| x.1 == "the talks would resume in May"),
            "{q:?}"
        );
    }

    /// "reported, citing a senior source, that ...": the aside is skipped.
    #[test]
    fn citing_aside_before_the_clause() {
        let t = "Al Qahera News reported, citing a senior source, that progress had been made.";
        let q = find(t);
        assert!(q.iter().any(|x| x.1 == "progress had been made"), "{q:?}");
    }

    /// A programme title after "on" or a possessive is no statement, and no
    /// reported speech is framed around it; a quote that is not Title Case
    /// still is one.
    #[test]
    fn titles_of_programmes_are_not_quotes() {
        let t = "Flynn said Thursday morning on Fox News’s “Fox and Friends.”\n\n\
                 Ryan said on CBS’s “Face the Nation,” that he would vote.\n\n\
                 Pence said on Sunday that the plan was “a disaster for everyone.”";
        let q = find(t);
        assert!(
            q.iter()
                .all(|x| !x.1.contains("Friends") && !x.1.contains("Nation")),
            "{q:?}"
        );
        assert!(
            q.iter().any(|x| x.1.contains("a disaster for everyone")),
            "{q:?}"
        );
    }

    /// "think tank" is a noun, not the verb; so is "a say".
    #[test]
    fn a_think_tank_is_no_cue() {
        let q = find(
            "Dr Priya Natarajan, a senior fellow at the Centre for European Trade Policy think \
             tank, said the outcome mattered far more to the British economy.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].1.starts_with("the outcome mattered"), "{q:?}");
        let q = find(
            "Mark Dunmore said that accepting EU rules without a say in making them amounted to \
             surrender.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].1.starts_with("accepting EU rules"), "{q:?}");
    }

    /// A body paragraph that is only a quoted Title Case or capitals
    /// phrase is a heading; a quoted sentence alone still counts.
    #[test]
    fn quoted_headings_are_not_statements() {
        let q = find(
            "Coal\n\n\"It just amazed me,\" Mr. Clarke said.\n\n'Legend in the Coal Fields.'\n\n\
             “DIVISIVE, STUPID AND WRONG”\n\n\"We will keep the mine open.\"",
        );
        assert!(q.iter().all(|q| !q.1.contains("Legend")), "{q:?}");
        assert!(q.iter().all(|q| !q.1.contains("DIVISIVE")), "{q:?}");
        assert!(
            q.iter().any(|q| q.1.contains("keep the mine open")),
            "{q:?}"
        );
    }

    /// ", told reporters" names the listener: the speaker is the name
    /// before its relative clause, and where and when may follow.
    #[test]
    fn told_after_a_relative_clause_credits_the_name_before() {
        let q = find(
            "The swap will include 17 civilians, Bekov, who is also deputy head of the \
             agency, told reporters outside the Dolmabahçe Palace after the final session.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "The swap will include 17 civilians");
        assert_eq!(q[0].2.as_deref(), Some("Bekov"));
    }

    /// "According to" an office with a name in apposition (either order):
    /// the appositive is no content; not a document before the content's
    /// own subject, nor a group after an unnamed source.
    #[test]
    fn according_to_an_office_and_its_holder() {
        for (t, start) in [
            (
                "According to a report by the council's director of finance, Andrew Pickles, \
                 failure to agree savings would leave the reserves exhausted.",
                "failure to agree",
            ),
            (
                "According to a report by Andrew Pickles, the council's director of finance, \
                 failure to agree savings would be bad.",
                "failure to agree",
            ),
            (
                "According to an official familiar with the talks, several EU member states, \
                 led by France, are pushing to tie the deal to fishing.",
                "several EU member states",
            ),
        ] {
            let q = find(t);
            assert!(q.iter().any(|q| q.1.starts_with(start)), "{t}: {q:?}");
        }
    }

    /// A subject pronoun right after the cue opens the clause: a later
    /// "that" is a relative pronoun ("say it cannot carry the lorries
    /// that supply ...").
    #[test]
    fn pronoun_after_the_cue_opens_the_clause() {
        let q = find(
            "A boat has been chartered as a stopgap, but islanders say it cannot carry the \
             lorries that supply the island's shop.",
        );
        assert!(
            q.iter().any(|q| q.1.starts_with("it cannot carry")),
            "{q:?}"
        );
    }

    /// Phrasal verbs of movement and display are no cues ("showed up",
    /// "backed down"); the same verbs with their content still are.
    #[test]
    fn phrasal_verbs_are_no_cues() {
        for t in [
            "Thousands of voters showed up at the polls to vote for the mayor.",
            "Under pressure from the unions, the government backed down.",
            "The campaign blasted out a new robocall on Monday night.",
        ] {
            assert!(find(t).is_empty(), "{t}: {:?}", find(t));
        }
        let q = find("The senator backed the deal on Monday.");
        assert_eq!(q.len(), 1, "{q:?}");
        let q = find("The data showed that turnout was up.");
        assert!(q.iter().any(|q| q.1.contains("turnout was up")), "{q:?}");
    }

    /// A title named by a work noun before or after it is no statement; an
    /// ad's or memo's title speaks for its source and stays.
    #[test]
    fn titles_named_by_a_work_noun_are_not_quotes() {
        let t = "Mr. Rubio said in his 2012 book, ''An American Son.'' So they stayed.\n\n\
                 “Orange is the New Black” star Dascha Polanco opened up on Monday.\n\n\
                 ''Tales From the Crypt,'' an HBO series, is returning.\n\n\
                 One of his recent reads, ''This Kind of War,'' by T.R. Fehrenbach, is on his desk.\n\n\
                 The campaign released a memo titled “The Facts on Where the Race Stands.”";
        let q = find(t);
        for title in ["American Son", "New Black", "Crypt", "Kind of War"] {
            assert!(q.iter().all(|x| !x.1.contains(title)), "{title}: {q:?}");
        }
        assert!(
            q.iter().any(|x| x.1.contains("Where the Race Stands")),
            "{q:?}"
        );
    }

    #[test]
    fn next_sentence_is_not_an_attribution() {
        let t = "“I disagree with the assertion,” she said. “We feel good about the areas.” \
                 She noted a planned rally on Saturday.";
        let q = find(t);
        let d: Vec<_> = q.iter().filter(|x| x.0 == QuoteKind::Direct).collect();
        assert_eq!(d.len(), 1, "{q:?}");
        assert!(d[0].1.contains("feel good"), "{q:?}");
    }

    #[test]
    fn participle_cue_between_pieces_and_own_cue() {
        let t = "“I wish him well, he fought really hard,” Mr. Trump told the hosts, adding \
                 that his son is friendly with one of the sons.";
        let q = find(t);
        assert!(
            q.iter()
                .any(|x| x.0 == QuoteKind::Reported && x.1.contains("his son is friendly")),
            "{q:?}"
        );
        // ", adding, “B.”": B has its own cue and is its own statement.
        let t = "“I think Kasich would be the best nominee,” Graham said, adding, \
                 “His problem is he is an insider in an outsider year.”";
        let q = find(t);
        assert_eq!(
            q.iter().filter(|x| x.0 == QuoteKind::Direct).count(),
            2,
            "{q:?}"
        );
    }

    #[test]
    fn credited_partial_quote_continues() {
        let t = "Both parties “saw Burma as a country reeling under pressure,” said \
                 Victor Cha, a former official. “In that sense, it was like pushing on an open door.”";
        let q = find(t);
        // The writer's "Both parties" opens the statement, so it is partial.
        let d: Vec<_> = q.iter().filter(|x| x.0 == QuoteKind::Partial).collect();
        assert_eq!(d.len(), 1, "{q:?}");
        assert!(
            d[0].1.starts_with("Both parties")
                && d[0].1.contains("reeling")
                && d[0].1.contains("open door"),
            "{q:?}"
        );
        assert_eq!(d[0].2.as_deref(), Some("Victor Cha"));
    }

    /// "The museum, Mr. Obama said, would make ...": the noun phrase before
    /// the credit is the statement's subject, its first piece.
    #[test]
    fn a_subject_before_a_credit_between_commas() {
        let (_, text, speaker) =
            only("The museum, Mr. Obama said, would make visitors face uncomfortable truths.");
        assert_eq!(
            text,
            "The museum would make visitors face uncomfortable truths"
        );
        assert_eq!(speaker.as_deref(), Some("Mr. Obama"));
        let (_, text, _) = only("The economy, he said, is improving faster than expected.");
        assert_eq!(text, "The economy is improving faster than expected");
        // Not a sentence adverb.
        let (_, text, _) = only("Nor, he said, did he say anything about the order.");
        assert!(!text.starts_with("Nor"), "{text}");
    }

    /// A comma and a conjunction end a sentence-final credit; after "and"
    /// with no cue of its own the statement goes on.
    #[test]
    fn clauses_after_a_final_credit() {
        let (_, text, speaker) = only(
            "WASHINGTON ― The obsession is an insult to all African-Americans, top black \
             lawmakers said Friday afternoon, as they bristled at the questions.",
        );
        assert_eq!(text, "The obsession is an insult to all African-Americans");
        assert_eq!(speaker.as_deref(), Some("top black lawmakers"));
        let q = find(
            "The middle fifth paid 8.9 percent, the agency said in a June report, and those in \
             the bottom fifth of incomes paid 0.8 percent.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(
            q[0].1.starts_with("The middle fifth paid 8.9 percent"),
            "{q:?}"
        );
        assert!(q[0].1.ends_with("paid 0.8 percent"), "{q:?}");
        // A group, then whose it is.
        let (_, _, speaker) =
            only("The relatives watched the video on Thursday, attorneys for the family said.");
        assert_eq!(speaker.as_deref(), Some("attorneys for the family"));
        // Not after a clause that is no credit ("did find himself in trouble").
        assert!(find(
            "But on Israel, he did find himself in trouble two weeks ago, and he also angered \
             prominent Jewish leaders."
        )
        .iter()
        .all(|q| !q.1.starts_with("But on Israel")));
    }

    #[test]
    fn bare_groups_weekdays_and_asides_after_the_subject() {
        // A group with no article, named last.
        let (_, text, speaker) = only(
            "Many agreements never get tested in court because they scare employees, \
             current and former officials said.",
        );
        assert!(text.ends_with("they scare employees"), "{text}");
        assert_eq!(speaker.as_deref(), Some("current and former officials"));
        let (_, _, speaker) = only("The plan would fail within a year, legal experts say.");
        assert_eq!(speaker.as_deref(), Some("legal experts"));
        // Not a function word or a capitalised run.
        assert!(find("The mood was calm, and officials said.").is_empty());
        // A bare weekday between the cue and its clause, but not a possessive one.
        let (_, text, _) = only("Mr. Clinton said Thursday he would leave the board.");
        assert_eq!(text, "he would leave the board");
        let (_, text, _) = only("Smith said Monday's vote was rigged from the start.");
        assert_eq!(text, "Monday's vote was rigged from the start");
        // An aside after the clause's bare subject stays in; a contrast after
        // a clause ends it.
        let (_, text, _) =
            only("Andy Smith said Trump, despite his wealth, is better placed than Romney.");
        assert_eq!(
            text,
            "Trump, despite his wealth, is better placed than Romney"
        );
        let (_, text, _) = only("Andy Smith said the plan would fail, despite the money.");
        assert_eq!(text, "the plan would fail");
        // "it" before an irregular verb opens the clause; before a
        // preposition it is the object.
        let (_, text, _) = only("The company said it took two months to find a buyer.");
        assert_eq!(text, "it took two months to find a buyer");
        assert!(find("He said it in a statement on Monday.").is_empty());
        // A description before the name that ends the sentence.
        let (_, text, speaker) =
            only("Many voters found the remark offensive, ABC journalist Martha Raddatz said.");
        assert_eq!(text, "Many voters found the remark offensive");
        assert_eq!(speaker.as_deref(), Some("Martha Raddatz"));
        // "That said," is an idiom; an opening participle is no subject.
        assert!(
            find("That said, Cruz cannot get enough delegates to win the nomination.").is_empty()
        );
        let q =
            find("Arriving upon the scene, police began searching, believing there may be three.");
        assert!(
            q.iter().all(|x| x.2.as_deref() != Some("Arriving")),
            "{q:?}"
        );
        // A title word ending a clause is no speaker ("hopeful").
        let (_, text, speaker) = only("Smith, the spokesman, said mediators remain hopeful.");
        assert_eq!(text, "mediators remain hopeful");
        assert_eq!(speaker.as_deref(), Some("Smith"));
        // "accepted that" is a cue; "accepted the award" is not.
        let (_, text, _) = only("He accepted that inspectors had classed the pothole as minor.");
        assert_eq!(text, "inspectors had classed the pothole as minor");
        assert!(find("She accepted the award on Monday night.").is_empty());
        // A sentence adverb between commas after the cue.
        let (_, text, _) = only("He warned, though, that trusts had come under pressure to act.");
        assert_eq!(text, "trusts had come under pressure to act");
        // ", as the health secretary insisted ...": the next speaker's clause.
        let q = find(
            "The Tories accused ministers of fiddling the figures to save face, as the \
             health secretary insisted the recovery plan was on track.",
        );
        assert!(
            q.iter().any(|x| x.1 == "the recovery plan was on track"
                && x.2.as_deref() == Some("the health secretary")),
            "{q:?}"
        );
        // Modifiers before an abbreviated title.
        let (_, _, speaker) = only("One backbench MP said the row was unwelcome.");
        assert_eq!(speaker.as_deref(), Some("One backbench MP"));
        // An unnamed person before a workplace and its place.
        let (_, _, speaker) = only(
            "One controller at a facility in the Northeast, who spoke on condition of \
             anonymity, said colleagues were working long shifts.",
        );
        assert_eq!(speaker.as_deref(), Some("One controller"));
        // Plain words before a role in an inverted credit.
        let (_, _, speaker) = only(
            "India has more resonance through films, says political scientist Dossym Satpayev.",
        );
        assert_eq!(
            speaker.as_deref(),
            Some("political scientist Dossym Satpayev")
        );
    }

    #[test]
    fn inverted_credits_after_adverbials_initials_and_listeners() {
        // An adverbial with a clause after it is content; a name further
        // back is not the subject of an inverted credit.
        let (_, text, speaker) = only(
            "In nearby Decatur, the plant is under pressure from imports, said the chief executive.",
        );
        assert_eq!(
            text,
            "In nearby Decatur, the plant is under pressure from imports"
        );
        assert_eq!(speaker.as_deref(), Some("the chief executive"));
        // A middle initial inside the name in apposition.
        let (_, _, speaker) = only(
            "The plant is under pressure, said the company's chief executive, John J. Ferriola.",
        );
        assert_eq!(speaker.as_deref(), Some("John J. Ferriola"));
        // A relative clause about the speaker ends the credit.
        let (_, text, _) =
            only("The plant is under pressure, said Smith, who has run it since 2004.");
        assert_eq!(text, "The plant is under pressure");
        // "a Senate panel" is the listener, not the statement.
        assert!(find("Ash Carter told a Senate panel on Tuesday.").is_empty());
        let (_, text, _) = only("Ash Carter told a Senate panel he would send more troops.");
        assert_eq!(text, "he would send more troops");
        // "according to" inside the statement: both pieces.
        let q = find("Fundraising, according to the campaign, has surged in the same period.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "Fundraising has surged in the same period");
        assert_eq!(q[0].2.as_deref(), Some("the campaign"));
        // The credit's comma last, nothing after it (found by the property
        // test): no second piece, and no panic.
        let _ = find("Istanbul,according to the,”");
        let _ = find("Fundraising, according to the campaign,");
        // A relative as subject; a pronoun after a cue that follows a comma
        // is the clause's subject, not an inverted speaker.
        let (_, text, _) = only("Her mother announced they were separated in May.");
        assert_eq!(text, "they were separated in May");
        assert!(
            find("First his wife, an aide to the senator, announced they were separated.")
                .iter()
                .all(|x| x.2.as_deref() != Some("they")),
        );
    }

    #[test]
    fn speaker_named_last_with_any_common_noun_or_a_long_appositive() {
        let (_, text, speaker) =
            only("Hamdy, a mother of three, was also headed to Cairo, her friend said.");
        assert!(
            text.starts_with("Hamdy") && text.ends_with("Cairo"),
            "{text}"
        );
        assert_eq!(speaker.as_deref(), Some("her friend"));
        let (_, _, speaker) =
            only("The pilot had logged 2,766 flying hours, the airline said Thursday.");
        assert_eq!(speaker.as_deref(), Some("the airline"));
        let (_, text, speaker) = only(
            "The group also uses the same photo over and over again, said Rita Katz, the \
             director of SITE Intelligence Group, which tracks terrorists' communications.",
        );
        assert!(text.ends_with("over and over again"), "{text}");
        assert_eq!(speaker.as_deref(), Some("Rita Katz"));
        // Not after an adverbial, and not when the text is itself an attribution.
        let q =
            find("Now as the U.S. enters an election year, the president said the talks go on.");
        assert!(q.iter().all(|x| !x.1.starts_with("Now as")), "{q:?}");
        let q = find("Bamberg said the videos do not show his hands, the footage showed.");
        assert!(
            q.iter().all(|x| x.2.as_deref() != Some("the footage")),
            "{q:?}"
        );
    }

    #[test]
    fn but_with_a_cue_or_a_pronoun_with_a_cue_ends_the_content() {
        let t = "She said she had met with Manafort twice but said neither man played a role.";
        let q = find(t);
        assert!(
            q.iter().any(|x| x.1 == "she had met with Manafort twice"),
            "{q:?}"
        );
        let t = "And while he said he would bring back waterboarding for the terrorists \
                 themselves, he clarified that it would be legal.";
        let q = find(t);
        assert!(
            q.iter()
                .any(|x| x.1 == "he would bring back waterboarding for the terrorists themselves"),
            "{q:?}"
        );
    }

    #[test]
    fn question_after_when_asked() {
        let t = "Sanders said he would stay in the race when asked by a reporter if that \
                 remains his view.";
        let q = find(t);
        let a: Vec<_> = q
            .iter()
            .filter(|x| x.1 == "if that remains his view")
            .collect();
        assert_eq!(a.len(), 1, "{q:?}");
        assert_eq!(a[0].2.as_deref(), Some("a reporter"));
        let t = "Last month, when I asked Bernie Sanders if he would ever endorse Hillary \
                 Clinton, he looked straight into my camera.";
        let q = find(t);
        let a: Vec<_> = q
            .iter()
            .filter(|x| x.1 == "if he would ever endorse Hillary Clinton")
            .collect();
        assert_eq!(a.len(), 1, "{q:?}");
        assert_eq!(a[0].2.as_deref(), Some("I"));
    }

    #[test]
    fn headline_credits_with_a_colon() {
        let t = "Lynch: No outside influence on FBI probe into Clinton emails.\n\n\
                 Attorney General Loretta Lynch spoke on Tuesday.";
        let (_, text, speaker) = only(t);
        assert_eq!(
            text,
            "No outside influence on FBI probe into Clinton emails"
        );
        assert_eq!(speaker.as_deref(), Some("Lynch"));
        // A label that never comes back is no speaker; nor is "The Latest".
        // (An all-caps label is a transcript turn: `transcript_turns`.)
        for t in [
            "Wow: Glenn Beck Just Responded With One Brutal Line.\n\nBeck spoke.",
            "The Latest: Trump delivers defense of values.\n\nThe Latest on it.",
        ] {
            assert!(find(t).is_empty(), "{t}: {:?}", find(t));
        }
        // Only the first sentence is a headline.
        let t = "Talks went on.\n\nLynch: No outside influence on the probe.\n\nLynch left.";
        assert!(find(t).is_empty(), "{:?}", find(t));
    }

    #[test]
    fn relative_clause_of_the_contents_subject_stays_in() {
        let (_, text, speaker) = only(
            "Playing Field Promotions, a talent agency, says that Walker, who charges \
             between $20,000 and $30,000 for speaking fees, has lost close to $100,000.",
        );
        assert!(
            text.starts_with("Walker, who") && text.ends_with("$100,000"),
            "{text}"
        );
        assert_eq!(speaker.as_deref(), Some("Playing Field Promotions"));
    }

    #[test]
    fn attribution_in_a_subordinate_clause_ends_at_its_comma() {
        let (_, text, speaker) = only(
            "However, while the RNC says they are well on their way to reaching their \
             goal, they are not receiving help from many companies.",
        );
        assert_eq!(text, "they are well on their way to reaching their goal");
        assert_eq!(speaker.as_deref(), Some("the RNC"));
    }

    #[test]
    fn writers_lead_in_opens_a_credited_partial_quote() {
        let t = "However laudable the goal, using the tax ''is a misguided approach,'' said Mr. Burman.";
        let (kind, text, speaker) = only(t);
        assert_eq!(kind, QuoteKind::Partial);
        assert!(text.starts_with("However laudable"), "{text}");
        assert!(text.contains("misguided approach"), "{text}");
        assert_eq!(speaker.as_deref(), Some("Mr. Burman"));
        // After a cue in the head, the lead starts past it.
        let t = "DuVernay said she felt the amendment mattered because “most people don’t know \
                 about that loop-hole,” she said.";
        let q = find(t);
        let p: Vec<_> = q.iter().filter(|x| x.1.contains("loop-hole")).collect();
        assert_eq!(p.len(), 1, "{q:?}");
        assert!(p[0].1.starts_with("the amendment mattered"), "{q:?}");
        // A short label in marks is not opened by the sentence around it.
        let t = "First, Trump identified the judge as “Spanish,” he said.";
        let q = find(t);
        assert!(q.iter().all(|x| !x.1.starts_with("First")), "{q:?}");
    }

    #[test]
    fn stance_verbs_take_their_object() {
        let t = "The governor endorsed Donald Trump on Tuesday.";
        let q = find(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "Donald Trump");
        assert_eq!(q[0].2.as_deref(), Some("The governor"));
    }

    #[test]
    fn it_with_a_verb_starts_the_clause() {
        let q = find("Later that day, the ministry said it would review the contract.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "it would review the contract");
        assert_eq!(q[0].2.as_deref(), Some("the ministry"));
        let q = find("Officials said more than 300 homes were flooded overnight.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].1.starts_with("more than 300"), "{q:?}");
    }

    #[test]
    fn coordinated_cue_takes_the_sentence_subject() {
        let q =
            find("Mrs Patel visited the clinic on Friday and said the funding would be restored.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "the funding would be restored");
        assert_eq!(q[0].2.as_deref(), Some("Mrs Patel"));
    }

    /// A second cue after "and" is a statement of the same subject, a role
    /// or organisation as well as a name; its object may be any short
    /// phrase before the infinitive; "said more rain was ..." is a clause.
    #[test]
    fn coordinated_cues_with_role_subjects_and_short_objects() {
        let q = find(
            "The minister said the talks had failed and urged both sides to return to the table.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "the talks had failed");
        assert_eq!(q[1].1, "to return to the table");
        assert_eq!(q[1].2.as_deref(), Some("The minister"));
        let q = find(
            "The Environment Agency said more rain was forecast and warned people not to drive.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "more rain was forecast");
        assert_eq!(q[1].2.as_deref(), Some("The Environment Agency"));
    }

    /// "CONTENT, X said, adding that ...": two statements, both X's.
    #[test]
    fn credit_then_participle_is_two_statements() {
        let q =
            find("The talks will resume next week, Smith said, adding that both sides were ready.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "The talks will resume next week");
        assert_eq!(q[0].2.as_deref(), Some("Smith"));
        assert_eq!(q[1].1, "both sides were ready");
        assert_eq!(q[1].2.as_deref(), Some("Smith"));
    }

    /// "that" after a second cue belongs to that cue: "said he understood
    /// ... but insisted that ..." is two statements.
    #[test]
    fn that_of_a_later_cue_is_not_the_first_cues() {
        let q = find("Mr Blair said he understood people's concerns but insisted that the points system was right.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "he understood people's concerns");
        assert_eq!(q[1].1, "the points system was right");
    }

    #[test]
    fn attribution_inside_the_statement() {
        let q = find("The plan was never costed, Mr Hughes said, so the council will vote again.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].1,
            "The plan was never costed so the council will vote again"
        );
        assert_eq!(q[0].2.as_deref(), Some("Mr Hughes"));
        // An aside after the cue is no second piece.
        let q = find("The plan was never costed, Mr Hughes said, adding that he was angry.");
        assert!(q.iter().all(|x| !x.1.contains("costed so")), "{q:?}");
    }

    /// "said X and that Y" is one statement from X on: the second "that"
    /// is not where the content starts.
    #[test]
    fn and_that_continues_the_first_clause() {
        let q = find("A Garda spokesman said the march had passed off peacefully and that there had been no arrests.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].1,
            "the march had passed off peacefully and that there had been no arrests"
        );
    }

    /// A stance verb's reason is part of its content: "slammed planning
    /// chiefs for signing off the estate ...".
    #[test]
    fn stance_object_with_its_reason() {
        let q = find("Councillor Bev Oakes slammed planning chiefs for signing off the estate without an inspection.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].1,
            "planning chiefs for signing off the estate without an inspection"
        );
        // Without a gerund, "for" still ends the object.
        let q = find("The senator endorsed Hillary Clinton for president on Tuesday.");
        assert_eq!(q[0].1, "Hillary Clinton", "{q:?}");
    }

    /// "According to the Office for Students (OfS), CONTENT": the source
    /// runs over "for" and the acronym; the content starts after them.
    #[test]
    fn according_to_an_office_for_with_its_acronym() {
        let q = find("According to the Office for Students (OfS), around 40 per cent of universities expect a deficit.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].1,
            "around 40 per cent of universities expect a deficit"
        );
        assert_eq!(q[0].2.as_deref(), Some("the Office for Students"));
    }

    /// The source of figures is who they are from; a speaker named after
    /// the statement keeps "familiar with ..." and "close to ...".
    #[test]
    fn figures_from_and_people_familiar_with() {
        let q = find("According to figures from the Department of Justice, the division has 31 fewer officers than it did.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("the Department of Justice"));
        assert_eq!(q[0].1, "the division has 31 fewer officers than it did");
        let q = find(
            "The cuts will fall on the centres in Leeds, said people familiar with the matter.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("people familiar with the matter"));
        let q = find("The deal could be signed next week, said sources close to the talks.");
        assert_eq!(
            q[0].2.as_deref(),
            Some("sources close to the talks"),
            "{q:?}"
        );
    }

    #[test]
    fn new_clause_after_and_ends_the_content() {
        let q = find("The minister said the tax would rise, and his party is furious about it.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "the tax would rise");
    }

    #[test]
    fn split_quote_credits_the_first_piece() {
        // A capitalised cue after a finished quote opens the next sentence.
        let t = "\"The budget is fair,\" she said. \"Nobody will pay more than before.\" \
                 Asked about the deficit, she said: \"We will cut it.\"";
        let q = find(t);
        let d: Vec<_> = q.iter().filter(|x| x.0 == QuoteKind::Direct).collect();
        assert_eq!(d.len(), 2, "{q:?}");
        assert!(
            d[0].1.contains("fair") && d[0].1.contains("pay more"),
            "{q:?}"
        );
        // "the review concluded": a cue word after a determiner is a noun.
        let t = "''The service is stretched,'' the report concluded. ''Staff are leaving.''";
        let q = find(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("the report"));
        // An appositive before the name.
        let t = "“He was kind,” a neighbour, Ann Lowe told the BBC. “Everyone liked him.”";
        let q = find(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("Ann Lowe"));
    }

    #[test]
    fn relative_clause_and_comparison_are_the_writers() {
        let q =
            find("Most voters said they trusted Mrs Okafor, who also spoke in Leeds on Monday.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "they trusted Mrs Okafor");
        let q = find("Half said they would vote Labour, compared with a third last year.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "they would vote Labour");
        // A list of relative clauses stays whole.
        let q = find(
            "He knows there are people who distrust the police, who fear them, \
             and who will not call them.",
        );
        assert!(
            q.iter().any(|x| x.1.ends_with("will not call them")),
            "{q:?}"
        );
    }

    #[test]
    fn listener_before_that_is_not_content() {
        let t = "The mayor told a meeting in Bristol on Monday that the plan was “a disgrace.”";
        let q = find(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].1.starts_with("the plan was"), "{q:?}");
    }

    #[test]
    fn added_cues_frame_statements() {
        let q = find("“Voters should stay at home,” opined the Evening Standard.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("the Evening Standard"));
        let q = find("The chancellor touted the new housing scheme on Tuesday.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "the new housing scheme");
    }

    #[test]
    fn that_after_a_modal_is_not_the_complementizer() {
        let q = find("Mr Reid said the new service would resemble that of the BBC next year.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].1.starts_with("the new service"), "{q:?}");
    }

    #[test]
    fn writers_label_after_the_statement() {
        let q = find("Tata Steel said it would cut 3,000 jobs in Wales, a blow to the steel town.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "it would cut 3,000 jobs in Wales");
    }

    #[test]
    fn next_attribution_ends_the_content() {
        let q = find("Ms Grant has said she backs the plan, Mr Lewis said he does not.");
        assert!(q.iter().any(|x| x.1 == "she backs the plan"), "{q:?}");
    }

    #[test]
    fn next_sentence_opener_is_not_an_appositive() {
        let t = "But, Mr Hale said, ''I never hide anything from voters.'' And, he added, it is unclear.";
        let q = find(t);
        let d: Vec<_> = q.iter().filter(|x| x.0 == QuoteKind::Direct).collect();
        assert_eq!(d.len(), 1, "{q:?}");
        assert_eq!(d[0].2.as_deref(), Some("Mr Hale"), "{q:?}");
    }

    #[test]
    fn asked_question_is_reported() {
        let q = find("Asked during the debate whether he would raise taxes, Mr Hunt said nothing.");
        assert!(
            q.iter()
                .any(|x| x.0 == QuoteKind::Reported && x.1 == "whether he would raise taxes"),
            "{q:?}"
        );
        let q = find("When asked by a reporter why the vote was delayed, the minister left.");
        let a = q.iter().find(|x| x.1 == "why the vote was delayed");
        assert_eq!(a.and_then(|x| x.2.as_deref()), Some("a reporter"), "{q:?}");
    }

    #[test]
    fn framed_scare_quote_is_one_statement() {
        let q = find("Mr Cameron said the decision was ‘deeply regrettable’ and would cost jobs.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("Mr Cameron"));
    }

    #[test]
    fn and_with_a_second_cue_ends_the_statement() {
        let t =
            "Mr Farage called the report “a whitewash” and said the inquiry should be reopened.";
        let q = find(t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q[0].1.contains("a whitewash"), "{q:?}");
        assert_eq!(q[1].1, "the inquiry should be reopened");
        let t = "Ms Reeves said growth was weak and warned of higher taxes.";
        let q = find(t);
        assert!(q.iter().any(|x| x.1 == "growth was weak"), "{q:?}");
        let t = "Ms Reeves says growth is weak and insists the figures will improve.";
        let q = find(t);
        assert!(q.iter().any(|x| x.1 == "growth is weak"), "{q:?}");
    }

    /// Prints what the finder sees in the file named by QUOTESENT_DEBUG.
    #[test]
    #[ignore]
    fn debug_file() {
        let Ok(path) = std::env::var("QUOTESENT_DEBUG") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for q in find(&text) {
            println!("{q:?}");
        }
    }

    /// A dash credit with a description the noun-phrase rules do not take
    /// ("— EU foreign policy chief Margit Lindqvist") names the person at
    /// its end; one they take is unchanged.
    #[test]
    fn dash_credits_with_a_description_before_the_name() {
        let q = find(
            "Talks\n\n“Prisoner exchanges matter to every family.” — EU foreign policy \
             chief Margit Lindqvist\n\n“A small step in the right direction.” — Polish Foreign \
             Minister Tomasz Wierzbicki",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("Margit Lindqvist"), "{q:?}");
        assert_eq!(
            q[1].2.as_deref(),
            Some("Polish Foreign Minister Tomasz Wierzbicki"),
            "{q:?}"
        );
    }
}

#[cfg(test)]
mod perf {
    use super::*;
    use crate::attribute::{Attributor, RuleAttributor};
    use crate::segment::{RuleSegmenter, Segmenter};

    #[test]
    #[ignore]
    fn stage_times() {
        let n: usize = std::env::var("N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000);
        for (name, text) in [
            ("openers", "“a ".repeat(n)),
            ("pairs", "\"a b c\" said Smith that \"x y z\" ".repeat(n)),
            ("paras", "\n\n“We will win this,” he said. “Yes.”".repeat(n)),
        ] {
            let t = std::time::Instant::now();
            let seg = RuleSegmenter::new().segment(&text);
            let t1 = t.elapsed();
            let q = RuleQuoteFinder::new().find(&text, &seg);
            let t2 = t.elapsed();
            let a = RuleAttributor::new().attribute(&text, &seg, &q);
            let t3 = t.elapsed();
            println!(
                "{name}: seg {t1:?} find {t2:?} attr {t3:?} quotes {} {}",
                q.len(),
                a.len()
            );
        }
    }
}
