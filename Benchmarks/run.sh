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
source Benchmarks/lib.sh
shopt -s nullglob
parts=(Benchmarks/parts/*.sh)
if [ ${#parts[@]} -eq 0 ]; then echo "no benchmarks registered"; exit 0; fi
for part in "${parts[@]}"; do
  echo
  echo "== $(basename "$part" .sh) =="
  bash "$part"
done
