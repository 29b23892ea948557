import Model

/// A signal's verdict for one customer: the share of the rule's points earned (0…1) and why.
/// The reason is written only when asked for: the health history scores every customer at the
/// end of every period and needs only the fractions.
struct SignalReading {
    let fraction: Double
    let explanation: () -> String

    init(fraction: Double, reason: @autoclosure @escaping () -> String) {
        self.fraction = fraction
        self.explanation = reason
    }

    var reason: String { explanation() }
}

extension HealthSignal {
    /// The reading for `customer` as of `asOf`, or nil when the customer has no data for it.
    func read(_ customer: CustomerIndex, evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar,
              support: SupportConfiguration) -> SignalReading? {
        let records = evidence.records[customer]
        switch self {
        case .latestNPS(let lookback):
            guard let answer = Self.latest(records.nps, asOf: asOf, lookbackDays: lookback) else { return nil }
            let category = answer.score >= 9 ? "promoter" : answer.score >= 7 ? "passive" : "detractor"
            let fraction = Self.linear(Double(answer.score), zeroAt: 6, fullAt: 9)
            return SignalReading(fraction: fraction,
                                 reason: "latest NPS \(answer.score) (\(category)) on \(answer.day)")
        case .latestCSAT(let lookback):
            guard let answer = Self.latest(records.csat, asOf: asOf, lookbackDays: lookback) else { return nil }
            if answer.kind == .csatGoodBad {
                return SignalReading(fraction: answer.score == 1 ? 1 : 0,
                                     reason: "latest rating \(answer.score == 1 ? "good" : "bad") on \(answer.day)")
            }
            let fraction = Self.linear(Double(answer.score), zeroAt: 2, fullAt: 4)
            return SignalReading(fraction: fraction, reason: "latest CSAT \(answer.score) of 5 on \(answer.day)")
        case .openTickets(let fullAtMost, let halfAtMost):
            guard evidence.hasTickets else { return nil }
            let open = records.tickets.filter { let t = TicketTimeline($0, asOf: asOf); return t.isKnown && t.isOpen }.count
            let fraction = Self.linear(Double(open), zeroAt: Double(halfAtMost + 1), fullAt: Double(fullAtMost))
            return SignalReading(fraction: fraction,
                                 reason: open == 0 ? "no open tickets" : NumberText.count(open, "open ticket", "open tickets"))
        case .overdueTickets(let halfAtMost):
            guard evidence.hasTickets else { return nil }
            let overdue = records.tickets.filter { ticket in
                let t = TicketTimeline(ticket, asOf: asOf)
                guard t.isKnown, t.isOpen, let target = support.resolutionTarget(ticket.priority) else { return false }
                return t.age > target
            }.count
            let fraction = Self.linear(Double(overdue), zeroAt: Double(halfAtMost + 1), fullAt: 0)
            return SignalReading(fraction: fraction, reason: overdue == 0 ? "no overdue tickets"
                                 : NumberText.count(overdue, "ticket", "tickets") + " open beyond the resolution target")
        case .revenueTrend(let periodsBack, let windowDays, let halfFromRatio):
            return Self.revenueTrend(records, customer, evidence, asOf: asOf, calendar: calendar, periodsBack: periodsBack,
                                     windowDays: windowDays, halfFromRatio: halfFromRatio)
        case .recency(let loginFull, let loginHalf, let fullMultiple, let halfMultiple):
            if let seen = evidence.customers[customer].lastSeen, seen <= asOf {
                let days = seen.days(to: asOf)
                let fraction = Self.stepped(Double(days), full: Double(loginFull), half: Double(loginHalf),
                                            zero: Double(2 * loginHalf - loginFull))
                return SignalReading(fraction: fraction, reason: "last login " + Self.ago(days))
            }
            // The distinct paid days are sorted once per customer (HealthEvidence); each date
            // takes the prefix on or before it by binary search.
            let paid = records.paidDays
            var count = 0, hi = paid.count
            while count < hi {
                let mid = (count + hi) / 2
                if paid[mid] <= asOf { count = mid + 1 } else { hi = mid }
            }
            guard count >= 2 else { return nil }
            let usual = Self.medianGap(paid, count: count)
            let last = paid[count - 1]
            let since = Double(last.days(to: asOf))
            let fraction = Self.stepped(since / usual, full: fullMultiple, half: halfMultiple,
                                        zero: 2 * halfMultiple - fullMultiple)
            return SignalReading(fraction: fraction, reason: "last order " + Self.ago(last.days(to: asOf))
                                 + "; usually every " + NumberText.fixed(usual, digits: usual == usual.rounded() ? 0 : 1)
                                 + " days")
        case .tenure(let fullFrom, let halfFrom):
            let signup = evidence.customers[customer].signup
            guard signup <= asOf else { return nil }
            let days = signup.days(to: asOf)
            let fraction = Self.stepped(Double(days), full: Double(fullFrom), half: Double(halfFrom), zero: 0)
            return SignalReading(fraction: fraction, reason: "customer for " + NumberText.count(days, "day", "days"))
        }
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

    private static func ago(_ days: Int) -> String {
        days == 0 ? "today" : NumberText.count(days, "day", "days") + " ago"
    }

    /// The latest answer in (asOf − lookback, asOf]; the last in file order on a tie.
    static func latest(_ answers: [HealthEvidence.Answer], asOf: Day, lookbackDays: Int) -> HealthEvidence.Answer? {
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
    static func medianGap(_ days: [Day], count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count - 1) { buffer in
            var gaps = buffer
            for i in 1..<count { gaps[i - 1] = days[i].ordinal - days[i - 1].ordinal }
            gaps.sort()
            let n = count - 1
            let h = Double(n - 1) * 0.5
            let lower = Int(h.rounded(.down))
            let fraction = h - Double(lower)
            guard lower + 1 < n, fraction > 0 else { return Double(gaps[lower]) }
            return Double(gaps[lower]) + fraction * (Double(gaps[lower + 1]) - Double(gaps[lower]))
        }
    }

    /// The same position in the period `periods` earlier, clamped to that period's last day.
    static func day(_ day: Day, periodsBack periods: Int, calendar: PeriodCalendar) -> Day {
        let now = calendar.period(containing: day)
        let then = calendar.period(index: now.index - periods)
        let candidate = then.start.adding(days: now.start.days(to: day))
        return min(candidate, then.end.adding(days: -1))
    }

    private static func revenueTrend(_ records: HealthEvidence.CustomerRecords, _ customer: CustomerIndex,
                                     _ evidence: HealthEvidence, asOf: Day, calendar: PeriodCalendar,
                                     periodsBack: Int, windowDays: Int, halfFromRatio: Double) -> SignalReading? {
        let now: Double, before: Double, describe: (String) -> String
        if records.subscriptions.contains(where: { $0.start <= asOf }) {
            let then = day(asOf, periodsBack: periodsBack, calendar: calendar)
            now = records.subscriptions.filter { $0.isActive(on: asOf) }.reduce(0) { $0 + $1.mrr }
            before = records.subscriptions.filter { $0.isActive(on: then) }.reduce(0) { $0 + $1.mrr }
            describe = { change in
                "MRR " + NumberText.fixed(now, digits: 2) + " on \(asOf) vs " + NumberText.fixed(before, digits: 2)
                    + " on \(then)" + change
            }
        } else {
            let recentStart = asOf.adding(days: -windowDays + 1), previousStart = asOf.adding(days: -2 * windowDays + 1)
            var recent = 0.0, previous = 0.0
            evidence.forEachOrder(of: customer) { o in
                guard o.day <= asOf && o.day >= previousStart else { return }
                if o.day >= recentStart { recent += o.amount } else { previous += o.amount }
            }
            guard recent != 0 || previous != 0 else { return nil }
            now = recent
            before = previous
            describe = { change in
                "revenue " + NumberText.fixed(now, digits: 2) + " in the last \(windowDays) days vs "
                    + NumberText.fixed(before, digits: 2) + " in the \(windowDays) before" + change
            }
        }
        if before <= 0 {
            guard now > 0 else { return nil }
            return SignalReading(fraction: 1, reason: describe(" (new revenue)"))
        }
        let ratio = now / before
        let fraction = Self.stepped(ratio, full: 1, half: halfFromRatio, zero: 2 * halfFromRatio - 1)
        return SignalReading(fraction: fraction, reason: describe(" (" + NumberText.signedPercent(ratio - 1) + ")"))
    }
}
