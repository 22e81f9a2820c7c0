#!/usr/bin/env bash
# DBSCAN and k-distance: ClusterPlot (cpbench, in-process) beside scikit-learn 1.9.1 on the same
# data in the same run: make_blobs(100000, 2, centers=8, random_state=0) (our makeBlobs gives the
# same points bit for bit), DBSCAN(eps=0.09, min_samples=10).fit(X) (about 29 neighbours per
# point) and np.sort(NearestNeighbors(n_neighbors=10).fit(X).kneighbors(X)[0][:, -1]).
# Default threads on both sides. The cluster count, noise, core count and a label checksum are
# compared too (identical labels expected).
# Environment: CP_BENCH, SHARED_BENCH, BENCH_WORK (Benchmarks/run.sh); DBSCAN_BENCH_RUNS (default 5).
set -euo pipefail
runs=${DBSCAN_BENCH_RUNS:-5}
require_cpbench

sklearn_baseline "$runs"

sk_bench() {  # WHAT (dbscan | kdistance)
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" - "$1" "$runs" <<'PYEOF'
import statistics, sys, time
import numpy as np
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs
from sklearn.neighbors import NearestNeighbors
what, runs = sys.argv[1], int(sys.argv[2])
X, _ = make_blobs(n_samples=100_000, n_features=2, centers=8, random_state=0)
def once():
    if what == "dbscan":
        return DBSCAN(eps=0.09, min_samples=10).fit(X)
    return np.sort(NearestNeighbors(n_neighbors=10).fit(X).kneighbors(X)[0][:, -1])
r = once()
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); r = once(); ts.append(time.perf_counter() - t0)
med = statistics.median(ts) * 1e3
if what == "dbscan":
    labels = r.labels_
    checksum = int(sum((int(l) + 1) * (i % 1009) for i, l in enumerate(labels)))
    print(f"{med:.1f} clusters={labels.max() + 1} noise={(labels == -1).sum()} core={len(r.core_sample_indices_)} checksum={checksum}")
else:
    print(f"{med:.1f} median={float(r[len(r) // 2])!r} max={float(r[-1])!r}")
PYEOF
}

# --- DBSCAN 100,000 x 2 (target <= 0.5 x scikit-learn) ---
line=$("$CP_BENCH" dbscan-100k "$runs")
ours=$(ms_of <<<"$line")
echo "$line"
if [ $have_peers = 1 ]; then
  sk=$(sk_bench dbscan)
  base=${sk%% *}
  same=no
  for f in clusters noise core checksum; do
    [ "$(field_of $f <<<"$line")" = "$(field_of $f <<<"$sk")" ] || { same=no; break; }
    same=yes
  done
  echo "  scikit-learn $base ms (${sk#* })"
  echo "  ratio $(ratio "$ours" "$base"); same clusters, noise, core points and label checksum: $same; target <= 0.50"
else
  echo "  target <= 0.5 x scikit-learn's time"
fi

# --- k-distance 100,000 x 2, k = 10 ---
line=$("$CP_BENCH" kdistance-100k "$runs")
ours=$(ms_of <<<"$line")
echo "$line"
if [ $have_peers = 1 ]; then
  sk=$(sk_bench kdistance)
  base=${sk%% *}
  same=no
  [ "$(field_of median <<<"$line")" = "$(field_of median <<<"$sk")" ] && [ "$(field_of max <<<"$line")" = "$(field_of max <<<"$sk")" ] && same=yes
  echo "  scikit-learn $base ms (${sk#* })"
  echo "  ratio $(ratio "$ours" "$base"); same median and max: $same"
fi
