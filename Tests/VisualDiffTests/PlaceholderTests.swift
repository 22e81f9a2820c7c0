import XCTest
@testable import VisualDiff

final class VisualDiffPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(VisualDiffModule.name, "VisualDiff") }
}
