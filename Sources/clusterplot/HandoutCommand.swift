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

    @Option(help: ArgumentHelp("Also write the speaker notes: notes pages (.pdf: each slide above its notes) or a pdfpc notes file (.pdfpc).", valueName: "NOTES"))
    var notes: String?

    func run() throws {
        let out = output ?? "out/" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf"
        if let n = notes, !["pdf", "pdfpc"].contains(URL(fileURLWithPath: n).pathExtension.lowercased()) {
            CLISupport.stderr("\(n):1:1: speaker notes are written as .pdf (notes pages) or .pdfpc (pdfpc's notes file) (--notes)")
            throw ExitCode(2)
        }
        let laid: LaidOutDocument
        let pdf: [UInt8]
        var notesBytes: [UInt8]?
        do {
            laid = try Handout.layout(path: path)
            pdf = try laid.pdf()
            if let n = notes {
                notesBytes = n.lowercased().hasSuffix(".pdfpc") ? laid.pdfpc(pdfName: URL(fileURLWithPath: out).lastPathComponent) : try laid.notesPDF()
            }
        } catch {
            throw ExitCode(CLISupport.report(error, file: path))
        }
        for w in laid.warnings { CLISupport.stderr("\(path): warning: \(w)") }
        try CLISupport.write(pdf, to: out, creatingFolder: output == nil)
        print("wrote \(out) (\(laid.pageCount) page\(laid.pageCount == 1 ? "" : "s"))")
        if let n = notes, let notesBytes {
            try CLISupport.write(notesBytes, to: n, creatingFolder: false)
            print("wrote \(n) (speaker notes of \(laid.notes.count) slide\(laid.notes.count == 1 ? "" : "s"))")
        } else if !laid.notes.isEmpty {
            print("\(laid.notes.count) slide\(laid.notes.count == 1 ? " has" : "s have") speaker notes; write them with --notes NOTES.pdf or --notes DECK.pdfpc")
        }
    }
}
