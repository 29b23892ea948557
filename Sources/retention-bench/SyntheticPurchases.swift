#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Metrics

/// `retention-bench predict-synthetic <customers>`: simulates customers from a BG/NBD process with
/// known parameters (r 0.5, α 8 weeks, a 0.8, b 2.5; first purchase spread over 156 weeks before
/// as-of; purchase times rounded to days, same-day purchases merged), fits the model and prints the
/// time and the recovered parameters. A seeded generator, so every run draws the same customers.
func syntheticPurchaseBenchmark(customers: Int) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) / 9_007_199_254_740_992
    }
    func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    /// Marsaglia & Tsang (2000); shape < 1 by Gamma(shape + 1) · U^(1/shape).
    func gamma(_ shape: Double) -> Double {
        if shape < 1 { return gamma(shape + 1) * pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal(), v0 = 1 + c * x
            guard v0 > 0 else { continue }
            let v = v0 * v0 * v0
            if log(uniform()) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }
    let (r, alpha, a, b) = (0.5, 8.0, 0.8, 2.5)
    var t0 = now()
    var histories: [PurchaseHistory] = []
    histories.reserveCapacity(customers)
    for _ in 0..<customers {
        let tDays = 1 + Int(uniform() * 1091)          // observed 1…1092 days (156 weeks)
        let lambda = gamma(r) / alpha                  // purchases per week
        let ga = gamma(a), gb = gamma(b)
        let p = ga / (ga + gb)
        var t = 0.0, lastDay = 0, x = 0
        while uniform() > p {                          // alive after the purchase at t
            t += -log(uniform()) / lambda * 7          // days to the next purchase
            let day = Int(t.rounded(.down))
            guard day <= tDays else { break }
            if day != lastDay { x += 1; lastDay = day }
        }
        histories.append(PurchaseHistory(x: x, txDays: lastDay, tDays: tDays))
    }
    print("simulated \(customers) customers in \(Int((now() - t0) * 1000)) ms")
    t0 = now()
    let before = cpuSeconds()
    do {
        let fit = try BGNBDModel.fit(histories)
        let m = fit.model
        print("BG/NBD fit: \(Int((now() - t0) * 1000)) ms wall, \(Int((cpuSeconds().user - before.user) * 1000)) ms CPU, "
            + "\(fit.iterations) iterations; r \(m.r) (0.5), alpha \(m.alpha) (8), a \(m.a) (0.8), b \(m.b) (2.5)")
        let truth = BGNBDModel(r: r, alpha: alpha, a: a, b: b)
        let atTruth = histories.reduce(0.0) { $0 + truth.logLikelihood(x: $1.x, tx: Double($1.txDays) / 7, T: Double($1.tDays) / 7) }
        print("log-likelihood at the fit \(fit.logLikelihood), at the simulating parameters \(atTruth)")
    } catch {
        fail(error.description)
    }
}
