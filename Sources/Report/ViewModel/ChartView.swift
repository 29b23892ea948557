import Charts
import Mustache

/// A chart as the `chart` partial shows it: the SVG our Charts module drew, its data table
/// (shown in a `<details>` beside it) and an optional caption. `svg` and `table` are markup
/// our own code produced (every data string in them is escaped there), so the template emits
/// them raw; the caption is plain text and escaped by the template.
public struct ChartView: Sendable {
    public var output: ChartOutput
    public var caption: String?

    public init(_ output: ChartOutput, caption: String? = nil) {
        self.output = output
        self.caption = caption
    }

    public var context: MustacheValue {
        var object: [String: MustacheValue] = ["svg": .string(output.svg), "table": .string(output.table)]
        if let caption { object["caption"] = .string(caption) }
        return .object(object)
    }
}
