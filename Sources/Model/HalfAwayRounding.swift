/// `x.rounded()` (to the nearest whole number, halves away from zero) without the C library
/// call Swift makes for it on x86-64 (`round`, not inlined: a call per order where amounts are
/// coded and rounded to minor units). Bit for bit the same for every Double, the sign of zero
/// and NaN included.
public enum HalfAwayRounding {
    /// Below 2⁵² the whole part is `Double(Int64(x))` (conversion toward zero) and the fraction
    /// `x − whole` is exact; at or above 2⁵² (and for infinities and NaN) `x` is its own rounding.
    @inlinable @inline(__always)
    public static func rounded(_ x: Double) -> Double {
        guard abs(x) < 0x1p52 else { return x }
        let whole = Double(Int64(x))
        let fraction = x - whole
        var r = whole
        if fraction >= 0.5 { r = whole + 1 } else if fraction <= -0.5 { r = whole - 1 }
        // A zero keeps x's sign, as `rounded()` gives −0 for −0.4.
        return r == 0 ? (x.sign == .minus ? -0.0 : 0.0) : r
    }
}
