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

    /// 24 bytes a customer, nil or not: the array reference, the customer index with three
    /// presence bits, and the single span's two ordinals and the cancellation churn's, where the
    /// activity took 32 bytes with `Day?` fields.
    @Test func aCustomersActivityTakesTwentyFourBytes() {
        #expect(MemoryLayout<CustomerActivity?>.stride == 24)
    }

    /// Every combination of present and absent days reads back, extreme ordinals and the largest
    /// customer index (2^29 − 1 = 536 870 911) included; equal facts are equal activities.
    @Test func extremesReadBack() {
        let low = Day(ordinal: .min), high = Day(ordinal: .max), zero = Day(ordinal: 0)
        let spans: [[ActiveSpan]] = [[], [ActiveSpan(start: low, end: nil)], [ActiveSpan(start: zero, end: zero)],
                                     [ActiveSpan(start: low, end: high)], [ActiveSpan(start: zero, end: nil), ActiveSpan(start: high, end: nil)]]
        for customer in [0, 536_870_911] {
            for s in spans {
                for cancel in [nil, low, zero, high] {
                    let activity = CustomerActivity(customer: customer, spans: s, cancellationChurn: cancel)
                    #expect(activity.customer == customer && Array(activity.spans) == s && activity.cancellationChurn == cancel)
                    #expect(activity == CustomerActivity(customer: customer, spans: s, cancellationChurn: cancel))
                }
            }
        }
        // A span ending on day 0 differs from an open span (the end is present, its ordinal 0).
        #expect(CustomerActivity(customer: 1, spans: [ActiveSpan(start: zero, end: zero)])
                != CustomerActivity(customer: 1, spans: [ActiveSpan(start: zero, end: nil)]))
        #expect(CustomerActivity(customer: 1, spans: [], cancellationChurn: zero) != CustomerActivity(customer: 1, spans: []))
    }

    /// Active from the start day through the day before the end (the churn day is not active),
    /// read from the inline span or from several: worked out by hand on the edge days.
    @Test func activeFromTheStartUntilTheDayBeforeTheEnd() {
        let closed = ActiveSpan(start: Self.d("2024-01-10"), end: Self.d("2024-01-20"))
        let open = ActiveSpan(start: Self.d("2024-03-01"), end: nil)
        let days = ["2024-01-09", "2024-01-10", "2024-01-19", "2024-01-20", "2024-02-29", "2024-03-01", "2099-12-31"]
        let cases: [([ActiveSpan], [Bool])] = [
            ([], [false, false, false, false, false, false, false]),
            ([closed], [false, true, true, false, false, false, false]),
            ([open], [false, false, false, false, false, true, true]),
            ([closed, open], [false, true, true, false, false, true, true]),
        ]
        for (spans, expected) in cases {
            let activity = CustomerActivity(customer: 3, spans: spans)
            #expect(days.map { activity.isActive(on: Self.d($0)) } == expected, "spans \(spans)")
        }
    }
}
