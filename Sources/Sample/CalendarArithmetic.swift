import Model

extension Day {
    /// The same day of the month `months` months later, clamped to the month's last day
    /// (2025-01-31 + 1 month = 2025-02-28): how billing anniversaries move.
    func addingMonths(_ months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = Swift.min(d, Day.daysInMonth(year: year, month: month))
        return Day(year: year, month: month, day: day) ?? self
    }

    /// Seconds since 1970-01-01T00:00:00Z at `secondOfDay` on this day.
    func seconds(at secondOfDay: Int) -> Int64 {
        Int64(ordinal) * 86_400 + Int64(secondOfDay)
    }
}
