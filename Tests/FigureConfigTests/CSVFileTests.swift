import Foundation
import XCTest
@testable import FigureConfig

/// The byte-level CSV reader: RFC 4180 quoting, line and column of every problem, special files.
final class CSVFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ text: String, _ name: String = "t.csv") throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func open(_ path: String) throws -> CSVFile {
        try CSVFile(path: path, displayPath: "t.csv") { ConfigError("unreadable: \($0)", at: SourceLocation(file: "c.yaml", line: 1, column: 1)) }
    }

    func error(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch let e as ConfigError { return e.description } catch { return "\(error)" }
    }

    func testQuotedFieldsDelimitersAndNewlines() throws {
        let f = try open(try write("\u{FEFF}a,\"b, quoted\",c\r\n1,\"2\",3\r\n\r\n\"4\"\"\",5,\"6\n\"\n"))
        XCTAssertEqual(f.header, ["a", "b, quoted", "c"])
        XCTAssertEqual(error { _ = try f.numericColumns([0, 1, 2]) }, "t.csv:4:1: '4\"' is not a number (column 'a')")
        let g = try open(try write("x,y\n 1 , 2\n3,\"4\"\n5,6"))
        let (cols, rows) = try g.numericColumns([1, 0])
        XCTAssertEqual(rows, 3)
        XCTAssertEqual(cols, [[2, 4, 6], [1, 3, 5]])
    }

    func testProblemsPointIntoTheFile() throws {
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n1,2\n3,4,5\n")).numericColumns([0]) },
                       "t.csv:3:1: expected 2 fields like the header, got 3")
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n1,n/a\n")).numericColumns([1]) },
                       "t.csv:2:3: 'n/a' is not a number (column 'b')")
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n1,\n")).numericColumns([1]) },
                       "t.csv:2:3: an empty cell is not a number (column 'b')")
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n")).numericColumns([0]) },
                       "t.csv:1:1: the CSV file has a header but no data rows")
        XCTAssertEqual(error { _ = try self.open(try self.write("")) }, "t.csv:1:1: the CSV file is empty (expected a header row and data rows)")
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n1,2\n3,4\n")).numericColumns([0], maxRows: 1) },
                       "t.csv:3:1: the CSV file has more than 1 data rows (the limit)")
    }

    func testAnUnterminatedQuoteIsReportedWhereItOpens() throws {
        // Without the check the rest of the file would be swallowed into one field.
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n1,2\n3,\"4\n5,6\n7,8\n")).numericColumns([0]) },
                       "t.csv:3:3: unterminated quoted field: the quote opened here is never closed")
        XCTAssertEqual(error { _ = try self.open(try self.write("a,b\n1,\"2\"x\n")).numericColumns([0]) },
                       "t.csv:2:6: text after a closing quote (quote the whole field, doubling quotes inside it)")
    }

    func testColumnsCountCharactersNotBytes() throws {
        let f = try open(try write("größe,b\n1,é\n"))
        XCTAssertEqual(f.header, ["größe", "b"])
        XCTAssertEqual(error { _ = try f.numericColumns([1]) }, "t.csv:2:3: 'é' is not a number (column 'b')")
    }

    func testSpecialAndUnreadableFiles() throws {
        XCTAssertEqual(error { _ = try self.open(self.dir.path) }, "c.yaml:1:1: unreadable: it is a folder")
        XCTAssertEqual(error { _ = try self.open(self.dir.appendingPathComponent("none.csv").path) }, "c.yaml:1:1: unreadable: no such file")
        let fifo = dir.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(error { _ = try self.open(fifo) }, "c.yaml:1:1: unreadable: not a regular file")
        let bad = dir.appendingPathComponent("bad.csv")
        try Data([0x61, 0x2C, 0x62, 0x0A, 0xC3, 0x28, 0x0A]).write(to: bad)
        XCTAssertEqual(error { _ = try self.open(bad.path) }, "t.csv:2:1: the CSV file is not UTF-8 text")
    }

    func testUTF8Validation() {
        XCTAssertTrue(FileBytes.isValidUTF8(Array("aé€𝄞".utf8)))
        for bad: [UInt8] in [[0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            XCTAssertFalse(FileBytes.isValidUTF8(bad), "\(bad)")
        }
    }
}
