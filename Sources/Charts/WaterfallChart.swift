/// A bridge from a start total to an end total through signed movements, e.g. the MRR bridge
/// (start MRR, + new, + expansion, − contraction, − churn, + reactivation, end MRR).
///
/// The end total is computed as `start + Σ movements` so the bars always close. The start and
/// end bars have class `total`, movements `positive` or `negative` (a zero movement counts as
/// positive and is drawn flat); dashed `connector` lines join each bar's end to the next bar.
public struct WaterfallChart: Sendable {
    /// A signed step between the start and end totals.
    public typealias Movement = LabeledValue

    public var title: String
    public var idPrefix: String
    public var startLabel: String
    public var startValue: Double
    public var movements: [Movement]
    public var endLabel: String
    public var format: ValueFormat
    public var itemTitle: String
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, startLabel: String, startValue: Double, movements: [Movement],
                endLabel: String, format: ValueFormat, itemTitle: String = "Item") {
        self.title = title
        self.idPrefix = idPrefix
        self.startLabel = startLabel
        self.startValue = startValue
        self.movements = movements
        self.endLabel = endLabel
        self.format = format
        self.itemTitle = itemTitle
    }

    private var start: Double { startValue.isFinite ? startValue : 0 }
    private func change(_ movement: Movement) -> Double { movement.value.isFinite ? movement.value : 0 }

    /// Running totals after each movement.
    private var runningTotals: [Double] {
        var total = start
        return movements.map { total += change($0); return total }
    }

    /// `start + Σ movements`.
    public var endValue: Double { runningTotals.last ?? start }

    public func render() -> ChartOutput {
        let totals = runningTotals
        let labels = [startLabel] + movements.map(\.label) + [endLabel]
        var document = ChartDocument(idPrefix: idPrefix, kind: "waterfall", title: title, summary: summary(),
                                     width: width, height: height)
        let scale = NiceScale(covering: [start] + totals, includeZero: true, minimumStep: format.finestStep)
        let tickLabels = format.axisLabels(for: scale)
        let left = Axis.labelMargin(tickLabels)
        let plot = PlotArea(left: left, top: 22, right: width - 16, bottom: height - 40)
        let y = LinearScale(scale, range: (plot.bottom, plot.top))
        let x = CategoryScale(count: labels.count, start: plot.left, end: plot.right, padding: 0.3)

        var body = Markup()
        Axis.drawValueAxis(&body, scale: scale, labels: tickLabels, y: y, plot: plot)
        // Each bar: (from, to, classes, label text).
        var bars: [(from: Double, to: Double, classes: String, text: String)] = [(0, start, "bar total", format.format(start))]
        var previous = start
        for (index, movement) in movements.enumerated() {
            let value = change(movement)
            bars.append((previous, totals[index], value < 0 ? "bar negative" : "bar positive", format.formatSigned(value)))
            previous = totals[index]
        }
        bars.append((0, endValue, "bar total", format.format(endValue)))

        var connectors = PathData()
        body.open("g", [("class", "bars")])
        for (index, bar) in bars.enumerated() {
            let top = min(y(bar.from), y(bar.to))
            let bottom = max(y(bar.from), y(bar.to))
            body.empty("rect", [("class", bar.classes), ("x", coord(x.bandStart(index))), ("y", coord(top)),
                                ("width", coord(x.bandWidth)), ("height", coord(bottom - top))])
            let goesDown = bar.to < bar.from
            body.element("text", [("class", "value-label"), ("x", coord(x.center(index))),
                                  ("y", coord(goesDown ? bottom + 12 : top - 4)), ("text-anchor", "middle")], bar.text)
            if index + 1 < bars.count {
                connectors.move(x.bandStart(index) + x.bandWidth, y(bar.to))
                connectors.horizontal(x.bandStart(index + 1))
            }
        }
        body.close("g")
        if !connectors.isEmpty { body.empty("path", [("class", "connector"), ("d", connectors.d), ("fill", "none")]) }
        Axis.drawCategoryAxis(&body, labels: labels, x: x, plot: plot, baselineY: y(0), staggerUpTo: 16)
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    func summary() -> String {
        let net = endValue - start
        var text = title + ": from " + format.format(start) + " (" + startLabel + ") to " + format.format(endValue)
            + " (" + endLabel + "), net " + format.formatSigned(net)
        let changes = movements.map { Optional(change($0)) }
        if let up = Summary.highest(changes), let upValue = changes[up], upValue > 0 {
            text += "; largest increase " + movements[up].label + " " + format.formatSigned(upValue)
        }
        if let down = Summary.lowest(changes), let downValue = changes[down], downValue < 0 {
            text += "; largest decrease " + movements[down].label + " " + format.formatSigned(downValue)
        }
        return text + "."
    }

    func table() -> String {
        var table = DataTable(caption: title, columns: [itemTitle, "Change", "Running total"])
        table.rows.append(.init(header: startLabel, cells: [.init(text: DataTable.missing), .init(text: format.format(start))]))
        for (movement, total) in zip(movements, runningTotals) {
            table.rows.append(.init(header: movement.label, cells: [
                .init(text: format.formatSigned(change(movement)), classes: change(movement) < 0 ? "num negative" : "num positive"),
                .init(text: format.format(total)),
            ]))
        }
        table.rows.append(.init(header: endLabel, cells: [.init(text: format.formatSigned(endValue - start)),
                                                          .init(text: format.format(endValue))]))
        return table.html
    }
}
