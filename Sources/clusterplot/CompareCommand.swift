import ArgumentParser
import FigureConfig
import Foundation
import Plotting
import VisualDiff

/// Tolerance flags shared by `compare` and `check`.
struct ToleranceOptions: ParsableArguments {
    @Flag(help: "Decoded pixels must be identical.")
    var exact = false
    @Option(help: "Per-pixel YIQ colour threshold, 0–1 (pixelmatch scale).")
    var threshold: Double?
    @Option(help: "Significant (non-anti-aliasing) pixels allowed.")
    var maxDiffPixels: Int?
    @Option(name: .customLong("max-tile-rms"), help: "Largest RMS of the worst tile (0–255).")
    var maxTileRMS: Double?
    @Option(name: .customLong("max-rms"), help: "Largest global RMS (matplotlib's calculate_rms, 0–255); off by default.")
    var maxRMS: Double?
    @Option(help: "Tile edge in pixels.")
    var tileSize: Int?
    @Flag(name: .customLong("count-antialiasing"), help: "Do not excuse anti-aliasing pixels.")
    var countsAntialiasing = false
    @Option(name: .customLong("aa-max-delta"), help: "Largest channel difference anti-aliasing may excuse (0–255).")
    var antialiasingMaxDelta: Int?
    @Option(help: "Excuse content moved by up to this many pixels (0 or 1).")
    var maxShift: Int?

    /// `base` with the flags given on the command line applied.
    func tolerance(base: Tolerance = .default) throws -> Tolerance {
        var t = base
        if exact { t.exact = true }
        if let threshold { t.colorThreshold = threshold }
        if let maxDiffPixels { t.maxDiffPixels = maxDiffPixels }
        if let maxTileRMS { t.maxTileRMS = maxTileRMS }
        if let maxRMS { t.maxRMS = maxRMS }
        if let tileSize { t.tileSize = tileSize }
        if countsAntialiasing { t.ignoresAntialiasing = false }
        if let antialiasingMaxDelta { t.antialiasingMaxDelta = antialiasingMaxDelta }
        if let maxShift { t.maxShift = maxShift }
        try t.validate()
        return t
    }

    var isEmpty: Bool {
        !exact && threshold == nil && maxDiffPixels == nil && maxTileRMS == nil && maxRMS == nil && tileSize == nil
            && !countsAntialiasing && antialiasingMaxDelta == nil && maxShift == nil
    }
}

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("clusterplot: \(Echo.line(message))\n".utf8))
}

/// `clusterplot compare EXPECTED ACTUAL`: compares two PNGs (or PDFs).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two PNG (or PDF) files and print a one-line verdict with the metrics.",
        discussion: """
        Exit status: 0 identical or within tolerance, 1 different, 2 unreadable or invalid input.
        Defaults: YIQ threshold 0.05, 0 significant pixels, worst 32×32 tile RMS ≤ 8, anti-aliasing \
        excused up to a channel difference of 128, content moved by 1 px excused. See docs/visual-testing.md.
        """)

    @Argument(help: "The expected (golden) image.")
    var expected: String
    @Argument(help: "The actual image.")
    var actual: String
    @Option(help: "Write the diff image (PNG): actual faded, changes red, anti-aliasing yellow, 1-px moves green.")
    var diff: String?
    @Option(help: "Write a magnified expected | actual | diff crop around the worst region (PNG).")
    var crop: String?
    @OptionGroup var tolerance: ToleranceOptions

    func run() throws {
        let outcome: FileComparison.Outcome
        do {
            let tol = try tolerance.tolerance()
            outcome = try FileComparison.compare(expectedPath: expected, actualPath: actual, tolerance: tol,
                                                 makesDiffImage: diff != nil, makesCrop: crop != nil)
            if let diff, let img = outcome.diffImage {
                try AtomicFile.write(PNGCodec.encode(img), to: URL(fileURLWithPath: diff))
            }
            if let crop, let img = outcome.crop {
                try AtomicFile.write(PNGCodec.encode(img), to: URL(fileURLWithPath: crop))
            }
        } catch {
            printError("\(error)"); throw ExitCode(2)
        }
        print(outcome.summary)
        if !outcome.passed { throw ExitCode(1) }
    }
}
