# Helpers for Benchmarks/parts/*.sh.
# median_ms RUNS CMD...: runs CMD RUNS times (after one warm-up), prints the median wall time in ms.
median_ms() {
  local runs=$1; shift
  "$@" >/dev/null 2>&1 || true
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | awk '{ printf "%.3f\n", $1 / 1000 }' | median_of
}
# median_of: the median of the numbers on standard input (one per line or space-separated), one decimal.
median_of() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# ratio A B: prints A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# peers_ready: true when the peer venv from ../shared/bench is set up (sh run_all.sh setup).
peers_ready() { [ -n "$SHARED_BENCH" ] && [ -x "$BENCH_WORK/venv/bin/python" ]; }
# peer_modules MODULE=PACKAGE==VERSION ...: installs into the peer venv each package whose module does
# not import (../shared/bench's set-up has no pandas, seaborn or kneed); false if one is still missing.
peer_modules() {
  local py="$BENCH_WORK/venv/bin/python" spec module ok=0
  for spec in "$@"; do
    module=${spec%%=*}
    if ! "$py" -c "import $module" >/dev/null 2>&1; then
      echo "installing ${spec#*=} (the reference version) into the peer venv"
      "$BENCH_WORK/venv/bin/pip" install -q "${spec#*=}" >/dev/null 2>&1 || true
      "$py" -c "import $module" >/dev/null 2>&1 || { echo "could not install ${spec#*=}"; ok=1; }
    fi
  done
  return $ok
}
# require_cpbench: ends the part when the release cpbench is not built.
require_cpbench() {
  [ -x "${CP_BENCH:-}" ] || { echo "cpbench not built: swift build -c release --product cpbench"; exit 1; }
}
# ms_of: the milliseconds of a cpbench line ("name: 12.3 ms …"); field_of KEY: its KEY=value.
ms_of() { sed -n 's/^[^:]*: \([0-9.]*\) ms.*/\1/p' | head -1; }
field_of() { tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
# sklearn_baseline RUNS: sets have_peers (1 when the scikit-learn venv is there) and PY, and says so.
sklearn_baseline() {
  have_peers=0
  if peers_ready; then
    have_peers=1
    PY="$BENCH_WORK/venv/bin/python"
    echo "baseline: scikit-learn from $BENCH_WORK/venv, $1 runs each, medians (same run, same data)"
  else
    echo "baseline: not available (../shared/bench or its venv missing: sh ../shared/bench/run_all.sh setup);"
    echo "          printing ClusterPlot's numbers only"
  fi
}
export -f median_ms median_of ratio peers_ready peer_modules require_cpbench ms_of field_of sklearn_baseline
