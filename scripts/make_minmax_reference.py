"""Writes Fixtures/reference/local/preprocessing.json: reference numbers for the Preprocessing
tests (MinMaxScaler, StandardScaler edge cases, X @ T for 3 and 4 features).

Run with the reference environment (numpy 2.4.6, scikit-learn 1.9.1, OpenBLAS SkylakeX kernels):
    /tmp/benchpeers/venv/bin/python scripts/make_minmax_reference.py
Every number is written with repr(float) (shortest round trip, -0.0 kept). Before writing, the
script checks its own plain re-implementation of each formula against the library bit for bit, so
the fixture also documents the arithmetic the Swift code follows.
"""
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np
import sklearn
from sklearn.preprocessing import MinMaxScaler, StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "local", "preprocessing.json")
EPS = float(np.finfo(np.float64).eps)


def fma(a, b, c):
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def plain_minmax(X, lo=0.0, hi=1.0):
    n, d = X.shape
    out = np.empty_like(X)
    for j in range(d):
        col = [float(v) for v in X[:, j]]
        mn, mx = min(col), max(col)
        rng = mx - mn
        den = 1.0 if rng < 10 * EPS else rng
        scale = (hi - lo) / den
        mn_ = lo - mn * scale
        for i in range(n):
            out[i, j] = col[i] * scale + mn_
    return out


def plain_standard(X):
    n, d = X.shape
    out = np.empty_like(X)
    for j in range(d):
        col = [float(v) for v in X[:, j]]
        if d == 1:
            # One column is a contiguous reduction: numpy's pairwise sum.
            s = float(np.add.reduce(np.array(col)))
        else:
            # Axis-0 sums of a C-ordered matrix run down the rows one by one.
            s = col[0]
            for v in col[1:]:
                s = s + v
        mean = (0.0 + s) / n
        t = s / n
        diffs = [v - t for v in col]
        if d == 1:
            corr = float(np.add.reduce(np.array(diffs)))
            sq = float(np.add.reduce(np.array([q * q for q in diffs])))
        else:
            corr = diffs[0]
            for v in diffs[1:]:
                corr = corr + v
            sq = diffs[0] * diffs[0]
            for v in diffs[1:]:
                sq = sq + v * v
        var = (sq - corr * corr / n) / n
        const = var <= (n * EPS) * var + ((n * mean) * EPS) ** 2
        scale = 1.0 if const else math.sqrt(var)
        for i in range(n):
            out[i, j] = (col[i] - mean) / scale
    return out


def plain_dot(X, T):
    n, d = X.shape
    m = T.shape[1]
    out = np.empty((n, m))
    for i in range(n):
        for j in range(m):
            s = float(X[i, 0]) * float(T[0, j])
            for k in range(1, d):
                s = fma(float(X[i, k]), float(T[k, j]), s)
            out[i, j] = s
    return out


def same_bits(a, b):
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def rows(a):
    return [[float(v) for v in r] for r in a]


rs = np.random.RandomState(20240611)
cases = {"minmax": [], "standard": [], "dot": []}

minmax_inputs = [
    ("uniform-200x3", rs.uniform(-50, 50, size=(200, 3)), (0.0, 1.0)),
    ("normal-150x2-range", rs.standard_normal((150, 2)) * [3.0, 1e-3] + [10, -4], (-1.0, 1.0)),
    ("constant-column", np.column_stack([rs.uniform(0, 1, 40), np.full(40, 0.1)]), (0.0, 1.0)),
    ("tiny-range", np.column_stack([1 + rs.uniform(0, 1, 30) * 1e-15, rs.uniform(0, 7, 30)]), (0.0, 1.0)),
    ("one-row", rs.uniform(-3, 3, size=(1, 4)), (0.0, 1.0)),
    ("one-column", rs.uniform(-3, 3, size=(33, 1)), (2.0, 5.5)),
]
for name, X, fr in minmax_inputs:
    sc = MinMaxScaler(feature_range=fr)
    Y = sc.fit_transform(X)
    assert same_bits(Y, plain_minmax(X, *fr)), name
    cases["minmax"].append({
        "id": name, "feature_range": list(fr), "x": rows(X), "expect": rows(Y),
        "data_min": [float(v) for v in sc.data_min_], "data_max": [float(v) for v in sc.data_max_],
        "data_range": [float(v) for v in sc.data_range_], "scale": [float(v) for v in sc.scale_],
        "min": [float(v) for v in sc.min_],
    })

standard_inputs = [
    ("uniform-300x3", rs.uniform(-5, 20, size=(300, 3))),
    ("one-column-200", rs.standard_normal((200, 1)) * 4 + 1),
    ("constant-columns", np.column_stack([np.full(25, 0.1), rs.uniform(0, 1, 25), np.full(25, -3.0)])),
    ("one-row", rs.uniform(-3, 3, size=(1, 2))),
    ("wide-6", rs.standard_normal((90, 6)) * rs.uniform(0.1, 100, 6)),
]
for name, X in standard_inputs:
    sc = StandardScaler()
    Y = sc.fit_transform(X)
    assert same_bits(Y, plain_standard(X)), name
    cases["standard"].append({
        "id": name, "x": rows(X), "expect": rows(Y), "mean": [float(v) for v in sc.mean_],
        "var": [float(v) for v in sc.var_], "scale": [float(v) for v in sc.scale_],
    })

for d, m, n in [(3, 3, 120), (4, 4, 120), (3, 2, 50), (4, 2, 64), (2, 3, 40), (5, 5, 30), (15, 3, 20)]:
    X = rs.standard_normal((n, d)) * rs.uniform(0.1, 100, size=d)
    T = rs.standard_normal((d, m))
    Y = np.dot(X, T)
    assert same_bits(Y, plain_dot(X, T)), (d, m, n)
    cases["dot"].append({"id": f"dot-{n}x{d}-by-{d}x{m}", "x": rows(X), "t": rows(T), "expect": rows(Y)})

doc = {
    "generator": "scripts/make_minmax_reference.py",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scikit-learn": sklearn.__version__},
    **cases,
}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print("wrote", OUT, {k: len(v) for k, v in cases.items()})
