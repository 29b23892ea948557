import Foundation
import Testing
import Model
@testable import Metrics

@Suite struct BGNBDTests {
    /// Fader, Hardie & Lee (2005), table in section 4: r = 0.243, α = 4.414, a = 0.793, b = 2.426,
    /// LL = −9582.4, on the 2,357 CDNOW sample customers, 39-week calibration period.
    @Test func reproducesThePublishedCDNOWEstimates() throws {
        let histories = CDNOWReference.histories
        #expect(histories.count == 2357)
        #expect(histories.filter { $0.x > 0 }.count == 946)
        let fit = try BGNBDModel.fit(histories)
        let m = fit.model
        #expect((m.r * 1000).rounded() == 243)
        #expect((m.alpha * 1000).rounded() == 4414)
        #expect((m.a * 1000).rounded() == 793)
        #expect((m.b * 1000).rounded() == 2426)
        #expect((fit.logLikelihood * 10).rounded() == -95824)
    }

    /// The aggregated, precomputed likelihood equals the plain per-customer sum.
    @Test func aggregatedLikelihoodEqualsPerCustomerSum() {
        let histories = CDNOWReference.histories
        let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let plain = histories.reduce(0.0) {
            $0 + model.logLikelihood(x: $1.x, tx: Double($1.txDays) / 7, T: Double($1.tDays) / 7)
        }
        let fast = BGNBDLikelihood(PurchaseTriples(histories)).value(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        #expect(abs(plain - fast) < 1e-8 * abs(plain))
        #expect(PurchaseTriples(histories).triples.count < histories.count)
    }

    /// The analytic gradient of the aggregated likelihood (by ln r, ln α, ln a, ln b) agrees with
    /// central differences of the value (step 10⁻⁶ in each log-parameter; the difference quotient
    /// is accurate to about 10⁻⁶ relative here), and its value is the plain sum.
    @Test func likelihoodGradientMatchesFiniteDifferences() {
        let likelihood = BGNBDLikelihood(PurchaseTriples(CDNOWReference.histories))
        let point = [0.3, 3.0, 0.7, 2.1]
        let (value, gradient) = likelihood.valueAndGradient(r: point[0], alpha: point[1], a: point[2], b: point[3])
        let plain = likelihood.value(r: point[0], alpha: point[1], a: point[2], b: point[3])
        #expect(abs(value - plain) < 1e-9 * abs(plain))
        for j in 0..<4 {
            let h = 1e-6
            var up = point.map { log($0) }, down = up
            up[j] += h
            down[j] -= h
            let f = { (p: [Double]) in likelihood.value(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])) }
            let difference = (f(up) - f(down)) / (2 * h)
            #expect(abs(gradient[j] - difference) < 1e-6 * max(1, abs(difference)))
        }
    }

    /// ψ(1) = −γ (Euler–Mascheroni), ψ(½) = −γ − 2 ln 2, ψ(x + 1) = ψ(x) + 1/x, and at 25 the
    /// series alone: ψ(25) = H₂₄ − γ.
    @Test func digammaMatchesKnownValues() {
        let euler = 0.57721566490153286
        #expect(abs(Digamma.of(1) + euler) < 1e-14)
        #expect(abs(Digamma.of(0.5) - (-euler - 2 * log(2.0))) < 1e-14)
        #expect(abs(Digamma.of(3.7) - (Digamma.of(2.7) + 1 / 2.7)) < 1e-14)
        let harmonic = (1...24).reduce(0.0) { $0 + 1 / Double($1) }
        #expect(abs(Digamma.of(25) - (harmonic - euler)) < 1e-14)
    }

    /// Hand-worked single customer, x = 0, T = 10 weeks, r = α = a = b = 1:
    /// L = B(1,1)/B(1,1) · Γ(1)·1/Γ(1) · (1+10)^−1 = 1/11 → ln L = −ln 11.
    /// x = 1, tₓ = 4, T = 10: B(1,2)/B(1,1) = ½; Γ(2)/Γ(1) = 1; bracket = 11^−2 + (1/(1+1−1))·5^−2
    /// → ln L = ln ½ + ln(1/121 + 1/25).
    @Test func likelihoodMatchesHandWorkedCases() {
        let m = BGNBDModel(r: 1, alpha: 1, a: 1, b: 1)
        #expect(abs(m.logLikelihood(x: 0, tx: 0, T: 10) - -log(11.0)) < 1e-12)
        #expect(abs(m.logLikelihood(x: 1, tx: 4, T: 10) - (log(0.5) + log(1.0 / 121 + 1.0 / 25))) < 1e-12)
        // P(alive) = 1 / (1 + (1/1) · (11/5)²) = 1 / (1 + 4.84) = 0.171232876…
        #expect(abs(m.probabilityAlive(x: 1, tx: 4, T: 10) - 1 / 5.84) < 1e-12)
        #expect(m.probabilityAlive(x: 0, tx: 0, T: 10) == 1)
    }

    /// Conditional expectation at the published parameters for the paper's example customer
    /// (x = 2, tₓ = 30.43, T = 38.86): E[Y(39)] = 1.226 (Fader, Hardie & Lee 2005, section 5,
    /// "… expected to make 1.226 purchases in the next 39 weeks"; lifetimes 0.11.3 with the same
    /// parameters gives 1.2259…).
    @Test func conditionalExpectationMatchesThePaper() throws {
        let m = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let e = try #require(m.expectedPurchases(inNext: 39, x: 2, tx: 30.43, T: 38.86))
        #expect((e * 1000).rounded() == 1226)
        #expect(m.expectedPurchases(inNext: 0, x: 2, tx: 30.43, T: 38.86) == 0)
        // Monotone in t and never above the alive-and-buying-at-the-mean bound.
        let e13 = try #require(m.expectedPurchases(inNext: 13, x: 2, tx: 30.43, T: 38.86))
        let e52 = try #require(m.expectedPurchases(inNext: 52, x: 2, tx: 30.43, T: 38.86))
        #expect(e13 < e && e < e52)
        // P(alive) = 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243) = 0.72658 (lifetimes 0.11.3: 0.726579).
        #expect((m.probabilityAlive(x: 2, tx: 30.43, T: 38.86) * 100_000).rounded() == 72658)
    }

    /// ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, and ₂F₁(a, b; b; z) = (1 − z)^−a, the second with a = 500
    /// where the plain series overflows a Double ((1 − 0.9)^−500 = 10⁵⁰⁰).
    @Test func hypergeometricSeriesMatchesClosedForms() throws {
        for z in [0.0, 0.1, 0.5, 0.9, 0.99] {
            let expected = z == 0 ? 0 : 0.7 * log1p(-z) + log(-log1p(-z) / z)
            let value = try #require(GaussHypergeometric.logScaled(a: 1, b: 1, c: 2, z: z, power: 0.7))
            #expect(abs(value - expected) < 1e-12)
        }
        let big = try #require(GaussHypergeometric.logScaled(a: 500, b: 3, c: 3, z: 0.9, power: 500))
        #expect(abs(big) < 1e-9)
        #expect(GaussHypergeometric.logScaled(a: 1, b: 1, c: 2, z: 1, power: 0) == nil)
    }

    @Test func fitReportsWhyItCannotRun() {
        let few = Array(repeating: PurchaseHistory(x: 1, txDays: 3, tDays: 10), count: 5)
        #expect(throws: ModelFitError.tooFewCustomers(model: "BG/NBD", found: 5, needed: 30)) { try BGNBDModel.fit(few) }
        let noRepeat = Array(repeating: PurchaseHistory(x: 0, txDays: 0, tDays: 10), count: 40)
        #expect(throws: ModelFitError.noRepeatPurchases(model: "BG/NBD")) { try BGNBDModel.fit(noRepeat) }
        #expect(ModelFitError.notConverged(model: "BG/NBD", iterations: 5000).description
            == "BG/NBD: the likelihood maximisation did not converge in 5000 iterations")
    }

    /// Same-day orders are one purchase; the first day's spend is not a repeat; later orders ignored.
    @Test func historyFromOrdersCountsDaysNotOrders() throws {
        let d = { (iso: String) -> Day in Day(iso: iso)! }
        let orders: [(day: Day, amount: Double)] = [
            (d("2024-01-03"), 10), (d("2024-01-01"), 50), (d("2024-01-03"), 5), (d("2024-01-10"), 20),
            (d("2024-01-12"), -20), (d("2024-02-01"), 99),
        ]
        let h = try #require(PurchaseHistory(orders: orders, asOf: d("2024-01-31")))
        // Days 01-01 (50), 01-03 (15), 01-10 (20): x = 2, tₓ = 9, T = 30, repeat spend 35, mean 17.5.
        #expect(h == PurchaseHistory(x: 2, txDays: 9, tDays: 30, repeatSpend: 35))
        #expect(h.meanRepeatValue == 17.5)
        #expect(PurchaseHistory(orders: [(d("2024-02-01"), 9.0)], asOf: d("2024-01-31")) == nil)
    }

    /// The repeat spend is summed in day order whatever order the orders come in, so it is the
    /// same on every run (it once was summed in hash order). Repeat days 01-02 (10¹⁶), 01-03 (1)
    /// and 01-04 (1): in day order (10¹⁶ + 1) + 1 rounds to 10¹⁶ at each step (the spacing of
    /// Doubles there is 2), while 1 + 1 + 10¹⁶ would be 10¹⁶ + 2.
    @Test func repeatSpendIsSummedInDayOrder() throws {
        let d = { (iso: String) -> Day in Day(iso: iso)! }
        let orders: [(day: Day, amount: Double)] = [(d("2024-01-01"), 7), (d("2024-01-02"), 1e16), (d("2024-01-03"), 1), (d("2024-01-04"), 1)]
        for permutation in [orders, orders.reversed(), [orders[3], orders[0], orders[2], orders[1]]] {
            let h = try #require(PurchaseHistory(orders: permutation, asOf: d("2024-01-31")))
            #expect(h == PurchaseHistory(x: 3, txDays: 3, tDays: 30, repeatSpend: 1e16))
        }
        let one = 1.0, big = 1e16
        #expect(one + one + big == big + 2)
    }
}

@Suite struct GammaGammaTests {
    /// Fader, Hardie & Lee (2005, "RFM and CLV"), and Hardie's note on the Gamma-Gamma model:
    /// p = 6.25, q = 3.74, γ = 15.44 on the 946 CDNOW sample customers with repeat purchases.
    @Test func reproducesThePublishedCDNOWEstimates() throws {
        let fit = try GammaGammaModel.fit(CDNOWReference.histories)
        #expect(fit.customers == 946)
        #expect((fit.model.p * 100).rounded() == 625)
        #expect((fit.model.q * 100).rounded() == 374)
        #expect((fit.model.v * 100).rounded() == 1544)
    }

    /// Every customer paying the same amount each time (fixed-price invoices): p runs off and the
    /// fit is refused with the reason instead of giving a CLV on a degenerate model.
    @Test func fixedPriceInvoicesAreRefused() {
        let histories = (1...40).map { i in PurchaseHistory(x: 1 + i % 5, txDays: 100, tDays: 200, repeatSpend: Double((1 + i % 5) * (10 * i))) }
        #expect(throws: ModelFitError.self) { try GammaGammaModel.fit(histories) }
        do {
            _ = try GammaGammaModel.fit(histories)
        } catch {
            #expect(error.description.hasPrefix("Gamma-Gamma: the fit ran off (p = "))
            #expect(error.description.hasSuffix("): purchase values are too regular, as with fixed-price invoices, for the spend model"))
        }
    }

    /// E[M | x, mₓ] = p(γ + x mₓ)/(px + q − 1): p = 6, q = 4, γ = 15, x = 2, mₓ = 30
    /// → 6 · 75 / 15 = 30; x = 0 → pγ/(q − 1) = 90/3 = 30.
    @Test func conditionalMeanMatchesHandWorkedCase() {
        let m = GammaGammaModel(p: 6, q: 4, v: 15)
        #expect(m.expectedValue(x: 2, meanValue: 30) == 30)
        #expect(m.expectedValue(x: 0, meanValue: 0) == 30)
        #expect(m.expectedValue(x: 1, meanValue: 10)! == 6.0 * 25 / 9)
        #expect(GammaGammaModel(p: 1, q: 0.5, v: 1).expectedValue(x: 0, meanValue: 0) == nil)
    }

    /// CLV with no discount and 100 % margin is E[M] × E[Y(12 months)]; with 10 % a year each
    /// month's purchases are divided by 1.1^(m/12).
    @Test func lifetimeValueDiscountsEachMonth() throws {
        let bg = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let gg = GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
        let h = PurchaseHistory(x: 2, txDays: 213, tDays: 272, repeatSpend: 44.69)
        let ev = try #require(gg.expectedValue(x: 2, meanValue: 22.345))
        let yearWeeks: Double = 365.25 / 7, tx: Double = 213.0 / 7, T: Double = 272.0 / 7
        let year = try #require(bg.expectedPurchases(inNext: yearWeeks, x: 2, tx: tx, T: T))
        let undiscounted = try #require(CustomerLifetimeValue(annualDiscountRate: 0, grossMargin: 1).value(purchases: bg, spend: gg, history: h))
        #expect(abs(undiscounted - ev * year) < 1e-9)
        var expected = 0.0, previous = 0.0
        for m in 1...12 {
            let weeks: Double = Double(m) * 365.25 / 12 / 7
            let e: Double = bg.expectedPurchases(inNext: weeks, x: 2, tx: tx, T: T)!
            let factor: Double = pow(1.1, Double(m) / 12)
            expected += (e - previous) / factor
            previous = e
        }
        let discounted = try #require(CustomerLifetimeValue(annualDiscountRate: 0.1, grossMargin: 0.5).value(purchases: bg, spend: gg, history: h))
        #expect(abs(discounted - 0.5 * ev * expected) < 1e-9)
        #expect(discounted < 0.5 * undiscounted)
    }

    /// The likelihood built straight from histories keeps the repeat customers with a mean repeat
    /// value above 0, in history order: x = 2 with 30 of repeat spend (m = 30 / 2 = 15), x = 2
    /// with 10 (m = 5), x = 4 with 8 (m = 2); x = 0 and a repeat spend of 0 are left out. Distinct
    /// x ascending: [2, 4]. On the CDNOW histories it holds the same bits as the (x, m) pairs give.
    @Test func likelihoodFromHistoriesKeepsTheRepeatCustomers() {
        let histories = [PurchaseHistory(x: 2, txDays: 20, tDays: 40, repeatSpend: 30), PurchaseHistory(x: 0, txDays: 0, tDays: 9),
                         PurchaseHistory(x: 1, txDays: 5, tDays: 9, repeatSpend: 0), PurchaseHistory(x: 2, txDays: 3, tDays: 8, repeatSpend: 10),
                         PurchaseHistory(x: 4, txDays: 30, tDays: 31, repeatSpend: 8)]
        let likelihood = GammaGammaLikelihood(histories: histories)
        #expect(likelihood.xValues == [2, 4])
        #expect(likelihood.xIndex == [0, 0, 1])
        #expect(likelihood.mean == [15, 5, 2])
        #expect(likelihood.logMean == [log(15), log(5), log(2)])
        let repeaters = CDNOWReference.histories.compactMap { h in h.meanRepeatValue.map { (x: h.x, m: $0) } }.filter { $0.m > 0 }
        let pairs = GammaGammaLikelihood(repeaters), direct = GammaGammaLikelihood(histories: CDNOWReference.histories)
        #expect(direct.xValues == pairs.xValues && direct.xIndex == pairs.xIndex)
        #expect(direct.mean.map(\.bitPattern) == pairs.mean.map(\.bitPattern))
        #expect(direct.logMean.map(\.bitPattern) == pairs.logMean.map(\.bitPattern))
    }

    /// The precomputed likelihood equals the plain sum of per-customer terms (to rounding), and
    /// its gradient by (ln p, ln q, ln γ) agrees with central differences of that sum (step 10⁻⁶;
    /// with |ln L| ≈ 4,000 the quotient itself is only good to a few 10⁻⁶).
    @Test func likelihoodAndGradientMatchThePlainSum() {
        let repeaters = CDNOWReference.histories.compactMap { h in h.meanRepeatValue.map { (x: h.x, m: $0) } }.filter { $0.m > 0 }
        #expect(repeaters.count == 946)
        let likelihood = GammaGammaLikelihood(repeaters)
        let plain = { (p: [Double]) -> Double in
            let model = GammaGammaModel(p: exp(p[0]), q: exp(p[1]), v: exp(p[2]))
            return repeaters.reduce(0.0) { $0 + model.logLikelihood(x: $1.x, meanValue: $1.m) }
        }
        for point in [[6.25, 3.74, 15.44], [0.5, 20, 2]] {
            let logPoint = point.map { log($0) }
            let (value, gradient) = likelihood.valueAndGradient(GammaGammaModel(p: point[0], q: point[1], v: point[2]))
            #expect(abs(value - plain(logPoint)) < 1e-12 * abs(value))
            for j in 0..<3 {
                var up = logPoint, down = logPoint
                up[j] += 1e-6
                down[j] -= 1e-6
                let difference = (plain(up) - plain(down)) / 2e-6
                #expect(abs(gradient[j] - difference) < 1e-5 * max(1, abs(difference)))
            }
        }
    }

    /// Forecasts shared per triple and per (x, T) equal the per-customer formulas exactly.
    @Test func sharedForecastsEqualThePerCustomerFormulas() throws {
        let bg = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let clv = CustomerLifetimeValue(annualDiscountRate: 0.1, grossMargin: 0.4)
        let histories = CDNOWReference.histories.enumerated().map { ($0.offset, $0.element) }
        let fit = try PurchasePrediction.fit(histories, lifetimeValue: clv)
        let shared = TripleForecasts(bg, triples: PurchaseTriples(histories.map(\.1)), lifetimeValue: clv)
        let triples = PurchaseTriples(histories.map(\.1))
        for (i, h) in histories.map(\.1).enumerated() {
            let k = Int(triples.tripleOf[i]), tx = Double(h.txDays) / 7, T = Double(h.tDays) / 7
            #expect(shared.probabilityAlive[k] == bg.probabilityAlive(x: h.x, tx: tx, T: T))
            #expect(shared.expected13Weeks[k] == bg.expectedPurchases(inNext: 13, x: h.x, tx: tx, T: T))
            #expect(shared.expected52Weeks[k] == bg.expectedPurchases(inNext: 52, x: h.x, tx: tx, T: T))
            #expect(shared.discountedPurchases[k] == clv.discountedPurchases(bg, history: h).map { $0.reduce(0, +) })
            let f = fit.forecasts[i]
            #expect(f.customer == i)
            if let spend = fit.spend {
                #expect(f.clv12Months == clv.value(purchases: fit.purchases, spend: spend, history: h))
            }
        }
    }
}

@Suite struct QuasiNewtonTests {
    /// BFGS on Rosenbrock's function f = (1 − x)² + 100 (y − x²)², gradient
    /// (−2(1 − x) − 400 x (y − x²), 200 (y − x²)), from (−1.2, 1): the minimum (1, 1), f = 0.
    @Test func quasiNewtonFindsTheRosenbrockMinimum() {
        let result = QuasiNewton().minimize({ p in
            let (x, y) = (p[0], p[1])
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }, from: [-1.2, 1])
        #expect(result.converged)
        #expect(abs(result.point[0] - 1) < 1e-8 && abs(result.point[1] - 1) < 1e-8)
        #expect(result.value < 1e-16)
        #expect(result.iterations < 100)
    }

    /// With a budget of 3 iterations Rosenbrock is not solved, and the result says so.
    @Test func reportsWhenTheBudgetRunsOut() {
        var solver = QuasiNewton()
        solver.maxIterations = 3
        let result = solver.minimize({ p in
            let (x, y) = (p[0], p[1])
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }, from: [-1.2, 1])
        #expect(!result.converged)
        #expect(result.iterations == 3)
    }
}
