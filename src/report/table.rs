//! The terminal summary: an aligned table per side and one plain-words
//! sentence per comparison.
//!
//! This is what a user reads first, so the sentence says which side sounded
//! more optimistic, by how much and how sure we are, and says "not enough
//! data" instead of a number when the comparison cannot support one.

use crate::aggregate::{Aggregates, Comparison, NOT_ENOUGH_DATA};

fn possessive(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

fn f2(x: f64) -> String {
    let s = format!("{x:.2}");
    if s == "-0.00" {
        "0.00".to_string()
    } else {
        s
    }
}

/// "Russia's quotes were more optimistic than Ukraine's by 0.21 (95% CI
/// 0.05–0.37), p = 0.004", with the more optimistic side first; or
/// "Ukraine vs Turkey: not enough data (...)".
pub fn comparison_sentence(c: &Comparison) -> String {
    let (Some(diff), true) = (c.diff, c.status != NOT_ENOUGH_DATA) else {
        return format!(
            "{} vs {}: not enough data ({} articles / {} scored quotes vs {} / {})",
            c.side_a, c.side_b, c.n_articles_a, c.n_scored_a, c.n_articles_b, c.n_scored_b
        );
    };
    // Put the more optimistic side first; the CI flips with it.
    let (hi_side, lo_side, d, ci) = if diff >= 0.0 {
        (&c.side_a, &c.side_b, diff, c.ci_low.zip(c.ci_high))
    } else {
        (
            &c.side_b,
            &c.side_a,
            -diff,
            c.ci_low.zip(c.ci_high).map(|(l, h)| (-h, -l)),
        )
    };
    let ci = match ci {
        Some((l, h)) => format!("95% CI {}–{}", f2(l), f2(h)),
        None => "no CI".to_string(),
    };
    let p = c
        .p_value
        .map(|p| {
            if p < 0.001 {
                ", p < 0.001".to_string()
            } else {
                format!(", p = {p:.3}")
            }
        })
        .unwrap_or_default();
    if f2(d) == "0.00" {
        return format!(
            "{} and {} quotes were equally optimistic (difference 0.00, {ci}){p}",
            possessive(hi_side),
            possessive(lo_side)
        );
    }
    // A point estimate whose interval straddles zero is no finding: say so
    // in the same sentence, so nobody quotes the first half alone.
    let unclear = c
        .ci_low
        .zip(c.ci_high)
        .is_some_and(|(l, h)| l <= 0.0 && h >= 0.0);
    // With few articles the bootstrap interval can miss 0 while the
    // permutation test, which knows how few ways the articles can be split,
    // finds nothing: then the difference is not clear either.
    let untested = c.p_value.is_some_and(|p| p >= 0.05);
    let caveat = if unclear {
        "; the interval includes 0, so the difference is not clear"
    } else if untested {
        "; the permutation test does not back it (p ≥ 0.05), so the difference is not clear"
    } else {
        ""
    };
    format!(
        "{} quotes were more optimistic than {} by {} ({ci}){p}{caveat}",
        possessive(hi_side),
        possessive(lo_side),
        f2(d)
    )
}

/// The side table and comparison sentences, as plain aligned text.
pub fn summary_table(agg: &Aggregates) -> String {
    let header = [
        "side",
        "quotes",
        "scored",
        "speakers",
        "articles",
        "mean",
        "95% CI",
        "sd",
        "opt/neu/pes",
    ];
    let dash = "–".to_string();
    let opt = |x: Option<f64>| x.map(f2).unwrap_or_else(|| dash.clone());
    let pct = |x: Option<f64>| {
        x.map(|v| format!("{:.0}", v * 100.0))
            .unwrap_or_else(|| "–".into())
    };
    let rows: Vec<Vec<String>> = agg
        .sides
        .iter()
        .map(|s| {
            vec![
                s.side.clone(),
                s.n_quotes.to_string(),
                s.n_scored.to_string(),
                s.n_speakers.to_string(),
                s.n_articles.to_string(),
                opt(s.mean),
                match (s.ci_low, s.ci_high) {
                    (Some(l), Some(h)) => format!("[{}, {}]", f2(l), f2(h)),
                    _ => dash.clone(),
                },
                opt(s.sd),
                if s.share_optimistic.is_some() {
                    format!(
                        "{}/{}/{}%",
                        pct(s.share_optimistic),
                        pct(s.share_neutral),
                        pct(s.share_pessimistic)
                    )
                } else {
                    dash.clone()
                },
            ]
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain(std::iter::once(header[i].chars().count()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            if i == 0 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    out.push_str(&line(&header.map(String::from)));
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out.push_str(&format!(
        "{} quotes ({} scored) in {} articles from {} speakers\n",
        agg.n_quotes, agg.n_scored, agg.n_articles, agg.n_speakers
    ));
    for c in &agg.comparisons {
        out.push_str(&comparison_sentence(c));
        out.push('\n');
    }
    out
}
