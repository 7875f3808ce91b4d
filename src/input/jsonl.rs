//! JSON Lines articles (`.jsonl`, `.ndjson`, and `-` for stdin).
//!
//! One JSON object per line; the field names come from [`JsonlFields`] so
//! corpora with other schemas (`body`, `headline`, ...) need no conversion.
//! `text` is required and must be a string, and becomes [`Article::text`]
//! exactly (offsets index the decoded JSON string); `id` may be a string or a
//! number, and defaults to `<file stem>:<line>`; `title`, `date`, `source`,
//! `url` are optional strings (`null` or `""` count as absent). Every bad
//! line is skipped with an error naming the file, the 1-based line and the
//! field, and reading goes on with the next line.
//!
//! [`JsonlStream`] pulls one line at a time through a reused buffer, so
//! memory is bounded by the longest line, never by the file, and stdin can
//! be an endless pipe. Only a UTF-16 file (rare, and announced by its byte
//! order mark) is decoded whole before its lines are read.

use super::decode::{self, SNIFF_LEN};
use super::error::{json_type, InputError};
use super::txt::file_stem;
use super::{ArticleReader, InputEvent, JsonlFields};
use crate::types::{Article, Origin};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufRead, Cursor, Read};

/// Parses jsonl lines into articles with configurable field names.
#[derive(Debug, Clone, Default)]
pub struct JsonlReader {
    pub fields: JsonlFields,
}

impl JsonlReader {
    pub fn new(fields: JsonlFields) -> Self {
        JsonlReader { fields }
    }

    /// Parses one non-blank line; `origin.line` is its 1-based number.
    pub fn read_line(&self, raw: &[u8], origin: &Origin, out: &mut dyn FnMut(InputEvent)) {
        let line = match std::str::from_utf8(raw) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                let count = raw
                    .utf8_chunks()
                    .filter(|c| !c.invalid().is_empty())
                    .count();
                out(InputEvent::Warning(InputError::InvalidUtf8 {
                    origin: origin.clone(),
                    count,
                }));
                String::from_utf8_lossy(raw)
            }
        };
        match self.parse(&line, origin) {
            Ok(article) => out(InputEvent::Article(article)),
            Err(e) => out(InputEvent::Skipped(e)),
        }
    }

    fn parse(&self, line: &str, origin: &Origin) -> Result<Article, InputError> {
        let value: Value = serde_json::from_str(line).map_err(|source| InputError::Json {
            origin: origin.clone(),
            source,
        })?;
        let Value::Object(mut map) = value else {
            return Err(InputError::NotAnObject {
                origin: origin.clone(),
                found: json_type(&value),
            });
        };
        let f = &self.fields;
        let wrong = |field: &str, expected: &'static str, v: &Value| InputError::WrongType {
            origin: origin.clone(),
            field: field.to_string(),
            expected,
            found: json_type(v),
        };
        // The text is taken out first (and checked first): it is the one
        // required field, and moving it avoids copying a large body.
        let text = match map.remove(&f.text) {
            Some(Value::String(text)) => text,
            None => {
                return Err(InputError::MissingField {
                    origin: origin.clone(),
                    field: f.text.clone(),
                })
            }
            Some(v) => return Err(wrong(&f.text, "a string", &v)),
        };
        let id = match map.get(&f.id) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => non_empty(s),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(v) => return Err(wrong(&f.id, "a string or a number", v)),
        };
        let optional = |name: &str| match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(non_empty(s)),
            Some(v) => Err(wrong(name, "a string", v)),
        };
        let title = optional(&f.title)?;
        let date = optional(&f.date)?;
        let source = optional(&f.source)?;
        let url = optional(&f.url)?;
        if decode::is_blank(&text) {
            return Err(InputError::Empty {
                origin: origin.clone(),
            });
        }
        let id =
            id.unwrap_or_else(|| format!("{}:{}", file_stem(origin), origin.line.unwrap_or(0)));
        Ok(Article {
            id,
            title,
            date,
            source,
            url,
            text,
            origin: origin.clone(),
        })
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// A whole decoded jsonl document (used for UTF-16 files and
/// [`read_bytes`](super::read_bytes)): every line in turn.
impl ArticleReader for JsonlReader {
    fn read(&self, text: String, origin: &Origin, out: &mut dyn FnMut(InputEvent)) {
        let mut stream = JsonlStream::new(
            Box::new(Cursor::new(text.into_bytes())),
            origin.clone(),
            self.clone(),
        );
        let mut events = VecDeque::new();
        while stream.next_into(&mut events) {
            events.drain(..).for_each(&mut *out);
        }
        events.drain(..).for_each(out);
    }
}

/// Line-by-line reading of one jsonl file or stdin.
pub struct JsonlStream {
    reader: Box<dyn BufRead + Send>,
    /// The file; its `line` is unset.
    origin: Origin,
    parser: JsonlReader,
    buf: Vec<u8>,
    line: usize,
    started: bool,
    saw_content: bool,
    done: bool,
}

impl JsonlStream {
    pub fn new(reader: Box<dyn BufRead + Send>, origin: Origin, parser: JsonlReader) -> Self {
        JsonlStream {
            reader,
            origin,
            parser,
            buf: Vec::new(),
            line: 0,
            started: false,
            saw_content: false,
            done: false,
        }
    }

    /// Reads until at least one event is pushed or the input ends; returns
    /// `false` once the stream is finished (it may still have pushed events).
    pub fn next_into(&mut self, events: &mut VecDeque<InputEvent>) -> bool {
        if self.done {
            return false;
        }
        if !self.started {
            self.started = true;
            if let Err(skip) = self.sniff(events) {
                events.push_back(InputEvent::Skipped(skip));
                self.done = true;
                return false;
            }
        }
        let before = events.len();
        while events.len() == before {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    if !self.saw_content {
                        events.push_back(InputEvent::Skipped(InputError::Empty {
                            origin: self.origin.clone(),
                        }));
                    }
                    return false;
                }
                Ok(_) => {}
                Err(source) => {
                    self.done = true;
                    events.push_back(InputEvent::Skipped(InputError::Read {
                        origin: self.line_origin(self.line + 1),
                        source,
                    }));
                    return false;
                }
            }
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.saw_content = true;
            let origin = self.line_origin(self.line);
            self.parser
                .read_line(&self.buf, &origin, &mut |e| events.push_back(e));
        }
        true
    }

    fn line_origin(&self, line: usize) -> Origin {
        Origin {
            path: self.origin.path.clone(),
            line: Some(line),
        }
    }

    /// Looks at the first buffered bytes: a UTF-16 byte order mark switches
    /// to decoding the whole input; NUL bytes or control junk skip it as
    /// binary; a UTF-8 byte order mark is stepped over.
    fn sniff(&mut self, events: &mut VecDeque<InputEvent>) -> Result<(), InputError> {
        let read_err = |source| InputError::Read {
            origin: self.origin.clone(),
            source,
        };
        let head = self.reader.fill_buf().map_err(read_err)?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            let mut bytes = Vec::new();
            self.reader
                .read_to_end(&mut bytes)
                .map_err(|source| InputError::Read {
                    origin: self.origin.clone(),
                    source,
                })?;
            if let Some((text, encoding, replaced)) = decode::decode_utf16_bom(&bytes) {
                events.push_back(InputEvent::Warning(InputError::Utf16 {
                    origin: self.origin.clone(),
                    encoding,
                    replaced,
                }));
                self.reader = Box::new(Cursor::new(text.into_bytes()));
            }
            return Ok(());
        }
        if decode::looks_binary(&head[..head.len().min(SNIFF_LEN)]) {
            return Err(InputError::Binary {
                origin: self.origin.clone(),
            });
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            self.reader.consume(3);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin {
            path: Some(PathBuf::from("in/news.jsonl")),
            line: None,
        }
    }

    fn run_with(bytes: &[u8], fields: JsonlFields) -> Vec<InputEvent> {
        let mut stream = JsonlStream::new(
            Box::new(Cursor::new(bytes.to_vec())),
            origin(),
            JsonlReader::new(fields),
        );
        let mut events = VecDeque::new();
        while stream.next_into(&mut events) {}
        events.into()
    }

    fn run(bytes: &[u8]) -> Vec<InputEvent> {
        run_with(bytes, JsonlFields::default())
    }

    fn article(e: &InputEvent) -> &Article {
        match e {
            InputEvent::Article(a) => a,
            other => panic!("expected an article, got {other:?}"),
        }
    }

    fn skipped(e: &InputEvent) -> String {
        match e {
            InputEvent::Skipped(err) => err.to_string(),
            other => panic!("expected a skip, got {other:?}"),
        }
    }

    #[test]
    fn reads_all_fields_and_numbers_lines() {
        let data = concat!(
            r#"{"id":"a1","title":"T","date":"2024-05-16","source":"Wire","url":"https://x/1","text":"He said “hi.”\r\nBye."}"#,
            "\n\n   \n",
            r#"{"id":42,"text":"Second."}"#,
            "\n",
            r#"{"text":"Third.","extra":[1,2]}"#,
        );
        let ev = run(data.as_bytes());
        assert_eq!(ev.len(), 3);
        let a = article(&ev[0]);
        assert_eq!(a.id, "a1");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://x/1"));
        assert_eq!(a.text, "He said “hi.”\r\nBye.");
        assert_eq!(a.origin.line, Some(1));
        assert_eq!(article(&ev[1]).id, "42");
        assert_eq!(article(&ev[1]).origin.line, Some(4));
        assert_eq!(article(&ev[2]).id, "news:5");
        assert_eq!(article(&ev[2]).title, None);
    }

    #[test]
    fn configurable_field_names() {
        let fields = JsonlFields {
            id: "doc".into(),
            title: "headline".into(),
            text: "body".into(),
            ..JsonlFields::default()
        };
        let ev = run_with(
            br#"{"doc":"d","headline":"H","body":"B.","text":5}"#,
            fields.clone(),
        );
        let a = article(&ev[0]);
        assert_eq!(
            (a.id.as_str(), a.title.as_deref(), a.text.as_str()),
            ("d", Some("H"), "B.")
        );
        let ev = run_with(br#"{"text":"B."}"#, fields);
        assert_eq!(
            skipped(&ev[0]),
            "in/news.jsonl:1: skipped: missing field `body`"
        );
    }

    #[test]
    fn bad_lines_are_skipped_with_file_line_and_field() {
        let data = concat!(
            "{\"text\": \"ok\"}\n",
            "{\"text\": \"unterminated\n",
            "{\"id\": \"x\"}\n",
            "{\"text\": 5}\n",
            "{\"text\": \"t\", \"title\": [\"a\"]}\n",
            "{\"text\": \"t\", \"id\": true}\n",
            "[1, 2]\n",
            "{\"text\": \"  \"}\n",
            "{\"text\": \"t\", \"date\": null, \"title\": \"\"}\n",
        );
        let ev = run(data.as_bytes());
        assert_eq!(ev.len(), 9);
        assert_eq!(article(&ev[0]).text, "ok");
        let msg = skipped(&ev[1]);
        assert!(
            msg.starts_with("in/news.jsonl:2: skipped: malformed JSON: "),
            "{msg}"
        );
        assert_eq!(
            skipped(&ev[2]),
            "in/news.jsonl:3: skipped: missing field `text`"
        );
        assert_eq!(
            skipped(&ev[3]),
            "in/news.jsonl:4: skipped: field `text` must be a string, found a number"
        );
        assert_eq!(
            skipped(&ev[4]),
            "in/news.jsonl:5: skipped: field `title` must be a string, found an array"
        );
        assert_eq!(
            skipped(&ev[5]),
            "in/news.jsonl:6: skipped: field `id` must be a string or a number, found a boolean"
        );
        assert_eq!(
            skipped(&ev[6]),
            "in/news.jsonl:7: skipped: expected a JSON object, found an array"
        );
        assert_eq!(skipped(&ev[7]), "in/news.jsonl:8: skipped: empty");
        let a = article(&ev[8]);
        assert_eq!((a.date.as_ref(), a.title.as_ref()), (None, None));
        let reasons: Vec<_> = ev[1..8]
            .iter()
            .map(|e| match e {
                InputEvent::Skipped(err) => err.reason(),
                _ => "",
            })
            .collect();
        assert_eq!(
            reasons,
            [
                "malformed json",
                "missing field",
                "wrong type",
                "wrong type",
                "wrong type",
                "malformed json",
                "empty"
            ]
        );
    }

    #[test]
    fn invalid_utf8_in_a_line_warns_and_keeps_the_article() {
        let ev = run(b"{\"text\": \"caf\xE9\"}\n");
        match &ev[0] {
            InputEvent::Warning(w) => assert_eq!(
                w.to_string(),
                "in/news.jsonl:1: warning: invalid UTF-8, 1 byte sequence(s) replaced with U+FFFD"
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(article(&ev[1]).text, "caf\u{fffd}");
    }

    #[test]
    fn empty_binary_bom_and_utf16_files() {
        let ev = run(b"");
        assert_eq!(skipped(&ev[0]), "in/news.jsonl: skipped: empty");
        let ev = run(b"\n  \r\n\n");
        assert_eq!(skipped(&ev[0]), "in/news.jsonl: skipped: empty");
        let ev = run(b"{\"text\":\x00\x01}");
        assert!(skipped(&ev[0]).starts_with("in/news.jsonl: skipped: binary"));
        let ev = run(b"\xEF\xBB\xBF{\"text\":\"bom\"}\r\n");
        assert_eq!(article(&ev[0]).text, "bom");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "{\"text\":\"wide “q”\"}\n{\"text\":\"two\"}".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let ev = run(&utf16);
        assert!(matches!(
            &ev[0],
            InputEvent::Warning(InputError::Utf16 { .. })
        ));
        assert_eq!(article(&ev[1]).text, "wide “q”");
        assert_eq!(article(&ev[2]).origin.line, Some(2));
    }

    #[test]
    fn stdin_origin_and_default_id() {
        let mut stream = JsonlStream::new(
            Box::new(Cursor::new(b"{\"text\":\"x\"}\n{\"text\":1}".to_vec())),
            Origin::default(),
            JsonlReader::default(),
        );
        let mut ev = VecDeque::new();
        while stream.next_into(&mut ev) {}
        assert_eq!(article(&ev[0]).id, "stdin:1");
        assert_eq!(
            skipped(&ev[1]),
            "<stdin>:2: skipped: field `text` must be a string, found a number"
        );
    }

    #[test]
    fn huge_single_line_is_linear() {
        let body = "word “quoted” ".repeat(50 << 20 >> 4);
        let line = serde_json::json!({ "id": "big", "text": body }).to_string();
        let start = std::time::Instant::now();
        let ev = run(line.as_bytes());
        assert_eq!(article(&ev[0]).text.len(), body.len());
        assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    }

    #[test]
    fn yields_one_line_at_a_time() {
        let mut stream = JsonlStream::new(
            Box::new(Cursor::new(
                b"{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n".to_vec(),
            )),
            origin(),
            JsonlReader::default(),
        );
        let mut ev = VecDeque::new();
        assert!(stream.next_into(&mut ev));
        assert_eq!(ev.len(), 1);
        assert!(stream.next_into(&mut ev));
        assert_eq!(ev.len(), 2);
        assert!(!stream.next_into(&mut ev));
        assert_eq!(ev.len(), 2);
    }
}
