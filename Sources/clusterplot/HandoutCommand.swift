import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Handout
import Plotting

/// `clusterplot handout FILE.yaml [-o OUT.pdf]` — a multi-page PDF handout or slide deck.
struct HandoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Build a multi-page PDF handout or 16:9 slide deck from a document config.",
        discussion: """
        The document config lists blocks in order: headings, paragraphs and bullet lists (Markdown with \
        **bold**, *italic* and `code`), figures from figure configs (embedded as vectors), tables \
        (literal, seeded random integers, or a Lloyd iteration's distance table) and page breaks; \
        slide decks add slides and iteration_slides. See docs/handouts.md. \
        Exit status: 0, 2 invalid document or figure config, 1 other failure.
        """
    )

    @Argument(help: "A document config (YAML).")
    var path: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output PDF (default: out/<config stem>.pdf).", valueName: "OUT.pdf"))
    var output: String?

    func run() throws {
        let out = output ?? "out/" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf"
        let result: (pdf: [UInt8], pages: Int, warnings: [String])
        do {
            result = try Handout.build(path: path)
        } catch {
            throw ExitCode(CLISupport.report(error, file: path))
        }
        for w in result.warnings { CLISupport.stderr("\(path): warning: \(w)") }
        try CLISupport.write(result.pdf, to: out, creatingFolder: output == nil)
        print("wrote \(out) (\(result.pages) pages)")
    }
}
