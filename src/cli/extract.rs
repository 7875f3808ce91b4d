//! `quotesent analyze` and `quotesent extract`: the same run, with and
//! without the model.
//!
//! With `--out`, rows are collected and every report is written atomically
//! at the end. Without it, rows stream to stdout chunk by chunk (CSV with one
//! header, or JSON lines), so a pipe (`| head`, Spark's `RDD.pipe`) sees
//! results as articles finish.

use std::io::Write;

use anyhow::{Context, Result};

use super::args::{AnalyzeArgs, ExtractArgs, InputArgs, OutputArgs, OutputFormat};
use super::{
    finish, input_options, load_scorer, load_sides, progress, report_problem, write_all, ReportPlan,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use quotesent::input;
use quotesent::journal::Journal;
use quotesent::pipeline::{run, Extractor, RunOptions, RunStats};
use quotesent::record::{QuoteRecord, QuoteRow};
use quotesent::report::{self, QuotesCsv, QuotesJsonl, Reporter};
use quotesent::score::Scorer;
use quotesent::sides::Sides;

pub fn analyze(a: AnalyzeArgs) -> Result<u8> {
    let sides = super::load_sides(Some(&a.sides))?;
    let mut scorer = load_scorer(&a.model)?;
    go(&a.input, sides, Some(scorer.as_mut()), &a.output, true)
}

pub fn extract(a: ExtractArgs) -> Result<u8> {
    let sides = load_sides(a.sides.as_ref())?;
    go(&a.input, sides, None, &a.output, false)
}

/// Runs the stages; `all_reports` writes every report (analyze), else
/// quotes + speakers + sides + summary (extract).
fn go(
    input: &InputArgs,
    sides: Sides,
    scorer: Option<&mut dyn Scorer>,
    output: &OutputArgs,
    all_reports: bool,
) -> Result<u8> {
    let (out, format) = (output.out.as_deref(), output.format);
    let opts = input_options(input)?;
    let run_sides = sides.clone();
    let events = input::open(&input.inputs, &opts)?;
    let extractor = Extractor::new(sides).with_finder(super::eval::finder(&input.finder)?);
    let stop = Arc::new(AtomicBool::new(false));
    {
        // Ctrl-C: finish the chunk in hand, keep the journal whole, stop.
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed));
    }
    let mut run_opts = RunOptions {
        strict: input.strict,
        stop: Some(stop),
        ..RunOptions::default()
    };
    let mut records: Vec<QuoteRecord> = Vec::new();
    let mut journal = None;
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
        if input.resume {
            let (j, resumed) = Journal::resume(dir)?;
            if !input.quiet {
                eprintln!(
                    "resuming: {} articles already done in {}{}",
                    resumed.done.len(),
                    j.path().display(),
                    if resumed.dropped_torn_line {
                        " (dropped a torn last line)"
                    } else {
                        ""
                    }
                );
            }
            run_opts.done = resumed.done;
            records = resumed.records;
            journal = Some(j);
        } else {
            journal = Some(Journal::create(dir)?);
        }
    }
    let bar = progress(input.quiet);
    let quiet = input.quiet;
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
            Some(s) => s.write(&chunk.records),
            None => {
                if let Some(j) = journal.as_mut() {
                    j.write_chunk(&chunk)?;
                }
                records.extend(chunk.records);
                Ok(())
            }
        },
    )?;
    bar.finish_and_clear();
    warn_fallbacks(&extractor, quiet);
    if stats.interrupted {
        eprintln!(
            "interrupted after {} articles; rows so far are in the journal{}",
            stats.articles,
            match out {
                Some(dir) => format!(
                    " ({}); rerun with --resume to finish",
                    dir.join(quotesent::journal::JOURNAL_FILE).display()
                ),
                None => String::new(),
            }
        );
        return Ok(130);
    }
    if let Some(s) = stream.as_mut() {
        s.finish()?;
    }
    if let Some(dir) = out {
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
            reporters.push(Box::new(report::SummaryJson::default()));
        }
        let plan = ReportPlan {
            args: &output.report,
            summary: output.summary,
            quiet,
        };
        write_all(
            dir,
            &mut records,
            Some(&run_sides),
            &plan,
            reporters,
            Some(&stats),
        )?;
    }
    Ok(finish(&stats, quiet))
}

/// Says how many articles the quote finder's model failed on (their quotes
/// came from the hybrid finder); the run itself goes on.
fn warn_fallbacks(extractor: &Extractor, quiet: bool) {
    let n = extractor.finder_fallbacks();
    if n > 0 && !quiet {
        eprintln!(
            "warning: the neural finder failed on {n} article{}; their quotes are the hybrid finder's",
            if n == 1 { "" } else { "s" }
        );
    }
}

/// Quote rows to stdout, as they come.
struct RowStream {
    format: OutputFormat,
    csv: Option<csv::Writer<std::io::Stdout>>,
}

impl RowStream {
    fn new(format: OutputFormat) -> Self {
        RowStream { format, csv: None }
    }

    fn write(&mut self, rows: &[QuoteRecord]) -> std::io::Result<()> {
        match self.format {
            OutputFormat::Csv => {
                let w = self
                    .csv
                    .get_or_insert_with(|| csv::Writer::from_writer(std::io::stdout()));
                for r in rows {
                    w.serialize(QuoteRow::from(r)).map_err(csv_io)?;
                }
                w.flush()?;
            }
            OutputFormat::Jsonl => {
                let mut out = std::io::stdout().lock();
                for r in rows {
                    serde_json::to_writer(&mut out, r).map_err(std::io::Error::from)?;
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

/// A CSV error as the I/O error it usually is (a closed pipe stays one).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
