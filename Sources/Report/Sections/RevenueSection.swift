import Charts
import Metrics
import Model
import Mustache

/// Recurring revenue: the MRR bridge (start + new + expansion + reactivation − contraction −
/// churn = end, checked for every period), GRR and NRR, and order metrics for order businesses.
struct RevenueSection {
    let analysis: RetentionAnalysis
    let periods: ReportPeriods
    let format: ReportFormatter
    let granularityWord: String

    func context() -> MustacheValue? {
        var object: [String: MustacheValue] = [:]
        var summary: [String] = []
        if let bridge = analysis.mrr {
            let byIndex = Dictionary(bridge.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
            let window = periods.trend.compactMap { byIndex[$0.index] }
            if let latest = byIndex[periods.latestComplete.index] {
                object["bridge_chart"] = ChartView(waterfall(latest)).context
                summary.append("MRR at the end of \(format.periodName(latest.period)) was \(format.money(latest.end)).")
                if let grr = bridge.trailingGrossRetention, let nrr = bridge.trailingNetRetention {
                    summary.append("Over the trailing 12 months gross revenue retention was \(format.percent(grr)) "
                        + "and net revenue retention \(format.percent(nrr)).")
                }
            }
            if !window.isEmpty { object["bridge_table"] = bridgeTable(window).context }
            let broken = bridge.periods.filter { !$0.reconciles }
            object["reconciliation"] = .string(broken.isEmpty
                ? "Check: for every \(granularityWord) shown, start + new + expansion + reactivation − contraction − churn = end."
                : "Warning: the MRR bridge does not reconcile for " + broken.map(\.period.label).joined(separator: ", ") + ".")
        }
        if let orders = analysis.orders, orders.paidOrders > 0 {
            object["orders"] = .object(["table": orderTable(orders).context])
            if analysis.mrr == nil {
                summary.append("\(format.integer(orders.paidOrders)) paid orders from \(format.integer(orders.customersWithOrders)) customers.")
            }
        }
        guard !object.isEmpty else { return nil }
        object["summary"] = .string(summary.joined(separator: " "))
        return .object(object)
    }

    private func waterfall(_ p: MRRBridgePeriod) -> ChartOutput {
        WaterfallChart(
            title: "MRR bridge, \(format.periodName(p.period))", idPrefix: "mrr-bridge",
            startLabel: "Start", startValue: p.start,
            movements: [.init(label: "New", value: p.new), .init(label: "Expansion", value: p.expansion),
                        .init(label: "Reactivation", value: p.reactivation),
                        .init(label: "Contraction", value: -p.contraction), .init(label: "Churn", value: -p.churn)],
            endLabel: "End", format: .currency(symbol: format.currencySymbol, decimals: 0), itemTitle: "Movement").render()
    }

    private func bridgeTable(_ window: [MRRBridgePeriod]) -> TableView {
        let money = { (v: Double) in TableView.Cell(format.money(v)) }
        let rate = { (v: Double?) in TableView.Cell(v.map { format.percent($0) } ?? "–") }
        return TableView(
            caption: "MRR movements per \(granularityWord)",
            columns: ["Period", "Start", "New", "Expansion", "Reactivation", "Contraction", "Churn", "End",
                      "Gross MRR churn", "GRR", "NRR", "Check"].map { TableView.Column($0) },
            rows: window.map { p in
                TableView.Row(header: p.period.label, cells: [
                    money(p.start), money(p.new), money(p.expansion), money(p.reactivation), money(-p.contraction),
                    money(-p.churn), money(p.end), rate(p.grossMRRChurnRate), rate(p.grossRevenueRetention),
                    rate(p.netRevenueRetention),
                    TableView.Cell(p.reconciles ? "✓" : format.signedMoney(p.difference, decimals: 2),
                                   cssClass: p.reconciles ? "good" : "bad"),
                ], cssClass: p.isIncomplete ? "incomplete" : "")
            })
    }

    private func orderTable(_ o: OrderMetrics) -> TableView {
        func row(_ name: String, _ value: String) -> TableView.Row {
            TableView.Row(header: name, cells: [TableView.Cell(value)])
        }
        var rows = [
            row("Paid orders", format.integer(o.paidOrders)),
            row("Customers with an order", format.integer(o.customersWithOrders)),
            row("Repeat purchase rate", o.repeatPurchaseRate.map { format.percent($0) } ?? "–"),
            row("Orders per customer", o.purchaseFrequency.map { format.number($0, decimals: 2) } ?? "–"),
            row("Average order value", o.averageOrderValue.map { format.money($0, decimals: 2) } ?? "–"),
            row("Mean days between purchases", o.meanDaysBetweenPurchases.map { format.number($0, decimals: 1) } ?? "–"),
            row("Refunds", format.money(o.refunds, decimals: 2)),
        ]
        rows.append(row("Customer lifetime value", o.customerLifetimeValue.map { format.money($0) } ?? "– (no churn in the window)"))
        return TableView(caption: "Orders and customer lifetime value", columns: [TableView.Column("Measure"), TableView.Column("Value")],
                         rows: rows)
    }
}
