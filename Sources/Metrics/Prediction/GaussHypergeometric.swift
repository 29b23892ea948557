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
        var results = [Double](repeating: .nan, count: zs.count)
        results.withUnsafeMutableBufferPointer { results in
            zs.withUnsafeBufferPointer { zs in logScaled(a: a, b: b, c: c, zs: zs, power: power, into: results) }
        }
        return results.map { $0.isNaN ? nil : $0 }
    }

    /// `logScaled(a:b:c:zs:power:)` into `results` (one slot per z, NaN where the value is nil),
    /// allocating nothing on the heap. The series run two to a `SIMD2<Double>` lane pair, each
    /// lane doing exactly the operations of the series alone (ratio = coefficient × z, term ×=
    /// ratio, sum += term, the same tests), so every value is the same bits: a lane that meets
    /// the stopping rule or passes 10²⁰⁰ is then handled on its own, and a finished lane is held
    /// at z = term = 0, sum = −1, which neither test passes (its term stays 0, and 0 is not at most
    /// 10⁻¹⁶ × −1), so no mask of live lanes is needed. The series are placed by z, largest first, so
    /// lanes that finish together share a pair, and a pair with both lanes finished is replaced
    /// by the last unfinished pair.
    static func logScaled(a: Double, b: Double, c: Double, zs: UnsafeBufferPointer<Double>, power: Double,
                          into results: UnsafeMutableBufferPointer<Double>) {
        let count = zs.count
        for i in 0..<count { results[i] = .nan }
        guard a > 0, b > 0, c > 0, count > 0 else { return }
        let pairs = (count + 1) / 2
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * pairs) { index in
            withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 4 * pairs) { state in
                // Per lane pair: z, log scale, sum and current term; `index` says which z each lane is (−1: none).
                let z = state.baseAddress!, logScale = z + pairs, sum = z + 2 * pairs, term = z + 3 * pairs
                // The z in the domain, largest first (insertion by z; equal z run the same length, so any order of them).
                var open = 0
                for i in 0..<count where zs[i] >= 0 && zs[i] < 1 {
                    var slot = open
                    while slot > 0 && zs[index[slot - 1]] < zs[i] {
                        index[slot] = index[slot - 1]
                        slot -= 1
                    }
                    index[slot] = i
                    open += 1
                }
                guard open > 0 else { return }
                var active = (open + 1) / 2
                for lane in 0 ..< 2 * active {
                    let p = lane / 2, l = lane % 2
                    if lane < open {
                        let zi = zs[index[lane]]
                        z[p][l] = zi
                        logScale[p][l] = power * log1p(-zi)
                        sum[p][l] = 1
                        term[p][l] = 1
                    } else {
                        index[lane] = -1
                        z[p][l] = 0
                        logScale[p][l] = 0
                        sum[p][l] = -1
                        term[p][l] = 0
                    }
                }
                var n = 0.0
                while n < maximumTerms && active > 0 {
                    let coefficient = (a + n) * (b + n) / ((c + n) * (n + 1))
                    n += 1
                    var p = 0
                    while p < active {
                        let ratio = coefficient * z[p]
                        let t = term[p] * ratio
                        let total = sum[p] + t
                        let stop = (ratio .< 1) .& (t .<= 1e-16 * total)
                        let big = total .> 1e200
                        if !any(stop .| big) {
                            term[p] = t
                            sum[p] = total
                            p += 1
                            continue
                        }
                        for l in 0..<2 {
                            if stop[l] {
                                results[index[2 * p + l]] = logScale[p][l] + log(total[l])
                                index[2 * p + l] = -1
                                z[p][l] = 0
                                sum[p][l] = -1
                                term[p][l] = 0
                            } else if big[l] {
                                sum[p][l] = total[l] * 1e-200
                                term[p][l] = t[l] * 1e-200
                                logScale[p][l] += 200 * M_LN10
                            } else {
                                sum[p][l] = total[l]
                                term[p][l] = t[l]
                            }
                        }
                        guard index[2 * p] < 0 && index[2 * p + 1] < 0 else {
                            p += 1
                            continue
                        }
                        // Both lanes finished: the last unfinished pair (not yet stepped this n) takes its place.
                        active -= 1
                        if p < active {
                            z[p] = z[active]
                            logScale[p] = logScale[active]
                            sum[p] = sum[active]
                            term[p] = term[active]
                            index[2 * p] = index[2 * active]
                            index[2 * p + 1] = index[2 * active + 1]
                        }
                    }
                }
            }
        }
    }
}
