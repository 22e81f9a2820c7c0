#!/usr/bin/env bash
# Gallery benchmarks (issue 5): whole-process wall time of the release clusterplot binary rendering
# the seed gallery, beside matplotlib running the original app's figures (seed_figures.py) in the
# same run. Targets: all five figures to PNG + PDF in one process <= 100 ms; the 4x3 grid alone to
# PNG <= 60 ms (gnuplot multiplot 139 ms, matplotlib 1.15 s in PEERS.md).
set -euo pipefail
source Benchmarks/lib.sh
RUNS="${GALLERY_RUNS:-11}"
PEER_RUNS="${GALLERY_PEER_RUNS:-3}"
work="${BENCH_WORK:-/tmp/benchpeers}/gallery"
mkdir -p "$work/cp" "$work/mpl"
if [ ! -x "$CP_BIN" ]; then echo "gallery: $CP_BIN missing (make release)"; exit 0; fi

seed=(Fixtures/configs/{segmentation,anomaly,documents,iterations,elbow}.yaml)
all_ms=$(median_ms "$RUNS" "$CP_BIN" render "${seed[@]}" --format png,pdf --out "$work/cp" -q)
folder_ms=$(median_ms 3 "$CP_BIN" render Fixtures/configs --format png,pdf --out "$work/cp" -q)
grid_ms=$(median_ms "$RUNS" "$CP_BIN" render Fixtures/configs/iterations.yaml --format png --out "$work/cp" -q)
data_ms=$(median_ms "$RUNS" "$CP_BIN" data Fixtures/minimal.yaml)
"$CP_BIN" render Fixtures/configs --format png,pdf --out "$work/cp" -q
ls "$work/cp"/{segmentation,anomaly,documents,iterations,elbow}.{png,pdf} >/dev/null

verdict() { awk -v t="$1" -v lim="$2" 'BEGIN { print (t <= lim) ? "ok" : "OVER" }'; }
printf '%-44s %9s ms  (target <= 100 ms: %s)\n' "render 5 seed figures, png+pdf, 1 process" "$all_ms" "$(verdict "$all_ms" 100)"
printf '%-44s %9s ms  (target <= 60 ms: %s)\n' "render 4x3 iteration grid, png" "$grid_ms" "$(verdict "$grid_ms" 60)"
printf '%-44s %9s ms\n' "data minimal config (1000x3 blobs + k-means)" "$data_ms"
printf '%-44s %9s ms  (%s configs, 2 cores)\n' "render all of Fixtures/configs, png+pdf" "$folder_ms" "$(ls Fixtures/configs/*.yaml | wc -l)"

seed_py=""
for c in ../shared/reference/seed_figures.py "${SHARED_BENCH:-/nonexistent}/../reference/seed_figures.py"; do
  [ -f "$c" ] && { seed_py="$c"; break; }
done
if peers_ready && [ -n "$seed_py" ]; then
  py="$BENCH_WORK/venv/bin/python"
  if peer_modules pandas=pandas==3.1.1 seaborn=seaborn==0.13.2; then
    mpl_all=$(median_ms "$PEER_RUNS" "$py" "$seed_py" --out "$work/mpl")
    mpl_grid=$(median_ms "$PEER_RUNS" "$py" "$seed_py" --out "$work/mpl" --only iterations --no-pdf)
    printf '%-44s %9s ms  (clusterplot is %sx faster)\n' "matplotlib: 5 seed figures, png+pdf" "$mpl_all" "$(ratio "$mpl_all" "$all_ms")"
    printf '%-44s %9s ms  (clusterplot is %sx faster)\n' "matplotlib: 4x3 grid, png" "$mpl_grid" "$(ratio "$mpl_grid" "$grid_ms")"
  else
    echo "matplotlib baseline skipped: pandas/seaborn unavailable in $BENCH_WORK/venv"
  fi
  if command -v gnuplot >/dev/null 2>&1 && [ -f "$SHARED_BENCH/grid.gp" ]; then
    echo "(gnuplot multiplot 4x3 grid: see the plotting benchmarks; PEERS.md: 139 ms)"
  fi
else
  echo "matplotlib baseline skipped (peer venv or seed_figures.py not found); PEERS.md: 5 figures 6.28 s, grid 1.15 s"
fi
if [ -x "${CP_BENCH:-}" ]; then
  echo "in-process stages (cpbench gallery, median of 9):"
  "$CP_BENCH" gallery Fixtures/configs 9 || true
fi
