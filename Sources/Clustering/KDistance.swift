#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The k-distance curve used to choose DBSCAN's `eps`: each point's distance to its k-th nearest
/// neighbour, the point itself counted first.
public struct KDistanceCurve: Sendable, Equatable {
    /// The neighbour rank (`n_neighbors`).
    public var k: Int
    /// The k-distances sorted ascending (`np.sort(kneighbors(X)[0][:, -1])`).
    public var distances: [Double]
    /// The k-distance of each point, in input order (`kneighbors(X)[0][:, -1]`).
    public var pointDistances: [Double]
    /// The distance arithmetic followed (`auto` resolved to `.kdTree` or `.brute`).
    public var algorithm: NeighborAlgorithm
}

/// scikit-learn's k-distances, sorted: `np.sort(NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)[0][:, -1])`.
///
/// X is its own query, so each point is its own first neighbour (distance 0) and the value is the
/// distance to the (k−1)-th other point — the counting of DBSCAN's `min_samples`. With `auto`,
/// scikit-learn uses its kd-tree for `k < n // 2` and at most 15 features: the value is then
/// `sqrt(Σ(xᵢ − yᵢ)²)` summed over the features in order, the k-th smallest of those sums taken
/// before the square root (ties among neighbours cannot change it). Otherwise it uses brute force,
/// `sqrt(max(0, (‖x‖² − 2x·y) + ‖y‖²))` with OpenBLAS's `ddot` norms and `dgemm` products, which
/// rounds differently. Both are reproduced exactly.
///
/// The tree path searches a uniform grid ring by ring and stops once no unvisited cell can hold a
/// closer point (a lower bound with a safety margin, so the k-th value is exact); memory is O(n).
/// - Parameters:
///   - x: the points.
///   - k: the neighbour rank, `1 ≤ k ≤ n` (1 gives zeros).
///   - algorithm: which arithmetic to follow (default: what `auto` picks).
///   - threads: the number of threads (default: all processors); the result is the same for any.
/// - Throws: `ClusteringError.emptyData`, `.nonFiniteValue`, `.invalidArgument` for `k` outside
///   `1...n` or `threads < 1`.
public func kDistanceCurve(
    _ x: DataMatrix, k: Int, algorithm: NeighborAlgorithm = .auto, threads: Int? = nil
) throws -> KDistanceCurve {
    try x.validateNonEmptyFinite()
    let n = x.rows
    guard k >= 1, k <= n else {
        throw ClusteringError.invalidArgument(name: "k", reason: "must be between 1 and the number of samples (\(n)), got \(k)")
    }
    let threads = try Parallelism.resolve(threads)
    let rule = NeighborAlgorithm.resolved(algorithm, samples: n, features: x.columns, neighbors: k)
    var squared = [Double](repeating: 0, count: n)
    let block = 512
    let tasks = (n + block - 1) / block
    if rule == .kdTree {
        let grid = NeighborGrid(points: x, minimumCellSize: KNearest.cellSize(for: x, k: k))
        squared.withUnsafeMutableBufferPointer { out in
            let sink = SharedMutablePointer(out.baseAddress!)
            Parallelism.run(tasks: tasks, threads: threads) { t in
                var heap = KNearest.Heap(capacity: k)
                for p in (t * block)..<min((t + 1) * block, n) {
                    sink[grid.order[p]] = KNearest.kthTreeRdist(sortedPosition: p, grid: grid, heap: &heap)
                }
            }
        }
    } else {
        let norms = NeighborRules.rowNorms(x)
        squared.withUnsafeMutableBufferPointer { out in
            let sink = SharedMutablePointer(out.baseAddress!)
            x.values.withUnsafeBufferPointer { v in
                norms.withUnsafeBufferPointer { norm in
                    let base = SharedPointer(v.baseAddress!), norm = SharedPointer(norm.baseAddress!)
                    let d = x.columns
                    Parallelism.run(tasks: tasks, threads: threads) { t in
                        var heap = KNearest.Heap(capacity: k)
                        for i in (t * block)..<min((t + 1) * block, n) {
                            heap.removeAll()
                            let xi = base + i * d
                            for j in 0..<n { heap.offer(NeighborRules.bruteSquared(xi, norm[i], base + j * d, norm[j], d)) }
                            sink[i] = heap.largest
                        }
                    }
                }
            }
        }
    }
    // `_rdist_to_dist` (tree) and `compute_exact_distances` (brute, after max(·, 0)): IEEE sqrt.
    let pointDistances = squared.map { $0.squareRoot() }
    return KDistanceCurve(k: k, distances: pointDistances.sorted(), pointDistances: pointDistances, algorithm: rule)
}

/// The sorted k-distances (`KDistanceCurve.distances`); see `kDistanceCurve(_:k:algorithm:threads:)`.
/// - Throws: see `kDistanceCurve(_:k:algorithm:threads:)`.
public func kDistances(
    _ x: DataMatrix, k: Int, algorithm: NeighborAlgorithm = .auto, threads: Int? = nil
) throws -> [Double] {
    try kDistanceCurve(x, k: k, algorithm: algorithm, threads: threads).distances
}

/// The k-th smallest squared distance of one point, found ring by ring on a grid.
enum KNearest {
    /// A max-heap of at most `capacity` values: the `capacity` smallest values offered.
    struct Heap {
        private var values: [Double]
        private(set) var count = 0
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            values = [Double](repeating: 0, count: capacity)
        }

        mutating func removeAll() { count = 0 }

        /// The largest kept value (the k-th smallest offered once full).
        var largest: Double { values[0] }
        var isFull: Bool { count == capacity }

        @inline(__always)
        mutating func offer(_ v: Double) {
            if count < capacity {
                var i = count
                count += 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    if values[parent] >= v { break }
                    values[i] = values[parent]
                    i = parent
                }
                values[i] = v
            } else if v < values[0] {
                var i = 0
                while true {
                    let l = 2 * i + 1
                    if l >= count { break }
                    var c = l
                    if l + 1 < count, values[l + 1] > values[l] { c = l + 1 }
                    if values[c] <= v { break }
                    values[i] = values[c]
                    i = c
                }
                values[i] = v
            }
        }
    }

    /// A cell size aiming at about `max(k, 4)` points per occupied cell of the widest ≤ 3
    /// features' bounding box (any size is correct; this only sets the work per query).
    static func cellSize(for x: DataMatrix, k: Int) -> Double {
        let n = x.rows, d = x.columns
        var low = [Double](repeating: .infinity, count: d), high = [Double](repeating: -.infinity, count: d)
        for i in 0..<n {
            for f in 0..<d {
                let v = x.values[i * d + f]
                low[f] = min(low[f], v)
                high[f] = max(high[f], v)
            }
        }
        let all: [Double] = (0..<d).map { high[$0] - low[$0] }
        let spreads: [Double] = Array(all.filter { $0 > 0 }.sorted(by: >).prefix(3))
        guard !spreads.isEmpty, spreads.allSatisfy({ $0.isFinite }) else { return 1 }
        let cells = max(Double(n) / Double(max(k, 4)), 1)
        // (Π spreads / cells)^(1/g), through logarithms so that no product overflows.
        var logVolume = 0.0
        for s in spreads { logVolume += log(s) }
        let size = exp((logVolume - log(cells)) / Double(spreads.count))
        return size > 0 && size.isFinite ? size : 1
    }

    /// The k-th smallest `Σ(x_p − x_q)²` over all points q (p itself included).
    ///
    /// After the rings 0…r around p's cell, every unvisited point lies more than `r` cells away
    /// along some grid feature, so its sum of squares is at least `(r·size)²` up to rounding; the
    /// search stops when the heap's largest value is at or below that bound shrunk by 2⁻²⁰ (far
    /// more than the rounding of the cell coordinates and of the sum). A point exactly at the bound
    /// could only tie the k-th value, which leaves it unchanged.
    static func kthTreeRdist(sortedPosition p: Int, grid: NeighborGrid, heap: inout Heap) -> Double {
        heap.removeAll()
        let d = grid.columns
        let cell = grid.cellOfPosition[p]
        return grid.sorted.withUnsafeBufferPointer { s in
            let base = s.baseAddress!
            let a = base + p * d
            var r = 0
            while true {
                let inside = grid.forEachRingRun(ofCell: cell, ring: r) { lo, hi in
                    if d == 2 {
                        let a0 = a[0], a1 = a[1]
                        for q in lo..<hi {
                            let t0 = a0 - base[2 * q], t1 = a1 - base[2 * q + 1]
                            heap.offer(t0 * t0 + t1 * t1)
                        }
                    } else {
                        for q in lo..<hi { heap.offer(NeighborRules.treeRdist(a, base + q * d, d)) }
                    }
                }
                if !inside { break }
                if heap.isFull {
                    let reach = Double(r) * grid.cellSize * (1 - 0x1p-20)
                    if heap.largest <= reach * reach * (1 - 0x1p-20) { break }
                }
                r += 1
            }
            return heap.largest
        }
    }
}
