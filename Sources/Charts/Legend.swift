/// One legend entry: a line sample or a filled swatch in the entry's classes.
struct LegendEntry {
    enum Mark { case line, swatch, hatch }
    let name: String
    let classes: String
    let mark: Mark
}

enum Legend {
    static let rowHeight = 18.0

    private static func itemWidth(_ entry: LegendEntry) -> Double { 22 + estimatedTextWidth(entry.name) + 14 }

    /// Height the legend needs when wrapped into `width`.
    static func height(_ entries: [LegendEntry], width: Double) -> Double {
        guard !entries.isEmpty else { return 0 }
        var rows = 1
        var x = 0.0
        for entry in entries {
            let w = itemWidth(entry)
            if x > 0, x + w > width { rows += 1; x = 0 }
            x += w
        }
        return Double(rows) * rowHeight
    }

    /// Draws the legend with its top-left corner at (`left`, `top`).
    static func draw(_ markup: inout Markup, _ entries: [LegendEntry], left: Double, top: Double, width: Double,
                     hatchFill: String? = nil) {
        guard !entries.isEmpty else { return }
        markup.open("g", [("class", "legend")])
        var x = 0.0
        var y = top
        for entry in entries {
            let w = itemWidth(entry)
            if x > 0, x + w > width { y += rowHeight; x = 0 }
            let middle = y + rowHeight / 2
            switch entry.mark {
            case .line:
                markup.empty("line", [("class", "legend-line " + entry.classes), ("x1", coord(left + x)),
                                      ("x2", coord(left + x + 16)), ("y1", coord(middle)), ("y2", coord(middle))])
            case .swatch:
                markup.empty("rect", [("class", "swatch " + entry.classes), ("x", coord(left + x + 2)),
                                      ("y", coord(middle - 5)), ("width", "12"), ("height", "10")])
            case .hatch:
                markup.empty("rect", [("class", "swatch " + entry.classes), ("x", coord(left + x + 2)),
                                      ("y", coord(middle - 5)), ("width", "12"), ("height", "10"),
                                      ("fill", hatchFill ?? "none")])
            }
            markup.element("text", [("class", "legend-label"), ("x", coord(left + x + 22)), ("y", coord(middle + 4))],
                           entry.name)
            x += w
        }
        markup.close("g")
    }
}
