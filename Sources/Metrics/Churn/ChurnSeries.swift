import Model

/// Logo churn in one period, as flows that add up:
/// `customersAtEnd = customersAtStart − churned + joined + reactivated`.
public struct ChurnPeriod: Sendable, Hashable {
    public let period: Period
    /// S: customers active on the day before the period starts.
    public let customersAtStart: Int
    /// Customers of S with a churn day inside the period (each counted once, even when they
    /// churn twice).
    public let churned: Int
    /// Of `churned`: churns the CRM cancellation describes as voluntary / involuntary; the rest
    /// (inactivity, subscription ends, no type recorded) are unknown.
    public let voluntary: Int
    public let involuntary: Int
    /// New customers: active at the end of the period, not at its start, first active day
    /// inside the period.
    public let joined: Int
    /// Returning customers active at the end of the period: former customers (first active
    /// before the period, not active at its start) and customers of S who churned and came back
    /// within the period (one churn and one reactivation).
    public let reactivated: Int
    /// E: customers active on the period's last day (on as-of for the current period).
    public let customersAtEnd: Int
    /// MRR the churned customers of S had the day before they churned (subscriptions; 0 otherwise).
    public let mrrLost: Double
    /// The period contains as-of and is not finished.
    public let isIncomplete: Bool

    public var unknownKind: Int { churned - voluntary - involuntary }
    /// churned ÷ S; nil when S = 0.
    public var churnRate: Double? { customersAtStart > 0 ? Double(churned) / Double(customersAtStart) : nil }
    /// Customer retention rate CRR = (S − churned) ÷ S = 1 − churn rate: the share of S that did
    /// not churn during the period; nil when S = 0.
    public var retentionRate: Double? {
        customersAtStart > 0 ? Double(customersAtStart - churned) / Double(customersAtStart) : nil
    }
}

/// Logo (customer) churn per period of the configured calendar.
///
/// Churn rate = customers of S who churned during the period ÷ S, where S = customers active
/// on the day before the period starts; customers who joined during the period are excluded
/// from both (ChartMogul's standard customer churn rate, Stripe's "churned ÷ active at start").
/// CRR = (S − churned) ÷ S, so churn rate + CRR = 1. Flows add up: E = S − churned + joined +
/// reactivated, where a customer of S who churns and returns within the period is one churn and
/// one reactivation, and a customer who joins and leaves within the period is in no flow.
/// Voluntary / involuntary come from the CRM's churn type on the churn the CRM cancellation
/// date describes; other churns (inactivity, subscription ends) are unknown.
public struct ChurnSeries: Sendable, Hashable {
    public static let definition = """
        Customer churn rate for a period = customers who churned during the period ÷ customers \
        active at its start; customers who joined during the period are left out of both. \
        Customer retention rate = (customers at start − churned) ÷ customers at start, so churn \
        rate + retention rate = 100 %. Customers at end = at start − churned + joined (new \
        customers) + reactivated (former customers who returned, and customers who left and came \
        back within the period, counted as one churn and one reactivation). Voluntary and \
        involuntary churn follow the CRM's churn type on the cancellation; churn without one is \
        counted as unknown. The current period is marked incomplete.
        """

    /// Every period from the first active day's period through the one containing as-of.
    public let periods: [ChurnPeriod]

    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        self.init(ledger: ActivityLedger(dataset: dataset, configuration: configuration))
    }

    public init(ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)? = nil) {
        self = Self.grouped(ledger: ledger, groups: 1) { including?($0) ?? true ? 0 : -1 }[0]
    }

    init(periods: [ChurnPeriod]) {
        self.periods = periods
    }

    /// One series per group of customers, from one walk over the ledger: `group(i)` is customer
    /// i's group in `0..<groups` (negative: in none). Series g is `ChurnSeries(ledger:including:)`
    /// of the customers of group g, value for value: each group's counters add its customers in
    /// customer order, and its periods start at the period of its own first active day.
    static func grouped(ledger: ActivityLedger, groups: Int, group: (CustomerIndex) -> Int) -> [ChurnSeries] {
        withoutActuallyEscaping(group) { group in
            grouped(ledger: ledger, groupings: [ChurnGrouping(groups: groups, group: group)])[0]
        }
    }

    /// `grouped(ledger:groups:group:)` for several groupings of the customers (the whole series,
    /// one grouping per segment attribute) from one walk: each customer's `ChurnContribution` is
    /// worked out once and added to their group of every grouping, so every series is the one its
    /// grouping gets on its own, value for value.
    static func grouped(ledger: ActivityLedger, groupings: [ChurnGrouping]) -> [[ChurnSeries]] {
        let calendar = ledger.configuration.calendar
        let asOf = ledger.asOf
        // Each group's first active day; the counters cover the periods from the earliest of them,
        // and each group reads its own tail.
        var firstDays = groupings.map { [Day?](repeating: nil, count: $0.groups) }
        for case let a? in ledger.activity {
            guard let day = a.firstActive else { continue }
            for (j, grouping) in groupings.enumerated() {
                let g = grouping.group(a.customer)
                guard g >= 0 else { continue }
                if firstDays[j][g].map({ day < $0 }) ?? true { firstDays[j][g] = day }
            }
        }
        guard let firstDay = firstDays.joined().compactMap({ $0 }).min(), firstDay <= asOf else {
            return groupings.map { Array(repeating: ChurnSeries(periods: []), count: $0.groups) }
        }
        let periods = ledger.periodIndexes
        let last = periods.index(containing: asOf)
        let first = periods.index(containing: firstDay)
        var counters = groupings.map { ChurnCounters(groups: $0.groups, first: first, last: last) }
        var contribution = ChurnContribution()
        // The ledger's arrays read in place: a closure or a call on `ledger` inside the loop copies
        // the whole ledger value (a retain and a release of each of its arrays) per customer.
        let mrr = ledger.mrr
        ledger.customers.withUnsafeBufferPointer { customers in
            for case let a? in ledger.activity {
                let customer = a.customer
                var recorded = false
                for j in groupings.indices {
                    let g = groupings[j].group(customer)
                    guard g >= 0 else { continue }
                    if !recorded {
                        contribution.record(a, kind: customers[customer].churnKind, last: last, periods: periods) {
                            customer < mrr.count ? mrr[customer].mrr(on: $0) : 0
                        }
                        recorded = true
                    }
                    counters[j].add(contribution, group: g)
                }
            }
        }
        let calendarPeriods = (first...last).map { calendar.period(index: $0) }
        return groupings.indices.map { j in
            (0..<groupings[j].groups).map { g in
                guard let own = firstDays[j][g], own <= asOf else { return ChurnSeries(periods: []) }
                return counters[j].series(group: g, from: periods.index(containing: own), periods: calendarPeriods,
                                          asOf: asOf)
            }
        }
    }

    /// The last `count` complete periods (fewer when the history is shorter).
    public func lastComplete(_ count: Int) -> [ChurnPeriod] {
        Array(periods.filter { !$0.isIncomplete }.suffix(max(0, count)))
    }
}

/// A way of putting customers into `groups` groups: `group(i)` is customer i's group in
/// `0..<groups`, negative when the customer is in none.
struct ChurnGrouping {
    let groups: Int
    let group: (CustomerIndex) -> Int
}
