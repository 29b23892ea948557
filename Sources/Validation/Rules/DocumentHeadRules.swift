let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
let svgNamespace = "http://www.w3.org/2000/svg"

/// Where document-level findings go when the element they concern is missing: the `<head>`,
/// else the root element, else line 1 column 1.
private func documentAnchor(_ context: RuleContext) -> (line: Int, column: Int) {
    if let head = context.tree.elements.first(where: { $0.localName == "head" }) { return (head.line, head.column) }
    if let root = context.tree.root { return (root.line, root.column) }
    return (1, 1)
}

private func documentFinding(_ context: RuleContext, _ rule: String, _ message: String) -> ValidationFinding {
    let anchor = documentAnchor(context)
    return ValidationFinding(path: context.path, line: anchor.line, column: anchor.column, rule: rule, message: message)
}

/// `lang`: the root `<html>` has a non-empty `lang` (screen readers and hyphenation use it), and
/// an `xml:lang`, when present, has the same value (ASCII case ignored).
struct LanguageRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        guard let root = context.tree.root, root.localName == "html" else {
            return [ValidationFinding(path: context.path, line: context.tree.root?.line ?? 1,
                                      column: context.tree.root?.column ?? 1, rule: "lang",
                                      message: "the root element is not <html>, so the document has no language")]
        }
        guard let lang = root.attribute("lang") else {
            return [context.finding("lang", at: root, "<html> has no lang attribute; add the report's language, e.g. lang=\"en\"")]
        }
        if lang.value.trimmingASCIIWhitespace.isEmpty {
            return [context.finding("lang", at: lang, "<html lang> is empty; give the report's language, e.g. lang=\"en\"")]
        }
        if let xmlLang = root.attribute("xml:lang"), xmlLang.value.asciiLowercased != lang.value.asciiLowercased {
            return [context.finding("lang", at: xmlLang,
                "<html xml:lang=\"\(xmlLang.value)\"> differs from lang=\"\(lang.value)\"; polyglot HTML needs the same value")]
        }
        return []
    }
}

/// `charset`: a `<meta charset="utf-8">` (any ASCII case) is present, no `<meta charset>`
/// names another encoding, and it starts within the first 1024 bytes of the file (browsers
/// look no further when sniffing the encoding).
struct CharsetRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        let metas = context.tree.elements.filter { $0.localName == "meta" && $0.attribute("charset") != nil }
        var findings: [ValidationFinding] = []
        for meta in metas {
            guard let charset = meta.attribute("charset") else { continue }
            if charset.value.trimmingASCIIWhitespace.asciiLowercased != "utf-8" {
                findings.append(context.finding("charset", at: charset,
                    "<meta charset=\"\(charset.value)\"> must be \"utf-8\"; reports are written in UTF-8"))
            } else if let offset = meta.sourceOffset, offset >= 1024 {
                findings.append(context.finding("charset", at: meta,
                    "<meta charset> starts at byte \(offset); move it into the first 1024 bytes (first in <head>)"))
            }
        }
        if metas.isEmpty {
            findings.append(documentFinding(context, "charset", "no <meta charset=\"utf-8\"> in the document; add it as the first element of <head>"))
        }
        return findings
    }
}

/// `title`: the document (not an SVG chart) has a `<title>` inside `<head>` with some text.
struct TitleRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        let titles = context.tree.elements.filter {
            $0.localName == "title" && $0.namespace != svgNamespace
                && context.tree.hasAncestor($0, named: ["head"])
                && !context.tree.hasAncestor($0, named: ["svg", "math"])
        }
        guard let title = titles.first else {
            return [documentFinding(context, "title", "no <title> in <head>; give the report a title")]
        }
        if title.text.trimmingASCIIWhitespace.isEmpty {
            return [context.finding("title", at: title, "<title> is empty; give the report a title")]
        }
        return []
    }
}

/// `namespace`: polyglot HTML must also be correct XHTML, so `<html>` declares
/// `xmlns="http://www.w3.org/1999/xhtml"` and every `<svg>` declares
/// `xmlns="http://www.w3.org/2000/svg"` (otherwise an XML reader sees no SVG at all).
struct NamespaceRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        for element in context.tree.elements {
            let expected: String
            switch element.localName {
            case "html" where element.parent == nil: expected = xhtmlNamespace
            case "svg" where !context.tree.hasAncestor(element, named: ["svg"]): expected = svgNamespace
            default: continue
            }
            let declared = context.isXMLTree ? element.namespace : element.value("xmlns")
            if declared != expected {
                findings.append(context.finding("namespace", at: element,
                    "<\(element.localName)> must declare xmlns=\"\(expected)\" (polyglot HTML)"))
            }
        }
        return findings
    }
}

/// `doctype`: the file starts (after an optional UTF-8 byte-order mark and whitespace) with
/// exactly `<!DOCTYPE html>` — upper-case `DOCTYPE` as XML requires, lower-case `html` as
/// polyglot markup requires — so browsers render in standards mode rather than quirks mode.
struct DoctypeRule: DocumentRule {
    func check(_ context: RuleContext) -> [ValidationFinding] {
        let bytes = context.source.bytes
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[offset]) { offset += 1 }
        if bytes[offset...].starts(with: "<!DOCTYPE html>".utf8) { return [] }
        return [ValidationFinding(path: context.path, line: 1, column: 1, rule: "doctype",
                                  message: "the file does not start with <!DOCTYPE html>; browsers would render it in quirks mode")]
    }
}
