//! Plain-text articles, and the header rules that Markdown shares.
//!
//! A `.txt` file is one article whose text is the whole file exactly as read:
//! headers are *recognised*, never cut off, so every span downstream is a
//! byte offset into the file. What is recognised, in order:
//!
//! 1. front matter: a first line `---`, then `key: value` lines (`title`,
//!    `date`, `source`, `url`; a few synonyms), closed by `---` or `...`
//!    within [`FRONT_MATTER_MAX_LINES`] lines;
//! 2. a date line: a first line that is only an ISO date (`2024-05-16`,
//!    optionally labelled `Date:`), after which the next line may be the title;
//! 3. a title line: the first non-empty line when it looks like a headline:
//!    at most [`TITLE_MAX_CHARS`] characters, followed by a blank line, and
//!    not ending like a sentence (`.`, `,`, `;`, `:` or a closing quote
//!    mark after punctuation: `... he said.”` is a lede, not a headline).
//!    An ISO date inside it becomes the article's date and is cut from the
//!    title.
//!
//! Only a bounded number of lines is examined, so a 50 MB single-line file
//! costs one scan for its first newline.

use super::decode::BOM;
use super::{ArticleReader, InputEvent};
use crate::types::{Article, Origin};

/// The longest line, in characters, that can be a title.
pub const TITLE_MAX_CHARS: usize = 200;

/// Front matter must close within this many lines or it is not front matter.
pub const FRONT_MATTER_MAX_LINES: usize = 100;

/// Reads `.txt` files (and any explicitly named file of unknown type).
#[derive(Debug, Clone, Copy, Default)]
pub struct TextReader;

impl ArticleReader for TextReader {
    fn read(&self, text: String, origin: &Origin, out: &mut dyn FnMut(InputEvent)) {
        let header = Header::parse(&text, false);
        out(InputEvent::Article(header.into_article(text, origin)));
    }
}

/// What a document's head says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Header {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

impl Header {
    /// Recognises front matter, a date line and a title line (with a
    /// Markdown `#` heading or `===` underline when `markdown`).
    pub(crate) fn parse(text: &str, markdown: bool) -> Header {
        let mut header = Header::default();
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let body = header.front_matter(text).unwrap_or(text);
        header.title_lines(body, markdown);
        header
    }

    pub(crate) fn into_article(self, text: String, origin: &Origin) -> Article {
        Article {
            id: file_stem(origin),
            title: self.title,
            date: self.date,
            source: self.source,
            url: self.url,
            text,
            origin: origin.clone(),
        }
    }

    /// Parses `---` front matter; returns the text after it, or `None` when
    /// the text does not open with a closed front-matter block.
    fn front_matter<'t>(&mut self, text: &'t str) -> Option<&'t str> {
        let mut lines = text.split_inclusive('\n');
        if lines.next()?.trim_end() != "---" {
            return None;
        }
        let mut fields = Header::default();
        for line in lines.take(FRONT_MATTER_MAX_LINES) {
            let trimmed = line.trim_end();
            if trimmed == "---" || trimmed == "..." {
                *self = fields;
                // `line` is a subslice of `text`; find where it ends.
                let end = line.as_ptr() as usize - text.as_ptr() as usize + line.len();
                return Some(&text[end..]);
            }
            let Some((key, value)) = trimmed.split_once(':') else {
                continue;
            };
            let value = unquote(value.trim());
            if value.is_empty() {
                continue;
            }
            let slot = match key.trim().to_ascii_lowercase().as_str() {
                "title" | "headline" => &mut fields.title,
                "date" | "published" | "pubdate" | "published_at" => &mut fields.date,
                "source" | "publisher" | "site" | "outlet" => &mut fields.source,
                "url" | "link" | "canonical" => &mut fields.url,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.to_string());
            }
        }
        None
    }

    /// Looks at the first non-empty lines for a date line and a title.
    fn title_lines(&mut self, body: &str, markdown: bool) {
        let mut lines = body.split('\n').map(|l| l.trim_end_matches('\r'));
        let mut first = None;
        for line in lines.by_ref() {
            if !line.trim().is_empty() {
                first = Some(line);
                break;
            }
        }
        let Some(mut line) = first else { return };
        // A line that is only a date: take it, and look for the title next.
        if line.chars().count() <= TITLE_MAX_CHARS {
            if let Some((date, rest)) = split_date(line) {
                if is_date_label(&rest) {
                    self.date.get_or_insert_with(|| date.to_string());
                    match lines.next() {
                        Some(next) if !next.trim().is_empty() => line = next,
                        _ => return,
                    }
                }
            }
        }
        let next = lines.next();
        let Some(candidate) = title_of(line, next, markdown) else {
            return;
        };
        let mut title = candidate.to_string();
        if let Some((date, rest)) = split_date(candidate) {
            self.date.get_or_insert_with(|| date.to_string());
            title = rest.to_string();
        }
        if self.title.is_none() && title.chars().any(char::is_alphanumeric) {
            self.title = Some(title);
        }
    }
}

/// The title in `line` when it looks like one, given the line after it.
fn title_of<'t>(line: &'t str, next: Option<&str>, markdown: bool) -> Option<&'t str> {
    let trimmed = line.trim();
    if trimmed.chars().count() > TITLE_MAX_CHARS {
        return None;
    }
    if markdown {
        if let Some(heading) = atx_heading(trimmed) {
            return Some(heading);
        }
        if next.is_some_and(|n| {
            let n = n.trim();
            !n.is_empty() && n.chars().all(|c| c == '=')
        }) {
            return Some(trimmed);
        }
    }
    let followed_by_blank = next.is_some_and(|n| n.trim().is_empty());
    (followed_by_blank && !ends_like_sentence(trimmed)).then_some(trimmed)
}

/// The text of a level-1 ATX heading (`# Title`, `# Title #`).
fn atx_heading(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('#')?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    // A closing sequence only counts after a space (`# C#` keeps its `#`).
    let rest = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        rest
    };
    (!rest.is_empty()).then_some(rest)
}

/// Headlines do not end with a full stop or a clause break, nor with a quote
/// closed after punctuation (`..., he said.”` / `“We won.”`).
fn ends_like_sentence(line: &str) -> bool {
    const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '“'];
    let mut rev = line.chars().rev();
    match rev.next() {
        Some('.' | ',' | ';' | ':') => true,
        Some(c) if CLOSERS.contains(&c) => matches!(rev.next(), Some('.' | ',' | '!' | '?')),
        _ => false,
    }
}

/// Finds an ISO date `YYYY-MM-DD` (not inside a longer number) and returns
/// it with the rest of the line, the date and the separators around it cut.
fn split_date(line: &str) -> Option<(&str, String)> {
    let b = line.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let start = (0..b.len().saturating_sub(9)).find(|&i| {
        let shape = (0..10).all(|k| {
            if k == 4 || k == 7 {
                b[i + k] == b'-'
            } else {
                digit(i + k)
            }
        });
        if !shape || (i > 0 && digit(i - 1)) || digit(i + 10) {
            return false;
        }
        let month = (b[i + 5] - b'0') * 10 + (b[i + 6] - b'0');
        let day = (b[i + 8] - b'0') * 10 + (b[i + 9] - b'0');
        (1..=12).contains(&month) && (1..=31).contains(&day)
    })?;
    let date = &line[start..start + 10];
    // Keep a time of day glued to the date (`2024-05-16T10:00Z`) out of the title.
    let mut end = start + 10;
    if b.get(end) == Some(&b'T') {
        end += line[end..]
            .find(char::is_whitespace)
            .unwrap_or(line.len() - end);
    }
    const SEPARATORS: &[char] = &['-', '–', '—', '|', ',', ':', '(', ')', '[', ']', '·', '/'];
    let is_sep = |c: char| c.is_whitespace() || SEPARATORS.contains(&c);
    let before = line[..start].trim_end_matches(is_sep);
    let after = line[end..].trim_start_matches(is_sep);
    let rest = match (before.is_empty(), after.is_empty()) {
        (true, _) => after.trim_end_matches(is_sep).to_string(),
        (false, true) => before.trim_start_matches(is_sep).to_string(),
        (false, false) => format!("{} {}", before.trim_start(), after.trim_end()),
    };
    Some((date, rest))
}

/// True when what is left of a line beside its date is only a label.
fn is_date_label(rest: &str) -> bool {
    matches!(
        rest.trim().to_ascii_lowercase().as_str(),
        "" | "date" | "dated" | "published" | "updated" | "posted"
    )
}

/// Strips one pair of matching YAML quotes.
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// The article id of a whole-file article: the file stem (`stdin` for stdin).
pub(crate) fn file_stem(origin: &Origin) -> String {
    origin
        .path
        .as_deref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(text: &str) -> Article {
        let origin = Origin {
            path: Some(PathBuf::from("news/talks.txt")),
            line: None,
        };
        let mut got = Vec::new();
        TextReader.read(text.to_string(), &origin, &mut |e| got.push(e));
        assert_eq!(got.len(), 1);
        match got.pop() {
            Some(InputEvent::Article(a)) => a,
            other => panic!("expected an article, got {other:?}"),
        }
    }

    #[test]
    fn id_is_the_stem_and_text_is_the_whole_file() {
        let text = "Talks end in Istanbul\n\nDelegates met on Friday.\n";
        let a = read(text);
        assert_eq!(a.id, "talks");
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        assert_eq!(a.text, text);
        assert_eq!(a.origin.path, Some(PathBuf::from("news/talks.txt")));
        assert_eq!(a.date, None);
    }

    #[test]
    fn a_long_or_sentence_like_first_line_is_not_a_title() {
        let long = format!("{}\n\nMore.", "word ".repeat(60));
        assert_eq!(read(&long).title, None);
        assert_eq!(read("He said it was over.\n\nMore.").title, None);
        assert_eq!(read("“We won,” he said.\n\nMore.").title, None);
        assert_eq!(read("Kyslytsya: “A good end.”\n\nMore.").title, None);
        // Not followed by a blank line: the first line of a paragraph.
        assert_eq!(read("Talks end\nin Istanbul.\n").title, None);
        // A single line is the article, not its title.
        assert_eq!(read("Talks end in Istanbul").title, None);
        // Questions and exclamations are headlines.
        assert_eq!(
            read("Will the talks resume?\n\nMaybe.").title.as_deref(),
            Some("Will the talks resume?")
        );
        // A headline quoting someone without closing punctuation.
        assert_eq!(
            read("Kyslytsya: a “very good end”\n\nText.")
                .title
                .as_deref(),
            Some("Kyslytsya: a “very good end”")
        );
    }

    #[test]
    fn leading_blank_lines_bom_and_crlf_do_not_hide_the_title() {
        let text = "\u{feff}\r\n  Talks end in Istanbul  \r\n\r\nBody text.\r\n";
        let a = read(text);
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        assert_eq!(a.text, text, "BOM and CRLF are kept");
    }

    #[test]
    fn iso_date_in_the_title_line_is_taken_out() {
        let a = read("2024-05-16 — Talks end in Istanbul\n\nBody.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        let a = read("Talks end in Istanbul (2024-05-16)\n\nBody.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        let a = read("Talks, 2024-05-16T09:30Z, Istanbul\n\nBody.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title.as_deref(), Some("Talks Istanbul"));
    }

    #[test]
    fn a_date_line_then_a_title_line() {
        let a = read("Date: 2024-05-16\nTalks end in Istanbul\n\nBody.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        let a = read("2024-05-16\n\nBody paragraph that goes on.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title, None);
    }

    #[test]
    fn not_a_date() {
        for line in [
            "Order 12024-05-16 x",
            "2024-13-01 Talks",
            "2024-05-00 Talks",
            "2024-05-1 x",
        ] {
            let a = read(&format!("{line}\n\nBody."));
            assert_eq!(a.date, None, "{line}");
        }
        // A date in a long first line of prose is not a header.
        let prose = format!("On 2022-03-01 {}\n\nMore.", "talks went on ".repeat(20));
        assert_eq!(read(&prose).date, None);
    }

    #[test]
    fn front_matter_fills_fields_and_text_stays_whole() {
        let text = "---\ntitle: \"Talks: day one\"\ndate: 2024-05-16T10:00:00Z\nsource: Wire\nurl: https://example.org/a\nauthor: X\n---\nBody says “hello.”\n";
        let a = read(text);
        assert_eq!(a.title.as_deref(), Some("Talks: day one"));
        assert_eq!(a.date.as_deref(), Some("2024-05-16T10:00:00Z"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.text, text);
    }

    #[test]
    fn front_matter_without_title_takes_the_title_line() {
        let a = read("---\ndate: 2024-05-16\n---\n\nTalks end\n\nBody.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title.as_deref(), Some("Talks end"));
    }

    #[test]
    fn unclosed_front_matter_is_just_text() {
        let a = read("---\ntitle: x\n\nBody.");
        assert_eq!(a.title, None);
        assert_eq!(a.source, None);
    }

    #[test]
    fn stem_of_stdin_and_of_dotted_names() {
        assert_eq!(file_stem(&Origin::default()), "stdin");
        let o = Origin {
            path: Some(PathBuf::from("a/b.c.txt")),
            line: None,
        };
        assert_eq!(file_stem(&o), "b.c");
    }

    #[test]
    fn huge_single_line_is_linear() {
        let text = "x".repeat(50 << 20);
        let start = std::time::Instant::now();
        let a = read(&text);
        assert_eq!(a.text.len(), 50 << 20);
        assert_eq!(a.title, None);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}
