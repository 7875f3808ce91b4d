#!/usr/bin/env bash
# The Spark test: scripts/spark_analyze.py in local[2] over PolNeAR dev must
# give the same sides.csv, speakers.csv and comparison.csv as one plain
# `quotesent analyze` of the same jsonl; prints the wall time of both.
#
# Usage: bash scripts/test-spark.sh
# Environment:
#   QUOTESENT_BIN         the binary (default target/release/quotesent; built
#                         with the transformer feature, as scripts/setup.sh does)
#   QUOTESENT_SPARK_VENV  venv holding pyspark (default ~/.cache/quotesent/spark-venv;
#                         created, and pyspark installed from PyPI, when missing)
#   POLNEAR_DIR           the PolNeAR folder (default ../shared/data/polnear)
#   SPARK_MASTER          default local[2];  SPARK_PARTITIONS  default 2
#   KEEP=1                keep the work folder (printed) instead of deleting it
# Exit: 0 the tables match (numbers within 1e-5, see the end); 1 they
# differ; 2 a step failed.
# Why a script of its own: it needs Java and pyspark and takes a minute, so
# the Rust test suite does not run it; CI and the README name it.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYSPARK_VERSION=4.3.0
BIN=${QUOTESENT_BIN:-target/release/quotesent}
VENV=${QUOTESENT_SPARK_VENV:-$HOME/.cache/quotesent/spark-venv}
POLNEAR=${POLNEAR_DIR:-../shared/data/polnear}
MASTER=${SPARK_MASTER:-local[2]}
PARTS=${SPARK_PARTITIONS:-2}
SIDES=scripts/spark-sides.toml

fail() { echo "test-spark: error: $*" >&2; exit 2; }

[ -x "$BIN" ] || fail "no quotesent binary at $BIN (build it: cargo build --release, or set QUOTESENT_BIN)"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
command -v java >/dev/null || fail "pyspark needs Java 17+ (apt-get install -y openjdk-17-jre-headless)"
[ -d "$POLNEAR/dev/text" ] || fail "no PolNeAR dev split at $POLNEAR/dev (set POLNEAR_DIR)"

# pyspark, once (idempotent; a lock keeps two concurrent runs from racing).
if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    mkdir -p "$(dirname "$VENV")"
    (
        flock 9
        if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
            echo "test-spark: installing pyspark $PYSPARK_VERSION into $VENV" >&2
            python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
        fi
    ) 9>"$VENV.lock" || fail "could not install pyspark into $VENV"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/quotesent-spark.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "test-spark: work folder $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi

python3 scripts/polnear_to_jsonl.py "$POLNEAR/dev" "$WORK/dev.jsonl" || fail "converting $POLNEAR/dev"
N=$(grep -c . "$WORK/dev.jsonl")

# The Spark run (JVM start, partitions, report step included in the time).
# Wall seconds only: CPU time of the Spark run cannot be had from `time`
# (the JVM and its workers are not waited for by the driver process).
TIMEFORMAT='%R'
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
load_before=$(load)
{ time "$VENV/bin/python" scripts/spark_analyze.py "$WORK/dev.jsonl" --sides "$SIDES" \
    --out "$WORK/spark" --binary "$BIN" --master "$MASTER" --partitions "$PARTS" \
    >"$WORK/spark.log" 2>&1; } 2>"$WORK/spark.time"
rc_spark=$?
if [ "$rc_spark" -gt 1 ]; then
    tail -40 "$WORK/spark.log" >&2
    fail "spark_analyze.py exited with $rc_spark"
fi

# The plain run over the same file.
{ time "$BIN" analyze "$WORK/dev.jsonl" --sides "$SIDES" --out "$WORK/plain" --format jsonl \
    --quiet; } 2>"$WORK/plain.time"
rc_plain=$?
[ "$rc_plain" -gt 1 ] && fail "quotesent analyze exited with $rc_plain"
[ "$rc_spark" = "$rc_plain" ] || echo "test-spark: exit codes differ: spark $rc_spark, plain $rc_plain" >&2

show() { # label, time file
    awk -v n="$N" -v label="$1" '{
        printf "%-30s %d articles in %7.2f s wall = %5.2f articles/s\n", label, n, $1, n / $1
    }' "$2"
}
echo "load average before: $load_before; after: $(load) ($(nproc) cores)"
show "spark $MASTER, $PARTS partitions:" "$WORK/spark.time"
show "plain analyze:" "$WORK/plain.time"

# The rows themselves, for information: which fields differ, by quote_id.
python3 - "$WORK/plain/quotes.jsonl" "$WORK"/spark/rows/part-* <<'PY'
import collections, json, sys

def load(paths):
    rows = {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rows[r["quote_id"]] = r
    return rows

plain, spark = load(sys.argv[1:2]), load(sys.argv[2:])
only = sorted(set(plain) ^ set(spark))
fields, examples = collections.Counter(), collections.defaultdict(list)
worst = collections.defaultdict(float)
differ = 0
for q in sorted(set(plain) & set(spark)):
    a, b = plain[q], spark[q]
    keys = [k for k in a if a.get(k) != b.get(k)]
    differ += bool(keys)
    for k in keys:
        fields[k] += 1
        if isinstance(a[k], float) and isinstance(b[k], float):
            worst[k] = max(worst[k], abs(a[k] - b[k]))
        elif len(examples[k]) < 5:
            examples[k].append(f"{q}: {a[k]!r} (plain) vs {b[k]!r} (spark)")
print(f"rows: {len(plain)} plain, {len(spark)} spark, {len(only)} quote_ids in one only, "
      f"{differ} rows differ" + ("" if differ else " (identical)"))
for k, n in fields.most_common():
    print(f"  {k}: {n} rows" + (f", max abs diff {worst[k]:.2g}" if k in worst else ""))
    for e in examples[k]:
        print(f"    {e}")
PY

# A control, for information: the plain run's own rows through the same
# report step the Spark job ends with (`report --sides`). Where the Spark
# tables equal this but not the plain run's, the report step made the
# difference, not the partitioning.
"$BIN" report "$WORK/plain/quotes.jsonl" --sides "$SIDES" --out "$WORK/control" --quiet ||
    fail "quotesent report on the plain rows"
for f in sides.csv speakers.csv comparison.csv; do
    a=$(cmp -s "$WORK/plain/$f" "$WORK/control/$f" && echo same || echo differs)
    b=$(cmp -s "$WORK/control/$f" "$WORK/spark/$f" && echo same || echo differs)
    echo "control $f: plain run vs its rows re-reported: $a; re-reported vs spark: $b"
done

# The verdict. Text cells must be equal; numeric cells equal within 1e-5
# (relative to the value, at least 1e-5 absolute): a quote's score depends by
# up to ~1e-6 on which other texts share its padded batch (GEMM blocking
# follows the batch shape), and partitions change the batches. Anything
# beyond float noise (a speaker, a side, a count, a mean that moved) fails.
python3 - "$WORK/plain" "$WORK/spark" <<'PY'
import csv, sys

def num(x):
    try:
        return float(x)
    except ValueError:
        return None

status = 0
for name in ["sides.csv", "speakers.csv", "comparison.csv"]:
    with open(f"{sys.argv[1]}/{name}", newline="", encoding="utf-8") as f:
        a = list(csv.reader(f))
    with open(f"{sys.argv[2]}/{name}", newline="", encoding="utf-8") as f:
        b = list(csv.reader(f))
    problems, worst, noisy = [], 0.0, 0
    if len(a) != len(b):
        problems.append(f"{len(a)} lines (plain) vs {len(b)} (spark)")
    for i, (ra, rb) in enumerate(zip(a, b)):
        if len(ra) != len(rb):
            problems.append(f"line {i + 1}: {len(ra)} vs {len(rb)} cells")
            continue
        for j, (x, y) in enumerate(zip(ra, rb)):
            if x == y:
                continue
            fx, fy = num(x), num(y)
            if fx is not None and fy is not None and abs(fx - fy) <= 1e-5 * max(1.0, abs(fx)):
                worst, noisy = max(worst, abs(fx - fy)), noisy + 1
                continue
            problems.append(f"line {i + 1}, column {a[0][j] if j < len(a[0]) else j}: {x!r} (plain) vs {y!r} (spark)")
    if problems:
        status = 1
        print(f"{name}: DIFFERS ({len(problems)} cells):")
        for p in problems[:40]:
            print(f"  {p}")
    elif noisy:
        print(f"{name}: equal ({len(a)} lines; {noisy} numeric cells differ by float noise, at most {worst:.1e})")
    else:
        print(f"{name}: identical ({len(a)} lines)")
sys.exit(status)
PY
