#!/usr/bin/env bash
# VisualDiff: comparing two 1200×1600 PNGs (decode both + all metrics), target ≤ 40 ms;
# `clusterplot check` over the seed gallery, target ≤ 200 ms. Baseline: matplotlib's compare_images.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
W="${BENCH_WORK:-/tmp/benchpeers}/visualdiff"
mkdir -p "$W"
"$CP_BENCH" visualdiff-images "$W" >/dev/null
echo "in-process (cpbench):"
"$CP_BENCH" visualdiff-compare "$W/expected.png" "$W/actual.png" 15 | sed 's/^/  /'
"$CP_BENCH" visualdiff-compare "$W/expected.png" "$W/same.png" 15 | sed 's/^/  /'

ours=$(median_ms 11 "$CP_BIN" compare "$W/expected.png" "$W/actual.png")
same=$(median_ms 11 "$CP_BIN" compare "$W/expected.png" "$W/same.png")
echo "whole process: clusterplot compare 1200x1600, differing pair: ${ours} ms (target 40); identical pixels: ${same} ms"
if [ -x "${BENCH_WORK:-/tmp/benchpeers}/venv/bin/python" ]; then
  PY="${BENCH_WORK:-/tmp/benchpeers}/venv/bin/python"
  cat > "$W/mpl_compare.py" <<'PYEOF'
import sys
from matplotlib.testing.compare import compare_images
compare_images(sys.argv[1], sys.argv[2], tol=2)
PYEOF
  mpl=$(median_ms 5 "$PY" "$W/mpl_compare.py" "$W/expected.png" "$W/actual.png")
  mpl_inproc=$("$PY" - "$W/expected.png" "$W/actual.png" <<'PYEOF'
import sys, time
from matplotlib.testing.compare import compare_images
compare_images(sys.argv[1], sys.argv[2], tol=2)
ts = []
for _ in range(7):
    t = time.perf_counter(); compare_images(sys.argv[1], sys.argv[2], tol=2); ts.append((time.perf_counter() - t) * 1000)
print("%.1f" % sorted(ts)[3])
PYEOF
)
  echo "matplotlib compare_images (tol=2, writes a diff PNG on failure): whole process ${mpl} ms, in-process ${mpl_inproc} ms"
  echo "ratio matplotlib/ours (whole process): $(ratio "$mpl" "$ours")x"
else
  echo "matplotlib baseline skipped (no venv at ${BENCH_WORK:-/tmp/benchpeers}/venv)"
fi

if [ -d Fixtures/configs ] && [ -f Fixtures/golden/manifest.json ]; then
  only=(); for c in segmentation anomaly documents iterations elbow; do only+=(--only "Fixtures/configs/$c.yaml"); done
  chk=$(median_ms 7 "$CP_BIN" check --quiet "${only[@]}")
  echo "whole process: clusterplot check over the seed gallery (5 configs, png+pdf): ${chk} ms (target 200)"
  all=$(median_ms 3 "$CP_BIN" check --quiet)
  echo "whole process: clusterplot check over the project ($(ls Fixtures/configs/*.yaml | wc -l) configs, png+pdf): ${all} ms"
fi
