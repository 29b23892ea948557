@testable import Charts

/// Small, independent checks of rendered markup (libxml2 validation lives in Validation).
enum MarkupInspection {
    /// Nil when `text` is a well-formed XML fragment with exactly one root element: tags balance,
    /// attribute values are double-quoted, no duplicate attribute, and every "&" starts one of the
    /// five XML entities or a numeric character reference. Otherwise a description of the first problem.
    static func wellFormednessProblem(_ text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        var stack: [String] = []
        var roots = 0
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == ":" || c == "_"
        }
        func checkReference(at start: Int) -> Bool {
            var j = start + 1
            var name = ""
            while j < chars.count, chars[j] != ";", j - start < 12 { name.unicodeScalars.append(chars[j]); j += 1 }
            guard j < chars.count, chars[j] == ";" else { return false }
            if ["amp", "lt", "gt", "quot", "apos"].contains(name) { return true }
            if name.hasPrefix("#x") { return name.count > 2 && name.dropFirst(2).allSatisfy(\.isHexDigit) }
            if name.hasPrefix("#") { return name.count > 1 && name.dropFirst().allSatisfy(\.isNumber) }
            return false
        }
        while i < chars.count {
            let c = chars[i]
            if c == "&" {
                guard checkReference(at: i) else { return "bad reference at \(i)" }
                i += 1
                continue
            }
            guard c == "<" else {
                if stack.isEmpty, c != " ", c != "\n" { return "text outside the root at \(i)" }
                i += 1
                continue
            }
            i += 1
            let closing = i < chars.count && chars[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < chars.count, isNameChar(chars[i]) { name.unicodeScalars.append(chars[i]); i += 1 }
            guard !name.isEmpty else { return "tag without name at \(i)" }
            if closing {
                guard i < chars.count, chars[i] == ">" else { return "bad closing tag </\(name)" }
                guard stack.popLast() == name else { return "unbalanced </\(name)>" }
                i += 1
                continue
            }
            var attributes: Set<String> = []
            while true {
                while i < chars.count, chars[i] == " " { i += 1 }
                guard i < chars.count else { return "unterminated <\(name)" }
                if chars[i] == "/" {
                    guard i + 1 < chars.count, chars[i + 1] == ">" else { return "bad self-closing <\(name)" }
                    if stack.isEmpty { roots += 1 }
                    i += 2
                    break
                }
                if chars[i] == ">" {
                    if stack.isEmpty { roots += 1 }
                    stack.append(name)
                    i += 1
                    break
                }
                var attribute = ""
                while i < chars.count, isNameChar(chars[i]) { attribute.unicodeScalars.append(chars[i]); i += 1 }
                guard !attribute.isEmpty, i + 1 < chars.count, chars[i] == "=", chars[i + 1] == "\"" else {
                    return "unquoted or malformed attribute in <\(name)"
                }
                guard attributes.insert(attribute).inserted else { return "duplicate attribute \(attribute) in <\(name)" }
                i += 2
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "<" { return "< in attribute \(attribute)" }
                    if chars[i] == "&", !checkReference(at: i) { return "bad reference in attribute \(attribute)" }
                    i += 1
                }
                i += 1
            }
        }
        if !stack.isEmpty { return "unclosed <\(stack.last ?? "")>" }
        return roots == 1 ? nil : "\(roots) root elements"
    }

    /// How often `needle` occurs in `text` (non-overlapping).
    static func count(_ needle: String, in text: String) -> Int {
        text.split(separator: needle, omittingEmptySubsequences: false).count - 1
    }

    /// The opening tag of the root element, e.g. `<svg xmlns=… viewBox="0 0 640 300" …>`.
    static func rootTag(_ text: String) -> String {
        guard let end = text.firstIndex(of: ">") else { return text }
        return String(text[...end])
    }

    /// The values of every `name="…"` attribute, in document order.
    static func attributeValues(_ name: String, in text: String) -> [String] {
        text.matches(of: try! Regex(" " + name + "=\"([^\"]*)\"")).map { String($0.output[1].substring ?? "") }
    }

    /// Every attribute value that contains a number with more than two decimals or a trailing
    /// zero after the decimal point (e.g. "12.345", "3.10", "4.0").
    static func badlyRoundedNumbers(_ svg: String) -> [String] {
        let values = svg.matches(of: #/="([^"]*)"/#).map { String($0.output.1) }
        return values.filter { value in
            value.contains(#/\d\.\d{3,}/#) || value.contains(#/\d\.\d*0(?![\d])/#)
        }
    }

    /// The text of the first element with `tag`, e.g. the `<desc>`.
    static func content(of tag: String, in text: String) -> String? {
        guard let open = text.firstRange(of: "<" + tag),
              let start = text[open.upperBound...].firstIndex(of: ">"),
              let close = text[start...].firstRange(of: "</" + tag + ">") else { return nil }
        return String(text[text.index(after: start)..<close.lowerBound])
    }

    /// A check every chart's SVG must pass: returns the list of failed properties.
    static func commonSVGProblems(_ svg: String, idPrefix: String) -> [String] {
        var problems: [String] = []
        if let problem = wellFormednessProblem(svg) { problems.append("not well-formed: " + problem) }
        let root = rootTag(svg)
        if !root.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") { problems.append("no SVG namespace") }
        if !root.contains(" role=\"img\"") { problems.append("no role=img") }
        if !root.contains(" aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\"") { problems.append("aria-labelledby") }
        if !root.contains(" viewBox=\"0 0 ") { problems.append("no viewBox") }
        if root.contains(" width=") || root.contains(" height=") { problems.append("fixed size on <svg>") }
        if !svg.contains("<title id=\"\(idPrefix)-title\">") { problems.append("no title") }
        if !svg.contains("<desc id=\"\(idPrefix)-desc\">") { problems.append("no desc") }
        if svg.lowercased().contains("<script") || svg.contains("href=") || svg.contains("http:") && !svg.contains("xmlns=\"http://www.w3.org/2000/svg\"") {
            problems.append("script or external reference")
        }
        if svg.contains("&nbsp;") { problems.append("&nbsp;") }
        let bad = badlyRoundedNumbers(svg)
        if !bad.isEmpty { problems.append("badly rounded: \(bad.prefix(3))") }
        let ids = attributeValues("id", in: svg)
        if Set(ids).count != ids.count { problems.append("duplicate ids") }
        if ids.contains(where: { !$0.hasPrefix(idPrefix) }) { problems.append("id without prefix") }
        return problems
    }

    /// A check every chart's data table must pass.
    static func commonTableProblems(_ table: String) -> [String] {
        var problems: [String] = []
        if let problem = wellFormednessProblem(table) { problems.append("not well-formed: " + problem) }
        if !table.hasPrefix("<table class=\"chart-data\"><caption>") { problems.append("no caption first") }
        if !table.contains("<thead><tr><th scope=\"col\">") { problems.append("no column headers") }
        if count("<tr>", in: table) > 1, !table.contains("<th scope=\"row\">") { problems.append("no row headers") }
        if table.contains("&nbsp;") { problems.append("&nbsp;") }
        return problems
    }
}
