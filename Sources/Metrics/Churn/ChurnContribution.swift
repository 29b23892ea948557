import Model

/// What one customer adds to the per-period churn counters of `ChurnSeries`, worked out once
/// and then added to the counters of every group the customer is in (the whole series and one
/// segment per attribute), so a customer's spans are read once however many series count them.
///
/// Periods are `Period.index` values. A span [a, b) is active at the start of P (on P.start − 1)
/// for P in idx(a) + 1 … idx(b), and at the end of P (on min(last day, as-of)) for P in
/// idx(a) … idx(b) − 1 (through the as-of period while the span is open). Ranges of the same
/// customer may overlap (a churn and a return within one period): `both` holds the periods
/// where the customer is active at the start and at the end.
///
/// One value is reused from customer to customer (`record` empties it, keeping its arrays'
/// capacity): nothing is allocated per customer.
struct ChurnContribution {
    /// Periods in which the customer is active at the start / at the end / at both.
    private(set) var atStart: [ClosedRange<Int>] = []
    private(set) var atEnd: [ClosedRange<Int>] = []
    private(set) var both: [ClosedRange<Int>] = []
    /// The period of the first active day when the customer is active at its end: a new customer.
    private(set) var joined: Int?
    /// Each period with a churn of a customer active at its start (once per period, the first
    /// churn in it): whether the customer is back by the period's end, and the MRR lost (the
    /// customer's MRR the day before that churn).
    private(set) var churns: [(period: Int, returned: Bool, mrrLost: Double)] = []
    /// The period of the churn the CRM cancellation describes, with its type, when it is counted.
    private(set) var cancellation: (period: Int, kind: ChurnKind)?

    /// Empties the value and records `activity` (`kind` is the customer's CRM churn type,
    /// `mrr(day)` their MRR on a day); `last` is the index of the period containing as-of.
    mutating func record(_ activity: CustomerActivity, kind: ChurnKind?, last: Int, periods: PeriodIndexTable,
                         mrr: (Day) -> Double) {
        atStart.removeAll(keepingCapacity: true)
        atEnd.removeAll(keepingCapacity: true)
        both.removeAll(keepingCapacity: true)
        churns.removeAll(keepingCapacity: true)
        joined = nil
        cancellation = nil
        for span in activity.spans {
            let ia = periods.index(containing: span.start)
            let ib = span.end.map { periods.index(containing: $0) }
            let s = (ia + 1, ib ?? last), e = (ia, ib.map { $0 - 1 } ?? last)
            if s.0 <= s.1 { atStart.append(s.0...s.1) }
            if e.0 <= e.1 { atEnd.append(e.0...e.1) }
        }
        for r in atStart {
            for q in atEnd where r.overlaps(q) {
                both.append(max(r.lowerBound, q.lowerBound)...min(r.upperBound, q.upperBound))
            }
        }
        // A new customer: active at the end of the period of their first active day (they
        // cannot be active at its start).
        if let day = activity.firstActive {
            let p = periods.index(containing: day)
            if p <= last, atEnd.contains(where: { $0.contains(p) }) { joined = p }
        }
        for span in activity.spans {
            guard let d = span.end else { continue }
            let p = periods.index(containing: d)
            guard p <= last, atStart.contains(where: { $0.contains(p) }), !churns.contains(where: { $0.period == p }) else {
                continue
            }
            churns.append((p, atEnd.contains { $0.contains(p) }, mrr(d.adding(days: -1))))
        }
        // The type belongs to the churn the CRM cancellation describes, when it is counted.
        if let d = activity.cancellationChurn, let kind {
            let p = periods.index(containing: d)
            if p <= last, atStart.contains(where: { $0.contains(p) }) { cancellation = (p, kind) }
        }
    }
}
