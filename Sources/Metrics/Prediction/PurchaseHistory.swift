import Model

/// One customer's purchase history in the form the BG/NBD and Gamma-Gamma models read
/// (Fader, Hardie & Lee 2005): purchases on the same day are one purchase.
///
/// - `x`: repeat purchases = distinct purchase days − 1,
/// - `tx`: days from the first to the last purchase day,
/// - `T`: days from the first purchase day to the as-of day,
/// - `repeatSpend`: total value of the repeat purchase days (the first day excluded, as in the
///   Gamma-Gamma paper, because the first purchase is often unlike the rest).
/// Times are kept in whole days and turned into weeks (days ÷ 7) by the models.
public struct PurchaseHistory: Sendable, Hashable {
    public var x: Int
    public var txDays: Int
    public var tDays: Int
    public var repeatSpend: Double

    public init(x: Int, txDays: Int, tDays: Int, repeatSpend: Double = 0) {
        self.x = x
        self.txDays = txDays
        self.tDays = tDays
        self.repeatSpend = repeatSpend
    }

    /// Mean value of a repeat purchase day; nil without repeat purchases.
    public var meanRepeatValue: Double? { x > 0 ? repeatSpend / Double(x) : nil }

    /// The history of positive orders dated on or before `asOf`; nil when there is none.
    /// Orders are grouped by day (their amounts summed); input order does not matter.
    public init?(orders: some Sequence<(day: Day, amount: Double)>, asOf: Day) {
        var byDay: [Day: Double] = [:]
        for o in orders where o.day <= asOf && o.amount > 0 { byDay[o.day, default: 0] += o.amount }
        guard let first = byDay.keys.min(), let last = byDay.keys.max() else { return nil }
        x = byDay.count - 1
        txDays = first.days(to: last)
        tDays = first.days(to: asOf)
        repeatSpend = byDay.reduce(0) { $1.key == first ? $0 : $0 + $1.value }
    }
}

/// Identical (x, tₓ, T) triples counted once: the likelihood is a sum over customers, and on a
/// few years of daily data a million customers share a few hundred thousand triples at most.
struct PurchaseTriples {
    struct Triple: Hashable {
        let x: Int32
        let txDays: Int32
        let tDays: Int32
    }

    let triples: [Triple]
    let counts: [Double]

    init(_ histories: some Sequence<PurchaseHistory>) {
        var index: [Triple: Int] = [:]
        var triples: [Triple] = []
        var counts: [Double] = []
        for h in histories {
            let t = Triple(x: Int32(h.x), txDays: Int32(h.txDays), tDays: Int32(h.tDays))
            if let i = index[t] {
                counts[i] += 1
            } else {
                index[t] = triples.count
                triples.append(t)
                counts.append(1)
            }
        }
        self.triples = triples
        self.counts = counts
    }
}
