import Model

/// One customer's churn feature rows (`ChurnFeatureSet`) at a rising sequence of days, from one
/// pass over the customer's records instead of reading them afresh for each row.
///
/// The health rules are read by a `HealthWalk` (recency keeps its sorted order gaps from day to
/// day; the order revenue trend reads orders gathered once), and the `monthly_revenue` of an
/// order customer sums the same gathered orders. Every other feature is computed as the
/// definition in `ChurnFeatureSet` states, from the customer's records taken once per customer.
/// The row buffers are reused from row to row and customer to customer, so a walk allocates only
/// while they grow. Each row equals the per-day row formula bit for bit: the same inputs combined
/// in the same order with the same arithmetic (`ChurnFeatureWalkTests` checks it).
struct ChurnFeatureWalk {
    let features: ChurnFeatureSet
    let context: ChurnFeatureContext
    private var health: HealthWalk

    private var customer: CustomerIndex = 0
    /// The customer's first paid day (signup when they never paid): `tenure_days` counts from it.
    private var firstActive = Day(ordinal: 0)
    /// The plan in the customer file, read at the first row that needs it.
    private var filePlan: String??
    /// Whether the customer's orders (file order) never go down in day; nil until a row reads them.
    private var ordersInDayOrder: Bool?

    /// The latest row's feature values, in `features.names` order.
    private(set) var values: [Double] = []
    /// The latest row's `health_<rule>` features whose rule had no data (value ½).
    private(set) var rulesWithoutData: [Int] = []
    /// The latest row's health score (0–100, as `HealthReport.score`); nil when no rule had data.
    private(set) var healthScore: Double?
    private var fractions: [Double?] = []

    init(features: ChurnFeatureSet, context: ChurnFeatureContext) {
        self.features = features
        self.context = context
        health = HealthWalk(evidence: context.evidence, health: HealthConfiguration(rules: features.rules, support: context.support),
                            calendar: context.monthly)
    }

    /// Starts on `customer`, forgetting the previous customer's state (not its buffers).
    mutating func begin(_ customer: CustomerIndex) {
        self.customer = customer
        health.begin(customer)
        let activity = context.ledger.activity
        firstActive = (activity.indices.contains(customer) ? activity[customer]?.firstActive : nil)
            ?? context.evidence.customers[customer].signup
        filePlan = nil
        ordersInDayOrder = nil
    }

    /// The row at `day` (not earlier than the previous day asked for this customer), left in
    /// `values`, `rulesWithoutData` and `healthScore`.
    mutating func row(at day: Day) {
        values.removeAll(keepingCapacity: true)
        rulesWithoutData.removeAll(keepingCapacity: true)
        let records = health.records
        values.append(Double(max(firstActive.days(to: day), 0)))
        let (now, before) = revenue(records, on: day)
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
        let lastOrder = ChurnFeatureSet.lastPaidDay(records.paidDays, onOrBefore: day)
        values.append(Double(lastOrder.map { $0.days(to: day) } ?? 0))
        values.append(lastOrder == nil ? 1 : 0)
        // The health score as `HealthReport.score` computes it, from the same readings.
        health.fractions(at: day, into: &fractions)
        var earned = 0.0, available = 0.0
        for (rule, fraction) in zip(features.rules, fractions) {
            if let fraction {
                earned += fraction * rule.maxPoints
                available += rule.maxPoints
            } else {
                rulesWithoutData.append(values.count)
            }
            values.append(fraction ?? 0.5)
        }
        healthScore = available > 0 ? 100 * earned / available : nil
        let plan = records.subscriptions.last { $0.isActive(on: day) && $0.plan != nil }?.plan ?? customerFilePlan()
        for p in features.plans { values.append(plan == p ? 1 : 0) }
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
    /// subscription started by `day`; otherwise paid orders (amount > 0) of the last 90 days and
    /// of the 90 before, each ÷ 3, added in file order.
    private mutating func revenue(_ records: HealthEvidence.CustomerRecords, on day: Day) -> (Double, Double) {
        if records.subscriptions.contains(where: { $0.start <= day }) {
            let then = HealthSignal.day(day, periodsBack: 3, calendar: context.monthly)
            let now = records.subscriptions.filter { $0.isActive(on: day) }.reduce(0) { $0 + $1.mrr }
            let before = records.subscriptions.filter { $0.isActive(on: then) }.reduce(0) { $0 + $1.mrr }
            return (now, before)
        }
        let recentStart = day.adding(days: -89), previousStart = day.adding(days: -179)
        let known = ordersInDayOrder
        let (recent, previous, inDayOrder) = health.withOrders { days, amounts in
            // When the days never go down in file order, the orders of the two windows are one
            // run of them (found by binary search); the others are skipped either way, so the
            // same amounts are added in the same order.
            let inDayOrder = known ?? zip(days, days.dropFirst()).allSatisfy { $0 <= $1 }
            let run = inDayOrder ? Self.firstDay(after: previousStart.adding(days: -1), in: days) ..< Self.firstDay(after: day, in: days)
                : days.indices
            var recent = 0.0, previous = 0.0
            for i in run {
                let d = days[i], amount = amounts[i]
                guard d <= day && d >= previousStart && amount > 0 else { continue }
                if d >= recentStart { recent += amount } else { previous += amount }
            }
            return (recent / 3, previous / 3, inDayOrder)
        }
        ordersInDayOrder = inDayOrder
        return (recent, previous)
    }

    /// The first position of ascending `days` whose day is after `day`.
    private static func firstDay(after day: Day, in days: [Day]) -> Int {
        var low = 0, high = days.count
        while low < high {
            let mid = (low + high) / 2
            if days[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
