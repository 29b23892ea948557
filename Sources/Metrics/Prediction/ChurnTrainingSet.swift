import Model

/// Rows of the churn model: every customer active at a month end, with the features known at
/// that day and the label "churned within the next 90 days".
///
/// A customer active on month end D is labelled churned when the active span that contains D
/// ends (the churn day, first day no longer active) on or before D + 90. The label is known on
/// D + 90, so a set built for a cut-off day uses month ends D with D + 90 ≤ cut-off only.
struct ChurnTrainingSet {
    struct Row {
        let customer: CustomerIndex
        let monthEnd: Day
        let features: [Double]
        /// The rule-based health score on `monthEnd` (the health predictor's input).
        let healthScore: Double?
        let churned: Bool
    }

    static let horizonDays = 90

    /// The last day of each calendar month from the first paid day to `through` (inclusive).
    static func monthEnds(ledger: ActivityLedger, through last: Day) -> [Day] {
        let monthly = PeriodCalendar(.month)
        guard let first = ledger.activity.lazy.compactMap({ $0?.firstActive }).min(), first <= last else { return [] }
        var ends: [Day] = []
        var period = monthly.period(containing: first)
        while period.end.adding(days: -1) <= last {
            ends.append(period.end.adding(days: -1))
            period = monthly.period(index: period.index + 1)
        }
        return ends
    }

    /// Whether `customer`, active on `day`, stops being active within the next 90 days;
    /// nil when not active on `day`.
    static func churns(_ activity: CustomerActivity, after day: Day) -> Bool? {
        guard let span = activity.spans.first(where: { $0.contains(day) }) else { return nil }
        guard let end = span.end else { return false }
        return end <= day.adding(days: horizonDays)
    }

    /// Customers scored at one month end: all active ones, or every `stride`-th in customer order
    /// when the set would be too large (deterministic thinning, same customers every month).
    /// Only the customers that are multiples of `stride` are looked at (`activity` is indexed by
    /// customer), so a month end costs its thinned customers, not every customer.
    static func rows(at day: Day, features: ChurnFeatureSet, context: ChurnFeatureContext, stride: Int) -> [Row] {
        let activity = context.ledger.activity
        let candidates = (activity.count + stride - 1) / stride
        return FixedPartition.map(candidates) { range in
            var walk = ChurnFeatureWalk(features: features, context: context)
            var rows: [Row] = []
            for i in range {
                guard let customer = activity[i * stride], customer.customer % stride == 0,
                      let churned = churns(customer, after: day) else { continue }
                walk.begin(customer.customer)
                walk.row(at: day)
                rows.append(Row(customer: customer.customer, monthEnd: day, features: walk.values,
                                healthScore: walk.healthScore, churned: churned))
            }
            return rows
        }.flatMap { $0 }
    }
}
