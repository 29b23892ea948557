import Model

/// One order customer's predictions on the as-of day.
///
/// Put together when read from `PurchaseForecasts` (which keeps none of them): the four optional
/// figures as plain Doubles with one byte saying which are present (80 bytes instead of 112).
/// Memberwise equality compares absent figures as equal (both 0), so it means what it meant with
/// optionals.
public struct CustomerPurchaseForecast: Sendable, Hashable {
    public let customer: CustomerIndex
    public let history: PurchaseHistory
    /// P(alive) under BG/NBD.
    public let probabilityAlive: Double
    /// The four optional figures as plain Doubles (0 where absent), `present` saying which are there.
    private let next13Weeks: Double
    private let next52Weeks: Double
    private let orderValue: Double
    private let clv: Double
    /// Bit 0: 13 weeks, 1: 52 weeks, 2: order value, 3: CLV.
    private let present: UInt8

    public var expectedPurchases13Weeks: Double? { present & 1 != 0 ? next13Weeks : nil }
    public var expectedPurchases52Weeks: Double? { present & 2 != 0 ? next52Weeks : nil }
    /// Gamma-Gamma expected value of a purchase; nil without a Gamma-Gamma fit.
    public var expectedOrderValue: Double? { present & 4 != 0 ? orderValue : nil }
    /// 12-month discounted CLV × gross margin; nil without a Gamma-Gamma fit.
    public var clv12Months: Double? { present & 8 != 0 ? clv : nil }

    init(customer: CustomerIndex, history: PurchaseHistory, probabilityAlive: Double, expectedPurchases13Weeks: Double?,
         expectedPurchases52Weeks: Double?, expectedOrderValue: Double?, clv12Months: Double?) {
        self.customer = customer
        self.history = history
        self.probabilityAlive = probabilityAlive
        next13Weeks = expectedPurchases13Weeks ?? 0
        next52Weeks = expectedPurchases52Weeks ?? 0
        orderValue = expectedOrderValue ?? 0
        clv = clv12Months ?? 0
        present = (expectedPurchases13Weeks == nil ? 0 : 1) | (expectedPurchases52Weeks == nil ? 0 : 2)
            | (expectedOrderValue == nil ? 0 : 4) | (clv12Months == nil ? 0 : 8)
    }
}

/// BG/NBD + Gamma-Gamma for an order business: fitted on every customer with a paid order on or
/// before as-of, forecasts for each of them.
public struct PurchasePrediction: Sendable {
    public let purchases: BGNBDModel
    public let logLikelihood: Double
    public let iterations: Int
    /// nil with the reason in `spendProblem` when Gamma-Gamma could not be fitted.
    public let spend: GammaGammaModel?
    public let spendCustomers: Int
    public let spendProblem: String?
    public let lifetimeValue: CustomerLifetimeValue
    /// In customer order.
    public let forecasts: PurchaseForecasts
    /// Sums and quantiles over `forecasts`, computed once for the report and the metrics JSON.
    public let totals: PurchaseTotals

    public static func fit(_ histories: [(CustomerIndex, PurchaseHistory)],
                           lifetimeValue: CustomerLifetimeValue) throws(ModelFitError) -> PurchasePrediction {
        try fit(customers: histories.map { Int32($0.0) }, histories: histories.map(\.1), lifetimeValue: lifetimeValue)
    }

    /// `fit` on the histories of `customers` (ascending), `histories[i]` being `customers[i]`'s.
    static func fit(customers: [Int32], histories plain: [PurchaseHistory],
                    lifetimeValue: CustomerLifetimeValue) throws(ModelFitError) -> PurchasePrediction {
        var triples = PurchaseTriples(plain)
        let fit = try BGNBDModel.fit(plain, triples: triples)
        let model = fit.model
        var spend: GammaGammaModel?, spendCustomers = 0, spendProblem: String?
        do {
            let g = try GammaGammaModel.fit(plain)
            spend = g.model
            spendCustomers = g.customers
        } catch {
            spendProblem = error.description
        }
        let perTriple = TripleForecasts(model, triples: triples, lifetimeValue: spend == nil ? nil : lifetimeValue)
        let tripleOf = triples.tripleOf
        // The distinct triples and their counts have no reader left: let go before the totals.
        triples = PurchaseTriples()
        let forecasts = PurchaseForecasts(customers: customers, histories: plain, tripleOf: tripleOf, perTriple: perTriple,
                                          spend: spend, grossMargin: lifetimeValue.grossMargin)
        return PurchasePrediction(purchases: model, logLikelihood: fit.logLikelihood, iterations: fit.iterations,
                                  spend: spend, spendCustomers: spendCustomers, spendProblem: spendProblem,
                                  lifetimeValue: lifetimeValue, forecasts: forecasts, totals: PurchaseTotals(forecasts))
    }
}

/// Sums over the forecasts (in customer order) and the CLV quantiles the report shows.
public struct PurchaseTotals: Sendable, Hashable {
    /// Σ P(alive): the customers expected still alive.
    public let expectedAlive: Double
    /// Σ expected purchases in the next 13 and 52 weeks (a customer without a value adds 0).
    public let expectedPurchases13Weeks: Double
    public let expectedPurchases52Weeks: Double
    /// The customers with a 12-month CLV, their total, median (linear method) and 95th
    /// percentile (nearest rank); nil without CLV.
    public let clvCustomers: Int
    public let clvTotal: Double?
    public let clvMedian: Double?
    public let clv95thPercentile: Double?

    init(_ forecasts: some Collection<CustomerPurchaseForecast>) {
        var alive = 0.0, next13 = 0.0, next52 = 0.0
        var clvs: [Double] = []
        for f in forecasts {
            alive += f.probabilityAlive
            next13 += f.expectedPurchases13Weeks ?? 0
            next52 += f.expectedPurchases52Weeks ?? 0
            if let clv = f.clv12Months {
                // Room for every forecast's CLV at the first one (pages never written stay free),
                // so the array is not copied at each doubling.
                if clvs.capacity == 0 { clvs.reserveCapacity(forecasts.count) }
                clvs.append(clv)
            }
        }
        expectedAlive = alive
        expectedPurchases13Weeks = next13
        expectedPurchases52Weeks = next52
        clvCustomers = clvs.count
        clvTotal = clvs.isEmpty ? nil : clvs.reduce(0, +)
        // The two quantiles read two or three positions of the sorted CLVs: found by selection.
        var statistics = OrderStatistics(clvs)
        clvs = []
        clvMedian = statistics.quantile(0.5)
        clv95thPercentile = statistics.quantile(0.95, method: .nearestRank)
    }
}

/// The BG/NBD forecasts of each distinct (x, tₓ, T) triple. The hypergeometric series, the costly
/// part, depend on (x, T) only and are summed once per distinct pair (a few per cent of the
/// customers on daily data). The triples are grouped by pair (a counting sort of their numbers),
/// and each pair's series values are used at once for its triples and dropped, so no table of
/// every pair's 14 values is kept; the pairs run on all cores, each triple's values in its own
/// slots. The optional figures are stored as plain Doubles with a presence flag (`OptionalDoubles`).
struct TripleForecasts: Sendable {
    var probabilityAlive: [Double]
    var expected13Weeks: OptionalDoubles
    var expected52Weeks: OptionalDoubles
    /// Σ of the 12 months' discounted expected purchases (`CustomerLifetimeValue`); nil when a
    /// month has no value or no lifetime value is wanted.
    var discountedPurchases: OptionalDoubles

    /// No triples.
    init() {
        probabilityAlive = []
        expected13Weeks = OptionalDoubles(values: [], present: [])
        expected52Weeks = OptionalDoubles(values: [], present: [])
        discountedPurchases = OptionalDoubles(values: [], present: [])
    }

    init(_ model: BGNBDModel, triples: PurchaseTriples, lifetimeValue: CustomerLifetimeValue?) {
        struct Pair: FirstSeenKey {
            let x: Int32
            let tDays: Int32

            var numberingHash: Int { IntegerMix.mix(x, tDays) }
        }
        let count = triples.triples.count
        var numbering = FirstSeenNumbering<Pair>(capacity: count)
        let pairOf = triples.triples.map { numbering.number(of: Pair(x: $0.x, tDays: $0.tDays)).number }
        let pairs = numbering.values
        numbering = FirstSeenNumbering(capacity: 0)
        // The triples of pair j are members[firstMember[j] ..< firstMember[j + 1]], in triple order.
        var firstMember = [Int32](repeating: 0, count: pairs.count + 1)
        for j in pairOf { firstMember[Int(j) + 1] += 1 }
        for j in pairs.indices { firstMember[j + 1] += firstMember[j] }
        var members = [Int32](repeating: 0, count: count)
        var filled = firstMember
        for k in 0..<count {
            let j = Int(pairOf[k])
            members[Int(filled[j])] = Int32(k)
            filled[j] += 1
        }
        filled = []
        // Per pair: E[Y] if alive at 13 and 52 weeks, then at the end of each CLV month (NaN = none).
        // All horizons of a pair in one call, so their series share the z-free coefficients.
        let horizons = [13, 52] + (lifetimeValue?.monthEnds ?? [])
        let discounts = lifetimeValue?.monthlyDiscounts ?? []
        var alive = [Double](repeating: 0, count: count)
        var e13 = [Double](repeating: 0, count: count), e52 = [Double](repeating: 0, count: count)
        var discounted = [Double](repeating: 0, count: count)
        // Bit 0: 13 weeks, 1: 52 weeks, 2: discounted purchases.
        var present = [UInt8](repeating: 0, count: count)
        alive.withUnsafeMutableBufferPointer { alive in
            e13.withUnsafeMutableBufferPointer { e13 in
                e52.withUnsafeMutableBufferPointer { e52 in
                    discounted.withUnsafeMutableBufferPointer { discounted in
                        present.withUnsafeMutableBufferPointer { present in
                            nonisolated(unsafe) let alive = alive, e13 = e13, e52 = e52, discounted = discounted, present = present
                            // A pair's series are longer the more it bought (x): by count, four ranges
                            // a core (`rangesPerCoreForUnevenWork`), taken by each core when free.
                            FixedPartition.forEach(pairs.count,
                                                   parts: FixedPartition.rangesPerCoreForUnevenWork * FixedPartition.parts) { range in
                                // One pair's horizons' z and values, reused from pair to pair.
                                withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * horizons.count) { scratch in
                                    let zs = UnsafeMutableBufferPointer(rebasing: scratch[..<horizons.count])
                                    let ifAlive = UnsafeMutableBufferPointer(rebasing: scratch[horizons.count...])
                                    let months = UnsafeBufferPointer(rebasing: ifAlive[2...])
                                    horizons.withUnsafeBufferPointer { horizons in
                                        for j in range {
                                            let x = Int(pairs[j].x), T = Double(pairs[j].tDays) / 7
                                            model.purchasesIfAlive(inNext: horizons, x: x, T: T, zs: zs, into: ifAlive)
                                            let odds = BGNBDModel.AliveOdds(model, x: x, T: T)
                                            for m in Int(firstMember[j]) ..< Int(firstMember[j + 1]) {
                                                let k = Int(members[m])
                                                let p = odds.probability(tx: Double(triples.triples[k].txDays) / 7)
                                                alive[k] = p
                                                var bits: UInt8 = 0
                                                if let v = BGNBDModel.expectedPurchases(ifAlive: ifAlive[0], probabilityAlive: p) {
                                                    e13[k] = v
                                                    bits |= 1
                                                }
                                                if let v = BGNBDModel.expectedPurchases(ifAlive: ifAlive[1], probabilityAlive: p) {
                                                    e52[k] = v
                                                    bits |= 2
                                                }
                                                if let v = lifetimeValue?.discountedPurchaseTotal(ifAlive: months, probabilityAlive: p,
                                                                                                  discounts: discounts) {
                                                    discounted[k] = v
                                                    bits |= 4
                                                }
                                                present[k] = bits
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        probabilityAlive = alive
        // The three columns share the one array of presence bits.
        expected13Weeks = OptionalDoubles(values: e13, present: present, bit: 1)
        expected52Weeks = OptionalDoubles(values: e52, present: present, bit: 2)
        discountedPurchases = OptionalDoubles(values: discounted, present: present, bit: 4)
    }
}

/// A column of optional Doubles stored as plain Doubles and one flag bit each, in bytes that
/// several columns may share (9 bytes a value at most, instead of the 16 an `Optional<Double>`
/// array takes); reads give nil where the flag is off.
struct OptionalDoubles: RandomAccessCollection, Sendable {
    private let values: [Double]
    private let present: [UInt8]
    private let bit: UInt8

    /// `values[i]` where `present[i]`, nil elsewhere.
    init(values: [Double], present: [Bool]) {
        self.init(values: values, present: present.map { $0 ? 1 : 0 }, bit: 1)
    }

    /// `values[i]` where `present[i] & bit` is not 0, nil elsewhere.
    init(values: [Double], present: [UInt8], bit: UInt8) {
        precondition(values.count == present.count, "one flag per value")
        self.values = values
        self.present = present
        self.bit = bit
    }

    var startIndex: Int { 0 }
    var endIndex: Int { values.count }

    subscript(position: Int) -> Double? {
        present[position] & bit != 0 ? values[position] : nil
    }
}
