/// Everything the ingest stage produced: the canonical records and the accounting of each
/// input file. Records refer to customers by their index in `customers`.
public struct Dataset: Sendable {
    public var customers: [Customer]
    public var subscriptions: [Subscription]
    /// The orders, grouped by customer (see `CustomerOrderBook`: file order within a customer).
    public var orders: CustomerOrderBook
    public var surveys: SurveyAnswers
    public var tickets: [SupportTicket]
    /// ISO 4217 code of the report currency (every amount is in it).
    public var currency: String
    public var inputs: [InputAccounting]
    /// Files of an input folder that were not read, with the reason for each.
    public var notUsed: [NotUsedInput] = []
    /// Order businesses: at ingest, only the cadences the orders state (`declared`; `cadence` is
    /// empty); `billingCadences(asOf:)` infers every customer's from the orders up to a report
    /// date. Nil for a subscription business.
    public var billingCadences: BillingCadences?

    /// `orders` in file order; they are grouped by customer here (`CustomerOrderBook(_:)`).
    public init(customers: [Customer] = [], subscriptions: [Subscription] = [], orders: [Order] = [],
                surveys: [SurveyResponse] = [], tickets: [SupportTicket] = [], currency: String = "USD",
                inputs: [InputAccounting] = []) {
        self.customers = customers
        self.subscriptions = subscriptions
        self.orders = CustomerOrderBook(orders)
        self.surveys = SurveyAnswers(surveys)
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

    /// The first and last event dates: customer signups, order days, survey answers and ticket
    /// creations (in UTC days, as the records hold them). Scheduled ends, cancellations and
    /// subscription starts are not events: they may lie ahead of the report date. The default
    /// report date is the upper end; nil when no record is dated.
    public var eventDays: ClosedRange<Day>? {
        var first = Day(ordinal: .max), last = Day(ordinal: .min)
        func see(_ d: Day) {
            if d < first { first = d }
            if d > last { last = d }
        }
        for c in customers { see(c.signup) }
        if let days = orders.dayRange {
            see(days.lowerBound)
            see(days.upperBound)
        }
        for i in surveys.indices { see(surveys.day(at: i)) }
        for t in tickets { see(t.created.day()) }
        return first <= last ? first...last : nil
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
