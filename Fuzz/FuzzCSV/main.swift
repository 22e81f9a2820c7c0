import FigureConfig
import Foundation

/// The input as a CSV file (written once per run into a private temporary folder).
enum Scratch {
    static let path: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-fuzz-csv-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("in.csv").path
    }()
}

/// libFuzzer target: the byte-level CSV reader — header, every column as numbers, located errors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: Scratch.path, contents: Data(bytes: data, count: size)) else { return 0 }
    for delimiter in [",", ";"] as [Character] {
        guard let csv = try? CSVFile(path: Scratch.path, displayPath: "fuzz.csv", delimiter: delimiter,
                                     unreadable: { ConfigError($0, at: SourceLocation(file: "fuzz.csv", line: 1, column: 1)) }) else { continue }
        do {
            let r = try csv.numericColumns(Array(csv.header.indices), maxRows: 100_000)
            precondition(r.columns.allSatisfy { $0.count == r.rows })
        } catch {
            _ = error.description
        }
    }
    return 0
}

// SwiftPM links an executable's entry point under its own name, so libFuzzer's main() is not the
// one that runs: hand control to libFuzzer's driver from ours.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzCSV))
