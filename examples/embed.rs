//! Writes the encoder's embeddings of texts (one per line on stdin) to a raw
//! little-endian f32 file, row after row, so the benchmark can compare them
//! with sentence-transformers' (`scripts/bench.sh` reads it with NumPy).
//!
//! ```text
//! cargo run --release --example embed -- [--precision auto|fp32|bf16] [--model-dir DIR] OUT.f32 < texts.txt
//! ```

use std::io::{BufRead, Write};
use std::process::ExitCode;

use quotesent::score::encoder::{find_model_dir, DeviceChoice, Encoder, EncoderConfig, Precision};

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut precision = Precision::Fp32;
    let mut model_dir = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--precision" => {
                precision = match args.next().as_deref() {
                    Some("auto") => Precision::Auto,
                    Some("fp32") => Precision::Fp32,
                    Some("bf16") => Precision::Bf16,
                    other => {
                        return Err(format!("--precision auto|fp32|bf16, not {other:?}").into())
                    }
                }
            }
            "--model-dir" => model_dir = args.next(),
            _ if out.is_none() => out = Some(a),
            _ => return Err(format!("unexpected argument {a:?}").into()),
        }
    }
    let out = out.ok_or("usage: embed [--precision auto|fp32|bf16] [--model-dir DIR] OUT.f32")?;
    let dir = match model_dir {
        Some(d) => d.into(),
        None => find_model_dir()?,
    };
    let mut cfg = EncoderConfig::new(dir);
    cfg.device = DeviceChoice::Cpu;
    cfg.precision = precision;
    let mut encoder = Encoder::load(&cfg)?;

    let texts: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>()?;
    let texts: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .filter(|t| !t.trim().is_empty())
        .collect();
    let embeddings = encoder.embed(&texts)?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for e in &embeddings {
        for x in e {
            w.write_all(&x.to_le_bytes())?;
        }
    }
    w.flush()?;
    eprintln!(
        "{} texts x {} ({}) -> {out}",
        embeddings.len(),
        encoder.dim(),
        encoder.precision().as_str()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("embed: error: {e}");
            ExitCode::from(2)
        }
    }
}
