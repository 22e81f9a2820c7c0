import Foundation
import Plotting

/// Renders one config file into output bytes by format (`"png"`, `"pdf"`, `"svg"`, and `"numbers"`
/// for the `clusterplot data` JSON of a number golden), e.g. Gallery's pipeline.
/// Injected, so the engine is tested with fake renderers and stays independent of Gallery.
public typealias FigureRenderer = @Sendable (_ config: URL) throws -> [String: [UInt8]]

/// The result of checking one rendered file against its golden.
public struct GoldenCaseResult: Sendable {
    /// Pass/fail state of one golden.
    public enum Status: String, Sendable, Codable {
        case passed, failed, missing
        /// The config could not be rendered (or the golden could not be read).
        case error
    }

    /// Golden file name inside the golden folder, e.g. `anomaly.png` or `sub/anomaly.numbers.json`.
    public var name: String
    /// The config that produced it.
    public var config: URL
    /// The config path as shown (relative to the project).
    public var configPath: String
    /// `png`, `pdf`, `svg` or `numbers`.
    public var format: String
    /// Passed, failed, missing golden or error.
    public var status: Status
    /// One line: the verdict with its metrics, or the error.
    public var message: String
    /// How the verdict was reached: `bytes` (identical files), `pixel-hash` (manifest hash, golden
    /// not decoded), `pixels`, `pdf-bytes` (normalised), `pdf-raster`.
    public var method: String
    /// Metrics (PNG, or the worst rasterised PDF page).
    public var comparison: ImageComparison?
    /// The tolerance applied.
    public var tolerance: Tolerance
    /// How the golden's recorded environment differs from this machine's (empty: same or unknown).
    public var environmentDifferences: [String]
    /// The rendered bytes (for `update`).
    public var actualBytes: [UInt8]?
    /// Images for reports (PNG bytes), filled when the check keeps artefacts.
    public var expectedPNG: [UInt8]?
    /// The rendered image (PNG, or the worst PDF page rasterised).
    public var actualPNG: [UInt8]?
    /// The diff image (see `ImageComparison.diffImage`).
    public var diffPNG: [UInt8]?
    /// Expected | actual | diff around the worst region, magnified.
    public var cropPNG: [UInt8]?
    /// Wall time of the comparison (excluding rendering), seconds.
    public var seconds: Double
    /// The golden and the render have the same content (bytes, pixels, normalised PDF, numbers):
    /// `update` leaves such a golden alone.
    public var identical = false
    /// For a number golden that changed: the first field that differs (`kmeans.inertia`).
    public var fieldPath: String?

    /// What a failure means in words: "numbers changed" for number goldens, "drawing changed" otherwise.
    public var change: String { format == "numbers" ? "numbers changed" : "drawing changed" }
}

/// All results of a `check` run.
public struct GoldenCheckReport: Sendable {
    /// One result per rendered file, in config order (PNG before PDF).
    public var cases: [GoldenCaseResult]
    /// Configs whose rendering failed: (config, error message, config path as shown).
    public var renderErrors: [(config: URL, message: String, configPath: String)]
    /// Golden files no config of the suite produces (paths inside the golden folder).
    public var orphans: [String] = []
    /// Wall time of the whole run, seconds.
    public var seconds: Double
    /// The environment of this run.
    public var environment: [String: String]

    /// How many cases have status `s`.
    public func count(_ s: GoldenCaseResult.Status) -> Int { cases.filter { $0.status == s }.count }

    /// `clusterplot check`'s exit status: 2 config/render error, else 1 regression, else 3 golden
    /// missing, else 0.
    public var exitCode: Int32 {
        if !renderErrors.isEmpty || count(.error) > 0 { return 2 }
        if count(.failed) > 0 { return 1 }
        if count(.missing) > 0 { return 3 }
        return 0
    }

    /// `N passed, N failed, N missing, N errors[, N orphaned] in T ms`.
    public var summary: String {
        "\(count(.passed)) passed, \(count(.failed)) failed, \(count(.missing)) missing, \(count(.error) + renderErrors.count) errors"
            + (orphans.isEmpty ? "" : ", \(orphans.count) orphaned") + " in \(fmt(seconds * 1000, 0)) ms"
    }
}

/// Which goldens `update` rewrites.
public struct GoldenUpdateSelection: OptionSet, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// A selection from option bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Goldens that fail the check (within-tolerance ones are left alone).
    public static let failed = GoldenUpdateSelection(rawValue: 1)
    /// Goldens that do not exist yet.
    public static let missing = GoldenUpdateSelection(rawValue: 2)
    /// Every golden (files whose content is unchanged are not rewritten).
    public static let all = GoldenUpdateSelection(rawValue: 7)
    /// Remove orphaned goldens (files no config produces) and their manifest records.
    public static let prune = GoldenUpdateSelection(rawValue: 8)
}

/// One part of a suite split for parallel CI jobs: `index` of `count` (1-based), `i/n` on the command line.
public struct GoldenShard: Sendable, Hashable, CustomStringConvertible {
    /// Which part, 1…count.
    public var index: Int
    /// How many parts.
    public var count: Int

    /// Parses `i/n` with 1 ≤ i ≤ n; throws a message naming the problem otherwise.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw VisualDiffError.unreadable("--shard '\(text)': expected INDEX/COUNT, e.g. 1/4")
        }
        guard n >= 1 else { throw VisualDiffError.unreadable("--shard '\(text)': the count must be at least 1") }
        guard (1...n).contains(i) else { throw VisualDiffError.unreadable("--shard '\(text)': the index must be within 1…\(n)") }
        index = i; count = n
    }

    /// `i/n`.
    public var description: String { "\(index)/\(count)" }

    /// The targets of this part: every `count`-th of the sorted list, starting at `index`.
    public func select<T>(_ all: [T]) -> [T] { all.enumerated().filter { $0.offset % count == index - 1 }.map(\.element) }
}


/// Configs and a folder of goldens: `check` compares (read-only), `update` records.
///
/// Goldens mirror the configs' relative paths (`<golden>/sub/anomaly.png` for `sub/anomaly.yaml`),
/// one per format the renderer returns (or the `formats` asked for), plus `<name>.numbers.json` when
/// the renderer returns `numbers`.
public struct GoldenSuite: Sendable {
    /// Folder searched (recursively) for configs when no explicit targets are given.
    public var configsDirectory: URL
    /// The configs, when given explicitly (see ``GoldenDiscovery``); nil: found below `configsDirectory`.
    public var explicitTargets: [GoldenTarget]?
    /// Folder of goldens and `manifest.json`.
    public var goldenDirectory: URL
    /// Renders one config to bytes per format.
    public var renderer: FigureRenderer
    /// Tolerance when neither the manifest nor an override names one.
    public var defaultTolerance: Tolerance
    /// Force `exact` for every golden.
    public var forcesExact: Bool
    /// Formats to compare; nil: every format the renderer returns (`numbers` is always compared).
    public var formats: [String]?
    /// Configs checked at once (the renderer must then be thread-safe).
    public var jobs: Int
    /// Check only this part of the targets (orphans are reported by part 1 only).
    public var shard: GoldenShard?
    /// Check only the targets with these config paths (as shown) or golden names; empty: all.
    public var only: [String] = []
    /// Golden paths (globs, relative to the golden folder) that are not orphans although no config makes them.
    public var ignoredGoldens: [String] = []

    /// A suite over the configs below `configs` and the goldens in `golden`; see the properties.
    public init(configs: URL, golden: URL, renderer: @escaping FigureRenderer, defaultTolerance: Tolerance = .default,
                forcesExact: Bool = false, formats: [String]? = nil, jobs: Int = 1) {
        configsDirectory = configs; goldenDirectory = golden; self.renderer = renderer
        self.defaultTolerance = defaultTolerance; self.forcesExact = forcesExact; self.formats = formats; self.jobs = max(1, jobs)
    }

    /// A suite over explicit targets (``GoldenDiscovery/targets(patterns:base:excluding:skipping:)``).
    public init(targets: [GoldenTarget], golden: URL, renderer: @escaping FigureRenderer, defaultTolerance: Tolerance = .default,
                forcesExact: Bool = false, formats: [String]? = nil, jobs: Int = 1) {
        self.init(configs: golden.deletingLastPathComponent(), golden: golden, renderer: renderer, defaultTolerance: defaultTolerance,
                  forcesExact: forcesExact, formats: formats, jobs: jobs)
        explicitTargets = targets
    }

    /// Throws when the golden folder is not a folder, or (when `mustExist`) does not exist.
    func checkGoldenFolder(mustExist: Bool) throws {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: goldenDirectory.path, isDirectory: &isDir)
        if exists, !isDir.boolValue {
            throw VisualDiffError.unreadable("\(goldenDirectory.path): not a folder (--golden names the folder of goldens and manifest.json)")
        }
        if !exists && mustExist {
            throw VisualDiffError.unreadable("\(goldenDirectory.path): the golden folder does not exist; record the goldens with `clusterplot update`")
        }
    }

    /// Every target of the suite (before `shard` and `only`), sorted by golden name.
    public func allTargets() throws -> [GoldenTarget] {
        if let explicitTargets { return explicitTargets }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configsDirectory.path, isDirectory: &isDir), isDir.boolValue else {
            throw VisualDiffError.unreadable("\(configsDirectory.path): no such folder")
        }
        return try GoldenDiscovery.targets(patterns: [configsDirectory.path], base: configsDirectory, skipping: [goldenDirectory])
    }

    /// The config files of the suite, sorted by golden name.
    public func configFiles() throws -> [URL] { try allTargets().map(\.config) }

    /// The targets this run checks: `only`, then `shard`, applied to ``allTargets()``.
    public func selectedTargets() throws -> [GoldenTarget] {
        var targets = try allTargets()
        if !only.isEmpty {
            for o in only where !targets.contains(where: { $0.displayPath == o || $0.name == o || $0.config.path == o }) {
                throw VisualDiffError.unreadable("--only \(o): not a config of this suite")
            }
            targets = targets.filter { t in only.contains { $0 == t.displayPath || $0 == t.name || $0 == t.config.path } }
        }
        return shard.map { $0.select(targets) } ?? targets
    }

    /// Whether this run covers the whole suite (orphans can only be judged then).
    var coversAll: Bool { only.isEmpty && (shard == nil || shard!.index == 1) }

    /// Renders every selected config and compares each output with its golden (numbers first). Never writes.
    /// - Parameter keepsImages: keep PNGs (expected, actual, diff, crop) for an HTML report or a results folder.
    public func check(keepsImages: Bool = false) throws -> GoldenCheckReport {
        try check(keepsImages: keepsImages, forUpdate: false)
    }

    /// `forUpdate`: the golden folder may be new and the manifest out of date (`update` fixes both).
    func check(keepsImages: Bool, forUpdate: Bool) throws -> GoldenCheckReport {
        let start = DispatchTime.now().uptimeNanoseconds
        try checkGoldenFolder(mustExist: !forUpdate)
        let manifest = try GoldenManifest.load(from: goldenDirectory)
        if !forUpdate {
            let stale = manifest.staleRecords(in: goldenDirectory)
            if !stale.isEmpty {
                let shown = stale.prefix(3).joined(separator: "; ") + (stale.count > 3 ? "; and \(stale.count - 3) more" : "")
                throw VisualDiffError.invalidManifest("\(goldenDirectory.appendingPathComponent(GoldenManifest.fileName).path): out of date with its files: \(shown) (re-record with `clusterplot update --all`, or restore the files)")
            }
        }
        let targets = try selectedTargets()
        let box = ResultBox<[GoldenCaseResult]>(count: targets.count)
        let work: @Sendable (Int) -> Void = { i in
            box.set(i, Result { try checkTarget(targets[i], manifest: manifest, keepsImages: keepsImages) })
        }
        if jobs > 1 && targets.count > 1 {
            DispatchQueue.concurrentPerform(iterations: targets.count, execute: work)
        } else {
            for i in targets.indices { work(i) }
        }
        var cases: [GoldenCaseResult] = [], errors: [(URL, String, String)] = []
        for i in targets.indices {
            switch box.result(i) {
            case .success(let c): cases += c
            case .failure(let e): errors.append((targets[i].config, "\(e)", targets[i].displayPath))
            }
        }
        var report = GoldenCheckReport(cases: cases, renderErrors: errors, seconds: 0, environment: RenderEnvironment.current)
        if coversAll {
            let failedStems = Set(targets.filter { t in errors.contains { $0.0 == t.config } }.map(\.name))
            report.orphans = try orphans(expected: Set(cases.map(\.name)), unknownStems: failedStems)
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }

    /// The golden extensions a suite writes.
    static let goldenSuffixes = [".numbers.json", ".png", ".pdf", ".svg"]

    /// Golden files (by their known suffixes) in the golden folder that no case produced, leaving out
    /// `ignoredGoldens` and the files of configs whose render failed (`unknownStems`).
    func orphans(expected: Set<String>, unknownStems: Set<String>) throws -> [String] {
        guard FileManager.default.fileExists(atPath: goldenDirectory.path) else { return [] }
        return try GoldenDiscovery.walk(goldenDirectory).filter { file in
            guard let suffix = Self.goldenSuffixes.first(where: { file.hasSuffix($0) }) else { return false }
            if expected.contains(file) || unknownStems.contains(String(file.dropLast(suffix.count))) { return false }
            return !ignoredGoldens.contains { Glob.matches($0, file) }
        }
    }
}
