/// One order, invoice or charge. Refunds and credit notes are negative amounts.
/// Kept small (24 bytes) because exports can hold tens of millions of them.
public struct Order: Sendable, Hashable {
    public var customer: CustomerIndex
    public var day: Day
    /// Amount in the report currency (converted at ingest when rates are configured).
    public var amount: Double

    public init(customer: CustomerIndex, day: Day, amount: Double) {
        self.customer = customer
        self.day = day
        self.amount = amount
    }
}
