import Charts
import Metrics
import Model
import Mustache

/// Support: ticket volume per period, first-response and resolution times (median, p90) and
/// SLA breach rates, plus the backlog at the as-of date.
struct SupportSection {
    let analysis: RetentionAnalysis
    let periods: ReportPeriods
    let format: ReportFormatter
    let granularityWord: String

    func context() -> MustacheValue? {
        guard let sla = analysis.support, sla.overall.tickets > 0 else { return nil }
        let byIndex = Dictionary(sla.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
        let window = periods.trend.map { ($0, byIndex[$0.index]) }
        let hours = { (h: Double?) in h.map { self.duration($0) } ?? "–" }
        let b = sla.backlog
        let summary = "\(format.integer(sla.overall.tickets)) tickets in the last \(periods.trend.count) \(granularityWord)s; "
            + "median first response \(hours(sla.overall.firstResponse.medianHours)), median resolution "
            + "\(hours(sla.overall.resolution.medianHours)). At the as-of date \(format.integer(b.open)) tickets are open, "
            + "\(format.integer(b.overdue)) of them past their resolution target."
        let chart = ColumnChart(title: "Tickets created per \(granularityWord)", idPrefix: "support-volume",
                                categories: window.map(\.0.label),
                                series: [.init(name: "Tickets", values: window.map { Double($0.1?.created.tickets ?? 0) })],
                                format: .plain(decimals: 0)).render()
        let table = TableView(
            caption: "Support per \(granularityWord) (times in hours or days; breach = past the priority's target)",
            columns: ["Period", "Tickets", "First response, median", "p90", "First-response breaches",
                      "Resolution, median", "p90", "Resolution breaches"].map { TableView.Column($0) },
            rows: window.map { period, p in
                guard let s = p?.created else {
                    return TableView.Row(header: period.label, cells: Array(repeating: TableView.Cell("–"), count: 7))
                }
                return TableView.Row(header: period.label, cells: [
                    TableView.Cell(format.integer(s.tickets)),
                    TableView.Cell(hours(s.firstResponse.medianHours)), TableView.Cell(hours(s.firstResponse.p90Hours)),
                    TableView.Cell(s.firstResponseSLA.breachRate.map { format.percent($0) } ?? "–"),
                    TableView.Cell(hours(s.resolution.medianHours)), TableView.Cell(hours(s.resolution.p90Hours)),
                    TableView.Cell(s.resolutionSLA.breachRate.map { format.percent($0) } ?? "–"),
                ])
            })
        return .object(["summary": .string(summary), "volume": ChartView(chart).context, "table": table.context])
    }

    /// Hours below 48 as `5.2 h`, longer as `3.1 d`.
    private func duration(_ hours: Double) -> String {
        hours < 48 ? format.number(hours, decimals: 1) + " h" : format.number(hours / 24, decimals: 1) + " d"
    }
}
