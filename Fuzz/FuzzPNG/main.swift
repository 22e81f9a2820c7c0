import Foundation
import Plotting

/// libFuzzer target: the PNG decoder (libdeflate fast path and libpng) with a 4-megapixel limit,
/// and a re-encode of whatever decodes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let image = try? PNGCodec.decode(bytes, pixelLimit: 4_000_000) {
        precondition(image.width > 0 && image.height > 0)
        _ = try? PNGCodec.encode(image, options: .init(compressionLevel: 1))
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
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzPNG))
