//! Everything that can go wrong while reading inputs.
//!
//! One enum serves three roles, told apart by where it travels: returned by
//! [`open`](super::open) it is fatal (an input path that is missing or cannot
//! be listed); inside [`InputEvent::Skipped`](super::InputEvent::Skipped) it
//! says why a file or jsonl line produced no article; inside
//! [`InputEvent::Warning`](super::InputEvent::Warning) it says what was
//! repaired on the way (lossy decoding, a renamed duplicate id). Every variant
//! names the input: a path, or `<stdin>`, plus the 1-based line for jsonl (the
//! [`Origin`] prints as `path:line`), and the field where one is at fault, so
//! the message alone lets a user find the bad bytes. [`InputError::reason`]
//! gives a short stable key for run summaries ("skipped: 3 empty, 1 binary").

use crate::types::Origin;
use std::path::PathBuf;

/// A problem with one input: fatal from [`open`](super::open), otherwise
/// carried by a [`Warning`](super::InputEvent::Warning) or
/// [`Skipped`](super::InputEvent::Skipped) event.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// An input named on the command line does not exist.
    #[error("{}: no such file or directory", .path.display())]
    NotFound { path: PathBuf },

    /// An input (or a directory below it) exists but cannot be listed or
    /// inspected.
    #[error("{}: cannot list: {source}", .path.display())]
    List {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file (or stdin) could not be read; for jsonl the line says how far
    /// reading got.
    #[error("{origin}: cannot read: {source}")]
    Read {
        origin: Origin,
        #[source]
        source: std::io::Error,
    },

    /// The file (or jsonl `text` field) is empty or only whitespace.
    #[error("{origin}: skipped: empty")]
    Empty { origin: Origin },

    /// An HTML document that has no readable text outside scripts, navigation
    /// and other page furniture.
    #[error("{origin}: skipped: empty (no article text in the HTML)")]
    NoText { origin: Origin },

    /// NUL bytes, or mostly control characters and invalid UTF-8, near the
    /// start of the file.
    #[error("{origin}: skipped: binary (not a text file; UTF-16 needs a byte order mark)")]
    Binary { origin: Origin },

    /// Warning: bytes that are not UTF-8 were replaced by U+FFFD.
    #[error("{origin}: warning: invalid UTF-8, {count} byte sequence(s) replaced with U+FFFD")]
    InvalidUtf8 { origin: Origin, count: usize },

    /// Warning: the file was UTF-16 with a byte order mark and was decoded.
    #[error("{origin}: warning: decoded from {encoding} (byte order mark){}",
        if *.replaced > 0 { format!(", {} invalid code unit(s) replaced with U+FFFD", .replaced) } else { String::new() })]
    Utf16 {
        origin: Origin,
        /// `"UTF-16LE"` or `"UTF-16BE"`.
        encoding: &'static str,
        /// Unpaired surrogates or a dangling odd byte.
        replaced: usize,
    },

    /// A jsonl line that is not valid JSON.
    #[error("{origin}: skipped: malformed JSON: {source}")]
    Json {
        origin: Origin,
        #[source]
        source: serde_json::Error,
    },

    /// A jsonl line that is valid JSON but not an object.
    #[error("{origin}: skipped: expected a JSON object, found {found}")]
    NotAnObject { origin: Origin, found: &'static str },

    /// A jsonl object without the (configured) text field.
    #[error("{origin}: skipped: missing field `{field}`")]
    MissingField { origin: Origin, field: String },

    /// A jsonl field of the wrong JSON type.
    #[error("{origin}: skipped: field `{field}` must be {expected}, found {found}")]
    WrongType {
        origin: Origin,
        field: String,
        expected: &'static str,
        found: &'static str,
    },

    /// Warning: an article id seen before in this run; the article is kept
    /// under `renamed`.
    #[error(
        "{origin}: warning: duplicate id `{id}` (first seen at {first}), renamed to `{renamed}`"
    )]
    DuplicateId {
        origin: Origin,
        id: String,
        /// Boxed to keep the error small (it travels in every `Result`).
        first: Box<Origin>,
        renamed: String,
    },
}

impl InputError {
    /// A short, stable key for counting skips and warnings in run summaries.
    pub fn reason(&self) -> &'static str {
        match self {
            InputError::NotFound { .. } => "not found",
            InputError::List { .. } => "unlistable",
            InputError::Read { .. } => "unreadable",
            InputError::Empty { .. } | InputError::NoText { .. } => "empty",
            InputError::Binary { .. } => "binary",
            InputError::InvalidUtf8 { .. } => "invalid utf-8",
            InputError::Utf16 { .. } => "utf-16",
            InputError::Json { .. } | InputError::NotAnObject { .. } => "malformed json",
            InputError::MissingField { .. } => "missing field",
            InputError::WrongType { .. } => "wrong type",
            InputError::DuplicateId { .. } => "duplicate id",
        }
    }

    /// The file (and jsonl line) concerned, for variants about read input.
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            InputError::NotFound { .. } | InputError::List { .. } => None,
            InputError::Read { origin, .. }
            | InputError::Empty { origin }
            | InputError::NoText { origin }
            | InputError::Binary { origin }
            | InputError::InvalidUtf8 { origin, .. }
            | InputError::Utf16 { origin, .. }
            | InputError::Json { origin, .. }
            | InputError::NotAnObject { origin, .. }
            | InputError::MissingField { origin, .. }
            | InputError::WrongType { origin, .. }
            | InputError::DuplicateId { origin, .. } => Some(origin),
        }
    }
}

/// The JSON type name of a value, for [`InputError::WrongType`] messages.
pub(crate) fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
