import Model

/// One customer's churn feature rows (`ChurnFeatureSet`) at a rising sequence of days, from the
/// customer's records taken once instead of afresh for each row.
///
/// What a row reads from the orders (the last paid day, the usual gap between paid days, the
/// paid and the trend windows' sums) comes as `ChurnOrderFacts`: read here from the context's
/// order book (`row(at:)`, gathering the customer's orders once), or given (`row(at:orders:)`,
/// from the churn scoring's digest, when the book may already be let go). The health rules are
/// read as `HealthSignal.read` reads them, order recency and the order revenue trend from the
/// facts. The row buffers are reused from row to row and customer to customer, so a walk
/// allocates only while they grow. Each row equals the per-day row formula bit for bit: the same
/// inputs combined in the same order with the same arithmetic (`ChurnFeatureWalkTests` checks it).
struct ChurnFeatureWalk {
    let features: ChurnFeatureSet
    let context: ChurnFeatureContext

    private var customer: CustomerIndex = 0
    /// The customer's answers, tickets and subscriptions (no paid days: the facts hold what the rows need of them).
    private var records = HealthEvidence.CustomerRecords()
    /// The customer's first paid day (signup when they never paid): `tenure_days` counts from it.
    private var firstActive = Day(ordinal: 0)
    /// The plan in the customer file, read at the first row that needs it.
    private var filePlan: String??
    /// The customer's orders, gathered at the first row read from the book.
    private var orders: ChurnOrderReader
    private var ordersGathered = false
    private var facts = ChurnOrderFacts()

    /// The latest row's feature values, in `features.names` order.
    private(set) var values: [Double] = []
    /// The latest row's `health_<rule>` features whose rule had no data (value ½).
    private(set) var rulesWithoutData: [Int] = []
    /// The latest row's health score (0–100, as `HealthReport.score`); nil when no rule had data.
    private(set) var healthScore: Double?

    /// The rules' signals and points in rule order, in storage of this walk's own: a row reads
    /// them for every rule, and iterating the rules themselves copied each whole rule (its name
    /// retained) and held the array the cores' walks share.
    private let signals: [HealthSignal]
    private let maxPoints: [Double]

    init(features: ChurnFeatureSet, context: ChurnFeatureContext) {
        self.features = features
        self.context = context
        orders = ChurnOrderReader(rules: features.rules)
        signals = features.rules.map(\.signal)
        maxPoints = features.rules.map(\.maxPoints)
    }

    /// Starts on `customer`, forgetting the previous customer's state (not its buffers).
    mutating func begin(_ customer: CustomerIndex) {
        self.customer = customer
        records = context.evidence.records.records(of: customer, paidDays: [])
        let activity = context.ledger.activity
        firstActive = (activity.indices.contains(customer) ? activity[customer]?.firstActive : nil)
            ?? context.evidence.customers[customer].signup
        filePlan = nil
        ordersGathered = false
    }

    /// The row at `day` (any day), its order facts read from the context's order book, left in
    /// `values`, `rulesWithoutData` and `healthScore`.
    mutating func row(at day: Day) {
        if !ordersGathered {
            orders.begin(customer, orders: context.evidence.orders)
            ordersGathered = true
        }
        var facts = ChurnOrderFacts()
        swap(&facts, &self.facts)
        orders.read(at: day, into: &facts)
        row(at: day, orders: facts)
        swap(&facts, &self.facts)
    }

    /// The row at `day` with the customer's order facts on that day, `orders`.
    mutating func row(at day: Day, orders facts: borrowing ChurnOrderFacts) {
        values.removeAll(keepingCapacity: true)
        rulesWithoutData.removeAll(keepingCapacity: true)
        values.append(Double(max(firstActive.days(to: day), 0)))
        let (now, before) = revenue(on: day, facts)
        values.append(now)
        let larger = max(now, before)
        values.append(larger > 0 ? (now - before) / larger : 0)
        let nps = HealthSignal.latest(records.nps, asOf: day, lookbackDays: 365)
        values.append(Double(nps?.score ?? 0))
        values.append(nps == nil ? 1 : 0)
        let csat = HealthSignal.latest(records.csat, asOf: day, lookbackDays: 180)
            .map { $0.kind == .csatGoodBad ? ($0.score == 1 ? 5 : 1) : $0.score }
        values.append(Double(csat ?? 0))
        values.append(csat == nil ? 1 : 0)
        let since = Instant(day: day.adding(days: -89))
        var opened = 0, overdue = 0
        for t in records.tickets {
            let timeline = TicketTimeline(t, asOf: day)
            guard timeline.isKnown else { continue }
            if since <= t.created { opened += 1 }
            if timeline.isOpen, let target = context.support.resolutionTarget(t.priority), timeline.age > target { overdue += 1 }
        }
        values.append(Double(opened))
        values.append(Double(overdue))
        let lastOrder = facts.lastPaid
        values.append(Double(lastOrder.map { $0.days(to: day) } ?? 0))
        values.append(lastOrder == nil ? 1 : 0)
        // The health score as `HealthReport.score` computes it, from the same readings.
        var earned = 0.0, available = 0.0
        var trendRule = 0
        for r in signals.indices {
            let fraction = self.fraction(signals[r], at: day, facts, trendRule: &trendRule)
            if let fraction {
                earned += fraction * maxPoints[r]
                available += maxPoints[r]
            } else {
                rulesWithoutData.append(values.count)
            }
            values.append(fraction ?? 0.5)
        }
        healthScore = available > 0 ? 100 * earned / available : nil
        let plan = records.subscriptions.last { $0.isActive(on: day) && $0.plan != nil }?.plan ?? customerFilePlan()
        for p in features.plans { values.append(plan == p ? 1 : 0) }
    }

    /// The share of a rule's points at `day` (nil: no data), as `HealthSignal.read` gives it:
    /// order recency (no login date on or before `day`) and the order revenue trend (no
    /// subscription started by `day`) from `facts`, the trend rules' sums in rule order
    /// (`trendRule` counts them); the other signals read the customer's records.
    ///
    /// `mutating` though it changes nothing (nor does `read`): called from the mutating `row`,
    /// a non-mutating method was given a copy of the walk's context (some 360 bytes, copied for
    /// every rule of every row); taken in place, the walk is read where it is.
    private mutating func fraction(_ signal: HealthSignal, at day: Day, _ facts: borrowing ChurnOrderFacts, trendRule: inout Int) -> Double? {
        switch signal {
        case .recency(_, _, let fullMultiple, let halfMultiple)
            where !(context.evidence.lastSeen(of: customer).map { $0 <= day } ?? false):
            guard let last = facts.lastPaid, let usual = facts.usualGap else { return nil }
            return HealthSignal.orderRecency(last: last, usual: usual, asOf: day, fullMultiple: fullMultiple,
                                             halfMultiple: halfMultiple, explain: false).fraction
        case .revenueTrend(_, let windowDays, let halfFromRatio):
            let sums = facts.trendSums[trendRule]
            trendRule += 1
            if records.subscriptions.contains(where: { $0.start <= day }) { return read(signal, at: day) }
            let windows = RevenueWindows(asOf: day, days: windowDays, recent: sums.recent, previous: sums.previous)
            return HealthSignal.orderTrend(windows, halfFromRatio: halfFromRatio, explain: false)?.fraction
        default:
            return read(signal, at: day)
        }
    }

    /// `signal.read`'s fraction from the customer's records.
    private mutating func read(_ signal: HealthSignal, at day: Day) -> Double? {
        signal.read(customer, records: records, evidence: context.evidence, asOf: day, calendar: context.monthly,
                    support: context.support, explain: false)?.fraction
    }

    /// The row at `day` as a value (for code that keeps rows).
    mutating func row(on day: Day) -> ChurnFeatureRow {
        row(at: day)
        return ChurnFeatureRow(values: values, healthScore: healthScore, rulesWithoutData: rulesWithoutData)
    }

    private mutating func customerFilePlan() -> String? {
        if let known = filePlan { return known }
        let plan = context.evidence.customers[customer].plan
        filePlan = .some(plan)
        return plan
    }

    /// Monthly revenue on `day` and three months before: MRR on both days for a customer with a
    /// subscription started by `day`; otherwise the paid windows' sums of `facts`, each ÷ 3.
    private func revenue(on day: Day, _ facts: borrowing ChurnOrderFacts) -> (Double, Double) {
        if records.subscriptions.contains(where: { $0.start <= day }) {
            let then = HealthSignal.day(day, periodsBack: 3, calendar: context.monthly)
            let now = records.subscriptions.filter { $0.isActive(on: day) }.reduce(0) { $0 + $1.mrr }
            let before = records.subscriptions.filter { $0.isActive(on: then) }.reduce(0) { $0 + $1.mrr }
            return (now, before)
        }
        return (facts.paidRecent / 3, facts.paidPrevious / 3)
    }
}
