import Testing
@testable import Model

@Suite struct CustomerAttributesTests {
    @Test func aDictionaryKeepsItsNonEmptyValuesUnderSortedNames() {
        let a = CustomerAttributes(["Industry": "Retail", "Employees": "50", "Notes": ""])
        // "Notes" is empty: no value. Names ascending: "Employees" < "Industry".
        #expect(a.names == ["Employees", "Industry"])
        #expect(a["Industry"] == "Retail")
        #expect(a["Employees"] == "50")
        #expect(a["Notes"] == nil)
        #expect(a["industry"] == nil)  // names are exact
        #expect(a.dictionary == ["Industry": "Retail", "Employees": "50"])
        #expect(a.entries.map(\.name) == ["Employees", "Industry"])
        #expect(!a.isEmpty)
        #expect(CustomerAttributes([:]).isEmpty && CustomerAttributes().dictionary == [:])
    }

    @Test func customersOfOneFileShareTheirNamesAndCompareByValues() {
        let names = CustomerAttributes.Names(["Plan Tier", "Email", "Email"])  // repeats dropped, sorted
        #expect(names.list == ["Email", "Plan Tier"])
        let rows = [["a@x.com", "Gold"], ["b@x.com", ""], ["", ""]]
        let made = rows.map { row in CustomerAttributes(names: names) { row[$0] } }
        #expect(made[0].dictionary == ["Email": "a@x.com", "Plan Tier": "Gold"])
        // An empty cell is no value: equal (and hashing equal) to the dictionary without it.
        #expect(made[1] == ["Email": "b@x.com"])
        #expect(made[1].hashValue == CustomerAttributes(["Email": "b@x.com"]).hashValue)
        #expect(made[2] == CustomerAttributes())
        #expect(made[2].isEmpty)
        #expect(made[0] != made[1])
        // Same values under other shared names are still equal.
        let wider = CustomerAttributes(names: CustomerAttributes.Names(["Email", "Plan Tier", "Zone"])) {
            ["b@x.com", "", ""][$0]
        }
        #expect(wider == made[1])
        #expect(wider.names == ["Email", "Plan Tier", "Zone"])
    }

    @Test func aCustomerReadsAndWritesItsAttributesThroughTheDictionaryView() {
        var c = Customer(id: "C1", signup: Day(year: 2024, month: 1, day: 1)!, plan: "Pro",
                         attributes: ["Industry": "Retail", "plan": "shadowed"])
        #expect(c.attributes == ["Industry": "Retail", "plan": "shadowed"])
        #expect(c.attribute("Industry") == "Retail")
        #expect(c.attribute("plan") == "Pro")  // the canonical field wins, as before
        #expect(c.attribute("Region") == nil)
        c.attributes = ["Region": "EU"]
        #expect(c.attributeValues == ["Region": "EU"])
        #expect(c.attribute("Industry") == nil)
        #expect(c == Customer(id: "C1", signup: Day(year: 2024, month: 1, day: 1)!, plan: "Pro",
                              attributeValues: ["Region": "EU"]))
    }

    @Test func aCustomerTakesNinetySixBytes() {
        // id and name 2 × 16 = 32, attributes 32 (shared names 8, first value 16, other values 8)
        // → 64, traits 8 (one reference for plan, segment, region, channel, owner, status and
        // churn reason, shared by the customers with equal ones) → 72, then signup 4 + churn
        // date 5 (+3 padding) + last seen 5 + churn kind 1 → 90, stride 96 (was 200 with the
        // seven optional strings inline: 7 × 16 = 112 bytes).
        #expect(MemoryLayout<CustomerAttributes>.size == 32)
        #expect(MemoryLayout<CustomerTraits>.size == 8)
        #expect(MemoryLayout<Customer>.stride == 96)
    }

    @Test func aSurveyResponseTakesFortyBytesAndKeepsItsCustomer() {
        // score 8 + comment 16 + Int32 customer 4 + Int32 day 4 + kind 1 = 33 → stride 40 (was 48).
        #expect(MemoryLayout<SurveyResponse>.stride == 40)
        let day = Day(year: 2024, month: 3, day: 1)!
        var r = SurveyResponse(customer: 499_999, day: day, kind: .nps, score: 9, comment: "Great")
        #expect(r.customer == 499_999 && r.day == day && r.kind == .nps && r.score == 9 && r.comment == "Great")
        r.customer = nil
        #expect(r.customer == nil)
        #expect(r == SurveyResponse(customer: nil, day: day, kind: .nps, score: 9, comment: "Great"))
        r.customer = 0
        #expect(r.customer == 0)
        #expect(r != SurveyResponse(customer: nil, day: day, kind: .nps, score: 9, comment: "Great"))
    }
}
