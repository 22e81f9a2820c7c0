import Foundation
import Plotting

/// The outcome of comparing two PDFs.
public struct PDFComparison: Sendable {
    /// How the PDFs relate.
    public enum Verdict: String, Sendable {
        /// Byte-identical after normalisation (dates and producer removed).
        case identical
        /// Bytes differ, but every page rasterises within tolerance.
        case withinTolerance = "within-tolerance"
        /// Pages differ beyond tolerance, or the page counts differ.
        case different
        /// Bytes differ and no rasteriser (`pdftoppm`) is available to judge the pixels.
        case undecided
    }
    /// The verdict.
    public var verdict: Verdict
    /// Per-page image comparisons (empty when the normalised bytes matched or nothing could be rasterised).
    public var pages: [ImageComparison]
    /// Rasterised pages (PNG bytes) of the worst page: expected, actual (for reports).
    public var worstPagePNGs: (expected: [UInt8], actual: [UInt8])?
    /// Index of the worst page.
    public var worstPage: Int?
    /// One line describing the result.
    public var summary: String
    /// Identical or within tolerance.
    public var passed: Bool { verdict == .identical || verdict == .withinTolerance }
}

/// Compares PDFs: normalised bytes first; when they differ, rasterises both with `pdftoppm`
/// (poppler-utils) and compares the pages as images.
public enum PDFComparator {
    /// Lines naming these keys are dropped before byte comparison.
    static let volatileKeys = ["/CreationDate", "/ModDate", "/Producer"]

    /// The PDF without lines that carry `/CreationDate`, `/ModDate` or `/Producer`.
    public static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let keys = volatileKeys.map { Array($0.utf8) }
        var start = 0
        bytes.withUnsafeBufferPointer { p in
            func lineHasKey(_ s: Int, _ e: Int) -> Bool {
                guard e - s >= 6 else { return false }
                var i = s
                while i < e {
                    if p[i] == 0x2F /* / */ {
                        for k in keys where i + k.count <= e {
                            var m = true
                            for j in 0..<k.count where p[i + j] != k[j] { m = false; break }
                            if m { return true }
                        }
                    }
                    i += 1
                }
                return false
            }
            var i = 0
            while i <= p.count {
                if i == p.count || p[i] == 0x0A {
                    let end = min(i + 1, p.count)
                    if !lineHasKey(start, i) { out.append(contentsOf: p[start..<end]) }
                    start = i + 1
                }
                i += 1
            }
        }
        return out
    }

    /// FNV-1a 64 of the normalised bytes, as hex.
    public static func normalizedHash(_ bytes: [UInt8]) -> String { PixelHash.hex(PixelHash.fnv1a(normalized(bytes))) }

    /// The `pdftoppm` executable on PATH, if any.
    public static let rasterizer: String? = PDFRasterizer.locate("pdftoppm")

    /// Compares two PDFs. Page counts are compared before anything is rasterised; a PDF poppler
    /// cannot read (truncated, garbage, no pages) or one over ``PDFRasterizer/maxPages`` pages
    /// throws `VisualDiffError.unreadable` naming it (`expectedName`, `actualName`).
    /// - Parameter dpi: rasterisation resolution for the pixel fallback. 100, not 72: at 80 dpi and
    ///   below poppler drops or merges our 0.8-pt grid lines, which hides exactly what we compare.
    public static func compare(expected: [UInt8], actual: [UInt8], expectedName: String = "expected PDF",
                               actualName: String = "actual PDF", tolerance: Tolerance = .default,
                               dpi: Int = 100, rasterizer: String? = PDFComparator.rasterizer) throws -> PDFComparison {
        if expected == actual || normalized(expected) == normalized(actual) {
            return PDFComparison(verdict: .identical, pages: [], worstPagePNGs: nil, worstPage: nil,
                                 summary: "PASS identical PDF (normalised bytes)")
        }
        guard let rasterizer else {
            return PDFComparison(verdict: .undecided, pages: [], worstPagePNGs: nil, worstPage: nil,
                                 summary: "FAIL: PDF bytes differ and pdftoppm is not installed to compare pixels (apt-get install poppler-utils)")
        }
        let info = PDFRasterizer.locate("pdfinfo")
        if let ne = try PDFRasterizer.pageCount(expected, name: expectedName, tool: info),
           let na = try PDFRasterizer.pageCount(actual, name: actualName, tool: info) {
            guard ne == na else {
                return PDFComparison(verdict: .different, pages: [], worstPagePNGs: nil, worstPage: nil,
                                     summary: "FAIL: \(na) pages, expected \(ne)")
            }
            guard ne <= PDFRasterizer.maxPages else {
                throw VisualDiffError.unreadable("\(actualName): the PDF has \(ne) pages; at most \(PDFRasterizer.maxPages) are compared")
            }
        }
        let e = try PDFRasterizer.rasterize(expected, name: expectedName, dpi: dpi, tool: rasterizer)
        let a = try PDFRasterizer.rasterize(actual, name: actualName, dpi: dpi, tool: rasterizer)
        guard e.count == a.count else {
            return PDFComparison(verdict: .different, pages: [], worstPagePNGs: nil, worstPage: nil,
                                 summary: "FAIL: \(a.count) pages, expected \(e.count)")
        }
        var pages: [ImageComparison] = []
        var worst = 0, worstScore = -1.0
        for i in 0..<e.count {
            let c = ImageComparator.compare(expected: try ImageLoader.decode(e[i], name: "\(expectedName) page \(i + 1)"),
                                            actual: try ImageLoader.decode(a[i], name: "\(actualName) page \(i + 1)"), tolerance: tolerance)
            let score = c.verdict == .sizeMismatch ? .infinity : Double(c.significantPixels) + c.worstTileRMS
            if score > worstScore { worstScore = score; worst = i }
            pages.append(c)
        }
        let failed = pages.enumerated().filter { !$0.element.passed }
        let verdict: PDFComparison.Verdict = failed.isEmpty
            ? (pages.allSatisfy { $0.verdict == .identical } ? .identical : .withinTolerance) : .different
        let summary: String
        if let f = failed.first {
            let detail = f.element.summary.hasPrefix("FAIL: ") ? String(f.element.summary.dropFirst(6)) : f.element.summary
            summary = "FAIL: page \(f.offset + 1) of \(pages.count) (rasterised at \(dpi) dpi): \(detail)"
        } else {
            summary = "PASS PDF bytes differ, \(pages.count) page(s) rasterised at \(dpi) dpi match: \(pages[worst].summary)"
        }
        return PDFComparison(verdict: verdict, pages: pages, worstPagePNGs: (e[worst], a[worst]), worstPage: worst, summary: summary)
    }
}
