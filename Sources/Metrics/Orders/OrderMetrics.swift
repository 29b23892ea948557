import Model

/// Purchase behaviour and customer lifetime value of an order (non-subscription) business.
///
/// Over all orders up to as-of, with paid orders = orders with amount > 0:
/// - repeat purchase rate = customers with ≥ 2 paid orders ÷ customers with ≥ 1 (Shopify's
///   definition);
/// - purchase frequency = paid orders ÷ customers with ≥ 1 paid order;
/// - average order value = Σ paid amounts ÷ paid orders (refunds reported apart, not netted);
/// - mean time between purchases = Σ (last − first paid day) ÷ Σ (distinct paid days − 1) over
///   customers with ≥ 2 distinct paid days: the mean gap between consecutive purchase days;
/// - CLV = ARPA × gross margin ÷ monthly logo churn, with both averaged over the previous 6
///   complete calendar months (fewer when the history is shorter): monthly churn = arithmetic
///   mean of the monthly `ChurnSeries` rates (churn by inactivity); ARPA = mean over the same
///   months of net revenue in the month ÷ customers active at some point in the month.
///   CLV is nil when the mean churn is 0 (no observed churn: lifetime unbounded) or unknown.
public struct OrderMetrics: Sendable, Hashable {
    public static let definition = """
        Repeat purchase rate = customers with two or more orders ÷ customers with at least one. \
        Purchase frequency = orders ÷ ordering customers. Average order value = order revenue ÷ \
        orders (refunds shown apart). Mean time between purchases = average gap in days between a \
        customer's consecutive purchase days. CLV = ARPA × gross margin ÷ monthly customer churn, \
        both averaged over the last 6 complete months, where ARPA is monthly revenue per active \
        customer and churn is by inactivity; with no churn CLV is not estimated.
        """
    public static let clvMonths = 6

    public let customersWithOrders: Int
    public let repeatCustomers: Int
    public let paidOrders: Int
    /// Σ positive order amounts.
    public let paidRevenue: Double
    /// Σ refunds and credit notes (≤ 0).
    public let refunds: Double
    public let meanDaysBetweenPurchases: Double?
    /// The complete months CLV was averaged over, oldest first.
    public let clvWindow: [Period]
    public let averageRevenuePerAccount: Double?
    public let monthlyChurnRate: Double?
    public let grossMargin: Double

    public var repeatPurchaseRate: Double? {
        customersWithOrders > 0 ? Double(repeatCustomers) / Double(customersWithOrders) : nil
    }
    public var purchaseFrequency: Double? {
        customersWithOrders > 0 ? Double(paidOrders) / Double(customersWithOrders) : nil
    }
    public var averageOrderValue: Double? { paidOrders > 0 ? paidRevenue / Double(paidOrders) : nil }
    /// ARPA × gross margin ÷ monthly churn; nil when churn is 0 or unknown.
    public var customerLifetimeValue: Double? {
        guard let arpa = averageRevenuePerAccount, let churn = monthlyChurnRate, churn > 0 else { return nil }
        return arpa * grossMargin / churn
    }

    /// Uses a monthly calendar whatever the configured one (CLV is defined per month).
    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        var monthly = configuration
        monthly.calendar = PeriodCalendar(.month, weekStart: configuration.calendar.weekStart)
        self.init(ledger: ActivityLedger(dataset: dataset, configuration: monthly))
    }

    /// From an order-business ledger. CLV needs the ledger's calendar to be monthly (nil otherwise).
    /// `churn`, when given, must be `ChurnSeries(ledger: ledger)` (already computed by the caller).
    public init(ledger: ActivityLedger, churn: ChurnSeries? = nil) {
        self.init(rows: OrderRowSummary(ledger: ledger), ledger: ledger, churn: churn)
    }

    /// From what the ledger's order rows held (`rows`, gathered before they were released) and
    /// the ledger's activity; the same values as `init(ledger:churn:)` on the ledger with its rows.
    public init(rows: OrderRowSummary, ledger: ActivityLedger, churn: ChurnSeries? = nil) {
        customersWithOrders = rows.customersWithOrders
        repeatCustomers = rows.repeatCustomers
        paidOrders = rows.paidOrders
        paidRevenue = rows.paidRevenue
        refunds = rows.refunds
        meanDaysBetweenPurchases = rows.gaps > 0 ? Double(rows.gapDays) / Double(rows.gaps) : nil
        grossMargin = ledger.configuration.grossMargin

        guard ledger.configuration.calendar.granularity == .month else {
            clvWindow = []
            averageRevenuePerAccount = nil
            monthlyChurnRate = nil
            return
        }
        let window = ChurnSeries.completeWindow((churn ?? ChurnSeries(ledger: ledger)).periods, ledger: ledger,
                                                count: Self.clvMonths)
        let months = window.map(\.period)
        clvWindow = months
        let rates = window.compactMap(\.churnRate)
        monthlyChurnRate = rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
        // One walk over the customers for every month of the window (consecutive months).
        var active = [Int](repeating: 0, count: months.count)
        if !months.isEmpty {
            for case let a? in ledger.activity {
                for (k, p) in months.enumerated()
                where a.spans.contains(where: { $0.start < p.end && ($0.end.map { $0 > p.start } ?? true) }) {
                    active[k] += 1
                }
            }
        }
        let arpas = months.indices.compactMap { k in
            active[k] > 0 ? rows.revenue(inMonth: months[k].index) / Double(active[k]) : nil
        }
        averageRevenuePerAccount = arpas.isEmpty ? nil : arpas.reduce(0, +) / Double(arpas.count)
    }
}
