/// How often a customer of an order, payment or deal export pays, so that one payment keeps
/// the customer active for the period it paid for (plus a grace period) instead of a fixed
/// inactivity window.
public enum BillingCadence: String, Sendable, Hashable, CaseIterable {
    case monthly, quarterly, annual

    /// Days one payment covers: the longest month, quarter or year (31, 92, 366), so that the
    /// next payment on the same date of the next period is never late.
    public var coveredDays: Int {
        switch self {
        case .monthly: return 31
        case .quarterly: return 92
        case .annual: return 366
        }
    }

    /// Days after the covered period before a customer who has not paid again has churned.
    public static let graceDays = 30
}

/// The billing cadence of every customer of an order business, and how it was found.
public struct BillingCadences: Sendable, Hashable {
    /// By `CustomerIndex`; nil where there is no paid order to go by.
    public var cadence: [BillingCadence?]
    /// Customers whose orders state their cadence (an interval or plan column).
    public var fromColumn: [BillingCadence: Int]
    /// Customers whose cadence came from the gaps between their own payments.
    public var fromGaps: [BillingCadence: Int]
    /// Customers with a single payment, given the cadence most customers of the data have.
    public var fromMajority: [BillingCadence: Int]
    /// Customers with a single payment and no majority cadence to go by.
    public var unknown: Int
    /// By `CustomerIndex`: the cadence the customer's orders state (interval or plan column), kept
    /// so the inference can be redone from the orders up to a report date.
    public var declared: [BillingCadence?]

    public init(cadence: [BillingCadence?] = [], fromColumn: [BillingCadence: Int] = [:], fromGaps: [BillingCadence: Int] = [:],
                fromMajority: [BillingCadence: Int] = [:], unknown: Int = 0, declared: [BillingCadence?] = []) {
        self.cadence = cadence
        self.declared = declared
        self.fromColumn = fromColumn
        self.unknown = unknown
        self.fromGaps = fromGaps
        self.fromMajority = fromMajority
    }

    /// Days each customer stays active after a payment: covered days + grace; `fallback`
    /// (the inactivity window) where the cadence is unknown.
    public func activeDaysAfterPayment(fallback: Int) -> [Int] {
        cadence.map { $0.map { $0.coveredDays + BillingCadence.graceDays } ?? fallback }
    }
}
