#!/usr/bin/env python3
"""Writes Fixtures/reference/wave2/gmm_extra.json: GaussianMixture reference numbers beyond ../shared/reference/wave2/gmm.json.

Run with the reference environment (numpy 2.4.6, scikit-learn 1.9.1, OpenBLAS SkylakeX, 2 threads):
    /tmp/benchpeers/venv/bin/python scripts/make_gmm_reference.py

Cases (each: data, params, expect):
- "bic_sweep": scikit-learn's plot_gmm_selection data (two Gaussians, 300 points each), every
  covariance type x k = 1..6: bic, aic, n_iter, converged, lower_bound, weights, means,
  covariances, labels.
- "n_init": n_init = 3 and 5 on uniform data (a later initialisation wins).
- "shapes": k = 1, d = 1, d = 4, 5 and 9 (wider Cholesky / gemv / pairwise paths), max_iter = 1.
- "proba": predict_proba and score_samples of one fit, plus predict on other points.
- "large": make_blobs(130000, 4 centres) -- MNK > 1e6, so OpenBLAS blocks the sample sums; and
  k = 1 / d = 1 fits above the two-thread thresholds of gemv (460,800 entries) and ddot (10,000).
- "ill_defined": data whose covariance is singular with reg_covar = 0 (scikit-learn raises).
Data is stored as points, except make_blobs data (ClusterPlot's makeBlobs reproduces it bit for bit).
Floats are written with repr (shortest round trip).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "reference", "wave2")


def points(X):
    return {"points": {"rows": int(X.shape[0]), "columns": int(X.shape[1]), "values": [float(v) for v in X.ravel()]}}


def blobs(n, centers, seed, features=2, std=1.0):
    X, _ = make_blobs(n_samples=n, centers=centers, n_features=features, cluster_std=std, random_state=seed)
    return {"blobs": {"samples": n, "centers": centers, "features": features, "std": std, "seed": seed}}, X


def fit(X, k, cov="full", seed=0, max_iter=100, tol=1e-3, n_init=1, reg_covar=1e-6, extra=False):
    params = {"k": k, "covariance": cov, "seed": seed, "max_iter": max_iter, "tol": tol, "n_init": n_init, "reg_covar": reg_covar}
    g = GaussianMixture(n_components=k, covariance_type=cov, random_state=seed, max_iter=max_iter, tol=tol,
                        n_init=n_init, reg_covar=reg_covar).fit(X)
    e = {
        "labels": [int(v) for v in g.predict(X)], "n_iter": int(g.n_iter_), "converged": bool(g.converged_),
        "lower_bound": float(g.lower_bound_), "lower_bounds": [float(v) for v in g.lower_bounds_],
        "weights": [float(v) for v in g.weights_], "means": [float(v) for v in g.means_.ravel()],
        "covariances": [float(v) for v in np.ravel(g.covariances_)],
        "precisions_cholesky": [float(v) for v in np.ravel(g.precisions_cholesky_)],
        "bic": float(g.bic(X)), "aic": float(g.aic(X)), "score": float(g.score(X)),
    }
    if extra:
        e["proba"] = [float(v) for v in g.predict_proba(X).ravel()]
        e["score_samples"] = [float(v) for v in g.score_samples(X)]
    return params, e, g


cases = []

# plot_gmm_selection: component_1 = randn(n, 2) @ C, component_2 = 0.7 * randn(n, 2) + [-4, 1]
rs = np.random.RandomState(0)
C = np.array([[0.0, -0.1], [1.7, 0.4]])
X_sel = np.concatenate([np.dot(rs.randn(300, 2), C), 0.7 * rs.randn(300, 2) + np.array([-4, 1])])
for cov in ["spherical", "tied", "diag", "full"]:
    for k in range(1, 7):
        p, e, _ = fit(X_sel, k, cov, seed=42)
        cases.append({"id": f"bic-{cov}-{k}", "group": "bic_sweep", "data": points(X_sel), "params": p, "expect": e})

# n_init > 1 on structureless data, where a later initialisation wins (checked: the lower bounds of
# n_init = 1, 3, 5 all differ for every covariance type with random_state = 3)
X_un = np.random.RandomState(5).uniform(-3, 3, (300, 2))
for cov in ["full", "tied", "diag", "spherical"]:
    for n_init in [3, 5]:
        p, e, _ = fit(X_un, 6, cov, seed=3, n_init=n_init)
        cases.append({"id": f"ninit-{cov}-{n_init}", "group": "n_init", "data": points(X_un), "params": p, "expect": e})

# shapes
data, X = blobs(200, 3, 5, features=1)
for cov in ["full", "tied", "diag", "spherical"]:
    p, e, _ = fit(X, 3, cov, seed=2)
    cases.append({"id": f"d1-{cov}", "group": "shapes", "data": data, "params": p, "expect": e})
    p, e, _ = fit(X, 1, cov, seed=2)
    cases.append({"id": f"d1-k1-{cov}", "group": "shapes", "data": data, "params": p, "expect": e})
for features in [4, 5, 9]:
    data, X = blobs(300, 3, 20 + features, features=features, std=1.5)
    for cov in ["full", "tied", "diag", "spherical"]:
        p, e, _ = fit(X, 3, cov, seed=1)
        cases.append({"id": f"d{features}-{cov}", "group": "shapes", "data": data, "params": p, "expect": e})
data, X = blobs(250, 4, 8)
for cov in ["full", "diag"]:
    p, e, _ = fit(X, 1, cov, seed=0)
    cases.append({"id": f"k1-{cov}", "group": "shapes", "data": data, "params": p, "expect": e})
    p, e, _ = fit(X, 4, cov, seed=0, max_iter=1)
    cases.append({"id": f"maxiter1-{cov}", "group": "shapes", "data": data, "params": p, "expect": e})

# predict_proba / score_samples / predict on other data
data, X = blobs(150, 3, 21)
p, e, g = fit(X, 3, "full", seed=4, extra=True)
_, X_other = blobs(40, 3, 99)
e["other_points"] = points(X_other)["points"]
e["other_labels"] = [int(v) for v in g.predict(X_other)]
e["other_bic"] = float(g.bic(X_other))
cases.append({"id": "proba-full", "group": "proba", "data": data, "params": p, "expect": e})

# large: the blocked sample sums
data, X = blobs(130000, 4, 0)
for cov in ["full", "diag"]:
    p, e, _ = fit(X, 4, cov, seed=0)
    e["labels_sum"] = int(sum(i * l for i, l in enumerate(e["labels"])) % 1000003)
    del e["labels"]
    cases.append({"id": f"large-{cov}", "group": "large", "data": data, "params": p, "expect": e})

# large k = 1 / d = 1 fits: numpy's gemv and ddot for one component / one feature run on two
# threads above their size thresholds (OpenBLAS splits the columns or the vector in two); and
# d·d·n > 1e6, where the covariance sums leave dgemm's small-matrix kernel for the blocked driver
for cid, (n, k, feats, cov) in {"large-k1": (235000, 1, 2, "full"), "large-d1": (160000, 3, 1, "full"),
                                "large-k1-diag": (231000, 1, 2, "diag"),
                                "large-cov-blocked": (260000, 2, 2, "full")}.items():
    data, X = blobs(n, 3, 4, features=feats)
    p, e, _ = fit(X, k, cov, seed=0)
    e["labels_sum"] = int(sum(i * l for i, l in enumerate(e["labels"])) % 1000003)
    del e["labels"]
    cases.append({"id": cid, "group": "large", "data": data, "params": p, "expect": e})
# k = 1 with five features: the E-step's X @ v goes through dgemv_t's 4-row kernel
data, X = blobs(300, 2, 31, features=5)
for cov in ["diag", "spherical"]:
    p, e, _ = fit(X, 1, cov, seed=0)
    cases.append({"id": f"k1-d5-{cov}", "group": "shapes", "data": data, "params": p, "expect": e})

# ill-defined covariance: three distinct points repeated, k = 3, reg_covar = 0
X_bad = np.repeat(np.array([[0.0, 0.0], [5.0, 5.0], [10.0, 0.0]]), 10, axis=0)
try:
    GaussianMixture(n_components=3, reg_covar=0.0, random_state=0).fit(X_bad)
    raised = None
except ValueError as err:
    raised = str(err)
cases.append({"id": "ill-defined", "group": "ill_defined", "data": points(X_bad),
              "params": {"k": 3, "covariance": "full", "seed": 0, "max_iter": 100, "tol": 1e-3, "n_init": 1, "reg_covar": 0.0},
              "expect": {"error": raised}})

out = {
    "versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__},
    "call": "GaussianMixture(n_components=k, covariance_type, random_state=seed, max_iter, tol, n_init, reg_covar).fit(X)",
    "cases": cases,
}
with open(os.path.join(HERE, "gmm_extra.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(len(cases), "cases")
