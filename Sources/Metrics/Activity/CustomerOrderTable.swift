import Model

/// One customer's orders as the order ledger keeps them: `CustomerOrders` read in place from
/// the flat arrays of a `CustomerOrderTable`.
public struct CustomerOrderHistory: Sendable, Hashable {
    /// Distinct days with at least one positive order, ascending.
    public let paidDays: ArraySlice<Day>
    /// Periods with any order (positive or refund), ascending by period index.
    public let periods: ArraySlice<PeriodRevenue>
    /// Number of positive orders and their total (refunds excluded).
    public let paidOrderCount: Int
    public let paidAmount: Double
    /// Total of refunds / negative amounts (≤ 0).
    public let refundAmount: Double

    public var firstPaid: Day? { paidDays.first }
    public var lastPaid: Day? { paidDays.last }
}

/// Every customer's `CustomerOrders` in one flat layout, indexed by `CustomerIndex`: all paid
/// days in one array and all period rows in another, each customer's run found through an
/// offset table. Per customer that is 32 bytes plus 4 per paid day and 16 per period row, where
/// two small arrays of their own cost two headers, two heap blocks and their growth slack.
public struct CustomerOrderTable: RandomAccessCollection, Sendable, Hashable {
    /// Customer c's paid days are `days[dayStarts[c] ..< dayStarts[c + 1]]`; likewise periods.
    private var dayStarts: [Int32] = [0]
    private var days: [Day] = []
    private var periodStarts: [Int32] = [0]
    private var periodRows: [PeriodRevenue] = []
    private var totals: [Totals] = []

    private struct Totals: Sendable, Hashable {
        var paidOrderCount: Int
        var paidAmount: Double
        var refundAmount: Double
    }

    public init() {}

    /// The table of `orders` (`orders[c]` is customer c's).
    public init(_ orders: [CustomerOrders]) {
        reserveCapacity(customers: orders.count)
        days.reserveCapacity(orders.reduce(0) { $0 + $1.paidDays.count })
        periodRows.reserveCapacity(orders.reduce(0) { $0 + $1.periods.count })
        for o in orders { append(o) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { totals.count }

    public subscript(customer: Int) -> CustomerOrderHistory {
        let t = totals[customer]
        return CustomerOrderHistory(paidDays: days[Int(dayStarts[customer])..<Int(dayStarts[customer + 1])],
                                    periods: periodRows[Int(periodStarts[customer])..<Int(periodStarts[customer + 1])],
                                    paidOrderCount: t.paidOrderCount, paidAmount: t.paidAmount,
                                    refundAmount: t.refundAmount)
    }

    /// Room for `customers` more customers and, when given, `rows` more paid days and period
    /// rows each (an upper bound such as their order count: capacity that is never written is
    /// address space only, and a buffer allocated once at its final size is returned to the
    /// system whole when freed, where one grown by doubling leaves freed pieces behind).
    mutating func reserveCapacity(customers: Int, rows: Int = 0) {
        dayStarts.reserveCapacity(dayStarts.count + customers)
        periodStarts.reserveCapacity(periodStarts.count + customers)
        totals.reserveCapacity(totals.count + customers)
        days.reserveCapacity(days.count + rows)
        periodRows.reserveCapacity(periodRows.count + rows)
    }

    /// Adds the next customer's orders.
    mutating func append(_ orders: CustomerOrders) {
        days.append(contentsOf: orders.paidDays)
        periodRows.append(contentsOf: orders.periods)
        dayStarts.append(Int32(days.count))
        periodStarts.append(Int32(periodRows.count))
        totals.append(Totals(paidOrderCount: orders.paidOrderCount, paidAmount: orders.paidAmount,
                             refundAmount: orders.refundAmount))
    }

    /// The customers of `parts`, one table after the other, in arrays of exactly their size.
    init(joining parts: [CustomerOrderTable]) {
        reserveCapacity(customers: parts.reduce(0) { $0 + $1.count })
        days.reserveCapacity(parts.reduce(0) { $0 + $1.days.count })
        periodRows.reserveCapacity(parts.reduce(0) { $0 + $1.periodRows.count })
        for part in parts {
            let dayBase = Int32(days.count), periodBase = Int32(periodRows.count)
            days.append(contentsOf: part.days)
            periodRows.append(contentsOf: part.periodRows)
            dayStarts.append(contentsOf: part.dayStarts.dropFirst().lazy.map { $0 + dayBase })
            periodStarts.append(contentsOf: part.periodStarts.dropFirst().lazy.map { $0 + periodBase })
            totals.append(contentsOf: part.totals)
        }
    }
}
