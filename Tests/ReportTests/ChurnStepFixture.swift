import Metrics
import Model

/// 100 customers paying $100 a month since 2025-01-01; in September 2026 `septemberChurn` of them
/// cancel ("Price"), in October 2026 `octoberChurn` more (the first five for "Price", the rest
/// "Switched to competitor"). As of 2026-11-15, October is the latest complete month.
enum ChurnStepFixture {
    static let asOf = Day(iso: "2026-11-15")!

    static func dataset(septemberChurn: Int, octoberChurn: Int) -> Dataset {
        var customers: [Customer] = []
        var subscriptions: [Subscription] = []
        let start = Day(iso: "2025-01-01")!
        for i in 0..<100 {
            var end: Day?
            var reason: String?
            if i < septemberChurn {
                end = Day(iso: "2026-09-10")!
                reason = "Price"
            } else if i < septemberChurn + octoberChurn {
                end = Day(iso: "2026-10-10")!
                reason = i - septemberChurn < 5 ? "Price" : "Switched to competitor"
            }
            customers.append(Customer(id: "C\(i)", name: "Customer \(i)", signup: start, plan: "Growth",
                                      churnDate: end, churnReason: reason, churnKind: end == nil ? nil : .voluntary))
            subscriptions.append(Subscription(id: "S\(i)", customer: i, start: start, end: end, mrr: 100))
        }
        return Dataset(customers: customers, subscriptions: subscriptions, currency: "USD")
    }

    static func analysis(septemberChurn: Int, octoberChurn: Int) -> (RetentionAnalysis, Dataset) {
        let dataset = dataset(septemberChurn: septemberChurn, octoberChurn: octoberChurn)
        let configuration = MetricsConfiguration(asOf: asOf, cohortBasis: .signup)
        return (RetentionAnalysis(dataset: dataset, configuration: configuration), dataset)
    }
}
