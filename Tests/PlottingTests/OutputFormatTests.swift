import Foundation
import XCTest
@testable import Plotting

/// Output formats are data: one table of extension, kind, media type and render surface.
final class OutputFormatTests: XCTestCase {
    func testFormatTable() {
        XCTAssertEqual(OutputFormat.allCases, [.png, .pdf, .svg])
        XCTAssertEqual(OutputFormat.allCases.map(\.fileExtension), ["png", "pdf", "svg"])
        XCTAssertEqual(OutputFormat.allCases.map(\.rawValue), ["png", "pdf", "svg"])
        XCTAssertEqual(OutputFormat.allCases.filter(\.isRaster), [.png])
        XCTAssertEqual(OutputFormat.pdf.kind, .vector)
        XCTAssertEqual(OutputFormat.allCases.map(\.mimeType), ["image/png", "application/pdf", "image/svg+xml"])
        XCTAssertEqual(OutputFormat.svg.displayName, "SVG drawing")
        XCTAssertEqual(OutputFormat.png.traits.surface, .image)
        XCTAssertEqual(OutputFormat.pdf.traits.surface, .vector(.pdf))
        XCTAssertEqual(OutputFormat.svg.traits.surface, .vector(.svg))
        XCTAssertTrue(VectorSurface.pdf.reusesMarkers)
        XCTAssertFalse(VectorSurface.svg.reusesMarkers)
    }

    func testLookupAndMessages() {
        XCTAssertEqual(OutputFormat(pathExtension: "PDF"), .pdf)
        XCTAssertEqual(OutputFormat(pathExtension: "svg"), .svg)
        XCTAssertNil(OutputFormat(pathExtension: "jpg"))
        XCTAssertEqual(OutputFormat(rawValue: "png"), .png)
        XCTAssertNil(OutputFormat(rawValue: "PNG"))
        XCTAssertEqual(OutputFormat.listed(), "png, pdf or svg")
        XCTAssertEqual(OutputFormat.listed(conjunction: "and"), "png, pdf and svg")
        let fig = Figure(width: 1, height: 1)
        XCTAssertThrowsError(try fig.save(toPath: "/tmp/figure.jpg")) { error in
            XCTAssertEqual("\(error)", "/tmp/figure.jpg: unknown output format '.jpg' (use png, pdf or svg)")
        }
    }

    /// Each format's bytes start with its signature.
    func testEachFormatRenders() throws {
        let fig = Figure(width: 1, height: 1)
        fig.axes().plot(y: [1, 2])
        let signatures: [OutputFormat: [UInt8]] = [.png: [0x89] + Array("PNG".utf8), .pdf: Array("%PDF".utf8), .svg: Array("<?xml".utf8)]
        for f in OutputFormat.allCases {
            let bytes = try fig.render(format: f)
            XCTAssertEqual(Array(bytes.prefix(signatures[f]!.count)), signatures[f], "\(f)")
        }
    }
}
