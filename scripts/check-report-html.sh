#!/usr/bin/env bash
# Renders an output folder's report.html in headless Chromium and saves a
# screenshot, so a person can look at what users see.
#   bash scripts/check-report-html.sh [OUT_DIR] [PNG]
# Installs Debian's chromium when missing (needs root + apt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-out}"
png="${2:-$out/report.png}"
if ! command -v chromium >/dev/null; then
  apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null
fi
html="$(cd "$out" && pwd)/report.html"
[ -f "$html" ] || { echo "no $html: run the main job first" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1280,1600 \
  --screenshot="$png" "file://$html" 2>/dev/null
# The DOM after scripts ran: the quote table must be there, and no injected
# markup from article text may have become an element.
dom="$(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --dump-dom "file://$html" 2>/dev/null)"
grep -q "<table" <<<"$dom" || { echo "report.html: no table rendered" >&2; exit 1; }
if grep -qi "<img[^>]*onerror" <<<"$dom" || grep -qi "<script>alert" <<<"$dom"; then
  echo "report.html: article text became markup" >&2; exit 1
fi
echo "screenshot: $png"
