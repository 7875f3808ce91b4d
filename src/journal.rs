//! The run journal: every finished article's rows, appended and flushed as
//! the run goes, so an interrupted run loses nothing.
//!
//! `journal.jsonl` in the output folder holds one line per finished article:
//! `{"id": .., "hash": .., "rows": [QuoteRecord, ..]}` (articles without
//! quotes too, so they are not redone). Lines are written whole and flushed
//! one by one; a run killed mid-line leaves at most one torn last line, which
//! [`Journal::resume`] drops. Reports are built from the journal's rows plus
//! the new ones, which equal an uninterrupted run's because articles finish
//! in input order.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::pipeline::{ArticleKey, Chunk};
use crate::record::QuoteRecord;

/// The journal's file name inside the output folder.
pub const JOURNAL_FILE: &str = "journal.jsonl";

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot open the journal {}: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: bad journal line: {source}", path.display())]
    Line {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
}

#[derive(Serialize, Deserialize)]
struct Entry {
    id: String,
    hash: String,
    rows: Vec<QuoteRecord>,
}

/// What a previous run left: the articles it finished and their rows.
#[derive(Debug, Default)]
pub struct Resumed {
    pub done: HashSet<ArticleKey>,
    pub records: Vec<QuoteRecord>,
    /// A torn last line was dropped.
    pub dropped_torn_line: bool,
}

/// An open journal, appending.
pub struct Journal {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Journal {
    /// Starts a new, empty journal in `dir` (an old one is replaced).
    pub fn create(dir: &Path) -> Result<Journal, JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let file = File::create(&path).map_err(|source| JournalError::Open {
            path: path.clone(),
            source,
        })?;
        Ok(Journal {
            path,
            out: BufWriter::new(file),
        })
    }

    /// Reads the journal in `dir` (none: nothing done), rewrites it without
    /// a torn last line, and opens it for appending.
    pub fn resume(dir: &Path) -> Result<(Journal, Resumed), JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let open_err = |source| JournalError::Open {
            path: path.clone(),
            source,
        };
        let mut resumed = Resumed::default();
        let mut good_bytes = 0u64;
        if path.exists() {
            let reader = BufReader::new(File::open(&path).map_err(open_err)?);
            let mut lines = reader.split(b'\n').enumerate().peekable();
            while let Some((i, line)) = lines.next() {
                let line = line.map_err(open_err)?;
                let is_last = lines.peek().is_none();
                match serde_json::from_slice::<Entry>(&line) {
                    Ok(e) => {
                        good_bytes += line.len() as u64 + 1;
                        resumed.done.insert(ArticleKey {
                            id: e.id,
                            hash: e.hash,
                        });
                        resumed.records.extend(e.rows);
                    }
                    // Only the last line can be torn by a kill.
                    Err(_) if is_last => resumed.dropped_torn_line = !line.is_empty(),
                    Err(source) => {
                        return Err(JournalError::Line {
                            path: path.clone(),
                            line: i + 1,
                            source,
                        })
                    }
                }
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(&path)
            .map_err(open_err)?;
        file.set_len(good_bytes).map_err(open_err)?;
        let mut out = BufWriter::new(file);
        use std::io::Seek;
        out.seek(std::io::SeekFrom::End(0)).map_err(open_err)?;
        Ok((Journal { path, out }, resumed))
    }

    /// Appends one line per article of the chunk, each flushed at once.
    pub fn write_chunk(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        let mut rows = chunk.records.iter().peekable();
        for key in &chunk.articles {
            let mut mine = Vec::new();
            while let Some(r) = rows.next_if(|r| r.article_id == key.id) {
                mine.push(r.clone());
            }
            let entry = Entry {
                id: key.id.clone(),
                hash: key.hash.clone(),
                rows: mine,
            };
            serde_json::to_writer(&mut self.out, &entry).map_err(std::io::Error::from)?;
            self.out.write_all(b"\n")?;
            self.out.flush()?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(article: &str, n: usize) -> QuoteRecord {
        let mut r: QuoteRecord = serde_json::from_value(serde_json::json!({
            "article_id": article, "quote_id": format!("{article}:{n}"), "kind": "direct",
            "text": "t", "start": 0, "end": 1, "speaker": "", "speaker_mention": "",
            "speaker_start": null, "speaker_end": null, "title": "", "cue": "",
            "cue_start": null, "cue_end": null, "side": "unaffiliated", "side_evidence": "",
            "optimism": 0.5, "label": "optimistic", "probability": 0.7, "p_optimistic": 0.7,
            "p_neutral": 0.1, "p_pessimistic": 0.2, "spans": [[0, 1]],
            "article_title": "", "article_date": "", "article_source": ""
        }))
        .unwrap();
        r.text = format!("{article} {n}");
        r
    }

    fn key(id: &str) -> ArticleKey {
        ArticleKey {
            id: id.into(),
            hash: format!("h-{id}"),
        }
    }

    #[test]
    fn round_trip_and_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::create(dir.path()).unwrap();
        j.write_chunk(&Chunk {
            articles: vec![key("a"), key("empty"), key("b")],
            records: vec![record("a", 1), record("a", 2), record("b", 1)],
        })
        .unwrap();
        drop(j);
        // A kill mid-write leaves half a line.
        let path = dir.path().join(JOURNAL_FILE);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"id\": \"c\", \"ha").unwrap();
        drop(f);

        let (mut j, resumed) = Journal::resume(dir.path()).unwrap();
        assert!(resumed.dropped_torn_line);
        assert_eq!(resumed.done.len(), 3);
        assert!(resumed.done.contains(&key("empty")));
        let texts: Vec<&str> = resumed.records.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["a 1", "a 2", "b 1"]);
        j.write_chunk(&Chunk {
            articles: vec![key("c")],
            records: vec![record("c", 1)],
        })
        .unwrap();
        drop(j);
        let (_, again) = Journal::resume(dir.path()).unwrap();
        assert!(!again.dropped_torn_line);
        assert_eq!(again.records.len(), 4);
    }

    #[test]
    fn a_bad_line_in_the_middle_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(JOURNAL_FILE),
            "garbage\n{\"id\":\"a\",\"hash\":\"h\",\"rows\":[]}\n",
        )
        .unwrap();
        let err = Journal::resume(dir.path()).err().unwrap().to_string();
        assert!(err.contains("journal.jsonl:1"), "{err}");
    }
}
