import Testing
import Model
@testable import Metrics

@Suite struct OrderCohortStreamTests {
    @Test func streamedOrdersGiveTheSameCohortsAsTheDataset() {
        // Three customers, orders out of order, one refund: A (Jan, Feb, Mar), B (Feb, Apr), C (Mar).
        let orders: [(String, String, Double)] = [
            ("B", "2026-04-02", 50), ("A", "2026-01-10", 100), ("A", "2026-02-10", 100), ("C", "2026-03-05", 30),
            ("B", "2026-02-20", 50), ("A", "2026-03-10", 100), ("A", "2026-03-11", -20),
        ]
        let configuration = MetricsConfiguration(asOf: Day(iso: "2026-04-30")!, cohortBasis: .firstPayment)
        var stream = OrderCohortStream(configuration: configuration)
        for (id, day, amount) in orders { stream.add(customerID: id, day: Day(iso: day)!, amount: amount) }
        #expect(stream.customerCount == 3)

        // The same orders as a Dataset whose customers signed up on their first order day.
        let ids = ["B", "A", "C"]
        let firsts = ["2026-02-20", "2026-01-10", "2026-03-05"]
        let dataset = Dataset(
            customers: ids.indices.map { Customer(id: ids[$0], signup: Day(iso: firsts[$0])!) },
            orders: orders.map { Order(customer: ids.firstIndex(of: $0.0)!, day: Day(iso: $0.1)!, amount: $0.2) })
        let expected = CohortTable(dataset: dataset, configuration: configuration)
        let streamed = stream.finish()
        #expect(streamed.rows.map(\.cohort.label) == expected.rows.map(\.cohort.label))
        #expect(streamed.rows.map(\.size) == expected.rows.map(\.size))
        #expect(streamed.summary == expected.summary)
        // Cohort 2026-01 is A alone: ordered in Jan, Feb, Mar, not Apr → 1, 1, 1, 0.
        #expect(streamed.rows.first?.cells.map { $0?.retention } == [1, 1, 1, 0])
        // Its revenue in March is 100 − 20 = 80: revenue retention 0.8.
        #expect(streamed.rows.first?.cells[2]?.revenueRetention == 0.8)
    }
}
