#!/usr/bin/env bash
# make bench: timings of ClusterPlot beside the peer baselines from ../shared/bench, measured in the
# same run so every figure is a ratio. Each Benchmarks/parts/*.sh adds one group of benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
export CP_BIN="$PWD/.build/release/clusterplot" CP_BENCH="$PWD/.build/release/cpbench"
export SHARED_BENCH=""
if [ -d ../shared/bench ]; then
  SHARED_BENCH="$(cd ../shared/bench && pwd)"
  echo "baselines: using $SHARED_BENCH"
else
  echo "baselines: ../shared/bench not found; reporting ClusterPlot timings without peer ratios"
fi
export BENCH_WORK="${BENCH_WORK:-/tmp/benchpeers}"
if [ -n "$SHARED_BENCH" ]; then
  # The peers: gnuplot from apt, matplotlib/scikit-learn in a venv and the C floor (built once).
  if ! command -v gnuplot >/dev/null 2>&1; then
    echo "installing gnuplot-nox for the gnuplot baselines"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    ($SUDO apt-get install -y -qq gnuplot-nox >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq gnuplot-nox; }) >/dev/null 2>&1 || echo "gnuplot unavailable: its baselines are skipped"
  fi
  if [ ! -x "$BENCH_WORK/venv/bin/python" ] || [ ! -x "$BENCH_WORK/cairo_floor" ]; then
    echo "setting up the peer baselines in $BENCH_WORK (once; pip + gcc)"
    sh "$SHARED_BENCH/run_all.sh" setup || echo "peer set-up failed: ratios against matplotlib/scikit-learn are skipped"
  fi
fi
source Benchmarks/lib.sh
shopt -s nullglob
parts=(Benchmarks/parts/*.sh)
if [ ${#parts[@]} -eq 0 ]; then echo "no benchmarks registered"; exit 0; fi
for part in "${parts[@]}"; do
  echo
  echo "== $(basename "$part" .sh) =="
  bash "$part"
done
