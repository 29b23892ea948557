import Foundation
import Testing
import Model
@testable import Metrics

/// Work the prediction stage shares between computations (series summed side by side, one
/// standardisation for every λ, fits run as parallel tasks) gives bit for bit what each
/// computation gives on its own, by the formula it replaced.
@Suite struct SharedWorkTests {
    /// The single-z series as it was summed before the horizons shared it (reference copy).
    static func separateSeries(a: Double, b: Double, c: Double, z: Double, power: Double) -> Double? {
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

    /// Side-by-side series equal the separate ones exactly, for light buyers, a heavy buyer whose
    /// sum is rescaled by 10⁻²⁰⁰ (a = 500, z = 0.9 passes 10²⁰⁰), series that stop at different n,
    /// and z outside [0, 1) (nil) mixed in.
    @Test func seriesSummedSideBySideEqualSeparateSeries() throws {
        let zs = [0.0, 0.05, 0.3, 0.62, 0.9, 0.999, 1, -0.1, .nan]
        for (a, b, c, power) in [(1.0, 1.0, 2.0, 0.7), (0.243 + 3, 2.426 + 3, 0.793 + 2.426 + 2, 3.243),
                                 (500, 3, 3, 500), (0.5, 80, 81.2, 0.5)] {
            let shared = GaussHypergeometric.logScaled(a: a, b: b, c: c, zs: zs, power: power)
            #expect(shared.count == zs.count)
            for (z, value) in zip(zs, shared) {
                let alone = Self.separateSeries(a: a, b: b, c: c, z: z, power: power)
                #expect(value == alone, "a \(a) b \(b) z \(z)")
                #expect(GaussHypergeometric.logScaled(a: a, b: b, c: c, z: z, power: power) == alone)
            }
        }
        // The rescaled case: ₂F₁(500, 3; 3; 0.9) = 0.1⁻⁵⁰⁰ = 10⁵⁰⁰, times (1 − 0.9)⁵⁰⁰ = 1, so ln = 0.
        let big = try #require(GaussHypergeometric.logScaled(a: 500, b: 3, c: 3, zs: [0.9, 0.5], power: 500)[0])
        #expect(abs(big) < 1e-9)
        // Outside the domain of a, b, c every z gives nil.
        #expect(GaussHypergeometric.logScaled(a: 0, b: 1, c: 1, zs: [0.5, 0.1], power: 1) == [nil, nil])
    }

    /// E[Y(t)] if alive for all horizons at once equals eq. 10's bracket computed per horizon with
    /// the separate series: (a+b+x−1)/(a−1) · (1 − e^{ln[(1−z)^{r+x} ₂F₁(r+x, b+x; a+b+x−1; z)]}),
    /// z = t/(α+T+t).
    @Test func horizonsTogetherEqualOneHorizonAtATime() {
        let bg = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let horizons = [13, 52] + CustomerLifetimeValue().monthEnds
        #expect(horizons.count == 14 && horizons[2] == 365.25 / 12 / 7 && horizons[13] == 12 * (365.25 / 12 / 7))
        for (x, T) in [(0, 38.0), (1, 30.5), (7, 12.0), (40, 77.3), (300, 200.0)] {
            let together = bg.purchasesIfAlive(inNext: horizons, x: x, T: T)
            for (t, value) in zip(horizons, together) {
                let n = bg.r + Double(x), c = bg.a + bg.b + Double(x) - 1
                let logTerm = Self.separateSeries(a: n, b: bg.b + Double(x), c: c, z: t / (bg.alpha + T + t), power: n)
                let expected = logTerm.map { (c / (bg.a - 1)) * -expm1($0) } ?? .nan
                #expect(value == expected || (value.isNaN && expected.isNaN), "x \(x) T \(T) t \(t)")
                #expect(bg.purchasesIfAlive(inNext: t, x: x, T: T) == logTerm.map { _ in expected })
            }
        }
        // a = 1 leaves eq. 10 undefined: NaN for every horizon, nil for one.
        let undefined = BGNBDModel(r: 1, alpha: 1, a: 1, b: 2)
        #expect(undefined.purchasesIfAlive(inNext: [13, 52], x: 2, T: 10).filter { !$0.isNaN }.isEmpty)
        #expect(undefined.purchasesIfAlive(inNext: 13, x: 2, T: 10) == nil)
    }

    /// Deterministic training rows: customer i at month end m has features (i mod 7, ((i·13 + m)
    /// mod 11) / 10, 3 on every row — a constant column) and churns when (i·7 + m·3) mod 10 < 3
    /// or its second feature is above 0.8, so the labels depend on the features but not perfectly.
    static func rows(ends: [Day], customers: Int) -> [Day: [ChurnTrainingSet.Row]] {
        var byDay: [Day: [ChurnTrainingSet.Row]] = [:]
        for (m, end) in ends.enumerated() {
            byDay[end] = (0..<customers).map { i in
                let second = Double((i * 13 + m) % 11) / 10
                return ChurnTrainingSet.Row(customer: i, monthEnd: end, features: [Double(i % 7), second, 3],
                                            healthScore: nil, churned: (i * 7 + m * 3) % 10 < 3 || second > 0.8)
            }
        }
        return byDay
    }

    /// One standardisation shared by several λ gives each λ the fit a fresh `fit(rows:…)` gives.
    @Test func oneDesignServesEveryLambda() {
        let ends = (0..<3).map { Day(iso: "2026-01-31")!.adding(days: 30 * $0) }
        let rows = Self.rows(ends: ends, customers: 40).values.flatMap { $0 }.sorted { ($0.monthEnd, $0.customer) < ($1.monthEnd, $1.customer) }
        let names = ["a", "b", "constant"]
        let design = LogisticRegression.Design(rows: rows.flatMap(\.features), labels: rows.map(\.churned), featureNames: names)
        #expect(design.count == 120 && design.stride == 4 && design.x.count == 120)
        // The constant column: mean Σ 3/120 ≈ 3, variance ≈ 0, so scale 1 (its z is ≈ 0 everywhere).
        #expect(design.scales[2] == 1 && abs(design.means[2] - 3) < 1e-12)
        for lambda in ChurnModel.lambdas {
            let fresh = LogisticRegression.fit(rows: rows.map(\.features), labels: rows.map(\.churned), featureNames: names, lambda: lambda)
            #expect(LogisticRegression.fit(design, lambda: lambda) == fresh)
            #expect(fresh.converged)
        }
    }

    /// The λ search with its twelve fits as parallel tasks equals the search done one fit after
    /// another by the plain formula: per fold (the last two month ends with a month end 90 days
    /// before them), fit on those earlier month ends' rows, mean held-out log-loss on the fold's
    /// rows, averaged over the folds per λ; the lowest wins.
    @Test func parallelLambdaSearchEqualsTheSequentialFormula() {
        // Month ends 30 days apart: 2026-01-31 … 2026-08-29 (8 ends); folds are the last two.
        let ends = (0..<8).map { Day(iso: "2026-01-31")!.adding(days: 30 * $0) }
        let byDay = Self.rows(ends: ends, customers: 60)
        let names = ["a", "b", "constant"]
        let rows: (Day) -> [ChurnTrainingSet.Row] = { byDay[$0]! }
        var losses = [Double](repeating: 0, count: ChurnModel.lambdas.count)
        for fold in ends.suffix(2) {
            let train = ends.filter { $0.adding(days: 90) <= fold }.flatMap(rows)
            for (i, lambda) in ChurnModel.lambdas.enumerated() {
                let model = LogisticRegression.fit(rows: train.map(\.features), labels: train.map(\.churned), featureNames: names, lambda: lambda)
                var loss = 0.0
                for row in rows(fold) {
                    let p = min(max(model.probability(row.features), 1e-15), 1 - 1e-15)
                    loss -= row.churned ? log(p) : log(1 - p)
                }
                losses[i] += loss / 60
            }
        }
        let expected = ChurnModel.lambdas.indices.map { (lambda: ChurnModel.lambdas[$0], logLoss: losses[$0] / 2) }
        let best = expected.min { $0.logLoss < $1.logLoss }!.lambda
        for parallel in [false, true] {
            let (lambda, table) = ChurnModel.chooseLambda(ends: ends, rows: rows, names: names, parallel: parallel)
            #expect(lambda == best)
            #expect(table.map(\.lambda) == expected.map(\.lambda))
            #expect(table.map(\.logLoss) == expected.map(\.logLoss))
        }
        // No fold with an earlier month end 90 days before it: λ = 1 and no table.
        let (fallback, none) = ChurnModel.chooseLambda(ends: Array(ends.prefix(3)), rows: rows, names: names)
        #expect(fallback == 1 && none.isEmpty)
    }

    /// The compact prediction table reads each customer's columns from the forecast and the risk
    /// of that customer: customer 1 has BG/NBD values without CLV (no discounted purchases) and a
    /// churn probability, customer 3 only a churn probability (a NaN value stays a value, not a
    /// missing one), customers 0 and 2 nothing; customer 9's forecast is outside the 4 customers,
    /// and out of range is nil.
    @Test func predictionTableKeepsEachColumn() throws {
        var perTriple = TripleForecasts()
        perTriple.probabilityAlive = [0.25, 0.5]
        perTriple.expected13Weeks = OptionalDoubles(values: [1.5, 2], present: [true, true])
        perTriple.expected52Weeks = OptionalDoubles(values: [4.75, 6], present: [true, true])
        perTriple.discountedPurchases = OptionalDoubles(values: [0, 3], present: [false, true])
        let history = PurchaseHistory(x: 2, txDays: 20, tDays: 40, repeatSpend: 30)
        let forecasts = PurchaseForecasts(customers: [1, 9], histories: [history, history], tripleOf: [0, 1], perTriple: perTriple,
                                          spend: GammaGammaModel(p: 6, q: 4, v: 15), grossMargin: 0.5)
        let risks = [3, 1].map { c in
            ChurnRisk(customer: c, probability: c == 3 ? .nan : 0.125, monthlyRevenue: 10, reasonGroups: SIMD3(repeating: -1),
                      reasonValuesStart: 0)
        }
        let table = CustomerPredictionTable(count: 4, forecasts: forecasts, risks: risks)
        #expect(table[1] == CustomerPredictionColumns(probabilityAlive: 0.25, expectedPurchases13Weeks: 1.5,
                                                      expectedPurchases52Weeks: 4.75, clv12Months: nil, churnProbability90Days: 0.125))
        let three = try #require(table[3])
        #expect(three.values.prefix(4) == [nil, nil, nil, nil] && three.churnProbability90Days?.isNaN == true)
        #expect(table[0] == nil && table[2] == nil && table[4] == nil && table[9] == nil && table[-1] == nil)
    }

    /// A forecast gives back each optional figure as given — a 0 stays 0, an absent one stays nil
    /// — in every one of the 16 present/absent combinations, and a history its counts; both are
    /// as small as their doc comments say (forecast 8 + 24 + 8 + 4 × 8 + 1 → 80, history 3 × 4 + 8 → 24).
    @Test func compactForecastsKeepEveryFigure() {
        let history = PurchaseHistory(x: 3, txDays: 40, tDays: 90, repeatSpend: 12.5)
        #expect(history.x == 3 && history.txDays == 40 && history.tDays == 90 && history.repeatSpend == 12.5)
        var changed = history
        changed.x = 70_000
        changed.tDays = -2
        #expect(changed.x == 70_000 && changed.tDays == -2 && changed != history)
        for mask in 0..<16 {
            let given: [Double?] = [0.0, 1.25, -3.5, 7.0].enumerated().map { mask & (1 << $0.offset) != 0 ? $0.element : nil }
            let f = CustomerPurchaseForecast(customer: 5, history: history, probabilityAlive: 0.5, expectedPurchases13Weeks: given[0],
                                             expectedPurchases52Weeks: given[1], expectedOrderValue: given[2], clv12Months: given[3])
            #expect([f.expectedPurchases13Weeks, f.expectedPurchases52Weeks, f.expectedOrderValue, f.clv12Months] == given)
        }
        #expect(MemoryLayout<CustomerPurchaseForecast>.stride == 80)
        #expect(MemoryLayout<PurchaseHistory>.stride == 24)
    }

    /// Tasks return their results in index order whether they run on one thread or several.
    @Test func tasksKeepIndexOrder() {
        let work: (Int) -> [Int] = { i in (0...i).map { $0 * $0 } }
        let serial = FixedPartition.tasks(12, parallel: false, work)
        #expect(serial == (0..<12).map(work))
        #expect(FixedPartition.tasks(12, parallel: true, work) == serial)
        #expect(FixedPartition.tasks(0, parallel: true, work).isEmpty)
    }

    /// Chunk sums shared out among the cores: groups from `minimumParallelCount` items up (by
    /// items, not chunks), contiguous and covering every chunk once.
    @Test func chunkGroupsSplitByItems() {
        // 100,000 items in chunks of 4,096: 25 chunks, 12 and 13 on two cores.
        #expect(FixedPartition.chunkGroups(100_000, chunk: 4_096, parts: 2) == [0..<12, 12..<25])
        #expect(FixedPartition.chunkGroups(100_000, chunk: 4_096, parts: 1) == [0..<25])
        // Fewer items than the threshold: one group, however many cores.
        #expect(FixedPartition.chunkGroups(2_047, chunk: 100, parts: 2) == [0..<21])
        // Never more groups than chunks.
        #expect(FixedPartition.chunkGroups(5_000, chunk: 4_096, parts: 8) == [0..<1, 1..<2])
        #expect(FixedPartition.chunkGroups(0, chunk: 4_096, parts: 2) == [0..<0])
    }

    /// The sums do not depend on the number of cores: each chunk is summed on its own and the
    /// chunk sums added in chunk order, so 1, 2 and 3 parts give the same bits, equal to that
    /// order of additions done here by hand. The terms mix magnitudes (1e16 and odd small
    /// numbers), so any other order of additions would round differently.
    @Test func chunkedSumsAreTheSameOnAnyNumberOfCores() {
        let count = 10_000, chunk = 700
        let terms: [Double] = (0..<count).map { (i: Int) -> Double in
            if i % 997 == 0 { return 1e16 }
            let tenth: Double = Double(i % 13) * 0.1
            return tenth + 1 / Double(i + 3)
        }
        let byHand: [Double] = {
            var total = [0.0, 0.0]
            for start in stride(from: 0, to: count, by: chunk) {
                var a = 0.0, b = 0.0
                for i in start..<min(start + chunk, count) {
                    a += terms[i]
                    b += terms[i] * terms[i]
                }
                total[0] += a
                total[1] += b
            }
            return total
        }()
        for parts in [1, 2, 3] {
            let sums = FixedPartition.chunkedSums(count, chunk: chunk, width: 2, parts: parts) { range, out in
                var a = 0.0, b = 0.0
                for i in range {
                    a += terms[i]
                    b += terms[i] * terms[i]
                }
                out[0] = a
                out[1] = b
            }
            #expect(sums == byHand, "parts \(parts)")
        }
        // And the chunk order matters: summing the terms in one run rounds differently.
        #expect(terms.reduce(0, +) != byHand[0])
    }

}
