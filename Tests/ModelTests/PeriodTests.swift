import Testing
@testable import Model

@Suite struct PeriodTests {
    @Test func monthLabelsAndBounds() {
        let p = PeriodCalendar(.month).period(containing: Day(iso: "2024-02-10")!)
        #expect(p.label == "2024-02")
        #expect(p.start.description == "2024-02-01")
        #expect(p.end.description == "2024-03-01")
        #expect(p.length == 29)
    }
    @Test func quarterLabels() {
        let p = PeriodCalendar(.quarter).period(containing: Day(iso: "2024-11-30")!)
        #expect(p.label == "2024-Q4")
        #expect(p.end.description == "2025-01-01")
    }
    @Test func isoWeeksAtYearBoundaries() {
        let cal = PeriodCalendar(.week)
        // 2021-01-03 is a Sunday that belongs to ISO week 2020-W53; 2024-12-30 is in 2025-W01.
        #expect(cal.period(containing: Day(iso: "2021-01-03")!).label == "2020-W53")
        #expect(cal.period(containing: Day(iso: "2024-12-30")!).label == "2025-W01")
        #expect(cal.period(containing: Day(iso: "2026-11-24")!).start.description == "2026-11-23")
    }
    @Test func sundayWeeksStartOnSunday() {
        let p = PeriodCalendar(.week, weekStart: .sunday).period(containing: Day(iso: "2026-11-24")!)
        #expect(p.start.description == "2026-11-22")
        #expect(p.length == 7)
    }
}
