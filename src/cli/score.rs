//! `quotesent score`: optimism of texts from arguments or stdin lines.
//!
//! Stdin is read in chunks of lines so a long stream is scored in model
//! batches without holding it all; output keeps input order, one line (or
//! JSON object) per input line, empty lines included.

use std::io::{BufRead, Write};

use anyhow::Result;
use serde::Serialize;

use super::args::{ScoreArgs, ScoreFormat};
use super::load_scorer;
use quotesent::score::Scorer;
use quotesent::types::OptimismScore;

/// Lines per chunk. Texts are sorted by length within a chunk and batched
/// one length at a time, so a bigger chunk fills more batches: 32768 scored
/// 19,892 texts 7% faster than 4096 (README, performance), for ~50 MB held.
const CHUNK_LINES: usize = 32768;

#[derive(Serialize)]
struct ScoredText<'a> {
    text: &'a str,
    optimism: f32,
    label: &'static str,
    probability: f32,
    p_optimistic: f32,
    p_neutral: f32,
    p_pessimistic: f32,
}

pub fn score(a: ScoreArgs) -> Result<u8> {
    let mut scorer = load_scorer(&a.model)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !a.texts.is_empty() {
        let texts: Vec<&str> = a.texts.iter().map(String::as_str).collect();
        emit(scorer.as_mut(), &texts, a.format, &mut out)?;
    } else {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        loop {
            let mut chunk = Vec::with_capacity(CHUNK_LINES);
            for line in lines.by_ref().take(CHUNK_LINES) {
                chunk.push(line?);
            }
            if chunk.is_empty() {
                break;
            }
            let texts: Vec<&str> = chunk.iter().map(|l| l.trim_end_matches('\r')).collect();
            emit(scorer.as_mut(), &texts, a.format, &mut out)?;
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn emit(
    scorer: &mut dyn Scorer,
    texts: &[&str],
    format: ScoreFormat,
    out: &mut impl Write,
) -> Result<()> {
    let scores: Vec<OptimismScore> = scorer.score(texts)?;
    for (text, s) in texts.iter().zip(&scores) {
        match format {
            ScoreFormat::Text => writeln!(
                out,
                "{:+.3}\t{}\t{:.3}\t{}",
                s.optimism, s.label, s.probability, text
            )?,
            ScoreFormat::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &ScoredText {
                        text,
                        optimism: s.optimism,
                        label: s.label.as_str(),
                        probability: s.probability,
                        p_optimistic: s.p_optimistic,
                        p_neutral: s.p_neutral,
                        p_pessimistic: s.p_pessimistic,
                    },
                )?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}
