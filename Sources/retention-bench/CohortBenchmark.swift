import Ingest
import Metrics
import Model

/// `retention-bench cohorts <path> [as-of]`: ingest + cohort aggregation of an orders file in
/// O(customers) memory: two streaming passes (`OrderStream` → `TwoPassOrderCohorts`), customer
/// ids interned once into dense indexes.
func cohortBenchmark(path: String, asOf: Day) {
    let before = cpuSeconds()
    let t0 = now()
    do {
        let stream = try OrderStream(path: path, options: IngestOptions(), computeSHA256: false)
        var cohorts = TwoPassOrderCohorts(configuration: MetricsConfiguration(asOf: asOf, cohortBasis: .firstPayment))
        var index: [String: Int] = [:]
        let first = try stream.forEachOrder { order in
            let id = String(decoding: order.customerID, as: UTF8.self)
            let customer: Int
            if let known = index[id] {
                customer = known
            } else {
                customer = index.count
                index[id] = customer
            }
            cohorts.observe(customer: customer, day: order.day, amount: order.amount)
            return .use
        }
        cohorts.startSecondPass()
        _ = try stream.forEachOrder { order in
            if let customer = index[String(decoding: order.customerID, as: UTF8.self)] {
                cohorts.add(customer: customer, day: order.day, amount: order.amount)
            }
            return .use
        }
        let table = cohorts.table()
        let newest = table.rows.last { $0.size > 0 }
        report("cohorts (2 passes)", path: path, rows: first.accounting.rowsRead, wall: now() - t0, before: before,
               extra: ", \(cohorts.customerCount) customers in \(table.rows.count) cohorts, k = 1 retention "
                + (table.summary.count > 1 ? table.summary[1].map { String(Int(($0 * 1000).rounded())) + "‰" } ?? "-" : "-")
                + (newest.map { ", newest \($0.cohort.label) of \($0.size)" } ?? ""))
    } catch {
        fail(error.description)
    }
}
