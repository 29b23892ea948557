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
        for case let a? in ledger.activity {
            let c = ledger.customers[a.customer]
            for d in a.churnDays where d >= from && d < before {
                let isCancellation = d == a.cancellationChurn
                out.append(ChurnEvent(customer: a.customer, day: d, reason: isCancellation ? c.churnReason : nil,
                                      kind: isCancellation ? c.churnKind : nil,
                                      mrrLost: ledger.mrr(of: a.customer, on: d.adding(days: -1))))
            }
        }
        return out
    }
}
