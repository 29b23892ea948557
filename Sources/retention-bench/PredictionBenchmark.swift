import Ingest
import Metrics
import Model

/// `retention-bench predict <dir> [as-of]`: loads an export folder and times the purchase models
/// alone (histories, BG/NBD fit, BG/NBD + Gamma-Gamma + per-customer forecasts and CLV) and then
/// the whole metrics stage, which includes the churn model and its backtest.
func predictionBenchmark(directory: String, asOf: Day) {
    var t0 = now()
    let data: Dataset
    do {
        // gen_crm.py writes USD, EUR and GBP amounts.
        var options = IngestOptions()
        options.rates = ["EUR": 1.08, "GBP": 1.27]
        data = try DatasetLoader.load(InputFiles.discover(inDirectory: directory), options: options)
    } catch {
        fail(error.description)
    }
    do {
        print("load: \(data.customers.count) customers, \(data.orders.count) orders, wall \(seconds(now() - t0))")
        t0 = now()
        var byCustomer = [[(day: Day, amount: Double)]](repeating: [], count: data.customers.count)
        for o in data.orders where o.customer >= 0 && o.customer < byCustomer.count { byCustomer[o.customer].append((o.day, o.amount)) }
        var histories: [(CustomerIndex, PurchaseHistory)] = []
        for (c, orders) in byCustomer.enumerated() {
            if let h = PurchaseHistory(orders: orders, asOf: asOf) { histories.append((c, h)) }
        }
        print("histories: \(histories.count) customers, wall \(seconds(now() - t0))")
        t0 = now()
        let fit = try BGNBDModel.fit(histories.map(\.1))
        print("BG/NBD fit: r \(fit.model.r), alpha \(fit.model.alpha), a \(fit.model.a), b \(fit.model.b), "
            + "LL \(fit.logLikelihood), \(fit.iterations) iterations, wall \(seconds(now() - t0))")
        t0 = now()
        let all = try PurchasePrediction.fit(histories, lifetimeValue: CustomerLifetimeValue())
        print("BG/NBD + Gamma-Gamma + forecasts and CLV for every customer: wall \(seconds(now() - t0))"
            + (all.spendProblem.map { " (\($0))" } ?? ""))
        t0 = now()
        let cpu = cpuSeconds()
        let analysis = RetentionAnalysis(dataset: data, configuration: MetricsConfiguration(asOf: asOf))
        let churn = analysis.prediction.churn
        print("whole metrics stage incl. churn model: wall \(seconds(now() - t0)), CPU \(seconds(cpuSeconds().user - cpu.user)); "
            + "churn model: \(churn.map { "\($0.trainingRows) training rows, backtest AUC \($0.backtest?.model.auc ?? .nan) vs health \($0.backtest?.health.auc ?? .nan)" } ?? analysis.prediction.churnProblem ?? "")")
    } catch {
        fail(error.description)
    }
}

private func seconds(_ value: Double) -> String {
    String(Int((value * 1000).rounded())) + " ms"
}
