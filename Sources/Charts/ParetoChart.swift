/// Bars sorted descending with the cumulative share as a line on a 0–100 % right axis, and a
/// dashed reference line at 80 %.
///
/// Sorting is by value, descending; equal values keep their given order. Shares are of the sum
/// of all values; when that sum is not positive every share is 0. Non-finite values count as 0.
public struct ParetoChart: Sendable {
    /// One bar: a category and its (non-negative) value.
    public typealias Item = LabeledValue

    public var title: String
    public var idPrefix: String
    public var items: [Item]
    public var format: ValueFormat
    public var itemTitle: String
    /// What the bars measure, for the legend and the table ("Customers", "Tickets").
    public var valueTitle: String
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, items: [Item], format: ValueFormat, itemTitle: String = "Item",
                valueTitle: String = "Value") {
        self.valueTitle = valueTitle
        self.title = title
        self.idPrefix = idPrefix
        self.items = items
        self.format = format
        self.itemTitle = itemTitle
    }

    /// Items sorted descending (stable), non-finite values as 0.
    var sortedItems: [Item] {
        items.enumerated()
            .map { (offset: $0.offset, item: Item(label: $0.element.label, value: $0.element.value.isFinite ? $0.element.value : 0)) }
            .sorted { $0.item.value != $1.item.value ? $0.item.value > $1.item.value : $0.offset < $1.offset }
            .map(\.item)
    }

    /// Cumulative shares of the sorted items (each in 0…1 when all values are non-negative).
    var cumulativeShares: [Double] {
        let sorted = sortedItems
        let total = sorted.reduce(0) { $0 + $1.value }
        guard total > 0 else { return sorted.map { _ in 0 } }
        var running = 0.0
        return sorted.map { running += $0.value; return running / total }
    }

    public func render() -> ChartOutput {
        let sorted = sortedItems
        let shares = cumulativeShares
        var document = ChartDocument(idPrefix: idPrefix, kind: "pareto", title: title, summary: summary(),
                                     width: width, height: height)
        let scale = NiceScale(covering: sorted.map(\.value), includeZero: true, minimumStep: format.finestStep)
        let labels = format.axisLabels(for: scale)
        let shareScale = NiceScale(lower: 0, upper: 1, maxTicks: 6)
        let shareLabels = ValueFormat.percent(decimals: 0).axisLabels(for: shareScale)
        let left = Axis.labelMargin(labels)
        let legendEntries = [LegendEntry(name: valueTitle, classes: "series-1", mark: .swatch),
                             LegendEntry(name: "Cumulative share", classes: "cumulative", mark: .line)]
        let legendHeight = Legend.height(legendEntries, width: width - left - 44)
        let plot = PlotArea(left: left, top: 12 + legendHeight + 6, right: width - 44, bottom: height - 40)
        let y = LinearScale(scale, range: (plot.bottom, plot.top))
        let shareY = LinearScale(shareScale, range: (plot.bottom, plot.top))
        let x = CategoryScale(count: sorted.count, start: plot.left, end: plot.right, padding: 0.25)

        var body = Markup()
        Legend.draw(&body, legendEntries, left: plot.left, top: 6, width: plot.width)
        Axis.drawValueAxis(&body, scale: scale, labels: labels, y: y, plot: plot)
        Axis.drawValueAxis(&body, scale: shareScale, labels: shareLabels, y: shareY, plot: plot, onRight: true, grid: false)
        body.empty("line", [("class", "reference"), ("x1", coord(plot.left)), ("x2", coord(plot.right)),
                            ("y1", coord(shareY(0.8))), ("y2", coord(shareY(0.8)))])
        body.open("g", [("class", "bars")])
        for (index, item) in sorted.enumerated() {
            let top = min(y(0), y(item.value))
            body.empty("rect", [("class", "bar series-1"), ("x", coord(x.bandStart(index))), ("y", coord(top)),
                                ("width", coord(x.bandWidth)), ("height", coord(abs(y(item.value) - y(0))))])
        }
        body.close("g")
        if !sorted.isEmpty {
            var line = PathData()
            for (index, share) in shares.enumerated() {
                if index == 0 { line.move(x.center(index), shareY(share)) } else { line.line(x.center(index), shareY(share)) }
            }
            body.open("g", [("class", "series cumulative")])
            body.empty("path", [("class", "line cumulative"), ("d", line.d), ("fill", "none")])
            for (index, share) in shares.enumerated() {
                body.empty("circle", [("class", "point cumulative"), ("cx", coord(x.center(index))),
                                      ("cy", coord(shareY(share))), ("r", "2.5")])
            }
            body.close("g")
        }
        Axis.drawCategoryAxis(&body, labels: sorted.map(\.label), x: x, plot: plot, baselineY: y(0), staggerUpTo: 16)
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    func summary() -> String {
        let sorted = sortedItems
        guard let top = sorted.first else { return title + ": no data." }
        let shares = cumulativeShares
        let total = sorted.reduce(0) { $0 + $1.value }
        let percent = ValueFormat.percent(decimals: 0)
        var text = title + ": " + Summary.count(sorted.count, "item", "items") + ", total " + format.format(total)
            + "; largest " + top.label + " " + format.format(top.value) + " (" + percent.format(shares[0]) + ")"
        if total > 0, let reach = shares.firstIndex(where: { $0 >= 0.8 - 1e-12 }) {
            text += "; the first " + Summary.count(reach + 1, "item makes", "items make") + " up "
                + percent.format(shares[reach])
        }
        return text + "."
    }

    func table() -> String {
        let sorted = sortedItems
        let shares = cumulativeShares
        let total = sorted.reduce(0) { $0 + $1.value }
        let percent = ValueFormat.percent(decimals: 1)
        var table = DataTable(caption: title, columns: [itemTitle, valueTitle, "Share", "Cumulative share"])
        for (index, item) in sorted.enumerated() {
            table.rows.append(.init(header: item.label, cells: [
                .init(text: format.format(item.value)),
                .init(text: percent.format(total > 0 ? item.value / total : 0)),
                .init(text: percent.format(shares[index])),
            ]))
        }
        return table.html
    }
}
