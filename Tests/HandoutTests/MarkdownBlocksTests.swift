import XCTest
@testable import Handout
import Plotting

final class MarkdownBlocksTests: XCTestCase {
    func testHeadingsParagraphsAndNestedBullets() {
        let md = """
        #### Clustering in AI
        Clustering is an **unsupervised machine learning technique**
        that groups similar data points together.

        - No predefined labels — clustering is exploratory.
        - Human input is essential for:
          - **Interpreting cluster meanings**
          - **Validating business relevance**
        - Back out

        Final *words*.
        """
        let blocks = MarkdownBlocks.parse(md)
        XCTAssertEqual(blocks.count, 4)
        guard case .heading(let level, let h) = blocks[0] else { return XCTFail("heading") }
        XCTAssertEqual(level, 3)
        XCTAssertEqual(h.plainText, "Clustering in AI")
        guard case .paragraph(let p) = blocks[1] else { return XCTFail("paragraph") }
        XCTAssertEqual(p.plainText, "Clustering is an unsupervised machine learning technique that groups similar data points together.")
        guard case .bullets(let items) = blocks[2] else { return XCTFail("bullets") }
        XCTAssertEqual(items.map(\.level), [0, 0, 1, 1, 0])
        XCTAssertEqual(items[2].text.runs, [TextRun("Interpreting cluster meanings", emphasis: .bold)])
        guard case .paragraph(let last) = blocks[3] else { return XCTFail("last paragraph") }
        XCTAssertEqual(last.runs, [TextRun("Final "), TextRun("words", emphasis: .italic), TextRun(".")])
    }
}
