//! Reading saved quote rows back (quotes.csv or quotes.jsonl) for
//! `quotesent report`, which recomputes every table without extraction or
//! the model.
//!
//! The format is chosen by extension (`.csv`; `.jsonl`/`.ndjson`/`.json`),
//! else by sniffing the first non-blank byte (`{` means JSON lines). Every
//! error names the file and the line, since these files are often produced
//! elsewhere (another machine, a Spark job) and merged by hand.

use super::ReportError;
use crate::record::{QuoteRecord, QuoteRow, QUOTE_COLUMNS};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Columns a quotes.csv must have; the rest may be missing (older or
/// trimmed files) and read as empty.
const REQUIRED: &[&str] = &["article_id", "quote_id", "start", "end", "side", "optimism"];

/// Reads quote rows from a quotes.csv or quotes.jsonl file (`-`: stdin).
pub fn read_quotes(path: &Path) -> Result<Vec<QuoteRecord>, ReportError> {
    let rerr = |source| ReportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map_err(rerr)?;
    } else {
        bytes = std::fs::read(path).map_err(rerr)?;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let jsonl = match ext.as_str() {
        "csv" => false,
        "jsonl" | "ndjson" | "json" => true,
        _ => bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
    };
    if jsonl {
        parse_jsonl(path, &bytes)
    } else {
        parse_csv(path, &bytes)
    }
}

/// Reads and concatenates several files, in order.
pub fn read_quotes_many(paths: &[PathBuf]) -> Result<Vec<QuoteRecord>, ReportError> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(read_quotes(p)?);
    }
    Ok(out)
}

fn parse_jsonl(path: &Path, bytes: &[u8]) -> Result<Vec<QuoteRecord>, ReportError> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let rec = serde_json::from_str(line).map_err(|source| ReportError::JsonRow {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        out.push(rec);
    }
    Ok(out)
}

fn parse_csv(path: &Path, bytes: &[u8]) -> Result<Vec<QuoteRecord>, ReportError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let mut rd = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = rd
        .headers()
        .map_err(|source| ReportError::CsvRow {
            path: path.to_path_buf(),
            line: 1,
            source,
        })?
        .clone();
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| !headers.iter().any(|h| h == **c))
        .map(|c| c.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ReportError::MissingColumns {
            path: path.to_path_buf(),
            missing,
        });
    }
    // Fill absent optional columns so old or trimmed files still read.
    let present: Vec<&str> = headers.iter().collect();
    let absent: Vec<&str> = QUOTE_COLUMNS
        .iter()
        .copied()
        .filter(|c| !present.contains(c))
        .collect();
    let mut full_header = headers.clone();
    for c in &absent {
        full_header.push_field(c);
    }
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        let line = rd.position().line();
        let more = rd
            .read_record(&mut rec)
            .map_err(|source| ReportError::CsvRow {
                path: path.to_path_buf(),
                line: source.position().map_or(line, |p| p.line()),
                source,
            })?;
        if !more {
            break;
        }
        let line = rec.position().map_or(line, |p| p.line());
        for _ in &absent {
            rec.push_field("");
        }
        let row: QuoteRow =
            rec.deserialize(Some(&full_header))
                .map_err(|source| ReportError::CsvRow {
                    path: path.to_path_buf(),
                    line,
                    source,
                })?;
        let record = QuoteRecord::try_from(row).map_err(|source| ReportError::Spans {
            path: path.to_path_buf(),
            line,
            source,
        })?;
        out.push(record);
    }
    Ok(out)
}
