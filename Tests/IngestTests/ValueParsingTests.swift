import Testing
import Model
@testable import Ingest

private func date(_ text: String, _ order: DayMonthOrder? = nil) -> DateReading {
    Array(text.utf8).withUnsafeBufferPointer { DateParsing.read($0, order: order) }
}
private func day(_ iso: String) -> Day { Day(iso: iso)! }
private func written(_ iso: String, _ seconds: Int? = nil, _ offset: Int? = nil) -> DateReading {
    .date(WrittenDate(day: day(iso), secondsOfDay: seconds, utcOffset: offset))
}
private func money(_ text: String, _ mark: DecimalMark? = nil) -> MoneyReading {
    Array(text.utf8).withUnsafeBufferPointer { MoneyParsing.read($0, mark: mark) }
}

@Suite struct DateParsingTests {
    @Test func isoDatesAndDateTimes() {
        #expect(date("2024-03-05") == written("2024-03-05"))
        #expect(date(" 2024/03/05 ") == written("2024-03-05"))
        // 10:30:15 = 10×3600 + 30×60 + 15 = 37815 s
        #expect(date("2024-03-05 10:30:15") == written("2024-03-05", 37815))
        #expect(date("2024-03-05T10:30:15Z") == written("2024-03-05", 37815, 0))
        #expect(date("2024-03-05T10:30:15.123+02:00") == written("2024-03-05", 37815, 7200))
        #expect(date("2024-03-05T10:30-0530") == written("2024-03-05", 37800, -19800))
        #expect(date("2024-03-05 10:30:15 UTC") == written("2024-03-05", 37815, 0))
        #expect(date("2024-03-05 10:30:15 +0100") == written("2024-03-05", 37815, 3600))
        // Recurly writes its site's US zone (its docs' example: "2012-06-27 03:47:28 PDT"):
        // 03:47:28 = 3×3600 + 47×60 + 28 = 13648 s; PDT = UTC−7 = −25200 s, EST = UTC−5 = −18000 s.
        #expect(date("2012-06-27 03:47:28 PDT") == written("2012-06-27", 13648, -25200))
        #expect(date("2012-01-27 03:47:28 pst") == written("2012-01-27", 13648, -28800))
        #expect(date("2024-03-05 10:30:15 EST") == written("2024-03-05", 37815, -18000))
        // Other names are not guessed.
        #expect(date("2024-03-05 10:30:15 CET") == .invalid)
        #expect(date("2024-03-05 10:30:15 PDTX") == .invalid)
    }

    @Test func rejectsImpossibleDates() {
        #expect(date("2023-02-29") == .invalid)
        #expect(date("2024-13-01") == .invalid)
        #expect(date("2024-01-01 25:00") == .invalid)
        #expect(date("not a date") == .invalid)
        #expect(date("2024-01-01x") == .invalid)
        #expect(date("") == .empty)
        #expect(date("   ") == .empty)
    }

    @Test func slashDatesUseTheGivenOrderOrProveTheirOwn() {
        #expect(date("03/04/2024", .dayFirst) == written("2024-04-03"))
        #expect(date("03/04/2024", .monthFirst) == written("2024-03-04"))
        #expect(date("03/04/2024") == .ambiguous)
        #expect(date("13/04/2024") == written("2024-04-13"))   // 13 can only be a day
        #expect(date("04/13/2024") == written("2024-04-13"))
        #expect(date("4/4/2024") == written("2024-04-04"))     // same either way
        #expect(date("1/5/2024 3:07 PM", .monthFirst) == written("2024-01-05", 15 * 3600 + 7 * 60))
        #expect(date("12/5/2024 12:00 AM", .monthFirst) == written("2024-12-05", 0))
    }

    @Test func dottedDatesAreDayFirst() {
        #expect(date("05.03.2024") == written("2024-03-05"))
        #expect(date("05.03.2024 08:00") == written("2024-03-05", 28800))
    }

    @Test func excelSerials() {
        // Excel: 45292 = 2024-01-01 (days since 1899-12-30); 1 = 1900-01-01; 61 = 1900-03-01.
        #expect(date("45292") == written("2024-01-01"))
        #expect(date("1") == written("1900-01-01"))
        #expect(date("59") == written("1900-02-28"))
        #expect(date("60") == .invalid)
        #expect(date("61") == written("1900-03-01"))
        // .75 of a day = 18:00 = 64800 s
        #expect(date("45292.75") == written("2024-01-01", 64800))
    }

    @Test func unixSecondsAndMilliseconds() {
        // 1704067200 = 2024-01-01T00:00:00Z; +3661 s = 01:01:01.
        #expect(date("1704070861") == written("2024-01-01", 3661, 0))
        #expect(date("1704070861000") == written("2024-01-01", 3661, 0))
    }

    @Test func inlinedCivilDayAgreesWithModelDay() {
        for year in [0, 1, 1899, 1900, 1970, 2000, 2023, 2024, 2100, 9999] {
            for month in 0...13 {
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    #expect(DateParsing.civilDay(year: year, month: month, day: d) == Day(year: year, month: month, day: d))
                }
            }
        }
    }

    @Test func isoFastPathAgreesWithModelDayEveryDayOf1899To2201() {
        var day = Day(year: 1899, month: 1, day: 1)!
        let last = Day(year: 2201, month: 12, day: 31)!
        while day <= last {
            let text = day.description
            #expect(Array(text.utf8).withUnsafeBufferPointer { DateParsing.isoDay($0) } == day)
            day = day.adding(days: 1)
        }
        for bad in ["2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00", "2100-02-29", "1900-02-29"] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer { DateParsing.isoDay($0) } == nil, "\(bad)")
        }
        #expect(Array("2000-02-29".utf8).withUnsafeBufferPointer { DateParsing.isoDay($0) } == Day(iso: "2000-02-29"))
    }

    /// `isoDay` against a reading written here byte by byte: every byte of a valid date replaced
    /// by each of the 256 byte values is a date exactly when the bytes still spell a valid
    /// `yyyy-MM-dd` (digits 0x30–0x39 where digits go, 0x2D where dashes go), and then the same
    /// day as `Day(year:month:day:)`; years outside its 1900–2199 table read too, and a text of
    /// nine or eleven bytes is no date (nor a crash).
    @Test func isoFastPathChecksEveryByte() {
        func byteByByte(_ bytes: [UInt8]) -> Day? {
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
            var digits: [Int] = []
            for k in [0, 1, 2, 3, 5, 6, 8, 9] {
                guard (0x30...0x39).contains(bytes[k]) else { return nil }
                digits.append(Int(bytes[k]) - 0x30)
            }
            return Day(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                       month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
        }
        for text in ["2024-01-15", "1999-12-31", "0000-03-01", "9999-12-31", "2200-02-28", "1812-06-18"] {
            let valid = Array(text.utf8)
            #expect(valid.withUnsafeBufferPointer { DateParsing.isoDay($0) } == byteByByte(valid), "\(text)")
            for position in 0..<10 {
                for value in 0...255 {
                    var bytes = valid
                    bytes[position] = UInt8(value)
                    #expect(bytes.withUnsafeBufferPointer { DateParsing.isoDay($0) } == byteByByte(bytes), "\(text) byte \(position) = \(value)")
                }
            }
        }
        #expect(Array("2024-01-1".utf8).withUnsafeBufferPointer { DateParsing.isoDay($0) } == nil)
        #expect(Array("2024-01-155".utf8).withUnsafeBufferPointer { DateParsing.isoDay($0) } == nil)
        #expect(Day(year: 1812, month: 6, day: 18) == Array("1812-06-18".utf8).withUnsafeBufferPointer { DateParsing.isoDay($0) })
    }

    @Test func compactDates() {
        #expect(date("20240229") == written("2024-02-29"))
    }

    @Test func columnEvidenceProvesAnOrder() {
        var e = DateParsing.OrderEvidence()
        for (row, text) in ["03/04/2024", "01/02/2024"].enumerated() {
            Array(text.utf8).withUnsafeBufferPointer { e.see($0, row: row) }
        }
        #expect(e.proven == nil)
        #expect(e.firstAmbiguousRow == 0)
        #expect(e.firstAmbiguousText == "03/04/2024")
        Array("25/12/2024".utf8).withUnsafeBufferPointer { e.see($0, row: 2) }
        #expect(e.proven == .dayFirst)
    }
}

@Suite struct ReportTimeZoneTests {
    @Test func parsesOffsetsAndNames() {
        #expect(ReportTimeZone("UTC") == .utc)
        #expect(ReportTimeZone("+02:00") == ReportTimeZone(fixedOffsetSeconds: 7200))
        #expect(ReportTimeZone("-0530") == ReportTimeZone(fixedOffsetSeconds: -19800))
        #expect(ReportTimeZone("UTC+1") == ReportTimeZone(fixedOffsetSeconds: 3600))
        #expect(ReportTimeZone("Europe/Berlin")?.description == "Europe/Berlin")
        #expect(ReportTimeZone("Mars/Olympus") == nil)
        #expect(ReportTimeZone("+02:00")?.description == "+02:00")
    }

    @Test func offsetDateTimesMoveToTheReportDay() {
        // 2024-03-05T23:30:00Z is 2024-03-06 01:30 at +02:00.
        let w = WrittenDate(day: day("2024-03-05"), secondsOfDay: 23 * 3600 + 1800, utcOffset: 0)
        #expect(ReportTimeZone(fixedOffsetSeconds: 7200).day(of: w) == day("2024-03-06"))
        #expect(ReportTimeZone.utc.day(of: w) == day("2024-03-05"))
        // Berlin is UTC+1 in March before DST (starts 2024-03-31): 23:30Z → 00:30 next day.
        #expect(ReportTimeZone("Europe/Berlin")!.day(of: w) == day("2024-03-06"))
        // Without an offset the written day is kept.
        let local = WrittenDate(day: day("2024-03-05"), secondsOfDay: 23 * 3600 + 1800)
        #expect(ReportTimeZone(fixedOffsetSeconds: 7200).day(of: local) == day("2024-03-05"))
    }

    @Test func localDateTimesBecomeInstantsInTheReportZone() {
        // 2024-07-01 12:00 in Berlin (CEST, +2) = 10:00Z. 2024-07-01 = day 19905.
        let local = WrittenDate(day: day("2024-07-01"), secondsOfDay: 12 * 3600)
        let instant = ReportTimeZone("Europe/Berlin")!.instant(of: local)
        #expect(instant.secondsSince1970 == 19905 * 86_400 + 10 * 3600)
    }
}

@Suite struct MoneyParsingTests {
    @Test func plainAndGroupedAmounts() {
        #expect(money("1234.56") == .amount(1234.56, currency: nil))
        #expect(money("1,234.56") == .amount(1234.56, currency: nil))
        #expect(money("1.234,56") == .amount(1234.56, currency: nil))
        #expect(money("1 234,56") == .amount(1234.56, currency: nil))
        #expect(money("1\u{A0}234,56") == .amount(1234.56, currency: nil))
        #expect(money("1'234.56") == .amount(1234.56, currency: nil))
        #expect(money("1,234,567") == .amount(1234567, currency: nil))
        #expect(money("12,5") == .amount(12.5, currency: nil))
        #expect(money("0") == .amount(0, currency: nil))
        #expect(money("49.9") == .amount(49.9, currency: nil))
    }

    @Test func singleMarkBeforeThreeDigitsFollowsTheColumn() {
        #expect(money("1,234") == .amount(1234, currency: nil))
        #expect(money("1.234") == .amount(1.234, currency: nil))
        #expect(money("1.234", .comma) == .amount(1234, currency: nil))
        #expect(money("1,234", .comma) == .amount(1.234, currency: nil))
    }

    @Test func currenciesBeforeAndAfter() {
        #expect(money("$1,234.50") == .amount(1234.5, currency: "USD"))
        #expect(money("1.234,50 €") == .amount(1234.5, currency: "EUR"))
        #expect(money("€12") == .amount(12, currency: "EUR"))
        #expect(money("£9.99") == .amount(9.99, currency: "GBP"))
        #expect(money("¥1200") == .amount(1200, currency: "JPY"))
        #expect(money("EUR 12.00") == .amount(12, currency: "EUR"))
        #expect(money("12.00 usd") == .amount(12, currency: "USD"))
        #expect(money("US$5") == .amount(5, currency: "USD"))
    }

    @Test func negatives() {
        #expect(money("-12.00") == .amount(-12, currency: nil))
        #expect(money("(12.00)") == .amount(-12, currency: nil))
        #expect(money("($1,200.00)") == .amount(-1200, currency: "USD"))
        #expect(money("-$12") == .amount(-12, currency: "USD"))
        #expect(money("$-12") == .amount(-12, currency: "USD"))
        #expect(money("−7,50 €") == .amount(-7.5, currency: "EUR"))
    }

    @Test func rejectsGarbage() {
        #expect(money("abc") == .invalid)
        #expect(money("12.34.56,7.8") == .invalid)
        #expect(money("(12") == .invalid)
        #expect(money("1..2") == .invalid)
        #expect(money("12 apples") == .invalid)
        #expect(money("") == .empty)
    }

    @Test func columnEvidence() {
        var e = MoneyParsing.MarkEvidence()
        for text in ["1.234", "12,50", "7"] { Array(text.utf8).withUnsafeBufferPointer { e.see($0) } }
        #expect(e.proven == .comma)
    }
}

/// Amounts beyond 10^15 in absolute value are out of range, not infinite or trapping later.
@Suite struct AmountRangeTests {
    @Test func amountsBeyondAQuadrillionAreOutOfRange() {
        let huge = String(repeating: "9", count: 309)  // > Double.greatestFiniteMagnitude (≈ 1.8e308)
        #expect(money(huge) == .outOfRange)
        #expect(money("$" + huge + ".00") == .outOfRange)
        #expect(money("999999999999999999") == .outOfRange)     // 18 digits, the fast path
        #expect(money("-1000000000000001") == .outOfRange)      // 10^15 + 1
        #expect(money("1000000000000000") == .amount(1e15, currency: nil))
        #expect(money("-1,000,000,000,000,000.00 EUR") == .amount(-1e15, currency: "EUR"))
    }

    @Test func aHugeAmountSkipsItsRowWithTheReason() throws {
        let dir = FixtureDirectory()
        let orders = dir.write("invoices.csv", "Invoice ID,Customer ID,Date,Amount\nI1,C1,2024-01-01,"
            + String(repeating: "1", count: 309) + "\nI2,C1,2024-01-02,12.50\n")
        let data = try DatasetLoader.load(InputFiles(orders: orders), options: IngestOptions())
        let a = try #require(accounting(data, "orders"))
        #expect(data.orders.map(\.amount) == [12.5])
        #expect(a.skipped.first?.examples.first?.description
            == "2:18: amount in column \"Amount\" is out of range (more than 10^15)")
    }
}
