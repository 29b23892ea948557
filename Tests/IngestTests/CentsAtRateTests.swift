import Testing
import Model
@testable import Ingest

/// A plain amount's cents (`PlainNumber`), carried with the rate it was converted at
/// (`OrderRecord.made`), and the short code made from them (`OrderBlocks`).
@Suite struct CentsAtRateTests {
    func plain(_ text: String) -> PlainNumber? {
        Array(text.utf8).withUnsafeBufferPointer { PlainNumber($0) }
    }

    @Test func plainCellsGiveTheirCentsWhenTheyHaveAtMostTwoDecimals() {
        #expect(plain("19.99")?.cents == 1999)
        #expect(plain("12.5")?.cents == 1250)
        #expect(plain("-7")?.cents == -700)
        #expect(plain("0.00")?.cents == 0)
        #expect(plain("0.00")?.value.bitPattern == (0.0).bitPattern)
        // −0 is no cent count (0 / 100 is +0); four decimals have none; 2⁵³ hundredths and
        // more are not exact in a Double.
        #expect(plain("-0.00") != nil && plain("-0.00")?.cents == nil)
        #expect(plain("-0.00")?.value.bitPattern == (-0.0).bitPattern)
        #expect(plain("3.1416")?.cents == nil && plain("3.1416")?.value == 3.1416)
        #expect(plain("90071992547409.91")?.cents == 9_007_199_254_740_991)  // 2⁵³ − 1
        #expect(plain("90071992547409.92")?.cents == nil)
        #expect(plain("900719925474100")?.cents == nil)  // 9.007… × 10¹⁶ hundredths
        // Amounts go up to 10¹⁵ in absolute value (`MoneyParsing.maxMagnitude`).
        #expect(plain("-1000000000000000")?.amount == -1e15)
        // 10¹⁶ + 1 hundredths: an amount, but beyond 2⁵³ hundredths, so no cents.
        #expect(plain("100000000000000.01")?.amount != nil && plain("100000000000000.01")?.cents == nil)
        #expect(plain("1000000000000001") != nil && plain("1000000000000001")?.amount == nil)
        // Not plain: a single dot before three digits, a thousands comma, a currency, two dots.
        for text in ["0.125", "1,020.50", "$5", "1.2.3", "", "-", ".5", "5."] { #expect(plain(text) == nil, "\(text)") }
    }

    /// The claim `cents` rests on: mantissa ÷ 10^fraction and cents ÷ 100 are the same Double
    /// (both round the same rational), for random mantissas of every size and both signs.
    @Test func aPlainValueIsItsCentsOverAHundredBitForBit() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let digits = Int.random(in: 1...15, using: &rng)
            // Below 2⁴⁶: even as whole units (× 100) below 2⁵³ hundredths.
            var text = String(UInt64.random(in: 0..<(UInt64(1) << 46), using: &rng) % pow10(digits))
            switch Int.random(in: 0..<3, using: &rng) {
            case 1 where text.count >= 2: text.insert(".", at: text.index(text.endIndex, offsetBy: -1))
            case 2 where text.count >= 3: text.insert(".", at: text.index(text.endIndex, offsetBy: -2))
            default: break
            }
            if Bool.random(using: &rng) { text = "-" + text }
            guard let number = plain(text), let cents = number.cents else {
                if plain(text)?.mantissa != 0 { Issue.record("no cents for \(text)") }
                continue
            }
            let value = number.value, fromCents = Double(cents) / 100
            if value.bitPattern != fromCents.bitPattern {
                Issue.record("\(text): \(value) is not \(cents) / 100 = \(fromCents)")
                return
            }
        }
    }

    func pow10(_ k: Int) -> UInt64 { (0..<k).reduce(1) { p, _ in p * 10 } }

    /// USD is the report currency, EUR at 1.08, GBP at 1.27. A currency's first row is converted
    /// through the book (and its rate remembered): no cents carried. Later rows carry the cents
    /// and the remembered rate (none for USD). Rows whose cell is not plain, has three or more
    /// decimals or is −0 carry none; nor does a row with tax taken off.
    @Test func ordersCarryTheirCentsAndTheRateTheyWereConvertedAt() throws {
        let text = """
            Invoice ID,Customer ID,Date,Amount,Tax,Currency
            I1,C1,2024-01-01,10.00,0,USD
            I2,C1,2024-01-02,19.99,0,EUR
            I3,C1,2024-01-03,19.99,0,EUR
            I4,C1,2024-01-04,12.5,,USD
            I5,C1,2024-01-05,7,0,GBP
            I6,C1,2024-01-06,-7,0,GBP
            I7,C1,2024-01-07,0.125,0,USD
            I8,C1,2024-01-08,-0.00,0,USD
            I9,C1,2024-01-09,"1,020.50",0,USD
            I10,C1,2024-01-10,3.14159,0,USD
            I11,C1,2024-01-11,10.00,1.50,USD
            I12,C1,2024-01-12,10.00,0,EUR

            """
        let seen = try orders(text)
        let expected: [CentsAtRate?] = [nil, nil, CentsAtRate(cents: 1999, rate: 1.08), CentsAtRate(cents: 1250, rate: nil),
                                        nil, CentsAtRate(cents: -700, rate: 1.27), nil, nil, nil, nil, nil,
                                        CentsAtRate(cents: 1000, rate: 1.08)]
        #expect(seen.map(\.made) == expected)
        let eur: Double = 1.08, gbp: Double = 1.27
        let amounts: [Double] = [10, 19.99 * eur, 19.99 * eur, 12.5, 7 * gbp, -7 * gbp, 0.125, -0.0, 1020.5, 3.14159, 8.5, 10 * eur]
        #expect(seen.map(\.amount.bitPattern) == amounts.map(\.bitPattern))
        // Whatever carries cents is exactly cents ÷ 100 times its rate.
        for (amount, made) in seen {
            guard let made else { continue }
            let back = Double(made.cents) / 100 * (made.rate ?? 1)
            #expect(back.bitPattern == amount.bitPattern)
        }
    }

    /// Without a tax or refund column a row of a currency met before (or of a file without a
    /// currency column) takes the short way: its cents and rate are kept and its amount is made
    /// from them when read (`CentsAtRate.amount`), the same bits as the long way gives the rows
    /// above. First rows of a currency, cells that are not plain or have no cents go the long way.
    @Test func rowsOfAKnownCurrencyKeepTheirCentsAndReadTheSameAmounts() throws {
        let withCurrency = """
            Invoice ID,Customer ID,Date,Amount,Currency
            I1,C1,2024-01-01,10.00,USD
            I2,C1,2024-01-02,19.99,EUR
            I3,C1,2024-01-03,19.99,EUR
            I4,C1,2024-01-04,12.5,USD
            I5,C1,2024-01-05,-7,GBP
            I6,C1,2024-01-06,0.125,GBP
            I7,C1,2024-01-07,-0.00,USD
            I8,C1,2024-01-08,"1,020.50",EUR
            I9,C1,2024-01-09,7.5,GBP

            """
        let eur: Double = 1.08, gbp: Double = 1.27
        try expectOrders(withCurrency,
                         made: [nil, nil, CentsAtRate(cents: 1999, rate: 1.08), CentsAtRate(cents: 1250, rate: nil), nil, nil,
                                nil, nil, CentsAtRate(cents: 750, rate: 1.27)],
                         amounts: [10, 19.99 * eur, 19.99 * eur, 12.5, -7 * gbp, 0.125 * gbp, -0.0, 1020.5 * eur, 7.5 * gbp])
        let noCurrency = """
            Invoice ID,Customer ID,Date,Amount
            I1,C1,2024-01-01,10.00
            I2,C1,2024-01-02,0.125
            I3,C1,2024-01-03,-19.99

            """
        try expectOrders(noCurrency, made: [CentsAtRate(cents: 1000, rate: nil), nil, CentsAtRate(cents: -1999, rate: nil)],
                         amounts: [10, 0.125, -19.99])
    }

    /// Each order of the orders file `text` (USD the report currency, EUR at 1.08, GBP at 1.27):
    /// its amount and how it was made.
    func orders(_ text: String) throws -> [(amount: Double, made: CentsAtRate?)] {
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", text)
        let stream = try OrderStream(path: path, options: IngestOptions(rates: ["EUR": 1.08, "GBP": 1.27], reportCurrency: "USD"))
        var seen: [(amount: Double, made: CentsAtRate?)] = []
        _ = try stream.forEachOrder { o in
            seen.append((o.amount, o.made))
            return .use
        }
        return seen
    }

    func expectOrders(_ text: String, made: [CentsAtRate?], amounts: [Double],
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let seen = try orders(text)
        #expect(seen.map(\.made) == made, sourceLocation: sourceLocation)
        #expect(seen.map(\.amount.bitPattern) == amounts.map(\.bitPattern), sourceLocation: sourceLocation)
    }

    /// The order book asks for an amount only when it cannot code the cents: an order that packs
    /// (tag 0, or a rate among the scales) never computes it; one coded by search (a rate not
    /// among the scales) asks once, and one kept whole (cents beyond the payload) asks once more
    /// to keep it.
    @Test func blocksAskForTheAmountOnlyWhenTheCentsDoNotCodeIt() {
        var held = OrderBlocks(scales: [1.08])
        var asked = 0
        // 5 × 0.91 by search: once, and once more when the search finds no code (kept whole).
        let searchCalls = CompactOrderAmounts.code(of: 5 * 0.91, scales: [1.08]) == nil ? 2 : 1
        let cases: [(CentsAtRate, Double, Int)] = [
            (CentsAtRate(cents: 1999, rate: nil), 19.99, 0),
            (CentsAtRate(cents: 1999, rate: 1.08), 19.99 * 1.08, 0),
            (CentsAtRate(cents: 500, rate: 0.91), 5 * 0.91, searchCalls),
            (CentsAtRate(cents: 300_000_000, rate: nil), 3_000_000, 2),
        ]
        for (k, (made, amount, calls)) in cases.enumerated() {
            asked = 0
            held.append(customer: 3, day: Day(ordinal: 19_000 + Int32(k)), made: made) { asked += 1; return amount }
            #expect(asked == calls, "case \(k)")
            #expect(made.amount.bitPattern == amount.bitPattern, "case \(k)")
        }
        let (blocks, _) = held.take()
        let chunk = blocks[0][0]
        #expect(chunk.orders.map { chunk.dayAndAmount($0, scales: [1.08]).amount.bitPattern } == cases.map(\.1.bitPattern))
    }

    /// Codes made from the cents read back the same bits as codes found by search. 10.00 EUR at
    /// 1.08 is 10.8 exactly, a whole number of cents: the search finds tag 0 (1080 cents), the
    /// cents give tag 1 (1000 cents at 1.08), and both read back 10 × 1.08. A rate that is not a
    /// scale, and cents beyond the 29-bit payload, are coded by search (the latter kept whole).
    @Test func blocksCodeCarriedCentsWithoutASearch() {
        let scales = [1.08, 1.27]
        #expect(CompactOrderAmounts.code(of: 10 * 1.08, scales: scales) == 1080)
        let tagOne: UInt32 = 1 << 29 | 1000
        #expect(CompactOrderAmounts.code(cents: 1000, tag: 1) == tagOne)
        #expect(CompactOrderAmounts.amount(of: tagOne, scales: scales)?.bitPattern == (10 * 1.08).bitPattern)
        var held = OrderBlocks(scales: scales)
        let made: [(Order, CentsAtRate?)] = [
            (Order(customer: 1, day: Day(ordinal: 19_000), amount: 10 * 1.08), CentsAtRate(cents: 1000, rate: 1.08)),
            (Order(customer: 1, day: Day(ordinal: 19_001), amount: -7 * 1.27), CentsAtRate(cents: -700, rate: 1.27)),
            (Order(customer: 1, day: Day(ordinal: 19_002), amount: 12.5), CentsAtRate(cents: 1250, rate: nil)),
            (Order(customer: 1, day: Day(ordinal: 19_003), amount: 5 * 0.91), CentsAtRate(cents: 500, rate: 0.91)),
            (Order(customer: 1, day: Day(ordinal: 19_004), amount: 3_000_000), CentsAtRate(cents: 300_000_000, rate: nil)),
            (Order(customer: 1, day: Day(ordinal: 19_005), amount: 19.99), nil),
        ]
        for (order, m) in made { held.append(order, made: m) }
        let (blocks, _) = held.take()
        let chunk = blocks[0][0]
        // 5 × 0.91 by search: whatever it finds; 300 000 000 cents do not fit: kept whole.
        let searched = CompactOrderAmounts.code(of: 5 * 0.91, scales: scales) == nil
        #expect(chunk.orders.map(\.isException) == [false, false, false, searched, true, false])
        let read = chunk.orders.map { chunk.dayAndAmount($0, scales: scales) }
        #expect(read.map(\.amount.bitPattern) == made.map(\.0.amount.bitPattern))
        #expect(read.map(\.day) == made.map(\.0.day))
    }

    @Test func centsCodesStayWithinThePayload() {
        #expect(CompactOrderAmounts.code(cents: 268_435_455, tag: 0) == 268_435_455)
        #expect(CompactOrderAmounts.code(cents: -268_435_455, tag: 6) == 6 << 29 | (UInt32(bitPattern: -268_435_455) & (1 << 29 - 1)))
        #expect(CompactOrderAmounts.amount(of: CompactOrderAmounts.code(cents: -268_435_455, tag: 0)!, scales: []) == -2_684_354.55)
        #expect(CompactOrderAmounts.code(cents: 268_435_456, tag: 0) == nil)
        #expect(CompactOrderAmounts.code(cents: -268_435_456, tag: 0) == nil)
        #expect(CompactOrderAmounts.code(cents: 1, tag: 7) == nil)
        #expect(CompactOrderAmounts.code(cents: 1, tag: -1) == nil)
    }
}
