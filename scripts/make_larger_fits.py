"""Regenerates Fixtures/reference/larger_fits.json with scikit-learn (the peer venv of ../shared/bench).

    /tmp/benchpeers/venv/bin/python scripts/make_larger_fits.py > Fixtures/reference/larger_fits.json

Each case: make_blobs(n_samples, n_features, centers, random_state=blobs_seed), then
KMeans(k, random_state=kmeans_seed) with scikit-learn's defaults (k-means++, n_init="auto").
The cases run through many 256-sample Lloyd chunks, several 2,048-sample dgemv blocks, the n % 4
tail and (16 and 5 features) the general-width distance kernels.
"""
import json

from sklearn.datasets import make_blobs
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_info

CASES = [
    (5000, 3, 5, 11, 5, 3),
    (20001, 2, 8, 5, 8, 21),
    (3000, 16, 6, 21, 9, 4),
    (2001, 5, 4, 8, 7, 1),
]

out = {
    "note": "generated in the peer venv (scikit-learn 1.9.1, numpy 2.4.6, 2 threads) to check the "
            "multi-chunk, multi-block paths (scripts/make_larger_fits.py)",
    "threadpools": [{k: p[k] for k in ("internal_api", "num_threads", "architecture") if k in p}
                    for p in threadpool_info()],
    "cases": [],
}
for n, f, c, bseed, k, kseed in CASES:
    X, _ = make_blobs(n_samples=n, n_features=f, centers=c, random_state=bseed)
    km = KMeans(k, random_state=kseed).fit(X)
    out["cases"].append({
        "n_samples": n, "n_features": f, "centers": c, "blobs_seed": bseed, "k": k, "kmeans_seed": kseed,
        "X_first": X[0].tolist(), "X_last": X[-1].tolist(), "labels": km.labels_.tolist(),
        "cluster_centers": km.cluster_centers_.tolist(), "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
    })
print(json.dumps(out))
