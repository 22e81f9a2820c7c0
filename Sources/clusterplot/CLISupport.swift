import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Plotting
import VisualDiff

/// Small helpers shared by the gallery commands (printing and argument conversion only).
enum CLISupport {
    /// Prints one problem line: control characters escaped and over-long lines shortened, so
    /// whatever text reaches here stays one line (``Echo/line(_:limit:)``).
    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((Echo.line(readable(line)) + "\n").utf8))
    }

    /// A problem in a `--set` argument, whose "file" is the argument (`--set figure.dpi=0:1:18: …`,
    /// where the value runs into the place), shown with the argument quoted apart from its place:
    /// `--set 'figure.dpi=0':1:18: …` (the column counts in `--set figure.dpi=0`).
    static func readable(_ line: String) -> String {
        guard line.hasPrefix("--set "),
              let r = line.range(of: #":1:[0-9]+: "#, options: .regularExpression) else { return line }
        let argument = line[line.index(line.startIndex, offsetBy: 6)..<r.lowerBound]
        return "--set '\(argument)'\(line[r.lowerBound...])"
    }

    /// Creates an output folder (with parents) and checks it is writable; a failure prints one
    /// plain line (`PATH:1:1: cannot create the output folder (Not a directory)`) and ends with status 2.
    /// Returns the folders it created, outermost first (``removeIfEmpty(_:)`` takes them back when
    /// nothing was written into them).
    @discardableResult
    static func prepareFolder(_ path: String) throws -> [String] {
        var missing: [String] = []
        var p = (path as NSString).standardizingPath
        while !p.isEmpty && p != "/" && p != "." && !FileManager.default.fileExists(atPath: p) {
            missing.insert(p, at: 0)
            p = (p as NSString).deletingLastPathComponent
        }
        if !missing.isEmpty, let reason = Folders.create(path) {
            removeIfEmpty(missing)
            stderr("\(path):1:1: cannot create the output folder (\(reason))")
            throw ExitCode(2)
        }
        do { try Gallery.prepareOutputDirectory(path) } catch {
            removeIfEmpty(missing)
            stderr("\(error)"); throw ExitCode(2)
        }
        return missing
    }

    /// Removes `folders` (outermost first) innermost first, each only if it is empty: a command that
    /// wrote nothing leaves no folder it made behind.
    static func removeIfEmpty(_ folders: [String]) {
        for f in folders.reversed() where rmdir(f) != 0 { return }
    }

    static func printError(_ e: ConfigError) { stderr(e.description) }

    /// Parses `--set` arguments; a malformed one ends the command with status 2.
    static func parseOverrides(_ args: [String]) throws -> [Override] {
        var out: [Override] = []
        for a in args {
            do { out.append(try Override(parsing: a)) } catch let e as ConfigError {
                printError(e)
                throw ExitCode(2)
            }
        }
        return out
    }
}

extension CLISupport {
    /// Prints an error of any command the one way the CLI does — one `FILE:LINE:COLUMN: message`
    /// line per problem on stderr — and returns the exit status: 2 for an invalid config or input,
    /// 1 for anything else.
    static func report(_ error: Error, file: String) -> Int32 {
        switch error {
        case let e as ConfigErrors:
            e.errors.forEach(printError)
            return 2
        case let e as ConfigError:
            printError(e)
            return 2
        case let e as GalleryError:
            stderr(e.description)
            return e.isInputError ? 2 : 1
        case let e as ResourceError:
            stderr(e.description)
            return 1
        default:
            stderr("\(file):1:1: \(error)")
            return 1
        }
    }
}

extension CLISupport {
    /// Writes one output file atomically (creating the default output folder when asked); a failure
    /// prints one line and ends the command with status 1, leaving no partial file.
    static func write(_ bytes: [UInt8], to path: String, creatingFolder: Bool) throws {
        let url = URL(fileURLWithPath: path)
        do {
            if creatingFolder, let reason = Folders.create(url.deletingLastPathComponent().path) {
                stderr("\(path):1:1: cannot create the folder \(url.deletingLastPathComponent().path) (\(reason))")
                throw ExitCode(1)
            }
            try AtomicFile.write(bytes, to: url)
        } catch let e as ExitCode {
            throw e
        } catch let e as OutputError where e.reason != nil {
            stderr("\(path):1:1: cannot write (\(e.reason!))")
            throw ExitCode(1)
        } catch let e as GalleryError {
            stderr(e.description)
            throw ExitCode(1)
        } catch {
            stderr("\(path):1:1: cannot write (\(error))")
            throw ExitCode(1)
        }
    }
}

/// `--set KEY=VALUE` (repeatable) and `--budget`, shared by every command that reads a figure config.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config key, e.g. data.blobs.samples=500 (repeatable).", valueName: "key=value"))
    var values: [String] = []

    @Option(name: .long, help: ArgumentHelp("Raise (or lower) the analyses' work budget, in operations (clustering.budget; default 1e12).",
                                            valueName: "operations"))
    var budget: String?

    /// The parsed overrides; a malformed one ends the command with status 2.
    func parsed() throws -> [Override] {
        var out = try CLISupport.parseOverrides(values)
        if let budget { out.append(Override(path: ["clustering", "budget"], value: budget, label: "--budget \(budget)")) }
        return out
    }
}

extension OutputFormat: ExpressibleByArgument {
    /// A format by name (`png`).
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
