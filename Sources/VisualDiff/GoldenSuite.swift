import Foundation
import Plotting

/// Renders one config file into output bytes by format (`"png"`, `"pdf"`), e.g. Gallery's pipeline.
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

    /// Golden file name, e.g. `anomaly.png`.
    public var name: String
    /// The config that produced it.
    public var config: URL
    /// `png` or `pdf`.
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
}

/// All results of a `check` run.
public struct GoldenCheckReport: Sendable {
    /// One result per rendered file, in config order (PNG before PDF).
    public var cases: [GoldenCaseResult]
    /// Configs whose rendering failed: (config, error message).
    public var renderErrors: [(config: URL, message: String)]
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

    /// `N passed, N failed, N missing, N errors in T ms`.
    public var summary: String {
        "\(count(.passed)) passed, \(count(.failed)) failed, \(count(.missing)) missing, \(count(.error) + renderErrors.count) errors in \(fmt(seconds * 1000, 0)) ms"
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
    /// Every golden (files whose bytes are unchanged are not rewritten).
    public static let all = GoldenUpdateSelection(rawValue: 7)
}

/// A folder of configs and a folder of goldens: `check` compares (read-only), `update` records.
public struct GoldenSuite: Sendable {
    /// Folder of `*.yaml` / `*.yml` configs.
    public var configsDirectory: URL
    /// Folder of goldens (`<config stem>.<format>`) and `manifest.json`.
    public var goldenDirectory: URL
    /// Renders one config to bytes per format.
    public var renderer: FigureRenderer
    /// Tolerance when neither the manifest nor an override names one.
    public var defaultTolerance: Tolerance
    /// Force `exact` for every golden.
    public var forcesExact: Bool
    /// Formats to compare (others the renderer returns are ignored).
    public var formats: [String]
    /// Configs checked at once (the renderer must then be thread-safe).
    public var jobs: Int

    /// A suite over `configs` and `golden`; see the properties for the options.
    public init(configs: URL, golden: URL, renderer: @escaping FigureRenderer, defaultTolerance: Tolerance = .default,
                forcesExact: Bool = false, formats: [String] = ["png", "pdf"], jobs: Int = 1) {
        configsDirectory = configs; goldenDirectory = golden; self.renderer = renderer
        self.defaultTolerance = defaultTolerance; self.forcesExact = forcesExact; self.formats = formats; self.jobs = max(1, jobs)
    }

    /// Throws when the golden folder exists but is not a folder (a regular file named by
    /// `--golden` would otherwise report every golden missing).
    func checkGoldenFolder() throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: goldenDirectory.path, isDirectory: &isDir), !isDir.boolValue {
            throw VisualDiffError.unreadable("\(goldenDirectory.path): not a folder (--golden names the folder of goldens and manifest.json)")
        }
    }

    /// The config files (`*.yaml`, `*.yml`), sorted by name.
    public func configFiles() throws -> [URL] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configsDirectory.path, isDirectory: &isDir), isDir.boolValue else {
            throw VisualDiffError.unreadable("\(configsDirectory.path): no such folder")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: configsDirectory.path) } catch {
            throw VisualDiffError.unreadable("\(configsDirectory.path): cannot list the folder (\(VisualDiffError.reason(error)))")
        }
        return names
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { configsDirectory.appendingPathComponent($0) }
    }

    /// Renders every config and compares each output with its golden. Never writes.
    /// - Parameter keepsImages: keep PNGs (expected, actual, diff, crop) for an HTML report.
    public func check(keepsImages: Bool = false) throws -> GoldenCheckReport {
        let start = DispatchTime.now().uptimeNanoseconds
        try checkGoldenFolder()
        let manifest = try GoldenManifest.load(from: goldenDirectory)
        let configs = try configFiles()
        let box = ResultBox<[GoldenCaseResult]>(count: configs.count)
        let work: @Sendable (Int) -> Void = { i in
            box.set(i, Result { try checkConfig(configs[i], manifest: manifest, keepsImages: keepsImages) })
        }
        if jobs > 1 && configs.count > 1 {
            DispatchQueue.concurrentPerform(iterations: configs.count, execute: work)
        } else {
            for i in configs.indices { work(i) }
        }
        var cases: [GoldenCaseResult] = [], errors: [(URL, String)] = []
        for i in configs.indices {
            switch box.result(i) {
            case .success(let c): cases += c
            case .failure(let e): errors.append((configs[i], "\(e)"))
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return GoldenCheckReport(cases: cases, renderErrors: errors, seconds: seconds, environment: RenderEnvironment.current)
    }

    func goldenName(_ config: URL, _ format: String) -> String {
        config.deletingPathExtension().lastPathComponent + "." + format
    }

    func checkConfig(_ config: URL, manifest: GoldenManifest, keepsImages: Bool) throws -> [GoldenCaseResult] {
        let outputs = try renderer(config)
        var results: [GoldenCaseResult] = []
        for format in formats {
            guard let actual = outputs[format] else { continue }
            let name = goldenName(config, format)
            var tolerance = manifest.tolerance(for: name, fallback: defaultTolerance)
            if forcesExact { tolerance.exact = true }
            let t0 = DispatchTime.now().uptimeNanoseconds
            var r = GoldenCaseResult(name: name, config: config, format: format, status: .passed, message: "",
                                     method: "", comparison: nil, tolerance: tolerance,
                                     environmentDifferences: RenderEnvironment.differences(golden: manifest.goldens[name]?.environment),
                                     actualBytes: actual, expectedPNG: nil, actualPNG: nil, diffPNG: nil, cropPNG: nil, seconds: 0)
            let path = goldenDirectory.appendingPathComponent(name).path
            if !FileManager.default.fileExists(atPath: path) {
                r.status = .missing
                r.message = "no golden \(path) (record it with `clusterplot update --missing`)"
                if keepsImages && format == "png" { r.actualPNG = actual }
            } else {
                do {
                    let golden = try ImageLoader.readBytes(atPath: path)
                    if format == "pdf" {
                        try comparePDF(&r, golden: golden, goldenPath: path, actual: actual, keepsImages: keepsImages)
                    } else {
                        try comparePNG(&r, golden: golden, actual: actual, entry: manifest.goldens[name], keepsImages: keepsImages)
                    }
                } catch {
                    r.status = .error
                    r.message = "\(error)"
                }
            }
            if r.status == .failed && !r.environmentDifferences.isEmpty {
                r.message += " — golden was rendered elsewhere: " + r.environmentDifferences.joined(separator: ", ")
            }
            r.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            results.append(r)
        }
        return results
    }

    func comparePNG(_ r: inout GoldenCaseResult, golden: [UInt8], actual: [UInt8], entry: GoldenManifest.Entry?,
                    keepsImages: Bool) throws {
        if golden == actual {
            r.method = "bytes"; r.message = "PASS identical (same bytes)"
            if keepsImages { r.actualPNG = actual }
            return
        }
        let actualImage = try ImageLoader.decode(actual, name: "\(r.name) (rendered from \(r.config.lastPathComponent))")
        if let entry, let hash = entry.pixelHash, entry.fileHash == PixelHash.hex(PixelHash.fnv1a(golden)),
           hash == PixelHash.hash(of: actualImage) {
            r.method = "pixel-hash"; r.message = "PASS identical (pixel hash \(hash))"
            if keepsImages { r.actualPNG = actual }
            return
        }
        let goldenImage = try ImageLoader.decode(golden, name: goldenDirectory.appendingPathComponent(r.name).path)
        r.method = "pixels"
        let wantsImages = keepsImages
        let c = ImageComparator.compare(expected: goldenImage, actual: actualImage, tolerance: r.tolerance, makesDiffImage: wantsImages)
        r.comparison = c
        r.status = c.passed ? .passed : .failed
        r.message = c.summary
        if wantsImages {
            r.expectedPNG = golden; r.actualPNG = actual
            if let d = c.diffImage { r.diffPNG = try? PNGCodec.encode(d, options: .init(compressionLevel: 3)) }
            if let region = c.worstRegion {
                r.cropPNG = try? PNGCodec.encode(DiffImages.crop(expected: goldenImage, actual: actualImage, diff: c.diffImage, around: region))
            }
        }
    }

    func comparePDF(_ r: inout GoldenCaseResult, golden: [UInt8], goldenPath: String, actual: [UInt8], keepsImages: Bool) throws {
        let c = try PDFComparator.compare(expected: golden, actual: actual, expectedName: goldenPath,
                                          actualName: "\(r.name) (rendered from \(r.config.lastPathComponent))", tolerance: r.tolerance)
        r.method = c.pages.isEmpty ? "pdf-bytes" : "pdf-raster"
        r.status = c.passed ? .passed : .failed
        r.message = c.summary
        if let page = c.worstPage { r.comparison = c.pages[page] }
        if keepsImages, let pngs = c.worstPagePNGs, !c.passed,
           let e = try? PNGCodec.decode(pngs.expected), let a = try? PNGCodec.decode(pngs.actual) {
            let cmp = ImageComparator.compare(expected: e, actual: a, tolerance: r.tolerance, makesDiffImage: true)
            r.expectedPNG = pngs.expected; r.actualPNG = pngs.actual
            if let d = cmp.diffImage { r.diffPNG = try? PNGCodec.encode(d) }
            if let region = cmp.worstRegion {
                r.cropPNG = try? PNGCodec.encode(DiffImages.crop(expected: e, actual: a, diff: cmp.diffImage, around: region))
            }
        }
    }

    /// What `update` did.
    public struct UpdateSummary: Sendable {
        /// Golden names written.
        public var written: [String]
        /// Golden names left alone.
        public var unchanged: [String]
        /// The check run the update was based on.
        public var check: GoldenCheckReport
    }

    /// Rewrites the selected goldens from fresh renders and records them in the manifest
    /// (keeping each golden's tolerance override). Refuses when `CI` is set in `environment`
    /// unless `force`. Creates the golden folder when needed.
    public func update(_ selection: GoldenUpdateSelection, force: Bool = false,
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UpdateSummary {
        if let ci = environment["CI"], !ci.isEmpty, ci.lowercased() != "false", ci != "0", !force {
            throw VisualDiffError.update("refusing to rewrite goldens with CI=\(ci) set (pass --force if you really mean it)")
        }
        try checkGoldenFolder()
        if let reason = Folders.create(goldenDirectory.path) {
            throw VisualDiffError.update("\(goldenDirectory.path): cannot create the golden folder (\(reason))")
        }
        let report = try check()
        if let e = report.renderErrors.first {
            throw VisualDiffError.update("\(e.config.path): \(e.message) (no golden written)")
        }
        var manifest = try GoldenManifest.load(from: goldenDirectory)
        var written: [String] = [], unchanged: [String] = []
        for c in report.cases {
            let selected: Bool
            switch c.status {
            case .missing: selected = selection.contains(.missing)
            case .failed, .error: selected = selection.contains(.failed)
            case .passed: selected = selection == .all
            }
            let url = goldenDirectory.appendingPathComponent(c.name)
            guard let actual = c.actualBytes else { continue }
            let onDisk = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
            let golden: [UInt8]
            if selected && onDisk != actual {
                try AtomicFile.write(actual, to: url)
                written.append(c.name)
                golden = actual
            } else {
                unchanged.append(c.name)
                // Keep existing records; add one for a golden the manifest does not know yet.
                guard let onDisk, manifest.goldens[c.name] == nil else { continue }
                golden = onDisk
            }
            let old = manifest.goldens[c.name]
            // The environment is known to have produced these bytes only when they are today's render.
            var entry = GoldenManifest.Entry(fileHash: "", bytes: golden.count, tolerance: old?.tolerance,
                                             environment: golden == actual ? RenderEnvironment.current : [:])
            if c.format == "png" {
                let img = try ImageLoader.decode(golden, name: url.path)
                entry.width = img.width; entry.height = img.height
                entry.pixelHash = PixelHash.hash(of: img)
                entry.fileHash = PixelHash.hex(PixelHash.fnv1a(golden))
            } else {
                entry.fileHash = PDFComparator.normalizedHash(golden)
            }
            manifest.goldens[c.name] = entry
        }
        try manifest.write(to: goldenDirectory)
        return UpdateSummary(written: written, unchanged: unchanged, check: report)
    }
}
