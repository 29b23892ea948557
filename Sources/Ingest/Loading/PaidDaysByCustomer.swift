import Model

extension CustomerOrderBook {
    /// Customer c's paid days (orders with an amount > 0, dated on or before `asOf` when one is
    /// given), ascending, repeats kept, written into `days` (emptied first; `Day.ordinal`
    /// values): the customer's orders read in file order, then sorted when they are not already
    /// ascending (an export in date order leaves nothing to sort).
    func paidDays(of customer: CustomerIndex, asOf: Day?, into days: inout [Int32]) {
        days.removeAll(keepingCapacity: true)
        let last = asOf?.ordinal ?? Int32.max
        let amounts = self.amounts(of: customer)
        var ascending = true
        for (day, amount) in zip(self.days(of: customer), amounts) where amount > 0 && day.ordinal <= last {
            if let previous = days.last, day.ordinal < previous { ascending = false }
            days.append(day.ordinal)
        }
        if !ascending { days.sort() }
    }
}
