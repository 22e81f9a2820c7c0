import FigureConfig
import Foundation
import Plotting
import VisualDiff

/// `clusterplot.yaml`: what `check` and `update` check in a repository, so neither needs flags.
/// Found in the working folder or the nearest folder above it; every path in it is relative to its
/// own folder.
struct ProjectFile {
    /// The file name looked for.
    static let fileName = "clusterplot.yaml"

    /// Tolerance keys (the `check` flags without their dashes).
    static let toleranceKeys: [ConfigKey] = [
        ConfigKey("exact", .boolean, "decoded pixels must be identical"),
        ConfigKey("threshold", .number(0...1), "per-pixel YIQ colour threshold (default 0.05)"),
        ConfigKey("max_diff_pixels", .integer(min: 0, max: nil), "significant pixels allowed (default 0)"),
        ConfigKey("max_tile_rms", .number(0...255), "largest RMS of the worst tile (default 8)"),
        ConfigKey("max_rms", .number(0...255), "largest global RMS (off by default)"),
        ConfigKey("tile_size", .integer(4...4096), "tile edge in pixels (default 32)"),
        ConfigKey("count_antialiasing", .boolean, "do not excuse anti-aliasing pixels"),
        ConfigKey("aa_max_delta", .integer(0...255), "largest channel difference anti-aliasing may excuse (default 128)"),
        ConfigKey("max_shift", .integer(0...1), "excuse content moved by up to this many pixels (default 1)"),
    ]

    /// The project file's keys.
    static let keys: [ConfigKey] = [
        ConfigKey("configs", .anyOf([.text, .list(.text, count: nil)]), "folders (searched recursively), config files or globs"),
        ConfigKey("exclude", .list(.text, count: nil), "globs of config paths to leave out"),
        ConfigKey("goldens", .text, "folder of goldens and manifest.json"),
        ConfigKey("formats", .list(.choice(OutputFormat.allCases.map(\.rawValue)), count: nil), "formats compared (default: each config's output.formats)"),
        ConfigKey("numbers", .boolean, "also keep and compare each config's `clusterplot data` numbers"),
        ConfigKey("tolerance", .mapping(toleranceKeys), "tolerances for every golden (the manifest's own still win)"),
        ConfigKey("report", .text, "folder for the HTML report of `check`"),
        ConfigKey("junit", .text, "file for the JUnit XML of `check`"),
        ConfigKey("results", .text, "folder for expected/actual/diff PNGs and summary.json"),
        ConfigKey("ignore", .list(.text, count: nil), "globs of golden paths that are not orphans"),
    ]

    var file: String
    var directory: URL
    var configs: [String] = []
    var exclude: [String] = []
    var goldens = ""
    var formats: [String]?
    var numbers = false
    var tolerance: [String: String] = [:]
    var report: String?
    var junit: String?
    var results: String?
    var ignore: [String] = []

    /// The nearest `clusterplot.yaml` at or above `start`.
    static func find(from start: URL) -> URL? {
        var dir = start.standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(fileName)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Reads and checks a project file; every problem is a located error.
    static func load(_ url: URL, shownAs path: String) throws(ConfigErrors) -> ProjectFile {
        let text = try ConfigFiles.readText(atPath: url.path, what: "project file")
        let root: ConfigNode
        do { root = try ConfigNode.parse(yaml: text, file: path) } catch let e as ConfigError {
            throw ConfigErrors([e])
        } catch {
            throw ConfigErrors([ConfigError("\(error)", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        let r = ConfigReader()
        var p = ProjectFile(file: path, directory: url.deletingLastPathComponent())
        func texts(_ v: ConfigValue) -> [String] {
            if v.isScalar { return v.string().map { [$0] } ?? [] }
            return (v.items(what: "a list of paths") ?? []).compactMap { $0.string() }
        }
        if let m = r.value(root, "").mapping(keys, what: "a project file") {
            if let c = m["configs"] { p.configs = texts(c); if p.configs.isEmpty { c.fail("needs at least one folder, file or glob") } }
            else { m.missing("a project file needs 'configs': the folders, files or globs of your figure configs") }
            if let e = m["exclude"] { p.exclude = texts(e) }
            if let g = m["goldens"] { p.goldens = g.string() ?? "" } else { m.missing("a project file needs 'goldens': the folder of golden images") }
            if let f = m["formats"], let items = f.items(what: "a list of formats") {
                p.formats = items.compactMap { $0.choice(OutputFormat.allCases.map(\.rawValue)) }
            }
            p.numbers = m.bool("numbers") ?? false
            if let t = m.mapping("tolerance", toleranceKeys) {
                for k in t.keysInOrder {
                    guard let v = t[k] else { continue }
                    switch k {
                    case "exact", "count_antialiasing": if let b = v.bool(), b { p.tolerance[k] = "true" }
                    case "max_diff_pixels", "tile_size", "aa_max_delta", "max_shift":
                        let bounds: (Int, Int?) = k == "tile_size" ? (4, 4096) : k == "aa_max_delta" ? (0, 255) : k == "max_shift" ? (0, 1) : (0, nil)
                        if let i = v.int(min: bounds.0, max: bounds.1) { p.tolerance[k] = String(i) }
                    default:
                        if let d = v.double(min: 0, max: k == "threshold" ? 1 : 255) { p.tolerance[k] = String(d) }
                    }
                }
            }
            p.report = m.string("report"); p.junit = m.string("junit"); p.results = m.string("results")
            if let i = m["ignore"] { p.ignore = texts(i) }
        }
        if !r.errors.isEmpty { throw ConfigErrors(r.errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }) }
        return p
    }

    /// A path of the project file made usable from the working folder.
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).standardizedFileURL.path
    }

    /// A commented starter project file (`clusterplot init project`).
    static let starter = """
    # clusterplot.yaml — what `clusterplot check` and `clusterplot update` check in this repository.
    # Found from any folder below this one; paths are relative to this file.
    configs: [figures]          # folders (searched recursively), config files or globs like figures/**/*.yaml
    goldens: figures/golden     # goldens mirror the configs' paths: figures/sub/a.yaml -> figures/golden/sub/a.png
    # formats: [png, svg]       # default: each config's own output.formats
    # numbers: true             # also keep each config's `clusterplot data` numbers and compare them first
    # tolerance: {max_diff_pixels: 0, max_tile_rms: 8}
    # exclude: [figures/drafts/**]
    # ignore: [handouts/**]     # golden files that no config makes but that are not orphans
    report: visual-report       # check writes visual-report/index.html
    junit: visual-junit.xml
    results: visual-results     # expected/actual/diff PNGs of failures and summary.json

    """
}
