import Testing
import Model
@testable import Ingest

/// `CustomerOrderBook.paidDays(of:asOf:into:)` (what billing-cadence inference reads of each
/// customer) against a plain reference: for each customer, filter the orders and sort their days.
@Suite struct PaidDaysByCustomerTests {
    @Test func handWorkedRunsKeepRepeatsAndSortOutOfOrderDays() {
        let orders = [Order(customer: 1, day: d("2024-03-01"), amount: 10),
                      Order(customer: 0, day: d("2024-02-01"), amount: 5),
                      Order(customer: 1, day: d("2024-01-01"), amount: 10),  // earlier than the row above
                      Order(customer: 1, day: d("2024-01-01"), amount: 3),   // the same day twice
                      Order(customer: 0, day: d("2024-01-15"), amount: 0),   // not paid
                      Order(customer: 0, day: d("2024-01-20"), amount: -5),  // a refund
                      Order(customer: 2, day: d("2024-06-01"), amount: 5),   // after as-of
                      Order(customer: 7, day: d("2024-01-01"), amount: 5)]   // no such customer
        let book = CustomerOrderBook(orders, customerCount: 3)
        var days: [Int32] = [99]  // emptied first
        book.paidDays(of: 0, asOf: d("2024-05-31"), into: &days)
        #expect(days.map { Day(ordinal: $0) } == [d("2024-02-01")])
        book.paidDays(of: 1, asOf: d("2024-05-31"), into: &days)
        #expect(days.map { Day(ordinal: $0) } == [d("2024-01-01"), d("2024-01-01"), d("2024-03-01")])
        book.paidDays(of: 2, asOf: d("2024-05-31"), into: &days)
        #expect(days.isEmpty)
        // Without an as-of, customer 2's order of 2024-06-01 counts.
        book.paidDays(of: 2, asOf: nil, into: &days)
        #expect(days.map { Day(ordinal: $0) } == [d("2024-06-01")])
        // Customer 1's gaps: 0 (repeat, skipped) and 60 days (Jan 1 → Mar 1 2024): quarterly;
        // customer 0 paid once and takes that majority.
        let cadences = BillingCadenceInference.infer(orders: book, customerCount: 3, asOf: d("2024-05-31"))
        #expect(cadences.cadence == [.quarterly, .quarterly, nil])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyCustomersRunIsTheirSortedPaidDays(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let asOf = d("2024-06-30")
        // 400 customers, 6 000 orders in no particular order: refunds, zero amounts, orders after
        // as-of and orders naming no known customer among them.
        let orders = (0..<6_000).map { _ in
            Order(customer: Int.random(in: -3..<410, using: &random),
                  day: d("2023-01-01").adding(days: Int.random(in: 0..<600, using: &random)),
                  amount: Double(Int.random(in: -20..<100, using: &random)))
        }
        for cut in [asOf, nil] as [Day?] {
            let book = CustomerOrderBook(orders, customerCount: 400)
            var days: [Int32] = []
            for c in 0..<400 {
                book.paidDays(of: c, asOf: cut, into: &days)
                let reference = orders.filter { o in o.customer == c && o.amount > 0 && (cut.map { o.day <= $0 } ?? true) }
                    .map(\.day.ordinal).sorted()
                #expect(days == reference)
            }
        }
    }

    /// The inference read in consecutive ranges of customers on several threads gives what one
    /// pass gives: cadences, counts, and the single-day customers given the majority.
    @Test(arguments: [1, 2, 3, 4, 6, 7])
    func cadencesAreTheSameOnAnyNumberOfParts(parts: Int) {
        let orders = [Order(customer: 0, day: d("2024-01-01"), amount: 10),
                      Order(customer: 0, day: d("2024-02-01"), amount: 10),
                      Order(customer: 0, day: d("2024-03-01"), amount: 10),  // gaps 31, 29: median 30, monthly
                      Order(customer: 1, day: d("2024-02-10"), amount: 7),   // one paid day
                      Order(customer: 2, day: d("2024-01-01"), amount: 9),
                      Order(customer: 2, day: d("2024-01-15"), amount: 9),   // states annual (declared)
                      Order(customer: 4, day: d("2024-01-01"), amount: 5),
                      Order(customer: 4, day: d("2024-07-01"), amount: 5),   // gap 182: annual
                      Order(customer: 5, day: d("2024-03-03"), amount: 2)]   // one paid day
        let book = CustomerOrderBook(orders, customerCount: 6)
        let c = BillingCadenceInference.infer(orders: book, customerCount: 6, declared: [nil, nil, .annual],
                                              parts: parts)
        // Votes: monthly 1 (gaps), annual 2 (1 from gaps, 1 stated): customers 1 and 5 take annual.
        #expect(c.cadence == [.monthly, .annual, .annual, nil, .annual, .annual])
        #expect(c.fromGaps == [.monthly: 1, .annual: 1])
        #expect(c.fromColumn == [.annual: 1])
        #expect(c.fromMajority == [.annual: 2])
        #expect(c.unknown == 0)
        #expect(c.declared == [nil, nil, .annual])
    }

    /// Parts split the customers where about equal shares of (customers + orders) fall.
    @Test func partsHoldAboutEqualWork() {
        // Customer 0 has 7 orders, customers 1-6 one each: weights 8, 2, 2, 2, 2, 2, 2 (20 in all);
        // the weight of customers 0 ..< c is 0, 8, 10, 12, 14, 16, 18, 20.
        var orders = (0..<7).map { Order(customer: 0, day: d("2024-01-01").adding(days: 30 * $0), amount: 5) }
        orders += (1...6).map { Order(customer: $0, day: d("2024-01-01"), amount: 5) }
        let book = CustomerOrderBook(orders, customerCount: 7)
        // Half of 20 is 10, first reached at c = 2: part 1 starts at customer 2.
        #expect((0...2).map { BillingCadenceInference.split(book, customerCount: 7, share: $0, of: 2) } == [0, 2, 7])
        // Thirds (6, 13): first reached at c = 1 (8) and c = 4 (14).
        #expect((0...3).map { BillingCadenceInference.split(book, customerCount: 7, share: $0, of: 3) } == [0, 1, 4, 7])
        // No orders: by customers alone (9 customers, half is 4).
        #expect(BillingCadenceInference.split(CustomerOrderBook([], customerCount: 9), customerCount: 9, share: 1, of: 2) == 4)
    }

    @Test(arguments: [4, 5] as [UInt64])
    func randomOrdersGiveTheSameCadencesOnTwoAndThreeParts(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let orders = (0..<6_000).map { _ in
            Order(customer: Int.random(in: 0..<900, using: &random),
                  day: d("2023-01-01").adding(days: Int.random(in: 0..<600, using: &random)),
                  amount: Double(Int.random(in: -20..<100, using: &random)))
        }
        let book = CustomerOrderBook(orders, customerCount: 900)
        let declared: [BillingCadence?] = (0..<300).map { $0 % 7 == 0 ? .quarterly : nil }
        let one = BillingCadenceInference.infer(orders: book, customerCount: 900, declared: declared,
                                                asOf: d("2024-06-30"), parts: 1)
        #expect(one.cadence.count == 900)
        #expect(one.fromColumn[.quarterly] == (0..<300).filter { $0 % 7 == 0 && !(one.cadence[$0] == nil) }.count)
        for parts in [2, 3] {
            #expect(BillingCadenceInference.infer(orders: book, customerCount: 900, declared: declared,
                                                  asOf: d("2024-06-30"), parts: parts) == one)
        }
    }

    func d(_ text: String) -> Day { Day(iso: text)! }
}

/// SplitMix64: a small seeded generator, so the random orders are the same on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
