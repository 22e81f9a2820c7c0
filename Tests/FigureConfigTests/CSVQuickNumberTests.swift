import Foundation
import XCTest
@testable import FigureConfig

/// The quick reader's word-at-a-time number parser (`CSVNumber.quick`): the same value and end as
/// `CSVNumber.prefix` and the same bits as `Double(String)` for numbers of every shape, and whole
/// files whose fields and quoted texts fall at every position relative to the 8-byte words and the
/// reader's blocks reading the same numbers on one thread and two.
final class CSVQuickNumberTests: XCTestCase {
    /// A random cell: sign, integer digits (0–10, leading zeros sometimes), fraction (none, a bare
    /// point, 1–20 digits), sometimes an exponent.
    func randomCell(_ rng: inout some RandomNumberGenerator) -> String {
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }) }
        var s = ["", "", "-", "+"].randomElement(using: &rng)!
        let intDigits = Int.random(in: 0...10, using: &rng)
        s += Bool.random(using: &rng) ? digits(intDigits) : (intDigits > 0 ? "0" + digits(intDigits - 1) : "")
        switch Int.random(in: 0...5, using: &rng) {
        case 0: break
        case 1: s += "."
        default: s += "." + digits(Int.random(in: 1...20, using: &rng))
        }
        if Int.random(in: 0...9, using: &rng) == 0 { s += ["e", "E"].randomElement(using: &rng)! + ["", "-", "+"].randomElement(using: &rng)! + String(Int.random(in: 0...30, using: &rng)) }
        return s
    }

    /// `quick` on `cell` followed by `tail` (and padding): nil, or exactly what `prefix` finds.
    @discardableResult
    func checkQuick(_ cell: String, tail: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let bytes = Array((cell + tail).utf8) + [UInt8](repeating: 0x2C, count: 48)
        return bytes.withUnsafeBufferPointer { buf in
            let b = buf.baseAddress!
            let slow = CSVNumber.prefix(b, 0, buf.count)
            guard let (v, end) = CSVNumber.quick(b, 0) else { return false }
            guard let (w, e) = slow else { XCTFail("\(cell): quick read \(v), prefix nothing", file: file, line: line); return true }
            XCTAssertEqual(v.bitPattern, w.bitPattern, "\(cell)", file: file, line: line)
            XCTAssertEqual(end, e, "\(cell)", file: file, line: line)
            return true
        }
    }

    func testQuickAgreesWithPrefixAndStrtod() {
        var rng = SystemRandomNumberGenerator()
        var cells = ["0", "-0", "-0.0", "0.", "5.", "+5", "12345678", "123456789", "0.1", "1.5e3", "0.0000000000000001",
                     "9007199254740993", "9.007199254740993", "0.9007199254740993", "0.019779732868149713", "0.7285399166325656",
                     "-0.06639043024723791", "1.2345678901234567", "12.345678901234567", "99999999.99999999999", "0.1234567890123456789",
                     "00000000.5", "-0.0000000000000000", "0.1000000000000000", "-0.5000000000000001", "0.00000000000000012", "1.2.3", "-", "+", ".5", "-.5", "e5"]
        for _ in 0..<100_000 { cells.append(randomCell(&rng)) }
        for _ in 0..<30_000 {
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            cells.append(String(v))
            cells.append(String(Double.random(in: -1...1, using: &rng)))
            cells.append(String(format: "%.\(Int.random(in: 0...8))f", Double.random(in: -1e4...1e4, using: &rng)))
        }
        var quick = 0
        for (k, cell) in cells.enumerated() {
            if checkQuick(cell, tail: [",", "\n", "\r\n", ".", "e", "x", " ", "\""][k % 8]) { quick += 1 }
            // Where the grammar reads the whole cell, the reader's value is strtod's.
            let bytes = Array(cell.utf8)
            let whole = bytes.withUnsafeBufferPointer { CSVNumber.parse($0.baseAddress!, 0, $0.count) }
            if let w = whole { XCTAssertEqual(w.bitPattern, Double(cell)?.bitPattern, cell) }
        }
        XCTAssertGreaterThan(quick, cells.count / 3, "most shapes take the quick parser")
    }

    func testWideMantissasAgreeWithStrtod() {
        // 54–64-bit mantissas times 10^±22 at most (Eisel–Lemire for 10^−q; for 10^e the x87 path
        // on x86-64 Linux, double-double elsewhere), midpoints such as 2^53 + 1 among them; nil is
        // allowed (strtod decides).
        var rng = SystemRandomNumberGenerator()
        var cases: [(UInt64, Int)] = [((1 << 53) + 1, 0), ((1 << 53) + 3, 0), ((1 << 54) + 2, 0), (UInt64.max, 0), (UInt64.max, -22), (UInt64.max, 22)]
        for _ in 0..<200_000 { cases.append((UInt64.random(in: (1 << 53)...UInt64.max, using: &rng), Int.random(in: -22...22, using: &rng))) }
        var read = 0
        for (m, e) in cases {
            let want = Double("\(m)e\(e)")!
            if let v = CSVNumber.wide(m, e) { read += 1; XCTAssertEqual(v.bitPattern, want.bitPattern, "\(m)e\(e)") }
            if let v = CSVNumber.doubleDouble(m, e) { XCTAssertEqual(v.bitPattern, want.bitPattern, "\(m)e\(e) (double-double)") }
        }
        XCTAssertGreaterThan(read, cases.count * 9 / 10)
    }

    func testEiselLemireAgreesWithStrtod() {
        // Every mantissa size (1 to 64 bits) over 10^−1…10^−22, exact halfway points (which only
        // q ≤ 4 can give: 2^53 + 1, 2^52 + ½, … written with trailing zeros) and their neighbours.
        var rng = CSVTestRandom(11)
        var cases: [(UInt64, Int)] = []
        for q in 1...4 {
            let scale = CSVNumber.intPower(q)
            for odd in stride(from: UInt64(1), through: 41, by: 2) {
                for base in [UInt64(1) << 53, 1 << 54] where (base + odd) <= UInt64.max / scale {
                    let m = (base + odd) * scale
                    cases += [(m, q), (m - 1, q), (m + 1, q)]
                }
                let (half, over) = ((UInt64(1) << 52) * 10 + 5 * odd).multipliedReportingOverflow(by: scale / 10)   // 2^52 + odd/2
                if !over { cases += [(half, q), (half - 1, q), (half + 1, q)] }
            }
        }
        for _ in 0..<300_000 {
            let bits = Int(rng.next() % 64) + 1
            let m = bits == 64 ? rng.next() : (rng.next() & ((1 << UInt64(bits)) - 1)) | (1 << UInt64(bits - 1))
            cases.append((m, Int(rng.next() % 22) + 1))
        }
        for (m, q) in cases {
            let want = Double("\(m)e-\(q)")!
            guard let got = CSVNumber.eiselLemire(m, q) else { XCTFail("\(m)e-\(q): nil"); continue }
            if got.bitPattern != want.bitPattern { XCTFail("\(m)e-\(q): \(got) instead of \(want)"); break }
        }
    }

    func testEveryRunLengthAtEveryWordOffset() {
        // Integer runs 1–9 and fractions 0–19 at each offset 0…15 of the buffer.
        for intDigits in 1...9 {
            for fraction in 0...19 {
                let s = String(repeating: "7", count: intDigits) + (fraction > 0 ? "." + String(repeating: "3", count: fraction) : "")
                for pad in 0..<16 {
                    let bytes = [UInt8](repeating: 0x2C, count: pad) + Array((s + ",").utf8) + [UInt8](repeating: 0x0A, count: 48)
                    bytes.withUnsafeBufferPointer { buf in
                        let b = buf.baseAddress!
                        let covered = intDigits <= 7 && intDigits + fraction <= 19
                        guard let (v, end) = CSVNumber.quick(b, pad) else { return XCTAssertFalse(covered, "\(s) not read quickly") }
                        XCTAssertEqual(end, pad + s.utf8.count, s)
                        XCTAssertEqual(v.bitPattern, Double(s)!.bitPattern, s)
                    }
                }
            }
        }
    }

    /// `rows` records of random numbers of many shapes, a text column (some quoted, with
    /// delimiters, doubled quotes or line breaks) and random line endings: rows of every length,
    /// so over several blocks every byte position meets a block's end.
    func mixedFile(rows: Int, seed: UInt64) -> (text: String, numbers: [Double]) {
        var rng = CSVTestRandom(seed)
        var s = "a,b,label,c\n", numbers: [Double] = []
        for i in 0..<rows {
            var row: [String] = []
            for _ in 0..<3 {
                var c = randomCell(&rng)
                if Double(c) == nil { c = "1" }   // an empty cell or a lone sign, point or exponent
                numbers.append(Double(c)!)
                row.append(c)
            }
            let label = ["north", "\"south, far\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "east"][Int(rng.next() % 5)]
            s += "\(row[0]),\(row[1]),\(label),\(row[2])" + (i % 7 == 0 ? "\r\n" : "\n")
        }
        return (s, numbers)
    }

    func testMixedFilesReadTheSameOnOneAndTwoThreads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvquick-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (rows, seed) in [(300, UInt64(1)), (120_000, 2)] {
            let (text, numbers) = mixedFile(rows: rows, seed: seed)
            let url = dir.appendingPathComponent("m\(seed).csv")
            try Data(text.utf8).write(to: url)
            let f = try CSVFile(path: url.path, displayPath: "m.csv") { ConfigError("unreadable: \($0)", at: SourceLocation(file: "c.yaml", line: 1, column: 1)) }
            let r = CSVReadRequest(numeric: [0, 1], others: [2, 3])
            let one = try f.read(r, threads: 1), two = try f.read(r, threads: 2)
            XCTAssertEqual(one.rows, rows)
            var expected: [Double] = [], third: [Double] = []
            for k in 0..<rows { expected += [numbers[3 * k], numbers[3 * k + 1]]; third.append(numbers[3 * k + 2]) }
            XCTAssertEqual(one.values.map(\.bitPattern), expected.map(\.bitPattern))
            XCTAssertEqual(two.values.map(\.bitPattern), expected.map(\.bitPattern))
            guard case let .numbers(c1) = one.others[1], case let .numbers(c2) = two.others[1] else { return XCTFail("column c not numbers") }
            XCTAssertEqual(c1.map(\.bitPattern), third.map(\.bitPattern))
            XCTAssertEqual(c2.map(\.bitPattern), third.map(\.bitPattern))
            guard case let .text(codes1, levels1) = one.others[0], case let .text(codes2, levels2) = two.others[0] else { return XCTFail("labels not text") }
            XCTAssertEqual(codes1, codes2)
            XCTAssertEqual(levels1, levels2)
            XCTAssertEqual(Set(levels1), ["north", "south, far", "say \"hi\"", "two\nlines", "east"])
        }
    }
}

/// A small seeded generator, so a failing file can be made again.
struct CSVTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
