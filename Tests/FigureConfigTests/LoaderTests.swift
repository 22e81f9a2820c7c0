import XCTest
@testable import FigureConfig

final class LoaderTests: XCTestCase {
    func testMinimalFormIsValid() throws {
        let yaml = """
        data:
          blobs: {samples: 1000, centers: 5, features: 3, std: 0.5, seed: 7}
        clustering:
          kmeans: {k: 5, seed: 7}
        """
        let spec = try ConfigLoader.parse(yaml: yaml, file: "min.yaml")
        guard case let .blobs(b) = spec.data else { return XCTFail("not blobs") }
        XCTAssertEqual(b.samples, 1000); XCTAssertEqual(b.centers, 5); XCTAssertEqual(b.features, 3)
        XCTAssertEqual(b.std, 0.5); XCTAssertEqual(b.seed, 7)
        XCTAssertEqual(spec.clustering.kmeans?.k, 5); XCTAssertEqual(spec.clustering.kmeans?.seed, 7)
        XCTAssertTrue(spec.panelsAreDefault)
        XCTAssertEqual(spec.panels.count, 1)
    }
}
