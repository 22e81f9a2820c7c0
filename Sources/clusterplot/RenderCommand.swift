import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Plotting

/// `clusterplot render PATH... [--out DIR] [--format png,pdf,svg] [--dpi N] [--set K=V]...`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render configs to PNG, PDF or SVG.",
        discussion: """
        PATH is a config file or a folder of them (every *.yaml and *.yml). Each config writes \
        DIR/<config file stem>.<format> (or output.name). Folders render in parallel on all cores. \
        Exit status: 0 all rendered, 2 some config or input invalid (nothing written for it), 1 other failure.
        """
    )

    @Argument(help: "Config files or folders of configs.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Output folder (created if missing).", valueName: "dir"))
    var out = "out"

    @Option(name: .long, help: ArgumentHelp("Comma-separated formats: \(OutputFormat.allValueStrings.joined(separator: ", ")) (default: the config's output.formats, else png).",
                                            valueName: "formats"),
            completion: .list(OutputFormat.allValueStrings))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Raster resolution in dots per inch (overrides output.dpi).", valueName: "n"))
    var dpi: String?

    @OptionGroup var overrides: OverrideOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func run() throws {
        var parsed = try overrides.parsed()
        if let format {
            // Checked by the config decoder, so a wrong name gets the same located message as in a config.
            parsed.append(Override(path: ["output", "formats"], commaSeparated: format, label: "--format \(format)"))
        }
        if let dpi { parsed.append(Override(path: ["output", "dpi"], value: dpi, label: "--dpi \(dpi)")) }
        let (files, pathErrors) = ConfigFiles.expand(paths)
        pathErrors.forEach(CLISupport.printError)
        let made = try CLISupport.prepareFolder(out)
        let start = Date()
        let tty = isatty(2) == 1 && !quiet
        let total = files.count
        let outcomes = Gallery.renderBatch(files, overrides: parsed, directory: out) { outcome, done in
            if tty {
                let width = 24
                let filled = total == 0 ? width : done * width / total
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                let name = URL(fileURLWithPath: outcome.file).lastPathComponent
                FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \(name)".utf8))
                if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            }
        }
        var status: Int32 = pathErrors.isEmpty ? 0 : 2
        for o in outcomes {
            o.warnings.forEach { CLISupport.stderr($0) }
            o.errors.forEach { CLISupport.stderr($0) }
            status = max(status, o.status == 2 ? 2 : (o.status == 1 && status == 0 ? 1 : 0))
        }
        let ok = outcomes.filter { $0.status == 0 }
        // Files actually on disk: a config whose write failed part-way (ENOSPC) still wrote the earlier formats.
        let written = outcomes.reduce(0) { $0 + $1.written.count }
        let failed = outcomes.count - ok.count + pathErrors.count
        if written == 0 { CLISupport.removeIfEmpty(made) }   // no stray empty folder from a failed render
        let ms = Int(Date().timeIntervalSince(start) * 1000)
        if !quiet {
            let line = "rendered \(ok.count) of \(outcomes.count + pathErrors.count) config\(outcomes.count + pathErrors.count == 1 ? "" : "s") (\(written) file\(written == 1 ? "" : "s") in \(out)) in \(ms) ms\(failed > 0 ? "; \(failed) failed" : "")"
            if tty { CLISupport.stderr(line) } else { print(line) }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
