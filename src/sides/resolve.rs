//! [`RuleSideResolver`]: a speaker's side from members and context cues.
//!
//! The rules run in a fixed order, strongest evidence first, and the first
//! that decides wins; the reason is kept as the assignment's `evidence`:
//!
//! 1. **member**: the canonical speaker is a member (name, alias, or a last
//!    name unique in the sides file) → `member: Vladimir Putin`.
//! 2. **cue in title / appositive / mention**: a side's cue in the speaker's
//!    title (`Attribution::title`), in the speaker string itself ("the
//!    Kremlin"), or in an evidence span (the introduction and appositives).
//!    Inside a span the cue must belong to the speaker's own noun phrase: the
//!    nearest cue *before* the name within the same clause ("Ukraine's Defense
//!    Minister Rustem Umerov" → `cue "Ukraine's" in title`) or after it in an
//!    appositive ("Rustem Umerov, Ukraine's defense minister" →
//!    `cue "Ukraine's" in appositive`); the nearer wins, so "Ukrainian
//!    President Volodymyr Zelensky and Russian President Vladimir Putin" gives
//!    each man his own side. When the name cannot be located in a span (an
//!    organisation, a pronoun), the span decides only if all its cues point
//!    to one side (`... in mention`).
//! 3. **tie to a member**: a member named possessively or after "for / to /
//!    of / under" in an evidence span ("President Putin's aide, Vladimir
//!    Medinsky", "a spokesman for Zelensky") → `tie to member Vladimir Putin`.
//! 4. **paragraph framing**: the nearest cue before the mention in its own
//!    paragraph ("On the Russian side, Medinsky said ...") →
//!    `cue "Russian" in paragraph`. Cues *after* the mention are ignored there,
//!    because they are usually what the speaker talks about.
//! 5. otherwise no side, evidence `no evidence`.
//!
//! Cue matching is word-bounded. A cue written with capitals in the sides
//! file (proper adjectives and names: "Russian", "Kyiv") matches only as
//! written or in all capitals (headlines), so "turkey" the bird is not
//! "Turkey"; a cue written all in lower case matches any case. Straight and
//! curly apostrophes are interchangeable ("Ukraine's" = "Ukraine’s").

use super::config::{MemberId, Sides};
use super::SideResolver;
use crate::record::QuoteRecord;
use crate::types::{Attribution, Segmentation, SideAssignment, Span, UNAFFILIATED};
use regex::Regex;

/// Evidence text when nothing tied the speaker to a side.
pub const NO_EVIDENCE: &str = "no evidence";

/// Longest gap (bytes) between a title cue and the name it qualifies.
const MAX_TITLE_GAP: usize = 90;
/// Longest gap (bytes) between a name and an appositive cue after it.
const MAX_APPOSITIVE_GAP: usize = 60;

struct CueMatcher {
    text: String,
    side: usize,
    re: Regex,
}

struct MemberMatcher {
    id: MemberId,
    re: Regex,
}

/// A cue occurrence in the article text (absolute byte span).
#[derive(Debug, Clone, Copy)]
struct CueHit {
    cue: usize,
    span: Span,
}

/// Resolves sides by the rules in the module documentation.
pub struct RuleSideResolver {
    sides: Sides,
    cues: Vec<CueMatcher>,
    members: Vec<MemberMatcher>,
}

/// A word-bounded regex for `literal`, apostrophes interchangeable.
fn literal_regex(literal: &str, case_insensitive: bool) -> Regex {
    let body_of = |s: &str| {
        s.chars()
            .map(|c| match c {
                '\'' | '’' => "['’]".to_string(),
                c => regex::escape(&c.to_string()),
            })
            .collect::<String>()
    };
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let pre = if word(literal.chars().next()) {
        r"\b"
    } else {
        ""
    };
    let post = if word(literal.chars().last()) {
        r"\b"
    } else {
        ""
    };
    let pattern = if case_insensitive {
        format!("(?i){pre}(?:{}){post}", body_of(literal))
    } else {
        let upper = literal.to_uppercase();
        if upper == literal {
            format!("{pre}(?:{}){post}", body_of(literal))
        } else {
            format!("{pre}(?:{}|{}){post}", body_of(literal), body_of(&upper))
        }
    };
    // Every piece is escaped, so the pattern is always valid.
    Regex::new(&pattern).unwrap_or_else(|_| Regex::new("$^").expect("trivial regex"))
}

/// The last word-bounded occurrence of `needle` in `hay`, ASCII case
/// folded (names are located once per quote, so no regex is compiled).
fn rfind_word(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    (0..=h.len() - n.len()).rev().find_map(|i| {
        let end = i + n.len();
        let hit = hay.is_char_boundary(i)
            && hay.is_char_boundary(end)
            && h[i..end].eq_ignore_ascii_case(n)
            && !is_word(hay[..i].chars().next_back())
            && !is_word(hay[end..].chars().next());
        hit.then_some((i, end))
    })
}

fn is_clause_break(gap: &str) -> bool {
    gap.contains(['.', ';', ':', '!', '?', '\n', '(', ')', '—', '–'])
        || [
            " and ",
            " while ",
            " but ",
            " whereas ",
            " met ",
            " told ",
            " said ",
        ]
        .iter()
        .any(|w| gap.contains(w))
}

impl RuleSideResolver {
    pub fn new(sides: Sides) -> Self {
        let mut cues = Vec::new();
        for (si, side) in sides.sides().iter().enumerate() {
            for cue in &side.cues {
                let lower = cue.to_lowercase() == *cue;
                cues.push(CueMatcher {
                    text: cue.clone(),
                    side: si,
                    re: literal_regex(cue, lower),
                });
            }
        }
        let mut members = Vec::new();
        for (si, side) in sides.sides().iter().enumerate() {
            for (mi, m) in side.members.iter().enumerate() {
                for n in std::iter::once(&m.name).chain(m.aliases.iter()) {
                    members.push(MemberMatcher {
                        id: (si, mi),
                        re: literal_regex(n, true),
                    });
                }
            }
        }
        let mut last: Vec<(&str, MemberId)> = sides.unique_last_names().collect();
        last.sort();
        for (name, id) in last {
            members.push(MemberMatcher {
                id,
                re: literal_regex(name, true),
            });
        }
        RuleSideResolver {
            sides,
            cues,
            members,
        }
    }

    pub fn sides(&self) -> &Sides {
        &self.sides
    }

    fn side_name(&self, si: usize) -> String {
        self.sides.sides()[si].name.clone()
    }

    fn assign(&self, si: usize, evidence: String) -> SideAssignment {
        SideAssignment {
            side: Some(self.side_name(si)),
            evidence,
        }
    }

    /// Cue hits inside `span` of `text`, in text order.
    fn cue_hits(&self, text: &str, span: Span) -> Vec<CueHit> {
        let slice = span.slice(text);
        let mut hits: Vec<CueHit> = Vec::new();
        for (ci, c) in self.cues.iter().enumerate() {
            for m in c.re.find_iter(slice) {
                hits.push(CueHit {
                    cue: ci,
                    span: Span::new(span.start + m.start(), span.start + m.end()),
                });
            }
        }
        // A longer cue covering a shorter one ("Ukraine's" over "Ukraine") wins.
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        let mut out: Vec<CueHit> = Vec::new();
        for h in hits {
            if out.last().is_some_and(|l| l.span.overlaps(h.span)) {
                continue;
            }
            out.push(h);
        }
        out
    }

    /// The last cue in a free string (a title: the cue nearest the name).
    fn last_cue_in(&self, s: &str) -> Option<usize> {
        self.cue_hits(s, Span::new(0, s.len()))
            .last()
            .map(|h| h.cue)
    }

    /// Where the speaker's name sits inside `span`: the last occurrence of
    /// the speaker's full name, else of its last word, else the mention.
    fn locate_name(&self, text: &str, span: Span, a: &Attribution) -> Option<Span> {
        let slice = span.slice(text);
        if let Some(speaker) = a.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            let mut keys = vec![speaker.trim().to_string()];
            if let Some(last) = speaker.split_whitespace().last() {
                keys.push(last.to_string());
            }
            for key in keys {
                if let Some((s, e)) = rfind_word(slice, &key) {
                    return Some(Span::new(span.start + s, span.start + e));
                }
            }
        }
        a.mention.filter(|m| {
            span.contains(*m)
                && *m != span
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
    }

    /// Rule 2 inside one evidence span.
    fn cue_in_span(&self, text: &str, span: Span, a: &Attribution) -> Option<SideAssignment> {
        let hits = self.cue_hits(text, span);
        if hits.is_empty() {
            return None;
        }
        if let Some(name) = self.locate_name(text, span, a) {
            let mut best: Option<(usize, CueHit, &str)> = None;
            for h in &hits {
                let candidate = if h.span.end <= name.start {
                    let gap = &text[h.span.end..name.start];
                    (gap.len() <= MAX_TITLE_GAP && !is_clause_break(gap))
                        .then_some((gap.len(), "title"))
                } else if h.span.start >= name.end {
                    let gap = &text[name.end..h.span.start];
                    let after_comma = gap.trim_start().strip_prefix(',');
                    after_comma
                        .filter(|g| g.len() <= MAX_APPOSITIVE_GAP && !is_clause_break(g))
                        .map(|_| (gap.len(), "appositive"))
                } else {
                    None // the cue is inside the name itself
                };
                if let Some((dist, place)) = candidate {
                    // Ties go to the title: it comes first in the loop.
                    if best.is_none_or(|(d, _, _)| dist < d) {
                        best = Some((dist, *h, place));
                    }
                }
            }
            if let Some((_, h, place)) = best {
                let c = &self.cues[h.cue];
                return Some(self.assign(c.side, format!("cue {:?} in {place}", c.text)));
            }
            // The name is here but no cue qualifies it: the cues are about
            // something else ("Medinsky said the Ukrainian proposals ...").
            return None;
        }
        let first = hits[0];
        let side = self.cues[first.cue].side;
        hits.iter().all(|h| self.cues[h.cue].side == side).then(|| {
            self.assign(
                side,
                format!("cue {:?} in mention", self.cues[first.cue].text),
            )
        })
    }

    /// Rule 3 inside one evidence span.
    fn tie_in_span(&self, text: &str, span: Span, a: &Attribution) -> Option<SideAssignment> {
        let slice = span.slice(text);
        let own = a.speaker.as_deref().and_then(|s| self.sides.find_member(s));
        let name = self.locate_name(text, span, a);
        let mut best: Option<(usize, MemberId)> = None;
        for m in &self.members {
            if Some(m.id) == own {
                continue;
            }
            for hit in m.re.find_iter(slice) {
                let abs = Span::new(span.start + hit.start(), span.start + hit.end());
                if name.is_some_and(|n| n.overlaps(abs)) {
                    continue;
                }
                let after = &text[abs.end..span.end];
                let before = text[span.start..abs.start].to_lowercase();
                let possessive = after.starts_with("'s") || after.starts_with("’s");
                let before = before.trim_end();
                let governed = ["for", "to", "of", "under"].iter().any(|w| {
                    before.strip_suffix(w).is_some_and(|head| {
                        head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric())
                    })
                });
                if !(possessive || governed) {
                    continue;
                }
                let dist = match name {
                    Some(n) if abs.end <= n.start => n.start - abs.end,
                    Some(n) => abs.start.saturating_sub(n.end),
                    None => abs.start - span.start,
                };
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, m.id));
                }
            }
        }
        best.map(|(_, id)| {
            self.assign(
                id.0,
                format!("tie to member {}", self.sides.member(id).name),
            )
        })
    }

    /// Evidence spans plus the mention, clamped to the text, in text order.
    fn spans_of(text: &str, a: &Attribution) -> Vec<Span> {
        let mut spans: Vec<Span> = a.evidence.clone();
        if let Some(m) = a.mention {
            if !spans.iter().any(|s| s.contains(m)) {
                spans.push(m);
            }
        }
        spans.retain(|s| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        });
        spans.sort();
        spans.dedup();
        spans
    }

    /// Rules 1–3, which need no paragraph: member, cues, ties.
    fn resolve_local(&self, text: &str, a: &Attribution) -> Option<SideAssignment> {
        if let Some(speaker) = a.speaker.as_deref() {
            if let Some(id) = self.sides.find_member(speaker) {
                return Some(self.assign(id.0, format!("member: {}", self.sides.member(id).name)));
            }
        }
        if let Some(ci) = a.title.as_deref().and_then(|t| self.last_cue_in(t)) {
            let c = &self.cues[ci];
            return Some(self.assign(c.side, format!("cue {:?} in title", c.text)));
        }
        if let Some(ci) = a.speaker.as_deref().and_then(|s| self.last_cue_in(s)) {
            let c = &self.cues[ci];
            return Some(self.assign(c.side, format!("cue {:?} in speaker", c.text)));
        }
        let spans = Self::spans_of(text, a);
        for span in &spans {
            if let Some(found) = self.cue_in_span(text, *span, a) {
                return Some(found);
            }
        }
        spans
            .iter()
            .find_map(|span| self.tie_in_span(text, *span, a))
    }

    /// Rule 4: the nearest cue before the anchor in its paragraph.
    fn paragraph_cue(
        &self,
        text: &str,
        seg: &Segmentation,
        a: &Attribution,
    ) -> Option<SideAssignment> {
        let anchor = a
            .mention
            .or_else(|| a.evidence.first().copied())
            .or(a.cue)
            .filter(|s| s.end <= text.len())?;
        let p = seg.paragraph_at(anchor.start)?;
        let para = seg.paragraphs[p];
        if !text.is_char_boundary(para.start) || !text.is_char_boundary(anchor.start) {
            return None;
        }
        let hit = self
            .cue_hits(text, Span::new(para.start, anchor.start.max(para.start)))
            .pop()?;
        let c = &self.cues[hit.cue];
        Some(self.assign(c.side, format!("cue {:?} in paragraph", c.text)))
    }

    /// Re-sides a saved quote row with these sides, for `quotesent report`
    /// (no article text there), in this order: (1) `speaker` is a member;
    /// (2) the row's recorded evidence, re-read under this file (`member: N`
    /// and `tie to member N` count for N's side here, `cue "X" in ...` for
    /// whichever side lists "X" here); (3) cues and ties in `title`,
    /// `speaker` and `speaker_mention`; else none. Re-siding with the sides
    /// file the rows were made with therefore changes nothing, and a new file
    /// re-reads what the run recorded. What the old run never recorded cannot
    /// be recovered, so a file with new cues can side fewer speakers from
    /// rows than a fresh `analyze` would.
    pub fn resolve_record(&self, r: &QuoteRecord) -> SideAssignment {
        if let Some(id) = self.sides.find_member(&r.speaker) {
            return self.assign(id.0, format!("member: {}", self.sides.member(id).name));
        }
        let old = r.side_evidence.as_str();
        if let Some(rest) = old.strip_prefix("cue \"") {
            if let Some((cue, place)) = rest.split_once("\" in ") {
                if let Some(c) = self.cues.iter().find(|c| c.text == cue) {
                    return self.assign(c.side, format!("cue {cue:?} in {place}"));
                }
            }
        }
        let member = old
            .strip_prefix("tie to member ")
            .map(|n| ("tie to member", n))
            .or_else(|| old.strip_prefix("member: ").map(|n| ("member:", n)));
        if let Some((how, name)) = member {
            if let Some(id) = self.sides.find_member(name) {
                let name = &self.sides.member(id).name;
                let evidence = if how == "member:" {
                    format!("member: {name}")
                } else {
                    format!("tie to member {name}")
                };
                return self.assign(id.0, evidence);
            }
        }
        let mention = r.speaker_mention.as_str();
        let a = Attribution {
            mention: (!mention.is_empty()).then(|| Span::new(0, mention.len())),
            speaker: (!r.speaker.is_empty()).then(|| r.speaker.clone()),
            title: (!r.title.is_empty()).then(|| r.title.clone()),
            evidence: if mention.is_empty() {
                Vec::new()
            } else {
                vec![Span::new(0, mention.len())]
            },
            ..Attribution::default()
        };
        if let Some(found) = self.resolve_local(mention, &a) {
            return found;
        }
        SideAssignment {
            side: None,
            evidence: NO_EVIDENCE.to_string(),
        }
    }

    /// Re-sides saved rows in place ([`Self::resolve_record`] for each), for
    /// `quotesent report --sides OTHER.toml`. Rows keep their speakers and
    /// scores; only `side` and `side_evidence` change. Unaffiliated rows get
    /// `side = "unaffiliated"`, as the pipeline writes them.
    pub fn reside_records(&self, records: &mut [QuoteRecord]) {
        for r in records {
            let a = self.resolve_record(r);
            r.side = a.side.unwrap_or_else(|| UNAFFILIATED.to_string());
            r.side_evidence = a.evidence;
        }
    }
}

impl SideResolver for RuleSideResolver {
    fn resolve(&self, text: &str, seg: &Segmentation, attribution: &Attribution) -> SideAssignment {
        if let Some(found) = self.resolve_local(text, attribution) {
            return found;
        }
        if let Some(found) = self.paragraph_cue(text, seg, attribution) {
            return found;
        }
        SideAssignment {
            side: None,
            evidence: NO_EVIDENCE.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(name: &str) -> RuleSideResolver {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        RuleSideResolver::new(Sides::from_path(&path).unwrap())
    }

    fn minimal() -> RuleSideResolver {
        load("fixtures/sides/ukraine-russia-minimal.toml")
    }

    /// Paragraphs split on blank lines; one sentence per paragraph is enough here.
    fn seg(text: &str) -> Segmentation {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            paragraphs.push(Span::new(start, start + part.len()));
            start += part.len() + 2;
        }
        Segmentation {
            sentences: paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| crate::types::Sentence {
                    span: *p,
                    paragraph: i,
                })
                .collect(),
            paragraphs,
        }
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    fn attr(text: &str, speaker: &str, evidence: &[&str]) -> Attribution {
        Attribution {
            speaker: Some(speaker.to_string()),
            mention: evidence.first().map(|e| span_of(text, e)),
            evidence: evidence.iter().map(|e| span_of(text, e)).collect(),
            ..Attribution::default()
        }
    }

    fn side(r: &RuleSideResolver, text: &str, a: &Attribution) -> (Option<String>, String) {
        let s = r.resolve(text, &seg(text), a);
        (s.side, s.evidence)
    }

    #[test]
    fn rfind_word_is_word_bounded_and_case_folded() {
        assert_eq!(rfind_word("Umerov met UMEROV", "umerov"), Some((11, 17)));
        assert_eq!(rfind_word("Umerovich", "Umerov"), None);
        assert_eq!(rfind_word("é Putin’s", "putin"), Some((3, 8)));
        assert_eq!(rfind_word("", "x"), None);
    }

    #[test]
    fn members_and_aliases_decide_first() {
        let r = minimal();
        let text = "Zelenskyy spoke.";
        let a = attr(text, "Volodymyr Zelenskyy", &["Zelenskyy"]);
        assert_eq!(
            side(&r, text, &a),
            (Some("Ukraine".into()), "member: Volodymyr Zelensky".into())
        );
        let a = attr(text, "Putin", &[]);
        assert_eq!(side(&r, text, &a).1, "member: Vladimir Putin");
    }

    #[test]
    fn title_cue_in_the_introduction() {
        let r = minimal();
        let text = "Ukraine's Defense Minister Rustem Umerov said talks would go on.";
        let a = attr(
            text,
            "Rustem Umerov",
            &["Ukraine's Defense Minister Rustem Umerov"],
        );
        assert_eq!(
            side(&r, text, &a),
            (Some("Ukraine".into()), r#"cue "Ukraine's" in title"#.into())
        );
    }

    #[test]
    fn title_field_and_curly_apostrophes() {
        let r = minimal();
        let text = "Kyslytsya said so.";
        let mut a = attr(text, "Serhiy Kyslytsya", &["Kyslytsya"]);
        a.title = Some("Ukrainian Deputy Foreign Affairs Minister".into());
        assert_eq!(side(&r, text, &a).0.as_deref(), Some("Ukraine"));
        let text = "Russia’s chief negotiator Vladimir Medinsky spoke.";
        let a = attr(
            text,
            "Vladimir Medinsky",
            &["Russia’s chief negotiator Vladimir Medinsky"],
        );
        assert_eq!(
            side(&r, text, &a),
            (Some("Russia".into()), r#"cue "Russia's" in title"#.into())
        );
    }

    #[test]
    fn appositive_cue_after_the_name() {
        let r = minimal();
        let text = "Rustem Umerov, Ukraine's defense minister, said it.";
        let a = attr(
            text,
            "Rustem Umerov",
            &["Rustem Umerov, Ukraine's defense minister"],
        );
        assert_eq!(
            side(&r, text, &a),
            (
                Some("Ukraine".into()),
                r#"cue "Ukraine's" in appositive"#.into()
            )
        );
    }

    #[test]
    fn two_people_two_cues_each_gets_the_nearest_own_cue() {
        let r = minimal();
        let text = "Ukrainian President Volodymyr Zelensky and Russian President Vladimir Putin";
        let all = Span::new(0, text.len());
        // Use speakers that are not members so the cue rule has to decide.
        for (speaker, want) in [
            ("Volodymyr Zelensky", "Ukraine"),
            ("Vladimir Putin", "Russia"),
        ] {
            let a = Attribution {
                speaker: Some(speaker.to_string()),
                evidence: vec![all],
                ..Attribution::default()
            };
            assert_eq!(
                r.cue_in_span(text, all, &a).unwrap().side.as_deref(),
                Some(want)
            );
        }
        let text = "Russian officials met Ukrainian Deputy Minister Serhiy Kyslytsya";
        let all = Span::new(0, text.len());
        let a = Attribution {
            speaker: Some("Serhiy Kyslytsya".into()),
            evidence: vec![all],
            ..Attribution::default()
        };
        assert_eq!(side(&r, text, &a).0.as_deref(), Some("Ukraine"));
    }

    #[test]
    fn tie_to_a_member() {
        let r = minimal();
        let text = "President Putin's aide, Vladimir Medinsky, led the delegation.";
        let a = attr(
            text,
            "Vladimir Medinsky",
            &["President Putin's aide, Vladimir Medinsky"],
        );
        assert_eq!(
            side(&r, text, &a),
            (Some("Russia".into()), "tie to member Vladimir Putin".into())
        );
        let text = "Sergii Nykyforov, a spokesman for Zelensky, said no.";
        let a = attr(
            text,
            "Sergii Nykyforov",
            &["Sergii Nykyforov, a spokesman for Zelensky"],
        );
        assert_eq!(
            side(&r, text, &a),
            (
                Some("Ukraine".into()),
                "tie to member Volodymyr Zelensky".into()
            )
        );
        // Merely naming a member is not a tie.
        let text = "John Smith praised Zelensky";
        let a = attr(text, "John Smith", &["John Smith praised Zelensky"]);
        assert_eq!(side(&r, text, &a).0, None);
    }

    #[test]
    fn paragraph_framing_before_the_mention() {
        let r = minimal();
        let text = "Talks began.\n\nOn the Russian side, Medinsky said the talks were useful.";
        let a = attr(text, "Vladimir Medinsky", &["Medinsky"]);
        assert_eq!(
            side(&r, text, &a),
            (
                Some("Russia".into()),
                r#"cue "Russian" in paragraph"#.into()
            )
        );
        // Nor inside an evidence span that holds the name.
        let text = "Medinsky said the Ukrainian proposals were useful.";
        let a = attr(
            text,
            "Vladimir Medinsky",
            &["Medinsky said the Ukrainian proposals"],
        );
        assert_eq!(side(&r, text, &a).0, None);
        // A cue after the mention is what he talks about, not who he is.
        let text = "Talks began.\n\nMedinsky said the Ukrainian proposals were useful.";
        let a = attr(text, "Vladimir Medinsky", &["Medinsky"]);
        assert_eq!(side(&r, text, &a), (None, NO_EVIDENCE.into()));
        // A cue in another paragraph does not count.
        let text = "The Russian team arrived.\n\nMedinsky said yes.";
        let a = attr(text, "Vladimir Medinsky", &["Medinsky"]);
        assert_eq!(side(&r, text, &a).0, None);
    }

    /// Paragraphs 2–4 of the Istanbul seed article, with the attributions an
    /// attributor gives at its most and least helpful.
    #[test]
    fn istanbul_seed_speakers_get_their_sides_from_context() {
        let text = "The talks focused primarily on humanitarian issues. This development was seen as a glimmer of hope amidst the ongoing hostilities, as Ukrainian Deputy Foreign Affairs Minister Serhiy Kyslytsya remarked that the prisoner exchange was a \u{201c}very good end to a very difficult day.\u{201d}\n\n\
Additionally, Ukraine's Defense Minister Rustem Umerov emphasized the need for further dialogue, suggesting that a subsequent meeting between Ukrainian President Volodymyr Zelensky and Russian President Vladimir Putin could pave the way for more substantial negotiations.\n\n\
On the Russian side, President Putin\u{2019}s aide, Vladimir Medinsky, conveyed optimism about the talks, stating that the Russian delegation left the meeting feeling satisfied.";
        let r = minimal();
        let cases = [
            ("Serhiy Kyslytsya", "Ukrainian Deputy Foreign Affairs Minister Serhiy Kyslytsya", "Ukraine", r#"cue "Ukrainian" in title"#),
            ("Serhiy Kyslytsya", "Serhiy Kyslytsya", "Ukraine", r#"cue "Ukrainian" in paragraph"#),
            ("Rustem Umerov", "Ukraine's Defense Minister Rustem Umerov emphasized the need for further dialogue, suggesting that a subsequent meeting between Ukrainian President Volodymyr Zelensky and Russian President Vladimir Putin", "Ukraine", r#"cue "Ukraine's" in title"#),
            ("Rustem Umerov", "Rustem Umerov", "Ukraine", r#"cue "Ukraine's" in paragraph"#),
            ("Vladimir Medinsky", "President Putin\u{2019}s aide, Vladimir Medinsky", "Russia", "tie to member Vladimir Putin"),
            ("Vladimir Medinsky", "Vladimir Medinsky", "Russia", r#"cue "Russian" in paragraph"#),
        ];
        for (speaker, evidence, want, why) in cases {
            let a = attr(text, speaker, &[evidence]);
            assert_eq!(
                side(&r, text, &a),
                (Some(want.to_string()), why.to_string()),
                "{speaker} / {evidence}"
            );
        }
    }

    #[test]
    fn cues_are_word_bounded_and_case_aware() {
        let r = load("fixtures/sides.toml");
        let text = "Anna Petrova, a Russianist at Oxford, said it.";
        let a = attr(
            text,
            "Anna Petrova",
            &["Anna Petrova, a Russianist at Oxford"],
        );
        assert_eq!(side(&r, text, &a).0, None);
        let text = "The turkey farmer Bob Jones said it.";
        let a = attr(text, "Bob Jones", &["The turkey farmer Bob Jones"]);
        assert_eq!(side(&r, text, &a).0, None);
        let text = "TURKISH FOREIGN MINISTER HAKAN FIDAN";
        let a = Attribution {
            speaker: Some("Someone Else".into()),
            evidence: vec![Span::new(0, text.len())],
            ..Attribution::default()
        };
        assert_eq!(side(&r, text, &a).0.as_deref(), Some("Turkey"));
    }

    #[test]
    fn organisation_speaker_with_a_cue() {
        let r = minimal();
        let text = "The Kremlin said no.";
        let a = Attribution {
            speaker: Some("the Kremlin".into()),
            mention: Some(span_of(text, "The Kremlin")),
            ..Attribution::default()
        };
        assert_eq!(
            side(&r, text, &a),
            (Some("Russia".into()), r#"cue "Kremlin" in speaker"#.into())
        );
    }

    #[test]
    fn nothing_gives_no_side_and_bad_spans_do_not_panic() {
        let r = minimal();
        let text = "A diplomat said talks went on.";
        let a = Attribution {
            mention: Some(Span::new(0, 500)),
            evidence: vec![Span::new(3, 999)],
            ..Attribution::default()
        };
        assert_eq!(side(&r, text, &a), (None, NO_EVIDENCE.into()));
        assert_eq!(side(&r, "", &Attribution::default()).0, None);
    }

    fn shared_full() -> &'static RuleSideResolver {
        static R: std::sync::OnceLock<RuleSideResolver> = std::sync::OnceLock::new();
        R.get_or_init(|| load("fixtures/sides.toml"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever spans an attributor hands over (reversed, out of range,
        /// inside a multi-byte char), resolution answers without panicking.
        #[test]
        fn arbitrary_spans_never_panic(
            text in "(Ukraine's |Russian |Putin’s aide |Zelensky |é|\\n\\n|, |and |[a-z]{1,5} ){0,20}",
            spans in proptest::collection::vec((0usize..400, 0usize..400), 0..4),
            mention in proptest::option::of((0usize..400, 0usize..400)),
            speaker in proptest::option::of("(Rustem Umerov|Putin|é|x)"),
        ) {
            let r = shared_full();
            let mk = |(a, b): (usize, usize)| Span { start: a, end: b };
            let a = Attribution {
                speaker,
                mention: mention.map(mk),
                evidence: spans.into_iter().map(mk).collect(),
                title: Some("Ukraine's".into()),
                ..Attribution::default()
            };
            let seg = seg(&text);
            let _ = r.resolve(&text, &seg, &a);
            let a = Attribution { title: None, ..a };
            let _ = r.resolve(&text, &seg, &a);
        }
    }

    #[test]
    fn full_fixture_sides_file_has_members() {
        let r = load("fixtures/sides.toml");
        assert_eq!(r.sides().side_of_member("Kyslytsya"), Some("Ukraine"));
        assert_eq!(r.sides().side_of_member("Medinskiy"), Some("Russia"));
        assert_eq!(r.sides().side_of_member("Erdoğan"), Some("Turkey"));
        assert_eq!(r.sides().side_of_member("Tayyip Erdogan"), Some("Turkey"));
        // The minimal file knows only the presidents.
        assert_eq!(minimal().sides().side_of_member("Kyslytsya"), None);
    }

    #[test]
    fn bad_fixture_files_fail_with_named_keys() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sides");
        let err = Sides::from_path(&dir.join("bad-unknown-key.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("bad-unknown-key.toml:6") && msg.contains("`alias`"),
            "{msg}"
        );
        let err = Sides::from_path(&dir.join("bad-member-on-two-sides.toml")).unwrap_err();
        assert!(err.to_string().contains(":12:"), "{err}");
        let err = Sides::from_path(&dir.join("bad-duplicate-side.toml")).unwrap_err();
        assert!(err.to_string().contains(":8:"), "{err}");
    }

    #[test]
    fn resolve_record_resides_saved_rows() {
        let full = load("fixtures/sides.toml");
        let mut r = QuoteRecord {
            article_id: "a".into(),
            quote_id: "a:1".into(),
            kind: "direct".into(),
            text: "t".into(),
            start: 0,
            end: 1,
            speaker: "Serhiy Kyslytsya".into(),
            speaker_mention: "Kyslytsya".into(),
            speaker_start: None,
            speaker_end: None,
            title: String::new(),
            cue: String::new(),
            cue_start: None,
            cue_end: None,
            side: String::new(),
            side_evidence: r#"cue "Ukrainian" in paragraph"#.into(),
            optimism: None,
            label: String::new(),
            probability: None,
            p_optimistic: None,
            p_neutral: None,
            p_pessimistic: None,
            spans: vec![],
            article_title: String::new(),
            article_date: String::new(),
            article_source: String::new(),
        };
        assert_eq!(full.resolve_record(&r).evidence, "member: Serhiy Kyslytsya");
        let minimal = minimal();
        assert_eq!(minimal.resolve_record(&r).side.as_deref(), Some("Ukraine"));
        r.side_evidence = "no evidence".into();
        r.title = "Russian envoy".into();
        assert_eq!(minimal.resolve_record(&r).side.as_deref(), Some("Russia"));
        r.title.clear();
        assert_eq!(minimal.resolve_record(&r).side, None);
        let mut rows = vec![r.clone()];
        full.reside_records(&mut rows);
        assert_eq!(rows[0].side, "Ukraine");
        assert_eq!(rows[0].side_evidence, "member: Serhiy Kyslytsya");
        minimal.reside_records(&mut rows);
        assert_eq!(
            (rows[0].side.as_str(), rows[0].side_evidence.as_str()),
            (UNAFFILIATED, NO_EVIDENCE)
        );
    }
}
