import Model

/// One churn: a customer's active span ended on `day` (the first day no longer active).
struct ChurnEvent {
    var customer: CustomerIndex
    var day: Day
    /// Only the churn the CRM cancellation date describes carries the CRM's reason and type.
    var reason: String?
    var kind: ChurnKind?
    var mrrLost: Double

    static func all(in ledger: ActivityLedger, from: Day, before: Day) -> [ChurnEvent] {
        var out: [ChurnEvent] = []
        // Counted first, so the list is made once at its size (not grown by doubling).
        var count = 0
        for case let a? in ledger.activity {
            for span in a.spans {
                if let d = span.end, d >= from && d < before { count += 1 }
            }
        }
        out.reserveCapacity(count)
        for case let a? in ledger.activity {
            // The spans' ends read in place (not gathered into an array per customer), and the
            // customer's record read only for the churn that carries the CRM's reason.
            for span in a.spans {
                guard let d = span.end, d >= from && d < before else { continue }
                let isCancellation = d == a.cancellationChurn
                out.append(ChurnEvent(customer: a.customer, day: d,
                                      reason: isCancellation ? ledger.customers[a.customer].churnReason : nil,
                                      kind: isCancellation ? ledger.customers[a.customer].churnKind : nil,
                                      mrrLost: ledger.mrr(of: a.customer, on: d.adding(days: -1))))
            }
        }
        return out
    }
}
