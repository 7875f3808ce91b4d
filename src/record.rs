//! The quote row: the one flat record every report is built from.
//!
//! A [`QuoteRecord`] is what `quotes.csv` and `--format jsonl` carry, and
//! what `quotesent report` reads back, so its field names and order are a
//! contract (documented in the README). All offsets are character offsets
//! (Unicode code points, end-exclusive) into the article text as read.

use serde::{Deserialize, Serialize};

/// One quote with its speaker, side and score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub article_id: String,
    /// `<article_id>:<n>`, n counting from 1 in text order.
    pub quote_id: String,
    pub kind: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: String,
    pub speaker_mention: String,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub title: String,
    pub cue: String,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    pub side: String,
    pub side_evidence: String,
    /// `None` when the run had no scorer (`extract`).
    pub optimism: Option<f32>,
    pub label: String,
    pub probability: Option<f32>,
    pub p_optimistic: Option<f32>,
    pub p_neutral: Option<f32>,
    pub p_pessimistic: Option<f32>,
    /// The quote's pieces as `[start, end]` character offsets.
    pub spans: Vec<[usize; 2]>,
    pub article_title: String,
    pub article_date: String,
    pub article_source: String,
}

/// The CSV shape of [`QuoteRecord`]: identical, except that `spans` is
/// flattened to `start-end;start-end` (CSV has no lists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub article_id: String,
    pub quote_id: String,
    pub kind: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: String,
    pub speaker_mention: String,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub title: String,
    pub cue: String,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    pub side: String,
    pub side_evidence: String,
    pub optimism: Option<f32>,
    pub label: String,
    pub probability: Option<f32>,
    pub p_optimistic: Option<f32>,
    pub p_neutral: Option<f32>,
    pub p_pessimistic: Option<f32>,
    pub spans: String,
    pub article_title: String,
    pub article_date: String,
    pub article_source: String,
}

/// The column names of `quotes.csv`, in order.
pub const QUOTE_COLUMNS: &[&str] = &[
    "article_id",
    "quote_id",
    "kind",
    "text",
    "start",
    "end",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "title",
    "cue",
    "cue_start",
    "cue_end",
    "side",
    "side_evidence",
    "optimism",
    "label",
    "probability",
    "p_optimistic",
    "p_neutral",
    "p_pessimistic",
    "spans",
    "article_title",
    "article_date",
    "article_source",
];

/// A `spans` cell that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("bad spans cell {cell:?}: expected start-end;start-end")]
pub struct BadSpans {
    pub cell: String,
}

impl From<&QuoteRecord> for QuoteRow {
    fn from(r: &QuoteRecord) -> Self {
        let spans = r
            .spans
            .iter()
            .map(|[s, e]| format!("{s}-{e}"))
            .collect::<Vec<_>>()
            .join(";");
        QuoteRow {
            article_id: r.article_id.clone(),
            quote_id: r.quote_id.clone(),
            kind: r.kind.clone(),
            text: r.text.clone(),
            start: r.start,
            end: r.end,
            speaker: r.speaker.clone(),
            speaker_mention: r.speaker_mention.clone(),
            speaker_start: r.speaker_start,
            speaker_end: r.speaker_end,
            title: r.title.clone(),
            cue: r.cue.clone(),
            cue_start: r.cue_start,
            cue_end: r.cue_end,
            side: r.side.clone(),
            side_evidence: r.side_evidence.clone(),
            optimism: r.optimism,
            label: r.label.clone(),
            probability: r.probability,
            p_optimistic: r.p_optimistic,
            p_neutral: r.p_neutral,
            p_pessimistic: r.p_pessimistic,
            spans,
            article_title: r.article_title.clone(),
            article_date: r.article_date.clone(),
            article_source: r.article_source.clone(),
        }
    }
}

impl TryFrom<QuoteRow> for QuoteRecord {
    type Error = BadSpans;

    fn try_from(r: QuoteRow) -> Result<Self, BadSpans> {
        let mut spans = Vec::new();
        for piece in r.spans.split(';').filter(|p| !p.is_empty()) {
            let bad = || BadSpans {
                cell: r.spans.clone(),
            };
            let (s, e) = piece.split_once('-').ok_or_else(bad)?;
            let s = s.trim().parse().map_err(|_| bad())?;
            let e = e.trim().parse().map_err(|_| bad())?;
            spans.push([s, e]);
        }
        Ok(QuoteRecord {
            article_id: r.article_id,
            quote_id: r.quote_id,
            kind: r.kind,
            text: r.text,
            start: r.start,
            end: r.end,
            speaker: r.speaker,
            speaker_mention: r.speaker_mention,
            speaker_start: r.speaker_start,
            speaker_end: r.speaker_end,
            title: r.title,
            cue: r.cue,
            cue_start: r.cue_start,
            cue_end: r.cue_end,
            side: r.side,
            side_evidence: r.side_evidence,
            optimism: r.optimism,
            label: r.label,
            probability: r.probability,
            p_optimistic: r.p_optimistic,
            p_neutral: r.p_neutral,
            p_pessimistic: r.p_pessimistic,
            spans,
            article_title: r.article_title,
            article_date: r.article_date,
            article_source: r.article_source,
        })
    }
}
