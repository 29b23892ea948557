/// Diverging stacked columns per period, e.g. NPS detractors / passives / promoters.
///
/// Negative-side segments stack downwards from zero, positive-side segments upwards, neutral
/// segments are split in half across the zero line (nearest to it). Within a side, segments stack
/// outwards in the order given. Each rect has the side's class (`negative`, `neutral`,
/// `positive`), `segment-n` (1-based position in `segments`) and `shade-k` (1-based position
/// among the segments of its side, so two negative segments are told apart).
public struct DivergingBarChart: Sendable {
    public enum Side: Sendable {
        case negative
        case neutral
        case positive

        var className: String {
            switch self {
            case .negative: "negative"
            case .neutral: "neutral"
            case .positive: "positive"
            }
        }
    }

    public struct Segment: Sendable {
        public var name: String
        public var side: Side
        /// One value per category (shares, e.g. 0.2 for 20 %); negative values count as 0.
        public var values: [Double?]

        public init(name: String, side: Side, values: [Double?]) {
            self.name = name
            self.side = side
            self.values = values
        }
    }

    public var title: String
    public var idPrefix: String
    public var categories: [String]
    public var segments: [Segment]
    public var format: ValueFormat
    public var categoryTitle: String
    public var width: Double = 640
    public var height: Double = 300

    public init(title: String, idPrefix: String, categories: [String], segments: [Segment],
                format: ValueFormat = .percent(decimals: 0), categoryTitle: String = "Period") {
        self.title = title
        self.idPrefix = idPrefix
        self.categories = categories
        self.segments = segments
        self.format = format
        self.categoryTitle = categoryTitle
    }

    private func value(_ segment: Segment, _ index: Int) -> Double? { segment.values.finiteValue(at: index) }

    private func drawn(_ segment: Segment, _ index: Int) -> Double { max(0, value(segment, index) ?? 0) }

    /// The extents below and above zero of one category's column.
    private func extents(_ index: Int) -> (below: Double, above: Double) {
        var below = 0.0
        var above = 0.0
        for segment in segments {
            let v = drawn(segment, index)
            switch segment.side {
            case .negative: below += v
            case .positive: above += v
            case .neutral: below += v / 2; above += v / 2
            }
        }
        return (below, above)
    }

    /// "negative segment-1 shade-1": side, position in `segments`, position within the side.
    func segmentClasses(_ index: Int) -> String {
        let side = segments[index].side
        let shade = segments[..<index].filter { $0.side == side }.count + 1
        return side.className + " segment-\(index + 1) shade-\(shade)"
    }

    public func render() -> ChartOutput {
        let count = categories.count
        var document = ChartDocument(idPrefix: idPrefix, kind: "diverging", title: title, summary: summary(),
                                     width: width, height: height)
        var domain: [Double] = []
        for index in 0..<count {
            let e = extents(index)
            domain += [-e.below, e.above]
        }
        let scale = NiceScale(covering: domain, includeZero: true, minimumStep: format.finestStep)
        // The axis shows distances from zero: shares below the line are not negative numbers.
        let labels = format.axisLabels(for: scale).map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
        let legendEntries = segments.enumerated().map {
            LegendEntry(name: $0.element.name, classes: segmentClasses($0.offset), mark: .swatch)
        }
        let left = Axis.labelMargin(labels)
        let legendHeight = Legend.height(legendEntries, width: width - left - 16)
        let plot = PlotArea(left: left, top: 12 + legendHeight + 6, right: width - 16, bottom: height - 28)
        let y = LinearScale(scale, range: (plot.bottom, plot.top))
        let x = CategoryScale(count: count, start: plot.left, end: plot.right, padding: 0.3)

        var body = Markup()
        Legend.draw(&body, legendEntries, left: plot.left, top: 6, width: plot.width)
        Axis.drawValueAxis(&body, scale: scale, labels: labels, y: y, plot: plot)
        body.open("g", [("class", "bars")])
        for index in 0..<count {
            var above = 0.0
            var below = 0.0
            func rect(_ from: Double, _ to: Double, _ segmentIndex: Int) {
                let segment = segments[segmentIndex]
                body.empty("rect", [("class", "bar " + segmentClasses(segmentIndex)),
                                    ("x", coord(x.bandStart(index))), ("y", coord(y(max(from, to)))),
                                    ("width", coord(x.bandWidth)), ("height", coord(abs(y(from) - y(to))))])
            }
            for (segmentIndex, segment) in segments.enumerated() where segment.side == .neutral && value(segment, index) != nil {
                let half = drawn(segment, index) / 2
                rect(-below, -below - half, segmentIndex)
                rect(above, above + half, segmentIndex)
                below += half
                above += half
            }
            for (segmentIndex, segment) in segments.enumerated() where segment.side != .neutral && value(segment, index) != nil {
                let v = drawn(segment, index)
                if segment.side == .negative { rect(-below, -below - v, segmentIndex); below += v }
                else { rect(above, above + v, segmentIndex); above += v }
            }
        }
        body.close("g")
        Axis.drawCategoryAxis(&body, labels: categories, x: x, plot: plot, baselineY: y(0))
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    /// Σ positive − Σ negative segments of one category (the NPS for shares), nil without data.
    func net(_ index: Int) -> Double? {
        var any = false
        var result = 0.0
        for segment in segments {
            guard let v = value(segment, index) else { continue }
            any = true
            if segment.side == .positive { result += v }
            if segment.side == .negative { result -= v }
        }
        return any ? result : nil
    }

    func summary() -> String {
        guard !segments.isEmpty, let latest = (0..<categories.count).last(where: { net($0) != nil }) else {
            return title + ": no data."
        }
        let shares = segments.compactMap { segment in value(segment, latest).map { segment.name + " " + format.format($0) } }
        var text = title + Summary.span(categories) + "; latest (" + categories[latest] + "): " + shares.joined(separator: ", ")
        if let net = net(latest) { text += ", net " + format.formatSigned(net) }
        let nets = (0..<categories.count).map { net($0) }
        if categories.count > 1, let high = Summary.highest(nets), let low = Summary.lowest(nets),
           let highValue = nets[high], let lowValue = nets[low] {
            text += "; net highest " + format.formatSigned(highValue) + " in " + categories[high]
                + ", lowest " + format.formatSigned(lowValue) + " in " + categories[low]
        }
        return text + "."
    }

    func table() -> String {
        var table = DataTable(caption: title, columns: [categoryTitle] + segments.map(\.name) + ["Net"])
        for (index, category) in categories.enumerated() {
            var cells: [DataTable.Cell] = segments.map { .init(text: value($0, index).map(format.format) ?? DataTable.missing) }
            cells.append(.init(text: net(index).map(format.formatSigned) ?? DataTable.missing))
            table.rows.append(.init(header: category, cells: cells))
        }
        return table.html
    }
}
