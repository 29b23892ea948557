/// Vertical bars per category, one colour per series, side by side (`.grouped`) or on top of
/// each other (`.stacked`: positive values stack up from zero, negative ones down from zero).
///
/// Bars flagged as small samples get class `small-sample` (drawn lighter with a dashed outline).
public struct ColumnChart: Sendable {
    public enum Layout: Sendable {
        case grouped
        case stacked
    }

    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        /// Per-bar small-sample flags; empty for none.
        public var smallSample: [Bool]

        public init(name: String, values: [Double?], smallSample: [Bool] = []) {
            self.name = name
            self.values = values
            self.smallSample = smallSample
        }
    }

    public var title: String
    public var idPrefix: String
    public var categories: [String]
    public var series: [Series]
    public var format: ValueFormat
    public var layout: Layout
    public var categoryTitle: String
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, categories: [String], series: [Series], format: ValueFormat,
                layout: Layout = .grouped, categoryTitle: String = "Period") {
        self.title = title
        self.idPrefix = idPrefix
        self.categories = categories
        self.series = series
        self.format = format
        self.layout = layout
        self.categoryTitle = categoryTitle
    }

    private func value(_ series: Series, _ index: Int) -> Double? {
        guard let value = series.values[safe: index] ?? nil, value.isFinite else { return nil }
        return value
    }

    /// Per category: the sum of positive and of negative values (stack extents).
    private func stackExtents(_ index: Int) -> (positive: Double, negative: Double) {
        var positive = 0.0
        var negative = 0.0
        for s in series {
            guard let v = value(s, index) else { continue }
            if v >= 0 { positive += v } else { negative += v }
        }
        return (positive, negative)
    }

    private func total(_ index: Int) -> Double? {
        let present = series.compactMap { value($0, index) }
        return present.isEmpty ? nil : present.reduce(0, +)
    }

    public func render() -> ChartOutput {
        let count = categories.count
        var document = ChartDocument(idPrefix: idPrefix, kind: layout == .stacked ? "column stacked" : "column grouped",
                                     title: title, summary: summary(), width: width, height: height)
        var domain: [Double] = []
        for index in 0..<count {
            switch layout {
            case .grouped: domain += series.compactMap { value($0, index) }
            case .stacked:
                let extents = stackExtents(index)
                domain += [extents.positive, extents.negative]
            }
        }
        let scale = NiceScale(covering: domain, includeZero: true, minimumStep: format.finestStep)
        let labels = format.axisLabels(for: scale)
        let legendEntries = series.count > 1
            ? series.enumerated().map { LegendEntry(name: $0.element.name, classes: seriesClass($0.offset), mark: .swatch) }
            : []
        let left = Axis.labelMargin(labels)
        let legendHeight = Legend.height(legendEntries, width: width - left - 16)
        let plot = PlotArea(left: left, top: 12 + legendHeight + (legendHeight > 0 ? 6 : 0), right: width - 16,
                            bottom: height - 28)
        let y = LinearScale(scale, range: (plot.bottom, plot.top))
        let x = CategoryScale(count: count, start: plot.left, end: plot.right, padding: 0.25)
        let zero = y(0)

        var body = Markup()
        Legend.draw(&body, legendEntries, left: plot.left, top: 6, width: plot.width)
        Axis.drawValueAxis(&body, scale: scale, labels: labels, y: y, plot: plot)
        body.open("g", [("class", "bars")])
        let seriesCount = max(1, series.count)
        for index in 0..<count {
            var positiveTop = 0.0
            var negativeBottom = 0.0
            for (seriesIndex, s) in series.enumerated() {
                guard let v = value(s, index) else { continue }
                let barX: Double
                let barWidth: Double
                let from: Double
                let to: Double
                switch layout {
                case .grouped:
                    barWidth = x.bandWidth / Double(seriesCount)
                    barX = x.bandStart(index) + barWidth * Double(seriesIndex)
                    from = 0
                    to = v
                case .stacked:
                    barWidth = x.bandWidth
                    barX = x.bandStart(index)
                    if v >= 0 { from = positiveTop; positiveTop += v; to = positiveTop }
                    else { from = negativeBottom; negativeBottom += v; to = negativeBottom }
                }
                let top = min(y(from), y(to))
                let small = s.smallSample[safe: index] ?? false
                body.empty("rect", [("class", "bar " + seriesClass(seriesIndex) + (small ? " small-sample" : "")),
                                    ("x", coord(barX)), ("y", coord(top)), ("width", coord(barWidth)),
                                    ("height", coord(abs(y(from) - y(to))))])
            }
        }
        body.close("g")
        Axis.drawCategoryAxis(&body, labels: categories, x: x, plot: plot, baselineY: zero)
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    func summary() -> String {
        guard !series.isEmpty, !categories.isEmpty else { return title + ": no data." }
        var parts: [String] = []
        if layout == .stacked {
            let totals = (0..<categories.count).map { total($0) }
            if let extremes = Summary.extremes(totals, labels: categories, format: format) {
                parts.append("total " + extremes)
            }
        }
        for s in series {
            let values = (0..<categories.count).map { value(s, $0) }
            let extremes = Summary.extremes(values, labels: categories, format: format) ?? "no data"
            parts.append(series.count > 1 ? s.name + ": " + extremes : extremes)
        }
        return title + Summary.span(categories) + "; " + parts.joined(separator: "; ") + "."
    }

    func table() -> String {
        var columns = [categoryTitle] + series.map(\.name)
        if layout == .stacked { columns.append("Total") }
        let anySmall = series.contains { s in (0..<categories.count).contains { value(s, $0) != nil && (s.smallSample[safe: $0] ?? false) } }
        var table = DataTable(caption: title + (anySmall ? " (\u{2020} small sample)" : ""), columns: columns)
        for (index, category) in categories.enumerated() {
            var cells: [DataTable.Cell] = series.map { s in
                guard let v = value(s, index) else { return .init(text: DataTable.missing) }
                let small = s.smallSample[safe: index] ?? false
                return .init(text: format.format(v) + (small ? DataTable.smallSampleMark : ""),
                             classes: small ? "num small-sample" : "num")
            }
            if layout == .stacked { cells.append(.init(text: total(index).map(format.format) ?? DataTable.missing)) }
            table.rows.append(.init(header: category, cells: cells))
        }
        return table.html
    }
}
