import Charts
import Metrics
import Model
import Mustache

/// Churn: the logo churn trend with 95 % Wilson bands, churn reasons (Pareto), churn by segment
/// with Wilson intervals, and the Kaplan–Meier survival curve.
struct ChurnSection {
    let analysis: RetentionAnalysis
    let periods: ReportPeriods
    let format: ReportFormatter
    let granularityWord: String

    func context() -> MustacheValue? {
        let byIndex = Dictionary(analysis.churn.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
        let window = periods.trend.compactMap { byIndex[$0.index] }
        guard !window.isEmpty else { return nil }
        var object: [String: MustacheValue] = ["trend": ChartView(trendChart(window)).context]
        let churned = window.reduce(0) { $0 + $1.churned }
        let voluntary = window.reduce(0) { $0 + $1.voluntary }
        let involuntary = window.reduce(0) { $0 + $1.involuntary }
        var summary = "\(format.integer(churned)) customers churned over the last \(window.count) complete "
            + "\(granularityWord)s"
        if voluntary + involuntary > 0 {
            summary += " (\(format.integer(voluntary)) voluntary, \(format.integer(involuntary)) involuntary"
                + (churned - voluntary - involuntary > 0 ? ", \(format.integer(churned - voluntary - involuntary)) unknown" : "")
                + ")"
        }
        summary += ". Churn rate = customers lost in the \(granularityWord) ÷ customers active at its start; "
            + "shaded bands are 95 % Wilson intervals, hollow points have fewer than 30 customers at start."
        object["summary"] = .string(summary)
        object["flows"] = flowsTable(window).context
        if let reasons = reasonsContext() { object["reasons"] = reasons }
        if let segments = segmentsContext() { object["segments"] = segments }
        if let survival = survivalContext() { object["survival"] = survival }
        return .object(object)
    }

    /// Customers at start − churned + joined + reactivated = customers at end, per period.
    private func flowsTable(_ window: [ChurnPeriod]) -> TableView {
        TableView(
            caption: "Customer flows per \(granularityWord): at start − churned + joined + reactivated = at end; "
                + "churn rate + retention rate = 100 %",
            columns: ["Period", "At start", "Churned", "Joined", "Reactivated", "At end", "Churn rate", "Retention rate"]
                .map { TableView.Column($0) },
            rows: window.map { p in
                TableView.Row(header: p.period.label, cells: [
                    TableView.Cell(format.integer(p.customersAtStart)), TableView.Cell(format.integer(p.churned)),
                    TableView.Cell(format.integer(p.joined)), TableView.Cell(format.integer(p.reactivated)),
                    TableView.Cell(format.integer(p.customersAtEnd)),
                    TableView.Cell(p.churnRate.map { format.percent($0) } ?? "–"),
                    TableView.Cell(p.retentionRate.map { format.percent($0) } ?? "–"),
                ])
            })
    }

    private func trendChart(_ window: [ChurnPeriod]) -> ChartOutput {
        let intervals = window.map { p -> Interval? in
            guard p.customersAtStart > 0 else { return nil }
            let w = WilsonInterval(successes: p.churned, trials: p.customersAtStart)
            return Interval(lower: w.lower, upper: w.upper)
        }
        return LineChart(
            title: "Logo churn rate per \(granularityWord)", idPrefix: "churn-trend", categories: window.map(\.period.label),
            series: [LineChart.Series(name: "Logo churn", values: window.map(\.churnRate), band: intervals,
                                      smallSample: window.map { $0.customersAtStart < 30 })],
            format: .percent(decimals: 1)).render()
    }

    private func reasonsContext() -> MustacheValue? {
        let reasons = analysis.churnReasons
        guard reasons.total > 0 else { return nil }
        let chart = ParetoChart(title: "Churn reasons, last \(reasons.window.count) \(granularityWord)s",
                                idPrefix: "churn-reasons",
                                items: reasons.rows.map { ParetoChart.Item(label: $0.reason, value: Double($0.count)) },
                                format: .plain(decimals: 0), itemTitle: "Reason",
                                valueTitle: "Customers").render()
        let hasMRR = reasons.rows.contains { $0.mrrLost != 0 }
        let table = TableView(
            caption: "Churn reasons, \(reasons.window.first?.label ?? "") to \(reasons.window.last?.label ?? "")",
            columns: [TableView.Column("Reason"), TableView.Column("Customers"), TableView.Column("Share")]
                + (hasMRR ? [TableView.Column("MRR lost")] : []),
            rows: reasons.rows.map { row in
                TableView.Row(header: row.reason,
                              cells: [TableView.Cell(format.integer(row.count)), TableView.Cell(format.percent(row.share))]
                                + (hasMRR ? [TableView.Cell(format.money(row.mrrLost))] : []))
            })
        return .object(["chart": ChartView(chart).context, "table": table.context])
    }

    private func segmentsContext() -> MustacheValue? {
        let segments = analysis.segmentChurn.filter { $0.rows.count > 1 }
        guard !segments.isEmpty else { return nil }
        var rows: [TableView.Row] = []
        for segment in segments {
            for row in segment.rows {
                let rate = row.rate.map { format.percent($0) } ?? "–"
                rows.append(TableView.Row(
                    header: "\(segment.attribute.capitalized): \(row.value)",
                    cells: [TableView.Cell(format.integer(row.churned)), TableView.Cell(format.integer(row.customerPeriods)),
                            TableView.Cell(rate, cssClass: row.customerPeriods < 30 ? "small-sample" : ""),
                            TableView.Cell(format.percent(row.interval.lower) + " – " + format.percent(row.interval.upper))]))
            }
        }
        let table = TableView(
            caption: "Churn rate per \(granularityWord) by segment, last \(periods.trend.count) \(granularityWord)s "
                + "(churned ÷ customer-\(granularityWord)s at risk, with 95 % Wilson interval)",
            columns: [TableView.Column("Segment"), TableView.Column("Churned"),
                      TableView.Column("Customer-\(granularityWord)s"), TableView.Column("Rate"),
                      TableView.Column("95 % interval")],
            rows: rows)
        return .object(["table": table.context])
    }

    /// At most `limit` censoring times, evenly spread, so the ticks stay readable; the data
    /// table and the metrics JSON keep every time.
    static func thinned(_ times: [Double], to limit: Int) -> [Double] {
        guard times.count > limit, limit > 1 else { return times }
        let stride = Double(times.count - 1) / Double(limit - 1)
        return (0..<limit).map { times[min(times.count - 1, Int(exactly: (Double($0) * stride).rounded()) ?? 0)] }
    }

    private func survivalContext() -> MustacheValue? {
        let curve = analysis.survival
        guard curve.subjects > 0, !curve.steps.isEmpty else { return nil }
        var points = [StepChart.Point(time: 0, value: 1, band: Interval(lower: 1, upper: 1))]
        points += curve.steps.map { StepChart.Point(time: Double($0.time), value: $0.survival,
                                                    band: Interval(lower: $0.lower, upper: $0.upper)) }
        let censored = ChurnSection.thinned(curve.steps.filter { $0.censored > 0 }.map { Double($0.time) }, to: 40)
        var series = [StepChart.Series(name: "All customers", points: points, censored: censored)]
        // One curve per plan (at most four, largest first) when the data has plans.
        let plans = KaplanMeierCurve.bySegment(analysis.ledger, attribute: "plan")
            .filter { $0.value != CohortTable.missingSegmentLabel && $0.curve.subjects >= 30 }
            .sorted { ($0.curve.subjects, $1.value) > ($1.curve.subjects, $0.value) }
        if plans.count > 1 {
            for plan in plans.prefix(4) {
                series.append(StepChart.Series(
                    name: "Plan \(plan.value)",
                    points: [StepChart.Point(time: 0, value: 1)]
                        + plan.curve.steps.map { StepChart.Point(time: Double($0.time), value: $0.survival) }))
            }
        }
        let chart = StepChart(title: "Share of customers still active by days since they started", idPrefix: "survival",
                              series: series,
                              format: .percent(decimals: 0), timeTitle: "Days since start").render()
        var summary = "Kaplan–Meier estimate over \(format.integer(curve.subjects)) customers, "
            + "\(format.integer(curve.events)) of whom churned; customers still active are censored at the as-of date "
            + "(tick marks, thinned to at most 40). "
        for days in [90, 180, 365] where curve.steps.contains(where: { $0.time <= days }) {
            summary += "\(days) days: \(format.percent(curve.survival(at: days), decimals: 0)). "
        }
        if let median = curve.median {
            summary += "Median lifetime \(format.integer(median)) days"
            if let low = curve.medianLower {
                summary += " (95 % interval \(format.integer(low))–\(curve.medianUpper.map { format.integer($0) } ?? "not reached"))"
            }
            summary += "."
        } else {
            summary += "Median lifetime not reached: more than half of customers are still active at the longest observed tenure."
        }
        return .object(["chart": ChartView(chart).context, "summary": .string(summary)])
    }
}
