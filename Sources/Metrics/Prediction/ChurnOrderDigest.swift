import Model

/// The order facts (`ChurnOrderFacts`) of every row the churn scoring builds, read from the
/// order book in one pass before the models are fitted, so that the book (the largest thing the
/// metrics hold) can be let go while they are fitted and the customers are scored: the
/// backtest's customers at its month end and today's customers at as-of, each at its scoring
/// slot (`ChurnScoring.Slots`), cases first, then risks.
///
/// An entry takes 24 bytes: the two paid sums, the last paid day, and the usual gap as a Float
/// (the median of whole-day gaps is a whole or half number, which a Float holds exactly below
/// 2^24 days) or a word saying there is none. What does not fit an entry is kept beside it, by
/// slot: a usual gap a Float does not hold, and the trend rules' sums when they are not the paid
/// sums (a trend window other than 90 days, or an amount ≤ 0 in the windows). Every fact reads
/// back with the bits it was read with.
struct ChurnOrderDigest {
    struct Entry {
        let paidRecent: Double
        let paidPrevious: Double
        /// The last paid day's ordinal (0 when there is none).
        let lastPaid: Int32
        /// The usual gap's Float bits, or `noPaidDay`, `onePaidDay` or `aside`.
        let usualWord: UInt32

        /// Words that are no Float a median gap gives (NaNs with a payload).
        static let noPaidDay: UInt32 = 0xFFFF_FFFF
        static let onePaidDay: UInt32 = 0xFFFF_FFFE
        /// The usual gap is in the slot's `Aside`.
        static let aside: UInt32 = 0xFFFF_FFFD
    }

    /// What a slot's entry does not hold.
    struct Aside {
        let slot: Int32
        /// The usual gap when a Float does not hold it.
        let usualGap: Double?
        /// The trend rules' sums when they are not the paid sums (empty when they are).
        let trendSums: [ChurnOrderFacts.WindowSums]
    }

    let caseCount: Int
    let riskCount: Int
    /// The trend rules' count: every facts read back has this many trend sums.
    let trendRules: Int
    private let entries: [Entry]
    /// Ascending by slot (usually empty).
    private let asides: [Aside]

    /// The facts of the slots' cases on `backtestEnd` and risks on `asOf`, read from `orders`
    /// for the trend rules among `rules`, on the slots' ranges (`FixedPartition`).
    init(slots: ChurnScoring.Slots, orders: CustomerOrderBook, backtestEnd: Day?, asOf: Day, rules: [HealthRule]) {
        caseCount = slots.caseTotal
        riskCount = slots.riskTotal
        trendRules = ChurnOrderFacts.trendWindowDays(rules).count
        let total = slots.caseTotal + slots.riskTotal
        var parts: [[Aside]] = []
        entries = [Entry](unsafeUninitializedCapacity: total) { out, count in
            nonisolated(unsafe) let out = out
            parts = slots.marks.withUnsafeBufferPointer { marks in
                FixedPartition.map(marks.count, parts: slots.parts) { range in
                    let p = slots.part(startingAt: range.lowerBound)
                    var nextCase = slots.caseStart[p], nextRisk = slots.caseTotal + slots.riskStart[p]
                    var reader = ChurnOrderReader(rules: rules)
                    var facts = ChurnOrderFacts()
                    var asides: [Aside] = []
                    func store(_ slot: Int) {
                        let (entry, aside) = Self.entry(facts, slot: slot)
                        (out.baseAddress! + slot).initialize(to: entry)
                        if let aside { asides.append(aside) }
                    }
                    for c in range where marks[c] & (ChurnScoring.Slots.isCase | ChurnScoring.Slots.isRisk) != 0 {
                        reader.begin(c, orders: orders)
                        if let end = backtestEnd, marks[c] & ChurnScoring.Slots.isCase != 0 {
                            reader.read(at: end, into: &facts)
                            store(nextCase)
                            nextCase += 1
                        }
                        if marks[c] & ChurnScoring.Slots.isRisk != 0 {
                            reader.read(at: asOf, into: &facts)
                            store(nextRisk)
                            nextRisk += 1
                        }
                    }
                    precondition(nextCase == slots.caseStart[p] + slots.counts[p].cases
                                 && nextRisk == slots.caseTotal + slots.riskStart[p] + slots.counts[p].risks,
                                 "the digest fills the slots the scoring reads")
                    return asides
                }
            }
            count = total
        }
        asides = parts.joined().sorted { $0.slot < $1.slot }
    }

    /// `facts` as an entry and, when the entry cannot hold all of it, an aside.
    private static func entry(_ facts: ChurnOrderFacts, slot: Int) -> (Entry, Aside?) {
        var word: UInt32, asideGap: Double?
        switch (facts.lastPaid, facts.usualGap) {
        case (nil, _): word = Entry.noPaidDay
        case (_, nil): word = Entry.onePaidDay
        case (_, let gap?):
            let single = Float(gap)
            if Double(single).bitPattern == gap.bitPattern && single.bitPattern < Entry.aside {
                word = single.bitPattern
            } else {
                word = Entry.aside
                asideGap = gap
            }
        }
        let trendAside = !facts.trendSumsArePaidSums
        let entry = Entry(paidRecent: facts.paidRecent, paidPrevious: facts.paidPrevious,
                          lastPaid: facts.lastPaid?.ordinal ?? 0, usualWord: word)
        guard asideGap != nil || trendAside else { return (entry, nil) }
        return (entry, Aside(slot: Int32(slot), usualGap: asideGap, trendSums: trendAside ? facts.trendSums : []))
    }

    /// The facts of case `slot` (0 ..< caseCount), into `facts`.
    func readCase(_ slot: Int, into facts: inout ChurnOrderFacts) {
        precondition(slot >= 0 && slot < caseCount, "a case slot")
        read(slot, into: &facts)
    }

    /// The facts of risk `slot` (0 ..< riskCount), into `facts`.
    func readRisk(_ slot: Int, into facts: inout ChurnOrderFacts) {
        precondition(slot >= 0 && slot < riskCount, "a risk slot")
        read(caseCount + slot, into: &facts)
    }

    private func read(_ slot: Int, into facts: inout ChurnOrderFacts) {
        let entry = entries[slot]
        let aside = asides.isEmpty ? nil : self.aside(of: slot)
        facts.paidRecent = entry.paidRecent
        facts.paidPrevious = entry.paidPrevious
        switch entry.usualWord {
        case Entry.noPaidDay:
            facts.lastPaid = nil
            facts.usualGap = nil
        case Entry.onePaidDay:
            facts.lastPaid = Day(ordinal: entry.lastPaid)
            facts.usualGap = nil
        case Entry.aside:
            facts.lastPaid = Day(ordinal: entry.lastPaid)
            facts.usualGap = aside!.usualGap!
        case let word:
            facts.lastPaid = Day(ordinal: entry.lastPaid)
            facts.usualGap = Double(Float(bitPattern: word))
        }
        facts.trendSums.removeAll(keepingCapacity: true)
        if let aside, !aside.trendSums.isEmpty {
            facts.trendSums.append(contentsOf: aside.trendSums)
        } else {
            for _ in 0..<trendRules {
                facts.trendSums.append(ChurnOrderFacts.WindowSums(recent: entry.paidRecent, previous: entry.paidPrevious))
            }
        }
    }

    /// The aside of `slot`, if it has one (binary search).
    private func aside(of slot: Int) -> Aside? {
        var low = 0, high = asides.count
        while low < high {
            let mid = (low + high) / 2
            if Int(asides[mid].slot) < slot { low = mid + 1 } else { high = mid }
        }
        return low < asides.count && Int(asides[low].slot) == slot ? asides[low] : nil
    }
}
