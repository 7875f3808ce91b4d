#!/usr/bin/env python3
"""Run `quotesent analyze` on Apache Spark: the same tables as one plain run.

Usage:
  spark_analyze.py INPUT --sides FILE --out DIR [--binary PATH] [--model DIR]
                   [--partitions N] [--master URL] [--format jsonl|parquet]
                   [--rows URI] [--overwrite] [--executor-env KEY=VALUE]...
                   [--report-binary PATH] [--quiet]

  spark-submit --master yarn --archives quotesent.tar.gz#qs \\
      scripts/spark_analyze.py 'hdfs:///news/2024/*.jsonl' --sides sides.toml \\
      --out /shared/out --rows hdfs:///news/rows --binary qs/quotesent \\
      --model qs/model --executor-env LD_LIBRARY_PATH=qs/torch/lib

What runs where (see the README, "Scaling out"):
- Driver: reads nothing itself; plans the job, ships the sides file with
  SparkContext.addFile, and at the end runs `quotesent report ROWS --sides
  FILE --out DIR`, which rebuilds every CSV/chart from the saved rows.
- Executors: INPUT (a path, a glob, a folder, comma-separated; .gz works) is
  read as jsonl articles, one per line, repartitioned into N partitions, and
  each partition is piped with RDD.pipe through one process of
  `quotesent analyze - --sides FILE --format jsonl` (the model is loaded once
  per partition). Its stdout lines, the scored quote rows, are written as
  jsonl part files (DIR/rows/part-*) or Parquet (DIR/rows.parquet).

Why it is shaped so: the binary already streams rows on stdin/stdout and the
report step depends only on the multiset of rows, so the Spark side is a thin
`pipe` + `report`, and the tables equal a single run's (scripts/test-spark.sh
checks that). Rows are kept byte for byte as the binary wrote them (saved with
saveAsTextFile, not re-encoded by a DataFrame) unless Parquet is asked for.

Paths on executors: in local mode (`local`, `local[N]`, `local[*]`) executors
share the driver's file system and working directory, so the binary, model and
sides file are used by their absolute driver paths. On a cluster, the sides
file travels with addFile and is used by its base name (Spark puts added files
and `--archives` in each executor's working directory); --binary and --model
are taken as executor paths: an absolute path on a shared mount, or a path
relative to the executor's working directory, e.g. `qs/quotesent` for
`--archives quotesent.tar.gz#qs`.

Environment of the binary: RDD.pipe starts the process with only the
variables it is given, so this script passes PATH, HOME, XDG_CACHE_HOME,
QUOTESENT_VENV, QUOTESENT_MODEL_DIR, LD_LIBRARY_PATH and OMP_NUM_THREADS from
the driver's environment when set, QUOTESENT_MODEL_DIR=<--model> when given,
OMP_NUM_THREADS=spark.task.cpus when unset (Spark's own rule for Python
workers: one partition per task slot should not use every core), and then
every --executor-env KEY=VALUE.

Exit status of the binary: 0 ok; 1 means some articles were skipped (bad
JSON, no text; the warnings go to the executor's stderr): the partition's rows
are kept, the job goes on, and the driver counts such partitions and exits 1
at the end; anything else (2: fatal, e.g. model or sides file not found)
fails the task, and Spark's retries then the job. This script exits 0 on
success, 1 when some inputs were skipped, 2 on a fatal error.

Article ids: one process renames a repeated id (`w1`, `w1#2`), but repeats in
different partitions cannot be seen by any one process, so ids should be
unique across the input.
"""
import argparse
import glob
import os
import re
import shlex
import subprocess
import sys
import time
import warnings

# Marker line the pipe wrapper prints when the binary exits 1. It cannot be a
# quote row: rows are JSON objects and start with `{`.
SKIP_MARKER = "#quotesent-exit-1"

# Runs the binary on a partition's lines, keeps exit 1 (some inputs skipped)
# from failing the task, and fails it on anything else. An empty partition
# (normal after repartition) never reaches the binary, which would report its
# empty stdin as a skipped input. Spark unpacks `--archives` without the
# execute bit, so a binary that is a plain file gets it back (u+x). $0 is a
# name for messages; "$@" the command.
PIPE_WRAPPER = (
    "IFS= read -r first || [ -n \"$first\" ] || exit 0; "
    '[ -x "$1" ] || [ ! -f "$1" ] || chmod u+x "$1"; '
    '{ printf "%s\\n" "$first"; exec cat; } | "$@"; rc=$?; '
    'case $rc in '
    "0) exit 0 ;; "
    "1) echo '" + SKIP_MARKER + "'; exit 0 ;; "
    '*) echo "$0: $1 exited with status $rc" >&2; exit $rc ;; '
    "esac"
)

# Variables the binary may need, forwarded from the driver when set.
FORWARDED_ENV = (
    "PATH",
    "HOME",
    "XDG_CACHE_HOME",
    "QUOTESENT_VENV",
    "QUOTESENT_MODEL_DIR",
    "LD_LIBRARY_PATH",
    "OMP_NUM_THREADS",
)

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class UsageError(Exception):
    """A problem with the arguments or the files they name (exit 2)."""


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="spark_analyze.py",
        description="Run quotesent analyze over jsonl articles on Spark, then build the reports.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit codes: 0 success; 1 finished, but some articles were skipped; 2 fatal.",
    )
    p.add_argument("input", metavar="INPUT", help="jsonl articles: a path, glob, folder or a,b,c list")
    p.add_argument("--sides", required=True, metavar="FILE", help="the sides file (TOML)")
    p.add_argument("--out", required=True, metavar="DIR", help="report folder on the driver (created)")
    p.add_argument(
        "--binary",
        metavar="PATH",
        help="quotesent on the executors (default: $QUOTESENT_BIN, else the checkout's "
        "target/release/quotesent, else `quotesent` on PATH)",
    )
    p.add_argument("--report-binary", metavar="PATH", help="quotesent on the driver (default: --binary)")
    p.add_argument("--model", metavar="DIR", help="encoder model folder (QUOTESENT_MODEL_DIR on executors)")
    p.add_argument("--partitions", type=int, metavar="N", help="partitions (default: defaultParallelism)")
    p.add_argument("--master", metavar="URL", help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="format of the rows")
    p.add_argument(
        "--rows",
        metavar="URI",
        help="where the rows go (default: DIR/rows, or DIR/rows.parquet); on a cluster a "
        "shared file system (hdfs://, s3a://, an NFS mount)",
    )
    p.add_argument("--overwrite", action="store_true", help="replace existing rows at --rows")
    p.add_argument(
        "--executor-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an environment variable for the binary on executors (repeatable)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no warnings, summaries or progress")
    a = p.parse_args(argv)
    if a.partitions is not None and a.partitions < 1:
        p.error("--partitions must be at least 1")
    for kv in a.executor_env:
        if "=" not in kv or kv.startswith("="):
            p.error(f"--executor-env wants KEY=VALUE, got {kv!r}")
    return a


def default_binary():
    env = os.environ.get("QUOTESENT_BIN")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    built = os.path.join(os.path.dirname(here), "target", "release", "quotesent")
    return built if os.path.isfile(built) else "quotesent"


def is_local_master(master):
    """local, local[N], local[*], local[N,F]: one machine, the driver's paths."""
    return master == "local" or master.startswith("local[")


def executor_path(path, local):
    """How an executor names `path`: absolute in local mode, as given elsewhere.

    A bare name (no slash) is left alone in both cases: a PATH lookup.
    """
    if local and os.sep in path:
        return os.path.abspath(path)
    return path


def local_fs_path(uri):
    """The local path of `uri` when it is one (no scheme, or file:), else None."""
    if "://" not in uri:
        return os.path.abspath(uri)
    if uri.startswith("file://"):
        return uri[len("file://") :]
    return None


def pipe_env(args, sc, local):
    env = {k: os.environ[k] for k in FORWARDED_ENV if os.environ.get(k)}
    env.setdefault("PATH", DEFAULT_PATH)
    if args.model:
        env["QUOTESENT_MODEL_DIR"] = executor_path(args.model, local)
    env.setdefault("OMP_NUM_THREADS", sc.getConf().get("spark.task.cpus", "1"))
    for kv in args.executor_env:
        k, _, v = kv.partition("=")
        env[k] = v
    return env


def pipe_command(binary, sides, model, quiet):
    cmd = [binary, "analyze", "-", "--sides", sides, "--format", "jsonl"]
    if model:
        cmd += ["--model-dir", model]
    if quiet:
        cmd.append("--quiet")
    return " ".join(shlex.quote(x) for x in ["sh", "-c", PIPE_WRAPPER, "quotesent-pipe"] + cmd)


def hadoop_fs(sc, uri):
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(sc._jsc.hadoopConfiguration()), path


def prepare_rows_dest(sc, uri, overwrite):
    fs, path = hadoop_fs(sc, uri)
    if fs.exists(path):
        if not overwrite:
            raise UsageError(f"{uri} already exists (use --overwrite to replace it)")
        fs.delete(path, True)


def quote_schema():
    """The Parquet schema of a quote row (QuoteRecord in src/record.rs)."""
    from pyspark.sql.types import (
        ArrayType,
        FloatType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    s, n, f = StringType(), LongType(), FloatType()
    fields = [
        ("article_id", s),
        ("quote_id", s),
        ("kind", s),
        ("text", s),
        ("start", n),
        ("end", n),
        ("speaker", s),
        ("speaker_mention", s),
        ("speaker_start", n),
        ("speaker_end", n),
        ("title", s),
        ("cue", s),
        ("cue_start", n),
        ("cue_end", n),
        ("side", s),
        ("side_evidence", s),
        ("optimism", f),
        ("label", s),
        ("probability", f),
        ("p_optimistic", f),
        ("p_neutral", f),
        ("p_pessimistic", f),
        ("spans", ArrayType(ArrayType(n))),
        ("article_title", s),
        ("article_date", s),
        ("article_source", s),
    ]
    return StructType([StructField(name, t, True) for name, t in fields])


def run_report(report_binary, rows_files, rows_stream, sides, out, quiet):
    """`quotesent report` on the driver: from files, or from lines on stdin."""
    cmd = [report_binary, "report"]
    cmd += rows_files if rows_files is not None else ["-"]
    cmd += ["--sides", sides, "--out", out]
    if quiet:
        cmd.append("--quiet")
    if rows_files is not None:
        return subprocess.run(cmd).returncode
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    try:
        for line in rows_stream:
            proc.stdin.write(line.encode("utf-8") + b"\n")
        proc.stdin.close()
    except BrokenPipeError:
        pass
    return proc.wait()


def main(argv):
    args = parse_args(argv)
    t0 = time.monotonic()
    say = (lambda *_: None) if args.quiet else (lambda msg: print(f"spark_analyze: {msg}", file=sys.stderr))

    sides_local = os.path.abspath(args.sides)
    if not os.path.isfile(sides_local):
        raise UsageError(f"the sides file {args.sides} does not exist")
    binary = args.binary or default_binary()
    report_binary = args.report_binary or binary
    if os.sep in report_binary and not os.path.isfile(report_binary):
        raise UsageError(f"the report binary {report_binary} does not exist on the driver")
    out = os.path.abspath(args.out)

    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise UsageError(f"{e}: install pyspark (pip install pyspark; it needs Java 17+)") from e

    # Start (or join, under spark-submit) the JVM first: a SparkConf made
    # before it exists is empty and cannot see spark-submit's --master.
    SparkContext._ensure_initialized()
    conf = SparkConf()
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    conf.setIfMissing("spark.app.name", "quotesent")
    if args.quiet:
        conf.set("spark.ui.showConsoleProgress", "false")
    # Parquet rows read back as JSON must keep their nulls (speaker_start...).
    conf.set("spark.sql.jsonGenerator.ignoreNullFields", "false")
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext
    if args.quiet:
        sc.setLogLevel("ERROR")
    try:
        master = sc.master
        local = is_local_master(master)
        sc.addFile(sides_local)
        sides_exec = sides_local if local else os.path.basename(sides_local)
        model_exec = executor_path(args.model, local) if args.model else None
        command = pipe_command(executor_path(binary, local), sides_exec, model_exec, args.quiet)
        env = pipe_env(args, sc, local)

        rows_uri = args.rows or os.path.join(out, "rows.parquet" if args.format == "parquet" else "rows")
        prepare_rows_dest(sc, rows_uri, args.overwrite)
        os.makedirs(out, exist_ok=True)

        articles = sc.accumulator(0)
        skipped_parts = sc.accumulator(0)

        def is_article(line):
            if line.strip():
                articles.add(1)
                return True
            return False

        def is_row(line):
            if line == SKIP_MARKER:
                skipped_parts.add(1)
                return False
            return bool(line)

        lines = sc.textFile(args.input).filter(is_article)
        partitions = args.partitions or sc.defaultParallelism
        rows = lines.repartition(partitions).pipe(command, env=env, checkCode=True).filter(is_row)
        say(f"master {master}, {partitions} partitions, binary {executor_path(binary, local)}")

        if args.format == "jsonl":
            rows.saveAsTextFile(rows_uri)
        else:
            spark.read.schema(quote_schema()).json(rows).write.parquet(rows_uri)
        t_rows = time.monotonic() - t0

        # The report step, on the driver.
        local_rows = local_fs_path(rows_uri)
        if args.format == "jsonl" and local_rows is not None:
            files = sorted(glob.glob(os.path.join(local_rows, "part-*")))
            rc = run_report(report_binary, files, None, sides_local, out, args.quiet)
        else:
            if args.format == "jsonl":
                stream = sc.textFile(rows_uri).toLocalIterator()
            else:
                with warnings.catch_warnings():  # "toJSON will return a DataFrame"
                    warnings.simplefilter("ignore")
                    stream = spark.read.parquet(rows_uri).toJSON().toLocalIterator()
            rc = run_report(report_binary, None, stream, sides_local, out, args.quiet)
        if rc != 0:
            print(f"spark_analyze: error: `quotesent report` exited with status {rc}", file=sys.stderr)
            return 2
        total = time.monotonic() - t0
        n = articles.value
        say(
            f"{n} input lines, {partitions} partitions, {skipped_parts.value} with skipped articles; "
            f"rows in {rows_uri} after {t_rows:.1f} s, reports in {out} after {total:.1f} s "
            f"({n / total if total > 0 else 0:.2f} articles/s)"
        )
        if skipped_parts.value:
            if not args.quiet:
                say("some articles were skipped: see the warnings in the executors' stderr")
            return 1
        return 0
    finally:
        spark.stop()


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except UsageError as e:
        print(f"spark_analyze: error: {e}", file=sys.stderr)
        sys.exit(2)
    except Exception as e:  # a failed Spark job: report it briefly, exit 2
        text = str(e)
        m = re.search(r"PIPE_FUNCTION_EXITED.*?exited with error code (\d+)", text, re.S)
        if m:
            print(
                f"spark_analyze: error: a quotesent process exited with status {m.group(1)}; "
                "its own message is in the executor's stderr (above, in local mode)",
                file=sys.stderr,
            )
        else:
            msg = text.strip().splitlines()
            print(f"spark_analyze: error: {type(e).__name__}: {msg[0] if msg else ''}", file=sys.stderr)
        if os.environ.get("SPARK_ANALYZE_DEBUG"):
            raise
        sys.exit(2)
