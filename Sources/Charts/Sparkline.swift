/// A tiny line for KPI tiles: no axes, no legend; the vertical range is the data's own
/// minimum…maximum (a flat series draws mid-height). The latest point gets a dot (class `last`),
/// small-sample points a hollow marker (class `small-sample`); `nil` values break the line.
public struct Sparkline: Sendable {
    public var title: String
    public var idPrefix: String
    public var values: [Double?]
    public var format: ValueFormat
    /// Labels of the values' periods, used in the description when given.
    public var labels: [String]
    public var smallSample: [Bool]
    public var width: Double = 120
    public var height: Double = 32

    public init(title: String, idPrefix: String, values: [Double?], format: ValueFormat, labels: [String] = [],
                smallSample: [Bool] = []) {
        self.title = title
        self.idPrefix = idPrefix
        self.values = values
        self.format = format
        self.labels = labels
        self.smallSample = smallSample
    }

    private func value(_ index: Int) -> Double? { values.finiteValue(at: index) }

    /// The `<svg>` element.
    public func render() -> String {
        var document = ChartDocument(idPrefix: idPrefix, kind: "sparkline", title: title, summary: summary(),
                                     width: width, height: height)
        let present = values.indices.compactMap { value($0) }
        let low = present.min() ?? 0
        let high = present.max() ?? 1
        let inset = 3.5
        let y = LinearScale(domain: (low, high), range: (height - inset, inset))
        let step = values.count > 1 ? (width - 2 * inset) / Double(values.count - 1) : 0
        func x(_ index: Int) -> Double { values.count > 1 ? inset + step * Double(index) : width / 2 }

        var body = Markup()
        var line = PathData()
        var penDown = false
        for index in values.indices {
            guard let v = value(index) else { penDown = false; continue }
            if penDown { line.line(x(index), y(v)) } else { line.move(x(index), y(v)) }
            penDown = true
        }
        if !line.isEmpty { body.empty("path", [("class", "line series-1"), ("d", line.d), ("fill", "none")]) }
        let last = values.indices.last { value($0) != nil }
        for index in values.indices {
            guard let v = value(index) else { continue }
            let small = smallSample[safe: index] ?? false
            guard small || index == last else { continue }
            body.empty("circle", [("class", "point series-1" + (index == last ? " last" : "") + (small ? " small-sample" : "")),
                                  ("cx", coord(x(index))), ("cy", coord(y(v))), ("r", "2.5")])
        }
        document.body = body
        return document.svg
    }

    func summary() -> String {
        let present = values.indices.filter { value($0) != nil }
        guard let first = present.first, let last = present.last, let firstValue = value(first), let lastValue = value(last) else {
            return title + ": no data."
        }
        func label(_ index: Int) -> String { labels[safe: index] ?? "" }
        var text = title + ": latest " + format.format(lastValue)
        if !label(last).isEmpty { text += " in " + label(last) }
        if present.count > 1 {
            text += ", from " + format.format(firstValue) + (label(first).isEmpty ? "" : " in " + label(first))
            text += "; " + Summary.count(present.count, "point", "points")
            let all = values.indices.map { value($0) }
            if let high = Summary.highest(all), let highValue = value(high) {
                text += ", highest " + format.format(highValue) + (label(high).isEmpty ? "" : " in " + label(high))
            }
        }
        return text + "."
    }
}
