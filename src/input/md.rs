//! Markdown articles (`.md`, `.markdown`).
//!
//! Read like plain text (see [`super::txt`]): the text is the whole file as
//! written, markup and all, so spans stay file offsets and quote marks inside
//! emphasis are still found. The only difference is the title: a leading
//! level-1 heading (`# Title`, or `Title` underlined with `===`) is a title
//! even without a blank line after it, and its `#` marks are not part of it.

use super::txt::Header;
use super::{ArticleReader, InputEvent};
use crate::types::Origin;

/// Reads `.md` and `.markdown` files.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownReader;

impl ArticleReader for MarkdownReader {
    fn read(&self, text: String, origin: &Origin, out: &mut dyn FnMut(InputEvent)) {
        let header = Header::parse(&text, true);
        out(InputEvent::Article(header.into_article(text, origin)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Article;
    use std::path::PathBuf;

    fn read(text: &str) -> Article {
        let origin = Origin {
            path: Some(PathBuf::from("posts/2024-talks.md")),
            line: None,
        };
        let mut got = Vec::new();
        MarkdownReader.read(text.to_string(), &origin, &mut |e| got.push(e));
        match got.pop() {
            Some(InputEvent::Article(a)) => a,
            other => panic!("expected an article, got {other:?}"),
        }
    }

    #[test]
    fn atx_heading_is_the_title_without_hashes() {
        let text = "# Talks end in Istanbul\nDelegates met on Friday.\n";
        let a = read(text);
        assert_eq!(a.id, "2024-talks");
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        assert_eq!(a.text, text);
        assert_eq!(
            read("#   Closed heading ##\n\nx").title.as_deref(),
            Some("Closed heading")
        );
        assert_eq!(
            read("# Learning C#\n\nx").title.as_deref(),
            Some("Learning C#")
        );
    }

    #[test]
    fn only_level_one_headings_and_real_headings() {
        assert_eq!(read("## Section\nText.").title, None);
        assert_eq!(read("#hashtag politics\nText.").title, None);
    }

    #[test]
    fn setext_heading_is_the_title() {
        let a = read("Talks end\n=========\n\nBody.");
        assert_eq!(a.title.as_deref(), Some("Talks end"));
    }

    #[test]
    fn heading_with_date_and_front_matter() {
        let a = read("# 2024-05-16: Talks end\n\nBody.");
        assert_eq!(a.date.as_deref(), Some("2024-05-16"));
        assert_eq!(a.title.as_deref(), Some("Talks end"));
        let a = read("\u{feff}---\ntitle: From front matter\nsource: 'Wire'\n---\n# Heading\n");
        assert_eq!(a.title.as_deref(), Some("From front matter"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
    }

    #[test]
    fn plain_first_line_follows_the_text_rules() {
        assert_eq!(
            read("Talks end\n\nBody.").title.as_deref(),
            Some("Talks end")
        );
        assert_eq!(read("He said so.\n\nBody.").title, None);
    }
}
