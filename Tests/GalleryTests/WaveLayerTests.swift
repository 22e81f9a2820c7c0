import Clustering
import FigureConfig
import Foundation
import Plotting
import XCTest
@testable import Gallery

/// The wave-2 layer kinds built from configs: silhouette bands, dendrograms and mixture ellipses
/// hold the analyses' own numbers in scikit-learn's and scipy's arrangement.
final class WaveLayerTests: XCTestCase {
    func build(_ yaml: String) throws -> (Figure, FigureData, FigureSpec) {
        let spec = try FigureLoader.parse(yaml: yaml, file: "w.yaml")
        let data = try FigureData.compute(spec)
        return (try FigureBuilder.figure(for: spec, data: data), data, spec)
    }

    func elements<T>(_ ax: Axes, _ type: T.Type) -> [T] { ax.elements.compactMap { $0 as? T } }

    func testSilhouetteBandsFollowScikitLearnsExample() throws {
        let (fig, data, _) = try build("""
        data:
          blobs: {samples: 200, centers: 3, seed: 1}
        clustering:
          kmeans: {k: 3, seed: 10}
          silhouette: {of: kmeans}
        panels:
          - layers: [{mark: silhouette}]
        """)
        let ax = fig.axes[0]
        let result = try XCTUnwrap(data.results["silhouette"] as? SilhouetteResult)
        let labels = try XCTUnwrap(data.results["kmeans"] as? KMeansResult).labels
        let samples = result.main.silhouette.samples
        let bands = elements(ax, FillBetween.self)
        XCTAssertEqual(bands.count, 3)
        var yLower = 10.0
        var mids: [Double] = []
        let map = Colormap.named("nipy_spectral")!
        for (c, band) in bands.enumerated() {
            let values = zip(labels, samples).filter { $0.0 == c }.map(\.1).sorted()
            XCTAssertEqual(band.f1, values, "cluster \(c) holds its sorted silhouettes")
            XCTAssertEqual(band.t, values.indices.map { yLower + Double($0) })
            XCTAssertEqual(band.alpha, 0.7)
            // nipy_spectral(i / k), as the example colours cluster i.
            let expected = map.colors[min(Int(Double(c) / 3 * Double(map.colors.count)), map.colors.count - 1)]
            XCTAssertEqual(band.color, .uniform(expected))
            mids.append(yLower + 0.5 * Double(values.count))
            yLower += Double(values.count + 10)
        }
        let mean = try XCTUnwrap(elements(ax, ReferenceLine.self).first)
        XCTAssertEqual(mean.value, result.main.silhouette.score)
        XCTAssertEqual(mean.lineStyle, .dashed)
        XCTAssertEqual(mean.label, "Average silhouette: \(String(format: "%.3f", result.main.silhouette.score))")
        XCTAssertEqual(ax.xLimits, -0.1...1)
        XCTAssertEqual(ax.yLimits, 0...Double(200 + 4 * 10))
        XCTAssertEqual(ax.yAxis.locator?.tickLocations(in: TickContext(view: 0...240, scale: .linear, axisLength: 300, tickLabelSize: 10, isXAxis: false)), mids)
    }

    func testSilhouetteOfDBSCANShowsNoiseOnTop() throws {
        let (fig, data, _) = try build("""
        data:
          moons: {samples: 200, noise: 0.1, seed: 0}
        clustering:
          dbscan: {eps: 0.15, min_samples: 5}
          silhouette: {of: dbscan}
        panels:
          - layers: [{mark: silhouette, label: ""}]
        """)
        let labels = try XCTUnwrap(data.results["dbscan"]?.values(of: "cluster", in: FieldContext(dataset: data.dataset, iteration: nil))?.categories)
        XCTAssertTrue(labels.contains(-1), "the case needs noise")
        let bands = elements(fig.axes[0], FillBetween.self)
        XCTAssertEqual(bands.count, Set(labels).count)
        XCTAssertEqual(bands.last?.color, .uniform(Color(red: 0, green: 0, blue: 0)))
        XCTAssertEqual(bands.last?.f1.count, labels.filter { $0 < 0 }.count)
        XCTAssertNil(elements(fig.axes[0], ReferenceLine.self).first?.label, "label: \"\" leaves the mean out of the legend")
    }

    func testDendrogramIsScipysWithItsCut() throws {
        let (fig, data, _) = try build("""
        data:
          blobs: {samples: 60, centers: 3, seed: 2}
        clustering:
          agglomerative: {k: 3}
        panels:
          - layers: [{mark: dendrogram, truncate_mode: lastp, p: 12, cut: true}]
          - position: [0, 1]
            layers: [{mark: dendrogram, orientation: left, cut: {height: 5}, color_threshold: 0, leaf_font_size: 7.5}]
          - position: [0, 2]
            layers: [{mark: dendrogram, truncate_mode: lastp, p: 12, leaf_font_size: 18, leaf_rotation: 90}]
        """)
        // Leaf labels: scipy's size and turn by leaf count unless leaf_font_size / leaf_rotation say
        // otherwise (the slides draw them at 18 pt, upright, so they do not overlap).
        XCTAssertEqual([fig.axes[0].xAxis.labelSize, fig.axes[0].xAxis.labelRotation], [12, 0])
        XCTAssertEqual([fig.axes[1].yAxis.labelSize, fig.axes[1].yAxis.labelRotation], [7.5, 0])
        XCTAssertEqual([fig.axes[2].xAxis.labelSize, fig.axes[2].xAxis.labelRotation], [18, 90])
        let tree = try XCTUnwrap(data.results["agglomerative"] as? AgglomerativeResult).tree
        let d = try Dendrogram(tree, truncation: .lastMerges(12))
        let links = elements(fig.axes[0], LineCollection.self)
        XCTAssertEqual(links.map(\.segments.count).reduce(0, +), d.links.count)
        XCTAssertEqual(d.leafLabels.count, 12)
        XCTAssertEqual(fig.axes[0].xLimits, 0...120)
        XCTAssertEqual(fig.axes[0].yLimits, 0...(d.maxHeight + d.maxHeight * 0.05))
        let cut = try XCTUnwrap(elements(fig.axes[0], ReferenceLine.self).first)
        XCTAssertEqual(cut.orientation, .horizontal)
        XCTAssertEqual(cut.value, try tree.cutLine(clusters: 3).height)
        XCTAssertEqual(try tree.labels(height: cut.value).count, 60)
        XCTAssertEqual(tree.clusterCount(threshold: cut.value), 3)
        // Sideways: the cut is vertical; with threshold 0 every link is C0.
        let side = try XCTUnwrap(elements(fig.axes[1], ReferenceLine.self).first)
        XCTAssertEqual(side.orientation, .vertical)
        XCTAssertEqual(side.value, 5)
        XCTAssertEqual(elements(fig.axes[1], LineCollection.self).count, 1)
        XCTAssertEqual(fig.axes[1].xAxis.isInverted, true)
    }

    func testDendrogramCutBeyondThePointsWarns() throws {
        let spec = try FigureLoader.parse(yaml: """
        data:
          blobs: {samples: 10, centers: 2, seed: 2}
        clustering:
          agglomerative: {k: 2}
        panels:
          - layers: [{mark: dendrogram, cut: {k: 50}}]
        """, file: "w.yaml")
        XCTAssertEqual(try FigureData.compute(spec).warnings.map(\.warningDescription),
                       ["w.yaml:6:42: warning: cut: k = 50 is more than the 10 data points, so no cut line is drawn (panels[0].layers[0].cut.k)"])
    }

    func testEllipseAxesAreTheCovariancesEigenvectors() {
        // Random symmetric positive definite 2×2 matrices: the axes reproduce the matrix.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = Double.random(in: 0.01...5, using: &rng), d = Double.random(in: 0.01...5, using: &rng)
            let b = Double.random(in: -1...1, using: &rng) * (a * d).squareRoot() * 0.99
            let e = EllipsesLayer.axes(a, b, d)
            let t = e.angle * .pi / 180, c = cos(t), s = sin(t)
            // R diag(λ1, λ2) Rᵀ
            let ra = e.large * c * c + e.small * s * s, rb = (e.large - e.small) * c * s, rd = e.large * s * s + e.small * c * c
            XCTAssertEqual(ra, a, accuracy: 1e-9 * max(1, a)); XCTAssertEqual(rb, b, accuracy: 1e-9 * max(1, abs(b)))
            XCTAssertEqual(rd, d, accuracy: 1e-9 * max(1, d))
            XCTAssertGreaterThanOrEqual(e.large, e.small)
        }
        XCTAssertEqual(EllipsesLayer.axes(1, 0, 4).angle, 90)
        XCTAssertEqual(EllipsesLayer.axes(4, 0, 1).angle, 0)
    }

    func testEllipsesPerComponentAndLevel() throws {
        let (fig, data, _) = try build("""
        data:
          blobs: {samples: 150, centers: 3, seed: 7}
        clustering:
          gmm: {k: 3, covariance: tied, seed: 0}
        panels:
          - layers: [{mark: ellipses, sigma: [1, 2]}]
          - position: [0, 1]
            layers: [{mark: ellipses, probability: 0.95, fill: false, color: black}]
          - position: [0, 2]
            layers: [{mark: ellipses}]
        """)
        let model = try XCTUnwrap(data.results["gmm"] as? GaussianMixtureModel)
        let rings = elements(fig.axes[0], EllipsePatch.self)
        XCTAssertEqual(rings.count, 6)
        let cov = model.covariance(ofComponent: 0)
        let e = EllipsesLayer.axes(cov[0, 0], cov[0, 1], cov[1, 1])
        XCTAssertEqual(rings[0].width, 2 * e.large.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(rings[1].width, 4 * e.large.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(rings[0].center.x, model.means[0, 0])
        XCTAssertFalse(rings[0].autoscale, "the points set the view, as add_artist")
        // Tied: every component has the same shape.
        XCTAssertEqual(rings[2].width, rings[0].width, accuracy: 1e-12)
        let p95 = elements(fig.axes[1], EllipsePatch.self)
        XCTAssertEqual(p95.count, 3)
        XCTAssertEqual(p95[0].width, 2 * (-2 * log(0.05)).squareRoot() * e.large.squareRoot(), accuracy: 1e-12)
        XCTAssertFalse(p95[0].fill)
        // Default: scikit-learn's 2√2·√λ, alpha 0.5.
        let sk = elements(fig.axes[2], EllipsePatch.self)
        XCTAssertEqual(sk[0].width, 2 * 2.0.squareRoot() * e.large.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(sk[0].alpha, 0.5)
    }

    func testLayerMistakesAreLocated() {
        func errors(_ layer: String, _ clustering: String = "agglomerative: {k: 2}") -> [String] {
            let yaml = "data:\n  blobs: {samples: 50, centers: 2, seed: 1}\nclustering:\n  \(clustering)\npanels:\n  - layers:\n      - \(layer)\n"
            do { _ = try FigureLoader.parse(yaml: yaml, file: "a.yaml"); return [] }
            catch let e as ConfigErrors { return e.errors.map(\.description) } catch { return ["\(error)"] }
        }
        XCTAssertEqual(errors("{mark: dendrogram, p: 3}"), ["a.yaml:7:31: 'p' needs truncate_mode: lastp or level (panels[0].layers[0].p)"])
        XCTAssertEqual(errors("{mark: dendrogram, truncate_mode: level}").first?.contains("needs 'p'"), true)
        XCTAssertEqual(errors("{mark: dendrogram, cut: {k: 2, height: 3}}").first?.contains("not both"), true)
        XCTAssertEqual(errors("{mark: dendrogram, orientation: up}").first?.contains("expected one of 'top', 'bottom', 'left', 'right'"), true)
        XCTAssertEqual(errors("{mark: ellipses}").first?.contains("needs clustering.gmm"), true, "\(errors("{mark: ellipses}"))")
        XCTAssertEqual(errors("{mark: ellipses, sigma: 1, probability: 0.9}", "gmm: {k: 2}").first?.contains("not both"), true)
        XCTAssertEqual(errors("{mark: ellipses, probability: 1}", "gmm: {k: 2}").count, 1)
        XCTAssertEqual(errors("{mark: silhouette}").first?.contains("silhouette"), true)
        XCTAssertEqual(errors("{mark: silhouette, gap: -1}", "kmeans: {k: 2}\n  silhouette: {of: kmeans}").count, 1)
    }

    func testSilhouetteFacetPanelsShowTheirOwnK() throws {
        let (fig, data, _) = try build("""
        data:
          blobs: {samples: 120, centers: 3, seed: 1}
        clustering:
          kmeans: {k: 3, seed: 10}
          silhouette: {of: kmeans, k: [2, 4]}
        panels:
          - facet: k
            title: "k = {silhouette.k}: {silhouette.score}"
            layers: [{mark: silhouette}]
        """)
        let result = try XCTUnwrap(data.results["silhouette"] as? SilhouetteResult)
        XCTAssertEqual(fig.axes.map(\.title), result.sweep.map { "k = \($0.k): \(String(format: "%.3f", $0.silhouette.score))" })
        XCTAssertEqual(fig.axes.map { elements($0, FillBetween.self).count }, [2, 4])
    }

    func testNumberedCentresAndFullHeightKneeLine() throws {
        let (fig, data, _) = try build("""
        data:
          blobs: {samples: 90, centers: 3, seed: 1}
        clustering:
          kmeans: {k: 3}
          elbow: {k_min: 1, k_max: 6}
        panels:
          - layers: [{mark: centers, color: white, marker: o, size: 200, edgecolor: black, numbered: true}]
          - position: [0, 1]
            layers: [{mark: line, from: elbow, mark_knee: true}]
        """)
        let fit = try XCTUnwrap(data.results["kmeans"] as? KMeansResult)
        let texts = elements(fig.axes[0], TextElement.self)
        XCTAssertEqual(texts.map(\.text), ["0", "1", "2"])
        XCTAssertEqual(texts.map(\.x), (0..<3).map { fit.centers[$0, 0] })
        XCTAssertEqual(texts.map(\.y), (0..<3).map { fit.centers[$0, 1] })
        let knee = try XCTUnwrap(elements(fig.axes[1], ReferenceLine.self).first)
        XCTAssertEqual(knee.orientation, .vertical)
        XCTAssertEqual(knee.value, Double(try XCTUnwrap((data.results["elbow"] as? ElbowResult)?.knee)))
        XCTAssertEqual(knee.label, "elbow at k = \(Int(knee.value))")
    }
}
