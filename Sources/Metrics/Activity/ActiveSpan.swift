import Model

/// A stretch of days during which a customer was a paying customer: `start` is the first active
/// day, `end` the first day no longer active (the churn day), nil while still active at as-of.
public struct ActiveSpan: Sendable, Hashable {
    public var start: Day
    public var end: Day?

    public init(start: Day, end: Day?) {
        self.start = start
        self.end = end
    }

    public func contains(_ day: Day) -> Bool {
        start <= day && (end.map { day < $0 } ?? true)
    }

    /// Sorts and merges overlapping or touching spans (a span ending on the day another starts
    /// is one continuous relationship, not a churn and a reactivation).
    static func merged(_ spans: [ActiveSpan]) -> [ActiveSpan] {
        let sorted = spans.sorted { $0.start < $1.start }
        var out: [ActiveSpan] = []
        for span in sorted {
            guard var last = out.last else {
                out.append(span)
                continue
            }
            // An open span (still active at as-of) swallows everything after it.
            guard let lastEnd = last.end else { continue }
            if span.start <= lastEnd {
                last.end = span.end.map { max($0, lastEnd) }
                out[out.count - 1] = last
            } else {
                out.append(span)
            }
        }
        return out
    }
}
