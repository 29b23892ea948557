import Model

/// Cohorts of an orders-only export, aggregated while the orders stream past: customers are
/// discovered from the orders themselves (the ingest rule when no customers file is given: a
/// customer's signup is their first order day), so memory is O(customers × active days) and
/// never O(rows).
///
/// Feed it every order with `add(customerID:day:amount:)`, in any order, then `finish()`.
public struct OrderCohortStream: Sendable {
    public let configuration: MetricsConfiguration
    private var index: [String: CustomerIndex] = [:]
    private var ids: [String] = []
    private var firstSeen: [Day] = []
    private var orders: OrderActivityAccumulator

    public init(configuration: MetricsConfiguration) {
        self.configuration = configuration
        orders = OrderActivityAccumulator(customerCount: 0, asOf: configuration.asOf, calendar: configuration.calendar)
    }

    /// Customers seen so far.
    public var customerCount: Int { ids.count }

    public mutating func add(customerID: String, day: Day, amount: Double) {
        let customer: CustomerIndex
        if let known = index[customerID] {
            customer = known
            if day < firstSeen[customer] { firstSeen[customer] = day }
        } else {
            customer = orders.appendCustomer()
            index[customerID] = customer
            ids.append(customerID)
            firstSeen.append(day)
        }
        orders.add(Order(customer: customer, day: day, amount: amount))
    }

    /// The activity ledger: customers in first-seen order, signup = first order day.
    public func ledger() -> ActivityLedger {
        let customers = ids.indices.map { Customer(id: ids[$0], signup: firstSeen[$0]) }
        return ActivityLedger(customers: customers, orders: orders, configuration: configuration)
    }

    public func finish() -> CohortTable { CohortTable(ledger: ledger()) }
}
