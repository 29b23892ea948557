import Testing
@testable import Model

@Suite struct CompactOrderStorageTests {
    /// 19.99 = 1999 cents (tag 0); 19.99 × 1.08 = 21.5892 = 1999 cents at rate 1.08 (tag 1);
    /// 0.125 has 3 decimals and −0.0 is not the stored 0: both kept whole, at 0 and 1 of
    /// `exceptional`; −2 684 354.55 is −268 435 455 cents, the last that fits 29 bits.
    @Test func amountsReadBackBitForBitAndTheShortOnesTakeFourBytes() {
        let amounts = [19.99, 19.99 * 1.08, 0.125, -0.0, -2_684_354.55, 0, -5.25]
        let compact = CompactOrderAmounts(amounts, scales: [1.08, 1.08, 1])
        #expect((0..<amounts.count).map { compact[$0].bitPattern } == amounts.map(\.bitPattern))
        #expect(compact.scales == [1.08])
        #expect(compact.exceptional.map(\.bitPattern) == [0.125, -0.0].map(\.bitPattern))
        #expect(compact.codes[0] == 1999 && compact.codes[1] == 1 << 29 | 1999)
        #expect(compact.codes[2] == 7 << 29 | 0 && compact.codes[3] == 7 << 29 | 1)
    }

    /// 2024-01-01 is the base; 2024-01-03 is offset 2. A day 65 536 after the first does not fit.
    @Test func daysTakeTwoBytesWithinTheSpanAndFourBeyondIt() {
        let first = Day(iso: "2024-01-01")!
        let days = [first.adding(days: 2), first, first.adding(days: 65_535)]
        let compact = CompactOrderDays(days)
        #expect(compact.offsets == [2, 0, 65_535] && compact.wide.isEmpty)
        #expect((0..<3).map { compact[$0] } == days)
        let far = days + [first.adding(days: 65_536)]
        let wide = CompactOrderDays(far)
        #expect(wide.offsets.isEmpty && (0..<4).map { wide[$0] } == far)
    }
}
