import Foundation
import XCTest
@testable import FigureConfig

/// The bulk reader: text columns (quoted delimiters, doubled quotes), missing cells, dropped rows,
/// numbers bit-identical to a correctly rounded parser, and the two-thread split giving the same
/// result as one thread whatever the file holds at the cut.
final class CSVTableTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvtable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func open(_ text: String) throws -> CSVFile {
        let url = dir.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        return try CSVFile(path: url.path, displayPath: "t.csv") { ConfigError("unreadable: \($0)", at: SourceLocation(file: "c.yaml", line: 1, column: 1)) }
    }

    func error(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch let e as ConfigError { return e.description } catch { return "\(error)" }
    }

    func texts(_ v: CSVColumnValues) -> [String?] {
        guard case let .text(codes, levels) = v else { return [] }
        return codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }

    func testTextColumnsKeepQuotedDelimitersAndQuotes() throws {
        let f = try open("x,region,y\n1,\"North, upper\",2\n3,South,4\n5,\"North, upper\",6\n7,\"Say \"\"hi\"\"\",8\n9,,10\n")
        let t = try f.read(CSVReadRequest(numeric: [0, 2], others: [1]))
        XCTAssertEqual(t.rows, 5)
        XCTAssertEqual(t.values, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        XCTAssertEqual(texts(t.others[0]), ["North, upper", "South", "North, upper", "Say \"hi\"", nil])
        guard case let .text(_, levels) = t.others[0] else { return XCTFail() }
        XCTAssertEqual(levels, ["North, upper", "South", "Say \"hi\""], "first-seen order")
    }

    func testOtherColumnsAreTypedByTheirCells() throws {
        let f = try open("a,b,c,d\n1,2.5,x,10\n2,NA,y,11\n3,,x,id-3\n")
        let t = try f.read(CSVReadRequest(numeric: [0], others: [1, 2, 3]))
        guard case let .numbers(b) = t.others[0] else { return XCTFail("b is numeric") }
        XCTAssertEqual(b[0], 2.5)
        XCTAssertTrue(b[1].isNaN && b[2].isNaN)
        XCTAssertEqual(texts(t.others[1]), ["x", "y", "x"])
        // Numbers first, then a text: the whole column is text, its texts as written.
        XCTAssertEqual(texts(t.others[2]), ["10", "11", "id-3"])
    }

    func testTheFirstRecordTypesAColumnOnlyWhenTheReadWould() throws {
        // The reader takes a column whose first cell is text as text from the start; that must not
        // change a result. A dropped first record's cells do not count: c stays numbers.
        let f = try open("a,b,c\n,1,word\n2,\"3\",4\n5,6,7\n")
        let t = try f.read(CSVReadRequest(numeric: [0], dropMissing: true, others: [1, 2]))
        XCTAssertEqual(t.rows, 2)
        guard case let .numbers(b) = t.others[0] else { return XCTFail("b (a quoted number, then a number) is numeric") }
        XCTAssertEqual(b, [3, 6])
        guard case let .numbers(c) = t.others[1] else { return XCTFail("c is numeric once the first record is dropped") }
        XCTAssertEqual(c, [4, 7])
        // Kept, the first record's text makes the column text; a first numeric cell that is text is
        // the error it always was.
        XCTAssertEqual(texts(try open("a,c\n1,word\n2,4\n").read(CSVReadRequest(numeric: [0], others: [1])).others[0]), ["word", "4"])
        XCTAssertEqual(error { _ = try self.open("a,c\nx,word\n2,4\n").read(CSVReadRequest(numeric: [0], others: [1])) },
                       "t.csv:2:1: 'x' is not a number (column 'a')")
    }

    func testMissingCellsAreErrorsOrDroppedRows() throws {
        let text = "a,b,s\n1,2,p\n3,,q\n5,NaN,r\n7,8,s\n"
        var r = CSVReadRequest(numeric: [0, 1], others: [2])
        r.missingHint = "; try drop"
        XCTAssertEqual(error { _ = try self.open(text).read(r) }, "t.csv:3:3: an empty cell is not a number (column 'b'); try drop")
        r.dropMissing = true
        let t = try open(text).read(r)
        XCTAssertEqual(t.records, 4)
        XCTAssertEqual(t.rows, 2)
        XCTAssertEqual(t.values, [1, 2, 7, 8])
        XCTAssertEqual(t.dropped, [CSVDroppedRecord(record: 1, line: 3, column: 1), CSVDroppedRecord(record: 2, line: 4, column: 1)])
        XCTAssertEqual(texts(t.others[0]), ["p", "s"], "other columns of dropped rows are left out too")
        var hinted = CSVReadRequest(numeric: [2])
        hinted.textHint = "; not clustered"
        XCTAssertEqual(error { _ = try self.open(text).read(hinted) }, "t.csv:2:5: 'p' is not a number (column 's'); not clustered")
    }

    func testNumbersAreCorrectlyRounded() throws {
        var rng = SystemRandomNumberGenerator()
        var cells: [String] = ["0", "-0.0", "1e22", "9007199254740993", "0.1", "123456789012345678901234", "4.9e-324", "1.7976931348623157e308",
                               "+.5", "5.", "-2.5E-3", "0.30000000000000004", "2.2250738585072011e-308", "1e23", "8.5e-310"]
        for _ in 0..<3000 {
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            cells.append(String(v))
            cells.append(String(format: "%.\(Int.random(in: 1...17))g", Double.random(in: -1e6...1e6)))
            cells.append(String(Int.random(in: -99_999...99_999)) + "." + String(Int.random(in: 0...999_999)))
        }
        let f = try open("v\n" + cells.joined(separator: "\n") + "\n")
        let t = try f.read(CSVReadRequest(numeric: [0]))
        XCTAssertEqual(t.values.map(\.bitPattern), cells.map { Double($0)!.bitPattern })
        for bad in ["1e", "--1", ".", "1.2.3", "0x10", "inf", "nan", "1,5", "1e+"] {
            XCTAssertNotEqual(error { _ = try self.open("v\n\(bad)\n").read(CSVReadRequest(numeric: [0])) }, "", bad)
        }
    }

    func testSeventeenDigitNumbersAreCorrectlyRounded() throws {
        // repr of random doubles: 16-17 significant digits, the double-double path and its fallback.
        var rng = SystemRandomNumberGenerator()
        var cells: [String] = []
        for _ in 0..<60_000 {
            let v = Double.random(in: -1e6...1e6, using: &rng) * pow(10, Double(Int.random(in: -15...15, using: &rng)))
            cells.append(String(v))
            cells.append(String(format: "%.19e", v))
            cells.append(String(format: "%.18g", v))
        }
        // Halfway cases: 2^53 + 1 and neighbours, written out in full.
        cells += ["9007199254740993", "9007199254740995", "9007199254740993.0000000000", "18014398509481986", "18014398509481990",
                  "1.0000000000000002220446049250313080847263336181640625", "0.30000000000000001665"]
        let f = try open("v\n" + cells.joined(separator: "\n") + "\n")
        let t = try f.read(CSVReadRequest(numeric: [0]))
        for (i, c) in cells.enumerated() where t.values[i].bitPattern != Double(c)!.bitPattern {
            XCTFail("\(c): \(t.values[i]) instead of \(Double(c)!)")
        }
    }

    /// A file over the two-thread threshold, with a text column; `middle` is put in the record
    /// nearest the middle (a quoted field with a line break there makes the cut fall inside it).
    func bigFile(middle: String = "", badRecord: Int? = nil) -> String {
        var s = "id,x,y,label,z\n"
        let n = 90_000
        for i in 0..<n {
            let label = i == n / 2 ? middle : ["alpha", "beta", "gamma, quoted", "delta"][i % 4]
            let shown = label.contains(",") || label.contains("\n") ? "\"\(label)\"" : label
            let x = i == badRecord ? "oops" : String(Double(i) * 0.001 + 0.123456789)
            s += "\(i),\(x),\(Double(i % 977) / 7),\(shown),\(i % 3 == 0 ? "" : String(i))\n"
        }
        return s
    }

    func testTwoThreadsReadWhatOneDoes() throws {
        // The last text is longer than a third of the file: the cut falls inside it.
        for middle in ["epsilon", "a,\"\",b", "with a\nline break\n\n and more\n" + String(repeating: "line\n", count: 400_000)] {
            let text = bigFile(middle: middle)
            XCTAssertGreaterThan(text.utf8.count, 4 << 20)
            let f = try open(text)
            let r = CSVReadRequest(numeric: [1, 2], others: [0, 3, 4])
            let one = try f.read(r, threads: 1)
            XCTAssertEqual(one.rows, 90_000)
            // Two threads, and more parts than cores (several cuts fall inside the long quoted text).
            for threads in [2, 3, 6] {
                let two = try f.read(r, threads: threads)
                XCTAssertTrue(one.values.map(\.bitPattern) == two.values.map(\.bitPattern), "threads \(threads)")
                for k in 0..<3 {
                    switch (one.others[k], two.others[k]) {
                    case let (.numbers(a), .numbers(b)): XCTAssertTrue(a.map(\.bitPattern) == b.map(\.bitPattern), "threads \(threads)")
                    case let (.text(a, la), .text(b, lb)): XCTAssertTrue(a == b, "threads \(threads)"); XCTAssertEqual(la, lb)
                    default: XCTFail("column \(k) typed differently")
                    }
                }
                XCTAssertEqual(texts(two.others[1])[45_000], middle.replacingOccurrences(of: "\"\"", with: "\""))
            }
        }
    }

    func testAnErrorInALaterPartIsAtItsOwnLine() throws {
        let f = try open(bigFile(badRecord: 80_000))
        let r = CSVReadRequest(numeric: [1, 2])
        for threads in [1, 2, 3, 6] {
            XCTAssertEqual(error { _ = try f.read(r, threads: threads) }, "t.csv:80002:\(String(80_000).count + 2): 'oops' is not a number (column 'x')")
        }
    }

    func testTheRowLimitAndDroppedRowsAreCountedAcrossParts() throws {
        let f = try open(bigFile())
        // The limit falls in a later part: reported at the first record past it, on any number of cores.
        for threads in [1, 2, 3, 6] {
            XCTAssertEqual(error { _ = try f.read(CSVReadRequest(numeric: [1, 2], maxRows: 70_000), threads: threads) },
                           "t.csv:70002:1: the CSV file has more than 70000 data rows (the limit)", "threads \(threads)")
            XCTAssertEqual(try f.read(CSVReadRequest(numeric: [1, 2], maxRows: 90_000), threads: threads).rows, 90_000)
        }
        // Column z is empty in every third record: those are dropped, numbered in the whole file.
        let one = try f.read(CSVReadRequest(numeric: [1, 4], dropMissing: true), threads: 1)
        XCTAssertEqual(one.dropped.count, 30_000)
        XCTAssertEqual(one.dropped.last, CSVDroppedRecord(record: 89_997, line: 89_999, column: 4))
        for threads in [2, 3, 6] {
            let t = try f.read(CSVReadRequest(numeric: [1, 4], dropMissing: true), threads: threads)
            XCTAssertTrue(t.dropped == one.dropped && t.values == one.values && t.rows == 60_000, "threads \(threads)")
        }
    }

    func testShortTextsAreNumberedInFirstSeenOrderThroughTheCache() throws {
        // Texts of 1–12 bytes, many sharing a prefix or differing only in length ("a", "ab", "a b"),
        // 3,000 distinct (more than a cache holds, so slots are overwritten and found again): the
        // numbers must be the first-seen order, on one thread and on several.
        var rng = CSVTestRandom(7)
        let alphabet = Array("abz").map(String.init) + ["é", "a b"]
        var pool: [String] = []
        while pool.count < 3_000 {
            let n = 1 + Int(rng.next() % 6)
            let t = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            if !pool.contains(t) && t.first != " " && t.last != " " && !["NA", "nan", "null"].contains(t) { pool.append(t) }
        }
        var text = "x,label\n", labels: [String] = []
        for i in 0..<400_000 {
            // Mostly a few common texts, now and then any of the pool.
            let t = rng.next() % 4 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : pool[Int(rng.next() % 5)]
            labels.append(t)
            text += "\(i),\(t)\n"
        }
        var firstSeen: [String: Int32] = [:], levels: [String] = []
        let codes: [Int32] = labels.map { t in
            if let k = firstSeen[t] { return k }
            firstSeen[t] = Int32(levels.count); levels.append(t); return Int32(levels.count - 1)
        }
        let f = try open(text)
        for threads in [1, 2, 3] {
            let t = try f.read(CSVReadRequest(numeric: [0], others: [1]), threads: threads)
            guard case let .text(got, gotLevels) = t.others[0] else { return XCTFail("label not text") }
            // Compared whole, reported short (the arrays are long).
            XCTAssertTrue(gotLevels == levels, "threads \(threads): levels differ from \(gotLevels.indices.first { gotLevels[$0] != levels[$0] } ?? levels.count)")
            XCTAssertTrue(got == codes, "threads \(threads): codes differ from row \(got.indices.first { got[$0] != codes[$0] } ?? codes.count)")
            XCTAssertTrue(t.values == (0..<400_000).map(Double.init), "threads \(threads): numbers differ")
        }
    }

    /// A table's content as comparable text (numbers as bit patterns).
    func fingerprint(_ t: CSVTable) -> String {
        let others = t.others.map { o -> String in
            switch o {
            case let .numbers(v): return "n" + v.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
            case let .text(codes, levels): return "t" + codes.map(String.init).joined(separator: ",") + "|" + levels.joined(separator: "\u{1}")
            }
        }
        return "\(t.records) \(t.rows) \(t.values.map { String($0.bitPattern, radix: 16) }) \(t.dropped.map { "\($0.record):\($0.line):\($0.column)" }) \(others)"
    }

    func testPartsCutAnywhereReadWhatOnePassReads() throws {
        // Small random files cut every few bytes (cuts inside quoted line breaks, CRLFs, blank
        // lines, bad records): the same table, or the same first error, as one pass on one thread.
        var rng = CSVTestRandom(21)
        let cells = ["1.5", "-2", "3e2", "0.30000000000000004", "", "NA", "x", "\"q,uoted\"", "\"multi\nline\"",
                     "\"say \"\"hi\"\"\"", "\"\n\n\"", "7"]
        for file in 0..<400 {
            var text = "a,b,c\n"
            for _ in 0..<(1 + Int(rng.next() % 30)) {
                let roll = rng.next() % 100
                if roll < 3 { text += "\n"; continue }                             // a blank line
                var row = (0..<3).map { _ in cells[Int(rng.next() % UInt64(cells.count))] }
                if roll < 85 { row[0] = ["1", "2.25", "-0", "1e-7", "", "NA"][Int(rng.next() % 6)] }   // mostly numbers in a
                if roll > 97 { row.removeLast() }                                   // a ragged record
                text += row.joined(separator: ",") + (rng.next() % 5 == 0 ? "\r\n" : "\n")
            }
            let f = try open(text)
            let request = CSVReadRequest(numeric: [0], dropMissing: rng.next() % 2 == 0, others: [1, 2])
            func outcome(_ threads: Int, _ part: Int?) -> String {
                do { return fingerprint(try f.read(request, threads: threads, partBytes: part)) } catch { return "error \(error)" }
            }
            let one = outcome(1, nil)
            for (threads, part) in [(2, 5), (3, 11), (2, 37)] {
                let got = outcome(threads, part)
                if got != one { XCTFail("file \(file), \(threads) threads, parts of \(part) bytes:\n\(text)\n\(got)\ninstead of\n\(one)"); return }
            }
        }
    }

    func testRowsOutgrowingTheirRegionsReadWhatOnePassReads() throws {
        // The parts' regions of the matrix are sized from the density of the file's first 64 KiB:
        // long rows there and short ones later make parts outgrow their regions (rows moved to the
        // head's own array, at the first part or a later one), a density that drifts lets earlier
        // room absorb a part's extra rows; every way, the table is the one pass's.
        var rng = CSVTestRandom(33)
        for file in 0..<12 {
            var text = "a,b,label\n"
            let long = [0, 30_000, 2_000, 70_000][file % 4]
            var i = 0
            while text.utf8.count < long {
                text += "\(i),\(Double(i) / 8),\(String(repeating: "w", count: 200 + Int(rng.next() % 800)))\n"
                i += 1
            }
            for _ in 0..<(20_000 + Int(rng.next() % 20_000)) {
                let pad = file % 3 == 2 ? String(repeating: "v", count: Int(rng.next() % 40) * i / 40_000)
                    : file % 3 == 1 && (i / 2_000) % 2 == 0 ? String(repeating: "v", count: 30) : ""
                text += rng.next() % 97 == 0 ? "\(i),,x\n" : "\(i),\(Double(i) / 4),s\(pad)\n"
                i += 1
            }
            let f = try open(text)
            let request = CSVReadRequest(numeric: [0, 1], dropMissing: true, others: [2])
            let one = fingerprint(try f.read(request, threads: 1, partBytes: nil))
            for (threads, part) in [(2, 200_000), (2, 50_000), (3, 9_000), (2, 1_000)] {
                let got = fingerprint(try f.read(request, threads: threads, partBytes: part))
                XCTAssertTrue(got == one, "file \(file), \(threads) threads, parts of \(part) bytes: the tables differ")
            }
        }
    }
}
