import Testing
import Model
@testable import Metrics

/// A customer's spans kept inline when there is one (`ActiveSpans`, `CustomerActivity`).
@Suite struct ActiveSpansTests {
    static func d(_ iso: String) -> Day { Day(iso: iso)! }

    @Test func noneOneAndSeveralSpansReadBackInOrder() {
        let a = ActiveSpan(start: Self.d("2024-01-01"), end: Self.d("2024-02-01"))
        let b = ActiveSpan(start: Self.d("2024-03-01"), end: nil)
        for spans in [[], [a], [b], [a, b]] {
            let activity = CustomerActivity(customer: 7, spans: spans, cancellationChurn: Self.d("2024-02-01"))
            #expect(Array(activity.spans) == spans)
            #expect(activity.spans.count == spans.count)
            #expect(activity.customer == 7 && activity.cancellationChurn == Self.d("2024-02-01"))
        }
        // One span is inline (no array); several share the array given.
        #expect(ActiveSpans([a]).single == a && ActiveSpans([a]).many.isEmpty)
        #expect(ActiveSpans([a, b]).single == nil && ActiveSpans([a, b]).many == [a, b])
        // Active on 2024-01-15 (in a) and 2024-06-01 (in b, open); not on 2024-02-15 (the gap).
        let two = CustomerActivity(customer: 0, spans: [a, b])
        #expect(two.isActive(on: Self.d("2024-01-15")) && two.isActive(on: Self.d("2024-06-01")))
        #expect(!two.isActive(on: Self.d("2024-02-15")))
        #expect(two.firstActive == a.start && two.churnDate == nil)
        #expect(two.churnDays == [Self.d("2024-02-01")] && two.reactivationDays == [b.start])
    }

    /// 32 bytes a customer, nil or not: a 4-byte index, the single span (9 bytes), the
    /// cancellation churn (5) and the array reference, where the activity took 24 bytes plus a
    /// 48-byte heap array for its one span.
    @Test func aCustomersActivityTakesThirtyTwoBytes() {
        #expect(MemoryLayout<CustomerActivity?>.stride == 32)
    }
}
