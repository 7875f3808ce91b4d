//! `quotesent analyze` and `quotesent extract`: the same run, with and
//! without the model.
//!
//! With `--out`, rows are collected and every report is written atomically
//! at the end. Without it, rows stream to stdout chunk by chunk (CSV with one
//! header, or JSON lines), so a pipe (`| head`, Spark's `RDD.pipe`) sees
//! results as articles finish.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::args::{AnalyzeArgs, ExtractArgs, InputArgs, OutputFormat};
use super::{finish, input_options, load_scorer, load_sides, progress, report_problem};
use quotesent::aggregate::{aggregate, AggregateOptions};
use quotesent::input;
use quotesent::pipeline::{run, Extractor, RunOptions, RunStats};
use quotesent::record::{QuoteRecord, QuoteRow};
use quotesent::report::{
    self, summary_table, QuotesCsv, QuotesJsonl, ReportInput, ReportOptions, Reporter,
};
use quotesent::score::Scorer;
use quotesent::sides::Sides;

pub fn analyze(a: AnalyzeArgs) -> Result<u8> {
    let sides = super::load_sides(Some(&a.sides))?;
    let mut scorer = load_scorer(&a.model)?;
    go(&a.input, sides, Some(scorer.as_mut()), a.out.as_deref(), a.format, true)
}

pub fn extract(a: ExtractArgs) -> Result<u8> {
    let sides = load_sides(a.sides.as_ref())?;
    go(&a.input, sides, None, a.out.as_deref(), a.format, false)
}

fn go(
    input: &InputArgs,
    sides: Sides,
    scorer: Option<&mut dyn Scorer>,
    out: Option<&Path>,
    format: OutputFormat,
    all_reports: bool,
) -> Result<u8> {
    let opts = input_options(input)?;
    let side_names = sides.side_names();
    let events = input::open(&input.inputs, &opts)?;
    let extractor = Extractor::new(sides);
    let run_opts = RunOptions {
        strict: input.strict,
        ..RunOptions::default()
    };
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    }
    let bar = progress(input.quiet);
    let quiet = input.quiet;
    let mut records: Vec<QuoteRecord> = Vec::new();
    let mut stream = match out {
        Some(_) => None,
        None => Some(RowStream::new(format)),
    };
    let stats: RunStats = run(
        events,
        &extractor,
        scorer,
        &run_opts,
        |p| report_problem(&bar, quiet, p),
        |_| bar.inc(1),
        |chunk| match stream.as_mut() {
            Some(s) => s.write(&chunk).map_err(|e| format!("{e:#}")),
            None => {
                records.extend(chunk);
                Ok(())
            }
        },
    )?;
    bar.finish_and_clear();
    if let Some(s) = stream.as_mut() {
        s.finish()?;
    }
    if let Some(dir) = out {
        let agg = aggregate(
            &records,
            &AggregateOptions {
                sides: side_names,
                ..AggregateOptions::default()
            },
        );
        let input = ReportInput {
            records: &records,
            aggregates: &agg,
        };
        let mut reporters: Vec<Box<dyn Reporter>> = Vec::new();
        if all_reports {
            for r in report::standard_reporters() {
                let skip = match format {
                    OutputFormat::Csv => r.file_name() == QuotesJsonl.file_name(),
                    OutputFormat::Jsonl => r.file_name() == QuotesCsv.file_name(),
                };
                if !skip {
                    reporters.push(r);
                }
            }
        } else {
            reporters.push(match format {
                OutputFormat::Csv => Box::new(QuotesCsv),
                OutputFormat::Jsonl => Box::new(QuotesJsonl),
            });
            reporters.push(Box::new(report::SpeakersCsv));
            reporters.push(Box::new(report::SidesCsv));
        }
        let written = report::write_reports(dir, &input, &reporters, &ReportOptions::default())?;
        if !quiet {
            println!("{}", summary_table(&agg));
            for c in &agg.comparisons {
                println!("{}", report::comparison_sentence(c));
            }
            let names: Vec<String> = written
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            println!("wrote {} into {}", names.join(", "), dir.display());
        }
    }
    Ok(finish(&stats, quiet))
}

/// Quote rows to stdout, as they come.
struct RowStream {
    format: OutputFormat,
    csv: Option<csv::Writer<std::io::Stdout>>,
}

impl RowStream {
    fn new(format: OutputFormat) -> Self {
        RowStream {
            format,
            csv: None,
        }
    }

    fn write(&mut self, rows: &[QuoteRecord]) -> Result<()> {
        match self.format {
            OutputFormat::Csv => {
                let w = self
                    .csv
                    .get_or_insert_with(|| csv::Writer::from_writer(std::io::stdout()));
                for r in rows {
                    w.serialize(QuoteRow::from(r))?;
                }
                w.flush()?;
            }
            OutputFormat::Jsonl => {
                let mut out = std::io::stdout().lock();
                for r in rows {
                    serde_json::to_writer(&mut out, r)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
            }
        }
        Ok(())
    }

    /// A CSV stream with no rows still gets its header.
    fn finish(&mut self) -> Result<()> {
        if self.format == OutputFormat::Csv && self.csv.is_none() {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(quotesent::record::QUOTE_COLUMNS)?;
            w.flush()?;
        }
        Ok(())
    }
}
