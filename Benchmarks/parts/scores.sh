#!/usr/bin/env bash
# Cluster scores: ClusterPlot (cpbench, in-process) beside scikit-learn 1.9.1 on the same data in the
# same run. Data: make_blobs(n, n_features=2, centers=8, random_state=0) (our makeBlobs gives the same
# points bit for bit).
# - silhouette_samples on 20,000 points with KMeans(8, n_init=1, random_state=0) labels; target
#   <= 0.5x scikit-learn; the sample bits are compared through a hash.
# - the elbow by silhouette on 10,000 points: for k = 2..10 (k = 1 has no silhouette),
#   KMeans(k, random_state=0) + silhouette_score; target <= 0.5x the same loop in scikit-learn;
#   the values and kneed's knee are compared.
# Environment: CP_BENCH, SHARED_BENCH, BENCH_WORK (Benchmarks/run.sh); SCORES_BENCH_RUNS (default 3).
set -euo pipefail
runs=${SCORES_BENCH_RUNS:-3}
require_cpbench

sklearn_baseline "$runs"

# --- silhouette_samples 20,000 x 2 (target <= 0.5x scikit-learn) ---
line=$("$CP_BENCH" silhouette-20k "$runs")
ours=$(ms_of <<<"$line"); hash=$(field_of hash <<<"$line")
if [ $have_peers = 1 ]; then
  read -r base bhash < <(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" - "$runs" <<'PYEOF'
import statistics, sys, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_samples
runs = int(sys.argv[1])
X, _ = make_blobs(n_samples=20000, n_features=2, centers=8, random_state=0)
labels = KMeans(8, n_init=1, random_state=0).fit(X).labels_
s = silhouette_samples(X, labels)
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); silhouette_samples(X, labels); ts.append(time.perf_counter() - t0)
b = s.view(np.uint64); w = 2 * np.arange(b.size, dtype=np.uint64) + np.uint64(1)
with np.errstate(over="ignore"):
    h = int(np.sum(b * w, dtype=np.uint64))
print(f"{statistics.median(ts) * 1e3:.1f} {h}")
PYEOF
)
  same=no; [ "$hash" = "$bhash" ] && same=yes
  echo "$line"
  echo "  scikit-learn $base ms | ratio $(ratio "$ours" "$base") | same sample bits: $same | target <= 0.5"
else
  echo "$line | target <= 0.5x scikit-learn"
fi

# --- elbow k = 2..10 by silhouette, 10,000 x 2 (target <= 0.5x scikit-learn) ---
line=$("$CP_BENCH" elbow-silhouette-10k "$runs")
ours=$(ms_of <<<"$line"); values=$(field_of values <<<"$line"); knee=$(field_of knee <<<"$line")
have_kneed=0
if [ $have_peers = 1 ] && peer_modules kneed=kneed==0.8.6; then have_kneed=1; fi
if [ $have_kneed = 1 ]; then
  read -r base bknee bvalues < <(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" - "$runs" <<'PYEOF'
import statistics, sys, time
from kneed import KneeLocator
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score
runs = int(sys.argv[1])
X, _ = make_blobs(n_samples=10000, n_features=2, centers=8, random_state=0)
ks = list(range(2, 11))
def sweep():
    return [silhouette_score(X, KMeans(k, random_state=0).fit(X).labels_) for k in ks]
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); vals = sweep(); ts.append(time.perf_counter() - t0)
knee = KneeLocator(ks, vals, curve="concave", direction="increasing").knee
print(f"{statistics.median(ts) * 1e3:.1f} {knee if knee is not None else 'none'} " + ",".join(repr(float(v)) for v in vals))
PYEOF
)
  same=no; [ "$values" = "$bvalues" ] && [ "$knee" = "$bknee" ] && same=yes
  echo "$line"
  echo "  scikit-learn $base ms | ratio $(ratio "$ours" "$base") | same values and knee: $same | target <= 0.5"
else
  echo "$line | target <= 0.5x scikit-learn"
fi
