import Foundation
import XCTest

/// `clusterplot watch` as a slide maker uses it: the real binary, files saved beside it, Ctrl-C.
final class WatchCLITests: XCTestCase {
    /// A running `watch` whose output lines are collected as they come.
    final class Watcher: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var text = ""

        init(_ args: [String], cwd: URL) throws {
            process.executableURL = CLITests.binary
            process.arguments = args
            process.currentDirectoryURL = cwd
            let pipe = Pipe()
            process.standardOutput = pipe; process.standardError = pipe
            pipe.fileHandleForReading.readabilityHandler = { [weak self] h in
                let d = h.availableData
                guard let self, !d.isEmpty else { return }
                self.lock.lock(); self.text += String(decoding: d, as: UTF8.self); self.lock.unlock()
            }
            try process.run()
        }

        var output: String { lock.lock(); defer { lock.unlock() }; return text }

        /// Waits (at most `timeout` seconds) until `needle` has appeared `count` times in the output.
        func wait(for needle: String, count: Int = 1, timeout: Double = 20) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if output.components(separatedBy: needle).count - 1 >= count { return true }
                usleep(50_000)
            }
            return false
        }
    }

    func testRerendersOnChangeSurvivesInvalidConfigAndEndsOnCtrlC() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-watch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let csv = "x,y\n" + (0..<20).map { "\($0 % 2 == 0 ? $0 : $0 + 40),\($0 * 3 % 7)" }.joined(separator: "\n") + "\n"
        try write("points.csv", csv)
        let config = "data:\n  csv: {file: points.csv, columns: [x, y]}\nclustering:\n  kmeans: {k: 2, seed: 0}\n"
        try write("fig.yaml", config)
        try write("deck.yaml", "blocks:\n  - heading: Watched\n  - figure: {config: fig.yaml}\n")

        let w = try Watcher(["watch", "fig.yaml", "deck.yaml", "--out", "out"], cwd: dir)
        defer { if w.process.isRunning { w.process.terminate() } }
        XCTAssertTrue(w.wait(for: "Ctrl-C ends"), w.output)
        XCTAssertTrue(w.output.contains("out/fig.png ("), w.output)
        XCTAssertTrue(w.output.contains("deck.pdf (1 page"), w.output)

        // The CSV changes: the figure and the document that embeds it are rendered again.
        try write("points.csv", csv + "100,100\n")
        XCTAssertTrue(w.wait(for: "out/fig.png (", count: 2), w.output)
        XCTAssertTrue(w.wait(for: "deck.pdf (1 page", count: 2), w.output)

        // An invalid config: the located error is printed and the watch goes on.
        try write("fig.yaml", config.replacingOccurrences(of: "k: 2", with: "k: zero"))
        XCTAssertTrue(w.wait(for: "fig.yaml: not rendered; the last good output stays"), w.output)
        XCTAssertTrue(w.output.contains("fig.yaml:4:"), w.output)
        XCTAssertTrue(w.process.isRunning)
        try write("fig.yaml", config)
        XCTAssertTrue(w.wait(for: "out/fig.png (", count: 3), w.output)

        kill(w.process.processIdentifier, SIGINT)
        let end = Date().addingTimeInterval(10)
        while w.process.isRunning && Date() < end { usleep(50_000) }
        XCTAssertFalse(w.process.isRunning, "watch did not end on SIGINT")
        XCTAssertEqual(w.process.terminationStatus, 0, w.output)
        XCTAssertTrue(w.wait(for: "watch ended", timeout: 2), w.output)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        XCTAssertEqual(left.sorted(), ["deck.pdf", "fig.png"], "no partial or temporary files")
    }
}
