@testable import FigureConfig
import Foundation

/// The input as a CSV file (written once per run into a private temporary folder).
enum Scratch {
    static let path: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-fuzz-csv-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("in.csv").path
    }()
}

/// libFuzzer target: the byte-level CSV reader — header, every column as numbers, located errors;
/// every column typed by its cells, one pass against parts cut every few bytes.
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
        // Every column typed by its cells (texts through the quick path's cache), in one pass and
        // in parts cut every 7 bytes on two threads: the same table or the same error.
        let request = CSVReadRequest(numeric: [], others: Array(csv.header.indices), maxRows: 100_000)
        func outcome(_ threads: Int, _ part: Int?) -> String {
            do {
                let t = try csv.read(request, threads: threads, partBytes: part)
                return "\(t.records) \(t.rows) " + t.others.map { o -> String in
                    switch o {
                    case let .numbers(v): return "n" + v.map { String($0.bitPattern) }.joined(separator: ",")
                    case let .text(c, l): return "t" + c.map(String.init).joined(separator: ",") + "|" + l.joined(separator: "\u{1}")
                    }
                }.joined(separator: ";")
            } catch { return "error \(error)" }
        }
        precondition(outcome(1, nil) == outcome(2, 7), "parts differ from one pass")
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
