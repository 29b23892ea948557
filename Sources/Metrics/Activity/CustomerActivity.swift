import Model

/// When one customer was a paying customer, as of the report date.
///
/// Spans are sorted, disjoint and never touching; every span but the last has an `end`.
/// A gap between spans is a churn followed by a reactivation; the customer stays in the
/// cohort of their first span (or signup).
///
/// Kept for every customer (hundreds of thousands; nil for those who never paid): 24 bytes, nil
/// or not, with a single span inline (`ActiveSpans`): its days and the cancellation churn's as
/// bare ordinals, and which of them are present in the top bits of the customer index.
public struct CustomerActivity: Sendable, Hashable {
    /// The spans when there are none or several (`ActiveSpans.many`).
    private let many: [ActiveSpan]
    /// The customer (low 29 bits) and which of the ordinals below are present (`Present`).
    private let packed: UInt32
    /// The single span's start and end and the cancellation churn's day, as ordinals; 0 when absent.
    private let start: Int32
    private let end: Int32
    private let cancellation: Int32

    /// Bits of `packed` above the customer index.
    private enum Present {
        /// There is exactly one span, kept in `start` (and `end`).
        static let single: UInt32 = 1 << 31
        /// The single span has an end (`end`).
        static let end: UInt32 = 1 << 30
        /// There is a cancellation churn (`cancellation`).
        static let cancellation: UInt32 = 1 << 29
        /// The customer index: below 2^29 (536 870 912).
        static let customer: UInt32 = cancellation - 1
    }

    public var customer: CustomerIndex { Int(packed & Present.customer) }

    /// The churn day the CRM cancellation date set or confirmed (a span ends on it), nil when
    /// there is no cancellation date, it is after as-of, or it ended no span. Only this churn
    /// carries the CRM's churn reason and type.
    public var cancellationChurn: Day? {
        packed & Present.cancellation != 0 ? Day(ordinal: cancellation) : nil
    }

    public var spans: ActiveSpans {
        guard packed & Present.single != 0 else { return ActiveSpans(single: nil, many: many) }
        let span = ActiveSpan(start: Day(ordinal: start), end: packed & Present.end != 0 ? Day(ordinal: end) : nil)
        return ActiveSpans(single: span, many: [])
    }

    /// `customer` must be below 2^29 (536 870 912).
    public init(customer: CustomerIndex, spans: [ActiveSpan], cancellationChurn: Day? = nil) {
        precondition(customer >= 0 && customer <= Int(Present.customer), "customer index \(customer) is beyond 2^29 - 1")
        var packed = UInt32(customer)
        let kept = ActiveSpans(spans)
        if let single = kept.single {
            packed |= Present.single
            start = single.start.ordinal
            if single.end != nil { packed |= Present.end }
            end = single.end?.ordinal ?? 0
        } else {
            start = 0
            end = 0
        }
        if cancellationChurn != nil { packed |= Present.cancellation }
        cancellation = cancellationChurn?.ordinal ?? 0
        many = kept.many
        self.packed = packed
    }

    /// First day as a paying customer.
    public var firstActive: Day? { spans.first?.start }

    /// The final churn day (first day no longer active), nil when active at as-of.
    public var churnDate: Day? { spans.last?.end }

    /// Every churn day, earliest first (one per span that ended).
    public var churnDays: [Day] { spans.compactMap(\.end) }

    /// Every reactivation day (start of a span after the first).
    public var reactivationDays: [Day] { spans.dropFirst().map(\.start) }

    /// Whether `day` falls in a span. Read straight from the inline span when there is one:
    /// health asks this for every customer at each of its dates.
    public func isActive(on day: Day) -> Bool {
        guard packed & Present.single != 0 else { return many.contains { $0.contains(day) } }
        return start <= day.ordinal && (packed & Present.end == 0 || day.ordinal < end)
    }
}
