/// scikit-learn 1.9.1's `calinski_harabasz_score`: between- over within-cluster dispersion,
/// `extra · (n − k) / (intra · (k − 1))` (1.0 when `intra` is 0).
///
/// Exactly as scikit-learn sums: the overall and per-cluster means are numpy `mean(axis=0)`
/// (running column sums, then a division), each cluster adds `n_c · Σ(mean_c − mean)²` and
/// `Σ(X_c − mean_c)²` (numpy's pairwise sums) to two running Python floats starting at 0.
/// - Parameters:
///   - noise: `.asCluster` counts −1 as a label (scikit-learn); `.excluded` drops those rows first.
/// - Throws: `ClusteringError` for empty or non-finite data, mismatched labels, or fewer than 2 or
///   more than n − 1 distinct labels.
public func calinskiHarabaszScore(_ x: DataMatrix, labels: [Int], noise: NoiseHandling = .asCluster) throws -> Double {
    let input = try ScoreInput(x, labels: labels, noise: noise)
    let data = input.x
    let n = data.rows, d = data.columns, k = input.clusters.count
    let mean = NumpyMath.columnMeans(data)
    var extra = 0.0, intra = 0.0
    for (c, members) in ClusterMembers.rows(input).enumerated() {
        let cluster = data.selectingRows(members)
        let centre = NumpyMath.columnMeans(cluster)
        let shift = (0..<d).map { (centre[$0] - mean[$0]) * (centre[$0] - mean[$0]) }
        extra = extra + Double(input.counts[c]) * NumpyMath.pairwiseSum(shift)
        var squares = cluster.values
        for i in 0..<cluster.rows {
            for f in 0..<d { let t = squares[i * d + f] - centre[f]; squares[i * d + f] = t * t }
        }
        intra = intra + NumpyMath.pairwiseSum(squares)
    }
    if intra == 0 { return 1.0 }
    return extra * Double(n - k) / (intra * (Double(k) - 1.0))
}

/// scikit-learn 1.9.1's `davies_bouldin_score`: the mean over clusters of the largest
/// `(s_a + s_b) / d(c_a, c_b)`.
///
/// `s_c` is `np.average` of `pairwise_distances(X_c, [c_c])` (the GEMM expansion through numpy's
/// dgemv, or ddot for a one-member cluster), `c_c` the cluster's `np.average(axis=0)`, and the
/// centroid distances come from `pairwise_distances(centroids)` (dsyrk, diagonal 0). A zero centroid
/// distance becomes `inf`; the score is 0 when every `s_c` or every centroid distance is within
/// `1e-8` of 0 (`isclose`).
/// - Throws: as `calinskiHarabaszScore`.
public func daviesBouldinScore(_ x: DataMatrix, labels: [Int], noise: NoiseHandling = .asCluster) throws -> Double {
    let input = try ScoreInput(x, labels: labels, noise: noise)
    let data = input.x
    let d = data.columns, k = input.clusters.count
    var intra = [Double](repeating: 0, count: k)
    var centroids: [Double] = []
    for (c, members) in ClusterMembers.rows(input).enumerated() {
        let cluster = data.selectingRows(members)
        let centre = NumpyMath.columnMeans(cluster)
        centroids.append(contentsOf: centre)
        let dist = PairwiseDistances.distancesToPoint(cluster.values, rows: cluster.rows, d: d, point: centre, squared: false)
        intra[c] = NumpyMath.pairwiseSum(dist) / Double(dist.count)
    }
    let centres = DataMatrix(uncheckedRows: k, columns: d, values: centroids)
    let plan = SelfDistancePlan(x: centres, sklearnChunkRows: k)
    var between = [Double](repeating: 0, count: k * k)
    var row = [Double](repeating: 0, count: k)
    for a in 0..<k {
        plan.fillRow(a, into: &row, squared: false)
        for b in 0..<k { between[a * k + b] = row[b] }
    }
    let closeToZero: (Double) -> Bool = { abs($0) <= 1e-8 }
    if intra.allSatisfy(closeToZero) || between.allSatisfy(closeToZero) { return 0.0 }
    var scores = [Double](repeating: 0, count: k)
    for a in 0..<k {
        var best = -Double.infinity
        for b in 0..<k {
            let dist = between[a * k + b] == 0 ? Double.infinity : between[a * k + b]
            let v = (intra[a] + intra[b]) / dist
            if v > best || v.isNaN { best = v }
        }
        scores[a] = best
    }
    return NumpyMath.pairwiseSum(scores) / Double(k)
}

/// yellowbrick's `distortion_score(X, labels)` (the elbow's "distortion"): for each label in
/// increasing order, the squared distances of the members to their mean
/// (`pairwise_distances(X[mask], [X[mask].mean(axis=0)]) ** 2`, summed with numpy's pairwise
/// sum), added to a running Python sum that starts at 0. It is a sum over clusters, and not
/// `inertia_`: the distances go through the GEMM expansion, `sqrt` and back, and the means are
/// recomputed.
/// - Parameters:
///   - noise: `.asCluster` (yellowbrick: −1 is a label) or `.excluded`.
/// - Throws: `ClusteringError` for empty or non-finite data or mismatched labels (one cluster is
///   allowed: yellowbrick does not check the label count).
public func distortionScore(_ x: DataMatrix, labels: [Int], noise: NoiseHandling = .asCluster) throws -> Double {
    try x.validateNonEmptyFinite()
    guard labels.count == x.rows else {
        throw ClusteringError.invalidArgument(name: "labels", reason: "there are \(labels.count) labels for \(x.rows) samples")
    }
    var rows = Array(0..<x.rows)
    if noise == .excluded { rows = rows.filter { labels[$0] != -1 } }
    guard !rows.isEmpty else { throw ClusteringError.invalidArgument(name: "labels", reason: "every sample is noise (−1)") }
    var members: [Int: [Int]] = [:]
    for i in rows { members[labels[i], default: []].append(i) }
    var total = 0.0
    for label in members.keys.sorted() {
        let cluster = x.selectingRows(members[label]!)
        let centre = NumpyMath.columnMeans(cluster)
        let dist = PairwiseDistances.distancesToPoint(cluster.values, rows: cluster.rows, d: x.columns, point: centre, squared: false)
        total = total + NumpyMath.pairwiseSum(dist.map { $0 * $0 })
    }
    return total
}

/// The member rows of each encoded cluster, in row order (`X[labels == k]`).
enum ClusterMembers {
    static func rows(_ input: ScoreInput) -> [[Int]] {
        var out = [[Int]](repeating: [], count: input.clusters.count)
        for (i, e) in input.encoded.enumerated() { out[Int(e)].append(i) }
        return out
    }
}
