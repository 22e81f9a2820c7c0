"""Writes Fixtures/reference/wave2/knee_extra.json: kneed 0.8.6 KneeLocator(x, y, S, curve,
direction, online, interp_method="interp1d") on generated curves, for Sources/Clustering/Kneedle.swift.

Curves: noisy elbows/knees (exponential, power, log, logistic), plateaus (flat runs, rounded
values), ties (repeated y, a few repeated or unsorted x), no-knee shapes (lines, constants,
two points, one point), x crossing 0 with the corner at 0 (knee_y is None there), integer x
(cluster counts) and random walks; every curve under all four curve/direction combinations,
online and offline, S in {0.5, 1, 2} (a subset of combinations per curve to keep the file small).

Run: /tmp/benchpeers/venv/bin/python scripts/make_knee_reference.py
"""
import json
import os
import warnings

import numpy as np
import kneed
from kneed import KneeLocator

warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "wave2", "knee_extra.json")
rs = np.random.RandomState(20260)
curves = []


def add(kind, x, y):
    curves.append((kind, [float(v) for v in x], [float(v) for v in y]))


for t in range(40):  # noisy decaying elbows / rising knees
    n = int(rs.randint(4, 90))
    x = np.sort(rs.uniform(0, 20, n)) if t % 3 == 0 else np.arange(1, n + 1, dtype=float)
    shape = t % 4
    if shape == 0:
        y = 100 * np.exp(-x / rs.uniform(0.5, 6))
    elif shape == 1:
        y = 50 / (x + rs.uniform(0.1, 3)) ** rs.uniform(0.5, 2)
    elif shape == 2:
        y = np.log(x + rs.uniform(0.2, 2)) * rs.uniform(1, 30)
    else:
        y = 10 / (1 + np.exp(-(x - x.mean()) * rs.uniform(0.2, 3)))
    y = y + rs.normal(0, rs.uniform(0, 0.05) * (np.ptp(y) + 1e-9), n)
    add("noisy", x, y)
for t in range(16):  # plateaus: flat runs and values rounded to a few levels
    n = int(rs.randint(5, 50))
    x = np.arange(n, dtype=float)
    y = np.round(30 * np.exp(-x / rs.uniform(1, 8)), int(rs.randint(0, 2)))
    if t % 2:
        k = int(rs.randint(1, n - 1))
        y[k:k + int(rs.randint(2, 6))] = y[k]
    add("plateau", x, y)
for t in range(10):  # ties: repeated y values; a few repeated or unsorted x
    n = int(rs.randint(4, 30))
    x = np.arange(1, n + 1, dtype=float)
    y = np.sort(rs.randint(0, 6, n))[::-1].astype(float) * 3.5
    if t % 4 == 1:
        x[n // 2] = x[n // 2 - 1]
    if t % 4 == 2:
        x = x[rs.permutation(n)]
    add("ties", x, y)
for t in range(10):  # no knee: lines, constants, tiny curves
    n = int(rs.randint(2, 25))
    x = np.arange(n, dtype=float) * rs.uniform(0.1, 3)
    if t % 3 == 0:
        y = 2.5 * x - 1
    elif t % 3 == 1:
        y = np.full(n, 4.25)
    else:
        y = -x ** 1.0 + 7
    add("noknee", x, y)
add("noknee", [1.0], [3.0])
add("noknee", [1.0, 2.0], [3.0, 1.0])
for t in range(12):  # x crossing 0 with the corner at 0 (knee_y None) or near it
    a, b = int(rs.randint(2, 10)), int(rs.randint(3, 15))
    x = np.arange(-a, b + 1, dtype=float) * (1.0 if t % 2 == 0 else 0.5)
    sharp = rs.uniform(0.3, 3)
    y = np.where(x < 0, 20 - 8 * x, 20 * np.exp(-sharp * x)) + rs.normal(0, 0.2 * (t % 3 == 0), len(x))
    add("cross0", x, y)
for t in range(12):  # cluster-count x with inertia-like and silhouette-like values
    k0, k1 = int(rs.randint(1, 3)), int(rs.randint(5, 16))
    x = np.arange(k0, k1 + 1, dtype=float)
    y = 1000 / x ** rs.uniform(0.8, 2.5) + rs.uniform(0, 30, len(x))
    if t % 2:
        y = rs.uniform(0.2, 0.7) - 0.03 * (x - rs.uniform(2, 6)) ** 2 + rs.normal(0, 0.01, len(x))
    add("counts", x, y)
for t in range(10):  # random walks
    n = int(rs.randint(5, 60))
    x = np.cumsum(rs.uniform(0.01, 2, n)) - rs.uniform(0, 5)
    y = np.cumsum(rs.normal(0, 1, n)) * 10
    add("walk", x, y)

combos = [(c, d) for c in ("concave", "convex") for d in ("increasing", "decreasing")]
cases = []
for ci, (kind, x, y) in enumerate(curves):
    picks = set()
    for (c, d) in combos:  # every shape and direction, alternating online and S
        picks.add((c, d, bool((ci + len(picks)) % 2), [0.5, 1.0, 2.0][(ci + len(picks)) % 3]))
    picks.add((combos[ci % 4][0], combos[ci % 4][1], False, 1.0))
    for (c, d, online, S) in sorted(picks):
        k = KneeLocator(x, y, S=S, curve=c, direction=d, online=online, interp_method="interp1d")
        knee = None if k.knee is None else float(k.knee)
        knee_y = None if k.knee_y is None else float(k.knee_y)
        cases.append({"id": f"knee-extra-{len(cases):03d}", "kind": kind, "curve": c, "direction": d,
                      "online": online, "S": S, "x": x, "y": y, "knee": knee, "knee_y": knee_y})

doc = {"generator": "scripts/make_knee_reference.py", "kneed": kneed.__version__, "numpy": np.__version__,
       "call": "KneeLocator(x, y, S=S, curve=curve, direction=direction, online=online, interp_method='interp1d'): knee, knee_y",
       "cases": cases}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
found = sum(c["knee"] is not None for c in cases)
print(f"{len(cases)} cases ({found} with a knee, {sum(c['knee'] is not None and c['knee_y'] is None for c in cases)} with knee_y None) -> {OUT}")
