import XCTest
@testable import Clustering

/// Dendrogram geometry against scipy 1.17.1's `dendrogram(Z, no_plot=True, ...)` and the cut
/// helpers against scikit-learn's labels (`Fixtures/reference/wave2/dendrogram.json`, made by
/// scripts/make_dendrogram_reference.py).
final class DendrogramTests: XCTestCase {
    private func points(_ c: JSONValue) throws -> DataMatrix {
        let data = try XCTUnwrap(c["data"]?.object)
        if let rows = data["points"]?.rows { return try DataMatrix(rows) }
        return try WaveData.build(data, owner: "dendrogram data").points
    }

    private func colour(_ v: JSONValue) throws -> Dendrogram.LinkColor? {
        if v.isNull { return nil }
        let i = try XCTUnwrap(v.int)
        return i < 0 ? .aboveThreshold : .cluster(i)
    }

    private func options(_ o: [String: JSONValue]) throws -> (Dendrogram.Truncation, Dendrogram.ColorThreshold, Dendrogram.ChildOrder, Bool) {
        let p = o["p"]?.int ?? 30
        let truncation: Dendrogram.Truncation
        switch o["truncate_mode"]?.string {
        case "lastp": truncation = .lastMerges(p)
        case "level": truncation = .levels(p)
        default: truncation = .none
        }
        let threshold: Dendrogram.ColorThreshold = try o["color_threshold"].map { .height(try XCTUnwrap($0.double)) } ?? .automatic
        var order = Dendrogram.ChildOrder.tree
        if let cs = o["count_sort"] {
            order = cs.string == "descending" ? .countDescending : .countAscending
        } else if let ds = o["distance_sort"] {
            order = ds.string == "descending" ? .distanceDescending : .distanceAscending
        }
        return (truncation, threshold, order, o["show_leaf_counts"]?.bool ?? true)
    }

    func testEveryReferenceDendrogramIsBitExact() throws {
        let doc = try WaveCases.loadJSON("wave2/dendrogram.json")
        XCTAssertEqual(doc["palette"]?.array?.compactMap(\.string), Dendrogram.defaultPalette)
        let cases = try XCTUnwrap(doc["cases"]?.array)
        XCTAssertEqual(cases.count, 9)
        var checked = 0
        for c in cases {
            let id = try XCTUnwrap(c["id"]?.string)
            let linkage = try XCTUnwrap(Linkage(rawValue: try XCTUnwrap(c["linkage"]?.string)))
            // The tree comes from our own clustering of the points, end to end.
            let fit = try AgglomerativeClustering(distanceThreshold: 0, linkage: linkage).fit(try points(c))
            let tree = fit.tree
            XCTAssertEqual(tree.children.map { [$0.first, $0.second] }, try XCTUnwrap(c["children"]?.array?.map { try XCTUnwrap($0.ints) }), id)
            assertBits(tree.distances, try XCTUnwrap(c["distances"]?.doubles), "\(id) distances")
            XCTAssertEqual(tree.counts, try XCTUnwrap(c["counts"]?.ints), id)
            for d in try XCTUnwrap(c["dendrograms"]?.array) {
                let opts = try XCTUnwrap(d["options"]?.object)
                let what = "\(id) \(opts)"
                let (truncation, threshold, order, counts) = try options(opts)
                let dn = try Dendrogram(tree, truncation: truncation, colorThreshold: threshold, childOrder: order, showLeafCounts: counts)
                XCTAssertEqual(dn.leaves, try XCTUnwrap(d["leaves"]?.ints), "\(what): leaves")
                XCTAssertEqual(dn.leafLabels, try XCTUnwrap(d["ivl"]?.array?.map { try XCTUnwrap($0.string) }), "\(what): ivl")
                let icoord = try XCTUnwrap(d["icoord"]?.array?.map { try XCTUnwrap($0.doubles) })
                let dcoord = try XCTUnwrap(d["dcoord"]?.array?.map { try XCTUnwrap($0.doubles) })
                XCTAssertEqual(dn.links.count, icoord.count, "\(what): links")
                assertBits(dn.links.flatMap(\.icoord), icoord.flatMap { $0 }, "\(what): icoord")
                assertBits(dn.links.flatMap(\.dcoord), dcoord.flatMap { $0 }, "\(what): dcoord")
                XCTAssertEqual(dn.links.map(\.color), try XCTUnwrap(d["color_list"]?.array).map { try colour($0) }, "\(what): color_list")
                XCTAssertEqual(dn.leafColors, try XCTUnwrap(d["leaves_color_list"]?.array).map { try colour($0) }, "\(what): leaves_color_list")
                for link in dn.links {
                    XCTAssertEqual(link.dcoord[1].bitPattern, tree.distances[link.node - tree.leafCount].bitPattern)
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 43)
    }

    func testCutHelpersMatchScikitLearnLabels() throws {
        let doc = try WaveCases.loadJSON("wave2/dendrogram.json")
        for c in try XCTUnwrap(doc["cases"]?.array) {
            let id = try XCTUnwrap(c["id"]?.string)
            let linkage = try XCTUnwrap(Linkage(rawValue: try XCTUnwrap(c["linkage"]?.string)))
            let tree = try AgglomerativeClustering(k: 1, linkage: linkage).fit(try points(c)).tree
            for cut in try XCTUnwrap(c["cuts"]?.array) {
                let expected = try XCTUnwrap(cut["labels"]?.ints)
                if let k = cut["k"]?.int {
                    assertSameInts(try tree.labels(clusters: k), expected, "\(id) k=\(k)")
                } else {
                    let h = try XCTUnwrap(cut["height"]?.double)
                    XCTAssertEqual(tree.clusterCount(threshold: h), try XCTUnwrap(cut["n_clusters"]?.int), "\(id) h=\(h)")
                    assertSameInts(try tree.labels(height: h), expected, "\(id) h=\(h)")
                }
            }
        }
    }

    func testCutLines() throws {
        // Heights 1, 2, 2, 4: no line gives exactly 3 clusters (the two merges at 2 tie).
        let x = try DataMatrix([[0], [1], [3], [5], [9]])
        let tree = try AgglomerativeClustering(k: 1, linkage: .single).fit(x).tree
        XCTAssertEqual(tree.distances, [1, 2, 2, 4])
        let expected: [Int: (Double, Double, Double?, Bool)] = [
            1: (4, 4, nil, false), 2: (3, 2, 4, true), 3: (2, 2, 2, false), 4: (1.5, 1, 2, true), 5: (0.5, 0, 1, true),
        ]
        for (k, (h, lower, upper, exact)) in expected {
            let line = try tree.cutLine(clusters: k)
            XCTAssertEqual(line, CutLine(height: h, lower: lower, upper: upper), "k = \(k)")
            XCTAssertEqual(line.separatesExactly, exact, "k = \(k)")
            if exact { XCTAssertEqual(try tree.labels(height: line.height), try tree.labels(clusters: k), "k = \(k)") }
        }
        XCTAssertThrowsError(try tree.cutLine(clusters: 0))
        XCTAssertThrowsError(try tree.cutLine(clusters: 6))
        XCTAssertThrowsError(try tree.labels(clusters: 6))
        XCTAssertThrowsError(try tree.labels(height: -1))
        XCTAssertThrowsError(try tree.labels(height: .nan))
    }

    func testLabelsAndErrors() throws {
        let x = try DataMatrix([[0], [1], [3], [7]])
        let tree = try AgglomerativeClustering(k: 1, linkage: .average).fit(x).tree
        let names = ["a", "b", "c", "d"]
        let dn = try Dendrogram(tree, labels: names)
        XCTAssertEqual(dn.leafLabels, dn.leaves.map { names[$0] })
        XCTAssertEqual(dn.maxHeight, tree.distances.max())
        XCTAssertEqual(dn.colorThreshold, tree.distances.max()! * 0.7)
        XCTAssertEqual(Dendrogram.leafPosition(2), 25)
        XCTAssertThrowsError(try Dendrogram(tree, labels: ["a"]))
        XCTAssertThrowsError(try Dendrogram(tree, paletteSize: 0))
        XCTAssertThrowsError(try Dendrogram(tree, colorThreshold: .height(.nan)))
        // A two-colour palette: indices wrap at 2.
        let wide = try AgglomerativeClustering(k: 1, linkage: .single).fit(try DataMatrix([[0], [1], [10], [11], [20], [21]])).tree
        let wrapped = try Dendrogram(wide, colorThreshold: .height(5), paletteSize: 2)
        XCTAssertEqual(Set(wrapped.links.map(\.color)), [.aboveThreshold, .cluster(0), .cluster(1)])
    }

    func testDeepTreesDoNotRecurse() throws {
        // A 19,999-deep chain (what single linkage gives points on a line with growing gaps):
        // merge 0 joins samples 0 and 1, merge i joins merge i − 1 and sample i + 1.
        let n = 20_000
        let children = (0..<(n - 1)).map { i in i == 0 ? MergePair(0, 1) : MergePair(n + i - 1, i + 1) }
        let tree = try LinkageTree(leafCount: n, children: children, distances: (0..<(n - 1)).map(Double.init))
        let dn = try Dendrogram(tree)
        XCTAssertEqual(dn.leaves.count, n)
        XCTAssertEqual(dn.links.count, n - 1)
        XCTAssertEqual(dn.links.last?.node, tree.root)
        XCTAssertEqual(dn.leaves.prefix(3), [0, 1, 2])
        XCTAssertEqual(try tree.labels(clusters: n).count, n)
    }
}
