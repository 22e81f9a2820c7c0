"""Regenerates Fixtures/reference/local/agglomerative_extra.json with scikit-learn 1.9.1 (peer venv).

    /tmp/benchpeers/venv/bin/python scripts/make_agglomerative_reference.py

Extra AgglomerativeClustering cases beside ../shared/reference/wave2/agglomerative.json: small
integer lattices in 1, 2, 3 and 5 dimensions (exact ties and duplicates everywhere, so the chain's
tie preference, the stable sort and the union-find relabelling all matter), rounded Gaussians,
all-identical points, n = 2 and 3. For every dataset and linkage: the full tree (children_,
distances_), the labels for a few k (incl. 1 and n), and the labels for thresholds set exactly to
merge heights (the `>=` rule). Floats are Python repr (shortest round trip); compare bits.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.cluster import AgglomerativeClustering

warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures", "reference", "local", "agglomerative_extra.json")
LINKAGES = ("ward", "complete", "average", "single")


def fit(X, linkage, **kw):
    return AgglomerativeClustering(linkage=linkage, compute_distances=True, **kw).fit(X)


def datasets():
    rng = np.random.RandomState(2024)
    out = []
    for s in range(16):
        n = int(rng.randint(2, 70))
        d = int((1, 2, 3, 5)[s % 4])
        kind = s // 4
        if kind == 0:
            X = rng.randint(0, 4, (n, d)) * 0.1          # decimal lattice: 0.1 steps round unevenly
        elif kind == 1:
            X = rng.randint(0, 3, (n, d)).astype(float)  # integer lattice, many duplicates
        elif kind == 2:
            X = np.round(rng.randn(n, d), 1)
        else:
            X = rng.randn(n, d)
        out.append((f"mix{s:02d}-d{d}", X))
    out.append(("line-integers", np.arange(12, dtype=float).reshape(-1, 1)[rng.permutation(12)]))
    out.append(("all-identical", np.zeros((6, 2))))
    out.append(("two", np.array([[0.0, 0.0], [3.0, 4.0]])))
    out.append(("three-duplicate", np.array([[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]])))
    out.append(("int300-d3", np.round(rng.randn(300, 3) * 3)))
    return out


def main():
    rng = np.random.RandomState(99)
    cases = []
    for name, X in datasets():
        X = np.ascontiguousarray(X, dtype=np.float64)
        n = X.shape[0]
        entry = {"id": name, "points": [[float(v) for v in row] for row in X], "fits": []}
        for linkage in LINKAGES:
            full = fit(X, linkage, n_clusters=1)
            ks = sorted({1, n, int(rng.randint(1, n + 1))})
            heights = sorted({float(full.distances_[int(rng.randint(0, n - 1))]), float(full.distances_[0])})
            entry["fits"].append({
                "linkage": linkage,
                "children": full.children_.tolist(),
                "distances": [float(v) for v in full.distances_],
                "k": [{"k": k, "labels": fit(X, linkage, n_clusters=k).labels_.tolist()} for k in ks],
                "threshold": [
                    {"t": t, "n_clusters": int(m.n_clusters_), "labels": m.labels_.tolist()}
                    for t in heights
                    for m in [fit(X, linkage, n_clusters=None, distance_threshold=t)]
                ],
            })
        cases.append(entry)
    doc = {
        "versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__},
        "generator": "scripts/make_agglomerative_reference.py",
        "call": "AgglomerativeClustering(n_clusters=k | None, distance_threshold=t, linkage, compute_distances=True)",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} datasets x {len(LINKAGES)} linkages")


if __name__ == "__main__":
    main()
