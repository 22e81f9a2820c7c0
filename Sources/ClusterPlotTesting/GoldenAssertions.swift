import Foundation
import Plotting
import VisualDiff
// Tolerances are part of the assertion's signature, so importing ClusterPlotTesting brings them.
@_exported import struct VisualDiff.Tolerance
import XCTest

/// Golden-image checks for figures drawn with Plotting, in your own XCTest suites — the counterpart
/// of swift-snapshot-testing's `assertSnapshot`, with VisualDiff's perceptual comparison.
///
/// Goldens live beside the test file, in `__Goldens__/<named>.png`. A missing golden is recorded
/// (and the test fails once, so a new golden is always looked at); set `CLUSTERPLOT_RECORD=1` (or pass
/// `record: true`) to re-record every golden. With `CI` set nothing is ever recorded. On a failure the
/// render and the diff image are written to `$TMPDIR/clusterplot-testing/` and named in the message.
public enum FigureGoldens {
    /// The folder beside the test file that holds its goldens.
    public static let folderName = "__Goldens__"

    /// Where a failing test leaves the actual and diff images.
    public static var artifactsDirectory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("clusterplot-testing")
    }

    /// Checks `figure` against the golden `named` in `directory`, recording it when missing (or when
    /// `record`); returns nil when it matches, else the failure message.
    public static func verify(_ figure: Figure, named name: String, in directory: URL, tolerance: Tolerance = .default,
                              record: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let golden = directory.appendingPathComponent(name + ".png")
        let actual: [UInt8]
        do { actual = try figure.render(format: .png) } catch { return "could not render '\(name)': \(error)" }
        let ci = environment["CI"].map { !$0.isEmpty && $0 != "0" && $0.lowercased() != "false" } ?? false
        let recording = !ci && (record || environment["CLUSTERPLOT_RECORD"] == "1")
        let exists = FileManager.default.fileExists(atPath: golden.path)
        if recording || (!exists && !ci) {
            if let reason = Folders.create(directory.path) { return "\(directory.path): cannot create the golden folder (\(reason))" }
            do { try AtomicFile.write(actual, to: golden) } catch { return "\(golden.path): cannot write the golden (\(error))" }
            return "recorded \(golden.path)\(exists ? "" : " (no golden yet)"); look at it, commit it and run the test again"
        }
        if !exists { return "no golden \(golden.path) (goldens are not recorded with CI set)" }
        do {
            let outcome = try FileComparison.compare(expectedPath: golden.path, actualPath: write(actual, name: name, kind: "actual"),
                                                     tolerance: tolerance, makesDiffImage: true)
            if outcome.passed { return nil }
            var message = "'\(name)' does not match \(golden.path): \(outcome.summary)"
            if let diff = outcome.diffImage, let png = try? PNGCodec.encode(diff) {
                message += "; actual: \(artifactsDirectory.appendingPathComponent(name + ".actual.png").path), diff: \(try write(png, name: name, kind: "diff"))"
            }
            return message
        } catch {
            return "'\(name)': \(error)"
        }
    }

    static func write(_ bytes: [UInt8], name: String, kind: String) throws -> String {
        let url = artifactsDirectory.appendingPathComponent("\(name).\(kind).png")
        _ = Folders.create(url.deletingLastPathComponent().path)
        try AtomicFile.write(bytes, to: url)
        return url.path
    }
}

/// Fails the test when `figure` does not match its golden `__Goldens__/<named>.png` beside the test
/// file (within `tolerance`, VisualDiff's defaults: 0 significant pixels, anti-aliasing and 1-px
/// moves excused). A missing golden is recorded and fails once; see ``FigureGoldens``.
///
/// ```swift
/// func testElbow() {
///     let fig = Figure(width: 6, height: 4)
///     fig.axes[0].plot([1, 2, 3, 4], [9.1, 4.2, 2.8, 2.5], label: "inertia")
///     assertFigureMatchesGolden(fig, named: "elbow")
/// }
/// ```
public func assertFigureMatchesGolden(_ figure: @autoclosure () throws -> Figure, named name: String, tolerance: Tolerance = .default,
                                      record: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent(FigureGoldens.folderName)
    do {
        if let message = FigureGoldens.verify(try figure(), named: name, in: directory, tolerance: tolerance, record: record) {
            XCTFail(message, file: file, line: line)
        }
    } catch {
        XCTFail("could not make the figure '\(name)': \(error)", file: file, line: line)
    }
}
