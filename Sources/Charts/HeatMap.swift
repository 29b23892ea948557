/// A cohort heat map: rows (cohorts) × columns (periods since start) of optional values.
///
/// A `nil` cell is "not reached yet" (the cohort is too young): it is drawn hatched with class
/// `immature` and never coloured as 0 %. Present cells are shaded in seven steps (`heat-1` light
/// … `heat-7` dark) of `colorDomain` (default: the data's minimum…maximum); values are printed
/// in the cells when they fit. Cells flagged as small samples get class `small-sample`.
public struct HeatMap: Sendable {
    /// Shades from this one up get the label class `on-dark` (light text in light mode, dark
    /// text in dark mode, where the palette runs the other way); the stylesheet's colours are
    /// checked against WCAG AA for every shade (StylesheetContrastTests).
    static let onDarkFromShade = 5

    public var title: String
    public var idPrefix: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; missing rows or columns count as not reached yet.
    public var values: [[Double?]]
    public var format: ValueFormat
    public var smallSample: [[Bool]]
    /// Values mapped to the lightest and darkest shade; nil for the data's range.
    public var colorDomain: Interval?
    public var rowTitle: String
    public var columnTitle: String
    public var width: Double = 640

    /// Number of shades.
    static let steps = 7

    public init(title: String, idPrefix: String, rowLabels: [String], columnLabels: [String], values: [[Double?]],
                format: ValueFormat, smallSample: [[Bool]] = [], colorDomain: Interval? = nil,
                rowTitle: String = "Cohort", columnTitle: String = "Period") {
        self.title = title
        self.idPrefix = idPrefix
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.format = format
        self.smallSample = smallSample
        self.colorDomain = colorDomain
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
    }

    func value(_ row: Int, _ column: Int) -> Double? {
        guard let value = values[safe: row]?[safe: column] ?? nil, value.isFinite else { return nil }
        return value
    }

    private func isSmall(_ row: Int, _ column: Int) -> Bool {
        smallSample[safe: row]?[safe: column] ?? false
    }

    private var presentValues: [Double] {
        var result: [Double] = []
        for row in rowLabels.indices { for column in columnLabels.indices { if let v = value(row, column) { result.append(v) } } }
        return result
    }

    /// The shade (1…7) of a value: equal-width steps over the colour domain, clamped.
    func shade(_ value: Double) -> Int {
        let (low, high) = shadeDomain
        return HeatMap.shade(value, low: low, high: high)
    }

    /// The values drawn lightest and darkest.
    var shadeDomain: (low: Double, high: Double) {
        let present = presentValues
        return (colorDomain?.lower ?? present.min() ?? 0, colorDomain?.upper ?? present.max() ?? 1)
    }

    static func shade(_ value: Double, low: Double, high: Double) -> Int {
        guard high > low else { return HeatMap.steps }
        let ratio = (value - low) / (high - low)
        guard ratio.isFinite else { return ratio == .infinity ? HeatMap.steps : 1 }
        let fraction = min(1, max(0, ratio))
        return min(HeatMap.steps, (Int(exactly: (fraction * Double(HeatMap.steps)).rounded(.down)) ?? 0) + 1)
    }

    public func render() -> ChartOutput {
        let rows = rowLabels.count
        let columns = columnLabels.count
        let left = max(40, (rowLabels.map { estimatedTextWidth($0) }.max() ?? 0) + 12)
        let top = 26.0
        let cellWidth = columns > 0 ? (width - left - 8) / Double(columns) : 0
        let cellHeight = 22.0
        let legendTop = top + Double(rows) * cellHeight + 12
        let height = legendTop + 28
        var document = ChartDocument(idPrefix: idPrefix, kind: "heatmap", title: title, summary: summary(),
                                     width: width, height: height)
        let hatch = document.hatchFill()
        var body = Markup()
        let (low, high) = shadeDomain

        body.open("g", [("class", "axis axis-x")])
        let widestColumn = columnLabels.map { estimatedTextWidth($0, fontSize: 10) }.max() ?? 0
        for column in CategoryScale.labelledIndices(count: columns, width: width - left - 8, slot: widestColumn + 6) {
            body.element("text", [("class", "tick-label"), ("x", coord(left + cellWidth * (Double(column) + 0.5))),
                                  ("y", coord(top - 8)), ("text-anchor", "middle")], columnLabels[column])
        }
        body.close("g")
        body.open("g", [("class", "axis axis-y")])
        for row in 0..<rows {
            body.element("text", [("class", "tick-label"), ("x", coord(left - 6)),
                                  ("y", coord(top + cellHeight * (Double(row) + 0.5) + 4)), ("text-anchor", "end")],
                         rowLabels[row])
        }
        body.close("g")

        let labelsFit = values.isEmpty ? false
            : presentValues.map { estimatedTextWidth(format.format($0), fontSize: 10) }.max() ?? 0 <= cellWidth - 4
        body.open("g", [("class", "cells")])
        for row in 0..<rows {
            for column in 0..<columns {
                let x = left + cellWidth * Double(column)
                let y = top + cellHeight * Double(row)
                let geometry = [("x", coord(x)), ("y", coord(y)), ("width", coord(cellWidth)), ("height", coord(cellHeight))]
                guard let v = value(row, column) else {
                    body.empty("rect", [("class", "cell immature")] + geometry + [("fill", hatch)])
                    continue
                }
                let shade = HeatMap.shade(v, low: low, high: high)
                let small = isSmall(row, column)
                body.empty("rect", [("class", "cell heat-\(shade)" + (small ? " small-sample" : ""))] + geometry)
                if labelsFit {
                    body.element("text", [("class", "cell-label" + (shade >= Self.onDarkFromShade ? " on-dark" : "") + (small ? " small-sample" : "")),
                                          ("x", coord(x + cellWidth / 2)), ("y", coord(y + cellHeight / 2 + 3.5)),
                                          ("text-anchor", "middle")], format.format(v))
                }
            }
        }
        body.close("g")

        // Legend: the seven shades between the domain's ends, then the hatch.
        body.open("g", [("class", "legend")])
        let lowText = format.format(low)
        var x = left
        body.element("text", [("class", "legend-label"), ("x", coord(x)), ("y", coord(legendTop + 13))], lowText)
        x += estimatedTextWidth(lowText) + 6
        for step in 1...HeatMap.steps {
            body.empty("rect", [("class", "swatch heat-\(step)"), ("x", coord(x)), ("y", coord(legendTop + 3)),
                                ("width", "16"), ("height", "12")])
            x += 16
        }
        x += 6
        let highText = format.format(high)
        body.element("text", [("class", "legend-label"), ("x", coord(x)), ("y", coord(legendTop + 13))], highText)
        x += estimatedTextWidth(highText) + 18
        body.empty("rect", [("class", "swatch immature"), ("x", coord(x)), ("y", coord(legendTop + 3)),
                            ("width", "16"), ("height", "12"), ("fill", hatch)])
        body.element("text", [("class", "legend-label"), ("x", coord(x + 22)), ("y", coord(legendTop + 13))],
                     "not reached yet")
        body.close("g")
        document.body = body
        return ChartOutput(svg: document.svg, table: table())
    }

    func summary() -> String {
        let rows = rowLabels.count
        let columns = columnLabels.count
        guard rows > 0, columns > 0 else { return title + ": no data." }
        var cells: [(row: Int, column: Int, value: Double)] = []
        for row in 0..<rows { for column in 0..<columns { if let v = value(row, column) { cells.append((row, column, v)) } } }
        var text = title + ": " + Summary.count(rows, "row", "rows") + " (" + rowLabels[0]
            + (rows > 1 ? " to " + rowLabels[rows - 1] : "") + ") by " + Summary.count(columns, "column", "columns")
            + " (" + columnLabels[0] + (columns > 1 ? " to " + columnLabels[columns - 1] : "") + ")"
        if let high = Summary.highest(cells.map(\.value)), let low = Summary.lowest(cells.map(\.value)) {
            func describe(_ cell: (row: Int, column: Int, value: Double)) -> String {
                format.format(cell.value) + " (" + rowLabels[cell.row] + ", " + columnLabels[cell.column] + ")"
            }
            text += "; highest " + describe(cells[high]) + ", lowest " + describe(cells[low])
        }
        let immature = rows * columns - cells.count
        if immature > 0 { text += "; " + Summary.count(immature, "cell", "cells") + " not reached yet" }
        return text + "."
    }

    func table() -> String {
        let anyImmature = rowLabels.indices.contains { row in columnLabels.indices.contains { value(row, $0) == nil } }
        let anySmall = rowLabels.indices.contains { row in columnLabels.indices.contains { value(row, $0) != nil && isSmall(row, $0) } }
        var notes: [String] = []
        if anyImmature { notes.append(DataTable.missing + " not reached yet") }
        if anySmall { notes.append(DataTable.smallSampleNote) }
        var table = DataTable(caption: title + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"),
                              columns: [rowTitle + " / " + columnTitle] + columnLabels)
        for (row, label) in rowLabels.enumerated() {
            let cells: [DataTable.Cell] = columnLabels.indices.map { column in
                guard let v = value(row, column) else { return .init(text: DataTable.missing, classes: "num immature") }
                return .number(v, format, smallSample: isSmall(row, column))
            }
            table.rows.append(.init(header: label, cells: cells))
        }
        return table.html
    }
}
