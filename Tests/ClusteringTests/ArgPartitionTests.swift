import XCTest
@testable import Clustering

/// `NumpyMath.argPartition` against numpy 2.4.6's `np.argpartition` on this CPU family
/// (`Fixtures/reference/local/argpartition.json`, scripts/make_argpartition_reference.py): every
/// index of every case, for the bitonic network (n <= 256), the partition rounds, the std::sort
/// fallback, NaN's nth_element (and its heap select), infinities and signed zeros.
final class ArgPartitionTests: XCTestCase {
    private static let root = Result { try WaveCases.loadJSON("local/argpartition.json") }

    private func values(_ v: JSONValue) throws -> [Double] {
        guard let a = v.array else { throw WaveCaseError("values is not an array") }
        return try a.map { e in
            if let d = e.double { return d }
            if let s = e.string, let d = Double(s) { return d }  // "nan", "inf", "-inf"
            throw WaveCaseError("bad value \(e)")
        }
    }

    func testEveryReferenceCaseIsIdentical() throws {
        let cases = try Self.root.get()["cases"]?.array ?? []
        XCTAssertGreaterThan(cases.count, 800)
        var checked = 0, differing = 0
        var families: [String: Int] = [:]
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let a = try values(c["values"] ?? .null)
            for r in c["results"]?.array ?? [] {
                guard let kth = r["kth"]?.int, let expected = r["indices"]?.ints else {
                    XCTFail("\(id): malformed result")
                    continue
                }
                let got = try NumpyMath.argPartition(a, kth: kth)
                if got != expected {
                    differing += 1
                    assertSameInts(got, expected, "\(id) kth=\(kth)")
                }
                checked += 1
                families[String(id.prefix { $0 != "-" }), default: 0] += 1
            }
        }
        XCTAssertGreaterThan(checked, 4000)
        XCTAssertEqual(differing, 0, "\(differing) of \(checked) results differ")
        for family in ["random", "few", "equal", "zeros", "sorted", "reversed", "mostzero", "organ", "saw", "sklearn", "inf", "nan"] {
            XCTAssertGreaterThan(families[family] ?? 0, 0, "no \(family) case")
        }
    }

    /// scikit-learn's use: `argpartition(d, -n_empty)[:-n_empty-1:-1]` are the n_empty largest.
    func testLastPositionsHoldTheLargestValues() throws {
        var rs = RandomState(seed: UInt32(7))
        for n in [3, 9, 100, 257, 1000, 4000] {
            let a = rs.randomSample(count: n).map { ($0 * 20).rounded() }
            for e in 1...3 {
                let order = try NumpyMath.argPartition(a, kth: -e)
                XCTAssertEqual(order.sorted(), Array(0..<n))
                let top = (0..<e).map { a[order[n - 1 - $0]] }
                let threshold = a[order[n - e]]
                XCTAssertEqual(top.min(), threshold)
                XCTAssertTrue(order[..<(n - e)].allSatisfy { a[$0] <= threshold })
            }
        }
    }

    func testSmallAndDegenerateInputs() throws {
        XCTAssertEqual(try NumpyMath.argPartition([], kth: 0), [])
        XCTAssertEqual(try NumpyMath.argPartition([5], kth: 0), [0])
        XCTAssertEqual(try NumpyMath.argPartition([5], kth: -1), [0])
        XCTAssertEqual(try NumpyMath.argPartition([2, 1], kth: 0), [1, 0])
        // More than 256 equal values: one partition round, no network (pivot is smallest and biggest).
        let equal = try NumpyMath.argPartition([Double](repeating: 1, count: 300), kth: 150)
        XCTAssertEqual(equal.sorted(), Array(0..<300))
    }

    func testBadArgumentsThrow() {
        XCTAssertThrowsError(try NumpyMath.argPartition([1, 2, 3], kth: 3))
        XCTAssertThrowsError(try NumpyMath.argPartition([1, 2, 3], kth: -4))
        XCTAssertThrowsError(try NumpyMath.argPartition([1], kth: 1))
    }

    /// The libstdc++ orders on their own: sorted output, and `nth_element`'s partition property,
    /// including the heap fallbacks (Musser's median-of-3 killer drives introsort into heapsort).
    func testLibstdcxxOrdersSortAndSelect() {
        func killer(_ n: Int) -> [Double] {
            let k = n / 2
            var a = [Double](repeating: 0, count: n)
            for i in 1...k {
                if i % 2 == 1 {
                    a[i - 1] = Double(i)
                    a[i] = Double(k + i)
                }
                a[k + i - 1] = Double(2 * i)
            }
            return a
        }
        for n in [17, 64, 1000, 4096] {
            let a = killer(n)
            var idx = Array(0..<n)
            a.withUnsafeBufferPointer { av in
                idx.withUnsafeMutableBufferPointer { iv in
                    LibstdcxxOrder<PlainOrder>(values: av.baseAddress!, indices: iv.baseAddress!).sort(count: n)
                }
            }
            XCTAssertEqual(idx.map { a[$0] }, a.sorted(), "sort n=\(n)")
            for nth in [0, n / 3, n - 1] {
                var sel = Array(0..<n)
                a.withUnsafeBufferPointer { av in
                    sel.withUnsafeMutableBufferPointer { iv in
                        LibstdcxxOrder<NaNLastOrder>(values: av.baseAddress!, indices: iv.baseAddress!)
                            .nthElement(nth, count: n)
                    }
                }
                let pivot = a[sel[nth]]
                XCTAssertEqual(pivot, a.sorted()[nth], "nth_element n=\(n) nth=\(nth)")
                XCTAssertTrue(sel[..<nth].allSatisfy { a[$0] <= pivot })
                XCTAssertTrue(sel[(nth + 1)...].allSatisfy { a[$0] >= pivot })
            }
        }
    }
}
