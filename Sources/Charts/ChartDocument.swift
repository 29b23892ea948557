/// The `<svg>` root every chart shares: viewBox only (the CSS makes it 100% wide), `role="img"`,
/// `aria-labelledby` naming the `<title>` and `<desc>`, ids derived from the chart's id prefix.
struct ChartDocument {
    let id: String
    let kind: String
    let title: String
    let summary: String
    let width: Double
    let height: Double
    var defs = Markup()
    var body = Markup()

    init(idPrefix: String, kind: String, title: String, summary: String, width: Double, height: Double) {
        self.id = sanitizedIdPrefix(idPrefix)
        self.kind = kind
        self.title = title
        self.summary = summary
        self.width = width
        self.height = height
    }

    /// Id of the diagonal hatch pattern used for "not reached yet" areas.
    var hatchId: String { id + "-hatch" }

    /// Adds the hatch pattern to `<defs>` (once) and returns the `fill` value that uses it.
    mutating func hatchFill() -> String {
        if defs.text.isEmpty {
            defs.open("pattern", [("id", hatchId), ("class", "hatch"), ("width", "6"), ("height", "6"),
                                  ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)")])
            defs.empty("rect", [("class", "hatch-background"), ("width", "6"), ("height", "6")])
            defs.empty("path", [("class", "hatch-line"), ("d", "M0,0V6")])
            defs.close("pattern")
        }
        return "url(#" + hatchId + ")"
    }

    var svg: String {
        var root = Markup()
        root.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "chart chart-" + kind),
                          ("viewBox", "0 0 " + coord(width) + " " + coord(height)), ("role", "img"),
                          ("aria-labelledby", id + "-title " + id + "-desc")])
        root.element("title", [("id", id + "-title")], title)
        root.element("desc", [("id", id + "-desc")], summary)
        if !defs.text.isEmpty {
            root.open("defs")
            root.append(defs)
            root.close("defs")
        }
        root.append(body)
        root.close("svg")
        return root.text
    }
}

/// The plot area inside the viewBox.
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Rough width of a label at the chart's 11-unit font, for layout only (never drawn).
func estimatedTextWidth(_ text: String, fontSize: Double = 11) -> Double {
    Double(text.count) * fontSize * 0.6
}

/// The CSS class of the n-th (0-based) series: "series-1" … "series-8", then again from 1.
func seriesClass(_ index: Int) -> String { "series-\(index % 8 + 1)" }

enum Axis {
    /// Horizontal grid lines and left (or right) tick labels for a value scale.
    static func drawValueAxis(_ markup: inout Markup, scale: NiceScale, labels: [String], y: LinearScale,
                              plot: PlotArea, onRight: Bool = false, grid: Bool = true) {
        markup.open("g", [("class", onRight ? "axis axis-y axis-right" : "axis axis-y")])
        for (index, tick) in scale.ticks.enumerated() {
            let position = y(tick)
            if grid {
                markup.empty("line", [("class", tick == 0 ? "grid zero" : "grid"), ("x1", coord(plot.left)),
                                      ("x2", coord(plot.right)), ("y1", coord(position)), ("y2", coord(position))])
            }
            let label = index < labels.count ? labels[index] : ""
            markup.element("text", [("class", "tick-label"), ("x", coord(onRight ? plot.right + 6 : plot.left - 6)),
                                    ("y", coord(position + 4)), ("text-anchor", onRight ? "start" : "end")], label)
        }
        markup.close("g")
    }

    /// A baseline and category labels under the plot. When the labels do not all fit, up to
    /// `staggerUpTo` of them are set on two alternating lines (every label stays visible);
    /// beyond that only every n-th label is shown.
    static func drawCategoryAxis(_ markup: inout Markup, labels: [String], x: CategoryScale, plot: PlotArea,
                                 baselineY: Double? = nil, staggerUpTo: Int = 0) {
        markup.open("g", [("class", "axis axis-x")])
        let y = baselineY ?? plot.bottom
        markup.empty("line", [("class", "axis-line"), ("x1", coord(plot.left)), ("x2", coord(plot.right)),
                              ("y1", coord(y)), ("y2", coord(y))])
        let widest = labels.map { estimatedTextWidth($0) }.max() ?? 0
        var shown = CategoryScale.labelledIndices(count: labels.count, width: plot.width, slot: widest + 8)
        var stagger = false
        if shown.count < labels.count, labels.count <= staggerUpTo {
            shown = Array(labels.indices)
            stagger = true
        }
        for index in shown {
            let lineOffset = stagger && index % 2 == 1 ? 13.0 : 0
            markup.element("text", [("class", "tick-label"), ("x", coord(x.center(index))),
                                    ("y", coord(plot.bottom + 16 + lineOffset)), ("text-anchor", "middle")], labels[index])
        }
        markup.close("g")
    }

    /// Vertical grid lines and tick labels under the plot for a horizontal value scale.
    static func drawHorizontalValueAxis(_ markup: inout Markup, scale: NiceScale, labels: [String], x: LinearScale,
                                        plot: PlotArea) {
        markup.open("g", [("class", "axis axis-x")])
        for (index, tick) in scale.ticks.enumerated() {
            let position = x(tick)
            markup.empty("line", [("class", tick == 0 ? "grid zero" : "grid"), ("x1", coord(position)),
                                  ("x2", coord(position)), ("y1", coord(plot.top)), ("y2", coord(plot.bottom))])
            markup.element("text", [("class", "tick-label"), ("x", coord(position)), ("y", coord(plot.bottom + 16)),
                                    ("text-anchor", "middle")], index < labels.count ? labels[index] : "")
        }
        markup.close("g")
    }

    /// Category labels left of the plot (one per band, thinned when bands are under 13 units high).
    static func drawVerticalCategoryAxis(_ markup: inout Markup, labels: [String], y: CategoryScale, plot: PlotArea,
                                         baselineX: Double) {
        markup.open("g", [("class", "axis axis-y")])
        markup.empty("line", [("class", "axis-line"), ("x1", coord(baselineX)), ("x2", coord(baselineX)),
                              ("y1", coord(plot.top)), ("y2", coord(plot.bottom))])
        for index in CategoryScale.labelledIndices(count: labels.count, width: plot.height, slot: 13) {
            markup.element("text", [("class", "tick-label"), ("x", coord(plot.left - 6)), ("y", coord(y.center(index) + 4)),
                                    ("text-anchor", "end")], labels[index])
        }
        markup.close("g")
    }

    /// Width the left margin needs for `labels` plus the gap to the plot.
    static func labelMargin(_ labels: [String]) -> Double {
        max(28, (labels.map { estimatedTextWidth($0) }.max() ?? 0) + 12)
    }
}

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
