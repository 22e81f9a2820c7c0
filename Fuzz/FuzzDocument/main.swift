import FigureConfig
import Foundation
import Handout

/// libFuzzer target: document (handout) YAML → DocumentSpec, and every Markdown text in the input
/// through the block parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? DocumentLoader.parse(yaml: text, file: "fuzz.yaml", baseDirectory: "/nonexistent")
    _ = MarkdownBlocks.parse(text)
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
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzDocument))
