import XCTest
@testable import Clustering

final class ClusteringPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(ClusteringModule.name, "Clustering") }
}
