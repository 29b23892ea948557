import MarkupText

/// Text escaped for SVG and HTML by the shared escaper (``MarkupText/escaped(_:)``): markup
/// characters become references, characters XML 1.0 forbids become U+FFFD, bidi controls are
/// removed. Text content is cut with "…" after ``MarkupText/displayLimit`` characters;
/// attribute values (path data, coordinates) never are (`capped: false`).
func escapeMarkup(_ text: String, capped: Bool = true) -> String {
    var out = ""
    MarkupText.appendEscaped(text, to: &out, limit: capped ? MarkupText.displayLimit : nil)
    return out
}

/// Builds well-formed XML text: every attribute value and text is escaped, empty elements are
/// self-closed, attributes keep the order given (deterministic output). Every piece is appended
/// to `text` in place (no string is built for a tag and then copied in).
struct Markup {
    private(set) var text = ""

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        startTag(name, attributes)
        text += ">"
    }

    mutating func close(_ name: String) {
        text += "</"
        text += name
        text += ">"
    }

    /// `<name a="b"/>`
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        startTag(name, attributes)
        text += "/>"
    }

    /// `<name a="b">escaped content</name>`
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String) {
        startTag(name, attributes)
        text += ">"
        MarkupText.appendEscaped(content, to: &text, limit: MarkupText.displayLimit)
        close(name)
    }

    /// Appends markup that is already well-formed (built by another `Markup`).
    mutating func append(_ markup: Markup) {
        text += markup.text
    }

    /// Appends a fixed piece of well-formed markup written in the source (tags without
    /// data), so a hot loop appends `<td class="num">` at once rather than tag by tag.
    /// (A string literal is a constant: appending it copies its bytes and allocates nothing.)
    mutating func literal(_ markup: String) {
        text += markup
    }

    /// Appends `content` escaped as element content (capped, as ``element(_:_:_:)`` does).
    mutating func escapedText(_ content: String) {
        MarkupText.appendEscaped(content, to: &text, limit: MarkupText.displayLimit)
    }

    /// Appends `value` escaped as an attribute value (never capped, as in a start tag).
    mutating func escapedAttribute(_ value: String) {
        MarkupText.appendEscaped(value, to: &text, limit: nil)
    }

    /// Reserves room for `count` more bytes of text.
    mutating func reserve(_ count: Int) {
        text.reserveCapacity(text.utf8.count + count)
    }

    /// `<name a="b"` (without the closing `>`).
    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        text += "<"
        text += name
        for (name, value) in attributes {
            text += " "
            text += name
            text += "=\""
            MarkupText.appendEscaped(value, to: &text, limit: nil)
            text += "\""
        }
    }
}

/// SVG path data with coordinates rounded to two decimals: "M10,20H30V5L2.5,7Z".
struct PathData {
    private(set) var d = ""
    var isEmpty: Bool { d.isEmpty }

    // Each piece appended in place (no temporary concatenation).
    mutating func move(_ x: Double, _ y: Double) { point("M", x, y) }
    mutating func line(_ x: Double, _ y: Double) { point("L", x, y) }
    mutating func horizontal(_ x: Double) { d += "H"; d += c(x) }
    mutating func vertical(_ y: Double) { d += "V"; d += c(y) }
    mutating func close() { d += "Z" }

    /// A closed polygon through `points` (nothing for fewer than two).
    mutating func polygon(_ points: [(x: Double, y: Double)]) {
        guard points.count >= 2 else { return }
        move(points[0].x, points[0].y)
        for point in points.dropFirst() { line(point.x, point.y) }
        close()
    }

    private mutating func point(_ command: String, _ x: Double, _ y: Double) {
        d += command
        d += c(x)
        d += ","
        d += c(y)
    }

    private func c(_ value: Double) -> String { DecimalText.coordinate(value) }
}

/// Shorthand for a drawing coordinate attribute value.
func coord(_ value: Double) -> String { DecimalText.coordinate(value) }

/// A chart id prefix safe for XML ids and CSS: letters, digits, "-" and "_" are kept, anything
/// else becomes "-"; a prefix not starting with a letter gets "chart-" in front.
func sanitizedIdPrefix(_ prefix: String) -> String {
    var result = ""
    for scalar in prefix.unicodeScalars {
        let isSafe = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "_"
        result.unicodeScalars.append(isSafe ? scalar : "-")
    }
    if let first = result.unicodeScalars.first, (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") {
        return result
    }
    return "chart-" + result
}
