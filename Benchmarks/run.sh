#!/usr/bin/env bash
# make bench: whole-process timings of ClusterPlot beside the peer baselines of ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "benchmarks: none registered yet"
