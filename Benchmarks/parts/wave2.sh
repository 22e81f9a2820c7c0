#!/usr/bin/env bash
# Wave-2 figures (issues 13, 14, 16): whole-process wall time of `clusterplot render` for each new
# figure config, beside the same figure made by matplotlib + scikit-learn
# (Benchmarks/peers/wave2_figures.py, fit times removed) in the same run.
# Targets: dbscan, k-distance, dendrogram, kmeans-vs-dbscan <= 150 ms each (issue 13);
# cluster-comparison <= 1.5 s and >= 10x faster than matplotlib + scikit-learn (issue 16).
set -euo pipefail
source Benchmarks/lib.sh
RUNS="${WAVE2_RUNS:-7}"
PEER_RUNS="${WAVE2_PEER_RUNS:-3}"
work="${BENCH_WORK:-/tmp/benchpeers}/wave2"
mkdir -p "$work/cp" "$work/mpl"
if [ ! -x "$CP_BIN" ]; then echo "wave2: $CP_BIN missing (make release)"; exit 0; fi

verdict() { awk -v t="$1" -v lim="$2" 'BEGIN { print (t <= lim) ? "ok" : "OVER" }'; }
py="${BENCH_WORK:-/tmp/benchpeers}/venv/bin/python"
peer_ok=0
if peers_ready && "$py" -c 'import sklearn, kneed, scipy' >/dev/null 2>&1; then peer_ok=1; fi
if peers_ready && [ $peer_ok = 0 ]; then
  echo "installing kneed and scipy (the reference versions) into the peer venv for wave2_figures.py"
  "${BENCH_WORK:-/tmp/benchpeers}/venv/bin/pip" install -q kneed==0.8.6 scipy==1.17.1 >/dev/null 2>&1 || true
  "$py" -c 'import sklearn, kneed, scipy' >/dev/null 2>&1 && peer_ok=1
fi

printf '%-22s %12s %14s %9s  %s\n' figure clusterplot "mpl+sklearn" ratio target
for name in dbscan k-distance dendrogram kmeans-vs-dbscan silhouette elbow-metrics gmm-ellipses gmm-bic cluster-comparison; do
  config="Fixtures/configs/$name.yaml"
  [ -f "$config" ] || { echo "$name: $config missing"; continue; }
  cp_ms=$(median_ms "$RUNS" "$CP_BIN" render "$config" --format png --out "$work/cp" -q)
  "$CP_BIN" render "$config" --format png --out "$work/cp" -q
  target=""
  case "$name" in
    dbscan|k-distance|dendrogram|kmeans-vs-dbscan) target="<= 150 ms: $(verdict "$cp_ms" 150)" ;;
    cluster-comparison) target="<= 1500 ms: $(verdict "$cp_ms" 1500)" ;;
  esac
  mpl_ms="-"; r="-"
  if [ $peer_ok = 1 ] && "$py" Benchmarks/peers/wave2_figures.py --out "$work/mpl" --only "$name" >/dev/null 2>&1; then
    mpl_ms=$(median_ms "$PEER_RUNS" "$py" Benchmarks/peers/wave2_figures.py --out "$work/mpl" --only "$name")
    r="$(ratio "$mpl_ms" "$cp_ms")x"
    if [ "$name" = cluster-comparison ]; then
      target="$target; >= 10x: $(awk -v a="$mpl_ms" -v b="$cp_ms" 'BEGIN { print (a >= 10 * b) ? "ok" : "UNDER" }')"
    fi
  fi
  printf '%-22s %9s ms %11s ms %9s  %s\n' "$name" "$cp_ms" "$mpl_ms" "$r" "$target"
done
[ $peer_ok = 1 ] || echo "(matplotlib + scikit-learn peer skipped: the venv from ../shared/bench is not set up)"
