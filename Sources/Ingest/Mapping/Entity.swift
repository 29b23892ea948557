/// The kinds of input file, and the canonical fields each one can map.
public enum Entity: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case customers, subscriptions, orders, surveys, tickets

    public var description: String { rawValue }

    /// The canonical fields of this entity, in the order they are matched to headers.
    ///
    /// - customers: id, name, signup, plan, segment, region, channel, owner, status,
    ///   churn_date, churn_reason, churn_kind, last_seen
    /// - subscriptions: id, customer, plan, interval, interval_count, amount, tax, currency,
    ///   quantity, start, end, status
    /// - orders: id, customer, date, amount, tax, refunded, currency, status, plan, interval
    ///   (plan and interval only tell the billing cadence)
    /// - surveys: id, customer, date, kind, score, nps_score, csat_score, comment
    /// - tickets: id, customer, created, first_response, first_response_minutes, resolved,
    ///   priority, status
    public var fields: [String] {
        switch self {
        case .customers:
            return ["id", "name", "signup", "plan", "segment", "region", "channel", "owner", "status",
                    "churn_date", "churn_reason", "churn_kind", "last_seen"]
        case .subscriptions:
            return ["id", "customer", "plan", "interval", "interval_count", "amount", "tax", "currency",
                    "quantity", "start", "end", "status"]
        case .orders:
            return ["id", "customer", "date", "amount", "tax", "refunded", "currency", "status", "plan", "interval"]
        case .surveys:
            return ["id", "customer", "date", "kind", "score", "nps_score", "csat_score", "comment"]
        case .tickets:
            return ["id", "customer", "created", "first_response", "first_response_minutes", "resolved",
                    "priority", "status"]
        }
    }

    /// Fields without which a file of this entity cannot be used.
    var requiredFields: [String] {
        switch self {
        case .customers: return ["id", "signup"]
        case .subscriptions: return ["customer", "amount", "start"]
        case .orders: return ["customer", "date", "amount"]
        case .surveys: return ["date"]
        case .tickets: return ["created"]
        }
    }
}

/// Header comparison key: lower-cased letters and digits only, so `Customer ID`,
/// `customer_id`, `CUSTOMER-ID` and `CustomerId` all match, as do `Created (UTC)` and `created_utc`.
/// A trailing IANA time-zone name in parentheses is not part of the key: Intercom's report
/// exports write the workspace's zone after every timestamp header
/// (`Conversation started at (America/New_York)` matches `Conversation started at`).
func headerKey(_ header: String) -> String {
    let header = withoutTimeZoneLabel(header)
    // ASCII fast path (nearly every header and status word).
    var ascii = [UInt8]()
    ascii.reserveCapacity(header.utf8.count)
    var isASCII = true
    for b in header.utf8 {
        if b >= 0x80 { isASCII = false; break }
        if b >= 0x61 && b <= 0x7A || b >= 0x30 && b <= 0x39 { ascii.append(b) }
        else if b >= 0x41 && b <= 0x5A { ascii.append(b | 0x20) }
    }
    if isASCII { return String(decoding: ascii, as: UTF8.self) }
    var out = ""
    for scalar in header.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
    }
    return out
}

/// The IANA time-zone areas (`America/New_York`, `Europe/Dublin`, `Etc/GMT+3`).
private let timeZoneAreas: Set<Substring> = ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
                                             "Australia", "Europe", "Indian", "Pacific", "Etc"]

/// `header` without a trailing ` (Area/Location)` time-zone label.
private func withoutTimeZoneLabel(_ header: String) -> String {
    guard header.hasSuffix(")"), let open = header.lastIndex(of: "(") else { return header }
    let zone = header[header.index(after: open)..<header.index(before: header.endIndex)]
    guard let slash = zone.firstIndex(of: "/"), timeZoneAreas.contains(zone[..<slash]),
          zone.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_+-".contains($0)) }) else { return header }
    return String(header[..<open])
}
