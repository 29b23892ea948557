import Testing
import Model
@testable import Metrics

/// The median gap by selection (`GapSelection`) is the sample median of the gaps, bit for bit,
/// and the same as `HealthSignal.medianGap` gives, on short and long lists, on orders that
/// trouble a quickselect (sorted, reversed, all equal, organ pipe) and on repeated values.
@Suite struct GapSelectionTests {
    static func median(_ gaps: [Int32]) -> Double {
        var copy = gaps
        return copy.withUnsafeMutableBufferPointer { GapSelection.median($0) }
    }

    /// Worked out by hand: gaps 7, 1, 4 → sorted 1, 4, 7 → 4; gaps 9, 2, 5, 3 → sorted 2, 3, 5, 9
    /// → (3 + 5) ÷ 2 = 4; one gap of 20,000,001 → 20,000,001; gaps 1, 2 → 1.5.
    @Test func mediansWorkedOutByHand() {
        #expect(Self.median([7, 1, 4]) == 4)
        #expect(Self.median([9, 2, 5, 3]) == 4)
        #expect(Self.median([20_000_001]) == 20_000_001)
        #expect(Self.median([2, 1]) == 1.5)
    }

    /// Position k holds the k-th least gap, none greater before it, none less after it; the
    /// gaps are the same multiset.
    @Test func selectPutsThePositionInOrder() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int32((state >> 33) % UInt64(bound))
        }
        for count in [1, 2, 3, 15, 16, 17, 40, 100, 333] {
            let gaps = (0..<count).map { _ in 1 + next(20) }
            let sorted = gaps.sorted()
            for k in Set([0, count / 2, count - 1]) {
                var work = gaps
                work.withUnsafeMutableBufferPointer { Quickselect.select(k, in: $0) }
                #expect(work[k] == sorted[k], "\(count) gaps, position \(k)")
                #expect(work[..<k].allSatisfy { $0 <= work[k] } && work[(k + 1)...].allSatisfy { $0 >= work[k] })
                #expect(work.sorted() == sorted)
            }
        }
    }

    /// Ordering by rank gives the library sort's order for every length 0…40, on random gaps with
    /// many repeats (1…5), on distinct ones and on all-equal ones: each gap lands at a position of
    /// its own even when gaps repeat.
    @Test func rankOrderIsTheSortedOrder() {
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int32((state >> 33) % UInt64(bound))
        }
        for count in 0...40 {
            let shapes: [[Int32]] = [
                (0..<count).map { _ in 1 + next(5) }, (0..<count).map { _ in next(1_000_000) },
                [Int32](repeating: 7, count: count), (0..<count).map { Int32(count - $0) },
            ]
            for gaps in shapes {
                var sorted = [Int32](repeating: -1, count: count)
                gaps.withUnsafeBufferPointer { g in
                    sorted.withUnsafeMutableBufferPointer { GapSelection.sortByRank(g, into: $0) }
                }
                #expect(sorted == gaps.sorted(), "\(gaps)")
            }
        }
    }

    /// Counting by length gives the sorted list's two middle gaps (the last one twice for an odd
    /// count ending there), or nil exactly when one of them is 255 days or more or a gap is negative:
    /// lists of 33…400 gaps of lengths up to 40, up to 300 (so either side of the last bucket)
    /// and with negative gaps.
    @Test func countingFindsTheMiddleGapsOrDeclines() {
        var state: UInt64 = 5
        func next(_ bound: Int) -> Int32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int32((state >> 33) % UInt64(bound))
        }
        var declined = 0, answered = 0
        for count in stride(from: 33, through: 400, by: 7) {
            let shapes: [[Int32]] = [
                (0..<count).map { _ in next(40) }, (0..<count).map { _ in 150 + next(150) },
                (0..<count).map { _ in next(60) - 20 }, (0..<count).map { $0 < count / 2 ? 254 : 255 },
            ]
            for gaps in shapes {
                let sorted = gaps.sorted()
                let lower = (count - 1) / 2, upper = min(lower + 1, count - 1)
                let found = gaps.withUnsafeBufferPointer { GapSelection.middleByCount($0, lower) }
                if sorted[0] >= 0 && sorted[upper] <= 254 {
                    #expect(found.map { [$0.0, $0.1] } == [sorted[lower], sorted[upper]], "\(gaps)")
                    answered += 1
                } else {
                    #expect(found == nil, "\(gaps)")
                    declined += 1
                }
            }
        }
        #expect(answered > 50 && declined > 20)
    }

    /// Against the sample median and `HealthSignal.medianGap` for pseudo-random ascending days
    /// of every length 2…300 (steps of 1…12 days and of 1…2,000) and for shaped gap lists.
    @Test func matchesTheSampleMedianAndTheHealthSignal() throws {
        var state: UInt64 = 7
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
                let selected = Self.median(gaps)
                #expect(selected.bitPattern == expected.bitPattern, "\(count) days, steps to \(step)")
                #expect(selected.bitPattern == HealthSignal.medianGap(days[...], count: count).bitPattern)
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
                #expect(Self.median(gaps) == SampleQuantile.median(gaps.map(Double.init)), "\(count) gaps")
            }
        }
    }
}
