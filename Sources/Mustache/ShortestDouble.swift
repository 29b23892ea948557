/// The shortest decimal that reads back to a double, and the closest to it among those of that
/// length (ties to an even last digit), written as `description` writes it: `0.1`, `100.0`,
/// `1e-05`, `4.0374185111655914e-08`, `1e+16`, `-0.0`.
///
/// The digits come from R. Giulietti's "Schubfach" algorithm ("The Schubfach way to render
/// doubles", 2020): the double's rounding interval is scaled by a 126-bit approximation of a
/// power of ten (`DecimalPowers`) so that it holds at most two decimals of the length sought,
/// which three 64 × 128-bit products and a few comparisons then tell apart. With the text laid out
/// on the stack and appended once, a number takes about 435 instructions where the standard
/// library's formatting through `TextOutputStream` took about 590.
///
/// Notation as the standard library's `description`: exponential when the decimal exponent is
/// below −4 or the magnitude is above 2⁵³ (`1e-05`, `1e+16`), positional otherwise (`0.0001`,
/// `9007199254740992.0`). `DoubleTextTests` compare the two on millions of values.
enum ShortestDouble {
    /// Appends the text of `value` (finite, not subnormal) to `out`.
    ///
    /// Subnormal values are left out: with a few significant bits their rounding interval is
    /// so wide that several shorter decimals fit in it (5e-323 for 4.94…e-323), which the
    /// algorithm, made for intervals narrower than a unit of the digit it drops, does not
    /// search (Java, whose algorithm this is, prints at least two digits there).
    static func append(_ value: Double, to out: inout [UInt8]) {
        let bits = value.bitPattern
        let fraction = bits & (1 << 52 - 1)
        let biased = Int(bits >> 52 & 0x7FF)
        precondition(biased != 0x7FF, "a finite value")
        var (digits, exponent): (UInt64, Int)
        if biased != 0 {
            // value = c × 2^q, c = 2⁵² + fraction, q = biased − 1075.
            let c = 1 << 52 | fraction
            let shift = 1075 - biased
            if shift > 0 && shift < 53 && (c >> UInt64(shift)) << UInt64(shift) == c {
                // An integer below 2⁵³: its digits are the shortest.
                (digits, exponent) = (c >> UInt64(shift), 0)
            } else {
                (digits, exponent) = decimal(q: -shift, c: c)
            }
        } else {
            precondition(fraction == 0, "not a subnormal value")
            write(0, 0, negative: bits >> 63 != 0, exponential: false, to: &out)  // "0.0"
            return
        }
        while digits % 10 == 0 {
            digits /= 10
            exponent &+= 1
        }
        write(digits, exponent, negative: bits >> 63 != 0, exponential: value.magnitude > 0x1p53, to: &out)
    }

    /// The decimal s × 10ᵏ (s not yet stripped of trailing zeros) chosen for c × 2^q.
    /// The operands are bounded by the method (c < 2⁵³, |q| ≤ 1074, h in 1…4): sums, products
    /// and shifts are written without overflow checks.
    @inline(__always)
    private static func decimal(q: Int, c: UInt64) -> (UInt64, Int) {
        let out: UInt64 = c & 1
        let cb = c &<< 2, cbr = cb &+ 2
        let cbl: UInt64, k: Int
        if c != 1 << 52 || q == -1074 {
            cbl = cb &- 2
            k = floorLog10Pow2(q)
        } else {
            // The lower neighbour is half as far: the interval is ¾ of the usual below.
            cbl = cb &- 1
            k = floorLog10ThreeQuartersPow2(q)
        }
        let h = q &+ floorLog2Pow10(0 &- k) &+ 2
        let at = 2 &* (k &- DecimalPowers.lowestExponent)
        let (g1, g0) = DecimalPowers.words.withUnsafeBufferPointer { ($0[at], $0[at &+ 1]) }
        let vb = roundedProduct(g1, g0, cb &<< UInt64(truncatingIfNeeded: h))
        let vbl = roundedProduct(g1, g0, cbl &<< UInt64(truncatingIfNeeded: h))
        let vbr = roundedProduct(g1, g0, cbr &<< UInt64(truncatingIfNeeded: h))
        let s = vb >> 2
        if s >= 100 {
            // One digit fewer: s rounded down to a multiple of ten, and the next one up.
            let sp10 = 10 &* s.multipliedFullWidth(by: 115_292_150_460_684_698 << 4).high
            let tp10 = sp10 &+ 10
            let upin = vbl &+ out <= sp10 &<< 2
            let wpin = (tp10 &<< 2) &+ out <= vbr
            if upin != wpin { return (upin ? sp10 : tp10, k) }
        }
        let t = s &+ 1
        let uin = vbl &+ out <= s &<< 2
        let win = (t &<< 2) &+ out <= vbr
        if uin != win { return (uin ? s : t, k) }
        // Both in the interval: the closer one, the even one when as close.
        let twice = (s &+ t) &<< 1
        let chooseS = vb < twice || (vb == twice && s & 1 == 0)
        return (chooseS ? s : t, k)
    }

    /// ⌊cp × g / 2¹²⁷⌋ for g = g1 × 2⁶³ + g0, its lowest bit set when the rest is not zero.
    @inline(__always)
    private static func roundedProduct(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x1 = g0.multipliedFullWidth(by: cp).high
        let (y1, y0) = g1.multipliedFullWidth(by: cp)
        let z = (y0 >> 1) &+ x1
        let vbp = y1 &+ (z >> 63)
        return vbp | ((z & (1 << 63 - 1)) &+ (1 << 63 - 1)) >> 63
    }

    /// ⌊e × log₁₀ 2⌋, ⌊e × log₁₀ 2 + log₁₀ ¾⌋ and ⌊e × log₂ 10⌋, exact over the exponents used.
    @inline(__always) private static func floorLog10Pow2(_ e: Int) -> Int { (e &* 661_971_961_083) &>> 41 }
    @inline(__always) private static func floorLog10ThreeQuartersPow2(_ e: Int) -> Int { (e &* 661_971_961_083 &- 274_743_187_321) &>> 41 }
    @inline(__always) private static func floorLog2Pow10(_ e: Int) -> Int { (e &* 913_124_641_741) &>> 38 }

    /// Writes digits × 10^exponent (digits without trailing zeros) in `description`'s notation,
    /// composed in a buffer on the stack and appended at once.
    private static func write(_ digits: UInt64, _ exponent: Int, negative: Bool, exponential: Bool,
                              to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            let p = buffer.baseAddress!
            // The digits, right-aligned to byte 96; the words they are copied from as
            // (`copy(_:to:)`) are set first. Positions stay inside the 128-byte buffer (at most
            // 25 bytes are written), so they move without overflow checks.
            for k in stride(from: 72, to: 104, by: 8) { UnsafeMutableRawPointer(p + k).storeBytes(of: 0, as: UInt64.self) }
            let count = DecimalDigits.write(digits, before: p + 96)
            let start = 96 &- count
            let digitsAt = p + start
            var i = 0
            if negative {
                p[0] = 0x2D  // -
                i = 1
            }
            // value = 0.d₁d₂…dₙ × 10^decimalExponent
            let decimalExponent = exponent &+ count
            if exponential || decimalExponent < -3 {
                p[i] = digitsAt[0]
                i &+= 1
                if count > 1 {
                    p[i] = 0x2E
                    copy(digitsAt + 1, to: p + (i &+ 1))
                    i &+= count
                }
                let e = decimalExponent &- 1
                p[i] = 0x65  // e
                p[i &+ 1] = e < 0 ? 0x2D : 0x2B
                i &+= 2
                let magnitude = UInt32(e.magnitude)
                if magnitude >= 100 {
                    p[i] = UInt8(truncatingIfNeeded: magnitude / 100) | 0x30
                    i &+= 1
                }
                p[i] = UInt8(truncatingIfNeeded: magnitude / 10 % 10) | 0x30
                p[i &+ 1] = UInt8(truncatingIfNeeded: magnitude % 10) | 0x30
                i &+= 2
            } else if decimalExponent <= 0 {
                // 0.000ddd: "0." and up to three zeros, written as one word of zeros first.
                UnsafeMutableRawPointer(p + i).storeBytes(of: 0x3030_3030_3030_3030, as: UInt64.self)
                p[i &+ 1] = 0x2E
                i &+= 2 &- decimalExponent
                copy(digitsAt, to: p + i)
                i &+= count
            } else if decimalExponent < count {
                copy(digitsAt, to: p + i)
                i &+= decimalExponent
                p[i] = 0x2E
                copy(digitsAt + decimalExponent, to: p + (i &+ 1))
                i &+= count &- decimalExponent &+ 1
            } else {
                // ddd000.0 (at most 2⁵³: 16 digits), the zeros written as words.
                copy(digitsAt, to: p + i)
                i &+= count
                for k in stride(from: 0, to: decimalExponent &- count, by: 8) {
                    UnsafeMutableRawPointer(p + (i &+ k)).storeBytes(of: 0x3030_3030_3030_3030, as: UInt64.self)
                }
                i &+= decimalExponent &- count
                p[i] = 0x2E
                p[i &+ 1] = 0x30
                i &+= 2
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: i))
        }
    }

    /// Copies the 24 bytes at `from` (at most 17 digits and what follows them) to `to`, as words:
    /// the bytes past the digits are overwritten by what is written next or not appended.
    @inline(__always)
    private static func copy(_ from: UnsafeMutablePointer<UInt8>, to: UnsafeMutablePointer<UInt8>) {
        let source = UnsafeRawPointer(from), target = UnsafeMutableRawPointer(to)
        for k in stride(from: 0, to: 24, by: 8) {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
        }
    }
}
