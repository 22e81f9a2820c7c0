"""Writes Fixtures/reference/local/k_distance_extra.json: k-distance cases beyond the wave-2
family, made with scikit-learn 1.9.1:
    d = np.sort(NearestNeighbors(n_neighbors=k, algorithm=algorithm).fit(X).kneighbors(X)[0][:, -1])
- brute-k-*: k >= n // 2, where algorithm='auto' switches to brute force (GEMM expansion);
- brute-wide-*: more than 15 features (auto = brute);
- forced-*: algorithm='brute' / 'kd_tree' given explicitly;
- edge-*: k = 1, k = n, duplicates, one and three features.
`tree_rule_differs` marks cases where the kd-tree arithmetic gives other bits.

Run: /tmp/benchpeers/venv/bin/python scripts/make_kdistance_reference.py
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.neighbors import NearestNeighbors

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "local", "k_distance_extra.json")


def kdist(X, k, algorithm="auto"):
    nn = NearestNeighbors(n_neighbors=k, algorithm=algorithm).fit(X)
    return np.sort(nn.kneighbors(X)[0][:, -1]), nn._fit_method


def case(cid, X, k, algorithm="auto"):
    d, method = kdist(X, k, algorithm)
    other = "kd_tree" if method == "brute" else "brute"
    d_other, _ = kdist(X, k, other)
    return {"id": cid, "k": int(k), "algorithm": algorithm, "method": method,
            "x": [[float(v) for v in r] for r in X], "distances": [float(v) for v in d],
            "tree_rule_differs": bool(not np.array_equal(d.view(np.int64), d_other.view(np.int64)))}


rs = np.random.RandomState(4242)
cases = []
for i, (n, k) in enumerate([(20, 10), (23, 15), (40, 20), (31, 31), (12, 6)]):
    X = rs.standard_normal((n, 2)) * rs.uniform(0.5, 20)
    cases.append(case(f"brute-k-random-{i}", X, k))
for i, (n, k, q) in enumerate([(30, 15, 0.1), (25, 12, 0.3), (50, 30, 0.7)]):
    X = rs.randint(-5, 6, size=(n, 2)) * q
    cases.append(case(f"brute-k-lattice-{i}", X, k))
for i, (n, d, k) in enumerate([(150, 16, 5), (80, 24, 9)]):
    X = rs.standard_normal((n, d)) * rs.uniform(0.1, 5, size=d)
    cases.append(case(f"brute-wide-{i}", X, k))
X = rs.standard_normal((300, 2)) * 3
cases.append(case("forced-brute", X, 7, "brute"))
cases.append(case("forced-kdtree-large-k", X[:40], 25, "kd_tree"))
cases.append(case("edge-k-1", X[:50], 1))
cases.append(case("edge-k-n", X[:9], 9))
D = np.repeat(rs.uniform(-1, 1, size=(30, 2)), rs.randint(1, 5, size=30), axis=0)
cases.append(case("edge-duplicates", D[rs.permutation(len(D))], 3))
cases.append(case("edge-one-feature", rs.randint(0, 60, size=(200, 1)) * 0.1, 4))
cases.append(case("edge-three-features", rs.randint(0, 8, size=(400, 3)) * 0.1, 6))
cases.append(case("edge-spread-out", np.vstack([rs.standard_normal((200, 2)) * 0.01, rs.standard_normal((5, 2)) * 1e6]), 5))

doc = {"generator": "scripts/make_kdistance_reference.py",
       "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scikit-learn": sklearn.__version__},
       "cases": cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", OUT, len(cases), "cases")
for c in cases:
    print(" ", c["id"], c["method"], "tree rule differs:", c["tree_rule_differs"])
