#!/usr/bin/env python3
"""Writes Fixtures/reference/wave2/pca_extra.json: PCA reference numbers beyond pca.json.

Run with the reference environment (numpy 2.4.6, scikit-learn 1.9.1):
    /tmp/benchpeers/venv/bin/python scripts/make_pca_reference.py

"datasets": standardised points (StandardScaler().fit_transform) by name; each case: its dataset, n_components, and scikit-learn's
PCA(n_components) numbers: components_, explained_variance_, explained_variance_ratio_,
singular_values_, mean_, noise_variance_, fit_transform, the solver `auto` chose, max|X|.
Cases: iris with every component count, wine with 1, 2, 5, 13 (covariance_eigh), a 35 x 6 table with 1..6
(full), 8 wine rows (n < d, full; up to rank 7), one feature, a constant column, and a 520 x 60
table where `auto` would pick the randomized solver -- there the reference is svd_solver="full"
(ClusterPlot uses the full SVD; the randomized result depends on random draws).
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "reference", "wave2")


def csv(name, columns=None):
    df = pd.read_csv(os.path.join(ROOT, "csv", name))
    if columns is None:
        columns = [c for c in df.columns if df[c].dtype != object and c != "class"]
    return df[columns].to_numpy(dtype=float)


datasets = {}


def case(cid, X, k, solver_override=None, data=None):
    Xs = StandardScaler().fit_transform(X)
    datasets[data] = {"rows": int(Xs.shape[0]), "columns": int(Xs.shape[1]), "values": [float(v) for v in Xs.ravel()]}
    auto = PCA(n_components=k)
    auto.fit(Xs)
    chosen = auto._fit_svd_solver
    p = PCA(n_components=k, svd_solver=solver_override) if solver_override else PCA(n_components=k)
    projected = p.fit_transform(Xs)
    return {
        "id": cid, "data": data,
        "components": k, "auto_solver": chosen, "reference_solver": p._fit_svd_solver,
        "expect": {
            "components": [float(v) for v in p.components_.ravel()],
            "explained_variance": [float(v) for v in p.explained_variance_],
            "explained_variance_ratio": [float(v) for v in p.explained_variance_ratio_],
            "singular_values": [float(v) for v in p.singular_values_],
            "mean": [float(v) for v in p.mean_], "noise_variance": float(p.noise_variance_),
            "projected": [float(v) for v in np.ascontiguousarray(projected).ravel()],
            "max_abs_x": float(np.abs(Xs).max()),
        },
    }


cases = []
iris = csv("iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"])
for k in range(1, 5):
    cases.append(case(f"iris-{k}", iris, k, data="iris"))
wine = csv("wine.csv")
for k in [1, 2, 5, 13]:
    cases.append(case(f"wine-{k}", wine, k, data="wine"))
small = csv("pca_corr_008.csv", [f"v{i}" for i in range(6)])
for k in range(1, 7):
    cases.append(case(f"corr008-{k}", small, k, data="corr008"))
for k in [1, 3, 7]:
    cases.append(case(f"wide-{k}", wine[:8], k, data="wine8"))
cases.append(case("one-feature", iris[:, 2:3], 1, data="iris-petal-length"))
with_constant = np.hstack([iris, np.full((150, 1), 2.5)])
for k in [2, 5]:
    cases.append(case(f"constant-{k}", with_constant, k, data="iris-constant"))
X, _ = make_blobs(n_samples=520, n_features=60, centers=4, random_state=3)
cases.append(case("randomized-shape", X, 3, solver_override="full", data="blobs520x60"))
# ClusterPlot rebuilds this one with makeBlobs + StandardScaler (both bit-exact) instead of storing it.
datasets["blobs520x60"] = {"blobs": {"samples": 520, "centers": 4, "features": 60, "seed": 3}, "scale": "standard"}

with open(os.path.join(ROOT, "pca_extra.json"), "w") as f:
    json.dump({"versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__}, "datasets": datasets, "cases": cases}, f, separators=(",", ":"))
print(len(cases), "cases", sorted({(c["auto_solver"], c["reference_solver"]) for c in cases}))
