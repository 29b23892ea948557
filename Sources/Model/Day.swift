/// A calendar day with no time of day and no time zone: the unit every report date is in.
///
/// Stored as the number of days since 1970-01-01 (the proleptic Gregorian calendar), so
/// comparisons, differences and period arithmetic are integer operations. Conversion to and
/// from year/month/day uses Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms,
/// which are exact for every representable day; no Foundation calendar, locale or clock is used.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The day `year-month-day`, or nil if no such day exists (e.g. 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month),
              (-9999...9999).contains(year) else { return nil }
        self.init(civilYear: year, month: month, day: day)
    }

    /// The day `year-month-day` for a valid month and day, with no limit on the year other than
    /// the `Int32` ordinal (about ±5.8 million years): period arithmetic needs the first day of
    /// the month after 9999-12, which no export can write but a period can end on.
    init(civilYear year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.ordinal = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses exactly `YYYY-MM-DD` (the format `--as-of` and every report label use).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month (1–12) and day of month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let mondayBased = ((Int(ordinal) + 3) % 7 + 7) % 7  // 0 = Monday
        return Weekday(rawValue: mondayBased + 1)!
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + Int32(days)) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.ordinal) - Int(ordinal) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}

/// ISO 8601 weekday numbering: Monday = 1 … Sunday = 7.
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public init?(name: String) {
        switch name.lowercased() {
        case "monday", "mon": self = .monday
        case "tuesday", "tue": self = .tuesday
        case "wednesday", "wed": self = .wednesday
        case "thursday", "thu": self = .thursday
        case "friday", "fri": self = .friday
        case "saturday", "sat": self = .saturday
        case "sunday", "sun": self = .sunday
        default: return nil
        }
    }
}
