import Model

/// Builds an order business's cohort table from orders consumed one at a time (a streamed
/// order file, or `Dataset.orders`: `CohortTable(dataset:configuration:)` uses this too).
///
/// Memory is O(customers × periods with activity) plus the distinct paid days per customer
/// (needed for inactivity churn); orders can arrive in any order.
public struct CohortAccumulator: Sendable {
    public let customers: [Customer]
    public let configuration: MetricsConfiguration
    private var orders: OrderActivityAccumulator

    public init(customers: [Customer], configuration: MetricsConfiguration) {
        self.customers = customers
        self.configuration = configuration
        self.orders = OrderActivityAccumulator(customerCount: customers.count, asOf: configuration.asOf,
                                               calendar: configuration.calendar,
                                               minorUnitDigits: configuration.minorUnitDigits)
    }

    public mutating func add(_ order: Order) { orders.add(order) }

    /// The activity ledger of the orders seen so far (for churn, survival and order metrics).
    public func ledger() -> ActivityLedger {
        ActivityLedger(customers: customers, orders: orders, configuration: configuration)
    }

    public func finish() -> CohortTable { CohortTable(ledger: ledger()) }

    /// One table per value of `attribute`, as `CohortTable.bySegment`.
    public func finish(by attribute: String) -> [(value: String, table: CohortTable)] {
        CohortTable.bySegment(ledger(), attribute: attribute)
    }
}

extension Dataset {
    /// Cohort tables per value of a customer attribute (e.g. `"plan"`).
    public func cohortTables(by attribute: String, configuration: MetricsConfiguration) -> [(value: String, table: CohortTable)] {
        CohortTable.bySegment(ActivityLedger(dataset: self, configuration: configuration), attribute: attribute)
    }

    /// The cohort table over every customer.
    public func cohortTable(configuration: MetricsConfiguration) -> CohortTable {
        CohortTable(dataset: self, configuration: configuration)
    }
}
