#!/usr/bin/env bash
# Hierarchy: agglomerative clustering, ClusterPlot (cpbench, in-process) beside scikit-learn 1.9.1
# on the same data in the same run: make_blobs(n, 2, centers=8, random_state=0) (our makeBlobs gives
# the same points bit for bit) and AgglomerativeClustering(n_clusters=8, linkage=…,
# compute_distances=True).fit(X), default threads on both sides. The fit time is compared, and a
# hash of children_ + distances_ bits and of labels_ shows the results are identical.
# Issue targets: ward 5,000 x 2 <= 0.7x scikit-learn; single 20,000 x 2 <= 0.5x.
# Environment: CP_BENCH, SHARED_BENCH, BENCH_WORK (Benchmarks/run.sh); HIERARCHY_BENCH_RUNS (default 5).
set -euo pipefail
runs=${HIERARCHY_BENCH_RUNS:-5}
require_cpbench

sklearn_baseline "$runs"

agglo_case() {  # CPBENCH_NAME N LINKAGE TARGET_RATIO
  local name=$1 n=$2 linkage=$3 target=$4
  local line ours tree labels
  line=$("$CP_BENCH" "$name" "$runs")
  ours=$(ms_of <<<"$line"); tree=$(field_of tree <<<"$line"); labels=$(field_of labels <<<"$line")
  if [ $have_peers = 1 ]; then
    local base btree blabels same r verdict
    read -r base btree blabels < <(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" - "$n" "$linkage" "$runs" <<'PYEOF'
import statistics, sys, time, warnings
import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.datasets import make_blobs
warnings.filterwarnings("ignore")
n, linkage, runs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
X, _ = make_blobs(n_samples=n, n_features=2, centers=8, random_state=0)
def fit():
    return AgglomerativeClustering(n_clusters=8, linkage=linkage, compute_distances=True).fit(X)
m = fit()
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); m = fit(); ts.append(time.perf_counter() - t0)
def fnv(words):
    h = 0xcbf29ce484222325
    for b in np.asarray(words, dtype="<u8").tobytes():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h
tree = fnv(np.concatenate([m.children_.astype("<u8").ravel(), m.distances_.astype("<f8").view("<u8")]))
print("%.1f %s %s" % (statistics.median(ts) * 1e3, tree, fnv(m.labels_.astype("<u8"))))
PYEOF
)
    same=no; [ "$tree" = "$btree" ] && [ "$labels" = "$blabels" ] && same=yes
    r=$(ratio "$ours" "$base")
    verdict=$(awk -v r="$r" -v t="$target" 'BEGIN { print (r <= t) ? "met" : "MISSED" }')
    echo "$line"
    echo "  scikit-learn $base ms | ratio $r | target <= ${target}x: $verdict | identical children/distances/labels: $same"
  else
    echo "$line | target <= ${target}x scikit-learn"
  fi
}
agglo_case agglo-ward-5k 5000 ward 0.7
agglo_case agglo-single-20k 20000 single 0.5
agglo_case agglo-average-5k 5000 average 1.0
