/// Everything the ingest stage produced: the canonical records and the accounting of each
/// input file. Records refer to customers by their index in `customers`.
public struct Dataset: Sendable {
    public var customers: [Customer]
    public var subscriptions: [Subscription]
    public var orders: [Order]
    public var surveys: [SurveyResponse]
    public var tickets: [SupportTicket]
    /// ISO 4217 code of the report currency (every amount is in it).
    public var currency: String
    public var inputs: [InputAccounting]
    /// Files of an input folder that were not read, with the reason for each.
    public var notUsed: [NotUsedInput] = []
    /// Order businesses: each customer's billing cadence, inferred at ingest (nil otherwise).
    public var billingCadences: BillingCadences?

    public init(customers: [Customer] = [], subscriptions: [Subscription] = [], orders: [Order] = [],
                surveys: [SurveyResponse] = [], tickets: [SupportTicket] = [], currency: String = "USD",
                inputs: [InputAccounting] = []) {
        self.customers = customers
        self.subscriptions = subscriptions
        self.orders = orders
        self.surveys = surveys
        self.tickets = tickets
        self.currency = currency
        self.inputs = inputs
    }

    /// Customer id → index, built on demand.
    public func customerIndexByID() -> [String: CustomerIndex] {
        var map = [String: CustomerIndex](minimumCapacity: customers.count)
        for (i, c) in customers.enumerated() { map[c.id] = i }
        return map
    }

    /// The latest day found in any record: the natural "as of" when none is given.
    public var latestDay: Day? {
        var latest: Day?
        func see(_ d: Day?) { if let d, latest.map({ d > $0 }) ?? true { latest = d } }
        for c in customers { see(c.signup); see(c.churnDate) }
        for s in subscriptions { see(s.start) }
        for o in orders { see(o.day) }
        for r in surveys { see(r.day) }
        for t in tickets { see(t.created.day()) }
        return latest
    }
}

/// A file of an input folder that the report does not read, and why.
public struct NotUsedInput: Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
