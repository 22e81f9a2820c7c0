"""Writes Fixtures/reference/local/argpartition.json: numpy 2.4.6's np.argpartition(a, kth) index
order for float64 vectors, as this machine (AVX-512, numpy's X86_V4 dispatch of x86-simd-sort's
avx512_argselect) returns it. NumpyMath.argPartition must reproduce every case index for index.

Families:
- sizes 1..70 and every SIMD block boundary (8, 16, ..., 4096, each -1, +0, +1) plus a few
  others, each with several value patterns (random, few distinct values, all equal, signed zeros,
  sorted, reversed, mostly zeros, organ pipe, sawtooth) and kth at 0, the middle, the end and
  scikit-learn's -n_empty positions;
- "sklearn-*": distance-like vectors (non-negative, many ties and zeros) with kth = -n_empty,
  the call `_relocate_empty_clusters_dense` makes;
- "inf-*" and "nan-*": infinities, and NaN (numpy then takes libstdc++'s nth_element),
  including small permutations whose nth_element reaches its heap-select fallback.

Non-finite values are written as the strings "nan", "inf", "-inf" (JSON has no such numbers).

Run: /tmp/benchpeers/venv/bin/python scripts/make_argpartition_reference.py
"""
import json
import os
import sys

import numpy as np
from numpy._core._multiarray_umath import __cpu_features__

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "reference", "local", "argpartition.json")

rng = np.random.default_rng(20260512)


def enc(v):
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(v)


cases = []


def add(cid, a, kths):
    a = np.ascontiguousarray(a, dtype=np.float64)
    n = len(a)
    outs = []
    for k in sorted(set(int(k) for k in kths if -n <= k < n)):
        r1 = np.argpartition(a, k)
        r2 = np.argpartition(a.copy(), k)
        assert np.array_equal(r1, r2)
        outs.append({"kth": k, "indices": [int(i) for i in r1]})
    cases.append({"id": cid, "values": [enc(v) for v in a], "results": outs})


def pattern(kind, n):
    if kind == "random":
        return np.round(rng.random(n), 3)
    if kind == "few":
        return rng.integers(0, 3, n).astype(float)
    if kind == "equal":
        return np.full(n, 2.5)
    if kind == "zeros":
        return np.where(rng.random(n) < 0.5, -0.0, 0.0)
    if kind == "sorted":
        return np.sort(rng.integers(0, max(2, n // 3), n)).astype(float)
    if kind == "reversed":
        return np.sort(rng.integers(0, max(2, n // 3), n))[::-1].astype(float)
    if kind == "mostzero":
        return np.where(rng.random(n) < 0.7, 0.0, np.round(rng.random(n), 3))
    if kind == "organ":
        return np.abs(np.arange(n) - n // 2).astype(float)
    if kind == "saw":
        return (np.arange(n) % 7).astype(float)
    raise ValueError(kind)


ALL = ["random", "few", "equal", "zeros", "sorted", "reversed", "mostzero", "organ", "saw"]

small = list(range(1, 71))
boundaries = sorted({b + e for b in [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096] for e in (-1, 0, 1)})
others = [255, 257, 258, 287, 288, 289, 300, 320, 777, 1500, 3001, 5000]
for n in sorted(set(small + boundaries + others)):
    if n <= 300:
        kinds = ALL
    elif n <= 1100:
        kinds = ["random", "few", "zeros", "mostzero", "saw"]
    elif n <= 2100:
        kinds = ["random", "few", "mostzero"]
    else:
        kinds = ["random", "mostzero"]
    for kind in kinds:
        a = pattern(kind, n)
        if n <= 70:
            kths = [0, n // 2, n - 1, -2, -3, -5]
        elif n <= 300:
            kths = [0, n // 2, -2, -5]
        else:
            kths = [n // 3, -3]
        add(f"{kind}-{n}", a, kths)

# What scikit-learn's relocation sees: squared distances to the assigned centre, with ties
# (duplicated rows) and zeros (rows at their centre), kth = -n_empty.
for t in range(45):
    n = int(rng.choice([rng.integers(5, 256), rng.integers(257, 1200), rng.integers(1200, 3000)]))
    distinct = np.round(rng.random(int(rng.integers(1, 12))) * 10, 2)
    a = distinct[rng.integers(0, len(distinct), n)]
    a[rng.random(n) < rng.random()] = 0.0
    add(f"sklearn-{t}-{n}", a, [-e for e in range(1, 5)])

for t in range(12):
    n = int(rng.choice([rng.integers(2, 256), rng.integers(257, 900)]))
    a = rng.integers(0, 4, n).astype(float)
    a[rng.random(n) < 0.2] = np.inf
    a[rng.random(n) < 0.1] = -np.inf
    add(f"inf-{t}-{n}", a, [0, n // 2, -1, -3])

for t in range(16):
    n = int(rng.choice([rng.integers(2, 100), rng.integers(100, 1500)]))
    a = rng.integers(0, 6, n).astype(float)
    a[rng.random(n) < rng.random() * 0.5] = np.nan
    add(f"nan-{t}-{n}", a, [0, n // 2, -1, -3])

# Permutations (NaN appended, so numpy takes that path) on which libstdc++'s introselect
# exhausts its depth limit and finishes with heap select; found by searching 160,000 random
# permutations with the emulation, each checked against numpy.
heap_cases = [
    ([4, 11, 5, 8, 9, 2, 7, 12, 3, 6, 0, 1, 10], 5),
    ([2, 19, 10, 6, 18, 13, 5, 7, 3, 14, 17, 11, 1, 0, 16, 15, 12, 9, 8, 4], 11),
    ([1, 13, 11, 5, 9, 8, 6, 12, 4, 7, 2, 10, 3, 0], 10),
    ([1, 19, 12, 2, 15, 10, 7, 13, 4, 8, 9, 3, 18, 14, 5, 6, 11, 16, 17, 0], 11),
    ([15, 1, 12, 16, 14, 0, 6, 8, 10, 19, 2, 4, 18, 3, 11, 17, 7, 9, 5, 13], 13),
    ([19, 22, 3, 16, 8, 7, 2, 4, 14, 1, 5, 12, 15, 9, 21, 13, 6, 10, 0, 11, 20, 17, 18], 11),
]
for i, (perm, k) in enumerate(heap_cases):
    add(f"nan-heap-{i}", np.append(np.array(perm, dtype=float), np.nan), [k])

doc = {
    "generator": "scripts/make_argpartition_reference.py",
    "call": "np.argpartition(values, kth)  (float64, default kind='introselect')",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__},
    "cpu_features": {k: v for k, v in __cpu_features__.items() if v and (k.startswith("AVX512") or k.startswith("X86"))},
    "cases": cases,
}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
print(f"{len(cases)} arrays, {sum(len(c['results']) for c in cases)} results, {os.path.getsize(OUT)} bytes -> {OUT}")
