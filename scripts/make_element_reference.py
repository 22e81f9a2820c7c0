"""Regenerates Fixtures/reference/elements.json: what matplotlib 3.11.2 (and scipy 1.17.1 for the
dendrogram) make of the plot elements' calls — the probes' data limits, histogram counts and colours,
and for each figure of Tests/PlottingTests/ElementFigures.swift (the same calls, the same numbers) the
view limits, visible ticks and resolved legend location of every axes.

    /tmp/benchpeers/venv/bin/python scripts/make_element_reference.py [PNG_DIR]

With PNG_DIR the matplotlib figures are also written there (name-style.png), to be looked at beside
ClusterPlot's (CLUSTERPLOT_ELEMENT_RENDERS=DIR swift test --filter ElementFigureTests).
Floats are Python repr (shortest round trip).
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Ellipse, Polygon  # noqa: E402
from scipy.cluster.hierarchy import dendrogram, linkage  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "Fixtures", "reference", "elements.json")
PNG_DIR = sys.argv[1] if len(sys.argv) > 1 else None


def noise(i):
    v = math.sin(i * 12.9898) * 43758.5453
    return v - math.floor(v)


def gauss(i):
    return sum(noise(6 * i + k) for k in range(6)) - 3.0


# ---------------------------------------------------------------- probes: one call, its limits

def limits(ax):
    return {"x": [float(v) for v in ax.get_xlim()], "y": [float(v) for v in ax.get_ylim()]}


def probe(f, autoscale=False):
    fig, ax = plt.subplots()
    f(ax)
    if autoscale:
        ax.autoscale_view()
    fig.canvas.draw()
    out = limits(ax)
    plt.close(fig)
    return out


def probes():
    p = {}
    p["bar"] = probe(lambda ax: ax.bar([0, 1, 2], [3, 5, 2]))
    p["bar_bottom"] = probe(lambda ax: ax.bar([0, 1, 2], [3, 5, 2], bottom=1))
    p["bar_negative"] = probe(lambda ax: ax.bar([0, 1, 2], [3, -5, 2]))
    p["bar_width"] = probe(lambda ax: ax.bar([0, 1, 2], [3, 5, 2], width=0.5))
    p["bar_edge"] = probe(lambda ax: ax.bar([0, 1, 2], [3, 5, 2], align="edge"))
    p["barh"] = probe(lambda ax: ax.barh([0, 1, 2], [3, 5, 2]))
    p["barh_left"] = probe(lambda ax: ax.barh([0, 1, 2], [3, 5, 2], left=-1, height=0.5))
    p["fill_between"] = probe(lambda ax: ax.fill_between([0, 1, 2], [1, 2, 1]))
    p["fill_between_y2"] = probe(lambda ax: ax.fill_between([0, 1, 2], [1, 2, 1], [0.5, 0.5, 0.2]))
    p["fill_betweenx"] = probe(lambda ax: ax.fill_betweenx(np.arange(10, 20), 0, np.linspace(0.1, 0.8, 10)))
    p["line_collection"] = probe(lambda ax: ax.add_collection(
        LineCollection([[(0, 0), (1, 2)], [(3, 1), (4, -1), (5, 0)]])))
    p["ellipse"] = probe(lambda ax: ax.add_patch(Ellipse((1, 2), 4, 2, angle=30)), autoscale=True)
    p["ellipse_gmm"] = probe(lambda ax: ax.add_patch(Ellipse((0.5, -1.0), 3.0, 0.7, angle=180 + 63.4)), autoscale=True)
    p["ellipse_artist"] = probe(lambda ax: (ax.scatter([0, 1], [0, 1]), ax.add_artist(Ellipse((1, 2), 4, 2, angle=30))))
    p["polygon"] = probe(lambda ax: ax.add_patch(Polygon([(0, 0), (2, 1), (1, 3)])), autoscale=True)
    p["axhline"] = probe(lambda ax: ax.axhline(2))
    p["axvline"] = probe(lambda ax: ax.axvline(2))
    p["axhline_scatter"] = probe(lambda ax: (ax.scatter([0, 1], [0, 1]), ax.axhline(2)))
    p["axvline_scatter"] = probe(lambda ax: (ax.scatter([0, 1], [0, 1]), ax.axvline(-1)))
    p["text_scatter"] = probe(lambda ax: (ax.scatter([0, 1], [0, 1]), ax.text(5, 5, "far")))

    values = [1, 2, 2, 3, 3, 3, 4, 4, 5, 9.5]
    hists = {}
    for name, kw in [("count4", {"bins": 4}), ("edges_density", {"bins": [0, 2, 5, 10], "density": True}),
                     ("count5_range", {"bins": 5, "range": (0, 5)})]:
        fig, ax = plt.subplots()
        n, e, _ = ax.hist(values, **kw)
        fig.canvas.draw()
        hists[name] = {"counts": [float(v) for v in n], "edges": [float(v) for v in e], "limits": limits(ax)}
        plt.close(fig)
    g = [gauss(i) for i in range(1000)]
    for name, kw in [("gauss10", {"bins": 10}), ("gauss20_range", {"bins": 20, "range": (-1, 1)}),
                     ("gauss_edges", {"bins": [-3, -1, 0, 0.5, 1, 3]})]:
        n, e = np.histogram(g, **kw)
        hists[name] = {"counts": [float(v) for v in n], "edges": [float(v) for v in e]}
    # Values on the edges of linspace bins (numpy's ±1 index corrections).
    edge_values = [i / 10 for i in range(0, 31)]
    n, e = np.histogram(edge_values, bins=7)
    hists["edge_values7"] = {"values": edge_values, "counts": [float(v) for v in n], "edges": [float(v) for v in e]}
    p["hist"] = hists

    fig, ax = plt.subplots()
    s = ax.scatter([0], [0]); b = ax.bar([0], [1]); f = ax.fill_between([0, 1], [1, 1]); line, = ax.plot([0], [0])
    hl = ax.axhline(1); lc = LineCollection([[(0, 0), (1, 1)]]); ax.add_collection(lc)
    e = Ellipse((0, 0), 1, 1); ax.add_patch(e)
    p["colors"] = {"scatter": to_hex(s.get_facecolor()[0]), "bar": to_hex(b[0].get_facecolor()),
                   "fill_between": to_hex(f.get_facecolor()[0]), "plot": to_hex(line.get_color()),
                   "axhline": to_hex(hl.get_color()), "line_collection": to_hex(lc.get_edgecolor()[0]),
                   "ellipse": to_hex(e.get_facecolor()), "line_collection_width": float(lc.get_linewidth()[0])}
    plt.close(fig)
    return p


# ---------------------------------------------------------------- figures (ElementFigures.swift)

def bars():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4))
    a.bar([0, 1, 2, 3], [3, 5, -2, 4], label="counts")
    a.bar([0.5, 1.5], [1, 2], width=0.3, bottom=1, color=["C2", "C3"], edgecolor="k", linewidth=1.5, alpha=0.7,
          label="overlay")
    a.legend(); a.set_title("bar")
    b.barh([0, 1, 2], [3, 5, 2], height=0.5, left=-1, color="tab:purple", label="barh")
    b.axvline(0, color="k", linewidth=1)
    b.legend(); b.set_title("barh")
    return fig


def hist():
    v = [gauss(i) for i in range(1000)]
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4))
    a.hist(v, bins=10, label="gauss")
    a.legend(); a.set_title("hist bins=10")
    b.hist(v, bins=[-3, -1, 0, 0.5, 1, 3], density=True, alpha=0.6, edgecolor="k", label="density")
    b.hist(v, bins=20, range=(-1, 1), density=True, rwidth=0.8, label="range")
    b.legend(); b.set_title("edges, density")
    return fig


def fills():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4))
    x = np.linspace(0, 6, 61)
    a.fill_between(x, np.sin(x), np.sin(x) * 0.3 - 0.5, alpha=0.5, label="band")
    a.fill_between(x, np.cos(x) + 1.5, where=np.cos(x) > 0, label="where")
    a.plot(x, np.sin(x), label="sin")
    a.legend(); a.set_title("fill_between")
    # scikit-learn's silhouette plot
    y_lower = 10
    for k, size in enumerate([30, 20, 25]):
        vals = sorted([0.15 + 0.6 * noise(100 * k + i) for i in range(size)])
        y_upper = y_lower + size
        c = plt.cm.nipy_spectral(float(k) / 3)
        b.fill_betweenx(np.arange(y_lower, y_upper), 0, vals, facecolor=c, edgecolor=c, alpha=0.7)
        b.text(-0.05, y_lower + 0.5 * size, str(k))
        y_lower = y_upper + 10
    b.axvline(x=0.45, color="red", linestyle="--")
    b.set_xlim([-0.1, 1]); b.set_ylim([0, 75 + 4 * 10])
    b.set_yticks([]); b.set_title("silhouette")
    return fig


def lines():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4))
    segs = [[(0, 0), (1, 2), (2, 1)], [(3, 1), (4, -1), (5, 0)], [(0.5, -1), (4.5, 2.5)]]
    a.add_collection(LineCollection(segs, colors=["C0", "C1", "C2"], label="segments"))
    a.axhline(1.5, color="gray", linestyle="--", label="axhline")
    a.axvline(2.5, ymin=0.1, ymax=0.6, color="C3", linewidth=3)
    a.text(1, 2, "peak", ha="center", va="bottom", color="C0")
    a.text(4, -1, "valley 30°", rotation=30, fontsize=9)
    a.legend(); a.set_title("LineCollection, axhline, text")
    b.scatter([0, 1, 2], [0, 1, 0.5])
    b.axhline(2)
    b.text(2.2, 0.5, "outside right", va="center")
    b.set_title("axhline extends y")
    return fig


def patches():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4))
    pts = [(math.cos(i) * 2 + noise(i), math.sin(2 * i) + noise(i + 50)) for i in range(40)]
    a.scatter([p[0] for p in pts], [p[1] for p in pts], s=10)
    a.add_patch(Ellipse((0.5, 0.5), 3.0, 1.2, angle=180 + 30, color="C1", alpha=0.5, label="covariance"))
    a.add_patch(Ellipse((-1, -1), 1, 0.5, angle=-20, fill=False, edgecolor="C3", linewidth=2))
    a.legend(); a.set_title("Ellipse")
    hull = [(-1, -1), (2, -0.5), (2.5, 1.5), (0, 2), (-1.5, 0.5)]
    b.add_patch(Polygon(hull, closed=True, alpha=0.3, color="C2", label="hull"))
    b.add_patch(Polygon([(3, 0), (4, 0), (4, 1), (3, 1)], fill=False))
    b.autoscale_view()
    b.legend(); b.set_title("Polygon")
    return fig


def groups():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4))
    xs = [gauss(i) + (i % 3) * 2 for i in range(90)]
    ys = [gauss(i + 500) + (i % 3 == 1) * 2 for i in range(90)]
    g = [["b", "c", "a"][i % 3] for i in range(90)]
    sns.scatterplot(x=xs, y=ys, hue=g, ax=a, hue_order=sorted(set(g)))
    a.set_title("hue (sorted)")
    lab = [(-1 if i % 7 == 0 else i % 3) for i in range(90)]
    uniq = sorted(set(lab))
    cols = [plt.cm.Spectral(each) for each in np.linspace(0, 1, len(uniq))]
    for k, col in zip(uniq, cols):
        if k == -1:
            col = [0, 0, 0, 1]
        sel = [i for i in range(90) if lab[i] == k]
        b.plot([xs[i] for i in sel], [ys[i] for i in sel], "o", markerfacecolor=tuple(col), markeredgecolor="k",
               markersize=8)
    b.set_title("DBSCAN demo: Spectral")
    return fig


def dendro_points():
    rng = np.random.RandomState(3)
    return np.vstack([rng.randn(5, 2), rng.randn(4, 2) + 5, rng.randn(3, 2) + [0, 8]])


def dendro():
    X = dendro_points()
    Z = linkage(X, "ward")
    fig, axs = plt.subplots(2, 2, figsize=(9, 7))
    for ax, o in zip(axs.flat, ["top", "bottom", "left", "right"]):
        dendrogram(Z, orientation=o, ax=ax, labels=[f"p{i}" for i in range(len(X))])
        ax.set_title(o)
    return fig


def dendro_many_points():
    rng = np.random.RandomState(5)
    return np.vstack([rng.randn(12, 2), rng.randn(10, 2) + 4, rng.randn(8, 2) + [4, -4]])


def dendro_many():
    # 30 leaves: scipy's 10 pt labels turned 45°; 'average' linkage, a colour threshold of 3.
    X = dendro_many_points()
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4.5))
    for ax, o in [(a, "top"), (b, "left")]:
        dendrogram(linkage(X, "average"), orientation=o, ax=ax, color_threshold=3)
        ax.set_title(f"{o}, 30 leaves")
    return fig


def dendrogram_links():
    out = {}
    for name, X, method, kw in [("ward12", dendro_points(), "ward", {"labels": [f"p{i}" for i in range(12)]}),
                                ("average30", dendro_many_points(), "average", {"color_threshold": 3})]:
        R = dendrogram(linkage(X, method), no_plot=True, **kw)
        out[name] = {"icoord": R["icoord"], "dcoord": R["dcoord"], "colors": R["color_list"], "labels": R["ivl"]}
    return out


FIGURES = {"bars": bars, "hist": hist, "fills": fills, "lines": lines, "patches": patches, "groups": groups,
           "dendro": dendro, "dendro-many": dendro_many}
LOCATIONS = {1: "upper right", 2: "upper left", 3: "lower left", 4: "lower right", 5: "right", 6: "center left",
             7: "center right", 8: "lower center", 9: "upper center", 10: "center"}


def visible(ticks, lim):
    lo, hi = sorted(lim)
    tol = 1e-10 * (hi - lo)
    return [float(t) for t in ticks if lo - tol <= t <= hi + tol]


def legend_location(fig, ax):
    leg = ax.get_legend()
    if leg is None:
        return None
    renderer = fig.canvas.get_renderer()
    box = leg.get_window_extent(renderer)
    for code in range(1, 11):
        left, bottom = leg._get_anchored_bbox(code, box, leg.get_bbox_to_anchor(), renderer)
        if abs(left - box.x0) < 0.5 and abs(bottom - box.y0) < 0.5:
            return LOCATIONS[code]
    return "?"


def figures():
    out = {}
    for style in ["classic", "whitegrid"]:
        if style == "whitegrid":
            sns.set(style="whitegrid")
        for name, make in FIGURES.items():
            fig = make()
            fig.tight_layout()
            fig.canvas.draw()
            axes = []
            for ax in fig.axes:
                axes.append({
                    "xlim": [float(v) for v in ax.get_xlim()], "ylim": [float(v) for v in ax.get_ylim()],
                    "xticks": visible(ax.get_xticks(), ax.get_xlim()), "yticks": visible(ax.get_yticks(), ax.get_ylim()),
                    # MaxNLocator's nbins='auto' (the ticks depend on the axes size the layout gives)
                    "xtickspace": ax.xaxis.get_tick_space(), "ytickspace": ax.yaxis.get_tick_space(),
                    "xticklabels": [t.get_text() for t in ax.get_xticklabels()
                                    if t.get_position()[0] in visible(ax.get_xticks(), ax.get_xlim())],
                    "legend": [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else None,
                    "legend_location": legend_location(fig, ax),
                })
            out[f"{name}-{style}"] = axes
            if PNG_DIR:
                fig.savefig(os.path.join(PNG_DIR, f"{name}-{style}.png"), dpi=100)
            plt.close(fig)
    return out


def main():
    ref = {"matplotlib": matplotlib.__version__, "probes": probes(), "dendrograms": dendrogram_links(),
           "figures": figures()}
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
