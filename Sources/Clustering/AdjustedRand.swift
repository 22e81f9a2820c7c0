/// scikit-learn 1.9.1's `adjusted_rand_score(labels_true, labels_pred)`.
///
/// The pair confusion matrix is integer arithmetic on the contingency table
/// (`pair_confusion_matrix`); then, with Python's exact integers,
/// `2.0 * (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))` — each integer converted to
/// the nearest double once, as Python does — and 1.0 when `fn == fp == 0` (identical partitions, one
/// cluster each, or all singletons). The products are exact here too (128-bit).
/// - Parameters:
///   - noise: `.asCluster` (scikit-learn: −1 in `labelsPred` is a cluster) or `.excluded` (pairs
///     involving a row with `labelsPred == −1` are left out: those rows are dropped first).
/// - Throws: `ClusteringError.invalidArgument` when the two label lists differ in length.
public func adjustedRandScore(labelsTrue: [Int], labelsPred: [Int], noise: NoiseHandling = .asCluster) throws -> Double {
    guard labelsTrue.count == labelsPred.count else {
        throw ClusteringError.invalidArgument(
            name: "labels", reason: "labels_true has \(labelsTrue.count) values, labels_pred \(labelsPred.count)")
    }
    var truth = labelsTrue, pred = labelsPred
    if noise == .excluded {
        let keep = pred.indices.filter { pred[$0] != -1 }
        truth = keep.map { labelsTrue[$0] }
        pred = keep.map { labelsPred[$0] }
    }
    let c = PairConfusion(truth, pred)
    if c.fn == 0 && c.fp == 0 { return 1.0 }
    let numerator = Wide.product(c.tp, c.tn).subtracting(Wide.product(c.fn, c.fp))
    let denominator = Wide.product(c.tp + c.fn, c.fn + c.tn).adding(Wide.product(c.tp + c.fp, c.fp + c.tn))
    return 2.0 * numerator.doubleValue / denominator.doubleValue
}

/// `sklearn.metrics.cluster.pair_confusion_matrix` as `(tn, fp, fn, tp)` (int64).
struct PairConfusion {
    var tn: Int, fp: Int, fn: Int, tp: Int

    init(_ truth: [Int], _ pred: [Int]) {
        var table: [Int: [Int: Int]] = [:]
        var rowSums: [Int: Int] = [:], columnSums: [Int: Int] = [:]
        for (t, p) in zip(truth, pred) {
            table[t, default: [:]][p, default: 0] += 1
            rowSums[t, default: 0] += 1
            columnSums[p, default: 0] += 1
        }
        let n = truth.count
        var sumSquares = 0, byColumn = 0, byRow = 0
        for (t, row) in table {
            for (p, v) in row {
                sumSquares &+= v &* v
                byColumn &+= v &* columnSums[p]!
                byRow &+= v &* rowSums[t]!
            }
        }
        tp = sumSquares &- n
        fp = byColumn &- sumSquares
        fn = byRow &- sumSquares
        tn = n &* n &- fp &- fn &- sumSquares
    }
}

/// A signed integer of up to 127 bits, enough for products of two int64 counts, with Python's
/// int → float conversion (round to nearest, ties to even).
struct Wide: Equatable {
    var negative: Bool
    var high: UInt64
    var low: UInt64

    static func product(_ a: Int, _ b: Int) -> Wide {
        let (h, l) = UInt64(a.magnitude).multipliedFullWidth(by: UInt64(b.magnitude))
        return Wide(negative: (a < 0) != (b < 0) && (h != 0 || l != 0), high: h, low: l)
    }

    private static func lessMagnitude(_ a: Wide, _ b: Wide) -> Bool { a.high < b.high || (a.high == b.high && a.low < b.low) }

    private static func addMagnitude(_ a: Wide, _ b: Wide) -> (UInt64, UInt64) {
        let (l, carry) = a.low.addingReportingOverflow(b.low)
        return (a.high &+ b.high &+ (carry ? 1 : 0), l)
    }

    private static func subtractMagnitude(_ a: Wide, _ b: Wide) -> (UInt64, UInt64) {
        let (l, borrow) = a.low.subtractingReportingOverflow(b.low)
        return (a.high &- b.high &- (borrow ? 1 : 0), l)
    }

    func adding(_ other: Wide) -> Wide {
        if negative == other.negative {
            let (h, l) = Wide.addMagnitude(self, other)
            return Wide(negative: negative, high: h, low: l)
        }
        if Wide.lessMagnitude(self, other) {
            let (h, l) = Wide.subtractMagnitude(other, self)
            return Wide(negative: other.negative && (h != 0 || l != 0), high: h, low: l)
        }
        let (h, l) = Wide.subtractMagnitude(self, other)
        return Wide(negative: negative && (h != 0 || l != 0), high: h, low: l)
    }

    func subtracting(_ other: Wide) -> Wide {
        var flipped = other
        flipped.negative = !other.negative && (other.high != 0 || other.low != 0)
        return adding(flipped)
    }

    /// The nearest double (ties to even): the top 64 significant bits with a sticky bit for the
    /// rest, converted once, then scaled by a power of two (exact).
    var doubleValue: Double {
        var magnitude: Double
        if high == 0 {
            magnitude = Double(low)
        } else {
            let shift = 64 - high.leadingZeroBitCount
            let top = (high << (64 - shift)) | (low >> shift)
            let sticky: UInt64 = (low << (64 - shift)) != 0 ? 1 : 0
            magnitude = Double(top | sticky) * Double(sign: .plus, exponent: shift, significand: 1)
        }
        return negative ? -magnitude : magnitude
    }
}
