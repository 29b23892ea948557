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
