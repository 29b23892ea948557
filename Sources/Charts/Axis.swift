/// Value and category axes drawn around a `PlotArea`.
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
