import Model

/// What a churn feature row (`ChurnFeatureWalk`) reads from one customer's orders on one day;
/// orders dated after the day are not read. A paid day is a day with an order amount > 0.
///
/// - `lastPaid`: the latest paid day on or before the day (`days_since_order`, `no_orders` and
///   order recency's last order);
/// - `usualGap`: the median gap between the paid days on or before the day
///   (`HealthSignal.medianGap`), nil below two paid days: order recency's usual interval;
/// - `paidRecent`, `paidPrevious`: the amounts > 0 of the last 90 days (day − 89 … day) and of
///   the 90 before, added in file order: a customer's `monthly_revenue` and `revenue_change_3m`
///   without a subscription (each ÷ 3);
/// - `trendSums`: per revenue-trend rule of the feature set, in rule order, its two order
///   windows' sums (`RevenueWindows`: every amount, refunds included, added in file order).
struct ChurnOrderFacts: Equatable {
    /// The two sums of one revenue-trend rule's order windows.
    struct WindowSums: Equatable {
        var recent: Double
        var previous: Double
    }

    var lastPaid: Day?
    var usualGap: Double?
    var paidRecent = 0.0
    var paidPrevious = 0.0
    var trendSums: [WindowSums] = []

    /// Days in each of the two paid-revenue windows.
    static let windowDays = 90

    /// The window lengths of the revenue-trend rules among `rules`, in rule order.
    static func trendWindowDays(_ rules: [HealthRule]) -> [Int] {
        rules.compactMap { rule in
            guard case .revenueTrend(_, let days, _) = rule.signal else { return nil }
            return days
        }
    }

    /// Whether every trend rule's sums are the paid windows' (bit for bit): a trend rule over 90
    /// days when no amount in its windows is ≤ 0.
    var trendSumsArePaidSums: Bool {
        trendSums.allSatisfy {
            $0.recent.bitPattern == paidRecent.bitPattern && $0.previous.bitPattern == paidPrevious.bitPattern
        }
    }
}

/// One customer's orders gathered once from the order book (file order) with their distinct
/// paid days, read for `ChurnOrderFacts` at any number of days. The buffers are reused from
/// customer to customer, so reading allocates only while they grow.
///
/// The values are computed as the health signals and the churn features define them, with the
/// same arithmetic in the same order: the median gap as `HealthSignal.medianGap` gives it (from
/// the gaps counted by length, `GapCounts`), the window sums
/// added in file order (when the days never go down in file order, only the run of orders
/// inside the windows is visited, found by binary search; the orders skipped add nothing either
/// way).
struct ChurnOrderReader {
    /// The window lengths of the revenue-trend rules, in rule order.
    let trendWindowDays: [Int]
    private var orders = CustomerOrderCopy()
    /// Reused from read to read (its storage kept).
    private var gaps = GapCounts()

    init(rules: [HealthRule]) {
        trendWindowDays = ChurnOrderFacts.trendWindowDays(rules)
    }

    /// Gathers `customer`'s orders of `book`, forgetting the previous customer's.
    mutating func begin(_ customer: CustomerIndex, orders book: CustomerOrderBook) {
        orders.read(customer, from: book)
    }

    /// The facts on `day`, into `facts` (its trend sums' capacity kept).
    mutating func read(at day: Day, into facts: inout ChurnOrderFacts) {
        let paidCount = orders.paidDaysCount(through: day)
        facts.lastPaid = paidCount > 0 ? orders.paidDays[paidCount - 1] : nil
        facts.usualGap = paidCount >= 2 ? usualGap(paidCount) : nil
        let recentStart = day.adding(days: -(ChurnOrderFacts.windowDays - 1))
        let previousStart = day.adding(days: -(2 * ChurnOrderFacts.windowDays - 1))
        var recent = 0.0, previous = 0.0
        for i in orders.run(from: previousStart, through: day) {
            let d = orders.days[i], amount = orders.amounts[i]
            guard d <= day && d >= previousStart && amount > 0 else { continue }
            if d >= recentStart { recent += amount } else { previous += amount }
        }
        facts.paidRecent = recent
        facts.paidPrevious = previous
        facts.trendSums.removeAll(keepingCapacity: true)
        for windowDays in trendWindowDays {
            var windows = RevenueWindows(asOf: day, days: windowDays)
            for i in orders.run(from: windows.previousStart, through: day) { windows.add(orders.days[i], orders.amounts[i]) }
            facts.trendSums.append(ChurnOrderFacts.WindowSums(recent: windows.recent, previous: windows.previous))
        }
    }

    /// The median gap between the first `count` (≥ 2) paid days: `HealthSignal.medianGap`'s
    /// value, from the gaps counted by length (`GapCounts`) rather than sorted.
    private mutating func usualGap(_ count: Int) -> Double {
        gaps.removeAll()
        orders.paidDays.withUnsafeBufferPointer { gaps.addGaps($0, endingAt: 1..<count) }
        return gaps.median()
    }
}
