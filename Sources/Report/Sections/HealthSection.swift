import Charts
import Metrics
import Model
import Mustache

/// Customer health: the Green / Amber / Red distribution over time and the at-risk list
/// (Red and Amber, most monthly revenue first) with the rules that cost each customer points.
struct HealthSection {
    let analysis: RetentionAnalysis
    let customers: [Customer]
    let options: ReportOptions
    let format: ReportFormatter
    let granularityWord: String

    func context() -> MustacheValue? {
        let report = analysis.health
        guard !report.scores.isEmpty else { return nil }
        let d = report.distribution
        var object: [String: MustacheValue] = [
            "summary": .string("\(format.integer(d.scored)) active customers scored: \(format.integer(d.green)) green, "
                + "\(format.integer(d.amber)) amber, \(format.integer(d.red)) red"
                + (d.unscored > 0 ? " (\(format.integer(d.unscored)) without enough data to score)" : "")
                + ". Scores add up points from weighted rules; rules without data for a customer are left out and the "
                + "score is rescaled over the rules that applied. 0–50 red, 51–75 amber, 76–100 green."),
        ]
        let history = analysis.healthHistory
        if history.count > 1 {
            let chart = ColumnChart(
                title: "Customer health at the end of each \(granularityWord)", idPrefix: "health-history",
                categories: history.map(\.period.label),
                series: [.init(name: "Green", values: history.map { Double($0.distribution.green) }),
                         .init(name: "Amber", values: history.map { Double($0.distribution.amber) }),
                         .init(name: "Red", values: history.map { Double($0.distribution.red) })],
                format: .plain(decimals: 0), layout: .stacked).render()
            object["distribution"] = ChartView(chart).context
        }
        if report.atRiskCount > 0 {
            let shown = report.atRisk(first: options.atRiskRows)
            object["at_risk"] = TableView(
                caption: "Customers at risk (\(format.integer(shown.count)) of \(format.integer(report.atRiskCount)), most revenue first)",
                columns: ["Customer", "Status", "Score", "Monthly revenue", "Plan", "Owner", "What lowered the score"]
                    .map { TableView.Column($0, cssClass: $0 == "What lowered the score" ? "text" : "") },
                rows: shown.map { score in
                    let customer = customers[score.customer]
                    let lost = score.contributions.filter { $0.points < $0.maxPoints }
                        .map { "\($0.rule): \($0.reason) (\(format.number($0.points))/\(format.number($0.maxPoints)))" }
                    return TableView.Row(header: customer.name.isEmpty ? customer.id : customer.name, cells: [
                        TableView.Cell(score.status.rawValue.capitalized, cssClass: "status-\(score.status.rawValue)"),
                        TableView.Cell(format.number(score.score)),
                        TableView.Cell(format.money(score.revenueAtRisk)),
                        TableView.Cell(customer.plan ?? "–"),
                        TableView.Cell(customer.owner ?? "–"),
                        TableView.Cell(lost.joined(separator: "; "), cssClass: "text"),
                    ])
                }).context
        }
        return .object(object)
    }
}
