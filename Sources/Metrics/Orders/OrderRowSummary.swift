import Model

/// What `OrderMetrics` reads from the ledger's per-customer order rows, gathered in one walk
/// so that the rows can be released before the churn series (which the CLV also needs) is
/// computed.
///
/// Sums add the customers' values in customer order, as `OrderMetrics` always has: paid
/// revenue and refunds over every customer; each month's net revenue over the rows of the
/// `OrderMetrics.clvMonths` complete months up to as-of (the months the CLV window can hold;
/// monthly calendar only).
public struct OrderRowSummary: Sendable, Hashable {
    /// Customers with ≥ 1 and ≥ 2 paid orders, and the paid orders.
    public let customersWithOrders: Int
    public let repeatCustomers: Int
    public let paidOrders: Int
    /// Σ paid amounts; Σ refunds (≤ 0).
    public let paidRevenue: Double
    public let refunds: Double
    /// Σ (last − first paid day) and Σ (distinct paid days − 1) over customers with ≥ 2 paid days.
    public let gapDays: Int
    public let gaps: Int
    /// Period index of `monthRevenue[0]`.
    let firstMonth: Int
    /// Net revenue (refunds included) of months `firstMonth ..< firstMonth + monthRevenue.count`.
    let monthRevenue: [Double]

    public init(ledger: ActivityLedger) {
        var customers = 0, repeaters = 0, orders = 0, revenue = 0.0, refunds = 0.0
        var gapDays = 0, gaps = 0
        let monthly = ledger.configuration.calendar.granularity == .month
        let firstMonth = ChurnSeries.lastCompletePeriod(ledger) - OrderMetrics.clvMonths + 1
        var monthRevenue = [Double](repeating: 0, count: monthly ? OrderMetrics.clvMonths : 0)
        for h in ledger.orders {
            refunds += h.refundAmount
            for r in h.periods where r.period >= firstMonth && r.period < firstMonth + monthRevenue.count {
                monthRevenue[r.period - firstMonth] += r.revenue
            }
            guard h.paidOrderCount > 0 else { continue }
            customers += 1
            if h.paidOrderCount >= 2 { repeaters += 1 }
            orders += h.paidOrderCount
            revenue += h.paidAmount
            if let first = h.firstPaid, let last = h.lastPaid, h.paidDayCount >= 2 {
                gapDays += first.days(to: last)
                gaps += h.paidDayCount - 1
            }
        }
        customersWithOrders = customers
        repeatCustomers = repeaters
        paidOrders = orders
        paidRevenue = revenue
        self.refunds = refunds
        self.gapDays = gapDays
        self.gaps = gaps
        self.firstMonth = firstMonth
        self.monthRevenue = monthRevenue
    }

    /// Net revenue of the month with period index `month` (0 outside the gathered months).
    func revenue(inMonth month: Int) -> Double {
        monthRevenue.indices.contains(month - firstMonth) ? monthRevenue[month - firstMonth] : 0
    }
}
