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

    /// Codes written out of position order (as two threads write them) with the exceptional
    /// amounts listed by (position, amount) in any order: numbered in position order, the very
    /// storage `init(_:scales:)` makes. Scales [1.27, 1, 1.08, 1.27] are tagged [1.08, 1.27].
    /// Positions: 0: 0.125 (3 decimals), 1: 19.99 × 1.27 = 25.3873 (4 decimals;
    /// ÷ 1.08 = 23.5067…, not a cent count; 1999 cents, tag 2), 2: −0.0,
    /// 3: 3.5 (350 cents, tag 0), 4: 1e-9. Exceptional in position order: 0.125, −0.0, 1e-9
    /// (numbers 0, 1, 2), given here as 4, 0, 2.
    @Test func exceptionalAmountsAreNumberedInPositionOrderWhoeverWroteThem() {
        let scales = CompactOrderAmounts.tagged([1.27, 1, 1.08, 1.27])
        #expect(scales == [1.08, 1.27])
        let amounts = [0.125, 19.99 * 1.27, -0.0, 3.5, 1e-9]
        let pending = CompactOrderAmounts.unnumberedExceptional
        #expect(pending == 7 << 29)
        let codes = amounts.map { CompactOrderAmounts.code(of: $0, scales: scales) ?? pending }
        let tagTwo: UInt32 = 2 << 29, tagSeven: UInt32 = 7 << 29
        #expect(codes == [pending, tagTwo | 1999, pending, 350, pending])
        let placed = CompactOrderAmounts(codes: codes, scales: scales,
                                         exceptional: [(4, 1e-9), (0, 0.125), (2, -0.0)])
        let numbered: [UInt32] = [tagSeven | 0, tagTwo | 1999, tagSeven | 1, 350, tagSeven | 2]
        #expect(placed.codes == numbered)
        #expect(placed.exceptional.map(\.bitPattern) == [0.125, -0.0, 1e-9].map(\.bitPattern))
        let sequential = CompactOrderAmounts(amounts, scales: [1.27, 1, 1.08, 1.27])
        #expect(placed.codes == sequential.codes && placed.scales == sequential.scales)
        #expect(placed.exceptional.map(\.bitPattern) == sequential.exceptional.map(\.bitPattern))
        #expect((0..<5).map { placed[$0].bitPattern } == amounts.map(\.bitPattern))
    }

    /// Offsets written elsewhere from base 2024-01-01 (ordinal b): offsets [2, 0] read back as
    /// b + 2 and b; no offsets keep base 0, as the empty `init(_:)` does; whole days read back as given.
    @Test func daysFromTheirPartsReadBackAsGiven() {
        let first = Day(iso: "2024-01-01")!
        #expect(CompactOrderDays.offsetsFit(lowest: first.ordinal, highest: first.ordinal + 65_535))
        #expect(!CompactOrderDays.offsetsFit(lowest: first.ordinal, highest: first.ordinal + 65_536))
        #expect(!CompactOrderDays.offsetsFit(lowest: .max, highest: .min))
        let narrow = CompactOrderDays(base: first.ordinal, offsets: [2, 0])
        #expect(narrow.count == 2 && narrow[0] == first.adding(days: 2) && narrow[1] == first)
        let empty = CompactOrderDays(base: first.ordinal, offsets: [])
        #expect(empty.base == 0 && empty.count == 0)
        let whole = CompactOrderDays(wide: [first.adding(days: 70_000), first])
        #expect(whole.offsets.isEmpty && whole[0] == first.adding(days: 70_000) && whole[1] == first)
    }
}
