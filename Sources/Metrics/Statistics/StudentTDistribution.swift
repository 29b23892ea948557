#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with ν (possibly fractional, as in Welch's test) degrees of freedom.
///
/// `cdf(t)`: with x = ν / (ν + t²), P(T ≤ t) = 1 − ½·I_x(ν/2, ½) for t ≥ 0 and ½·I_x(ν/2, ½) for
/// t < 0, where I is the regularised incomplete beta function, evaluated with its continued
/// fraction (modified Lentz method; Abramowitz & Stegun 26.5.8 and 26.7.1).
/// `quantile(p)`: bisection on the cdf. Example: t(0.975, 9) = 2.262157162798205.
public enum StudentTDistribution {
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let x = nu / (nu + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x: x, a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// Two-sided p-value of a t statistic: I_x(ν/2, ½) with x = ν / (ν + t²).
    public static func twoSidedPValue(t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isInfinite { return 0 }
        return regularizedIncompleteBeta(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// The p-quantile, nil outside [0, 1].
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double? {
        guard p >= 0, p <= 1, nu > 0 else { return nil }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        var low = -1.0, high = 1.0
        while cdf(low, degreesOfFreedom: nu) > p { low *= 2; if low < -1e300 { return -.infinity } }
        while cdf(high, degreesOfFreedom: nu) < p { high *= 2; if high > 1e300 { return .infinity } }
        while true {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { return mid }
            if cdf(mid, degreesOfFreedom: nu) < p { low = mid } else { high = mid }
        }
    }

    /// I_x(a, b), the regularised incomplete beta function, for 0 ≤ x ≤ 1.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        // x^a (1−x)^b / (a·B(a, b)), in logs.
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x)
        // The continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a).
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x: x, a: a, b: b) / a
        } else {
            return 1 - exp(logFront) * betaContinuedFraction(x: 1 - x, a: b, b: a) / b
        }
    }

    /// The continued fraction 1/(1+ d₁/(1+ d₂/(1+ …))) of A&S 26.5.8, by the modified Lentz method.
    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...300 {
            let m = Double(m)
            // Even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return result
    }
}
