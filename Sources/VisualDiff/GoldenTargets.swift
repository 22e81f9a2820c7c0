import Foundation

/// One config of a golden suite and where its goldens go.
public struct GoldenTarget: Sendable, Hashable {
    /// The config file.
    public var config: URL
    /// The goldens' path inside the golden folder without extension, mirroring the config's path
    /// below the folder or glob that found it (`sub/anomaly` for `figures/sub/anomaly.yaml`).
    public var name: String
    /// The config path as shown to people and CI systems (relative to the project, when there is one).
    public var displayPath: String

    /// A target; see the properties.
    public init(config: URL, name: String, displayPath: String) {
        self.config = config; self.name = name; self.displayPath = displayPath
    }
}

/// Finds the configs of a suite: folders (recursively), files and globs (`*`, `?`, `[…]` within a
/// path segment, `**` for any number of segments).
public enum GoldenDiscovery {
    /// The targets for `patterns`, resolved against `base`, sorted by golden name. A folder stands for
    /// every `*.yaml`/`*.yml` below it (hidden folders and files skipped); its configs' goldens mirror
    /// their path below it. A glob's goldens mirror the path below its first wildcard segment; a
    /// file's golden is its stem. Configs under `skipping` folders (the golden folder) and configs
    /// matching an `excluding` glob (relative to `base`) are left out. Two configs that would share
    /// a golden are refused, as are patterns that find nothing.
    public static func targets(patterns: [String], base: URL, excluding: [String] = [], skipping: [URL] = []) throws -> [GoldenTarget] {
        var out: [GoldenTarget] = []
        var seen = Set<String>()
        let skipped = Set(skipping.map { $0.standardizedFileURL.path })
        for pattern in patterns {
            let found = try expand(pattern, base: base, skipping: skipped)
            if found.isEmpty { throw VisualDiffError.unreadable("\(pattern): no *.yaml or *.yml configs found") }
            for (url, name) in found {
                let display = relative(url.path, to: base.path)
                guard !excluding.contains(where: { Glob.matches($0, display) }) else { continue }
                guard seen.insert(url.standardizedFileURL.path).inserted else { continue }
                out.append(GoldenTarget(config: url, name: name, displayPath: display))
            }
        }
        var byName: [String: String] = [:]
        for t in out {
            if let other = byName[t.name] {
                throw VisualDiffError.unreadable("\(other) and \(t.displayPath) would share the goldens '\(t.name).*'; list their folders rather than globs that cut their paths, or exclude one")
            }
            byName[t.name] = t.displayPath
        }
        return out.sorted { $0.name < $1.name }
    }

    static func isConfig(_ name: String) -> Bool { (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix(".") }

    static func stem(_ path: String) -> String {
        path.hasSuffix(".yaml") ? String(path.dropLast(5)) : path.hasSuffix(".yml") ? String(path.dropLast(4)) : path
    }

    /// (config, golden name) pairs for one pattern.
    static func expand(_ pattern: String, base: URL, skipping: Set<String>) throws -> [(URL, String)] {
        let absolute = pattern.hasPrefix("/") ? URL(fileURLWithPath: pattern) : base.appendingPathComponent(pattern)
        if !Glob.hasWildcard(pattern) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute.path, isDirectory: &isDir) else {
                throw VisualDiffError.unreadable("\(pattern): no such file or folder")
            }
            if !isDir.boolValue { return [(absolute, stem(absolute.lastPathComponent))] }
            return try walk(absolute, skipping: skipping).filter { isConfig(URL(fileURLWithPath: $0).lastPathComponent) }
                .map { (absolute.appendingPathComponent($0), stem($0)) }
        }
        // The fixed folder before the first wildcard segment, then every file below it that matches.
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let fixed = segments.prefix { !Glob.hasWildcard($0) }
        let rest = segments.dropFirst(fixed.count).joined(separator: "/")
        var root = pattern.hasPrefix("/") ? URL(fileURLWithPath: "/") : base
        for s in fixed { root.appendPathComponent(s) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else { return [] }
        return try walk(root, skipping: skipping)
            .filter { isConfig(URL(fileURLWithPath: $0).lastPathComponent) && Glob.matches(rest, $0) }
            .map { (root.appendingPathComponent($0), stem($0)) }
    }

    /// Every regular file below `root`, as sorted paths relative to it (hidden entries and `skipping`
    /// folders left out; symbolic links to folders are not followed).
    public static func walk(_ root: URL, skipping: Set<String> = []) throws -> [String] {
        var out: [String] = []
        func visit(_ dir: URL, _ prefix: String) throws {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: dir.path) } catch {
                throw VisualDiffError.unreadable("\(dir.path): cannot list the folder (\(VisualDiffError.reason(error)))")
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let url = dir.appendingPathComponent(name)
                var st = stat()
                guard lstat(url.path, &st) == 0 else { continue }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    if !skipping.contains(url.standardizedFileURL.path) { try visit(url, prefix + name + "/") }
                } else if (st.st_mode & S_IFMT) == S_IFREG || (st.st_mode & S_IFMT) == S_IFLNK {
                    out.append(prefix + name)
                }
            }
        }
        try visit(root, "")
        return out
    }

    /// `path` relative to `base` when it lies below it, else `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let p = URL(fileURLWithPath: path).standardizedFileURL.path, b = URL(fileURLWithPath: base).standardizedFileURL.path
        if p == b { return "." }
        let prefix = b.hasSuffix("/") ? b : b + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
    }
}

/// Path globs: `*`, `?` and `[…]` match within one segment (fnmatch), `**` any number of segments.
public enum Glob {
    /// Whether `s` has a wildcard character.
    public static func hasWildcard(_ s: String) -> Bool { s.contains { "*?[".contains($0) } }

    /// Whether the relative `path` matches `pattern`.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = pattern.split(separator: "/").map(String.init), s = path.split(separator: "/").map(String.init)
        return match(p[...], s[...])
    }

    static func match(_ p: ArraySlice<String>, _ s: ArraySlice<String>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == "**" {
            var rest = s
            while true {
                if match(p.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = s.first, fnmatch(first, segment, FNM_PERIOD) == 0 else { return false }
        return match(p.dropFirst(), s.dropFirst())
    }
}
