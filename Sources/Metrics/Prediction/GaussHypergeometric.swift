import Foundation

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, in the form the
/// BG/NBD conditional expectation needs.
enum GaussHypergeometric {
    /// Terms after which a series that has not met its stopping rule gives nil.
    static let maximumTerms = 1_000_000.0

    /// ln[(1 − z)^`power` × ₂F₁(a, b; c; z)] for 0 ≤ z < 1 and a, b, c > 0, by summing the series.
    ///
    /// Numerically safe: with large a and b (a heavy buyer) the terms first grow by orders of
    /// magnitude and ₂F₁ overflows a Double while the product with the small prefactor is modest,
    /// so the sum is carried with a separate logarithmic scale (rescaled by 10⁻²⁰⁰ whenever it
    /// passes 10²⁰⁰) and the prefactor is added in logarithms. Every term is positive, so there is
    /// no cancellation. Stops when a term adds less than 10⁻¹⁶ of the sum once the term ratio is
    /// below 1; nil when the arguments are outside that domain or 10⁶ terms do not reach it.
    static func logScaled(a: Double, b: Double, c: Double, z: Double, power: Double) -> Double? {
        logScaled(a: a, b: b, c: c, zs: [z], power: power)[0]
    }

    /// `logScaled(a:b:c:z:power:)` for each of `zs`, with the same a, b, c and power: the series
    /// are summed side by side, so the z-free part of the term ratio, (a+n)(b+n) / ((c+n)(n+1)),
    /// is computed once per n for all of them. Each series does exactly the operations it does
    /// alone (ratio = that part × z, same stopping rule and rescaling), so every value is
    /// bit-identical to the single-z call.
    static func logScaled(a: Double, b: Double, c: Double, zs: [Double], power: Double) -> [Double?] {
        guard a > 0, b > 0, c > 0 else { return zs.map { _ in nil } }
        var results = [Double?](repeating: nil, count: zs.count)
        // The series still being summed: index into `zs`, z, log scale, sum, current term.
        var open: [(index: Int, z: Double, logScale: Double, sum: Double, term: Double)] = []
        open.reserveCapacity(zs.count)
        for (i, z) in zs.enumerated() where z >= 0 && z < 1 {
            open.append((i, z, power * log1p(-z), 1, 1))
        }
        var n = 0.0
        while n < maximumTerms && !open.isEmpty {
            let coefficient = (a + n) * (b + n) / ((c + n) * (n + 1))
            n += 1
            var s = 0
            while s < open.count {
                let ratio = coefficient * open[s].z
                open[s].term *= ratio
                open[s].sum += open[s].term
                if ratio < 1 && open[s].term <= 1e-16 * open[s].sum {
                    results[open[s].index] = open[s].logScale + log(open[s].sum)
                    open.remove(at: s)
                    continue
                }
                if open[s].sum > 1e200 {
                    open[s].sum *= 1e-200
                    open[s].term *= 1e-200
                    open[s].logScale += 200 * M_LN10
                }
                s += 1
            }
        }
        return results
    }
}
