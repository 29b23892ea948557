import Testing
import Model
@testable import Ingest

/// The orders of every orders file grouped by customer once, after the last file: file order
/// within a customer (the first file's rows, then the second's), the same book whether a file
/// is read on one thread or two, and customers the orders create (no customers file) included.
@Suite struct OrderBookLoadingTests {
    static let customers = "Customer ID,Signup Date\nC1,2023-12-01\nC2,2023-12-01\nC3,2023-12-01\n"

    /// Two orders files after the customers, each read on `threads` threads.
    func load(_ dir: FixtureDirectory, _ first: String, _ second: String, threads: Int) throws -> Dataset {
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
        builder.orderPartitions = threads
        try builder.loadCustomers(dir.write("customers.csv", Self.customers))
        try builder.loadOrders(dir.write("orders-1.csv", first))
        try builder.loadOrders(dir.write("orders-2.csv", second))
        builder.groupOrders()
        return builder.dataset
    }

    @Test func twoFilesAreGroupedByCustomerInFileOrder() throws {
        // File 1, 60 rows: row i is customer C(i % 3 + 1), amount i + 1, day 2024-01-(i % 28 + 1);
        // row 10 names "X" (unknown_customer, not in the book). File 2: C3 100, C1 200, C3 300.
        var first = "Invoice ID,Customer ID,Date,Amount\n"
        for i in 0..<60 {
            let day = i % 28 + 1
            first += "A\(i),\(i == 10 ? "X" : "C\(i % 3 + 1)"),2024-01-\(day < 10 ? "0" : "")\(day),\(i + 1)\n"
        }
        let second = "Invoice ID,Customer ID,Date,Amount\nB1,C3,2024-02-01,100\nB2,C1,2024-02-02,200\nB3,C3,2024-01-01,300\n"
        let dir = FixtureDirectory()
        let one = try load(dir, first, second, threads: 1)
        let two = try load(dir, first, second, threads: 2)
        #expect(two.orders == one.orders)
        let book = two.orders
        #expect(book.customerCount == 3 && book.unplaced.isEmpty)
        // 60 − 1 unknown + 3 = 62 orders.
        #expect(book.count == 62)
        // C1 (customer 0): rows 0, 3, …, 57 (amounts 1, 4, …, 58; 20 rows), then file 2's 200.
        #expect(Array(book.amounts(of: 0)) == stride(from: 1.0, through: 58, by: 3).map { $0 } + [200])
        // C2 (customer 1): rows 1, 4, …, 58 but row 10 (amounts 2, 5, 8, 14, …, 59; 19 rows).
        #expect(Array(book.amounts(of: 1)) == stride(from: 2.0, through: 59, by: 3).filter { $0 != 11 })
        // C3 (customer 2): rows 2, 5, …, 59 (amounts 3, …, 60), then file 2's 100 and 300 in
        // that order (300 is dated earlier: grouping keeps file order, not day order).
        #expect(Array(book.amounts(of: 2)) == stride(from: 3.0, through: 60, by: 3).map { $0 } + [100, 300])
        #expect(Array(book.days(of: 2).suffix(2)) == [Day(iso: "2024-02-01")!, Day(iso: "2024-01-01")!])
        // Row 29 (C3, amount 30) is on 2024-01-02 (29 % 28 + 1).
        #expect(Array(book.days(of: 2))[9] == Day(iso: "2024-01-02")!)
    }

    @Test func customersTheOrdersCreateAreInTheBook() throws {
        // No customers file: file 1 creates P (0) and Q (1), file 2 R (2) and adds to P.
        let dir = FixtureDirectory()
        let first = dir.write("orders-1.csv", "Invoice ID,Customer ID,Date,Amount\nI1,P,2024-01-05,10\nI2,Q,2024-01-06,20\nI3,P,2024-01-04,30\n")
        let second = dir.write("orders-2.csv", "Invoice ID,Customer ID,Date,Amount\nJ1,R,2024-02-01,40\nJ2,P,2024-02-02,50\n")
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: false)
        try builder.loadOrders(first)
        try builder.loadOrders(second)
        builder.groupOrders()
        let data = builder.dataset
        #expect(data.customers.map(\.id) == ["P", "Q", "R"])
        #expect(data.orders.customerCount == 3 && data.orders.unplaced.isEmpty)
        #expect(Array(data.orders.amounts(of: 0)) == [10, 30, 50])
        #expect(Array(data.orders.amounts(of: 1)) == [20])
        #expect(Array(data.orders.amounts(of: 2)) == [40])
        // P's signup is its earliest order day.
        #expect(data.customers[0].signup == Day(iso: "2024-01-04")!)
    }

    @Test func noOrdersFileLeavesAnEmptyBookOverTheCustomers() throws {
        let dir = FixtureDirectory()
        let data = try DatasetLoader.load(InputFiles(customers: dir.write("customers.csv", Self.customers)),
                                          options: IngestOptions())
        #expect(data.orders.isEmpty && data.orders.customerCount == 3)
        #expect(data.billingCadences == nil)
    }
}
