//! Report tests: exact headers, a small report's full contents, atomic
//! writes, excel guard, reading rows back.

use super::*;
use crate::aggregate::tests::{rec, sample};
use crate::aggregate::{aggregate, AggregateOptions, Comparison};

fn opts() -> AggregateOptions {
    AggregateOptions {
        sides: vec!["Ukraine".into(), "Russia".into()],
        resamples: 200,
        permutations: 200,
        ..AggregateOptions::default()
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

fn render_all(records: &[crate::record::QuoteRecord], o: &ReportOptions) -> Vec<(String, String)> {
    let agg = aggregate(records, &opts());
    let input = ReportInput {
        records,
        aggregates: &agg,
    };
    standard_reporters()
        .iter()
        .map(|r| {
            (
                r.file_name().to_string(),
                render(r.as_ref(), &input, o).unwrap(),
            )
        })
        .collect()
}

#[test]
fn csv_headers_are_stable_even_when_empty() {
    let files = render_all(&[], &ReportOptions::default());
    let get = |n: &str| files.iter().find(|(f, _)| f == n).unwrap().1.clone();
    assert_eq!(
        first_line(&get("quotes.csv")),
        "article_id,quote_id,kind,text,start,end,speaker,speaker_mention,speaker_start,speaker_end,title,cue,cue_start,cue_end,side,side_evidence,optimism,label,probability,p_optimistic,p_neutral,p_pessimistic,spans,article_title,article_date,article_source"
    );
    assert_eq!(
        get("sides.csv"),
        "side,n_quotes,n_scored,n_speakers,n_articles,mean,median,sd,ci_low,ci_high,share_optimistic,share_neutral,share_pessimistic\n\
         Ukraine,0,0,0,0,,,,,,,,\nRussia,0,0,0,0,,,,,,,,\n"
    );
    assert_eq!(
        get("speakers.csv"),
        "speaker,side,side_evidence,titles,n_quotes,n_scored,n_articles,mean_optimism,first_date,last_date\n"
    );
    assert_eq!(
        first_line(&get("comparison.csv")),
        "side_a,side_b,n_scored_a,n_scored_b,n_articles_a,n_articles_b,mean_a,mean_b,diff,ci_low,ci_high,p_value,cohens_d,status"
    );
    assert_eq!(
        get("articles.csv"),
        "article_id,title,date,source,n_quotes,n_scored,mean_optimism,n_Ukraine,mean_Ukraine,n_Russia,mean_Russia\n"
    );
    assert_eq!(
        get("timeline.csv"),
        "side,period,period_start,n_quotes,n_scored,n_articles,mean,ci_low,ci_high\n"
    );
    assert_eq!(get("quotes.jsonl"), "");
}

#[test]
fn column_constants_match_the_serialized_rows() {
    let agg = aggregate(&sample(), &opts());
    fn header_of<T: serde::Serialize>(row: &T) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(row).unwrap();
        let s = String::from_utf8(w.into_inner().unwrap()).unwrap();
        first_line(&s).to_string()
    }
    assert_eq!(header_of(&agg.sides[0]), columns::SIDES.join(","));
    assert_eq!(header_of(&agg.speakers[0]), columns::SPEAKERS.join(","));
    assert_eq!(
        header_of(&agg.comparisons[0]),
        columns::COMPARISON.join(",")
    );
    assert_eq!(header_of(&agg.timeline[0]), columns::TIMELINE.join(","));
    let row = crate::record::QuoteRow::from(&sample()[0]);
    assert_eq!(header_of(&row), columns::QUOTES.join(","));
}

/// A two-article, two-side report, in full.
fn small() -> Vec<crate::record::QuoteRecord> {
    vec![
        rec("a1", 1, "Ukraine", "Rustem Umerov", Some(0.5), "2025-05-16"),
        rec(
            "a1",
            2,
            "Russia",
            "Vladimir Medinsky",
            Some(0.25),
            "2025-05-16",
        ),
        rec(
            "a2",
            1,
            "Ukraine",
            "Rustem Umerov",
            Some(-0.25),
            "2025-05-20",
        ),
        rec(
            "a2",
            2,
            "Ukraine",
            "Serhiy Kyslytsya",
            Some(0.75),
            "2025-05-20",
        ),
        rec(
            "a2",
            3,
            "Russia",
            "Vladimir Medinsky",
            Some(0.5),
            "2025-05-20",
        ),
        rec("a2", 4, "", "", None, "2025-05-20"),
    ]
}

#[test]
fn small_report_full_contents() {
    let files = render_all(&small(), &ReportOptions::default());
    let get = |n: &str| files.iter().find(|(f, _)| f == n).unwrap().1.clone();
    assert_eq!(
        get("quotes.csv").lines().nth(1).unwrap(),
        "a1,a1:1,direct,Quote 1 of a1,10,18,Rustem Umerov,Umerov,19,22,,said,23,27,Ukraine,member: Rustem Umerov,0.5,optimistic,0.8,,,,10-18,Title a1,2025-05-16,Wire"
    );
    assert_eq!(get("quotes.csv").lines().count(), 7);
    insta::assert_snapshot!("small_sides", get("sides.csv"));
    insta::assert_snapshot!("small_speakers", get("speakers.csv"));
    insta::assert_snapshot!("small_comparison", get("comparison.csv"));
    insta::assert_snapshot!("small_articles", get("articles.csv"));
    insta::assert_snapshot!("small_timeline", get("timeline.csv"));
    let agg = aggregate(&small(), &opts());
    insta::assert_snapshot!("small_table", summary_table(&agg));
}

#[test]
fn comparison_sentences() {
    let c = Comparison {
        side_a: "Ukraine".into(),
        side_b: "Russia".into(),
        n_scored_a: 20,
        n_scored_b: 18,
        n_articles_a: 6,
        n_articles_b: 6,
        mean_a: Some(0.1),
        mean_b: Some(0.31),
        diff: Some(-0.21),
        ci_low: Some(-0.37),
        ci_high: Some(-0.05),
        p_value: Some(0.0123),
        cohens_d: Some(-0.8),
        status: "ok".into(),
    };
    assert_eq!(
        comparison_sentence(&c),
        "Russia's quotes were more optimistic than Ukraine's by 0.21 (95% CI 0.05–0.37), p = 0.012"
    );
    let thin = Comparison {
        diff: None,
        status: crate::aggregate::NOT_ENOUGH_DATA.into(),
        n_articles_b: 1,
        ..c.clone()
    };
    assert_eq!(
        comparison_sentence(&thin),
        "Ukraine vs Russia: not enough data (6 articles / 20 scored quotes vs 1 / 18)"
    );
    let flat = Comparison {
        diff: Some(0.001),
        ci_low: Some(-0.1),
        ci_high: Some(0.1),
        ..c.clone()
    };
    assert!(comparison_sentence(&flat).contains("equally optimistic"));
    // An interval clear of 0 with a permutation p of 0.3 (two articles a
    // side) is no finding either.
    let few = Comparison {
        p_value: Some(0.333),
        n_articles_a: 2,
        n_articles_b: 2,
        ..c.clone()
    };
    assert_eq!(
        comparison_sentence(&few),
        "Russia's quotes were more optimistic than Ukraine's by 0.21 (95% CI 0.05–0.37), p = 0.333; the permutation test does not back it (p ≥ 0.05), so the difference is not clear"
    );
}

#[test]
fn terminal_table_is_aligned() {
    let agg = aggregate(&sample(), &opts());
    let table = summary_table(&agg);
    let widths: Vec<usize> = table
        .lines()
        .take(1 + agg.sides.len())
        .map(|l| l.chars().count())
        .collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{table}");
    assert!(
        table.contains("quotes were more optimistic than"),
        "{table}"
    );
}

#[test]
fn excel_safe_guards_formulas_not_numbers() {
    let mut r = rec("a", 1, "Ukraine", "X", Some(-0.5), "");
    r.text = "=HYPERLINK(\"http://x\")".into();
    r.speaker = "@evil".into();
    r.title = "-ish".into();
    let on = render_all(&[r.clone()], &ReportOptions { excel_safe: true });
    let quotes = &on.iter().find(|(f, _)| f == "quotes.csv").unwrap().1;
    let row = quotes.lines().nth(1).unwrap();
    assert!(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{row}");
    assert!(row.contains(",'@evil,"), "{row}");
    assert!(row.contains(",'-ish,"), "{row}");
    assert!(row.contains(",-0.5,"), "{row}");
    let off = render_all(&[r], &ReportOptions::default());
    let quotes = &off.iter().find(|(f, _)| f == "quotes.csv").unwrap().1;
    assert!(quotes.contains(",@evil,"));
    let speakers = &on.iter().find(|(f, _)| f == "speakers.csv").unwrap().1;
    assert!(speakers.contains("'@evil"), "{speakers}");
}

struct Failing;

impl Reporter for Failing {
    fn file_name(&self) -> &'static str {
        "sides.csv"
    }

    fn write(
        &self,
        _input: &ReportInput<'_>,
        _opts: &ReportOptions,
        out: &mut dyn std::io::Write,
    ) -> Result<(), ReportError> {
        out.write_all(b"side,n_quotes\nUkr").unwrap();
        Err(ReportError::Chart {
            what: "test",
            message: "boom".into(),
        })
    }
}

#[test]
fn files_are_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let records = small();
    let agg = aggregate(&records, &opts());
    let input = ReportInput {
        records: &records,
        aggregates: &agg,
    };
    let written = write_reports(
        &out,
        &input,
        &standard_reporters(),
        &ReportOptions::default(),
    )
    .unwrap();
    assert_eq!(written.len(), 10);
    let before = std::fs::read_to_string(out.join("sides.csv")).unwrap();
    let failing: Vec<Box<dyn Reporter>> = vec![Box::new(Failing)];
    assert!(write_reports(&out, &input, &failing, &ReportOptions::default()).is_err());
    // The old file is whole, and no temp file is left behind.
    assert_eq!(
        std::fs::read_to_string(out.join("sides.csv")).unwrap(),
        before
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    // A fresh folder with a failing writer gets no file at all.
    let fresh = dir.path().join("fresh");
    assert!(write_reports(&fresh, &input, &failing, &ReportOptions::default()).is_err());
    assert!(!fresh.join("sides.csv").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("quotes.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn quotes_read_back_equal_and_give_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let records = sample();
    let agg = aggregate(&records, &opts());
    let input = ReportInput {
        records: &records,
        aggregates: &agg,
    };
    write_reports(
        dir.path(),
        &input,
        &standard_reporters(),
        &ReportOptions::default(),
    )
    .unwrap();
    let from_csv = read_quotes(&dir.path().join("quotes.csv")).unwrap();
    let from_jsonl = read_quotes(&dir.path().join("quotes.jsonl")).unwrap();
    assert_eq!(from_csv, records);
    assert_eq!(from_jsonl, records);
    // Shards from two machines, read and merged, give the one-run tables.
    let (a, b): (Vec<_>, Vec<_>) = records
        .iter()
        .cloned()
        .partition(|r| r.article_id.as_str() < "art4");
    for (name, part) in [("s1.jsonl", &a), ("s2.csv", &b)] {
        let path = dir.path().join(name);
        let reporter: Box<dyn Reporter> = if name.ends_with("csv") {
            Box::new(QuotesCsv)
        } else {
            Box::new(QuotesJsonl)
        };
        let pa = aggregate(part, &opts());
        let i = ReportInput {
            records: part,
            aggregates: &pa,
        };
        atomic_write(&path, |w| reporter.write(&i, &ReportOptions::default(), w)).unwrap();
    }
    let merged =
        read_quotes_many(&[dir.path().join("s2.csv"), dir.path().join("s1.jsonl")]).unwrap();
    assert_eq!(aggregate(&merged, &opts()), agg);
}

#[test]
fn reading_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("q.jsonl");
    let good = serde_json::to_string(&small()[0]).unwrap();
    std::fs::write(&p, format!("{good}\n\n{{not json\n")).unwrap();
    let err = read_quotes(&p).unwrap_err().to_string();
    assert!(err.contains("q.jsonl:3:"), "{err}");

    let p = dir.path().join("q.csv");
    let mut text = String::new();
    let records = small();
    let agg = aggregate(&records, &opts());
    let input = ReportInput {
        records: &records,
        aggregates: &agg,
    };
    text.push_str(&render(&QuotesCsv, &input, &ReportOptions::default()).unwrap());
    let bad = text.replacen(",10-18,", ",10:18,", 1);
    std::fs::write(&p, &bad).unwrap();
    let err = read_quotes(&p).unwrap_err().to_string();
    assert!(err.contains("q.csv:2:") && err.contains("spans"), "{err}");
    let bad = text.replacen(",0.5,optimistic", ",high,optimistic", 1);
    std::fs::write(&p, &bad).unwrap();
    let err = read_quotes(&p).unwrap_err().to_string();
    assert!(err.contains("q.csv:2:"), "{err}");

    std::fs::write(&p, "article_id,text\na,b\n").unwrap();
    let err = read_quotes(&p).unwrap_err().to_string();
    assert!(
        err.contains("missing column(s) quote_id, start, end, side, optimism"),
        "{err}"
    );
    std::fs::write(&p, "").unwrap();
    assert!(read_quotes(&p).unwrap().is_empty());
    let err = read_quotes(&dir.path().join("none.csv"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("none.csv"), "{err}");
}

#[test]
fn chart_shows_every_side() {
    let agg = aggregate(&sample(), &opts());
    let svg = chart::render_svg(&agg).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..50.min(svg.len())]);
    for side in ["Ukraine", "Russia", "2025-05"] {
        assert!(svg.contains(side), "{side}");
    }
    let empty = aggregate(&[], &AggregateOptions::default());
    assert!(chart::render_svg(&empty).unwrap().contains("<svg"));
}

#[test]
fn summary_json_has_totals_sides_and_extra_keys() {
    let agg = aggregate(&small(), &opts());
    let mut s = SummaryJson::default();
    s.extra.insert("articles_read".into(), serde_json::json!(2));
    let v = s.value(&agg);
    assert_eq!(v["n_quotes"], 6);
    assert_eq!(v["sides"][0]["side"], "Ukraine");
    assert_eq!(v["articles_read"], 2);
    assert_eq!(v["options"]["resamples"], 200);
    assert!(v["sentences"][0].as_str().unwrap().contains("Ukraine"));
}

/// Writes the sample report into `$QUOTESENT_DEMO_OUT` for a look in a
/// browser (`--ignored`; used to check report.html in headless Chromium).
#[test]
#[ignore]
fn demo_report_to_env_dir() {
    let Some(dir) = std::env::var_os("QUOTESENT_DEMO_OUT") else {
        return;
    };
    let mut records = sample();
    records[0].text = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>".into();
    let agg = aggregate(&records, &opts());
    let input = ReportInput {
        records: &records,
        aggregates: &agg,
    };
    write_reports(
        std::path::Path::new(&dir),
        &input,
        &standard_reporters(),
        &ReportOptions::default(),
    )
    .unwrap();
    print!("{}", summary_table(&agg));
}
