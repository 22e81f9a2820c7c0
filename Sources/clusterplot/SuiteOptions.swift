import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Plotting
import VisualDiff

/// Where `check` and `update` find configs and goldens: the project file, or flags.
struct SuiteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Project file (default: the nearest clusterplot.yaml at or above the working folder).", valueName: "file"),
            completion: .file(extensions: ["yaml"]))
    var project: String?
    @Option(help: ArgumentHelp("Config folder (searched recursively), file or glob (repeatable); with --golden, replaces the project file.",
                               valueName: "path"), completion: .file(extensions: ["yaml", "yml"]))
    var configs: [String] = []
    @Option(help: ArgumentHelp("Folder of golden images and manifest.json.", valueName: "dir"), completion: .directory)
    var golden: String?
    @Option(help: ArgumentHelp("Comma-separated formats to compare (default: each config's output.formats).", valueName: "formats"),
            completion: .list(OutputFormat.allValueStrings))
    var formats: String?
    @Flag(help: "Also keep and compare each config's `clusterplot data` numbers (before any pixel).")
    var numbers = false
    @Option(help: ArgumentHelp("Check only part I of N of the configs (for CI matrices), e.g. 2/4.", valueName: "i/n"))
    var shard: String?
    @Option(help: ArgumentHelp("Only this config (its path as shown in the output; repeatable).", valueName: "config"),
            completion: .file(extensions: ["yaml", "yml"]))
    var only: [String] = []
    @Option(help: "Configs rendered at once (default: one per core).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    /// The arguments that select the same suite again (for the hint that accepts a failure).
    var selectionArguments: [String] {
        var a: [String] = []
        if let project { a += ["--project", project] }
        for c in configs { a += ["--configs", c] }
        if let golden { a += ["--golden", golden] }
        if let formats { a += ["--formats", formats] }
        if numbers { a.append("--numbers") }
        return a
    }
}

/// Everything a check or update needs, from the project file and the flags (flags win).
struct SuiteSettings {
    var suite: GoldenSuite
    var project: ProjectFile?
    var tolerance: Tolerance
    /// Builds the settings; a problem is printed and ends the command with status 2.
    static func resolve(_ o: SuiteOptions, tolerance flags: ToleranceOptions) throws -> SuiteSettings {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var project: ProjectFile?
        if o.project != nil || (o.configs.isEmpty && o.golden == nil) {
            let url: URL
            if let p = o.project {
                url = URL(fileURLWithPath: p, relativeTo: cwd).standardizedFileURL
            } else if let found = ProjectFile.find(from: cwd) {
                url = found
            } else {
                printError("no \(ProjectFile.fileName) in \(cwd.path) or any folder above it: create one (`clusterplot init project > \(ProjectFile.fileName)`) or pass --configs and --golden")
                throw ExitCode(2)
            }
            do { project = try ProjectFile.load(url, shownAs: o.project ?? GoldenDiscovery.relative(url.path, to: cwd.path)) } catch {
                throw ExitCode(CLISupport.report(error, file: url.path))
            }
        } else if o.configs.isEmpty || o.golden == nil {
            printError(o.golden == nil ? "--configs needs --golden (the folder of goldens), or a \(ProjectFile.fileName)" : "--golden needs --configs (the configs to check), or a \(ProjectFile.fileName)")
            throw ExitCode(2)
        }
        let base = project?.directory ?? cwd
        let configs = o.configs.isEmpty ? project!.configs : o.configs
        let goldenPath = o.golden.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
            ?? URL(fileURLWithPath: project!.resolve(project!.goldens))
        var formats: [String]? = project?.formats
        if let f = o.formats {
            formats = f.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            for name in formats! where OutputFormat(rawValue: name) == nil {
                printError("--formats: unknown format \(Echo.quoted(name)); formats: \(OutputFormat.allValueStrings.joined(separator: ", "))")
                throw ExitCode(2)
            }
        }
        do {
            let targets = try GoldenDiscovery.targets(patterns: o.configs.isEmpty ? configs : configs.map { relativeTo(base, $0, cwd) },
                                                      base: base, excluding: project?.exclude ?? [], skipping: [goldenPath])
                .filter { $0.config.standardizedFileURL.path != base.appendingPathComponent(ProjectFile.fileName).standardizedFileURL.path }
            var tol = Tolerance.default
            if let p = project { tol = try flagsTolerance(p.tolerance).tolerance() }
            tol = try flags.tolerance(base: tol)
            let numbers = o.numbers || (project?.numbers ?? false)
            let renderer = FigureRendering.make(formats: formats, numbers: numbers, display: Dictionary(targets.map { ($0.config.path, $0.displayPath) }, uniquingKeysWith: { a, _ in a }))
            var suite = GoldenSuite(targets: targets, golden: goldenPath, renderer: renderer, defaultTolerance: tol,
                                    forcesExact: tol.exact, formats: formats, jobs: o.jobs)
            if let s = o.shard { suite.shard = try GoldenShard(parsing: s) }
            suite.only = o.only
            suite.ignoredGoldens = project?.ignore ?? []
            return SuiteSettings(suite: suite, project: project, tolerance: tol)
        } catch {
            printError(VisualDiffError.reason(error)); throw ExitCode(2)
        }
    }

    /// A --configs path given on the command line, relative to the working folder, as seen from `base`.
    static func relativeTo(_ base: URL, _ path: String, _ cwd: URL) -> String {
        path.hasPrefix("/") || base.path == cwd.path ? path : cwd.appendingPathComponent(path).path
    }

    /// The project file's tolerance as the flags would give it.
    static func flagsTolerance(_ t: [String: String]) throws -> ToleranceOptions {
        var args: [String] = []
        for (k, v) in t.sorted(by: { $0.key < $1.key }) {
            let flag = "--" + k.replacingOccurrences(of: "_", with: "-")
            args += v == "true" ? [flag] : [flag, v]
        }
        return try ToleranceOptions.parse(args)
    }
}

/// Where `check` and `update` get rendered figures from: the Gallery pipeline.
enum FigureRendering {
    /// Renders a config to each of `formats` (default: the config's own `output.formats`), and to
    /// its `clusterplot data` JSON under `numbers` when asked (the `config` entry is the path as shown).
    static func make(formats: [String]?, numbers: Bool, display: [String: String]) -> FigureRenderer {
        let cwd = FileManager.default.currentDirectoryPath
        return { config in
            var overrides: [Override] = []
            if let formats { overrides.append(Override(path: ["output", "formats"], commaSeparated: formats.joined(separator: ","), label: "--formats \(formats.joined(separator: ","))")) }
            let spec = try FigureLoader.load(path: GoldenDiscovery.relative(config.path, to: cwd), overrides: overrides)
            let data = try FigureData.compute(spec, threads: 1)
            let figure = try FigureBuilder.figure(for: spec, data: data)
            var out: [String: [UInt8]] = [:]
            for f in spec.output.formats { out[f.rawValue] = try figure.render(format: f) }
            if numbers {
                guard case .object(var pairs) = data.json(spec: spec) else { return out }
                if let i = pairs.firstIndex(where: { $0.0 == "config" }) { pairs[i].1 = .string(display[config.path] ?? spec.file) }
                out["numbers"] = Array((JSONValue.object(pairs).serialized(indent: 1) + "\n").utf8)
            }
            return out
        }
    }
}

extension ToleranceOptions {
    /// The tolerance flags as given, for the hint that accepts a failure.
    var arguments: [String] {
        var a: [String] = []
        if exact { a.append("--exact") }
        if let threshold { a += ["--threshold", "\(threshold)"] }
        if let maxDiffPixels { a += ["--max-diff-pixels", "\(maxDiffPixels)"] }
        if let maxTileRMS { a += ["--max-tile-rms", "\(maxTileRMS)"] }
        if let maxRMS { a += ["--max-rms", "\(maxRMS)"] }
        if let tileSize { a += ["--tile-size", "\(tileSize)"] }
        if countsAntialiasing { a.append("--count-antialiasing") }
        if let antialiasingMaxDelta { a += ["--aa-max-delta", "\(antialiasingMaxDelta)"] }
        if let maxShift { a += ["--max-shift", "\(maxShift)"] }
        return a
    }
}

/// Shell quoting for printed command lines.
enum Shell {
    /// `arg` as a shell word: unchanged when safe, else in single quotes.
    static func quote(_ arg: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=,:@%+-")
        if !arg.isEmpty && arg.allSatisfy({ safe.contains($0) }) { return arg }
        return "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A command line from words.
    static func line(_ words: [String]) -> String { words.map(quote).joined(separator: " ") }
}
