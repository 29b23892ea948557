import Foundation

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, in the form the
/// BG/NBD conditional expectation needs.
enum GaussHypergeometric {
    /// ln[(1 − z)^`power` × ₂F₁(a, b; c; z)] for 0 ≤ z < 1 and a, b, c > 0, by summing the series.
    ///
    /// Numerically safe: with large a and b (a heavy buyer) the terms first grow by orders of
    /// magnitude and ₂F₁ overflows a Double while the product with the small prefactor is modest,
    /// so the sum is carried with a separate logarithmic scale (rescaled by 10⁻²⁰⁰ whenever it
    /// passes 10²⁰⁰) and the prefactor is added in logarithms. Every term is positive, so there is
    /// no cancellation. Stops when a term adds less than 10⁻¹⁶ of the sum once the term ratio is
    /// below 1; nil when the arguments are outside that domain or 10⁶ terms do not reach it.
    static func logScaled(a: Double, b: Double, c: Double, z: Double, power: Double) -> Double? {
        guard a > 0, b > 0, c > 0, z >= 0, z < 1 else { return nil }
        var logScale = power * log1p(-z)
        var sum = 1.0, term = 1.0
        var n = 0.0
        while n < 1_000_000 {
            let ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            term *= ratio
            sum += term
            n += 1
            if ratio < 1 && term <= 1e-16 * sum { return logScale + log(sum) }
            if sum > 1e200 {
                sum *= 1e-200
                term *= 1e-200
                logScale += 200 * M_LN10
            }
        }
        return nil
    }
}
