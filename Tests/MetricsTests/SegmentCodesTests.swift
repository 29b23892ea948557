import Testing
import Model
@testable import Metrics

/// Segment codes with few values (found by comparing with each, `SegmentCodes.scannedValues`) and
/// with many (found through the dictionary once there are more): the same as an independent
/// reading — the paid customers' values sorted, the missing value last, each customer's code the
/// position of their value in that list (-1 when only customers who never paid have it).
@Suite struct SegmentCodesTests {
    static func expectCodes(plans: [String?], paid: (Int) -> Bool) {
        let customers = plans.enumerated().map { i, plan in Customer(id: "c\(i)", signup: Day(ordinal: 0), plan: plan) }
        let activity: [CustomerActivity?] = customers.indices.map { i in
            paid(i) ? CustomerActivity(customer: i, spans: [ActiveSpan(start: Day(ordinal: 1), end: nil)]) : nil
        }
        let codes = SegmentCodes(customers: customers, activity: activity, attribute: "plan")
        let label = { (p: String?) in (p ?? "").isEmpty ? CohortTable.missingSegmentLabel : p! }
        let present = Set(plans.indices.filter(paid).map { label(plans[$0]) })
        let expected = present.filter { $0 != CohortTable.missingSegmentLabel }.sorted()
            + (present.contains(CohortTable.missingSegmentLabel) ? [CohortTable.missingSegmentLabel] : [])
        #expect(codes.values == expected)
        #expect(codes.codes == plans.map { p in Int32(expected.firstIndex(of: label(p)) ?? -1) })
    }

    @Test func fewValuesAreCodedInValueOrderWithTheMissingValueLast() {
        // Values Pro, Basic, (none), (empty): paid customers 0–3 → [Basic, Pro, missing];
        // customer 4 (Gold) never paid: Gold is not a value, code -1.
        Self.expectCodes(plans: ["Pro", "Basic", nil, "", "Gold", "Pro"], paid: { $0 < 4 || $0 == 5 })
        let customers = [Customer(id: "a", signup: Day(ordinal: 0), plan: "Pro"),
                         Customer(id: "b", signup: Day(ordinal: 0), plan: "Basic")]
        let codes = SegmentCodes(customers: customers, activity: [CustomerActivity(customer: 0, spans: []), nil],
                                 attribute: "plan")
        #expect(codes.values == ["Pro"] && codes.codes == [0, -1])
    }

    @Test func manyValuesPastTheScannedOnesAreCodedTheSameWay() {
        // 40 values ("P0" … "P39", more than `scannedValues` = 16) over 200 customers in a
        // scrambled order (value 7i mod 40), every third customer never paid, some with no plan.
        #expect(SegmentCodes.scannedValues == 16)
        let plans: [String?] = (0..<200).map { i in i % 23 == 5 ? nil : "P\(i * 7 % 40)" }
        Self.expectCodes(plans: plans, paid: { $0 % 3 != 0 })
        // Long values (past the 15 bytes a string keeps inline) too.
        Self.expectCodes(plans: (0..<60).map { "a long plan name number \($0 % 20)" }, paid: { $0 % 2 == 0 })
    }

    @Test func theFieldReadInPlaceIsTheCustomersAttribute() {
        // Every built-in attribute, one from the customer's other columns, and an unknown one.
        let customer = Customer(id: "c", signup: Day(ordinal: 0), plan: "Pro", segment: "SMB", region: "EMEA",
                                channel: "organic", owner: "Ann", attributes: ["industry": "Retail"])
        var copy = customer
        for name in ["plan", "segment", "region", "channel", "owner", "industry", "color"] {
            #expect(SegmentCodes.field(name)(&copy) == customer.attribute(name), "attribute \(name)")
        }
        #expect(SegmentCodes.field("region")(&copy) == "EMEA" && SegmentCodes.field("industry")(&copy) == "Retail")
        #expect(SegmentCodes.field("color")(&copy) == nil)
    }
}
