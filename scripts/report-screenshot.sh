#!/usr/bin/env bash
# Screenshot a `clusterplot check --report DIR` page in headless Chromium, so a human (or a CI
# artefact) can see what the report really looks like.
# usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]   (default 1400x1000)
# Needs Debian's chromium: apt-get install -y chromium
set -euo pipefail
report=${1:?usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]}
out=${2:?usage: scripts/report-screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]}
size=${3:-1400x1000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then echo "report-screenshot: chromium not found (apt-get install -y chromium)" >&2; exit 2; fi
abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
outabs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
# A throw-away profile; no network needed (the report is self-contained).
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --virtual-time-budget=2000 --screenshot="$outabs" --window-size="${size/x/,}" "file://$abs" >/dev/null 2>&1
test -s "$outabs" && echo "screenshot: $outabs"
