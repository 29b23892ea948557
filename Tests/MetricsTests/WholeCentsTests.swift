import Testing
import Model
@testable import Metrics

/// The ledger takes an amount stored as whole cents (`CompactOrderAmounts.isWholeCents`) as it
/// is instead of rounding it to cents: that is the same only if rounding gives every such amount
/// back bit for bit, which is checked here for every cent count up to ±1,000,000, the extremes
/// of the stored range and 200,000 counts spread over it.
@Suite struct WholeCentsTests {
    @Test func wholeCentsAreTheirOwnRounding() {
        func check(_ c: Int64) -> Bool {
            let amount = Double(c) / 100
            return MinorUnit.rounded(amount, digits: 2).bitPattern == amount.bitPattern
        }
        var failures: [Int64] = []
        for c in Int64(-1_000_000)...1_000_000 where !check(c) { failures.append(c) }
        let bound = Int64(1) << 28 - 1
        var state: UInt64 = 13
        var spread: [Int64] = [bound, -bound, bound - 1, -(bound - 1)]
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            spread.append(Int64(state >> 35) % (2 * bound + 1) - bound)
        }
        for c in spread where !check(c) { failures.append(c) }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    /// 19.99 and −5.25 are stored as cents (tag 0); 19.99 × 1.08 as cents at a rate, 0.125 whole:
    /// only the first two are whole cents as read.
    @Test func onlyCentsWithoutARateAreWholeCents() {
        let amounts = CompactOrderAmounts([19.99, 19.99 * 1.08, 0.125, -5.25], scales: [1.08])
        #expect((0..<4).map { amounts.isWholeCents(at: $0) } == [true, false, false, true])
    }
}
