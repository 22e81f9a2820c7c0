import Foundation
import Plotting

extension GoldenSuite {
    /// Renders one target and compares its number golden (first) and each drawing with its golden.
    func checkTarget(_ target: GoldenTarget, manifest: GoldenManifest, keepsImages: Bool) throws -> [GoldenCaseResult] {
        let outputs = try renderer(target.config)
        var results: [GoldenCaseResult] = []
        let drawn = (formats ?? outputs.keys.filter { $0 != "numbers" }.sorted { Self.formatOrder($0) < Self.formatOrder($1) })
        let order = (outputs["numbers"] != nil ? ["numbers"] : []) + drawn
        for format in order {
            guard let actual = outputs[format] else { continue }
            let name = target.name + (format == "numbers" ? ".numbers.json" : "." + format)
            var tolerance = manifest.tolerance(for: name, fallback: defaultTolerance)
            if forcesExact { tolerance.exact = true }
            let t0 = DispatchTime.now().uptimeNanoseconds
            var r = GoldenCaseResult(name: name, config: target.config, configPath: target.displayPath, format: format, status: .passed,
                                     message: "", method: "", comparison: nil, tolerance: tolerance,
                                     environmentDifferences: RenderEnvironment.differences(golden: manifest.goldens[name]?.environment),
                                     actualBytes: actual, expectedPNG: nil, actualPNG: nil, diffPNG: nil, cropPNG: nil, seconds: 0)
            let path = goldenDirectory.appendingPathComponent(name).path
            if !FileManager.default.fileExists(atPath: path) {
                r.status = .missing
                r.message = "no golden \(path)"
                if keepsImages && format == "png" { r.actualPNG = actual }
            } else {
                do {
                    let golden = try ImageLoader.readBytes(atPath: path)
                    switch format {
                    case "pdf": try comparePDF(&r, golden: golden, goldenPath: path, actual: actual, keepsImages: keepsImages)
                    case "png": try comparePNG(&r, golden: golden, actual: actual, entry: manifest.goldens[name], keepsImages: keepsImages)
                    case "numbers": try compareNumbers(&r, golden: golden, goldenPath: path, actual: actual)
                    default: compareText(&r, golden: golden, actual: actual)
                    }
                } catch {
                    r.status = .error
                    r.message = "\(error)"
                }
            }
            if r.status == .failed && !r.environmentDifferences.isEmpty && format != "numbers" {
                r.message += " — golden was rendered elsewhere: " + r.environmentDifferences.joined(separator: ", ")
            }
            r.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            results.append(r)
        }
        return results
    }

    /// PNG before PDF before SVG, then any other format by name.
    static func formatOrder(_ f: String) -> (Int, String) { (["png": 0, "pdf": 1, "svg": 2][f] ?? 3, f) }

    func comparePNG(_ r: inout GoldenCaseResult, golden: [UInt8], actual: [UInt8], entry: GoldenManifest.Entry?,
                    keepsImages: Bool) throws {
        if golden == actual {
            r.method = "bytes"; r.message = "PASS identical (same bytes)"; r.identical = true
            if keepsImages { r.actualPNG = actual }
            return
        }
        let actualImage = try ImageLoader.decode(actual, name: "\(r.name) (rendered from \(r.configPath))")
        if let entry, let hash = entry.pixelHash, entry.fileHash == PixelHash.hex(PixelHash.fnv1a(golden)),
           hash == PixelHash.hash(of: actualImage) {
            r.method = "pixel-hash"; r.message = "PASS identical (pixel hash \(hash))"; r.identical = true
            if keepsImages { r.actualPNG = actual }
            return
        }
        let goldenImage = try ImageLoader.decode(golden, name: goldenDirectory.appendingPathComponent(r.name).path)
        r.method = "pixels"
        let c = ImageComparator.compare(expected: goldenImage, actual: actualImage, tolerance: r.tolerance, makesDiffImage: keepsImages)
        r.comparison = c
        r.status = c.passed ? .passed : .failed
        r.identical = c.verdict == .identical
        r.message = c.summary
        if keepsImages {
            r.expectedPNG = golden; r.actualPNG = actual
            if let d = c.diffImage { r.diffPNG = try? PNGCodec.encode(d, options: .init(compressionLevel: 3)) }
            if let region = c.worstRegion {
                r.cropPNG = try? PNGCodec.encode(DiffImages.crop(expected: goldenImage, actual: actualImage, diff: c.diffImage, around: region))
            }
        }
    }

    func comparePDF(_ r: inout GoldenCaseResult, golden: [UInt8], goldenPath: String, actual: [UInt8], keepsImages: Bool) throws {
        let c = try PDFComparator.compare(expected: golden, actual: actual, expectedName: goldenPath,
                                          actualName: "\(r.name) (rendered from \(r.configPath))", tolerance: r.tolerance)
        r.method = c.pages.isEmpty ? "pdf-bytes" : "pdf-raster"
        r.status = c.passed ? .passed : .failed
        r.identical = c.verdict == .identical && c.pages.isEmpty
        r.message = c.summary
        if let page = c.worstPage { r.comparison = c.pages[page] }
        if keepsImages, let pngs = c.worstPagePNGs, !c.passed,
           let e = try? PNGCodec.decode(pngs.expected), let a = try? PNGCodec.decode(pngs.actual) {
            let cmp = ImageComparator.compare(expected: e, actual: a, tolerance: r.tolerance, makesDiffImage: true)
            r.expectedPNG = pngs.expected; r.actualPNG = pngs.actual
            if let d = cmp.diffImage { r.diffPNG = try? PNGCodec.encode(d) }
            if let region = cmp.worstRegion {
                r.cropPNG = try? PNGCodec.encode(DiffImages.crop(expected: e, actual: a, diff: cmp.diffImage, around: region))
            }
        }
    }

    /// SVG (and any other text format): our SVGs are byte-deterministic, so any difference fails,
    /// naming the first line that differs.
    func compareText(_ r: inout GoldenCaseResult, golden: [UInt8], actual: [UInt8]) {
        r.method = "bytes"
        if golden == actual { r.message = "PASS identical (same bytes)"; r.identical = true; return }
        let e = golden.split(separator: 0x0A, omittingEmptySubsequences: false), a = actual.split(separator: 0x0A, omittingEmptySubsequences: false)
        let line = (zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)) + 1
        r.status = .failed
        r.message = "FAIL \(r.format.uppercased()) differs from line \(line) (\(actual.count) bytes, golden \(golden.count))"
    }

    /// The `clusterplot data` numbers: bit-exact, the GMM tier within its tolerance (``NumberGoldens``).
    func compareNumbers(_ r: inout GoldenCaseResult, golden: [UInt8], goldenPath: String, actual: [UInt8]) throws {
        r.method = "numbers"
        if golden == actual { r.message = "PASS identical numbers"; r.identical = true; return }
        if let change = try NumberGoldens.compare(expected: golden, actual: actual, expectedName: goldenPath) {
            r.status = .failed
            r.fieldPath = change.path
            r.message = "FAIL \(change.path): \(change.message)"
        } else {
            r.message = "PASS numbers within their tiers"
        }
    }
}
