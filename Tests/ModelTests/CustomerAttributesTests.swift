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

    @Test func aCustomerTakesSeventyTwoBytes() {
        // id and name 2 × 16 = 32, attributes 12 (their table 8 + row 4) → 44, signup 4 → 48,
        // traits 8 (one reference for plan, segment, region, channel, owner, status and churn
        // reason, shared by the customers with equal ones) → 56, churn date 5 (+3 padding) →
        // 64, last seen 5 + churn kind 1 → 70, stride 72 (was 96 with the attributes as shared
        // names 8 + first value 16 + other values 8 = 32, and the signup after the traits).
        #expect(MemoryLayout<CustomerAttributes>.size == 12)
        #expect(MemoryLayout<CustomerTraits>.size == 8)
        #expect(MemoryLayout<Customer>.stride == 72)
    }

    @Test func aTableHoldsEveryValueOneAfterAnotherAndReadsThemBack() {
        let names = CustomerAttributes.Names(["Note", "Email"])  // sorted: Email, Note
        let rows = [["eva.müller1@example.com", ""], ["", "Zoë"], ["0123456789abcdefX", "日本"]]
        var builder = CustomerAttributes.Builder(names: names)
        builder.reserve(rows: 3)
        for row in rows {
            for value in row { builder.append(value) }
            builder.endRow()
        }
        var made: [CustomerAttributes] = []
        builder.finish { r, a in
            #expect(r == made.count)
            made.append(a)
        }
        #expect(made.count == 3)
        // UTF-8 bytes: "eva.müller1@example.com" 23 characters, "ü" 2 bytes → 24; "" 0; "" 0;
        // "Zoë" 1 + 1 + 2 = 4; "0123456789abcdefX" 17 (over the 15 of an inline string);
        // "日本" 2 × 3 = 6. Ends, running: 24, 24, 24, 28, 45, 51.
        let table = made[0].table
        #expect(table.ends == [24, 24, 24, 28, 45, 51])
        #expect(table.bytes.count == 51)
        #expect(table.rowCount == 3)
        #expect(made.allSatisfy { $0.sharesTable(with: made[0]) })
        #expect(made.map(\.row) == [0, 1, 2])
        #expect(made[0].dictionary == ["Email": "eva.müller1@example.com"])
        #expect(made[0]["Note"] == nil)  // empty: no value
        #expect(made[1].entries.map(\.name) == ["Note"] && made[1]["Note"] == "Zoë")
        #expect(made[2]["Email"] == "0123456789abcdefX" && made[2]["Note"] == "日本")
        // Equal to the same values made on their own (a table each).
        #expect(made[2] == ["Email": "0123456789abcdefX", "Note": "日本"])
        #expect(made[2].hashValue == CustomerAttributes(["Email": "0123456789abcdefX", "Note": "日本"]).hashValue)
        #expect(!made[2].sharesTable(with: CustomerAttributes(["Email": "0123456789abcdefX", "Note": "日本"])))
        #expect(made[0] != made[1])
    }

    @Test func rowsWithoutAnyValueAreEmptyAndNoNamesMeanNoRows() {
        var builder = CustomerAttributes.Builder(names: CustomerAttributes.Names(["A", "B"]))
        builder.append("")
        builder.append("")
        builder.endRow()
        var made: [CustomerAttributes] = []
        builder.finish { _, a in made.append(a) }
        #expect(made.count == 1 && made[0].isEmpty && made[0] == CustomerAttributes())
        #expect(made[0].table.ends == [0, 0] && made[0].names == ["A", "B"])
        // Without names a row has no values to end: no rows at all; no attributes share one table.
        var none = CustomerAttributes.Builder(names: CustomerAttributes.Names([]))
        none.endRow()
        var calls = 0
        none.finish { _, _ in calls += 1 }
        #expect(calls == 0)
        #expect(CustomerAttributes().sharesTable(with: CustomerAttributes([:])))
        #expect(CustomerAttributes(["Notes": ""]).sharesTable(with: CustomerAttributes()))
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
