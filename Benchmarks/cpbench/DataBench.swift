import FigureConfig
import Foundation
import Gallery
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks of the data step, by name (`CSV_THREADS` sets the reader's thread count):
/// - `csv-read PATH [RUNS [TEXT_COLUMN…]]`: `CSVFile.read` of every column of a CSV — the numeric
///   ones as the clustered matrix, the named text columns numbered — the median time, the
///   peak memory above the process's start, a checksum (sum of the numbers, distinct texts) and
///   every run's time (`runs_ms`);
/// - `data-step CONFIG [RUNS]`: load a figure config and run its data step and analyses.
let dataBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "csv-read": { args in
        guard let path = args.first else { throw BenchUsage("csv-read PATH [RUNS [TEXT_COLUMN…]]") }
        let runs = args.count > 1 ? max(Int(args[1]) ?? 5, 1) : 5
        let start = residentBytes()
        let file = try CSVFile(path: path, displayPath: path) { ConfigError($0, at: SourceLocation(file: path, line: 1, column: 1)) }
        // Every column is numeric but those named after the runs (the text columns).
        let texts = Set(args.dropFirst(2))
        let numeric = file.header.indices.filter { !texts.contains(file.header[$0]) }
        let request = CSVReadRequest(numeric: numeric, others: file.header.indices.filter { texts.contains(file.header[$0]) })
        let threads = ProcessInfo.processInfo.environment["CSV_THREADS"].flatMap { Int($0) }
        // The first read's peak is the memory a process reading the file once needs (later reads in
        // the same process reuse freed heap that glibc keeps, which says nothing about the reader).
        var table = try file.read(request, threads: threads)
        let peak = Double(peakResidentBytes() - start)
        var times: [Double] = []
        for _ in 0..<runs {
            table = CSVTable()   // the last run's table is freed before the next is read
            let t0 = DispatchTime.now().uptimeNanoseconds
            table = try file.read(request, threads: threads)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        let numericBytes = Double(table.values.count * 8)
        var levels = 0
        for o in table.others { if case let .text(_, l) = o { levels += l.count } }
        let sum = table.values.reduce(0, +)
        print("csv-read \(table.rows)x\(file.header.count) (\(numeric.count) numeric): \((median * 10).rounded() / 10) ms"
              + " peak_mb=\(Int(peak / 1e6)) numeric_mb=\(Int(numericBytes / 1e6)) memory_ratio=\(String(format: "%.2f", peak / numericBytes))"
              + " sum=\(sum) levels=\(levels) runs_ms=\(times.map { String(format: "%.2f", $0) }.joined(separator: ","))")
    },
    "data-step": { args in
        guard let path = args.first else { throw BenchUsage("data-step CONFIG [RUNS]") }
        let runs = args.count > 1 ? max(Int(args[1]) ?? 5, 1) : 5
        var times: [Double] = []
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let spec = try FigureLoader.load(path: path)
            _ = try FigureData.compute(spec)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        print("data-step \(path): \((times[times.count / 2] * 10).rounded() / 10) ms")
    },
]

struct BenchUsage: Error, CustomStringConvertible {
    var description: String
    init(_ usage: String) { description = "usage: cpbench \(usage)" }
}

/// The resident set now (bytes), from /proc/self/statm.
func residentBytes() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let parts = s.split(separator: " ")
    return parts.count > 1 ? (Int(parts[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// The peak resident set so far (bytes), `getrusage`'s `ru_maxrss`.
func peakResidentBytes() -> Int {
    var u = rusage()
    getrusage(__rusage_who_t(0), &u)   // RUSAGE_SELF
    return u.ru_maxrss * 1024
}
