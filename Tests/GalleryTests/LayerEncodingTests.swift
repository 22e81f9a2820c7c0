import Clustering
import FigureConfig
import Foundation
import Plotting
import XCTest
@testable import Gallery

/// Per-point encodings of layers beyond colour: opacity from a number field or a column.
final class LayerEncodingTests: XCTestCase {
    func figure(_ yaml: String) throws -> (Figure, FigureData) {
        let spec = try FigureLoader.parse(yaml: yaml, file: "a.yaml")
        let data = try FigureData.compute(spec)
        return (try FigureBuilder.figure(for: spec, data: data), data)
    }

    func testAlphaByMembershipProbability() throws {
        let (fig, data) = try figure("""
        data:
          blobs: {samples: 120, centers: 3, std: 2.0, seed: 3}
        clustering:
          gmm: {k: 3, seed: 0}
        panels:
          - layers:
              - {mark: scatter, color: {by: gmm.cluster}, alpha: {by: gmm.probability}}
        """)
        let scatter = try XCTUnwrap(fig.axes[0].elements.compactMap { $0 as? ScatterSeries }.first)
        let model = try XCTUnwrap(data.results["gmm"] as? GaussianMixtureModel)
        let expected = (0..<data.points.rows).map { r in model.probabilities.row(r).max()! }
        XCTAssertEqual(scatter.alphas, expected)
        XCTAssertTrue(expected.contains { $0 < 0.99 }, "some points must be uncertain for the test to mean something")
    }

    func testAlphaRangeMapsAColumnLinearly() throws {
        let (fig, data) = try figure("""
        data:
          blobs: {samples: 50, centers: 2, seed: 1}
        panels:
          - layers:
              - {mark: scatter, alpha: {column: 0, range: [0.2, 0.8]}}
        """)
        let scatter = try XCTUnwrap(fig.axes[0].elements.compactMap { $0 as? ScatterSeries }.first)
        let x = data.points.column(0)
        let lo = x.min()!, hi = x.max()!
        let alphas = try XCTUnwrap(scatter.alphas)
        for (a, v) in zip(alphas, x) { XCTAssertEqual(a, 0.2 + (v - lo) / (hi - lo) * 0.6, accuracy: 1e-12) }
        XCTAssertEqual(alphas.min()!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(alphas.max()!, 0.8, accuracy: 1e-12)
        // The PNG differs from the same points drawn opaque.
        let opaque = try FigureLoader.parse(yaml: "data:\n  blobs: {samples: 50, centers: 2, seed: 1}\n", file: "b.yaml")
        let plain = try FigureBuilder.figure(for: opaque, data: try FigureData.compute(opaque)).render(format: .png)
        XCTAssertNotEqual(try fig.render(format: .png), plain)
    }

    func testAlphaMistakesAreLocated() {
        func errors(_ layer: String) -> [String] {
            let yaml = "data:\n  blobs: {samples: 50, centers: 2, seed: 1}\nclustering:\n  kmeans: {k: 2}\npanels:\n  - layers:\n      - \(layer)\n"
            do { _ = try FigureLoader.parse(yaml: yaml, file: "a.yaml"); return [] }
            catch let e as ConfigErrors { return e.errors.map(\.description) } catch { return ["\(error)"] }
        }
        XCTAssertEqual(errors("{mark: scatter, alpha: {by: gmm.probability}}").count, 1)
        XCTAssertEqual(errors("{mark: scatter, alpha: {by: kmeans.cluster}}"), ["a.yaml:7:37: 'kmeans.cluster' is a category field; this needs a number field ('kmeans.distance', 'gmm.probability', 'silhouette.value') (panels[0].layers[0].alpha.by)"],
                      "\(errors("{mark: scatter, alpha: {by: kmeans.cluster}}"))")
        XCTAssertEqual(errors("{mark: scatter, alpha: {}}"), ["a.yaml:7:32: alpha by a number needs 'by' (a number field) or 'column' (panels[0].layers[0].alpha)"])
        XCTAssertTrue(errors("{mark: scatter, alpha: {by: kmeans.distance, range: [0, 2]}}").first?.contains("opacities are between 0 and 1") == true)
        XCTAssertTrue(errors("{mark: scatter, alpha: 1.5}").first?.contains("(panels[0].layers[0].alpha)") == true)
        XCTAssertEqual(errors("{mark: scatter, alpha: {by: kmeans.distance, range: [0.1, 1]}}"), [])
    }

    func testColorsCycleUsesTheStyleCycleByCategory() throws {
        let (fig, data) = try figure("""
        data:
          blobs: {samples: 60, centers: 3, seed: 4}
        clustering:
          kmeans: {k: 3}
        panels:
          - layers: [{mark: scatter, color: {by: kmeans, colors: cycle}}]
        """)
        let scatter = try XCTUnwrap(fig.axes[0].elements.compactMap { $0 as? ScatterSeries }.first)
        let labels = try XCTUnwrap(data.results["kmeans"] as? KMeansResult).labels
        guard case let .perPoint(colours) = scatter.color else { return XCTFail("expected one colour per point") }
        let cycle = fig.axes[0].effectiveStyle.colorCycle
        XCTAssertEqual(colours, labels.map { cycle[$0] })
        XCTAssertEqual(Set(labels).count, 3)
    }
}
