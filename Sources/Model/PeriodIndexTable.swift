/// `PeriodCalendar.index(containing:)` read from a table: the period index of every day of a
/// fixed span, worked out once, so a metric that looks up millions of days pays one array read
/// per day instead of a civil-date conversion (months and quarters need the year and month).
///
/// Days outside the span are answered by the calendar itself, so the table changes no answer,
/// only its cost: `index(containing: d) == calendar.index(containing: d)` for every day d.
public struct PeriodIndexTable: Sendable {
    public let calendar: PeriodCalendar
    /// `indexes[k]` is the period index of day `firstDay + k`.
    @usableFromInline let firstDay: Int32
    @usableFromInline let indexes: [Int32]

    /// Longest span tabled (about 40 years, 58 KiB); a longer one keeps its last days.
    public static let maximumDays = 40 * 366

    /// The table of `days` (the last `maximumDays` of it when longer).
    public init(calendar: PeriodCalendar, days: ClosedRange<Day>) {
        self.calendar = calendar
        let first = max(Int(days.lowerBound.ordinal), Int(days.upperBound.ordinal) - Self.maximumDays + 1)
        firstDay = Int32(first)
        indexes = (first...Int(days.upperBound.ordinal)).map { Int32(calendar.index(containing: Day(ordinal: Int32($0)))) }
    }

    /// The table of the `maximumDays` days ending on `last` (a report's as-of day: metrics read
    /// no later day, and rarely one 40 years earlier).
    public init(calendar: PeriodCalendar, through last: Day) {
        self.init(calendar: calendar, days: last.adding(days: -(Self.maximumDays - 1))...last)
    }

    /// `calendar.index(containing: day)`.
    @inlinable @inline(__always)
    public func index(containing day: Day) -> Int {
        let offset = Int(day.ordinal) &- Int(firstDay)
        if offset >= 0 && offset < indexes.count { return Int(indexes[offset]) }
        return calendar.index(containing: day)
    }
}
