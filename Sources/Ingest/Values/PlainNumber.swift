/// An amount cell written `-?digits(.digits)?` and nothing else — nearly every cell of a
/// machine-written export — read without allocation: at most 18 digits, and not a single dot
/// before exactly three digits (a thousands separator perhaps; `MoneyParsing.read` decides).
struct PlainNumber {
    /// The digits as one whole number (`1234.56` → 123456).
    let mantissa: UInt64
    /// Digits after the dot; −1 without a dot.
    let fraction: Int
    let negative: Bool

    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, n <= 20 else { return nil }
        // Positions are below 21: counted without overflow checks. Each byte is a digit or the
        // one dot; where the dot is gives the digits after it.
        let first = bytes[0] == 0x2D ? 1 : 0
        var i = first
        var mantissa: UInt64 = 0
        var dot = -1
        while i < n {
            let b = bytes[i]
            let d = b &- 0x30
            if d <= 9 {
                mantissa = mantissa &* 10 &+ UInt64(d)
            } else if b == 0x2E && dot < 0 {
                dot = i
            } else {
                return nil
            }
            i &+= 1
        }
        // A digit before the dot and one after it (`.5` and `5.` are not plain).
        guard dot < 0 || (dot > first && dot < n &- 1) else { return nil }
        let digits = n &- first &- (dot < 0 ? 0 : 1)
        guard digits > 0, digits <= 18 else { return nil }
        let fraction = dot < 0 ? -1 : n &- 1 &- dot
        // A single dot followed by exactly three digits could be a thousands separator.
        if fraction == 3 { return nil }
        self.mantissa = mantissa
        self.fraction = fraction
        self.negative = first == 1
    }

    /// mantissa ÷ 10^fraction, negated when negative.
    @inline(__always)
    var value: Double {
        let v = Double(mantissa) / Self.scale(fraction)
        return negative ? -v : v
    }

    /// `value` when it is an amount `MoneyParsing` reads (at most `MoneyParsing.maxMagnitude`,
    /// 10¹⁵, in absolute value); nil when it is out of range.
    @inline(__always)
    var amount: Double? {
        let v = value
        return abs(v) <= 1e15 ? v : nil  // `MoneyParsing.maxMagnitude`, as a literal: no lazy global
    }

    /// The value in hundredths when it has at most two decimals, is not −0 and is below 2⁵³
    /// hundredths: `value` is then `Double(cents) / 100` bit for bit. Both are the correctly
    /// rounded quotient of the same number (mantissa ÷ 10^fraction = cents ÷ 100; both
    /// integers are exact in a Double, and a division rounds its exact result), and negation is
    /// exact. Example: `12.5` → 1250, `-7` → −700, `0.125` → nil.
    @inline(__always)
    var cents: Int64? {
        guard mantissa < 1 << 53, mantissa != 0 || !negative else { return nil }
        let hundredths: UInt64
        switch fraction {
        // mantissa < 2⁵³: times 100 stays far below 2⁶⁴.
        case -1: hundredths = mantissa &* 100
        case 1: hundredths = mantissa &* 10
        case 2: hundredths = mantissa
        default: return nil
        }
        guard hundredths < 1 << 53 else { return nil }
        return negative ? -Int64(hundredths) : Int64(hundredths)
    }

    /// 10^`fraction` (1 for −1, no fraction) for at most 18 digits: the exact powers
    /// `MoneyParsing.powersOfTen` holds, as constants (no lazy global on every amount).
    @inline(__always)
    private static func scale(_ fraction: Int) -> Double {
        switch fraction {
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
        default: return 1  // −1: no fraction (0 is not read)
        }
    }
}
