import Model

/// One customer's purchase history in the form the BG/NBD and Gamma-Gamma models read
/// (Fader, Hardie & Lee 2005): purchases on the same day are one purchase.
///
/// - `x`: repeat purchases = distinct purchase days − 1,
/// - `tx`: days from the first to the last purchase day,
/// - `T`: days from the first purchase day to the as-of day,
/// - `repeatSpend`: total value of the repeat purchase days (the first day excluded, as in the
///   Gamma-Gamma paper, because the first purchase is often unlike the rest).
/// Times are kept in whole days and turned into weeks (days ÷ 7) by the models. The counts are
/// stored as 32-bit integers (24 bytes a history instead of 32; days between two `Day`s and the
/// days with an order always fit).
public struct PurchaseHistory: Sendable, Hashable {
    private var storedX: Int32
    private var storedTxDays: Int32
    private var storedTDays: Int32
    public var repeatSpend: Double

    public var x: Int {
        get { Int(storedX) }
        set { storedX = Int32(newValue) }
    }
    public var txDays: Int {
        get { Int(storedTxDays) }
        set { storedTxDays = Int32(newValue) }
    }
    public var tDays: Int {
        get { Int(storedTDays) }
        set { storedTDays = Int32(newValue) }
    }

    public init(x: Int, txDays: Int, tDays: Int, repeatSpend: Double = 0) {
        storedX = Int32(x)
        storedTxDays = Int32(txDays)
        storedTDays = Int32(tDays)
        self.repeatSpend = repeatSpend
    }

    /// Mean value of a repeat purchase day; nil without repeat purchases.
    public var meanRepeatValue: Double? { x > 0 ? repeatSpend / Double(x) : nil }

    /// The history of positive orders dated on or before `asOf`; nil when there is none.
    /// Orders are grouped by day (their amounts summed in input order) and the repeat days'
    /// totals are summed in day order, so the result does not depend on how the input is ordered
    /// beyond orders of the same day.
    public init?(orders: some Sequence<(day: Day, amount: Double)>, asOf: Day) {
        var paid = PaidOrders()
        for o in orders { paid.append(day: o.day, amount: o.amount, asOf: asOf) }
        guard let h = paid.history(asOf: asOf) else { return nil }
        self = h
    }

    /// The history of every customer with a positive order on or before `asOf`, in customer order,
    /// as two parallel arrays (`histories[i]` is `customers[i]`'s, so the models read the
    /// histories without a copy; customer indices as 32-bit numbers). Built on all cores, one
    /// contiguous range of customers each: every customer gets a slot in arrays made at the
    /// customer count but not written ahead (pages never written stay free), each range fills its
    /// own slots in customer order from its start, and the filled slots are then moved down in
    /// order, in place (a slot only ever moves to a lower position, after the one it replaces
    /// has moved). No second copy of the histories is made: that copy (11 MB at 10 M orders,
    /// with the slots still held) was a spike in the prediction stage's peak memory. The arrays
    /// keep the capacity of the customer count.
    static func all(_ evidence: HealthEvidence, asOf: Day) -> (customers: [Int32], histories: [PurchaseHistory]) {
        let n = evidence.records.count
        precondition(n <= Int(Int32.max), "customer indices fit 32 bits")
        var histories: [PurchaseHistory] = []
        let customers = [Int32](unsafeUninitializedCapacity: n) { customerSlots, customerCount in
            histories = [PurchaseHistory](unsafeUninitializedCapacity: n) { historySlots, historyCount in
                nonisolated(unsafe) let customerSlots = customerSlots, historySlots = historySlots
                let filled = FixedPartition.map(n) { range in
                    var paid = PaidOrders()
                    var next = range.lowerBound
                    for customer in range {
                        paid.removeAll()
                        evidence.forEachOrder(of: customer) { paid.append(day: $0.day, amount: $0.amount, asOf: asOf) }
                        if let h = paid.history(asOf: asOf) {
                            customerSlots.initializeElement(at: next, to: Int32(customer))
                            historySlots.initializeElement(at: next, to: h)
                            next += 1
                        }
                    }
                    return range.lowerBound ..< next
                }
                // Both element types are plain values: moving one is copying its bytes.
                var kept = 0
                for range in filled {
                    for i in range {
                        customerSlots[kept] = customerSlots[i]
                        historySlots[kept] = historySlots[i]
                        kept += 1
                    }
                }
                historyCount = kept
                customerCount = kept
            }
        }
        return (customers, histories)
    }
}

/// One customer's positive orders dated on or before as-of, in input order: a buffer reused
/// from customer to customer, so building the histories allocates nothing per order.
struct PaidOrders {
    private var days: [Day] = []
    private var amounts: [Double] = []

    mutating func removeAll() {
        days.removeAll(keepingCapacity: true)
        amounts.removeAll(keepingCapacity: true)
    }

    mutating func append(day: Day, amount: Double, asOf: Day) {
        guard day <= asOf && amount > 0 else { return }
        days.append(day)
        amounts.append(amount)
    }

    /// x, tₓ, T and the repeat spend: each day's amounts summed in input order, the days after
    /// the first summed in ascending day order. Orders usually come in date order; the others
    /// are put in it by a stable sort (same-day orders keep their input order).
    mutating func history(asOf: Day) -> PurchaseHistory? {
        guard !days.isEmpty else { return nil }
        let inDayOrder = days.withUnsafeBufferPointer { d in
            var k = 1
            while k < d.count {
                if d[k &- 1] > d[k] { return false }
                k &+= 1
            }
            return true
        }
        if !inDayOrder {
            let order = days.indices.sorted { days[$0] != days[$1] ? days[$0] < days[$1] : $0 < $1 }
            days = order.map { days[$0] }
            amounts = order.map { amounts[$0] }
        }
        // Positions below the orders' count, counted without overflow checks.
        let (distinct, repeatSpend) = days.withUnsafeBufferPointer { days in
            amounts.withUnsafeBufferPointer { amounts in
                var distinct = 0, repeatSpend = 0.0
                var i = 0
                while i < days.count {
                    var total = 0.0
                    let day = days[i]
                    while i < days.count && days[i] == day {
                        total += amounts[i]
                        i &+= 1
                    }
                    if distinct > 0 { repeatSpend += total }
                    distinct &+= 1
                }
                return (distinct, repeatSpend)
            }
        }
        let first = days[0]
        return PurchaseHistory(x: distinct - 1, txDays: first.days(to: days[days.count - 1]), tDays: first.days(to: asOf),
                               repeatSpend: repeatSpend)
    }
}

/// Identical (x, tₓ, T) triples counted once: the likelihood is a sum over customers, and on a
/// few years of daily data a million customers share a few hundred thousand triples at most.
struct PurchaseTriples {
    struct Triple: FirstSeenKey {
        let x: Int32
        let txDays: Int32
        let tDays: Int32

        /// The first two mixed, then mixed again with the third.
        var numberingHash: Int { IntegerMix.mix(Int32(truncatingIfNeeded: IntegerMix.mix(x, txDays)), tDays) }
    }

    let triples: [Triple]
    let counts: [Double]
    /// For each history given, the index of its triple.
    let tripleOf: [Int32]

    /// No triples (what a caller keeps once it has no further use for them).
    init() {
        triples = []
        counts = []
        tripleOf = []
    }

    /// The triples are numbered first; the distinct ones are then copied into an array of their
    /// exact count (the numbering's grown array and table let go) and counted into another.
    init(_ histories: some Collection<PurchaseHistory>) {
        var numbering = FirstSeenNumbering<Triple>(capacity: histories.count)
        var tripleOf: [Int32] = []
        tripleOf.reserveCapacity(histories.count)
        for h in histories {
            tripleOf.append(numbering.number(of: Triple(x: Int32(h.x), txDays: Int32(h.txDays), tDays: Int32(h.tDays))).number)
        }
        triples = numbering.values.withUnsafeBufferPointer { values in
            [Triple](unsafeUninitializedCapacity: values.count) { out, count in
                if let base = values.baseAddress { out.baseAddress!.initialize(from: base, count: values.count) }
                count = values.count
            }
        }
        numbering = FirstSeenNumbering(capacity: 0)
        var counts = [Double](repeating: 0, count: triples.count)
        for i in tripleOf { counts[Int(i)] += 1 }
        self.counts = counts
        self.tripleOf = tripleOf
    }
}
