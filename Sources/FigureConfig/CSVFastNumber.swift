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
        var mantissa: UInt64
        var j = i + l1
        var fraction = 0
        if b[j] == 0x2E {
            let (n2, t2) = digitWord(b + j + 1)
            if n2 != 0 {
                fraction = n2.trailingZeroBitCount >> 3
                if l1 + fraction <= 8 {
                    // Both runs in one word, the fraction's bytes after the integer's (l1 ≤ 7: a
                    // word of eight digits has no non-digit), summed once: the bytes past them
                    // are shifted out by `runValue`.
                    let integer = t1 & ((1 &<< UInt64(8 * l1)) &- 1)
                    mantissa = runValue(integer | (t2 &<< UInt64(8 * l1)), l1 + fraction)
                } else {
                    mantissa = runValue(t1, l1) &* intPower(fraction) &+ runValue(t2, fraction)
                }
            } else {
                mantissa = runValue(t1, l1)
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
        } else {
            mantissa = runValue(t1, l1)
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

extension CSVNumber {
    /// `m · 10^−q` (m ≥ 1, 1 ≤ q ≤ 22) correctly rounded, by the Eisel–Lemire algorithm (Lemire,
    /// "Number parsing at a gigabyte per second", 2021; Mushtak and Lemire, "Fast number parsing
    /// without fallback", 2023): `m` normalised to 64 bits times a 128-bit upper bound of 2^k / 5^q
    /// (``inverseFive(_:)``; the second word only when the first product's low bits cannot decide),
    /// whose top 54 bits are the result and its rounding bit. Only q ≤ 4 can land exactly halfway
    /// (a fraction with 5^q, q ≥ 5, in its denominator is never a binary midpoint); then ties go to
    /// even. Two 64-bit multiplications instead of an x87 division and its stores (the 16–19-digit
    /// cells of `repr`-written columns). Nil for a result that is not a normal double.
    @inline(__always)
    static func eiselLemire(_ m: UInt64, _ q: Int) -> Double? {
        let (high, low) = inverseFive(q)
        let lz = m.leadingZeroBitCount
        let w = m << UInt64(lz)
        var (hi, lo) = w.multipliedFullWidth(by: high)
        if hi & 0x1FF == 0x1FF {
            let (h2, _) = w.multipliedFullWidth(by: low)
            let (sum, carry) = lo.addingReportingOverflow(h2)
            lo = sum
            if carry { hi &+= 1 }
        }
        let upper = Int(hi >> 63)
        let shift = UInt64(upper + 9)
        var mantissa = hi >> shift
        // The binary exponent: ⌊log₂ 10^−q⌋ + 63 as ((217706 · −q) >> 16) + 63, plus the bias.
        var power2 = ((217_706 * -q) >> 16) + 63 + upper - lz + 1023
        guard power2 > 0 else { return nil }
        if lo <= 1 && q <= 4 && mantissa & 3 == 1 && mantissa << shift == hi { mantissa &= ~1 }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 { mantissa = 1 << 52; power2 += 1 }
        mantissa &= ~(1 << 52)
        guard power2 < 0x7FF else { return nil }
        return Double(bitPattern: mantissa | UInt64(power2) << 52)
    }

    /// ⌊2^(127 + z) / 5^q⌋ + 1 for 1 ≤ q ≤ 22, where 2^z is the least power of two ≥ 5^q: the
    /// 128-bit inverse of 5^q rounded up (high word, low word), as in fast_float's table.
    @inline(__always)
    static func inverseFive(_ q: Int) -> (UInt64, UInt64) {
        switch q {
        case 1: return (0xCCCC_CCCC_CCCC_CCCC, 0xCCCC_CCCC_CCCC_CCCD)
        case 2: return (0xA3D7_0A3D_70A3_D70A, 0x3D70_A3D7_0A3D_70A4)
        case 3: return (0x8312_6E97_8D4F_DF3B, 0x645A_1CAC_0831_26EA)
        case 4: return (0xD1B7_1758_E219_652B, 0xD3C3_6113_404E_A4A9)
        case 5: return (0xA7C5_AC47_1B47_8423, 0x0FCF_80DC_3372_1D54)
        case 6: return (0x8637_BD05_AF6C_69B5, 0xA63F_9A49_C2C1_B110)
        case 7: return (0xD6BF_94D5_E57A_42BC, 0x3D32_9076_0469_1B4D)
        case 8: return (0xABCC_7711_8461_CEFC, 0xFDC2_0D2B_36BA_7C3E)
        case 9: return (0x8970_5F41_36B4_A597, 0x3168_0A88_F895_3031)
        case 10: return (0xDBE6_FECE_BDED_D5BE, 0xB573_440E_5A88_4D1C)
        case 11: return (0xAFEB_FF0B_CB24_AAFE, 0xF78F_69A5_1539_D749)
        case 12: return (0x8CBC_CC09_6F50_88CB, 0xF93F_87B7_442E_45D4)
        case 13: return (0xE12E_1342_4BB4_0E13, 0x2865_A5F2_06B0_6FBA)
        case 14: return (0xB424_DC35_095C_D80F, 0x5384_84C1_9EF3_8C95)
        case 15: return (0x901D_7CF7_3AB0_ACD9, 0x0F9D_3701_4BF6_0A11)
        case 16: return (0xE695_94BE_C44D_E15B, 0x4C2E_BE68_7989_A9B4)
        case 17: return (0xB877_AA32_36A4_B449, 0x09BE_FEB9_FAD4_87C3)
        case 18: return (0x9392_EE8E_921D_5D07, 0x3AFF_322E_6243_9FD0)
        case 19: return (0xEC1E_4A7D_B695_61A5, 0x2B31_E9E3_D06C_32E6)
        case 20: return (0xBCE5_0864_9211_1AEA, 0x88F4_BB1C_A6BC_F585)
        case 21: return (0x971D_A050_74DA_7BEE, 0xD3F6_FC16_EBCA_5E04)
        default: return (0xF1C9_0080_BAF7_2CB1, 0x5324_C68B_12DD_6339)
        }
    }
}
