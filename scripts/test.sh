#!/usr/bin/env bash
# The whole test suite: install what is missing, then formatting, lints,
# unit + integration tests (real-model tests included) in release mode.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo fmt --check
cargo clippy --release --all-targets --quiet -- -D warnings
cargo test --release --all-targets
