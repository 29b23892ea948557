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

/// The last representable day (an invoice typed as 9999-12-31) has a period in every
/// granularity; its month and quarter end on 10000-01-01, one day later (ordinal + 1).
@Suite struct PeriodsAtTheEndOfTimeTests {
    @Test func lastDayOfYear9999HasAPeriodInEveryGranularity() {
        let last = Day(iso: "9999-12-31")!
        for granularity in Granularity.allCases {
            let p = PeriodCalendar(granularity).period(containing: last)
            #expect(p.contains(last), "\(granularity)")
            #expect(p.end > last, "\(granularity)")
        }
        let month = PeriodCalendar(.month).period(containing: last)
        #expect(month.label == "9999-12")
        #expect(month.start.description == "9999-12-01")
        #expect(month.end.ordinal == last.ordinal + 1)
        #expect(month.length == 31)
        let quarter = PeriodCalendar(.quarter).period(containing: last)
        #expect(quarter.label == "9999-Q4")
        #expect(quarter.length == 31 + 30 + 31)  // October + November + December
        // 9999-12-31 is a Friday: its ISO week starts on Monday 9999-12-27 and is week 52.
        let week = PeriodCalendar(.week).period(containing: last)
        #expect(week.start.description == "9999-12-27")
        #expect(week.label == "9999-W52")
    }
}
