#!/usr/bin/env bash
# The whole test suite: install what is missing, then formatting, lints,
# API docs without warnings (broken intra-doc links; --release reuses the
# clippy run's dependency metadata, so it costs seconds), unit + integration
# tests (real-model tests included) in release mode, and the Spark equality
# test (scripts/test-spark.sh: pyspark in local[2] must
# give the tables of a plain run; it installs pyspark once when missing).
# Ends with one line counting every test that passed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo fmt --check
cargo clippy --release --all-targets --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --release --no-deps --quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --release --all-targets 2>&1 | tee "$log"
cargo build --release --quiet --bin quotesent
QUOTESENT_BIN=target/release/quotesent bash scripts/test-spark.sh
passed=$(awk '/^test result:/ { n += $4 } END { print n + 0 }' "$log")
echo "all: $((passed + 1)) passed, 0 failed"
