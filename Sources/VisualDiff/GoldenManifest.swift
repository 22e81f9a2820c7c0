import Foundation
import Plotting

/// `manifest.json` next to the goldens: per golden its hashes, size, tolerance override and the
/// environment it was rendered in. Written with sorted keys, so it diffs cleanly in git.
public struct GoldenManifest: Codable, Equatable, Sendable {
    /// One golden file's record.
    public struct Entry: Codable, Equatable, Sendable {
        /// Pixel size (PNG only).
        public var width: Int?
        /// Pixel height (PNG only).
        public var height: Int?
        /// `PixelHash.hash(of:)` of the decoded pixels (PNG only).
        public var pixelHash: String?
        /// FNV-1a 64 of the file bytes (PNG) or of the normalised bytes (PDF: no /CreationDate,
        /// /ModDate, /Producer lines).
        public var fileHash: String
        /// File size in bytes.
        public var bytes: Int
        /// Per-golden tolerance override (only the fields that differ from the defaults are stored).
        public var tolerance: Tolerance?
        /// `RenderEnvironment.current` when the golden was recorded.
        public var environment: [String: String]

        /// A record; see the properties.
        public init(width: Int? = nil, height: Int? = nil, pixelHash: String? = nil, fileHash: String, bytes: Int,
                    tolerance: Tolerance? = nil, environment: [String: String]) {
            self.width = width; self.height = height; self.pixelHash = pixelHash; self.fileHash = fileHash
            self.bytes = bytes; self.tolerance = tolerance; self.environment = environment
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case width, height, pixelHash, fileHash, bytes, tolerance, environment }

        /// Decodes a record; a key that is not one of the record's fields is an error.
        public init(from decoder: Decoder) throws {
            try ManifestKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "golden entry key")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            width = try c.decodeIfPresent(Int.self, forKey: .width)
            height = try c.decodeIfPresent(Int.self, forKey: .height)
            pixelHash = try c.decodeIfPresent(String.self, forKey: .pixelHash)
            fileHash = try c.decode(String.self, forKey: .fileHash)
            bytes = try c.decode(Int.self, forKey: .bytes)
            tolerance = try c.decodeIfPresent(Tolerance.self, forKey: .tolerance)
            environment = try c.decode([String: String].self, forKey: .environment)
        }
    }

    /// Manifest format version.
    public var version: Int
    /// The only version this build reads and writes.
    public static let currentVersion = 1
    /// The pixel hash algorithm (`PixelHash.algorithm`).
    public var hashAlgorithm: String
    /// Tolerance for every golden without its own override (nil: the built-in defaults).
    public var defaultTolerance: Tolerance?
    /// Entries by golden file name, e.g. `anomaly.png`.
    public var goldens: [String: Entry]

    /// An empty (or given) manifest of the current format version.
    public init(defaultTolerance: Tolerance? = nil, goldens: [String: Entry] = [:]) {
        version = 1; hashAlgorithm = PixelHash.algorithm; self.defaultTolerance = defaultTolerance; self.goldens = goldens
    }

    enum CodingKeys: String, CodingKey { case version, hashAlgorithm, defaultTolerance, goldens }

    /// Decodes a manifest; per-golden tolerance overrides are applied on top of `defaultTolerance`.
    public init(from decoder: Decoder) throws {
        try ManifestKeys.check(decoder, allowed: ["version", "hashAlgorithm", "defaultTolerance", "goldens"], what: "manifest key")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        guard version == Self.currentVersion else {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.version],
                                                    debugDescription: "unsupported manifest version \(version) (this clusterplot reads version \(Self.currentVersion))"))
        }
        hashAlgorithm = try c.decodeIfPresent(String.self, forKey: .hashAlgorithm) ?? PixelHash.algorithm
        defaultTolerance = try c.decodeIfPresent(Tolerance.self, forKey: .defaultTolerance)
        goldens = try c.decodeIfPresent([String: Entry].self, forKey: .goldens) ?? [:]
        // Per-golden overrides apply on top of the manifest-wide defaults.
        if let base = defaultTolerance {
            let raw = try c.decodeIfPresent([String: RawEntry].self, forKey: .goldens) ?? [:]
            for (name, r) in raw {
                if let o = r.tolerance { goldens[name]?.tolerance = try o.applied(to: base) }
            }
        }
    }

    /// The tolerance for a golden: its override, else the manifest default, else `fallback`.
    public func tolerance(for name: String, fallback: Tolerance = .default) -> Tolerance {
        goldens[name]?.tolerance ?? defaultTolerance ?? fallback
    }

    /// The file name inside a golden folder.
    public static let fileName = "manifest.json"

    /// Loads `manifest.json` from `directory`; an empty manifest when the file does not exist.
    public static func load(from directory: URL) throws -> GoldenManifest {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return GoldenManifest() }
        let data = Data(try ImageLoader.readBytes(atPath: url.path))
        do { return try JSONDecoder().decode(GoldenManifest.self, from: data) } catch {
            throw VisualDiffError.invalidManifest("\(url.path): \(describe(error))")
        }
    }

    /// The manifest as JSON: pretty-printed, sorted keys, trailing newline.
    public func encoded() throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try enc.encode(self)) + [0x0A]
    }

    /// Writes `manifest.json` into `directory` atomically.
    public func write(to directory: URL) throws {
        try AtomicFile.write(encoded(), to: directory.appendingPathComponent(Self.fileName))
    }
}

private struct RawEntry: Decodable {
    let tolerance: ToleranceOverride?
}

func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let c) where !c.codingPath.isEmpty:
        return "\(c.debugDescription) (at \(c.codingPath.map(\.stringValue).joined(separator: ".")))"
    case DecodingError.dataCorrupted(let c): return "invalid JSON (\(c.debugDescription))"
    case DecodingError.keyNotFound(let k, let c):
        return "missing \(k.stringValue) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
        return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
    default: return "\(error)"
    }
}
