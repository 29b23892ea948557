import Testing
import Model
@testable import Metrics

/// A random order business: orders, refunds, CRM cancellation dates (some after any as-of, some
/// for customers who never ordered), over 2023–2024.
func randomOrderDataset(seed: UInt64, customers n: Int = 80) -> Dataset {
    var rng = SeededGenerator(seed: seed)
    let origin = d("2023-01-01")
    var customers: [Customer] = []
    var orders: [Order] = []
    let reasons = ["price", "budget_cut", ""]
    for i in 0..<n {
        let signup = origin.adding(days: Int.random(in: 0..<600, using: &rng))
        var churn: Day?
        if Int.random(in: 0..<3, using: &rng) == 0 { churn = signup.adding(days: Int.random(in: 0..<500, using: &rng)) }
        customers.append(Customer(id: "c\(i)", signup: signup, plan: ["A", "B"][Int.random(in: 0..<2, using: &rng)],
                                  churnDate: churn, churnReason: reasons[Int.random(in: 0..<3, using: &rng)],
                                  churnKind: [ChurnKind.voluntary, .involuntary, nil][Int.random(in: 0..<3, using: &rng)]))
        var day = signup.adding(days: Int.random(in: 0..<60, using: &rng))
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let cents = Int.random(in: -2_000...20_000, using: &rng)
            orders.append(Order(customer: i, day: day, amount: Double(cents) / 100))
            day = day.adding(days: Int.random(in: 0..<150, using: &rng))
        }
    }
    return Dataset(customers: customers, orders: orders)
}

/// Properties every dataset satisfies, checked on random subscription and order businesses,
/// at random as-of dates, under both cohort bases and every calendar.
@Suite struct MetricInvariantTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6]
    static let calendars: [Granularity] = [.month, .week, .quarter, .month, .day, .month]

    static func configurations(seed: UInt64, _ g: Granularity) -> [MetricsConfiguration] {
        var rng = SeededGenerator(seed: seed &* 31)
        let asOf = d("2023-03-01").adding(days: Int.random(in: 0..<700, using: &rng))
        return CohortBasis.allCases.flatMap { basis in
            [false, true].map { unbounded in
                MetricsConfiguration(asOf: asOf, calendar: PeriodCalendar(g), cohortBasis: basis,
                                     unboundedRetention: unbounded, inactivityDays: 45)
            }
        }
    }

    static func datasets(seed: UInt64) -> [Dataset] {
        [randomSubscriptionDataset(seed: seed), randomOrderDataset(seed: seed)]
    }

    @Test(arguments: zip(seeds, calendars))
    func cohortSizesSumToPayingCustomersAndFirstPeriodIsFull(seed: UInt64, granularity: Granularity) {
        for data in Self.datasets(seed: seed) {
            for c in Self.configurations(seed: seed, granularity) {
                let l = ActivityLedger(dataset: data, configuration: c)
                let table = CohortTable(ledger: l)
                let paid = l.activity.indices.filter { l.activity[$0] != nil }
                switch c.cohortBasis {
                case .firstPayment:
                    // Every customer who paid by as-of, once; k = 0 is 100 % in every cohort.
                    #expect(table.customersCounted == paid.count)
                    for row in table.rows where row.size > 0 { #expect(row.cells[0]?.customers == row.size) }
                case .signup:
                    #expect(table.customersCounted == paid.filter { data.customers[$0].signup <= c.asOf }.count)
                }
                // Never paid: signed up by as-of and no paid activity.
                #expect(l.neverPaid == data.customers.indices.filter {
                    data.customers[$0].signup <= c.asOf && l.activity[$0] == nil
                }.count)
                for row in table.rows {
                    for case let cell? in row.cells { #expect(cell.customers >= 0 && cell.customers <= row.size) }
                }
                // Survival subjects are the customers in cohorts (less those whose churn precedes
                // their signup under the signup basis, counted in `excluded`).
                let km = KaplanMeierCurve(ledger: l)
                #expect(km.subjects + km.excluded == table.customersCounted)
                if c.cohortBasis == .firstPayment { #expect(km.excluded == 0) }
            }
        }
    }

    @Test(arguments: zip(seeds, calendars))
    func churnFlowsAddUpInEveryPeriod(seed: UInt64, granularity: Granularity) {
        for data in Self.datasets(seed: seed) {
            for c in Self.configurations(seed: seed, granularity) where !c.unboundedRetention {
                let l = ActivityLedger(dataset: data, configuration: c)
                let periods = ChurnSeries(ledger: l).periods
                for p in periods {
                    // E = S − churned + joined + reactivated; rate + CRR = 1.
                    #expect(p.customersAtEnd == p.customersAtStart - p.churned + p.joined + p.reactivated,
                            "\(p.period.label)")
                    #expect(p.churned <= p.customersAtStart && p.voluntary + p.involuntary <= p.churned)
                    if let rate = p.churnRate, let crr = p.retentionRate { #expect(abs(rate + crr - 1) <= 1e-15) }
                    // Brute force from the ledger: S and E by asking every customer.
                    let before = p.period.start.adding(days: -1)
                    let end = min(p.period.end.adding(days: -1), c.asOf)
                    #expect(p.customersAtStart == l.activity.filter { $0?.isActive(on: before) == true }.count)
                    #expect(p.customersAtEnd == l.activity.filter { $0?.isActive(on: end) == true }.count)
                }
                for (a, b) in zip(periods, periods.dropFirst()) { #expect(a.customersAtEnd == b.customersAtStart) }
            }
        }
    }

    @Test(arguments: zip(seeds, calendars))
    func mrrBridgeReconciles(seed: UInt64, granularity: Granularity) {
        let data = randomSubscriptionDataset(seed: seed)
        for c in Self.configurations(seed: seed, granularity) where !c.unboundedRetention {
            let bridge = MRRBridge(ledger: ActivityLedger(dataset: data, configuration: c))
            #expect(bridge.reconciles)
            for p in bridge.periods {
                #expect(abs(p.start + p.new + p.expansion + p.reactivation - p.contraction - p.churn - p.end) < 0.005)
            }
        }
    }
}
