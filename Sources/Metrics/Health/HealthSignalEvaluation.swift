import Model

/// A signal's verdict for one customer: the share of the rule's points earned (0…1) and why.
/// The reason is kept only when asked for (`explain`): the health history scores every
/// customer at the end of every period and needs only the fractions.
struct SignalReading {
    let fraction: Double
    /// `.unexplained` unless the reading was asked to explain itself.
    let reason: HealthReason

    init(fraction: Double, explain: Bool, reason: @autoclosure () -> HealthReason) {
        self.fraction = fraction
        self.reason = explain ? reason() : .unexplained
    }
}

extension HealthSignal {
    /// The reading for `customer` as of `asOf`, or nil when the customer has no data for it.
    /// `explain` keeps the reason; without it `reason` is `.unexplained`.
    func read(_ customer: CustomerIndex, evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar,
              support: SupportConfiguration, explain: Bool = false) -> SignalReading? {
        read(customer, records: evidence.records[customer], evidence: evidence, asOf: asOf, calendar: calendar,
             support: support, explain: explain)
    }

    /// `read` with the customer's records already in hand (`HealthWalk` takes them once per customer).
    /// Inlined: called for every customer, date and rule, a call copied the records and the
    /// evidence (a few hundred bytes) into its arguments each time.
    @inline(__always)
    func read(_ customer: CustomerIndex, records: HealthEvidence.CustomerRecords, evidence: HealthEvidence, asOf: Day,
              calendar: PeriodCalendar, support: SupportConfiguration, explain: Bool) -> SignalReading? {
        switch self {
        case .latestNPS(let lookback):
            guard let answer = Self.latest(records.nps, asOf: asOf, lookbackDays: lookback) else { return nil }
            let fraction = Self.linear(Double(answer.score), zeroAt: 6, fullAt: 9)
            return SignalReading(fraction: fraction, explain: explain, reason: .nps(score: Int8(answer.score), day: answer.day))
        case .latestCSAT(let lookback):
            guard let answer = Self.latest(records.csat, asOf: asOf, lookbackDays: lookback) else { return nil }
            if answer.kind == .csatGoodBad {
                return SignalReading(fraction: answer.score == 1 ? 1 : 0, explain: explain,
                                     reason: .rating(good: answer.score == 1, day: answer.day))
            }
            let fraction = Self.linear(Double(answer.score), zeroAt: 2, fullAt: 4)
            return SignalReading(fraction: fraction, explain: explain, reason: .csat(score: Int8(answer.score), day: answer.day))
        case .openTickets(let fullAtMost, let halfAtMost):
            guard evidence.hasTickets else { return nil }
            var open = 0
            for ticket in records.tickets {
                let t = TicketTimeline(ticket, asOf: asOf)
                if t.isKnown && t.isOpen { open += 1 }
            }
            let fraction = Self.linear(Double(open), zeroAt: Double(halfAtMost + 1), fullAt: Double(fullAtMost))
            return SignalReading(fraction: fraction, explain: explain, reason: .openTickets(open))
        case .overdueTickets(let halfAtMost):
            guard evidence.hasTickets else { return nil }
            var overdue = 0
            for ticket in records.tickets {
                let t = TicketTimeline(ticket, asOf: asOf)
                if t.isKnown, t.isOpen, let target = support.resolutionTarget(ticket.priority), t.age > target { overdue += 1 }
            }
            let fraction = Self.linear(Double(overdue), zeroAt: Double(halfAtMost + 1), fullAt: 0)
            return SignalReading(fraction: fraction, explain: explain, reason: .overdueTickets(overdue))
        case .revenueTrend(let periodsBack, let windowDays, let halfFromRatio):
            if records.subscriptions.contains(where: { $0.start <= asOf }) {
                return Self.mrrTrend(records.subscriptions, asOf: asOf, calendar: calendar, periodsBack: periodsBack,
                                     halfFromRatio: halfFromRatio, explain: explain)
            }
            var windows = RevenueWindows(asOf: asOf, days: windowDays)
            evidence.forEachOrder(of: customer) { windows.add($0.day, $0.amount) }
            return Self.orderTrend(windows, halfFromRatio: halfFromRatio, explain: explain)
        case .recency(let loginFull, let loginHalf, let fullMultiple, let halfMultiple):
            if let seen = evidence.lastSeen(of: customer), seen <= asOf {
                let days = seen.days(to: asOf)
                let fraction = Self.stepped(Double(days), full: Double(loginFull), half: Double(loginHalf),
                                            zero: Double(2 * loginHalf - loginFull))
                return SignalReading(fraction: fraction, explain: explain, reason: .login(daysAgo: days))
            }
            // The distinct paid days are derived once per customer (`HealthEvidence.Records`);
            // each date takes the prefix on or before it by binary search.
            let paid = records.paidDays
            var end = paid.startIndex, hi = paid.endIndex
            while end < hi {
                let mid = (end + hi) / 2
                if paid[mid] <= asOf { end = mid + 1 } else { hi = mid }
            }
            let count = end - paid.startIndex
            guard count >= 2 else { return nil }
            return Self.orderRecency(last: paid[end - 1], usual: Self.medianGap(paid, count: count), asOf: asOf,
                                     fullMultiple: fullMultiple, halfMultiple: halfMultiple, explain: explain)
        case .tenure(let fullFrom, let halfFrom):
            let signup = evidence.customers[customer].signup
            guard signup <= asOf else { return nil }
            let days = signup.days(to: asOf)
            let fraction = Self.stepped(Double(days), full: Double(fullFrom), half: Double(halfFrom), zero: 0)
            return SignalReading(fraction: fraction, explain: explain, reason: .tenure(days: days))
        }
    }

    /// Recency from the order interval: days since the `last` paid day ÷ the `usual` gap.
    static func orderRecency(last: Day, usual: Double, asOf: Day, fullMultiple: Double, halfMultiple: Double,
                             explain: Bool) -> SignalReading {
        let since = Double(last.days(to: asOf))
        let fraction = Self.stepped(since / usual, full: fullMultiple, half: halfMultiple,
                                    zero: 2 * halfMultiple - fullMultiple)
        return SignalReading(fraction: fraction, explain: explain, reason: .lastOrder(daysAgo: last.days(to: asOf), usualGap: usual))
    }

    /// 0 at `zeroAt`, 1 at `fullAt`, linear between and clamped outside (either direction).
    static func linear(_ value: Double, zeroAt: Double, fullAt: Double) -> Double {
        guard zeroAt != fullAt else { return value == fullAt ? 1 : 0 }
        return min(max((value - zeroAt) / (fullAt - zeroAt), 0), 1)
    }

    /// Piecewise linear through (zero, 0), (half, ½) and (full, 1), clamped outside; the three
    /// points are ordered one way or the other (more is better, or less is better).
    static func stepped(_ value: Double, full: Double, half: Double, zero: Double) -> Double {
        let fromHalf = linear(value, zeroAt: half, fullAt: full)
        if fromHalf > 0 { return 0.5 + 0.5 * fromHalf }
        return 0.5 * linear(value, zeroAt: zero, fullAt: half)
    }

    /// The latest answer in (asOf − lookback, asOf]; the last in file order on a tie.
    static func latest(_ answers: ArraySlice<HealthEvidence.Answer>, asOf: Day, lookbackDays: Int) -> HealthEvidence.Answer? {
        let earliest = asOf.adding(days: -lookbackDays + 1)
        var best: HealthEvidence.Answer?
        for a in answers where a.day <= asOf && a.day >= earliest {
            if best.map({ a.day >= $0.day }) ?? true { best = a }
        }
        return best
    }

    /// Median of the gaps between the first `count` (≥ 2) ascending days: the linear-method
    /// median of `SampleQuantile` (mean of the two middle gaps for an even count), computed in a
    /// stack buffer with the same arithmetic, so the value is bit-identical.
    ///
    /// The gaps are put in order by insertion as they are read (a customer has a few dozen paid
    /// days at most, where this beats the library sort, which sets up a merge buffer per call);
    /// beyond `insertionLimit` gaps the library sort is used. Integers have one ascending order,
    /// so either way the median is the same.
    static func medianGap(_ days: ArraySlice<Day>, count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count - 1) { buffer in
            var gaps = buffer
            let first = days.startIndex
            if count - 1 <= insertionLimit {
                for i in 1..<count {
                    let gap = days[first + i].ordinal - days[first + i - 1].ordinal
                    var j = i - 1
                    while j > 0 && gaps[j - 1] > gap {
                        gaps[j] = gaps[j - 1]
                        j -= 1
                    }
                    gaps[j] = gap
                }
            } else {
                for i in 1..<count { gaps[i - 1] = days[first + i].ordinal - days[first + i - 1].ordinal }
                gaps.sort()
            }
            return median(sortedGaps: UnsafeBufferPointer(gaps))
        }
    }

    /// Most gaps `medianGap` orders by insertion (quadratic, so only for short lists).
    static let insertionLimit = 64

    /// The linear-method median of ascending gaps (at least one).
    static func median(sortedGaps gaps: UnsafeBufferPointer<Int32>) -> Double {
        let n = gaps.count
        let lower = (n - 1) / 2
        return median(count: n, lower: gaps[lower], upper: gaps[min(lower + 1, n - 1)])
    }

    /// The same median from the two middle gaps of `n` ascending ones: `lower` at position
    /// ⌊(n − 1) ÷ 2⌋ and `upper` at the next (read only when n is even).
    static func median(count n: Int, lower: Int32, upper: Int32) -> Double {
        let h = Double(n - 1) * 0.5
        let position = Int(h.rounded(.down))
        let fraction = h - Double(position)
        guard position + 1 < n, fraction > 0 else { return Double(lower) }
        return Double(lower) + fraction * (Double(upper) - Double(lower))
    }

    /// The same position in the period `periods` earlier, clamped to that period's last day.
    static func day(_ day: Day, periodsBack periods: Int, calendar: PeriodCalendar) -> Day {
        let now = calendar.period(containing: day)
        let then = calendar.period(index: now.index - periods)
        let candidate = then.start.adding(days: now.start.days(to: day))
        return min(candidate, then.end.adding(days: -1))
    }

    /// MRR on `asOf` against MRR on the same day `periodsBack` periods earlier.
    private static func mrrTrend(_ subscriptions: ArraySlice<Subscription>, asOf: Day, calendar: PeriodCalendar, periodsBack: Int,
                                 halfFromRatio: Double, explain: Bool) -> SignalReading? {
        let then = day(asOf, periodsBack: periodsBack, calendar: calendar)
        var now = 0.0, before = 0.0
        for s in subscriptions where s.isActive(on: asOf) { now += s.mrr }
        for s in subscriptions where s.isActive(on: then) { before += s.mrr }
        return trend(now: now, before: before, halfFromRatio: halfFromRatio, explain: explain,
                     reason: .mrrTrend(now: now, before: before, on: asOf, then: then))
    }

    /// Paid revenue of the last window against the window before; nil when both are empty.
    static func orderTrend(_ windows: RevenueWindows, halfFromRatio: Double, explain: Bool) -> SignalReading? {
        guard windows.recent != 0 || windows.previous != 0 else { return nil }
        return trend(now: windows.recent, before: windows.previous, halfFromRatio: halfFromRatio, explain: explain,
                     reason: .revenueTrend(recent: windows.recent, previous: windows.previous, days: windows.days))
    }

    /// ratio = now ÷ before scored by `stepped`; before ≤ 0 with now > 0 is new revenue (full).
    private static func trend(now: Double, before: Double, halfFromRatio: Double, explain: Bool,
                              reason: HealthReason) -> SignalReading? {
        if before <= 0 {
            guard now > 0 else { return nil }
            return SignalReading(fraction: 1, explain: explain, reason: reason)
        }
        let ratio = now / before
        let fraction = Self.stepped(ratio, full: 1, half: halfFromRatio, zero: 2 * halfFromRatio - 1)
        return SignalReading(fraction: fraction, explain: explain, reason: reason)
    }
}

/// The two order windows of the revenue trend that end on `asOf`: the last `days` days and the
/// `days` before. Amounts are added in the order given (file order), refunds included.
struct RevenueWindows {
    let asOf: Day
    let days: Int
    let recentStart: Day
    let previousStart: Day
    private(set) var recent = 0.0
    private(set) var previous = 0.0

    init(asOf: Day, days: Int) {
        self.asOf = asOf
        self.days = days
        recentStart = asOf.adding(days: -days + 1)
        previousStart = asOf.adding(days: -2 * days + 1)
    }

    /// The windows with their sums already known (`recent` and `previous` as `add` left them):
    /// the churn scoring keeps only the sums of a customer's orders (`ChurnOrderFacts`).
    init(asOf: Day, days: Int, recent: Double, previous: Double) {
        self.init(asOf: asOf, days: days)
        self.recent = recent
        self.previous = previous
    }

    mutating func add(_ day: Day, _ amount: Double) {
        guard day <= asOf && day >= previousStart else { return }
        if day >= recentStart { recent += amount } else { previous += amount }
    }
}
