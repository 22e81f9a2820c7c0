"""Writes Fixtures/reference/local/scores_extra.json: scikit-learn 1.9.1 / yellowbrick distances and
cluster scores on generated data, beyond the wave-2 families, for the Scores tests.

Data is reproducible in Swift: `uniform` = RandomState(seed).uniform(low, high, n*d) in C order,
`lattice` = RandomState(seed).randint(low, high, n*d) * q (exact: many duplicate points and ties).
Labels = RandomState(seed).randint(0, k, n), then `singletons` rows get new labels k, k+1, ...
and `noise` rows get -1.

- distances-*: (d up to 800: K split into GEMM_Q blocks) hash of euclidean_distances(X) (numpy X @ X.T = OpenBLAS dsyrk, one or two threads),
  of the rows of pairwise_distances_chunked(X, working_memory=wm) (row chunks = dgemm calls), and of
  euclidean_distances(X, Y) for Y = a copy of the first m rows (dgemm, or dgemv/ddot when m == 1).
  The sizes put OpenBLAS's 4-, 2- and 1-row tail tiles (other summation orders) into the result.
  hash = sum(bits[i] * (2 i + 1)) mod 2**64 over the row-major float64 bit patterns.
- silhouette-*: silhouette_samples / silhouette_score, some under config_context(working_memory=wm)
  so that the chunked (dgemm) path is taken at small n.
- scores-*: calinski_harabasz_score, davies_bouldin_score, yellowbrick's distortion_score
  (reimplemented verbatim: yellowbrick is not installed), adjusted_rand_score against a second
  random labelling; d from 1 to 4100 (dgemv kernel paths and 2048-wide pieces), singletons (ddot), duplicates (zero
  intra distances), noise labels kept and dropped.

Run: /tmp/benchpeers/venv/bin/python scripts/make_scores_reference.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn import config_context
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,
                             pairwise_distances, silhouette_samples, silhouette_score)
from sklearn.metrics.pairwise import euclidean_distances, pairwise_distances_chunked
from sklearn.preprocessing import LabelEncoder

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "local", "scores_extra.json")
MASK = (1 << 64) - 1


def bits_hash(a):
    b = np.ascontiguousarray(a, dtype=np.float64).ravel().view(np.uint64)
    w = (2 * np.arange(b.size, dtype=np.uint64) + np.uint64(1))
    with np.errstate(over="ignore"):
        return str(int(np.sum(b * w, dtype=np.uint64)))


def make_x(spec):
    rs = np.random.RandomState(spec["seed"])
    n, d = spec["n"], spec["d"]
    if spec["kind"] == "uniform":
        return rs.uniform(spec["low"], spec["high"], n * d).reshape(n, d)
    return (rs.randint(spec["low"], spec["high"], n * d) * spec["q"]).reshape(n, d).astype(np.float64)


def make_labels(spec, n):
    labels = np.random.RandomState(spec["seed"]).randint(0, spec["k"], n)
    for j, i in enumerate(spec.get("singletons", [])):
        labels[i] = spec["k"] + j
    for i in spec.get("noise", []):
        labels[i] = -1
    return labels


def distortion_score(X, labels):  # yellowbrick.cluster.elbow.distortion_score, verbatim
    le = LabelEncoder()
    le.fit(labels)
    distortion = 0
    for current_label in le.classes_:
        instances = X[labels == current_label]
        center = np.array([instances.mean(axis=0)])
        distances = pairwise_distances(instances, center, metric="euclidean") ** 2
        distortion += distances.sum()
    return distortion


cases = []
for (n, d, wm, m, seed, kind) in [
    (37, 2, 1, 5, 1, "uniform"), (100, 2, 1, 1, 2, "uniform"), (231, 2, 1, 40, 3, "lattice"),
    (300, 2, 1, 300, 4, "uniform"), (367, 3, 1, 13, 5, "uniform"), (469, 2, 1, 100, 6, "uniform"),
    (500, 2, 1, 7, 7, "lattice"), (700, 3, 1, 600, 8, "uniform"), (1000, 2, 1, 2, 9, "uniform"),
    (404, 4, 1, 404, 10, "uniform"), (260, 5, 1, 33, 11, "uniform"), (150, 8, 1, 150, 12, "lattice"),
    (300, 13, 1, 20, 13, "uniform"), (45, 1, 1, 9, 14, "uniform"), (1300, 2, 2, 640, 15, "uniform"),
    (40, 500, 1, 7, 16, "uniform"), (60, 800, 1, 33, 17, "uniform"),
    (37, 40, 1, 5, 18, "uniform"), (30, 33, 1, 7, 19, "uniform"),  # the small-matrix TN kernel
    # chunks of 200 / 141 rows (two threads, N ranges rounded to 16 by OpenBLAS)
    (413, 8, 200 * 8 * 413 / 2**20, 200, 20, "uniform"), (290, 20, 141 * 8 * 290 / 2**20, 141, 21, "uniform"),
    # cross products with few Y rows: OpenBLAS splits N over the threads (ntm = 1, ntn = 2)
    (900, 4, 1, 195, 22, "uniform"), (437, 12, 1, 199, 23, "uniform"),
]:
    spec = {"kind": kind, "seed": seed, "n": n, "d": d, "low": -10 if kind == "uniform" else -6,
            "high": 10 if kind == "uniform" else 7, "q": 0.5}
    X = make_x(spec)
    with config_context(working_memory=wm):
        chunked = np.vstack(list(pairwise_distances_chunked(X)))
        rows = sklearn.metrics.pairwise.get_chunk_n_rows(row_bytes=8 * n, max_n_rows=n)
    Y = X[:m].copy()
    cases.append({"id": f"distances-{len(cases):02d}", "data": spec, "working_memory": float(wm), "chunk_rows": int(rows),
                  "m": m, "self_hash": bits_hash(euclidean_distances(X)), "chunked_hash": bits_hash(chunked),
                  "cross_hash": bits_hash(euclidean_distances(X, Y))})

for (n, d, k, wm, seed, kind, singles, noise) in [
    (300, 2, 4, None, 21, "uniform", [], []), (500, 2, 3, None, 22, "uniform", [17], []),
    (469, 2, 5, 1, 23, "uniform", [], []), (231, 2, 6, 1, 24, "lattice", [3, 99], []),
    (700, 3, 4, 1, 25, "uniform", [], []), (404, 4, 3, None, 26, "uniform", [400], []),
    (260, 7, 5, 1, 27, "uniform", [], []), (120, 1, 3, None, 28, "uniform", [], []),
    (333, 2, 2, None, 29, "lattice", [], [5, 6, 7, 200]), (64, 3, 2, None, 30, "uniform", [0, 63], []),
    (413, 8, 4, 200 * 8 * 413 / 2**20, 31, "uniform", [], []),
]:
    spec = {"kind": kind, "seed": seed, "n": n, "d": d, "low": -10 if kind == "uniform" else -6,
            "high": 10 if kind == "uniform" else 7, "q": 0.5}
    lspec = {"seed": seed + 1000, "k": k, "singletons": singles, "noise": noise}
    X = make_x(spec)
    labels = make_labels(lspec, n)
    with config_context(working_memory=wm if wm is not None else 1024):
        samples = silhouette_samples(X, labels)
        score = silhouette_score(X, labels)
    cases.append({"id": f"silhouette-{len(cases):02d}", "data": spec, "labels": lspec, "working_memory": None if wm is None else float(wm),
                  "samples": [float(v) for v in samples], "score": float(score)})

for (n, d, k, seed, kind, singles, noise) in [
    (200, 2, 3, 41, "uniform", [], []), (257, 1, 4, 42, "uniform", [], []), (150, 3, 5, 43, "uniform", [7], []),
    (333, 4, 3, 44, "uniform", [], []), (99, 5, 2, 45, "uniform", [1, 2], []), (400, 6, 6, 46, "uniform", [], []),
    (123, 7, 3, 47, "uniform", [], []), (77, 8, 4, 48, "lattice", [], []), (300, 13, 3, 49, "uniform", [299], []),
    (60, 2, 3, 50, "lattice", [], [1, 2, 3]), (5000, 2, 4, 51, "uniform", [], []),
    (120000, 4, 2, 52, "uniform", [], []), (90, 2, 2, 53, "lattice", [], []),
    (23, 2100, 3, 54, "uniform", [], []), (17, 4100, 2, 55, "uniform", [], []),
]:
    spec = {"kind": kind, "seed": seed, "n": n, "d": d, "low": -10 if kind == "uniform" else -2,
            "high": 10 if kind == "uniform" else 3, "q": 0.5}
    lspec = {"seed": seed + 1000, "k": k, "singletons": singles, "noise": noise}
    X = make_x(spec)
    labels = make_labels(lspec, n)
    truth = np.random.RandomState(seed + 2000).randint(0, k + 1, n)
    keep = labels != -1
    case = {"id": f"scores-{len(cases):02d}", "data": spec, "labels": lspec, "truth": {"seed": seed + 2000, "k": k + 1},
            "calinski_harabasz": float(calinski_harabasz_score(X, labels)),
            "davies_bouldin": float(davies_bouldin_score(X, labels)),
            "distortion": float(distortion_score(X, labels)),
            "adjusted_rand": float(adjusted_rand_score(truth, labels))}
    if noise:
        case["excluded"] = {"calinski_harabasz": float(calinski_harabasz_score(X[keep], labels[keep])),
                            "davies_bouldin": float(davies_bouldin_score(X[keep], labels[keep])),
                            "silhouette": float(silhouette_score(X[keep], labels[keep])),
                            "distortion": float(distortion_score(X[keep], labels[keep])),
                            "adjusted_rand": float(adjusted_rand_score(truth[keep], labels[keep]))}
    cases.append(case)

# Zero intra distances and coincident centroids (Davies-Bouldin's 0 and inf rules).
X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [1.0, 1.0], [0.0, 0.0], [2.0, 0.0]])
for labels in ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 0], [0, 1, 0, 1, 2, 2]):
    lab = np.array(labels)
    cases.append({"id": f"scores-{len(cases):02d}", "points": X.tolist(), "fixed_labels": labels,
                  "calinski_harabasz": float(calinski_harabasz_score(X, lab)),
                  "davies_bouldin": float(davies_bouldin_score(X, lab)),
                  "distortion": float(distortion_score(X, lab)),
                  "silhouette": float(silhouette_score(X, lab))})

doc = {"generator": "scripts/make_scores_reference.py", "sklearn": sklearn.__version__, "numpy": np.__version__,
       "hash": "sum(bits[i] * (2 i + 1)) mod 2**64 over row-major float64 bit patterns", "cases": cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print(len(cases), "cases ->", OUT)
