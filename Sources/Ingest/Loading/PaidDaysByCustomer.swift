import Model

/// Each customer's paid days (orders with an amount > 0, dated on or before as-of when one is
/// given), ascending, repeats kept, in one flat array: grouped by customer with a counting sort
/// (one pass over the orders counts, one places; O(orders), where sorting every (customer, day)
/// pair costs O(orders × log orders)), then each customer's run sorted when it is not already
/// (an export in date order leaves nothing to sort).
struct PaidDaysByCustomer {
    /// `days[starts[c] ..< starts[c + 1]]` are customer c's paid days (`Day.ordinal`).
    private let starts: [Int32]
    private let days: [Int32]

    init(_ orders: [Order], customerCount: Int, asOf: Day?) {
        let last = asOf?.ordinal ?? Int32.max
        func isPaid(_ o: Order) -> Bool { o.amount > 0 && o.customer >= 0 && o.customer < customerCount && o.day.ordinal <= last }
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        for o in orders where isPaid(o) { starts[o.customer + 1] += 1 }
        for c in 0..<customerCount { starts[c + 1] += starts[c] }
        var next = starts
        var days = [Int32](repeating: 0, count: Int(starts[customerCount]))
        // Through buffer pointers: no uniqueness check of either array per order (every slot
        // written was counted above, so each index is in bounds).
        days.withUnsafeMutableBufferPointer { days in
            next.withUnsafeMutableBufferPointer { next in
                for o in orders where isPaid(o) {
                    days[Int(next[o.customer])] = o.day.ordinal
                    next[o.customer] += 1
                }
            }
        }
        for c in 0..<customerCount {
            let run = Int(starts[c])..<Int(starts[c + 1])
            if !Self.isAscending(days[run]) { days[run].sort() }
        }
        self.starts = starts
        self.days = days
    }

    /// Customer c's paid days, ascending (`Day.ordinal` values; a day paid twice appears twice).
    func days(of customer: Int) -> ArraySlice<Int32> {
        days[Int(starts[customer])..<Int(starts[customer + 1])]
    }

    private static func isAscending(_ run: ArraySlice<Int32>) -> Bool {
        var previous = Int32.min
        for day in run {
            if day < previous { return false }
            previous = day
        }
        return true
    }
}
