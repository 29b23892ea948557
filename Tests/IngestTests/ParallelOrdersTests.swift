import Testing
import Model
@testable import Ingest

/// An orders file read on two threads gives exactly what one pass gives: the same orders in
/// file order, counts, skip examples with their lines, joins and stated cadences.
@Suite struct ParallelOrdersTests {
    static let customers = "Customer ID,Name,Email,Signup Date\n"
        + (1...10).map { "C\($0),Firm \($0),c\($0)@firm\($0).example,2023-12-01\n" }.joined()

    /// Loads `orders` after the customers on `threads` threads.
    func load(_ dir: FixtureDirectory, _ orders: String, threads: Int) throws -> DatasetBuilder {
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
        builder.orderPartitions = threads
        try builder.loadCustomers(dir.write("customers.csv", Self.customers))
        try builder.loadOrders(dir.write("orders.csv", orders))
        builder.groupOrders()
        return builder
    }

    @Test func twoThreadsGiveTheOnePassResult() throws {
        // 200 rows, row i on line i + 2. Keys: "X\(i % 3)" (unknown) when i % 50 == 7 (rows 7, 57,
        // 107, 157), C3's e-mail when i % 50 == 20 (rows 20, 70, 120, 170), else C(i % 10 + 1).
        // Dates unreadable when i % 61 == 30 (rows 30, 91, 152); row 150 repeats row 140's id.
        // C4 (i % 10 == 3) states "year" before row 100 and "month" from it: the last one wins.
        var text = "Invoice ID,Customer ID,Date,Amount,Billing Interval\n"
        for i in 0..<200 {
            let key = i % 50 == 7 ? "X\(i % 3)" : i % 50 == 20 ? "c3@firm3.example" : "C\(i % 10 + 1)"
            let date = i % 61 == 30 ? "not a date" : "2024-01-\(i % 28 + 1 < 10 ? "0" : "")\(i % 28 + 1)"
            let interval = i % 10 == 3 ? (i < 100 ? "year" : "month") : ""
            text += "I\(i == 150 ? 140 : i),\(key),\(date),\(10 + i),\(interval)\n"
        }
        let dir = FixtureDirectory()
        let one = try load(dir, text, threads: 1)
        let two = try load(dir, text, threads: 2)
        #expect(one.orderThreadsUsed == 1)
        #expect(two.orderThreadsUsed == 2)
        #expect(two.dataset.orders == one.dataset.orders)
        #expect(two.dataset.inputs == one.dataset.inputs)
        #expect(two.declaredCadences == one.declaredCadences)

        // 200 − 4 unknown − 3 bad dates − 1 repeated id = 192 orders, grouped by customer, in file
        // order within a customer: C1's first is row 0 (2024-01-01, 10); C10's last is row 199
        // (day 199 % 28 + 1 = 4, amount 10 + 199 = 209).
        #expect(two.dataset.orders.count == 192)
        #expect(two.dataset.orders.customerCount == 10 && two.dataset.orders.unplaced.isEmpty)
        #expect(Array(two.dataset.orders).first == Order(customer: 0, day: Day(year: 2024, month: 1, day: 1)!, amount: 10))
        #expect(Array(two.dataset.orders).last == Order(customer: 9, day: Day(year: 2024, month: 1, day: 4)!, amount: 209))
        // C3 (customer 2): rows i % 10 == 2 but 152 (a bad date), 19 rows, and the e-mail rows 20,
        // 70, 120, 170: 23, in file order;
        // rows 2, 12 and 20 first (amounts 12, 22, 30), row 192 last (amount 202).
        let c3 = Array(two.dataset.orders.amounts(of: 2))
        #expect(c3.count == 23 && c3.prefix(3) == [12, 22, 30] && c3.last == 202)
        let orders = try #require(accounting(two.dataset, "orders"))
        #expect(orders.skipped.map(\.reason) == ["unknown_customer", "bad_date", "duplicate_id"])
        #expect(orders.skipped[0].examples.map(\.line) == [9, 59, 109, 159])
        #expect(orders.skipped[1].examples.map(\.line) == [32, 93, 154])
        #expect(orders.skipped[2].examples.map(\.description) == ["152:1: id \"I140\" appears on an earlier row"])
        // Rows that reached the join: 200 − 3 bad dates = 197; 4 by e-mail, 4 unmatched.
        let join = try #require(orders.join)
        #expect(join.rowsWithKey == 197)
        #expect(join.matched == [.id: 189, .email: 4])
        #expect(two.declaredCadences[3] == .monthly)
    }

    @Test func unmatchedKeysAreNamedInFileOrderAcrossThreads() throws {
        // Rows 0–99: "Y0" when i % 10 == 5 (10 rows, first on line 7), else C1 (90 rows);
        // rows 100–199: "Y\(i % 3)" (Y1 on line 102, Y2 on line 103). 90 of 200 match: 45.0 %.
        var text = "Invoice ID,Customer ID,Date,Amount\n"
        for i in 0..<200 {
            let key = i < 100 ? (i % 10 == 5 ? "Y0" : "C1") : "Y\(i % 3)"
            text += "I\(i),\(key),2024-01-01,1\n"
        }
        let dir = FixtureDirectory()
        for threads in [1, 2] {
            #expect {
                try load(dir, text, threads: threads)
            } throws: { error in
                guard case IngestError.unmatchedCustomers(let u) = error else { return false }
                return u.matched == 90 && u.rowsWithKey == 200
                    && u.examples == ["\"Y0\" (line 7)", "\"Y1\" (line 102)", "\"Y2\" (line 103)"]
            }
        }
    }

    @Test func anIDRepeatedAcrossThePartitionsIsReadAgainOnOneThread() throws {
        // The last row (line 201) repeats the first row's id: only a pass over the whole file sees it.
        var text = "Invoice ID,Customer ID,Date,Amount\n"
        for i in 0..<200 { text += "I\(i == 199 ? 0 : i),C\(i % 10 + 1),2024-01-01,1\n" }
        let dir = FixtureDirectory()
        let two = try load(dir, text, threads: 2)
        #expect(two.orderThreadsUsed == 1)
        #expect(two.dataset.orders.count == 199)
        let orders = try #require(accounting(two.dataset, "orders"))
        #expect(orders.skipped.map(\.reason) == ["duplicate_id"])
        #expect(orders.skipped[0].examples.map(\.line) == [201])
        #expect(two.dataset.inputs == (try load(dir, text, threads: 1)).dataset.inputs)
    }
}
