import Testing
import Model
@testable import Ingest

/// `BillingCadenceInference.cadence(ofGaps:)` against the median of the sorted gaps.
@Suite struct CadenceFromGapsTests {
    /// The rule as written: sort, take the middle gap (or the mean of the two middle ones), compare.
    static func bySorting(_ gaps: [Int]) -> BillingCadence {
        let sorted = gaps.sorted(), n = sorted.count
        let median = n % 2 == 1 ? Double(sorted[n / 2]) : Double(sorted[n / 2 - 1] + sorted[n / 2]) / 2
        return median <= 45 ? .monthly : median <= 135 ? .quarterly : .annual
    }

    @Test func handWorkedMediansAtTheBounds() {
        let cases: [([Int], BillingCadence)] = [
            ([45], .monthly), ([46], .quarterly), ([135], .quarterly), ([136], .annual),
            ([60, 30], .monthly),            // (30 + 60) / 2 = 45
            ([61, 30], .quarterly),          // 45.5
            ([170, 100], .quarterly),        // 135
            ([171, 100], .annual),           // 135.5
            ([300, 10, 200, 50], .quarterly),  // (50 + 200) / 2 = 125
            ([30, 31, 365, 365, 365], .annual),  // the middle of five: 365
            ([1, 1, 1, 400], .monthly),      // (1 + 1) / 2
        ]
        for (gaps, expected) in cases {
            #expect(BillingCadenceInference.cadence(ofGaps: gaps) == expected, "\(gaps)")
            #expect(Self.bySorting(gaps) == expected, "\(gaps)")
        }
    }

    @Test func randomGapListsAgreeWithTheSortedMedian() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        for _ in 0..<20_000 {
            let n = 1 + next(12)
            // Gaps near the bounds most of the time, so that ties and the two-middle case occur.
            let gaps = (0..<n).map { _ in next(4) == 0 ? 1 + next(400) : [44, 45, 46, 90, 134, 135, 136, 270][next(8)] + next(3) - 1 }
            let got = BillingCadenceInference.cadence(ofGaps: gaps)
            if got != Self.bySorting(gaps) {
                Issue.record("\(gaps): \(got), sorted median says \(Self.bySorting(gaps))")
                return
            }
        }
    }
}
