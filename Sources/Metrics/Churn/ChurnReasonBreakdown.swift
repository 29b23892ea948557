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
        // Each event's reason looked up once for both breakdowns.
        let reasons = ReasonCodes(events)
        return (Self(window: window, events: events, reasons: reasons, calendar: calendar),
                Self(window: history, events: events, reasons: reasons, calendar: calendar))
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
        self.init(window: window, events: events, reasons: ReasonCodes(events), calendar: calendar)
    }

    /// From the events (in ledger order) dated inside the window, `reasons` coding their reasons.
    private init(window: [Period], events: [ChurnEvent], reasons: ReasonCodes, calendar: PeriodCalendar) {
        self.window = window
        guard let first = window.first, let last = window.last else {
            rows = []
            perPeriod = []
            return
        }
        // The window's periods are consecutive: the events of period `first.index + k` go to slot k.
        let periods = PeriodIndexTable(calendar: calendar, days: first.start...last.end.adding(days: -1))
        var total = Tallies(reasons: reasons.names.count)
        var byPeriod = [Tallies](repeating: total, count: window.count)
        for (e, code) in zip(events, reasons.codes) where e.day >= first.start && e.day < last.end {
            total.add(code, e.mrrLost)
            let k = periods.index(containing: e.day) - first.index
            if byPeriod.indices.contains(k) { byPeriod[k].add(code, e.mrrLost) }
        }
        rows = total.rows(reasons.names)
        perPeriod = zip(window, byPeriod).map { p, tallies in PeriodRows(period: p, rows: tallies.rows(reasons.names)) }
    }
}

/// Every event's reason (its CRM reason, or `unknownReason` when it has none or an empty one)
/// as a position in `names`, the reasons in order of first appearance.
private struct ReasonCodes {
    var names: [String] = []
    var codes: [Int] = []

    init(_ events: [ChurnEvent]) {
        var numbering = FirstSeenNumbering<String>(capacity: events.count)
        codes.reserveCapacity(events.count)
        for e in events {
            let key = e.reason.flatMap { $0.isEmpty ? nil : $0 } ?? ChurnReasonBreakdown.unknownReason
            codes.append(Int(numbering.number(of: key).number))
        }
        names = numbering.values
    }
}

/// The churns of each reason code: how many, and their MRR lost added in event order.
private struct Tallies {
    private var counts: [Int]
    private var mrrLost: [Double]

    init(reasons: Int) {
        counts = Array(repeating: 0, count: reasons)
        mrrLost = Array(repeating: 0, count: reasons)
    }

    mutating func add(_ code: Int, _ mrr: Double) {
        counts[code] += 1
        mrrLost[code] += mrr
    }

    /// The reasons with churns: share = count ÷ all churns counted; by count (descending), then
    /// name, Unknown last.
    func rows(_ names: [String]) -> [ChurnReasonBreakdown.Row] {
        let unknown = ChurnReasonBreakdown.unknownReason
        let total = Double(counts.reduce(0, +))
        return names.indices.filter { counts[$0] > 0 }
            .map { ChurnReasonBreakdown.Row(reason: names[$0], count: counts[$0], share: Double(counts[$0]) / total, mrrLost: mrrLost[$0]) }
            .sorted { a, b in
                if (a.reason == unknown) != (b.reason == unknown) { return b.reason == unknown }
                return a.count != b.count ? a.count > b.count : a.reason < b.reason
            }
    }
}
