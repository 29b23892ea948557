/// A point in time, in whole seconds since 1970-01-01T00:00:00Z.
public struct Instant: Hashable, Comparable, Sendable {
    public var secondsSince1970: Int64
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The calendar day of this instant at a fixed UTC offset (seconds east of UTC).
    public func day(utcOffset: Int = 0) -> Day {
        let s = secondsSince1970 + Int64(utcOffset)
        let d = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        return Day(ordinal: Int32(d))
    }

    /// Midnight at the start of `day`, UTC.
    public init(day: Day) { self.secondsSince1970 = Int64(day.ordinal) * 86_400 }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}

public enum TicketPriority: String, Sendable, Hashable, CaseIterable {
    case low, normal, high, urgent
}

/// A support ticket.
public struct SupportTicket: Sendable, Hashable {
    public var id: String
    public var customer: CustomerIndex?
    public var created: Instant
    public var firstResponse: Instant?
    public var resolved: Instant?
    public var priority: TicketPriority
    /// The tool's own status text ("open", "pending", "solved", "closed", …), lower-cased.
    public var status: String

    public init(id: String, customer: CustomerIndex?, created: Instant, firstResponse: Instant? = nil,
                resolved: Instant? = nil, priority: TicketPriority = .normal, status: String = "open") {
        self.id = id
        self.customer = customer
        self.created = created
        self.firstResponse = firstResponse
        self.resolved = resolved
        self.priority = priority
        self.status = status
    }

    /// Still open: not resolved, and not in a closed/solved state.
    public var isOpen: Bool {
        resolved == nil && !["solved", "closed", "resolved"].contains(status)
    }
}
