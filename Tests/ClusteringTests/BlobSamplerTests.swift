import XCTest
@testable import Clustering

/// The parallel sampler against the plain one-value-at-a-time definition of make_blobs: two
/// independent implementations of the same stream, compared bit for bit.
final class BlobSamplerTests: XCTestCase {
    /// make_blobs written the obvious way: `standardNormal()` per value, numpy's shuffle of
    /// `arange(n)`, then `X[indices]`, `y[indices]`.
    func plainBlobs(
        counts: [Int], centers: DataMatrix, stds: [Double], shuffle: Bool, state: RandomState
    ) -> (values: [Double], labels: [Int]) {
        var rs = state
        let d = centers.columns
        var x: [Double] = [], y: [Int] = []
        for c in counts.indices {
            for _ in 0..<counts[c] {
                for f in 0..<d { x.append(centers.values[c * d + f] + stds[c] * rs.standardNormal()) }
                y.append(c)
            }
        }
        guard shuffle, y.count > 1 else { return (x, y) }
        var indices = Array(0..<y.count)
        rs.shuffle(&indices)
        return (indices.flatMap { x[($0 * d)..<($0 * d + d)] }, indices.map { y[$0] })
    }

    func check(
        counts: [Int], features: Int, stds: [Double], shuffle: Bool, seed: UInt32, skip: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var state = RandomState(seed: seed)
        for _ in 0..<skip { _ = state.nextUInt32() }  // any alignment of the stream
        let centers = DataMatrix(
            uncheckedRows: counts.count, columns: features,
            values: (0..<(counts.count * features)).map { Double($0) * 1.5 - 4 })
        let expected = plainBlobs(counts: counts, centers: centers, stds: stds, shuffle: shuffle, state: state)
        for threads in [1, 2, 4] {
            var s = state
            let got = BlobSampler(centers: centers, counts: counts, stds: stds, shuffle: shuffle, threads: threads)
                .draw(&s)
            XCTAssertEqual(got.labels, expected.labels, "labels, \(threads) threads", file: file, line: line)
            XCTAssertEqual(got.values.count, expected.values.count, file: file, line: line)
            XCTAssertEqual(
                got.values.map(\.bitPattern), expected.values.map(\.bitPattern),
                "values, \(threads) threads, counts \(counts.prefix(4)), d \(features), skip \(skip)",
                file: file, line: line)
        }
    }

    func testMatchesThePlainDefinition() throws {
        // Odd total (odd n × odd d), many transform and gather chunks, stream offsets 0–3 mod 4.
        try check(counts: [14_287, 14_286, 14_286, 14_286, 14_286, 14_286, 14_286], features: 3,
                  stds: [0.5, 1, 1.5, 2, 0, 3, 0.25], shuffle: true, seed: 7, skip: 0)
        for skip in 1...3 {
            try check(counts: [30_001, 20_000], features: 2, stds: [1, 2], shuffle: true, seed: 11, skip: skip)
        }
        // Empty centres, one feature, centres far more numerous than the label table's blocks need.
        try check(counts: [5, 0, 70_000, 3, 0], features: 1, stds: [1, 1, 2, 3, 4], shuffle: true, seed: 3, skip: 2)
        try check(counts: Array(repeating: 3, count: 400), features: 2, stds: Array(repeating: 1, count: 400),
                  shuffle: true, seed: 5, skip: 0)
        // Without shuffle, and the one-row case.
        try check(counts: [333, 0, 334], features: 5, stds: [1, 1, 1], shuffle: false, seed: 9, skip: 1)
        try check(counts: [1], features: 3, stds: [2], shuffle: true, seed: 1, skip: 0)
    }

    func testBulkDrawsContinueTheStream() {
        for skip in 0..<6 {
            var bulk = RandomState(seed: 42 as UInt32), plain = RandomState(seed: 42 as UInt32)
            for _ in 0..<skip { _ = bulk.nextUInt32(); _ = plain.nextUInt32() }
            var points = [Double](repeating: 0, count: 2 * 5_000)
            points.withUnsafeMutableBufferPointer { bulk.drawPolarPoints(pairs: 5_000, into: $0.baseAddress!) }
            for p in 0..<5_000 {
                let a = plain.standardNormal(), b = plain.standardNormal()
                let x2 = points[2 * p], x1 = points[2 * p + 1]
                let r2 = x1 * x1 + x2 * x2
                let f = (-2.0 * log(r2) / r2).squareRoot()
                XCTAssertEqual((f * x2).bitPattern, a.bitPattern)
                XCTAssertEqual((f * x1).bitPattern, b.bitPattern)
            }
            var a = (0..<9_999).map { UInt32($0) }, b = Array(0..<9_999)
            a.withUnsafeMutableBufferPointer { bulk.shuffleIndices($0.baseAddress!, count: $0.count) }
            plain.shuffle(&b)
            XCTAssertEqual(a.map(Int.init), b, "shuffle after skipping \(skip) words")
            XCTAssertEqual(bulk.nextUInt32(), plain.nextUInt32(), "the streams continue together")
        }
    }

    func testThreadsArgument() throws {
        let one = try makeBlobs(samples: 50_001, centers: 5, features: 3, seed: 4, threads: 1)
        let many = try makeBlobs(samples: 50_001, centers: 5, features: 3, seed: 4, threads: 4)
        XCTAssertEqual(one.points.values.map(\.bitPattern), many.points.values.map(\.bitPattern))
        XCTAssertEqual(one.labels, many.labels)
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, seed: 0, threads: 0))
    }
}
