//! A learned attribution tagger: content, cue and source, token by token.
//!
//! Why a learned model next to the rules: news attributes far more than
//! speech. PolNeAR marks beliefs, intentions, stances and reports ("also
//! views ... more favorably", "speaking of ...", "responded by using ..."),
//! whose cues and content boundaries no hand-written lexicon reaches; the
//! rules find a third of that reported speech. A tagger trained on the
//! PolNeAR train split learns those conventions from 22k examples.
//!
//! The model is a greedy left-to-right tagger with an averaged perceptron
//! over hashed sparse features (words, their neighbours, word shapes, quote
//! marks, cue-lexicon distances, the tags already assigned in the sentence):
//! no transformer, so extraction stays at hundreds of articles per second.
//! Each paragraph is one sequence with BIO tags for Content, Cue and Source;
//! the tags are then assembled into quotes (a content run, the nearest cue
//! and source in its sentence). Nested attributions are tagged outermost
//! first, so the tagger learns the outer statement.
//!
//! [`HybridQuoteFinder`] combines it with the rules: rule quotes (quote
//! marks, split quotes, transcripts) come first; tagged reported speech is
//! added where it does not overlap them. The model file is data
//! (`models/extractor.qst`), built by `quotesent train-extractor`.

mod model;
pub mod train;

pub use model::{ModelError, TaggerModel};

use super::lexicon::CueLexicon;
use super::marks::pair_marks;
use super::tokens::{tokenize, Tok};
use super::{QuoteFinder, RuleQuoteFinder};
use crate::types::{Quote, QuoteKind, Segmentation, Span};
use std::sync::{Arc, OnceLock};

/// The tag set: outside, and begin/inside of Content, Cue, Source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Tag {
    O = 0,
    BContent = 1,
    IContent = 2,
    BCue = 3,
    ICue = 4,
    BSource = 5,
    ISource = 6,
}

pub const N_TAGS: usize = 7;

impl Tag {
    pub const ALL: [Tag; N_TAGS] = [
        Tag::O,
        Tag::BContent,
        Tag::IContent,
        Tag::BCue,
        Tag::ICue,
        Tag::BSource,
        Tag::ISource,
    ];

    /// 0 outside, 1 content, 2 cue, 3 source.
    pub fn role(self) -> u8 {
        (self as u8).div_ceil(2)
    }

    fn is_inside(self) -> bool {
        matches!(self, Tag::IContent | Tag::ICue | Tag::ISource)
    }

    /// Whether this tag may follow `prev` (an inside tag continues its role).
    pub fn may_follow(self, prev: Tag) -> bool {
        !self.is_inside() || prev.role() == self.role()
    }
}

/// One paragraph, tokenized, with the tag-independent facts per token.
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    pub toks: Vec<Tok>,
    /// Sentence number of each token (restarts the sentence state).
    pub sent: Vec<u32>,
    /// Static feature hashes, `STATIC` per token.
    statics: Vec<u64>,
}

const STATIC: usize = 37;

fn mix(a: u64, b: u64) -> u64 {
    // splitmix64 finaliser over a combination: cheap and well spread.
    let mut z = a
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
        .wrapping_add(b);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash_str(s: &str) -> u64 {
    // FNV-1a, 64-bit.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

fn shape(s: &str, word: bool) -> String {
    if !word {
        return s.to_string();
    }
    let mut cs = s.chars();
    let first = cs.next().unwrap_or(' ');
    if s.chars().any(|c| c.is_ascii_digit()) {
        "d".into()
    } else if s.chars().all(|c| !c.is_lowercase()) {
        "X".into()
    } else if first.is_uppercase() {
        "Xx".into()
    } else {
        "x".into()
    }
}

fn bucket(d: Option<usize>) -> u64 {
    match d {
        None => 0,
        Some(0) => 1,
        Some(1) => 2,
        Some(2) => 3,
        Some(3..=5) => 4,
        Some(6..=10) => 5,
        Some(_) => 6,
    }
}

fn is_quote_mark(s: &str) -> bool {
    matches!(
        s,
        "\"" | "“" | "”" | "‘" | "’" | "«" | "»" | "„" | "`" | "'"
    )
}

impl Sequence {
    /// Builds the sequences of one article: one per paragraph.
    pub fn article(text: &str, seg: &Segmentation, cues: &CueLexicon) -> Vec<Sequence> {
        let pairing = pair_marks(text, seg);
        let mut inside: Vec<Span> = pairing
            .pairs
            .iter()
            .flat_map(|p| p.pieces.iter().copied())
            .collect();
        inside.sort();
        let mut out = Vec::with_capacity(seg.paragraphs.len());
        // Sentences are in text order, so each paragraph's are one run.
        let mut seq = Sequence::default();
        let mut para = None;
        for (si, s) in seg.sentences.iter().enumerate() {
            if para != Some(s.paragraph) {
                seq.finish(text, cues, &inside, &mut out);
                para = Some(s.paragraph);
            }
            for t in tokenize(text, s.span) {
                seq.toks.push(t);
                seq.sent.push(si as u32);
            }
        }
        seq.finish(text, cues, &inside, &mut out);
        out
    }

    /// Computes the features of the sequence built so far and moves it to
    /// `out` (unless empty), leaving an empty one.
    fn finish(&mut self, text: &str, cues: &CueLexicon, inside: &[Span], out: &mut Vec<Sequence>) {
        let mut seq = std::mem::take(self);
        if !seq.toks.is_empty() {
            seq.compute_statics(text, cues, inside);
            out.push(seq);
        }
    }

    fn compute_statics(&mut self, text: &str, cues: &CueLexicon, inside: &[Span]) {
        let n = self.toks.len();
        let lows: Vec<String> = self
            .toks
            .iter()
            .map(|t| t.text(text).to_lowercase().replace('’', "'"))
            .collect();
        let hw: Vec<u64> = lows.iter().map(|w| hash_str(w)).collect();
        let hs: Vec<u64> = self
            .toks
            .iter()
            .map(|t| hash_str(&shape(t.text(text), t.word)))
            .collect();
        let cue: Vec<bool> = lows.iter().map(|w| cues.is_verb(w)).collect();
        let inq: Vec<bool> = self
            .toks
            .iter()
            .map(|t| {
                let i = inside.partition_point(|s| s.end <= t.span.start);
                i < inside.len() && inside[i].start <= t.span.start
            })
            .collect();
        // Sentence bounds per token.
        let mut sstart = vec![0usize; n];
        let mut send = vec![n; n];
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j < n && self.sent[j] == self.sent[i] {
                j += 1;
            }
            for k in i..j {
                sstart[k] = i;
                send[k] = j;
            }
            i = j;
        }
        // Whether each token's sentence holds a quote mark.
        let mut sent_mark = vec![false; n];
        let mut k = 0;
        while k < n {
            let e = send[k];
            let any = (k..e).any(|j| is_quote_mark(self.toks[j].text(text)));
            sent_mark[k..e].fill(any);
            k = e;
        }
        let none = hash_str("<none>");
        let w = |k: isize| -> u64 {
            if k < 0 || k as usize >= n {
                none
            } else {
                hw[k as usize]
            }
        };
        let s = |k: isize| -> u64 {
            if k < 0 || k as usize >= n {
                none
            } else {
                hs[k as usize]
            }
        };
        // Nearest cue word before and after each token in its sentence, in
        // two linear passes (a scan per token would be quadratic in long
        // paragraphs).
        let mut cue_before = vec![None; n];
        let mut last = None;
        for i in 0..n {
            if i == sstart[i] {
                last = None;
            }
            cue_before[i] = last;
            if cue[i] {
                last = Some(i);
            }
        }
        let mut cue_after = vec![None; n];
        let mut next = None;
        for i in (0..n).rev() {
            if i + 1 == send[i] {
                next = None;
            }
            cue_after[i] = next;
            if cue[i] {
                next = Some(i);
            }
        }
        self.statics = Vec::with_capacity(n * STATIC);
        for i in 0..n {
            let ii = i as isize;
            let lo = sstart[i];
            let hi = send[i];
            let left_k = cue_before[i];
            let right_k = cue_after[i];
            let left = left_k.map(|k| i - k - 1);
            let right = right_k.map(|k| k - i - 1);
            let cue_word = |k: Option<usize>| k.map_or(none, |k| hw[k]);
            let low = &lows[i];
            // The last three / two and the first three characters, as
            // slices (no allocation on this per-token path).
            let suffix = |n: usize| {
                low.char_indices()
                    .rev()
                    .nth(n - 1)
                    .map_or(low.as_str(), |(b, _)| &low[b..])
            };
            let suf = suffix(3);
            let suf2 = suffix(2);
            let pre = low
                .char_indices()
                .nth(3)
                .map_or(low.as_str(), |(b, _)| &low[..b]);
            let that_after =
                |k: Option<usize>| k.is_some_and(|k| k + 1 < hi && lows[k + 1] == "that");
            let pos = bucket(Some(i - lo));
            let rest = bucket(Some(hi - i - 1));
            let mark = is_quote_mark(self.toks[i].text(text));
            let f = [
                mix(0, 1),
                mix(1, w(ii)),
                mix(2, w(ii - 1)),
                mix(3, w(ii + 1)),
                mix(4, w(ii - 2)),
                mix(5, w(ii + 2)),
                mix(mix(6, w(ii - 1)), w(ii)),
                mix(mix(7, w(ii)), w(ii + 1)),
                mix(8, hash_str(suf)),
                mix(9, s(ii)),
                mix(mix(mix(10, s(ii - 1)), s(ii)), s(ii + 1)),
                mix(11, (inq[i] as u64) | (mark as u64) << 1),
                mix(12, cue[i] as u64),
                mix(13, bucket(left) | bucket(right) << 4),
                mix(14, (i == lo) as u64),
                mix(15, pos | rest << 4),
                mix(mix(16, cue[i] as u64), w(ii + 1)),
                mix(mix(17, s(ii)), w(ii - 1)),
                mix(mix(18, inq[i] as u64), bucket(left)),
                mix(mix(19, w(ii - 1)), (i > lo && cue[i - 1]) as u64),
                mix(mix(20, w(ii - 3)), w(ii - 2)),
                mix(
                    21,
                    (i > 0 && inq[i - 1]) as u64 | ((i + 1 < n && inq[i + 1]) as u64) << 1,
                ),
                mix(mix(22, bucket(left)), w(ii)),
                mix(mix(23, bucket(right)), w(ii)),
                mix(mix(24, cue_word(left_k)), bucket(left)),
                mix(mix(25, cue_word(right_k)), bucket(right)),
                mix(26, hw[lo]),
                mix(mix(27, w(ii)), inq[i] as u64),
                mix(mix(28, s(ii - 1)), w(ii)),
                mix(mix(29, w(ii - 1)), w(ii + 1)),
                mix(29, hash_str(pre)),
                mix(31, hash_str(suf2)),
                mix(mix(32, sent_mark[i] as u64), inq[i] as u64),
                mix(mix(33, cue_word(left_k)), s(ii)),
                mix(
                    34,
                    (i > 0 && matches!(lows[i - 1].as_str(), "," | ":")) as u64 | bucket(left) << 1,
                ),
                mix(35, that_after(left_k) as u64 | bucket(left) << 1),
                mix(mix(36, cue_word(right_k)), s(ii)),
            ];
            self.statics.extend_from_slice(&f);
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub(crate) fn statics(&self, i: usize) -> &[u64] {
        &self.statics[i * STATIC..(i + 1) * STATIC]
    }
}

/// What the tags assigned so far in the sentence say about token `i`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct History {
    pub prev: u8,
    pub prev2: u8,
    /// Roles seen so far in this sentence, as bits (content, cue, source).
    pub seen: u8,
}

impl History {
    pub fn features(&self, seq: &Sequence, i: usize, out: &mut Vec<u64>) {
        let w = seq.statics(i)[1];
        let wp = seq.statics(i)[2];
        let (p, p2, seen) = (self.prev as u64, self.prev2 as u64, self.seen as u64);
        out.push(mix(100, p));
        out.push(mix(101, p | p2 << 4));
        out.push(mix(mix(102, p), w));
        out.push(mix(103, seen));
        out.push(mix(mix(104, seen), w));
        out.push(mix(mix(105, seen | p << 4), seq.statics(i)[11]));
        out.push(mix(mix(106, p), wp));
        out.push(mix(mix(107, seen | p << 4), seq.statics(i)[13]));
    }

    /// Records the tag given to the current token (the caller resets the
    /// history at each sentence start).
    pub fn advance(&mut self, tag: Tag) {
        self.prev2 = self.prev;
        self.prev = tag as u8;
        let r = tag.role();
        if r > 0 {
            self.seen |= 1 << (r - 1);
        }
    }
}

/// Tags one sequence greedily, left to right.
pub fn tag(model: &TaggerModel, seq: &Sequence) -> Vec<Tag> {
    tag_with_margins(model, seq).0
}

/// Tags and, per token, how far the chosen tag's score is ahead of the best
/// allowed tag of another role (the tagger's confidence in that token).
pub fn tag_with_margins(model: &TaggerModel, seq: &Sequence) -> (Vec<Tag>, Vec<f32>) {
    let mut tags = Vec::with_capacity(seq.len());
    let mut margins = Vec::with_capacity(seq.len());
    let mut hist = History::default();
    let mut feats = Vec::with_capacity(16);
    for i in 0..seq.len() {
        if i > 0 && seq.sent[i] != seq.sent[i - 1] {
            hist = History::default();
        }
        let mut scores = [0f32; N_TAGS];
        model.add_scores(seq.statics(i), &mut scores);
        feats.clear();
        hist.features(seq, i, &mut feats);
        model.add_scores(&feats, &mut scores);
        let prev = Tag::ALL[hist.prev as usize];
        let best = best_allowed(&scores, prev);
        let runner_up = Tag::ALL
            .iter()
            .filter(|t| t.role() != best.role() && t.may_follow(prev))
            .map(|t| scores[*t as usize])
            .fold(f32::NEG_INFINITY, f32::max);
        tags.push(best);
        margins.push(scores[best as usize] - runner_up);
        hist.advance(best);
    }
    (tags, margins)
}

pub(crate) fn best_allowed(scores: &[f32; N_TAGS], prev: Tag) -> Tag {
    let mut best = Tag::O;
    let mut best_s = f32::NEG_INFINITY;
    for t in Tag::ALL {
        if t.may_follow(prev) && scores[t as usize] > best_s {
            best = t;
            best_s = scores[t as usize];
        }
    }
    best
}

/// A run of one role: token range and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    role: u8,
    first: usize,
    last: usize,
    sent: u32,
    span: Span,
}

fn runs(seq: &Sequence, tags: &[Tag]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let r = t.role();
        if r == 0 {
            continue;
        }
        let continues = t.is_inside()
            && out
                .last()
                .is_some_and(|l| l.role == r && l.last + 1 == i && l.sent == seq.sent[i]);
        if continues {
            let l = out.last_mut().expect("checked");
            l.last = i;
            l.span = Span::new(l.span.start, seq.toks[i].span.end);
        } else {
            out.push(Run {
                role: r,
                first: i,
                last: i,
                sent: seq.sent[i],
                span: seq.toks[i].span,
            });
        }
    }
    out
}

/// Determiners a speaker mention may start with ("the spokesman").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "some", "many", "most", "several", "both", "all", "one", "two", "three", "four", "five",
];

/// The run as a speaker mention, or `None` when it cannot be one: trailing
/// punctuation dropped, at most 12 words, starting with a capitalised word,
/// a pronoun or a determiner (not "of African American History ...", a
/// stray tail the tagger sometimes marks).
fn plausible_source(text: &str, seq: &Sequence, r: &Run) -> Option<Span> {
    let toks = &seq.toks[r.first..=r.last];
    let end = toks.iter().rposition(|t| t.word)?;
    // "... an amendment which critics of the bill say": the relative
    // clause's subject.
    // (Only an object relative, whose own subject follows: "which has
    // been barred" and "who has led" are about the noun before.)
    if let Some(k) = (1..end)
        .rev()
        .find(|&k| toks[k].word && matches!(toks[k].text(text), "which" | "whom"))
    {
        let rest = toks[k + 1..=end].iter().filter(|t| t.word).count();
        if let Some(first) = toks[k + 1..=end].iter().find(|t| t.word) {
            let w = first.text(text);
            let l = w.to_lowercase();
            let w = crate::attribute::lexicon::Words::builtin();
            let subject = first.capitalized(text)
                || DETERMINERS.contains(&l.as_str())
                || w.anonymous.contains(&l)
                || (w.roles.contains(&l) && l.ends_with('s'));
            if subject && rest <= 5 {
                return Some(Span::new(first.span.start, toks[end].span.end));
            }
        }
    }
    let first = toks.first().filter(|t| t.word)?;
    let w = first.text(text).to_lowercase();
    let words = toks[..=end].iter().filter(|t| t.word).count();
    let pronoun = matches!(
        w.as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who"
    );
    let determiner = DETERMINERS.contains(&w.as_str());
    // "struck a more cautious note": a phrase cut after a degree word
    // names no one.
    let last = toks[end].text(text).to_lowercase();
    if matches!(
        last.as_str(),
        "more" | "less" | "most" | "least" | "very" | "much" | "rather" | "quite"
    ) {
        return None;
    }
    // A determiner alone ("The") is a fragment, not a mention.
    let ok = pronoun
        || (determiner && words >= 2)
        || (!determiner && (first.capitalized(text) || w == "officials"));
    (ok && words <= 12).then(|| Span::new(first.span.start, toks[end].span.end))
}

fn has_mark(s: &str) -> bool {
    s.contains(['"', '“', '”', '«', '»', '„']) || s.contains("``") || s.contains("''")
}

/// Turns a tagged sequence into quotes: each content run with the nearest
/// cue and source of its sentence.
pub fn assemble(text: &str, seq: &Sequence, tags: &[Tag], margins: &[f32]) -> Vec<Tagged> {
    let rs = runs(seq, tags);
    let cues: Vec<Run> = rs.iter().copied().filter(|r| r.role == 2).collect();
    let sources: Vec<Run> = rs
        .iter()
        .filter(|r| r.role == 3)
        .filter_map(|r| {
            Some(Run {
                span: plausible_source(text, seq, r)?,
                ..*r
            })
        })
        .collect();
    let mut out = Vec::new();
    for c in rs.iter().filter(|r| r.role == 1) {
        // Trim punctuation at the run's ends (a final period, a comma).
        let mut first = c.first;
        let mut last = c.last;
        while first < last && !seq.toks[first].word && !is_quote_mark(seq.toks[first].text(text)) {
            first += 1;
        }
        while last > first && !seq.toks[last].word && !is_quote_mark(seq.toks[last].text(text)) {
            last -= 1;
        }
        if !seq.toks[first..=last].iter().any(|t| t.word) {
            continue;
        }
        let span = Span::new(seq.toks[first].span.start, seq.toks[last].span.end);
        let dist = |r: &Run| -> usize {
            if r.last < c.first {
                c.first - r.last
            } else {
                r.first.saturating_sub(c.last)
            }
        };
        // Runs are in token order: the nearest of a role is the last one
        // before the content or the first one after it (binary search, as
        // a sentence may hold thousands of runs).
        let nearest = |role: u8| {
            let list = if role == 2 { &cues } else { &sources };
            let p = list.partition_point(|r| r.last < c.first);
            let before = p.checked_sub(1).map(|i| list[i]);
            let after = list.get(p).copied();
            [before, after]
                .into_iter()
                .flatten()
                .filter(|r| r.sent == c.sent)
                .min_by_key(dist)
                .map(|r| r.span)
        };
        let cue = nearest(2);
        let mention = nearest(3);
        let body = span.slice(text);
        let kind = if has_mark(body) {
            let t = body.trim_start();
            if t.starts_with(['"', '“', '«', '„']) && cue.is_some() {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            }
        } else {
            QuoteKind::Reported
        };
        let m = &margins[c.first..=c.last];
        let confidence = m.iter().sum::<f32>() / m.len() as f32;
        out.push(Tagged {
            quote: Quote {
                kind,
                spans: vec![span],
                cue,
                mention,
            },
            confidence,
            words: seq.toks[first..=last].iter().filter(|t| t.word).count(),
        });
    }
    out
}

/// A statement the tagger found, with what decides whether to keep it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub quote: Quote,
    /// Mean margin of the content tokens' tags.
    pub confidence: f32,
    /// Words in the content.
    pub words: usize,
}

/// The packaged extractor model (`models/extractor.qst`), parsed once.
pub fn builtin_model() -> Arc<TaggerModel> {
    static MODEL: OnceLock<Arc<TaggerModel>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            Arc::new(
                TaggerModel::from_bytes(include_bytes!("../../../models/extractor.qst"))
                    .expect("the packaged extractor model is checked by a unit test"),
            )
        })
        .clone()
}

/// Every quote the tagger finds in one article, in text order.
pub fn tag_article(
    model: &TaggerModel,
    cues: &CueLexicon,
    text: &str,
    seg: &Segmentation,
) -> Vec<Tagged> {
    ArticleTags::new(model, cues, text, seg).statements
}

/// The tagger's view of one article: its statements, and every cue and
/// source run (for speakers of the rules' quotes).
#[derive(Debug, Clone, Default)]
pub struct ArticleTags {
    pub statements: Vec<Tagged>,
    /// Cue runs, in text order.
    cues: Vec<Run>,
    /// Source runs, in text order.
    sources: Vec<Run>,
}

impl ArticleTags {
    pub fn new(model: &TaggerModel, lexicon: &CueLexicon, text: &str, seg: &Segmentation) -> Self {
        let mut out = ArticleTags::default();
        for seq in Sequence::article(text, seg, lexicon) {
            let (tags, margins) = tag_with_margins(model, &seq);
            for r in runs(&seq, &tags) {
                match r.role {
                    2 => out.cues.push(r),
                    3 => {
                        if let Some(span) = plausible_source(text, &seq, &r) {
                            out.sources.push(Run { span, ..r });
                        }
                    }
                    _ => {}
                }
            }
            out.statements.extend(assemble(text, &seq, &tags, &margins));
        }
        out
    }

    /// The tagged source nearest to `content` in the sentence where it
    /// starts (sentence `sent`), outside it.
    pub fn source_near(&self, sent: usize, content: &[Span]) -> Option<Span> {
        let anchor = content.first()?.cover(*content.last()?);
        self.nearest_source(anchor, sent as u32, content)
    }

    /// The source the tagger gives the cue at `cue`: the source run nearest
    /// to the tagged cue run that overlaps it, in the same sentence, outside
    /// `content`. `None` when the tagger did not tag that cue.
    pub fn source_for_cue(&self, cue: Span, content: &[Span]) -> Option<Span> {
        let i = self.cues.partition_point(|r| r.span.end <= cue.start);
        let c = self.cues.get(i).filter(|r| r.span.overlaps(cue))?;
        self.nearest_source(c.span, c.sent, content)
    }

    /// The source run of sentence `sent` nearest to `anchor` (in bytes:
    /// token indices restart in every paragraph), outside `content`.
    fn nearest_source(&self, anchor: Span, sent: u32, content: &[Span]) -> Option<Span> {
        let dist = |r: &Run| {
            if r.span.end <= anchor.start {
                anchor.start - r.span.end
            } else {
                r.span.start.saturating_sub(anchor.end)
            }
        };
        let usable = |r: &&Run| r.sent == sent && !content.iter().any(|p| p.overlaps(r.span));
        let p = self.sources.partition_point(|r| r.span.end <= anchor.start);
        // A few runs each way: a sentence may hold thousands.
        let before = self.sources[..p].iter().rev().take(4).find(usable);
        let after = self.sources[p..].iter().take(4).find(usable);
        [before, after]
            .into_iter()
            .flatten()
            .min_by_key(|r| dist(r))
            .map(|r| r.span)
    }
}

/// Rules first, then the tagger's statements where no rule quote is.
#[derive(Debug, Clone)]
pub struct HybridQuoteFinder {
    rules: RuleQuoteFinder,
    model: Arc<TaggerModel>,
    cues: &'static CueLexicon,
    /// Tagged statements below this confidence are dropped.
    pub min_confidence: f32,
    /// Tagged statements with fewer words are dropped (so are those the
    /// tagger found no cue for).
    pub min_words: usize,
}

impl Default for HybridQuoteFinder {
    fn default() -> Self {
        HybridQuoteFinder {
            rules: RuleQuoteFinder::default(),
            model: builtin_model(),
            cues: CueLexicon::builtin(),
            min_confidence: Self::DEFAULT_MIN_CONFIDENCE,
            min_words: 4,
        }
    }
}

impl HybridQuoteFinder {
    /// The default confidence cut (mean tag margin of a statement's words).
    /// Chosen by 5-fold cross-validation on PolNeAR train: it keeps overall
    /// precision within a point of the rules alone while adding a sixth
    /// more reported speech. Lower it for recall (README, "Extraction").
    pub const DEFAULT_MIN_CONFIDENCE: f32 = 70.0;

    /// With another tagger model (e.g. one trained on other data).
    pub fn with_model(model: Arc<TaggerModel>) -> Self {
        HybridQuoteFinder {
            model,
            ..Self::default()
        }
    }
}

/// Adds the tagger's quotes that overlap no rule quote to the rules'
/// quotes (rules are more exact where quote marks are), in text order.
pub fn merge(rules: Vec<Quote>, tagged: Vec<Quote>) -> Vec<Quote> {
    // Every rule piece, sorted and merged into disjoint covered ranges, so
    // each tagged piece is checked by binary search.
    let mut covered: Vec<Span> = rules.iter().flat_map(|q| q.spans.iter().copied()).collect();
    covered.sort();
    let mut disjoint: Vec<Span> = Vec::with_capacity(covered.len());
    for s in covered {
        match disjoint.last_mut() {
            Some(l) if s.start < l.end => l.end = l.end.max(s.end),
            _ => disjoint.push(s),
        }
    }
    let clashes = |p: &Span| {
        let i = disjoint.partition_point(|s| s.end <= p.start);
        i < disjoint.len() && disjoint[i].overlaps(*p)
    };
    let mut out = rules;
    out.extend(tagged.into_iter().filter(|t| !t.spans.iter().any(clashes)));
    out.sort_by_key(|q| q.extent().start);
    out
}

impl HybridQuoteFinder {
    /// The quotes, and the tagger's view of the article they came from (the
    /// neural finder asks it for speakers of statements no quote here
    /// overlaps).
    pub fn find_with_tags(&self, text: &str, seg: &Segmentation) -> (Vec<Quote>, ArticleTags) {
        let mut rules = self.rules.find(text, seg);
        let mut tags = ArticleTags::new(&self.model, self.cues, text, seg);
        // Where the tagger tagged a rule quote's cue, its source for that cue
        // is the speaker mention: it learned PolNeAR's sources (titles,
        // appositives, pronouns) better than the mention rules pick them.
        // Where the rules found no mention, its nearest source is used.
        for q in &mut rules {
            if let Some(s) = q.cue.and_then(|c| tags.source_for_cue(c, &q.spans)) {
                // An appositive next to the rules' mention ("Sir Keir
                // Starmer, the Labour leader, said") is the same speaker:
                // the rules' side of it carries the name.
                let beside = |m: Span| {
                    let gap = if m.end <= s.start {
                        Span::new(m.end, s.start)
                    } else if s.end <= m.start {
                        Span::new(s.end, m.start)
                    } else {
                        return true;
                    };
                    gap.slice(text).trim() == ","
                };
                // A mention right before its cue ("as Barnier warns") is
                // the cue's subject, whatever the tagger saw further off.
                // (Over an auxiliary or an adverb: "in what union leaders
                // have called ...".)
                let adjacent = |m: Span| {
                    q.cue.is_some_and(|c| {
                        m.end <= c.start
                            && text[m.end..c.start].split_whitespace().all(|w| {
                                matches!(
                                    w,
                                    "have"
                                        | "has"
                                        | "had"
                                        | "also"
                                        | "since"
                                        | "now"
                                        | "already"
                                        | "repeatedly"
                                        | "publicly"
                                        | "previously"
                                        | "recently"
                                )
                            })
                    })
                };
                // A source after a preposition ("James Wood, writing in
                // the New Yorker, called ...") is where, not who.
                let lead = text[..s.start].trim_end();
                // ("on nearby Rawcliffe Street".)
                let lead = lead.strip_suffix("nearby").unwrap_or(lead).trim_end();
                let after_prep = lead
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| {
                        matches!(w, "in" | "on" | "to" | "for" | "at" | "with" | "from")
                    });
                // A source inside the aside between the rules' mention and
                // the cue ("Nick Reddan, a former Bank official now at
                // Capital Economics, warned") is part of the description.
                // (An acronym in brackets after the name is part of it:
                // "The Energy Suppliers' Association (ESA), which ...".)
                let in_aside = |m: Span| {
                    q.cue.is_some_and(|c| {
                        if !(m.end <= s.start && s.end <= c.start) {
                            return false;
                        }
                        let mut gap = text[m.end..s.start].trim_start();
                        if let Some((inner, rest)) =
                            gap.strip_prefix('(').and_then(|g| g.split_once(')'))
                        {
                            if !inner.is_empty()
                                && inner.chars().all(|ch| ch.is_alphabetic() || ch == '&')
                                && inner.chars().next().is_some_and(char::is_uppercase)
                            {
                                gap = rest;
                            }
                        }
                        gap.trim_start().starts_with(',') && !gap.contains(['—', '–', '('])
                    })
                };
                // A passive's agent ("was accused by a Conservative peer
                // of ...") stands after the cue's "by"; the subject the
                // tagger may see is who it is about.
                let agent = |m: Span| {
                    q.cue.is_some_and(|c| {
                        m.start >= c.end && text[c.end..m.start].trim().eq_ignore_ascii_case("by")
                    })
                };
                // "The Liberal Democrats' local government spokesperson,
                // Fiona Grieve, described": the name after the description
                // is the speaker the description introduces.
                let named_after = |m: Span| {
                    s.end <= m.start && {
                        let gap = &text[s.end..m.start];
                        gap.trim_end().ends_with(',')
                            && !gap.contains(['.', ';', '"', '“', '”'])
                            && gap.split_whitespace().count() <= 8
                            && m.slice(text)
                                .split_whitespace()
                                .all(|w| w.starts_with(char::is_uppercase))
                    }
                };
                // "Fiona Gaskell wrote to the Cabinet Secretary demanding
                // ...": a source that is the object of the rules' speaker's
                // verb is who was addressed.
                let addressed = |m: Span| {
                    m.end <= s.start && q.cue.is_some_and(|c| s.end <= c.start) && {
                        let gap = &text[m.end..s.start];
                        gap.split_whitespace().count() <= 4
                            && gap
                                .split_whitespace()
                                .any(|w| matches!(w, "to" | "with" | "at"))
                    }
                };
                // A relative pronoun ("..., who asked not to be named,
                // said") stands for the rules' mention, its antecedent.
                let relative = matches!(s.slice(text), "who" | "which" | "that" | "Who");
                if !q.mention.is_some_and(|m| {
                    relative
                        || addressed(m)
                        || beside(m)
                        || adjacent(m)
                        || after_prep
                        || in_aside(m)
                        || agent(m)
                        || named_after(m)
                }) {
                    q.mention = Some(relative_host(text, seg, s).unwrap_or(s));
                }
            } else if q.mention.is_none() {
                // No mention by the rules: the tagger's nearest source in
                // the quote's sentence, before the attributor falls back on
                // earlier paragraphs.
                let sent = q.spans.first().and_then(|s| seg.sentence_at(s.start));
                q.mention = sent
                    .and_then(|i| tags.source_near(i, &q.spans))
                    .map(|s| relative_host(text, seg, s).unwrap_or(s));
            }
        }
        let tagged = std::mem::take(&mut tags.statements)
            .into_iter()
            .filter(|t| {
                t.confidence >= self.min_confidence
                    && t.words >= self.min_words
                    && t.quote.cue.is_some()
            })
            .map(|mut t| {
                if let Some(host) = t.quote.mention.and_then(|m| relative_host(text, seg, m)) {
                    t.quote.mention = Some(host);
                }
                t.quote
            })
            .collect();
        let mut out = merge(rules, tagged);
        out.retain(|q| !super::anonymity_request(text, q));
        (out, tags)
    }
}

impl QuoteFinder for HybridQuoteFinder {
    fn find(&self, text: &str, seg: &Segmentation) -> Vec<Quote> {
        self.find_with_tags(text, seg).0
    }
}

/// The name a relative clause hangs on, when the tagger's source `m` is a
/// word inside that clause: "Lord Penhallow, the Labour peer who chairs
/// the Lords committee, broke ranks to warn" is Lord Penhallow's warning,
/// not the Lords'. Only a capitalised name of at most five words opening
/// the sentence and closed by a comma, with the clause's "who"/"which"
/// after it and no comma between that word and `m`.
pub(crate) fn relative_host(text: &str, seg: &Segmentation, m: Span) -> Option<Span> {
    let sent = seg.sentences[seg.sentence_at(m.start)?].span;
    let lead = &text[sent.start..m.start];
    let offset = lead.len() - lead.trim_start().len();
    let lead_t = lead.trim_start();
    let comma = lead_t.find(',')?;
    let name = &lead_t[..comma];
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 5
        || !words.iter().all(|w| w.starts_with(char::is_uppercase))
        || name.contains(['"', '“', '”', '‘', '’', '('])
        || matches!(
            words[0],
            "In" | "On"
                | "At"
                | "After"
                | "Before"
                | "When"
                | "While"
                | "As"
                | "But"
                | "And"
                | "However"
                | "Meanwhile"
                | "Last"
                | "Since"
                | "Like"
                | "For"
                | "From"
        )
    {
        return None;
    }
    let between = &lead_t[comma..];
    let rel = [" who ", " which "]
        .iter()
        .filter_map(|r| between.rfind(r))
        .max()?;
    if between[rel..].contains([',', ';', '"', '“', '”']) {
        return None;
    }
    let start = sent.start + offset;
    Some(Span::new(start, start + name.trim_end().len()))
}

#[cfg(test)]
mod tests {
    use super::train::{examples, train, TrainOptions};
    use super::*;
    use crate::eval::GoldAttribution;
    use crate::segment::{RuleSegmenter, Segmenter};

    /// A gold attribution by substrings of `text` (character offsets).
    fn gold(text: &str, content: &str, cue: &str, source: &str) -> GoldAttribution {
        let at = |s: &str| {
            let b = text.find(s).unwrap_or_else(|| panic!("{s:?} not in text"));
            let a = text[..b].chars().count();
            vec![(a, a + s.chars().count())]
        };
        GoldAttribution {
            content: at(content),
            source: Some(at(source)),
            cue: Some(at(cue)),
            direct: false,
            pronoun_source: false,
        }
    }

    fn tags_of<'t>(text: &'t str, ex: &super::train::Example) -> Vec<(&'t str, Tag)> {
        ex.seq
            .toks
            .iter()
            .map(|t| t.text(text))
            .zip(ex.gold.iter().copied())
            .collect()
    }

    #[test]
    fn gold_tags_keep_the_outer_statement_whole() {
        let text = "Trump said that Clinton claimed the polls were rigged.\n";
        let g = vec![
            gold(
                text,
                "that Clinton claimed the polls were rigged",
                "said",
                "Trump",
            ),
            gold(text, "the polls were rigged", "claimed", "Clinton"),
        ];
        let ex = examples(text, &g, CueLexicon::builtin());
        assert_eq!(ex.len(), 1);
        let tags = tags_of(text, &ex[0]);
        assert_eq!(tags[0], ("Trump", Tag::BSource));
        assert_eq!(tags[1], ("said", Tag::BCue));
        assert_eq!(tags[2], ("that", Tag::BContent));
        // The inner source and cue stay inside the outer content.
        assert_eq!(tags[3], ("Clinton", Tag::IContent));
        assert_eq!(tags[4], ("claimed", Tag::IContent));
        assert_eq!(tags.last().unwrap(), &(".", Tag::O));
    }

    #[test]
    fn decoding_never_continues_a_role_it_did_not_start() {
        // A model that scores "inside cue" highest for every token.
        let m = TaggerModel::new(
            8,
            (0..256u32).map(|b| (b, [0.0, 0.0, 0.0, 0.5, 1.0, 0.0, 0.0])),
        );
        let text = "Officials voiced doubts.\n";
        let seg = RuleSegmenter::default().segment(text);
        let seqs = Sequence::article(text, &seg, CueLexicon::builtin());
        let tags = tag(&m, &seqs[0]);
        assert_eq!(tags[0], Tag::BCue);
        assert!(tags[1..].iter().all(|t| *t == Tag::ICue));
    }

    #[test]
    fn learns_and_assembles_reported_speech_from_written_examples() {
        // Cues the rule lexicon does not list ("voiced doubt", "views").
        let docs = [
            (
                "Officials voiced doubt that the ceasefire would hold.\n",
                "that the ceasefire would hold",
                "voiced doubt",
                "Officials",
            ),
            (
                "Diplomats voiced doubt that the deal would survive.\n",
                "that the deal would survive",
                "voiced doubt",
                "Diplomats",
            ),
            (
                "The minister voiced doubt that talks would resume soon.\n",
                "that talks would resume soon",
                "voiced doubt",
                "The minister",
            ),
        ];
        let mut exs = Vec::new();
        for (text, c, q, s) in docs {
            exs.extend(examples(
                text,
                &[gold(text, c, q, s)],
                CueLexicon::builtin(),
            ));
        }
        let opts = TrainOptions {
            epochs: 10,
            bits: 16,
            seed: 1,
            prune: 0.0,
        };
        let mut accs = Vec::new();
        let m = train(&exs, opts, |_, a| accs.push(a));
        assert_eq!(accs.len(), 10);
        assert!(accs.last().unwrap() > accs.first().unwrap() || *accs.last().unwrap() == 1.0);
        let text = "Analysts voiced doubt that the truce would hold.\n";
        let seg = RuleSegmenter::default().segment(text);
        let found = tag_article(&m, CueLexicon::builtin(), text, &seg);
        assert_eq!(found.len(), 1, "{found:?}");
        let q = &found[0].quote;
        assert_eq!(q.kind, QuoteKind::Reported);
        assert_eq!(q.text(text), "that the truce would hold");
        assert_eq!(q.cue.map(|c| c.slice(text)), Some("voiced doubt"));
        assert_eq!(q.mention.map(|c| c.slice(text)), Some("Analysts"));
        assert!(found[0].confidence > 0.0);
        assert_eq!(found[0].words, 5);
        // Training is reproducible: same data and seed, same bytes.
        let again = train(&exs, opts, |_, _| {});
        assert_eq!(m.to_bytes(), again.to_bytes());
    }

    #[test]
    fn merge_keeps_rule_quotes_and_adds_only_new_statements() {
        let q = |a: usize, b: usize, kind| Quote {
            kind,
            spans: vec![Span::new(a, b)],
            cue: None,
            mention: None,
        };
        let rules = vec![q(10, 20, QuoteKind::Direct), q(40, 50, QuoteKind::Reported)];
        let tagged = vec![
            q(15, 30, QuoteKind::Reported),
            q(0, 5, QuoteKind::Reported),
            q(60, 70, QuoteKind::Reported),
        ];
        let out = merge(rules, tagged);
        let spans: Vec<(usize, usize)> = out
            .iter()
            .map(|q| (q.spans[0].start, q.spans[0].end))
            .collect();
        assert_eq!(spans, vec![(0, 5), (10, 20), (40, 50), (60, 70)]);
        assert_eq!(out[1].kind, QuoteKind::Direct);
    }

    /// The span of the first `s` in `text`.
    fn span_in(text: &str, s: &str) -> Span {
        let b = text.find(s).unwrap();
        Span::new(b, b + s.len())
    }

    /// A one-token run.
    fn one_run(role: u8, first: usize, span: Span, sent: u32) -> Run {
        Run {
            role,
            first,
            last: first,
            sent,
            span,
        }
    }

    #[test]
    fn a_cue_gets_the_nearest_source_of_its_sentence_outside_the_content() {
        let text = "Officials told reporters that Smith said no. Then Jones left.";
        let at = |s: &str| span_in(text, s);
        let run = one_run;
        let tags = ArticleTags {
            statements: Vec::new(),
            cues: vec![run(2, 1, at("told"), 0)],
            sources: vec![
                run(3, 0, at("Officials"), 0),
                run(3, 4, at("Smith"), 0),
                run(3, 9, at("Jones"), 1),
            ],
        };
        // "Smith" lies inside the content, "Jones" in another sentence.
        let content = [at("that Smith said no")];
        assert_eq!(
            tags.source_for_cue(at("told"), &content),
            Some(at("Officials"))
        );
        // An untagged cue gives nothing.
        assert_eq!(tags.source_for_cue(at("said"), &content), None);
        // Without the content, the nearer source wins ("Officials" is 1 byte
        // away, "Smith" more).
        assert_eq!(tags.source_for_cue(at("told"), &[]), Some(at("Officials")));
    }

    #[test]
    fn a_quote_without_mention_gets_the_nearest_source_of_its_sentence() {
        let text = "Aides said little. “No comment,” the spokesman told us. Smith left.";
        let at = |s: &str| span_in(text, s);
        let run = |first, span, sent| one_run(3, first, span, sent);
        let tags = ArticleTags {
            statements: Vec::new(),
            cues: Vec::new(),
            sources: vec![
                run(0, at("Aides"), 0),
                run(9, at("the spokesman"), 1),
                run(14, at("Smith"), 2),
            ],
        };
        let quote = [at("No comment,")];
        assert_eq!(tags.source_near(1, &quote), Some(at("the spokesman")));
        // Only the quote's own sentence counts.
        assert_eq!(tags.source_near(3, &quote), None);
        assert_eq!(tags.source_near(1, &[]), None);
    }

    #[test]
    fn only_plausible_sources_become_mentions() {
        let text = "of African American History on Saturday, The the spokesman, he Smith\n";
        let seg = RuleSegmenter::default().segment(text);
        let seq = &Sequence::article(text, &seg, CueLexicon::builtin())[0];
        let words: Vec<&str> = seq.toks.iter().map(|t| t.text(text)).collect();
        let run = |a: &str, b: &str| {
            let first = words.iter().position(|w| *w == a).unwrap();
            let last = first + words[first..].iter().position(|w| *w == b).unwrap();
            let span = Span::new(seq.toks[first].span.start, seq.toks[last].span.end);
            Run {
                role: 3,
                first,
                last,
                sent: seq.sent[first],
                span,
            }
        };
        let got = |r: Run| plausible_source(text, seq, &r).map(|s| s.slice(text));
        assert_eq!(got(run("of", "Saturday")), None);
        assert_eq!(got(run("The", "The")), None);
        // Trailing punctuation is dropped.
        assert_eq!(got(run("the", ",")), Some("the spokesman"));
        assert_eq!(got(run("he", "he")), Some("he"));
        assert_eq!(got(run("Smith", "Smith")), Some("Smith"));
        // A relative clause's subject, not the noun phrase it hangs on.
        let text = "a blow after peers backed an amendment which critics of the bill say\n";
        let seg = RuleSegmenter::default().segment(text);
        let seq = &Sequence::article(text, &seg, CueLexicon::builtin())[0];
        let all = Run {
            role: 3,
            first: 0,
            last: seq.toks.len() - 2,
            sent: seq.sent[0],
            span: Span::new(0, text.len() - 5),
        };
        assert_eq!(
            plausible_source(text, seq, &all).map(|s| s.slice(text)),
            Some("critics of the bill")
        );
    }

    /// With the packaged tagger, the rules' mention stands where the
    /// tagger's source is a word of the aside between it and the cue.
    #[test]
    fn the_rules_mention_stands_over_a_source_inside_the_aside() {
        use crate::segment::{RuleSegmenter, Segmenter};
        let text = "Markets\n\nNick Reddan, a former Bank official now at Capital Economics, \
                    warned that the markets could punish any sign of weakness.";
        let seg = RuleSegmenter::new().segment(text);
        let q = HybridQuoteFinder::default().find(text, &seg);
        let m = q
            .iter()
            .find(|q| q.text(text).contains("punish"))
            .and_then(|q| q.mention)
            .map(|m| m.slice(text));
        assert_eq!(m, Some("Nick Reddan"), "{q:?}");
    }

    /// The name after a description ("..., Fiona Grieve, described") and
    /// a passive's agent stand over the tagger's source.
    #[test]
    fn named_appositives_and_passive_agents_stand() {
        use crate::segment::{RuleSegmenter, Segmenter};
        let text =
            "Councils\n\nThe Liberal Democrats' local government spokesperson, Fiona Grieve, \
                    described the cuts as \"a stealth tax on every household\".\n\n\
                    The National Trust has been accused by a Conservative peer of ‘erasing two \
                    centuries of history’ after announcing plans to fell the avenue.";
        let seg = RuleSegmenter::new().segment(text);
        let q = HybridQuoteFinder::default().find(text, &seg);
        let mention = |needle: &str| {
            q.iter()
                .find(|q| q.text(text).contains(needle))
                .and_then(|q| q.mention)
                .map(|m| m.slice(text))
        };
        assert_eq!(mention("stealth tax"), Some("Fiona Grieve"), "{q:?}");
        assert_eq!(mention("erasing"), Some("a Conservative peer"), "{q:?}");
    }

    /// A tagged source inside a relative clause gives way to the name the
    /// clause hangs on; a sentence opening with a preposition has none.
    #[test]
    fn relative_clause_sources_give_way_to_their_host() {
        let text = "Levies\n\nJane Smith, the Labour MP who chairs the Lords industry committee, \
                    broke ranks to warn that the reforms risked a loss of trust.\n\n\
                    In London, where the mayor who leads the Greens spoke, it rained.";
        let seg = RuleSegmenter::new().segment(text);
        let at = |s: &str| span_in(text, s);
        assert_eq!(
            relative_host(text, &seg, at("Lords")).map(|m| m.slice(text)),
            Some("Jane Smith")
        );
        assert_eq!(relative_host(text, &seg, at("Greens")), None);
        assert_eq!(relative_host(text, &seg, at("Jane")), None);
    }

    /// The rules' subject over an auxiliary stands over the tagger's
    /// source: "in what union leaders have called ‘...’".
    #[test]
    fn subject_over_an_auxiliary_stands() {
        let text = "Cuts\n\nThamesbridge University is to cut 400 jobs, in what union leaders \
                    have called ‘an act of cultural vandalism’ that could be repeated.";
        let seg = RuleSegmenter::new().segment(text);
        let q = HybridQuoteFinder::default().find(text, &seg);
        let m = q
            .iter()
            .find(|q| q.text(text).contains("vandalism"))
            .and_then(|q| q.mention)
            .map(|m| m.slice(text));
        assert_eq!(m, Some("union leaders"), "{q:?}");
    }

    #[test]
    fn packaged_model_loads() {
        let m = builtin_model();
        assert_eq!(m.bits(), 22);
        assert!(m.len() > 10_000, "{} buckets", m.len());
    }
}
