import Foundation

/// Decimal text to `Double`, correctly rounded (the same bits as Python's `float()`, pandas'
/// `read_csv(float_precision="round_trip")` and Swift's `Double(String)`).
///
/// Most cells of real tables (at most 19 significant digits, a power of ten within ±22 of them)
/// take Clinger's fast path: the digits as an exact integer below 2⁵³ times or divided by an exact
/// power of ten — one correctly rounded operation. Everything else goes to Swift's `Double(String)`.
/// The grammar is the one the reader always had: an optional sign, digits with an optional `.`, an
/// optional exponent; nothing else (no `inf`, `nan`, hex or thousands separators).
enum CSVNumber {
    /// 10ᵉ for e in 0…22, each exact in a double (a switch: no lazy global on the hot path).
    @inline(__always)
    static func power(_ e: Int) -> Double {
        switch e {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// The number in `b[a..<e]` (spaces and tabs already trimmed), nil when it is not one or not finite.
    @inline(__always)
    static func parse(_ b: UnsafePointer<UInt8>, _ a: Int, _ e: Int) -> Double? {
        guard a < e, e - a < 64, let (v, end) = prefix(b, a, e), end == e else { return nil }
        return v
    }

    /// The number that starts at `b[a]` and runs as far as the grammar allows before `e`, and where it
    /// ends (the quick path checks the byte there is the field's end); nil when no number starts at
    /// `a`, or an exponent has no digits, or it is 64 bytes or longer, or not finite. Not inlined:
    /// the quick path calls it only for the shapes ``quick(_:_:)`` leaves to it.
    @inline(never)
    static func prefix(_ b: UnsafePointer<UInt8>, _ a: Int, _ e: Int) -> (Double, Int)? {
        var i = a
        var negative = false
        if b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, exponent = 0
        var anyDigit = false, inexact = false
        // Leading zeros count for nothing.
        while i < e && b[i] == 0x30 { anyDigit = true; i += 1 }
        while i + 8 <= e && digits <= 11, let v = eightDigits(b + i) { mantissa = mantissa &* 100_000_000 &+ v; digits += 8; i += 8; anyDigit = true }
        while i < e {
            let d = b[i] &- 0x30
            guard d < 10 else { break }
            anyDigit = true
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); digits += 1 } else { inexact = true; exponent += 1 }
            i += 1
        }
        if i < e && b[i] == 0x2E {
            i += 1
            if mantissa == 0 { while i < e && b[i] == 0x30 { anyDigit = true; exponent -= 1; i += 1 } }
            while i + 8 <= e && digits <= 11, let v = eightDigits(b + i) {
                mantissa = mantissa &* 100_000_000 &+ v; digits += 8; exponent -= 8; i += 8; anyDigit = true
            }
            while i < e {
                let d = b[i] &- 0x30
                guard d < 10 else { break }
                anyDigit = true
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d); digits += 1; exponent -= 1 } else { inexact = true }
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < e && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < e && (b[i] == 0x2D || b[i] == 0x2B) { expNegative = b[i] == 0x2D; i += 1 }
            var value = 0, expDigits = 0
            while i < e {
                let d = b[i] &- 0x30
                guard d < 10 else { break }
                if value < 100_000 { value = value * 10 + Int(d) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -value : value
        }
        guard i - a < 64 else { return nil }
        let end = i
        if !inexact && exponent >= -22 && exponent <= 22 {
            if mantissa == 0 { return (negative ? -0.0 : 0.0, end) }
            if mantissa < (1 << 53) {
                let m = Double(mantissa)
                let v = exponent >= 0 ? m * power(exponent) : m / power(-exponent)
                return (negative ? -v : v, end)
            }
            if let v = wide(mantissa, exponent) { return (negative ? -v : v, end) }
        }
        return slow(b, a, end).map { ($0, end) }
    }

    /// The value of 8 ASCII digits at `p`, or nil when they are not all digits (fast_float's SWAR
    /// `parse_eight_digits_unrolled`).
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        guard ((w &+ 0x4646_4646_4646_4646) | (w &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        var v = w &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let m1: UInt64 = 100 &+ (1_000_000 << 32), m2: UInt64 = 1 &+ (10_000 << 32)
        return (((v & mask) &* m1) &+ (((v >> 16) & mask) &* m2)) >> 32
    }

    /// `m · 10ᵉ` for a mantissa of more than 53 bits (16–19 digits, as Python's `repr` writes
    /// doubles) and |e| ≤ 22: a fraction (e < 0) by ``eiselLemire(_:_:)``, else in x87 extended
    /// precision (``extended(_:_:)``) or double-double arithmetic: `m` split exactly into two doubles, the
    /// product or quotient by the exact power of ten carried with its rounding error (FMA), then
    /// rounded once. The error of the double-double value is bounded; when the value lies within that
    /// bound of a halfway point between two doubles the rounding cannot be told and nil sends the
    /// cell to `strtod` (about once in 2⁴⁵ cells).
    @inline(__always)
    static func wide(_ m: UInt64, _ e: Int) -> Double? {
        if e < 0 { return eiselLemire(m, -e) }
        #if arch(x86_64) && os(Linux)
        return extended(m, e)
        #else
        return doubleDouble(m, e)
        #endif
    }

    /// ``wide(_:_:)`` in double-double arithmetic (where `Float80` is not available).
    @inline(__always)
    static func doubleDouble(_ m: UInt64, _ e: Int) -> Double? {
        let xh = Double(m & ~0x7FF), xl = Double(m & 0x7FF)   // both exact: m = xh + xl
        let p = power(e < 0 ? -e : e)                         // exact
        let hi: Double, lo: Double, bound: Double
        if e >= 0 {
            // m·p = ph + pl + qh + ql exactly (two FMA products), ph + qh = s + err exactly (two-sum).
            let ph = xh * p, pl = (-ph).addingProduct(xh, p)
            let qh = xl * p, ql = (-qh).addingProduct(xl, p)
            let s = ph + qh, v = s - ph, err = (ph - (s - v)) + (qh - v)
            hi = s
            lo = err + pl + ql
            bound = 4 * (err.magnitude + pl.magnitude + ql.magnitude) * 0x1p-52
        } else {
            // m/p = q1 + (r1 + xl)/p exactly, with r1 = xh − q1·p exact (FMA).
            let q1 = xh / p, r1 = xh.addingProduct(-q1, p)
            hi = q1
            lo = (r1 + xl) / p
            bound = 4 * lo.magnitude * 0x1p-52
        }
        // Round hi + lo once; the exact rest and the error bound must stay clear of the halfway point.
        let r = hi + lo
        let v = r - hi, rest = (hi - (r - v)) + (lo - v)
        guard r.isNormal else { return nil }
        let spacing = rest < 0 && r.significandBitPattern == 0 ? r.ulp / 2 : r.ulp
        guard rest.magnitude + bound + r.ulp * 0x1p-60 < spacing / 2 else { return nil }
        return r
    }

    /// glibc's `strtod` (correctly rounded) on a NUL-terminated copy in a stack buffer; the grammar was
    /// checked already, and it has no locale-dependent characters but the `.`, which the "C" locale of
    /// a Swift process reads as the decimal point.
    @inline(never)
    static func slow(_ b: UnsafePointer<UInt8>, _ a: Int, _ e: Int) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65) { buf -> Double? in
            let n = e - a
            for k in 0..<n { buf[k] = CChar(bitPattern: b[a + k]) }
            buf[n] = 0
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(buf.baseAddress!, &end)
            guard end == buf.baseAddress! + n, v.isFinite else { return nil }
            return v
        }
    }

    /// pandas' default missing-value markers (`read_csv`'s `na_values`), besides the empty cell.
    static let missingMarkers: [[UInt8]] = ["#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
                                             "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"].map { Array($0.utf8) }

    /// Whether `b[a..<e]` (trimmed) is empty or one of pandas' missing-value markers.
    @inline(__always)
    static func isMissing(_ b: UnsafePointer<UInt8>, _ a: Int, _ e: Int) -> Bool {
        if a >= e { return true }
        let n = e - a
        // Markers are 2, 3, 4, 6, 7 or 8 bytes long (bits of 0x1DC); most texts are not, or do not
        // start like one.
        guard n <= 8, (0x1DC >> n) & 1 != 0 else { return false }
        let c = b[a]
        guard c == 0x23 || c == 0x2D || c == 0x31 || c == 0x3C || c == 0x4E || c == 0x6E else { return false }
        for m in missingMarkers where m.count == n {
            if m.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b + a, n) == 0 }) { return true }
        }
        return false
    }
}

/// The distinct texts of a column, numbered in the order they are first seen (0, 1, …), kept as
/// bytes in one buffer and found again by an open-addressing hash table, so a million cells cost no
/// `String` each.
struct TextInterner {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = [0]
    private var table = [Int32](repeating: -1, count: 64)
    private var hashes: [UInt64] = []

    /// The number of distinct texts.
    var count: Int { starts.count - 1 }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    /// Whether `n` bytes at `x` and `y` are equal: a loop, as the texts are short (a call to `memcmp`
    /// for each cell cost more than the comparison).
    @inline(__always)
    static func same(_ x: UnsafePointer<UInt8>, _ y: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n { if x[i] != y[i] { return false }; i += 1 }
        return true
    }

    /// The number of the text `p[0..<n]`, adding it when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let h = Self.hash(p, n)
        var mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = table[slot]
            if id < 0 { break }
            let k = Int(id)
            if hashes[k] == h && starts[k + 1] - starts[k] == n && bytes.withUnsafeBufferPointer({ Self.same($0.baseAddress! + starts[k], p, n) }) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(bytes.count)
        hashes.append(h)
        table[slot] = id
        if count * 2 > table.count {
            table = [Int32](repeating: -1, count: table.count * 4)
            mask = table.count - 1
            for (k, hk) in hashes.enumerated() {
                var s = Int(truncatingIfNeeded: hk) & mask
                while table[s] >= 0 { s = (s + 1) & mask }
                table[s] = Int32(k)
            }
        }
        return id
    }

    /// The text numbered `k`.
    func text(_ k: Int) -> String { String(decoding: bytes[starts[k]..<starts[k + 1]], as: UTF8.self) }

    /// Every text, in order.
    var texts: [String] { (0..<count).map(text) }
}

/// UTF-8 validation over raw memory (8 ASCII bytes at a time), for the CSV reader's blocks.
enum UTF8Check {
    /// The offset of the first byte in `b[a..<e]` that does not start a well-formed sequence, or nil.
    /// A sequence cut off by `e` counts as malformed; callers stop `e` at an ASCII byte.
    static func firstInvalid(_ b: UnsafePointer<UInt8>, _ a: Int, _ e: Int) -> Int? {
        var i = a
        while i < e {
            // 32 bytes a step while they are ASCII (nearly always in a CSV of numbers).
            while i + 32 <= e {
                let p = UnsafeRawPointer(b + i)
                let w = p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                guard w & 0x8080_8080_8080_8080 == 0 else { break }
                i += 32
            }
            if i + 8 <= e {
                let w = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            guard i < e else { break }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard i + need < e, b[i + 1] >= lo, b[i + 1] <= hi else { return i }
            var k = 2
            while k <= need { guard b[i + k] & 0xC0 == 0x80 else { return i }; k += 1 }
            i += need + 1
        }
        return nil
    }
}
