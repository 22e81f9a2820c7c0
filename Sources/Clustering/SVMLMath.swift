/// numpy's float64 `exp`, `log` and `log1p` on x86-64 with AVX-512 (the reference machine), bit for
/// bit.
///
/// numpy 2.x computes these ufuncs with Intel's SVML "high accuracy" routines (`__svml_exp8_ha`,
/// `__svml_log8_ha`, `__svml_log1p8_ha`, shipped in numpy as assembly). Their results differ from
/// glibc's in the last bit for about 5 % (exp), 0.3 % (log) and 7 % (log1p) of the inputs, which is
/// enough to change the last bits of every Gaussian-mixture parameter. This file replays each
/// routine's main path one instruction at a time (every `vfmadd` is one `addingProduct`), with two
/// emulated instructions:
/// - `vfmadd213pd {rz-sae}` (exp's range reduction, rounding toward zero) is computed exactly as
///   `floor(16 · x · log2(e))` from the product and its FMA error term;
/// - `vrcp14pd` followed by `vrndscalepd $0x58` (log's reciprocal, rounded to 1/32) is a step
///   function of the mantissa; its 16 steps were measured on the hardware
///   (`SVMLTables.reciprocalThresholds`) and verified on 2.2 million mantissas.
/// Lanes SVML hands to its scalar "rare" callout are handled as that callout does (exp) or by the
/// IEEE special values it returns (log, log1p).
enum SVML {
    /// The tables as doubles, allocated once and never freed.
    struct Tables: @unchecked Sendable {
        let expTh: UnsafeMutablePointer<Double>
        let expTlr: UnsafeMutablePointer<Double>
        let logTh: UnsafeMutablePointer<Double>
        let logTl: UnsafeMutablePointer<Double>
        let expRare: UnsafeMutablePointer<Double>
        let thresholds: UnsafeMutablePointer<UInt64>

        init() {
            func doubles(_ bits: [UInt64]) -> UnsafeMutablePointer<Double> {
                let p = UnsafeMutablePointer<Double>.allocate(capacity: bits.count)
                for (i, b) in bits.enumerated() { p[i] = Double(bitPattern: b) }
                return p
            }
            expTh = doubles(SVMLTables.expTh)
            expTlr = doubles(SVMLTables.expTlr)
            logTh = doubles(SVMLTables.logTh)
            logTl = doubles(SVMLTables.logTl)
            expRare = doubles(SVMLTables.expRare)
            thresholds = UnsafeMutablePointer<UInt64>.allocate(capacity: 16)
            for (i, b) in SVMLTables.reciprocalThresholds.enumerated() { thresholds[i] = b }
        }
    }

    static let tables = Tables()

    // __svml_dexp_ha_data_internal_avx512
    static let expLog2E = Double(bitPattern: 0x3ff7_1547_652b_82fe)
    static let expLn2Hi = Double(bitPattern: 0x3fe6_2e42_fefa_39ef)
    static let expLn2Lo = Double(bitPattern: 0x3c7a_bc9e_3b39_803f)
    static let expLn2HiHead = Double(bitPattern: 0x3fe6_2e42_fefa_0000)
    static let expLn2HiTail = expLn2Hi - expLn2HiHead  // exact: the low 14 bits
    static let expC6 = Double(bitPattern: 0x3f57_4118_3694_0c04)
    static let expC5 = Double(bitPattern: 0x3f81_101c_bbc2_65c0)
    static let expC4 = Double(bitPattern: 0x3fa5_5557_242d_68fe)
    static let expC3 = Double(bitPattern: 0x3fc5_5555_5393_9732)
    static let expC2 = Double(bitPattern: 0x3fe0_0000_0000_d008)
    static let expC1 = Double(bitPattern: 0x3fef_ffff_ffff_ff70)
    static let expThreshold = Double(bitPattern: 0x4086_1da0_4cba_fe44)  // 707.70…

    // __svml_dlog_ha_data_internal_avx512 (log1p uses the same values)
    static let logC9 = Double(bitPattern: 0x3fbc_81cd_309d_7c70)
    static let logC8 = Double(bitPattern: 0xbfc0_0735_7e93_af62)
    static let logC7 = Double(bitPattern: 0x3fc2_4922_9cee_81ef)
    static let logC6 = Double(bitPattern: 0xbfc5_5553_fb28_db06)
    static let logC5 = Double(bitPattern: 0x3fc9_9999_99cc_9f5c)
    static let logC4 = Double(bitPattern: 0xbfd0_0000_000c_05bd)
    static let logC3 = Double(bitPattern: 0x3fd5_5555_5555_5466)
    static let logC2 = Double(bitPattern: 0xbfdf_ffff_ffff_ffc6)
    static let logLn2Hi = Double(bitPattern: 0x3fe6_2e42_fefa_0000)
    static let logLn2Lo = Double(bitPattern: 0x3d7c_f79a_bc9e_0000)

    // MARK: exp

    /// `np.exp(x)` for one float64.
    @inline(__always)
    static func exp(_ x: Double, _ t: Tables) -> Double {
        guard abs(x) < expThreshold else { return x.isNaN ? x : expRare(x, t) }
        // SVML returns exactly 1 here (checked against numpy on 7 million inputs); skipping the
        // polynomial saves ten FMAs for the responsibilities of the dominant component.
        if abs(x) <= 0x1p-56 { return 1 }
        // vfmadd213pd {rz-sae}: x·log2(e) + 1.5·2^48 rounded toward zero keeps 4 fractional bits,
        // i.e. m = floor(16·x·log2(e)) exactly; the product's rounding error only matters when
        // 16·p is an integer.
        let p = x * expLog2E
        let q = p * 16  // |q| < 2^14: the integer conversions are exact
        var m = Int(q)
        if Double(m) > q { m -= 1 }
        if Double(m) == q && (-p).addingProduct(x, expLog2E) < 0 { m -= 1 }
        let n = Double(m) * 0.0625
        var r: Double
        if m >= 2 || m <= -3 {
            // fma(-n, ln2_hi, x) without the call: ln2_hi = head + tail with 39 and 14 significant
            // bits, so n·head and n·tail are exact (|m| < 2^14), x - n·head is exact (Sterbenz:
            // x / (n·head) lies in [2/3, 3/2] for these m), and the last subtraction rounds once.
            r = (x - n * expLn2HiHead) - n * expLn2HiTail
        } else {
            r = x.addingProduct(-n, expLn2Hi)
        }
        r = r.addingProduct(-n, expLn2Lo)
        r = Double(bitPattern: r.bitPattern & 0xbfff_ffff_ffff_ffff)  // "ensure |R| < 2"
        let r2 = r * r
        var p56 = expC5.addingProduct(expC6, r)
        let p34 = expC3.addingProduct(expC4, r)
        let p12 = expC1.addingProduct(expC2, r)
        p56 = p34.addingProduct(r2, p56)
        p56 = p12.addingProduct(r2, p56)
        let j = m & 15
        let th = t.expTh[j]
        let poly = t.expTlr[j].addingProduct(p56, r)
        let res = th.addingProduct(th, poly)
        // vscalefpd by floor(m / 16); the result is normal on this path, so the scaling is exact.
        return res * Double(bitPattern: UInt64(1023 + (m >> 4)) << 52)
    }

    /// `__svml_dexp_ha_cout_rare_internal`: |x| ≥ 707.7 (overflow, tiny and subnormal results).
    static func expRare(_ x: Double, _ t: Tables) -> Double {
        let bits = x.bitPattern
        if (bits >> 52) & 0x7ff == 0x7ff { return x == -.infinity ? 0 : x * x }
        if x > Double(bitPattern: 0x4086_2e42_fefa_39ef) { return .greatestFiniteMagnitude * .greatestFiniteMagnitude }
        if x < Double(bitPattern: 0xc087_4910_d52d_3051) {
            let tiny = Double(bitPattern: 0x0010_0000_0000_0001)
            return tiny * tiny
        }
        let shifted = x * Double(bitPattern: 0x4057_1547_652b_82fe) + 6_755_399_441_055_744.0
        let n = Int(Int32(truncatingIfNeeded: shifted.bitPattern))
        let j = n & 63
        let big = shifted - 6_755_399_441_055_744.0
        var r = x - big * Double(bitPattern: 0x3f86_2e42_fefa_0000)
        r = r - big * Double(bitPattern: 0x3d1c_f79a_bc9e_3b3a)
        var p = Double(bitPattern: 0x3f56_c16a_1c2a_3ffd) * r
        p = p + Double(bitPattern: 0x3f81_1112_3aaf_20d3)
        p = p * r
        p = p + Double(bitPattern: 0x3fa5_5555_5555_8fcc)
        p = p * r
        p = p + Double(bitPattern: 0x3fc5_5555_5555_48f8)
        p = p * r
        p = p + 0.5
        p = p * r
        p = p * r
        p = p + r
        p = p + t.expRare[2 * j + 1]
        let hi = t.expRare[2 * j]
        p = p * hi
        let k = n >> 6
        if x < Double(bitPattern: 0xc086_232b_dd7a_bcd2) {
            // Subnormal result: scale by 2^(k + 60) first, then by 2^-60 (split so that only the
            // final multiplication rounds).
            let e = (k + 1083) & 2047
            let scale = Double(bitPattern: UInt64(e) << 52)
            let low = p * scale
            let high = scale * hi
            let sum = high + low
            if e <= 50 { return sum * 0x1p-60 }
            let err = (high - sum) + low
            let c = sum * 6_442_450_944.0
            let h = (sum + c) - c
            let l = (sum - h) + err
            return h * 0x1p-60 + l * 0x1p-60
        }
        let e = (k + 1023) & 2047
        p = p + hi
        if e > 2046 { return p * Double(bitPattern: UInt64((e - 1) & 2047) << 52) * 2.0 }
        return p * Double(bitPattern: UInt64(e) << 52)
    }

    // MARK: log

    /// `vrcp14pd(m)` rounded to 1/32 (`vrndscalepd $0x58`) for a mantissa `m` in [1, 2).
    @inline(__always)
    static func roundedReciprocal(_ mantissaBits: UInt64, _ t: Tables) -> Double {
        var c = 0
        for i in 0..<16 where mantissaBits > t.thresholds[i] { c += 1 }
        return Double(32 - c) * 0.03125
    }

    /// `np.log(x)` for one float64.
    @inline(__always)
    static func log(_ x: Double, _ t: Tables) -> Double {
        guard x > 0, x < .infinity else {
            if x.isNaN { return x }
            if x == 0 { return -.infinity }
            return x < 0 ? -.nan : x
        }
        if x == 1 { return 0 }  // the main path's exact result, without its FMAs
        var bits = x.bitPattern
        var exponent = Int(bits >> 52) - 1023
        if exponent == -1023 {  // subnormal: vgetexppd / vgetmantpd normalise
            bits = (x * 0x1p54).bitPattern
            exponent = Int(bits >> 52) - 1023 - 54
        }
        let mantissaBits = (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000
        let mantissa = Double(bitPattern: mantissaBits)
        let rcp = roundedReciprocal(mantissaBits, t)
        let r = (-1.0).addingProduct(rcp, mantissa)
        let p76 = logC6.addingProduct(logC7, r)
        var p98 = logC8.addingProduct(logC9, r)
        let r2 = r * r
        var p54 = logC4.addingProduct(logC5, r)
        p98 = p76.addingProduct(r2, p98)
        let r4 = r2 * r2
        let p32 = logC2.addingProduct(logC3, r)
        var k = Double(exponent)
        if rcp < 0.75 { k = k + 1.0 }
        let index = Int((rcp.bitPattern >> 48) & 15)
        p54 = p32.addingProduct(r2, p54)
        // k·ln2_hi and k·ln2_lo are exact (36-bit constants, |k| < 2^11): one rounding, as the FMA
        let kth = logLn2Hi * k + t.logTh[index]
        var poly = p54.addingProduct(r4, p98)
        let high = kth + r
        let rh = high - kth
        let rl = r - rh
        poly = rl.addingProduct(r2, poly)
        let kl = logLn2Lo * k + t.logTl[index]
        return high + (poly + kl)
    }

    /// `np.log1p(x)` for one float64.
    @inline(__always)
    static func log1p(_ x: Double, _ t: Tables) -> Double {
        guard x > -1, x < .infinity else {
            if x.isNaN { return x }
            if x == -1 { return -.infinity }
            return x < -1 ? -.nan : x
        }
        // SVML returns x itself here (checked against numpy on 6 million inputs, signed zeros
        // included): the common case of a sample far from every other component.
        if x >= 0 && x <= 0x1p-60 { return x }
        // 1 + x as a high part and the low part lost in the addition.
        let larger = 1.0 > x ? 1.0 : x
        let smaller = 1.0 < x ? 1.0 : x
        let s = 1.0 + x
        var bits = s.bitPattern
        var exponent = Int(bits >> 52) - 1023
        if exponent == -1023 {
            bits = (s * 0x1p54).bitPattern
            exponent = Int(bits >> 52) - 1023 - 54
        }
        let mantissaBits = (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000
        let mantissa = Double(bitPattern: mantissaBits)
        let lost = s - larger
        let rcp = roundedReciprocal(mantissaBits, t)
        let low = smaller - lost
        let lowScaled = low * scale(by: -exponent)
        let r0 = (-1.0).addingProduct(rcp, mantissa)
        let lowTerm = lowScaled * rcp
        var k = Double(exponent)
        if rcp < 0.75 { k = k + 1.0 }
        let r = r0 + lowTerm
        let r2 = r * r
        var p98 = logC8.addingProduct(logC9, r)
        var e = r - r0
        let index = Int((rcp.bitPattern >> 48) & 15)
        e = lowTerm - e
        let kth = logLn2Hi * k + t.logTh[index]  // exact product (see log)
        let tle = t.logTl[index] + e
        let p76 = logC6.addingProduct(logC7, r)
        let p32 = logC2.addingProduct(logC3, r)
        let high = kth + r
        p98 = p76.addingProduct(r2, p98)
        var p54 = logC4.addingProduct(logC5, r)
        let r4 = r2 * r2
        p54 = p32.addingProduct(r2, p54)
        let rh = high - kth
        var poly = p54.addingProduct(r4, p98)
        let rl = r - rh
        poly = rl.addingProduct(r2, poly)
        let kl = logLn2Lo * k + tle
        let result = high + (poly + kl)
        return Double(bitPattern: result.bitPattern | (x.bitPattern & 0x8000_0000_0000_0000))
    }

    /// 2^e as a double for −1074 ≤ e ≤ 1023 (`vscalefpd` by an integer).
    @inline(__always)
    static func scale(by e: Int) -> Double {
        if e >= -1022 { return Double(bitPattern: UInt64(e + 1023) << 52) }
        return Double(bitPattern: UInt64(1) << UInt64(e + 1074))
    }

    // MARK: arrays

    /// `np.exp` of `count` values (`dst` may equal `src`).
    static func exp(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        let t = tables
        for i in 0..<count { dst[i] = exp(src[i], t) }
    }

    /// `np.log` of an array.
    static func log(_ a: [Double]) -> [Double] {
        let t = tables
        return a.map { log($0, t) }
    }

    /// `np.exp` of one value.
    static func exp(_ x: Double) -> Double { exp(x, tables) }
    /// `np.log` of one value.
    static func log(_ x: Double) -> Double { log(x, tables) }
    /// `np.log1p` of one value.
    static func log1p(_ x: Double) -> Double { log1p(x, tables) }
}
