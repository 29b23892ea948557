import Charts
import Metrics
import Model
import Mustache

/// "Who may leave next": the churn model's at-risk list by expected revenue lost, its out-of-time
/// backtest against the health score with a calibration chart, and for order businesses the
/// BG/NBD and Gamma-Gamma forecasts (P(alive) and CLV distributions, CLV by cohort and plan).
struct PredictionSection {
    let analysis: RetentionAnalysis
    let customers: [Customer]
    let options: ReportOptions
    let format: ReportFormatter

    func context() -> MustacheValue? {
        let prediction = analysis.prediction
        var object: [String: MustacheValue] = [:]
        var notes: [String] = []
        if let churn = prediction.churn {
            object.merge(churnContext(churn)) { a, _ in a }
        } else if let problem = prediction.churnProblem {
            notes.append("The churn model could not be fitted (\(problem)).")
        }
        if let purchases = prediction.purchases {
            object.merge(purchaseContext(purchases)) { a, _ in a }
        } else if let problem = prediction.purchasesProblem {
            notes.append("The purchase model could not be fitted (\(problem)).")
        }
        if object.isEmpty && notes.isEmpty { return nil }
        object["notes"] = .list(notes.map { .string($0) })
        return .object(object)
    }

    private func name(_ c: CustomerIndex) -> String {
        customers[c].name.isEmpty ? customers[c].id : customers[c].name
    }

    private func churnContext(_ churn: ChurnModel) -> [String: MustacheValue] {
        var object: [String: MustacheValue] = [:]
        let byHealth = churn.backtest.map { !$0.modelBeatsHealth } ?? false
        let scores = analysis.health.scores
        // Per customer index: the position of the customer's health score in `scores` (-1: none).
        var scorePosition = [Int32](repeating: -1, count: customers.count)
        for i in scores.indices where scores[i].customer < customers.count && scorePosition[scores[i].customer] < 0 {
            scorePosition[scores[i].customer] = Int32(i)
        }
        func healthScore(_ c: CustomerIndex) -> HealthScore? {
            c < scorePosition.count && scorePosition[c] >= 0 ? scores[Int(scorePosition[c])] : nil
        }
        var risks = churn.risks
        if byHealth {
            // The model lost to the health score: rank by health (lowest first), revenue breaking ties.
            risks.sort { a, b in
                let sa = healthScore(a.customer)?.score ?? 101, sb = healthScore(b.customer)?.score ?? 101
                if sa != sb { return sa < sb }
                if a.monthlyRevenue != b.monthlyRevenue { return a.monthlyRevenue > b.monthlyRevenue }
                return a.customer < b.customer
            }
        }
        let expectedLoss = churn.risks.reduce(0) { $0 + $1.expectedRevenueLost }
        object["lede"] = .string(
            "\(format.integer(churn.risks.count)) active customers scored for churn in the next 90 days; "
            + "expected monthly revenue lost: \(format.money(expectedLoss)). "
            + (byHealth ? "In the backtest the model did not beat the health score, so this list is ranked by health (lowest first)."
                        : "Ranked by expected monthly revenue lost (churn probability × monthly revenue)."))
        let shown = risks.prefix(options.atRiskRows)
        object["at_risk"] = TableView(
            caption: "Who may leave next (\(format.integer(shown.count)) of \(format.integer(risks.count)))",
            columns: ["Customer", "Churn probability (90 days)", "Monthly revenue", "Expected revenue lost", "Health",
                      "What raises the probability most"]
                .map { TableView.Column($0, cssClass: $0.hasPrefix("What") ? "text" : "") },
            rows: shown.map { risk in
                let health = healthScore(risk.customer)
                let reasons = churn.reasons(risk)
                return TableView.Row(header: name(risk.customer), cells: [
                    TableView.Cell(format.percent(risk.probability)),
                    TableView.Cell(format.money(risk.monthlyRevenue)),
                    TableView.Cell(format.money(risk.expectedRevenueLost)),
                    TableView.Cell(health.map { format.number($0.score) + " " + $0.status.rawValue } ?? "–",
                                   cssClass: health.map { "status-" + $0.status.rawValue } ?? ""),
                    TableView.Cell(reasons.isEmpty ? "–" : reasons.joined(separator: "; "), cssClass: "text"),
                ])
            }).context
        if let backtest = churn.backtest {
            let m = backtest.model, h = backtest.health
            func opt(_ v: Double?, _ f: (Double) -> String) -> String { v.map(f) ?? "–" }
            let verdict = backtest.modelBeatsHealth
                ? "The model ranked churners better than the health score (AUC \(opt(m.auc) { format.number($0, decimals: 3) }) vs \(opt(h.auc) { format.number($0, decimals: 3) }))."
                : "The model did not rank churners better than the health score (AUC \(opt(m.auc) { format.number($0, decimals: 3) }) vs \(opt(h.auc) { format.number($0, decimals: 3) })); the list above is ranked by health."
            object["backtest_lede"] = .string(
                "Backtest: the \(format.integer(backtest.cases.count)) customers active on \(format.longDate(backtest.monthEnd)), "
                + "scored by a model fitted on \(format.integer(backtest.trainingRows)) rows from month ends at least 90 days earlier, "
                + "against what happened in the 90 days after (\(format.integer(m.positives)) churned). " + verdict)
            let rows: [(String, String, String)] = [
                ("AUC", opt(m.auc) { format.number($0, decimals: 3) }, opt(h.auc) { format.number($0, decimals: 3) }),
                ("Brier score", opt(m.brier) { format.number($0, decimals: 4) }, opt(h.brier) { format.number($0, decimals: 4) }),
                ("Lift in the top 10 %", opt(m.liftTopDecile) { format.number($0, decimals: 2) + "×" },
                 opt(h.liftTopDecile) { format.number($0, decimals: 2) + "×" }),
            ]
            object["backtest"] = TableView(
                caption: "Backtest at \(backtest.monthEnd): model against the health score",
                columns: ["Measure", "Churn model", "Health score"].map { TableView.Column($0) },
                rows: rows.map { TableView.Row(header: $0.0, cells: [TableView.Cell($0.1), TableView.Cell($0.2)]) }).context
            let bins = m.calibration.indices
            let chart = LineChart(
                title: "Calibration: predicted churn probability against churn observed", idPrefix: "calibration",
                categories: bins.map { "\(Int(m.calibration[$0].lower * 100))–\(Int(m.calibration[$0].upper * 100)) %" },
                series: [
                    .init(name: "Perfect calibration (diagonal)", values: bins.map { (m.calibration[$0].lower + m.calibration[$0].upper) / 2 }),
                    .init(name: "Churn model: observed", values: bins.map { m.calibration[$0].observedRate }),
                    .init(name: "Health score: observed", values: bins.map { h.calibration[$0].observedRate }),
                ],
                format: .percent(decimals: 0), categoryTitle: "Predicted probability").render()
            object["calibration"] = ChartView(chart, caption: "Cases per bin, model: "
                + m.calibration.map { format.integer($0.cases) }.joined(separator: ", ")).context
        } else if let problem = churn.backtestProblem {
            object["backtest_lede"] = .string("No backtest: \(problem).")
        }
        return object
    }

    private func purchaseContext(_ p: PurchasePrediction) -> [String: MustacheValue] {
        var object: [String: MustacheValue] = [:]
        let f = p.forecasts, totals = p.totals
        let alive = totals.expectedAlive, next13 = totals.expectedPurchases13Weeks
        let m = p.purchases
        var lede = "BG/NBD on \(format.integer(f.count)) customers with a paid order (r = \(format.number(m.r, decimals: 3)), "
            + "α = \(format.number(m.alpha, decimals: 3)), a = \(format.number(m.a, decimals: 3)), b = \(format.number(m.b, decimals: 3))): "
            + "\(format.number(alive)) expected still alive, \(format.number(next13)) purchases expected in the next 13 weeks."
        if let g = p.spend {
            lede += " Gamma-Gamma on \(format.integer(p.spendCustomers)) repeat buyers (p = \(format.number(g.p, decimals: 2)), "
                + "q = \(format.number(g.q, decimals: 2)), γ = \(format.number(g.v, decimals: 2))): 12-month CLV "
                + "\(format.money(totals.clvTotal ?? 0)) in total at \(format.percent(p.lifetimeValue.grossMargin, decimals: 0)) margin, "
                + "discounted at \(format.percent(p.lifetimeValue.annualDiscountRate, decimals: 0)) a year."
        } else if let problem = p.spendProblem {
            lede += " No CLV: the spend model could not be fitted (\(problem))."
        }
        object["purchases_lede"] = .string(lede)
        // Each forecast is worked out from the model when read: read once, for every chart and table.
        let figures = f.map { ForecastFigures(customer: $0.customer, alive: $0.probabilityAlive, clv: $0.clv12Months) }
        var aliveCounts = [Int](repeating: 0, count: 10)
        for forecast in figures { aliveCounts[min(Int(forecast.alive * 10), 9)] += 1 }
        object["p_alive"] = ChartView(ColumnChart(
            title: "Customers by P(alive)", idPrefix: "p-alive",
            categories: (0..<10).map { "\($0 * 10)–\($0 * 10 + 10) %" },
            series: [.init(name: "Customers", values: aliveCounts.map(Double.init))],
            format: .plain(decimals: 0), categoryTitle: "P(alive)").render()).context
        if let p95 = totals.clv95thPercentile {
            let top = max(p95, 1)
            let width = top / 8
            var counts = [Int](repeating: 0, count: 9)
            for clv in figures.lazy.compactMap(\.clv) {
                let bin: Int = clv >= 8 * width ? 8 : max(0, Int(clv / width))
                counts[min(bin, 8)] += 1
            }
            object["clv_distribution"] = ChartView(ColumnChart(
                title: "Customers by 12-month CLV", idPrefix: "clv",
                categories: (0..<9).map { (bin: Int) -> String in
                    let low: Double = Double(bin) * width
                    return bin == 8 ? "≥ " + format.money(low) : format.money(low) + "–" + format.money(low + width)
                },
                series: [.init(name: "Customers", values: counts.map(Double.init))],
                format: .plain(decimals: 0), categoryTitle: "12-month CLV").render()).context
            // Cohorts are grouped by period index and labelled once per cohort.
            let calendar = analysis.configuration.calendar
            object["clv_by_cohort"] = clvTable(figures, title: "12-month CLV by cohort (first purchase)",
                                               group: { c in analysis.ledger.cohortDay(of: c).map { calendar.index(containing: $0) } },
                                               label: { calendar.period(index: $0).label })
            object["clv_by_plan"] = clvTable(figures, title: "12-month CLV by plan",
                                             group: { c in customers[c].plan ?? "(no plan)" }, label: { $0 })
        }
        return object
    }

    /// CLV per group of customers: `group` gives a customer's group (nil: left out), `label` the
    /// group's row header (one per group); rows sorted by header, sums in forecast order.
    private func clvTable<Group: Hashable>(_ figures: [ForecastFigures], title: String, group: (CustomerIndex) -> Group?,
                                           label: (Group) -> String) -> MustacheValue {
        var groups: [Group: CLVTotals] = [:]
        for f in figures {
            guard let clv = f.clv, let key = group(f.customer) else { continue }
            groups[key, default: CLVTotals()].add(clv: clv, alive: f.alive)
        }
        let labelled = groups.map { (label: label($0.key), totals: $0.value) }.sorted { $0.label < $1.label }
        return TableView(
            caption: title,
            columns: ["Group", "Customers", "Mean P(alive)", "Mean CLV", "Total CLV"].map { TableView.Column($0) },
            rows: labelled.map { key, g in
                TableView.Row(header: key, cells: [
                    TableView.Cell(format.integer(g.n)), TableView.Cell(format.percent(g.alive / Double(g.n))),
                    TableView.Cell(format.money(g.clv / Double(g.n))), TableView.Cell(format.money(g.clv)),
                ])
            }).context
    }
}

/// What the charts and tables read of one customer's forecast: P(alive) and 12-month CLV.
private struct ForecastFigures {
    let customer: CustomerIndex
    let alive: Double
    let clv: Double?
}

/// One row of a CLV table: the group's customer count, Σ 12-month CLV and Σ P(alive), added in
/// forecast order.
private struct CLVTotals {
    var n = 0, clv = 0.0, alive = 0.0

    mutating func add(clv: Double, alive: Double) {
        n += 1
        self.clv += clv
        self.alive += alive
    }
}
