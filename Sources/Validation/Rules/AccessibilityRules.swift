/// `svg-role` and `svg-title`: every outermost `<svg>` (a chart) has `role="img"` and a
/// non-empty `<title>` child, so assistive technology announces it as one image with a name.
/// Nested `<svg>` elements are layout inside a chart and are not checked.
struct SVGAccessibilityRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        for svg in context.tree.elements where svg.localName == "svg" && !context.tree.hasAncestor(svg, named: ["svg"]) {
            if let role = svg.attribute("role") {
                if role.value.trimmingASCIIWhitespace.asciiLowercased != "img" {
                    findings.append(context.finding("svg-role", at: role,
                        "<svg> has role=\"\(role.value)\"; charts need role=\"img\""))
                }
            } else {
                findings.append(context.finding("svg-role", at: svg, "<svg> has no role=\"img\"; charts need it to be announced as images"))
            }
            let titles = context.tree.children(of: svg).filter { $0.localName == "title" }
            if let title = titles.first {
                if title.text.trimmingASCIIWhitespace.isEmpty {
                    findings.append(context.finding("svg-title", at: title, "<title> of <svg> is empty; say what the chart shows"))
                }
            } else {
                findings.append(context.finding("svg-title", at: svg, "<svg> has no <title> child; add one saying what the chart shows"))
            }
        }
        return findings
    }
}

/// `img-alt`: every `<img>` has an `alt` attribute (`alt=""` marks a decorative image).
struct ImageAltRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        context.tree.elements.filter { $0.localName == "img" && $0.attribute("alt") == nil }.map {
            context.finding("img-alt", at: $0, "<img> has no alt attribute; describe the image (alt=\"\" if decorative)")
        }
    }
}

/// `table-headers`: every `<table>` has at least one `<th>` of its own (cells of a nested
/// table do not count for the outer one).
struct TableHeadersRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        for table in context.tree.elements where table.localName == "table" {
            let hasHeader = context.tree.descendants(of: table).contains { cell in
                cell.localName == "th" && nearestTable(of: cell, in: context.tree) == table.index
            }
            if !hasHeader {
                findings.append(context.finding("table-headers", at: table,
                    "<table> has no header cells (<th>); label its columns or rows"))
            }
        }
        return findings
    }

    private func nearestTable(of element: MarkupElement, in tree: MarkupTree) -> Int? {
        var current = element.parent
        while let index = current {
            if tree.elements[index].localName == "table" { return index }
            current = tree.elements[index].parent
        }
        return nil
    }
}
