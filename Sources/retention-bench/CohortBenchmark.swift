import Ingest
import Metrics
import Model

/// `retention-bench cohorts <path> [as-of]`: ingest + cohort aggregation in one streaming pass.
/// Orders are decoded by `OrderStream` and handed straight to `OrderCohortStream`, which keeps
/// O(customers × active days), so peak memory does not grow with the number of rows.
func cohortBenchmark(path: String, asOf: Day) {
    let before = cpuSeconds()
    let t0 = now()
    do {
        let stream = try OrderStream(path: path, options: IngestOptions(), computeSHA256: false)
        var cohorts = OrderCohortStream(configuration: MetricsConfiguration(asOf: asOf, cohortBasis: .firstPayment))
        let result = try stream.forEachOrder { order in
            cohorts.add(customerID: String(decoding: order.customerID, as: UTF8.self), day: order.day, amount: order.amount)
            return .use
        }
        let table = cohorts.finish()
        let latest = table.rows.last { $0.size > 0 }
        report("cohorts x1", path: path, rows: result.accounting.rowsRead, wall: now() - t0, before: before,
               extra: ", \(cohorts.customerCount) customers in \(table.rows.count) cohorts"
                + (latest.map { ", newest \($0.cohort.label) of \($0.size)" } ?? ""))
    } catch {
        fail(error.description)
    }
}
