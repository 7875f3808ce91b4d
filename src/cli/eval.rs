//! `quotesent eval`: extraction measured against gold attributions.

use anyhow::{Context, Result};

use super::args::EvalArgs;

pub fn eval(a: EvalArgs) -> Result<u8> {
    let report = quotesent::eval::evaluate(&a.gold)
        .with_context(|| format!("evaluating against {}", a.gold.display()))?;
    println!("{report}");
    Ok(0)
}
