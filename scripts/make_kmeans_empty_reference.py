"""Writes Fixtures/reference/local/kmeans_empty.json: scikit-learn 1.9.1 KMeans fits in which
several clusters go empty in the same Lloyd iteration, so that `_relocate_empty_clusters_dense`
takes the points `np.argpartition(distances, -n_empty)[:-n_empty-1:-1]` returns:

    KMeans(n_clusters=k, init=C, n_init=1, algorithm="lloyd", max_iter=300, tol=1e-4).fit(X)

The initial centres C are given explicitly, some of them far from every point, and X has
duplicated rows, so the farthest distances tie (and, with rows at their centre, most are zero:
numpy's x86-simd-sort then finishes with std::sort). Per case: X, C, labels_,
cluster_centers_, inertia_, n_iter_, the kth of every argpartition call of the fit
(`relocations`), and `old_rule_differs`: whether the fit changes when argpartition is replaced by
the rule ClusterPlot used before (largest distance first, lower index on ties).

Run: /tmp/benchpeers/venv/bin/python scripts/make_kmeans_empty_reference.py
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_info

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "local", "kmeans_empty.json")

real_argpartition = np.argpartition
calls = []


def logging_argpartition(a, kth, *args, **kwargs):
    calls.append(int(kth))
    return real_argpartition(a, kth, *args, **kwargs)


def old_rule_argpartition(a, kth, *args, **kwargs):
    # res[:-e-1:-1] == the e largest, largest first, lower index first on ties.
    far = sorted(range(len(a)), key=lambda i: (-a[i], i))
    return np.array(far[::-1], dtype=np.intp)


def fit(X, C):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return KMeans(n_clusters=len(C), init=C, n_init=1, algorithm="lloyd", max_iter=300, tol=1e-4).fit(X)


def same_fit(a, b):
    return (np.array_equal(a.labels_, b.labels_) and a.n_iter_ == b.n_iter_
            and np.array_equal(a.cluster_centers_.view(np.int64), b.cluster_centers_.view(np.int64))
            and np.float64(a.inertia_).view(np.int64) == np.float64(b.inertia_).view(np.int64))


cases = []


def add(cid, X, C):
    X = np.ascontiguousarray(X, dtype=np.float64)
    C = np.ascontiguousarray(C, dtype=np.float64)
    calls.clear()
    np.argpartition = logging_argpartition
    km = fit(X, C)
    np.argpartition = old_rule_argpartition
    old = fit(X, C)
    np.argpartition = real_argpartition
    assert any(k <= -2 for k in calls), f"{cid}: never two empty clusters at once ({calls})"
    cases.append({
        "id": cid, "k": len(C),
        "x": [[float(v) for v in r] for r in X], "init": [[float(v) for v in r] for r in C],
        "labels": [int(v) for v in km.labels_],
        "cluster_centers": [[float(v) for v in r] for r in km.cluster_centers_],
        "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
        "relocations": list(calls), "old_rule_differs": not same_fit(km, old),
    })
    print(f"{cid}: n={len(X)} k={len(C)} relocations={calls} n_iter={km.n_iter_} old_rule_differs={not same_fit(km, old)}")


rs = np.random.RandomState(1912)
FAR = np.array([[100.0, 100.0], [-100.0, 50.0], [60.0, -80.0], [-90.0, -90.0], [150.0, -10.0],
                [-40.0, 130.0], [0.0, -160.0], [170.0, 90.0]])


def shuffled(X):
    return X[rs.permutation(len(X))]


# Four distinct rows, five copies each: the three farthest distances tie five ways.
X = shuffled(np.repeat(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0]]), 5, axis=0))
add("duplicates-4x5", X, np.vstack([[[0.1, 0.1], [1.1, 0.0], [5.0, 5.1]], FAR[:4]]))

# More clusters than distinct rows.
X = shuffled(np.repeat(np.array([[2.0, 3.0], [-1.0, 4.0], [3.5, -2.0]]), 10, axis=0))
add("more-clusters-than-rows", X, np.vstack([[[2.0, 2.5], [-1.5, 4.0], [3.0, -2.0]], FAR[:3]]))

# A 10 x 10 lattice around one centre: distances tie in symmetric groups.
g = np.arange(10.0)
X = np.array([[a, b] for a in g for b in g])
add("lattice-one-centre", X, np.vstack([[[4.5, 4.5]], FAR[:5]]))
add("lattice-shuffled", shuffled(X), np.vstack([[[4.5, 4.5], [0.0, 9.0]], FAR[:6]]))

# k close to n, distinct distances (a control: here both rules agree).
X = np.round(rs.uniform(-5, 5, size=(12, 2)), 2)
add("k-near-n", X, np.vstack([X[:3] + 0.25, FAR[:7]]))

# n > 256: 5 locations x 60 (one partition round, then the network on the top part).
L = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0], [3.0, 3.0], [1.5, 6.0]])
X = shuffled(np.repeat(L, 60, axis=0))
add("ties-300", X, np.vstack([L[:4] + [0.2, -0.1], FAR[:5]]))

# Most rows exactly at their centre: distances mostly 0.0, so x86-simd-sort's pivot keeps being
# the smallest value and it falls back to std::sort.
L = np.array([[1.0, 1.0], [-2.0, 0.5], [0.25, -3.0]])
X = shuffled(np.vstack([np.repeat(L, 130, axis=0), np.round(rs.uniform(-4, 4, size=(10, 2)), 1)]))
add("zeros-400", X, np.vstack([L, FAR[:4]]))
L = np.array([[1.0, 1.0], [-2.0, 0.5], [0.25, -3.0], [3.0, 2.0]])
X = shuffled(np.vstack([np.repeat(L, 740, axis=0), np.repeat(np.round(rs.uniform(-4, 4, size=(20, 2)), 1), 2, axis=0)]))
add("zeros-3000", X, np.vstack([L, FAR[:6]]))

# Continuous blobs, 2,000 rows, six far centres.
X = np.vstack([rs.normal(c, 0.6, size=(500, 2)) for c in [(0, 0), (4, 0), (0, 4), (4, 4)]])
add("blobs-2000", np.round(X, 3), np.vstack([[[0.5, 0.5], [3.5, 0.5], [0.5, 3.5], [3.5, 3.5]], FAR[:6]]))

# 257 rows (just past the network's 256), duplicates.
X = shuffled(np.vstack([np.repeat(np.array([[0.0, 0.0], [2.0, 1.0]]), 120, axis=0), np.round(rs.uniform(0, 2, size=(17, 2)), 1)]))
add("n-257", X, np.vstack([[[0.1, 0.0], [2.0, 1.1]], FAR[:4]]))

# One feature and nine features (row sums of nine squares use numpy's pairwise order).
X = shuffled(np.repeat(np.array([[0.0], [1.0], [2.5], [7.0]]), 6, axis=0))
add("one-feature", X, np.array([[0.2], [2.4], [40.0], [-50.0], [80.0], [-90.0]]))
B = np.round(rs.uniform(-1, 1, size=(4, 9)), 2)
X = shuffled(np.repeat(B, 8, axis=0))
add("nine-features", X, np.vstack([B[:2] + 0.05, np.full((4, 9), 30.0) * np.arange(1, 5)[:, None] * (-1) ** np.arange(4)[:, None]]))

# Tied distances from *different* rows (so which one moves matters), past the network's 256 rows.
# Integer coordinates symmetric about the origin keep the mean exactly 0, so the ties are exact.
RING = np.array([[5, 0], [-5, 0], [0, 5], [0, -5], [3, 4], [-3, 4], [3, -4], [-3, -4],
                 [4, 3], [-4, 3], [4, -3], [-4, -3]], dtype=float)
X = shuffled(np.vstack([np.zeros((388, 2)), RING]))
add("ring-zeros-400", X, np.vstack([[[0.0, 0.0]], FAR[:6]]))  # std::sort fallback
P = np.round(rs.uniform(-2.5, 2.5, size=(144, 2)) * 4) / 4
X = shuffled(np.vstack([P, -P, RING]))
add("ring-300", X, np.vstack([[[0.0, 0.0]], FAR[:6]]))  # partition, then network
g = np.arange(-8.0, 9.0)
X = shuffled(np.array([[a, b] for a in g for b in g]))
add("lattice-289", X, np.vstack([[[0.0, 0.0]], FAR[:7]]))

doc = {
    "generator": "scripts/make_kmeans_empty_reference.py",
    "call": 'KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", max_iter=300, tol=1e-4).fit(x)',
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scikit-learn": sklearn.__version__},
    "openmp_threads": [i["num_threads"] for i in threadpool_info() if i["user_api"] == "openmp"],
    "cases": cases,
}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print(f"{len(cases)} cases, {sum(c['old_rule_differs'] for c in cases)} where the old rule differs, {os.path.getsize(OUT)} bytes -> {OUT}")
