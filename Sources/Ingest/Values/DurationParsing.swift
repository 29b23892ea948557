/// Durations as support tools export them: Freshdesk's `HH:MM:SS` ("First response time
/// (in hrs)" = `02:15:30`, hours may exceed 24: `125:00:00`), `H:MM`, or a plain number in
/// the unit the header names (`… in minutes`, `… (in hrs)`, `… seconds`).
public enum DurationParsing {
    /// The unit of a plain number.
    public enum Unit: Sendable, Equatable {
        case seconds, minutes, hours

        var seconds: Double {
            switch self {
            case .seconds: return 1
            case .minutes: return 60
            case .hours: return 3600
            }
        }
    }

    public enum Reading: Equatable, Sendable {
        case seconds(Int64)
        case empty
        case invalid
    }

    /// The unit a header names for plain numbers (`First reply time in minutes` → minutes,
    /// `Resolution time (in hrs)` → hours); nil when it names none.
    public static func unit(forHeader header: String) -> Unit? {
        let key = headerKey(header)
        for (suffix, unit) in [("hrs", Unit.hours), ("hours", .hours), ("hr", .hours), ("h", .hours),
                               ("minutes", .minutes), ("mins", .minutes), ("min", .minutes),
                               ("seconds", .seconds), ("secs", .seconds), ("sec", .seconds)] where key.hasSuffix(suffix) {
            // "…h" only as "in h" / "(h)", so that e.g. "Depth" is not hours.
            if suffix == "h" && !(key.hasSuffix("inh") || header.hasSuffix("(h)")) { continue }
            return unit
        }
        return nil
    }

    /// Reads `H+:MM:SS`, `H+:MM` or a plain non-negative number of `plainUnit`s (spaces around
    /// are ignored; `-` alone and empty cells are `.empty`). Minutes and seconds must be 0–59.
    public static func read(_ raw: UnsafeBufferPointer<UInt8>, plainUnit: Unit) -> Reading {
        let c = ByteCursor(raw)
        if c.isAtEnd { return .empty }
        let text = Array(raw[c.index..<c.end])
        if text == [0x2D] || text == [0x2D, 0x2D] { return .empty }  // "-" / "--": not yet answered
        if text.contains(0x3A) {
            let parts = text.split(separator: 0x3A, omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3 else { return .invalid }
            var numbers: [Int64] = []
            for (k, part) in parts.enumerated() {
                guard !part.isEmpty, part.count <= (k == 0 ? 9 : 2), part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    return .invalid
                }
                if k > 0 && part.count != 2 { return .invalid }
                numbers.append(part.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) })
            }
            for n in numbers.dropFirst() where n > 59 { return .invalid }
            let seconds = numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)
            return .seconds(seconds)
        }
        switch MoneyParsing.read(raw, mark: nil) {
        case .amount(let v, nil) where v >= 0 && !v.isNaN:
            // Values beyond Int64 (≈ 2.9 × 10^11 years) saturate; callers bound durations far lower.
            let s = v * plainUnit.seconds
            return .seconds(s < 9e18 ? Int64(s.rounded()) : Int64.max)
        default:
            return .invalid
        }
    }

    /// `read` on a string (tests, inspection).
    public static func read(_ text: String, plainUnit: Unit) -> Reading {
        var t = text
        return t.withUTF8 { read($0, plainUnit: plainUnit) }
    }
}
