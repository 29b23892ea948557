import Model

/// One customer's health score at a rising sequence of dates, read in a single pass over the
/// customer's records instead of afresh at each date.
///
/// Two signals keep state from one date to the next: recency by order interval advances a
/// cursor through the customer's distinct paid days and counts each new gap by its length
/// (`GapCounts`, so the median is read, not re-sorted); the order revenue trend reads the
/// customer's orders, read from the book once (with the paid days, `CustomerOrderCopy`) in file
/// order, and, when they are in day order, only the run of them inside its two windows. The other signals are
/// cheap and are read as `HealthSignal.read` reads them. Scratch arrays are reused from
/// customer to customer, so a walk allocates only while they grow. Every score equals
/// `HealthReport.score`'s at that date, bit for bit: the same inputs summed in the same order
/// with the same arithmetic (`HealthWalkTests` checks it).
struct HealthWalk {
    let evidence: HealthEvidence
    let health: HealthConfiguration
    /// `health.rules` in storage of this walk's own: a score reads the rules at every date of
    /// every customer, holding the array for the time it reads it, and the cores' walks holding
    /// one shared array contended for its reference count (about 2 % of the report's CPU at
    /// 10 M orders went to that count).
    private let rules: [HealthRule]
    let calendar: PeriodCalendar

    private var customer: CustomerIndex = 0
    /// The current customer's records (taken once in `begin`); their paid days are a view of `orders.paidDays`.
    private(set) var records = HealthEvidence.CustomerRecords()
    /// Days before this one have been read; dates must not go back within a customer.
    private var lastDay: Day?
    /// Paid days (`records.paidDays`) on or before the latest date, and the gaps between them
    /// (counted by length, `GapCounts`, so the median is read, not re-sorted).
    private var paidCount = 0
    private var gaps = GapCounts()
    /// The customer's orders, read from the book once in `begin` (buffers reused from customer
    /// to customer); `records.paidDays` is a view of its paid days.
    private var orders = CustomerOrderCopy()

    init(evidence: HealthEvidence, health: HealthConfiguration, calendar: PeriodCalendar) {
        self.evidence = evidence
        self.health = health
        rules = health.rules.map { $0 }
        self.calendar = calendar
    }

    /// Starts on `customer`, forgetting the previous customer's state (not its buffers).
    mutating func begin(_ customer: CustomerIndex) {
        self.customer = customer
        // The previous records are dropped first, so the buffer is not shared while it is refilled.
        records = HealthEvidence.CustomerRecords()
        orders.read(customer, from: evidence.orders)
        let paid = orders.paidCount
        records = evidence.records.records(of: customer, paidDays: orders.paidDays[..<paid])
        gaps.removeAll()
        lastDay = nil
        paidCount = 0
    }

    /// The score (0–100) at `day`, or nil when no rule has data; `day` must not be earlier than
    /// the previous date asked for this customer.
    mutating func score(at day: Day) -> Double? {
        precondition(lastDay.map { $0 <= day } ?? true, "HealthWalk dates must not go back")
        lastDay = day
        var earned = 0.0, available = 0.0
        // By position, reading only the signal and the points from the walk's own array (a copy
        // of a whole rule retains its name, a copy of the array retains it at every date).
        for r in 0..<rules.count {
            let signal = rules[r].signal, points = rules[r].maxPoints
            guard let fraction = fraction(signal, at: day) else { continue }
            earned += fraction * points
            available += points
        }
        return available > 0 ? 100 * earned / available : nil
    }

    /// Each rule's share of its points at `day` (nil: the rule has no data), in rule order, into
    /// `fractions` (emptied first); `day` must not be earlier than the previous date asked for
    /// this customer. `score(at:)` adds up the same fractions.
    mutating func fractions(at day: Day, into fractions: inout [Double?]) {
        precondition(lastDay.map { $0 <= day } ?? true, "HealthWalk dates must not go back")
        lastDay = day
        fractions.removeAll(keepingCapacity: true)
        for r in 0..<rules.count {
            let signal = rules[r].signal
            fractions.append(fraction(signal, at: day))
        }
    }

    /// The score at `day` as `HealthReport.score(of:)` gives it with reasons, added to `scores`
    /// (the walk's readings, explained); nil when no rule has data. `day` must not be earlier than
    /// the previous date asked for this customer.
    mutating func addScore(at day: Day, revenueAtRisk: Double, to scores: inout HealthScoreBuilder) -> HealthStatus? {
        precondition(lastDay.map { $0 <= day } ?? true, "HealthWalk dates must not go back")
        lastDay = day
        return scores.add(customer, rules: rules, bands: health.bands, revenueAtRisk: revenueAtRisk) { signal in
            reading(signal, at: day, explain: true)
        }
    }

    private mutating func fraction(_ signal: HealthSignal, at day: Day) -> Double? {
        reading(signal, at: day, explain: false)?.fraction
    }

    private mutating func reading(_ signal: HealthSignal, at day: Day, explain: Bool) -> SignalReading? {
        switch signal {
        case .recency(_, _, let fullMultiple, let halfMultiple) where !hasLogin(on: day):
            advancePaidDays(through: day)
            guard paidCount >= 2 else { return nil }
            let usual = gaps.median()
            return HealthSignal.orderRecency(last: records.paidDays[records.paidDays.startIndex + paidCount - 1], usual: usual, asOf: day,
                                             fullMultiple: fullMultiple, halfMultiple: halfMultiple, explain: explain)
        case .revenueTrend(_, let windowDays, let halfFromRatio) where !records.subscriptions.contains(where: { $0.start <= day }):
            var windows = RevenueWindows(asOf: day, days: windowDays)
            // Only the run of orders inside the two windows when they are in day order:
            // `RevenueWindows.add` skips the others, so the sums are the same, in the same order.
            for i in orders.run(from: windows.previousStart, through: windows.asOf) {
                windows.add(orders.days[i], orders.amounts[i])
            }
            return HealthSignal.orderTrend(windows, halfFromRatio: halfFromRatio, explain: explain)
        default:
            return signal.read(customer, records: records, evidence: evidence, asOf: day, calendar: calendar,
                               support: health.support, explain: explain)
        }
    }

    /// Recency uses the last login when there is one on or before `day` (as `read` does).
    private func hasLogin(on day: Day) -> Bool {
        evidence.lastSeen(of: customer).map { $0 <= day } ?? false
    }

    /// Moves the paid-day cursor past every paid day on or before `day` and counts the gaps
    /// it passes.
    private mutating func advancePaidDays(through day: Day) {
        // The paid days are the first `records.paidDays.count` of the `orders.paidDays` buffer.
        // Positions are below that count and gaps are differences of rising days (Int32
        // ordinals), so they are counted and subtracted without overflow checks.
        let total = records.paidDays.count, before = paidCount
        var end = before
        orders.paidDays.withUnsafeBufferPointer { paid in
            while end < total, paid[end] <= day { end &+= 1 }
            if end > max(before, 1) { gaps.addGaps(paid, endingAt: max(before, 1)..<end) }
        }
        paidCount = end
    }
}
