import Testing
import Model
@testable import Metrics

/// The two-pass, O(customers) cohort aggregation gives the same table as the dataset path.
@Suite struct TwoPassOrderCohortsTests {
    /// Seeded orders: `customers` customers, orders over 2025–2026 in random order, 5 % refunds.
    static func orders(seed: UInt64, customers: Int, count: Int) -> [Order] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let start = Day(iso: "2025-01-01")!
        return (0..<count).map { _ in
            let amount = Double(next() % 20_000) / 100 + 1
            return Order(customer: Int(next() % UInt64(customers)), day: start.adding(days: Int(next() % 700)),
                         amount: next() % 20 == 0 ? -amount : amount)
        }
    }

    static func twoPass(_ orders: [Order], _ configuration: MetricsConfiguration) -> CohortTable {
        var cohorts = TwoPassOrderCohorts(configuration: configuration)
        for o in orders { cohorts.observe(customer: o.customer, day: o.day, amount: o.amount) }
        cohorts.startSecondPass()
        for o in orders { cohorts.add(customer: o.customer, day: o.day, amount: o.amount) }
        return cohorts.table()
    }

    /// Customers created from the orders: signup on their first order day (the ingest rule).
    static func dataset(_ orders: [Order], customers: Int) -> Dataset {
        var first: [Day?] = Array(repeating: nil, count: customers)
        for o in orders where first[o.customer].map({ o.day < $0 }) ?? true { first[o.customer] = o.day }
        return Dataset(customers: (0..<customers).map { Customer(id: "C\($0)", signup: first[$0] ?? Day(iso: "2025-01-01")!) },
                       orders: orders)
    }

    @Test(arguments: [(Granularity.month, false, UInt64(1)), (.month, true, 2), (.week, false, 3), (.quarter, false, 4)])
    func matchesTheDatasetPath(granularity: Granularity, unbounded: Bool, seed: UInt64) {
        let orders = Self.orders(seed: seed, customers: 60, count: 900)
        let configuration = MetricsConfiguration(asOf: Day(iso: "2026-09-15")!, calendar: PeriodCalendar(granularity),
                                                 cohortBasis: .firstPayment, unboundedRetention: unbounded)
        let expected = CohortTable(dataset: Self.dataset(orders, customers: 60), configuration: configuration)
        let actual = Self.twoPass(orders, configuration)
        #expect(actual.rows.count == expected.rows.count)
        #expect(actual.rows.map(\.size) == expected.rows.map(\.size))
        #expect(actual.summary == expected.summary)
        for (a, e) in zip(actual.rows, expected.rows) {
            #expect(a.cells.map { $0?.customers } == e.cells.map { $0?.customers })
            #expect(a.cells.map { $0?.isIncomplete } == e.cells.map { $0?.isIncomplete })
            for (x, y) in zip(a.cells, e.cells) {
                #expect(abs((x?.revenue ?? 0) - (y?.revenue ?? 0)) < 1e-6)
            }
        }
    }

    @Test func handWorkedThreeCustomers() {
        // A: Jan, Feb, Mar (+ a −20 refund in Mar); B: Feb, Apr; C: only a refund (never a customer).
        let day = { (s: String) in Day(iso: s)! }
        let orders = [Order(customer: 1, day: day("2026-04-02"), amount: 50), Order(customer: 0, day: day("2026-01-10"), amount: 100),
                      Order(customer: 0, day: day("2026-02-10"), amount: 100), Order(customer: 2, day: day("2026-03-05"), amount: -30),
                      Order(customer: 1, day: day("2026-02-20"), amount: 50), Order(customer: 0, day: day("2026-03-10"), amount: 100),
                      Order(customer: 0, day: day("2026-03-11"), amount: -20)]
        let table = Self.twoPass(orders, MetricsConfiguration(asOf: day("2026-04-30"), cohortBasis: .firstPayment))
        #expect(table.rows.map(\.cohort.label) == ["2026-01", "2026-02", "2026-03", "2026-04"])
        #expect(table.rows.map(\.size) == [1, 1, 0, 0])
        // Cohort 2026-01 (A): orders in k = 0, 1, 2, none in k = 3 → 1, 1, 1, 0; March revenue 100 − 20 = 80.
        #expect(table.rows[0].cells.map { $0?.retention } == [1, 1, 1, 0])
        #expect(table.rows[0].cells[2]?.revenueRetention == 0.8)
        // Cohort 2026-02 (B): Feb yes, Mar no, Apr yes → 1, 0, 1.
        #expect(table.rows[1].cells.map { $0?.retention } == [1, 0, 1, nil])
        // Age 1 summary: A retained, B not → 1 of 2.
        #expect(table.summary[1] == 0.5)
    }
}
