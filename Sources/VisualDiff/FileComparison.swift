import Foundation
import Plotting

/// Compares two files on disk — what `clusterplot compare` does, minus the printing.
public enum FileComparison {
    /// The outcome: a one-line summary, pass/fail, and optional pictures.
    public struct Outcome: Sendable {
        /// One line with the verdict and every metric.
        public var summary: String
        /// Identical or within tolerance.
        public var passed: Bool
        /// PNG metrics (nil for PDFs and for the same-bytes fast path).
        public var comparison: ImageComparison?
        /// The diff image (when asked for and the images were compared).
        public var diffImage: RGBAImage?
        /// Expected | actual | diff around the worst region (when asked for and something differs).
        public var crop: RGBAImage?
    }

    /// Compares `expected` with `actual`: two PDFs (by extension) with `PDFComparator`, anything else
    /// as PNG. Identical PNG files are not decoded. Throws `VisualDiffError.unreadable` (naming the
    /// file) for missing, truncated, corrupt, non-PNG or over-100-megapixel input.
    public static func compare(expectedPath expected: String, actualPath actual: String, tolerance: Tolerance = .default,
                               makesDiffImage: Bool = false, makesCrop: Bool = false) throws -> Outcome {
        if expected.lowercased().hasSuffix(".pdf") && actual.lowercased().hasSuffix(".pdf") {
            let e = try ImageLoader.readBytes(atPath: expected), a = try ImageLoader.readBytes(atPath: actual)
            for (path, bytes) in [(expected, e), (actual, a)] where !bytes.starts(with: Array("%PDF-".utf8)) {
                throw VisualDiffError.unreadable("\(path): not a PDF file")
            }
            let r = try PDFComparator.compare(expected: e, actual: a, expectedName: expected, actualName: actual, tolerance: tolerance)
            return Outcome(summary: r.summary, passed: r.passed, comparison: nil, diffImage: nil, crop: nil)
        }
        let bytes = ResultBox<[UInt8]>(count: 2)
        let paths = [expected, actual]
        DispatchQueue.concurrentPerform(iterations: 2) { i in bytes.set(i, Result { try ImageLoader.readBytes(atPath: paths[i]) }) }
        let eBytes = try bytes.get(0), aBytes = try bytes.get(1)
        if eBytes == aBytes, let size = ImageLoader.completePNGSize(eBytes), size.width * size.height <= PNGCodec.defaultPixelLimit {
            return Outcome(summary: "PASS identical (\(size.width)×\(size.height), same bytes)", passed: true,
                           comparison: nil, diffImage: nil, crop: nil)
        }
        let images = ResultBox<RGBAImage>(count: 2)
        let all = [eBytes, aBytes]
        DispatchQueue.concurrentPerform(iterations: 2) { i in images.set(i, Result { try ImageLoader.decode(all[i], name: paths[i]) }) }
        let e = try images.get(0), a = try images.get(1)
        let c = ImageComparator.compare(expected: e, actual: a, tolerance: tolerance, makesDiffImage: makesDiffImage || makesCrop)
        var crop: RGBAImage?
        if makesCrop, let region = c.worstRegion {
            crop = DiffImages.crop(expected: e, actual: a, diff: c.diffImage, around: region)
        }
        return Outcome(summary: c.summary, passed: c.passed, comparison: c, diffImage: makesDiffImage ? c.diffImage : nil, crop: crop)
    }
}

extension ImageLoader {
    /// Width and height from a PNG's IHDR when the bytes look complete (signature, IHDR, IEND at the
    /// end); nil otherwise.
    static func completePNGSize(_ b: [UInt8]) -> (width: Int, height: Int)? {
        let sig: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard b.count >= 57, Array(b[0..<8]) == sig, Array(b[12..<16]) == Array("IHDR".utf8),
              Array(b[(b.count - 8)..<(b.count - 4)]) == Array("IEND".utf8) else { return nil }
        func u32(_ o: Int) -> Int { Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) }
        let w = u32(16), h = u32(20)
        return w > 0 && h > 0 ? (w, h) : nil
    }
}
