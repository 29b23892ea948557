import Testing
import Model
@testable import Ingest

/// The address of a string's UTF-8 storage (meaningful for strings longer than 15 bytes,
/// which live on the heap).
private func storage(_ text: String) -> UInt {
    var copy = text
    return copy.withUTF8 { UInt(bitPattern: $0.baseAddress) }
}

/// A string made from bytes at run time: a heap object of its own when longer than 15 bytes.
private func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

@Suite struct SharedStringsTests {
    @Test func equalLongValuesShareTheFirstOnesStorage() {
        var pool = SharedStrings()
        let a = fresh("switched_competitor"), b = fresh("switched_competitor")  // 19 bytes each
        #expect(storage(a) != storage(b))
        let sharedA = pool.shared(a), sharedB = pool.shared(b)
        #expect(sharedA == "switched_competitor" && sharedB == "switched_competitor")
        #expect(storage(sharedA) == storage(a))
        #expect(storage(sharedB) == storage(a))
        #expect(pool.shared(nil as String?) == nil)
    }

    @Test func shortValuesAreReturnedAsTheyAreAndTakeNoPlace() {
        // Limit 1: "no_longer_neede" (15 bytes, inline) does not use the one place, so the
        // 16-byte "no_longer_needed" that follows is remembered and shared.
        var pool = SharedStrings(limit: 1)
        #expect(pool.shared(fresh("no_longer_neede")) == "no_longer_neede")
        let first = fresh("no_longer_needed")
        #expect(pool.shared(first) == "no_longer_needed")
        #expect(storage(pool.shared(fresh("no_longer_needed"))) == storage(first))
    }

    @Test func aValueBeyondTheLimitEndsTheSharing() {
        // Limit 1: "switched_competitor" is a second distinct value, so the column has many
        // values: it and every later value (even "no_longer_needed", remembered before) keep
        // their own storage, and stay equal.
        var pool = SharedStrings(limit: 1)
        let first = fresh("no_longer_needed")
        _ = pool.shared(first)
        let c = fresh("switched_competitor"), d = fresh("switched_competitor"), e = fresh("no_longer_needed")
        #expect(storage(pool.shared(c)) == storage(c))
        #expect(storage(pool.shared(d)) == storage(d))
        #expect(storage(pool.shared(e)) == storage(e) && storage(e) != storage(first))
        #expect(pool.shared(e) == "no_longer_needed")
    }

    @Test func customersOfAFileShareTheirRepeatedValues() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", """
            Customer ID,Name,Signup Date,Plan,Churn Reason,Industry
            C1,Acme,2024-01-05,Enterprise annual plan,switched_competitor,Professional services
            C2,Globex,2024-02-05,Enterprise annual plan,,Professional services
            C3,Initech,2024-03-05,Starter,switched_competitor,Retail

            """)
        for threads in [1, 2] {
            var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
            builder.tableThreads = threads
            try builder.loadCustomers(path)
            let c = builder.dataset.customers
            #expect(c.map(\.plan) == ["Enterprise annual plan", "Enterprise annual plan", "Starter"])
            #expect(c.map(\.churnReason) == ["switched_competitor", nil, "switched_competitor"])
            #expect(c.map { $0.attribute("Industry") } == ["Professional services", "Professional services", "Retail"])
            #expect(storage(c[1].plan!) == storage(c[0].plan!))
            #expect(storage(c[2].churnReason!) == storage(c[0].churnReason!))
            // Attributes: rows of the file's one table (values as bytes, not strings of their own).
            #expect(c[1].attributeValues.sharesTable(with: c[0].attributeValues))
            #expect(c[2].attributeValues.sharesTable(with: c[0].attributeValues))
        }
    }

    @Test func surveyCommentsShareTheirStorage() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Customer ID,Name,Signup Date\nC1,Acme,2024-01-05\n")
        let surveys = dir.write("surveys.csv", """
            Customer ID,Date,Type,Score,Comment
            C1,2024-02-01,NPS,9,"Slow checkout
            and the app crashed"
            C1,2024-03-01,NPS,3,Love it
            C2,2024-04-01,CSAT,2,"Slow checkout
            and the app crashed"

            """)
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
        try builder.loadCustomers(customers)
        try builder.loadSurveys(surveys)
        let s = builder.dataset.surveys
        #expect(s.map(\.comment) == ["Slow checkout\nand the app crashed", "Love it", "Slow checkout\nand the app crashed"])
        #expect(s.map(\.customer) == [0, 0, nil])
        #expect(s.map(\.score) == [9, 3, 2])
        #expect(storage(s[2].comment!) == storage(s[0].comment!))
    }
}
