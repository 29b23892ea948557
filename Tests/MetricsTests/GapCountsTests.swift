import Testing
import Model
@testable import Metrics

/// Gaps counted by length (`GapCounts`) give the sample median of the gaps added so far, bit
/// for bit, whether the middle gaps are counted, kept apart as long ones (256 days or more) or
/// one of each, and a reset forgets every gap.
@Suite struct GapCountsTests {
    /// Rising days (from day 0) whose consecutive gaps are `gaps`.
    static func days(_ gaps: [Int32]) -> [Day] {
        var days = [Day(ordinal: 0)]
        for gap in gaps { days.append(Day(ordinal: days.last!.ordinal + gap)) }
        return days
    }

    /// Adds one gap: the last of `days` extended by it.
    static func add(_ gap: Int32, to counts: inout GapCounts, days: inout [Day]) {
        days.append(Day(ordinal: days.last!.ordinal + gap))
        days.withUnsafeBufferPointer { counts.addGaps($0, endingAt: ($0.count - 1)..<$0.count) }
    }

    /// The median of `gaps` counted from an emptied count (one count reused, as a reader does),
    /// all added at once.
    static func median(_ gaps: [Int32], reusing counts: inout GapCounts) -> Double {
        counts.removeAll()
        days(gaps).withUnsafeBufferPointer { counts.addGaps($0, endingAt: 1..<$0.count) }
        return counts.median()
    }

    /// Worked out by hand: 7 → 7; 7, 1 → 4; 7, 1, 4 → 4; 7, 1, 4, 300 → (4 + 7) ÷ 2 = 5.5;
    /// then 400 → 1, 4, 7, 300, 400 → 7; then 500 → (7 + 300) ÷ 2 = 153.5; then 600 → 300.
    /// After a reset, 256 (kept apart) and 255 (counted) → 255.5.
    @Test func mediansWorkedOutByHand() {
        var gaps = GapCounts(), days = [Day(ordinal: 0)]
        var medians: [Double] = []
        for gap: Int32 in [7, 1, 4, 300, 400, 500, 600] {
            Self.add(gap, to: &gaps, days: &days)
            medians.append(gaps.median())
        }
        #expect(medians == [7, 4, 4, 5.5, 7, 153.5, 300])
        #expect(Self.median([7, 1, 4, 300, 400, 500, 600], reusing: &gaps) == 300)
        gaps.removeAll()
        #expect(gaps.count == 0)
        #expect(Self.median([256, 255], reusing: &gaps) == 255.5)
    }

    /// After every gap added, against the sample median of the gaps so far: 60 lists of up to 120
    /// gaps of lengths 0…40, 0…300 (both sides of the counted range) and 200…2,000, one count
    /// reused across the lists (reset between them).
    @Test func everyPrefixGivesTheSampleMedian() throws {
        var state: UInt64 = 9
        func next(_ bound: Int) -> Int32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int32((state >> 33) % UInt64(bound))
        }
        var gaps = GapCounts()
        var compared = 0
        for list in 0..<60 {
            gaps.removeAll()
            var days = [Day(ordinal: 0)]
            var added: [Double] = []
            for _ in 0..<(1 + Int(next(120))) {
                let gap = switch list % 3 {
                case 0: next(41)
                case 1: next(301)
                default: 200 + next(1_801)
                }
                Self.add(gap, to: &gaps, days: &days)
                added.append(Double(gap))
                let expected = try #require(SampleQuantile.median(added))
                #expect(gaps.median().bitPattern == expected.bitPattern, "list \(list): \(added)")
                compared += 1
            }
        }
        #expect(compared > 2_000)
    }

    /// Against the sample median and `HealthSignal.medianGap`, one count reused throughout, for
    /// pseudo-random ascending days of every length 2…300 (steps of 1…12 days and of 1…2,000)
    /// and for shaped gap lists.
    @Test func matchesTheSampleMedianAndTheHealthSignal() throws {
        var state: UInt64 = 7
        var counts = GapCounts()
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for step in [12, 2_000] {
            for count in 2...300 {
                var days = [Day(ordinal: Int32(next(100)))]
                for _ in 1..<count { days.append(days.last!.adding(days: 1 + next(step))) }
                let gaps = zip(days, days.dropFirst()).map { $0.ordinal.distance(to: $1.ordinal) }.map(Int32.init)
                let expected = try #require(SampleQuantile.median(gaps.map(Double.init)))
                let counted = Self.median(gaps, reusing: &counts)
                #expect(counted.bitPattern == expected.bitPattern, "\(count) days, steps to \(step)")
                #expect(counted.bitPattern == HealthSignal.medianGap(days[...], count: count).bitPattern)
            }
        }
        for count in [1, 2, 17, 64, 65, 200, 1_001] {
            let ascending = (0..<count).map { Int32(1 + $0) }
            let shapes: [[Int32]] = [
                ascending, ascending.reversed(), [Int32](repeating: 5, count: count),
                ascending.map { min($0, Int32(count) + 1 - $0) },
                ascending.map { $0 % 3 + 1 },
            ]
            for gaps in shapes {
                #expect(Self.median(gaps, reusing: &counts) == SampleQuantile.median(gaps.map(Double.init)), "\(count) gaps")
            }
        }
    }
}
