//! Reports: quote rows and aggregate tables as files, and the terminal summary.
//!
//! One [`Reporter`] per output file (hyperfine's exporter pattern): each
//! knows its file name and writes its content to any `Write`, so the same
//! code serves files, stdout and snapshot tests. [`write_reports`] puts them
//! in an output folder *atomically*: each file is written to a temp file in
//! the same folder, flushed and synced, then renamed over the target, so a
//! failed or interrupted run never leaves a half-written CSV (the old file, if
//! any, stays whole). CSV rows come from `#[derive(Serialize)]` structs with
//! fixed column lists ([`columns`]) that are a documented contract; headers
//! are written even when a table is empty. Figures are rounded to 6 decimals
//! in files (the aggregates keep full precision).

pub mod chart;
pub mod csv_out;
pub mod html;
pub mod json_out;
pub mod read;
pub mod table;

pub use chart::ChartSvg;
pub use csv_out::{
    columns, ArticlesCsv, ComparisonCsv, QuotesCsv, SidesCsv, SpeakersCsv, TimelineCsv,
};
pub use html::HtmlReport;
pub use json_out::{summary_value, write_quotes_jsonl, QuotesJsonl, SummaryJson};
pub use read::{read_quotes, read_quotes_many};
pub use table::{comparison_sentence, summary_table};

use crate::aggregate::Aggregates;
use crate::record::QuoteRecord;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A problem writing or reading a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: bad CSV quote row: {source}", path.display())]
    CsvRow {
        path: PathBuf,
        line: u64,
        #[source]
        source: csv::Error,
    },
    #[error("{}:{line}: bad JSON quote row: {source}", path.display())]
    JsonRow {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}:{line}: {source}", path.display())]
    Spans {
        path: PathBuf,
        line: u64,
        #[source]
        source: crate::record::BadSpans,
    },
    #[error("{}: missing column(s) {}: is this a quotesent quotes.csv?", path.display(), missing.join(", "))]
    MissingColumns { path: PathBuf, missing: Vec<String> },
    /// Writing to an in-memory or caller-given writer failed.
    #[error("writing {what}: {source}")]
    Io {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("writing {what}: {source}")]
    Csv {
        what: &'static str,
        #[source]
        source: csv::Error,
    },
    #[error("writing {what}: {source}")]
    Json {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error("drawing {what}: {message}")]
    Chart { what: &'static str, message: String },
}

/// How files are written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Prefix CSV text cells that start with `=`, `+`, `-`, `@`, tab or CR
    /// with a single quote, so spreadsheets do not run them as formulas.
    /// Cells that are plain numbers ("-0.25") are left alone. Off by default:
    /// it changes the data, and `quotesent report` reads such cells back
    /// with the quote.
    pub excel_safe: bool,
}

/// What reporters draw from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub records: &'a [QuoteRecord],
    pub aggregates: &'a Aggregates,
}

/// One output file.
pub trait Reporter {
    /// The file's name inside the output folder ("sides.csv").
    fn file_name(&self) -> &'static str;
    /// Writes the whole file's content.
    fn write(
        &self,
        input: &ReportInput<'_>,
        opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError>;
}

/// Every standard report, in the order they are written: quotes.csv,
/// quotes.jsonl, speakers.csv, sides.csv, comparison.csv, articles.csv,
/// timeline.csv, summary.json, report.svg, report.html.
pub fn standard_reporters() -> Vec<Box<dyn Reporter>> {
    vec![
        Box::new(QuotesCsv),
        Box::new(QuotesJsonl),
        Box::new(SpeakersCsv),
        Box::new(SidesCsv),
        Box::new(ComparisonCsv),
        Box::new(ArticlesCsv),
        Box::new(TimelineCsv),
        Box::new(SummaryJson::default()),
        Box::new(ChartSvg),
        Box::new(HtmlReport::default()),
    ]
}

/// Writes `path` atomically: `fill` writes into a temp file in the same
/// folder, which is flushed, synced and renamed over `path` only if `fill`
/// succeeded. On error the temp file is removed and `path` is untouched.
pub fn atomic_write<F>(path: &Path, fill: F) -> Result<(), ReportError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), ReportError>,
{
    let werr = |source| ReportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(werr)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        fill(&mut w)?;
        w.flush().map_err(werr)?;
    }
    tmp.as_file().sync_all().map_err(werr)?;
    #[cfg(unix)]
    {
        // Temp files are created 0600; reports are ordinary files.
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(werr)?;
    }
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}

/// Writes each reporter's file into `dir` (created if missing), atomically,
/// and returns the paths written, in order.
pub fn write_reports(
    dir: &Path,
    input: &ReportInput<'_>,
    reporters: &[Box<dyn Reporter>],
    opts: &ReportOptions,
) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for r in reporters {
        let path = dir.join(r.file_name());
        atomic_write(&path, |w| r.write(input, opts, w))?;
        written.push(path);
    }
    Ok(written)
}

/// Renders one reporter to a string (for stdout and tests).
pub fn render(
    reporter: &dyn Reporter,
    input: &ReportInput<'_>,
    opts: &ReportOptions,
) -> Result<String, ReportError> {
    let mut buf = Vec::new();
    reporter.write(input, opts, &mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Rounds to 6 decimals for files (stable, readable; far below the noise).
pub(crate) fn r6(x: Option<f64>) -> Option<f64> {
    x.map(|v| {
        let r = (v * 1e6).round() / 1e6;
        if r == 0.0 {
            0.0 // no "-0"
        } else {
            r
        }
    })
}

#[cfg(test)]
mod tests;
