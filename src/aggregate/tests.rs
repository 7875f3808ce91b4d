//! Tests for [`super::aggregate`], and the row builder the report tests share.

use super::*;

/// A quote row with the fields aggregation reads; the rest plausible.
pub(crate) fn rec(
    article: &str,
    n: usize,
    side: &str,
    speaker: &str,
    optimism: Option<f32>,
    date: &str,
) -> QuoteRecord {
    let label = match optimism {
        Some(x) if x > 0.2 => "optimistic",
        Some(x) if x < -0.2 => "pessimistic",
        Some(_) => "neutral",
        None => "",
    };
    QuoteRecord {
        article_id: article.to_string(),
        quote_id: format!("{article}:{n}"),
        kind: "direct".to_string(),
        text: format!("Quote {n} of {article}"),
        start: n * 10,
        end: n * 10 + 8,
        speaker: speaker.to_string(),
        speaker_mention: speaker.rsplit(' ').next().unwrap_or("").to_string(),
        speaker_start: Some(n * 10 + 9),
        speaker_end: Some(n * 10 + 12),
        title: String::new(),
        cue: "said".to_string(),
        cue_start: Some(n * 10 + 13),
        cue_end: Some(n * 10 + 17),
        side: side.to_string(),
        side_evidence: if side.is_empty() {
            "no evidence".to_string()
        } else {
            format!("member: {speaker}")
        },
        optimism,
        label: label.to_string(),
        probability: optimism.map(|_| 0.8),
        p_optimistic: None,
        p_neutral: None,
        p_pessimistic: None,
        spans: vec![[n * 10, n * 10 + 8]],
        article_title: format!("Title {article}"),
        article_date: date.to_string(),
        article_source: "Wire".to_string(),
    }
}

/// Eight articles over two months; Russia a little more optimistic.
pub(crate) fn sample() -> Vec<QuoteRecord> {
    let mut rows = Vec::new();
    for a in 0..8usize {
        let id = format!("art{a}");
        let date = format!("2025-0{}-{:02}", 5 + a / 4, 1 + a * 3);
        let x = a as f32 * 0.05;
        rows.push(rec(
            &id,
            1,
            "Ukraine",
            "Rustem Umerov",
            Some(-0.2 + x),
            &date,
        ));
        rows.push(rec(
            &id,
            2,
            "Russia",
            "Vladimir Medinsky",
            Some(0.1 + x),
            &date,
        ));
        rows.push(rec(&id, 3, "Russia", "Dmitry Peskov", Some(0.3 - x), &date));
        if a % 2 == 0 {
            rows.push(rec(&id, 4, "Ukraine", "Serhiy Kyslytsya", Some(0.4), &date));
            rows.push(rec(&id, 5, "", "", None, &date));
        }
    }
    rows
}

fn opts() -> AggregateOptions {
    AggregateOptions {
        sides: vec!["Ukraine".into(), "Russia".into(), "Turkey".into()],
        resamples: 500,
        permutations: 500,
        ..AggregateOptions::default()
    }
}

#[test]
fn side_table_counts_and_orders() {
    let agg = aggregate(&sample(), &opts());
    let names: Vec<&str> = agg.sides.iter().map(|s| s.side.as_str()).collect();
    assert_eq!(names, ["Ukraine", "Russia", "Turkey", "unaffiliated"]);
    let ua = &agg.sides[0];
    assert_eq!(
        (ua.n_quotes, ua.n_scored, ua.n_speakers, ua.n_articles),
        (12, 12, 2, 8)
    );
    let turkey = &agg.sides[2];
    assert_eq!(
        (turkey.n_quotes, turkey.mean, turkey.ci_low),
        (0, None, None)
    );
    let un = &agg.sides[3];
    assert_eq!((un.n_quotes, un.n_scored, un.mean), (4, 0, None));
    assert_eq!(agg.n_quotes, 32);
    assert_eq!(agg.n_scored, 28);
    assert_eq!(agg.n_quotes_without_speaker, 4);
    assert_eq!(agg.n_speakers, 4);
    // Mean of Russia's 16 quotes: the x terms cancel.
    let ru = &agg.sides[1];
    assert!((ru.mean.unwrap() - 0.2).abs() < 1e-6);
    let (lo, hi) = (ru.ci_low.unwrap(), ru.ci_high.unwrap());
    // Every article's Russian mean is 0.2, so the cluster CI collapses on it.
    assert!(
        (lo - 0.2).abs() < 1e-6 && (hi - 0.2).abs() < 1e-6,
        "{lo} {hi}"
    );
    let (m, lo, hi) = (ua.mean.unwrap(), ua.ci_low.unwrap(), ua.ci_high.unwrap());
    assert!(lo < m && m < hi && hi - lo < 0.4, "{lo} {m} {hi}");
    let shares = [ru.share_optimistic, ru.share_neutral, ru.share_pessimistic];
    let total: f64 = shares.iter().map(|s| s.unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-12);
}

#[test]
fn comparison_has_figures_only_with_enough_data() {
    let agg = aggregate(&sample(), &opts());
    let pairs: Vec<(&str, &str, &str)> = agg
        .comparisons
        .iter()
        .map(|c| (c.side_a.as_str(), c.side_b.as_str(), c.status.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Ukraine", "Russia", "ok"),
            ("Ukraine", "Turkey", NOT_ENOUGH_DATA),
            ("Russia", "Turkey", NOT_ENOUGH_DATA)
        ]
    );
    let c = &agg.comparisons[0];
    let diff = c.diff.unwrap();
    assert!((diff - (c.mean_a.unwrap() - c.mean_b.unwrap())).abs() < 1e-12);
    assert!(diff < 0.0);
    assert!(c.ci_low.unwrap() <= diff && diff <= c.ci_high.unwrap());
    assert!(c.p_value.unwrap() > 0.0 && c.p_value.unwrap() <= 1.0);
    assert!(c.cohens_d.unwrap() < 0.0);
    assert!(agg.comparisons[1].diff.is_none() && agg.comparisons[1].p_value.is_none());

    // One article per side is never enough, however many quotes.
    let one: Vec<QuoteRecord> = (0..5)
        .flat_map(|i| {
            [
                rec("only", i * 2, "Ukraine", "A", Some(0.1), ""),
                rec("only", i * 2 + 1, "Russia", "B", Some(0.5), ""),
            ]
        })
        .collect();
    let agg = aggregate(&one, &opts());
    assert_eq!(agg.comparisons[0].status, NOT_ENOUGH_DATA);
    assert_eq!(agg.sides[0].ci_low, None);
}

#[test]
fn order_and_sharding_do_not_change_results() {
    let rows = sample();
    let whole = aggregate(&rows, &opts());
    let mut reversed = rows.clone();
    reversed.reverse();
    assert_eq!(aggregate(&reversed, &opts()), whole);
    // Two shards written on different machines and concatenated shard by shard.
    let (odd, even): (Vec<QuoteRecord>, Vec<QuoteRecord>) = rows
        .iter()
        .cloned()
        .partition(|r| r.article_id.ends_with(['1', '3', '5', '7']));
    let merged: Vec<QuoteRecord> = even.into_iter().chain(odd).collect();
    assert_eq!(aggregate(&merged, &opts()), whole);
    // And the same run twice gives the same numbers.
    assert_eq!(aggregate(&rows, &opts()), whole);
}

#[test]
fn speakers_articles_and_timeline() {
    let mut rows = sample();
    let mut titled = rec(
        "art9",
        1,
        "Russia",
        "Vladimir Medinsky",
        Some(0.9),
        "2025-07-20",
    );
    titled.title = "presidential aide".into();
    rows.push(titled);
    let mut stray = rec("art9", 2, "", "Vladimir Medinsky", Some(0.9), "2025-07-20");
    stray.side_evidence = "no evidence".into();
    rows.push(stray);
    let agg = aggregate(&rows, &opts());
    let med = agg
        .speakers
        .iter()
        .find(|s| s.speaker == "Vladimir Medinsky")
        .unwrap();
    assert_eq!(med.side, "Russia");
    assert_eq!(med.side_evidence, "member: Vladimir Medinsky");
    assert_eq!(med.titles, "presidential aide");
    assert_eq!((med.n_quotes, med.n_articles), (10, 9));
    assert_eq!(med.first_date.as_deref(), Some("2025-05-01"));
    assert_eq!(med.last_date.as_deref(), Some("2025-07-20"));
    // Ukraine's speakers come first, then by number of quotes.
    assert_eq!(agg.speakers[0].side, "Ukraine");
    assert_eq!(agg.speakers[0].speaker, "Rustem Umerov");

    let a0 = &agg.articles[0];
    assert_eq!(
        (a0.article_id.as_str(), a0.n_quotes, a0.n_scored),
        ("art0", 5, 4)
    );
    assert_eq!(a0.title, "Title art0");
    assert_eq!(a0.sides.len(), 4);
    assert_eq!(a0.sides[0].n_quotes, 2);
    assert!((a0.sides[0].mean.unwrap() - 0.1).abs() < 1e-6);

    let ua: Vec<&TimelinePoint> = agg
        .timeline
        .iter()
        .filter(|t| t.side == "Ukraine")
        .collect();
    let periods: Vec<&str> = ua.iter().map(|t| t.period.as_str()).collect();
    assert_eq!(periods, ["2025-05", "2025-06"]);
    assert_eq!(ua[0].period_start, "2025-05-01");
    assert_eq!((ua[0].n_articles, ua[0].n_quotes), (4, 6));
    let weekly = aggregate(
        &rows,
        &AggregateOptions {
            period: Period::Week,
            ..opts()
        },
    );
    assert!(weekly.timeline.iter().all(|t| t.period.contains("-W")));
    assert_eq!(agg.n_undated_quotes, 0);
}

#[test]
fn unscored_rows_are_counted_but_not_averaged() {
    let rows = vec![
        rec("a", 1, "Ukraine", "X", None, ""),
        rec("a", 2, "Ukraine", "X", Some(f32::NAN), ""),
        rec("b", 1, "Ukraine", "Y", Some(0.5), "not a date"),
    ];
    let agg = aggregate(&rows, &AggregateOptions::default());
    let s = &agg.sides[0];
    assert_eq!((s.n_quotes, s.n_scored, s.n_articles), (3, 1, 2));
    assert_eq!(s.mean, Some(0.5));
    assert_eq!(s.sd, None);
    assert_eq!(s.ci_low, None, "one scored article gives no CI");
    assert_eq!(agg.n_undated_quotes, 3);
    assert!(agg.timeline.is_empty());
    assert!(aggregate(&[], &AggregateOptions::default())
        .sides
        .is_empty());
}

/// Timing check on a large synthetic batch (run with `--release --ignored`).
#[test]
#[ignore]
fn large_batch_timing() {
    let mut rows = Vec::new();
    for a in 0..50_000usize {
        let id = format!("a{a:06}");
        let date = format!("2025-{:02}-{:02}", 1 + a % 12, 1 + a % 28);
        for q in 0..8 {
            let side = ["Ukraine", "Russia", "Turkey", ""][q % 4];
            let x = ((a * 31 + q * 17) % 200) as f32 / 100.0 - 1.0;
            rows.push(rec(
                &id,
                q,
                side,
                &format!("Speaker {}", (a + q) % 3000),
                Some(x),
                &date,
            ));
        }
    }
    let t = std::time::Instant::now();
    let agg = aggregate(
        &rows,
        &AggregateOptions {
            period: Period::Week,
            ..AggregateOptions::default()
        },
    );
    eprintln!(
        "aggregate: {} rows, {} articles, {} timeline points in {:.2?}",
        rows.len(),
        agg.n_articles,
        agg.timeline.len(),
        t.elapsed()
    );
}
