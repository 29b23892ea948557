/// The at-risk list read in part: what the report shows (a count and the first rows) without
/// copying every Red and Amber customer's score the way ``HealthReport/atRisk`` does.
extension HealthReport {
    /// How many customers are Red or Amber (`atRisk.count`).
    public var atRiskCount: Int { atRiskOrder.count }

    /// How many of them are Red.
    public var atRiskRedCount: Int {
        atRiskOrder.reduce(0) { $0 + (scores[Int($1)].status == .red ? 1 : 0) }
    }

    /// The first `n` customers of ``HealthReport/atRisk`` (all of them when there are fewer).
    public func atRisk(first n: Int) -> [HealthScore] {
        atRiskOrder.prefix(max(0, n)).map { scores[Int($0)] }
    }
}
