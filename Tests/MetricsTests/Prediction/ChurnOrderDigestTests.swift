import Testing
import Model
@testable import Metrics

/// The churn scoring's order facts: read from the order book (`ChurnOrderReader`) and kept in
/// the digest (`ChurnOrderDigest`), they are the values worked out by hand below, and rows and
/// scores built from the digest, with the book let go, equal those read from the book.
@Suite struct ChurnOrderDigestTests {
    static let asOf = Day(iso: "2025-03-01")!
    /// The backtest month end of these tests: 60 days before as-of.
    static let end = asOf.adding(days: -60)

    static func day(_ daysBeforeAsOf: Int) -> Day { asOf.adding(days: -daysBeforeAsOf) }

    /// Five customers, every one active from 300 days before as-of on:
    /// 0: 100 on as-of − 200, 50 on − 100, 30 and 20 on − 30, a refund of 5 on − 10, 999 after as-of;
    /// 1: 10 on − 5; 2: no order; 3: 7 on − 20, 3 on − 50, 1 on − 20 (not in day order);
    /// 4: 5 each on − 40,000,003, − 20,000,002 and − 1 (gaps of 20,000,001 days, which no Float holds).
    static let orders: [Order] = [
        Order(customer: 0, day: day(200), amount: 100), Order(customer: 0, day: day(100), amount: 50),
        Order(customer: 0, day: day(30), amount: 30), Order(customer: 0, day: day(30), amount: 20),
        Order(customer: 0, day: day(10), amount: -5), Order(customer: 0, day: day(-5), amount: 999),
        Order(customer: 1, day: day(5), amount: 10),
        Order(customer: 3, day: day(20), amount: 7), Order(customer: 3, day: day(50), amount: 3),
        Order(customer: 3, day: day(20), amount: 1),
        Order(customer: 4, day: day(40_000_003), amount: 5), Order(customer: 4, day: day(20_000_002), amount: 5),
        Order(customer: 4, day: day(1), amount: 5),
    ]

    static func facts(_ lastPaid: Int?, _ usual: Double?, _ recent: Double, _ previous: Double,
                      trend: (Double, Double)) -> ChurnOrderFacts {
        ChurnOrderFacts(lastPaid: lastPaid.map(day), usualGap: usual, paidRecent: recent, paidPrevious: previous,
                        trendSums: [ChurnOrderFacts.WindowSums(recent: trend.0, previous: trend.1)])
    }

    /// By hand, on as-of (windows: the last 90 days, as-of − 89 … as-of, and the 90 before):
    /// 0: paid days − 200, − 100, − 30, gaps 70 and 100, median 85; paid 30 + 20 recent, 50
    ///    before; the trend windows keep the refund: 45 recent;
    /// 1: one paid day, no gap; 2: nothing; 3: paid days − 50 and − 20 (sorted), gap 30, 7 + 3 + 1 = 11
    ///    in file order; 4: the median of two gaps of 20,000,001.
    static let onAsOf = [
        facts(30, 85, 50, 50, trend: (45, 50)), facts(5, nil, 10, 0, trend: (10, 0)), facts(nil, nil, 0, 0, trend: (0, 0)),
        facts(20, 30, 11, 0, trend: (11, 0)), facts(1, 20_000_001, 5, 0, trend: (5, 0)),
    ]
    /// By hand, on the backtest month end (as-of − 60; windows as-of − 149 … − 60 and − 239 … − 150):
    /// 0: paid days − 200 and − 100, one gap of 100; 50 recent, 100 before; 1 and 3: nothing yet;
    /// 4: two paid days, one gap of 20,000,001.
    static let onEnd = [
        facts(100, 100, 50, 100, trend: (50, 100)), facts(nil, nil, 0, 0, trend: (0, 0)), facts(nil, nil, 0, 0, trend: (0, 0)),
        facts(nil, nil, 0, 0, trend: (0, 0)), facts(20_000_002, 20_000_001, 0, 0, trend: (0, 0)),
    ]

    static let rules = HealthConfiguration().rules
    static let book = CustomerOrderBook(orders, customerCount: 5)

    static func slots(parts: Int = FixedPartition.parts) -> ChurnScoring.Slots {
        let activity = (0..<5).map { CustomerActivity(customer: $0, spans: [ActiveSpan(start: day(300), end: nil)]) }
        return ChurnScoring.Slots(activity: activity, isActiveNow: [Bool](repeating: true, count: 5), backtestEnd: end, parts: parts)
    }

    @Test func readerGivesTheHandWorkedFacts() {
        var reader = ChurnOrderReader(rules: Self.rules)
        var facts = ChurnOrderFacts()
        for c in 0..<5 {
            reader.begin(c, orders: Self.book)
            reader.read(at: Self.end, into: &facts)
            #expect(facts == Self.onEnd[c], "customer \(c) on the month end")
            reader.read(at: Self.asOf, into: &facts)
            #expect(facts == Self.onAsOf[c], "customer \(c) on as-of")
        }
    }

    /// Every slot reads back the facts it was given, bit for bit, the ones kept aside (customer
    /// 0's trend sums with the refund, customer 4's usual gaps) included; a rule set without
    /// trend rules reads back no trend sums.
    @Test func digestKeepsEveryFact() {
        let slots = Self.slots()
        #expect(slots.caseTotal == 5 && slots.riskTotal == 5)
        let digest = ChurnOrderDigest(slots: slots, orders: Self.book, backtestEnd: Self.end, asOf: Self.asOf, rules: Self.rules)
        var facts = ChurnOrderFacts()
        for c in 0..<5 {
            digest.readCase(c, into: &facts)
            #expect(facts == Self.onEnd[c] && facts.usualGap?.bitPattern == Self.onEnd[c].usualGap?.bitPattern, "case \(c)")
            digest.readRisk(c, into: &facts)
            #expect(facts == Self.onAsOf[c] && facts.usualGap?.bitPattern == Self.onAsOf[c].usualGap?.bitPattern, "risk \(c)")
        }
        let withoutTrend = Self.rules.filter { if case .revenueTrend = $0.signal { false } else { true } }
        let plain = ChurnOrderDigest(slots: slots, orders: Self.book, backtestEnd: Self.end, asOf: Self.asOf, rules: withoutTrend)
        plain.readRisk(0, into: &facts)
        #expect(facts.trendSums.isEmpty && facts.lastPaid == Self.day(30) && facts.usualGap == 85)
    }

    /// The feature rows built from the digest with the book let go (`withoutOrders`) equal the
    /// rows read from the book; customer 0's row on as-of, by hand: 30 days since the last
    /// order, monthly revenue 50 ÷ 3 now and before (change 0), recency 30 ÷ 85 of the usual gap
    /// (under 1.5: full points), trend 45 ÷ 50 = 0.9 (the half-points ratio: ½), tenure 400 days
    /// (full points); no NPS, CSAT or tickets, so the score is (10 + 20 + 10) ÷ (20 + 20 + 10) = 80.
    @Test func rowsFromTheDigestEqualRowsFromTheBook() {
        let customers = (0..<5).map { Customer(id: "C\($0)", signup: Self.day(400)) }
        let dataset = Dataset(customers: customers, orders: Self.orders)
        let ledger = ActivityLedger(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.asOf))
        let evidence = HealthEvidence(dataset).withoutLoginDates()
        let support = HealthConfiguration().support
        let features = ChurnFeatureSet(plans: [], rules: Self.rules)
        let slots = Self.slots()
        let digest = ChurnOrderDigest(slots: slots, orders: evidence.orders, backtestEnd: Self.end, asOf: Self.asOf, rules: Self.rules)
        let bookless = evidence.withoutOrders()
        #expect(bookless.orders.isEmpty && bookless.records.orders.isEmpty && !evidence.orders.isEmpty)
        var fromBook = ChurnFeatureWalk(features: features, context: ChurnFeatureContext(evidence: evidence, ledger: ledger, support: support))
        var fromDigest = ChurnFeatureWalk(features: features,
                                          context: ChurnFeatureContext(evidence: bookless, ledger: ledger, support: support))
        var facts = ChurnOrderFacts()
        for c in 0..<5 {
            fromBook.begin(c)
            fromDigest.begin(c)
            for (day, read) in [(Self.end, digest.readCase), (Self.asOf, digest.readRisk)] {
                let expected = fromBook.row(on: day)
                read(c, &facts)
                fromDigest.row(at: day, orders: facts)
                #expect(fromDigest.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "customer \(c) on \(day)")
                #expect(fromDigest.healthScore == expected.healthScore && fromDigest.rulesWithoutData == expected.rulesWithoutData)
            }
        }
        fromBook.begin(0)
        let row = fromBook.row(on: Self.asOf)
        let at = { (name: String) in row.values[features.names.firstIndex(of: name)!] }
        #expect(at("days_since_order") == 30 && at("no_orders") == 0)
        #expect(at("monthly_revenue") == 50.0 / 3 && at("revenue_change_3m") == 0)
        #expect(at("health_recency") == 1 && at("health_revenue_trend") == 0.5 && at("health_tenure") == 1)
        #expect(at("tenure_days") == 200)
        #expect(row.healthScore == 80 && row.rulesWithoutData == [11, 12, 13, 14])
    }
}
