/// What a health rule looks at, and its thresholds. Every signal scores on a continuous scale,
/// linear between its thresholds (`HealthSignal.linear` / `stepped`): for discrete answers from
/// the "none" threshold (0) to the "full" one (1); for days and ratios through full (1), half (½)
/// and a zero point as far beyond half as half is from full (tenure: zero at day 0).
public enum HealthSignal: Sendable, Hashable {
    /// The customer's latest NPS answer within `lookbackDays` before `asOf`:
    /// 6 or less none, 9–10 full, linear between (7 → ⅓, 8 → ⅔).
    case latestNPS(lookbackDays: Int)
    /// The latest CSAT answer within `lookbackDays`: 4–5 (or "good") full, 3 half, 1–2 (or "bad") none.
    case latestCSAT(lookbackDays: Int)
    /// Tickets open at `asOf`: at most `fullAtMost` full, `halfAtMost` + 1 or more none, linear
    /// between (defaults: 0 → 1, 1 → ⅔, 2 → ⅓, 3 → 0).
    /// Applies to every customer once the dataset has any ticket.
    case openTickets(fullAtMost: Int, halfAtMost: Int)
    /// Tickets open longer than their priority's resolution target (`SupportConfiguration`):
    /// none full, `halfAtMost` + 1 or more none, linear between. Applies once the dataset has any ticket.
    case overdueTickets(halfAtMost: Int)
    /// Revenue now against before, ratio = now ÷ before: ≥ 1 full, `halfFromRatio` half,
    /// 2 × `halfFromRatio` − 1 or less none, linear between (defaults: 0.95 → ¾, 0.9 → ½, 0.8 → 0).
    /// Customers with subscriptions: MRR on `asOf` vs MRR on the same day `periodsBack` periods
    /// earlier (configured calendar; day clamped to the period's end). Otherwise orders net of
    /// refunds in the last `orderWindowDays` days vs the `orderWindowDays` before. Before ≤ 0 and
    /// now > 0 scores full; no revenue in either window is no data.
    case revenueTrend(periodsBack: Int, orderWindowDays: Int, halfFromRatio: Double)
    /// Days since the customer was last seen. With a last-login date on or before `asOf`: at most
    /// `loginFullDays` full, `loginHalfDays` half, 2 × half − full days or more none, linear between
    /// (defaults 14, 30, 46). Otherwise, with orders on at least two distinct days, days since the
    /// last order ÷ the usual interval (median gap between order days): `fullUpToMultiple` full,
    /// `halfUpToMultiple` half, 2 × half − full none (defaults 1.5, 3, 4.5), linear between.
    case recency(loginFullDays: Int, loginHalfDays: Int, fullUpToMultiple: Double, halfUpToMultiple: Double)
    /// Days since signup: `fullFromDays` or more full, `halfFromDays` half, 0 none, linear between.
    case tenure(fullFromDays: Int, halfFromDays: Int)
}

/// One weighted rule: up to `maxPoints` points from one signal.
public struct HealthRule: Sendable, Hashable {
    /// Shown next to the points (e.g. "NPS", "Open tickets").
    public var name: String
    public var maxPoints: Double
    public var signal: HealthSignal

    public init(name: String, maxPoints: Double, signal: HealthSignal) {
        self.name = name
        self.maxPoints = maxPoints
        self.signal = signal
    }
}

/// A health configuration the scorer cannot use, with what to change.
public enum HealthConfigurationError: Error, Equatable, CustomStringConvertible {
    case noRules
    case pointsDoNotSumTo100(sum: Double)
    case nonPositivePoints(rule: String, points: Double)
    case bandsOutOfOrder(amberFrom: Int, greenFrom: Int)

    public var description: String {
        switch self {
        case .noRules:
            return "error: health scoring has no rules; configure at least one rule"
        case .pointsDoNotSumTo100(let sum):
            return "error: health rule points add up to \(sum), not 100; adjust the rules' maximum points"
        case .nonPositivePoints(let rule, let points):
            return "error: health rule '\(rule)' has \(points) maximum points; give every rule more than 0"
        case .bandsOutOfOrder(let amber, let green):
            return "error: health bands need 0 < amber (\(amber)) < green (\(green)) ≤ 100"
        }
    }
}

/// Weighted rules and colour bands of the customer health score.
///
/// Defaults (100 points): NPS 20, CSAT 10, open tickets 10, overdue tickets 10, revenue trend 20,
/// recency 20, tenure 10; bands 0–50 red, 51–75 amber, 76–100 green.
public struct HealthConfiguration: Sendable, Hashable {
    public var rules: [HealthRule]
    public var bands: HealthBands
    /// Resolution targets that make a ticket overdue.
    public var support: SupportConfiguration

    public init(rules: [HealthRule] = HealthConfiguration.defaultRules, bands: HealthBands = HealthBands(),
                support: SupportConfiguration = SupportConfiguration()) {
        self.rules = rules
        self.bands = bands
        self.support = support
    }

    public static let defaultRules: [HealthRule] = [
        HealthRule(name: "NPS", maxPoints: 20, signal: .latestNPS(lookbackDays: 365)),
        HealthRule(name: "CSAT", maxPoints: 10, signal: .latestCSAT(lookbackDays: 180)),
        HealthRule(name: "Open tickets", maxPoints: 10, signal: .openTickets(fullAtMost: 0, halfAtMost: 2)),
        HealthRule(name: "Overdue tickets", maxPoints: 10, signal: .overdueTickets(halfAtMost: 0)),
        HealthRule(name: "Revenue trend", maxPoints: 20,
                   signal: .revenueTrend(periodsBack: 3, orderWindowDays: 90, halfFromRatio: 0.9)),
        HealthRule(name: "Recency", maxPoints: 20,
                   signal: .recency(loginFullDays: 14, loginHalfDays: 30, fullUpToMultiple: 1.5, halfUpToMultiple: 3)),
        HealthRule(name: "Tenure", maxPoints: 10, signal: .tenure(fullFromDays: 365, halfFromDays: 90)),
    ]

    /// Checks the rules' points add up to 100 (within 1e-9), every rule is worth something and
    /// the bands are ordered.
    public func validate() throws(HealthConfigurationError) {
        guard !rules.isEmpty else { throw .noRules }
        for rule in rules where !(rule.maxPoints > 0) {
            throw .nonPositivePoints(rule: rule.name, points: rule.maxPoints)
        }
        let sum = rules.reduce(0) { $0 + $1.maxPoints }
        guard abs(sum - 100) < 1e-9 else { throw .pointsDoNotSumTo100(sum: sum) }
        guard bands.amberFrom > 0, bands.amberFrom < bands.greenFrom, bands.greenFrom <= 100 else {
            throw .bandsOutOfOrder(amberFrom: bands.amberFrom, greenFrom: bands.greenFrom)
        }
    }
}
