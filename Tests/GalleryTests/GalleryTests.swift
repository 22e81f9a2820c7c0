import Clustering
import FigureConfig
import Foundation
import Plotting
import XCTest
@testable import Gallery

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
func fixture(_ path: String) -> String { packageRoot.appendingPathComponent(path).path }

func dataJSON(_ config: String, overrides: [String] = []) throws -> J {
    try J.parse(Gallery.dataJSON(path: fixture(config), overrides: overrides.map { try Override(parsing: $0) }))
}

func reference(_ name: String) throws -> J {
    try J.parse(String(contentsOfFile: fixture("Fixtures/reference/\(name).json"), encoding: .utf8))
}

/// PNG width and height from the IHDR chunk.
func pngSize(_ bytes: [UInt8]) -> (Int, Int)? {
    guard bytes.count > 24, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
    func be(_ o: Int) -> Int { bytes[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
}

final class GalleryDataTests: XCTestCase {
    /// `clusterplot data` numbers equal the oracle's, bit for bit.
    func testBlobsAndKMeansFiguresMatchReference() throws {
        for name in ["segmentation", "documents"] {
            let d = try dataJSON("Fixtures/configs/\(name).yaml"), r = try reference(name)
            XCTAssertEqual(d["points"]?.bits, r["make_blobs"]?["X"]?.bits, name)
            XCTAssertEqual(d["blob_labels"], r["make_blobs"]?["y"], name)
            let k = try XCTUnwrap(d["kmeans"]), rk = try XCTUnwrap(r["kmeans"])
            XCTAssertEqual(k["labels"], rk["labels"], name)
            XCTAssertEqual(k["centers"]?.bits, rk["cluster_centers"]?.bits, name)
            XCTAssertEqual(k["inertia"]?.bits, rk["inertia"]?.bits, name)
            XCTAssertEqual(k["iterations"], rk["n_iter"], name)
            XCTAssertEqual(k["init_indices"], rk["init_indices"], name)
            XCTAssertEqual(k["init_centers"]?.bits, rk["init_centers"]?.bits, name)
        }
    }

    func testAnomalyMatchesReference() throws {
        let d = try dataJSON("Fixtures/configs/anomaly.yaml"), r = try reference("anomaly")
        XCTAssertEqual(d["points"]?.bits, r["X_combined"]?.bits)
        XCTAssertEqual(d["kmeans"]?["centers"]?.bits, r["kmeans"]?["cluster_centers"]?.bits)
        let t = try XCTUnwrap(d["distance_threshold"])
        XCTAssertEqual(t["threshold"]?.bits, r["threshold"]?.bits)
        XCTAssertEqual(t["distances"]?.bits, r["distances"]?.bits)
        XCTAssertEqual(t["outliers"], r["outliers"])
        XCTAssertEqual(t["n_outliers"], r["n_outliers"])
        let labels = try XCTUnwrap(d["blob_labels"]?.array)
        XCTAssertEqual(Array(labels.prefix(290)), r["make_blobs"]?["y"]?.array)
        XCTAssertEqual(Array(labels.suffix(10)), Array(repeating: J.number("-1"), count: 10))
    }

    func testIterationGridMatchesReference() throws {
        let d = try dataJSON("Fixtures/configs/iterations.yaml"), r = try reference("iterations")
        XCTAssertEqual(d["points"]?.bits, r["make_blobs"]?["X"]?.bits)
        let t = try XCTUnwrap(d["lloyd_trace"])
        XCTAssertEqual(t["initial_centers"]?.bits, r["initial_centers"]?.bits)
        let its = try XCTUnwrap(t["iterations"]?.array), rits = try XCTUnwrap(r["iterations"]?.array)
        XCTAssertEqual(its.count, 12)
        for (a, b) in zip(its, rits) {
            XCTAssertEqual(a["iteration"], b["iteration"])
            XCTAssertEqual(a["centers"]?.bits, b["centers"]?.bits)
            XCTAssertEqual(a["distances"]?.bits, b["distances"]?.bits)
            XCTAssertEqual(a["closest"], b["closest"])
            XCTAssertEqual(a["counts"], b["counts"])
        }
        XCTAssertEqual(t["centers_after_last_update"]?.bits, r["centers_after_last_update"]?.bits)
        XCTAssertNil(t["table"])
        let withTable = try dataJSON("Fixtures/configs/iterations.yaml", overrides: ["clustering.lloyd_trace.show_table=true"])
        XCTAssertEqual(withTable["lloyd_trace"]?["table"]?["rows"]?.array?.count, 150)
        XCTAssertEqual(withTable["lloyd_trace"]?["table"]?["columns"]?.array?.count, 6)
    }

    func testElbowMatchesReference() throws {
        let d = try dataJSON("Fixtures/configs/elbow.yaml"), r = try reference("elbow")
        XCTAssertEqual(d["points"]?.bits, r["make_blobs"]?["X"]?.bits)
        let e = try XCTUnwrap(d["elbow"])
        XCTAssertEqual(e["k"], r["Ks"])
        XCTAssertEqual(e["inertias"]?.bits, r["inertias"]?.bits)
        for (a, b) in zip(try XCTUnwrap(e["fits"]?.array), try XCTUnwrap(r["kmeans"]?.array)) {
            XCTAssertEqual(a["labels"], b["labels"])
            XCTAssertEqual(a["centers"]?.bits, b["cluster_centers"]?.bits)
        }
        XCTAssertEqual(e["knee"], .number("3"))
    }

    func testMinimalConfigData() throws {
        let d = try dataJSON("Fixtures/minimal.yaml")
        XCTAssertEqual(d["points"]?.array?.count, 1000)
        XCTAssertEqual(d["points"]?.array?.first?.array?.count, 3)
        XCTAssertEqual(d["blob_labels"]?.array?.count, 1000)
        let k = try XCTUnwrap(d["kmeans"])
        XCTAssertEqual(k["labels"]?.array?.count, 1000)
        XCTAssertEqual(k["centers"]?.array?.count, 5)
        XCTAssertNotNil(k["inertia"]?.double)
        XCTAssertNotNil(k["iterations"]?.int)
        XCTAssertEqual(k["init_indices"]?.array?.count, 5)
        // Same numbers as calling Clustering directly.
        let blobs = try makeBlobs(samples: 1000, centers: 5, features: 3, std: 0.5, seed: 7)
        let fit = try KMeans(k: 5, seed: 7).fit(blobs.points)
        XCTAssertEqual(k["inertia"]?.double?.bitPattern, fit.inertia.bitPattern)
        XCTAssertEqual(k["labels"], .array(fit.labels.map { .number(String($0)) }))
    }

    func testOverridesChangeTheData() throws {
        let d = try dataJSON("Fixtures/minimal.yaml", overrides: ["data.blobs.samples=500", "clustering.kmeans.k=3"])
        XCTAssertEqual(d["points"]?.array?.count, 500)
        XCTAssertEqual(d["kmeans"]?["centers"]?.array?.count, 3)
    }

    func testCSVData() throws {
        let d = try dataJSON("Fixtures/data/customers.yaml")
        XCTAssertEqual(d["columns"], .array(["age", "annual_income", "spending_score"].map(J.string)))
        XCTAssertEqual(d["points"]?.array?.count, 320)
        XCTAssertNil(d["blob_labels"])
        XCTAssertEqual(d["kmeans"]?["centers"]?.array?.count, 5)
        XCTAssertEqual(d["elbow"]?["k"]?.array?.count, 10)
    }

    func testJSONFloatsRoundTrip() throws {
        let values: [Double] = [0.1, 1e-300, .leastNonzeroMagnitude, -0.0, 1.7976931348623157e308, 2.0, 1e16, 123456.789, -2.5e-7]
        let text = JSONValue.array(values.map(JSONValue.double)).serialized()
        let parsed = try XCTUnwrap(J.parse(text).array)
        XCTAssertEqual(parsed.map { $0.double!.bitPattern }, values.map(\.bitPattern))
        XCTAssertEqual(JSONValue.array([.double(.nan), .string("a\"b\n")]).serialized(), #"[null,"a\"b\n"]"#)
    }
}

final class GalleryRenderTests: XCTestCase {
    /// Every fixture config renders to PNG, PDF and SVG of the right size.
    func testEveryFixtureRenders() throws {
        let sizes = ["segmentation": (900, 400), "anomaly": (900, 400), "documents": (900, 400),
                     "iterations": (1200, 1600), "elbow": (640, 480)]
        for (name, size) in sizes {
            let (spec, outputs) = try Gallery.render(path: fixture("Fixtures/configs/\(name).yaml"),
                                                     overrides: [try Override(parsing: "output.formats=[png, pdf, svg]")])
            XCTAssertEqual(spec.name, name)
            XCTAssertEqual(outputs.map(\.format), [.png, .pdf, .svg])
            let png = outputs[0].bytes
            XCTAssertEqual(pngSize(png)?.0, size.0, name)
            XCTAssertEqual(pngSize(png)?.1, size.1, name)
            XCTAssertEqual(Array(outputs[1].bytes.prefix(5)), Array("%PDF-".utf8), name)
            XCTAssertTrue(String(decoding: outputs[2].bytes.prefix(300), as: UTF8.self).contains("<svg"), name)
        }
        for other in ["Fixtures/data/customers.yaml", "Fixtures/minimal.yaml"] {
            let (_, outputs) = try Gallery.render(path: fixture(other))
            XCTAssertFalse(outputs.isEmpty)
            XCTAssertNotNil(pngSize(outputs[0].bytes))
        }
    }

    func testRenderingIsDeterministicAndDpiOverrideScales() throws {
        let path = fixture("Fixtures/configs/elbow.yaml")
        let a = try Gallery.render(path: path).outputs[0].bytes
        let b = try Gallery.render(path: path).outputs[0].bytes
        XCTAssertEqual(a, b)
        let hi = try Gallery.render(path: path, overrides: [Override(path: ["output", "dpi"], value: "200", label: "--dpi 200")]).outputs[0].bytes
        XCTAssertEqual(pngSize(hi)?.0, 1280)
    }

    /// The figure built from a config has the seed's structure: titles, labels, series.
    func testFigureStructure() throws {
        let spec = try FigureLoader.load(path: fixture("Fixtures/configs/iterations.yaml"))
        let fig = try FigureBuilder.figure(for: spec, data: try FigureData.compute(spec))
        XCTAssertEqual(fig.axes.count, 12)
        XCTAssertEqual(fig.axes[0].title, "Iteration 1")
        XCTAssertEqual(fig.axes[11].xLabel, "x1")
        // Three per-cluster scatters plus the centres in every panel.
        XCTAssertEqual(fig.axes[0].series.count, 4)
        let anomaly = try FigureLoader.load(path: fixture("Fixtures/configs/anomaly.yaml"))
        let afig = try FigureBuilder.figure(for: anomaly, data: try FigureData.compute(anomaly))
        XCTAssertEqual(afig.axes[0].series.count, 2)
        XCTAssertNotNil(afig.axes[0].legendLocation)
    }

    /// `legend: {loc: outside right}` in a config puts the legend beside the axes, with room made.
    func testOutsideLegendFromConfig() throws {
        let over = [try Override(parsing: "panels.0.legend.loc=outside right")]
        let spec = try FigureLoader.load(path: fixture("Fixtures/data/customers.yaml"), overrides: over)
        XCTAssertEqual(spec.panels[0].legend.location, .outsideRight)
        let fig = try FigureBuilder.figure(for: spec, data: try FigureData.compute(spec))
        XCTAssertEqual(fig.axes[0].legendLocation, .outsideRight)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let legend = try XCTUnwrap(geo.axes[0].legendRect)
        XCTAssertGreaterThan(legend.minX, geo.axes[0].rect.maxX)
        XCTAssertLessThan(legend.maxX, geo.axes[1].tightBounds.minX)
        XCTAssertEqual(geo.axes[0].legendTexts.count, 6)  // five segments and the centres
        // A location that does not exist is a located config error with a suggestion.
        let bad = [try Override(parsing: "panels.0.legend.loc=outside rigth")]
        XCTAssertThrowsError(try FigureLoader.load(path: fixture("Fixtures/data/customers.yaml"), overrides: bad)) {
            XCTAssertTrue("\($0)".contains("outside right"), "\($0)")
        }
    }

    /// Annotations from a config: `at: knee` resolves to the detected knee, `{knee}` in the text is
    /// replaced, an offset note gets an arrow by default; log scales pass through.
    func testAnnotationsAndScalesFromConfig() throws {
        let yaml = """
        data:
          blobs: {samples: 300, centers: 3, std: 0.6, seed: 42}
        clustering:
          elbow: {k_min: 1, k_max: 9, seed: 42}
        panels:
          - yscale: log
            annotations:
              - {text: "elbow: k = {knee}", at: knee, offset: [40, 60]}
              - {text: "start", at: [1, 4000], color: C3, fontsize: 9, arrow: false}
            layers:
              - {mark: line, from: elbow, marker: o}
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "ann.yaml")
        XCTAssertEqual(spec.panels[0].annotations.count, 2)
        let data = try FigureData.compute(spec)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        let ax = fig.axes[0]
        XCTAssertEqual(ax.yScale, .log)
        let elbow = try XCTUnwrap(data.results["elbow"] as? ElbowResult)
        XCTAssertEqual(elbow.knee, 3)
        XCTAssertEqual(ax.annotations[0].text, "elbow: k = 3")
        XCTAssertEqual(ax.annotations[0].x, 3)
        XCTAssertEqual(ax.annotations[0].y, elbow.sweep.inertias[2])
        XCTAssertTrue(ax.annotations[0].arrow)
        XCTAssertEqual(ax.annotations[1].fontSize, 9)
        XCTAssertFalse(ax.annotations[1].arrow)
        XCTAssertNotNil(ax.annotations[1].color)
        XCTAssertFalse(try fig.render(format: .png).isEmpty)
    }

    /// Continuous colours and colorbars from configs: anomaly distances (the threshold's own
    /// numbers) and a data column, with the colorbar labelled after the value unless told.
    func testContinuousColoursAndColorbarFromConfig() throws {
        let yaml = """
        data:
          concat:
            - blobs: {samples: 290, centers: 1, std: 1.0, seed: 42}
            - uniform: {samples: 10, low: -6, high: 6, seed: 0}
        clustering:
          kmeans: {k: 1, seed: 42}
          distance_threshold: {percentile: 95}
        panels:
          - position: [0, 0]
            colorbar: true
            layers:
              - {mark: scatter, color: {by: distance, cmap: viridis}}
          - position: [0, 1]
            colorbar: {label: first column}
            layers:
              - {mark: scatter, color: {column: 0, cmap: Set2, vmin: -5, vmax: 5}}
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "cb.yaml")
        let data = try FigureData.compute(spec)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        XCTAssertEqual(fig.axes[0].colorbarSpec?.label, "Distance to centre")
        XCTAssertEqual(fig.axes[1].colorbarSpec?.label, "first column")
        guard case let .scatter(sc) = fig.axes[0].series[0], case let .mapped(values, map, nil, nil) = sc.color else {
            return XCTFail("distance layer is not value-mapped")
        }
        XCTAssertEqual(values, try XCTUnwrap(data.results["distance_threshold"] as? AnomalyScores).distances)
        XCTAssertEqual(map?.name, "viridis")
        guard case let .scatter(sc1) = fig.axes[1].series[0], case let .mapped(v1, m1, -5, 5) = sc1.color else {
            return XCTFail("column layer is not value-mapped with vmin/vmax")
        }
        XCTAssertEqual(v1, (0..<data.points.rows).map { data.points[$0, 0] })
        XCTAssertEqual(m1?.name, "Set2")
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        XCTAssertNotNil(geo.axes[0].colorbarRect)
        XCTAssertLessThan(try XCTUnwrap(geo.axes[0].colorbarRect).maxX, geo.axes[1].tightBounds.minX)
        XCTAssertFalse(try fig.render(format: .pdf).isEmpty)
    }

    func testBatchReportsEachConfig() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-gallery-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Gallery.prepareOutputDirectory(dir.path)
        let files = [fixture("Fixtures/configs/elbow.yaml"), fixture("Tests/GalleryTests/Malformed/05-negative-std.yaml")]
        let outcomes = Gallery.renderBatch(files, overrides: [], directory: dir.path)
        XCTAssertEqual(outcomes.map(\.status), [0, 2])
        XCTAssertEqual(outcomes[0].written.map { URL(fileURLWithPath: $0).lastPathComponent }, ["elbow.png"])
        XCTAssertTrue(outcomes[1].errors[0].contains(":3:42: must not be negative"), outcomes[1].errors[0])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["elbow.png"])
    }
}

/// The comparison grid: every cell is its method fitted to its dataset, with the row's parameters.
final class ComparisonGridTests: XCTestCase {
    func testCellsAreTheMethodsOnTheDatasets() throws {
        let yaml = """
        comparison:
          datasets:
            - {name: moons, data: {moons: {samples: 200, noise: 0.05, seed: 30}, scale: standard}, params: {k: 2, eps: 0.25}}
            - {name: blobs, data: {blobs: {samples: 150, seed: 8}, scale: standard}}
          methods:
            - {name: K-Means, kmeans: {k: 3, seed: 42}}
            - {name: DBSCAN, dbscan: {eps: 0.3}}
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "c.yaml")
        XCTAssertEqual(spec.panels.count, 4)
        XCTAssertEqual(spec.panels.map(\.title), ["K-Means", "DBSCAN", nil, nil])
        let data = try FigureData.compute(spec)
        let moons = try makeMoons(samples: 200, noise: 0.05, seed: 30)
        let xm = try StandardScaler().fitTransform(moons.points).points
        let blobs = try makeBlobs(samples: .total(150), centers: .random(3), seed: 8)
        let xb = try StandardScaler().fitTransform(blobs.points).points
        XCTAssertEqual((data.cells[0].results["kmeans"] as? KMeansResult)?.labels, try KMeans(k: 2, seed: 42).fit(xm).labels)
        XCTAssertEqual((data.cells[1].results["dbscan"] as? DBSCANResult)?.labels, try DBSCAN(eps: 0.25).fit(xm).labels)
        XCTAssertEqual((data.cells[2].results["kmeans"] as? KMeansResult)?.labels, try KMeans(k: 3, seed: 42).fit(xb).labels)
        XCTAssertEqual((data.cells[3].results["dbscan"] as? DBSCANResult)?.labels, try DBSCAN(eps: 0.3).fit(xb).labels)
        let json = try J.parse(data.json(spec: spec).serialized())
        XCTAssertEqual(json["comparison"]?["cells"]?.array?.count, 2)
        XCTAssertEqual(json["comparison"]?["cells"]?.array?[1].array?[0]["n_clusters"]?.int, 3)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        XCTAssertFalse(try fig.render(format: .png).isEmpty)
        XCTAssertTrue(loadErrors("comparison:\n  datasets: [{name: a, data: {moons: {}}, params: {epz: 1}}]\n  methods: [{name: K, kmeans: {k: 2}}]\n")
            .contains { $0.contains("no method has a key 'epz'") })
    }

    /// A method's own layers (the covariance-types figure: ellipses under the points), autoscaled
    /// cells with ticks; each cell's layers read that cell's fit.
    func testMethodLayersDrawEachCellsOwnFit() throws {
        let yaml = """
        comparison:
          datasets: [{name: blobs, data: {blobs: {samples: 120, centers: 3, seed: 4}}}]
          limits: auto
          ticks: true
          methods:
            - {name: tied, gmm: {k: 3, covariance: tied}, layers: [{mark: ellipses}, {mark: scatter, color: {by: gmm}}]}
            - {name: full, gmm: {k: 3, covariance: full}, layers: [{mark: ellipses, sigma: [1, 2]}, {mark: scatter, color: {by: gmm}}]}
            - {name: K-Means, kmeans: {k: 3}}
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "c.yaml")
        XCTAssertEqual(spec.panels.map { $0.layers.count }, [2, 2, 1])
        XCTAssertTrue(spec.panels.allSatisfy { $0.xLimits == nil && !$0.hidesTicks })
        let data = try FigureData.compute(spec)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        for (cell, rings) in [(0, 3), (1, 6)] {
            let model = try XCTUnwrap(data.cells[cell].results["gmm"] as? GaussianMixtureModel)
            let patches = fig.axes[cell].elements.compactMap { $0 as? EllipsePatch }
            XCTAssertEqual(patches.count, rings)
            XCTAssertEqual(patches[0].center.x, model.means[0, 0])
            XCTAssertEqual(patches[0].center.y, model.means[0, 1])
        }
        XCTAssertTrue(fig.axes[2].elements.allSatisfy { !($0 is EllipsePatch) })
        func errors(_ extra: String, method: String = "{name: G, gmm: {k: 2}, layers: [{mark: ellipses}]}") -> [String] {
            loadErrors("comparison:\n  datasets: [{name: a, data: {moons: {}}}]\n  methods: [\(method)]\n\(extra)")
        }
        XCTAssertEqual(errors(""), [])
        XCTAssertTrue(errors("  limits: [1, 0]\n").contains { $0.contains(":4:11: min must be below max") }, "\(errors("  limits: [1, 0]\n"))")
        XCTAssertTrue(errors("  limits: everywhere\n").contains { $0.contains("comparison.limits") }, "\(errors("  limits: everywhere\n"))")
        XCTAssertTrue(errors("", method: "{name: G, gmm: {k: 2}, layers: []}").contains { $0.contains("needs at least one layer") })
        XCTAssertTrue(errors("", method: "{name: K, kmeans: {k: 2}, layers: [{mark: ellipses}]}").contains { $0.contains("draws from gmm, but this comparison method runs kmeans") },
                      "\(errors("", method: "{name: K, kmeans: {k: 2}, layers: [{mark: ellipses}]}"))")
    }
}
