/// Traffic-light health of a customer.
public enum HealthStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    case red, amber, green

    public static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rank < b.rank }
    private var rank: Int {
        switch self {
        case .red: return 0
        case .amber: return 1
        case .green: return 2
        }
    }
}

/// Where the 0–100 score changes colour. The score is rounded to a whole point (halves up) first,
/// so the defaults read exactly like Gainsight's bands: 0–50 red, 51–75 amber, 76–100 green.
public struct HealthBands: Sendable, Hashable {
    /// Lowest rounded score that is amber.
    public var amberFrom: Int
    /// Lowest rounded score that is green.
    public var greenFrom: Int

    public init(amberFrom: Int = 51, greenFrom: Int = 76) {
        self.amberFrom = amberFrom
        self.greenFrom = greenFrom
    }

    public func status(of score: Double) -> HealthStatus {
        // Scores are 0…100; anything unreadable (NaN, ±infinity) counts as the lowest.
        let whole = Int(exactly: (score + 0.5).rounded(.down)) ?? Int.min
        if whole >= greenFrom { return .green }
        if whole >= amberFrom { return .amber }
        return .red
    }
}
