import Model

extension CustomerOrderBook {
    /// Customer c's paid days (orders with an amount > 0, dated on or before `asOf` when one is
    /// given), ascending, repeats kept, written into `days` (emptied first; `Day.ordinal`
    /// values): the customer's orders read in file order, then sorted when they are not already
    /// ascending (an export in date order leaves nothing to sort).
    func paidDays(of customer: CustomerIndex, asOf: Day?, into days: inout [Int32]) {
        let columns = self.columns
        Self.paidDays(at: orderPositions(of: customer), of: columns.days, columns.amounts, asOf: asOf, into: &days)
    }

    /// `paidDays(of:asOf:into:)` of the orders at `positions` of a book's `columns` (taken once
    /// by a caller that reads many customers).
    static func paidDays(at positions: Range<Int>, of bookDays: DayColumn, _ bookAmounts: AmountColumn, asOf: Day?,
                         into days: inout [Int32]) {
        days.removeAll(keepingCapacity: true)
        let last = asOf?.ordinal ?? Int32.max
        var ascending = true
        for k in positions {
            let day = bookDays[k].ordinal
            guard bookAmounts[k] > 0 && day <= last else { continue }
            if let previous = days.last, day < previous { ascending = false }
            days.append(day)
        }
        if !ascending { days.sort() }
    }
}
