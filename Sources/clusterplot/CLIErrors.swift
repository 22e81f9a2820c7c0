import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Plotting

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
            if creatingFolder { try Gallery.prepareOutputDirectory(url.deletingLastPathComponent().path) }
            try AtomicFile.write(bytes, to: url)
        } catch {
            stderr("\(path): cannot write: \(error)")
            throw ExitCode(1)
        }
    }
}
