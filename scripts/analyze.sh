#!/usr/bin/env bash
# The main job: install what is missing, build, and analyze the bundled
# fixture batch into out/ (quotes.csv, speakers.csv, sides.csv, ...).
# Extra arguments go to `quotesent analyze` (e.g. --device cpu).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo build --release --quiet
exec target/release/quotesent analyze fixtures/articles --sides fixtures/sides.toml --out out "$@"
