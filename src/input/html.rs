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
//! deep cannot overflow the stack. Deep nesting is also a *time* trap: the
//! HTML tree builder scans its stack of open elements on every start tag, so
//! `<div>` × n costs O(n²). Before parsing, one linear scan estimates the
//! nesting depth; only when it exceeds [`MAX_DEPTH`] are the tags beyond that
//! depth dropped (block tags become `<br>`, so paragraph breaks survive) and
//! their text kept. Ordinary pages never reach it and are parsed untouched.

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
        let doc = match flatten_deep_nesting(&text, MAX_DEPTH) {
            Some(flat) => Html::parse_document(&flat),
            None => Html::parse_document(&text),
        };
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

/// Tags nested deeper than this (by a cheap estimate) are dropped before
/// parsing; real pages stay far below it.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold children.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements often left unclosed, whose next sibling closes them implicitly:
/// they do not nest, so they do not count towards the depth.
fn closes_implicitly(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

/// Elements whose content is raw text up to their own end tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// Position of `needle` (ASCII, lowercase) in `hay` from `from`, ignoring case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let last = hay.len().checked_sub(needle.len())?;
    (from..=last).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// One lexical tag found by [`scan_tags`].
struct Tag<'h> {
    start: usize,
    end: usize,
    name: &'h str,
    closing: bool,
    nests: bool,
}

/// Walks the tags of `html` in one linear pass (comments, doctypes and raw
/// text skipped), calling `f` with each tag that opens or closes a nesting
/// element, or with `nests: false` for the rest.
fn scan_tags<'h>(html: &'h str, mut f: impl FnMut(Tag<'h>)) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        if b[lt..].starts_with(b"<!--") {
            i = find_ci(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            if matches!(b.get(i), Some(b'!' | b'?')) {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |e| i + e + 1);
            }
            continue;
        }
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        let mut end = b.len();
        for (k, &c) in b.iter().enumerate().skip(name_start + name_len) {
            match (quote, c) {
                (None, b'"' | b'\'') => quote = Some(c),
                (Some(q), _) if c == q => quote = None,
                (None, b'>') => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        let name = &html[name_start..name_start + name_len];
        let lower = name.to_ascii_lowercase();
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let nests = !(is_void(&lower) || closes_implicitly(&lower) || (self_closing && !closing));
        i = end;
        if !closing && is_raw_text(&lower) {
            let close = format!("</{lower}");
            i = find_ci(b, end, close.as_bytes()).unwrap_or(b.len());
            f(Tag {
                start: lt,
                end,
                name,
                closing,
                nests: false,
            });
            continue;
        }
        f(Tag {
            start: lt,
            end,
            name,
            closing,
            nests,
        });
    }
}

/// A copy of `html` with tags nested deeper than `limit` dropped, or `None`
/// when the document never gets that deep (the common case: no copy).
fn flatten_deep_nesting(html: &str, limit: usize) -> Option<String> {
    let (mut depth, mut max) = (0usize, 0usize);
    scan_tags(html, |t| {
        if t.nests {
            if t.closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
    });
    if max <= limit {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    depth = 0;
    scan_tags(html, |t| {
        if !t.nests {
            return;
        }
        if !t.closing {
            depth += 1;
        }
        if depth > limit {
            out.push_str(&html[copied..t.start]);
            if is_block(&t.name.to_ascii_lowercase()) {
                out.push_str("<br>");
            }
            copied = t.end;
        }
        if t.closing {
            depth = depth.saturating_sub(1);
        }
    });
    out.push_str(&html[copied..]);
    Some(out)
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
                    let canonical = el.attr("rel").is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|t| t.eq_ignore_ascii_case("canonical"))
                    });
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
        let Some(key) = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
        else {
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
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "figcaption"
            | "dialog"
    ) || el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Elements that start a new paragraph in the extracted text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "pre"
            | "section"
            | "article"
            | "main"
            | "body"
            | "table"
            | "tr"
            | "caption"
            | "figure"
            | "address"
            | "details"
            | "summary"
            | "fieldset"
            | "center"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin {
            path: Some(PathBuf::from("web/story.html")),
            line: None,
        }
    }

    fn events(html: &str) -> Vec<InputEvent> {
        let mut got = Vec::new();
        HtmlReader.read(html.to_string(), &origin(), &mut |e| got.push(e));
        got
    }

    fn read(html: &str) -> Article {
        match events(html).pop() {
            Some(InputEvent::Article(a)) => a,
            other => panic!("expected an article, got {other:?}"),
        }
    }

    const PAGE: &str = r#"<!doctype html>
<html><head>
  <title>Talks end | Example News</title>
  <meta property="og:title" content="Talks end in Istanbul">
  <meta property="og:site_name" content="Example News">
  <meta property="og:url" content="https://example.org/og">
  <link rel="alternate canonical" href="https://example.org/talks">
  <meta name="date" content="2024-05-15">
  <meta property="article:published_time" content="2024-05-16T10:00:00Z">
  <style>p { color: red }</style>
  <script>var x = "“not a quote”";</script>
</head><body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <header><h1>Site header</h1></header>
  <main>
    <article>
      <header><h1>Talks end in Istanbul</h1><p>By A. Writer</p></header>
      <p>Deputy Minister Serhiy Kyslytsya called it a
         <em>&ldquo;very good end</em> to a very difficult day.&rdquo;</p>
      <figure><img src="x.jpg"><figcaption>Delegates in Istanbul.</figcaption></figure>
      <blockquote>&quot;We will meet again,&quot; he said.</blockquote>
      <ul><li>One</li><li>Two&nbsp;items</li></ul>
      Line one<br>Line two
      <div hidden>Hidden text</div>
      <aside>Related: other story</aside>
      <form><input value="Subscribe"></form>
    </article>
    <p>Outside the article.</p>
  </main>
  <footer>Copyright</footer>
</body></html>"#;

    #[test]
    fn metadata_from_the_head() {
        let a = read(PAGE);
        assert_eq!(a.id, "story");
        assert_eq!(a.title.as_deref(), Some("Talks end in Istanbul"));
        assert_eq!(a.date.as_deref(), Some("2024-05-16T10:00:00Z"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/talks"));
    }

    #[test]
    fn text_of_the_article_with_paragraphs_and_no_furniture() {
        let a = read(PAGE);
        assert_eq!(
            a.text,
            "Deputy Minister Serhiy Kyslytsya called it a “very good end to a very difficult day.”\n\n\
             \"We will meet again,\" he said.\n\n\
             One\n\nTwo items\n\n\
             Line one\n\nLine two"
        );
    }

    #[test]
    fn fallbacks_main_then_body_and_title_then_h1() {
        let a = read("<html><head><title> Plain\n title </title></head><body><main><p>In main.</p></main><p>Out.</p></body></html>");
        assert_eq!(a.title.as_deref(), Some("Plain title"));
        assert_eq!(a.text, "In main.");
        let a = read("<body><h1>Head line</h1><p>Body <b>bold</b>text and <i>more</i> .</p><time datetime=\"2023-01-02\">Jan 2</time></body>");
        assert_eq!(a.title.as_deref(), Some("Head line"));
        assert_eq!(a.date.as_deref(), Some("2023-01-02"));
        assert_eq!(a.text, "Head line\n\nBody boldtext and more .\n\nJan 2");
        // An empty <article> falls back to the body.
        let a = read("<body><article><script>x</script></article><p>Real text.</p></body>");
        assert_eq!(a.text, "Real text.");
        // Tag soup without any structure still yields its text.
        assert_eq!(read("just &amp; text").text, "just & text");
    }

    #[test]
    fn table_cells_are_separated_by_spaces() {
        let a = read("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
        assert_eq!(a.text, "a b\n\nc");
    }

    #[test]
    fn no_text_is_skipped_as_empty() {
        let ev = events("<html><head><title>T</title><script>alert(1)</script></head><body><nav>menu</nav></body></html>");
        match &ev[..] {
            [InputEvent::Skipped(e)] => {
                assert_eq!(e.reason(), "empty");
                assert_eq!(
                    e.to_string(),
                    "web/story.html: skipped: empty (no article text in the HTML)"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn shallow_documents_are_not_rewritten() {
        assert_eq!(flatten_deep_nesting(PAGE, MAX_DEPTH), None);
        let unclosed = "<p>a".repeat(5000) + &"<li>b".repeat(5000) + &"<br><img src=x>".repeat(500);
        assert_eq!(flatten_deep_nesting(&unclosed, MAX_DEPTH), None);
    }

    #[test]
    fn deep_tags_are_dropped_but_text_and_breaks_kept() {
        let html =
            "<div><span><b>x</b></span><!-- <div><div> --><script>if (a<b) {}</script></div>";
        assert_eq!(flatten_deep_nesting(html, 3), None);
        let flat = flatten_deep_nesting(html, 1).unwrap();
        assert_eq!(
            flat,
            "<div>x<!-- <div><div> --><script>if (a<b) {}</script></div>"
        );
        let flat = flatten_deep_nesting("<div><div a='>'>t</div></div>", 1).unwrap();
        assert_eq!(flat, "<div><br>t<br></div>");
    }

    #[test]
    fn deeply_nested_html_does_not_overflow() {
        let depth = 100_000;
        let html = format!(
            "{}<p>deep “quote”</p>{}",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let a = read(&html);
        assert_eq!(a.text, "deep “quote”");
        let html = format!(
            "<body>{}text{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert_eq!(read(&html).text, "text");
    }
}
