import ArgumentParser
import FigureConfig

/// `clusterplot init KIND` — prints a commented starter config.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Print a commented starter config for a figure kind.",
        discussion: "Kinds:\n" + StarterConfig.kinds.map { "  \(padded($0.name))\($0.summary)" }.joined(separator: "\n")
            + "\n  \(padded("project"))a clusterplot.yaml project file for check and update"
            + "\n\nExample: clusterplot init elbow > elbow.yaml && clusterplot render elbow.yaml"
            + "\nYour own CSV: clusterplot init csv --file data.csv > data.yaml && clusterplot render data.yaml"
    )

    @Argument(help: ArgumentHelp("The figure kind: \(InitCommand.kindNames.joined(separator: ", ")).", valueName: "kind"),
              completion: .list(InitCommand.kindNames))
    var kind: String?

    /// Every kind `init` prints: the starter figure configs and `project`.
    static var kindNames: [String] { StarterConfig.kinds.map(\.name) + ["project"] }

    @Flag(name: .long, help: "List the kinds.")
    var list = false

    @Option(name: .long, help: ArgumentHelp("With csv: your CSV file; the config clusters its numeric columns (without it, the customers.csv example).", valueName: "csv"),
            completion: .file(extensions: ["csv"]))
    var file: String?

    func run() throws {
        guard let kind, !list else {
            for k in StarterConfig.kinds { print("\(padded(k.name))\(k.summary)") }
            print("\(padded("project"))a clusterplot.yaml project file for check and update")
            return
        }
        if kind == "project" { print(ProjectFile.starter, terminator: ""); return }
        if let file {
            guard kind == "csv" else {
                CLISupport.stderr("clusterplot init: --file goes with the csv kind (clusterplot init csv --file data.csv)")
                throw ExitCode(2)
            }
            do { print(try StarterConfig.csv(file: file), terminator: "") } catch {
                CLISupport.stderr(error.description)
                throw ExitCode(2)
            }
            return
        }
        guard let text = StarterConfig.text(for: kind) else {
            let names = Self.kindNames
            CLISupport.stderr("clusterplot init: unknown kind '\(kind)'\(Spelling.hint(for: kind, among: names).isEmpty ? "" : Spelling.hint(for: kind, among: names)); kinds: \(names.joined(separator: ", "))")
            throw ExitCode(2)
        }
        print(text, terminator: "")
    }
}

/// A kind name padded to a 13-column field (plain Swift: this runs at every start-up, and
/// Foundation's `padding(toLength:)` bridges through NSString).
private func padded(_ name: String) -> String {
    name + String(repeating: " ", count: max(0, 13 - name.count))
}
