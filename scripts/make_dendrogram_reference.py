"""Regenerates Fixtures/reference/wave2/dendrogram.json with scipy / scikit-learn (the peer venv).

    /tmp/benchpeers/venv/bin/python scripts/make_dendrogram_reference.py

Each case: points (inline `{"points": rows}`, or a wave-2 `config.data` source such as
`{"csv": {"file": "csv/iris.csv", "columns": [...]}}` under Fixtures/reference/wave2), the full tree of
AgglomerativeClustering(n_clusters=None, distance_threshold=0, linkage, compute_distances=True),
the standard scikit-learn -> scipy conversion Z = [children_, distances_, counts], then
scipy.cluster.hierarchy.dendrogram(Z, no_plot=True, ...) for one or more option sets. Colours are
written as indices: -1 for the above-threshold colour ('C0'), i for the palette's i-th colour
('C{i+1}'), null for none. Each case also keeps scikit-learn's labels for a few k (n_clusters=k)
and heights (distance_threshold=t), to check the cut helpers. Floats are Python repr (shortest
round trip); compare bits.
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.cluster.hierarchy import dendrogram
from sklearn.cluster import AgglomerativeClustering

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WAVE2 = os.path.join(ROOT, "Fixtures", "reference", "wave2")


def csv_points(name, columns=None):
    df = pd.read_csv(os.path.join(WAVE2, "csv", name))
    cols = columns or [c for c in df.columns if df[c].dtype.kind == "f" or df[c].dtype.kind == "i"]
    spec = {"file": "csv/" + name}
    if columns:
        spec["columns"] = cols
    return np.ascontiguousarray(df[cols].to_numpy(dtype=np.float64)), {"csv": spec}


def inline(points):
    X = np.ascontiguousarray(np.asarray(points, dtype=np.float64))
    return X, {"points": [[float(v) for v in row] for row in X]}


def colour_index(name):
    if name is None:
        return None
    if name == "C0":
        return -1
    assert name[0] == "C", name
    return int(name[1:]) - 1


def fit(X, linkage, **kw):
    return AgglomerativeClustering(linkage=linkage, compute_distances=True, **kw).fit(X)


def case(cid, X, source, linkage, option_sets, ks=(), heights=()):
    m = fit(X, linkage, n_clusters=None, distance_threshold=0.0)
    n = X.shape[0]
    counts = np.zeros(m.children_.shape[0])
    for i, merge in enumerate(m.children_):
        c = 0
        for child in merge:
            c += 1 if child < n else counts[child - n]
        counts[i] = c
    Z = np.column_stack([m.children_, m.distances_, counts]).astype(float)
    dendros = []
    for opts in option_sets:
        R = dendrogram(Z, no_plot=True, **opts)
        dendros.append({
            "options": {k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in opts.items()},
            "leaves": [int(v) for v in R["leaves"]],
            "ivl": list(R["ivl"]),
            "icoord": [[float(v) for v in row] for row in R["icoord"]],
            "dcoord": [[float(v) for v in row] for row in R["dcoord"]],
            "color_list": [colour_index(c) for c in R["color_list"]],
            "leaves_color_list": [colour_index(c) for c in R["leaves_color_list"]],
        })
    cuts = []
    for k in ks:
        cuts.append({"k": int(k), "labels": fit(X, linkage, n_clusters=int(k)).labels_.tolist()})
    for t in heights:
        mt = fit(X, linkage, n_clusters=None, distance_threshold=float(t))
        cuts.append({"height": float(t), "n_clusters": int(mt.n_clusters_), "labels": mt.labels_.tolist()})
    return {
        "id": cid, "data": source, "linkage": linkage, "n": n,
        "children": m.children_.tolist(), "distances": [float(v) for v in m.distances_],
        "counts": [int(v) for v in counts], "dendrograms": dendros, "cuts": cuts,
    }


def main():
    cases = []
    iris, iris_src = csv_points("iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    m = fit(iris, "ward", n_clusters=None, distance_threshold=0.0)
    d = m.distances_
    cases.append(case("iris-ward", iris, iris_src, "ward", [
        {},
        {"truncate_mode": "lastp", "p": 12},
        {"truncate_mode": "lastp", "p": 3, "show_leaf_counts": False},
        {"truncate_mode": "level", "p": 3},
        {"truncate_mode": "level", "p": 5, "color_threshold": float(d[-3])},
        {"color_threshold": float(d[-2])},
        {"color_threshold": 0.0},
        {"color_threshold": 1.0},  # many small subtrees: the palette index wraps past 9
        {"count_sort": "ascending", "truncate_mode": "lastp", "p": 30},
        {"count_sort": "descending"},
        {"distance_sort": "ascending", "truncate_mode": "lastp", "p": 30},
        {"distance_sort": "descending"},
    ], ks=(1, 2, 3, 5, 150), heights=(0.0, float(d[-3]), float(d[-1]), 10.0, 1e9)))

    lat, lat_src = csv_points("agglo_lat_005.csv")
    for linkage in ("single", "complete", "average", "ward"):
        ml = fit(lat, linkage, n_clusters=None, distance_threshold=0.0)
        dl = ml.distances_
        cases.append(case(f"lattice-{linkage}", lat, lat_src, linkage, [
            {},
            {"truncate_mode": "lastp", "p": 20},
            {"truncate_mode": "level", "p": 4},
            {"color_threshold": float(dl[len(dl) // 2])},  # a height many merges tie at
        ], ks=(1, 4, 7, 60, lat.shape[0]), heights=(float(dl[0]), float(dl[len(dl) // 2]), float(dl[-1]))))

    rng = np.random.RandomState(7)
    ties = rng.randint(0, 4, (24, 2)).astype(float)  # an integer grid: duplicates and equal distances
    ties_x, ties_src = inline(ties)
    for linkage in ("single", "average"):
        cases.append(case(f"ties-{linkage}", ties_x, ties_src, linkage, [
            {}, {"truncate_mode": "lastp", "p": 5}, {"truncate_mode": "level", "p": 2},
            {"count_sort": True}, {"distance_sort": True},
        ], ks=(1, 3, 6, 24), heights=(0.0, 1.0, 1.5)))

    small3, small3_src = inline([[0.0, 0.0], [0.0, 0.0], [3.0, 4.0]])
    cases.append(case("three-complete", small3, small3_src, "complete",
                      [{}, {"truncate_mode": "lastp", "p": 1}, {"truncate_mode": "level", "p": 1}],
                      ks=(1, 2, 3), heights=(0.0, 5.0)))
    small2, small2_src = inline([[1.0], [2.5]])
    cases.append(case("two-single", small2, small2_src, "single", [{}, {"color_threshold": 2.0}],
                      ks=(1, 2), heights=(1.5, 1.6)))

    out = {
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
        "generator": "scripts/make_dendrogram_reference.py",
        "colours": "indices: -1 = above_threshold_color ('C0'), i = palette colour 'C{i+1}', null = none",
        "palette": ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"],
        "cases": cases,
    }
    path = os.path.join(WAVE2, "dendrogram.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases, {sum(len(c['dendrograms']) for c in cases)} dendrograms")


if __name__ == "__main__":
    main()
