/// A recurring subscription, with its amount already normalised to monthly recurring revenue.
///
/// MRR normalisation (done at ingest): monthly amount as is, annual ÷ 12, quarterly ÷ 3,
/// weekly × 52 ÷ 12; taxes excluded; trials and free plans carry `mrr == 0` and `isTrial`.
public struct Subscription: Sendable, Hashable {
    public var id: String
    public var customer: CustomerIndex
    /// First day the subscription is billed.
    public var start: Day
    /// First day it is no longer active (cancellation / end date), nil while active.
    public var end: Day?
    /// Monthly recurring revenue in the report currency.
    public var mrr: Double
    public var plan: String?
    public var isTrial: Bool

    public init(id: String, customer: CustomerIndex, start: Day, end: Day? = nil, mrr: Double,
                plan: String? = nil, isTrial: Bool = false) {
        self.id = id
        self.customer = customer
        self.start = start
        self.end = end
        self.mrr = mrr
        self.plan = plan
        self.isTrial = isTrial
    }

    /// Active on `day`: started on or before it and not yet ended.
    public func isActive(on day: Day) -> Bool {
        start <= day && (end.map { day < $0 } ?? true)
    }
}
