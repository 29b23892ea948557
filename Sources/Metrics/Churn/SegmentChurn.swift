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
        // Each customer's value is looked up once and coded as its position among the values;
        // the series of every value come from one walk over the ledger, grouped by that code.
        let segments = SegmentCodes(ledger, attribute: attribute)
        self.init(ledger: ledger, attribute: attribute, values: segments.values,
                  series: ChurnSeries.grouped(ledger: ledger, groupings: [ChurnGrouping(segments)])[0], periods: count)
    }

    /// `ChurnSeries(ledger:)` and `SegmentChurn(ledger:attribute:periods:)` for each of
    /// `attributes`, from one walk over the ledger (`ChurnSeries.grouped(ledger:groupings:)`):
    /// the same values as computing each on its own.
    public static func withWholeSeries(ledger: ActivityLedger, attributes: [String], periods count: Int = 12)
        -> (whole: ChurnSeries, segments: [SegmentChurn]) {
        let segments = attributes.map { SegmentCodes(ledger, attribute: $0) }
        let series = ChurnSeries.grouped(ledger: ledger, groupings: [ChurnGrouping(groups: 1) { _ in 0 }]
                                             + segments.map(ChurnGrouping.init))
        return (series[0][0], attributes.indices.map { a in
            SegmentChurn(ledger: ledger, attribute: attributes[a], values: segments[a].values, series: series[a + 1],
                         periods: count)
        })
    }

    /// The rows of `values` from their series (`series[code]` is the series of `values[code]`).
    init(ledger: ActivityLedger, attribute: String, values: [String], series: [ChurnSeries], periods count: Int) {
        self.attribute = attribute
        rows = zip(values, series).map { value, series in
            let window = ChurnSeries.completeWindow(series.periods, ledger: ledger, count: count)
            let churned = window.reduce(0) { $0 + $1.churned }
            let trials = window.reduce(0) { $0 + $1.customersAtStart }
            return Row(value: value, churned: churned, customerPeriods: trials,
                       interval: WilsonInterval(successes: churned, trials: trials))
        }
    }
}

extension ChurnGrouping {
    /// Customers grouped by their code for one segment attribute.
    init(_ segments: SegmentCodes) {
        let codes = segments.codes
        self.init(groups: segments.values.count) { Int(codes[$0]) }
    }
}

extension ChurnSeries {
    /// The periods of `periods` inside the last `count` complete calendar periods.
    static func completeWindow(_ periods: [ChurnPeriod], ledger: ActivityLedger, count: Int) -> [ChurnPeriod] {
        let lastComplete = lastCompletePeriod(ledger)
        return periods.filter { $0.period.index <= lastComplete && $0.period.index > lastComplete - count }
    }

    /// Index of the last calendar period that ends on or before as-of (the current one when
    /// as-of is its last day, else the one before).
    static func lastCompletePeriod(_ ledger: ActivityLedger) -> Int {
        let current = ledger.configuration.calendar.period(containing: ledger.asOf)
        return ledger.asOf.adding(days: 1) == current.end ? current.index : current.index - 1
    }
}
