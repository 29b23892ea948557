import Testing
import Model
@testable import Report

@Suite struct ReportFormatterTests {
    let en = ReportFormatter(locale: .english, currencyCode: "USD")
    let de = ReportFormatter(locale: .german, currencyCode: "EUR")

    @Test func groupsThousandsAndRoundsHalfAwayFromZero() {
        #expect(en.number(1_234_567) == "1,234,567")
        #expect(en.number(999.5) == "1,000")
        #expect(en.number(-2.5) == "−3")
        #expect(en.number(0.125, decimals: 2) == "0.13")
        #expect(de.number(1234.5, decimals: 1) == "1.234,5")
    }
    @Test func negativeZeroHasNoSign() {
        #expect(en.number(-0.004, decimals: 2) == "0.00")
        #expect(en.percent(-0.00001) == "0.0%")
    }
    @Test func percentages() {
        #expect(en.percent(0.0234) == "2.3%")
        #expect(en.percent(1) == "100.0%")
        #expect(de.percent(0.0234) == "2,3\u{00A0}%")
    }
    @Test func money() {
        #expect(en.money(84_120.4) == "$84,120")
        #expect(en.money(-12.5, decimals: 2) == "−$12.50")
        #expect(de.money(1234.56, decimals: 2) == "1.234,56\u{00A0}€")
        #expect(ReportFormatter(currencyCode: "CHF").money(10) == "CHF 10")
    }
    @Test func signedChanges() {
        #expect(en.points(1.25) == "+1.3 pts")
        #expect(en.points(-0.04) == "±0.0 pts")
        #expect(en.signedNumber(-12) == "−12")
        #expect(en.signedMoney(1200) == "+$1,200")
    }
    @Test func dates() {
        let day = Day(iso: "2026-11-20")!
        #expect(en.longDate(day) == "20 November 2026")
        #expect(ReportFormatter(locale: .americanEnglish).longDate(day) == "November 20, 2026")
        #expect(de.longDate(day) == "20. November 2026")
        #expect(en.periodName(PeriodCalendar(.month).period(containing: day)) == "November 2026")
    }
}
