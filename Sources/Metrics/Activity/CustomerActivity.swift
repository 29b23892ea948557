import Model

/// When one customer was a paying customer, as of the report date.
///
/// Spans are sorted, disjoint and never touching; every span but the last has an `end`.
/// A gap between spans is a churn followed by a reactivation; the customer stays in the
/// cohort of their first span (or signup).
///
/// Kept for every customer who ever paid (hundreds of thousands): 32 bytes, with a single span
/// inline (`ActiveSpans`).
public struct CustomerActivity: Sendable, Hashable {
    private let index: Int32
    /// The span when there is exactly one, else nil (`ActiveSpans.single`).
    private let single: ActiveSpan?
    /// The churn day the CRM cancellation date set or confirmed (a span ends on it), nil when
    /// there is no cancellation date, it is after as-of, or it ended no span. Only this churn
    /// carries the CRM's churn reason and type.
    public let cancellationChurn: Day?
    /// The spans when there are none or several (`ActiveSpans.many`).
    private let many: [ActiveSpan]

    public var customer: CustomerIndex { Int(index) }
    public var spans: ActiveSpans { ActiveSpans(single: single, many: many) }

    public init(customer: CustomerIndex, spans: [ActiveSpan], cancellationChurn: Day? = nil) {
        index = Int32(customer)
        let kept = ActiveSpans(spans)
        single = kept.single
        many = kept.many
        self.cancellationChurn = cancellationChurn
    }

    /// First day as a paying customer.
    public var firstActive: Day? { spans.first?.start }

    /// The final churn day (first day no longer active), nil when active at as-of.
    public var churnDate: Day? { spans.last?.end }

    /// Every churn day, earliest first (one per span that ended).
    public var churnDays: [Day] { spans.compactMap(\.end) }

    /// Every reactivation day (start of a span after the first).
    public var reactivationDays: [Day] { spans.dropFirst().map(\.start) }

    public func isActive(on day: Day) -> Bool {
        spans.contains { $0.contains(day) }
    }
}
