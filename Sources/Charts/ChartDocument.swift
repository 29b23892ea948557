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
