//! Times the encoder with quotesent's CPU kernels against libtorch's
//! operations in one process, alternating rounds so that machine drift hits
//! both alike (on a shared 2-core VM, separate runs drift by ±5%, more than
//! the difference being measured).
//!
//! ```text
//! cargo run --release --example ab_kernels -- bf16 10 < .bench/texts.txt
//! ```
//!
//! Arguments: precision (`bf16` or `fp32`), rounds (default 4). Prints each
//! round to stderr, then the best and the median of each path over all
//! rounds but the first (which warms caches and oneDNN's kernel cache).

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
    let rounds: usize = std::env::args()
        .nth(2)
        .map_or(Ok(4), |r| r.parse())
        .map_err(|e| anyhow::anyhow!("rounds: {e}"))?
        .max(2);
    let dir = find_model_dir()?;
    let load = |kernels: bool| {
        let mut cfg = EncoderConfig::new(dir.clone());
        cfg.device = DeviceChoice::Cpu;
        cfg.precision = precision;
        cfg.cpu_kernels = kernels;
        Encoder::load(&cfg)
    };
    let mut encoders = [load(true)?, load(false)?];
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..rounds {
        for (i, encoder) in encoders.iter_mut().enumerate() {
            let start = Instant::now();
            encoder.embed(&texts)?;
            let secs = start.elapsed().as_secs_f64();
            if round > 0 {
                times[i].push(secs);
            }
            eprintln!("round {round}: kernels {}: {secs:.3} s", i == 0);
        }
    }
    let [ours, torch] = times.map(|mut t| {
        t.sort_by(f64::total_cmp);
        (t[0], t[t.len() / 2])
    });
    println!(
        "{} texts, {precision:?}, {} rounds: kernels best {:.3} s median {:.3} s; \
         libtorch best {:.3} s median {:.3} s",
        texts.len(),
        rounds - 1,
        ours.0,
        ours.1,
        torch.0,
        torch.1
    );
    Ok(())
}
