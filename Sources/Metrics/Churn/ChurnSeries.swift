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
        let calendar = ledger.configuration.calendar
        let asOf = ledger.asOf
        // Each group's first active day, and the earliest over all groups: the counters cover
        // the periods from there, and each group reads its own tail of them.
        var firstDays = [Day?](repeating: nil, count: groups)
        for case let a? in ledger.activity {
            let g = group(a.customer)
            guard g >= 0, let day = a.firstActive else { continue }
            if firstDays[g].map({ day < $0 }) ?? true { firstDays[g] = day }
        }
        guard let firstDay = firstDays.compactMap({ $0 }).min(), firstDay <= asOf else {
            return Array(repeating: ChurnSeries(periods: []), count: groups)
        }
        let asOfPeriod = calendar.period(containing: asOf)
        let first = calendar.index(containing: firstDay)
        let last = asOfPeriod.index
        let count = last - first + 1
        // Per-period counters filled from each customer's spans in O(spans) with difference
        // arrays. A span [a, b) is active at the start of P (on P.start − 1) for P in
        // idx(a)+1 … idx(b), and at the end of P (on min(last day, as-of)) for P in idx(a) … idx(b) − 1.
        // Group g's counters for period first + k are at g × (count + 1) + k.
        let width = count + 1
        var startDiff = Array(repeating: 0, count: groups * width)
        var endDiff = startDiff, bothDiff = startDiff
        var churned = startDiff, vol = startDiff, invol = startDiff, newAtEnd = startDiff, returnedWithin = startDiff
        var lost = Array(repeating: 0.0, count: groups * width)
        func add(_ diff: inout [Int], _ base: Int, _ lo: Int, _ hi: Int) {
            let lo = max(lo, first), hi = min(hi, last)
            guard lo <= hi else { return }
            diff[base + lo - first] += 1
            diff[base + hi - first + 1] -= 1
        }
        // Reused for every customer (no allocation per customer).
        var atStart: [ClosedRange<Int>] = [], atEnd: [ClosedRange<Int>] = [], counted: [Int] = []
        for case let a? in ledger.activity {
            let g = group(a.customer)
            guard g >= 0 else { continue }
            let base = g * width
            atStart.removeAll(keepingCapacity: true)
            atEnd.removeAll(keepingCapacity: true)
            counted.removeAll(keepingCapacity: true)
            for span in a.spans {
                let ia = calendar.index(containing: span.start)
                let ib = span.end.map { calendar.index(containing: $0) }
                let s = (ia + 1, ib ?? last), e = (ia, ib.map { $0 - 1 } ?? last)
                if s.0 <= s.1 { atStart.append(s.0...s.1) }
                if e.0 <= e.1 { atEnd.append(e.0...e.1) }
            }
            for r in atStart { add(&startDiff, base, r.lowerBound, r.upperBound) }
            for r in atEnd { add(&endDiff, base, r.lowerBound, r.upperBound) }
            for r in atStart {
                for q in atEnd where r.overlaps(q) {
                    add(&bothDiff, base, max(r.lowerBound, q.lowerBound), min(r.upperBound, q.upperBound))
                }
            }
            // A new customer: active at the end of the period of their first active day (they
            // cannot be active at its start).
            if let day = a.firstActive {
                let p = calendar.index(containing: day)
                if p >= first, p <= last, atEnd.contains(where: { $0.contains(p) }) { newAtEnd[base + p - first] += 1 }
            }
            for d in a.churnDays {
                let p = calendar.index(containing: d)
                guard p >= first, p <= last, atStart.contains(where: { $0.contains(p) }), !counted.contains(p) else { continue }
                counted.append(p)
                let k = base + p - first
                churned[k] += 1
                if atEnd.contains(where: { $0.contains(p) }) { returnedWithin[k] += 1 }
                lost[k] += ledger.mrr(of: a.customer, on: d.adding(days: -1))
            }
            // The type belongs to the churn the CRM cancellation describes, when it is counted.
            if let d = a.cancellationChurn {
                let p = calendar.index(containing: d)
                if p >= first, p <= last, atStart.contains(where: { $0.contains(p) }) {
                    switch ledger.customers[a.customer].churnKind {
                    case .voluntary?: vol[base + p - first] += 1
                    case .involuntary?: invol[base + p - first] += 1
                    case nil: break
                    }
                }
            }
        }
        let calendarPeriods = (0..<count).map { calendar.period(index: first + $0) }
        return (0..<groups).map { g in
            guard let own = firstDays[g], own <= asOf else { return ChurnSeries(periods: []) }
            let base = g * width
            var out: [ChurnPeriod] = []
            var s = 0, e = 0, both = 0
            // Periods before the group's first are all zero for it: the running sums start there.
            for k in (calendar.index(containing: own) - first)..<count {
                s += startDiff[base + k]
                e += endDiff[base + k]
                both += bothDiff[base + k]
                let p = calendarPeriods[k]
                // Active at the end but not at the start: new customers, or former ones returning.
                let outsideS = e - both
                let i = base + k
                out.append(ChurnPeriod(period: p, customersAtStart: s, churned: churned[i], voluntary: vol[i],
                                       involuntary: invol[i], joined: newAtEnd[i],
                                       reactivated: outsideS - newAtEnd[i] + returnedWithin[i], customersAtEnd: e,
                                       mrrLost: lost[i], isIncomplete: first + k == last && asOf.adding(days: 1) < p.end))
            }
            return ChurnSeries(periods: out)
        }
    }

    /// The last `count` complete periods (fewer when the history is shorter).
    public func lastComplete(_ count: Int) -> [ChurnPeriod] {
        Array(periods.filter { !$0.isIncomplete }.suffix(max(0, count)))
    }
}
