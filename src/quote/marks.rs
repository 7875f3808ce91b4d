//! Quote-mark pairing: which marks open and close which quotes.
//!
//! Why per paragraph: in news, a quote never spans a paragraph break without
//! re-opening on the next paragraph, so the pairing state is reset at every
//! paragraph boundary. One stray mark can then spoil at most one paragraph
//! instead of flipping every later pairing (the failure of toggle-based
//! extractors). The scan keeps a stack of at most two open marks (a quote and
//! one nested quote) and does constant work per mark, so 100k marks cost
//! linear time. Apostrophes ("don’t", "Russia’s", "’90s") are told apart from
//! single quotes by the letters around them.

use crate::types::{Segmentation, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    family: Family,
    can_open: bool,
    can_close: bool,
    /// `„` opens German-style quotes that `“` closes.
    low: bool,
}

/// A paired quote: its content pieces (one per paragraph it runs over),
/// without the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotePair {
    pub pieces: Vec<Span>,
    /// The first opening mark.
    pub open: Span,
    /// The last closing mark; `None` when the quote was never closed and was
    /// recovered at the end of its paragraph.
    pub close: Option<Span>,
}

impl QuotePair {
    /// From the opening mark to the closing mark (or the content end).
    pub fn outer(&self) -> Span {
        let end = self.close.map_or_else(
            || self.pieces.last().map_or(self.open.end, |p| p.end),
            |c| c.end,
        );
        Span::new(self.open.start, end)
    }
}

/// The pairs of one text, and how many stray or unclosed marks were skipped.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    pub pairs: Vec<QuotePair>,
    pub recovered: usize,
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„' | ':'
                )
        }
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// `’90s`, `'em`, `'n'`: a leading apostrophe, not an opening quote.
fn leading_elision(after: &str) -> bool {
    let b = after.as_bytes();
    (b.len() >= 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && (b.len() == 2 || !b[2].is_ascii_alphanumeric() || b[2] == b's'))
        || after.starts_with("em ")
        || after.starts_with("til ")
        || after.starts_with("cause ")
        || after.starts_with("n ")
}

/// `s’ ` followed by a lower-case word ("the leaders’ meeting") is a plural
/// possessive, unless the word is a typical attribution ("the leaders’ he said")
/// or a function word no possessive comes before ("‘without preconditions’ and
/// stood ready", "‘two states’ in the end").
fn plural_possessive(before: &str, after: &str) -> bool {
    if !before.ends_with('s') && !before.ends_with('S') {
        return false;
    }
    let next = after.trim_start();
    let word: &str = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    !word.is_empty()
        && after.starts_with(' ')
        && word.chars().next().is_some_and(char::is_lowercase)
        && !matches!(
            word,
            "he" | "she"
                | "they"
                | "said"
                | "says"
                | "added"
                | "asked"
                | "the"
                | "a"
                | "it"
                | "we"
                | "and"
                | "or"
                | "but"
                | "as"
                | "to"
                | "in"
                | "on"
                | "for"
                | "with"
                | "at"
                | "by"
                | "from"
                | "of"
                | "that"
                | "which"
                | "was"
                | "were"
                | "is"
                | "are"
                | "had"
                | "has"
                | "would"
                | "will"
                | "could"
                | "after"
                | "before"
                | "while"
                | "when"
                | "because"
                | "if"
                | "than"
                | "since"
                | "until"
        )
}

fn classify(text: &str, pos: usize, c: char) -> Option<Mark> {
    let before = &text[..pos];
    let after = &text[pos + c.len_utf8()..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let span = Span::new(pos, pos + c.len_utf8());
    let mk = |family, can_open, can_close| {
        Some(Mark {
            span,
            family,
            can_open,
            can_close,
            low: false,
        })
    };
    match c {
        // Curly marks typed the wrong way round: “ in closing position
        // (after a word, before a space) closes, ” before a word opens.
        '“' => mk(
            Family::Double,
            true,
            !is_open_context(prev) && !is_word(next),
        ),
        '”' => mk(Family::Double, is_open_context(prev) && is_word(next), true),
        '„' => Some(Mark {
            span,
            family: Family::Double,
            can_open: true,
            can_close: false,
            low: true,
        }),
        '«' => mk(Family::Double, true, false),
        '»' => mk(Family::Double, false, true),
        '"' => {
            let open = is_open_context(prev);
            let close =
                next.is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation() || n == '—');
            match (open, close) {
                (true, false) => mk(Family::Double, true, false),
                (false, true) => mk(Family::Double, false, true),
                _ => mk(Family::Double, true, true),
            }
        }
        '‘' | '\'' | '’' => {
            if is_word(prev) && is_word(next) {
                return None; // don't, Russia’s
            }
            if c == '‘' {
                if leading_elision(after) {
                    return None;
                }
                return mk(Family::Single, true, false);
            }
            if is_open_context(prev) {
                if is_word(next) && !leading_elision(after) && c == '\'' {
                    return mk(Family::Single, true, false);
                }
                return None; // ’90s, stray
            }
            // After a word or punctuation: a closer, unless a possessive.
            if plural_possessive(before, after) {
                return None;
            }
            if is_word(next) {
                return None;
            }
            mk(Family::Single, false, true)
        }
        '`' if after.starts_with('`') => mk(Family::Double, true, false).map(|mut m| {
            m.span = Span::new(pos, pos + 2);
            m
        }),
        _ => None,
    }
}

/// Pairs the quote marks of every paragraph.
pub fn pair_marks(text: &str, seg: &Segmentation) -> Pairing {
    let mut out = Pairing::default();
    // An open quote carried over from the previous paragraph.
    let mut carry: Option<(Mark, Vec<Span>)> = None;
    for (pi, para) in seg.paragraphs.iter().enumerate() {
        let mut stack: Vec<(Mark, Vec<Span>)> = Vec::with_capacity(2);
        let p = para.slice(text);
        let mut marks = Vec::new();
        let mut skip_next = false;
        for (i, c) in p.char_indices() {
            if skip_next {
                skip_next = false;
                continue;
            }
            let pos = para.start + i;
            if c == '\'' && p[i + 1..].starts_with('\'') {
                // Doubled apostrophes: PTB closing '' or a straight double
                // mark typed as two singles (both sides).
                let prev = text[..pos].chars().next_back();
                let next = text[pos + 2..].chars().next();
                let open = is_open_context(prev);
                let close =
                    next.is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation() || n == '—');
                marks.push(Mark {
                    span: Span::new(pos, pos + 2),
                    family: Family::Double,
                    can_open: open || !close,
                    can_close: close || !open,
                    low: false,
                });
                skip_next = true;
                continue;
            }
            if let Some(m) = classify(text, pos, c) {
                if m.span.len() == 2 {
                    skip_next = true;
                }
                marks.push(m);
            }
        }
        // A quote carried from the previous paragraph continues only if this
        // paragraph opens with a mark of the same family.
        if let Some((m, pieces)) = carry.take() {
            match marks.first().copied() {
                Some(first)
                    if first.can_open
                        && first.family == m.family
                        && first.span.start == para.start =>
                {
                    stack.push((m, pieces));
                    marks.remove(0);
                    // Content starts after the re-opening mark.
                    stack[0].1.push(Span::new(first.span.end, first.span.end));
                }
                _ => {
                    out.recovered += 1;
                    let piece_end = pieces.last().map_or(m.span.end, |s| s.end);
                    out.pairs.push(QuotePair {
                        pieces,
                        open: m.span,
                        close: None,
                    });
                    let _ = piece_end;
                }
            }
        }
        let content_start = |st: &Vec<(Mark, Vec<Span>)>| -> usize {
            st[0].1.last().map_or(st[0].0.span.end, |s| s.start)
        };
        for m in marks {
            if stack.is_empty() {
                if m.can_open {
                    stack.push((m, vec![Span::new(m.span.end, m.span.end)]));
                } else {
                    out.recovered += 1;
                }
                continue;
            }
            let top = stack.len() - 1;
            let top_fam = stack[top].0.family;
            let closes_top = m.family == top_fam
                && (m.can_close
                    || (stack[top].0.low
                        && m.family == Family::Double
                        && text[m.span.start..].starts_with('“')));
            if closes_top {
                let (open, mut pieces) = stack.pop().expect("non-empty stack");
                if stack.is_empty() {
                    if let Some(last) = pieces.last_mut() {
                        *last = Span::new(last.start, m.span.start);
                    }
                    out.pairs.push(QuotePair {
                        pieces,
                        open: open.span,
                        close: Some(m.span),
                    });
                }
                continue;
            }
            if m.family == top_fam {
                // Another opener of the same family while one is open: the
                // earlier one was stray; restart from here.
                if m.can_open && stack.len() == 1 {
                    out.recovered += 1;
                    stack.clear();
                    stack.push((m, vec![Span::new(m.span.end, m.span.end)]));
                } else if m.can_open && stack.len() == 2 {
                    // Closing the outer quote with a stray inner one.
                    out.recovered += 1;
                }
                continue;
            }
            // Different family.
            if m.can_open && stack.len() < 2 {
                stack.push((m, Vec::new()));
            } else if m.can_close && stack[0].0.family == m.family {
                out.recovered += 1;
                stack.truncate(1);
                let (open, mut pieces) = stack.pop().expect("non-empty stack");
                if let Some(last) = pieces.last_mut() {
                    *last = Span::new(last.start, m.span.start);
                }
                out.pairs.push(QuotePair {
                    pieces,
                    open: open.span,
                    close: Some(m.span),
                });
            }
        }
        if !stack.is_empty() {
            let _ = content_start(&stack);
            stack.truncate(1);
            let (open, mut pieces) = stack.pop().expect("non-empty stack");
            if let Some(last) = pieces.last_mut() {
                *last = Span::new(last.start, para.end);
            }
            // Continue into the next paragraph if it re-opens; otherwise
            // recover at the end of this one (double marks only: an
            // unclosed single mark is most likely an apostrophe).
            let next_reopens = seg.paragraphs.get(pi + 1).is_some_and(|np| {
                let t = np.slice(text);
                t.chars()
                    .next()
                    .and_then(|c| classify(text, np.start, c))
                    .is_some_and(|nm| nm.can_open && nm.family == open.family)
            });
            // A quote runs on only from a clean opener through a finished
            // sentence; a stray mark is recovered here instead.
            let finished = pieces.last().is_some_and(|l| {
                l.slice(text)
                    .trim_end()
                    .ends_with(['.', '?', '!', '…', ','])
            });
            if next_reopens && !open.can_close && finished {
                carry = Some((open, pieces));
            } else {
                out.recovered += 1;
                if open.family == Family::Double {
                    out.pairs.push(QuotePair {
                        pieces,
                        open: open.span,
                        close: None,
                    });
                }
            }
        }
    }
    if let Some((m, pieces)) = carry {
        out.recovered += 1;
        out.pairs.push(QuotePair {
            pieces,
            open: m.span,
            close: None,
        });
    }
    for p in &mut out.pairs {
        for s in &mut p.pieces {
            *s = s.trim(text);
        }
        p.pieces.retain(|s| !s.is_empty());
    }
    out.pairs.retain(|p| !p.pieces.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{RuleSegmenter, Segmenter};

    fn quotes(text: &str) -> (Vec<Vec<&str>>, usize) {
        let seg = RuleSegmenter::new().segment(text);
        let p = pair_marks(text, &seg);
        (
            p.pairs
                .iter()
                .map(|q| q.pieces.iter().map(|s| s.slice(text)).collect())
                .collect(),
            p.recovered,
        )
    }

    /// `s’` before a function word closes a quote ("‘without
    /// preconditions’ and stood ready"); before a noun it is a plural
    /// possessive ("the workers’ union").
    #[test]
    fn plural_possessive_or_closing_mark() {
        let (q, _) = quotes(
            "He said Kyiv accepted ‘without preconditions’ and stood ready. \
             ‘The workers’ union will decide,’ he said.",
        );
        assert_eq!(
            q,
            vec![
                vec!["without preconditions"],
                vec!["The workers’ union will decide,"]
            ]
        );
    }

    #[test]
    fn curly_straight_and_guillemets() {
        let (q, r) = quotes("He said “we won” and \"they lost\" and «maybe not».");
        assert_eq!(
            q,
            vec![vec!["we won"], vec!["they lost"], vec!["maybe not"]]
        );
        assert_eq!(r, 0);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let (q, _) = quotes("Russia’s envoy didn't come in the ’90s, and the leaders’ meeting 'was a mess,' he said.");
        assert_eq!(q, vec![vec!["was a mess,"]]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let (q, _) = quotes("“He called it ‘a farce’ today,” she said.");
        assert_eq!(q, vec![vec!["He called it ‘a farce’ today,"]]);
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "“First part.\n\n“Second part.\n\n“Third part,” he said.\n\nNext.";
        let (q, r) = quotes(t);
        assert_eq!(q, vec![vec!["First part.", "Second part.", "Third part,"]]);
        assert_eq!(r, 0);
    }

    #[test]
    fn stray_mark_spoils_only_its_paragraph() {
        let t = "A stray \" mark here.\n\n\"One,\" he said.\n\n\"Two,\" she said.";
        let (q, r) = quotes(t);
        assert_eq!(q[q.len() - 2..], [vec!["One,"], vec!["Two,"]]);
        assert!(r >= 1);
    }

    #[test]
    fn german_low_quotes_and_ptb() {
        let (q, _) = quotes("Er sagte „das ist gut“ und ``so it goes '' here.");
        assert_eq!(q, vec![vec!["das ist gut"], vec!["so it goes"]]);
    }

    #[test]
    fn many_marks_linear() {
        let t = "\"a\" ".repeat(100_000);
        let (q, _) = quotes(&t);
        assert_eq!(q.len(), 100_000);
    }
}
