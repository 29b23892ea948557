import Model

/// Ticket volume and service levels of one period.
@dynamicMemberLookup
public struct SupportPeriod: Sendable, Hashable {
    public let period: Period
    /// Tickets resolved during the period (by resolution time).
    public let resolved: Int
    /// Tickets created during the period, with their durations and SLA outcomes as of `asOf`.
    public let created: TicketGroupStatistics

    public subscript<T>(dynamicMember keyPath: KeyPath<TicketGroupStatistics, T>) -> T { created[keyPath: keyPath] }
}

/// Service levels of one priority over the whole window, with its targets.
public struct SupportPriorityRow: Sendable, Hashable {
    public let priority: TicketPriority
    public let firstResponseTargetHours: Double?
    public let resolutionTargetHours: Double?
    public let statistics: TicketGroupStatistics
}

/// Open work at the end of `asOf`.
public struct SupportBacklog: Sendable, Hashable {
    /// Not resolved at `asOf`.
    public internal(set) var open = 0
    /// Open longer than the resolution target of their priority.
    public internal(set) var overdue = 0
    /// Open with no first response yet.
    public internal(set) var awaitingFirstResponse = 0
    /// Awaiting a first response longer than the first-response target.
    public internal(set) var firstResponseOverdue = 0
}

/// Support service levels: volume per period, first-response and resolution times (median, p90)
/// and SLA breach rates per period and per priority, and the open/overdue backlog at `asOf`.
///
/// Times are measured from ticket creation, in hours. A ticket belongs to the period it was
/// created in (so the latest period's resolution times only cover tickets already resolved).
/// Tickets created after `asOf`, and responses or resolutions after the end of the `asOf` day
/// (midnight UTC), are ignored as not yet happened. A ticket whose response or resolution is
/// earlier than its creation is counted in `invalidTimestamps` and left out of every number.
public struct SupportSLA: Sendable, Hashable {
    public static let definition = """
        Support service levels are measured from the time a ticket is created. First-response time \
        runs to the first agent reply, resolution time to the ticket being solved; both are shown \
        as median and 90th percentile in hours (linear interpolation between closest ranks, as \
        Excel's PERCENTILE.INC). A ticket breaches its SLA when the reply or resolution came later \
        than the target for its priority, or when it is still waiting at the report date beyond \
        that target; the breach rate is breached ÷ (met + breached), tickets still within target \
        being undecided. A ticket is overdue when it is open longer than its resolution target. \
        Tickets count in the period they were created.
        """

    public let periods: [SupportPeriod]
    public let byPriority: [SupportPriorityRow]
    /// Every ticket of the window taken together.
    public let overall: TicketGroupStatistics
    public let backlog: SupportBacklog
    /// Tickets created after `asOf` (ignored).
    public let afterAsOf: Int
    /// Tickets left out because a response or resolution precedes creation.
    public let invalidTimestamps: Int

    /// Periods from the one of the first ticket created on or after `from` (the first ticket when
    /// nil) through the one containing `asOf`. The backlog always covers every ticket open at `asOf`.
    public static func compute(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                               support: SupportConfiguration = SupportConfiguration(),
                               from: Day? = nil) -> SupportSLA {
        SupportSLA(TicketPass(dataset, configuration, support: support), configuration, support: support, from: from)
    }

    /// The report's window (`compute(from: windowStart)`) and the full history (`compute()`)
    /// from one walk over the tickets; `windowStart` is the first day of a period, so each window
    /// period is the history's period of the same index when the history has it.
    public static func windowAndHistory(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                                        support: SupportConfiguration = SupportConfiguration(),
                                        windowStart: Day) -> (window: SupportSLA, history: SupportSLA) {
        let pass = TicketPass(dataset, configuration, support: support)
        let history = SupportSLA(pass, configuration, support: support, from: nil)
        let window = SupportSLA(pass, configuration, support: support, from: windowStart, known: history.periods)
        return (window, history)
    }
}

extension SupportSLA {
    /// The figures of the tickets created on or after `from` (all when nil); a period of `known`
    /// (computed from the same pass over the same or more tickets) is reused when `from` is nil
    /// or not after its start.
    init(_ pass: TicketPass, _ configuration: MetricsConfiguration, support: SupportConfiguration,
         from: Day?, known: [SupportPeriod] = []) {
        let calendar = configuration.calendar
        var createdIn: [Int: [TicketTimeline]] = [:]
        var byPriority: [TicketPriority: [TicketTimeline]] = [:]
        var all: [TicketTimeline] = []
        var first: Day?
        for (t, createdDay) in pass.tickets {
            if let from, createdDay < from { continue }
            if first.map({ createdDay < $0 }) ?? true { first = createdDay }
            createdIn[calendar.index(containing: createdDay), default: []].append(t)
            byPriority[t.ticket.priority, default: []].append(t)
            all.append(t)
        }
        var periods: [SupportPeriod] = []
        if let start = from ?? first, start <= configuration.asOf {
            let reusable = Dictionary(known.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
            periods = calendar.periods(from: start, through: configuration.asOf).map { p in
                if let period = reusable[p.index], from.map({ $0 <= p.start }) ?? true { return period }
                return SupportPeriod(period: p, resolved: pass.resolvedIn[p.index] ?? 0,
                                     created: TicketGroupStatistics(createdIn[p.index] ?? [], configuration: support))
            }
        }
        let rows = TicketPriority.allCases.reversed().compactMap { priority -> SupportPriorityRow? in
            guard let tickets = byPriority[priority] else { return nil }
            return SupportPriorityRow(
                priority: priority,
                firstResponseTargetHours: support.firstResponseTarget(priority).map { Double($0) / 3_600 },
                resolutionTargetHours: support.resolutionTarget(priority).map { Double($0) / 3_600 },
                statistics: TicketGroupStatistics(tickets, configuration: support))
        }
        self.init(periods: periods, byPriority: rows,
                  overall: TicketGroupStatistics(all, configuration: support),
                  backlog: pass.backlog, afterAsOf: pass.afterAsOf, invalidTimestamps: pass.invalidTimestamps)
    }
}

/// One walk over the tickets: the backlog at `asOf`, tickets resolved per period, the tickets
/// left out, and every ticket that counts (created by `asOf`, timestamps in order) in file order.
struct TicketPass {
    var afterAsOf = 0
    var invalidTimestamps = 0
    var backlog = SupportBacklog()
    /// Tickets resolved per period index (by resolution day).
    var resolvedIn: [Int: Int] = [:]
    var tickets: [(timeline: TicketTimeline, created: Day)] = []

    init(_ dataset: Dataset, _ configuration: MetricsConfiguration, support: SupportConfiguration) {
        let calendar = configuration.calendar
        for ticket in dataset.tickets {
            let t = TicketTimeline(ticket, asOf: configuration.asOf)
            guard t.isKnown else { afterAsOf += 1; continue }
            if t.hasInvalidTimestamps { invalidTimestamps += 1; continue }
            if t.isOpen {
                backlog.open += 1
                if let target = support.resolutionTarget(ticket.priority), t.age > target { backlog.overdue += 1 }
                if t.firstResponse == nil {
                    backlog.awaitingFirstResponse += 1
                    if let target = support.firstResponseTarget(ticket.priority), t.age > target {
                        backlog.firstResponseOverdue += 1
                    }
                }
            }
            if let r = t.resolved { resolvedIn[calendar.index(containing: r.day()), default: 0] += 1 }
            tickets.append((t, ticket.created.day()))
        }
    }
}
