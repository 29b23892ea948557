import Model

/// A customer as the cohort table sees them: periods are `Period.index` values.
struct CohortMember: Sendable {
    var customer: CustomerIndex
    var cohort: Int
    /// Periods in which the customer counts as retained (disjoint, ascending).
    var active: [ClosedRange<Int>]
    /// The last period in which the customer counts as retained (for unbounded retention).
    var lastActive: Int?
    /// Revenue attributed to periods: each amount applies to every period of its range.
    var revenue: [(ClosedRange<Int>, Double)]

    /// The cohort (period index) of customer `i` when they are in a cohort: a customer who paid
    /// (`activity[i]` set), whose cohort day is on or before as-of, and whom `including` keeps.
    static func cohort(of i: CustomerIndex, in ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)?) -> Int? {
        guard ledger.activity[i] != nil, including?(i) ?? true, let day = ledger.cohortDay(of: i), day <= ledger.asOf else {
            return nil
        }
        return ledger.periodIndexes.index(containing: day)
    }

    /// Every customer's cohort, as its age at the last period plus one (0: in no cohort), two
    /// bytes a customer; `isComplete` is false when an age did not fit (then it is not used).
    struct KnownCohorts {
        private var agePlusOne: [UInt16]
        private let last: Int
        private(set) var isComplete = true

        init(count: Int, last: Int) {
            agePlusOne = [UInt16](repeating: 0, count: count)
            self.last = last
        }

        /// Records that customer `i`'s cohort is `cohort` (at most `last`).
        mutating func set(_ cohort: Int, of i: Int) {
            let age = last - cohort
            guard age >= 0, age < Int(UInt16.max) else { isComplete = false; return }
            agePlusOne[i] = UInt16(age + 1)
        }

        @inline(__always)
        func cohort(of i: Int) -> Int? {
            let a = agePlusOne[i]
            return a == 0 ? nil : last - Int(a) + 1
        }
    }

    /// Calls `body` with every member of the ledger (customers `including` keeps; with `cohorts`,
    /// only those whose cohort is in it), in customer order. The member is one value reused from
    /// customer to customer (its arrays keep their capacity), so nothing is held per customer:
    /// `body` must not keep it.
    ///
    /// `known`, when given, holds every customer's `cohort(of:in:including:)`, worked out once by
    /// a caller that walks the members in several ranges of cohorts at once: a customer outside
    /// the range is then skipped on that number alone, without reading their activity (which the
    /// walks of the other ranges read at the same time).
    static func forEach(of ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)?,
                        cohorts: Range<Int>? = nil, known: KnownCohorts? = nil, _ body: (CohortMember) -> Void) {
        let calendar = ledger.periodIndexes
        let asOfIndex = calendar.index(containing: ledger.asOf)
        // The orders' period rows read through pointers (`withPeriodRows`).
        ledger.orders.withPeriodRows { orders in
            var m = CohortMember(customer: 0, cohort: 0, active: [], lastActive: nil, revenue: [])
            let orderCustomers = ledger.orders.count
            for i in ledger.activity.indices {
                let cohort: Int
                if let known {
                    guard let c = known.cohort(of: i), cohorts?.contains(c) ?? true else { continue }
                    cohort = c
                } else {
                    guard let c = Self.cohort(of: i, in: ledger, including: including), cohorts?.contains(c) ?? true else { continue }
                    cohort = c
                }
                m.customer = i
                m.cohort = cohort
                m.active.removeAll(keepingCapacity: true)
                m.lastActive = nil
                m.revenue.removeAll(keepingCapacity: true)
                if ledger.model == .orders, i < orderCustomers {
                    orders.forEachPeriod(of: i) { p in
                        if p.hasPaidOrder {
                            m.active.append(p.period...p.period)
                            m.lastActive = p.period
                        }
                        m.revenue.append((p.period...p.period, p.revenue))
                    }
                } else if let activity = ledger.activity[i] {
                    // Retained in period P when active on at least one day of P (up to as-of). For a
                    // span [a, b) those are the periods containing a through b − 1 (b ≤ as-of whenever
                    // it is set); a zero-length span (cancelled on the first paid day) counts in the
                    // period of a, so under first payment every customer is retained at k = 0.
                    for span in activity.spans {
                        let lo = calendar.index(containing: span.start)
                        let hi = span.end.map { calendar.index(containing: Swift.max(span.start, $0.adding(days: -1))) }
                            ?? asOfIndex
                        guard lo <= hi else { continue }
                        // Two spans can touch one period (a churn and a return inside it): one range.
                        if let previous = m.active.last, lo <= previous.upperBound {
                            m.active[m.active.count - 1] = previous.lowerBound...Swift.max(hi, previous.upperBound)
                        } else {
                            m.active.append(lo...hi)
                        }
                        m.lastActive = Swift.max(hi, m.lastActive ?? hi)
                    }
                    if ledger.model == .subscriptions {
                        let steps = ledger.mrr[i]
                        for (j, step) in steps.enumerated() where step.mrr != 0 {
                            let lo = calendar.index(containing: step.day)
                            let hi = j + 1 < steps.count ? calendar.index(containing: steps[j + 1].day) - 1 : asOfIndex
                            if lo <= hi { m.revenue.append((lo...hi, step.mrr)) }
                        }
                    }
                }
                body(m)
            }
        }
    }
}
