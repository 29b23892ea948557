import Model

/// The per-period counters behind `ChurnSeries` for `groups` groups of customers, over the
/// periods `first … last`: customers are added one `ChurnContribution` at a time, and each
/// group's series is read off at the end.
///
/// Customers active at the start / at the end of a period are kept as differences (a
/// range of periods costs two writes; the running sum gives the count); flows are counted in the
/// period they happen. Group g's counters for period first + k are cell g × (count + 1) + k. Every
/// counter of a group adds its customers in the order they are added (MRR lost included), so a
/// group's series does not depend on which other groups or customers share the counters.
struct ChurnCounters {
    let first: Int
    let last: Int
    private let width: Int
    /// Every counter of one group and period side by side, so adding a customer writes one
    /// array (one uniqueness check, then plain stores) instead of nine.
    private var cells: [Cell]

    /// The counters of one group in one period.
    private struct Cell {
        var startDiff = 0, endDiff = 0, bothDiff = 0
        var churned = 0, voluntary = 0, involuntary = 0, joined = 0, returnedWithin = 0
        var lost = 0.0
    }

    init(groups: Int, first: Int, last: Int) {
        self.first = first
        self.last = last
        width = last - first + 2
        cells = Array(repeating: Cell(), count: groups * width)
    }

    /// Adds one customer of group `g`; every period of `c` is at or after `first`. (Cells are
    /// positions of the group's row, periods `first … last + 1`, and counters count customers:
    /// both are worked out without overflow checks.)
    mutating func add(_ c: ChurnContribution, group g: Int) {
        let base = g * width - first, last = last
        cells.withUnsafeMutableBufferPointer { cells in
            // +1 from each range's first period, −1 after its last (periods after `last` are cut off).
            for r in c.atStart where r.lowerBound <= min(r.upperBound, last) {
                cells[base &+ r.lowerBound].startDiff &+= 1
                cells[base &+ min(r.upperBound, last) &+ 1].startDiff &-= 1
            }
            for r in c.atEnd where r.lowerBound <= min(r.upperBound, last) {
                cells[base &+ r.lowerBound].endDiff &+= 1
                cells[base &+ min(r.upperBound, last) &+ 1].endDiff &-= 1
            }
            for r in c.both where r.lowerBound <= min(r.upperBound, last) {
                cells[base &+ r.lowerBound].bothDiff &+= 1
                cells[base &+ min(r.upperBound, last) &+ 1].bothDiff &-= 1
            }
            if let p = c.joined { cells[base &+ p].joined &+= 1 }
            for churn in c.churns {
                let cell = base &+ churn.period
                cells[cell].churned &+= 1
                if churn.returned { cells[cell].returnedWithin &+= 1 }
                cells[cell].lost += churn.mrrLost
            }
            switch c.cancellation?.kind {
            case .voluntary?: cells[base &+ c.cancellation!.period].voluntary &+= 1
            case .involuntary?: cells[base &+ c.cancellation!.period].involuntary &+= 1
            case nil: break
            }
        }
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
            let cell = cells[base + k]
            s += cell.startDiff
            e += cell.endDiff
            both += cell.bothDiff
            let p = periods[k]
            // Active at the end but not at the start: new customers, or former ones returning.
            let outsideS = e - both
            out.append(ChurnPeriod(period: p, customersAtStart: s, churned: cell.churned, voluntary: cell.voluntary,
                                   involuntary: cell.involuntary, joined: cell.joined,
                                   reactivated: outsideS - cell.joined + cell.returnedWithin, customersAtEnd: e,
                                   mrrLost: cell.lost, isIncomplete: first + k == last && asOf.adding(days: 1) < p.end))
        }
        return ChurnSeries(periods: out)
    }
}
