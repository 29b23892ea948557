import Charts
import Metrics
import Model
import Mustache

/// Cohort retention: the customer and revenue retention tables (heat-map shaded, immature
/// cells blank and hatched, never 0 %) and the retention-curve chart.
struct CohortSection {
    let table: CohortTable
    let options: ReportOptions
    let format: ReportFormatter
    let granularityWord: String

    var isEmpty: Bool { table.rows.isEmpty }

    func context() -> MustacheValue {
        let rows = Array(table.rows.filter { $0.size > 0 }.suffix(options.cohortRows))
        let width = min(options.cohortColumns + 1, rows.map(\.cells.count).max() ?? 0)
        var object: [String: MustacheValue] = [
            "intro": .string("Share of each \(granularityWord) cohort still active k \(granularityWord)s after it started "
                + "(\(format.integer(table.customersCounted)) customers in \(format.integer(table.rows.count)) cohorts; "
                + "the latest \(rows.count) non-empty cohorts shown). The bottom row is the mean over all cohorts that reached k, weighted by cohort size."),
            "customer_table": retentionTable(rows, width: width, caption: "Customer retention by cohort", revenue: false).context,
            "curve": ChartView(curveChart(rows, width: width)).context,
        ]
        if rows.contains(where: { $0.cells.contains { $0?.revenueRetention != nil } }) {
            object["revenue_table"] = retentionTable(rows, width: width, caption: "Revenue retention by cohort",
                                                     revenue: true).context
        }
        if table.incompletePeriodIndex != nil {
            object["incomplete_label"] = .string("the current \(granularityWord) (italic cells on the diagonal)")
        }
        return .object(object)
    }

    private func retentionTable(_ rows: [CohortRow], width: Int, caption: String, revenue: Bool) -> TableView {
        let columns = [TableView.Column("Cohort"), TableView.Column(revenue ? "Revenue in k = 0" : "Customers")]
            + (0..<width).map { TableView.Column("k = \($0)") }
        let body = rows.map { row -> TableView.Row in
            let firstRevenue = row.cells.first??.revenue ?? 0
            let lead = TableView.Cell(revenue ? format.money(firstRevenue) : format.integer(row.size))
            let cells = (0..<width).map { k -> TableView.Cell in
                guard k < row.cells.count, let cell = row.cells[k] else {
                    return TableView.Cell("", cssClass: "immature", title: "not reached yet")
                }
                let value = revenue ? cell.revenueRetention : cell.retention
                guard let value else { return TableView.Cell("–", cssClass: "immature", title: "no revenue in k = 0") }
                let title = revenue ? format.money(cell.revenue)
                    : "\(format.integer(cell.customers)) of \(format.integer(row.size)) customers"
                return TableView.Cell(format.percent(value, decimals: 0),
                                      cssClass: heat(value) + (cell.isIncomplete ? " incomplete" : ""),
                                      title: title + (cell.isIncomplete ? " (period not finished)" : ""))
            }
            return TableView.Row(header: row.cohort.label, cells: [lead] + cells)
        }
        let summaryValues = revenue ? table.revenueSummary : table.summary
        let footer = TableView.Row(header: "All cohorts", cells: [TableView.Cell(revenue ? "" : format.integer(table.customersCounted))]
            + (0..<width).map { k in
                guard k < summaryValues.count, let v = summaryValues[k] else { return TableView.Cell("", cssClass: "immature") }
                return TableView.Cell(format.percent(v, decimals: 0), cssClass: heat(v))
            })
        return TableView(caption: caption, cssClass: "cohort", columns: columns, rows: body, footer: footer)
    }

    /// Shade class heat-0 … heat-10 for a retention value (revenue retention above 100 % is heat-10).
    private func heat(_ value: Double) -> String {
        guard value.isFinite else { return "heat-0" }
        return "heat-\(Int(exactly: (min(max(value, 0), 1) * 10).rounded()) ?? 0)"
    }

    private func curveChart(_ rows: [CohortRow], width: Int) -> ChartOutput {
        let categories = (0..<width).map { "k=\($0)" }
        var series = [LineChart.Series(name: "All cohorts (weighted)",
                                       values: (0..<width).map { $0 < table.summary.count ? table.summary[$0] : nil })]
        for row in rows.suffix(4).reversed() where row.size > 0 {
            series.append(LineChart.Series(
                name: row.cohort.label,
                values: (0..<width).map { k in k < row.cells.count ? row.cells[k]?.retention : nil },
                smallSample: (0..<width).map { _ in row.size < 30 }))
        }
        return LineChart(title: "Customer retention by cohort age", idPrefix: "cohort-curve", categories: categories,
                         series: series, format: .percent(decimals: 0),
                         categoryTitle: "\(granularityWord.capitalized)s since the cohort started").render()
    }
}
