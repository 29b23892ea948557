/// Bars per category, one colour per series, side by side (`.grouped`) or on top of each other
/// (`.stacked`: positive values stack away from zero one way, negative ones the other way);
/// vertical columns by default, horizontal bars with `orientation: .horizontal`.
///
/// Bars flagged as small samples get class `small-sample` (drawn lighter with a dashed outline).
public struct ColumnChart: Sendable {
    public enum Layout: Sendable {
        case grouped
        case stacked
    }

    /// `.vertical`: columns over categories on the x axis (periods). `.horizontal`: bars from
    /// category labels on the left (long names such as churn reasons); set `height` to about
    /// 24 units per category plus 60.
    public enum Orientation: Sendable {
        case vertical
        case horizontal
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
    public var orientation: Orientation
    public var categoryTitle: String
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, categories: [String], series: [Series], format: ValueFormat,
                layout: Layout = .grouped, orientation: Orientation = .vertical, categoryTitle: String = "Period") {
        self.orientation = orientation
        self.title = title
        self.idPrefix = idPrefix
        self.categories = categories
        self.series = series
        self.format = format
        self.layout = layout
        self.categoryTitle = categoryTitle
    }

    private func value(_ series: Series, _ index: Int) -> Double? { series.values.finiteValue(at: index) }

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
        let kind = (orientation == .vertical ? "column" : "bar") + (layout == .stacked ? " stacked" : " grouped")
        var document = ChartDocument(idPrefix: idPrefix, kind: kind, title: title, summary: summary(), width: width, height: height)
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
        let left = orientation == .vertical ? Axis.labelMargin(labels) : Axis.labelMargin(categories)
        let right = orientation == .vertical ? width - 16 : width - 16 - estimatedTextWidth(labels.last ?? "") / 2
        let legendHeight = Legend.height(legendEntries, width: right - left)
        let plot = PlotArea(left: left, top: 12 + legendHeight + (legendHeight > 0 ? 6 : 0), right: right, bottom: height - 28)
        let values = orientation == .vertical
            ? LinearScale(scale, range: (plot.bottom, plot.top))
            : LinearScale(scale, range: (plot.left, plot.right))
        let bands = orientation == .vertical
            ? CategoryScale(count: count, start: plot.left, end: plot.right, padding: 0.25)
            : CategoryScale(count: count, start: plot.top, end: plot.bottom, padding: 0.25)

        var body = Markup()
        Legend.draw(&body, legendEntries, left: plot.left, top: 6, width: plot.width)
        if orientation == .vertical {
            Axis.drawValueAxis(&body, scale: scale, labels: labels, y: values, plot: plot)
        } else {
            Axis.drawHorizontalValueAxis(&body, scale: scale, labels: labels, x: values, plot: plot)
        }
        body.open("g", [("class", "bars")])
        let seriesCount = max(1, series.count)
        for index in 0..<count {
            var positiveEnd = 0.0
            var negativeEnd = 0.0
            for (seriesIndex, s) in series.enumerated() {
                guard let v = value(s, index) else { continue }
                // Across the band: where the bar starts and how thick it is; along the value axis: from → to.
                let offset: Double
                let thickness: Double
                let from: Double
                let to: Double
                switch layout {
                case .grouped:
                    thickness = bands.bandWidth / Double(seriesCount)
                    offset = bands.bandStart(index) + thickness * Double(seriesIndex)
                    from = 0
                    to = v
                case .stacked:
                    thickness = bands.bandWidth
                    offset = bands.bandStart(index)
                    if v >= 0 { from = positiveEnd; positiveEnd += v; to = positiveEnd }
                    else { from = negativeEnd; negativeEnd += v; to = negativeEnd }
                }
                let low = min(values(from), values(to))
                let length = abs(values(from) - values(to))
                let small = s.smallSample[safe: index] ?? false
                let geometry = orientation == .vertical
                    ? [("x", coord(offset)), ("y", coord(low)), ("width", coord(thickness)), ("height", coord(length))]
                    : [("x", coord(low)), ("y", coord(offset)), ("width", coord(length)), ("height", coord(thickness))]
                body.empty("rect", [("class", "bar " + seriesClass(seriesIndex) + (small ? " small-sample" : ""))] + geometry)
            }
        }
        body.close("g")
        if orientation == .vertical {
            Axis.drawCategoryAxis(&body, labels: categories, x: bands, plot: plot, baselineY: values(0))
        } else {
            Axis.drawVerticalCategoryAxis(&body, labels: categories, y: bands, plot: plot, baselineX: values(0))
        }
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
        var table = DataTable(caption: title + (anySmall ? " (" + DataTable.smallSampleNote + ")" : ""), columns: columns)
        for (index, category) in categories.enumerated() {
            var cells: [DataTable.Cell] = series.map { s in
                guard let v = value(s, index) else { return .init(text: DataTable.missing) }
                return .number(v, format, smallSample: s.smallSample[safe: index] ?? false)
            }
            if layout == .stacked { cells.append(.init(text: total(index).map(format.format) ?? DataTable.missing)) }
            table.rows.append(.init(header: category, cells: cells))
        }
        return table.html
    }
}
