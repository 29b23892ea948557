import Testing
@testable import Model

/// `PeriodIndexTable` against the calendar it tables, day by day.
@Suite struct PeriodIndexTableTests {
    /// Every cadence, weeks with each of the seven start days.
    static let calendars: [PeriodCalendar] = [PeriodCalendar(.day), PeriodCalendar(.month), PeriodCalendar(.quarter)]
        + Weekday.allCases.map { PeriodCalendar(.week, weekStart: $0) }

    @Test(arguments: calendars)
    func everyDayOfTwelveYearsAndBeyondMatchesTheCalendar(calendar: PeriodCalendar) {
        // Tabled: 2016-01-01 … 2024-02-29 (leap days, century-free years, both ends of the span).
        let table = PeriodIndexTable(calendar: calendar, days: d("2016-01-01")...d("2024-02-29"))
        // Checked: 2014-06-01 … 2026-06-30, so days before and after the span (answered by the
        // calendar) are checked as well as every tabled day.
        for ordinal in d("2014-06-01").ordinal...d("2026-06-30").ordinal {
            let day = Day(ordinal: ordinal)
            #expect(table.index(containing: day) == calendar.index(containing: day), "\(calendar.granularity) \(day)")
        }
    }

    @Test func handWorkedIndexesAtTheEdgesOfTheSpan() {
        let months = PeriodIndexTable(calendar: PeriodCalendar(.month), days: d("2024-01-31")...d("2024-03-01"))
        // Months count from year 0: 2024 × 12 + (month − 1).
        #expect(months.index(containing: d("2024-01-30")) == 24_288)  // before the span: the calendar
        #expect(months.index(containing: d("2024-01-31")) == 24_288)  // first tabled day
        #expect(months.index(containing: d("2024-02-29")) == 24_289)
        #expect(months.index(containing: d("2024-03-01")) == 24_290)  // last tabled day
        #expect(months.index(containing: d("2024-04-01")) == 24_291)  // after it
        // Quarters: 2024 × 4 + (month − 1) ÷ 3; 2023-12-31 is Q4 of 2023.
        let quarters = PeriodIndexTable(calendar: PeriodCalendar(.quarter), through: d("2024-06-30"))
        #expect(quarters.index(containing: d("2023-12-31")) == 8_095)
        #expect(quarters.index(containing: d("2024-04-01")) == 8_097)
        // ISO weeks from the Monday 1969-12-29: 2024-01-01 is a Monday, 19 723 days after
        // 1970-01-01, so (19 723 + 3) ÷ 7 = 2 818; the Sunday before is in week 2 817.
        let weeks = PeriodIndexTable(calendar: PeriodCalendar(.week), through: d("2024-06-30"))
        #expect(weeks.index(containing: d("2024-01-01")) == 2_818)
        #expect(weeks.index(containing: d("2023-12-31")) == 2_817)
    }

    @Test func aLongSpanKeepsItsLastFortyYearsAndStillAnswersEveryDay() {
        let calendar = PeriodCalendar(.month)
        let table = PeriodIndexTable(calendar: calendar, days: d("1900-01-01")...d("2024-06-30"))
        #expect(table.indexes.count == PeriodIndexTable.maximumDays)
        #expect(Day(ordinal: table.firstDay).adding(days: PeriodIndexTable.maximumDays - 1) == d("2024-06-30"))
        for day in [d("1900-01-01"), d("1950-07-15"), Day(ordinal: table.firstDay), d("2024-06-30")] {
            #expect(table.index(containing: day) == calendar.index(containing: day))
        }
    }

    func d(_ text: String) -> Day { Day(iso: text)! }
}
