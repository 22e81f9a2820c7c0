#!/usr/bin/env bash
# Handouts: the whole app as an A4 handout PDF and as a 16:9 deck, and the 12-frame APNG,
# whole process (target: handout PDF <= 300 ms).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
h=$(median_ms 7 "$CP_BIN" handout Fixtures/handouts/clustering-handout.yaml -o "$out/h.pdf")
s=$(median_ms 7 "$CP_BIN" handout Fixtures/handouts/clustering-slides.yaml -o "$out/s.pdf")
a=$(median_ms 7 "$CP_BIN" animate Fixtures/configs/iterations.yaml -o "$out/a.png")
b=$(median_ms 5 "$CP_BIN" handout Fixtures/handouts/beyond-kmeans-slides.yaml -o "$out/b.pdf")
pages_b=$(pdfinfo "$out/b.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pages_h=$(pdfinfo "$out/h.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pages_s=$(pdfinfo "$out/s.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
printf 'handout A4 PDF (%s pages)            %8.1f ms  (target <= 300 ms, set for the 6-page seed lesson; the handout now also holds Beyond K-Means: 17 figures, 2 score tables)\n' "${pages_h:-?}" "$h"
printf 'slide deck 16:9 PDF (%s pages)       %8.1f ms\n' "${pages_s:-?}" "$s"
printf 'iteration animation, 12-frame APNG   %8.1f ms\n' "$a"
printf 'Beyond K-Means deck (%s pages)        %8.1f ms  (13 figures, the comparison grid included)\n' "${pages_b:-?}" "$b"
