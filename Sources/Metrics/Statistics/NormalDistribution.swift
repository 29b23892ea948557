#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution N(0, 1).
///
/// `cdf(x)` = Φ(x) = ½·erfc(−x/√2) (libm's `erfc`, accurate in both tails).
/// `quantile(p)` = Φ⁻¹(p), found by bisection on Φ until the bracket stops shrinking, so it is as
/// exact as Φ itself (about 1e-15); e.g. `quantile(0.975)` = 1.959963984540054.
public enum NormalDistribution {
    /// Φ(x): probability that a standard normal variable is ≤ x.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p) for 0 < p < 1; −∞ for p = 0, +∞ for p = 1, nil outside [0, 1] or for NaN.
    public static func quantile(_ p: Double) -> Double? {
        guard p >= 0, p <= 1 else { return nil }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Φ(±38.5) is 0 or 1 in double precision, so the root lies inside this bracket.
        var low = -38.5, high = 38.5
        while true {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { return mid }
            if cdf(mid) < p { low = mid } else { high = mid }
        }
    }

    /// Two-sided p-value of a z statistic: 2·(1 − Φ(|z|)), computed as erfc(|z|/√2).
    public static func twoSidedPValue(z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }
}
