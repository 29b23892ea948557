import Model

/// A ticket as it stood at the end of the `asOf` day: events after that instant have not happened.
struct TicketTimeline {
    /// Midnight UTC after `asOf`: the first instant the report does not know about.
    let cutoff: Instant
    let ticket: SupportTicket

    init(_ ticket: SupportTicket, asOf: Day) {
        self.ticket = ticket
        self.cutoff = Instant(day: asOf.adding(days: 1))
    }

    /// Created on or before `asOf`.
    var isKnown: Bool { ticket.created < cutoff }

    var firstResponse: Instant? { ticket.firstResponse.flatMap { $0 < cutoff ? $0 : nil } }
    var resolved: Instant? { ticket.resolved.flatMap { $0 < cutoff ? $0 : nil } }

    /// Open at the end of `asOf`: not resolved by then. A ticket without a resolution time is open
    /// unless its status says solved/closed/resolved.
    var isOpen: Bool {
        if ticket.resolved != nil { return resolved == nil }
        return ticket.isOpen
    }

    /// Seconds from creation to the cutoff.
    var age: Int64 { cutoff.secondsSince1970 - ticket.created.secondsSince1970 }

    /// Seconds from creation to first response, when it happened by `asOf`.
    var firstResponseSeconds: Int64? { firstResponse.map { $0.secondsSince1970 - ticket.created.secondsSince1970 } }
    var resolutionSeconds: Int64? { resolved.map { $0.secondsSince1970 - ticket.created.secondsSince1970 } }

    /// A response or resolution recorded before the ticket was created.
    var hasInvalidTimestamps: Bool {
        (firstResponseSeconds.map { $0 < 0 } ?? false) || (resolutionSeconds.map { $0 < 0 } ?? false)
    }

    /// First-response SLA outcome; nil when not measurable (solved without a first response).
    func firstResponseOutcome(target: Int64?) -> SLAOutcome? {
        if let s = firstResponseSeconds { return target.map { s <= $0 ? .met : .breached } ?? .met }
        guard isOpen else { return nil }
        guard let target else { return .pending }
        return age > target ? .breached : .pending
    }

    /// Resolution SLA outcome; nil when not measurable (closed without a resolution time).
    func resolutionOutcome(target: Int64?) -> SLAOutcome? {
        if let s = resolutionSeconds { return target.map { s <= $0 ? .met : .breached } ?? .met }
        guard isOpen else { return nil }
        guard let target else { return .pending }
        return age > target ? .breached : .pending
    }
}

enum SLAOutcome { case met, breached, pending }
