import Model

/// Which date puts a customer in a cohort.
public enum CohortBasis: String, Sendable, CaseIterable {
    /// The customer's signup / created date.
    case signup
    /// The first paid day: first subscription start with MRR > 0, or first order with amount > 0.
    case firstPayment = "first_payment"
}

/// The choices every metric is computed under. Metrics never read the clock: `asOf` is "today".
public struct MetricsConfiguration: Sendable, Hashable {
    /// The report date. Data after it is ignored; the period containing it is incomplete.
    public var asOf: Day
    /// Period length (day, week, month, quarter) and week start.
    public var calendar: PeriodCalendar
    public var cohortBasis: CohortBasis
    /// Unbounded retention: a customer counts as retained in period k if active in k or later.
    public var unboundedRetention: Bool
    /// Order businesses only: a customer with no order for this many days is churned, on the
    /// day after their last order + this many days.
    public var inactivityDays: Int
    /// Order businesses: days each customer stays active after a payment (by `CustomerIndex`),
    /// from their billing cadence; nil (or a customer beyond its end): `inactivityDays`.
    public var activeDaysAfterPayment: [Int]?
    /// Gross margin used by CLV (1.0 = 100 %).
    public var grossMargin: Double
    /// Attributes to break metrics down by (e.g. `plan`, `segment`, `region`, `channel`).
    public var segmentAttributes: [String]
    /// Decimal places of the report currency's minor unit (`MinorUnit.digits(of:)`); amounts and
    /// MRR are rounded to it as they enter the activity ledger. A dataset's own currency wins
    /// when the ledger is built from a `Dataset`.
    public var minorUnitDigits: Int

    public init(asOf: Day, calendar: PeriodCalendar = PeriodCalendar(.month), cohortBasis: CohortBasis = .signup,
                unboundedRetention: Bool = false, inactivityDays: Int = 90, grossMargin: Double = 1.0,
                segmentAttributes: [String] = ["plan", "segment", "region", "channel"], minorUnitDigits: Int = 2,
                activeDaysAfterPayment: [Int]? = nil) {
        self.activeDaysAfterPayment = activeDaysAfterPayment
        self.asOf = asOf
        self.calendar = calendar
        self.cohortBasis = cohortBasis
        self.unboundedRetention = unboundedRetention
        self.inactivityDays = inactivityDays
        self.grossMargin = grossMargin
        self.segmentAttributes = segmentAttributes
        self.minorUnitDigits = minorUnitDigits
    }
}
