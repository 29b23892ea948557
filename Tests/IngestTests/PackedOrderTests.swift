import Testing
@testable import Model
@testable import Ingest

/// `PackedOrder`: 8 bytes that read back the place, day and amount code given, and refuse a day
/// beyond its 20 bits or an amount without a short code (such orders are held whole).
@Suite struct PackedOrderTests {
    @Test func theDocumentedExampleLaysOutItsBits() {
        // Customer 4097 (place 1 of block 1), 2022-01-08 (ordinal 19,000), 19.99 (code 1999, tag 0).
        #expect(Day(year: 2022, month: 1, day: 8)?.ordinal == 19_000)
        #expect(CompactOrderAmounts.code(of: 19.99, scales: []) == 1999)
        let packed = PackedOrder(place: 1, day: Day(ordinal: 19_000), code: 1999)
        #expect(packed?.bits == UInt64(19_000 + 524_288) << 44 | 1 << 32 | 1999)
        #expect(packed?.place == 1 && packed?.day == Day(ordinal: 19_000) && packed?.code == 1999)
        #expect(packed?.isException == false)
    }

    @Test func daysFitFromMinusToPlusTwoToTheNineteen() {
        // The day field is ordinal + 524,288 in 0 ..< 1,048,576: ordinals −524,288 … 524,287.
        for ordinal: Int32 in [-524_288, -1, 0, 524_287] {
            let packed = PackedOrder(place: 4095, day: Day(ordinal: ordinal), code: 7 << 29 - 1)
            #expect(packed?.day.ordinal == ordinal && packed?.place == 4095 && packed?.code == 7 << 29 - 1)
        }
        #expect(PackedOrder(place: 0, day: Day(ordinal: -524_289), code: 1) == nil)
        #expect(PackedOrder(place: 0, day: Day(ordinal: 524_288), code: 1) == nil)
        #expect(PackedOrder(place: 0, day: Day(ordinal: 0), code: nil) == nil)
    }

    @Test func shortCodesReadBackTheirAmounts() {
        // 19.99 × 1.08 is tag 1 (the first scale) with 1999 cents; −0.5 is tag 0, −50 cents.
        let scales = [1.08, 1.27]
        for amount in [19.99 * 1.08, 19.99 * 1.27, -0.5, 0, 2_684_354.55] {
            let code = CompactOrderAmounts.code(of: amount, scales: scales)
            #expect(code.flatMap { CompactOrderAmounts.amount(of: $0, scales: scales) }?.bitPattern == amount.bitPattern)
        }
        let tagged: UInt32 = 1 << 29 | 1999
        #expect(CompactOrderAmounts.code(of: 19.99 * 1.08, scales: scales) == tagged)
        #expect(CompactOrderAmounts.amount(of: CompactOrderAmounts.unnumberedExceptional, scales: scales) == nil)
    }

    @Test func exceptionsNameTheirIndex() {
        let packed = PackedOrder(place: 17, exception: 123_456)
        #expect(packed.isException && packed.exceptionIndex == 123_456 && packed.place == 17)
    }

    /// Orders that do not pack are held whole in their chunk, read back exactly, in file order.
    @Test func blocksHoldOrdersThatDoNotPackWhole() {
        var held = OrderBlocks(scales: [1.08])
        let orders = [Order(customer: 4097, day: Day(ordinal: 19_000), amount: 19.99 * 1.08),
                      Order(customer: 4097, day: Day(ordinal: 3_000_000), amount: 1),
                      Order(customer: 4098, day: Day(ordinal: 19_001), amount: 0.125),
                      Order(customer: 4097, day: Day(ordinal: -600_000), amount: -0.0)]
        for o in orders { held.append(o) }
        let (blocks, outside) = held.take()
        #expect(outside.isEmpty && blocks.count == 2 && blocks[0].isEmpty && blocks[1].count == 1)
        let chunk = blocks[1][0]
        #expect(chunk.count == 4 && chunk.exceptions == Array(orders.dropFirst()))
        #expect(chunk.orders.map(\.isException) == [false, true, true, true])
        #expect(chunk.orders.map(\.place) == [1, 1, 2, 1])
        let read = chunk.orders.map { chunk.dayAndAmount($0, scales: [1.08]) }
        #expect(read.map(\.day) == orders.map(\.day))
        #expect(read.map(\.amount.bitPattern) == orders.map(\.amount.bitPattern))
    }
}
