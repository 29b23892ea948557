import Foundation
import Model

/// The time zone report days are counted in: a fixed offset or an IANA zone.
///
/// Date-times that name an offset (`Z`, `+02:00`, Unix timestamps) are converted to this zone
/// before taking their day. Date-times without an offset are taken to be already in it, and
/// plain dates are used as written.
public struct ReportTimeZone: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case fixed(seconds: Int)
        case named(String)
    }

    let kind: Kind
    private let zone: TimeZone?

    public static let utc = ReportTimeZone(fixedOffsetSeconds: 0)

    public init(fixedOffsetSeconds: Int) {
        self.init(kind: .fixed(seconds: fixedOffsetSeconds), zone: nil)
    }

    /// `UTC`, `Z`, `+02:00`, `-0530`, `UTC+1`, or an IANA name such as `Europe/Berlin`
    /// (resolved by Foundation's `TimeZone(identifier:)`); nil when none of these.
    public init?(_ text: String) {
        let t = text.trimmingSpaces()
        let upper = t.uppercased()
        if upper == "UTC" || upper == "Z" || upper == "GMT" { self.init(fixedOffsetSeconds: 0); return }
        var body = Substring(t)
        if upper.hasPrefix("UTC") || upper.hasPrefix("GMT") { body = body.dropFirst(3) }
        if let sign = body.first, sign == "+" || sign == "-" {
            let digits = body.dropFirst().filter { $0 != ":" }
            guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), [1, 2, 4].contains(digits.count),
                  let value = Int(digits) else { return nil }
            let (h, m) = digits.count == 4 ? (value / 100, value % 100) : (value, 0)
            guard h <= 18, m < 60 else { return nil }
            self.init(fixedOffsetSeconds: (sign == "-" ? -1 : 1) * (h * 3600 + m * 60))
            return
        }
        guard let zone = TimeZone(identifier: t) else { return nil }
        self.init(kind: .named(t), zone: zone)
    }

    private init(kind: Kind, zone: TimeZone?) {
        self.kind = kind
        self.zone = zone
    }

    public var description: String {
        switch kind {
        case .named(let name): return name
        case .fixed(let s):
            if s == 0 { return "UTC" }
            let a = abs(s)
            return (s < 0 ? "-" : "+") + Day.padded(a / 3600) + ":" + Day.padded(a % 3600 / 60)
        }
    }

    /// Offset east of UTC in effect at `instant`.
    public func offset(at instant: Instant) -> Int {
        switch kind {
        case .fixed(let s): return s
        case .named:
            return zone?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.secondsSince1970))) ?? 0
        }
    }

    /// Offset for a local wall-clock time given as seconds since 1970 *as if* it were UTC.
    /// In a DST gap or overlap, the offset in effect just before the transition is used.
    func offset(forLocal local: Int64) -> Int {
        switch kind {
        case .fixed(let s): return s
        case .named:
            let guess = offset(at: Instant(secondsSince1970: local))
            return offset(at: Instant(secondsSince1970: local - Int64(guess)))
        }
    }

    /// The report day of a written date (see the type's rules).
    func day(of written: WrittenDate) -> Day {
        guard written.utcOffset != nil else { return written.day }
        let i = instant(of: written)
        return i.day(utcOffset: offset(at: i))
    }

    /// The instant of a written date: offset as written, else this zone; midnight for plain dates.
    func instant(of written: WrittenDate) -> Instant {
        let local = Int64(written.day.ordinal) * 86_400 + Int64(written.secondsOfDay ?? 0)
        let offset = written.utcOffset ?? offset(forLocal: local)
        return Instant(secondsSince1970: local - Int64(offset))
    }
}

extension Day {
    static func padded(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
}
