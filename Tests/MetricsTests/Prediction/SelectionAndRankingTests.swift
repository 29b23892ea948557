import Foundation
import Testing
@testable import Metrics

/// The linear-time replacements of sorts in the prediction stage give exactly what the sorts gave:
/// quantiles by selection (`OrderStatistics`) and rankings by radix sort (`DescendingOrder`).
@Suite struct SelectionAndRankingTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Samples of 1…400 values, on a coarse grid (many ties) or spread, negative ones among them:
    /// the median and the 95th percentile by selection equal `SampleQuantile` on the sorted values,
    /// bit for bit.
    @Test func quantilesBySelectionEqualTheSortedQuantiles() {
        var g = Generator(state: 7)
        for round in 0..<300 {
            let n = 1 + g.next(400)
            let values = (0..<n).map { _ in
                round % 2 == 0 ? Double(g.next(9)) - 3 : Double(g.next(1_000_000)) / 997 - 50
            }
            let sorted = values.sorted()
            var statistics = OrderStatistics(values)
            let median = statistics.quantile(0.5)
            let p95 = statistics.quantile(0.95, method: .nearestRank)
            #expect(median?.bitPattern == SampleQuantile.quantile(sorted: sorted, 0.5)?.bitPattern, "round \(round)")
            #expect(p95?.bitPattern == SampleQuantile.quantile(sorted: sorted, 0.95, method: .nearestRank)?.bitPattern)
        }
        // Hand-worked: 5, 1, 4, 2, 3 → sorted 1…5: median 3, nearest-rank 95 % = the 5th = 5;
        // 4, 1, 3, 2 → median (2 + 3) / 2 = 2.5, 95 % = the 4th = 4.
        var odd = OrderStatistics([5, 1, 4, 2, 3])
        #expect(odd.quantile(0.5) == 3 && odd.quantile(0.95, method: .nearestRank) == 5)
        var even = OrderStatistics([4, 1, 3, 2])
        #expect(even.quantile(0.5) == 2.5 && even.quantile(0.95, method: .nearestRank) == 4)
        var empty = OrderStatistics([])
        #expect(empty.quantile(0.5) == nil)
        // A −0 among zeros: the sample is sorted instead, so the median is the sorted sample's (0 then −0 keep their order).
        var zeros = OrderStatistics([0.0, -0.0, 1, -1])
        #expect(zeros.quantile(0.5)?.bitPattern == SampleQuantile.quantile(sorted: [0.0, -0.0, 1, -1].sorted(), 0.5)?.bitPattern)
    }

    /// Keys with ties, negatives, zeros and infinities, starting from a shuffled order: the radix
    /// order equals a stable comparison sort by key, largest first; nil for a NaN or a −0 key.
    @Test func radixOrderEqualsTheStableDescendingSort() {
        var g = Generator(state: 11)
        for round in 0..<200 {
            let n = g.next(3_000)
            let keys = (0..<n).map { _ -> Double in
                switch g.next(10) {
                case 0: return 0
                case 1: return .infinity
                case 2: return -.infinity
                default: return round % 2 == 0 ? Double(g.next(20)) / 4 - 2 : Double(g.next(1 << 30)) * 1e-3 - 5e5
                }
            }
            var order = (0 ..< Int32(n)).map { $0 }
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, g.next(i + 1)) }
            let expected = order.enumerated().sorted { a, b in
                keys[Int(a.element)] != keys[Int(b.element)] ? keys[Int(a.element)] > keys[Int(b.element)] : a.offset < b.offset
            }.map(\.element)
            #expect(DescendingOrder.sorted(order, by: keys) == expected, "round \(round)")
        }
        // 0.5, 2, 0.5, −1 → 2 (position 1), the two 0.5 in the order given (2 before 0), −1.
        #expect(DescendingOrder.sorted([2, 0, 1, 3], by: [0.5, 2, 0.5, -1]) == [1, 2, 0, 3])
        #expect(DescendingOrder.sorted([0, 1], by: [1, .nan]) == nil)
        #expect(DescendingOrder.sorted([0, 1], by: [1, -0.0]) == nil)
        #expect(DescendingOrder.sorted([], by: []) == [])
    }

    /// Arranging in place by a permutation gives what `order.map { elements[$0] }` gives: shuffled
    /// permutations of many sizes (cycles of every length, fixed points included) and a worked one.
    @Test func arrangingInPlaceEqualsMappingThroughTheOrder() {
        var g = Generator(state: 5)
        for round in 0..<100 {
            let n = g.next(500)
            var order = (0 ..< Int32(n)).map { $0 }
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, g.next(i + 1)) }
            let elements = (0..<n).map { "e\($0)" }
            var arranged = elements
            DescendingOrder.arrange(&arranged, in: order)
            #expect(arranged == order.map { elements[Int($0)] }, "round \(round)")
        }
        // Order [2, 0, 1, 3]: the cycle 0 ← 2 ← 1 ← 0 and the fixed point 3.
        var letters = ["a", "b", "c", "d"]
        DescendingOrder.arrange(&letters, in: [2, 0, 1, 3])
        #expect(letters == ["c", "a", "b", "d"])
    }

    /// `Quickselect`: position k holds the k-th least value, none greater before it, none less
    /// after it; the values are the same multiset.
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

}
