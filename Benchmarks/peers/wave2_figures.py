#!/usr/bin/env python3
"""The wave-2 figures made the usual way: matplotlib + scikit-learn (+ scipy, kneed), each with the
same data, algorithms and parameters as the config of the same name in Fixtures/configs/, without
fit times (they would differ on every run). Used two ways:
- as the peer of `make bench` (Benchmarks/parts/wave2.sh times this script per figure, whole
  process, beside `clusterplot render`), and
- as the rendering our figures are looked at beside (`--out DIR` writes NAME.png).

usage: wave2_figures.py --out DIR [--only NAME[,NAME…]]
NAME: cluster-comparison dbscan k-distance kmeans-vs-dbscan dendrogram silhouette elbow-metrics
      gmm-ellipses gmm-bic
"""
import argparse
import os
import sys
from itertools import cycle, islice

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SKLEARN_COLOURS = ["#377eb8", "#ff7f00", "#4daf4a", "#f781bf", "#a65628", "#984ea3", "#999999", "#e41a1c", "#dede00"]


def cluster_comparison(out):
    """scikit-learn's plot_cluster_comparison.py with the methods ClusterPlot reproduces exactly."""
    from sklearn import cluster, datasets, mixture
    from sklearn.preprocessing import StandardScaler

    n, seed = 500, 30
    circles = datasets.make_circles(n_samples=n, factor=0.5, noise=0.05, random_state=seed)
    moons = datasets.make_moons(n_samples=n, noise=0.05, random_state=seed)
    blobs = datasets.make_blobs(n_samples=n, random_state=seed)
    no_structure = np.random.RandomState(seed).rand(n, 2), None
    X, y = datasets.make_blobs(n_samples=n, random_state=170)
    aniso = np.dot(X, [[0.6, -0.6], [-0.4, 0.8]]), y
    varied = datasets.make_blobs(n_samples=n, cluster_std=[1.0, 2.5, 0.5], random_state=170)
    base = {"eps": 0.3, "k": 3}
    rows = [("Noisy circles", circles, {"k": 2}), ("Noisy moons", moons, {"k": 2}),
            ("Varied variances", varied, {"eps": 0.18}), ("Anisotropic", aniso, {"eps": 0.15}),
            ("Blobs", blobs, {}), ("No structure", no_structure, {})]
    fig = plt.figure(figsize=(21, 13))
    plt.subplots_adjust(left=0.02, right=0.98, bottom=0.001, top=0.95, wspace=0.05, hspace=0.01)
    plot_num = 1
    for i, (_, (X, _), over) in enumerate(rows):
        p = dict(base, **over)
        X = StandardScaler().fit_transform(X)
        methods = [
            ("K-Means", cluster.KMeans(n_clusters=p["k"], random_state=42)),
            ("DBSCAN", cluster.DBSCAN(eps=p["eps"])),
            ("Ward", cluster.AgglomerativeClustering(n_clusters=p["k"], linkage="ward")),
            ("Average linkage", cluster.AgglomerativeClustering(n_clusters=p["k"], linkage="average")),
            ("Single linkage", cluster.AgglomerativeClustering(n_clusters=p["k"], linkage="single")),
            ("Gaussian mixture", mixture.GaussianMixture(n_components=p["k"], covariance_type="full", random_state=42)),
        ]
        for name, algorithm in methods:
            algorithm.fit(X)
            y_pred = algorithm.labels_.astype(int) if hasattr(algorithm, "labels_") else algorithm.predict(X)
            ax = plt.subplot(len(rows), len(methods), plot_num)
            if i == 0:
                plt.title(name, size=18)
            colours = np.array(list(islice(cycle(SKLEARN_COLOURS), int(max(y_pred) + 1))))
            colours = np.append(colours, ["#000000"])
            plt.scatter(X[:, 0], X[:, 1], s=10, color=colours[y_pred])
            plt.xlim(-2.5, 2.5)
            plt.ylim(-2.5, 2.5)
            plt.xticks(())
            plt.yticks(())
            k = len(set(y_pred) - {-1})
            plt.text(0.99, 0.01, f"{k} clusters", transform=ax.transAxes, size=15, horizontalalignment="right")
            plot_num += 1
    fig.savefig(out)


def dbscan_data():
    from sklearn.datasets import make_blobs
    from sklearn.preprocessing import StandardScaler

    X, _ = make_blobs(n_samples=750, centers=[[1, 1], [-1, -1], [1, -1]], cluster_std=0.4, random_state=0)
    return StandardScaler().fit_transform(X)


def dbscan(out):
    """scikit-learn's plot_dbscan.py."""
    from sklearn.cluster import DBSCAN

    X = dbscan_data()
    db = DBSCAN(eps=0.3, min_samples=10).fit(X)
    labels = db.labels_
    n_clusters = len(set(labels)) - (1 if -1 in labels else 0)
    unique = set(labels)
    core = np.zeros_like(labels, dtype=bool)
    core[db.core_sample_indices_] = True
    colours = [plt.cm.Spectral(each) for each in np.linspace(0, 1, len(unique))]
    fig = plt.figure()
    for k, col in zip(unique, colours):
        if k == -1:
            col = [0, 0, 0, 1]
        member = labels == k
        xy = X[member & core]
        plt.plot(xy[:, 0], xy[:, 1], "o", markerfacecolor=tuple(col), markeredgecolor="k", markersize=14)
        xy = X[member & ~core]
        plt.plot(xy[:, 0], xy[:, 1], "o", markerfacecolor=tuple(col), markeredgecolor="k", markersize=6)
    plt.title(f"Estimated number of clusters: {n_clusters}")
    fig.savefig(out)


def k_distance(out):
    """The sorted k-distance curve with kneed's knee as the suggested eps."""
    from kneed import KneeLocator
    from sklearn.datasets import make_moons
    from sklearn.neighbors import NearestNeighbors
    from sklearn.preprocessing import StandardScaler

    X = StandardScaler().fit_transform(make_moons(n_samples=500, noise=0.05, random_state=30)[0])
    d = np.sort(NearestNeighbors(n_neighbors=5).fit(X).kneighbors(X)[0][:, -1])
    x = np.arange(len(d))
    knee = KneeLocator(x, d, curve="convex", direction="increasing").knee
    eps = d[knee]
    fig, ax = plt.subplots()
    ax.plot(x, d, label="5-distance")
    ax.axhline(eps, color="0.5", linestyle="--", linewidth=1, label=f"eps = {eps:.3g}")
    ax.scatter([knee], [eps], s=120, color="C3", alpha=0.9)
    ax.set_title(f"Sorted 5-distances: suggested eps = {eps:.3g}")
    ax.set_xlabel("Points sorted by their 5-distance")
    ax.set_ylabel("Distance to the 5th nearest neighbour")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out)


def kmeans_vs_dbscan(out):
    """Two moons: K-Means beside DBSCAN beside ward."""
    from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
    from sklearn.datasets import make_moons
    from sklearn.preprocessing import StandardScaler

    X = StandardScaler().fit_transform(make_moons(n_samples=500, noise=0.05, random_state=30)[0])
    km = KMeans(n_clusters=2, random_state=0).fit(X)
    db = DBSCAN(eps=0.3, min_samples=5).fit(X)
    ward = AgglomerativeClustering(n_clusters=2, linkage="ward").fit(X)
    fig, axes = plt.subplots(1, 3, figsize=(13.5, 4.2))
    k = len(set(db.labels_) - {-1})
    for ax, labels, title in [(axes[0], km.labels_, "K-Means (k = 2)"), (axes[1], db.labels_, f"DBSCAN (eps = 0.3): {k} clusters"),
                              (axes[2], ward.labels_, "Agglomerative (ward, k = 2)")]:
        ax.scatter(X[:, 0], X[:, 1], c=labels, cmap="tab10", vmin=0, vmax=9, s=12)
        ax.set_title(title)
    axes[0].scatter(km.cluster_centers_[:, 0], km.cluster_centers_[:, 1], c="black", marker="x", s=80, linewidths=2, label="Centres")
    axes[0].legend()
    fig.suptitle("Two moons: K-Means assumes round clusters")
    fig.tight_layout()
    fig.savefig(out)


def silhouette(out, k=4):
    """scikit-learn's plot_kmeans_silhouette_analysis.py for one k."""
    import matplotlib.cm as cm
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs
    from sklearn.metrics import silhouette_samples, silhouette_score

    X, _ = make_blobs(n_samples=500, n_features=2, centers=4, cluster_std=1, center_box=(-10.0, 10.0), shuffle=True, random_state=1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(18, 7))
    ax1.set_xlim([-0.1, 1])
    ax1.set_ylim([0, len(X) + (k + 1) * 10])
    clusterer = KMeans(n_clusters=k, random_state=10)
    labels = clusterer.fit_predict(X)
    avg = silhouette_score(X, labels)
    values = silhouette_samples(X, labels)
    y_lower = 10
    for i in range(k):
        ith = np.sort(values[labels == i])
        size = ith.shape[0]
        y_upper = y_lower + size
        color = cm.nipy_spectral(float(i) / k)
        ax1.fill_betweenx(np.arange(y_lower, y_upper), 0, ith, facecolor=color, edgecolor=color, alpha=0.7)
        ax1.text(-0.05, y_lower + 0.5 * size, str(i))
        y_lower = y_upper + 10
    ax1.set_title("The silhouette plot for the various clusters.")
    ax1.set_xlabel("The silhouette coefficient values")
    ax1.set_ylabel("Cluster label")
    ax1.axvline(x=avg, color="red", linestyle="--")
    ax1.set_yticks([])
    ax1.set_xticks([-0.1, 0, 0.2, 0.4, 0.6, 0.8, 1])
    colors = cm.nipy_spectral(labels.astype(float) / k)
    ax2.scatter(X[:, 0], X[:, 1], marker=".", s=30, lw=0, alpha=0.7, c=colors, edgecolor="k")
    centers = clusterer.cluster_centers_
    ax2.scatter(centers[:, 0], centers[:, 1], marker="o", c="white", alpha=1, s=200, edgecolor="k")
    for i, c in enumerate(centers):
        ax2.scatter(c[0], c[1], marker="$%d$" % i, alpha=1, s=50, edgecolor="k")
    ax2.set_title("The visualization of the clustered data.")
    ax2.set_xlabel("Feature space for the 1st feature")
    ax2.set_ylabel("Feature space for the 2nd feature")
    plt.suptitle(f"Silhouette analysis for KMeans clustering on sample data with n_clusters = {k}", fontsize=14, fontweight="bold")
    fig.savefig(out)


def elbow_metrics(out):
    """yellowbrick's KElbowVisualizer by inertia, silhouette and Calinski–Harabasz (kneed's knee)."""
    from kneed import KneeLocator
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs
    from sklearn.metrics import calinski_harabasz_score, silhouette_score

    X, _ = make_blobs(n_samples=1000, centers=4, cluster_std=1.0, random_state=6)
    ks = list(range(2, 11))
    fits = [KMeans(n_clusters=k, random_state=42).fit(X) for k in ks]
    metrics = [("Inertia", "inertia", [f.inertia_ for f in fits], "convex", "decreasing"),
               ("Silhouette", "silhouette score", [silhouette_score(X, f.labels_) for f in fits], "concave", "increasing"),
               ("Calinski–Harabasz", "Calinski–Harabasz score", [calinski_harabasz_score(X, f.labels_) for f in fits], "concave", "increasing")]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    for ax, (name, ylabel, values, curve, direction) in zip(axes, metrics):
        ax.plot(ks, values, marker="D")
        knee = KneeLocator(ks, values, curve=curve, direction=direction).knee
        if knee is not None:
            ax.axvline(knee, color="0.5", linestyle="--", linewidth=1, label=f"elbow at k = {knee}")
            ax.scatter([knee], [values[ks.index(knee)]], s=120, color="C3", alpha=0.9)
            ax.legend()
        ax.set_title(f"{name} elbow for KMeans clustering")
        ax.set_xlabel("k")
        ax.set_ylabel(ylabel)
    fig.tight_layout()
    fig.savefig(out)


def gmm_bic(out):
    """BIC per covariance type and k (scikit-learn's plot_gmm_selection data), as lines."""
    from sklearn.mixture import GaussianMixture

    rs = np.random.RandomState(0)
    C = np.array([[0.0, -0.1], [1.7, 0.4]])
    X = np.concatenate([np.dot(rs.randn(300, 2), C), 0.7 * rs.randn(300, 2) + np.array([-4, 1])])
    ks = list(range(1, 7))
    fig, ax = plt.subplots(figsize=(8, 5))
    best = None
    for cov in ["spherical", "tied", "diag", "full"]:
        bic = [GaussianMixture(n_components=k, covariance_type=cov, random_state=42).fit(X).bic(X) for k in ks]
        line, = ax.plot(ks, bic, marker="o", label=cov)
        i = int(np.argmin(bic))
        ax.scatter([ks[i]], [bic[i]], s=220, facecolors="none", edgecolors=line.get_color(), linewidths=2)
        if best is None or bic[i] < best[0]:
            best = (bic[i], ks[i], cov)
    ax.set_title(f"BIC score per model (lowest: k = {best[1]}, {best[2]})")
    ax.set_xlabel("Number of components")
    ax.set_ylabel("BIC score")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out)


def iris():
    """Fixtures/data/iris.csv: the four measurements (float64, as pandas reads them)."""
    return np.loadtxt(os.path.join(ROOT, "Fixtures", "data", "iris.csv"), delimiter=",", skiprows=1, usecols=(0, 1, 2, 3))


def dendrogram(out):
    """scikit-learn's plot_agglomerative_dendrogram.py (ward on iris, level 3) beside lastp 12 with the k = 3 cut."""
    from scipy.cluster.hierarchy import dendrogram as scipy_dendrogram
    from sklearn.cluster import AgglomerativeClustering

    X = iris()
    model = AgglomerativeClustering(n_clusters=3, linkage="ward", compute_distances=True).fit(X)
    counts = np.zeros(model.children_.shape[0])
    n = len(model.labels_)
    for i, merge in enumerate(model.children_):
        counts[i] = sum(1 if c < n else counts[c - n] for c in merge)
    Z = np.column_stack([model.children_, model.distances_, counts]).astype(float)
    fig, (a, b) = plt.subplots(1, 2, figsize=(13, 5))
    scipy_dendrogram(Z, truncate_mode="level", p=3, ax=a)
    a.set_title("Hierarchical Clustering Dendrogram")
    a.set_xlabel("Number of points in node (or index of point if no parenthesis).")
    scipy_dendrogram(Z, truncate_mode="lastp", p=12, ax=b)
    d = model.distances_
    b.axhline((d[n - 4] + d[n - 3]) / 2, color="k", linestyle="--", label="k = 3")
    b.set_title(f"The last 12 merges, cut into {model.n_clusters_} clusters")
    b.set_xlabel("Number of points in node")
    b.set_ylabel("Ward distance")
    b.legend(loc="upper right")
    fig.tight_layout()
    fig.savefig(out)


def gmm_ellipses(out):
    """scikit-learn's plot_gmm_covariances.py: the four covariance types on iris (sepal plane), k-means init."""
    import matplotlib as mpl
    from sklearn.mixture import GaussianMixture

    X = iris()
    fig, axes = plt.subplots(1, 4, figsize=(16, 4.6))
    for ax, cov in zip(axes, ["spherical", "diag", "tied", "full"]):
        g = GaussianMixture(n_components=3, covariance_type=cov, random_state=0).fit(X)
        labels = g.predict(X)
        for c in range(3):
            if cov == "full":
                m = g.covariances_[c][:2, :2]
            elif cov == "tied":
                m = g.covariances_[:2, :2]
            elif cov == "diag":
                m = np.diag(g.covariances_[c][:2])
            else:
                m = np.eye(2) * g.covariances_[c]
            v, w = np.linalg.eigh(m)
            u = w[0] / np.linalg.norm(w[0])
            angle = np.degrees(np.arctan2(u[1], u[0]))
            v = 2.0 * np.sqrt(2.0) * np.sqrt(v)
            e = mpl.patches.Ellipse(g.means_[c, :2], v[0], v[1], angle=180 + angle, color=f"C{c}", alpha=0.5)
            e.set_clip_box(ax.bbox)
            ax.add_artist(e)
        ax.scatter(X[:, 0], X[:, 1], s=12, c=[f"C{l}" for l in labels])
        ax.set_title(cov, fontsize=18)
    axes[0].set_ylabel("Iris", fontsize=15)
    fig.tight_layout()
    fig.savefig(out)


FIGURES = {
    "cluster-comparison": cluster_comparison,
    "dbscan": dbscan,
    "k-distance": k_distance,
    "kmeans-vs-dbscan": kmeans_vs_dbscan,
    "dendrogram": dendrogram,
    "silhouette": silhouette,
    "elbow-metrics": elbow_metrics,
    "gmm-ellipses": gmm_ellipses,
    "gmm-bic": gmm_bic,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default=",".join(FIGURES))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in a.only.split(","):
        if name not in FIGURES:
            sys.exit(f"unknown figure {name!r}; one of {', '.join(FIGURES)}")
        FIGURES[name](os.path.join(a.out, name + ".png"))
        plt.close("all")


if __name__ == "__main__":
    main()
