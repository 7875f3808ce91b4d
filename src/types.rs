//! The shared vocabulary of the pipeline.
//!
//! Every stage speaks in these types. Positions are byte [`Span`]s into the
//! article text as read (never copied strings), so any stage can slice the
//! original and reports can derive character offsets once, at the end
//! (see [`CharIndex`]). Types that reach reports derive `Serialize`; the
//! rest stay plain data.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// A half-open byte range `[start, end)` into an article's text.
///
/// Invariant (kept by every stage): `start <= end <= text.len()` and both ends
/// lie on UTF-8 char boundaries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Shrinks the span so it starts and ends on non-whitespace.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Where an article came from, for messages that name the file and line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file, or `None` for stdin.
    pub path: Option<PathBuf>,
    /// 1-based line for jsonl articles.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<stdin>")?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

/// One article, with its text exactly as read (after lossy UTF-8 decoding).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// File stem, or the jsonl `id` field.
    pub id: String,
    pub title: Option<String>,
    /// As given (ISO 8601 `YYYY-MM-DD...` expected, not enforced here).
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The body that every span indexes into.
    pub text: String,
    pub origin: Origin,
}

/// A sentence inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Segmentation::paragraphs`].
    pub paragraph: usize,
}

/// Paragraphs and sentences of one article, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segmentation {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
}

impl Segmentation {
    /// Indices of the sentences of paragraph `p`.
    pub fn sentences_in(&self, p: usize) -> impl Iterator<Item = (usize, &Sentence)> {
        self.sentences
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.paragraph == p)
    }

    /// The sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// The paragraph containing byte `pos`, if any.
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= pos);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= pos).then_some(i)
    }
}

/// How a statement is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole sentence or more in quote marks.
    Direct,
    /// A quoted fragment inside the writer's own sentence.
    Partial,
    /// Paraphrase with a cue verb ("said that", "emphasized the need").
    Reported,
}

impl QuoteKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Reported => "reported",
        }
    }
}

impl fmt::Display for QuoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A quoted statement found in an article, before attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The content pieces, in order, without their quote marks. More than one
    /// when the attribution splits the quote (“A,” he said. “B.”) or it runs
    /// over several paragraphs.
    pub spans: Vec<Span>,
    /// The cue ("said", "emphasized", "according to"), when the finder saw it.
    pub cue: Option<Span>,
    /// The speaker mention as written, when the finder saw it (reported speech
    /// and "X said" next to the quote).
    pub mention: Option<Span>,
}

impl Quote {
    /// The span covering every piece.
    pub fn extent(&self) -> Span {
        let first = self.spans.first().copied().unwrap_or_default();
        self.spans.iter().fold(first, |acc, s| acc.cover(*s))
    }

    /// The statement's text as reports show it: a partial quote keeps its
    /// quote marks ("he had 'full confidence' in his officials"), so readers
    /// see which words were quoted verbatim; other statements are
    /// [`Self::text`]. (Only where its pieces are separated by marks and
    /// spaces alone; otherwise the pieces joined by a space.) Reported speech
    /// in one piece keeps a closing mark its last quoted words need.
    pub fn display_text(&self, article: &str) -> String {
        const MARKS: &[char] = &['"', '“', '”', '‘', '’', '\'', '`', '«', '»'];
        let marks_only = |s: &str| s.chars().all(|c| c.is_whitespace() || MARKS.contains(&c));
        // (Reported speech ending in a quoted word keeps that word's
        // closing mark too: "the plan was “working”".)
        let single = self.spans.len() == 1 && self.kind != QuoteKind::Direct;
        if !single
            && (self.kind != QuoteKind::Partial
                || self.spans.len() < 2
                || !self
                    .spans
                    .windows(2)
                    .all(|w| w[0].end <= w[1].start && marks_only(&article[w[0].end..w[1].start])))
        {
            return self.text(article);
        }
        let extent = self.extent();
        let mut start = extent.start;
        let mut end = extent.end;
        let inner = &article[start..end];
        // (An apostrophe between letters is no mark: "Mrs Pearce’s case was
        // “sadly far from unique”" keeps its closing mark.)
        let count = |s: &str| {
            let cs: Vec<char> = s.chars().collect();
            (0..cs.len())
                .filter(|&i| MARKS.contains(&cs[i]))
                .filter(|&i| {
                    let apostrophe = matches!(cs[i], '’' | '\'')
                        && i > 0
                        && cs[i - 1].is_alphanumeric()
                        && cs.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                    !apostrophe
                })
                .count()
        };
        // A quoted piece at either end keeps its own mark, so marks pair.
        if count(inner) % 2 == 1 {
            let before = article[..start].chars().next_back();
            let after = article[end..].chars().next();
            if let Some(c) = after.filter(|c| MARKS.contains(c)) {
                end += c.len_utf8();
            } else if let Some(c) = before.filter(|c| MARKS.contains(c)) {
                start -= c.len_utf8();
            }
        }
        article[start..end].trim().to_string()
    }

    /// The statement's text: its pieces joined by a space.
    pub fn text(&self, article: &str) -> String {
        let mut out = String::new();
        for (i, s) in self.spans.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(s.slice(article).trim());
        }
        out
    }
}

/// What kind of thing a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    /// Nothing resolved it ("officials said", an unresolved pronoun).
    Unknown,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The mention as written next to this quote ("he", "Kyslytsya",
    /// "Ukraine's Defense Minister Rustem Umerov").
    pub mention: Option<Span>,
    pub cue: Option<Span>,
    /// Canonical name ("Serhiy Kyslytsya"); `None` when unknown.
    pub speaker: Option<String>,
    /// Title or role as written ("Ukrainian Deputy Foreign Affairs Minister").
    pub title: Option<String>,
    pub kind: SpeakerKind,
    /// The mentions that establish the canonical name and role (the full
    /// introduction, appositives): side resolution looks for cues in them.
    pub evidence: Vec<Span>,
}

impl Default for Attribution {
    fn default() -> Self {
        Attribution {
            mention: None,
            cue: None,
            speaker: None,
            title: None,
            kind: SpeakerKind::Unknown,
            evidence: Vec::new(),
        }
    }
}

/// A side assignment with the evidence that chose it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SideAssignment {
    /// The side's name, or `None` for "unaffiliated".
    pub side: Option<String>,
    /// Human-readable reason, e.g. `member: Vladimir Putin` or
    /// `cue "Ukraine's" in title`.
    pub evidence: String,
}

pub const UNAFFILIATED: &str = "unaffiliated";

/// The three optimism classes, in the order heads emit them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Optimistic,
    Neutral,
    Pessimistic,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Optimistic, Label::Neutral, Label::Pessimistic];

    pub fn as_str(&self) -> &'static str {
        match self {
            Label::Optimistic => "optimistic",
            Label::Neutral => "neutral",
            Label::Pessimistic => "pessimistic",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scorer's verdict on one text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OptimismScore {
    /// In [-1, 1]: how much optimism the text expresses. The shipped head
    /// mixes `p_optimistic - p_pessimistic` with a valence regressor
    /// ([`crate::score::head::ValenceRegressor`]); other scorers give
    /// `p_optimistic - p_pessimistic`.
    pub optimism: f32,
    pub label: Label,
    /// Probability of `label`.
    pub probability: f32,
    pub p_optimistic: f32,
    pub p_neutral: f32,
    pub p_pessimistic: f32,
}

impl OptimismScore {
    /// This score with another optimism value (clamped to [-1, 1]); the
    /// label and probabilities stay.
    pub fn with_optimism(mut self, optimism: f32) -> Self {
        self.optimism = optimism.clamp(-1.0, 1.0);
        self
    }

    /// Builds a score from class probabilities (optimistic, neutral, pessimistic).
    pub fn from_probs(p: [f32; 3]) -> Self {
        let (mut best, mut best_p) = (0, p[0]);
        for (i, &v) in p.iter().enumerate().skip(1) {
            if v > best_p {
                best = i;
                best_p = v;
            }
        }
        OptimismScore {
            optimism: (p[0] - p[2]).clamp(-1.0, 1.0),
            label: Label::ALL[best],
            probability: best_p,
            p_optimistic: p[0],
            p_neutral: p[1],
            p_pessimistic: p[2],
        }
    }
}

/// Converts byte offsets to character (code point) offsets for one text.
///
/// Reports promise character offsets, but every stage works in bytes. Pure
/// ASCII texts (most news) need no table; others get the character count at
/// every [`CharIndex::STRIDE`]th byte, so each lookup counts at most one
/// stride of characters: linear in the text however many quotes it has.
pub struct CharIndex<'t> {
    text: &'t str,
    /// `checkpoints[i]` = characters in `text[..i * STRIDE]` (empty if ASCII).
    checkpoints: Vec<usize>,
    ascii: bool,
}

impl<'t> CharIndex<'t> {
    pub const STRIDE: usize = 256;

    pub fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            checkpoints.reserve(bytes.len() / Self::STRIDE + 1);
            let mut chars = 0;
            for chunk in bytes.chunks(Self::STRIDE) {
                checkpoints.push(chars);
                // Counting UTF-8 lead bytes counts characters.
                chars += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count();
            }
            checkpoints.push(chars);
        }
        CharIndex {
            text,
            checkpoints,
            ascii,
        }
    }

    /// The character offset of byte `pos` (which must be a char boundary).
    pub fn char_offset(&self, pos: usize) -> usize {
        if self.ascii {
            return pos;
        }
        let block = pos / Self::STRIDE;
        let base = block * Self::STRIDE;
        self.checkpoints[block]
            + self.text.as_bytes()[base..pos]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count()
    }

    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points() {
        let text = "Kyslytsya: “very good”";
        let ix = CharIndex::new(text);
        let open = text.find('“').unwrap();
        let close = text.find('”').unwrap();
        assert_eq!(ix.span(Span::new(open, close + '”'.len_utf8())), (11, 22));
    }

    #[test]
    fn char_index_agrees_with_counting_everywhere() {
        let text = "é“a”—ж ".repeat(200) + "tail";
        let ix = CharIndex::new(&text);
        for (pos, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(ix.char_offset(pos), text[..pos].chars().count(), "at {pos}");
        }
    }

    #[test]
    fn trim_shrinks_to_content() {
        let text = "  hello  ";
        assert_eq!(Span::new(0, 9).trim(text), Span::new(2, 7));
        assert!(Span::new(0, 2).trim(text).is_empty());
    }

    /// A partial quote shows its marks; a split direct quote its pieces.
    #[test]
    fn partial_quotes_keep_their_marks_in_display_text() {
        let t = "He said he had 'full confidence' in his officials and that ties were 'good'.";
        let piece = |s: &str| {
            let k = t.find(s).unwrap();
            Span::new(k, k + s.len())
        };
        let q = |kind, spans: Vec<Span>| Quote {
            kind,
            spans,
            cue: None,
            mention: None,
        };
        let partial = q(
            QuoteKind::Partial,
            vec![
                piece("he had "),
                piece("full confidence"),
                piece(" in his officials"),
            ],
        );
        assert_eq!(
            partial.display_text(t),
            "he had 'full confidence' in his officials"
        );
        assert_eq!(partial.text(t), "he had full confidence in his officials");
        // A quoted piece at the end gets its closing mark.
        let end = q(QuoteKind::Partial, vec![piece("ties were "), piece("good")]);
        assert_eq!(end.display_text(t), "ties were 'good'");
        // An apostrophe between letters is no mark: the closing one stays.
        let t2 = "Holt said Mrs Pearce’s case was “sadly far from unique”.";
        let at = |s: &str| {
            let k = t2.find(s).unwrap();
            Span::new(k, k + s.len())
        };
        let possessive = q(
            QuoteKind::Partial,
            vec![at("Mrs Pearce’s case was "), at("sadly far from unique")],
        );
        assert_eq!(
            possessive.display_text(t2),
            "Mrs Pearce’s case was “sadly far from unique”"
        );
        // Reported speech ending in a quoted word keeps its closing mark.
        let reported = q(
            QuoteKind::Reported,
            vec![at("Mrs Pearce’s case was “sadly far from unique")],
        );
        assert_eq!(
            reported.display_text(t2),
            "Mrs Pearce’s case was “sadly far from unique”"
        );
        // Other kinds, or pieces with words between them, join by a space.
        let direct = q(QuoteKind::Direct, vec![piece("he had "), piece("good")]);
        assert_eq!(direct.display_text(t), direct.text(t));
        let apart = q(QuoteKind::Partial, vec![piece("he had "), piece("good")]);
        assert_eq!(apart.display_text(t), "he had good");
    }

    #[test]
    fn from_probs_picks_the_argmax() {
        let s = OptimismScore::from_probs([0.2, 0.1, 0.7]);
        assert_eq!(s.label, Label::Pessimistic);
        assert!((s.optimism + 0.5).abs() < 1e-6);
    }

    #[test]
    fn segmentation_lookup() {
        let seg = Segmentation {
            paragraphs: vec![Span::new(0, 10), Span::new(12, 20)],
            sentences: vec![
                Sentence {
                    span: Span::new(0, 5),
                    paragraph: 0,
                },
                Sentence {
                    span: Span::new(6, 10),
                    paragraph: 0,
                },
                Sentence {
                    span: Span::new(12, 20),
                    paragraph: 1,
                },
            ],
        };
        assert_eq!(seg.sentence_at(7), Some(1));
        assert_eq!(seg.sentence_at(5), None);
        assert_eq!(seg.paragraph_at(15), Some(1));
        assert_eq!(seg.sentences_in(0).count(), 2);
    }
}
