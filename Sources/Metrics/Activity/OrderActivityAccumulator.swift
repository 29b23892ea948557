import Model

/// Revenue and paid orders of one customer in one period (16 bytes: indexes and counts as Int32).
public struct PeriodRevenue: Sendable, Hashable {
    /// Net revenue: every order amount in the period, refunds (negative amounts) included.
    public var revenue: Double
    private var periodIndex: Int32
    private var paidOrderCount: Int32

    /// `Period.index` in the configured calendar.
    public var period: Int {
        get { Int(periodIndex) }
        set { periodIndex = Int32(newValue) }
    }

    /// Orders with a positive amount.
    public var paidOrders: Int {
        get { Int(paidOrderCount) }
        set { paidOrderCount = Int32(newValue) }
    }

    public init(period: Int, revenue: Double, paidOrders: Int) {
        self.revenue = revenue
        self.periodIndex = Int32(period)
        self.paidOrderCount = Int32(paidOrders)
    }

    /// Adds an order of the period: its amount, and one paid order when it is paid.
    @inline(__always)
    mutating func add(_ amount: Double, paid: Bool) {
        revenue += amount
        if paid { paidOrderCount += 1 }
    }
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

/// How one order enters its customer's `CustomerOrders`: its period through a day → period
/// table, its amount rounded to the currency's minor unit. Shared by the streamed accumulator
/// and the ledger's customer-by-customer folds, so both record an order the same way.
struct OrderRecorder: Sendable {
    let asOf: Day
    let calendar: PeriodCalendar
    /// Amounts are rounded to this many decimals (the currency's minor unit) as they enter.
    let minorUnitDigits: Int
    /// Period index of every day of the 40 years through as-of, so an order's period is one
    /// array read instead of calendar arithmetic; older days fall back to the calendar.
    private let periods: PeriodIndexTable

    /// `MinorUnit.scale(minorUnitDigits)`, worked out once.
    private let minorUnitScale: Double

    init(asOf: Day, calendar: PeriodCalendar, minorUnitDigits: Int) {
        self.asOf = asOf
        self.calendar = calendar
        self.minorUnitDigits = minorUnitDigits
        minorUnitScale = MinorUnit.scale(minorUnitDigits)
        periods = PeriodIndexTable(calendar: calendar, through: asOf)
    }

    /// Records `order` into `history`; false (nothing recorded) when it is dated after as-of.
    /// `wholeCents`: the amount is known to be a whole number of cents as read
    /// (`CompactOrderAmounts.isWholeCents(at:)`), so in a currency of cents it is its own
    /// rounding and is taken as it is (a multiplication, a rounding and a division fewer).
    @inline(__always)
    func record(_ order: Order, wholeCents: Bool = false, into history: inout CustomerOrders) -> Bool {
        guard order.day <= asOf else { return false }
        let periodIndex = periods.index(containing: order.day)
        let amount = wholeCents && minorUnitDigits == 2 ? order.amount : MinorUnit.rounded(order.amount, scale: minorUnitScale)
        history.record(day: order.day, period: periodIndex, amount: amount, paid: amount > 0)
        return true
    }
}

/// Consumes orders one at a time, in any order, and keeps per customer only the distinct paid
/// days and the periods with activity: memory is O(customers × active days), independent of
/// the number of order rows, so a 10-million-row file can be streamed through it.
///
/// Orders after `asOf` are counted in `ignoredAfterAsOf`, orders naming a customer index outside
/// the customer list in `ignoredUnknownCustomer`; neither changes any metric.
public struct OrderActivityAccumulator: Sendable {
    public var asOf: Day { recorder.asOf }
    public var calendar: PeriodCalendar { recorder.calendar }
    public private(set) var customers: [CustomerOrders]
    public private(set) var ignoredAfterAsOf = 0
    public private(set) var ignoredUnknownCustomer = 0
    public private(set) var ordersSeen = 0
    /// Amounts are rounded to this many decimals (the currency's minor unit) as they enter.
    public var minorUnitDigits: Int { recorder.minorUnitDigits }
    private let recorder: OrderRecorder

    public init(customerCount: Int, asOf: Day, calendar: PeriodCalendar, minorUnitDigits: Int = 2) {
        recorder = OrderRecorder(asOf: asOf, calendar: calendar, minorUnitDigits: minorUnitDigits)
        self.customers = Array(repeating: CustomerOrders(), count: customerCount)
    }

    public mutating func add(_ order: Order) {
        ordersSeen += 1
        guard order.customer >= 0, order.customer < customers.count else {
            ignoredUnknownCustomer += 1
            return
        }
        if !recorder.record(order, into: &customers[order.customer]) { ignoredAfterAsOf += 1 }
    }

    public func finish() -> [CustomerOrders] { customers }
}

extension CustomerOrders {
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
            paidOrderCount &+= 1  // a count of orders in memory
            paidAmount += amount
            Self.insertSorted(day, into: &paidDays)
        } else {
            refundAmount += amount
        }
        // Periods: fast paths for the (usual) chronological stream, binary search otherwise.
        let count = periods.count
        if count == 0 || periods[count &- 1].period < period {
            periods.append(PeriodRevenue(period: period, revenue: amount, paidOrders: paid ? 1 : 0))
            return
        }
        if periods[count &- 1].period == period {
            periods[count &- 1].add(amount, paid: paid)
            return
        }
        var lo = 0, hi = periods.count
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
            let mid = (lo &+ hi) &>> 1
            if days[mid] < day { lo = mid &+ 1 } else { hi = mid }
        }
        if days[lo] != day { days.insert(day, at: lo) }
    }
}
