//! Input: files, directories and stdin → a stream of [`Article`]s.
//!
//! [`open`] resolves the inputs up front (so a missing path fails before any
//! work is done) and returns [`Inputs`], an iterator of [`InputEvent`]s that
//! reads **one file at a time** and jsonl **one line at a time**: a corpus of
//! any size streams through in memory bounded by its largest file (or, for
//! jsonl, its longest line).
//!
//! * `-` is jsonl on stdin.
//! * A directory is walked recursively; its files are sorted by path and those
//!   named `.txt .md .markdown .jsonl .ndjson .html .htm` (any case) are read.
//!   Other files, hidden files and hidden directories are passed over
//!   silently; symlinks to files are followed, symlinks to directories are not
//!   (no cycles).
//! * A file named explicitly is read by its extension, and as plain text when
//!   the extension is unknown.
//!
//! Each format is a small [`ArticleReader`] in its own file: [`txt`],
//! [`md`], [`jsonl`], [`html`]. Before a whole-file reader sees a document,
//! one shared step (`decode`) turns bytes into text and decides about junk:
//! empty and whitespace-only files are skipped as "empty", files with NUL
//! bytes or mostly control characters as "binary", UTF-16 with a byte order
//! mark is decoded (with a warning), and invalid UTF-8 is replaced lossily
//! (with a warning naming the file). Nothing in this module panics on input.
//!
//! Offsets: for `.txt` and `.md` the article text is the file exactly as
//! read (BOM and CRLF kept), so spans are byte offsets into the file (after
//! lossy decoding); for jsonl they index the decoded `text` string; **for
//! HTML they index the extracted text** (see [`html`]), and for UTF-16 files
//! the decoded UTF-8 text.
//!
//! Problems never stop the stream: a bad file or jsonl line becomes
//! [`InputEvent::Skipped`], a repair becomes [`InputEvent::Warning`], and the
//! caller decides whether `--strict` makes either fatal. Article ids are kept
//! unique across the run: a repeated id gets `#2`, `#3`, ... and a warning
//! naming both places.

pub mod error;
pub mod html;
pub mod jsonl;
pub mod md;
pub mod txt;

mod decode;

pub use error::InputError;

use crate::types::{Article, Origin};
use std::collections::{HashMap, VecDeque};
use std::fs;
use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

/// The jsonl field names to read each article property from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    pub id: String,
    pub title: String,
    pub date: String,
    pub source: String,
    pub url: String,
    pub text: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            id: "id".into(),
            title: "title".into(),
            date: "date".into(),
            source: "source".into(),
            url: "url".into(),
            text: "text".into(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    pub fields: JsonlFields,
}

/// One step of the input stream.
#[derive(Debug)]
pub enum InputEvent {
    /// An article to process.
    Article(Article),
    /// Something was repaired (lossy decoding, a renamed duplicate id); an
    /// article follows or preceded it.
    Warning(InputError),
    /// A file or jsonl line that yields no article, and why.
    Skipped(InputError),
}

/// The input formats, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Jsonl,
    Html,
}

impl Format {
    /// The format of a file extension (without the dot, any case), if known.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format of a path by its extension, if known.
    pub fn of_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    }
}

/// Turns one whole decoded document into events (articles, warnings,
/// skips). Implemented once per format; jsonl also streams line by line
/// through [`jsonl::JsonlStream`].
pub trait ArticleReader {
    fn read(&self, text: String, origin: &Origin, out: &mut dyn FnMut(InputEvent));
}

/// The reader for a whole-file format.
fn reader_for(format: Format, opts: &InputOptions) -> Box<dyn ArticleReader> {
    match format {
        Format::Text => Box::new(txt::TextReader),
        Format::Markdown => Box::new(md::MarkdownReader),
        Format::Html => Box::new(html::HtmlReader),
        Format::Jsonl => Box::new(jsonl::JsonlReader::new(opts.fields.clone())),
    }
}

/// Reads one document held in memory, exactly as a file of `format` would be
/// read, but without id de-duplication. The entry point for fuzzing and for
/// callers that already hold the bytes.
pub fn read_bytes(
    bytes: Vec<u8>,
    format: Format,
    origin: &Origin,
    opts: &InputOptions,
) -> Vec<InputEvent> {
    let mut events = Vec::new();
    if format == Format::Jsonl {
        let parser = jsonl::JsonlReader::new(opts.fields.clone());
        let mut stream =
            jsonl::JsonlStream::new(Box::new(Cursor::new(bytes)), origin.clone(), parser);
        let mut queue = VecDeque::new();
        while stream.next_into(&mut queue) {}
        events.extend(queue);
        return events;
    }
    match decode::decode(bytes, origin) {
        decode::Decoded::Skip(e) => events.push(InputEvent::Skipped(e)),
        decode::Decoded::Text { text, warnings } => {
            events.extend(warnings.into_iter().map(InputEvent::Warning));
            reader_for(format, opts).read(text, origin, &mut |e| events.push(e));
        }
    }
    events
}

/// One thing to read, resolved by [`open`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    File { path: PathBuf, format: Format },
    Stdin,
}

/// Resolves `inputs` (files, directories, `-`) into the list of files to
/// read, in order. Fails only when an input does not exist or a directory
/// cannot be listed; everything about file contents is reported later, as
/// events, while iterating.
pub fn open(inputs: &[PathBuf], opts: &InputOptions) -> Result<Inputs, InputError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = fs::metadata(input).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound {
                path: input.clone(),
            },
            _ => InputError::List {
                path: input.clone(),
                source,
            },
        })?;
        if meta.is_dir() {
            let mut files = walk_dir(input)?;
            files.sort();
            sources.extend(files.into_iter().filter_map(|path| {
                let format = Format::of_path(&path)?;
                Some(Source::File { path, format })
            }));
        } else {
            let format = Format::of_path(input).unwrap_or(Format::Text);
            sources.push(Source::File {
                path: input.clone(),
                format,
            });
        }
    }
    Ok(Inputs {
        opts: opts.clone(),
        total: sources.len(),
        sources: sources.into_iter(),
        pending: VecDeque::new(),
        scratch: VecDeque::new(),
        stream: None,
        ids: IdRegistry::default(),
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Every non-hidden file with a known extension below `root`, by an explicit
/// stack (no recursion); not yet sorted.
fn walk_dir(root: &Path) -> Result<Vec<PathBuf>, InputError> {
    let list_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InputError::List { path, source }
    };
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).map_err(list_err(&dir))? {
            let entry = entry.map_err(list_err(&dir))?;
            if is_hidden(&entry.file_name()) {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().map_err(list_err(&path))?;
            let is_file = if kind.is_symlink() {
                // Follow links to files only: a link to a directory could loop.
                fs::metadata(&path).is_ok_and(|m| m.is_file())
            } else if kind.is_dir() {
                dirs.push(path);
                continue;
            } else {
                kind.is_file()
            };
            if is_file && Format::of_path(&path).is_some() {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// The ids seen in this run, to keep them unique. Remembers a file index and
/// line per id rather than a whole [`Origin`], so a million-line jsonl costs
/// the ids and little more.
#[derive(Default)]
struct IdRegistry {
    first: HashMap<String, (usize, Option<usize>)>,
    next_suffix: HashMap<String, usize>,
    files: Vec<Option<PathBuf>>,
}

impl IdRegistry {
    /// Registers the file that the following articles come from.
    fn start_file(&mut self, path: Option<PathBuf>) {
        self.files.push(path);
    }

    /// Registers `article`'s id; a repeat is renamed `id#N` and reported.
    fn register(&mut self, article: &mut Article) -> Option<InputError> {
        let file = self.files.len().saturating_sub(1);
        let Some(&(first_file, first_line)) = self.first.get(&article.id) else {
            self.first
                .insert(article.id.clone(), (file, article.origin.line));
            return None;
        };
        let counter = self.next_suffix.entry(article.id.clone()).or_insert(2);
        let renamed = loop {
            let candidate = format!("{}#{}", article.id, counter);
            *counter += 1;
            if !self.first.contains_key(&candidate) {
                break candidate;
            }
        };
        self.first
            .insert(renamed.clone(), (file, article.origin.line));
        let id = std::mem::replace(&mut article.id, renamed.clone());
        Some(InputError::DuplicateId {
            origin: article.origin.clone(),
            id,
            first: Box::new(Origin {
                path: self.files.get(first_file).cloned().flatten(),
                line: first_line,
            }),
            renamed,
        })
    }
}

/// The stream of [`InputEvent`]s over every input, in order. Created by
/// [`open`].
pub struct Inputs {
    opts: InputOptions,
    total: usize,
    sources: std::vec::IntoIter<Source>,
    /// Events ready to hand out, ids already made unique.
    pending: VecDeque<InputEvent>,
    /// Events fresh from a reader.
    scratch: VecDeque<InputEvent>,
    /// The jsonl file (or stdin) being read line by line.
    stream: Option<jsonl::JsonlStream>,
    ids: IdRegistry,
}

impl Inputs {
    /// How many files (and stdin) the inputs resolved to.
    pub fn file_count(&self) -> usize {
        self.total
    }

    /// Moves fresh events to `pending`, making article ids unique; a rename
    /// warning goes just before its article.
    fn settle(&mut self) {
        while let Some(event) = self.scratch.pop_front() {
            match event {
                InputEvent::Article(mut article) => {
                    if let Some(warning) = self.ids.register(&mut article) {
                        self.pending.push_back(InputEvent::Warning(warning));
                    }
                    self.pending.push_back(InputEvent::Article(article));
                }
                other => self.pending.push_back(other),
            }
        }
    }

    /// Starts reading `source`: a jsonl stream, or a whole file read now.
    fn start(&mut self, source: Source) {
        let (path, format) = match source {
            Source::Stdin => {
                self.ids.start_file(None);
                let reader = BufReader::with_capacity(1 << 16, std::io::stdin());
                self.stream = Some(jsonl::JsonlStream::new(
                    Box::new(reader),
                    Origin::default(),
                    jsonl::JsonlReader::new(self.opts.fields.clone()),
                ));
                return;
            }
            Source::File { path, format } => (path, format),
        };
        self.ids.start_file(Some(path.clone()));
        let origin = Origin {
            path: Some(path),
            line: None,
        };
        let path = origin.path.as_deref().unwrap_or(Path::new(""));
        if format == Format::Jsonl {
            match fs::File::open(path) {
                Ok(file) => {
                    self.stream = Some(jsonl::JsonlStream::new(
                        Box::new(BufReader::with_capacity(1 << 16, file)),
                        origin,
                        jsonl::JsonlReader::new(self.opts.fields.clone()),
                    ));
                }
                Err(source) => self
                    .scratch
                    .push_back(InputEvent::Skipped(InputError::Read { origin, source })),
            }
            return;
        }
        match fs::read(path) {
            Ok(bytes) => {
                let events = read_bytes(bytes, format, &origin, &self.opts);
                self.scratch.extend(events);
            }
            Err(source) => self
                .scratch
                .push_back(InputEvent::Skipped(InputError::Read { origin, source })),
        }
    }
}

impl Iterator for Inputs {
    type Item = InputEvent;

    fn next(&mut self) -> Option<InputEvent> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            if let Some(stream) = &mut self.stream {
                if !stream.next_into(&mut self.scratch) {
                    self.stream = None;
                }
            } else {
                let source = self.sources.next()?;
                self.start(source);
            }
            self.settle();
        }
    }
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("files", &self.total)
            .field("remaining", &self.sources.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
