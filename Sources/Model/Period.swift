/// How finely time is cut for cohorts, churn and trends.
public enum Granularity: String, Sendable, CaseIterable {
    case day, week, month, quarter
}

/// One period of a `PeriodCalendar`: a day, a week, a month or a quarter.
///
/// `index` counts periods of the same granularity from a fixed origin, so `b.index - a.index`
/// is the number of periods between two periods (the cohort age `k`). Months count from
/// year 0 (`year * 12 + month - 1`), quarters likewise, weeks and days from 1970-01-01.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let granularity: Granularity
    public let index: Int
    /// First day of the period.
    public let start: Day
    /// First day after the period (exclusive end).
    public let end: Day
    /// `YYYY-MM` for months, `YYYY-Www` for weeks, `YYYY-Qn` for quarters, `YYYY-MM-DD` for days.
    public let label: String

    public var description: String { label }
    /// Number of days in the period.
    public var length: Int { start.days(to: end) }
    public func contains(_ day: Day) -> Bool { day >= start && day < end }

    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }

    public init(granularity: Granularity, index: Int, start: Day, end: Day, label: String) {
        self.granularity = granularity
        self.index = index
        self.start = start
        self.end = end
        self.label = label
    }
}

/// Maps days to periods. Weeks start on `weekStart` (ISO: Monday); week labels use the ISO
/// week-numbering year and week of the week's Thursday-equivalent day (start + 3 days), so with
/// the default Monday start they are exactly ISO 8601 week numbers.
public struct PeriodCalendar: Hashable, Sendable {
    public var granularity: Granularity
    public var weekStart: Weekday

    public init(_ granularity: Granularity = .month, weekStart: Weekday = .monday) {
        self.granularity = granularity
        self.weekStart = weekStart
    }

    /// The period containing `day`.
    public func period(containing day: Day) -> Period {
        switch granularity {
        case .day:
            return period(index: Int(day.ordinal))
        case .week:
            // Offset so that index boundaries fall on `weekStart`. Day 0 (1970-01-01) is a Thursday.
            let shift = (Weekday.thursday.rawValue - weekStart.rawValue + 7) % 7
            let n = Int(day.ordinal) + shift
            return period(index: n >= 0 ? n / 7 : (n - 6) / 7)
        case .month:
            let (y, m, _) = day.components
            return period(index: y * 12 + m - 1)
        case .quarter:
            let (y, m, _) = day.components
            return period(index: y * 4 + (m - 1) / 3)
        }
    }

    /// `period(containing: day).index` without building the period (no label text): for loops
    /// that only need the index.
    public func index(containing day: Day) -> Int {
        switch granularity {
        case .day:
            return Int(day.ordinal)
        case .week:
            let shift = (Weekday.thursday.rawValue - weekStart.rawValue + 7) % 7
            let n = Int(day.ordinal) + shift
            return n >= 0 ? n / 7 : (n - 6) / 7
        case .month:
            let (y, m, _) = day.components
            return y * 12 + m - 1
        case .quarter:
            let (y, m, _) = day.components
            return y * 4 + (m - 1) / 3
        }
    }

    /// The period with the given index (see `Period.index`).
    public func period(index: Int) -> Period {
        switch granularity {
        case .day:
            let d = Day(ordinal: Int32(index))
            return Period(granularity: .day, index: index, start: d, end: d.adding(days: 1), label: d.description)
        case .week:
            let shift = (Weekday.thursday.rawValue - weekStart.rawValue + 7) % 7
            let start = Day(ordinal: Int32(index * 7 - shift))
            let (isoYear, isoWeek) = PeriodCalendar.isoWeek(of: start.adding(days: 3))
            let label = Day.pad(isoYear, 4) + "-W" + Day.pad(isoWeek, 2)
            return Period(granularity: .week, index: index, start: start, end: start.adding(days: 7), label: label)
        case .month:
            let y = index >= 0 ? index / 12 : (index - 11) / 12
            let m = index - y * 12 + 1
            // Built without the ±9999 year check of `Day(year:month:day:)`: the month of
            // 9999-12-31 ends on 10000-01-01.
            let start = Day(civilYear: y, month: m, day: 1)
            let end = m == 12 ? Day(civilYear: y + 1, month: 1, day: 1) : Day(civilYear: y, month: m + 1, day: 1)
            return Period(granularity: .month, index: index, start: start, end: end,
                          label: Day.pad(y, 4) + "-" + Day.pad(m, 2))
        case .quarter:
            let y = index >= 0 ? index / 4 : (index - 3) / 4
            let q = index - y * 4 + 1
            let start = Day(civilYear: y, month: (q - 1) * 3 + 1, day: 1)
            let end = q == 4 ? Day(civilYear: y + 1, month: 1, day: 1) : Day(civilYear: y, month: q * 3 + 1, day: 1)
            return Period(granularity: .quarter, index: index, start: start, end: end,
                          label: Day.pad(y, 4) + "-Q" + String(q))
        }
    }

    /// Every period from the one containing `from` to the one containing `through`, inclusive.
    public func periods(from: Day, through: Day) -> [Period] {
        let first = period(containing: from).index
        let last = period(containing: through).index
        guard first <= last else { return [] }
        return (first...last).map { period(index: $0) }
    }

    /// ISO 8601 week-numbering year and week (1–53) of a day.
    public static func isoWeek(of day: Day) -> (year: Int, week: Int) {
        // The ISO week belongs to the year of its Thursday.
        let thursday = day.adding(days: Weekday.thursday.rawValue - day.weekday.rawValue)
        let year = thursday.year
        let jan1 = Day(civilYear: year, month: 1, day: 1)
        return (year, jan1.days(to: thursday) / 7 + 1)
    }
}
