/// One order, invoice or charge. Refunds and credit notes are negative amounts.
/// Kept small (16 bytes: the customer index and the day as 32-bit integers beside the amount)
/// because exports can hold tens of millions of them.
public struct Order: Sendable, Hashable {
    /// Amount in the report currency (converted at ingest when rates are configured).
    public var amount: Double
    private var customerNumber: Int32
    public var day: Day

    /// The customer's index (below 2³¹: customers are counted in memory long before that).
    public var customer: CustomerIndex {
        get { CustomerIndex(customerNumber) }
        set { customerNumber = Int32(newValue) }
    }

    public init(customer: CustomerIndex, day: Day, amount: Double) {
        self.amount = amount
        self.customerNumber = Int32(customer)
        self.day = day
    }
}
