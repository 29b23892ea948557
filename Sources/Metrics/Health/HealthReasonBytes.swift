import Model

/// A reason's facts as bytes, for the scores a report keeps (`KeptContributions`): a tag byte,
/// then the case's facts, each exactly: whole numbers (counts, days, day ordinals) as
/// variable-length zigzag integers (one byte below 64, two below 8192), amounts as the 8 bytes
/// of their bit pattern, scores in one byte. "latest NPS 7 on 2024-03-02" takes 5 bytes, a
/// revenue trend 19, where a `HealthReason` value takes 25 (32 in an array of them).
extension HealthReason {
    private enum Tag: UInt8 {
        case unexplained, nps, csat, rating, openTickets, overdueTickets, mrrTrend, revenueTrend, login, lastOrder, tenure
    }

    /// Appends the tag and the facts to `out` (`init(bytes:at:)` reads them back).
    func encode(to out: inout [UInt8]) {
        switch self {
        case .unexplained:
            out.append(Tag.unexplained.rawValue)
        case .nps(let score, let day):
            out.append(Tag.nps.rawValue)
            out.append(UInt8(bitPattern: score))
            Self.put(Int(day.ordinal), to: &out)
        case .csat(let score, let day):
            out.append(Tag.csat.rawValue)
            out.append(UInt8(bitPattern: score))
            Self.put(Int(day.ordinal), to: &out)
        case .rating(let good, let day):
            out.append(Tag.rating.rawValue)
            out.append(good ? 1 : 0)
            Self.put(Int(day.ordinal), to: &out)
        case .openTickets(let open):
            out.append(Tag.openTickets.rawValue)
            Self.put(open, to: &out)
        case .overdueTickets(let overdue):
            out.append(Tag.overdueTickets.rawValue)
            Self.put(overdue, to: &out)
        case .mrrTrend(let now, let before, let day, let then):
            out.append(Tag.mrrTrend.rawValue)
            Self.put(now, to: &out)
            Self.put(before, to: &out)
            Self.put(Int(day.ordinal), to: &out)
            Self.put(Int(then.ordinal), to: &out)
        case .revenueTrend(let recent, let previous, let days):
            out.append(Tag.revenueTrend.rawValue)
            Self.put(recent, to: &out)
            Self.put(previous, to: &out)
            Self.put(days, to: &out)
        case .login(let days):
            out.append(Tag.login.rawValue)
            Self.put(days, to: &out)
        case .lastOrder(let days, let usual):
            out.append(Tag.lastOrder.rawValue)
            Self.put(days, to: &out)
            Self.put(usual, to: &out)
        case .tenure(let days):
            out.append(Tag.tenure.rawValue)
            Self.put(days, to: &out)
        }
    }

    /// The reason `encode(to:)` wrote at `bytes[position]`; `position` moves past it.
    init(bytes: [UInt8], at position: inout Int) {
        let tag = Tag(rawValue: bytes[position])!
        position += 1
        func day() -> Day { Day(ordinal: Int32(HealthReason.int(bytes, at: &position))) }
        func int() -> Int { HealthReason.int(bytes, at: &position) }
        func double() -> Double { HealthReason.double(bytes, at: &position) }
        func byte() -> UInt8 {
            defer { position += 1 }
            return bytes[position]
        }
        switch tag {
        case .unexplained: self = .unexplained
        case .nps:
            let score = Int8(bitPattern: byte())
            self = .nps(score: score, day: day())
        case .csat:
            let score = Int8(bitPattern: byte())
            self = .csat(score: score, day: day())
        case .rating:
            let good = byte() == 1
            self = .rating(good: good, day: day())
        case .openTickets: self = .openTickets(int())
        case .overdueTickets: self = .overdueTickets(int())
        case .mrrTrend:
            let now = double(), before = double(), on = day()
            self = .mrrTrend(now: now, before: before, on: on, then: day())
        case .revenueTrend:
            let recent = double(), previous = double()
            self = .revenueTrend(recent: recent, previous: previous, days: int())
        case .login: self = .login(daysAgo: int())
        case .lastOrder:
            let days = int()
            self = .lastOrder(daysAgo: days, usualGap: double())
        case .tenure: self = .tenure(days: int())
        }
    }

    /// `value` zigzagged (0, −1, 1, −2 … → 0, 1, 2, 3 …) in 7-bit groups, low first, the high
    /// bit set on every byte but the last.
    static func put(_ value: Int, to out: inout [UInt8]) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    static func int(_ bytes: [UInt8], at position: inout Int) -> Int {
        var zigzag: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = bytes[position]
            position += 1
            zigzag |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
    }

    /// The 8 bytes of `value`'s bit pattern, low first (every bit kept).
    static func put(_ value: Double, to out: inout [UInt8]) {
        let bits = value.bitPattern
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * k))) }
    }

    static func double(_ bytes: [UInt8], at position: inout Int) -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[position + k]) << (8 * k) }
        position += 8
        return Double(bitPattern: bits)
    }
}
