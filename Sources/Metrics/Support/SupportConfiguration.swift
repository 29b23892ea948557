import Model

/// Service-level targets per ticket priority, in seconds from ticket creation.
///
/// Defaults (common help-desk practice; set your own contract's numbers):
/// first response urgent 1 h, high 4 h, normal 24 h, low 48 h;
/// resolution urgent 24 h, high 72 h, normal 120 h (5 days), low 240 h (10 days).
public struct SupportConfiguration: Sendable, Hashable {
    public static let hour: Int64 = 3_600

    public var firstResponseTargets: [TicketPriority: Int64]
    public var resolutionTargets: [TicketPriority: Int64]
    /// How median and p90 are read off the durations.
    public var percentileMethod: QuantileMethod

    public init(firstResponseTargets: [TicketPriority: Int64] = [.urgent: 1 * hour, .high: 4 * hour,
                                                                 .normal: 24 * hour, .low: 48 * hour],
                resolutionTargets: [TicketPriority: Int64] = [.urgent: 24 * hour, .high: 72 * hour,
                                                              .normal: 120 * hour, .low: 240 * hour],
                percentileMethod: QuantileMethod = .linear) {
        self.firstResponseTargets = firstResponseTargets
        self.resolutionTargets = resolutionTargets
        self.percentileMethod = percentileMethod
    }

    /// The first-response target of a priority; a priority without a target is never breached.
    public func firstResponseTarget(_ priority: TicketPriority) -> Int64? { firstResponseTargets[priority] }
    public func resolutionTarget(_ priority: TicketPriority) -> Int64? { resolutionTargets[priority] }
}
