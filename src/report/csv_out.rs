//! The CSV reports: quotes, speakers, sides, comparison, articles, timeline.
//!
//! Each table has a fixed column list in [`columns`] (the README documents
//! them; snapshot tests pin them), written as the header even when the table
//! is empty. Rows are serde structs streamed through `csv::Writer`, except
//! articles.csv, whose per-side columns (`n_<side>`, `mean_<side>`) depend on
//! the sides file. `--excel-safe` is applied cell by cell in one place,
//! `CsvOut`.

use super::{r6, ReportError, ReportInput, ReportOptions, Reporter};
use crate::aggregate::{Comparison, SideStats, SpeakerStats, TimelinePoint};
use crate::record::{QuoteRow, QUOTE_COLUMNS};
use serde::Serialize;
use std::io::Write;

/// Column lists, in order.
pub mod columns {
    pub use crate::record::QUOTE_COLUMNS as QUOTES;

    pub const SIDES: &[&str] = &[
        "side",
        "n_quotes",
        "n_scored",
        "n_speakers",
        "n_articles",
        "mean",
        "median",
        "sd",
        "ci_low",
        "ci_high",
        "share_optimistic",
        "share_neutral",
        "share_pessimistic",
    ];

    pub const SPEAKERS: &[&str] = &[
        "speaker",
        "side",
        "side_evidence",
        "titles",
        "n_quotes",
        "n_scored",
        "n_articles",
        "mean_optimism",
        "first_date",
        "last_date",
    ];

    pub const COMPARISON: &[&str] = &[
        "side_a",
        "side_b",
        "n_scored_a",
        "n_scored_b",
        "n_articles_a",
        "n_articles_b",
        "mean_a",
        "mean_b",
        "diff",
        "ci_low",
        "ci_high",
        "p_value",
        "cohens_d",
        "status",
    ];

    /// Fixed leading columns of articles.csv; then `n_<side>` and
    /// `mean_<side>` for each side, in report order.
    pub const ARTICLES: &[&str] = &[
        "article_id",
        "title",
        "date",
        "source",
        "n_quotes",
        "n_scored",
        "mean_optimism",
    ];

    pub const TIMELINE: &[&str] = &[
        "side",
        "period",
        "period_start",
        "n_quotes",
        "n_scored",
        "n_articles",
        "mean",
        "ci_low",
        "ci_high",
    ];
}

/// Whether a cell would be read as a formula by a spreadsheet.
fn needs_excel_guard(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.trim().parse::<f64>().is_err()
}

/// The cell as written under `--excel-safe`.
pub fn excel_safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_excel_guard(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A CSV writer with the header written up front and the excel guard.
pub(crate) struct CsvOut<'w> {
    what: &'static str,
    w: csv::Writer<&'w mut dyn Write>,
    excel_safe: bool,
}

impl<'w> CsvOut<'w> {
    pub(crate) fn new<S: AsRef<str>>(
        what: &'static str,
        out: &'w mut dyn Write,
        header: &[S],
        opts: &ReportOptions,
    ) -> Result<Self, ReportError> {
        let w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        let mut me = CsvOut {
            what,
            w,
            excel_safe: opts.excel_safe,
        };
        me.record(header.iter().map(AsRef::as_ref))?;
        Ok(me)
    }

    fn err(&self, source: csv::Error) -> ReportError {
        ReportError::Csv {
            what: self.what,
            source,
        }
    }

    /// Writes plain cells.
    pub(crate) fn record<'a>(
        &mut self,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), ReportError> {
        let res = if self.excel_safe {
            let cells: Vec<_> = cells.into_iter().map(excel_safe_cell).collect();
            self.w.write_record(cells.iter().map(|c| c.as_ref()))
        } else {
            self.w.write_record(cells)
        };
        res.map_err(|e| self.err(e))
    }

    /// Writes one serde row (its fields in declaration order).
    pub(crate) fn row<T: Serialize>(&mut self, row: &T) -> Result<(), ReportError> {
        if !self.excel_safe {
            return self.w.serialize(row).map_err(|e| self.err(e));
        }
        // Let csv format the row, then guard each cell.
        let mut scratch = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        scratch.serialize(row).map_err(|e| self.err(e))?;
        let bytes = scratch.into_inner().map_err(|e| ReportError::Io {
            what: self.what,
            source: e.into_error(),
        })?;
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let mut rec = csv::StringRecord::new();
        rd.read_record(&mut rec).map_err(|e| self.err(e))?;
        let cells: Vec<String> = rec
            .iter()
            .map(|c| excel_safe_cell(c).into_owned())
            .collect();
        self.w.write_record(&cells).map_err(|e| self.err(e))
    }

    pub(crate) fn finish(mut self) -> Result<(), ReportError> {
        let what = self.what;
        self.w
            .flush()
            .map_err(|source| ReportError::Io { what, source })
    }
}

fn fmt_opt(x: Option<f64>) -> String {
    r6(x).map(|v| v.to_string()).unwrap_or_default()
}

/// quotes.csv: one row per quote ([`QUOTE_COLUMNS`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct QuotesCsv;

impl Reporter for QuotesCsv {
    fn file_name(&self) -> &'static str {
        "quotes.csv"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let mut w = CsvOut::new("quotes.csv", out, QUOTE_COLUMNS, opts)?;
        for r in input.records {
            w.row(&QuoteRow::from(r))?;
        }
        w.finish()
    }
}

/// sides.csv: one row per side ([`columns::SIDES`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SidesCsv;

impl Reporter for SidesCsv {
    fn file_name(&self) -> &'static str {
        "sides.csv"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let mut w = CsvOut::new("sides.csv", out, columns::SIDES, opts)?;
        for s in &input.aggregates.sides {
            w.row(&SideStats {
                mean: r6(s.mean),
                median: r6(s.median),
                sd: r6(s.sd),
                ci_low: r6(s.ci_low),
                ci_high: r6(s.ci_high),
                share_optimistic: r6(s.share_optimistic),
                share_neutral: r6(s.share_neutral),
                share_pessimistic: r6(s.share_pessimistic),
                ..s.clone()
            })?;
        }
        w.finish()
    }
}

/// speakers.csv: one row per speaker ([`columns::SPEAKERS`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SpeakersCsv;

impl Reporter for SpeakersCsv {
    fn file_name(&self) -> &'static str {
        "speakers.csv"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let mut w = CsvOut::new("speakers.csv", out, columns::SPEAKERS, opts)?;
        for s in &input.aggregates.speakers {
            w.row(&SpeakerStats {
                mean_optimism: r6(s.mean_optimism),
                ..s.clone()
            })?;
        }
        w.finish()
    }
}

/// comparison.csv: one row per pair of sides ([`columns::COMPARISON`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct ComparisonCsv;

impl Reporter for ComparisonCsv {
    fn file_name(&self) -> &'static str {
        "comparison.csv"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let mut w = CsvOut::new("comparison.csv", out, columns::COMPARISON, opts)?;
        for c in &input.aggregates.comparisons {
            w.row(&Comparison {
                mean_a: r6(c.mean_a),
                mean_b: r6(c.mean_b),
                diff: r6(c.diff),
                ci_low: r6(c.ci_low),
                ci_high: r6(c.ci_high),
                p_value: r6(c.p_value),
                cohens_d: r6(c.cohens_d),
                ..c.clone()
            })?;
        }
        w.finish()
    }
}

/// articles.csv: one row per article ([`columns::ARTICLES`] + per side).
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticlesCsv;

impl ArticlesCsv {
    /// The full header for these aggregates.
    pub fn header(agg: &crate::aggregate::Aggregates) -> Vec<String> {
        let mut h: Vec<String> = columns::ARTICLES.iter().map(|c| c.to_string()).collect();
        for s in &agg.sides {
            h.push(format!("n_{}", s.side));
            h.push(format!("mean_{}", s.side));
        }
        h
    }
}

impl Reporter for ArticlesCsv {
    fn file_name(&self) -> &'static str {
        "articles.csv"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let agg = input.aggregates;
        let mut w = CsvOut::new("articles.csv", out, &Self::header(agg), opts)?;
        for a in &agg.articles {
            let mut cells = vec![
                a.article_id.clone(),
                a.title.clone(),
                a.date.clone(),
                a.source.clone(),
                a.n_quotes.to_string(),
                a.n_scored.to_string(),
                fmt_opt(a.mean_optimism),
            ];
            for s in &a.sides {
                cells.push(s.n_quotes.to_string());
                cells.push(fmt_opt(s.mean));
            }
            w.record(cells.iter().map(String::as_str))?;
        }
        w.finish()
    }
}

/// timeline.csv: one row per side and period ([`columns::TIMELINE`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct TimelineCsv;

impl Reporter for TimelineCsv {
    fn file_name(&self) -> &'static str {
        "timeline.csv"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let mut w = CsvOut::new("timeline.csv", out, columns::TIMELINE, opts)?;
        for t in &input.aggregates.timeline {
            w.row(&TimelinePoint {
                mean: r6(t.mean),
                ci_low: r6(t.ci_low),
                ci_high: r6(t.ci_high),
                ..t.clone()
            })?;
        }
        w.finish()
    }
}
