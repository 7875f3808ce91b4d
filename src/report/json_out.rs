//! JSON outputs: quotes.jsonl (one [`QuoteRecord`] per line) and
//! summary.json (the machine-readable summary for programs).
//!
//! quotes.jsonl carries exactly the quote row, `spans` as a list, so
//! `quotesent report` and the Spark path read back what was written without
//! loss. summary.json holds the run totals, the sides table, the comparisons
//! and their plain-words sentences; callers (the pipeline's run statistics)
//! can merge their own keys in through [`SummaryJson::extra`].

use super::table::comparison_sentence;
use super::{r6, ReportError, ReportInput, ReportOptions, Reporter};
use crate::aggregate::{Aggregates, Comparison, SideStats};
use crate::record::QuoteRecord;
use serde_json::{json, Map, Value};
use std::io::Write;

/// Writes quote rows as JSON lines (also used for streaming to stdout).
pub fn write_quotes_jsonl(out: &mut dyn Write, records: &[QuoteRecord]) -> Result<(), ReportError> {
    for r in records {
        serde_json::to_writer(&mut *out, r).map_err(|source| ReportError::Json {
            what: "quotes.jsonl",
            source,
        })?;
        out.write_all(b"\n").map_err(|source| ReportError::Io {
            what: "quotes.jsonl",
            source,
        })?;
    }
    Ok(())
}

/// quotes.jsonl.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuotesJsonl;

impl Reporter for QuotesJsonl {
    fn file_name(&self) -> &'static str {
        "quotes.jsonl"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        _opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        write_quotes_jsonl(out, input.records)
    }
}

fn rounded_side(s: &SideStats) -> SideStats {
    SideStats {
        mean: r6(s.mean),
        median: r6(s.median),
        sd: r6(s.sd),
        ci_low: r6(s.ci_low),
        ci_high: r6(s.ci_high),
        share_optimistic: r6(s.share_optimistic),
        share_neutral: r6(s.share_neutral),
        share_pessimistic: r6(s.share_pessimistic),
        ..s.clone()
    }
}

fn rounded_comparison(c: &Comparison) -> Comparison {
    Comparison {
        mean_a: r6(c.mean_a),
        mean_b: r6(c.mean_b),
        diff: r6(c.diff),
        ci_low: r6(c.ci_low),
        ci_high: r6(c.ci_high),
        p_value: r6(c.p_value),
        cohens_d: r6(c.cohens_d),
        ..c.clone()
    }
}

/// The summary as a JSON object: `version`, totals, `options`, `sides`,
/// `comparisons`, `sentences` (the terminal's comparison lines).
pub fn summary_value(agg: &Aggregates) -> Value {
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "n_quotes": agg.n_quotes,
        "n_scored": agg.n_scored,
        "n_articles": agg.n_articles,
        "n_speakers": agg.n_speakers,
        "n_quotes_without_speaker": agg.n_quotes_without_speaker,
        "n_undated_quotes": agg.n_undated_quotes,
        "options": agg.options,
        "sides": agg.sides.iter().map(rounded_side).collect::<Vec<_>>(),
        "comparisons": agg.comparisons.iter().map(rounded_comparison).collect::<Vec<_>>(),
        "sentences": agg.comparisons.iter().map(comparison_sentence).collect::<Vec<_>>(),
    })
}

/// summary.json, with optional extra top-level keys from the caller.
#[derive(Debug, Clone, Default)]
pub struct SummaryJson {
    /// Merged into the top-level object (these keys win on a clash).
    pub extra: Map<String, Value>,
}

impl SummaryJson {
    /// The object this writes.
    pub fn value(&self, agg: &Aggregates) -> Value {
        let mut v = summary_value(agg);
        if let Value::Object(m) = &mut v {
            for (k, x) in &self.extra {
                m.insert(k.clone(), x.clone());
            }
        }
        v
    }
}

impl Reporter for SummaryJson {
    fn file_name(&self) -> &'static str {
        "summary.json"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        _opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        serde_json::to_writer_pretty(&mut *out, &self.value(input.aggregates)).map_err(
            |source| ReportError::Json {
                what: "summary.json",
                source,
            },
        )?;
        out.write_all(b"\n").map_err(|source| ReportError::Io {
            what: "summary.json",
            source,
        })
    }
}
