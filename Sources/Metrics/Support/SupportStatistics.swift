import Model

/// Median and 90th percentile of a set of durations, in hours.
/// Percentile method: `SupportConfiguration.percentileMethod` (default linear interpolation
/// between closest ranks, Hyndman–Fan type 7). No durations → nil values, count 0.
public struct DurationStatistics: Sendable, Hashable {
    public let count: Int
    public let medianHours: Double?
    public let p90Hours: Double?

    init(seconds: [Int64], method: QuantileMethod) {
        let hours = seconds.map { Double($0) / 3_600 }.sorted()
        count = hours.count
        medianHours = SampleQuantile.quantile(sorted: hours, 0.5, method: method)
        p90Hours = SampleQuantile.quantile(sorted: hours, 0.9, method: method)
    }
}

/// How tickets fared against one SLA target.
///
/// met: answered (or resolved) within the target; breached: answered after it, or still waiting
/// at `asOf` longer than it; pending: still waiting but within the target (not yet decided, left
/// out of the rate). breach rate = breached ÷ (met + breached); nil when nothing is decided.
public struct SLACompliance: Sendable, Hashable {
    public internal(set) var met = 0
    public internal(set) var breached = 0
    public internal(set) var pending = 0

    public var breachRate: Double? {
        met + breached > 0 ? Double(breached) / Double(met + breached) : nil
    }

    mutating func record(_ outcome: SLAOutcome?) {
        switch outcome {
        case .met: met += 1
        case .breached: breached += 1
        case .pending: pending += 1
        case nil: break
        }
    }
}

/// Durations and SLA outcomes of one group of tickets.
public struct TicketGroupStatistics: Sendable, Hashable {
    /// Tickets in the group.
    public let tickets: Int
    public let firstResponse: DurationStatistics
    public let resolution: DurationStatistics
    public let firstResponseSLA: SLACompliance
    public let resolutionSLA: SLACompliance

    init(_ timelines: [TicketTimeline], configuration: SupportConfiguration) {
        var fr: [Int64] = [], res: [Int64] = []
        var frSLA = SLACompliance(), resSLA = SLACompliance()
        for t in timelines {
            if let s = t.firstResponseSeconds { fr.append(s) }
            if let s = t.resolutionSeconds { res.append(s) }
            frSLA.record(t.firstResponseOutcome(target: configuration.firstResponseTarget(t.ticket.priority)))
            resSLA.record(t.resolutionOutcome(target: configuration.resolutionTarget(t.ticket.priority)))
        }
        tickets = timelines.count
        firstResponse = DurationStatistics(seconds: fr, method: configuration.percentileMethod)
        resolution = DurationStatistics(seconds: res, method: configuration.percentileMethod)
        firstResponseSLA = frSLA
        resolutionSLA = resSLA
    }
}
