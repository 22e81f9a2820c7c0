import XCTest
@testable import Gallery

final class GalleryPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(GalleryModule.name, "Gallery") }
}
