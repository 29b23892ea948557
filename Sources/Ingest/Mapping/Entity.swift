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
    /// - orders: id, customer, date, amount, tax, refunded, currency, status
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
            return ["id", "customer", "date", "amount", "tax", "refunded", "currency", "status"]
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
func headerKey(_ header: String) -> String {
    var out = ""
    for scalar in header.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
    }
    return out
}
