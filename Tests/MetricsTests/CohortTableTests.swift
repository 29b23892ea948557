import Testing
import Model
@testable import Metrics

@Suite struct CohortTableTests {
    let table = CohortTable(dataset: Fixture.subscriptions, configuration: Fixture.configuration())

    @Test func handWorkedMonthlySubscriptionCohorts() throws {
        // Jan cohort = Ann, Bob, Cat, Hal (4); Feb = Dan, Eve (2); Mar = Fay (1). Gus, Ned never paid.
        #expect(table.rows.map(\.cohort.label) == ["2024-01", "2024-02", "2024-03"])
        #expect(table.rows.map(\.size) == [4, 2, 1])
        // Jan, retained = paying on at least one day of the month (to as-of 03-15):
        //   k0: Ann, Bob, Cat (01-20..01-25), Hal (01-08..01-31)  → 4/4 (first month is 100 %)
        //   k1: Ann, Bob (until 02-20), Hal (back 02-15)           → 3/4
        //   k2: Ann, Hal                                          → 2/4
        let jan = table.rows[0].cells
        #expect(jan.map { $0?.customers } == [4, 3, 2])
        #expect(jan.map { $0?.retention } == [1, 0.75, 0.5])
        // MRR at those ends: 100 + 50 = 150; 100 + 25 = 125; 125. Revenue retention 1, 125/150, 125/150.
        #expect(jan.map { $0?.revenue } == [150, 125, 125])
        #expect(close(jan[1]?.revenueRetention, 125.0 / 150))
        // Feb: k0 Dan, Eve → 2/2 (MRR 80 + 40 = 120); k1 Dan and Eve (paying until 03-10) → 2/2,
        // MRR on as-of 80 + 20 = 100 (Eve's 40 is gone).
        let feb = table.rows[1].cells
        #expect(feb[0]?.customers == 2 && feb[1]?.customers == 2)
        #expect(feb[0]?.revenue == 120 && feb[1]?.revenue == 100)
        #expect(close(feb[1]?.revenueRetention, 100.0 / 120))
        #expect(feb[2] == nil)
        // Mar: Fay, MRR 60; only k0 reached.
        #expect(table.rows[2].cells[0]?.retention == 1)
        #expect(table.rows[2].cells[1] == nil && table.rows[2].cells[2] == nil)
    }

    @Test func summaryIsWeightedByCohortSizeOverCohortsThatReachedK() {
        // k0 = (4 + 2 + 1) / (4 + 2 + 1) = 1; k1 = (3 + 2) / (4 + 2) = 5/6; k2 = 2/4 = 0.5
        #expect(close(table.summary[0], 1))
        #expect(close(table.summary[1], 5.0 / 6))
        #expect(close(table.summary[2], 0.5))
        // Revenue: k1 = (125 + 100) / (150 + 120) = 225/270; k2 = 125/150.
        #expect(close(table.revenueSummary[1], 225.0 / 270))
        #expect(close(table.revenueSummary[2], 125.0 / 150))
    }

    @Test func periodContainingAsOfIsMarkedIncomplete() {
        // 2024-03 has index 2024 × 12 + 2 = 24290; only cells in March are incomplete.
        #expect(table.incompletePeriodIndex == 24290)
        #expect(table.rows[0].cells[2]?.isIncomplete == true)
        #expect(table.rows[0].cells[1]?.isIncomplete == false)
        #expect(table.rows[1].cells[1]?.isIncomplete == true)
        #expect(table.rows[2].cells[0]?.isIncomplete == true)
        // As-of on the last day of its month: nothing incomplete.
        let full = CohortTable(dataset: Fixture.subscriptions, configuration: Fixture.configuration(asOf: d("2024-03-31")))
        #expect(full.incompletePeriodIndex == nil)
        #expect(full.rows.allSatisfy { $0.cells.allSatisfy { $0?.isIncomplete != true } })
    }

    @Test func unboundedRetentionCountsCustomersActiveLater() {
        // Last paying month: Cat January, Bob February, Ann and Hal March. Unbounded Jan cohort:
        // k0 = all 4; k1 = Ann, Bob, Hal = 3; k2 = Ann, Hal = 2. Feb cohort: Eve pays until 03-10.
        let t = CohortTable(dataset: Fixture.subscriptions, configuration: Fixture.configuration(unbounded: true))
        #expect(t.rows[0].cells.map { $0?.customers } == [4, 3, 2])
        #expect(t.rows[1].cells.map { $0?.customers } == [2, 2, nil])
        #expect(t.unbounded)
    }

    @Test func firstPaymentBasisMovesCustomersToTheirFirstPaidPeriod() {
        // A customer signing up in January and first paying in February.
        var data = Fixture.subscriptions
        data.customers.append(Customer(id: "late", signup: d("2024-01-28")))
        data.subscriptions.append(Subscription(id: "l", customer: 9, start: d("2024-02-02"), mrr: 10))
        let bySignup = CohortTable(dataset: data, configuration: Fixture.configuration())
        let byPayment = CohortTable(dataset: data, configuration: Fixture.configuration(basis: .firstPayment))
        #expect(bySignup.rows.map(\.size) == [5, 2, 1])
        #expect(byPayment.rows.map(\.size) == [4, 3, 1])
        // By signup the January cell k0 has 4 of 5 (the late payer pays from February on);
        // by first payment every cohort is 100 % at k0.
        #expect(bySignup.rows[0].cells[0]?.customers == 4)
        #expect(byPayment.rows.allSatisfy { $0.cells[0]?.retention == 1 })
    }

    @Test func emptyCohortsAreRowsWithoutCells() {
        // Weekly cohorts between 2024-01-20 and 2024-02-03 include weeks nobody joined in.
        let t = CohortTable(dataset: Fixture.subscriptions, configuration: Fixture.configuration(.week))
        let empty = t.rows.filter { $0.size == 0 }
        #expect(!empty.isEmpty)
        #expect(empty.allSatisfy { $0.cells.allSatisfy { $0 == nil } })
        #expect(t.customersCounted == 7)
    }

    @Test func emptyDatasetGivesEmptyTable() {
        let t = CohortTable(dataset: Dataset(), configuration: Fixture.configuration())
        #expect(t.rows.isEmpty && t.summary.isEmpty)
    }

    /// The grid's rows (3, 2 and 1 cells for periods 10…12) share one array without spilling
    /// into each other.
    @Test func gridRowsAreATriangleInOneArray() {
        var grid = CohortGrid(first: 10, last: 12)
        // Cohort 11, retained in 11 and 12; revenue 5 in 11…12 and 2 in 12 → ages 0, 1: 5, 7.
        grid.add(CohortMember(customer: 0, cohort: 11, active: [11...12], lastActive: 12, revenue: [(11...12, 5), (12...12, 2)]),
                 unbounded: false, last: 12)
        // Cohort 10, active in 10 and 12 only; unbounded retention counts 10, 11 and 12. Revenue
        // 1 over 10…13, cut at the last period 12.
        grid.add(CohortMember(customer: 1, cohort: 10, active: [10...10, 12...12], lastActive: 12, revenue: [(10...13, 1)]),
                 unbounded: true, last: 12)
        grid.addRetained(2, 0)
        grid.addRevenue(2, 0, 0.5)
        #expect(grid.sizes == [1, 1, 0])
        #expect((0..<3).map { grid.retained(0, $0) } == [1, 1, 1])
        #expect((0..<2).map { grid.retained(1, $0) } == [1, 1])
        #expect(grid.retained(2, 0) == 1)
        #expect((0..<3).map { grid.revenue(0, $0) } == [1, 1, 1])
        #expect((0..<2).map { grid.revenue(1, $0) } == [5, 7])
        #expect(grid.revenue(2, 0) == 0.5)
    }

    /// The whole table and the per-plan tables from one walk are the tables built on their own.
    @Test func wholeAndSegmentTablesFromOneWalk() {
        let ledger = ActivityLedger(dataset: Fixture.subscriptions, configuration: Fixture.configuration())
        let both = CohortTable.withSegments(ledger, attributes: ["plan", "region"])
        #expect(both.whole == table)
        #expect(both.segments.map(\.attribute) == ["plan", "region"])
        // Basic: Bob, Cat, Hal (Jan); retained k0 3 (all three), k1 Bob (to 02-20) and Hal (back
        // 02-15) → 2, k2 Hal → 1. Pro: Ann (Jan), Dan and Eve (Feb). (not set): Fay (Mar).
        let plans = both.segments[0].tables
        #expect(plans.map(\.value) == ["Basic", "Pro", CohortTable.missingSegmentLabel])
        #expect(plans[0].table.rows[0].cells.map { $0?.customers } == [3, 2, 1])
        #expect(plans[1].table.rows.map(\.size) == [1, 2, 0])
        #expect(plans[2].table.rows.map(\.size) == [1])
        // No customer has a region: one table, "(not set)", equal to the whole table.
        #expect(both.segments[1].tables.map(\.value) == [CohortTable.missingSegmentLabel])
        #expect(both.segments[1].tables[0].table == table)
        let separate = CohortTable.bySegments(ledger, attributes: ["plan", "region"])
        #expect(zip(both.segments, separate).allSatisfy { a, b in
            a.attribute == b.attribute && a.tables.map(\.value) == b.tables.map(\.value)
                && zip(a.tables, b.tables).allSatisfy { $0.table == $1.table }
        })
    }

    @Test func segmentTablesSplitByPlan() {
        let tables = Fixture.subscriptions.cohortTables(by: "plan", configuration: Fixture.configuration())
        // Basic: Bob, Cat, Hal (Jan); Pro: Ann (Jan), Dan, Eve (Feb); (not set): Fay.
        #expect(tables.map(\.value) == ["Basic", "Pro", CohortTable.missingSegmentLabel])
        // Rows run from a segment's first cohort through the as-of period, empty ones included.
        #expect(tables[0].table.rows.map(\.size) == [3, 0, 0])
        #expect(tables[1].table.rows.map(\.size) == [1, 2, 0])
        #expect(tables[2].table.rows.map(\.size) == [1])
        #expect(tables.reduce(0) { $0 + $1.table.customersCounted } == 7)
    }

    @Test(arguments: [Granularity.day, .week, .month, .quarter], [1, 2, 3] as [UInt64])
    func cohortSizesSumToCustomersCounted(granularity: Granularity, seed: UInt64) {
        let data = randomSubscriptionDataset(seed: seed)
        let config = Fixture.configuration(granularity, asOf: d("2024-08-20"))
        let ledger = ActivityLedger(dataset: data, configuration: config)
        let table = CohortTable(ledger: ledger)
        let expected = ledger.activity.indices.filter { ledger.cohortDay(of: $0).map { $0 <= config.asOf } ?? false }.count
        #expect(table.customersCounted == expected)
        let last = config.calendar.period(containing: config.asOf).index
        for row in table.rows {
            for (k, cell) in row.cells.enumerated() {
                // Present exactly where the cohort has reached period k, and a share in [0, 1].
                #expect((cell != nil) == (row.size > 0 && row.cohort.index + k <= last))
                if let cell { #expect(cell.retention >= 0 && cell.retention <= 1 && cell.customers <= row.size) }
            }
        }
    }

    @Test func orderCohortsCountOrdersPerPeriod() {
        // Jan cohort = Ivy, Jon; Feb = Kim; Lee never ordered. Months Jan..Apr (Apr incomplete).
        // Jan: k0 both ordered (100 + 50 + 40 = 190); k1 Ivy (70 − 20 = 50); k2, k3 nobody.
        // Feb: k0 Kim (60); k1 nobody; k2 Kim (80) → revenue retention 80/60.
        let t = CohortTable(dataset: Fixture.orders, configuration: Fixture.orderConfiguration())
        #expect(t.model == .orders)
        #expect(t.rows.map(\.size) == [2, 1, 0, 0])
        #expect(t.rows[0].cells.map { $0?.customers } == [2, 1, 0, 0])
        #expect(t.rows[0].cells.map { $0?.revenue } == [190, 50, 0, 0])
        #expect(close(t.rows[0].cells[1]?.revenueRetention, 50.0 / 190))
        #expect(t.rows[1].cells.map { $0?.customers } == [1, 0, 1, nil])
        #expect(close(t.rows[1].cells[2]?.revenueRetention, 80.0 / 60))
        #expect(t.rows[1].cells[2]?.isIncomplete == true)
        // Summary: k0 3/3; k1 (1 + 0)/3; k2 (0 + 1)/3; k3 0/2.
        #expect(t.summary.map { $0 } == [1, 1.0 / 3, 1.0 / 3, 0])
        // Unbounded: Kim's last order is in April, so her k1 counts.
        let u = CohortTable(dataset: Fixture.orders, configuration: Fixture.orderConfiguration(unbounded: true))
        #expect(u.rows[1].cells.map { $0?.customers } == [1, 1, 1, nil])
        #expect(u.rows[0].cells.map { $0?.customers } == [2, 1, 0, 0])
    }

    @Test func cohortAccumulatorStreamsOrdersInAnyOrder() {
        var rng = SeededGenerator(seed: 11)
        var acc = CohortAccumulator(customers: Fixture.orders.customers, configuration: Fixture.orderConfiguration())
        for order in Fixture.orders.orders.shuffled(using: &rng) { acc.add(order) }
        acc.add(Order(customer: 99, day: d("2024-01-01"), amount: 5))  // unknown customer: counted, ignored
        acc.add(Order(customer: 0, day: d("2024-05-01"), amount: 5))   // after as-of: counted, ignored
        #expect(acc.finish() == CohortTable(dataset: Fixture.orders, configuration: Fixture.orderConfiguration()))
        #expect(acc.ledger().ignoredUnknownCustomer == 1 && acc.ledger().ignoredAfterAsOf == 1)
        #expect(acc.finish(by: "plan").map(\.value) == ["A", "B"])
    }
}
