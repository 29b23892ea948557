import Model

/// The cohort table of an order business from two streaming passes over its orders, in
/// O(customers) memory (16 bytes a customer), whatever the number of rows.
///
/// Pass 1 (`observe`) finds each customer's first paid day (amount > 0, on or before as-of):
/// their cohort, under either cohort basis, since an orders-only export's customers sign up
/// with their first order. Pass 2 (`add`, after `startSecondPass()`) marks the ages k at which
/// each customer had a paid order (a 64-bit mask; ages ≥ 64, possible with weekly or daily
/// periods, go to a set) and adds every amount, refunds included, to its cohort's revenue at
/// that age. Orders after as-of and amounts before the cohort period are left out, exactly as
/// `CohortTable(dataset:configuration:)` does; the two give the same table for the same orders.
/// Customers whose orders are all refunds never enter a cohort.
public struct TwoPassOrderCohorts: Sendable {
    public let configuration: MetricsConfiguration
    private let last: Int
    private var firstPaid: [Int32] = []
    private var cohort: [Int32] = []
    private var ages: [UInt64] = []
    private var lateAges = Set<Int>()
    private var grid: CohortGrid?
    private var periodByDay: [Int32: Int] = [:]

    public init(configuration: MetricsConfiguration) {
        self.configuration = configuration
        last = configuration.calendar.period(containing: configuration.asOf).index
    }

    /// Customers seen in pass 1 (indexes are the caller's, 0-based and dense).
    public var customerCount: Int { firstPaid.count }

    /// Pass 1: one order of `customer`.
    public mutating func observe(customer: CustomerIndex, day: Day, amount: Double) {
        let amount = MinorUnit.rounded(amount, digits: configuration.minorUnitDigits)
        if customer >= firstPaid.count {
            firstPaid.append(contentsOf: repeatElement(Int32.max, count: customer - firstPaid.count + 1))
        }
        if amount > 0, day <= configuration.asOf, day.ordinal < firstPaid[customer] {
            firstPaid[customer] = day.ordinal
        }
    }

    /// Ends pass 1: fixes every customer's cohort and sizes the table.
    public mutating func startSecondPass() {
        cohort = firstPaid.map { $0 == Int32.max ? Int32.min : Int32(periodIndex(Day(ordinal: $0))) }
        ages = Array(repeating: 0, count: firstPaid.count)
        let first = cohort.filter { $0 != Int32.min }.min().map(Int.init)
        var grid = CohortGrid(first: first ?? last, last: last, empty: first == nil)
        for c in cohort where c != Int32.min { grid.sizes[Int(c) - grid.first] += 1 }
        self.grid = grid
    }

    /// Pass 2: the same order again.
    public mutating func add(customer: CustomerIndex, day: Day, amount: Double) {
        let amount = MinorUnit.rounded(amount, digits: configuration.minorUnitDigits)
        guard customer < cohort.count, cohort[customer] != Int32.min, day <= configuration.asOf,
              let first = grid?.first else { return }
        let c = Int(cohort[customer])
        let k = periodIndex(day) - c
        guard k >= 0 else { return }
        grid!.addRevenue(c - first, k, amount)
        guard amount > 0 else { return }
        if k < 64 { ages[customer] |= 1 << UInt64(k) } else { lateAges.insert(customer << 20 | k) }
    }

    /// The cohort table (call after pass 2).
    public func table() -> CohortTable {
        guard var grid else {
            return CohortTable(grid: CohortGrid(first: last, last: last, empty: true), configuration: configuration,
                               model: .orders)
        }
        var late: [Int: [Int]] = [:]
        for key in lateAges { late[key >> 20, default: []].append(key & 0xFFFFF) }
        for customer in cohort.indices where cohort[customer] != Int32.min {
            let r = Int(cohort[customer]) - grid.first
            var activeAges: [Int] = []
            var mask = ages[customer]
            while mask != 0 {
                activeAges.append(mask.trailingZeroBitCount)
                mask &= mask - 1
            }
            activeAges += (late[customer] ?? []).sorted()
            if configuration.unboundedRetention {
                if let oldest = activeAges.last { for k in 0...oldest { grid.addRetained(r, k) } }
            } else {
                for k in activeAges { grid.addRetained(r, k) }
            }
        }
        return CohortTable(grid: grid, configuration: configuration, model: .orders)
    }

    private mutating func periodIndex(_ day: Day) -> Int {
        if let known = periodByDay[day.ordinal] { return known }
        let index = configuration.calendar.period(containing: day).index
        periodByDay[day.ordinal] = index
        return index
    }
}
