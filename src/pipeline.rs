//! Wires the stages into a run: read → extract (parallel) → score (batched)
//! → records.
//!
//! Articles are taken from the input stream in chunks. Each chunk is
//! extracted in parallel across articles (rayon), then every quote of the
//! chunk is scored in one call, so model batches cross article boundaries and
//! identical quote texts (wire copy repeated across outlets) are scored once.
//! Memory is bounded by the chunk size, not the corpus.
//!
//! Speaker names are folded across the batch ("Zelenskyy" and "Zelensky" are
//! one speaker) by [`fold_speakers`] over the finished rows, in an order that
//! depends only on the multiset of names. That is what makes a run split into
//! shards (Spark partitions, several machines) report exactly what one big
//! run reports; streamed rows carry each article's own canonical names.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::attribute::{Attributor, RuleAttributor, SpeakerRegistry};
use crate::input::{InputError, InputEvent};
use crate::quote::{HybridQuoteFinder, QuoteFinder};
use crate::record::QuoteRecord;
use crate::score::{ScoreError, Scorer};
use crate::segment::{RuleSegmenter, Segmenter};
use crate::sides::{RuleSideResolver, SideResolver, Sides};
use crate::types::{Article, CharIndex, Span, UNAFFILIATED};

/// The text stages, for one article at a time. Shared across threads.
pub struct Extractor {
    /// For member names: a speaker who is a sides-file member is named as
    /// the sides file names them ("Zelenskyy" → "Volodymyr Zelensky").
    members: Sides,
    segmenter: Box<dyn Segmenter>,
    finder: Box<dyn QuoteFinder>,
    attributor: Box<dyn Attributor>,
    sides: Box<dyn SideResolver>,
}

impl Extractor {
    /// The default stages with the given sides: rule segmentation and
    /// attribution, quotes from the rules plus the learned tagger.
    pub fn new(sides: Sides) -> Self {
        Extractor {
            members: sides.clone(),
            segmenter: Box::new(RuleSegmenter::default()),
            finder: Box::new(HybridQuoteFinder::default()),
            attributor: Box::new(RuleAttributor::default()),
            sides: Box::new(RuleSideResolver::new(sides)),
        }
    }

    /// Replaces the quote finder (e.g. rules only, or another tagger model).
    pub fn with_finder(mut self, finder: Box<dyn QuoteFinder>) -> Self {
        self.finder = finder;
        self
    }

    /// Articles so far whose quote finder fell back on a simpler one (see
    /// [`QuoteFinder::fallbacks`]).
    pub fn finder_fallbacks(&self) -> usize {
        self.finder.fallbacks()
    }

    /// Replaces the side resolver (e.g. with one for another sides file).
    pub fn with_side_resolver(mut self, sides: Box<dyn SideResolver>) -> Self {
        self.sides = sides;
        self
    }

    /// Unscored quote records of one article, in text order.
    pub fn extract(&self, article: &Article) -> Vec<QuoteRecord> {
        let text = article.text.as_str();
        let seg = self.segmenter.segment(text);
        let quotes = self.finder.find(text, &seg);
        let attributions = self.attributor.attribute(text, &seg, &quotes);
        let chars = CharIndex::new(text);
        let slice = |s: Option<Span>| s.map(|s| s.slice(text).to_string()).unwrap_or_default();
        let offsets = |s: Option<Span>| match s {
            Some(s) => {
                let (a, b) = chars.span(s);
                (Some(a), Some(b))
            }
            None => (None, None),
        };
        quotes
            .iter()
            .zip(&attributions)
            .enumerate()
            .map(|(i, (quote, attr))| {
                let side = self.sides.resolve(text, &seg, attr);
                let (start, end) = chars.span(quote.extent());
                let (speaker_start, speaker_end) = offsets(attr.mention);
                let cue = attr.cue.or(quote.cue);
                let (cue_start, cue_end) = offsets(cue);
                let speaker =
                    attr.speaker
                        .as_deref()
                        .map(|name| match self.members.find_member(name) {
                            Some(id) => self.members.member(id).name.clone(),
                            None => name.to_string(),
                        });
                QuoteRecord {
                    article_id: article.id.clone(),
                    quote_id: format!("{}:{}", article.id, i + 1),
                    kind: quote.kind.as_str().to_string(),
                    text: quote.display_text(text),
                    start,
                    end,
                    speaker: speaker.unwrap_or_default(),
                    speaker_mention: slice(attr.mention),
                    speaker_start,
                    speaker_end,
                    title: attr.title.clone().unwrap_or_default(),
                    cue: slice(cue),
                    cue_start,
                    cue_end,
                    side: side.side.unwrap_or_else(|| UNAFFILIATED.to_string()),
                    side_evidence: side.evidence,
                    optimism: None,
                    label: String::new(),
                    probability: None,
                    p_optimistic: None,
                    p_neutral: None,
                    p_pessimistic: None,
                    spans: quote
                        .spans
                        .iter()
                        .map(|s| {
                            let (a, b) = chars.span(*s);
                            [a, b]
                        })
                        .collect(),
                    article_title: article.title.clone().unwrap_or_default(),
                    article_date: article.date.clone().unwrap_or_default(),
                    article_source: article.source.clone().unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// Scores records in place: one scorer call for all of them, identical
/// texts scored once.
pub fn score_records(
    scorer: &mut dyn Scorer,
    records: &mut [QuoteRecord],
) -> Result<(), ScoreError> {
    let mut unique: Vec<&str> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    let index: Vec<usize> = records
        .iter()
        .map(|r| {
            *slot.entry(r.text.as_str()).or_insert_with(|| {
                unique.push(r.text.as_str());
                unique.len() - 1
            })
        })
        .collect();
    if unique.is_empty() {
        return Ok(());
    }
    let scores = scorer.score(&unique)?;
    for (r, i) in records.iter_mut().zip(index) {
        let s = scores[i];
        r.optimism = Some(s.optimism);
        r.label = s.label.as_str().to_string();
        r.probability = Some(s.probability);
        r.p_optimistic = Some(s.p_optimistic);
        r.p_neutral = Some(s.p_neutral);
        r.p_pessimistic = Some(s.p_pessimistic);
    }
    Ok(())
}

/// Folds speaker name variants across all `records` to one canonical form.
///
/// Distinct names are visited most frequent first (ties by name), each
/// joining the first earlier name it matches; the most frequent spelling of
/// a person names them. The result depends only on the multiset of names.
pub fn fold_speakers(records: &mut [QuoteRecord]) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in records.iter().filter(|r| !r.speaker.is_empty()) {
        *counts.entry(r.speaker.as_str()).or_default() += 1;
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut registry = SpeakerRegistry::default();
    let mut canonical: HashMap<String, String> = names
        .iter()
        .map(|(n, _)| (n.to_string(), registry.canonical(n)))
        .collect();
    // A surname alone ("Zelensky" in an article that never gives the first
    // name) joins the one full name of the batch it belongs to.
    let mut distinct: Vec<&str> = canonical.values().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let links = crate::attribute::registry::surname_links(distinct);
    for c in canonical.values_mut() {
        if let Some(full) = links.get(c.as_str()) {
            *c = full.clone();
        }
    }
    for r in records.iter_mut() {
        if let Some(c) = canonical.get(&r.speaker) {
            if *c != r.speaker {
                r.speaker = c.clone();
            }
        }
    }
}

/// An input that was skipped or warned about, for the run summary.
#[derive(Debug, Clone)]
pub struct Problem {
    pub skipped: bool,
    pub message: String,
}

/// What a run saw, besides its records.
#[derive(Debug, Clone, Default)]
pub struct RunStats {
    /// Articles read (resumed ones included).
    pub articles: usize,
    /// Articles skipped because `--resume` found them done.
    pub resumed: usize,
    pub skipped: usize,
    pub warnings: usize,
    pub quotes: usize,
    /// Quotes with no speaker.
    pub unresolved: usize,
    pub problems: Vec<Problem>,
    /// The run stopped early (Ctrl-C); what was done is in the sink.
    pub interrupted: bool,
    pub extract_seconds: f64,
    pub score_seconds: f64,
    /// Which model scored ([`Scorer::describe`]); `None` without a scorer.
    pub scorer: Option<String>,
}

/// An article the sink has finished: its id and a hash of its text, so a
/// resumed run can tell it from a changed article with the same id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ArticleKey {
    pub id: String,
    pub hash: String,
}

impl ArticleKey {
    pub fn of(article: &Article) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(article.text.as_bytes());
        let hash = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        ArticleKey {
            id: article.id.clone(),
            hash,
        }
    }
}

/// One finished chunk: its articles in input order (quoteless ones too) and
/// their rows, in the same order.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    pub articles: Vec<ArticleKey>,
    pub records: Vec<QuoteRecord>,
}

/// How to run.
#[derive(Default)]
pub struct RunOptions {
    /// Stop at the first skipped input instead of counting it.
    pub strict: bool,
    /// Articles per chunk (extraction and one scoring call per chunk);
    /// 0 means the default (256).
    pub chunk_size: usize,
    /// Articles already done (from a journal): not processed again.
    pub done: HashSet<ArticleKey>,
    /// Set (by a Ctrl-C handler) to stop after the chunk in hand.
    pub stop: Option<Arc<AtomicBool>>,
}

/// A run failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0} (stopped: --strict)")]
    Strict(InputError),
    #[error(transparent)]
    Score(#[from] ScoreError),
    #[error("writing results: {0}")]
    Sink(#[source] std::io::Error),
}

/// Runs the stages over a stream of input events, handing each finished
/// chunk of records (scored when a scorer is given) to `sink`, and calling
/// `on_article` once per article read (for progress bars).
pub fn run(
    events: impl Iterator<Item = InputEvent>,
    extractor: &Extractor,
    mut scorer: Option<&mut dyn Scorer>,
    opts: &RunOptions,
    mut on_problem: impl FnMut(&Problem),
    mut on_article: impl FnMut(&Article),
    mut sink: impl FnMut(Chunk) -> std::io::Result<()>,
) -> Result<RunStats, RunError> {
    let mut stats = RunStats {
        scorer: scorer.as_ref().map(|s| s.describe()),
        ..RunStats::default()
    };
    let chunk_size = if opts.chunk_size == 0 {
        256
    } else {
        opts.chunk_size
    };
    let mut chunk: Vec<(ArticleKey, Article)> = Vec::with_capacity(chunk_size);
    let mut flush = |chunk: &mut Vec<(ArticleKey, Article)>,
                     stats: &mut RunStats,
                     scorer: &mut Option<&mut dyn Scorer>|
     -> Result<(), RunError> {
        if chunk.is_empty() {
            return Ok(());
        }
        let t = Instant::now();
        let per_article: Vec<Vec<QuoteRecord>> = chunk
            .par_iter()
            .map(|(_, a)| extractor.extract(a))
            .collect();
        let mut records: Vec<QuoteRecord> = per_article.into_iter().flatten().collect();
        stats.extract_seconds += t.elapsed().as_secs_f64();
        if let Some(scorer) = scorer.as_deref_mut() {
            let t = Instant::now();
            score_records(scorer, &mut records)?;
            stats.score_seconds += t.elapsed().as_secs_f64();
        }
        stats.quotes += records.len();
        stats.unresolved += records.iter().filter(|r| r.speaker.is_empty()).count();
        let articles = chunk.drain(..).map(|(k, _)| k).collect();
        sink(Chunk { articles, records }).map_err(RunError::Sink)
    };
    let stopped = || {
        opts.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    };
    for event in events {
        if stopped() {
            stats.interrupted = true;
            break;
        }
        match event {
            InputEvent::Article(article) => {
                stats.articles += 1;
                on_article(&article);
                let key = ArticleKey::of(&article);
                if opts.done.contains(&key) {
                    stats.resumed += 1;
                    continue;
                }
                chunk.push((key, article));
                if chunk.len() >= chunk_size {
                    flush(&mut chunk, &mut stats, &mut scorer)?;
                }
            }
            InputEvent::Warning(w) => {
                stats.warnings += 1;
                let p = Problem {
                    skipped: false,
                    message: w.to_string(),
                };
                on_problem(&p);
                stats.problems.push(p);
            }
            InputEvent::Skipped(e) => {
                if opts.strict {
                    return Err(RunError::Strict(e));
                }
                stats.skipped += 1;
                let p = Problem {
                    skipped: true,
                    message: e.to_string(),
                };
                on_problem(&p);
                stats.problems.push(p);
            }
        }
    }
    flush(&mut chunk, &mut stats, &mut scorer)?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(speaker: &str) -> QuoteRecord {
        QuoteRecord {
            article_id: "a".into(),
            quote_id: "a:1".into(),
            kind: "direct".into(),
            text: String::new(),
            start: 0,
            end: 0,
            speaker: speaker.into(),
            speaker_mention: String::new(),
            speaker_start: None,
            speaker_end: None,
            title: String::new(),
            cue: String::new(),
            cue_start: None,
            cue_end: None,
            side: String::new(),
            side_evidence: String::new(),
            optimism: None,
            label: String::new(),
            probability: None,
            p_optimistic: None,
            p_neutral: None,
            p_pessimistic: None,
            spans: Vec::new(),
            article_title: String::new(),
            article_date: String::new(),
            article_source: String::new(),
        }
    }

    #[test]
    fn folding_ignores_row_order_and_prefers_the_common_spelling() {
        let names = [
            "Volodymyr Zelenskiy",
            "Volodymyr Zelensky",
            "Volodymyr Zelensky",
            "Zelenskyy",
            "Vladimir Medinsky",
            "Vladimir Medinskiy",
            "",
        ];
        let mut a: Vec<QuoteRecord> = names.iter().map(|n| row(n)).collect();
        let mut b: Vec<QuoteRecord> = names.iter().rev().map(|n| row(n)).collect();
        fold_speakers(&mut a);
        fold_speakers(&mut b);
        let mut sa: Vec<String> = a.iter().map(|r| r.speaker.clone()).collect();
        let mut sb: Vec<String> = b.iter().map(|r| r.speaker.clone()).collect();
        sa.sort();
        sb.sort();
        assert_eq!(sa, sb);
        // The surname alone joins the one full name it belongs to.
        assert_eq!(sa.iter().filter(|s| *s == "Volodymyr Zelensky").count(), 4);
        // A tie: the name that sorts first wins.
        assert_eq!(sa.iter().filter(|s| *s == "Vladimir Medinskiy").count(), 2);
        assert_eq!(sa.iter().filter(|s| s.is_empty()).count(), 1);
    }
}
