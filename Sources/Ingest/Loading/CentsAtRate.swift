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

    /// The amount so made: `Double(cents) / 100`, times `rate` when there is one (the same
    /// operations on the same values as reading the cell and converting it, so the same bits).
    @inline(__always)
    public var amount: Double {
        let major = Double(cents) / 100
        guard let rate else { return major }
        return major * rate
    }
}
