import Model

/// The per-period counters behind `ChurnSeries` for `groups` groups of customers, over the
/// periods `first … last`: customers are added one `ChurnContribution` at a time, and each
/// group's series is read off at the end.
///
/// Customers active at the start / at the end of a period are kept as difference arrays (a
/// range of periods costs two writes; the running sum gives the count); flows are counted in the
/// period they happen. Group g's counter for period first + k is at g × (count + 1) + k. Every
/// counter of a group adds its customers in the order they are added (MRR lost included), so a
/// group's series does not depend on which other groups or customers share the counters.
struct ChurnCounters {
    let first: Int
    let last: Int
    private let width: Int
    private var startDiff: [Int], endDiff: [Int], bothDiff: [Int]
    private var churned: [Int], voluntary: [Int], involuntary: [Int], joined: [Int], returnedWithin: [Int]
    private var lost: [Double]

    init(groups: Int, first: Int, last: Int) {
        self.first = first
        self.last = last
        width = last - first + 2
        startDiff = Array(repeating: 0, count: groups * width)
        endDiff = startDiff
        bothDiff = startDiff
        churned = startDiff
        voluntary = startDiff
        involuntary = startDiff
        joined = startDiff
        returnedWithin = startDiff
        lost = Array(repeating: 0, count: groups * width)
    }

    /// Adds one customer of group `g`; every period of `c` is at or after `first`.
    mutating func add(_ c: ChurnContribution, group g: Int) {
        let base = g * width - first
        for r in c.atStart { Self.add(&startDiff, base, r, last) }
        for r in c.atEnd { Self.add(&endDiff, base, r, last) }
        for r in c.both { Self.add(&bothDiff, base, r, last) }
        if let p = c.joined { joined[base + p] += 1 }
        for churn in c.churns {
            churned[base + churn.period] += 1
            if churn.returned { returnedWithin[base + churn.period] += 1 }
            lost[base + churn.period] += churn.mrrLost
        }
        switch c.cancellation?.kind {
        case .voluntary?: voluntary[base + c.cancellation!.period] += 1
        case .involuntary?: involuntary[base + c.cancellation!.period] += 1
        case nil: break
        }
    }

    /// +1 from the range's first period, −1 after its last (periods after `last` are cut off).
    @inline(__always)
    private static func add(_ diff: inout [Int], _ base: Int, _ range: ClosedRange<Int>, _ last: Int) {
        let hi = min(range.upperBound, last)
        guard range.lowerBound <= hi else { return }
        diff[base + range.lowerBound] += 1
        diff[base + hi + 1] -= 1
    }

    /// Group g's series from the period containing `own` (its first active day) through `last`;
    /// `periods[k]` is the calendar period `first + k`.
    func series(group g: Int, from own: Int, periods: [Period], asOf: Day) -> ChurnSeries {
        let base = g * width
        var out: [ChurnPeriod] = []
        out.reserveCapacity(last - own + 1)
        var s = 0, e = 0, both = 0
        // Periods before the group's first are all zero for it: the running sums start there.
        for k in (own - first)...(last - first) {
            s += startDiff[base + k]
            e += endDiff[base + k]
            both += bothDiff[base + k]
            let p = periods[k]
            // Active at the end but not at the start: new customers, or former ones returning.
            let outsideS = e - both
            let i = base + k
            out.append(ChurnPeriod(period: p, customersAtStart: s, churned: churned[i], voluntary: voluntary[i],
                                   involuntary: involuntary[i], joined: joined[i],
                                   reactivated: outsideS - joined[i] + returnedWithin[i], customersAtEnd: e,
                                   mrrLost: lost[i], isIncomplete: first + k == last && asOf.adding(days: 1) < p.end))
        }
        return ChurnSeries(periods: out)
    }
}
