import Model

/// Logo churn rate per value of a customer attribute, with a 95 % Wilson interval.
///
/// Over the window (default: the last 12 complete periods), rate = Σ churned ÷ Σ customers at
/// start, summed over the periods (ChurnSeries definitions), i.e. the average churn per
/// customer-period. The interval treats each customer-period as one Bernoulli trial
/// (Wilson 1927 score interval, `WilsonInterval`); with no customer-periods the rate is nil and
/// the interval [0, 1].
public struct SegmentChurn: Sendable, Hashable {
    public static let definition = """
        Churn rate per segment = churned customers ÷ customers at the start of each period, summed \
        over the last 12 complete periods, with a 95% Wilson score interval that counts every \
        customer-period as one trial. Wide intervals mean the segment is too small to tell apart.
        """

    public struct Row: Sendable, Hashable {
        public let value: String
        public let churned: Int
        public let customerPeriods: Int
        public let interval: WilsonInterval
        public var rate: Double? { interval.proportion }
    }

    public let attribute: String
    public let rows: [Row]

    public init(ledger: ActivityLedger, attribute: String, periods count: Int = 12) {
        self.attribute = attribute
        // Each customer's value is looked up once and coded as its position among the values;
        // the series of every value come from one walk over the ledger, grouped by that code.
        let segments = SegmentCodes(ledger, attribute: attribute)
        let series = ChurnSeries.grouped(ledger: ledger, groups: segments.values.count) { Int(segments.codes[$0]) }
        rows = zip(segments.values, series).map { value, series in
            let window = ChurnSeries.completeWindow(series.periods, ledger: ledger, count: count)
            let churned = window.reduce(0) { $0 + $1.churned }
            let trials = window.reduce(0) { $0 + $1.customersAtStart }
            return Row(value: value, churned: churned, customerPeriods: trials,
                       interval: WilsonInterval(successes: churned, trials: trials))
        }
    }
}

extension ChurnSeries {
    /// The periods of `periods` inside the last `count` complete calendar periods.
    static func completeWindow(_ periods: [ChurnPeriod], ledger: ActivityLedger, count: Int) -> [ChurnPeriod] {
        let calendar = ledger.configuration.calendar
        let current = calendar.period(containing: ledger.asOf)
        let lastComplete = ledger.asOf.adding(days: 1) == current.end ? current.index : current.index - 1
        return periods.filter { $0.period.index <= lastComplete && $0.period.index > lastComplete - count }
    }
}
