"""Writes Fixtures/reference/local/dbscan_extra.json: DBSCAN cases beyond the wave-2 family,
made with scikit-learn 1.9.1 (DBSCAN(eps, min_samples, algorithm).fit(X)):

- brute-small-*: n <= 11, where algorithm='auto' falls back to brute force (n_neighbors=5 >= n//2),
  on tie-heavy lattices; `tree_rule_differs` marks cases where the kd-tree rule would give other
  labels or core points, i.e. where following brute force's arithmetic matters;
- brute-wide-*: more than 15 features (auto = brute) on lattices with exact ties;
- forced-*: algorithm='brute' / 'kd_tree' given explicitly;
- edge-*: min_samples=1, all noise, duplicates, one point.

Run: /tmp/benchpeers/venv/bin/python scripts/make_dbscan_reference.py
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.neighbors import NearestNeighbors

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "local", "dbscan_extra.json")


def fit(X, eps, min_samples, algorithm="auto"):
    db = DBSCAN(eps=eps, min_samples=min_samples, algorithm=algorithm).fit(X)
    nn = NearestNeighbors(radius=eps, algorithm=algorithm).fit(X)
    return db.labels_.tolist(), db.core_sample_indices_.tolist(), nn._fit_method


def case(cid, X, eps, min_samples, algorithm="auto", **extra):
    labels, core, method = fit(X, eps, min_samples, algorithm)
    out = {"id": cid, "eps": float(eps), "min_samples": int(min_samples), "algorithm": algorithm,
           "method": method, "x": [[float(v) for v in r] for r in X], "labels": labels,
           "core_sample_indices": core}
    out.update(extra)
    return out


rs = np.random.RandomState(777)
cases = []

# Small lattices: auto = brute. Keep the first 24 cases where the tree rule disagrees and 16 where it agrees.
differ, agree = [], []
trial = 0
while (len(differ) < 24 or len(agree) < 16) and trial < 20000:
    trial += 1
    n = int(rs.randint(3, 12))
    q = float(rs.choice([0.1, 0.15, 0.05, 0.3, 0.7]))
    X = rs.randint(-4, 5, size=(n, 2)) * q
    eps = float(rs.choice([1, 2, 3, 5])) * q
    ms = int(rs.randint(1, 5))
    brute = fit(X, eps, ms)
    assert brute[2] == "brute"
    tree = fit(X, eps, ms, "kd_tree")
    d = brute[:2] != tree[:2]
    bucket = differ if d else agree
    if len(bucket) < (24 if d else 16):
        bucket.append(case(f"brute-small-{len(differ) + len(agree):02d}", X, eps, ms, tree_rule_differs=d))
cases += differ + agree

# More than 15 features: lattices in {0, q, 2q} with eps = 2q (four coordinates one step apart tie).
for cid, (n, d, q, ms) in enumerate([(120, 16, 0.1, 3), (90, 20, 0.3, 2), (60, 17, 0.15, 2)]):
    X = rs.randint(0, 3, size=(n, d)) * q
    # Plant near copies so that many pairs are exactly 1, 2 or 4 lattice steps apart.
    for i in range(n // 2, n):
        X[i] = X[rs.randint(0, n // 2)]
        X[i, rs.choice(d, size=rs.randint(1, 5), replace=False)] += q
    cases.append(case(f"brute-wide-{cid}", X, 2 * q, ms))

# Forced algorithms on a lattice big enough for auto to pick the tree.
X = rs.randint(-6, 7, size=(150, 2)) * 0.1
cases.append(case("forced-brute-lattice", X, 0.2, 4, "brute"))
cases.append(case("forced-kdtree-lattice", X, 0.2, 4, "kd_tree"))
cases.append(case("forced-kdtree-small", X[:9], 0.3, 2, "kd_tree"))

# Edge cases (auto = kd-tree unless noted).
Y = rs.uniform(-1, 1, size=(60, 2))
cases.append(case("edge-min-samples-1", Y, 0.05, 1))
cases.append(case("edge-all-noise", Y, 0.01, 3))
D = np.repeat(rs.uniform(-1, 1, size=(10, 2)), rs.randint(1, 6, size=10), axis=0)
D = D[rs.permutation(len(D))]
cases.append(case("edge-duplicates", D, 1e-9, 3))
cases.append(case("edge-one-point", np.array([[0.5, -0.25]]), 0.1, 1))
cases.append(case("edge-one-point-noise", np.array([[0.5, -0.25]]), 0.1, 2))
cases.append(case("edge-one-feature", rs.randint(0, 40, size=(50, 1)) * 0.1, 0.1, 3))
cases.append(case("edge-three-features", rs.randint(0, 6, size=(200, 3)) * 0.1, 0.1, 4))
Z = np.round(rs.uniform(-1, 1, size=(80, 2)), 1)  # duplicates and ties
cases.append(case("edge-big-eps", Z, 100.0, 5))

doc = {"generator": "scripts/make_dbscan_reference.py",
       "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scikit-learn": sklearn.__version__},
       "cases": cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", OUT, len(cases), "cases;", sum(c.get("tree_rule_differs", False) for c in cases), "where the tree rule differs",
      "trials", trial)
print({c["id"]: c["method"] for c in cases if not c["id"].startswith("brute-small")})
