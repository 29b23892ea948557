import Model

/// A customer as the cohort table sees them: periods are `Period.index` values.
struct CohortMember {
    var customer: CustomerIndex
    var cohort: Int
    /// Periods in which the customer counts as retained (disjoint, ascending).
    var active: [ClosedRange<Int>]
    /// The last period in which the customer counts as retained (for unbounded retention).
    var lastActive: Int?
    /// Revenue attributed to periods: each amount applies to every period of its range.
    var revenue: [(ClosedRange<Int>, Double)]

    static func members(of ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)?) -> [CohortMember] {
        let calendar = ledger.configuration.calendar
        let asOfIndex = calendar.index(containing: ledger.asOf)
        var out: [CohortMember] = []
        for (i, activity) in ledger.activity.enumerated() {
            guard let activity, including?(i) ?? true, let day = ledger.cohortDay(of: i), day <= ledger.asOf else {
                continue
            }
            let cohort = calendar.index(containing: day)
            var m = CohortMember(customer: i, cohort: cohort, active: [], lastActive: nil, revenue: [])
            if ledger.model == .orders, i < ledger.orders.count {
                let history = ledger.orders[i]
                for p in history.periods {
                    if p.paidOrders > 0 {
                        m.active.append(p.period...p.period)
                        m.lastActive = p.period
                    }
                    m.revenue.append((p.period...p.period, p.revenue))
                }
            } else {
                // Retained in period P when active on its evaluation day min(last day of P, as-of).
                // For a span [a, b) those are the periods from the one containing a to the one
                // before the period containing b (b ≤ as-of whenever it is set).
                for span in activity.spans {
                    let lo = calendar.index(containing: span.start)
                    let hi = span.end.map { calendar.index(containing: $0) - 1 } ?? asOfIndex
                    if lo <= hi {
                        m.active.append(lo...hi)
                        m.lastActive = hi
                    }
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
            out.append(m)
        }
        return out
    }
}
