//! report.html: one self-contained page for people who would rather look
//! than read CSV: the side table, the comparison sentences, the chart (inline
//! SVG) and a sortable table of quotes.
//!
//! Quote text, speakers, titles and sources come from untrusted articles, so
//! every one goes through [`escape`]; the page loads nothing from outside and
//! its only script sorts the table. The quote table is capped
//! ([`HtmlReport::max_quotes`]) so a million-quote run still gives a page a
//! browser can open; quotes.csv has them all.

use super::chart::render_svg;
use super::table::comparison_sentence;
use super::{ReportError, ReportInput, ReportOptions, Reporter};
use crate::aggregate::side_of;
use crate::record::QuoteRecord;
use std::fmt::Write as _;
use std::io::Write;

/// Escapes text for HTML element content and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// report.html.
#[derive(Debug, Clone, Copy)]
pub struct HtmlReport {
    /// Most quotes shown in the table.
    pub max_quotes: usize,
}

impl Default for HtmlReport {
    fn default() -> Self {
        HtmlReport { max_quotes: 5000 }
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}\
th{background:#f3f3f3;cursor:pointer;user-select:none}td.n{text-align:right;font-variant-numeric:tabular-nums}\
td.q{max-width:40em}.muted{color:#777}";

const SCRIPT: &str = "document.querySelectorAll('table.sortable th').forEach(function(th,i){\
th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0],\
rows=Array.from(b.rows),asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';\
rows.sort(function(x,y){var a=x.cells[i].dataset.v!==undefined?x.cells[i].dataset.v:x.cells[i].textContent,\
c=y.cells[i].dataset.v!==undefined?y.cells[i].dataset.v:y.cells[i].textContent,\
na=parseFloat(a),nc=parseFloat(c),r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?r:-r;});\
rows.forEach(function(r){b.appendChild(r);});});});";

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into())
}

impl HtmlReport {
    /// The whole page.
    pub fn render(&self, input: &ReportInput<'_>) -> Result<String, ReportError> {
        let agg = input.aggregates;
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>quotesent report</title><style>{STYLE}</style></head><body>\n\
<h1>quotesent report</h1>\n<p>{} quotes ({} scored) in {} articles from {} speakers.</p>\n",
            agg.n_quotes, agg.n_scored, agg.n_articles, agg.n_speakers
        );
        h.push_str("<h2>Sides</h2>\n<table class=\"sortable\" id=\"sides\"><thead><tr>");
        for c in [
            "side", "quotes", "scored", "speakers", "articles", "mean", "95% CI", "sd",
        ] {
            let _ = write!(h, "<th>{c}</th>");
        }
        h.push_str("</tr></thead><tbody>\n");
        for s in &agg.sides {
            let ci = match (s.ci_low, s.ci_high) {
                (Some(l), Some(hi)) => format!("{l:.2} – {hi:.2}"),
                _ => "–".into(),
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(&s.side),
                s.n_quotes,
                s.n_scored,
                s.n_speakers,
                s.n_articles,
                num(s.mean),
                ci,
                num(s.sd)
            );
        }
        h.push_str("</tbody></table>\n<ul id=\"comparisons\">\n");
        for c in &agg.comparisons {
            let _ = writeln!(h, "<li>{}</li>", escape(&comparison_sentence(c)));
        }
        h.push_str("</ul>\n<h2>Chart</h2>\n<div id=\"chart\">");
        h.push_str(&render_svg(agg)?);
        h.push_str("</div>\n<h2>Quotes</h2>\n");
        let mut rows: Vec<&QuoteRecord> = input.records.iter().collect();
        rows.sort_by(|a, b| {
            (&a.article_id, a.start, &a.quote_id).cmp(&(&b.article_id, b.start, &b.quote_id))
        });
        if rows.len() > self.max_quotes {
            let _ = writeln!(
                h,
                "<p class=\"muted\">Showing the first {} of {} quotes; quotes.csv has them all.</p>",
                self.max_quotes,
                rows.len()
            );
            rows.truncate(self.max_quotes);
        }
        h.push_str("<table class=\"sortable\" id=\"quotes\"><thead><tr>");
        for c in [
            "article", "date", "speaker", "side", "evidence", "kind", "optimism", "label", "quote",
        ] {
            let _ = write!(h, "<th>{c}</th>");
        }
        h.push_str("</tr></thead><tbody>\n");
        for r in rows {
            let opt = r.optimism.filter(|x| x.is_finite());
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td>\
<td class=\"n\" data-v=\"{}\">{}</td><td>{}</td><td class=\"q\">{}</td></tr>",
                escape(&r.article_id),
                escape(&r.article_date),
                escape(&r.title),
                escape(&r.speaker),
                escape(side_of(r)),
                escape(&r.side_evidence),
                escape(&r.kind),
                opt.map(|x| x.to_string()).unwrap_or_default(),
                opt.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into()),
                escape(&r.label),
                escape(&r.text)
            );
        }
        let _ = write!(
            h,
            "</tbody></table>\n<script>{SCRIPT}</script>\n</body></html>\n"
        );
        Ok(h)
    }
}

impl Reporter for HtmlReport {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn write(
        &self,
        input: &ReportInput<'_>,
        _opts: &ReportOptions,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let page = self.render(input)?;
        out.write_all(page.as_bytes())
            .map_err(|source| ReportError::Io {
                what: "report.html",
                source,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::tests::rec;
    use crate::aggregate::{aggregate, AggregateOptions};

    #[test]
    fn untrusted_text_stays_text() {
        let mut r = rec("a<1>", 1, "Ukraine", "X", Some(0.5), "2025-05-16");
        r.text = "<script>alert(1)</script>".into();
        r.speaker = "\"><img src=x onerror=alert(1)>".into();
        r.title = "' onmouseover='alert(1)".into();
        let records = vec![r];
        let agg = aggregate(&records, &AggregateOptions::default());
        let page = HtmlReport::default()
            .render(&ReportInput {
                records: &records,
                aggregates: &agg,
            })
            .unwrap();
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains("title=\"&#39; onmouseover=&#39;alert(1)\""));
        assert!(!page.contains("<img"));
        assert_eq!(page.matches("<script>").count(), 1, "only our sorter");
        assert!(page.contains("a&lt;1&gt;"));
        assert!(page.contains("<svg"));
        for load in ["src=\"http", "href=\"http", "<link", "@import"] {
            assert!(!page.contains(load), "self-contained: {load}");
        }
    }

    #[test]
    fn quote_table_is_capped() {
        let records: Vec<_> = (0..10)
            .map(|i| rec("a", i, "Russia", "Y", Some(0.1), ""))
            .collect();
        let agg = aggregate(&records, &AggregateOptions::default());
        let page = HtmlReport { max_quotes: 3 }
            .render(&ReportInput {
                records: &records,
                aggregates: &agg,
            })
            .unwrap();
        assert!(page.contains("first 3 of 10 quotes"));
        assert_eq!(page.matches("<td class=\"q\">").count(), 3);
    }
}
