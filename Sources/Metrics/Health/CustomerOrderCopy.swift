import Model

/// One customer's orders read out of the order book once, into buffers reused from customer
/// to customer (grown only when a customer has more orders than any before): the orders' days
/// and amounts in file order (the first `count` of `days` and `amounts`), their distinct paid
/// days (amount > 0) ascending (the first `paidCount` of `paidDays`), and whether the days
/// never go down in file order. The health walk and the churn model's order facts both read a
/// customer this way, then look at windows of the orders many times.
struct CustomerOrderCopy {
    private(set) var days: [Day] = []
    private(set) var amounts: [Double] = []
    private(set) var paidDays: [Day] = []
    private(set) var count = 0
    private(set) var paidCount = 0
    /// The days never go down in file order (then the orders of a span of days are one run of them).
    private(set) var inDayOrder = true

    /// Reads `customer`'s orders of `orders`, forgetting the previous customer's. The paid days
    /// are the days `HealthEvidence.Records.paidDays(of:into:)` gives. A caller that keeps a
    /// slice of `paidDays` must drop it first, so the buffer is not shared while it is refilled.
    mutating func read(_ customer: CustomerIndex, from orders: CustomerOrderBook) {
        // The book's orders are read in place (`forEach(of:)`): a day or amount column made per
        // customer would hold the book's shared storage, and the cores walking customers at once
        // contended for its reference count.
        let total = orders.orderPositions(of: customer).count
        // Written through pointers (swapped out and back) so no element costs an append.
        var outDays: [Day] = [], outAmounts: [Double] = [], outPaid: [Day] = []
        swap(&outDays, &days)
        swap(&outAmounts, &amounts)
        swap(&outPaid, &paidDays)
        if outDays.count < total {
            let size = max(total, 2 * outDays.count)
            outDays = Array(repeating: Day(ordinal: 0), count: size)
            outAmounts = Array(repeating: 0, count: size)
            outPaid = outDays
        }
        var paid = 0, ascending = true
        outDays.withUnsafeMutableBufferPointer { outDays in
            outAmounts.withUnsafeMutableBufferPointer { outAmounts in
                outPaid.withUnsafeMutableBufferPointer { outPaid in
                    var i = 0
                    orders.forEach(of: customer) { order in
                        let day = order.day, amount = order.amount
                        if i > 0 && day < outDays[i &- 1] { ascending = false }
                        outDays[i] = day
                        outAmounts[i] = amount
                        i &+= 1
                        if amount > 0 && (paid == 0 || outPaid[paid &- 1] != day) {
                            outPaid[paid] = day
                            paid &+= 1
                        }
                    }
                    paid = HealthEvidence.sortDistinct(outPaid, count: paid)
                }
            }
        }
        swap(&outDays, &days)
        swap(&outAmounts, &amounts)
        swap(&outPaid, &paidDays)
        count = total
        paidCount = paid
        inDayOrder = ascending
    }

    /// Positions of the orders (file order) that hold every order dated `start` … `end`: when
    /// the days never go down, the run from the first order on or after `start` through the last
    /// on or before `end` (found by binary search), else all of them. A reader that skips orders
    /// outside the span gets the same orders in the same order either way.
    func run(from start: Day, through end: Day) -> Range<Int> {
        guard inDayOrder else { return 0..<count }
        let first = Self.firstPosition(after: start.adding(days: -1), in: days, count: count)
        return first ..< max(first, Self.firstPosition(after: end, in: days, count: count))
    }

    /// How many of the paid days are on or before `day`.
    func paidDaysCount(through day: Day) -> Int {
        Self.firstPosition(after: day, in: paidDays, count: paidCount)
    }

    /// The first position among the first `count` (ascending) of `days` whose day is after `day`.
    private static func firstPosition(after day: Day, in days: [Day], count: Int) -> Int {
        precondition(count <= days.count, "a count of the buffer's days")
        // Positions below `count`: halved and stepped without overflow checks.
        return days.withUnsafeBufferPointer { days in
            var low = 0, high = count
            while low < high {
                let mid = (low &+ high) &>> 1
                if days[mid] <= day { low = mid &+ 1 } else { high = mid }
            }
            return low
        }
    }
}
