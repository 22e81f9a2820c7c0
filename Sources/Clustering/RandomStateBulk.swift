/// Bulk draws for `makeBlobs`: the same stream as the one-at-a-time methods, consumed from raw
/// pointers so the hot loops hold no array or `self` accesses.
extension RandomState {
    /// One MT19937 block: twists `key` (624 words) and writes the 624 tempered outputs.
    @inline(__always)
    static func regenerate(key k: UnsafeMutablePointer<UInt32>, output o: UnsafeMutablePointer<UInt32>) {
        // (0 - (y & 1)) & MATRIX_A is MATRIX_A when the low bit is set, 0 otherwise — branch-free.
        for i in 0..<(624 - 397) {
            let y = (k[i] & 0x8000_0000) | (k[i + 1] & 0x7fff_ffff)
            k[i] = k[i + 397] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_b0df)
        }
        for i in (624 - 397)..<623 {
            let y = (k[i] & 0x8000_0000) | (k[i + 1] & 0x7fff_ffff)
            k[i] = k[i - (624 - 397)] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_b0df)
        }
        let y = (k[623] & 0x8000_0000) | (k[0] & 0x7fff_ffff)
        k[623] = k[396] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_b0df)
        for i in 0..<624 {
            var t = k[i]
            t ^= t >> 11
            t ^= (t << 7) & 0x9d2c_5680
            t ^= (t << 15) & 0xefc6_0000
            t ^= t >> 18
            o[i] = t
        }
    }

    /// Runs `body` with a word stream over this state; the stream position is written back after.
    mutating func withWordStream<R>(_ body: (inout WordStream) -> R) -> R {
        let start = position
        var end = start
        let result = key.withUnsafeMutableBufferPointer { k in
            output.withUnsafeMutableBufferPointer { o in
                var stream = WordStream(key: k.baseAddress!, output: o.baseAddress!, position: start)
                let r = body(&stream)
                end = stream.position
                return r
            }
        }
        position = end
        return result
    }

    /// The accepted points of `pairs` polar-method draws, without the logarithm: pair `p` is stored
    /// as `z[2p] = x2`, `z[2p + 1] = x1`, so that `f = sqrt(-2 log r² / r²)` (with `r² = x1² + x2²`)
    /// turns them into the `standardNormal()` values `f·x2, f·x1` of two consecutive calls.
    ///
    /// Consumes exactly the words the same number of `standardNormal()` pairs would. The cached
    /// Gaussian must be empty (it is after seeding and after an even number of normal draws).
    mutating func drawPolarPoints(pairs: Int, into z: UnsafeMutablePointer<Double>) {
        precondition(!hasGauss, "drawPolarPoints needs an empty Gaussian cache")
        withWordStream { s in
            var p = 0
            while p < pairs {
                if s.position == 624 {
                    RandomState.regenerate(key: s.key, output: s.output)
                    s.position = 0
                }
                if s.position <= 620 {
                    // Whole attempts inside the current block: every attempt is stored, and the
                    // output index advances only when it is accepted (no unpredictable branch).
                    let o = s.output
                    var pos = s.position, q = p
                    while pos <= 620 && q < pairs {
                        let x1 = 2.0 * WordStream.double(o[pos], o[pos + 1]) - 1.0
                        let x2 = 2.0 * WordStream.double(o[pos + 2], o[pos + 3]) - 1.0
                        let r2 = x1 * x1 + x2 * x2
                        z[2 * q] = x2
                        z[2 * q + 1] = x1
                        q += (r2 < 1.0 && r2 != 0.0) ? 1 : 0
                        pos += 4
                    }
                    s.position = pos
                    p = q
                    continue
                }
                // An attempt straddling two blocks.
                var x1: Double, x2: Double, r2: Double
                repeat {
                    x1 = 2.0 * s.randomSample() - 1.0
                    x2 = 2.0 * s.randomSample() - 1.0
                    r2 = x1 * x1 + x2 * x2
                } while r2 >= 1.0 || r2 == 0.0
                z[2 * p] = x2
                z[2 * p + 1] = x1
                p += 1
            }
        }
    }

    /// numpy's `shuffle` of `a[0..<n]` (Fisher–Yates from the end, masked-rejection indices), for
    /// index arrays shorter than 2³² elements.
    mutating func shuffleIndices(_ a: UnsafeMutablePointer<UInt32>, count n: Int) {
        precondition(n <= Int(UInt32.max))
        withWordStream { s in
            var i = n - 1
            while i >= 1 {
                let bound = UInt32(truncatingIfNeeded: i)
                var mask = bound
                mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16
                var v: UInt32
                repeat { v = s.next() & mask } while v > bound
                let j = Int(v)
                let t = a[i]
                a[i] = a[j]
                a[j] = t
                i -= 1
            }
        }
    }
}

/// MT19937 words read straight from a `RandomState`'s buffers (see `withWordStream`).
struct WordStream {
    let key: UnsafeMutablePointer<UInt32>
    let output: UnsafeMutablePointer<UInt32>
    var position: Int

    @inline(__always)
    mutating func next() -> UInt32 {
        if position == 624 {
            RandomState.regenerate(key: key, output: output)
            position = 0
        }
        let w = output[position]
        position += 1
        return w
    }

    /// `random_sample()` from two words.
    @inline(__always)
    static func double(_ first: UInt32, _ second: UInt32) -> Double {
        (Double(first >> 5) * 67_108_864.0 + Double(second >> 6)) / 9_007_199_254_740_992.0
    }

    @inline(__always)
    mutating func randomSample() -> Double {
        let a = next()
        return WordStream.double(a, next())
    }
}
