/// The quick reader's number parser for the common shapes of table cells: an optional `-` or `+`,
/// 1–7 integer digits, and optionally a `.` with up to 18 fraction digits, at most 19 digits in all.
///
/// `CSVNumber.prefix` reads digits one at a time, and its loops end at a different byte for every
/// length of integer part or fraction — a mispredicted branch or two per cell. Here each run of
/// digits is measured in one step from an 8-byte word (the lowest byte that is not a digit) and its
/// value taken from the same word (fast_float's SWAR sum of eight digits, the digits past the run
/// shifted out), so the work is the same whatever the lengths. The value is then the mantissa and
/// power of ten `prefix` would have found (leading zeros add nothing to the mantissa), rounded by
/// the same code (Clinger's fast path, `CSVNumber.wide`, or `strtod`): the same bits, always.
/// Any other shape (an exponent, 8+ integer digits, 20+ digits) returns nil, and the
/// caller asks `prefix`.
extension CSVNumber {
    /// `0x30` in every byte: subtracting it turns ASCII digits into their values.
    static let zeros: UInt64 = 0x3030_3030_3030_3030

    /// The high bit of every byte of the 8 bytes at `p` that is not an ASCII digit, and the bytes
    /// less `0x30`. Borrows and carries only run from a non-digit byte upwards, so the lowest
    /// flagged byte is exact (the bytes above it do not matter).
    @inline(__always)
    static func digitWord(_ p: UnsafePointer<UInt8>) -> (nonDigits: UInt64, values: UInt64) {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let t = w &- zeros
        return (((w &+ 0x4646_4646_4646_4646) | t) & 0x8080_8080_8080_8080, t)
    }

    /// The value of the first `count` (0…8) digits of a word from ``digitWord(_:)``: the bytes past
    /// them are shifted out and zeros (leading zero digits) shifted in, then the eight are summed.
    @inline(__always)
    static func runValue(_ t: UInt64, _ count: Int) -> UInt64 {
        let v0 = t << UInt64(64 - 8 * count)   // a 64-bit shift (count 0) gives 0
        let v = (v0 &* 10) &+ (v0 >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let m1: UInt64 = 100 &+ (1_000_000 << 32), m2: UInt64 = 1 &+ (10_000 << 32)
        return (((v & mask) &* m1) &+ (((v >> 16) & mask) &* m2)) >> 32
    }

    /// 10ᵉ for e in 0…18 as an integer (a table of constants when compiled, where `power`'s switch
    /// of doubles becomes an indirect jump per call).
    @inline(__always)
    static func intPower(_ e: Int) -> UInt64 {
        switch e {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        case 13: return 10_000_000_000_000
        case 14: return 100_000_000_000_000
        case 15: return 1_000_000_000_000_000
        case 16: return 10_000_000_000_000_000
        case 17: return 100_000_000_000_000_000
        default: return 1_000_000_000_000_000_000
        }
    }

    /// The number at `b[a]` and where it ends, exactly as `prefix(b, a, _)` gives it, for the shapes
    /// above; nil for any other (then `prefix` decides). At least 40 bytes must be readable from `a`.
    /// Transparent: marked `@inline(__always)` it was still called, once a number, from the quick
    /// path (its call and register saves cost 7–8 % of a read of the bench file).
    @_transparent
    static func quick(_ b: UnsafePointer<UInt8>, _ a: Int) -> (Double, Int)? {
        let c = b[a]
        let i = a + (c == 0x2D || c == 0x2B ? 1 : 0)
        let (n1, t1) = digitWord(b + i)
        guard n1 != 0 else { return nil }
        let l1 = n1.trailingZeroBitCount >> 3
        guard l1 > 0 else { return nil }
        var mantissa = runValue(t1, l1)
        var j = i + l1
        var fraction = 0
        if b[j] == 0x2E {
            let (n2, t2) = digitWord(b + j + 1)
            if n2 != 0 {
                fraction = n2.trailingZeroBitCount >> 3
                mantissa = mantissa &* intPower(fraction) &+ runValue(t2, fraction)
            } else {
                let (n3, t3) = digitWord(b + j + 9)
                mantissa = mantissa &* 100_000_000 &+ runValue(t2, 8)
                if n3 != 0 {
                    let l3 = n3.trailingZeroBitCount >> 3
                    fraction = 8 + l3
                    mantissa = mantissa &* intPower(l3) &+ runValue(t3, l3)
                } else {
                    // 16–18 fraction digits after one integer digit (doubles as `repr` writes them).
                    let (n4, t4) = digitWord(b + j + 17)
                    let l4 = n4.trailingZeroBitCount >> 3
                    fraction = 16 + l4
                    guard n4 != 0 else { return nil }
                    mantissa = (mantissa &* 100_000_000 &+ runValue(t3, 8)) &* intPower(l4) &+ runValue(t4, l4)
                }
            }
            // At most 19 digits: the mantissa above is then exact (below 10¹⁹ < 2⁶⁴).
            guard l1 + fraction <= 19 else { return nil }
            j += 1 + fraction
        }
        // An exponent is `prefix`'s to read.
        guard b[j] | 0x20 != 0x65 else { return nil }
        // The sign is set as a bit, not by a branch: it is random in many columns (a mispredicted
        // branch there cost more than the rest of a short number).
        let sign = UInt64(c == 0x2D ? 1 : 0) << 63
        if mantissa < (1 << 53) {
            let v = Double(mantissa) / Double(Int64(intPower(fraction)))   // 10ᵉ exact: e ≤ 18
            return (Double(bitPattern: v.bitPattern | sign), j)
        }
        if let v = wide(mantissa, -fraction) { return (Double(bitPattern: v.bitPattern | sign), j) }
        return slow(b, a, j).map { ($0, j) }
    }
}

#if arch(x86_64) && os(Linux)
extension CSVNumber {
    /// `m · 10ᵉ` (|e| ≤ 22) for ``wide(_:_:)`` in x87 extended precision: `m` (64 bits) and 10^|e|
    /// are exact `Float80`s, so one multiplication or division rounds the exact value to 64 bits,
    /// then the conversion rounds that to 53. Two roundings give the correctly rounded double
    /// unless the first lands exactly on a midpoint between two doubles (the midpoints are
    /// `Float80`s, so a value on either side of one stays on that side or lands on it): then nil
    /// sends the cell to `strtod`. One x87 operation instead of two dependent divisions and an FMA.
    @inline(__always)
    static func extended(_ m: UInt64, _ e: Int) -> Double? {
        let x = Float80(m), p = Float80(power(e < 0 ? -e : e))
        let q = e < 0 ? x / p : x * p
        // The 11 bits of the 63-bit fraction below a double's 52: 0x400 is a midpoint.
        guard q.isNormal, q.significandBitPattern & 0x7FF != 0x400 else { return nil }
        let r = Double(q)
        return r.isNormal ? r : nil
    }
}
#endif
