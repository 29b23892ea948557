import Model

/// Churn by the reason the CRM recorded.
///
/// Counts every churn event (a customer's active span ending) whose churn day falls in the
/// window, including customers who joined and left within one period. The CRM's reason and
/// churn type belong to the churn the CRM cancellation date describes (on or before as-of);
/// other churns (inactivity, subscription ends, earlier churns of re-subscribers) and churns
/// without a reason count under `unknownReason`. share = count ÷ all churns in the window;
/// MRR lost = the customer's MRR on the day before churning (0 in order businesses).
public struct ChurnReasonBreakdown: Sendable, Hashable {
    public static let definition = """
        Churned customers in the window grouped by the cancellation reason recorded in the CRM: \
        count, share of all churned customers, and MRR lost (the customer's MRR the day before \
        churning). A reason belongs to the churn on the CRM cancellation date, and only when that \
        date is on or before the as-of date; churns with no recorded reason are grouped as \
        Unknown. The default window is the last 12 complete periods; the same breakdown is given \
        per period.
        """
    public static let unknownReason = "Unknown"

    public struct Row: Sendable, Hashable {
        public let reason: String
        public let count: Int
        public let share: Double
        public let mrrLost: Double
    }

    public struct PeriodRows: Sendable, Hashable {
        public let period: Period
        public let rows: [Row]
    }

    /// The complete periods the window covers, oldest first.
    public let window: [Period]
    /// Reasons by count (descending), then name; Unknown last.
    public let rows: [Row]
    public let perPeriod: [PeriodRows]
    public var total: Int { rows.reduce(0) { $0 + $1.count } }

    public init(dataset: Dataset, configuration: MetricsConfiguration, periods: Int = 12) {
        self.init(ledger: ActivityLedger(dataset: dataset, configuration: configuration), periods: periods)
    }

    /// Over the last `periods` complete periods before the one containing as-of (the as-of
    /// period itself counts when as-of is its last day).
    public init(ledger: ActivityLedger, periods count: Int = 12) {
        self.init(ledger: ledger, window: Self.lastComplete(count, ledger: ledger))
    }

    /// Over the given consecutive periods (oldest first), e.g. every period of `ChurnSeries`.
    public init(ledger: ActivityLedger, window: [Period]) {
        guard let first = window.first, let last = window.last else {
            self.init(window: window, events: [], calendar: ledger.configuration.calendar)
            return
        }
        self.init(window: window, events: ChurnEvent.all(in: ledger, from: first.start, before: last.end),
                  calendar: ledger.configuration.calendar)
    }

    /// The breakdown over the last `periods` complete periods (`init(ledger:periods:)`) and over
    /// `history` (`init(ledger:window:)`) from one walk over the churn events: each takes, in
    /// order, the events of its own window.
    public static func windowAndHistory(ledger: ActivityLedger, periods count: Int, history: [Period])
        -> (window: ChurnReasonBreakdown, history: ChurnReasonBreakdown) {
        let calendar = ledger.configuration.calendar
        let window = lastComplete(count, ledger: ledger)
        let spans = [window, history].compactMap { w in w.first.map { ($0.start, w.last!.end) } }
        guard let from = spans.map(\.0).min(), let before = spans.map(\.1).max() else {
            return (Self(window: window, events: [], calendar: calendar), Self(window: history, events: [], calendar: calendar))
        }
        let events = ChurnEvent.all(in: ledger, from: from, before: before)
        func within(_ w: [Period]) -> [ChurnEvent] {
            guard let first = w.first, let last = w.last else { return [] }
            return events.filter { $0.day >= first.start && $0.day < last.end }
        }
        return (Self(window: window, events: within(window), calendar: calendar),
                Self(window: history, events: within(history), calendar: calendar))
    }

    /// The last `count` complete periods, oldest first.
    static func lastComplete(_ count: Int, ledger: ActivityLedger) -> [Period] {
        let calendar = ledger.configuration.calendar
        let asOf = ledger.asOf
        let current = calendar.period(containing: asOf)
        let lastComplete = asOf.adding(days: 1) == current.end ? current.index : current.index - 1
        return count > 0 ? ((lastComplete - count + 1)...lastComplete).map { calendar.period(index: $0) } : []
    }

    /// From the churn events of the window (in ledger order).
    init(window: [Period], events: [ChurnEvent], calendar: PeriodCalendar) {
        self.window = window
        guard !window.isEmpty else {
            rows = []
            perPeriod = []
            return
        }
        rows = Self.rows(events)
        // The window's periods are consecutive: the events of period `window[0].index + k` go to slot k.
        let periods = PeriodIndexTable(calendar: calendar, days: window[0].start...window[window.count - 1].end.adding(days: -1))
        var byPeriod = [[ChurnEvent]](repeating: [], count: window.count)
        for e in events {
            let k = periods.index(containing: e.day) - window[0].index
            if byPeriod.indices.contains(k) { byPeriod[k].append(e) }
        }
        perPeriod = zip(window, byPeriod).map { p, events in PeriodRows(period: p, rows: Self.rows(events)) }
    }

    static func rows(_ events: [ChurnEvent]) -> [Row] {
        var counts: [String: Tally] = [:]
        for e in events {
            let key = e.reason.flatMap { $0.isEmpty ? nil : $0 } ?? unknownReason
            counts[key, default: Tally()].add(e.mrrLost)
        }
        let total = Double(events.count)
        return counts.map { Row(reason: $0.key, count: $0.value.count, share: Double($0.value.count) / total,
                                mrrLost: $0.value.mrrLost) }
            .sorted { a, b in
                if (a.reason == unknownReason) != (b.reason == unknownReason) { return b.reason == unknownReason }
                return a.count != b.count ? a.count > b.count : a.reason < b.reason
            }
    }
}

/// The churns of one reason: how many, and their MRR lost added in event order.
private struct Tally {
    var count = 0
    var mrrLost = 0.0

    mutating func add(_ mrr: Double) {
        count += 1
        mrrLost += mrr
    }
}
