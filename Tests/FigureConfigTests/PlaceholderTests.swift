import XCTest
@testable import FigureConfig

final class FigureConfigPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(FigureConfigModule.name, "FigureConfig") }
}
