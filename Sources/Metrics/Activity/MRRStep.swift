import Model

/// From `day` on (until the next step) the customer's MRR is `mrr`.
public struct MRRStep: Sendable, Hashable {
    public var day: Day
    public var mrr: Double

    public init(day: Day, mrr: Double) {
        self.day = day
        self.mrr = mrr
    }
}

extension Array where Element == MRRStep {
    /// MRR on `day`: the last step on or before it, 0 before the first.
    func mrr(on day: Day) -> Double {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : self[lo - 1].mrr
    }
}

enum MRRSchedule {
    /// Amounts below this are rounding residue of adding and removing the same MRR: treated as 0.
    static let zeroTolerance = 1e-9

    /// The step function of a customer's MRR: the sum of their paid subscriptions, counted only
    /// inside their active spans (so a CRM cancellation date cuts MRR too).
    static func steps(subscriptions: [Subscription], spans: [ActiveSpan], asOf: Day) -> [MRRStep] {
        var events: [(day: Day, delta: Double)] = []
        for s in subscriptions {
            let subEnd = s.end.flatMap { $0 <= asOf ? $0 : nil }
            for span in spans {
                let a = Swift.max(s.start, span.start)
                let b: Day?
                switch (subEnd, span.end) {
                case let (x?, y?): b = Swift.min(x, y)
                case let (x?, nil): b = x
                case let (nil, y?): b = y
                case (nil, nil): b = nil
                }
                if let b, b <= a { continue }
                events.append((a, s.mrr))
                if let b { events.append((b, -s.mrr)) }
            }
        }
        events.sort { $0.day < $1.day }
        var steps: [MRRStep] = []
        var running = 0.0
        var i = 0
        while i < events.count {
            let day = events[i].day
            while i < events.count, events[i].day == day {
                running += events[i].delta
                i += 1
            }
            if abs(running) < zeroTolerance { running = 0 }
            let previous = steps.last?.mrr ?? 0
            if running != previous { steps.append(MRRStep(day: day, mrr: running)) }
        }
        return steps
    }
}
