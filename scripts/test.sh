#!/usr/bin/env bash
# The whole test suite: install what is missing, then formatting, lints,
# unit + integration tests (real-model tests included) in release mode, and
# the Spark equality test (scripts/test-spark.sh: pyspark in local[2] must
# give the tables of a plain run; it installs pyspark once when missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo fmt --check
cargo clippy --release --all-targets --quiet -- -D warnings
cargo test --release --all-targets
cargo build --release --quiet --bin quotesent
QUOTESENT_BIN=target/release/quotesent bash scripts/test-spark.sh
