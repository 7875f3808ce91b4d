//! A transformer quote tagger: the packaged MiniLM encoder, fine-tuned to tag
//! each word piece as statement content, cue or source (`--finder neural`).
//!
//! Why a third finder: the rules and the perceptron tagger
//! ([`super::tagger`]) find direct quotes well and reported speech badly (a
//! little over four in ten of PolNeAR's reported statements). Reported
//! speech has no marks to anchor on; what says where it starts and ends is
//! the sentence's syntax and the meaning of its verb ("views ... more
//! favorably", "is pushing to"), which a fine-tuned encoder reads and hashed
//! word features do not. The encoder costs about a hundred times the rules'
//! time on a CPU, so it is opt-in; the default finder stays the fast one.
//!
//! The model (`models/finder-neural.safetensors`, trained by
//! `models/experiments/neural_finder/nf.py` on PolNeAR train) is an overlay
//! of all six encoder layers plus three linear heads over each word piece:
//! content (O, B, I, C: C begins a later piece of a statement split by its
//! attribution), cue (O, B, I) and source (O, B, I). Articles are cut into
//! windows of [`WINDOW`] pieces every [`STRIDE`]; each piece takes the
//! prediction of the window it is most central in.
//!
//! This module's pure part ([`decode`]) turns per-piece probabilities into
//! statements; [`combine`] puts them together with the hybrid finder's
//! quotes, whose speaker mentions (name rules, appositives, relative
//! clauses) are better than the nearest tagged source.

#[cfg(feature = "transformer")]
mod model;

#[cfg(feature = "transformer")]
pub use model::{NeuralQuoteFinder, NeuralTagger, BUILTIN_FINDER};

use crate::attribute::lexicon::Words;
use crate::attribute::mention::subject_before;
use crate::quote::tagger::ArticleTags;
use crate::quote::tokens::tokenize;
use crate::types::{Quote, QuoteKind, Segmentation, Span};

/// Word pieces per window, without `[CLS]` and `[SEP]`.
pub const WINDOW: usize = 254;
/// Pieces between window starts, as in training: pieces in the 54-piece
/// overlaps are in two windows, the rest in one. (127, reading every piece
/// twice, was no more accurate on held-out articles and 1.5x slower.)
pub const STRIDE: usize = 200;
/// Probabilities per piece: content O, B, I, C; cue O, B, I; source O, B, I.
pub const N_PROBS: usize = 10;

/// A later piece (C) joins the previous statement when it starts at most
/// this many bytes after that statement's last piece ends.
const PIECE_GAP: usize = 400;
/// A cue is linked to a statement within this many bytes of it.
const CUE_REACH: usize = 300;
/// A source is linked to the cue (or the statement) within this many bytes.
const SOURCE_REACH: usize = 200;

/// The window starts and ends (in pieces) for an article of `n` pieces.
pub fn windows(n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let mut s = 0;
    loop {
        out.push((s, n.min(s + WINDOW)));
        if s + WINDOW >= n {
            return out;
        }
        s += STRIDE;
    }
}

/// For each piece, the window (index into `wins`) it is most central in; the
/// first such window on a tie.
pub fn central_window(wins: &[(usize, usize)], n: usize) -> Vec<usize> {
    let mut best = vec![(f64::INFINITY, 0usize); n];
    for (w, &(s, e)) in wins.iter().enumerate() {
        let c = (s + e) as f64 / 2.0;
        for (j, b) in best.iter_mut().enumerate().take(e).skip(s) {
            let d = (j as f64 + 0.5 - c).abs();
            if d < b.0 {
                *b = (d, w);
            }
        }
    }
    best.into_iter().map(|(_, w)| w).collect()
}

/// A statement the neural tagger found, before speakers are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct NeuralStatement {
    /// Content pieces, in text order.
    pub spans: Vec<Span>,
    pub cue: Option<Span>,
    /// The nearest tagged source to the cue (or to the content).
    pub source: Option<Span>,
    /// Mean over pieces of the mean `1 - P(O)` of their word pieces.
    pub confidence: f32,
    /// Word pieces in the content.
    pub pieces: usize,
}

/// A run of equal roles: word pieces `[first, end)` and its begin tag (1 for
/// B, 3 for C).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    first: usize,
    end: usize,
    begin: usize,
}

/// Runs of non-O tags. A word piece that continues the previous one's word
/// (no gap, alphanumeric) stays with it whatever its own tag: a statement
/// never starts or ends inside a word.
fn runs(tags: &[usize], offsets: &[(usize, usize)], text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Option<Run> = None;
    // The first piece of the word piece `j` belongs to.
    let mut word_start = 0;
    for (j, &t) in tags.iter().enumerate() {
        let (a, b) = offsets[j];
        let cont = j > 0
            && a == offsets[j - 1].1
            && text
                .get(a..b)
                .is_some_and(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric));
        if !cont {
            word_start = j;
        }
        if t == 0 {
            match cur.as_mut() {
                Some(r) if cont => r.end = j + 1,
                Some(_) => out.extend(cur.take()),
                None => {}
            }
            continue;
        }
        if t == 2 || cont {
            match cur.as_mut() {
                Some(r) => r.end = j + 1,
                // A run that starts inside a word ("Set|mayer" with only
                // "mayer" tagged) takes the whole word.
                None => {
                    cur = Some(Run {
                        first: word_start,
                        end: j + 1,
                        begin: if cont && t == 3 { 3 } else { 1 },
                    })
                }
            }
        } else {
            out.extend(cur.take());
            cur = Some(Run {
                first: j,
                end: j + 1,
                begin: t,
            });
        }
    }
    out.extend(cur);
    out
}

/// Bytes between two spans (0 when they touch or overlap).
fn gap(a: Span, b: Span) -> usize {
    a.start.max(b.start).saturating_sub(a.end.min(b.end))
}

fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in p.iter().enumerate() {
        if x > p[best] {
            best = i;
        }
    }
    best
}

/// The statements in per-piece probabilities: content runs whose confidence
/// is at least `min_confidence` and that hold at least `min_pieces` word
/// pieces, each with the nearest cue outside it and the source nearest to
/// that cue.
pub fn decode(
    text: &str,
    offsets: &[(usize, usize)],
    probs: &[[f32; N_PROBS]],
    min_confidence: f32,
    min_pieces: usize,
) -> Vec<NeuralStatement> {
    let tags = |range: std::ops::Range<usize>| -> Vec<usize> {
        probs.iter().map(|p| argmax(&p[range.clone()])).collect()
    };
    let span = |r: &Run| Span::new(offsets[r.first].0, offsets[r.end - 1].1);
    let mut found: Vec<(Vec<Span>, usize, Vec<f32>)> = Vec::new();
    for r in runs(&tags(0..4), offsets, text) {
        let sp = span(&r);
        let conf = probs[r.first..r.end]
            .iter()
            .map(|p| 1.0 - p[0])
            .sum::<f32>()
            / (r.end - r.first) as f32;
        if r.begin == 3 {
            if let Some(last) = found.last_mut() {
                let prev_end = last.0.last().map_or(0, |s| s.end);
                if sp.start.saturating_sub(prev_end) < PIECE_GAP && sp.start >= prev_end {
                    last.0.push(sp);
                    last.1 += r.end - r.first;
                    last.2.push(conf);
                    continue;
                }
            }
        }
        found.push((vec![sp], r.end - r.first, vec![conf]));
    }
    let cues: Vec<Span> = runs(&tags(4..7), offsets, text).iter().map(span).collect();
    let sources: Vec<Span> = runs(&tags(7..10), offsets, text).iter().map(span).collect();
    let mut out = Vec::new();
    for (spans, pieces, confs) in found {
        let confidence = confs.iter().sum::<f32>() / confs.len() as f32;
        if confidence < min_confidence || pieces < min_pieces {
            continue;
        }
        let inside = |x: &Span| spans.iter().any(|p| p.start <= x.start && x.end <= p.end);
        let extent = spans[0].cover(*spans.last().expect("one piece at least"));
        let nearest = |list: &[Span], to: Span, reach: usize| {
            list.iter()
                .filter(|x| !inside(x) && gap(**x, to) < reach)
                .min_by_key(|x| gap(**x, to))
                .copied()
        };
        let cue = nearest(&cues, extent, CUE_REACH);
        let source = nearest(&sources, cue.unwrap_or(extent), SOURCE_REACH);
        out.push(NeuralStatement {
            spans,
            cue,
            source,
            confidence,
            pieces,
        });
    }
    out
}

fn has_mark(s: &str) -> bool {
    s.contains(['"', '“', '”', '«', '»', '„']) || s.contains("``") || s.contains("''")
}

/// The kind of a statement by its text: direct when it opens with a quote
/// mark and has a cue, partial when it holds marks elsewhere, else reported.
pub fn kind_of(text: &str, spans: &[Span], cue: Option<Span>) -> QuoteKind {
    let first = spans.first().map_or("", |s| s.slice(text));
    if spans.iter().any(|s| has_mark(s.slice(text))) {
        if first.trim_start().starts_with(['"', '“', '«', '„', '`']) && cue.is_some() {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        }
    } else {
        QuoteKind::Reported
    }
}

/// The speaker mention of a statement no quote of the other finder
/// overlaps: the subject the mention rules find before its cue ("Mr
/// Umerov, the defence minister, has stressed"), else the source the
/// hybrid tagger gives that cue, else the tagger's nearest source. On
/// held-out PolNeAR train articles this order gets 5 more of 1,249
/// speakers right than the nearest source alone (models/README.md).
pub fn speaker_of(
    text: &str,
    seg: &Segmentation,
    tags: &ArticleTags,
    n: &NeuralStatement,
) -> Option<Span> {
    let subject = || {
        let cue = n.cue?;
        let sent = seg.sentences.get(seg.sentence_at(cue.start)?)?.span;
        let toks = tokenize(text, sent);
        let k = toks.iter().position(|t| t.span.start >= cue.start)?;
        subject_before(text, &toks, k, Words::builtin()).map(|(m, _)| m.mention)
    };
    subject()
        .or_else(|| n.cue.and_then(|c| tags.source_for_cue(c, &n.spans)))
        .or(n.source)
}

/// Bytes two statements share.
fn shared(a: &[Span], b: &[Span]) -> usize {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .map(move |y| x.end.min(y.end).saturating_sub(x.start.max(y.start)))
        })
        .sum()
}

/// The tagger's per-piece probabilities over one article, as [`decode`]
/// reads them: what [`combine`] asks of a quote the tagger did not keep.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pieces<'a> {
    /// Byte span of each word piece, in text order.
    pub offsets: &'a [(usize, usize)],
    /// Its probabilities (content O, B, I, C; cue O, B, I; source O, B, I).
    pub probs: &'a [[f32; N_PROBS]],
}

impl Pieces<'_> {
    /// The mean content probability (`1 - P(O)`) of the word pieces that
    /// `spans` touch: how much the tagger reads that text as a statement,
    /// even where no run of it was confident enough to keep. 0 when the
    /// spans touch no piece.
    pub fn support(&self, spans: &[Span]) -> f32 {
        let (mut sum, mut n) = (0.0f32, 0usize);
        for s in spans {
            let first = self.offsets.partition_point(|o| o.1 <= s.start);
            let touched = self.offsets[first..]
                .iter()
                .zip(&self.probs[first..])
                .take_while(|(o, _)| o.0 < s.end);
            for (_, p) in touched {
                sum += 1.0 - p[0];
                n += 1;
            }
        }
        if n == 0 {
            0.0
        } else {
            sum / n as f32
        }
    }
}

/// Which of the other finder's quotes [`combine`] keeps where no neural
/// statement overlaps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Others {
    None,
    /// Those with quote marks (direct and partial): the marks bound them,
    /// and the tagger, reading windows of text, misses some.
    Marked,
    All,
}

/// How [`combine`] keeps statements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keep {
    /// Least confidence of a statement no other finder's quote overlaps.
    pub alone: f32,
    /// Least confidence of one that another finder's quote overlaps (that
    /// finder saw a statement there too, so less evidence is needed).
    pub confirmed: f32,
    /// Where a kept statement overlaps a direct quote of the other finder,
    /// keep that quote instead: its quote marks bound it exactly, where the
    /// tagger's edges can be a word off.
    pub direct_from_others: bool,
    /// The other finder's quotes kept where no kept statement overlaps them.
    pub others: Others,
    /// With [`Others::Marked`], an unmarked (reported) quote of the other
    /// finder that no kept statement overlaps is kept too when the tagger's
    /// [`Pieces::support`] for its text is at least this: the rules found a
    /// statement there and the model half agrees. Above 1 keeps none.
    pub supported: f32,
    /// A quote of the other finder (kept by [`Self::others`]) lying wholly
    /// inside a kept statement is kept as well when it is less than this
    /// share of that statement's length: a nested attribution ("X said that Y
    /// claimed Z"), which PolNeAR and users count as a statement of Y's.
    /// 0 keeps none.
    pub nested: f32,
}

/// The default cuts, chosen on held-out PolNeAR train articles
/// (models/README.md, "Neural quote finder"): the most matched statements at
/// precision 0.90 or more.
pub const DEFAULT_KEEP: Keep = Keep {
    alone: 0.8,
    confirmed: 0.75,
    direct_from_others: true,
    others: Others::Marked,
    supported: 0.6,
    nested: 0.5,
};

/// The neural statements as quotes, each with the speaker mention (and the
/// cue, when it has none) of the other finder's quote it shares the most
/// text with, or `speaker`'s choice where no quote overlaps it (or that
/// quote has no mention); kept as `keep` says, `pieces` being the
/// probabilities the statements were decoded from. In text order.
pub fn combine(
    text: &str,
    neural: Vec<NeuralStatement>,
    others: Vec<Quote>,
    keep: Keep,
    pieces: Pieces<'_>,
    speaker: impl Fn(&NeuralStatement) -> Option<Span>,
) -> Vec<Quote> {
    let mut taken = vec![false; others.len()];
    let mut out: Vec<Quote> = Vec::new();
    for n in neural {
        let best = others
            .iter()
            .enumerate()
            .map(|(i, q)| (shared(&n.spans, &q.spans), i))
            .filter(|(s, _)| *s > 0)
            .max()
            .map(|(_, i)| i);
        let least = if best.is_some() {
            keep.confirmed
        } else {
            keep.alone
        };
        if n.confidence < least {
            continue;
        }
        let best_quote = best.map(|i| &others[i]);
        if let Some(i) = best {
            if keep.direct_from_others && others[i].kind == QuoteKind::Direct {
                if !taken[i] {
                    taken[i] = true;
                    out.push(others[i].clone());
                }
                continue;
            }
        }
        let mention = best_quote.and_then(|q| q.mention).or_else(|| speaker(&n));
        let cue = n.cue.or_else(|| best_quote.and_then(|q| q.cue));
        out.push(Quote {
            kind: kind_of(text, &n.spans, cue),
            spans: n.spans,
            cue,
            mention,
        });
    }
    let wanted = |q: &Quote| match keep.others {
        Others::None => false,
        Others::Marked => {
            q.kind != QuoteKind::Reported || pieces.support(&q.spans) >= keep.supported
        }
        Others::All => true,
    };
    // Each kept statement the other finder's quote overlaps must hold it
    // whole, under `keep.nested` of its length: a nested attribution ("X
    // said that Y claimed Z") is a statement of its own within that one, not
    // the same statement with other edges.
    let length = |s: &[Span]| s.iter().map(|x| x.len()).sum::<usize>();
    let apart_or_nested = |q: &Quote| {
        let l = length(&q.spans);
        out.iter().all(|n| {
            let s = shared(&n.spans, &q.spans);
            s == 0 || (s == l && (l as f32) < keep.nested * length(&n.spans) as f32)
        })
    };
    let extra: Vec<Quote> = others
        .into_iter()
        .filter(|q| wanted(q) && apart_or_nested(q))
        .collect();
    out.extend(extra);
    out.sort_by_key(|q| q.extent().start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_overlap_and_cover_every_piece() {
        assert!(windows(0).is_empty());
        assert_eq!(windows(10), [(0, 10)]);
        assert_eq!(windows(254), [(0, 254)]);
        assert_eq!(windows(300), [(0, 254), (200, 300)]);
        assert_eq!(windows(600), [(0, 254), (200, 454), (400, 600)]);
        let n = 600;
        let w = windows(n);
        let c = central_window(&w, n);
        // Each piece of an overlap from the window it is nearer the middle
        // of (the first on a tie); the last ones from the last window.
        assert_eq!(c[0], 0);
        assert_eq!(c[226], 0);
        assert_eq!(c[227], 1);
        assert_eq!(c[413], 1);
        assert_eq!(c[414], 2);
        assert_eq!(c[599], 2);
        for (j, &wi) in c.iter().enumerate() {
            assert!(w[wi].0 <= j && j < w[wi].1);
        }
    }

    /// Probabilities with the given argmax tags (content, cue, source) at
    /// confidence `p`.
    fn probs(tags: &[(usize, usize, usize)], p: f32) -> Vec<[f32; N_PROBS]> {
        tags.iter()
            .map(|&(c, q, s)| {
                let mut v = [0.0; N_PROBS];
                for (range, t) in [(0..4, c), (4..7, q), (7..10, s)] {
                    let n = range.len() as f32;
                    for i in range.clone() {
                        v[i] = (1.0 - p) / (n - 1.0);
                    }
                    v[range.start + t] = p;
                }
                v
            })
            .collect()
    }

    /// Word offsets of `text` split on spaces, with "##"-style continuation
    /// where a word holds a '|' (the '|' itself is not a piece).
    fn pieces(text: &str) -> (String, Vec<(usize, usize)>) {
        let clean = text.replace('|', "");
        let mut offs = Vec::new();
        let mut pos = 0;
        for word in text.split(' ') {
            for part in word.split('|') {
                offs.push((pos, pos + part.len()));
                pos += part.len();
            }
            pos += 1;
        }
        (clean, offs)
    }

    #[test]
    fn a_reported_statement_with_its_cue_and_source() {
        let (text, offs) = pieces("Mr Umerov said talks would resume soon .");
        // Mr Umerov = source, said = cue, "talks ... soon ." = content.
        let tags = [
            (0, 0, 1),
            (0, 0, 2),
            (0, 1, 0),
            (1, 0, 0),
            (2, 0, 0),
            (2, 0, 0),
            (2, 0, 0),
            (2, 0, 0),
        ];
        let st = decode(&text, &offs, &probs(&tags, 0.9), 0.5, 2);
        assert_eq!(st.len(), 1);
        let s = &st[0];
        assert_eq!(s.spans.len(), 1);
        assert_eq!(s.spans[0].slice(&text), "talks would resume soon .");
        assert_eq!(s.cue.map(|c| c.slice(&text)), Some("said"));
        assert_eq!(s.source.map(|c| c.slice(&text)), Some("Mr Umerov"));
        // 1 - P(O), with the 0.1 left over spread over the three others.
        assert!(
            (s.confidence - (1.0 - 0.1 / 3.0)).abs() < 1e-5,
            "{}",
            s.confidence
        );
        assert_eq!(s.pieces, 5);
        assert_eq!(
            kind_of(&text, &s.spans, s.cue),
            QuoteKind::Reported,
            "no marks"
        );
        // Under the threshold, or too short: dropped.
        assert!(decode(&text, &offs, &probs(&tags, 0.9), 0.97, 2).is_empty());
        assert!(decode(&text, &offs, &probs(&tags, 0.9), 0.5, 6).is_empty());
    }

    #[test]
    fn a_split_statement_is_one_with_two_pieces_and_words_are_not_cut() {
        // “We agree , ” he said , “ the deal hold|s . ”
        let (text, offs) = pieces("“We agree , ” he said , “ the deal hold|s . ”");
        let tags = [
            (1, 0, 0), // “We
            (2, 0, 0), // agree
            (2, 0, 0), // ,
            (2, 0, 0), // ”
            (0, 0, 1), // he
            (0, 1, 0), // said
            (0, 0, 0), // ,
            (3, 0, 0), // “
            (2, 0, 0), // the
            (2, 0, 0), // deal
            (2, 0, 0), // hold
            (0, 0, 0), // ##s: continues "hold", stays in the statement
            (2, 0, 0), // .
            (2, 0, 0), // ”
        ];
        let st = decode(&text, &offs, &probs(&tags, 0.8), 0.5, 2);
        assert_eq!(st.len(), 1, "{st:?}");
        let pieces: Vec<&str> = st[0].spans.iter().map(|s| s.slice(&text)).collect();
        assert_eq!(pieces, ["“We agree , ”", "“ the deal holds . ”"]);
        assert_eq!(st[0].source.map(|c| c.slice(&text)), Some("he"));
        assert_eq!(kind_of(&text, &st[0].spans, st[0].cue), QuoteKind::Direct);
    }

    #[test]
    fn a_run_that_starts_inside_a_word_takes_the_whole_word() {
        // Only "mayer" of "Set|mayer" is tagged source: the mention is the
        // whole name, never a word's tail.
        let (text, offs) = pieces("Tara Set|mayer rid|iculed the plan as reckless .");
        let tags = [
            (0, 0, 0), // Tara
            (0, 0, 0), // Set
            (0, 0, 1), // ##mayer
            (0, 0, 0), // rid
            (0, 1, 0), // ##iculed
            (1, 0, 0), // the
            (2, 0, 0), // plan
            (2, 0, 0), // as
            (2, 0, 0), // reckless
            (0, 0, 0), // .
        ];
        let st = decode(&text, &offs, &probs(&tags, 0.8), 0.5, 2);
        assert_eq!(st.len(), 1, "{st:?}");
        assert_eq!(st[0].source.map(|c| c.slice(&text)), Some("Setmayer"));
        assert_eq!(st[0].cue.map(|c| c.slice(&text)), Some("ridiculed"));
        assert_eq!(st[0].spans[0].slice(&text), "the plan as reckless");
    }

    #[test]
    fn a_statement_alone_takes_the_subject_of_its_cue() {
        use crate::segment::{RuleSegmenter, Segmenter};
        let text =
            "Rustem Umerov, Ukraine's defence minister, has stressed that the talks must go on.";
        let span = |needle: &str| {
            let a = text.find(needle).unwrap();
            Span::new(a, a + needle.len())
        };
        let seg = RuleSegmenter::default().segment(text);
        let tags = ArticleTags::default();
        let mut n = NeuralStatement {
            spans: vec![span("that the talks must go on")],
            cue: Some(span("stressed")),
            // The nearest tagged source: the appositive, not the name.
            source: Some(span("Ukraine's defence minister")),
            confidence: 0.9,
            pieces: 6,
        };
        let got = |n: &NeuralStatement| speaker_of(text, &seg, &tags, n).map(|m| m.slice(text));
        assert_eq!(got(&n), Some("Rustem Umerov"));
        // Without a cue there is no subject to find: the tagged source.
        n.cue = None;
        assert_eq!(got(&n), Some("Ukraine's defence minister"));
    }

    #[test]
    fn the_other_finders_speaker_wins_where_it_found_the_statement() {
        let text = "Medinsky , the delegation head , said the talks went well .";
        let span = |needle: &str| {
            let a = text.find(needle).unwrap();
            Span::new(a, a + needle.len())
        };
        let neural = vec![NeuralStatement {
            spans: vec![span("the talks went well")],
            cue: Some(span("said")),
            source: Some(span("the delegation head")),
            confidence: 0.9,
            pieces: 4,
        }];
        let rules = vec![
            Quote {
                kind: QuoteKind::Reported,
                spans: vec![span("the talks went well .")],
                cue: Some(span("said")),
                mention: Some(span("Medinsky")),
            },
            Quote {
                kind: QuoteKind::Reported,
                spans: vec![span("Medinsky")],
                cue: None,
                mention: None,
            },
        ];
        let keep = |others| Keep {
            alone: 0.95,
            confirmed: 0.8,
            direct_from_others: true,
            others,
            supported: 2.0,
            nested: 0.5,
        };
        let run = |others: &[Quote], keep: Keep| {
            combine(
                text,
                neural.clone(),
                others.to_vec(),
                keep,
                Pieces::default(),
                |n| n.source,
            )
        };
        let out = run(&rules, keep(Others::None));
        assert_eq!(out.len(), 1, "confirmed by the rules: 0.9 is enough");
        assert_eq!(out[0].mention.map(|m| m.slice(text)), Some("Medinsky"));
        assert_eq!(out[0].spans[0].slice(text), "the talks went well");
        let out = run(&rules, keep(Others::All));
        assert_eq!(out.len(), 2, "the rule quote it does not overlap is kept");
        assert_eq!(out[0].spans[0].slice(text), "Medinsky");
        let out = run(&rules, keep(Others::Marked));
        assert_eq!(out.len(), 1, "only quotes with marks are kept alone");
        // No other quote: 0.9 is not enough alone; at 0.85 it is, with the
        // tagged source.
        assert!(run(&[], keep(Others::None)).is_empty());
        let alone = Keep {
            alone: 0.85,
            ..keep(Others::None)
        };
        let out = combine(text, neural, Vec::new(), alone, Pieces::default(), |n| {
            n.source
        });
        assert_eq!(
            out[0].mention.map(|m| m.slice(text)),
            Some("the delegation head")
        );
    }

    #[test]
    fn a_direct_quote_keeps_the_span_its_marks_give_it() {
        let text = "“We will meet again next week,” Umerov said. “And again.” Later he left.";
        let span = |needle: &str| {
            let a = text.find(needle).unwrap();
            Span::new(a, a + needle.len())
        };
        // The tagger ran one word short and into the credit.
        let neural = vec![NeuralStatement {
            spans: vec![span("We will meet again next")],
            cue: None,
            source: None,
            confidence: 0.9,
            pieces: 5,
        }];
        let direct = Quote {
            kind: QuoteKind::Direct,
            spans: vec![span("We will meet again next week,")],
            cue: Some(span("said")),
            mention: Some(span("Umerov")),
        };
        let partial = Quote {
            kind: QuoteKind::Partial,
            spans: vec![span("And again.")],
            cue: None,
            mention: None,
        };
        let others = vec![direct.clone(), partial.clone()];
        let out = combine(
            text,
            neural.clone(),
            others.clone(),
            DEFAULT_KEEP,
            Pieces::default(),
            |n| n.source,
        );
        assert_eq!(
            out,
            [direct.clone(), partial],
            "the marked quotes, as found"
        );
        let tagger_spans = Keep {
            direct_from_others: false,
            others: Others::None,
            ..DEFAULT_KEEP
        };
        let out = combine(text, neural, others, tagger_spans, Pieces::default(), |n| {
            n.source
        });
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].spans, [span("We will meet again next")]);
        assert_eq!(out[0].mention, direct.mention);
        assert_eq!(out[0].cue, direct.cue, "the cue it lacked");
    }

    #[test]
    fn a_reported_quote_the_model_half_agrees_with_is_kept() {
        let (text, offsets) = pieces("Mr Umerov said talks would re|sume soon .");
        let span = |needle: &str| {
            let a = text.find(needle).unwrap();
            Span::new(a, a + needle.len())
        };
        let quote = Quote {
            kind: QuoteKind::Reported,
            spans: vec![span("talks would resume soon")],
            cue: Some(span("said")),
            mention: Some(span("Mr Umerov")),
        };
        // Content is the argmax nowhere; P(O) is 0.3 over the statement's
        // five pieces (support 0.7) and 0.9 elsewhere.
        let mut probs = probs(&[(0, 0, 0); 9], 0.9);
        for p in &mut probs[3..8] {
            p[0] = 0.3;
        }
        assert!(decode(&text, &offsets, &probs, 0.0, 1).is_empty());
        let model = Pieces {
            offsets: &offsets,
            probs: &probs,
        };
        assert!((model.support(&quote.spans) - 0.7).abs() < 1e-6);
        // A span that touches a piece in part counts all of it: "resume s".
        let part = Span::new(span("resume").start, span("soon").start + 1);
        assert!((model.support(&[part]) - 0.7).abs() < 1e-6);
        assert!((model.support(&[span("Mr Umerov")]) - 0.1).abs() < 1e-6);
        assert_eq!(Pieces::default().support(&quote.spans), 0.0);
        let run = |keep: Keep| {
            combine(&text, Vec::new(), vec![quote.clone()], keep, model, |n| {
                n.source
            })
        };
        let out = run(DEFAULT_KEEP);
        assert_eq!(out, std::slice::from_ref(&quote), "support 0.7 reaches 0.6");
        let strict = Keep {
            supported: 0.75,
            ..DEFAULT_KEEP
        };
        assert!(run(strict).is_empty(), "0.7 is under 0.75");
        let none = Keep {
            others: Others::None,
            ..DEFAULT_KEEP
        };
        assert!(run(none).is_empty(), "Others::None keeps no other quote");
    }

    #[test]
    fn a_statement_nested_in_a_kept_one_is_kept_too() {
        let text = "Peskov said that Zelensky claimed the talks had failed and that \
                    nobody in Moscow had expected anything else from Kyiv.";
        let span = |needle: &str| {
            let a = text.find(needle).unwrap();
            Span::new(a, a + needle.len())
        };
        let outer = span(
            "that Zelensky claimed the talks had failed and that \
             nobody in Moscow had expected anything else from Kyiv",
        );
        let neural = vec![NeuralStatement {
            spans: vec![outer],
            cue: Some(span("said")),
            source: Some(span("Peskov")),
            confidence: 0.9,
            pieces: 20,
        }];
        // A reported quote of the rules with its cue and speaker.
        let reported = |content: Span, cue: &str, mention: &str| Quote {
            kind: QuoteKind::Reported,
            spans: vec![content],
            cue: Some(span(cue)),
            mention: Some(span(mention)),
        };
        let inner = reported(span("the talks had failed"), "claimed", "Zelensky");
        // The same statement as the tagger's with other edges: inside it,
        // but most of its length.
        let other_edges = reported(
            span("the talks had failed and that nobody in Moscow had expected anything else"),
            "claimed",
            "Zelensky",
        );
        let peskov = reported(outer, "said", "Peskov");
        let run = |keep: Keep| {
            combine(
                text,
                neural.clone(),
                vec![peskov.clone(), inner.clone(), other_edges.clone()],
                keep,
                Pieces::default(),
                |n| n.source,
            )
        };
        // Pieces::default() supports nothing; let every reported quote pass.
        let keep = Keep {
            supported: 0.0,
            ..DEFAULT_KEEP
        };
        let out = run(keep);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].spans, [outer]);
        assert_eq!(out[0].mention.map(|m| m.slice(text)), Some("Peskov"));
        assert_eq!(out[1], inner, "Zelensky's claim within Peskov's statement");
        let flat = run(Keep {
            nested: 0.0,
            ..keep
        });
        assert_eq!(flat.len(), 1, "nested 0 keeps none");
        assert_eq!(flat[0].spans, [outer]);
        let wide = run(Keep {
            nested: 1.0,
            ..keep
        });
        assert_eq!(wide.len(), 3, "at 1 the other edges count as nested too");
        assert_eq!(wide[0].spans, [outer], "but never the statement itself");
    }
}
