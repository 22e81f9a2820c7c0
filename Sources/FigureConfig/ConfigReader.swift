import Foundation

/// Collects the problems of one config while it is decoded, so that every problem is reported at
/// once instead of stopping at the first. Typed reads go through ``ConfigValue`` and
/// ``ConfigMapping``, which carry their key path and report here.
public final class ConfigReader {
    /// The problems found so far, in the order found (duplicates dropped).
    public private(set) var errors: [ConfigError] = []
    /// Mappings that had unknown keys: a missing required key there is most likely the misspelt one.
    private var mappingsWithUnknownKeys: Set<SourceLocation> = []
    /// Problems already recorded, so that a problem reached twice is reported once (a set, not a
    /// scan of every earlier error).
    private var seen: Set<ConfigError> = []

    /// Creates an empty reader.
    public init() {}

    /// The largest coordinate magnitude a config may give (limits, centres, bounds).
    public static let maxCoordinate = 1e100

    /// Problems that do not stop the config (it still renders), printed as warnings (each once, at
    /// most ``maxReported``).
    public private(set) var warnings: [ConfigError] = []
    private var warningKeys: Set<String> = []

    /// Records a warning at `location` with the key path `path` (a repeat of the same warning is dropped).
    public func warn(_ message: String, at location: SourceLocation, _ path: String) {
        guard warnings.count < Self.maxReported else { return }
        let e = ConfigError(message, at: location, keyPath: path)
        if warningKeys.insert(e.description).inserted { warnings.append(e) }
    }

    /// The most problems reported for one config; the rest are counted in one last line
    /// ("… and 39,990 more problems").
    public static let maxReported = 100
    /// The most unknown keys reported one by one in one mapping; the rest are counted in one line.
    public static let maxUnknownKeysPerMapping = 10
    /// Problems past ``maxReported``: how many, and where the first was.
    private var suppressed = 0
    private var firstSuppressed: SourceLocation?

    /// Records a problem at `location` with the key path `path`.
    public func fail(_ message: String, at location: SourceLocation, _ path: String) {
        let e = ConfigError(message, at: location, keyPath: path)
        guard !seen.contains(e) else { return }
        guard errors.count < Self.maxReported else {
            if suppressed == 0 { firstSuppressed = location }
            suppressed += 1
            return
        }
        seen.insert(e)
        errors.append(e)
    }

    /// `39,990`: a count with thousands separators, for messages.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// Records a problem at a node.
    public func fail(_ message: String, _ node: ConfigNode, _ path: String) { fail(message, at: node.location, path) }

    /// Reports a missing required key, unless the mapping had an unknown (probably misspelt) key.
    public func missing(_ message: String, _ node: ConfigNode, _ path: String) {
        if !mappingsWithUnknownKeys.contains(node.location) { fail(message, node, path) }
    }

    /// A value to read, with its key path.
    public func value(_ node: ConfigNode, _ path: String) -> ConfigValue { ConfigValue(reader: self, node: node, path: path) }

    /// Notes that the mapping at `location` had a key the reader did not know.
    func noteUnknownKey(in location: SourceLocation) { mappingsWithUnknownKeys.insert(location) }

    /// `'a', 'b', 'c'` for messages.
    public func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    /// A number as a config would write it (`3`, `0.5`).
    public func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// `path.key`, or `key` at the top level.
    public static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Errors in file order: the config's own problems by line and column, then those in other files
    /// (CSV) and in `--set` arguments, each group in the order found.
    public func errorsInFileOrder(primaryFile file: String) -> [ConfigError] {
        var ordered = errors.enumerated().sorted { a, b in
            let fa = a.element.location.file == file ? 0 : 1, fb = b.element.location.file == file ? 0 : 1
            if fa != fb { return fa < fb }
            if fa == 0, a.element.location.line != b.element.location.line { return a.element.location.line < b.element.location.line }
            if fa == 0, a.element.location.column != b.element.location.column { return a.element.location.column < b.element.location.column }
            return a.offset < b.offset
        }.map(\.element)
        if suppressed > 0, let at = firstSuppressed {
            ordered.append(ConfigError("… and \(Self.count(suppressed)) more problem\(suppressed == 1 ? "" : "s") (only the first \(Self.maxReported) are reported)", at: at))
        }
        return ordered
    }
}
