//! Per side / speaker / article / period statistics from quote rows.
//!
//! Everything here is computed from `&[QuoteRecord]` alone, the rows that
//! `quotes.csv` holds, so `quotesent report` can rebuild every table from
//! saved rows, and shards merged from separate machines give exactly the
//! tables of one big run. To make that true the results depend only on the
//! *multiset* of rows: rows are grouped through ordered maps keyed by article,
//! side and speaker, values are sorted before they are summed, and every
//! random draw (cluster bootstrap, permutation test) comes from a fixed seed
//! plus a label naming the computation (see [`stats`]).
//!
//! Rows whose `optimism` is missing (an `extract` run) or not finite are
//! counted in `n_quotes` but left out of means (`n_scored` says how many
//! count). A statistic that the data cannot support is `None` (an empty CSV
//! cell, "not enough data" on the terminal), never a number of fake
//! precision: a CI needs two articles, a comparison needs at least
//! [`AggregateOptions::min_articles`] articles and
//! [`AggregateOptions::min_quotes`] scored quotes on each side.

pub mod dates;
pub mod stats;

pub use dates::{Date, Period};

use crate::record::QuoteRecord;
use crate::types::UNAFFILIATED;
use rayon::prelude::*;
use serde::Serialize;
use stats::{Cluster, PairCluster};
use std::collections::{BTreeMap, BTreeSet};

/// Default number of bootstrap resamples (documented in the README).
pub const DEFAULT_RESAMPLES: usize = 2000;
/// Default number of permutations for the comparison p-value.
pub const DEFAULT_PERMUTATIONS: usize = 2000;
/// Default seed for every random draw.
pub const DEFAULT_SEED: u64 = 42;

/// How to aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregateOptions {
    /// Bootstrap resamples for every CI.
    pub resamples: usize,
    /// Permutations for comparison p-values.
    pub permutations: usize,
    pub seed: u64,
    pub period: Period,
    /// Side names in the order reports list them (the sides file order).
    /// Sides found in rows but not here follow alphabetically; the
    /// unaffiliated group comes last.
    pub sides: Vec<String>,
    /// Fewest articles per side for a comparison.
    pub min_articles: usize,
    /// Fewest scored quotes per side for a comparison.
    pub min_quotes: usize,
}

impl Default for AggregateOptions {
    fn default() -> Self {
        AggregateOptions {
            resamples: DEFAULT_RESAMPLES,
            permutations: DEFAULT_PERMUTATIONS,
            seed: DEFAULT_SEED,
            period: Period::default(),
            sides: Vec::new(),
            min_articles: 2,
            min_quotes: 3,
        }
    }
}

/// One side's statistics (a row of sides.csv).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideStats {
    pub side: String,
    pub n_quotes: usize,
    /// Quotes with an optimism score (the ones in the mean).
    pub n_scored: usize,
    pub n_speakers: usize,
    pub n_articles: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub sd: Option<f64>,
    /// 95% cluster-bootstrap CI of the mean (articles resampled).
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Shares of labelled quotes.
    pub share_optimistic: Option<f64>,
    pub share_neutral: Option<f64>,
    pub share_pessimistic: Option<f64>,
}

/// One speaker (a row of speakers.csv).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerStats {
    pub speaker: String,
    /// The side most of their quotes got (affiliated sides preferred).
    pub side: String,
    /// The most frequent evidence for that side.
    pub side_evidence: String,
    /// Distinct titles, sorted, joined by "; ".
    pub titles: String,
    pub n_quotes: usize,
    pub n_scored: usize,
    pub n_articles: usize,
    pub mean_optimism: Option<f64>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// One side's quotes in one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSide {
    pub side: String,
    pub n_quotes: usize,
    pub mean: Option<f64>,
}

/// One article (a row of articles.csv).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleStats {
    pub article_id: String,
    pub title: String,
    pub date: String,
    pub source: String,
    pub n_quotes: usize,
    pub n_scored: usize,
    pub mean_optimism: Option<f64>,
    /// One entry per side of [`Aggregates::sides`], in that order.
    pub sides: Vec<ArticleSide>,
}

/// Side A against side B (a row of comparison.csv).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub side_a: String,
    pub side_b: String,
    pub n_scored_a: usize,
    pub n_scored_b: usize,
    pub n_articles_a: usize,
    pub n_articles_b: usize,
    pub mean_a: Option<f64>,
    pub mean_b: Option<f64>,
    /// mean_a − mean_b.
    pub diff: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    pub cohens_d: Option<f64>,
    /// `ok`, or `not enough data` (then the figures above are empty).
    pub status: String,
}

/// The status of a comparison that the data cannot support.
pub const NOT_ENOUGH_DATA: &str = "not enough data";

/// One side in one period (a row of timeline.csv).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint {
    pub side: String,
    pub period: String,
    pub period_start: String,
    pub n_quotes: usize,
    pub n_scored: usize,
    pub n_articles: usize,
    pub mean: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// Everything the reports show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregates {
    pub n_quotes: usize,
    pub n_scored: usize,
    pub n_articles: usize,
    pub n_speakers: usize,
    pub n_quotes_without_speaker: usize,
    /// Quotes whose article has no usable date (left out of the timeline).
    pub n_undated_quotes: usize,
    pub options: AggregateOptions,
    pub sides: Vec<SideStats>,
    pub speakers: Vec<SpeakerStats>,
    pub articles: Vec<ArticleStats>,
    pub comparisons: Vec<Comparison>,
    pub timeline: Vec<TimelinePoint>,
}

/// The side a row counts under: its `side`, or "unaffiliated" when empty.
pub fn side_of(r: &QuoteRecord) -> &str {
    let s = r.side.trim();
    if s.is_empty() || s.eq_ignore_ascii_case(UNAFFILIATED) {
        UNAFFILIATED
    } else {
        s
    }
}

fn score_of(r: &QuoteRecord) -> Option<f64> {
    r.optimism.map(f64::from).filter(|x| x.is_finite())
}

/// The side order: requested sides, then others alphabetically, then
/// unaffiliated (if present).
fn side_order(records: &[QuoteRecord], requested: &[String]) -> Vec<String> {
    let present: BTreeSet<&str> = records.iter().map(side_of).collect();
    let mut order: Vec<String> = Vec::new();
    for s in requested {
        if s != UNAFFILIATED && !order.contains(s) {
            order.push(s.clone());
        }
    }
    for s in &present {
        if *s != UNAFFILIATED && !order.iter().any(|o| o == s) {
            order.push((*s).to_string());
        }
    }
    if present.contains(UNAFFILIATED) {
        order.push(UNAFFILIATED.to_string());
    }
    order
}

/// Scored values of a group of rows, grouped by article (ordered).
type ByArticle = BTreeMap<String, Vec<f64>>;

fn clusters(by_article: &ByArticle) -> Vec<Cluster> {
    by_article
        .values()
        .filter(|v| !v.is_empty())
        .map(|v| Cluster::from_values(v))
        .collect()
}

fn label_shares(rows: &[&QuoteRecord]) -> [Option<f64>; 3] {
    let mut counts = [0usize; 3];
    for r in rows {
        match r.label.trim().to_ascii_lowercase().as_str() {
            "optimistic" => counts[0] += 1,
            "neutral" => counts[1] += 1,
            "pessimistic" => counts[2] += 1,
            _ => {}
        }
    }
    let total: usize = counts.iter().sum();
    counts.map(|c| (total > 0).then(|| c as f64 / total as f64))
}

fn side_stats(side: &str, rows: &[&QuoteRecord], opts: &AggregateOptions) -> SideStats {
    let mut by_article: ByArticle = BTreeMap::new();
    let mut speakers = BTreeSet::new();
    let mut scored = Vec::new();
    for r in rows {
        let values = by_article.entry(r.article_id.clone()).or_default();
        if let Some(x) = score_of(r) {
            values.push(x);
            scored.push(x);
        }
        if !r.speaker.trim().is_empty() {
            speakers.insert(r.speaker.trim());
        }
    }
    let values = stats::sorted(&scored);
    let ci = stats::bootstrap_mean_ci(
        &clusters(&by_article),
        opts.resamples,
        &mut stats::rng_for(opts.seed, &format!("side:{side}")),
    );
    let [share_optimistic, share_neutral, share_pessimistic] = label_shares(rows);
    SideStats {
        side: side.to_string(),
        n_quotes: rows.len(),
        n_scored: values.len(),
        n_speakers: speakers.len(),
        n_articles: by_article.len(),
        mean: stats::mean(&values),
        median: stats::median(&values),
        sd: stats::sd(&values),
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        share_optimistic,
        share_neutral,
        share_pessimistic,
    }
}

fn compare(
    a: &SideStats,
    b: &SideStats,
    rows_a: &[&QuoteRecord],
    rows_b: &[&QuoteRecord],
    opts: &AggregateOptions,
) -> Comparison {
    let group = |rows: &[&QuoteRecord]| {
        let mut m: ByArticle = BTreeMap::new();
        for r in rows {
            if let Some(x) = score_of(r) {
                m.entry(r.article_id.clone()).or_default().push(x);
            }
        }
        m
    };
    let (ga, gb) = (group(rows_a), group(rows_b));
    let mut out = Comparison {
        side_a: a.side.clone(),
        side_b: b.side.clone(),
        n_scored_a: a.n_scored,
        n_scored_b: b.n_scored,
        n_articles_a: ga.len(),
        n_articles_b: gb.len(),
        mean_a: a.mean,
        mean_b: b.mean,
        diff: None,
        ci_low: None,
        ci_high: None,
        p_value: None,
        cohens_d: None,
        status: NOT_ENOUGH_DATA.to_string(),
    };
    let enough = |articles: usize, scored: usize| {
        articles >= opts.min_articles.max(2) && scored >= opts.min_quotes.max(2)
    };
    if !enough(ga.len(), a.n_scored) || !enough(gb.len(), b.n_scored) {
        return out;
    }
    let (Some(ma), Some(mb)) = (a.mean, b.mean) else {
        return out;
    };
    let label = format!("cmp:{}|{}", a.side, b.side);
    let ids: BTreeSet<&String> = ga.keys().chain(gb.keys()).collect();
    let pairs: Vec<PairCluster> = ids
        .iter()
        .map(|id| PairCluster {
            a: Cluster::from_values(ga.get(*id).map_or(&[][..], Vec::as_slice)),
            b: Cluster::from_values(gb.get(*id).map_or(&[][..], Vec::as_slice)),
        })
        .collect();
    let ci = stats::bootstrap_diff_ci(
        &pairs,
        opts.resamples,
        &mut stats::rng_for(opts.seed, &label),
    );
    let p = stats::permutation_p(
        &clusters(&ga),
        &clusters(&gb),
        opts.permutations,
        &mut stats::rng_for(opts.seed, &format!("perm:{}|{}", a.side, b.side)),
    );
    let va = stats::sorted(&ga.values().flatten().copied().collect::<Vec<_>>());
    let vb = stats::sorted(&gb.values().flatten().copied().collect::<Vec<_>>());
    out.diff = Some(ma - mb);
    out.ci_low = ci.map(|c| c.0);
    out.ci_high = ci.map(|c| c.1);
    out.p_value = p;
    out.cohens_d = stats::cohens_d(&va, &vb);
    out.status = "ok".to_string();
    out
}

/// Most frequent key; ties go to the smallest by `rank` then by key.
fn majority<'a>(
    counts: &BTreeMap<&'a str, usize>,
    rank: impl Fn(&str) -> usize,
) -> Option<&'a str> {
    counts
        .iter()
        .max_by(|(ka, ca), (kb, cb)| {
            ca.cmp(cb)
                .then_with(|| rank(kb).cmp(&rank(ka)))
                .then_with(|| kb.cmp(ka))
        })
        .map(|(k, _)| *k)
}

fn speaker_stats(records: &[QuoteRecord], order: &[String]) -> (Vec<SpeakerStats>, usize) {
    let rank = |s: &str| order.iter().position(|o| o == s).unwrap_or(usize::MAX);
    let mut groups: BTreeMap<&str, Vec<&QuoteRecord>> = BTreeMap::new();
    let mut without = 0;
    for r in records {
        let sp = r.speaker.trim();
        if sp.is_empty() {
            without += 1;
        } else {
            groups.entry(sp).or_default().push(r);
        }
    }
    let mut out: Vec<SpeakerStats> = groups
        .into_iter()
        .map(|(speaker, rows)| {
            let mut side_counts: BTreeMap<&str, usize> = BTreeMap::new();
            for r in &rows {
                if side_of(r) != UNAFFILIATED {
                    *side_counts.entry(side_of(r)).or_default() += 1;
                }
            }
            let side = majority(&side_counts, rank).unwrap_or(UNAFFILIATED);
            let mut evidence: BTreeMap<&str, usize> = BTreeMap::new();
            for r in rows.iter().filter(|r| side_of(r) == side) {
                *evidence.entry(r.side_evidence.trim()).or_default() += 1;
            }
            let titles: BTreeSet<&str> = rows
                .iter()
                .map(|r| r.title.trim())
                .filter(|t| !t.is_empty())
                .collect();
            let articles: BTreeSet<&str> = rows.iter().map(|r| r.article_id.as_str()).collect();
            let values =
                stats::sorted(&rows.iter().filter_map(|r| score_of(r)).collect::<Vec<_>>());
            let dates: BTreeSet<Date> = rows
                .iter()
                .filter_map(|r| Date::parse_prefix(&r.article_date))
                .collect();
            SpeakerStats {
                speaker: speaker.to_string(),
                side: side.to_string(),
                side_evidence: majority(&evidence, |_| 0).unwrap_or("").to_string(),
                titles: titles.into_iter().collect::<Vec<_>>().join("; "),
                n_quotes: rows.len(),
                n_scored: values.len(),
                n_articles: articles.len(),
                mean_optimism: stats::mean(&values),
                first_date: dates.first().map(Date::to_string),
                last_date: dates.last().map(Date::to_string),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        rank(&a.side)
            .cmp(&rank(&b.side))
            .then(b.n_quotes.cmp(&a.n_quotes))
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    (out, without)
}

/// The smallest non-empty value, so the choice is independent of row order.
fn first_nonempty<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .min()
        .unwrap_or("")
        .to_string()
}

fn article_stats(records: &[QuoteRecord], order: &[String]) -> Vec<ArticleStats> {
    let mut groups: BTreeMap<&str, Vec<&QuoteRecord>> = BTreeMap::new();
    for r in records {
        groups.entry(r.article_id.as_str()).or_default().push(r);
    }
    groups
        .into_iter()
        .map(|(id, rows)| {
            let values =
                stats::sorted(&rows.iter().filter_map(|r| score_of(r)).collect::<Vec<_>>());
            let sides = order
                .iter()
                .map(|side| {
                    let mine: Vec<&&QuoteRecord> =
                        rows.iter().filter(|r| side_of(r) == side).collect();
                    let v =
                        stats::sorted(&mine.iter().filter_map(|r| score_of(r)).collect::<Vec<_>>());
                    ArticleSide {
                        side: side.clone(),
                        n_quotes: mine.len(),
                        mean: stats::mean(&v),
                    }
                })
                .collect();
            ArticleStats {
                article_id: id.to_string(),
                title: first_nonempty(rows.iter().map(|r| r.article_title.as_str())),
                date: first_nonempty(rows.iter().map(|r| r.article_date.as_str())),
                source: first_nonempty(rows.iter().map(|r| r.article_source.as_str())),
                n_quotes: rows.len(),
                n_scored: values.len(),
                mean_optimism: stats::mean(&values),
                sides,
            }
        })
        .collect()
}

fn timeline(
    by_side: &BTreeMap<&str, Vec<&QuoteRecord>>,
    order: &[String],
    opts: &AggregateOptions,
) -> (Vec<TimelinePoint>, usize) {
    let mut undated = 0;
    // (side, period label, period start, rows), in side then period order.
    let mut groups: Vec<(&str, String, Date, Vec<&QuoteRecord>)> = Vec::new();
    for side in order {
        let Some(rows) = by_side.get(side.as_str()) else {
            continue;
        };
        let mut periods: BTreeMap<String, (Date, Vec<&QuoteRecord>)> = BTreeMap::new();
        for r in rows {
            match Date::parse_prefix(&r.article_date) {
                Some(d) => {
                    let (label, start) = d.period(opts.period);
                    periods
                        .entry(label)
                        .or_insert((start, Vec::new()))
                        .1
                        .push(r);
                }
                None => undated += 1,
            }
        }
        for (label, (start, prs)) in periods {
            groups.push((side.as_str(), label, start, prs));
        }
    }
    let points = groups
        .par_iter()
        .map(|(side, label, start, prs)| {
            let mut by_article: ByArticle = BTreeMap::new();
            for r in prs {
                let v = by_article.entry(r.article_id.clone()).or_default();
                if let Some(x) = score_of(r) {
                    v.push(x);
                }
            }
            let values = stats::sorted(&by_article.values().flatten().copied().collect::<Vec<_>>());
            let ci = stats::bootstrap_mean_ci(
                &clusters(&by_article),
                opts.resamples,
                &mut stats::rng_for(opts.seed, &format!("time:{side}|{label}")),
            );
            TimelinePoint {
                side: side.to_string(),
                period: label.clone(),
                period_start: start.to_string(),
                n_quotes: prs.len(),
                n_scored: values.len(),
                n_articles: by_article.len(),
                mean: stats::mean(&values),
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
            }
        })
        .collect();
    (points, undated)
}

/// Computes every table from quote rows. Deterministic, and a function of
/// the multiset of rows only (row order and sharding do not matter).
pub fn aggregate(records: &[QuoteRecord], opts: &AggregateOptions) -> Aggregates {
    let order = side_order(records, &opts.sides);
    let mut by_side: BTreeMap<&str, Vec<&QuoteRecord>> = BTreeMap::new();
    for r in records {
        by_side.entry(side_of(r)).or_default().push(r);
    }
    let rows = |s: &str| by_side.get(s).map_or(&[][..], Vec::as_slice);
    // Each statistic has its own seeded generator, so computing them in
    // parallel gives the same numbers as computing them in order.
    let sides: Vec<SideStats> = order
        .par_iter()
        .map(|s| side_stats(s, rows(s), opts))
        .collect();
    let mut pairs = Vec::new();
    for i in 0..sides.len() {
        for j in i + 1..sides.len() {
            if sides[i].side != UNAFFILIATED && sides[j].side != UNAFFILIATED {
                pairs.push((i, j));
            }
        }
    }
    let comparisons: Vec<Comparison> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let (a, b) = (&sides[i], &sides[j]);
            compare(a, b, rows(&a.side), rows(&b.side), opts)
        })
        .collect();
    let (speakers, n_quotes_without_speaker) = speaker_stats(records, &order);
    let (timeline, n_undated_quotes) = timeline(&by_side, &order, opts);
    let articles = article_stats(records, &order);
    Aggregates {
        n_quotes: records.len(),
        n_scored: records.iter().filter(|r| score_of(r).is_some()).count(),
        n_articles: articles.len(),
        n_speakers: speakers.len(),
        n_quotes_without_speaker,
        n_undated_quotes,
        options: opts.clone(),
        sides,
        speakers,
        articles,
        comparisons,
        timeline,
    }
}

#[cfg(test)]
pub(crate) mod tests;
