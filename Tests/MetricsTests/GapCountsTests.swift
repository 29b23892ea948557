import Testing
import Model
@testable import Metrics

/// Gaps counted by length (`GapCounts`) give the sample median of the gaps added so far, bit
/// for bit, whether the middle gaps are counted, kept apart as long ones (256 days or more) or
/// one of each, and a reset forgets every gap.
@Suite struct GapCountsTests {
    /// Worked out by hand: 7 → 7; 7, 1 → 4; 7, 1, 4 → 4; 7, 1, 4, 300 → (4 + 7) ÷ 2 = 5.5;
    /// then 400 → 1, 4, 7, 300, 400 → 7; then 500 → (7 + 300) ÷ 2 = 153.5; then 600 → 300.
    /// After a reset, 256 (kept apart) and 255 (counted) → 255.5.
    @Test func mediansWorkedOutByHand() {
        var gaps = GapCounts()
        var medians: [Double] = []
        for gap: Int32 in [7, 1, 4, 300, 400, 500, 600] {
            gaps.add(gap)
            medians.append(gaps.median())
        }
        #expect(medians == [7, 4, 4, 5.5, 7, 153.5, 300])
        gaps.removeAll()
        #expect(gaps.count == 0)
        gaps.add(256)
        gaps.add(255)
        #expect(gaps.median() == 255.5)
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
            var added: [Double] = []
            for _ in 0..<(1 + Int(next(120))) {
                let gap = switch list % 3 {
                case 0: next(41)
                case 1: next(301)
                default: 200 + next(1_801)
                }
                gaps.add(gap)
                added.append(Double(gap))
                let expected = try #require(SampleQuantile.median(added))
                #expect(gaps.median().bitPattern == expected.bitPattern, "list \(list): \(added)")
                compared += 1
            }
        }
        #expect(compared > 2_000)
    }
}
