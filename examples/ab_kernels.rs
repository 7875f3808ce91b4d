//! Times the encoder with quotesent's CPU kernels against libtorch's
//! operations in one process, alternating rounds so that machine drift hits
//! both alike (on a shared 2-core VM, separate runs drift by ±5%, more than
//! the difference being measured).
//!
//! ```text
//! cargo run --release --example ab_kernels -- bf16 < .bench/texts.txt
//! ```
//!
//! Prints each round to stderr and the best of rounds 2-4 of each path.

use std::io::Read;
use std::time::Instant;

use quotesent::score::encoder::{find_model_dir, DeviceChoice, Encoder, EncoderConfig, Precision};

fn main() -> anyhow::Result<()> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let texts: Vec<&str> = input.lines().collect();
    let precision = match std::env::args().nth(1).as_deref() {
        Some("fp32") => Precision::Fp32,
        _ => Precision::Bf16,
    };
    let dir = find_model_dir()?;
    let load = |kernels: bool| {
        let mut cfg = EncoderConfig::new(dir.clone());
        cfg.device = DeviceChoice::Cpu;
        cfg.precision = precision;
        cfg.cpu_kernels = kernels;
        Encoder::load(&cfg)
    };
    let mut encoders = [load(true)?, load(false)?];
    let mut best = [f64::MAX; 2];
    for round in 0..4 {
        for (i, encoder) in encoders.iter_mut().enumerate() {
            let start = Instant::now();
            encoder.embed(&texts)?;
            let secs = start.elapsed().as_secs_f64();
            // Round 0 warms caches and oneDNN's kernel cache.
            if round > 0 {
                best[i] = best[i].min(secs);
            }
            eprintln!("round {round}: kernels {}: {secs:.3} s", i == 0);
        }
    }
    println!(
        "{} texts, {precision:?}: kernels {:.3} s, libtorch {:.3} s (best of 3)",
        texts.len(),
        best[0],
        best[1]
    );
    Ok(())
}
