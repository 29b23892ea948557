import Model

/// Which of the first two numbers of a `nn/nn/yyyy` date is the day.
public enum DayMonthOrder: String, Sendable, Hashable {
    /// `dd/MM/yyyy` (most of the world).
    case dayFirst
    /// `MM/dd/yyyy` (United States).
    case monthFirst
}

/// A date or date-time exactly as a cell wrote it, before conversion to the report time zone.
struct WrittenDate: Equatable, Sendable {
    /// The calendar day as written (for Unix timestamps: the UTC day).
    var day: Day
    /// Seconds after midnight, when a time of day was given.
    var secondsOfDay: Int?
    /// Offset east of UTC in seconds, when the text named one (`Z`, `+02:00`, `-0500`, `UTC`).
    /// Unix timestamps carry offset 0.
    var utcOffset: Int?
}

/// The result of reading one date cell.
enum DateReading: Equatable, Sendable {
    case date(WrittenDate)
    /// A `nn/nn/yyyy` date whose day and month both could be either (≤ 12, different), and no
    /// order was given.
    case ambiguous
    case invalid
    /// An empty cell.
    case empty
}

/// Date parsing on bytes. Accepted forms (leading/trailing spaces ignored):
///
/// - ISO 8601: `yyyy-MM-dd`, `yyyy/MM/dd`, optionally followed by `T` or a space and a time
///   `HH:mm[:ss[.fff]]`, then optionally `Z`, `±HH:mm`, `±HHmm`, `±HH`, ` UTC` or ` GMT`, or a
///   US zone abbreviation with its fixed offset (` PST` −8, ` PDT` −7, ` MST` −7, ` MDT` −6,
///   ` CST` −6, ` CDT` −5, ` EST` −5, ` EDT` −4), as Recurly's exports write their site's zone
///   (docs.recurly.com/docs/accounts-export: `2012-06-27 03:47:28 PDT`).
///   `yyyy-MM-dd HH:mm:ss` is the same form with a space.
/// - `MM/dd/yyyy` and `dd/MM/yyyy` (also with `-`), one- or two-digit day and month, with an
///   optional time (`HH:mm[:ss]`, optionally ` AM`/` PM`). Which is the day comes from
///   `order`; without it a value is `.ambiguous` unless one of the numbers is > 12 or both are equal.
/// - `dd.MM.yyyy` (always day-first), optional time.
/// - `yyyyMMdd` as eight digits (1900–2199).
/// - Plain numbers: below 100 000 an Excel serial day (1900 date system: serial 1 = 1900-01-01,
///   serial 60 is Excel's fictitious 1900-02-29 and is rejected; fractions are the time of day);
///   from 100 000 to 10^11 Unix seconds; from 10^11 Unix milliseconds. Unix values are UTC.
enum DateParsing {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, order: DayMonthOrder? = nil) -> DateReading {
        if bytes.count == 10, let day = isoDay(bytes) { return .date(WrittenDate(day: day)) }
        var c = ByteCursor(bytes)
        if c.isAtEnd { return .empty }
        // Leading number group.
        let start = c.index
        guard let first = c.digits(max: 15) else { return .invalid }
        if c.isAtEnd || (c.peek == 0x2E && !isDigitsDotDigitsDotDigits(c, start)) {
            c.index = start
            return readNumber(&c)
        }
        let sep = c.peek!
        if first.count == 4 && (sep == 0x2D || sep == 0x2F) {
            // yyyy-MM-dd
            c.advance()
            guard let m = c.digits(max: 2), c.eat(sep), let d = c.digits(max: 2),
                  let day = Day(year: first.value, month: m.value, day: d.value) else { return .invalid }
            return finish(&c, day: day)
        }
        if first.count <= 2 && (sep == 0x2F || sep == 0x2D || sep == 0x2E) {
            c.advance()
            guard let second = c.digits(max: 2), c.eat(sep), let y = c.digits(min: 4, max: 4) else { return .invalid }
            let a = first.value, b = second.value
            let resolved: DayMonthOrder
            if sep == 0x2E {
                resolved = .dayFirst
            } else if let order {
                resolved = order
            } else if a > 12 {
                resolved = .dayFirst
            } else if b > 12 || a == b {
                resolved = .monthFirst
            } else {
                // Still check the rest is well-formed before calling it ambiguous.
                guard case .date = finish(&c, day: Day(year: 2000, month: 1, day: 1)!) else { return .invalid }
                return .ambiguous
            }
            let (d, m) = resolved == .dayFirst ? (a, b) : (b, a)
            guard let day = Day(year: y.value, month: m, day: d) else { return .invalid }
            return finish(&c, day: day)
        }
        return .invalid
    }

    /// Exactly `yyyy-MM-dd` (ten bytes): the common case, without a cursor.
    @inline(__always)
    static func isoDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        @inline(__always) func d(_ i: Int) -> Int? {
            let v = Int(b[i]) &- 0x30
            return v >= 0 && v <= 9 ? v : nil
        }
        guard let y0 = d(0), let y1 = d(1), let y2 = d(2), let y3 = d(3), let m0 = d(5), let m1 = d(6),
              let d0 = d(8), let d1 = d(9) else { return nil }
        // Single digits: nothing here can overflow, so it is worked out unchecked.
        let year = y0 &* 1000 &+ y1 &* 100 &+ y2 &* 10 &+ y3, month = m0 &* 10 &+ m1, day = d0 &* 10 &+ d1
        // Table lookup for the years exports use; the arithmetic otherwise.
        let k = year &- CivilTable.firstYear
        if k >= 0, k < CivilTable.yearCount, month >= 1, month <= 12, day >= 1 {
            return CivilTable.shared.withUnsafeBufferPointer { t in
                let leap = t[k] & 1
                let first = Int(t[k] >> 1)
                let before = CivilTable.daysBefore(month: month, leap: leap)
                guard day <= CivilTable.length(month: month, leap: leap) else { return nil }
                return Day(ordinal: Int32(truncatingIfNeeded: first &+ before &+ day &- 1))
            }
        }
        return civilDay(year: year, month: month, day: day)
    }

    /// `Day(year:month:day:)` for years 0–9999, inlined into the hot path (the same
    /// days-from-civil arithmetic as `Model.Day`, which tests check against it).
    @inline(__always)
    static func civilDay(year: Int, month: Int, day: Int) -> Day? {
        guard month >= 1, month <= 12, day >= 1, year >= 0, year <= 9999 else { return nil }
        let leap = year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
        guard day <= CivilTable.length(month: month, leap: leap ? 1 : 0) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Day(ordinal: Int32(truncatingIfNeeded: era * 146_097 + doe - 719_468))
    }

    /// Day ordinals of January 1st for 1900–2199 (shifted left one bit, low bit = leap year).
    enum CivilTable {
        static let firstYear = 1900
        static let yearCount = 300
        static let shared: [Int] = (0..<yearCount).map { k in
            let y = firstYear + k
            return Int(civilDay(year: y, month: 1, day: 1)!.ordinal) << 1 | (Day.isLeapYear(y) ? 1 : 0)
        }
        /// Days of the year before month `month` (1…12; leap 0 or 1), by arithmetic rather than a
        /// lazily made global table: ⌊(367m − 362) ÷ 12⌋ counts February as 30 days, so 2 (1 in a
        /// leap year) come off from March on. (`isoFastPathAgreesWithModelDayEveryDayOf1899To2201`
        /// checks every day against `Day(year:month:day:)`.)
        @inline(__always)
        static func daysBefore(month: Int, leap: Int) -> Int {
            (367 &* month &- 362) / 12 &- (month > 2 ? 2 &- leap : 0)
        }

        /// Days in `month` (1…12): 28 + leap for February; else 31 for the odd months through
        /// July and the even ones from August (month + month ÷ 8 odd), 30 for the others.
        @inline(__always)
        static func length(month: Int, leap: Int) -> Int {
            month == 2 ? 28 &+ leap : 30 &+ ((month &+ month &>> 3) & 1)
        }
    }

    private static func isDigitsDotDigitsDotDigits(_ c: ByteCursor, _ start: Int) -> Bool {
        var k = c
        k.index = start
        guard k.digits(max: 2) != nil, k.eat(0x2E), k.digits(max: 2) != nil, k.eat(0x2E),
              k.digits(min: 4, max: 4) != nil else { return false }
        return true
    }

    /// Time of day and offset after a date, or the end.
    private static func finish(_ c: inout ByteCursor, day: Day) -> DateReading {
        if c.isAtEnd { return .date(WrittenDate(day: day)) }
        guard c.eat(0x54) || c.eat(0x20) || c.eat(0x2C) else { return .invalid }  // 'T', ' ', ','
        c.skipSpaces()
        guard let h = c.digits(max: 2), c.eat(0x3A), let mi = c.digits(min: 2, max: 2) else { return .invalid }
        var hour = h.value
        var seconds = 0
        if c.eat(0x3A) {
            guard let s = c.digits(min: 2, max: 2) else { return .invalid }
            seconds = s.value
            if c.eat(0x2E) || c.eat(0x2C) { guard c.digits(max: 9) != nil else { return .invalid } }
        }
        // 12-hour clock.
        var probe = c
        probe.skipSpaces()
        if probe.eatWord("AM") || probe.eatWord("PM") {
            let pm = c.bytes[probe.index - 2] | 0x20 == 0x70
            guard hour >= 1 && hour <= 12 else { return .invalid }
            hour = hour % 12 + (pm ? 12 : 0)
            c = probe
        }
        guard hour < 24, mi.value < 60, seconds < 61 else { return .invalid }
        let secondsOfDay = hour * 3600 + mi.value * 60 + min(seconds, 59)
        c.skipSpaces()
        if c.isAtEnd { return .date(WrittenDate(day: day, secondsOfDay: secondsOfDay)) }
        var offset: Int?
        if c.eat(0x5A) || c.eat(0x7A) || c.eatWord("UTC") || c.eatWord("GMT") {
            offset = 0
        } else if let hours = Self.usZoneOffsetHours(&c) {
            offset = hours * 3600
        }
        if let sign = c.peek, sign == 0x2B || sign == 0x2D {
            c.advance()
            guard let oh = c.digits(min: 2, max: 2) else { return .invalid }
            var om = 0
            if c.eat(0x3A) {
                guard let m = c.digits(min: 2, max: 2) else { return .invalid }
                om = m.value
            } else if let m = c.digits(min: 2, max: 2) {
                om = m.value
            }
            guard oh.value <= 18, om < 60 else { return .invalid }
            offset = (sign == 0x2D ? -1 : 1) * (oh.value * 3600 + om * 60)
        }
        c.skipSpaces()
        guard c.isAtEnd, offset != nil else { return .invalid }
        return .date(WrittenDate(day: day, secondsOfDay: secondsOfDay, utcOffset: offset))
    }

    /// The fixed offset (hours east of UTC) of a US zone abbreviation at the cursor, eaten; nil
    /// (nothing eaten) for any other text.
    private static func usZoneOffsetHours(_ c: inout ByteCursor) -> Int? {
        for (word, hours) in [("PST", -8), ("PDT", -7), ("MST", -7), ("MDT", -6),
                              ("CST", -6), ("CDT", -5), ("EST", -5), ("EDT", -4)] as [(StaticString, Int)]
            where c.eatWord(word) { return hours }
        return nil
    }

    /// Excel serials, Unix seconds and milliseconds, and `yyyyMMdd`.
    private static func readNumber(_ c: inout ByteCursor) -> DateReading {
        guard let whole = c.digits(max: 15) else { return .invalid }
        var fraction = 0.0
        if c.eat(0x2E) {
            var scale = 0.1
            while let b = c.peek, b >= 0x30 && b <= 0x39 {
                fraction += Double(b - 0x30) * scale
                scale /= 10
                c.advance()
            }
        }
        guard c.isAtEnd else { return .invalid }
        let v = whole.value
        if whole.count == 8 && fraction == 0, (19000101...21991231).contains(v),
           let day = Day(year: v / 10000, month: v / 100 % 100, day: v % 100) {
            return .date(WrittenDate(day: day))
        }
        if v < 100_000 {
            // Excel 1900 system: serial 1 = 1900-01-01; 60 = the nonexistent 1900-02-29.
            guard v >= 1, v != 60 else { return .invalid }
            let base = Day(year: 1899, month: 12, day: 30)!  // serial 0 for serials after 60
            let day = v < 60 ? base.adding(days: v + 1) : base.adding(days: v)
            if fraction > 0 {
                // fraction < 1, so at most 86 400 seconds before the clamp: the conversion is exact.
                let seconds = Int(exactly: min(86_399, (fraction * 86_400).rounded())) ?? 86_399
                return .date(WrittenDate(day: day, secondsOfDay: seconds))
            }
            return .date(WrittenDate(day: day))
        }
        let seconds: Int64 = v < 100_000_000_000 ? Int64(v) : Int64(v / 1000)
        let instant = Instant(secondsSince1970: seconds)
        let day = instant.day()
        let secondsOfDay = Int(seconds - Int64(day.ordinal) * 86_400)
        return .date(WrittenDate(day: day, secondsOfDay: secondsOfDay, utcOffset: 0))
    }

    /// Inspects a column's values: which `nn/nn/yyyy` order they prove.
    struct OrderEvidence: Sendable {
        var dayFirst = false    // some first number > 12
        var monthFirst = false  // some second number > 12
        /// First value that could be read either way (both ≤ 12 and different), if any.
        var firstAmbiguousRow: Int?
        var firstAmbiguousText: String?

        /// The order the evidence proves; nil if none or contradictory.
        var proven: DayMonthOrder? {
            if dayFirst && !monthFirst { return .dayFirst }
            if monthFirst && !dayFirst { return .monthFirst }
            return nil
        }

        mutating func see(_ bytes: UnsafeBufferPointer<UInt8>, row: Int) {
            let trimmed = ByteCursor(bytes)
            var c = trimmed
            guard let a = c.digits(max: 2), let sep = c.peek, sep == 0x2F || sep == 0x2D else { return }
            c.advance()
            guard let b = c.digits(max: 2), c.eat(sep), c.digits(min: 4, max: 4) != nil else { return }
            if a.value > 12 { dayFirst = true }
            if b.value > 12 { monthFirst = true }
            if a.value <= 12 && b.value <= 12 && a.value != b.value && firstAmbiguousRow == nil {
                firstAmbiguousRow = row
                firstAmbiguousText = String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmed.index..<trimmed.end]), as: UTF8.self)
            }
        }

        /// Adds the evidence of values that come after these (rows further on).
        mutating func append(_ later: OrderEvidence) {
            dayFirst = dayFirst || later.dayFirst
            monthFirst = monthFirst || later.monthFirst
            if firstAmbiguousRow == nil, let row = later.firstAmbiguousRow {
                firstAmbiguousRow = row
                firstAmbiguousText = later.firstAmbiguousText
            }
        }
    }
}

extension DateParsing {
    /// Reads a `date_format` setting: `dd/MM/yyyy`, `MM/dd/yyyy` (also with `-`), `dd.MM.yyyy`,
    /// `yyyy-MM-dd`; nil for anything else.
    static func order(fromFormat format: String) -> DayMonthOrder?? {
        // The date part only (a time part after a space or T is allowed), without separators.
        let datePart = format.trimmingSpaces().split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        let letters = datePart.filter { $0 != "/" && $0 != "." && $0 != "-" }
        switch letters {
        case "ddMMyyyy", "dMyyyy", "dMMyyyy", "ddMyyyy": return .some(.dayFirst)
        case "MMddyyyy", "Mdyyyy", "MMdyyyy", "Mddyyyy": return .some(.monthFirst)
        case "yyyyMMdd", "yyyyMd": return .some(nil)
        default: return nil
        }
    }
}
