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

# interleave RUNS NAME CMD [NAME CMD ...]: one warm-up each, then RUNS rounds running every command
# once per round (A B C A B C ...), so load from other processes hits all of them alike; sets
# MED[NAME] to the median wall time in ms.
declare -A MED
interleave() {
  local runs=$1; shift
  local names=() cmds=()
  while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
  local i r t0 t1
  for i in "${!cmds[@]}"; do eval "${cmds[$i]}" >/dev/null 2>&1 || true; done
  declare -A times
  for ((r = 0; r < runs; r++)); do
    for i in "${!cmds[@]}"; do
      t0=$(date +%s%N); eval "${cmds[$i]}" >/dev/null 2>&1; t1=$(date +%s%N)
      times[$i]+="$(( (t1 - t0) / 1000 )) "
    done
  done
  for i in "${!cmds[@]}"; do
    MED[${names[$i]}]=$(printf '%s\n' ${times[$i]} | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}')
  done
}

# Data: the peers' files when present, else the same shape generated in-process (N as argument).
data() { if [ -f "$W/data/scatter_$1.bin" ]; then echo "$W/data/scatter_$1.bin"; else echo "$1"; fi; }
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'; }
size_kb() { stat -c %s "$1" | awk '{printf "%.0f", $1/1024}'; }
row() { printf '%-34s %10s ms  %s\n' "$1" "$2" "${3:-}"; }

echo "whole-process medians, rounds interleaved with the peers (after one warm-up); ratios are peer / ClusterPlot"

# 1. Scatter, 1,000,000 points, 900x400 PNG, colours by 4 labels (mpl_scatter.py's figure).
D1M=$(data 1000000)
set1=(cp "'$CP_BENCH' scatter '$D1M' '$OUT/cp_1m.png'")
if [ -x "$W/cairo_floor" ] && [ -f "$W/data/scatter_1000000.bin" ]; then
  set1+=(stamp "'$W/cairo_floor' '$D1M' '$OUT/c_stamp_1m.png' 3.8 stamp")
fi
interleave "$RUNS" "${set1[@]}"
row "scatter 1M png: clusterplot" "${MED[cp]}" "(target <= 700 ms; peak $(peak_mb "$CP_BENCH" scatter "$D1M" "$OUT/cp_1m.png") MB, target <= 150)"
[ -n "${MED[stamp]:-}" ] && row "scatter 1M png: C stamp floor" "${MED[stamp]}" "x$(ratio "${MED[stamp]}" "${MED[cp]}")"
if [ -x "$W/cairo_floor" ] && [ -f "$W/data/scatter_1000000.bin" ]; then
  # the slow peers: one round, paired with a ClusterPlot run
  interleave 1 cp "'$CP_BENCH' scatter '$D1M' '$OUT/cp_1m.png'" arc "'$W/cairo_floor' '$D1M' '$OUT/c_arc_1m.png' 3.8 arcfill"
  row "scatter 1M png: C arc+fill" "${MED[arc]}" "x$(ratio "${MED[arc]}" "${MED[cp]}") (paired run: clusterplot ${MED[cp]} ms)"
fi
if $have_peers && [ "${PLOTTING_BENCH_SKIP_MPL_1M:-0}" != 1 ]; then
  interleave 1 cp "'$CP_BENCH' scatter '$D1M' '$OUT/cp_1m.png'" mpl "'$PY' '$SHARED_BENCH/mpl_scatter.py' agg png '$D1M' '$OUT/mpl_1m.png'"
  row "scatter 1M png: matplotlib Agg" "${MED[mpl]}" "x$(ratio "${MED[mpl]}" "${MED[cp]}") (paired run: clusterplot ${MED[cp]} ms)"
fi

# 2. Scatter, 100,000 points to PDF.
D100K=$(data 100000)
set2=(cp "'$CP_BENCH' scatter '$D100K' '$OUT/cp_100k.pdf'")
[ -x "$W/cairo_floor" ] && [ -f "$W/data/scatter_100000.bin" ] && set2+=(floor "'$W/cairo_floor' '$D100K' '$OUT/c_100k.pdf' 3.8 arcfill")
$have_peers && set2+=(mpl "'$PY' '$SHARED_BENCH/mpl_scatter.py' agg pdf '$D100K' '$OUT/mpl_100k.pdf'")
interleave 3 "${set2[@]}"
row "scatter 100k pdf: clusterplot" "${MED[cp]}" "(target <= 1000 ms; $(size_kb "$OUT/cp_100k.pdf") KB; Cairo naive 3.3 MB)"
[ -n "${MED[floor]:-}" ] && row "scatter 100k pdf: C arc+fill" "${MED[floor]}" "x$(ratio "${MED[floor]}" "${MED[cp]}"); $(size_kb "$OUT/c_100k.pdf") KB"
[ -n "${MED[mpl]:-}" ] && $have_peers && row "scatter 100k pdf: matplotlib" "${MED[mpl]}" "x$(ratio "${MED[mpl]}" "${MED[cp]}"); $(size_kb "$OUT/mpl_100k.pdf") KB"

# 3. Elbow line chart (9 points, line + circle markers), 900x400 PNG.
ELBOW="${SHARED_BENCH:-}/elbow.txt"
if [ ! -f "$ELBOW" ]; then
  ELBOW="$OUT/elbow.txt"
  printf '2 15203.1\n3 9801.4\n4 6104.2\n5 4022.7\n6 3507.3\n7 3189.6\n8 2952.0\n9 2768.4\n10 2621.9\n' > "$ELBOW"
fi
unset 'MED[mpl]'
set3=(cp "'$CP_BENCH' elbow '$ELBOW' '$OUT/cp_elbow.png'")
$have_gnuplot && [ -n "${SHARED_BENCH:-}" ] && set3+=(gp "gnuplot -e \"datafile='$ELBOW'; outfile='$OUT/gp_elbow.png'; term='png'\" '$SHARED_BENCH/line.gp'")
$have_peers && set3+=(mpl "'$PY' '$SHARED_BENCH/mpl_line.py' png '$OUT/mpl_elbow.png'")
interleave $((RUNS * 3)) "${set3[@]}"
row "elbow png: clusterplot" "${MED[cp]}" "(target <= 25 ms)"
[ -n "${MED[gp]:-}" ] && row "elbow png: gnuplot" "${MED[gp]}" "x$(ratio "${MED[gp]}" "${MED[cp]}")"
[ -n "${MED[mpl]:-}" ] && row "elbow png: matplotlib" "${MED[mpl]}" "x$(ratio "${MED[mpl]}" "${MED[cp]}")"
