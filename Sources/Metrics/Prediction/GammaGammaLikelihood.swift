import Foundation

/// The Gamma-Gamma log-likelihood summed over the repeat customers, with everything that does
/// not change between evaluations computed once and everything shared by customers with the same
/// x computed once per evaluation:
///
///     ln L = [ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ] + (px−1) ln mₓ + px ln x − (px+q) ln(γ + x mₓ)
///
/// The bracket, px − 1, px ln x and px + q depend on x only; ln mₓ is fixed; only ln(γ + x mₓ) is
/// per customer. Each customer's term is evaluated with the same operations in the same order as
/// `GammaGammaModel.logLikelihood`, the terms are computed on all cores into one slot each and
/// summed in customer order, so the total is bit-for-bit the plain sequential sum.
struct GammaGammaLikelihood {
    /// Distinct x, ascending.
    let xValues: [Double]
    /// Per customer: index into `xValues`, x as a Double, mₓ and ln mₓ.
    let xIndex: [Int32]
    let x: [Double]
    let mean: [Double]
    let logMean: [Double]

    init(_ repeaters: [(x: Int, m: Double)]) {
        let distinct = Array(Set(repeaters.map(\.x))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        xValues = distinct.map(Double.init)
        xIndex = repeaters.map { position[$0.x]! }
        x = repeaters.map { Double($0.x) }
        mean = repeaters.map(\.m)
        logMean = repeaters.map { log($0.m) }
    }

    /// The total log-likelihood; `terms` is scratch space (one slot per customer), kept by the
    /// caller so that no evaluation allocates it.
    func value(_ model: GammaGammaModel, terms: inout [Double]) -> Double {
        let p = model.p, q = model.q, v = model.v
        let lgq: Double = lgamma(q), qlv = q * log(v)
        var front = [Double](repeating: 0, count: xValues.count)
        var pxMinus1 = front, pxLogX = front, pxPlusQ = front
        for (k, xd) in xValues.enumerated() {
            let px = p * xd
            front[k] = lgamma(px + q) - lgamma(px) - lgq + qlv
            pxMinus1[k] = px - 1
            pxLogX[k] = px * log(xd)
            pxPlusQ[k] = px + q
        }
        if terms.count != x.count { terms = [Double](repeating: 0, count: x.count) }
        terms.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            FixedPartition.forEach(x.count) { range in
                for i in range {
                    let k = Int(xIndex[i])
                    out[i] = front[k] + pxMinus1[k] * logMean[i] + pxLogX[k] - pxPlusQ[k] * log(v + x[i] * mean[i])
                }
            }
        }
        var total = 0.0
        for t in terms { total += t }
        return total
    }
}
