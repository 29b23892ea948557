import Testing
@testable import Model

@Suite struct DayTests {
    @Test func epochIsOrdinalZero() {
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(ordinal: 0).description == "1970-01-01")
    }
    @Test func roundTripsKnownDates() {
        // 2024-02-29: 54 years after 1970 = 19723 days to 2024-01-01 (13 leap days), + 31 + 28.
        let d = Day(year: 2024, month: 2, day: 29)!
        #expect(d.ordinal == 19723 + 31 + 28)
        #expect(d.description == "2024-02-29")
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(iso: "1969-12-31")?.ordinal == -1)
    }
    @Test func weekdays() {
        #expect(Day(ordinal: 0).weekday == .thursday)
        #expect(Day(iso: "2026-11-24")!.weekday == .tuesday)
    }
}
