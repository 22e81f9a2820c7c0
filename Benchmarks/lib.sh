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
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f\n", m/1000}'
}
# ratio A B: prints A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# peers_ready: true when the peer venv from ../shared/bench is set up (sh run_all.sh setup).
peers_ready() { [ -n "$SHARED_BENCH" ] && [ -x "$BENCH_WORK/venv/bin/python" ]; }
export -f median_ms ratio peers_ready
