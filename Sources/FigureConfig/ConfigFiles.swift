import Foundation

/// Finds config files from command-line paths.
public enum ConfigFiles {
    /// The UTF-8 text of a config file, or a located error saying why it cannot be read
    /// (`what` names the kind of file in the message: "config", "document config").
    public static func readText(atPath path: String, what: String) throws(ConfigErrors) -> String {
        // FileBytes refuses FIFOs and devices ("not a regular file") instead of blocking on them.
        let data: [UInt8]
        switch FileBytes.read(path) {
        case let .success(bytes): data = bytes
        case let .failure(f):
            throw ConfigErrors([ConfigError("cannot read the \(what) (\(f.reason))", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        guard let text = String(data: Data(data), encoding: .utf8) else {
            throw ConfigErrors([ConfigError("the \(what) is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        return text
    }

    /// Expands each path: a file stays as it is; a folder gives its `*.yaml` and `*.yml` files
    /// (not recursive), sorted by name. Missing paths and empty folders are reported as errors
    /// (`PATH:1:1: …`) alongside the files that were found. A file named twice is kept once.
    public static func expand(_ paths: [String]) -> (files: [String], errors: [ConfigError]) {
        var files: [String] = []
        var errors: [ConfigError] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(ConfigError("no such file or folder", at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            if !isDir.boolValue { files.append(path); continue }
            let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? [])
                .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
                .sorted()
            if names.isEmpty {
                errors.append(ConfigError("the folder has no *.yaml or *.yml configs", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            let dir = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += names.map { "\(dir)/\($0)" }
        }
        // The same file named twice (directly or through its folder) is processed once.
        var seen = Set<String>()
        files = files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
        return (files, errors)
    }
}
