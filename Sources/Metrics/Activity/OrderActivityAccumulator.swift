import Model

/// Revenue and paid orders of one customer in one period.
public struct PeriodRevenue: Sendable, Hashable {
    /// `Period.index` in the configured calendar.
    public var period: Int
    /// Net revenue: every order amount in the period, refunds (negative amounts) included.
    public var revenue: Double
    /// Orders with a positive amount.
    public var paidOrders: Int
}

/// Everything the order metrics need about one customer's orders, kept compact.
public struct CustomerOrders: Sendable, Hashable {
    /// Distinct days with at least one positive order, ascending.
    public var paidDays: [Day] = []
    /// Periods with any order (positive or refund), ascending by period index.
    public var periods: [PeriodRevenue] = []
    /// Number of positive orders and their total (refunds excluded).
    public var paidOrderCount: Int = 0
    public var paidAmount: Double = 0
    /// Total of refunds / negative amounts (≤ 0).
    public var refundAmount: Double = 0

    public var firstPaid: Day? { paidDays.first }
    public var lastPaid: Day? { paidDays.last }
}

/// Consumes orders one at a time, in any order, and keeps per customer only the distinct paid
/// days and the periods with activity: memory is O(customers × active days), independent of
/// the number of order rows, so a 10-million-row file can be streamed through it.
///
/// Orders after `asOf` are counted in `ignoredAfterAsOf`, orders naming a customer index outside
/// the customer list in `ignoredUnknownCustomer`; neither changes any metric.
public struct OrderActivityAccumulator: Sendable {
    public let asOf: Day
    public let calendar: PeriodCalendar
    /// `customers[k]` is customer `firstCustomer + k`.
    public private(set) var customers: [CustomerOrders]
    public private(set) var ignoredAfterAsOf = 0
    public private(set) var ignoredUnknownCustomer = 0
    public private(set) var ordersSeen = 0
    /// Amounts are rounded to this many decimals (the currency's minor unit) as they enter.
    public let minorUnitDigits: Int
    /// The customer index of `customers[0]` (0 unless the accumulator covers one range of a
    /// partition of the customers).
    let firstCustomer: Int
    /// Period index of every day from `firstTableDay` through as-of (about 40 years, 58 KiB), so
    /// an order's period is one array read instead of calendar arithmetic; older days fall back
    /// to the calendar.
    private let periodTable: [Int32]
    private let firstTableDay: Int32
    static let tableDays: Int32 = 40 * 366
    /// Reused by `addOrders(of:_:in:)` while one customer's orders are folded (keeps its capacity).
    private var scratch = CustomerOrders()

    public init(customerCount: Int, asOf: Day, calendar: PeriodCalendar, minorUnitDigits: Int = 2) {
        self.init(customers: 0..<customerCount, asOf: asOf, calendar: calendar, minorUnitDigits: minorUnitDigits)
    }

    /// An accumulator of the customers of `range` only: orders naming any other customer count
    /// as unknown.
    init(customers range: Range<Int>, asOf: Day, calendar: PeriodCalendar, minorUnitDigits: Int) {
        self.asOf = asOf
        self.calendar = calendar
        self.minorUnitDigits = minorUnitDigits
        self.firstCustomer = range.lowerBound
        self.customers = Array(repeating: CustomerOrders(), count: range.count)
        firstTableDay = asOf.ordinal - Self.tableDays
        periodTable = (firstTableDay...asOf.ordinal).map { Int32(calendar.index(containing: Day(ordinal: $0))) }
    }

    public mutating func add(_ order: Order) {
        ordersSeen += 1
        let k = order.customer &- firstCustomer
        guard order.customer >= firstCustomer, k < customers.count else {
            ignoredUnknownCustomer += 1
            return
        }
        guard order.day <= asOf else {
            ignoredAfterAsOf += 1
            return
        }
        record(order, into: &customers[k])
    }

    /// Adds every order of `customer` (one of this accumulator's), in file order, as `add` would
    /// one by one, and keeps the customer's record at its exact size: the orders are folded into
    /// a reused scratch record and copied out once, so no per-customer array carries growth slack.
    mutating func addOrders(of customer: CustomerIndex, _ grouped: OrdersByCustomer, in orders: [Order]) {
        let k = customer - firstCustomer
        precondition(k >= 0 && k < customers.count, "customer \(customer) is not in this accumulator")
        var history = CustomerOrders()
        swap(&history, &scratch)  // uniquely referenced: emptying it keeps its buffers
        history.removeAll()
        grouped.forEach(of: customer, in: orders) { order in
            ordersSeen += 1
            guard order.day <= asOf else {
                ignoredAfterAsOf += 1
                return
            }
            record(order, into: &history)
        }
        customers[k] = history.exactSize()
        scratch = history
    }

    @inline(__always)
    private func record(_ order: Order, into history: inout CustomerOrders) {
        let offset = order.day.ordinal &- firstTableDay
        let periodIndex = offset >= 0 ? Int(periodTable[Int(offset)]) : calendar.index(containing: order.day)
        let amount = MinorUnit.rounded(order.amount, digits: minorUnitDigits)
        history.record(day: order.day, period: periodIndex, amount: amount, paid: amount > 0)
    }

    public func finish() -> [CustomerOrders] { customers }
}

extension CustomerOrders {
    /// A copy whose arrays are new buffers holding exactly their elements (no growth slack;
    /// `Array(slice)` of a whole array would share the buffer, capacity and all).
    func exactSize() -> CustomerOrders {
        var copy = self
        copy.paidDays = Self.exactCopy(paidDays)
        copy.periods = Self.exactCopy(periods)
        return copy
    }

    private static func exactCopy<T>(_ elements: [T]) -> [T] {
        guard !elements.isEmpty else { return [] }
        return Array(unsafeUninitializedCapacity: elements.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: elements)
        }
    }

    /// Empty again, keeping the arrays' capacity.
    mutating func removeAll() {
        paidDays.removeAll(keepingCapacity: true)
        periods.removeAll(keepingCapacity: true)
        paidOrderCount = 0
        paidAmount = 0
        refundAmount = 0
    }

    mutating func record(day: Day, period: Int, amount: Double, paid: Bool) {
        if paid {
            paidOrderCount += 1
            paidAmount += amount
            Self.insertSorted(day, into: &paidDays)
        } else {
            refundAmount += amount
        }
        // Periods: fast path for the (usual) chronological stream, binary search otherwise.
        if let last = periods.last, last.period == period {
            periods[periods.count - 1].revenue += amount
            if paid { periods[periods.count - 1].paidOrders += 1 }
            return
        }
        var lo = 0, hi = periods.count
        if let last = periods.last, last.period < period { lo = periods.count }
        while lo < hi {
            let mid = (lo + hi) / 2
            if periods[mid].period < period { lo = mid + 1 } else { hi = mid }
        }
        if lo < periods.count, periods[lo].period == period {
            periods[lo].revenue += amount
            if paid { periods[lo].paidOrders += 1 }
        } else {
            periods.insert(PeriodRevenue(period: period, revenue: amount, paidOrders: paid ? 1 : 0), at: lo)
        }
    }

    static func insertSorted(_ day: Day, into days: inout [Day]) {
        if let last = days.last {
            if last == day { return }
            if last < day {
                days.append(day)
                return
            }
        } else {
            days.append(day)
            return
        }
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        if days[lo] != day { days.insert(day, at: lo) }
    }
}
