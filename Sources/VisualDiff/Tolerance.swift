import Foundation

/// The rules that decide whether two images are "the same figure".
///
/// A comparison fails when any enabled rule fires (see `ImageComparison.failedRules`):
/// - `significant pixels`: more than `maxDiffPixels` pixels whose perceptual (YIQ) colour
///   difference exceeds `colorThreshold` and that are not excused — as anti-aliasing (pixelmatch's
///   detector, only for differences up to `antialiasingMaxDelta`) or as a 1-px move (`maxShift`);
/// - `tile RMS`: the worst `tileSize`×`tileSize` tile's RMS (excused pixels left out) exceeds
///   `maxTileRMS`, so a small local regression cannot hide in a global average;
/// - `RMS`: matplotlib's global RMS (0–255 scale, all channels) exceeds `maxRMS`.
///
/// `exact` replaces all of them with "decoded pixels must be identical".
public struct Tolerance: Hashable, Sendable, Codable {
    /// Decoded pixels must be identical; every other field is ignored.
    public var exact: Bool
    /// pixelmatch's per-pixel threshold on the YIQ colour difference, 0–1 (pixelmatch defaults to 0.1;
    /// ours is 0.05, since our renders are deterministic and AA noise is excused separately).
    public var colorThreshold: Double
    /// Significant (non-AA, above-threshold) pixels allowed.
    public var maxDiffPixels: Int
    /// Largest allowed RMS of the worst tile (0–255 scale); AA-excused pixels do not count.
    public var maxTileRMS: Double
    /// Largest allowed global RMS (matplotlib's `calculate_rms`, 0–255 scale); nil: no global rule.
    public var maxRMS: Double?
    /// Tile edge in pixels for the tile RMS.
    public var tileSize: Int
    /// Excuse anti-aliasing pixels (pixelmatch's detector) from the pixel count and the tile RMS.
    public var ignoresAntialiasing: Bool
    /// Anti-aliasing (pixelmatch's detector, or a sub-pixel move when `maxShift` is 1) may only excuse a
    /// pixel whose largest channel difference is at most this (0–255).
    public var antialiasingMaxDelta: Int
    /// Excuse a pixel when its whole 3×3 neighbourhood in the actual image equals (each channel
    /// within `shiftChannelTolerance`) the expected image's neighbourhood moved by one displacement of
    /// at most this many pixels (0 or 1): content that moved by a pixel, not content that changed.
    public var maxShift: Int
    /// Per-channel slack of the shift match (0–255).
    public var shiftChannelTolerance: Int

    /// The defaults: see docs/visual-testing.md for why each value.
    public init(exact: Bool = false, colorThreshold: Double = 0.05, maxDiffPixels: Int = 0,
                maxTileRMS: Double = 8, maxRMS: Double? = nil, tileSize: Int = 32,
                ignoresAntialiasing: Bool = true, antialiasingMaxDelta: Int = 128,
                maxShift: Int = 1, shiftChannelTolerance: Int = 8) {
        self.exact = exact; self.colorThreshold = colorThreshold; self.maxDiffPixels = maxDiffPixels
        self.maxTileRMS = maxTileRMS; self.maxRMS = maxRMS; self.tileSize = tileSize
        self.ignoresAntialiasing = ignoresAntialiasing; self.antialiasingMaxDelta = antialiasingMaxDelta
        self.maxShift = maxShift; self.shiftChannelTolerance = shiftChannelTolerance
    }

    /// The default tolerance.
    public static let `default` = Tolerance()
    /// Decoded pixels must be identical.
    public static let exactMatch = Tolerance(exact: true)

    enum CodingKeys: String, CodingKey {
        case exact, colorThreshold, maxDiffPixels, maxTileRMS, maxRMS, tileSize, ignoresAntialiasing, antialiasingMaxDelta, maxShift, shiftChannelTolerance
    }

    /// Decodes a partial tolerance: missing keys take their defaults, so a manifest override
    /// only names what it changes.
    public init(from decoder: Decoder) throws {
        self = try ToleranceOverride(from: decoder).applied(to: .default)
    }

    /// Encodes only the fields that differ from the defaults.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let d = Tolerance.default
        if exact != d.exact { try c.encode(exact, forKey: .exact) }
        if colorThreshold != d.colorThreshold { try c.encode(colorThreshold, forKey: .colorThreshold) }
        if maxDiffPixels != d.maxDiffPixels { try c.encode(maxDiffPixels, forKey: .maxDiffPixels) }
        if maxTileRMS != d.maxTileRMS { try c.encode(maxTileRMS, forKey: .maxTileRMS) }
        if maxRMS != d.maxRMS { try c.encode(maxRMS, forKey: .maxRMS) }
        if tileSize != d.tileSize { try c.encode(tileSize, forKey: .tileSize) }
        if ignoresAntialiasing != d.ignoresAntialiasing { try c.encode(ignoresAntialiasing, forKey: .ignoresAntialiasing) }
        if antialiasingMaxDelta != d.antialiasingMaxDelta { try c.encode(antialiasingMaxDelta, forKey: .antialiasingMaxDelta) }
        if maxShift != d.maxShift { try c.encode(maxShift, forKey: .maxShift) }
        if shiftChannelTolerance != d.shiftChannelTolerance { try c.encode(shiftChannelTolerance, forKey: .shiftChannelTolerance) }
    }

    /// Throws when a value is out of range.
    public func validate() throws {
        guard colorThreshold >= 0, colorThreshold <= 1 else {
            throw VisualDiffError.invalidTolerance("colorThreshold must be within 0–1, got \(colorThreshold)")
        }
        guard maxDiffPixels >= 0 else { throw VisualDiffError.invalidTolerance("maxDiffPixels must be ≥ 0") }
        guard maxTileRMS >= 0, maxTileRMS.isFinite else { throw VisualDiffError.invalidTolerance("maxTileRMS must be ≥ 0") }
        if let maxRMS { guard maxRMS >= 0, maxRMS.isFinite else { throw VisualDiffError.invalidTolerance("maxRMS must be ≥ 0") } }
        guard tileSize >= 4, tileSize <= 4096 else { throw VisualDiffError.invalidTolerance("tileSize must be within 4–4096") }
        guard (0...255).contains(antialiasingMaxDelta) else {
            throw VisualDiffError.invalidTolerance("antialiasingMaxDelta must be within 0–255")
        }
        guard (0...1).contains(maxShift) else { throw VisualDiffError.invalidTolerance("maxShift must be 0 or 1") }
        guard (0...255).contains(shiftChannelTolerance) else {
            throw VisualDiffError.invalidTolerance("shiftChannelTolerance must be within 0–255")
        }
    }
}

/// A tolerance as written in a manifest: only the fields it changes.
struct ToleranceOverride: Decodable, Sendable {
    var exact: Bool?
    var colorThreshold: Double?
    var maxDiffPixels: Int?
    var maxTileRMS: Double?
    var maxRMS: Double?
    var tileSize: Int?
    var ignoresAntialiasing: Bool?
    var antialiasingMaxDelta: Int?
    var maxShift: Int?
    var shiftChannelTolerance: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case exact, colorThreshold, maxDiffPixels, maxTileRMS, maxRMS, tileSize, ignoresAntialiasing, antialiasingMaxDelta, maxShift, shiftChannelTolerance
    }

    /// Decodes the fields present; a key that is not a tolerance field is an error (a misspelt key
    /// would otherwise silently leave the default in force).
    init(from decoder: Decoder) throws {
        try ManifestKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "tolerance key")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exact = try c.decodeIfPresent(Bool.self, forKey: .exact)
        colorThreshold = try c.decodeIfPresent(Double.self, forKey: .colorThreshold)
        maxDiffPixels = try c.decodeIfPresent(Int.self, forKey: .maxDiffPixels)
        maxTileRMS = try c.decodeIfPresent(Double.self, forKey: .maxTileRMS)
        maxRMS = try c.decodeIfPresent(Double.self, forKey: .maxRMS)
        tileSize = try c.decodeIfPresent(Int.self, forKey: .tileSize)
        ignoresAntialiasing = try c.decodeIfPresent(Bool.self, forKey: .ignoresAntialiasing)
        antialiasingMaxDelta = try c.decodeIfPresent(Int.self, forKey: .antialiasingMaxDelta)
        maxShift = try c.decodeIfPresent(Int.self, forKey: .maxShift)
        shiftChannelTolerance = try c.decodeIfPresent(Int.self, forKey: .shiftChannelTolerance)
    }

    /// `base` with this override's fields replaced; validated.
    func applied(to base: Tolerance) throws -> Tolerance {
        var t = base
        if let v = exact { t.exact = v }
        if let v = colorThreshold { t.colorThreshold = v }
        if let v = maxDiffPixels { t.maxDiffPixels = v }
        if let v = maxTileRMS { t.maxTileRMS = v }
        if let v = maxRMS { t.maxRMS = v }
        if let v = tileSize { t.tileSize = v }
        if let v = ignoresAntialiasing { t.ignoresAntialiasing = v }
        if let v = antialiasingMaxDelta { t.antialiasingMaxDelta = v }
        if let v = maxShift { t.maxShift = v }
        if let v = shiftChannelTolerance { t.shiftChannelTolerance = v }
        try t.validate()
        return t
    }
}

/// Errors raised by VisualDiff.
public enum VisualDiffError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file could not be read or decoded; the message names the file.
    case unreadable(String)
    /// A tolerance value is out of range.
    case invalidTolerance(String)
    /// The golden manifest is malformed.
    case invalidManifest(String)
    /// A refused or failed golden update.
    case update(String)

    /// A Foundation error in plain words (`No such file or directory`), never its
    /// `NSCocoaErrorDomain` text: the POSIX reason underneath when there is one.
    public static func reason(_ error: Error) -> String {
        if let e = error as? VisualDiffError { return e.description }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(u.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            case NSFileWriteFileExistsError: return "a file of that name exists"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            default: return "file operation failed (code \(ns.code))"
            }
        }
        return "\(error)"
    }

    /// The message, naming the file where there is one.
    public var description: String {
        switch self {
        case .unreadable(let m), .invalidManifest(let m), .update(let m): return m
        case .invalidTolerance(let m): return "invalid tolerance: \(m)"
        }
    }
}

/// The key check of manifest objects: JSONDecoder ignores unknown keys, the manifest does not.
enum ManifestKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws `dataCorrupted` naming the first key of the object that is not in `allowed`.
    static func check(_ decoder: Decoder, allowed: [String], what: String) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        for k in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(k.stringValue) {
            let near = allowed.min { distance(k.stringValue, $0) < distance(k.stringValue, $1) }
            let hint = near.map { distance(k.stringValue, $0) <= 3 ? "; did you mean '\($0)'?" : "" } ?? ""
            let shown = k.stringValue.count > 60 ? String(k.stringValue.prefix(60)) + "…" : k.stringValue
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [k],
                                                    debugDescription: "unknown \(what) '\(shown.unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined())'\(hint.isEmpty ? "; expected one of \(allowed.joined(separator: ", "))" : hint)"))
        }
    }

    /// Edit distance (insertions, deletions, substitutions), case-insensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased().unicodeScalars), b = Array(b.lowercased().unicodeScalars)
        var prev = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return a.isEmpty ? b.count : prev[b.count]
    }
}
