import BackgroundWork
import Model

/// Infers each customer's billing cadence from their paid orders (payments, invoices, won deals).
///
/// Rule: the cadence the customer's orders state in an interval or plan column wins; else the
/// gaps between the customer's distinct paid days (amount > 0), whose median g gives
/// monthly (g ≤ 45 days), quarterly (45 < g ≤ 135) or annual (g > 135). A customer with a single
/// paid day gets the cadence most other customers have (stated or from gaps; ties: the longer
/// cadence); with nobody to go by, the cadence stays unknown and the inactivity window applies.
/// Only orders dated on or before `asOf` count: a later payment changes nothing.
enum BillingCadenceInference {
    /// Customers from this many up are read on two threads (the machine's cores).
    static let parallelMinimumCustomers = 20_000

    /// Customers 0 ..< `customerCount`; orders of other customers are not read. The customers
    /// are read in `parts` consecutive ranges, each on a thread of its own (default: 2 from
    /// `parallelMinimumCustomers` up, else 1; tests set it): every customer's cadence is its
    /// own, the counts are sums and the single-day customers keep their order, so any number
    /// of parts gives the same result.
    static func infer(orders: CustomerOrderBook, customerCount: Int, declared: [BillingCadence?] = [],
                      asOf: Day? = nil, parts requested: Int? = nil) -> BillingCadences {
        let parts = max(1, min(requested ?? (customerCount >= parallelMinimumCustomers ? 2 : 1), max(1, customerCount)))
        let bounds = (0...parts).map { k in split(orders, customerCount: customerCount, share: k, of: parts) }
        let results = PartitionResults<Part>(count: parts)
        WorkerThreads.run(parts) { k in
            results.store(k, Part(orders: orders, customers: bounds[k]..<bounds[k + 1], declared: declared, asOf: asOf))
        }
        var cadence: [BillingCadence?] = []
        cadence.reserveCapacity(customerCount)
        var single: [Int] = []
        var fromGaps: [BillingCadence: Int] = [:]
        var fromColumn: [BillingCadence: Int] = [:]
        for k in 0..<parts {
            let part = results.take(k)!
            cadence += part.cadence
            single += part.single
            fromGaps.merge(part.fromGaps, uniquingKeysWith: +)
            fromColumn.merge(part.fromColumn, uniquingKeysWith: +)
        }
        var fromMajority: [BillingCadence: Int] = [:]
        var votes = fromGaps
        for (c, n) in fromColumn { votes[c, default: 0] += n }
        let majority = BillingCadence.allCases.reversed().max { (votes[$0] ?? 0) < (votes[$1] ?? 0) }
        if let majority, (votes[majority] ?? 0) > 0 {
            for customer in single { cadence[customer] = majority }
            if !single.isEmpty { fromMajority[majority] = single.count }
        }
        let unknown = fromMajority.isEmpty ? single.count : 0
        return BillingCadences(cadence: cadence, fromColumn: fromColumn, fromGaps: fromGaps, fromMajority: fromMajority,
                               unknown: unknown, declared: declared)
    }

    /// The first customer of part `k` of `parts`: the parts hold about equal work, counted as
    /// one per customer plus one per order (earlier customers have longer histories: an even
    /// split by customers left one thread with 70 % of the work at 10 M).
    static func split(_ orders: CustomerOrderBook, customerCount: Int, share k: Int, of parts: Int) -> Int {
        if k == 0 { return 0 }
        if k >= parts { return customerCount }
        let weight = { (c: Int) in orders.count(of: 0..<c) + c }
        return EqualWorkCut.firstIndex(from: 0, to: customerCount, reaching: weight(customerCount) * k / parts,
                                       weightBefore: weight)
    }

    /// One range of customers read: their cadences (stated or from gaps; nil for single-day
    /// customers and customers without paid days), the single-day customers in order, and the counts.
    struct Part: Sendable {
        var cadence: [BillingCadence?]
        var single: [Int] = []
        var fromGaps: [BillingCadence: Int] = [:]
        var fromColumn: [BillingCadence: Int] = [:]

        init(orders: CustomerOrderBook, customers: Range<Int>, declared: [BillingCadence?], asOf: Day?) {
            cadence = [BillingCadence?](repeating: nil, count: customers.count)
            var days: [Int32] = []
            // The book's storage taken once for the range, not once per customer.
            let columns = orders.columns
            for customer in customers {
                CustomerOrderBook.paidDays(at: orders.orderPositions(of: customer), of: columns.days, columns.amounts,
                                           asOf: asOf, into: &days)
                guard !days.isEmpty else { continue }
                // The gaps between distinct paid days (days are Int32 ordinals: their
                // differences fit, and the positions are below the count).
                var gaps = GapTally()
                days.withUnsafeBufferPointer { days in
                    var previous = days[0], k = 1
                    while k < days.count {
                        let day = days[k]
                        if day != previous {
                            gaps.add(Int(day) &- Int(previous))
                            previous = day
                        }
                        k &+= 1
                    }
                }
                if customer < declared.count, let stated = declared[customer] {
                    cadence[customer - customers.lowerBound] = stated
                    fromColumn[stated, default: 0] += 1
                } else if gaps.isEmpty {
                    single.append(customer)
                } else {
                    let c = gaps.cadence
                    cadence[customer - customers.lowerBound] = c
                    fromGaps[c, default: 0] += 1
                }
            }
        }
    }
}

extension BillingCadenceInference {
    /// The cadence of a median gap g (days): monthly (g ≤ 45), quarterly (45 < g ≤ 135) or annual.
    /// The median is that of the sorted gaps (the middle one, or the mean of the two middle ones),
    /// but no sort is needed to compare it with a bound: with k gaps at or below the bound, an odd
    /// count n has its median there when k > n / 2; an even count when k > n / 2 (both middle
    /// gaps there), not when k < n / 2 (neither), and when k = n / 2 exactly when the largest gap
    /// at or below the bound and the smallest above it (the two middle ones) add up to at most
    /// twice the bound. One pass, for both bounds.
    static func cadence(ofGaps gaps: [Int]) -> BillingCadence {
        precondition(!gaps.isEmpty, "at least one gap")
        var tally = GapTally()
        for g in gaps { tally.add(g) }
        return tally.cadence
    }

    /// What ``cadence(ofGaps:)`` needs of a customer's gaps, taken one gap at a time (no list
    /// of gaps is kept): how many there are, and per bound how many are at or below it, the
    /// largest of those and the smallest above it.
    struct GapTally {
        private(set) var count = 0
        private var atMost45 = 0, atMost135 = 0
        private var largest45 = Int.min, smallestAbove45 = Int.max, largest135 = Int.min, smallestAbove135 = Int.max

        var isEmpty: Bool { count == 0 }

        @inline(__always)
        mutating func add(_ g: Int) {
            count &+= 1
            if g <= 45 { atMost45 &+= 1; largest45 = max(largest45, g) } else { smallestAbove45 = min(smallestAbove45, g) }
            if g <= 135 { atMost135 &+= 1; largest135 = max(largest135, g) } else { smallestAbove135 = min(smallestAbove135, g) }
        }

        /// The cadence of the median gap (at least one gap added).
        var cadence: BillingCadence {
            let n = count
            func medianAtMost(_ bound: Int, _ k: Int, _ largest: Int, _ smallestAbove: Int) -> Bool {
                if n % 2 == 1 || k != n / 2 { return k > n / 2 }
                return largest + smallestAbove <= 2 * bound
            }
            if medianAtMost(45, atMost45, largest45, smallestAbove45) { return .monthly }
            return medianAtMost(135, atMost135, largest135, smallestAbove135) ? .quarterly : .annual
        }
    }
}

extension Dataset {
    /// The billing cadences inferred from the orders dated on or before `asOf` (nil for a
    /// subscription business): what the report uses, so nothing after as-of changes a number.
    public func billingCadences(asOf: Day) -> BillingCadences? {
        guard let loaded = billingCadences else { return nil }
        return BillingCadenceInference.infer(orders: orders, customerCount: customers.count,
                                             declared: loaded.declared, asOf: asOf)
    }
}
