/// How an order amount was made, when it was made by exactly `Double(cents) / 100`, then times
/// `rate` when there is one: what a cell of at most two decimals (`PlainNumber.cents`) gives
/// with no tax or refund taken off, in the report currency or converted at a rate. Its short
/// code is then made without a search (`CompactOrderAmounts.code(cents:tag:)`).
public struct CentsAtRate: Sendable, Equatable {
    public var cents: Int64
    public var rate: Double?

    public init(cents: Int64, rate: Double?) {
        self.cents = cents
        self.rate = rate
    }
}
