import Testing
import Model
@testable import Metrics

/// The compact per-customer storage of health: the evidence's orders (the dataset's order book,
/// shared) and the reasons kept as facts and written when read.
@Suite struct CompactHealthStorageTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    @Test func evidenceReadsTheSameOrdersAsTheDatasetHolds() {
        let customers = [Customer(id: "a", signup: Self.day("2023-01-01")), Customer(id: "b", signup: Self.day("2023-01-01"))]
        let orders = [
            Order(customer: 1, day: Self.day("2024-02-10"), amount: 30),
            Order(customer: 0, day: Self.day("2024-02-01"), amount: 10),
            Order(customer: 1, day: Self.day("2024-01-10"), amount: 20),
            Order(customer: 1, day: Self.day("2024-02-10"), amount: -30),
        ]
        let evidence = HealthEvidence(Dataset(customers: customers, orders: orders))
        #expect(evidence.orders(of: 0) == [orders[1]])
        #expect(evidence.orders(of: 1) == [orders[0], orders[2], orders[3]])
        // Paid days: positive orders only, ascending, each once: customer 1 paid on 01-10 and 02-10.
        #expect(Array(evidence.records[1].paidDays) == [Self.day("2024-01-10"), Self.day("2024-02-10")])
        // A walk derives them into one reused buffer when it begins a customer; records taken
        // from it earlier keep their own days (the buffer is not written while they share it).
        var walk = HealthWalk(evidence: evidence, health: HealthConfiguration(), calendar: PeriodCalendar(.month))
        walk.begin(1)
        let first = walk.records
        walk.begin(0)
        #expect(Array(walk.records.paidDays) == [Self.day("2024-02-01")])
        #expect(Array(first.paidDays) == [Self.day("2024-01-10"), Self.day("2024-02-10")])
    }

    /// Every sentence, as the signals wrote it before the facts were kept instead.
    @Test func reasonsAreWrittenFromTheirFacts() {
        let d = Self.day("2024-03-02"), then = Self.day("2023-12-02")
        #expect(HealthReason.unexplained.text == "")
        #expect(HealthReason.nps(score: 4, day: d).text == "latest NPS 4 (detractor) on 2024-03-02")
        #expect(HealthReason.nps(score: 7, day: d).text == "latest NPS 7 (passive) on 2024-03-02")
        #expect(HealthReason.nps(score: 9, day: d).text == "latest NPS 9 (promoter) on 2024-03-02")
        #expect(HealthReason.csat(score: 3, day: d).text == "latest CSAT 3 of 5 on 2024-03-02")
        #expect(HealthReason.rating(good: true, day: d).text == "latest rating good on 2024-03-02")
        #expect(HealthReason.rating(good: false, day: d).text == "latest rating bad on 2024-03-02")
        #expect(HealthReason.openTickets(0).text == "no open tickets")
        #expect(HealthReason.openTickets(1).text == "1 open ticket")
        #expect(HealthReason.openTickets(3).text == "3 open tickets")
        #expect(HealthReason.overdueTickets(0).text == "no overdue tickets")
        #expect(HealthReason.overdueTickets(2).text == "2 tickets open beyond the resolution target")
        // 950 ÷ 1000 − 1 = −5.0 %; before 0 with MRR now is new revenue.
        #expect(HealthReason.mrrTrend(now: 950, before: 1000, on: d, then: then).text
                == "MRR 950.00 on 2024-03-02 vs 1000.00 on 2023-12-02 (−5.0 %)")
        #expect(HealthReason.mrrTrend(now: 99.5, before: 0, on: d, then: then).text
                == "MRR 99.50 on 2024-03-02 vs 0.00 on 2023-12-02 (new revenue)")
        // 150 ÷ 120 − 1 = +25.0 %.
        #expect(HealthReason.revenueTrend(recent: 150, previous: 120, days: 90).text
                == "revenue 150.00 in the last 90 days vs 120.00 in the 90 before (+25.0 %)")
        #expect(HealthReason.revenueTrend(recent: 0.005, previous: -3, days: 30).text
                == "revenue 0.01 in the last 30 days vs −3.00 in the 30 before (new revenue)")
        #expect(HealthReason.login(daysAgo: 0).text == "last login today")
        #expect(HealthReason.login(daysAgo: 1).text == "last login 1 day ago")
        #expect(HealthReason.lastOrder(daysAgo: 11, usualGap: 30).text == "last order 11 days ago; usually every 30 days")
        // A median gap of 22.5 days shows one decimal.
        #expect(HealthReason.lastOrder(daysAgo: 0, usualGap: 22.5).text == "last order today; usually every 22.5 days")
        #expect(HealthReason.tenure(days: 1).text == "customer for 1 day")
        #expect(HealthReason.tenure(days: 400).text == "customer for 400 days")
    }

    @Test func contributionsKeepExactlyTheRulesThatApplied() {
        // One customer with one order and nothing else: revenue trend (new revenue) and tenure
        // apply; NPS, CSAT, tickets and recency (one paid day) have no data.
        let customers = [Customer(id: "a", signup: Self.day("2024-01-01"))]
        let orders = [Order(customer: 0, day: Self.day("2024-03-01"), amount: 40)]
        let evidence = HealthEvidence(Dataset(customers: customers, orders: orders))
        let score = HealthReport.score(of: 0, evidence: evidence, asOf: Self.day("2024-03-31"),
                                       calendar: PeriodCalendar(.month), health: HealthConfiguration(),
                                       revenueAtRisk: 0, explain: true)!
        #expect(score.contributions.map(\.rule) == ["Revenue trend", "Tenure"])
        // Not the room reserved for all seven rules.
        #expect(score.contributions.capacity < HealthConfiguration.defaultRules.count)
        #expect(score.contributions[0].reason == "revenue 40.00 in the last 90 days vs 0.00 in the 90 before (new revenue)")
        // 2024-01-01 → 2024-03-31: 90 days.
        #expect(score.contributions[1].reason == "customer for 90 days")
    }

    @Test func theEvidenceSharesTheDatasetsOrderBookAndTheAnalysisLeavesTheCallersIntact() {
        let customers = [Customer(id: "a", signup: Self.day("2024-01-01"))]
        let dataset = Dataset(customers: customers, orders: [Order(customer: 0, day: Self.day("2024-03-01"), amount: 40)])
        #expect(HealthEvidence(dataset).orders == dataset.orders)
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.day("2024-03-31")))
        // The caller's copy is untouched, and the order metrics are there: one paid order of 40.
        #expect(dataset.orders.count == 1)
        #expect(analysis.orders?.paidOrders == 1 && analysis.orders?.paidRevenue == 40)
        // The ledger's order rows were read by the order metrics, then released.
        #expect(analysis.ledger.orders.isEmpty)
        #expect(ActivityLedger(dataset: dataset, configuration: analysis.configuration).orders[0].paidAmount == 40)
    }
}
