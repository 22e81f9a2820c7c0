import FigureConfig
import Foundation
import Gallery

/// Every problem must stay one bounded line.
func checkLines(_ errors: ConfigErrors) {
    for e in errors.errors {
        let line = e.description
        precondition(!line.contains("\n") && !line.contains("\r"), "multi-line message: \(line.prefix(200))")
        precondition(line.unicodeScalars.count <= Echo.maxLine + 64, "over-long message (\(line.unicodeScalars.count)): \(line.prefix(300))")
    }
}

/// libFuzzer target: YAML text → ConfigNode → FigureSpec (every decoder, every check), plus one
/// `--set` override made from the input's first line. Any outcome but a crash, a trap, a hang or a
/// multi-line message is fine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do { _ = try FigureLoader.parse(yaml: text, file: "fuzz.yaml", baseDirectory: "/nonexistent") } catch { checkLines(error) }
    if let first = text.split(separator: "\n", maxSplits: 1).first, first.contains("="),
       let o = try? Override(parsing: String(first)) {
        do { _ = try FigureLoader.parse(yaml: "data: {blobs: {samples: 10}}\n", file: "fuzz.yaml", overrides: [o]) } catch { checkLines(error) }
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
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzConfig))
