import Foundation

/// The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
/// easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)).
///
/// While alive a customer buys at Poisson rate λ ~ Gamma(r, α) per week; after each purchase
/// they drop out with probability p ~ Beta(a, b). For a customer with x repeat purchases, the last
/// at tₓ and observed for T weeks since the first purchase (eq. 6 of the paper):
///
///     L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / Γ(r) · [(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+tₓ)^−(r+x)]
///
/// (using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1)). The bracket is summed with log-sum-exp, so a
/// heavy buyer's (α+T)^−(r+x) never underflows. This likelihood has no hypergeometric term; the
/// conditional expectation below does (see `GaussHypergeometric`).
public struct BGNBDModel: Sendable, Hashable {
    public let r: Double
    public let alpha: Double
    public let a: Double
    public let b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// P(alive | x, tₓ, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x))  (eq. 13). Times in weeks.
    public func probabilityAlive(x: Int, tx: Double, T: Double) -> Double {
        AliveOdds(self, x: x, T: T).probability(tx: tx)
    }

    /// P(alive) of the customers who share x and T: ln(a/(b+x−1)), r + x and ln(α+T) are taken
    /// once, and `probability(tx:)` adds the per-customer part with the operations of
    /// `probabilityAlive(x:tx:T:)`, so the same bits.
    struct AliveOdds {
        let repeats: Bool
        let alpha: Double
        let n: Double
        let dropLog: Double
        let logAlphaT: Double

        init(_ model: BGNBDModel, x: Int, T: Double) {
            repeats = x > 0
            alpha = model.alpha
            n = model.r + Double(x)
            dropLog = x > 0 ? log(model.a / (model.b + Double(x) - 1)) : 0
            logAlphaT = log(model.alpha + T)
        }

        func probability(tx: Double) -> Double {
            guard repeats else { return 1 }
            let logOdds = dropLog + n * (logAlphaT - log(alpha + tx))
            return 1 / (1 + exp(logOdds))
        }
    }

    /// Expected purchases in the next `t` weeks of a customer with history (x, tₓ, T) (eq. 10):
    ///
    ///     E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
    ///                          / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x))
    ///
    /// nil where the formula is undefined (a = 1, a+b+x−1 ≤ 0) or the series does not converge.
    public func expectedPurchases(inNext t: Double, x: Int, tx: Double, T: Double) -> Double? {
        guard t > 0 else { return 0 }
        return Self.expectedPurchases(ifAlive: purchasesIfAlive(inNext: t, x: x, T: T) ?? .nan,
                                      probabilityAlive: probabilityAlive(x: x, tx: tx, T: T))
    }

    /// The part of eq. 10 before the division by the P(alive) denominator (which is the same as
    /// multiplying by P(alive)): it depends on x and T only, so customers who differ only in tₓ
    /// share it. nil where the formula is undefined or the series does not converge; t > 0.
    func purchasesIfAlive(inNext t: Double, x: Int, T: Double) -> Double? {
        let value = purchasesIfAlive(inNext: [t], x: x, T: T)[0]
        return value.isNaN ? nil : value
    }

    /// `purchasesIfAlive(inNext:x:T:)` for several horizons at once (NaN where it is nil): the
    /// hypergeometric series of the horizons share their z-free coefficients
    /// (`GaussHypergeometric.logScaled(a:b:c:zs:power:)`), each value bit-identical to its own call.
    func purchasesIfAlive(inNext ts: [Double], x: Int, T: Double) -> [Double] {
        var values = [Double](repeating: .nan, count: ts.count), zs = values
        ts.withUnsafeBufferPointer { ts in
            zs.withUnsafeMutableBufferPointer { zs in
                values.withUnsafeMutableBufferPointer { values in purchasesIfAlive(inNext: ts, x: x, T: T, zs: zs, into: values) }
            }
        }
        return values
    }

    /// `purchasesIfAlive(inNext:x:T:)` into `values` (one slot per horizon), `zs` scratch space
    /// of the same size, so a caller that loops over many (x, T) allocates nothing per pair.
    func purchasesIfAlive(inNext ts: UnsafeBufferPointer<Double>, x: Int, T: Double, zs: UnsafeMutableBufferPointer<Double>,
                          into values: UnsafeMutableBufferPointer<Double>) {
        let n = r + Double(x)
        let c = a + b + Double(x) - 1
        guard a != 1, c > 0 else {
            for i in ts.indices { values[i] = .nan }
            return
        }
        for i in ts.indices { zs[i] = ts[i] / (alpha + T + ts[i]) }
        GaussHypergeometric.logScaled(a: n, b: b + Double(x), c: c, zs: UnsafeBufferPointer(zs), power: n, into: values)
        for i in ts.indices where !values[i].isNaN {
            // (1 − z)^(r+x) with 1 − z = (α+T)/(α+T+t): that is the `power` prefactor above.
            let bracket = -expm1(values[i])
            values[i] = (c / (a - 1)) * bracket
        }
    }

    /// `purchasesIfAlive` (NaN where it is nil) × P(alive), clamped at 0; nil when not finite.
    static func expectedPurchases(ifAlive: Double, probabilityAlive: Double) -> Double? {
        let value = ifAlive * probabilityAlive
        return value.isFinite ? max(value, 0) : nil
    }

    /// Log-likelihood of one customer (eq. 6, in logarithms).
    public func logLikelihood(x: Int, tx: Double, T: Double) -> Double {
        let xd = Double(x)
        let beta: Double = lgamma(b + xd) + lgamma(a + b) - lgamma(a + b + xd) - lgamma(b)
        let gamma: Double = lgamma(r + xd) - lgamma(r) + r * log(alpha)
        let front = beta + gamma
        let u = -(r + xd) * log(alpha + T)
        guard x > 0 else { return front + u }
        let v = log(a / (b + xd - 1)) - (r + xd) * log(alpha + tx)
        return front + max(u, v) + log1p(exp(-abs(u - v)))
    }
}

/// Why a model could not be fitted; the report prints the description.
public enum ModelFitError: Error, Equatable, CustomStringConvertible, Sendable {
    case tooFewCustomers(model: String, found: Int, needed: Int)
    case noRepeatPurchases(model: String)
    case notConverged(model: String, iterations: Int)
    case degenerate(model: String, detail: String)

    public var description: String {
        switch self {
        case .tooFewCustomers(let model, let found, let needed):
            return "\(model): \(found) customers with the data it needs, at least \(needed) required"
        case .noRepeatPurchases(let model):
            return "\(model): no customer bought on more than one day, so repeat buying cannot be estimated"
        case .notConverged(let model, let iterations):
            return "\(model): the likelihood maximisation did not converge in \(iterations) iterations"
        case .degenerate(let model, let detail):
            return "\(model): \(detail)"
        }
    }
}

extension BGNBDModel {
    /// Customers needed before the four parameters are estimated at all.
    public static let minimumCustomers = 30

    /// Maximum-likelihood fit over the histories (times in weeks = days ÷ 7), by quasi-Newton
    /// (BFGS, `QuasiNewton`) on (ln r, ln α, ln a, ln b) from (0, ln(mean T in weeks), 0, 0), with
    /// the analytic gradient; it stops when the gradient of the mean log-likelihood per customer
    /// is below 10⁻⁹ in every log-parameter. About 30 evaluations of value and gradient replace
    /// the 600 or so values Nelder–Mead needed. Identical (x, tₓ, T) triples are evaluated once and
    /// weighted by their count, and every per-x, per-T and per-tₓ term is computed once per
    /// evaluation, so a million customers cost about as much as their distinct triples. Returns
    /// the model, the total log-likelihood and the iterations.
    public static func fit(_ histories: [PurchaseHistory]) throws(ModelFitError) -> (model: BGNBDModel, logLikelihood: Double, iterations: Int) {
        try fit(histories, triples: PurchaseTriples(histories))
    }

    /// `fit` on histories already counted into triples.
    static func fit(_ histories: [PurchaseHistory], triples data: PurchaseTriples)
        throws(ModelFitError) -> (model: BGNBDModel, logLikelihood: Double, iterations: Int) {
        guard histories.count >= minimumCustomers else {
            throw .tooFewCustomers(model: "BG/NBD", found: histories.count, needed: minimumCustomers)
        }
        guard histories.contains(where: { $0.x > 0 }) else { throw .noRepeatPurchases(model: "BG/NBD") }
        let likelihood = BGNBDLikelihood(data)
        let meanT = histories.reduce(0.0) { $0 + Double($1.tDays) } / 7 / Double(histories.count)
        let start = [0, log(max(meanT, 1)), 0, 0]
        // The mean log-likelihood per customer is maximised, so the gradient tolerance means the
        // same for any number of customers.
        let customers = Double(histories.count)
        let result = QuasiNewton().minimize({ point in
            let (value, gradient) = likelihood.valueAndGradient(r: exp(point[0]), alpha: exp(point[1]), a: exp(point[2]), b: exp(point[3]))
            return (-value / customers, gradient.map { -$0 / customers })
        }, from: start)
        guard result.converged else { throw .notConverged(model: "BG/NBD", iterations: result.iterations) }
        let p = result.point.map { exp($0) }
        guard p.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw .degenerate(model: "BG/NBD", detail: "a parameter ran off to 0 or infinity")
        }
        return (BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3]), -result.value * customers, result.iterations)
    }
}

/// The BG/NBD log-likelihood over aggregated triples, with the terms shared by many triples
/// precomputed per call: per distinct x the Beta/Gamma front, r + x and ln(a/(b+x−1)); per
/// distinct day count ln(α + days/7). Each triple's term is computed with the same operations as
/// the plain per-customer formula, on all cores into one slot per triple, and the slots are summed
/// in triple order, so the total does not depend on how many cores did the work.
struct BGNBDLikelihood {
    let xValues: [Double]
    let xIndex: [Int32]
    let tDays: [Int32]
    let txDays: [Int32]
    let counts: [Double]
    let maxDay: Int

    init(_ data: PurchaseTriples) {
        let distinctX = Array(Set(data.triples.map(\.x))).sorted()
        let position = Dictionary(uniqueKeysWithValues: distinctX.enumerated().map { ($1, Int32($0)) })
        xValues = distinctX.map(Double.init)
        xIndex = data.triples.map { position[$0.x]! }
        tDays = data.triples.map(\.tDays)
        txDays = data.triples.map(\.txDays)
        counts = data.counts
        maxDay = Int(data.triples.map(\.tDays).max() ?? 0)
    }

    /// Triples per chunk of the gradient sums: each chunk is summed on its own and the chunks in
    /// order, so the result does not depend on how many cores share the chunks.
    static let chunk = 4_096

    /// The total log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b). With
    /// w the share of the second term of the bracket (w = 0 when x = 0), per customer:
    ///
    ///     ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+tₓ)
    ///     ∂/∂α = r/α − (r+x) [(1−w)/(α+T) + w/(α+tₓ)]
    ///     ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a
    ///     ∂/∂b = ψ(b+x) − ψ(b) + ψ(a+b) − ψ(a+b+x) − w/(b+x−1)
    ///
    /// and ∂/∂ln θ = θ ∂/∂θ. (−∞, zeros) outside the domain.
    func valueAndGradient(r: Double, alpha: Double, a: Double, b: Double) -> (Double, [Double]) {
        guard r.isFinite, alpha.isFinite, a.isFinite, b.isFinite, r > 0, alpha > 0, a > 0, b > 0 else { return (-.infinity, [0, 0, 0, 0]) }
        let setup = LikelihoodSetup(r: r, alpha: alpha, a: a, b: b, xValues: xValues, maxDay: maxDay)
        let logAlphaPlus = setup.logAlphaPlus, front = setup.front, dropLog = setup.dropLog, rPlusX = setup.rPlusX
        var inverseAlphaPlus = [Double](repeating: 0, count: maxDay + 1)
        for d in 0...maxDay { inverseAlphaPlus[d] = 1 / (alpha + Double(d) / 7) }
        let psiR = Digamma.of(r), psiB = Digamma.of(b), psiAB = Digamma.of(a + b), logAlpha = log(alpha)
        let frontR = xValues.map { Digamma.of(r + $0) - psiR + logAlpha }
        let frontA = xValues.map { psiAB - Digamma.of(a + b + $0) }
        let frontB = xValues.indices.map { Digamma.of(b + xValues[$0]) - psiB + frontA[$0] }
        let dropB = xValues.map { x in x > 0 ? 1 / (b + x - 1) : 0 }
        let total = FixedPartition.chunkedSums(counts.count, chunk: Self.chunk, width: 5) { range, out in
            var value = 0.0, gr = 0.0, ga = 0.0, gA = 0.0, gB = 0.0
            for i in range {
                let k = Int(xIndex[i]), n = rPlusX[k], count = counts[i]
                let tDay = Int(tDays[i])
                let u = -n * logAlphaPlus[tDay]
                var ll = front[k] + u
                var w = 0.0
                if xValues[k] > 0 {
                    let v = dropLog[k] - n * logAlphaPlus[Int(txDays[i])]
                    let e = exp(-abs(u - v))
                    ll = front[k] + max(u, v) + log1p(e)
                    w = v > u ? 1 / (1 + e) : e / (1 + e)
                }
                value += count * ll
                let txDay = Int(txDays[i])
                gr += count * (frontR[k] - (1 - w) * logAlphaPlus[tDay] - w * logAlphaPlus[txDay])
                ga += count * (r * inverseAlphaPlus[0] - n * ((1 - w) * inverseAlphaPlus[tDay] + w * inverseAlphaPlus[txDay]))
                gA += count * (frontA[k] + w / a)
                gB += count * (frontB[k] - w * dropB[k])
            }
            out[0] = value
            out[1] = gr
            out[2] = ga
            out[3] = gA
            out[4] = gB
        }
        return (total[0], [r * total[1], alpha * total[2], a * total[3], b * total[4]])
    }

    func value(r: Double, alpha: Double, a: Double, b: Double) -> Double {
        var terms: [Double] = []
        return value(r: r, alpha: alpha, a: a, b: b, terms: &terms)
    }

    /// The total log-likelihood; `terms` is scratch space (one slot per triple), kept by the
    /// caller so that no evaluation allocates it.
    func value(r: Double, alpha: Double, a: Double, b: Double, terms: inout [Double]) -> Double {
        guard r.isFinite, alpha.isFinite, a.isFinite, b.isFinite, r > 0, alpha > 0, a > 0, b > 0 else { return -.infinity }
        let setup = LikelihoodSetup(r: r, alpha: alpha, a: a, b: b, xValues: xValues, maxDay: maxDay)
        let logAlphaPlus = setup.logAlphaPlus, front = setup.front, dropLog = setup.dropLog, rPlusX = setup.rPlusX
        if terms.count != counts.count { terms = [Double](repeating: 0, count: counts.count) }
        terms.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            FixedPartition.forEach(counts.count) { range in
                for i in range {
                    let k = Int(xIndex[i])
                    let n = rPlusX[k]
                    let u = -n * logAlphaPlus[Int(tDays[i])]
                    var ll = front[k] + u
                    if xValues[k] > 0 {
                        let v = dropLog[k] - n * logAlphaPlus[Int(txDays[i])]
                        ll = front[k] + max(u, v) + log1p(exp(-abs(u - v)))
                    }
                    out[i] = counts[i] * ll
                }
            }
        }
        var total = 0.0
        for t in terms { total += t }
        return total
    }
}

/// The per-parameter tables shared by the likelihood and its gradient, for one (r, α, a, b):
///
///     logAlphaPlus[d] = ln(α + d/7)                       (d days = d/7 weeks)
///     front[k]        = ln Γ(b+x) − ln Γ(a+b+x) + ln Γ(r+x) + ln Γ(a+b) − ln Γ(b) − ln Γ(r) + r ln α
///     dropLog[k]      = ln(a / (b+x−1)) when x > 0, else 0
///     rPlusX[k]       = r + x
///
/// with x = `xValues[k]`.
private struct LikelihoodSetup {
    let logAlphaPlus: [Double]
    let front: [Double]
    let dropLog: [Double]
    let rPlusX: [Double]

    init(r: Double, alpha: Double, a: Double, b: Double, xValues: [Double], maxDay: Int) {
        var logAlphaPlus = [Double](repeating: 0, count: maxDay + 1)
        for d in 0...maxDay { logAlphaPlus[d] = log(alpha + Double(d) / 7) }
        self.logAlphaPlus = logAlphaPlus
        let common: Double = lgamma(a + b) - lgamma(b) - lgamma(r) + r * log(alpha)
        front = xValues.map { x in
            let beta: Double = lgamma(b + x) - lgamma(a + b + x)
            return beta + lgamma(r + x) + common
        }
        dropLog = xValues.map { x in x > 0 ? log(a / (b + x - 1)) : 0 }
        rPlusX = xValues.map { r + $0 }
    }
}
