import Testing
import Model
@testable import Metrics

/// The compact stores of the prediction stage: first-seen numbering instead of dictionaries,
/// optional columns as values and flags, and the order histories filled in place.
@Suite struct CompactPredictionStorageTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// "b a b c a": b is first seen at 0, a at 1, c at 3, so the numbers are 0 1 0 2 1.
    @Test func valuesAreNumberedInFirstSeenOrder() {
        var numbering = FirstSeenNumbering<String>(capacity: 5)
        let numbers = ["b", "a", "b", "c", "a"].map { numbering.number(of: $0) }
        #expect(numbers.map(\.number) == [0, 1, 0, 2, 1])
        #expect(numbers.map(\.isNew) == [true, true, false, true, false])
        #expect(numbering.values == ["b", "a", "c"])
    }

    /// 3,000 values with 1,000 distinct ones (v × 7 mod 1,000, so every value comes back three
    /// times in a scrambled order) in a table sized for 1,000: the same numbers as a dictionary
    /// that numbers each value when first seen.
    /// Filled to its capacity (8 values: a table of 16 slots, half full), a numbering still
    /// answers look-ups of the values it holds: "a" is number 0 and not new.
    @Test func aFullNumberingStillFindsItsValues() {
        var numbering = FirstSeenNumbering<String>(capacity: 8)
        for (k, v) in ["a", "b", "c", "d", "e", "f", "g", "h"].enumerated() {
            #expect(numbering.number(of: v) == (Int32(k), true))
        }
        #expect(numbering.number(of: "a") == (0, false))
        #expect(numbering.number(of: "h") == (7, false))
        #expect(numbering.values == ["a", "b", "c", "d", "e", "f", "g", "h"])
    }

    @Test func manyValuesAreNumberedAsADictionaryWould() {
        var numbering = FirstSeenNumbering<Int>(capacity: 1_000)
        var reference: [Int: Int32] = [:]
        var order: [Int] = []
        for v in 0..<3_000 {
            let value = v * 7 % 1_000
            let expected = reference[value] ?? {
                reference[value] = Int32(reference.count)
                order.append(value)
                return Int32(reference.count - 1)
            }()
            #expect(numbering.number(of: value).number == expected)
        }
        #expect(numbering.values == order && order.count == 1_000)
    }

    /// Values where the flag is on, nil where it is off (a stored 0 with the flag off stays nil).
    @Test func optionalColumnReadsNilWhereTheFlagIsOff() {
        let column = OptionalDoubles(values: [1.5, 0, -2], present: [true, false, true])
        #expect(Array(column) == [1.5, nil, -2])
        #expect(column.count == 3 && column[1] == nil && column[2] == -2)
    }

    /// Four customers, as-of 2024-03-01:
    /// - 0: 10 + 5 on 01-01, 20 on 01-15, 30 on 02-01: three purchase days, x = 2, tₓ = 31 days
    ///   (01-01 → 02-01), T = 60 days (31 in January + 29 in February 2024), repeat spend 20 + 30 = 50;
    /// - 1: no orders; 2: a refund and an order after as-of only: no history;
    /// - 3: 7 on 02-20 listed before 3 on 02-10: x = 1, tₓ = 10, T = 20 (02-10 → 03-01), repeat spend 7.
    @Test func historiesAreThoseOfTheCustomersWithAPaidOrder() {
        let customers = (0..<4).map { Customer(id: "c\($0)", signup: Self.day("2023-06-01")) }
        let orders = [
            Order(customer: 0, day: Self.day("2024-01-01"), amount: 10),
            Order(customer: 3, day: Self.day("2024-02-20"), amount: 7),
            Order(customer: 0, day: Self.day("2024-01-01"), amount: 5),
            Order(customer: 2, day: Self.day("2024-01-10"), amount: -5),
            Order(customer: 0, day: Self.day("2024-01-15"), amount: 20),
            Order(customer: 2, day: Self.day("2024-04-01"), amount: 40),
            Order(customer: 3, day: Self.day("2024-02-10"), amount: 3),
            Order(customer: 0, day: Self.day("2024-02-01"), amount: 30),
        ]
        let all = PurchaseHistory.all(HealthEvidence(Dataset(customers: customers, orders: orders)), asOf: Self.day("2024-03-01"))
        #expect(all.customers == [0, 3])
        #expect(all.histories == [PurchaseHistory(x: 2, txDays: 31, tDays: 60, repeatSpend: 50),
                                  PurchaseHistory(x: 1, txDays: 10, tDays: 20, repeatSpend: 7)])
    }

    /// 6,000 customers (enough for the work to be cut into ranges), every third without an order:
    /// the histories squeezed together equal each customer's history built on its own.
    @Test func historiesFilledInPlaceEqualThePerCustomerOnes() {
        let asOf = Self.day("2024-12-31")
        let customers = (0..<6_000).map { Customer(id: "c\($0)", signup: Self.day("2022-01-01")) }
        var orders: [Order] = []
        for c in 0..<6_000 where c % 3 != 0 {
            for k in 0..<(c % 5 + 1) {
                orders.append(Order(customer: c, day: Self.day("2023-01-01").adding(days: (c * 13 + k * 41) % 700),
                                    amount: Double(c % 17 + k)))
            }
        }
        let all = PurchaseHistory.all(HealthEvidence(Dataset(customers: customers, orders: orders)), asOf: asOf)
        var expectedCustomers: [CustomerIndex] = [], expectedHistories: [PurchaseHistory] = []
        var own = [[(day: Day, amount: Double)]](repeating: [], count: 6_000)
        for o in orders { own[o.customer].append((o.day, o.amount)) }
        for c in 0..<6_000 {
            if let h = PurchaseHistory(orders: own[c], asOf: asOf) {
                expectedCustomers.append(c)
                expectedHistories.append(h)
            }
        }
        // Customers with c % 17 == 0 and k == 0 have a 0 amount on their first order; the rest pay.
        #expect(expectedCustomers.count > 3_900 && expectedCustomers.first == 1)
        #expect(all.customers.map { Int($0) } == expectedCustomers)
        #expect(all.histories == expectedHistories)
        // Moved down in place, not copied: the arrays keep the 6,000 slots' capacity (the
        // allocator may round a block up by a few bytes); the ~2,000 slots of customers without a
        // history past the end were never written or hold moved-out entries.
        #expect(all.customers.capacity >= 6_000 && all.customers.capacity < 6_000 + 16)
        #expect(all.histories.capacity >= 6_000 && all.histories.capacity < 6_000 + 4)
    }
}
