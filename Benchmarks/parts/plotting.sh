#!/usr/bin/env bash
# Plotting benchmarks: whole processes (read the data, build the figure, write the file), timed
# beside the peers of ../shared/bench (matplotlib Agg, the C+Cairo floor, gnuplot) in the same run.
# Targets (issue 3): 1M-point scatter PNG <= 0.7 s and <= 150 MB; 100k-point scatter PDF <= 1.0 s and
# well under Cairo's naive 3.3 MB; elbow line chart PNG <= 25 ms.
set -uo pipefail
: "${CP_BENCH:?run through Benchmarks/run.sh}"
W="${BENCH_WORK:-/tmp/benchpeers}"
OUT="${TMPDIR:-/tmp}/cp-plotting-bench"; mkdir -p "$OUT"
RUNS="${PLOTTING_BENCH_RUNS:-5}"
PY="$W/venv/bin/python"
have_peers=false; peers_ready && have_peers=true
have_gnuplot=false; command -v gnuplot >/dev/null 2>&1 && have_gnuplot=true

# Data: the peers' files when present, else the same shape generated in-process (N as argument).
data() { if [ -f "$W/data/scatter_$1.bin" ]; then echo "$W/data/scatter_$1.bin"; else echo "$1"; fi; }
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'; }
size_kb() { stat -c %s "$1" | awk '{printf "%.0f", $1/1024}'; }
row() { printf '%-34s %10s ms  %s\n' "$1" "$2" "${3:-}"; }

echo "whole-process medians of $RUNS runs (after one warm-up); ratios are peer / ClusterPlot"

# 1. Scatter, 1,000,000 points, 900x400 PNG, colours by 4 labels (mpl_scatter.py's figure).
D1M=$(data 1000000)
cp1m=$(median_ms "$RUNS" "$CP_BENCH" scatter "$D1M" "$OUT/cp_1m.png")
row "scatter 1M png: clusterplot" "$cp1m" "(target <= 700 ms; peak $(peak_mb "$CP_BENCH" scatter "$D1M" "$OUT/cp_1m.png") MB, target <= 150)"
if [ -x "$W/cairo_floor" ] && [ -f "$W/data/scatter_1000000.bin" ]; then
  st=$(median_ms 3 "$W/cairo_floor" "$D1M" "$OUT/c_stamp_1m.png" 3.8 stamp)
  row "scatter 1M png: C stamp floor" "$st" "x$(ratio "$st" "$cp1m")"
  af=$(median_ms 1 "$W/cairo_floor" "$D1M" "$OUT/c_arc_1m.png" 3.8 arcfill)
  row "scatter 1M png: C arc+fill" "$af" "x$(ratio "$af" "$cp1m")"
fi
if $have_peers && [ "${PLOTTING_BENCH_SKIP_MPL_1M:-0}" != 1 ]; then
  mp=$(median_ms 1 "$PY" "$SHARED_BENCH/mpl_scatter.py" agg png "$D1M" "$OUT/mpl_1m.png")
  row "scatter 1M png: matplotlib Agg" "$mp" "x$(ratio "$mp" "$cp1m")"
fi

# 2. Scatter, 100,000 points to PDF.
D100K=$(data 100000)
cpp=$(median_ms "$RUNS" "$CP_BENCH" scatter "$D100K" "$OUT/cp_100k.pdf")
row "scatter 100k pdf: clusterplot" "$cpp" "(target <= 1000 ms; $(size_kb "$OUT/cp_100k.pdf") KB)"
if [ -x "$W/cairo_floor" ] && [ -f "$W/data/scatter_100000.bin" ]; then
  cf=$(median_ms 3 "$W/cairo_floor" "$D100K" "$OUT/c_100k.pdf" 3.8 arcfill)
  row "scatter 100k pdf: C arc+fill" "$cf" "x$(ratio "$cf" "$cpp"); $(size_kb "$OUT/c_100k.pdf") KB"
fi
if $have_peers; then
  mpp=$(median_ms 3 "$PY" "$SHARED_BENCH/mpl_scatter.py" agg pdf "$D100K" "$OUT/mpl_100k.pdf")
  row "scatter 100k pdf: matplotlib" "$mpp" "x$(ratio "$mpp" "$cpp"); $(size_kb "$OUT/mpl_100k.pdf") KB"
fi

# 3. Elbow line chart (9 points, line + circle markers), 900x400 PNG.
ELBOW="${SHARED_BENCH:-}/elbow.txt"
if [ ! -f "$ELBOW" ]; then
  ELBOW="$OUT/elbow.txt"
  printf '2 15203.1\n3 9801.4\n4 6104.2\n5 4022.7\n6 3507.3\n7 3189.6\n8 2952.0\n9 2768.4\n10 2621.9\n' > "$ELBOW"
fi
cpe=$(median_ms $((RUNS * 3)) "$CP_BENCH" elbow "$ELBOW" "$OUT/cp_elbow.png")
row "elbow png: clusterplot" "$cpe" "(target <= 25 ms)"
if $have_gnuplot && [ -n "${SHARED_BENCH:-}" ]; then
  gpe=$(median_ms $((RUNS * 3)) gnuplot -e "datafile='$ELBOW'; outfile='$OUT/gp_elbow.png'; term='png'" "$SHARED_BENCH/line.gp")
  row "elbow png: gnuplot" "$gpe" "x$(ratio "$gpe" "$cpe")"
fi
if $have_peers; then
  mpe=$(median_ms "$RUNS" "$PY" "$SHARED_BENCH/mpl_line.py" png "$OUT/mpl_elbow.png")
  row "elbow png: matplotlib" "$mpe" "x$(ratio "$mpe" "$cpe")"
fi
