//! `quotesent report`: every report again from saved quote rows.
//!
//! Reports depend only on the multiset of rows, so shards analysed on
//! separate machines merge into the same tables as one big run; with
//! `--sides` the rows are re-sided first (scores and spans are kept).

use anyhow::{Context, Result};

use super::args::{ReportCmdArgs, SummaryFormat};
use super::{aggregate_options, finalize, write_all, ReportPlan};
use quotesent::aggregate::aggregate;
use quotesent::report::{self, summary_table, SummaryJson};
use quotesent::sides::Sides;

pub fn report(a: ReportCmdArgs) -> Result<u8> {
    let mut records = report::read_quotes_many(&a.quotes)?;
    let sides = match &a.sides {
        Some(path) => Some(Sides::from_path(path)?),
        None => None,
    };
    match &a.out {
        Some(dir) => {
            let plan = ReportPlan {
                args: &a.report,
                summary: a.format,
                quiet: a.quiet,
            };
            write_all(
                dir,
                &mut records,
                sides.as_ref(),
                &plan,
                report::standard_reporters(),
                None,
            )
            .with_context(|| format!("writing reports into {}", dir.display()))?;
        }
        None if !a.quiet => {
            let names = finalize(&mut records, sides.as_ref());
            let agg = aggregate(&records, &aggregate_options(&a.report, names));
            match a.format {
                SummaryFormat::Table => println!("{}", summary_table(&agg)),
                SummaryFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&SummaryJson::default().value(&agg))?
                ),
            }
        }
        None => {}
    }
    Ok(0)
}
