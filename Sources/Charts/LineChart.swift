/// Lines over categorical periods, several series, each with an optional shaded band
/// (e.g. a confidence interval) and per-point small-sample flags.
///
/// Missing values (`nil`) break the line; a point with no neighbours is drawn as a marker.
/// Points flagged as small samples get a hollow marker with class `small-sample`.
/// Values past the end of `categories` are ignored; a series shorter than them has no values there.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        /// Per-point band (lower…upper); empty for none, `nil` entries leave gaps.
        public var band: [Interval?]
        /// Per-point small-sample flags; empty for none.
        public var smallSample: [Bool]

        public init(name: String, values: [Double?], band: [Interval?] = [], smallSample: [Bool] = []) {
            self.name = name
            self.values = values
            self.band = band
            self.smallSample = smallSample
        }
    }

    public var title: String
    public var idPrefix: String
    public var categories: [String]
    public var series: [Series]
    public var format: ValueFormat
    /// Header of the table's first column.
    public var categoryTitle: String
    /// Whether the value axis always reaches zero (true for rates shown to a board).
    public var includeZero: Bool
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, categories: [String], series: [Series], format: ValueFormat,
                categoryTitle: String = "Period", includeZero: Bool = true) {
        self.title = title
        self.idPrefix = idPrefix
        self.categories = categories
        self.series = series
        self.format = format
        self.categoryTitle = categoryTitle
        self.includeZero = includeZero
    }

    private func value(_ series: Series, _ index: Int) -> Double? { series.values.finiteValue(at: index) }

    private func band(_ series: Series, _ index: Int) -> Interval? {
        guard let band = series.band[safe: index] ?? nil, band.lower.isFinite, band.upper.isFinite else { return nil }
        return band
    }

    public func render() -> ChartOutput {
        let count = categories.count
        var document = ChartDocument(idPrefix: idPrefix, kind: "line", title: title, summary: summary(),
                                     width: width, height: height)
        var domain: [Double] = []
        for s in series {
            for index in 0..<count {
                if let v = value(s, index) { domain.append(v) }
                if let b = band(s, index) { domain += [b.lower, b.upper] }
            }
        }
        let scale = NiceScale(covering: domain, includeZero: includeZero, minimumStep: format.finestStep)
        let labels = format.axisLabels(for: scale)
        let legendEntries = series.count > 1
            ? series.enumerated().map { LegendEntry(name: $0.element.name, classes: seriesClass($0.offset), mark: .line) }
            : []
        let left = Axis.labelMargin(labels)
        let legendHeight = Legend.height(legendEntries, width: width - left - 16)
        let plot = PlotArea(left: left, top: 12 + legendHeight + (legendHeight > 0 ? 6 : 0), right: width - 16,
                            bottom: height - 28)
        let y = LinearScale(scale, range: (plot.bottom, plot.top))
        let x = CategoryScale(count: count, start: plot.left, end: plot.right, padding: 0)

        var body = Markup()
        Legend.draw(&body, legendEntries, left: plot.left, top: 6, width: plot.width)
        Axis.drawValueAxis(&body, scale: scale, labels: labels, y: y, plot: plot)
        Axis.drawCategoryAxis(&body, labels: categories, x: x, plot: plot)

        for (seriesIndex, s) in series.enumerated() where !s.band.isEmpty {
            var path = PathData()
            for run in runs(count: count, where: { band(s, $0) != nil }) {
                var upper: [(x: Double, y: Double)] = []
                var lower: [(x: Double, y: Double)] = []
                for index in run {
                    guard let b = band(s, index) else { continue }
                    let cx = x.center(index)
                    // A lone point's band is a narrow box so it stays visible.
                    let xs = run.count == 1 ? [cx - 3, cx + 3] : [cx]
                    for px in xs {
                        upper.append((px, y(b.upper)))
                        lower.append((px, y(b.lower)))
                    }
                }
                path.polygon(upper + lower.reversed())
            }
            if !path.isEmpty {
                body.empty("path", [("class", "band " + seriesClass(seriesIndex)), ("d", path.d)])
            }
        }

        for (seriesIndex, s) in series.enumerated() {
            var path = PathData()
            for run in runs(count: count, where: { value(s, $0) != nil }) where run.count > 1 {
                for index in run {
                    guard let v = value(s, index) else { continue }
                    if index == run.first { path.move(x.center(index), y(v)) } else { path.line(x.center(index), y(v)) }
                }
            }
            body.open("g", [("class", "series " + seriesClass(seriesIndex))])
            if !path.isEmpty {
                body.empty("path", [("class", "line " + seriesClass(seriesIndex)), ("d", path.d), ("fill", "none")])
            }
            for index in 0..<count {
                guard let v = value(s, index) else { continue }
                let small = s.smallSample[safe: index] ?? false
                let isolated = value(s, index - 1) == nil && value(s, index + 1) == nil
                guard small || isolated || count <= 40 else { continue }
                body.empty("circle", [("class", "point " + seriesClass(seriesIndex) + (small ? " small-sample" : "")),
                                      ("cx", coord(x.center(index))), ("cy", coord(y(v))), ("r", small ? "3.5" : "2.5")])
            }
            body.close("g")
        }
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    /// Maximal runs of consecutive indices in 0..<count satisfying `present`.
    private func runs(count: Int, where present: (Int) -> Bool) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for index in 0..<count {
            if present(index) { current.append(index) } else if !current.isEmpty { result.append(current); current = [] }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    func summary() -> String {
        let counted = categories.count
        var parts: [String] = []
        for s in series {
            let values = (0..<counted).map { value(s, $0) }
            guard let extremes = Summary.extremes(values, labels: categories, format: format) else {
                parts.append(series.count > 1 ? s.name + ": no data" : "no data")
                continue
            }
            let small = (0..<counted).filter { value(s, $0) != nil && (s.smallSample[safe: $0] ?? false) }.count
            var text = series.count > 1 ? s.name + ": " + extremes : extremes
            if small > 0 { text += " (" + Summary.count(small, "point", "points") + " from a small sample)" }
            parts.append(text)
        }
        if series.isEmpty || counted == 0 { return title + ": no data." }
        return title + Summary.span(categories) + "; " + parts.joined(separator: "; ") + "."
    }

    func table() -> String {
        var columns = [categoryTitle]
        for s in series {
            columns.append(s.name)
            if !s.band.isEmpty { columns += [s.name + " (lower)", s.name + " (upper)"] }
        }
        let anySmall = series.contains { s in (0..<categories.count).contains { value(s, $0) != nil && (s.smallSample[safe: $0] ?? false) } }
        var table = DataTable(caption: title + (anySmall ? " (" + DataTable.smallSampleNote + ")" : ""), columns: columns)
        for (index, category) in categories.enumerated() {
            var cells: [DataTable.Cell] = []
            for s in series {
                cells.append(value(s, index).map { .number($0, format, smallSample: s.smallSample[safe: index] ?? false) }
                             ?? .init(text: DataTable.missing))
                if !s.band.isEmpty {
                    let b = band(s, index)
                    cells.append(.init(text: b.map { format.format($0.lower) } ?? DataTable.missing))
                    cells.append(.init(text: b.map { format.format($0.upper) } ?? DataTable.missing))
                }
            }
            table.rows.append(.init(header: category, cells: cells))
        }
        return table.html
    }
}
