//! HTML articles (`.html`, `.htm`).
//!
//! Parsed with `scraper` (html5ever, the browsers' parsing algorithm, so tag
//! soup and entities are handled as a browser would). Metadata comes from the
//! head: title from `og:title`, else `<title>`, else the first `<h1>`; date
//! from `article:published_time` and its common aliases, else the first
//! `<time datetime>`; source from `og:site_name`; url from the canonical
//! link, else `og:url`.
//!
//! **Offsets for HTML articles refer to the extracted text**, not to the
//! markup: [`Article::text`](crate::types::Article::text) is the readable
//! text of the first `<article>` (else `<main>`, else `<body>`) with scripts,
//! styles, navigation, headers, footers, asides, forms, figure captions and
//! hidden elements left out. Block elements (`p`, `h1`–`h6`, `li`,
//! `blockquote`, `div`, `br`, ...) become paragraph breaks (`"\n\n"`), runs of
//! whitespace inside inline text collapse to one space, so the segmenter
//! sees the same paragraphs a reader does.
//!
//! Every walk over the tree is iterative (explicit sibling/parent steps, or
//! ego-tree's own iterators), so a document nested a hundred thousand levels
//! deep cannot overflow the stack.

use super::decode::is_blank;
use super::error::InputError;
use super::txt::file_stem;
use super::{ArticleReader, InputEvent};
use crate::types::{Article, Origin};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Reads `.html` and `.htm` files.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlReader;

impl ArticleReader for HtmlReader {
    fn read(&self, text: String, origin: &Origin, out: &mut dyn FnMut(InputEvent)) {
        let doc = Html::parse_document(&text);
        drop(text);
        let meta = Meta::collect(&doc);
        let body = meta
            .roots
            .iter()
            .flatten()
            .map(|root| extract_text(*root))
            .find(|t| !is_blank(t))
            .or_else(|| Some(extract_text(doc.root_element())).filter(|t| !is_blank(t)));
        let Some(body) = body else {
            out(InputEvent::Skipped(InputError::NoText {
                origin: origin.clone(),
            }));
            return;
        };
        out(InputEvent::Article(Article {
            id: file_stem(origin),
            title: meta.og_title.or(meta.title).or(meta.h1),
            date: meta.date.map(|(_, d)| d),
            source: meta.site_name,
            url: meta.canonical.or(meta.og_url),
            text: body,
            origin: origin.clone(),
        }));
    }
}

/// What one pass over the whole document finds.
#[derive(Default)]
struct Meta<'d> {
    og_title: Option<String>,
    title: Option<String>,
    h1: Option<String>,
    /// The best date so far with its rank (lower is better).
    date: Option<(u8, String)>,
    site_name: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    /// The first `<article>`, `<main>` and `<body>`, in that preference.
    roots: [Option<ElementRef<'d>>; 3],
}

impl<'d> Meta<'d> {
    fn collect(doc: &'d Html) -> Meta<'d> {
        let mut m = Meta::default();
        for node in doc.tree.root().descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            match el.name() {
                "title" if m.title.is_none() => {
                    m.title = ElementRef::wrap(node).and_then(|e| collapsed_text(e));
                }
                "h1" if m.h1.is_none() => {
                    m.h1 = ElementRef::wrap(node).and_then(|e| collapsed_text(e));
                }
                "meta" => m.meta(el),
                "link" if m.canonical.is_none() => {
                    let canonical = el
                        .attr("rel")
                        .is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")));
                    if canonical {
                        m.canonical = el.attr("href").and_then(clean);
                    }
                }
                "time" => {
                    if let Some(d) = el.attr("datetime").and_then(clean) {
                        m.offer_date(9, d);
                    }
                }
                "article" if m.roots[0].is_none() => m.roots[0] = ElementRef::wrap(node),
                "main" if m.roots[1].is_none() => m.roots[1] = ElementRef::wrap(node),
                "body" if m.roots[2].is_none() => m.roots[2] = ElementRef::wrap(node),
                _ => {}
            }
        }
        m
    }

    fn meta(&mut self, el: &Element) {
        let Some(key) = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop")) else {
            return;
        };
        let Some(content) = el.attr("content").and_then(clean) else {
            return;
        };
        let key = key.trim().to_ascii_lowercase();
        let date_rank = match key.as_str() {
            "article:published_time" => Some(0),
            "og:published_time" | "datepublished" | "article:published" => Some(1),
            "date" | "pubdate" | "publishdate" | "publish-date" | "dc.date" | "dc.date.issued"
            | "dcterms.date" | "dcterms.created" | "sailthru.date" | "parsely-pub-date" => Some(2),
            "og:updated_time" | "article:modified_time" | "datemodified" => Some(5),
            _ => None,
        };
        if let Some(rank) = date_rank {
            self.offer_date(rank, content);
            return;
        }
        let slot = match key.as_str() {
            "og:title" | "twitter:title" => &mut self.og_title,
            "og:site_name" => &mut self.site_name,
            "og:url" => &mut self.og_url,
            _ => return,
        };
        slot.get_or_insert(content);
    }

    fn offer_date(&mut self, rank: u8, date: String) {
        if self.date.as_ref().is_none_or(|(r, _)| rank < *r) {
            self.date = Some((rank, date));
        }
    }
}

/// An attribute value trimmed, or `None` when blank.
fn clean(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// All text below `el`, whitespace collapsed (for titles).
fn collapsed_text(el: ElementRef<'_>) -> Option<String> {
    let mut out = String::new();
    for t in el.text() {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Elements whose content is never article text.
fn is_skipped(el: &Element) -> bool {
    matches!(
        el.name(),
        "script" | "style" | "noscript" | "template" | "head" | "title" | "svg" | "math"
            | "iframe" | "object" | "embed" | "canvas" | "nav" | "header" | "footer" | "aside"
            | "form" | "button" | "select" | "textarea" | "figcaption" | "dialog"
    ) || el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Elements that start a new paragraph in the extracted text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote" | "h1" | "h2"
            | "h3" | "h4" | "h5" | "h6" | "hr" | "pre" | "section" | "article" | "main" | "body"
            | "table" | "tr" | "caption" | "figure" | "address" | "details" | "summary"
            | "fieldset" | "center" | "nav" | "header" | "footer" | "aside" | "form"
    )
}

/// Accumulates text with collapsed spaces and pending paragraph breaks.
#[derive(Default)]
struct TextBuilder {
    out: String,
    space: bool,
    para: bool,
}

impl TextBuilder {
    fn text(&mut self, t: &str) {
        if t.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for (i, word) in t.split_whitespace().enumerate() {
            if i > 0 {
                self.space = true;
            }
            if !self.out.is_empty() {
                if self.para {
                    self.out.push_str("\n\n");
                } else if self.space {
                    self.out.push(' ');
                }
            }
            self.para = false;
            self.space = false;
            self.out.push_str(word);
        }
        if t.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn paragraph(&mut self) {
        self.para = true;
    }

    fn space(&mut self) {
        self.space = true;
    }
}

/// The readable text below `root`, by an iterative depth-first walk that
/// prunes skipped subtrees.
fn extract_text(root: ElementRef<'_>) -> String {
    let mut b = TextBuilder::default();
    let start = *root;
    let mut node = start;
    'walk: loop {
        // Entering `node`.
        let mut descend = true;
        match node.value() {
            Node::Text(t) => b.text(t),
            Node::Element(el) if is_skipped(el) => {
                descend = false;
                if is_block(el.name()) {
                    b.paragraph();
                }
            }
            Node::Element(el) if is_block(el.name()) => b.paragraph(),
            Node::Element(el) if matches!(el.name(), "td" | "th") => b.space(),
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leaving `node`, and every ancestor whose last child it was.
        loop {
            if let Node::Element(el) = node.value() {
                if is_block(el.name()) {
                    b.paragraph();
                }
            }
            if node.id() == start.id() {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    b.out
}
