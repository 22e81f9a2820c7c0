import Foundation
import Plotting

extension GoldenSuite {
    /// What `update` did.
    public struct UpdateSummary: Sendable {
        /// Golden names written.
        public var written: [String]
        /// Golden names left alone.
        public var unchanged: [String]
        /// Orphaned golden names removed (`--prune`).
        public var pruned: [String] = []
        /// The check run the update was based on.
        public var check: GoldenCheckReport
    }

    /// Rewrites the selected goldens from fresh renders and records them in the manifest (keeping
    /// each golden's tolerance override). A golden whose content did not change (same pixels, same
    /// normalised PDF, same bytes) is never rewritten, so there is no churn in git. Refuses when `CI`
    /// is set in `environment` unless `force`. Creates the golden folder when needed.
    public func update(_ selection: GoldenUpdateSelection, force: Bool = false,
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UpdateSummary {
        if let ci = environment["CI"], !ci.isEmpty, ci.lowercased() != "false", ci != "0", !force {
            throw VisualDiffError.update("refusing to rewrite goldens with CI=\(ci) set (pass --force if you really mean it)")
        }
        if selection.contains(.prune) && !(only.isEmpty && shard == nil) {
            throw VisualDiffError.update("--prune needs the whole suite (no --only, no --shard): orphans are judged against every config")
        }
        try checkGoldenFolder(mustExist: false)
        if let reason = Folders.create(goldenDirectory.path) {
            throw VisualDiffError.update("\(goldenDirectory.path): cannot create the golden folder (\(reason))")
        }
        let report = try check(keepsImages: false, forUpdate: true)
        if let e = report.renderErrors.first {
            throw VisualDiffError.update("\(e.configPath): \(e.message) (no golden written)")
        }
        var manifest = try GoldenManifest.load(from: goldenDirectory)
        var written: [String] = [], unchanged: [String] = []
        // Everything is decided and encoded first, so a bad golden on disk stops the update before any write.
        var writes: [(URL, [UInt8])] = []
        for c in report.cases {
            let selected: Bool
            switch c.status {
            case .missing: selected = selection.contains(.missing)
            case .failed, .error: selected = selection.contains(.failed)
            case .passed: selected = selection.contains(.all)
            }
            let url = goldenDirectory.appendingPathComponent(c.name)
            guard let actual = c.actualBytes else { continue }
            let onDisk = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
            let golden: [UInt8]
            if selected && !(onDisk != nil && c.identical) {
                writes.append((url, actual))
                written.append(c.name)
                golden = actual
            } else {
                unchanged.append(c.name)
                // Keep records that match their file; add or refresh one that does not.
                guard let onDisk else { continue }
                if let old = manifest.goldens[c.name], (try? Self.fileHash(onDisk, format: c.format)) == old.fileHash { continue }
                golden = onDisk
            }
            let old = manifest.goldens[c.name]
            // The environment is known to have produced these bytes only when they are today's render.
            var entry = GoldenManifest.Entry(fileHash: try Self.fileHash(golden, format: c.format), bytes: golden.count, tolerance: old?.tolerance,
                                             environment: golden == actual ? RenderEnvironment.current : [:])
            if c.format == "png" {
                let img = try ImageLoader.decode(golden, name: url.path)
                entry.width = img.width; entry.height = img.height
                entry.pixelHash = PixelHash.hash(of: img)
            }
            if c.format == "numbers" { entry.environment = [:] }
            manifest.goldens[c.name] = entry
        }
        var pruned: [String] = []
        if selection.contains(.prune) {
            pruned = report.orphans
            for name in pruned { manifest.goldens[name] = nil }
            // Records whose file is gone and that no config produces.
            let produced = Set(report.cases.map(\.name))
            for name in manifest.goldens.keys where !produced.contains(name)
                && !FileManager.default.fileExists(atPath: goldenDirectory.appendingPathComponent(name).path) {
                manifest.goldens[name] = nil
            }
        }
        for (url, bytes) in writes {
            if let reason = Folders.create(url.deletingLastPathComponent().path) {
                throw VisualDiffError.update("\(url.deletingLastPathComponent().path): cannot create the folder (\(reason))")
            }
            try AtomicFile.write(bytes, to: url)
        }
        for name in pruned { try? FileManager.default.removeItem(at: goldenDirectory.appendingPathComponent(name)) }
        try manifest.write(to: goldenDirectory)
        return UpdateSummary(written: written, unchanged: unchanged, pruned: pruned, check: report)
    }

    /// The manifest's `fileHash` of a golden's bytes: FNV-1a of the file, of the normalised PDF for PDFs.
    static func fileHash(_ bytes: [UInt8], format: String) throws -> String {
        format == "pdf" ? PDFComparator.normalizedHash(bytes) : PixelHash.hex(PixelHash.fnv1a(bytes))
    }
}

extension GoldenManifest {
    /// Records that no longer describe their files: a golden that is gone, or whose bytes are not
    /// the ones recorded (replaced by hand, or by a merge that kept the other side's manifest).
    public func staleRecords(in directory: URL) -> [String] {
        goldens.keys.sorted().compactMap { name in
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { return "\(name) is recorded but does not exist" }
            let format = name.hasSuffix(".numbers.json") ? "numbers" : url.pathExtension.lowercased()
            let hash = (try? GoldenSuite.fileHash([UInt8](data), format: format)) ?? ""
            return hash == goldens[name]!.fileHash ? nil : "\(name) changed since it was recorded"
        }
    }
}
