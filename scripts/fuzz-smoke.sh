#!/usr/bin/env bash
# A short fuzz smoke run for CI (about a minute in all).
#
# With cargo-fuzz and a nightly toolchain (`cargo +nightly fuzz --version`
# works): builds the three libFuzzer targets in fuzz/ and runs each for
# FUZZ_SECS seconds (default 12; corpus loading adds a few) from a seed corpus of the bundled fixtures
# and the saved regression inputs in tests/data/fuzz/. A crash fails the run
# and leaves the input in fuzz/artifacts/<target>/; copy it to
# tests/data/fuzz/<target>/ to keep it as a regression test.
#
# Without them (stable-only CI): runs the proptest twins of the same checks
# (tests/it/props.rs includes fuzz/src/lib.rs, so the assertions are the
# same) with PROPTEST_CASES (default 10000, about 20 s) cases each, plus the replay of
# every saved fuzz input. Set FUZZ_SMOKE=proptest to force this mode.
#
# Usage: scripts/fuzz-smoke.sh            (either mode, auto-detected)
#        FUZZ_SECS=60 scripts/fuzz-smoke.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FUZZ_SECS="${FUZZ_SECS:-12}"
TARGETS=(text_path readers sides_toml)

have_cargo_fuzz() {
    [[ "${FUZZ_SMOKE:-auto}" != proptest ]] &&
        cargo +nightly fuzz --version >/dev/null 2>&1
}

if have_cargo_fuzz; then
    echo "fuzz-smoke: libFuzzer mode (cargo-fuzz + nightly), ${FUZZ_SECS}s per target"
    cargo +nightly fuzz build -O
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    for target in "${TARGETS[@]}"; do
        seeds="fuzz/corpus/$target"
        mkdir -p "$seeds"
        case "$target" in
            text_path) cp fixtures/input/*.txt fixtures/input/*.md "$seeds"/ 2>/dev/null || true
                       cp fixtures/articles/*.txt "$seeds"/ 2>/dev/null || true ;;
            readers)   find fixtures/input -type f -exec cp {} "$seeds"/ \; ;;
            sides_toml) cp fixtures/sides.toml fixtures/sides/*.toml "$seeds"/ ;;
        esac
        if [[ -d "tests/data/fuzz/$target" ]]; then
            find "tests/data/fuzz/$target" -type f ! -name README.md -exec cp {} "$seeds"/ \;
        fi
        echo "== $target"
        status=0
        cargo +nightly fuzz run -O "$target" "$seeds" -- \
            -max_total_time="$FUZZ_SECS" -timeout=10 -rss_limit_mb=2048 \
            -max_len=8192 -print_final_stats=1 >"$log" 2>&1 || status=$?
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )' "$log" || true
        if [[ $status -ne 0 ]]; then
            tail -n 40 "$log" >&2
            echo "fuzz-smoke: $target failed (exit $status); the input is in fuzz/artifacts/$target/" >&2
            exit 1
        fi
    done
else
    echo "fuzz-smoke: proptest mode (no cargo-fuzz/nightly), ${PROPTEST_CASES:-10000} cases per property"
    PROPTEST_CASES="${PROPTEST_CASES:-10000}" \
        cargo test --release --no-default-features --test it props:: -- --test-threads 2
fi
