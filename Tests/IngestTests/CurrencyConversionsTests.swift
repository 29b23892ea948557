import Testing
@testable import Ingest

/// A currency column value's conversion, remembered from its bytes after its first row.
@Suite struct CurrencyConversionsTests {
    func key(_ text: String) -> UInt64? {
        Array(text.utf8).withUnsafeBufferPointer { CurrencyConversions.key($0) }
    }

    @Test func keysPackUpToSevenBytesWithTheirLength() {
        // "USD": 'U' 0x55, 'S' 0x53, 'D' 0x44, little-endian, length 3 in the top byte.
        #expect(key("USD") == 0x0300_0000_0044_5355)
        // Three bytes take a path of their own; two and four the loop: the same packing.
        #expect(key("eur") == 0x0300_0000_0072_7565 && key("EUR") == 0x0300_0000_0052_5545)
        #expect(key("AB") == 0x0200_0000_0000_4241 && key("ABCD") == 0x0400_0000_4443_4241)
        #expect(key("") == 0)
        #expect(key("USD ") != key("USD"))
        #expect(key("1234567") != nil && key("12345678") == nil)
    }

    @Test func rememberedValuesConvertAsTheBookDid() throws {
        var book = CurrencyBook(rates: ["EUR": 1.08, "GBP": 1.27], reportCurrency: nil)
        // The first currency without a rate becomes the report currency: its amounts stay.
        #expect(book.convert(5, currency: "CHF") == 5 && book.reportCurrency == "CHF")
        #expect(book.factor(for: "CHF") == nil)
        #expect(book.convert(10, currency: "EUR") == 10 * 1.08 && book.factor(for: "EUR") == 1.08)
        // A later currency without a rate is missing: its amounts stay, and the book says so.
        #expect(book.convert(7, currency: "JPY") == 7 && book.factor(for: "JPY") == nil)
        #expect(book.missing == ["JPY"])

        var conversions = CurrencyConversions()
        let eur = try #require(key("EUR")), chf = try #require(key("CHF"))
        #expect(conversions.convert(10, key: eur) == nil)
        conversions.remember(eur, factor: book.factor(for: "EUR"))
        conversions.remember(chf, factor: book.factor(for: "CHF"))
        #expect(conversions.convert(10, key: eur)?.amount == 10 * 1.08)
        #expect(conversions.convert(10, key: eur)?.rate == 1.08)
        #expect(conversions.convert(-2.5, key: chf)?.amount == -2.5)
        #expect(conversions.convert(-2.5, key: chf).map { $0.rate == nil } == true)
        // Room for 8 values: a ninth is not remembered.
        for k in 0..<7 { conversions.remember(try #require(key("X\(k)")), factor: 2) }
        #expect(conversions.convert(1, key: try #require(key("X5")))?.amount == 2)
        #expect(conversions.convert(1, key: try #require(key("X6"))) == nil)
    }
}
