import Model

/// Logo churn in one period.
public struct ChurnPeriod: Sendable, Hashable {
    public let period: Period
    /// S: customers active on the day before the period starts.
    public let customersAtStart: Int
    /// Customers of S with a churn day inside the period (each counted once).
    public let churned: Int
    /// Of `churned`: cancellations the CRM marks voluntary / involuntary; the rest are unknown.
    public let voluntary: Int
    public let involuntary: Int
    /// N: customers active at the end of the period who were not active at its start
    /// (new customers and reactivations).
    public let joined: Int
    /// E: customers active on the period's last day (on as-of for the current period).
    public let customersAtEnd: Int
    /// MRR the churned customers of S had the day before they churned (subscriptions; 0 otherwise).
    public let mrrLost: Double
    /// The period contains as-of and is not finished.
    public let isIncomplete: Bool

    public var unknownKind: Int { churned - voluntary - involuntary }
    /// churned ÷ S; nil when S = 0.
    public var churnRate: Double? { customersAtStart > 0 ? Double(churned) / Double(customersAtStart) : nil }
    /// Customer retention rate CRR = (E − N) ÷ S; nil when S = 0.
    public var retentionRate: Double? {
        customersAtStart > 0 ? Double(customersAtEnd - joined) / Double(customersAtStart) : nil
    }
}

/// Logo (customer) churn per period of the configured calendar.
///
/// Churn rate = customers of S who churned during the period ÷ S, where S = customers active
/// on the day before the period starts; customers who joined during the period are excluded
/// from both (ChartMogul's standard customer churn rate, Stripe's "churned ÷ active at start").
/// A customer who churns and returns within the period counts as churned once.
/// CRR = (E − N) ÷ S (E at end, N joined during the period): the share of S active at the end.
/// Voluntary / involuntary come from the CRM's churn type on the customer's final cancellation;
/// churns without it (or from inactivity) are unknown.
public struct ChurnSeries: Sendable, Hashable {
    public static let definition = """
        Customer churn rate for a period = customers who churned during the period ÷ customers \
        active at its start; customers who joined during the period are left out of both. \
        Customer retention rate = (customers at end − customers who joined or returned during \
        the period) ÷ customers at start. Voluntary and involuntary churn follow the CRM's churn \
        type; churn without one is counted as unknown. The current period is marked incomplete.
        """

    /// Every period from the first active day's period through the one containing as-of.
    public let periods: [ChurnPeriod]

    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        self.init(ledger: ActivityLedger(dataset: dataset, configuration: configuration))
    }

    public init(ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)? = nil) {
        let calendar = ledger.configuration.calendar
        let asOf = ledger.asOf
        let included = ledger.activity.enumerated().compactMap { i, a -> CustomerActivity? in
            guard let a, including?(i) ?? true else { return nil }
            return a
        }
        guard let firstDay = included.compactMap(\.firstActive).min(), firstDay <= asOf else {
            periods = []
            return
        }
        let asOfPeriod = calendar.period(containing: asOf)
        var out: [ChurnPeriod] = []
        for index in calendar.period(containing: firstDay).index...asOfPeriod.index {
            let p = calendar.period(index: index)
            let before = p.start.adding(days: -1)
            let endDay = min(p.end.adding(days: -1), asOf)
            var s = 0, churned = 0, vol = 0, invol = 0, joined = 0, e = 0
            var lost = 0.0
            for a in included {
                let atStart = a.isActive(on: before)
                let atEnd = a.isActive(on: endDay)
                if atStart { s += 1 }
                if atEnd {
                    e += 1
                    if !atStart { joined += 1 }
                }
                guard atStart, let d = a.churnDays.first(where: { $0 >= p.start && $0 < p.end }) else { continue }
                churned += 1
                let c = ledger.customers[a.customer]
                if d == a.churnDate {
                    switch c.churnKind {
                    case .voluntary?: vol += 1
                    case .involuntary?: invol += 1
                    case nil: break
                    }
                }
                lost += ledger.mrr(of: a.customer, on: d.adding(days: -1))
            }
            out.append(ChurnPeriod(period: p, customersAtStart: s, churned: churned, voluntary: vol,
                                   involuntary: invol, joined: joined, customersAtEnd: e, mrrLost: lost,
                                   isIncomplete: index == asOfPeriod.index && asOf.adding(days: 1) < p.end))
        }
        periods = out
    }

    /// The last `count` complete periods (fewer when the history is shorter).
    public func lastComplete(_ count: Int) -> [ChurnPeriod] {
        Array(periods.filter { !$0.isIncomplete }.suffix(max(0, count)))
    }
}
