import Foundation

/// The Gamma-Gamma log-likelihood and its gradient summed over the repeat customers, with
/// everything that does not change between evaluations computed once and everything shared by
/// customers with the same x computed once per evaluation:
///
///     ln L = [ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ] + (px−1) ln mₓ + px ln x − (px+q) ln(γ + x mₓ)
///
/// The bracket, px − 1, px ln x and px + q depend on x only; ln mₓ is fixed; only ln(γ + x mₓ) is
/// per customer. The sums run on all cores in fixed chunks of customers, added in chunk order,
/// so the result does not depend on the number of cores.
struct GammaGammaLikelihood {
    /// Distinct x, ascending.
    let xValues: [Double]
    /// Per customer: index into `xValues` (x itself is read there: 8 bytes a customer fewer), mₓ
    /// and ln mₓ.
    let xIndex: [Int32]
    let mean: [Double]
    let logMean: [Double]

    /// The terms of the repeat customers of `histories` (those whose mean repeat value m is
    /// above 0), in history order: the arrays `init(_:)` builds from their (x, m) pairs, without a
    /// list of the pairs first (the customers are counted in a first pass, so each array is
    /// allocated once at its exact size).
    init(histories: [PurchaseHistory]) {
        var count = 0
        var xs = Set<Int>()
        for h in histories {
            guard let m = h.meanRepeatValue, m > 0 else { continue }
            count += 1
            xs.insert(h.x)
        }
        let distinct = Array(xs).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        xValues = distinct.map(Double.init)
        var xIndex: [Int32] = [], mean: [Double] = [], logMean: [Double] = []
        xIndex.reserveCapacity(count)
        mean.reserveCapacity(count)
        logMean.reserveCapacity(count)
        for h in histories {
            guard let m = h.meanRepeatValue, m > 0 else { continue }
            xIndex.append(position[h.x]!)
            mean.append(m)
            logMean.append(log(m))
        }
        self.xIndex = xIndex
        self.mean = mean
        self.logMean = logMean
    }

    init(_ repeaters: [(x: Int, m: Double)]) {
        let distinct = Array(Set(repeaters.map(\.x))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        xValues = distinct.map(Double.init)
        xIndex = repeaters.map { position[$0.x]! }
        mean = repeaters.map(\.m)
        logMean = repeaters.map { log($0.m) }
    }

    /// Customers per chunk of the gradient sums (chunks summed in order, whatever the core count).
    static let chunk = 4_096

    /// The total log-likelihood and its gradient by (ln p, ln q, ln γ):
    ///
    ///     ∂/∂p = x [ψ(px+q) − ψ(px) + ln mₓ + ln x − ln(γ + x mₓ)]
    ///     ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + x mₓ)
    ///     ∂/∂γ = q/γ − (px+q)/(γ + x mₓ)
    func valueAndGradient(_ model: GammaGammaModel) -> (Double, [Double]) {
        let p = model.p, q = model.q, v = model.v
        let lgq: Double = lgamma(q), qlv = q * log(v), psiQ = Digamma.of(q), logV = log(v)
        var front = [Double](repeating: 0, count: xValues.count)
        var pxMinus1 = front, pxLogX = front, pxPlusQ = front, dp = front, dq = front
        for (k, xd) in xValues.enumerated() {
            let px = p * xd
            front[k] = lgamma(px + q) - lgamma(px) - lgq + qlv
            pxMinus1[k] = px - 1
            pxLogX[k] = px * log(xd)
            pxPlusQ[k] = px + q
            let psiPXQ = Digamma.of(px + q)
            dp[k] = psiPXQ - Digamma.of(px) + log(xd)
            dq[k] = psiPXQ - psiQ + logV
        }
        let total = FixedPartition.chunkedSums(xIndex.count, chunk: Self.chunk, width: 4) { range, out in
            var value = 0.0, gp = 0.0, gq = 0.0, gv = 0.0
            for i in range {
                let k = Int(xIndex[i]), xi = xValues[k]
                let denominator = v + xi * mean[i]
                let logDenominator = log(denominator)
                value += front[k] + pxMinus1[k] * logMean[i] + pxLogX[k] - pxPlusQ[k] * logDenominator
                gp += xi * (dp[k] + logMean[i] - logDenominator)
                gq += dq[k] - logDenominator
                gv += q / v - pxPlusQ[k] / denominator
            }
            out[0] = value
            out[1] = gp
            out[2] = gq
            out[3] = gv
        }
        return (total[0], [p * total[1], q * total[2], v * total[3]])
    }
}
